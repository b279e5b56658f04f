package policy

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// newEngine builds an engine for tests. Its evaluation bound is generous
// (a loaded CI machine under -race is slow); a test's own options win.
func newEngine(t testing.TB, opts ...Option) *Engine {
	t.Helper()
	e, err := New(context.Background(), append([]Option{WithTimeout(10 * time.Second)}, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

func baseRequest() Request {
	return Request{
		ID: "req-1", Time: "2025-01-02T03:04:05Z",
		Client: Client{IP: "10.1.2.3", User: "alice", Groups: []string{"staff"}},
		Vendor: "openai", Host: "api.openai.com", Method: "POST", Path: "/v1/chat/completions",
		API: "openai.chat", Model: "gpt-4o", Stream: true, Bytes: 5120,
	}
}

func f(typ, cat string) Finding {
	return Finding{Type: typ, Category: cat, Severity: "high", Count: 1, Paths: []string{"messages[0].content"}}
}

func TestDecide(t *testing.T) {
	yes, no := &Internal{Available: true}, &Internal{Available: false}
	tests := []struct {
		name     string
		findings []Finding
		internal *Internal
		want     Decision
	}{
		{"clean", nil, nil, Decision{Action: ActionAllow, Reasons: []Reason{}}},
		{"secret blocks", []Finding{f("GITHUB_TOKEN", "secret"), f("EMAIL", "pii")}, nil, Decision{
			Action: ActionBlock,
			Reasons: []Reason{{Rule: "secret.block",
				Message: "Your prompt contains a credential (GITHUB_TOKEN). Remove it and send again."}},
		}},
		{"pii redacts", []Finding{f("IBAN", "pii"), f("EMAIL", "pii"), f("EMAIL", "pii")}, nil, Decision{
			Action:  ActionRedact,
			Reasons: []Reason{{Rule: "pii.redact", Message: "Personal data (EMAIL, IBAN) was replaced with placeholders before it was sent; it is restored in the answer."}},
			Redact:  &Redact{Types: []string{"EMAIL", "IBAN"}, Mode: ModePseudonymize},
		}},
		{"classified reroutes", []Finding{f("CONFIDENTIAL_MARKER", "classified"), f("EMAIL", "pii")}, yes, Decision{
			Action:  ActionReroute,
			Reasons: []Reason{{Rule: "classified.reroute", Message: "Your prompt contains confidential material (CONFIDENTIAL_MARKER); it was answered by the company's internal model."}},
			Route:   &Route{Target: TargetInternal},
		}},
		{"classified blocks without internal", []Finding{f("CONFIDENTIAL_MARKER", "classified")}, no, Decision{
			Action:  ActionBlock,
			Reasons: []Reason{{Rule: "classified.block", Message: "Your prompt contains confidential material (CONFIDENTIAL_MARKER) and no internal model is available to answer it. Remove it and send again."}},
		}},
		{"custom blocks when internal unknown", []Finding{f("PROJECT_X", "custom")}, nil, Decision{
			Action:  ActionBlock,
			Reasons: []Reason{{Rule: "custom.block", Message: "Your prompt contains protected terms (PROJECT_X) that may not leave the company. Remove them and send again."}},
		}},
	}
	for _, cached := range []bool{false, true} {
		size := 0
		if cached {
			size = 16
		}
		e := newEngine(t, WithCacheSize(size))
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				for range 2 { // the second round is served from the cache
					got, err := e.Decide(context.Background(), Input{Request: baseRequest(), Findings: tc.findings, Internal: tc.internal})
					if err != nil {
						t.Fatal(err)
					}
					if got.Revision != e.Revision() {
						t.Fatalf("decision revision %q, engine %q", got.Revision, e.Revision())
					}
					got.Revision = ""
					if !reflect.DeepEqual(got, tc.want) {
						t.Fatalf("cached=%v\ngot  %+v\nwant %+v", cached, got, tc.want)
					}
				}
			})
		}
	}
}

