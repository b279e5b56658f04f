package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReadTexts(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.jsonl")
	long := strings.Repeat("x", 2<<20) // past bufio.Scanner's default 64 KB line
	lines := []string{
		`{"id":"a","text":"first"}`,
		`not json`,
		`{"id":"b","text":""}`,
		`{"id":"c"}`,
		`{"text":"second \u00e8"}`,
		`{"text":"` + long + `"}`,
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := ReadTexts(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"first", "second è", long}; !slices.Equal(got, want) {
		t.Errorf("ReadTexts: %d texts %.40q…, want %d", len(got), got, len(want))
	}
	if _, err := ReadTexts(filepath.Join(dir, "missing.jsonl")); err == nil || !strings.HasPrefix(err.Error(), "corpus: ") {
		t.Errorf("missing file: error %v", err)
	}
}
