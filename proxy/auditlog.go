package proxy

import (
	"net/http"
	"time"
	"unicode/utf8"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/config"
)

// auditUnavailable is the user's message when the audit trail cannot be
// written and audit.fail_mode is closed.
const auditUnavailable = "promptwall cannot write its audit trail right now, so nothing is sent to LLM services. Try again later, or tell the security team."

// writeAudit appends ev to the audit trail; a failure is logged and counted.
func (s *Server) writeAudit(ev *audit.Event) error {
	err := s.audit.Write(ev)
	if err != nil {
		s.metrics.auditErrors.Inc()
		s.log.Error("audit write failed", zap.String("request_id", ev.ID), zap.Error(err))
	}
	return err
}

// auditDecision writes t's decision line (event.type start) before the
// request leaves for the vendor or the internal model: the trail holds every
// prompt that went out even if the proxy dies mid-answer. Its completion line
// follows when the answer ends: from here on t.ev is that line, so the next
// writeAudit of it (the answer's end, or a refusal after all) writes the end
// with the rules added since only.
//
// When the line cannot be written the request is refused with the audit
// refusal (audit.fail_mode closed), or goes on with a loud log (open) and
// its record is written whole when it ends, if the trail is back by then.
func (s *Server) auditDecision(t *txn) *refusal {
	t.ev.Phase = audit.PhaseStart
	err := s.writeAudit(&t.ev)
	if err == nil {
		// The completion line is stamped when it is written (the answer's end).
		t.ev.Phase, t.ev.Rules, t.ev.Time = audit.PhaseEnd, nil, time.Time{}
		return nil
	}
	t.ev.Phase = audit.PhaseComplete
	if s.cfg.Audit.FailMode == config.FailOpen {
		s.log.Error("audit trail unwritable: forwarding the request unaudited (audit.fail_mode: open)",
			zap.String("request_id", t.id), zap.Error(err))
		return nil
	}
	return &refusal{http.StatusServiceUnavailable, "promptwall.audit_unavailable", auditUnavailable}
}

// maxAuditPath bounds url.path in an audit event: a client controls it (up
// to the 1 MiB header limit), and an audit line must stay far below the
// reader's 1 MiB.
const maxAuditPath = 2048

// auditPath is p, cut to maxAuditPath bytes on a rune boundary, with "…"
// marking the cut.
func auditPath(p string) string {
	if len(p) <= maxAuditPath {
		return p
	}
	cut := maxAuditPath
	for cut > 0 && !utf8.RuneStart(p[cut]) {
		cut--
	}
	return p[:cut] + "…"
}
