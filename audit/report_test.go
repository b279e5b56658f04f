package audit

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// reportTrail writes a small day of traffic: two vendors, every action, one
// reroute answered in-house, one event a week old, and a restart.
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
	evs := []Event{
		{Time: now.Add(-7 * 24 * time.Hour), Action: "block", User: "old", Vendor: "openai", Findings: key},
		{Action: "allow", User: "alice", Vendor: "openai", InputTok: 100, OutputTok: 50},
		{Action: "allow", User: "bob", Vendor: "anthropic", InputTok: 10, OutputTok: 5},
		{Action: "redact", User: "alice", Vendor: "openai", Findings: email, InputTok: 20, OutputTok: 10},
		{Action: "reroute", User: "carol", Vendor: "openai", Route: "internal", Findings: key, InputTok: 300, OutputTok: 200},
		{Action: "block", User: "bob", Vendor: "anthropic", Findings: append(key, email...)},
		{Action: "block", User: "bob", Vendor: "openai", Findings: key},
		{Action: "block", Domain: "chat.unsanctioned.example"},
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

	if r.Requests != 7 || r.SkippedLines != 1 {
		t.Errorf("requests %d skipped %d, want 7 and 1", r.Requests, r.SkippedLines)
	}
	if r.TokensKept != (Tokens{1, 300, 200}) || r.TokensSentOut != (Tokens{3, 130, 65}) {
		t.Errorf("tokens kept %+v sent %+v", r.TokensKept, r.TokensSentOut)
	}
	if r.RefusedUsers[0] != (Count{"bob", 2}) || r.FindingTypes[0] != (TypeCount{"EMAIL", 4, 2}) {
		t.Errorf("refused %v types %v", r.RefusedUsers, r.FindingTypes)
	}
	all, err := Summarize([]string{p}, time.Time{}, 1)
	if err != nil || all.Requests != 8 || len(all.RefusedUsers) != 1 || all.FindingTypes[0].Type != "AWS_ACCESS_KEY" {
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
