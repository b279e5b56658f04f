package detect

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestTermCaseFolding: terms and regex keywords match in any mix of cases
// of any letter with a simple case folding, not only ASCII.
func TestTermCaseFolding(t *testing.T) {
	s := newTestScanner(t, WithCustom([]CustomDetector{
		{Type: "CUSTOMER", Terms: []string{"Società Rossi", "Caffè Nero", "Ærø Bank", "Ærø", "Москва", "Борис Ельцин", "Ελλάδα", "ΣΟΦΙΑ", "straße", "東京"}},
		{Type: "REGISTRO", Regex: `(?i)\bsocietà n\. (\d{5})\b`, Keywords: []string{"società"}},
		{Type: "ISOLA", Regex: `\b(\d{4})\b`, Keywords: []string{"ærø"}},
	}))
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		{"capitals", "la SOCIETÀ ROSSI paga", []want{{"CUSTOMER", "SOCIETÀ ROSSI"}}},
		{"lower case", "la società rossi paga", []want{{"CUSTOMER", "società rossi"}}},
		{"mixed", "la SoCiEtà rOSSI paga", []want{{"CUSTOMER", "SoCiEtà rOSSI"}}},
		{"capital grave", "un CAFFÈ NERO", []want{{"CUSTOMER", "CAFFÈ NERO"}}},
		{"capital ae and o slash", "conto ÆRØ BANK aperto", []want{{"CUSTOMER", "ÆRØ BANK"}}},
		{"first letters outside ASCII only", "isola di ÆRØ", []want{{"CUSTOMER", "ÆRØ"}}},
		{"lower ae", "isola di ærø", []want{{"CUSTOMER", "ærø"}}},
		{"one capital inside", "isola di æRØ", []want{{"CUSTOMER", "æRØ"}}},
		{"cyrillic capitals", "в МОСКВА сейчас", []want{{"CUSTOMER", "МОСКВА"}}},
		{"cyrillic lower", "в москва сейчас", []want{{"CUSTOMER", "москва"}}},
		{"cyrillic name", "и БОРИС ЕЛЬЦИН и борис  ельцин", []want{{"CUSTOMER", "БОРИС ЕЛЬЦИН"}, {"CUSTOMER", "борис  ельцин"}}},
		{"greek capitals", "η ΕΛΛΆΔΑ σήμερα", []want{{"CUSTOMER", "ΕΛΛΆΔΑ"}}},
		{"greek lower", "η ελλάδα σήμερα", []want{{"CUSTOMER", "ελλάδα"}}},
		{"final sigma", "η σοφια και η σοφιας", []want{{"CUSTOMER", "σοφια"}}},
		{"sharp s", "die STRAßE", []want{{"CUSTOMER", "STRAßE"}}},
		{"no case", "東京に行く", []want{{"CUSTOMER", "東京"}}},
		{"keyword in capitals", "la SOCIETÀ N. 54321", []want{{"REGISTRO", "54321"}}},
		{"keyword outside ASCII first", "ÆRØ 2024", []want{{"CUSTOMER", "ÆRØ"}, {"ISOLA", "2024"}}},
		{"keyword absent", "la societa n. 54321, anno 2024", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestTermWhiteSpace: any run of white space matches the space between a
// term's words; a term's own white space is one separator.
func TestTermWhiteSpace(t *testing.T) {
	s := newTestScanner(t, WithCustom([]CustomDetector{
		{Type: "PROJECT", Terms: []string{"Progetto Fenice", "Blue \t Falcon"}},
		{Type: "ORDER", Regex: `\b(\d{6})\b`, Keywords: []string{"ordine di acquisto"}},
	}))
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		{"one space", "il Progetto Fenice parte", []want{{"PROJECT", "Progetto Fenice"}}},
		{"two spaces", "il Progetto  Fenice parte", []want{{"PROJECT", "Progetto  Fenice"}}},
		{"tab", "il Progetto\tFenice parte", []want{{"PROJECT", "Progetto\tFenice"}}},
		{"line feed", "il Progetto\nFenice parte", []want{{"PROJECT", "Progetto\nFenice"}}},
		{"crlf", "il Progetto\r\nFenice parte", []want{{"PROJECT", "Progetto\r\nFenice"}}},
		{"nbsp", "il Progetto\u00a0Fenice parte", []want{{"PROJECT", "Progetto\u00a0Fenice"}}},
		{"ideographic space", "il Progetto\u3000Fenice parte", []want{{"PROJECT", "Progetto\u3000Fenice"}}},
		{"line separator", "il Progetto\u2028Fenice parte", []want{{"PROJECT", "Progetto\u2028Fenice"}}},
		{"no space", "il ProgettoFenice parte", nil},
		{"term's own white space", "the blue falcon flies", []want{{"PROJECT", "blue falcon"}}},
		{"keyword over a line break", "Ordine di\nacquisto: 123456", []want{{"ORDER", "123456"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestTermWholeWord: a term is a whole word in any script: letters,
// digits and marks outside ASCII continue a word too.
func TestTermWholeWord(t *testing.T) {
	s := newTestScanner(t, WithCustom([]CustomDetector{
		{Type: "CODE", Terms: []string{"Unit", "Cos", "Ren", "Citt", "Fenice", "BB-7", "東京", "Orione"}},
	}))
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		{"accented letter after", "Ogni unità è così", nil},
		{"e acute after", "René", nil},
		{"a grave after", "la città", nil},
		{"letter before", "àFenice", nil},
		{"letter after", "Feniceà", nil},
		{"combining mark after", "Fenice\u0301", nil},
		{"digit of another script after", "Fenice٣", nil},
		{"underscore", "Fenice_2", nil},
		{"punctuation around", "«Fenice», (Unit), ¿Cos?", []want{{"CODE", "Fenice"}, {"CODE", "Unit"}, {"CODE", "Cos"}}},
		{"greek letter before", "αOrione", nil},
		{"dash term", "motore BB-7x", nil},
		{"dash term alone", "motore BB-7.", []want{{"CODE", "BB-7"}}},
		{"scripts without spaces", "東京都に住む", []want{{"CODE", "東京"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestTermApostrophes: ' ’ ‘ ʼ are one character, in terms and in text.
func TestTermApostrophes(t *testing.T) {
	s := newTestScanner(t, WithCustom([]CustomDetector{
		{Type: "CUSTOMER", Terms: []string{"Dell'Orto Spa", "Sant’Anna"}},
		{Type: "ORDER", Regex: `\b(\d{6})\b`, Keywords: []string{"l'ordine"}},
	}))
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		{"ascii", "fattura Dell'Orto Spa", []want{{"CUSTOMER", "Dell'Orto Spa"}}},
		{"right single quote", "fattura Dell’Orto Spa", []want{{"CUSTOMER", "Dell’Orto Spa"}}},
		{"left single quote", "fattura DELL‘ORTO SPA", []want{{"CUSTOMER", "DELL‘ORTO SPA"}}},
		{"modifier letter", "fattura dellʼorto spa", []want{{"CUSTOMER", "dellʼorto spa"}}},
		{"full-width", "fattura Dell＇Orto Spa", []want{{"CUSTOMER", "Dell＇Orto Spa"}}},
		{"term typed with U+2019", "a Sant'Anna", []want{{"CUSTOMER", "Sant'Anna"}}},
		{"not a quote mark", "fattura Dell\"Orto Spa", nil},
		{"keyword", "l’ordine 123456", []want{{"ORDER", "123456"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestTermLongest: at a start the longest term wins; matches never
// overlap; a term gated in the middle of another still counts once.
func TestTermLongest(t *testing.T) {
	s := newTestScanner(t, WithCustom([]CustomDetector{
		{Type: "CUSTOMER", Terms: []string{"Acme", "Acme  Corp", "Corp Italia", "Ærø", "Ærø Bank"}},
	}))
	checkFindings(t, s, "ACME CORP ITALIA", []want{{"CUSTOMER", "ACME CORP"}})
	checkFindings(t, s, "ærø bank, ærø", []want{{"CUSTOMER", "ærø bank"}, {"CUSTOMER", "ærø"}})
	checkFindings(t, s, "Acme Corpo", []want{{"CUSTOMER", "Acme"}})
}

// TestPhraseGates: phrases join the scanner's prefilter pass with their
// start's case variants, capitals outside ASCII too (the scanner folds only
// ASCII in keywords); a gate too short for it (under three bytes, short of
// the whole phrase) makes the set run its own, skipped on ASCII texts when
// every gate is outside ASCII.
func TestPhraseGates(t *testing.T) {
	tests := []struct {
		phrases  []string
		shared   []string // nil: own prefilter
		nonASCII bool
	}{
		{[]string{"Società Rossi", "Caffè Nero", "R2", "東京"}, []string{"societÀ", "società", "caffÈ", "caffè", "r2", "東京"}, false},
		{[]string{"Москва"}, []string{"mock", "мock", "mocк", "мocк"}, false},
		{[]string{"Dell’Orto"}, []string{"dell'orto"}, false}, // normalise makes ’ an ASCII apostrophe
		{[]string{"Ærø Bank", "Ελλάδα"}, []string{"ÆrØ", "ærØ", "Ærø", "ærø", "eΛ", "εΛ", "eλ", "ελ"}, false},
		{[]string{"Ærø", "Acme"}, []string{"ÆrØ", "ærØ", "Ærø", "ærø", "acme"}, false},
		{[]string{"Caè"}, []string{"caÈ", "caè"}, false},
		{[]string{"R2 D2"}, nil, false}, // "r2" alone is too short a gate
		{[]string{"Ö Bank", "Å x"}, nil, true},
	}
	for _, tt := range tests {
		ps, err := newPhraseSet(tt.phrases, true, "term")
		if err != nil {
			t.Fatal(err)
		}
		if tt.shared != nil {
			if !slices.Equal(ps.keywords(), tt.shared) || ps.own != nil {
				t.Errorf("%q: keywords %q, own %v; want %q", tt.phrases, ps.keywords(), ps.own != nil, tt.shared)
			}
			continue
		}
		if ps.keywords() != nil || ps.own == nil || ps.ownNonASCII != tt.nonASCII {
			t.Errorf("%q: keywords %q, own %v, non-ASCII %v", tt.phrases, ps.keywords(), ps.own != nil, ps.ownNonASCII)
		}
		for _, kw := range ps.own.kws {
			if !utf8.ValidString(kw) {
				t.Errorf("%q: keyword %q", tt.phrases, kw)
			}
		}
		if len(ps.own.kws) > maxGateVariants*len(tt.phrases) {
			t.Errorf("%q: %d keywords", tt.phrases, len(ps.own.kws))
		}
	}
}

// TestLargeDictionaryFindings: every term placed in the benchmark text is
// found, in whatever case it was put there.
func TestLargeDictionaryFindings(t *testing.T) {
	for _, withCapital := range []bool{false, true} {
		terms := largeDictionary(20000, withCapital)
		s := newTestScanner(t, WithCustom([]CustomDetector{{Type: "CUSTOMER", Terms: terms}}))
		text := largeDictionaryText(terms, 64<<10)
		want := strings.Count(text, ". ") - strings.Count(text, "venerdì. ")
		if got := len(s.ScanText(text)); got != want {
			t.Errorf("with capitals %v: %d findings, want %d", withCapital, got, want)
		}
	}
}

// FuzzTermMatch: a term is found in any case mix, with any white space
// between its words, between arbitrary texts; whatever is reported folds
// to the term.
func FuzzTermMatch(f *testing.F) {
	f.Add("Società Rossi", "la", "paga", uint64(5))
	f.Add("Ærø Bank", "", "", uint64(0xff))
	f.Add("Dell'Orto Spa", "x", "", uint64(3))
	f.Add("Москва", "в", "!", uint64(9))
	f.Add("ΣΟΦΙΑ ς", "", "σ", uint64(1))
	f.Add("東京", "東", "都", uint64(0))
	f.Add("ﬁle Ａcme", "ǅ", "\u200b", uint64(0x55))
	f.Add("a a", "a", "a", uint64(2))
	f.Add("\u0323", "0", "0", uint64(1)) // a lone combining mark
	f.Fuzz(func(t *testing.T, term, before, after string, flips uint64) {
		if !utf8.ValidString(term) || len(term) > 64 {
			return
		}
		s, err := NewScanner(WithCustom([]CustomDetector{{Type: "TERM", Terms: []string{term}}}))
		if err != nil {
			return // empty once normalised
		}
		key, _, err := foldPhrase(term, nil)
		if err != nil {
			t.Fatal(err)
		}
		text := before + " " + mangleTerm(strings.TrimSpace(term), flips) + " " + after
		fs := s.ScanText(text)
		for _, f := range fs {
			if f.Start < 0 || f.End > len(text) || f.Start >= f.End {
				t.Fatalf("span %d-%d in %d bytes", f.Start, f.End, len(text))
			}
			got, _, err := foldPhrase(Normalize(text[f.Start:f.End]), nil)
			if err != nil || got != key {
				t.Fatalf("reported %q for term %q", text[f.Start:f.End], term)
			}
		}
		// The mangled term is found, or an earlier match overlaps it.
		if len(fs) == 0 && foldsStably(term) {
			t.Fatalf("term %q not found in %q", term, text)
		}
	})
}

// mangleTerm changes the case of the letters of term whose bit in flips
// is set (to the next of its case orbit) and widens its white space.
func mangleTerm(term string, flips uint64) string {
	var b strings.Builder
	i := 0
	for _, r := range term {
		bit := flips>>(i%64)&1 == 1
		i++
		switch {
		case isSpaceRune(r) && bit:
			b.WriteString(" \t\n")
		case bit:
			b.WriteRune(unicode.SimpleFold(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldsStably reports whether every letter of term, in each of its
// cases, folds to one key once normalised (not so for a few homoglyphs:
// Greek ν is v, its capital N), and normalisation keeps the term in one
// piece (no format characters that vanish next to white space, no
// characters that turn into white space or an apostrophe).
func foldsStably(term string) bool {
	for _, r := range term {
		if r >= utf8.RuneSelf && !stableChar(r) && !isSpaceRune(r) {
			return false
		}
		k := foldKey(r)
		for x := unicode.SimpleFold(r); x != r; x = unicode.SimpleFold(x) {
			if !stableChar(x) || foldKey(x) != k || isSpaceRune(x) != isSpaceRune(r) {
				return false
			}
		}
	}
	return true
}

// largeDictionary returns n dictionary terms as a policy might list
// customers: mostly ASCII, some accented, and (withCapital) some starting
// with a letter whose capital is outside ASCII.
func largeDictionary(n int, withCapital bool) []string {
	r := rand.New(rand.NewPCG(1, 2))
	const letters = "abcdefghijklmnopqrstuvwxyz"
	terms := make([]string, n)
	for i := range terms {
		name := randFrom(r, letters, 8)
		switch {
		case withCapital && i%50 == 0:
			terms[i] = "Ærø " + name
		case i%10 == 1:
			terms[i] = "Società " + name
		case i%10 == 2:
			terms[i] = "Dell'" + name + " Spa"
		default:
			terms[i] = "Cliente " + name
		}
	}
	return terms
}

// largeDictionaryText is about size bytes of prose naming a dictionary
// term every 2 KB or so, in varied case, among many near misses.
func largeDictionaryText(terms []string, size int) string {
	r := rand.New(rand.NewPCG(3, 4))
	filler := "Il cliente chiede un preventivo per la fornitura; la società risponde entro venerdì. "
	var b strings.Builder
	for b.Len() < size {
		for range 24 {
			b.WriteString(filler)
		}
		t := terms[r.IntN(len(terms))]
		switch r.IntN(3) {
		case 0:
			t = strings.ToUpper(t)
		case 1:
			t = strings.ToLower(t)
		}
		b.WriteString(t)
		b.WriteString(". ")
	}
	return b.String()
}

// BenchmarkLargeDictionary: building a scanner with a 20,000-term
// dictionary (what `policy check` does) and scanning 1 MB with it. The
// second set has terms that need the dictionary's own prefilter pass.
func BenchmarkLargeDictionary(b *testing.B) {
	for _, withCapital := range []bool{false, true} {
		name := "ascii-and-accented"
		if withCapital {
			name = "with-non-ascii-capitals"
		}
		terms := largeDictionary(20000, withCapital)
		opt := WithCustom([]CustomDetector{{Type: "CUSTOMER", Terms: terms}})
		b.Run(name+"/compile", func(b *testing.B) {
			for b.Loop() {
				if _, err := NewScanner(opt); err != nil {
					b.Fatal(err)
				}
			}
		})
		s, err := NewScanner(opt)
		if err != nil {
			b.Fatal(err)
		}
		text := largeDictionaryText(terms, 1<<20)
		b.Run(name+"/scan-1MB", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			n := 0
			for b.Loop() {
				n = len(s.ScanText(text))
			}
			b.ReportMetric(float64(n), "findings")
		})
	}
}
