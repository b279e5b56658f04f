package proxy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakemodel"
	"github.com/promptwall/promptwall/internal/fakevendor"
	"github.com/promptwall/promptwall/internal/fakews"
)

// arrivals records, for each request that reaches an upstream, the audit
// trail as it stood at that moment.
type arrivals struct {
	mu    sync.Mutex
	e     *env
	snaps [][]map[string]any
}

func (a *arrivals) see(t testing.TB) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.snaps = append(a.snaps, a.e.auditRawLines(t))
}

func (a *arrivals) last(t *testing.T) []map[string]any {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.snaps) == 0 {
		t.Fatal("nothing reached the upstream")
	}
	return a.snaps[len(a.snaps)-1]
}

// postChat posts a chat completion through the proxy and reads the answer
// to its end.
func postChat(t *testing.T, c *http.Client, prompt string, stream bool) (int, []byte) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"model": "gpt-4o", "stream": stream,
		"messages": []any{map[string]any{"role": "user", "content": prompt}}})
	req, _ := http.NewRequest(http.MethodPost, "https://api.openai.com/v1/chat/completions", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer sk-test-not-a-real-key")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, got
}

// checkTwoLines asserts the record of the last request: its decision line
// was in the trail when the request reached the upstream (seen) and its
// completion was not; the trail now holds both, in that order, chained.
func checkTwoLines(t *testing.T, e *env, seen []map[string]any, action, route string) (start, end map[string]any) {
	t.Helper()
	if len(seen) == 0 {
		t.Fatal("the audit trail was empty when the request reached the upstream")
	}
	decided := seen[len(seen)-1]
	if typ := anyStrings(decided["event.type"]); len(typ) != 1 || typ[0] != "start" {
		t.Fatalf("the last audit line when the request arrived is not a decision line: %v", decided)
	}
	id := decided["event.id"]
	lines := e.auditRawLines(t)
	var at []int
	for i, l := range lines {
		if l["event.id"] == id {
			at = append(at, i)
		}
	}
	if len(at) != 2 {
		t.Fatalf("%d audit lines with event.id %v, want 2", len(at), id)
	}
	start, end = lines[at[0]], lines[at[1]]
	if typ := anyStrings(end["event.type"]); len(typ) != 1 || typ[0] != "end" {
		t.Fatalf("second line is not a completion line: %v", end)
	}
	for _, l := range seen {
		if l["event.id"] == id && l["hash"] != start["hash"] {
			t.Fatalf("the completion line was written before the request reached the upstream: %v", l)
		}
	}
	if start["event.action"] != action || start["promptwall.route"] != route || start["http.request.body.bytes"].(float64) <= 0 {
		t.Errorf("decision line %v", start)
	}
	if end["http.response.status_code"].(float64) != 200 || end["promptwall.end_reason"] != "eof" ||
		end["http.response.body.bytes"].(float64) <= 0 || end["event.duration"].(float64) <= 0 || end["promptwall.route"] != route {
		t.Errorf("completion line %v", end)
	}
	if _, ok := end["promptwall.findings"]; ok {
		t.Errorf("completion line repeats the decision: %v", end)
	}
	// Each line is stamped when it was written: the completion at the end.
	t0, _ := time.Parse(time.RFC3339Nano, start["@timestamp"].(string))
	t1, _ := time.Parse(time.RFC3339Nano, end["@timestamp"].(string))
	if !t1.After(t0) {
		t.Errorf("completion stamped %v, decision %v: want the completion later", t1, t0)
	}
	if res, err := audit.Verify([]string{e.audit}); err != nil || !res.OK() {
		t.Fatalf("audit verify: %v %v", err, res.Problems)
	}
	return start, end
}

