package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeTrail writes n events through a Writer and returns the file's lines.
func writeTrail(t testing.TB, path string, n int, opts ...Option) [][]byte {
	t.Helper()
	w, err := Open(path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		ev := &Event{ID: fmt.Sprintf("req-%d", i), Action: "block", User: "user" + fmt.Sprint(i%3), Vendor: "openai",
			Domain: "api.openai.com", Path: "/v1/chat/completions",
			Findings: []Finding{{Type: "EMAIL", Count: 1, Fingerprints: []string{fmt.Sprintf("%032x", i)}}},
			Rules:    []string{"pii.block"}, Status: 403, Duration: time.Duration(i) * time.Millisecond}
		if err := w.Write(ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return readLines(t, path)
}

func readLines(t testing.TB, path string) [][]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.SplitAfter(b, []byte("\n"))[:bytes.Count(b, []byte("\n"))]
}

func writeLines(t testing.TB, path string, lines [][]byte) {
	t.Helper()
	if err := os.WriteFile(path, bytes.Join(lines, nil), 0o600); err != nil {
		t.Fatal(err)
	}
}

// rehash recomputes a line's hash after an edit, as a careful forger would.
func rehash(t testing.TB, line []byte) []byte {
	t.Helper()
	r, _, err := canonicalize(bytes.TrimSpace(line))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(line, []byte(`"hash":"`)) + len(`"hash":"`)
	out := bytes.Clone(line)
	copy(out[i:], chainHash(r.prev, r.canonical))
	return out
}

func TestVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name     string
		tamper   func(ls [][]byte) [][]byte
		wantLine int // 0: intact
		wantWhy  string
	}{
		{"intact", func(ls [][]byte) [][]byte { return ls }, 0, ""},
		{"whitespace and key order do not matter", func(ls [][]byte) [][]byte {
			var m map[string]any
			d := json.NewDecoder(bytes.NewReader(ls[2]))
			d.UseNumber()
			if err := d.Decode(&m); err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(m) // keys sorted: another order than the writer's
			ls[2] = append(bytes.Replace(b, []byte(`,"event.id":`), []byte(` ,	"event.id" : `), 1), '\n')
			return ls
		}, 0, ""},
		{"edited action", func(ls [][]byte) [][]byte {
			ls[2] = bytes.Replace(ls[2], []byte(`"event.action":"block"`), []byte(`"event.action":"allow"`), 1)
			return ls
		}, 3, "edited"},
		{"edited number", func(ls [][]byte) [][]byte {
			ls[3] = bytes.Replace(ls[3], []byte(`"http.response.status_code":403`), []byte(`"http.response.status_code":200`), 1)
			return ls
		}, 4, "edited"},
		{"edited and rehashed", func(ls [][]byte) [][]byte {
			ls[2] = rehash(t, bytes.Replace(ls[2], []byte(`"user.name":"user2"`), []byte(`"user.name":"nobody"`), 1))
			return ls
		}, 4, "removed, inserted or moved"},
		{"removed line", func(ls [][]byte) [][]byte { return append(ls[:2:2], ls[3:]...) }, 3, "removed, inserted or moved"},
		{"removed last line but one", func(ls [][]byte) [][]byte { return append(ls[:len(ls)-2:len(ls)-2], ls[len(ls)-1]) }, 9, "removed"},
		{"inserted copy", func(ls [][]byte) [][]byte {
			return append(ls[:3:3], append([][]byte{ls[1]}, ls[3:]...)...)
		}, 4, "removed, inserted or moved"},
		{"inserted forgery", func(ls [][]byte) [][]byte {
			f := bytes.Replace(ls[3], []byte(`"event.id":"req-3"`), []byte(`"event.id":"req-X"`), 1)
			return append(ls[:3:3], append([][]byte{rehash(t, f)}, ls[3:]...)...)
		}, 5, "removed, inserted or moved"},
		{"reordered", func(ls [][]byte) [][]byte { ls[4], ls[5] = ls[5], ls[4]; return ls }, 5, "removed, inserted or moved"},
		{"duplicate key shadowing a value", func(ls [][]byte) [][]byte {
			ls[6] = append([]byte(`{"event.action":"allow",`), ls[6][1:]...)
			return ls
		}, 7, "duplicate key"},
		{"hash removed", func(ls [][]byte) [][]byte {
			ls[1] = append(ls[1][:bytes.Index(ls[1], []byte(`,"hash"`))], "}\n"...)
			return ls
		}, 2, `no "hash"`},
		{"not JSON", func(ls [][]byte) [][]byte { ls[0] = []byte("hello\n"); return ls }, 1, "not JSON"},
		{"cut short", func(ls [][]byte) [][]byte { ls[9] = ls[9][:40]; return ls }, 10, "cut short"},
		{"invalid UTF-8", func(ls [][]byte) [][]byte {
			ls[5] = bytes.Replace(ls[5], []byte("user2"), []byte("user\xff"), 1)
			return ls
		}, 6, "UTF-8"},
	}
	dir := t.TempDir()
	orig := writeTrail(t, filepath.Join(dir, "orig.log"), 10)
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ls := make([][]byte, len(orig))
			for i := range orig {
				ls[i] = bytes.Clone(orig[i])
			}
			p := filepath.Join(dir, fmt.Sprintf("t%d.log", i))
			writeLines(t, p, tc.tamper(ls))
			res, err := Verify([]string{p})
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantLine == 0 {
				if !res.OK() || res.Events != 10 || len(res.Chains) != 1 || !res.Chains[0].FromGenesis {
					t.Fatalf("intact trail: problems %v, %d events, chains %+v", res.Problems, res.Events, res.Chains)
				}
				return
			}
			if res.OK() {
				t.Fatal("tampering not detected")
			}
			if res.OnlyCutLines() != strings.Contains(tc.name, "cut short") {
				t.Errorf("OnlyCutLines = %v: %v", res.OnlyCutLines(), res.Problems)
			}
			p0 := res.Problems[0]
			if p0.File != p || p0.Line != tc.wantLine || !strings.Contains(p0.Reason, tc.wantWhy) {
				t.Fatalf("first problem %v, want line %d: …%s…", p0, tc.wantLine, tc.wantWhy)
			}
		})
	}
}

