package proxy

import (
	"net/http"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/detect"
	"github.com/promptwall/promptwall/llmapi"
	"github.com/promptwall/promptwall/policy"
	"github.com/promptwall/promptwall/redact"
)

// Redaction over a WebSocket: the message is rewritten as an HTTP body is
// (llmapi.Rewrite) and the vendor's text events come back with the values
// restored (llmapi.EventRestorer, the HTTP stream restorer's engine). The
// vault lives as long as the connection: the same value gets the same
// placeholder in every message, and an answer may name a placeholder of an
// earlier message.

// redact enforces a redact decision on one message. Anything that cannot be
// done as planned refuses it: a message never leaves half-redacted.
func (b *wsBridge) redact(t *txn, msg llmapi.WSMessage, m wsMessage, d policy.Decision, findings []detect.Finding) bool {
	if d.Redact == nil {
		return b.refuse(t, msg, policy.ActionBlock, http.StatusForbidden, "promptwall.redact_unspecified",
			"The policy asked for redaction without saying what to redact, so the message was not sent.")
	}
	spans := redactSpans(d.Redact.Types, findings)
	pseudo := redact.Mode(d.Redact.Mode) == redact.Pseudonymize
	b.stateMu.Lock()
	v := redact.NewVault(redact.Mask)
	if pseudo {
		if b.vault == nil {
			b.vault = redact.NewVault(redact.Pseudonymize)
		}
		v = b.vault
	}
	edits := v.Redact(msg.Segments, spans)
	b.stateMu.Unlock()
	if len(edits) == 0 {
		return b.forward(t, msg, m.op, m.payload)
	}
	out, err := llmapi.Rewrite(msg.API, m.payload, msg.Segments, edits)
	if err != nil {
		b.s.log.Error("websocket redaction failed", zap.String("request_id", t.id), zap.Int("edits", len(edits)), zap.Error(err))
		return b.refuse(t, msg, policy.ActionBlock, http.StatusInternalServerError, "promptwall.redact_failed",
			"The message could not be redacted as the policy asks, so it was not sent.")
	}
	if pseudo {
		b.stateMu.Lock()
		if b.restorer == nil && b.vault != nil {
			b.restorer = llmapi.NewEventRestorer(b.proto.API(), b.vault)
			b.updateWatching()
		}
		b.stateMu.Unlock()
	}
	return b.forward(t, msg, m.op, out)
}

// restore returns the messages to send for one vendor message with the
// connection's values put back; changed is false when it goes as it came.
func (b *wsBridge) restore(payload []byte) (msgs [][]byte, changed bool) {
	b.stateMu.Lock()
	defer b.stateMu.Unlock()
	if b.restorer == nil {
		return nil, false
	}
	msgs = b.restorer.Event(payload)
	if len(msgs) == 1 && len(msgs[0]) == len(payload) && (len(payload) == 0 || &msgs[0][0] == &payload[0]) {
		return nil, false
	}
	return msgs, true
}
