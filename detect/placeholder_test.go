package detect

import (
	"strings"
	"testing"
)

// isPlaceholderSimple is the definition isPlaceholder implements faster: a
// placeholder mark anywhere (ignoring case), or fewer than six distinct bytes.
func isPlaceholderSimple(v string) bool {
	if distinct(v) < 6 {
		return true
	}
	l := []byte(v)
	for i, c := range l {
		l[i] = lower(c)
	}
	for _, m := range placeholderMarks {
		if strings.Contains(string(l), m) {
			return true
		}
	}
	return false
}

func TestIsPlaceholder(t *testing.T) {
	r := rng(t)
	for _, tt := range []struct {
		v    string
		want bool
	}{
		{"AKIAIOSFODNN7EXAMPLE", true},
		{"YOUR_API_KEY_HERE_123", true},
		{"xxxxxxxxxxxxxxxxxxxx", true},
		{"abcXXXXdef123", true},
		{"<token>", true},
		{"Qw3rTy9Zk2Lm8Np4Vb7C", false},
		{"aaaaabbbbbcccc", true},   // five distinct bytes
		{"ab12cd34ef56", false},    // six
		{"key...9Zk2Lm8Np4", true}, // "..."
		{"9Zk2Lm8Np4Ab>", true},    // a one-byte mark at the end
		{"<9Zk2Lm8Np4Ab", true},    // and at the start
		{"9Zk2ChAnGeMe8Np4", true}, // mixed case
		{"9Zk2Lm8Np4Ab1234567890", true},
		{"9Zk2Lm8Np4Ab123456789", false},
	} {
		if got := isPlaceholder(tt.v); got != tt.want {
			t.Errorf("isPlaceholder(%q) = %v, want %v", tt.v, got, tt.want)
		}
		if got := isPlaceholderSimple(tt.v); got != tt.want {
			t.Errorf("isPlaceholderSimple(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
	// Random values over an alphabet rich in marks' bytes.
	for range 20000 {
		v := randFrom(r, "exXyYoOuUr_-<>*.0123456789abcdefghAHplPdDmMnN", 1+r.IntN(40))
		if got, want := isPlaceholder(v), isPlaceholderSimple(v); got != want {
			t.Fatalf("isPlaceholder(%q) = %v, want %v", v, got, want)
		}
	}
}

func FuzzIsPlaceholder(f *testing.F) {
	for _, s := range []string{"AKIAIOSFODNN7EXAMPLE", "sk-...", "YOUR_API_KEY", "Qw3rTy9Zk2Lm8Np4Vb7C", "<x>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if got, want := isPlaceholder(v), isPlaceholderSimple(v); got != want {
			t.Fatalf("isPlaceholder(%q) = %v, want %v", v, got, want)
		}
	})
}

// TestMarkSet compares markSet.in with a plain search, for random mark sets
// (short and long marks) over texts made of the marks' bytes.
func TestMarkSet(t *testing.T) {
	r := rng(t)
	const alphabet = "abcxyz.<-*0"
	for range 300 {
		var marks []string
		for range 1 + r.IntN(8) {
			marks = append(marks, randFrom(r, alphabet, 1+r.IntN(7)))
		}
		ms := newMarkSet(marks)
		for range 200 {
			v := randFrom(r, alphabet+"ABCXYZ", r.IntN(30))
			want := false
			lv := strings.ToLower(v)
			for _, m := range marks {
				want = want || strings.Contains(lv, m)
			}
			if got := ms.in(v); got != want {
				t.Fatalf("marks %q: in(%q) = %v, want %v", marks, v, got, want)
			}
		}
	}
}

// TestIsPlaceholderOf checks that knowing a value's alphabet changes
// nothing: over each alphabet the detectors pass, the answer is
// isPlaceholder's.
func TestIsPlaceholderOf(t *testing.T) {
	r := rng(t)
	for _, alphabet := range []uint64{cBase32, cB64Std, cWord, cAlnum, cWordDash, cAlnumDash, cWordDashDot, cWordDash | cSlash | cPlus, cLowerHex, cLowerAlnum} {
		var bytes []byte
		for b := 0; b < 256; b++ {
			if charClass[b]&alphabet != 0 {
				bytes = append(bytes, byte(b))
			}
		}
		// Bias towards the marks' bytes so that marks occur.
		letters := string(bytes) + strings.Repeat("exXyYoOuUr_-.0123*<>", 3)
		for range 5000 {
			v := []byte(randFrom(r, letters, 1+r.IntN(40)))
			for i, c := range v {
				if charClass[c]&alphabet == 0 {
					v[i] = bytes[r.IntN(len(bytes))]
				}
			}
			if got, want := isPlaceholderOf(string(v), alphabet), isPlaceholder(string(v)); got != want {
				t.Fatalf("isPlaceholderOf(%q, %#x) = %v, want %v", v, alphabet, got, want)
			}
		}
	}
}

// distinct counts the distinct bytes of s, stopping at 16: the reference
// the old placeholder and card checks used.
func distinct(s string) int {
	var seen [4]uint64 // a bit per byte value: 32 bytes to clear, not 256
	n := 0
	for i := 0; i < len(s) && n < 16; i++ {
		c := s[i]
		if bit := uint64(1) << (c & 63); seen[c>>6]&bit == 0 {
			seen[c>>6] |= bit
			n++
		}
	}
	return n
}

// FuzzFewDistinct compares fewDistinct (eight bytes counted in registers)
// with a count of distinct bytes.
func FuzzFewDistinct(f *testing.F) {
	f.Add("abcdefgh", 6)
	f.Add("aaaaaaaab", 2)
	f.Add("\x00\x00\x01\x00\x80\xff\x7f\x00", 4)
	f.Fuzz(func(t *testing.T, v string, n int) {
		if got, want := fewDistinct(v, n), distinct(v) < n; 1 <= n && n <= 16 && got != want {
			t.Fatalf("fewDistinct(%q, %d) = %v, want %v", v, n, got, want)
		}
	})
}

// TestFewDistinct compares fewDistinct with a count of distinct bytes.
func TestFewDistinct(t *testing.T) {
	r := rng(t)
	for range 20000 {
		v := randFrom(r, "aAbB09\x00\xff\x80-"[:1+r.IntN(10)], r.IntN(20))
		for n := 1; n <= 12; n++ {
			if got, want := fewDistinct(v, n), distinct(v) < n; got != want {
				t.Fatalf("fewDistinct(%q, %d) = %v, want %v", v, n, got, want)
			}
		}
	}
}