func TestVerifyTailHashAnchorsTheEnd(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.log")
	ls := writeTrail(t, p, 5)
	res, err := Verify([]string{p})
	if err != nil || !res.OK() {
		t.Fatal(err, res.Problems)
	}
	tail := res.Chains[0].Tail
	w, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if w.Head() != tail {
		t.Fatalf("Head %s, want the tail %s", w.Head(), tail)
	}
	w.Close()
	writeTrail(t, p, 2) // the trail grows past the anchor
	if res, err = Verify([]string{p}, tail); err != nil || !res.OK() {
		t.Fatal(err, res.Problems, res.MissingAnchors)
	}
	writeLines(t, p, ls[:4]) // the last line dropped: the chain is still whole…
	res, err = Verify([]string{p}, tail)
	if err != nil || len(res.Problems) != 0 {
		t.Fatal(err, res.Problems)
	}
	if res.OK() || len(res.MissingAnchors) != 1 { // …but the anchor is gone
		t.Fatalf("the anchor of a dropped line was found: %v", res.MissingAnchors)
	}
	writeLines(t, p, ls[1:]) // the first line dropped: a partial chain
	if res, err = Verify([]string{p}); err != nil || !res.OK() || res.Chains[0].FromGenesis {
		t.Fatalf("partial chain: %v %v %+v", err, res.Problems, res.Chains)
	}
}

// rotatedTrail writes a trail over several files by age rotation, with a
// restart of the writer between each, and returns the files oldest first.
func rotatedTrail(t testing.TB, dir string, files, perFile int) []string {
	t.Helper()
	p := filepath.Join(dir, "audit.log")
	now := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	for f := range files {
		w, err := Open(p, WithRotateAfter(time.Hour), func(o *options) { o.now = clock })
		if err != nil {
			t.Fatal(err)
		}
		for i := range perFile {
			if err := w.Write(&Event{ID: fmt.Sprintf("f%d-e%d", f, i), Action: "allow", Vendor: "anthropic"}); err != nil {
				t.Fatal(err)
			}
			now = now.Add(time.Minute)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		now = now.Add(2 * time.Hour)
		time.Sleep(2 * time.Millisecond) // lumberjack names backups by the wall clock, to the millisecond
	}
	bs, err := backups(p)
	if err != nil {
		t.Fatal(err)
	}
	return append(bs, p)
}

func TestVerifyRotatedSetInAnyOrder(t *testing.T) {
	dir := t.TempDir()
	files := rotatedTrail(t, dir, 4, 3)
	if len(files) != 4 {
		t.Fatalf("%d files, want 4 (3 rotated and the current one): %v", len(files), files)
	}
	for _, f := range files {
		if st, err := os.Stat(f); err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v, mode %v", f, err, st.Mode().Perm())
		}
	}
	shuffled := append([]string(nil), files...)
	rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	res, err := Verify(shuffled)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() || res.Events != 12 || len(res.Chains) != 1 || !res.Chains[0].FromGenesis {
		t.Fatalf("problems %v, %d events, chains %+v", res.Problems, res.Events, res.Chains)
	}
	if fmt.Sprint(res.Files) != fmt.Sprint(files) {
		t.Fatalf("order %v, want %v", res.Files, files)
	}
	exp, err := ExpandFiles([]string{dir})
	if err != nil || len(exp) != 4 {
		t.Fatalf("ExpandFiles(dir) = %v, %v", exp, err)
	}

	// A missing file in the middle is named at the first line after the gap.
	res, err = Verify([]string{files[0], files[1], files[3]})
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || res.Problems[0].File != files[3] || res.Problems[0].Line != 1 {
		t.Fatalf("missing file: problems %v", res.Problems)
	}
	// Lines moved from one file to the next break the chain in both.
	a, b := readLines(t, files[1]), readLines(t, files[2])
	writeLines(t, files[1], a[:2])
	writeLines(t, files[2], append([][]byte{a[2]}, b[1:]...))
	res, err = Verify(files)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || res.Problems[0].File != files[2] || res.Problems[0].Line != 2 {
		t.Fatalf("moved lines: problems %v", res.Problems)
	}
}

