package detect

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The page cache must answer as the Unicode tables do, for every character
// of the Basic Multilingual Plane and beyond.
func TestStableRuneMatchesTables(t *testing.T) {
	var b [utf8.UTFMax]byte
	for r := rune(0x80); r <= 0x10ffff; r++ {
		if !utf8.ValidRune(r) || (r >= 0x20000 && r&0xff != 0x41) {
			continue // beyond the first astral planes, a sample
		}
		enc := string(b[:utf8.EncodeRune(b[:], r)])
		if got, want := stableRune(r, enc), !unstableRune(r, enc); got != want {
			t.Fatalf("stableRune(%U) = %v, the tables say %v", r, got, want)
		}
	}
	if stableRune(utf8.RuneError, "\xff") {
		t.Fatal("an invalid byte counts as stable")
	}
}

// firstUnstable skips ASCII eight bytes at a time; it must stop where a
// character-by-character walk stops, wherever the character falls in a
// word and whatever follows it.
func TestFirstUnstableMatchesWalk(t *testing.T) {
	walk := func(s string) int {
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if s[i] >= utf8.RuneSelf && unstableRune(r, s[i:i+size]) {
				return i
			}
			i += size
		}
		return len(s)
	}
	pieces := []string{"a", "1", " ", "é", "ü", "\u200b", "Ａ", "\xff", "—", "€", "日本", "\xe2\x82"}
	for n := 0; n < 20; n++ {
		for _, p := range pieces {
			for _, q := range pieces {
				s := strings.Repeat("x", n) + p + strings.Repeat("y", n%9) + q
				if got, want := firstUnstable(s), walk(s); got != want {
					t.Fatalf("firstUnstable(%q) = %d, want %d", s, got, want)
				}
			}
		}
	}
}

// A long text's ASCII start is skipped 128 bytes (asciiPrefixAVX2) or 32 a
// step: firstUnstable must still stop where the walk does, with the
// character in any block and at any place in it, after a stable one or
// none, and at the very end.
func TestFirstUnstableLong(t *testing.T) {
	for _, n := range []int{127, 128, 129, 300, 520} {
		for at := 0; at < n; at++ {
			for _, c := range []string{"—", "é", "\xff", "\u200b"} {
				for _, before := range []string{"", "ü"} {
					b := []byte(strings.Repeat("a", n))
					s := string(b[:at]) + before + c + string(b[at:])
					want := at + len(before)
					if c == "é" {
						want = len(s)
					}
					if got := firstUnstable(s); got != want {
						t.Fatalf("n %d: %q after %q at %d: firstUnstable = %d, want %d", n, c, before, at, got, want)
					}
				}
			}
		}
		if got := firstUnstable(strings.Repeat("a", n)); got != n {
			t.Fatalf("ASCII of %d: firstUnstable = %d", n, got)
		}
	}
}

// normaliseRef is normalise as first written: every character through
// foldRune's Unicode tables, no page caches.
func normaliseRef(text string) normText {
	var buf []byte
	var edits []edit
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		enc := text[i : i+size]
		if text[i] < utf8.RuneSelf || !unstableRune(r, enc) {
			buf = append(buf, enc...)
			i += size
			continue
		}
		n := len(buf)
		buf = foldRune(buf, r, enc)
		edits = append(edits, edit{n0: int32(n), n1: int32(len(buf)), o0: int32(i), o1: int32(i + size)})
		i += size
	}
	if len(edits) == 0 {
		return normText{text: text}
	}
	return normText{text: string(buf), edits: edits}
}

func sameNorm(t *testing.T, s string) {
	t.Helper()
	got, want := normalise(s), normaliseRef(s)
	if got.text != want.text || !slices.Equal(got.edits, want.edits) {
		t.Fatalf("normalise(%+q) = %+q %v, want %+q %v", s, got.text, got.edits, want.text, want.edits)
	}
}

// nativeDigit reads every script's decimal digits, and nothing else.
func TestNativeDigit(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want int
	}{
		{'٠', 0}, {'٣', 3}, {'۹', 9}, {'०', 0}, {'७', 7}, {'৫', 5}, {'๙', 9}, {'０', 0}, {'９', 9},
		{'𝟎', 0}, {'𝟗', 9}, {'𝟘', 0}, {'𝟿', 9}, // abutting runs of ten
		{'5', -1}, {'a', -1}, {'½', -1}, {'①', -1}, {'Ⅻ', -1}, {'٫', -1},
	} {
		if got := nativeDigit(tc.r); got != tc.want {
			t.Errorf("nativeDigit(%q) = %d, want %d", tc.r, got, tc.want)
		}
	}
	if got := Normalize("٠١٢٣٤٥٦٧٨٩ ०१२३४५६७८९"); got != "0123456789 0123456789" {
		t.Errorf("Normalize = %q", got)
	}
}

