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
}

func FuzzNormaliseMatchesRef(f *testing.F) {
	for _, s := range []string{"plain ascii", "ＡＫＩＡ１２３", "a\u200bb\u00adc", "e\u0301", "ﬁ ｶ ①", "\xff\xfe", "–—\u00a0", "𝟏𝟐 ﷺ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameNorm(t, s) })
}
