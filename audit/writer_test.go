package audit

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestWriterOneLinePerEvent(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sub", "audit.log")
	w, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ev := &Event{ID: "req-" + string(rune('A'+i%26)), Action: "block", Domain: "api.openai.com", Path: "/v1/chat/completions",
				Findings: []Finding{{Type: "AWS_ACCESS_KEY", Count: 1, Fingerprints: []string{"ab12"}}},
				Rules:    []string{"secret.block"}, Status: 403, Duration: 1500 * time.Microsecond}
			if err := w.Write(ev); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("audit file mode %v, want 0600", st.Mode().Perm())
	}
	f, _ := os.Open(p)
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d not JSON: %v", n, err)
		}
		for _, k := range []string{"@timestamp", "event.id", "event.action", "user.name", "source.ip", "url.domain", "url.path",
			"promptwall.vendor", "promptwall.api", "promptwall.model", "promptwall.findings", "promptwall.rules",
			"promptwall.policy_revision", "promptwall.monitor", "http.response.status_code", "event.duration", "promptwall.usage",
			"promptwall.route", "promptwall.connection", "event.kind", "event.reason", "prev_hash", "hash"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q", n, k)
			}
		}
		if m["event.duration"].(float64) != 1.5e6 {
			t.Errorf("event.duration = %v, want nanoseconds", m["event.duration"])
		}
		fs := m["promptwall.findings"].([]any)
		if f0 := fs[0].(map[string]any); f0["type"] != "AWS_ACCESS_KEY" || f0["count"].(float64) != 1 {
			t.Errorf("findings = %v", fs)
		}
		if _, err := time.Parse(time.RFC3339Nano, m["@timestamp"].(string)); err != nil {
			t.Errorf("@timestamp: %v", err)
		}
	}
	if n != 50 {
		t.Fatalf("%d lines, want 50", n)
	}
	if res, err := Verify([]string{p}); err != nil || !res.OK() || res.Events != 50 {
		t.Fatalf("concurrent writes do not chain: %v %v", err, res.Problems)
	}
}

// failingSink fails every write after the first ok ones, writing cut bytes
// of the failing one, as a full disk does.
type failingSink struct {
	sink
	ok   int
	fail bool
}

var errDiskFull = errors.New("no space left on device")

func (f *failingSink) Write(p []byte) (int, error) {
	if f.fail {
		n := len(p) / 2
		m, _ := f.sink.Write(p[:n])
		return m, errDiskFull
	}
	return f.sink.Write(p)
}

func TestWriteErrorIsReturned(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.log")
	w, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	fs := &failingSink{sink: w.out}
	w.out = fs
	if err := w.Write(&Event{ID: "a"}); err != nil || w.Healthy() != nil {
		t.Fatalf("first write: %v, healthy: %v", err, w.Healthy())
	}
	fs.fail = true
	if err := w.Write(&Event{ID: "b"}); !errors.Is(err, errDiskFull) {
		t.Fatalf("write to a full disk: %v", err)
	}
	if !errors.Is(w.Healthy(), errDiskFull) {
		t.Fatalf("Healthy after a failed write: %v", w.Healthy())
	}
	fs.fail = false
	if err := w.Write(&Event{ID: "c"}); err != nil || w.Healthy() != nil {
		t.Fatalf("write after the disk recovered: %v, healthy: %v", err, w.Healthy())
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if w.Healthy() == nil {
		t.Fatal("a closed writer is healthy")
	}
	// The cut line is a bad line of its own; the chain goes on past it.
	res, err := Verify([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 2 {
		t.Fatalf("problems %v, want one at line 2 (the cut write)", res.Problems)
	}
	if res.Events != 2 || !res.OnlyCutLines() {
		t.Fatalf("%d events verified, want 2; cut lines %v", res.Events, res.CutLines)
	}
}

func TestFingerprint(t *testing.T) {
	f, err := NewFingerprinter([]byte("0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := f.Fingerprint("AKIAEXAMPLEVALUE0001"), f.Fingerprint("AKIAEXAMPLEVALUE0001")
	if a != b || len(a) != 32 {
		t.Fatalf("fingerprints %q %q", a, b)
	}
	if a == f.Fingerprint("AKIAEXAMPLEVALUE0002") || strings.Contains(a, "AKIA") {
		t.Fatal("fingerprint does not separate values or leaks them")
	}
	g, _ := NewFingerprinter([]byte("another-key-0123456"))
	if g.Fingerprint("AKIAEXAMPLEVALUE0001") == a {
		t.Fatal("fingerprint does not depend on the key")
	}
	if _, err := NewFingerprinter([]byte("short")); err == nil {
		t.Fatal("short key accepted")
	}
}

func TestLoadKey(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PW_TEST_KEY", "")
	k1, err := LoadKey("PW_TEST_KEY", dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, "audit.key"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st, err)
	}
	k2, err := LoadKey("PW_TEST_KEY", dir)
	if err != nil || string(k1) != string(k2) {
		t.Fatalf("second load differs: %v", err)
	}
	t.Setenv("PW_TEST_KEY", "from-the-environment-0123")
	k3, _ := LoadKey("PW_TEST_KEY", dir)
	if string(k3) != "from-the-environment-0123" {
		t.Fatalf("env key not used")
	}
	t.Setenv("PW_TEST_KEY", "short")
	if _, err := LoadKey("PW_TEST_KEY", dir); err == nil {
		t.Fatal("short env key accepted")
	}
}

func TestOneWriterPerTrail(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.log")
	w, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(p); err == nil || !strings.Contains(err.Error(), "another process") {
		t.Fatalf("second writer on the same trail: %v", err)
	}
	w.Close()
	w2, err := Open(p)
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	w2.Close()
}

func TestRotationByAgeSurvivesARestart(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.log")
	now := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	daily := WithRotateAfter(24 * time.Hour)
	fake := func(o *options) { o.now = func() time.Time { return now } }
	for _, step := range []struct {
		advance time.Duration
		backups int
	}{{0, 0}, {23 * time.Hour, 0}, {2 * time.Hour, 1}, {time.Hour, 1}} {
		now = now.Add(step.advance)
		w, err := Open(p, daily, fake)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(&Event{ID: now.String()}); err != nil {
			t.Fatal(err)
		}
		w.Close()
		if bs, _ := backups(p); len(bs) != step.backups {
			t.Fatalf("at %v: rotated files %v, want %d", now, bs, step.backups)
		}
	}
	bs, _ := backups(p)
	if res, err := Verify(append(bs, p)); err != nil || !res.OK() || res.Events != 4 {
		t.Fatalf("%v %v", err, res.Problems)
	}
}

func TestFsync(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.log")
	w, err := Open(p, WithFsync(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Write(&Event{ID: "a"}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); w.dirty.Load(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the event was not synced")
		}
	}
	if err := w.Healthy(); err != nil {
		t.Fatal(err)
	}

	// A disk that fails fsync (here: a file closed under the writer) turns
	// Healthy red although write(2) succeeds, until a sync succeeds again.
	w.syncMu.Lock()
	w.syncf.Close()
	w.syncMu.Unlock()
	if err := w.Write(&Event{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); w.Healthy() == nil; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("a failed fsync left the writer healthy")
		}
	}
	w.syncMu.Lock()
	w.syncf = nil // reopened at the next sync
	w.syncMu.Unlock()
	if err := w.Write(&Event{ID: "c"}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); w.Healthy() != nil; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("still unhealthy after a good sync: %v", w.Healthy())
		}
	}
}