// The page caches (stablePages, foldPages) must give what the tables give,
// for every character below foldCached and a sample beyond, alone and
// among others.
func TestNormaliseMatchesRef(t *testing.T) {
	var b [utf8.UTFMax]byte
	step := rune(1)
	if raceEnabled || testing.Short() {
		step = 13 // a sample: every character costs ten times as much
	}
	for r := rune(0x80); r <= 0x10ffff; r += step {
		if !utf8.ValidRune(r) || (r >= foldCached && r&0xff != 0x41) {
			continue
		}
		c := string(b[:utf8.EncodeRune(b[:], r)])
		if stableRune(r, c) {
			continue // copied as it is (TestStableRuneMatchesTables)
		}
		sameNorm(t, c)
		// After characters NFKC may compose it with, and after itself.
		sameNorm(t, "ab"+c+"Ａ"+c+"\u0301"+c+"é"+c+"\xe2"+c+"\u1100"+c+"가"+c+"ｶ"+c+"\u1100\u1161"+c+"\u0f71"+c+c)
	}
	for _, s := range []string{"", "plain", "\xff", "a\xffb\xe2\x82", "ＡＫＩＡ１２３ é \u200b ﷺ 𝟏𝐀", "—–\u00a0\u3000х", "\ufffd\xef\xbf"} {
		sameNorm(t, s)
	}
	if got, want := Normalize("d’ordine ‘a’ dell´utente “b” «c» „d‟ ʼe′ 5″"), `d'ordine 'a' dell'utente "b" "c" "d" 'e' 5"`; got != want {
		t.Errorf("Normalize folds quotes to %q, want %q", got, want)
	}
}

