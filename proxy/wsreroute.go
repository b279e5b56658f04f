package proxy

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/llmapi"
	"github.com/promptwall/promptwall/policy"
)

// reroute answers one message with the company's internal model, in the
// protocol's own server events: the Responses socket's events are the
// Responses streaming events, which the reroute translation speaks. The
// other protocols have no translation, and their messages are refused with
// why. Nothing reaches the vendor, whatever happens.
func (b *wsBridge) reroute(t *txn, msg llmapi.WSMessage, payload []byte, d policy.Decision) bool {
	s := b.s
	const lead = "Company policy sends this message to the company's internal model"
	if s.internal == nil {
		return b.refuse(t, msg, policy.ActionBlock, http.StatusServiceUnavailable, "promptwall.internal_unconfigured",
			lead+", but none is configured, so it was not sent.")
	}
	model, ref := s.internalModelFor(t, d, "message")
	if ref != nil {
		return b.refuse(t, msg, policy.ActionBlock, ref.status, ref.rule, ref.message)
	}
	tr, err := llmapi.TranslateWebSocket(b.proto, msg, payload, model)
	if err != nil {
		return b.refuse(t, msg, policy.ActionBlock, http.StatusBadRequest, "promptwall.reroute_untranslatable",
			lead+", but it cannot be answered there over this WebSocket ("+strings.TrimPrefix(err.Error(), "llmapi: ")+
				"), so it was not sent. Send it as an HTTPS request instead.")
	}
	t.ev.Route = "internal"
	if ref := s.auditDecision(t); ref != nil { // in the trail before it leaves
		return b.refuse(t, msg, policy.ActionBlock, ref.status, ref.rule, ref.message)
	}
	start := time.Now()
	resp, err := s.internal.send(b.ctx, tr)
	if err != nil {
		s.log.Warn("internal model unreachable", zap.String("request_id", t.id), zap.Error(err))
		return b.refuse(t, msg, policy.ActionBlock, http.StatusBadGateway, "promptwall.internal_unreachable",
			lead+", which could not be reached. It was not sent anywhere else; try again later.")
	}
	s.metrics.upstream.WithLabelValues("internal").Observe(time.Since(start).Seconds())
	if resp.StatusCode != http.StatusOK {
		detail := internalErrorMessage(resp)
		s.log.Warn("internal model failed", zap.String("request_id", t.id), zap.Int("status", resp.StatusCode))
		return b.refuse(t, msg, policy.ActionBlock, http.StatusBadGateway, "promptwall.internal_failed",
			fmt.Sprintf("%s, which failed (HTTP %d%s). It was not sent anywhere else.", lead, resp.StatusCode, detail))
	}
	done := make(chan struct{})
	b.rerouting = done
	// The answer streams while the client loop goes on relaying control
	// frames; the next data message waits for it (handle).
	go func() {
		defer close(done)
		evs := tr.WebSocketEvents(resp.Body, msg.StreamID)
		defer evs.Close()
		for {
			data, err := evs.Next()
			if err != nil {
				t.ev.EndReason = audit.EndEOF
				if err != io.EOF {
					t.ev.Reason = "the internal model's answer broke off before its end"
					t.ev.EndReason = audit.EndUpstreamError
				}
				break
			}
			if b.toClient(wsFrame(wsText, data, false)) != nil {
				t.ev.Reason = "the client left before the answer ended"
				t.ev.EndReason = audit.EndClientGone
				break
			}
		}
		u := tr.Usage()
		t.ev.InputTok, t.ev.OutputTok = u.InputTokens, u.OutputTokens
		b.audit(t, "", http.StatusOK, "")
	}()
	return true
}
