package detect

import (
	"encoding/base64"
	"flag"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/promptwall/promptwall/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite testdata/findings.golden")

// goldenTexts are the texts TestFindingsGolden scans: the dev corpus, both
// peer suites, and variants of each made with a fixed seed — full-width
// characters, zero-width characters, JSON \u escapes, upper and lower case,
// base64 and percent-encoding, prefixes, suffixes, splits, joins, repeats
// and byte shuffles. The test is skipped without the shared corpus.
func goldenTexts(t *testing.T) []string {
	var texts []string
	for _, p := range []string{"../../shared/corpus/dev.jsonl", "../../shared/peer-cases/gitleaks.jsonl", "../../shared/peer-cases/presidio.jsonl"} {
		ts, err := corpus.ReadTexts(p)
		if err != nil {
			t.Skipf("shared corpus not available: %v", err)
		}
		texts = append(texts, ts...)
	}
	base := append([]string(nil), texts...)
	r := rand.New(rand.NewSource(42))
	fw := func(s string) string {
		var b strings.Builder
		for _, c := range s {
			switch {
			case c >= '0' && c <= '9' && r.Intn(2) == 0:
				b.WriteRune(c - '0' + '０')
			case c == '@' && r.Intn(2) == 0:
				b.WriteRune('＠')
			case c >= 'A' && c <= 'Z' && r.Intn(4) == 0:
				b.WriteRune(c - 'A' + 'Ａ')
			default:
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	zw := func(s string) string {
		var b strings.Builder
		for _, c := range s {
			b.WriteRune(c)
			if r.Intn(6) == 0 {
				b.WriteRune([]rune{'\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'}[r.Intn(6)])
			}
		}
		return b.String()
	}
	jesc := func(s string) string {
		var b strings.Builder
		for _, c := range s {
			if c < 0x80 && r.Intn(5) == 0 {
				fmt.Fprintf(&b, "\\u%04x", c)
			} else {
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	seps := []string{" ", "\n", ", ", "\t", "; ", "=", ":", "\"", "'", "(", ")", "/", "-", ".", "_", "x", "9", "A"}
	for i, s := range base {
		texts = append(texts, fw(s), zw(s), jesc(s), strings.ToUpper(s), strings.ToLower(s),
			"prefix "+base64.StdEncoding.EncodeToString([]byte(s))+" suffix",
			url.QueryEscape(s), url.PathEscape(s),
			s+seps[r.Intn(len(seps))]+base[r.Intn(len(base))],
			base[r.Intn(len(base))]+seps[r.Intn(len(seps))]+s)
		if len(s) > 2 {
			a := r.Intn(len(s))
			b := a + r.Intn(len(s)-a)
			texts = append(texts, s[:a], s[a:], s[a:b]+seps[r.Intn(len(seps))]+s[b:])
		}
		if i%10 == 0 {
			texts = append(texts, strings.Repeat(s+"\n", 20))
		}
		// byte soup from the text's own bytes
		bs := []byte(s)
		r.Shuffle(len(bs), func(i, j int) { bs[i], bs[j] = bs[j], bs[i] })
		texts = append(texts, string(bs))
	}
	return texts
}

// TestFindingsGolden holds every finding (type and span) over some 44,000
// texts: a change meant only to make the engine faster must leave the file
// as it is; a change in what is found shows here line by line, and is
// accepted with -update.
func TestFindingsGolden(t *testing.T) {
	texts := goldenTexts(t)
	s := newTestScanner(t)
	var b strings.Builder
	for i, tx := range texts {
		fmt.Fprintf(&b, "%d", i)
		for _, f := range s.ScanText(tx) {
			fmt.Fprintf(&b, " %s:%d:%d", f.Type, f.Start, f.End)
		}
		b.WriteByte('\n')
	}
	const path = "testdata/findings.golden"
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, wl := strings.Split(b.String(), "\n"), strings.Split(string(want), "\n")
	if len(got) != len(wl) {
		t.Fatalf("%d texts scanned, the golden file has %d (run with -update if the text set changed)", len(got), len(wl))
	}
	bad := 0
	for i := range got {
		if got[i] == wl[i] {
			continue
		}
		if bad++; bad <= 15 {
			tx := texts[i]
			if len(tx) > 200 {
				tx = tx[:200] + "…"
			}
			t.Errorf("text %d %q\n got  %s\n want %s", i, tx, got[i], wl[i])
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d texts differ", bad, len(texts))
	}
}
