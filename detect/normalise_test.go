package detect

import (
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
