package audit

import (
	"bufio"
	"encoding/json"
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
			"promptwall.policy_revision", "promptwall.monitor", "http.response.status_code", "event.duration", "promptwall.usage"} {
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
}

func TestWriteErrorIsReturned(t *testing.T) {
	w, err := Open(filepath.Join(t.TempDir(), "audit.log"))
	if err != nil {
		t.Fatal(err)
	}
	w.file.Close() // the disk went away
	if err := w.Write(&Event{ID: "x"}); err == nil {
		t.Fatal("write to a closed file: no error")
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
