package proxy

import (
	"net/http"
	"slices"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/llmapi"
)

// The audit event of a WebSocket message that asks for an answer
// (response.create, a complete Gemini turn) waits for the answer's end, so
// that it carries the token usage the vendor reports there
// (response.completed, Realtime response.done, Gemini usageMetadata), as an
// HTTP request's event does. Answers end in the order they were asked for.

// maxWaiting bounds the events held per connection: past it, the oldest is
// written without its usage, and the end of its answer, when it comes, is
// skipped (wsBridge.evicted) so that later answers keep their own usage.
const maxWaiting = 32

// waitingAnswer is a forwarded message whose answer is running.
type waitingAnswer struct {
	t       *txn
	eventID string // the client's event_id (Realtime names it in its error event)
}

// await holds t's event until its answer ends. It is called before the
// message is sent, so the answer cannot end first.
func (b *wsBridge) await(t *txn, eventID string) {
	b.stateMu.Lock()
	b.waiting = append(b.waiting, waitingAnswer{t: t, eventID: eventID})
	var over *txn
	if len(b.waiting) > maxWaiting {
		over = b.waiting[0].t
		b.waiting = b.waiting[1:]
		b.evicted++
	}
	b.updateWatching()
	b.stateMu.Unlock()
	if over != nil {
		over.ev.Reason = "the answer was not seen to end: too many answers running on one connection"
		over.ev.EndReason = audit.EndUpstreamError
		b.audit(over, "", http.StatusSwitchingProtocols, "")
	}
}

// answerEvent takes the usage of a server message and writes the event of
// the answer it ends.
func (b *wsBridge) answerEvent(ev llmapi.WSServerEvent) {
	if !ev.Ends && ev.ErrorEventID == "" && ev.Usage == (llmapi.Usage{}) {
		return
	}
	b.stateMu.Lock()
	var done *txn
	switch {
	case ev.ErrorEventID != "":
		// Realtime refused one message: its answer never starts.
		i := slices.IndexFunc(b.waiting, func(w waitingAnswer) bool { return w.eventID == ev.ErrorEventID })
		switch {
		case i >= 0:
			done = b.waiting[i].t
			done.ev.Reason = "the vendor answered with an error event"
			done.ev.EndReason = audit.EndUpstreamError
			b.waiting = append(b.waiting[:i:i], b.waiting[i+1:]...)
		case b.evicted > 0:
			b.evicted-- // a message whose event was written early
		}
	case b.evicted > 0:
		// The oldest answers running belong to events already written.
		if ev.Ends {
			b.evicted--
		}
	case len(b.waiting) > 0:
		head := b.waiting[0].t
		head.ev.InputTok = max(head.ev.InputTok, ev.Usage.InputTokens)
		head.ev.OutputTok = max(head.ev.OutputTok, ev.Usage.OutputTokens)
		if ev.Ends {
			done = head
			done.ev.EndReason = audit.EndEOF
			b.waiting = b.waiting[1:]
		}
	}
	b.updateWatching()
	b.stateMu.Unlock()
	if done != nil {
		b.audit(done, "", http.StatusSwitchingProtocols, "")
	}
}

// updateWatching says whether server messages must be read whole. Called
// with stateMu held.
func (b *wsBridge) updateWatching() {
	b.watching.Store(len(b.waiting) > 0 || b.restorer != nil)
}

// endState writes the events still waiting and forgets the redacted
// values: the connection is over.
func (b *wsBridge) endState() {
	b.stateMu.Lock()
	waiting := b.waiting
	b.waiting = nil
	if b.vault != nil {
		b.vault.Drop()
	}
	b.restorer = nil
	b.updateWatching()
	b.stateMu.Unlock()
	for _, w := range waiting {
		w.t.ev.Reason = "the connection closed before the answer ended"
		w.t.ev.EndReason = audit.EndClientGone
		b.audit(w.t, "", http.StatusSwitchingProtocols, "")
	}
}