func TestDecideInternalOption(t *testing.T) {
	in := Input{Request: baseRequest(), Findings: []Finding{f("CONFIDENTIAL_MARKER", "classified")}}
	for _, tc := range []struct {
		opts []Option
		want string
	}{
		{nil, ActionBlock},
		{[]Option{WithInternal(true)}, ActionReroute},
		{[]Option{WithInternal(false)}, ActionBlock},
	} {
		d, err := newEngine(t, tc.opts...).Decide(context.Background(), in)
		if err != nil || d.Action != tc.want {
			t.Errorf("opts %d: got %q, %v; want %q", len(tc.opts), d.Action, err, tc.want)
		}
	}
}

func TestMonitor(t *testing.T) {
	e := newEngine(t, WithMonitor(true))
	for range 2 {
		d, err := e.Decide(context.Background(), Input{Request: baseRequest(), Findings: []Finding{f("AWS_ACCESS_KEY", "secret")}})
		if err != nil || d.Action != ActionBlock || !d.Monitor {
			t.Fatalf("got %+v, %v; want a monitored block", d, err)
		}
	}
	d, _ := newEngine(t).Decide(context.Background(), Input{Request: baseRequest()})
	if d.Monitor {
		t.Fatal("monitor set without monitor mode")
	}
}

func TestConnect(t *testing.T) {
	dir := copyBundle(t, nil)
	writeFile(t, filepath.Join(dir, "blocked", "data.json"), `{"x": 1}`)
	setData(t, dir, func(pw map[string]any) {
		pw["blocked_hosts"] = []any{"*.deepseek.com", "chat.example.org"}
		pw["blocked_vendors"] = []any{"grok"}
	})
	e := newEngine(t, WithDir(dir))
	tests := []struct {
		vendor, host, want string
	}{
		{"openai", "api.openai.com", ConnectMITM},
		{"", "example.com", ConnectTunnel},
		{"", "chat.deepseek.com:443", ConnectBlock},
		{"", "CHAT.EXAMPLE.ORG", ConnectBlock},
		{"grok", "api.x.ai", ConnectBlock},
		{"", "deepseek.com", ConnectTunnel},
	}
	for _, tc := range tests {
		for range 2 {
			r := Request{Vendor: tc.vendor, Host: tc.host, Client: Client{IP: "10.0.0.1"}}
			got, err := e.Connect(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			if got.Action != tc.want || got.Revision != e.Revision() {
				t.Errorf("%s/%s: got %q (revision %q) want %q", tc.vendor, tc.host, got.Action, got.Revision, tc.want)
			}
			if tc.want == ConnectBlock && (len(got.Reasons) != 1 || got.Reasons[0].Rule != "destination.block") {
				t.Errorf("%s: reasons %+v", tc.host, got.Reasons)
			}
		}
	}
	// The same shut-off applies to a prompt that reaches a blocked vendor.
	r := baseRequest()
	r.Vendor, r.Host = "grok", "api.x.ai"
	d, err := e.Decide(context.Background(), Input{Request: r})
	if err != nil || d.Action != ActionBlock || d.Reasons[0].Rule != "destination.block" {
		t.Fatalf("prompt to blocked vendor: %+v, %v", d, err)
	}
}

// copyBundle copies the embedded bundle (without tests) to a temp dir,
// replacing files by name.
func copyBundle(t testing.TB, replace map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"promptwall.rego", "data.json"} {
		src, err := os.ReadFile(filepath.Join("..", "rego", name))
		if err != nil {
			t.Fatal(err)
		}
		if r, ok := replace[name]; ok {
			src = []byte(r)
		}
		writeFile(t, filepath.Join(dir, name), string(src))
	}
	for name, src := range replace {
		writeFile(t, filepath.Join(dir, name), src)
	}
	return dir
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func setData(t testing.TB, dir string, edit func(map[string]any)) {
	t.Helper()
	path := filepath.Join(dir, "data.json")
	bs, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]map[string]any
	if err := json.Unmarshal(bs, &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc["promptwall"])
	bs, _ = json.Marshal(doc)
	writeFile(t, path, string(bs))
}