func TestOpenContinuesTheChain(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "audit.log")
	writeTrail(t, p, 3)
	writeTrail(t, p, 3) // a restart
	res, err := Verify([]string{p})
	if err != nil || !res.OK() || res.Events != 6 || len(res.Chains) != 1 {
		t.Fatalf("%v %v %d events %+v", err, res.Problems, res.Events, res.Chains)
	}

	// Rotated just before the restart: the current file is empty and the
	// chain goes on from the newest rotated one.
	time.Sleep(2 * time.Millisecond)
	w, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.out.Rotate(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	writeTrail(t, p, 2)
	bs, _ := backups(p)
	res, err = Verify(append(bs, p))
	if err != nil || !res.OK() || res.Events != 8 || len(res.Chains) != 1 {
		t.Fatalf("%v %v %d events %+v", err, res.Problems, res.Events, res.Chains)
	}
}

func TestOpenAfterACutWriteRestartsTheChain(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.log")
	ls := writeTrail(t, p, 4)
	ls[3] = ls[3][:len(ls[3])/2] // the machine died mid-write
	writeLines(t, p, ls)
	ls = writeTrail(t, p, 2)
	if len(ls) != 4+1+2 {
		t.Fatalf("%d lines, want 7 (4, the restart event, 2)", len(ls))
	}
	res, err := Verify([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 4 || !strings.Contains(res.Problems[0].Reason, "not JSON") {
		t.Fatalf("problems %v, want the cut line 4 only", res.Problems)
	}
	if !res.OnlyCutLines() {
		t.Fatalf("a cut line followed by a restart is not a cut line only: %v", res.CutLines)
	}
	if len(res.Restarts) != 1 || res.Restarts[0].Line != 5 || !strings.Contains(res.Restarts[0].Reason, "cut short") {
		t.Fatalf("restarts %v", res.Restarts)
	}
	if len(res.Chains) != 2 || res.Chains[1].Events != 3 || !res.Chains[1].FromGenesis {
		t.Fatalf("chains %+v", res.Chains)
	}

	// An edited last line also restarts the chain, and stays a problem.
	ls = readLines(t, p)
	ls[6] = bytes.Replace(ls[6], []byte(`"event.action":"block"`), []byte(`"event.action":"allow"`), 1)
	writeLines(t, p, ls)
	writeTrail(t, p, 1)
	res, _ = Verify([]string{p})
	if len(res.Problems) != 2 || res.Problems[1].Line != 7 || len(res.Restarts) != 2 || res.OnlyCutLines() {
		t.Fatalf("problems %v restarts %v", res.Problems, res.Restarts)
	}
}

func TestRotationBySize(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "audit.log")
	w, err := Open(p, WithMaxSize(1), WithRotateAfter(0))
	if err != nil {
		t.Fatal(err)
	}
	fps := make([]string, 200) // ~7 KiB a line: 150 lines fill a megabyte
	for i := range fps {
		s := sha256.Sum256([]byte{byte(i)})
		fps[i] = hex.EncodeToString(s[:16])
	}
	for i := range 200 {
		if err := w.Write(&Event{ID: fmt.Sprint(i), Action: "redact", Findings: []Finding{{Type: "EMAIL", Count: 200, Fingerprints: fps}}}); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	bs, _ := backups(p)
	if len(bs) != 1 {
		t.Fatalf("rotated files %v, want 1", bs)
	}
	for _, f := range append(bs, p) {
		if st, _ := os.Stat(f); st.Size() > 1<<20 {
			t.Errorf("%s has %d bytes, more than 1 MiB", f, st.Size())
		}
	}
	res, err := Verify(append(bs, p))
	if err != nil || !res.OK() || res.Events != 200 || len(res.Chains) != 1 {
		t.Fatalf("%v %v %d events", err, res.Problems, res.Events)
	}
}

// FuzzVerifyFile feeds whole files to Verify: it never panics or fails to
// read, and a file it finds intact has a chain whose events are all lines.
func FuzzVerifyFile(f *testing.F) {
	dir := f.TempDir()
	f.Add(bytes.Join(writeTrail(f, filepath.Join(dir, "seed.log"), 3), nil))
	f.Add([]byte("{}\n\n{\"a\":1}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "audit.log")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		res, err := Verify([]string{p})
		if err != nil {
			t.Fatal(err)
		}
		if res.OK() && res.Events != bytes.Count(data, []byte("\n"))+btoi(len(data) > 0 && data[len(data)-1] != '\n') {
			t.Fatalf("intact, with %d events in %d lines", res.Events, bytes.Count(data, []byte("\n")))
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestVerifyNamesACopiedFile(t *testing.T) {
	dir := t.TempDir()
	files := rotatedTrail(t, dir, 3, 2)
	b, err := os.ReadFile(files[1])
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(dir, "copy.log")
	writeLines(t, cp, [][]byte{b})
	res, err := Verify(append(files, cp))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Reason, "another file given continues too") {
		t.Fatalf("problems %v", res.Problems)
	}
}
