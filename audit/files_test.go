package audit

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// waitGz waits for lumberjack's background compression of n files.
func waitGz(t *testing.T, dir string, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; {
		gz, _ := filepath.Glob(filepath.Join(dir, "*.log.gz"))
		plain, _ := filepath.Glob(filepath.Join(dir, "audit-*.log"))
		if len(gz) == n && len(plain) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d compressed files, %d not yet, want %d", len(gz), len(plain), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestCompressedRotatedFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "audit.log")
	writeTrail(t, p, 3, WithCompress(true))
	w, err := Open(p, WithCompress(true))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.out.Rotate(); err != nil { // the current file is empty now
		t.Fatal(err)
	}
	w.Close()
	waitGz(t, dir, 1)
	writeTrail(t, p, 2, WithCompress(true)) // goes on from the .gz
	files, err := ExpandFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Verify(files)
	if err != nil || !res.OK() || res.Events != 5 || len(res.Chains) != 1 {
		t.Fatalf("%v %v %d events %+v", err, res.Problems, res.Events, res.Chains)
	}
	r, err := Summarize(files, time.Time{}, 0)
	if err != nil || r.Requests != 5 {
		t.Fatalf("report over .gz: %v %+v", err, r)
	}
}

func TestVerifyLongLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.log")
	ls := writeTrail(t, p, 3)
	long := append(bytes.Repeat([]byte("x"), 2<<20), '\n')
	writeLines(t, p, [][]byte{ls[0], long, ls[1], ls[2]})
	res, err := Verify([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 2 || !strings.Contains(res.Problems[0].Reason, "longer") || res.Events != 3 {
		t.Fatalf("problems %v, %d events", res.Problems, res.Events)
	}
	// Open reads past it too: the last line is what counts.
	writeTrail(t, p, 1)
	if res, _ = Verify([]string{p}); len(res.Problems) != 1 || res.Events != 4 {
		t.Fatalf("after reopening: problems %v, %d events", res.Problems, res.Events)
	}
}

func TestExpandFiles(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"audit.log", "audit-2026-11-01T08-00-00.000.log.gz", "audit-2026-11-02T08-00-00.000.log",
		"audit-2026-11-02T08-00-00.000.log.gz", "ca.pem", "audit.key"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ExpandFiles([]string{dir, filepath.Join(dir, "audit*"), filepath.Join(dir, "audit.log")})
	if err != nil || len(got) != 4 || slices.Contains(got, filepath.Join(dir, "audit-2026-11-02T08-00-00.000.log.gz")) {
		t.Fatalf("ExpandFiles = %v, %v", got, err)
	}
	for _, bad := range []string{filepath.Join(dir, "none*"), filepath.Join(dir, "missing.log")} {
		if _, err := ExpandFiles([]string{bad}); err == nil {
			t.Errorf("ExpandFiles(%s): no error", bad)
		}
	}
	if _, err := ExpandFiles([]string{t.TempDir()}); err == nil {
		t.Error("an empty directory: no error")
	}
}

func TestOpenRefusesABadSize(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "a.log"), WithMaxSize(0)); err == nil {
		t.Fatal("max size 0 accepted")
	}
}