// TestAuditDecisionLineBeforeForwarding: the fake vendor looks at the audit
// trail when a request arrives and finds its decision line already there,
// for a whole answer, a stream and a redacted prompt.
func TestAuditDecisionLineBeforeForwarding(t *testing.T) {
	a := &arrivals{}
	fv := fakevendor.Start(t, fakevendor.WithEcho(), fakevendor.WithOnRequest(func(fakevendor.Request) { a.see(t) }))
	e := start(t, fv, nil)
	a.e = e
	c := e.client()

	status, body := postChat(t, c, "Summarise the quarterly report.", false)
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	_, end := checkTwoLines(t, e, a.last(t), "allow", "vendor")
	if u := end["promptwall.usage"].(map[string]any); u["input_tokens"].(float64) <= 0 {
		t.Errorf("completion line has no usage: %v", end)
	}
	if got := end["http.response.body.bytes"].(float64); int(got) != len(body) {
		t.Errorf("http.response.body.bytes %v, client read %d", got, len(body))
	}

	if status, body := postChat(t, c, "Summarise the quarterly report, streamed.", true); status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	checkTwoLines(t, e, a.last(t), "allow", "vendor")

	f := newRedactFixture(t)
	if status, body := postChat(t, c, f.prompt, false); status != 200 || !bytes.Contains(body, []byte(f.email)) {
		t.Fatalf("status %d: %s", status, body)
	}
	if last := fv.Last().Body; bytes.Contains(last, []byte(f.email)) || !bytes.Contains(last, []byte("<EMAIL_1>")) {
		t.Fatalf("the vendor did not receive the redacted prompt: %s", last)
	}
	start, _ := checkTwoLines(t, e, a.last(t), "redact", "vendor")
	if len(start["promptwall.findings"].([]any)) == 0 {
		t.Errorf("decision line has no findings: %v", start)
	}

	// Requests are counted once in the report, with the completions' usage
	// (the stream asked for none).
	r, err := audit.Summarize([]string{e.audit}, time.Time{}, 0)
	if err != nil || r.Requests != 3 || r.Unfinished != 0 || r.UnmatchedEnds != 0 || r.TokensSentOut.Requests != 2 ||
		len(r.EndReasons) != 1 || r.EndReasons[0] != (audit.Count{Name: "eof", Count: 3}) {
		t.Fatalf("report: %v %+v", err, r)
	}
}

// TestAuditDecisionLineBeforeReroute: the same for a prompt rerouted to the
// internal model, which sees the decision line on arrival.
func TestAuditDecisionLineBeforeReroute(t *testing.T) {
	a := &arrivals{}
	fm := fakemodel.Start(t)
	u, _ := url.Parse(fm.URL)
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: u.Scheme, Host: u.Host})
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			a.see(t)
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	fv := fakevendor.Start(t)
	e := start(t, fv, func(c *config.Config) {
		c.Internal.BaseURL = front.URL + u.Path
		c.Internal.Models = map[string]string{"*": fakemodel.DefaultModel}
	})
	a.e = e
	for _, stream := range []bool{false, true} {
		if status, body := postChat(t, e.client(), confidentialPrompt, stream); status != 200 {
			t.Fatalf("status %d: %s", status, body)
		}
		checkTwoLines(t, e, a.last(t), "reroute", "internal")
	}
	if n := len(fv.Requests()); n != 0 {
		t.Fatalf("the vendor received %d requests", n)
	}
}

// TestAuditCompletionOfARefusedReroute: the internal model fails after the
// decision line: the completion says so, and the joined record is a refusal.
func TestAuditCompletionOfARefusedReroute(t *testing.T) {
	r := startReroute(t)
	r.model.Fail(http.StatusInternalServerError)
	if status, _ := postChat(t, r.client(), confidentialPrompt, false); status != http.StatusBadGateway {
		t.Fatalf("status %d, want 502", status)
	}
	lines := r.auditRawLines(t)
	if len(lines) != 2 {
		t.Fatalf("%d audit lines, want a decision and its completion", len(lines))
	}
	end := lines[1]
	if end["event.id"] != lines[0]["event.id"] || end["promptwall.end_reason"] != "upstream_error" || end["promptwall.route"] != "" ||
		end["http.response.status_code"].(float64) != 502 || !strings.Contains(strings.Join(anyStrings(end["promptwall.rules"]), ","), "promptwall.internal_failed") {
		t.Fatalf("completion line %v", end)
	}
	if len(anyStrings(end["promptwall.rules"])) != 1 {
		t.Errorf("completion line repeats the decision's rules: %v", end["promptwall.rules"])
	}
}

