package proxy

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/llmapi"
	"github.com/promptwall/promptwall/policy"
)

// refuse answers for promptwall itself (an unreadable body, a policy error, …)
// with the reason recorded under rule in the audit.
func (s *Server) refuse(t *txn, status int, rule, message string) *http.Response {
	if t.ev.Action == "" {
		t.ev.Action = policy.ActionBlock
	}
	t.ev.Rules = append(t.ev.Rules, rule)
	return s.respond(t, status, message)
}

// refuseDecision answers a block decided by the policy.
func (s *Server) refuseDecision(t *txn, status int, d policy.Decision) *http.Response {
	return s.respond(t, status, userMessage(d.Reasons, "Company policy does not allow this request to be sent."))
}

// respond is the one place a refusal becomes an HTTP response: audited
// first, then shaped like the vendor's own error so the SDKs show it. After
// a decision line (the request was on its way out: auditDecision) the audit
// line is its completion.
func (s *Server) respond(t *txn, status int, message string) *http.Response {
	if t.ev.Action == "" {
		t.ev.Action = policy.ActionBlock
	}
	if t.ev.Phase == audit.PhaseEnd && t.ev.EndReason == "" {
		t.ev.EndReason = audit.EndRefused
	}
	text := "promptwall: " + message + " Request id: " + t.id + "."
	body := llmapi.ErrorBody(t.vendor, t.api, status, text)
	t.ev.Route = "" // answered by promptwall, nobody else
	t.ev.Status, t.ev.ResponseBytes = status, int64(len(body))
	t.ev.Duration = time.Since(t.start)
	s.metrics.requests.WithLabelValues(t.vendor, string(t.api), t.ev.Action).Inc()
	_ = s.writeAudit(&t.ev)
	return &http.Response{
		Status:     strconv.Itoa(status) + " " + http.StatusText(status),
		StatusCode: status,
		Proto:      "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{
			"Content-Type":            {"application/json"},
			"Content-Length":          {strconv.Itoa(len(body))},
			"X-Promptwall-Request-Id": {t.id},
		},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       t.req,
	}
}
