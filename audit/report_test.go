package audit

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// reportTrail writes a small day of traffic: two vendors, every action, one
// reroute answered in-house, one event a week old, one block decided in
// monitor mode. Forwarded requests are
// decision and completion lines joined by event.id, interleaved as
// concurrent requests are; one request has no completion yet, one completion
// has its decision in a file not given, and one request decided a week ago
// completes in the window.
func reportTrail(t *testing.T) (string, time.Time) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "audit.log")
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	w, err := Open(p, func(o *options) { o.now = func() time.Time { return now } })
	if err != nil {
		t.Fatal(err)
	}
	email := []Finding{{Type: "EMAIL", Count: 2, Fingerprints: []string{"a", "b"}}}
	key := []Finding{{Type: "AWS_ACCESS_KEY", Count: 1, Fingerprints: []string{"c"}}}
	week := now.Add(-7 * 24 * time.Hour)
	evs := []Event{
		{Time: week, Action: "block", User: "old", Vendor: "openai", Findings: key},
		{Time: week, ID: "pw-old", Phase: PhaseStart, Action: "allow", User: "old", Vendor: "openai", Route: "vendor"},
		{ID: "pw-a", Phase: PhaseStart, Action: "allow", User: "alice", Vendor: "openai", Route: "vendor"},
		{Action: "allow", User: "bob", Vendor: "anthropic", InputTok: 10, OutputTok: 5},
		{ID: "pw-c", Phase: PhaseStart, Action: "reroute", User: "carol", Vendor: "openai", Route: "internal", Findings: key},
		{ID: "pw-a", Phase: PhaseEnd, Route: "vendor", Status: 200, EndReason: EndEOF, InputTok: 100, OutputTok: 50},
		{Action: "redact", User: "alice", Vendor: "openai", Findings: email, InputTok: 20, OutputTok: 10},
		{ID: "pw-old", Phase: PhaseEnd, Route: "vendor", Status: 200, EndReason: EndEOF, InputTok: 1000, OutputTok: 1000},
		{ID: "pw-c", Phase: PhaseEnd, Route: "internal", Status: 200, EndReason: EndClientGone, InputTok: 300, OutputTok: 200},
		{ID: "pw-d", Phase: PhaseStart, Action: "allow", User: "dave", Vendor: "anthropic", Route: "vendor"},
		{ID: "pw-elsewhere", Phase: PhaseEnd, Route: "vendor", Status: 200, EndReason: EndEOF, InputTok: 7, OutputTok: 3},
		{Action: "block", User: "bob", Vendor: "anthropic", Findings: append(key, email...)},
		{Action: "block", User: "bob", Vendor: "openai", Findings: key},
		{Action: "block", Domain: "chat.unsanctioned.example"},
		// A rule on trial: decided block in monitor mode, forwarded; not a refusal.
		{ID: "pw-m", Phase: PhaseComplete, Action: "block", Monitor: true, User: "erin", Vendor: "openai", Route: "vendor", Findings: key},
	}
	for i := range evs {
		if evs[i].Time.IsZero() {
			evs[i].Time = now.Add(time.Duration(i) * time.Minute)
		}
		if err := w.Write(&evs[i]); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("garbage\n")
	f.Close()
	return p, now
}

func TestSummarize(t *testing.T) {
	p, now := reportTrail(t)
	r, err := Summarize([]string{p}, now.Add(-24*time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(r, "", "  ")
	var tbl bytes.Buffer
	if err := r.WriteTable(&tbl); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.json", append(b, '\n'))
	golden(t, "report.txt", tbl.Bytes())

	// Each request once (dave's included, still running), whatever its
	// number of lines; tokens from the completions, not from pw-old's (decided
	// before the window) but from pw-elsewhere's (its decision is elsewhere).
	if r.Requests != 9 || r.SkippedLines != 1 {
		t.Errorf("requests %d skipped %d, want 9 and 1", r.Requests, r.SkippedLines)
	}
	if r.TokensKept != (Tokens{1, 300, 200}) || r.TokensSentOut != (Tokens{4, 137, 68}) {
		t.Errorf("tokens kept %+v sent %+v", r.TokensKept, r.TokensSentOut)
	}
	if r.Unfinished != 1 || r.UnmatchedEnds != 1 || !slices.Equal(r.EndReasons, []Count{{"client_gone", 1}, {"eof", 1}}) {
		t.Errorf("unfinished %d unmatched %d ends %v", r.Unfinished, r.UnmatchedEnds, r.EndReasons)
	}
	if !reflect.DeepEqual(r.ByVendor[0], VendorCount{"openai", 5, map[string]int{"allow": 1, "block": 1, "block (monitor)": 1, "redact": 1, "reroute": 1}}) {
		t.Errorf("by vendor %v", r.ByVendor)
	}
	// erin's monitor-mode block went out: not a refusal.
	if !slices.Equal(r.RefusedUsers, []Count{{"bob", 2}, {"(anonymous)", 1}}) || !slices.Contains(r.FindingTypes, TypeCount{"EMAIL", 4, 2}) {
		t.Errorf("refused %v types %v", r.RefusedUsers, r.FindingTypes)
	}
	all, err := Summarize([]string{p}, time.Time{}, 1)
	if err != nil || all.Requests != 11 || all.TokensSentOut != (Tokens{5, 1137, 1068}) || len(all.RefusedUsers) != 1 || all.FindingTypes[0].Type != "AWS_ACCESS_KEY" {
		t.Fatalf("whole trail: %v %+v", err, all)
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s", name, got)
	}
}
