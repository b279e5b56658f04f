package proxy

import (
	"encoding/json"
	"net/http"
	"time"
)

// AdminHandler serves the admin endpoints: /healthz (the process is up) and
// /readyz (it can take traffic: CA loaded, policy compiled) and /metrics
// (Prometheus), /proxy.pac (vendors through the proxy, the rest direct) and
// /ca.pem (the CA staff machines trust).
func (s *Server) AdminHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /metrics", s.metrics.handler())
	mux.HandleFunc("GET /proxy.pac", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ns-proxy-autoconfig")
		_, _ = w.Write([]byte(pacFile(s.catalog.Hosts(), s.pacAddr(r))))
	})
	mux.HandleFunc("GET /ca.pem", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/x-pem-file")
		w.Header().Set("Content-Disposition", `attachment; filename="promptwall-ca.pem"`)
		_, _ = w.Write(s.ca.CertPEM())
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		checks := map[string]string{"ca": "ok", "policy": "ok", "audit": "ok"}
		status := http.StatusOK
		if s.ca == nil {
			checks["ca"], status = "missing", http.StatusServiceUnavailable
		}
		if !s.policy.Ready() {
			checks["policy"], status = "not loaded (bundle server not reached yet)", http.StatusServiceUnavailable
		}
		if err := s.audit.Healthy(); err != nil {
			checks["audit"], status = "cannot write the audit trail", http.StatusServiceUnavailable
		}
		if s.internal != nil {
			// Shown, not required: allow, block and redact work without it;
			// rerouted prompts are refused while it is down.
			up, at := s.internalHealthy()
			checks["internal_model"] = "down"
			if up {
				checks["internal_model"] = "up"
			}
			if !at.IsZero() {
				checks["internal_model"] += " (checked " + at.UTC().Format(time.RFC3339) + ")"
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"ready": status == http.StatusOK, "checks": checks,
			"policy_revision": s.policy.Revision()})
	})
	return mux
}