// A policy whose decision the proxy could not enforce is an error.
func TestInvalidDecisions(t *testing.T) {
	tests := []struct {
		name, rego, want string
	}{
		{"unknown action", `decision := {"action": "maybe"}`, `unknown action "maybe"`},
		{"undefined", `decision := 1 if false`, "undefined"},
		{"not an object", `decision := "allow"`, "not an object"},
		{"redact without types", `decision := {"action": "redact", "redact": {"types": []}}`, "redact.types is empty"},
		{"redact missing", `decision := {"action": "redact"}`, "without a redact object"},
		{"bad mode", `decision := {"action": "redact", "redact": {"types": ["EMAIL"], "mode": "burn"}}`, `unknown redact.mode "burn"`},
		{"reroute missing", `decision := {"action": "reroute"}`, "without a route object"},
		{"bad target", `decision := {"action": "reroute", "route": {"target": "elsewhere"}}`, `unknown route.target`},
		{"bad reasons", `decision := {"action": "block", "reasons": "x"}`, "reasons: want an array"},
		{"reason without rule", `decision := {"action": "block", "reasons": [{"message": "m"}]}`, "reasons[0].rule: missing"},
		{"monitor not bool", `decision := {"action": "allow", "monitor": "yes"}`, "monitor: want a boolean"},
		{"builtin error", `decision := {"action": sprintf("%v", [to_number("x")])}`, "evaluating decision"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyBundle(t, map[string]string{"promptwall.rego": "package promptwall\n\n" + tc.rego +
				"\n\nconnect := {\"action\": \"tunnel\"}\n"})
			e := newEngine(t, WithDir(dir))
			_, err := e.Decide(context.Background(), Input{Request: baseRequest()})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestInvalidConnect(t *testing.T) {
	dir := copyBundle(t, map[string]string{"promptwall.rego": "package promptwall\n\ndecision := {\"action\": \"allow\"}\n\nconnect := {\"action\": \"open\"}\n"})
	_, err := newEngine(t, WithDir(dir)).Connect(context.Background(), baseRequest())
	if err == nil || !strings.Contains(err.Error(), `unknown action "open"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestInvalidPolicyDir(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"syntax", map[string]string{"promptwall.rego": "package promptwall\n\ndecision := {\n"}, "promptwall.rego:4: "},
		{"strict unused var", map[string]string{"promptwall.rego": "package promptwall\n\ndecision := {\"action\": \"allow\"} if {\n\tx := 1\n}\n"}, "promptwall.rego:4: "},
		{"unsafe var", map[string]string{"promptwall.rego": "package promptwall\n\ndecision := x\n"}, "promptwall.rego:3: "},
		{"bad detectors", map[string]string{"data.json": `{"promptwall": {"custom_detectors": [{"type": "X", "regx": "a"}]}}`}, "custom_detectors"},
		{"detector without regex", map[string]string{"data.json": `{"promptwall": {"custom_detectors": [{"type": "X"}]}}`}, "needs a regex or terms"},
		{"detector regex broken", map[string]string{"data.json": `{"promptwall": {"custom_detectors": [{"type": "X", "regex": "a("}]}}`}, "regex"},
		{"detector unknown validator", map[string]string{"data.json": `{"promptwall": {"custom_detectors": [{"type": "X", "regex": "a", "validator": "luhnn"}]}}`}, "unknown validator"},
		{"detector bad category", map[string]string{"data.json": `{"promptwall": {"custom_detectors": [{"type": "X", "terms": ["a"], "category": "secrets"}]}}`}, "unknown category"},
		{"detector shadows builtin", map[string]string{"data.json": `{"promptwall": {"custom_detectors": [{"type": "EMAIL", "terms": ["a"]}]}}`}, "built in"},
		{"data conflicts with rule", map[string]string{"data.json": `{"promptwall": {"decision": 1}}`}, "conflict"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyBundle(t, tc.files)
			_, err := New(context.Background(), WithDir(dir))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New: err = %v, want %q", err, tc.want)
			}
			if _, err := Check(dir); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Check: err = %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := New(context.Background(), WithDir(filepath.Join(t.TempDir(), "missing"))); err == nil {
		t.Fatal("missing dir accepted")
	}
	if _, err := New(context.Background(), WithDir(t.TempDir())); err == nil {
		t.Fatal("empty dir accepted")
	}
}

func TestCompileErrorFormat(t *testing.T) {
	dir := copyBundle(t, map[string]string{"promptwall.rego": "package promptwall\n\ndecision := y\n\nconnect := z\n"})
	_, err := Check(dir)
	var ce *CompileError
	if !errors.As(err, &ce) || len(ce.Problems) != 2 {
		t.Fatalf("err = %#v", err)
	}
	for _, p := range ce.Problems {
		if !strings.HasPrefix(p, filepath.Join(dir, "promptwall.rego")+":") {
			t.Errorf("problem %q lacks file:line", p)
		}
	}
}

func TestCheckEmbedded(t *testing.T) {
	rev, err := Check("")
	if err != nil || rev != newEngine(t).Revision() {
		t.Fatalf("Check: %q, %v", rev, err)
	}
}

func TestRevision(t *testing.T) {
	rev := newEngine(t).Revision()
	if !strings.HasPrefix(rev, "sha256:") || len(rev) != len("sha256:")+64 {
		t.Fatalf("embedded revision %q", rev)
	}
	dir := copyBundle(t, nil)
	if got := newEngine(t, WithDir(dir)).Revision(); got != rev {
		t.Fatalf("same files, different revision: %q vs %q", got, rev)
	}
	setData(t, dir, func(pw map[string]any) { pw["redact_mode"] = "mask" })
	if got := newEngine(t, WithDir(dir)).Revision(); got == rev {
		t.Fatal("data change did not change the revision")
	}
	writeFile(t, filepath.Join(dir, ".manifest"), `{"revision": "v42"}`)
	if got := newEngine(t, WithDir(dir)).Revision(); got != "v42" {
		t.Fatalf("manifest revision: %q", got)
	}
}

func TestReload(t *testing.T) {
	dir := copyBundle(t, nil)
	e := newEngine(t, WithDir(dir))
	in := Input{Request: baseRequest(), Findings: []Finding{f("EMAIL", "pii")}}
	d, _ := e.Decide(context.Background(), in)
	if d.Action != ActionRedact {
		t.Fatalf("before: %s", d.Action)
	}
	rev := e.Revision()
	if changed, err := e.Reload(context.Background()); err != nil || changed {
		t.Fatalf("no-op reload: %v %v", changed, err)
	}
	setData(t, dir, func(pw map[string]any) { pw["type_actions"] = map[string]any{"EMAIL": "block"} })
	if changed, err := e.Reload(context.Background()); err != nil || !changed {
		t.Fatalf("reload: %v %v", changed, err)
	}
	if d, _ := e.Decide(context.Background(), in); d.Action != ActionBlock || e.Revision() == rev {
		t.Fatalf("after reload: %s (cached decision survived?)", d.Action)
	}
	good := e.Revision()
	writeFile(t, filepath.Join(dir, "promptwall.rego"), "package promptwall\n\ndecision := {\n")
	if _, err := e.Reload(context.Background()); err == nil {
		t.Fatal("broken policy accepted")
	}
	if d, _ := e.Decide(context.Background(), in); d.Action != ActionBlock || e.Revision() != good {
		t.Fatal("last good policy not kept")
	}
}

func TestTimeout(t *testing.T) {
	dir := copyBundle(t, map[string]string{"promptwall.rego": `package promptwall

decision := {"action": "allow", "reasons": [], "n": count(slow)}

slow contains [a, b, c] if {
	some a in numbers.range(1, 500)
	some b in numbers.range(1, 500)
	some c in numbers.range(1, 500)
}

connect := {"action": "tunnel"}
`})
	e := newEngine(t, WithDir(dir), WithTimeout(20*time.Millisecond))
	start := time.Now()
	_, err := e.Decide(context.Background(), Input{Request: baseRequest()})
	if err == nil {
		t.Fatal("no timeout error")
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Fatalf("timeout not honoured: %v", el)
	}
}

func TestData(t *testing.T) {
	e := newEngine(t)
	v, ok := e.Data("promptwall", "category_actions", "secret")
	if !ok || v != "block" {
		t.Fatalf("Data = %v, %v", v, ok)
	}
	if _, ok := e.Data("promptwall", "nope"); ok {
		t.Fatal("missing path found")
	}
	if got := e.CustomDetectors(); len(got) != 0 {
		t.Fatalf("default custom detectors: %v", got)
	}
	dir := copyBundle(t, nil)
	setData(t, dir, func(pw map[string]any) {
		pw["custom_detectors"] = []any{map[string]any{"type": "PROJECT_X", "category": "custom", "severity": "high", "terms": []any{"bluebird"}}}
	})
	got := newEngine(t, WithDir(dir)).CustomDetectors()
	want := []CustomDetector{{Type: "PROJECT_X", Category: "custom", Severity: "high", Terms: []string{"bluebird"}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("CustomDetectors = %+v", got)
	}
}

func TestEval(t *testing.T) {
	in := `{"request": {"host": "api.openai.com", "vendor": "openai"}, "findings": [{"type": "AWS_ACCESS_KEY", "category": "secret", "severity": "high", "count": 1, "paths": ["x"]}]}`
	d, err := Eval(context.Background(), "", []byte(in))
	if err != nil || d.Action != ActionBlock {
		t.Fatalf("Eval: %+v, %v", d, err)
	}
	if _, err := Eval(context.Background(), "", []byte(`{"request": {"hots": "x"}}`)); err == nil {
		t.Fatal("unknown input field accepted")
	}
	if _, err := Eval(context.Background(), "", []byte(`{"request": {}} {}`)); err == nil {
		t.Fatal("two documents accepted")
	}
	c, err := EvalConnect(context.Background(), "", []byte(`{"request": {"host": "api.openai.com:443", "vendor": "openai"}}`))
	if err != nil || c.Action != ConnectMITM {
		t.Fatalf("EvalConnect: %+v, %v", c, err)
	}
}

func TestRegoTests(t *testing.T) {
	var out strings.Builder
	passed, failed, err := Test(context.Background(), "", &out, TestOptions{})
	if err != nil || failed != 0 || passed < 20 {
		t.Fatalf("passed %d failed %d err %v\n%s", passed, failed, err, out.String())
	}
	// A failing test is reported with its name and counted.
	dir := copyBundle(t, map[string]string{"x_test.rego": "package x_test\n\nimport data.promptwall\n\ntest_wrong if promptwall.decision.action == \"block\"\n\ntest_right if promptwall.decision.action == \"allow\"\n"})
	out.Reset()
	passed, failed, err = Test(context.Background(), dir, &out, TestOptions{Verbose: true})
	if err != nil || passed != 1 || failed != 1 || !strings.Contains(out.String(), "test_wrong") {
		t.Fatalf("passed %d failed %d err %v\n%s", passed, failed, err, out.String())
	}
	// --run selects tests by name.
	passed, failed, err = Test(context.Background(), dir, &out, TestOptions{Run: "x_test.test_right"})
	if err != nil || passed != 1 || failed != 0 {
		t.Fatalf("filtered: passed %d failed %d err %v", passed, failed, err)
	}
	if _, _, err := Test(context.Background(), dir, &out, TestOptions{Run: "("}); err == nil {
		t.Fatal("bad filter accepted")
	}
}

func TestCoverage(t *testing.T) {
	pct, err := Coverage(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if pct < 90 {
		t.Fatalf("coverage of the default bundle %.1f%% < 90%%", pct)
	}
	t.Logf("coverage %.1f%%", pct)
}

// The hand-built AST input must equal what OPA would build from the JSON.
func TestInputValueMatchesJSON(t *testing.T) {
	in := Input{Request: baseRequest(), Findings: []Finding{f("EMAIL", "pii")}, Internal: &Internal{Available: true}}
	in.Request.Media, in.Request.Upgrade = []string{"audio"}, "websocket"
	bs, _ := json.Marshal(in)
	var doc any
	if err := json.Unmarshal(bs, &doc); err != nil {
		t.Fatal(err)
	}
	want, err := ast.InterfaceToValue(doc)
	if err != nil {
		t.Fatal(err)
	}
	if got := inputValue(&in); got.Compare(want) != 0 {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
}

// Every input field must be in the cache key (or deliberately volatile):
// adding a field without keying it would serve wrong decisions.
func TestCacheKeyCoversInput(t *testing.T) {
	if n := reflect.TypeFor[Request]().NumField(); n != 13 {
		t.Fatalf("Request has %d fields: update appendRequestKey, inputValue and this test", n)
	}
	if n := reflect.TypeFor[Input]().NumField(); n != 3 {
		t.Fatalf("Input has %d fields: update appendInputKey", n)
	}
	if n := reflect.TypeFor[Finding]().NumField(); n != 5 {
		t.Fatalf("Finding has %d fields: update appendInputKey", n)
	}
	kp := keyPolicy{cacheable: true}
	base := Input{Request: baseRequest(), Findings: []Finding{f("EMAIL", "pii")}}
	key := func(in Input) string { return string(appendInputKey(nil, &in, kp)) }
	mutations := []func(*Input){
		func(in *Input) { in.Request.Client.IP = "x" },
		func(in *Input) { in.Request.Client.User = "x" },
		func(in *Input) { in.Request.Client.Groups = []string{"x"} },
		func(in *Input) { in.Request.Vendor = "x" },
		func(in *Input) { in.Request.Host = "x" },
		func(in *Input) { in.Request.Method = "x" },
		func(in *Input) { in.Request.Path = "x" },
		func(in *Input) { in.Request.API = "x" },
		func(in *Input) { in.Request.Model = "x" },
		func(in *Input) { in.Request.Stream = false },
		func(in *Input) { in.Request.Media = []string{"audio"} },
		func(in *Input) { in.Request.Upgrade = "websocket" },
		func(in *Input) { in.Internal = &Internal{} },
		func(in *Input) { in.Findings = nil },
		func(in *Input) { in.Findings = []Finding{f("EMAIL", "secret")} },
		func(in *Input) { in.Findings = []Finding{{Type: "EMAIL", Category: "pii", Severity: "low", Count: 1}} },
		func(in *Input) { in.Findings = []Finding{{Type: "EMAIL", Category: "pii", Severity: "high", Count: 2}} },
		func(in *Input) {
			in.Findings = []Finding{{Type: "EMAIL", Category: "pii", Severity: "high", Count: 1, Paths: []string{"y"}}}
		},
	}
	for i, m := range mutations {
		in := base
		in.Request.Client.Groups = append([]string(nil), base.Request.Client.Groups...)
		m(&in)
		if key(in) == key(base) {
			t.Errorf("mutation %d does not change the key", i)
		}
	}
	vol := base
	vol.Request.ID, vol.Request.Time, vol.Request.Bytes = "other", "2030-01-01T00:00:00Z", 1
	if key(vol) != key(base) {
		t.Error("volatile fields change the key")
	}
	if string(appendInputKey(nil, &vol, keyPolicy{cacheable: true, keepBytes: true})) ==
		string(appendInputKey(nil, &base, keyPolicy{cacheable: true, keepBytes: true})) {
		t.Error("bytes not keyed although the policy reads it")
	}
}

func TestAnalyse(t *testing.T) {
	tests := []struct {
		name, rule string
		want       keyPolicy
	}{
		{"default-like", `x if input.request.client.user == "a"`, keyPolicy{cacheable: true}},
		{"reads bytes", `x if input.request.bytes > 10`, keyPolicy{cacheable: true, keepBytes: true}},
		{"reads time", `x if input.request.time == "a"`, keyPolicy{}},
		{"reads id", `x if startswith(input.request.id, "a")`, keyPolicy{}},
		{"whole request", `x if count(input.request) > 0`, keyPolicy{}},
		{"whole input", `x if count(input) > 0`, keyPolicy{}},
		{"dynamic field", `x if { some k; input.request[k] == "a" }`, keyPolicy{}},
		{"dynamic top", `x if { some k; input[k].id == "a" }`, keyPolicy{}},
		{"findings only", `x if count(input.findings) > 0`, keyPolicy{cacheable: true}},
		{"clock", `x if time.now_ns() > 0`, keyPolicy{}},
		{"nested clock", `x := [time.now_ns()]`, keyPolicy{}},
		{"random", `x if rand.intn("a", 10) > 1`, keyPolicy{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := ast.MustCompileModules(map[string]string{"p.rego": "package p\n\n" + tc.rule + "\n"})
			if got := analyse(c); got != tc.want {
				t.Fatalf("got %+v want %+v", got, tc.want)
			}
		})
	}
	// The default bundle must stay cacheable.
	if st := newEngine(t).cur.Load(); st.cache == nil {
		t.Fatal("default policy not cached")
	}
}

// A policy that reads the request time must not be served from the cache.
func TestCacheDisabledForVolatilePolicy(t *testing.T) {
	dir := copyBundle(t, map[string]string{"promptwall.rego": `package promptwall

decision := {"action": "block", "reasons": [{"rule": "late", "message": "m"}]} if input.request.time > "2025"
else := {"action": "allow"}

connect := {"action": "tunnel"}
`})
	e := newEngine(t, WithDir(dir))
	r := baseRequest()
	r.Time = "2024-12-31T00:00:00Z"
	if d, _ := e.Decide(context.Background(), Input{Request: r}); d.Action != ActionAllow {
		t.Fatalf("first: %s", d.Action)
	}
	r.Time = "2025-06-01T00:00:00Z"
	if d, _ := e.Decide(context.Background(), Input{Request: r}); d.Action != ActionBlock {
		t.Fatalf("second: %s (stale cache)", d.Action)
	}
}

func TestCachedDecisionIsACopy(t *testing.T) {
	e := newEngine(t)
	in := Input{Request: baseRequest(), Findings: []Finding{f("EMAIL", "pii")}}
	d, _ := e.Decide(context.Background(), in)
	d.Redact.Types[0] = "MUTATED"
	d.Reasons[0].Rule = "MUTATED"
	d2, _ := e.Decide(context.Background(), in)
	if d2.Redact.Types[0] != "EMAIL" || d2.Reasons[0].Rule != "pii.redact" {
		t.Fatalf("cache corrupted by caller: %+v", d2)
	}
}

func TestAggregate(t *testing.T) {
	in := []Finding{
		{Type: "IBAN", Category: "pii", Severity: "medium", Count: 1, Paths: []string{"b"}},
		{Type: "EMAIL", Category: "pii", Severity: "low", Count: 2, Paths: []string{"a"}},
		{Type: "IBAN", Category: "pii", Severity: "high", Count: 3, Paths: []string{"a", "b"}},
	}
	orig := append([]Finding(nil), in...)
	got := aggregate(in)
	want := []Finding{
		{Type: "EMAIL", Category: "pii", Severity: "low", Count: 2, Paths: []string{"a"}},
		{Type: "IBAN", Category: "pii", Severity: "high", Count: 4, Paths: []string{"a", "b"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v", got)
	}
	if !reflect.DeepEqual(in, orig) {
		t.Fatal("caller's findings modified")
	}
}

// Decisions keep flowing, consistently, while the policy is swapped.
func TestDecideDuringReload(t *testing.T) {
	dir := copyBundle(t, nil)
	e := newEngine(t, WithDir(dir))
	in := Input{Request: baseRequest(), Findings: []Finding{f("EMAIL", "pii")}}
	done := make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		defer close(done)
		for range 200 {
			d, err := e.Decide(context.Background(), in)
			if err == nil && d.Action != ActionRedact && d.Action != ActionBlock {
				err = errors.New("unexpected action " + d.Action)
			}
			if err != nil {
				errs <- err
				return
			}
		}
	}()
	for i := range 5 {
		act := "block"
		if i%2 == 1 {
			act = "redact"
		}
		setData(t, dir, func(pw map[string]any) { pw["type_actions"] = map[string]any{"EMAIL": act} })
		if _, err := e.Reload(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	<-done
	select {
	case err := <-errs:
		t.Fatal(err)
	default:
	}
}
