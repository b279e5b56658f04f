package proxy_test

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
)

// Fault injection: each fault gets a clear answer, and the credential in
// the prompt appears in no output (answer, audit trail, log). The bundle
// server, the internal model and the audit trail have their own tests
// (TestBundleServerDownAtStartFailsClosed, TestRerouteInternalDownIsRefused,
// TestAuditUnwritableNothingLeaves).

// writePolicy writes a one-file policy bundle and returns its directory.
func writePolicy(t *testing.T, rego string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.rego"), []byte(rego), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// postSecret posts a chat completion carrying a fresh credential and
// returns the status, the answer and the credential.
func postSecret(t *testing.T, e *env) (int, string, string) {
	t.Helper()
	key := fakeAWSKey(t)
	req, _ := http.NewRequest(http.MethodPost, "https://api.openai.com/v1/chat/completions",
		strings.NewReader(`{"model":"gpt-4o","messages":[{"role":"user","content":"deploy with `+key+`"}]}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, string(b), key
}

// noLeak fails the test if key is in the answer, the audit trail or the log.
func noLeak(t *testing.T, e *env, key, answer string) {
	t.Helper()
	trail, _ := os.ReadFile(e.audit)
	for name, out := range map[string]string{"answer": answer, "audit trail": string(trail), "log": e.logs.String()} {
		if strings.Contains(out, key) {
			t.Errorf("the %s holds the credential", name)
		}
	}
}

// TestFaultUpstreamTLSFailure: a vendor whose certificate promptwall does
// not trust gets nothing; the client reads a clear 502 and the failure is
// audited.
func TestFaultUpstreamTLSFailure(t *testing.T) {
	impostor := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the impostor vendor received a request")
	}))
	impostor.Config.ErrorLog = log.New(io.Discard, "", 0) // its side of the refused handshake
	impostor.StartTLS()
	t.Cleanup(impostor.Close)
	allowAll := writePolicy(t, "package promptwall\n\nimport rego.v1\n\ndecision := {\"action\": \"allow\", \"reasons\": []}\n\ndefault connect := {\"action\": \"mitm\"}\n")
	e := start(t, fakevendor.Start(t), func(c *config.Config) {
		c.Policy.Dir = allowAll
		c.Upstream.Resolve["api.openai.com:443"] = impostor.Listener.Addr().String()
	})
	status, answer, key := postSecret(t, e)
	if status != http.StatusBadGateway || !strings.Contains(answer, "could not reach api.openai.com") {
		t.Fatalf("status %d: %s", status, answer)
	}
	l := e.auditLines(t, 1)[0]
	if l["http.response.status_code"].(float64) != http.StatusBadGateway {
		t.Errorf("audit %v", l)
	}
	if !strings.Contains(e.logs.String(), "certificate") {
		t.Errorf("the log does not say the vendor's certificate failed:\n%s", e.logs.String())
	}
	noLeak(t, e, key, answer)
}

// TestFaultPolicyEvaluationTimeout: a policy that does not decide within
// policy.timeout_ms refuses the request (fail closed) with a clear message,
// and nothing reaches the vendor.
func TestFaultPolicyEvaluationTimeout(t *testing.T) {
	// Twenty-five million iterations: far longer than the timeout.
	slow := writePolicy(t, `package promptwall

import rego.v1

slow if {
	some i in numbers.range(1, 5000)
	some j in numbers.range(1, 5000)
	i * j == -1
}

decision := {"action": "allow", "reasons": []} if not slow

default connect := {"action": "mitm"}
`)
	fv := fakevendor.Start(t)
	e := start(t, fv, func(c *config.Config) {
		c.Policy.Dir = slow
		c.Policy.TimeoutMS = 100
	})
	status, answer, key := postSecret(t, e)
	if status != http.StatusServiceUnavailable || !strings.Contains(answer, "policy could not be evaluated") {
		t.Fatalf("status %d: %s", status, answer)
	}
	if n := len(fv.Requests()); n != 0 {
		t.Fatalf("the vendor received %d requests", n)
	}
	l := e.auditLines(t, 1)[0]
	if rules, _ := l["promptwall.rules"].([]any); len(rules) == 0 || rules[0] != "promptwall.policy_error" {
		t.Errorf("audit %v", l)
	}
	if !strings.Contains(e.logs.String(), "eval_cancel_error") { // OPA stopped at the deadline
		t.Errorf("the log does not say the evaluation timed out:\n%s", e.logs.String())
	}
	noLeak(t, e, key, answer)
}
