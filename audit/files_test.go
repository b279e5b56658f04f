package audit

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCompressedRotatedFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "audit.log")
	now := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	opts := []Option{WithCompress(true), WithRotateAfter(time.Hour), func(o *options) { o.now = func() time.Time { return now } }}
	w, err := Open(p, opts...)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 6 {
		if i > 0 && i%2 == 0 {
			now = now.Add(2 * time.Hour) // the next write rotates
			time.Sleep(2 * time.Millisecond)
		}
		if err := w.Write(&Event{ID: fmt.Sprint(i), Action: "allow"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil { // waits for the compression
		t.Fatal(err)
	}
	gz, _ := filepath.Glob(filepath.Join(dir, "audit-*.log.gz"))
	all, _ := filepath.Glob(filepath.Join(dir, "audit-*"))
	if len(gz) != 2 || len(all) != 2 { // no plain or temporary files left
		t.Fatalf("compressed %v, all rotated files %v", gz, all)
	}
	for _, f := range gz {
		if st, _ := os.Stat(f); st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v", f, st.Mode().Perm())
		}
	}

	// Rotated just before a restart: the current file is empty, the newest
	// rotated file compressed, and the chain goes on from inside it.
	time.Sleep(2 * time.Millisecond)
	if w, err = Open(p, opts...); err != nil {
		t.Fatal(err)
	}
	if err := w.out.Rotate(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if w, err = Open(p, opts...); err != nil { // compresses what the last one left
		t.Fatal(err)
	}
	w.Close()
	if gz, _ = filepath.Glob(filepath.Join(dir, "audit-*.log.gz")); len(gz) != 3 {
		t.Fatalf("compressed %v, want 3", gz)
	}
	writeTrail(t, p, 2)
	files, err := ExpandFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Verify(files)
	if err != nil || !res.OK() || res.Events != 8 || len(res.Chains) != 1 {
		t.Fatalf("%v %v %d events %+v", err, res.Problems, res.Events, res.Chains)
	}
	r, err := Summarize(files, time.Time{}, 0)
	if err != nil || r.Requests != 8 {
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

// TestOpenAfterALongLastLine: a last line longer than any line may be (a
// damaged file, or a writer of an older version) does not stop the trail
// from opening: the writer starts a new chain after it, and says why.
func TestOpenAfterALongLastLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.log")
	ls := writeTrail(t, p, 2)
	long := append(bytes.Repeat([]byte("x"), 2<<20), '\n')
	writeLines(t, p, [][]byte{ls[0], ls[1], long})
	writeTrail(t, p, 1) // Open, Write, Close
	res, err := Verify([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Restarts) != 1 || !strings.Contains(res.Restarts[0].Reason, "new chain") {
		t.Fatalf("restarts %v", res.Restarts)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 3 || res.Events != 4 { // two, the restart, one
		t.Fatalf("problems %v, %d events", res.Problems, res.Events)
	}
}

// edges says whether a file's last line is whole, read from both ends for a
// plain file and through for a gzipped one.
func TestEdges(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		content     string
		first, last string
		complete    bool
	}{
		{"", "", "", true},
		{"a\n", "a", "a", true},
		{"a\nb\nc\n", "a", "c", true},
		{"a\nb\nc", "a", "c", false},
		{"a", "a", "a", false},
	} {
		for _, gz := range []bool{false, true} {
			path := filepath.Join(dir, "t.log")
			data := []byte(tc.content)
			if gz {
				path += gzSuffix
				var b bytes.Buffer
				z := gzip.NewWriter(&b)
				z.Write(data)
				z.Close()
				data = b.Bytes()
			}
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			first, last, complete, err := edges(path)
			if err != nil || string(first) != tc.first || string(last) != tc.last || complete != tc.complete {
				t.Errorf("%q (gzip %v): edges = %q %q %v %v; want %q %q %v", tc.content, gz, first, last, complete, err, tc.first, tc.last, tc.complete)
			}
		}
	}
}