// TestAuditDecisionLineBeforeWebSocketMessage: a Responses WebSocket
// message that asks for an answer has its decision line in the trail when
// the vendor receives it, and its completion (with the usage) after.
func TestAuditDecisionLineBeforeWebSocketMessage(t *testing.T) {
	a := &arrivals{}
	e, _ := startWS(t, nil, fakews.WithOnMessage(func(fakews.Message) { a.see(t) }))
	a.e = e
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c := e.dialWS(t, ctx)
	send(t, ctx, c, `{"type":"response.create","model":"gpt-5","input":"What is the capital of Italy?"}`)
	if got := readAnswer(t, ctx, c); got != fakews.DefaultReply {
		t.Fatalf("answer %q", got)
	}
	seen := a.last(t)
	if len(seen) == 0 {
		t.Fatal("the audit trail was empty when the message reached the vendor")
	}
	decided := seen[len(seen)-1]
	if typ := anyStrings(decided["event.type"]); len(typ) != 1 || typ[0] != "start" || decided["event.action"] != "allow" {
		t.Fatalf("the last audit line when the message arrived is not its decision line: %v", decided)
	}
	var end map[string]any
	deadline := time.Now().Add(5 * time.Second)
	for end == nil && time.Now().Before(deadline) {
		for _, l := range e.auditRawLines(t) {
			if l["event.id"] == decided["event.id"] && anyStrings(l["event.type"])[0] == "end" {
				end = l
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if end == nil {
		t.Fatal("no completion line for the message")
	}
	if u, _ := end["promptwall.usage"].(map[string]any); u == nil || u["output_tokens"].(float64) <= 0 || end["promptwall.end_reason"] != "eof" {
		t.Errorf("completion line has no usage or end reason: %v", end)
	}
}

// TestAuditLineBoundedForLongLists: a prompt that pastes a long customer
// list keeps the true count, lists at most 100 fingerprints per type, and a
// long path is cut: the audit line stays small whatever the client sends.
func TestAuditLineBoundedForLongLists(t *testing.T) {
	e := start(t, fakevendor.Start(t, fakevendor.WithEcho()), nil)
	var list strings.Builder
	for i := range 150 {
		fmt.Fprintf(&list, "customer%03d@example.org, ", i)
	}
	if status, body := postChat(t, e.client(), "Mail these: "+list.String(), false); status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	l := e.auditLines(t, 1)[0]
	fs, _ := l["promptwall.findings"].([]any)
	if len(fs) != 1 {
		t.Fatalf("findings %v", l["promptwall.findings"])
	}
	f := fs[0].(map[string]any)
	if f["type"] != "EMAIL" || f["count"].(float64) != 150 || len(f["fingerprints"].([]any)) != 100 {
		t.Fatalf("finding %v: want EMAIL, count 150, 100 fingerprints", f)
	}

	long := "/v1/chat/completions/" + strings.Repeat("%01", 5000)
	req, _ := http.NewRequest(http.MethodPost, "https://api.openai.com"+long, strings.NewReader(`{"model":"gpt-4o","messages":[]}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cut := false
	for _, l := range e.auditRawLines(t) {
		p, _ := l["url.path"].(string)
		if len(p) > 2100 {
			t.Fatalf("url.path of %d bytes in the audit", len(p))
		}
		cut = cut || strings.HasPrefix(p, "/v1/chat/completions/\x01") && strings.HasSuffix(p, "…")
	}
	if !cut {
		t.Fatal("no audit line for the long path, cut and marked")
	}
}
