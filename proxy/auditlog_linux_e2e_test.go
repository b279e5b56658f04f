//go:build linux

package proxy_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
)

// unwritableAudit makes every write past the audit file's current size fail
// (RLIMIT_FSIZE: write(2) returns EFBIG; Go ignores SIGXFSZ) until the
// returned function restores the limit. Root ignores file modes, so this is
// how a test makes the trail unwritable. The limit is the process's: no
// other file may grow meanwhile, so callers must not run in parallel.
func unwritableAudit(t *testing.T, e *env) (restore func()) {
	t.Helper()
	st, err := os.Stat(e.audit)
	if err != nil {
		t.Fatal(err)
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skipf("no RLIMIT_FSIZE: %v", err)
	}
	lim := old
	lim.Cur = uint64(st.Size())
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Skipf("cannot lower RLIMIT_FSIZE: %v", err)
	}
	var once bool
	restore = func() {
		if !once {
			once = true
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
				t.Fatalf("restoring RLIMIT_FSIZE: %v", err)
			}
		}
	}
	t.Cleanup(restore)
	return restore
}

// TestAuditUnwritableNothingLeaves: with audit.fail_mode closed, a request
// whose decision line cannot be written never reaches the vendor, and the
// user is told why; with open, it goes on, the log says so loudly, and the
// record is written whole when the answer ends (the trail is back by then).
func TestAuditUnwritableNothingLeaves(t *testing.T) {
	t.Run("closed", func(t *testing.T) {
		fv := fakevendor.Start(t)
		e := start(t, fv, nil)
		restore := unwritableAudit(t, e)
		status, body := postChat(t, e.client(), "Summarise the quarterly report.", false)
		restore()
		if status != http.StatusServiceUnavailable || !strings.Contains(string(body), "audit trail") {
			t.Fatalf("status %d: %s", status, body)
		}
		if n := len(fv.Requests()); n != 0 {
			t.Fatalf("the vendor received %d requests with the audit trail unwritable", n)
		}
		if !strings.Contains(e.logs.String(), "audit write failed") {
			t.Error("the failed audit write is not logged")
		}
		resp, err := http.Get("http://" + e.admin + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Error("/readyz is green with the audit trail failing")
		}
	})
	t.Run("open", func(t *testing.T) {
		gate := make(chan struct{})
		arrived := make(chan struct{}, 1)
		fv := fakevendor.Start(t, fakevendor.WithStreamGate(gate),
			fakevendor.WithOnRequest(func(fakevendor.Request) { arrived <- struct{}{} }))
		e := start(t, fv, func(c *config.Config) { c.Audit.FailMode = config.FailOpen })
		restore := unwritableAudit(t, e)
		done := make(chan error, 1)
		go func() {
			req, _ := http.NewRequest(http.MethodPost, "https://api.openai.com/v1/chat/completions",
				strings.NewReader(`{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Summarise the quarterly report."}]}`))
			req.Header.Set("Content-Type", "application/json")
			resp, err := e.client().Do(req)
			if err == nil {
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err == nil && resp.StatusCode != 200 {
					err = fmt.Errorf("status %d", resp.StatusCode)
				}
			}
			done <- err
		}()
		select {
		case <-arrived: // the request went out unaudited
		case err := <-done:
			t.Fatalf("the request did not reach the vendor: %v", err)
		}
		restore()
		close(gate)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(e.logs.String(), "forwarding the request unaudited") {
			t.Error("fail-open forwarding is not logged loudly")
		}
		lines := e.auditLines(t, 1)
		if typ := anyStrings(lines[0]["event.type"]); len(typ) != 2 || lines[0]["promptwall.end_reason"] != "eof" ||
			lines[0]["event.action"] != "allow" || lines[0]["http.response.status_code"].(float64) != 200 {
			t.Fatalf("record %v", lines[0])
		}
	})
}

// TestAuditUnwritableAllowedUpgradeRefused: an upgrade the policy lets
// through uninspected is audited before its handshake leaves, so under
// audit.fail_mode closed an unwritable trail refuses it and the vendor never
// sees it.
func TestAuditUnwritableAllowedUpgradeRefused(t *testing.T) {
	dir := teamPolicy(t, func(d map[string]any) {
		d["allowed_upgrades"] = []any{map[string]any{"host": "api.openai.com", "path": "/ws/echo", "upgrade": "websocket"}}
	})
	e, ws := startWS(t, func(c *config.Config) { c.Policy.Dir = dir })
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	restore := unwritableAudit(t, e)
	c, resp, err := websocket.Dial(ctx, "wss://api.openai.com/ws/echo", &websocket.DialOptions{HTTPClient: e.client()})
	restore()
	if err == nil {
		c.CloseNow()
		t.Fatal("the upgrade went through with the audit trail unwritable")
	}
	if resp == nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("dial: %v %v", err, resp)
	}
	if hs := ws.Handshakes(); len(hs) != 0 {
		t.Fatalf("the vendor received %d handshakes with the audit trail unwritable", len(hs))
	}
}
