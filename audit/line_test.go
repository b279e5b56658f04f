package audit

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// lineEvents are events of every shape: decision, completion, whole record,
// chain restart, empty, and strings that need escapes.
func lineEvents() []*Event {
	start := benchEvent()
	start.Phase = PhaseStart
	end := &Event{ID: start.ID, Phase: PhaseEnd, Route: "vendor", Status: 200, EndReason: EndEOF, ResponseBytes: 2048,
		InputTok: 10, OutputTok: 20, Duration: time.Second}
	return []*Event{
		benchEvent(), start, end, {}, {kind: KindRestart, Action: ActionChainRestart, Reason: "the last line was cut short"},
		{Phase: PhaseEnd, Reason: "tab\there", Rules: []string{`quote"`, "é\u2028"}},
		{User: "a\\b", Model: "\x00\x08\x0c\xff", Findings: []Finding{{Type: "X", Fingerprints: []string{"/<>&"}}}},
	}
}

// TestLineIsCanonical holds the writer to its word: a line is hashed as
// encoded, so it must be exactly the canonical form audit verify computes
// from it, escapes and invalid UTF-8 included.
func TestLineIsCanonical(t *testing.T) {
	for i, e := range lineEvents() {
		e.Time = time.Date(2026, 11, 26, 12, 0, 0, 123, time.UTC)
		line, at := appendEvent(nil, e)
		r, _, err := canonicalize(line)
		if err != nil {
			t.Fatalf("event %d: %v\n%s", i, err, line)
		}
		if !bytes.Equal(line, r.canonical) || at != r.prevAt {
			t.Errorf("event %d: the line is not its canonical form\n got %s\nwant %s", i, line, r.canonical)
		}
		if string(line[at:at+64]) != Genesis {
			t.Errorf("event %d: prev_hash placeholder not at %d", i, at)
		}
	}
}

// TestLineMatchesZap: the hand-written line says what zap's JSON encoder
// says of the event (Event.MarshalLogObject), to the canonical byte: the
// two can stand in for each other.
func TestLineMatchesZap(t *testing.T) {
	enc := zapcore.NewJSONEncoder(zapcore.EncoderConfig{TimeKey: "@timestamp", LineEnding: "\n",
		EncodeTime: zapcore.TimeEncoderOfLayout(time.RFC3339Nano), EncodeDuration: zapcore.NanosDurationEncoder})
	for i, e := range lineEvents() {
		e.Time = time.Date(2026, 11, 26, 12, 0, 0, 123, time.UTC)
		buf, err := enc.EncodeEntry(zapcore.Entry{Time: e.Time},
			[]zapcore.Field{{Type: zapcore.InlineMarshalerType, Interface: e}, zap.String("prev_hash", Genesis)})
		if err != nil {
			t.Fatal(err)
		}
		z, _, err := canonicalize(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		if err != nil {
			t.Fatalf("event %d: zap's line: %v", i, err)
		}
		line, _ := appendEvent(nil, e)
		if !bytes.Equal(line, z.canonical) {
			t.Errorf("event %d: differs from zap's\n got %s\nzap %s", i, line, z.canonical)
		}
	}
}

// TestLineShapes pins the keys of each kind of line: decision and whole
// lines carry every key, completion lines the completion fields only.
func TestLineShapes(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.log")
	w, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	evs := lineEvents()[:3]
	for _, e := range evs {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	b, _ := os.ReadFile(p)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	full := []string{"@timestamp", "event.action", "event.duration", "event.id", "event.kind", "event.reason", "event.type",
		"hash", "http.request.body.bytes", "http.response.body.bytes", "http.response.status_code", "prev_hash",
		"promptwall.api", "promptwall.connection", "promptwall.end_reason", "promptwall.findings", "promptwall.model",
		"promptwall.monitor", "promptwall.policy_revision", "promptwall.route", "promptwall.route_model", "promptwall.rules",
		"promptwall.usage", "promptwall.vendor", "source.ip", "url.domain", "url.path", "user.name"}
	endKeys := []string{"@timestamp", "event.duration", "event.id", "event.kind", "event.reason", "event.type", "hash",
		"http.response.body.bytes", "http.response.status_code", "prev_hash", "promptwall.end_reason", "promptwall.route",
		"promptwall.rules", "promptwall.usage"}
	for i, want := range []struct {
		keys []string
		typ  []any
	}{{full, []any{"start", "end"}}, {full, []any{"start"}}, {endKeys, []any{"end"}}} {
		var m map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &m); err != nil {
			t.Fatal(err)
		}
		if keys := slices.Sorted(maps.Keys(m)); !slices.Equal(keys, want.keys) {
			t.Errorf("line %d keys\n got %v\nwant %v", i, keys, want.keys)
		}
		if !slices.Equal(m["event.type"].([]any), want.typ) {
			t.Errorf("line %d event.type %v, want %v", i, m["event.type"], want.typ)
		}
	}
	var end map[string]any
	json.Unmarshal([]byte(lines[2]), &end)
	if end["event.id"] != evs[0].ID || end["promptwall.end_reason"] != "eof" || end["http.response.body.bytes"].(float64) != 2048 ||
		end["event.duration"].(float64) != 1e9 {
		t.Errorf("completion line %v", end)
	}
	if res, err := Verify([]string{p}); err != nil || !res.OK() || res.Events != 3 {
		t.Fatalf("%v %v", err, res.Problems)
	}
}

// TestSummarizeJoinsAcrossRotatedFiles: a request decided before a rotation
// and completed after it is one request with its tokens, whatever the order
// the files are given in.
func TestSummarizeJoinsAcrossRotatedFiles(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.log")
	now := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	w, err := Open(p, WithRotateAfter(time.Hour), func(o *options) { o.now = func() time.Time { return now } })
	if err != nil {
		t.Fatal(err)
	}
	write := func(e *Event) {
		t.Helper()
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	write(&Event{ID: "pw-1", Phase: PhaseStart, Action: "allow", Vendor: "openai", Route: "vendor"})
	now = now.Add(2 * time.Hour)
	write(&Event{ID: "pw-1", Phase: PhaseEnd, Route: "vendor", Status: 200, EndReason: EndEOF, InputTok: 5, OutputTok: 6})
	w.Close()
	bs, _ := backups(p)
	if len(bs) != 1 {
		t.Fatalf("rotated files %v", bs)
	}
	r, err := Summarize([]string{p, bs[0]}, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Requests != 1 || r.TokensSentOut != (Tokens{1, 5, 6}) || r.Unfinished != 0 || r.UnmatchedEnds != 0 {
		t.Fatalf("%+v", r)
	}
}
