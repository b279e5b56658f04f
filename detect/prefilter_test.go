package detect

import (
	"slices"
	"strings"
	"testing"
)

// naiveHits finds every keyword occurrence the slow way.
func naiveHits(text string, kws []string) [][2]int {
	var out [][2]int
	b := []byte(text)
	for i := range b {
		b[i] = lower(b[i]) // ASCII only, byte for byte, like the prefilter
	}
	l := string(b)
	for id, k := range kws {
		for i := 0; i+len(k) <= len(l); i++ {
			if l[i:i+len(k)] == k {
				out = append(out, [2]int{id, i})
			}
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[1] != b[1] {
			return a[1] - b[1]
		}
		return a[0] - b[0]
	})
	return out
}

func prefilterHits(p *prefilter, text string) ([][2]int, []int, int) {
	var out [][2]int
	var digits []int
	na := p.scan(text, func(kw int32, start int) { out = append(out, [2]int{int(kw), start}) }, &digits)
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[1] != b[1] {
			return a[1] - b[1]
		}
		return a[0] - b[0]
	})
	return out, digits, na
}

var prefilterKeywords = []string{"he", "she", "his", "hers", "akia", "a3t", "-----begin", "@", "://", "pass", "password", "sk-", "sk-ant-"}

// bothPrefilters returns every keyword finder over the same keywords (the
// gram filter, teddy where the keywords suit it, the automaton): they must
// agree.
func bothPrefilters(kws []string) map[string]*prefilter {
	m := map[string]*prefilter{}
	for name, mode := range map[string]prefilterMode{"gram": pfGram, "teddy": pfTeddy, "automaton": pfAutomaton} {
		p, err := buildPrefilterMode(kws, make([][]int, len(kws)), mode)
		if err != nil {
			if mode == pfTeddy {
				continue
			}
			panic(err)
		}
		m[name] = p
	}
	return m
}

func TestPrefilterMatchesNaive(t *testing.T) {
	for name, p := range bothPrefilters(prefilterKeywords) {
		t.Run(name, func(t *testing.T) { testPrefilterMatchesNaive(t, p) })
	}
}

func testPrefilterMatchesNaive(t *testing.T, p *prefilter) {
	for _, text := range []string{
		"", "ushers", "HIS hers SHE", "my Password: x; pass", "sk-ant-api03 and sk-x", "a@b://c",
		"-----BEGIN RSA PRIVATE KEY-----", "AKIAA3T akia", "é@ü 12 ab345",
		strings.Repeat("x", 120) + "password" + strings.Repeat("y", 120) + "-----begin" + strings.Repeat("z", 5),
		strings.Repeat("ab sk-ant- 12 ", 40), strings.Repeat("q", 127) + "-----BEGIN" + strings.Repeat("q", 130),
	} {
		got, _, _ := prefilterHits(p, text)
		if want := naiveHits(text, prefilterKeywords); !slices.Equal(got, want) {
			t.Errorf("%q: got %v want %v", text, got, want)
		}
	}
}

func TestPrefilterDigitsAndNonASCII(t *testing.T) {
	for name, p := range bothPrefilters(prefilterKeywords) {
		t.Run(name, func(t *testing.T) { testPrefilterDigitsAndNonASCII(t, p) })
	}
}

func testPrefilterDigitsAndNonASCII(t *testing.T, p *prefilter) {
	for _, pad := range []int{0, 300} {
		x := strings.Repeat("x", pad)
		_, digits, na := prefilterHits(p, "a1b22 333é4"+x+"7"+x+"88é")
		want := []int{1, 3, 6, 11}
		if pad > 0 {
			want = append(want, 12+pad, 13+2*pad)
		}
		if !slices.Equal(digits, want) {
			t.Errorf("pad %d: digit runs %v, want %v", pad, digits, want)
		}
		if na != 9 {
			t.Errorf("pad %d: first non-ASCII at %d, want 9", pad, na)
		}
	}
	// A digit run across the middle of a long text is one run.
	text := strings.Repeat("a", 299) + "12345" + strings.Repeat("b", 300)
	if _, digits, na := prefilterHits(p, text); !slices.Equal(digits, []int{299}) || na != -1 {
		t.Errorf("run across the middle: %v, %d", digits, na)
	}
	text = strings.Repeat("a", 400) + "é"
	if _, _, na := prefilterHits(p, text); na != 400 {
		t.Errorf("non-ASCII in the second half at %d, want 400", na)
	}
}

func FuzzPrefilter(f *testing.F) {
	// The test keywords, and the built-in ones with dictionary terms
	// (accented, with digits, two bytes) as a policy would add them.
	s, err := NewScanner(WithCustom([]CustomDetector{{Type: "TERM", Terms: []string{"città", "R2", "x9q", "Ørsted ab"}}}))
	if err != nil {
		f.Fatal(err)
	}
	sets := [][]string{prefilterKeywords, s.pre.kws}
	both := []map[string]*prefilter{bothPrefilters(sets[0]), bothPrefilters(sets[1])}
	f.Add("ushers PASSWORD sk-ant-")
	f.Add("1a22 §x@Y é3")
	f.Add("CITTÀ città r2-D2 X9Q tel. +39 ørsted AB, password: x")
	f.Add("%41 \\u0041 QUtJQVozU1I0RkUzTE43R1NPVTc abcdefghijklmno-")
	f.Fuzz(func(t *testing.T, text string) {
		for i, kws := range sets {
			want := naiveHits(text, kws)
			_, digitsA, naA := prefilterHits(both[i]["automaton"], text)
			for name, p := range both[i] {
				got, digits, na := prefilterHits(p, text)
				if !slices.Equal(got, want) {
					t.Fatalf("set %d, %q: %s %v want %v", i, text, name, got, want)
				}
				if !slices.Equal(digits, digitsA) || na != naA {
					t.Fatalf("set %d, %q: %s digits %v/%v, non-ASCII %d/%d", i, text, name, digits, digitsA, na, naA)
				}
			}
		}
	})
}

// TestPrefilterBuiltinKeywords checks the gram filter against the naive
// search with the built-in keyword set (1- to 18-byte keywords, a
// non-ASCII one) over the corpus-like texts of the detector tests.
func TestPrefilterBuiltinKeywords(t *testing.T) {
	s := newTestScanner(t)
	kws := s.pre.kws
	ps := bothPrefilters(kws)
	texts := []string{
		"Chiama il cellulare 333 1234567 o TEL. +39 02 1234 5678, § 4.2 della sezione 3",
		"AWS_SECRET_ACCESS_KEY=abc; aws secret key; xoxb-1-2; GITHUB_PAT_x; -----BEGIN RSA",
		"Confidential — INTERNAL USE ONLY; parola d'ordine: x; mot de passe; --user=bob -u al",
		"é ü 日本 sk-ant-api03-x hooks.slack.com/services eyJhbGciOi a@b.c ://",
	}
	for _, text := range texts {
		want := naiveHits(text, kws)
		for name, p := range ps {
			if got, _, _ := prefilterHits(p, text); !slices.Equal(got, want) {
				t.Errorf("%s %q: got %v want %v", name, text, got, want)
			}
		}
	}
}