func FuzzNormaliseMatchesRef(f *testing.F) {
	for _, s := range []string{"plain ascii", "ＡＫＩＡ１２３", "a\u200bb\u00adc", "e\u0301", "ﬁ ｶ ①", "\xff\xfe", "–—\u00a0", "𝟏𝟐 ﷺ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameNorm(t, s) })
}

// atRef is normText.at by a walk over the edits.
func atRef(n *normText, i int) (int, int) {
	k := -1
	for j, e := range n.edits {
		if int(e.n0) <= i {
			k = j
		}
	}
	if k < 0 {
		return i, i + 1
	}
	e := n.edits[k]
	if i < int(e.n1) {
		return int(e.o0), int(e.o1)
	}
	o := int(e.o1) + i - int(e.n1)
	return o, o + 1
}

// at searches the edits without a branch a step and span steps from the
// start's edit to the end's: both must map as the walk does, for every
// byte and span, with no edits before, between, inside or after, edits
// that drop (empty) or expand, and many.
func TestNormTextMapsAsWalk(t *testing.T) {
	for _, s := range []string{
		"plain", "Ａ", "xＡ", "Ａx", "a\u200bb", "\u200b\u200b\u200bx", "ab ﷺ cd", "ＡＫＩＡ１２３ é \u200b ﷺ 𝟏𝐀 end",
		strings.Repeat("ab\u00a0", 40) + "tail", strings.Repeat("Ａ", 70), "x—y–z\u3000w\xffv",
	} {
		nt := normalise(s)
		for i := range len(nt.text) {
			if a, b := nt.at(i); [2]int{a, b} != func() [2]int { x, y := atRef(&nt, i); return [2]int{x, y} }() {
				x, y := atRef(&nt, i)
				t.Fatalf("%+q: at(%d) = %d,%d, want %d,%d", s, i, a, b, x, y)
			}
			for j := i + 1; j <= len(nt.text); j++ {
				a, _ := atRef(&nt, i)
				_, b := atRef(&nt, j-1)
				if x, y := nt.span(i, j); x != a || y != b {
					t.Fatalf("%+q: span(%d,%d) = %d,%d, want %d,%d", s, i, j, x, y, a, b)
				}
			}
		}
	}
}

// nextNonASCII skips a long stretch 128 bytes a step: it must find the
// first byte outside ASCII wherever it falls, as firstNonASCII does.
func TestNextNonASCII(t *testing.T) {
	for _, n := range []int{0, 1, 127, 128, 129, 300} {
		a := strings.Repeat("a", n)
		if got := nextNonASCII(a); got != -1 {
			t.Fatalf("ASCII of %d: %d", n, got)
		}
		for at := 0; at <= n; at++ {
			s := a[:at] + "é" + a[at:]
			if got := nextNonASCII(s); got != at {
				t.Fatalf("é at %d of %d: nextNonASCII = %d", at, len(s), got)
			}
		}
	}
}

// spans looks at the next edit before searching, from the previous
// finding's: it must map every span as span does, for findings in order,
// out of order, repeated, and before, between and across edits.
func TestNormTextSpansAsSpan(t *testing.T) {
	r := rng(t)
	for _, s := range []string{
		"ＡＫＩＡ１２３ é \u200b ﷺ 𝟏𝐀 end", strings.Repeat("ab\u00a0", 40) + "tail", strings.Repeat("Ａ", 70),
		strings.Repeat("plain text ", 20) + "—" + strings.Repeat("more ", 30) + "\u200b",
	} {
		nt := normalise(s)
		for range 200 {
			fs := make([]rawFinding, 1+r.IntN(30))
			for i := range fs {
				a := r.IntN(len(nt.text))
				fs[i] = rawFinding{start: a, end: a + 1 + r.IntN(len(nt.text)-a)}
			}
			if r.IntN(2) == 0 {
				slices.SortFunc(fs, func(a, b rawFinding) int { return a.start - b.start })
			}
			want := slices.Clone(fs)
			for i := range want {
				want[i].start, want[i].end = nt.span(want[i].start, want[i].end)
			}
			nt.spans(fs)
			if !slices.Equal(fs, want) {
				t.Fatalf("%+q: spans %v, span by span %v", s, fs, want)
			}
		}
	}
}

// TestFindingsOnEditedText: where normalising dropped or folded
// characters next to a finding, its span in the original text covers
// whole characters, no dropped one before its first byte, and the last
// one folded into it (offsets map from the last edit at or before an
// offset: several can start at one, a dropped character's first).
func TestFindingsOnEditedText(t *testing.T) {
	s := newTestScanner(t)
	for _, tc := range []struct {
		text, typ, want string
	}{
		{"mail ab@acme.co\u200bｍ ok", "EMAIL", "ab@acme.co\u200bｍ"},
		{"card 4111 1111 1111 111\u200b１", "CREDIT_CARD", "4111 1111 1111 111\u200b１"},
		{"mail \u200b\u200bab@acme.com ok", "EMAIL", "ab@acme.com"},
		{"tel. \u200b+39 ０２ 1234 5678\u200b.", "PHONE", "+39 ０２ 1234 5678"},
		// Typographic quotes fold to ASCII (quoteFold): the context words
		// and the quotes around a value are the ASCII ones.
		{"La parola d’ordine è Gh7#kq2Lm9", "PASSWORD", "Gh7#kq2Lm9"},
		{"password: “Gh7#kq2Lm9”", "PASSWORD", "Gh7#kq2Lm9"},
		{"la password è «Gh7#kq2Lm9» ok", "PASSWORD", "Gh7#kq2Lm9"},
		// Decimal digits of other scripts are the same digits (nativeDigit).
		{"paid with card ۴۰۶۵-۵۶۲۱-۹۱۷۵-۶۵۶۱, refund it", "CREDIT_CARD", "۴۰۶۵-۵۶۲۱-۹۱۷۵-۶۵۶۱"},
		{"carta ٦٠١١ ٨٣٥٤ ٤٥٥٦ ٥٢٦٣ rimborso", "CREDIT_CARD", "٦٠١١ ٨٣٥٤ ٤٥٥٦ ٥٢٦٣"},
		{"telefono del fornitore: +३९ ०५५ ४२६६ ००४", "PHONE", "+३९ ०५५ ४२६६ ००४"},
	} {
		fs := s.ScanText(tc.text)
		if len(fs) != 1 || fs[0].Type != tc.typ || tc.text[fs[0].Start:fs[0].End] != tc.want {
			t.Errorf("%q: %v, want one %s on %q", tc.text, fs, tc.typ, tc.want)
		}
	}
}
