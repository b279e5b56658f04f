package detect

import (
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
