package detect

import (
	"strings"
	"testing"
)

// TestPasswordASCIIFastPaths checks that the ASCII versions of the value
// checks agree with the Unicode-folding ones they stand in for.
func TestPasswordASCIIFastPaths(t *testing.T) {
	r := rng(t)
	words := []string{"password", "PassWord", "none", "NULL", "xxxx", "your_", "redacted", "Example", "process.env.X",
		"os.getenv(", "VAR.db", "env.", "admin", "<pw>", "****", "s3cr3t", "Tr0ub4dor&3", "aaa", "ab"}
	for range 20000 {
		v := words[r.IntN(len(words))]
		if r.IntN(2) == 0 {
			v += randFrom(r, "aB1_.x(*<", r.IntN(6))
		}
		user := ""
		if r.IntN(3) == 0 {
			user = strings.ToUpper(v)
		}
		if got, want := placeholderPassword(v, user), placeholderPasswordUnicode(v, user); got != want {
			t.Fatalf("placeholderPassword(%q, %q) = %v, want %v", v, user, got, want)
		}
		if got, want := isReference(v), isReferenceUnicode(v); got != want {
			t.Fatalf("isReference(%q) = %v, want %v", v, got, want)
		}
	}
	for _, s := range []string{"", "_", "-_word", "WD", "Value", "_plainText", "hash", "1", "_2", "s", "ss"} {
		want := false
		switch strings.ToLower(strings.TrimLeft(s, "_-")) {
		case "", "word", "wd", "value", "val", "str", "string", "text", "plain", "plaintext", "1", "2", "s":
			want = true
		}
		if got := passwordSuffix(s); got != want {
			t.Errorf("passwordSuffix(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestMaxNonPassword(t *testing.T) {
	for w := range commonNonPasswords {
		if len(w) > maxNonPassword || w != strings.ToLower(w) {
			t.Errorf("commonNonPasswords: %q is longer than maxNonPassword or not lower case", w)
		}
	}
}

// TestEnvReference compares envReference's one pass with looking for
// each word on its own.
func TestEnvReference(t *testing.T) {
	r := rng(t)
	pieces := []string{"process.", "PROCESS.", "get", "GeT", "env", "EnV", "e", "n", "v", ".", "x", "proc"}
	found := 0
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		v := b.String()
		want := indexFold(v, "process.env") >= 0 || indexFold(v, "getenv") >= 0
		if got := envReference(v); got != want {
			t.Fatalf("envReference(%q) = %v, want %v", v, got, want)
		}
		if want {
			found++
		}
	}
	if found < 1000 {
		t.Fatalf("only %d references generated", found)
	}
}

// TestNonPasswordEnds checks the first/last-byte gate before the map of
// commonNonPasswords: every word, in any case, is still found, and values
// of no length or too long are let through.
func TestNonPasswordEnds(t *testing.T) {
	for w := range commonNonPasswords {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			if !placeholderPassword(v, "") {
				t.Errorf("placeholderPassword(%q) = false, want true", v)
			}
		}
	}
	for _, v := range []string{"", "Xk9#mQ2p", "tX9#mQ2pwA1bC3dE5fG7"} {
		if placeholderPassword(v, "") != (v == "") {
			t.Errorf("placeholderPassword(%q) = %v", v, !(v == ""))
		}
	}
}

// looksRandomSimple is looksRandom's definition: two or more of lower
// case, upper case, digits and other bytes, and not capitals alone.
func looksRandomSimple(v string) bool {
	var lower, upper, digit, other bool
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isLower(c):
			lower = true
		case isUpper(c):
			upper = true
		case isDigit(c):
			digit = true
		default:
			other = true
		}
	}
	n := 0
	for _, k := range []bool{lower, upper, digit, other} {
		if k {
			n++
		}
	}
	return n >= 2 && !(upper && !lower && !digit && !other)
}

// TestLooksRandom compares looksRandom (kinds as bits, no branch per byte)
// with its definition; the table holds one value of each mix.
func TestLooksRandom(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"", false}, {"password", false}, {"PASSWORD", false}, {"12345678", false}, {"!!--..", false},
		{"Password", true}, {"passw0rd", true}, {"PASS1234", true}, {"pass-word", true}, {"PASS!", true},
		{"1234-5678", true}, {"\x00a", true}, {"é", false}, {"aé", true},
	} {
		if got := looksRandom(c.v); got != c.want || got != looksRandomSimple(c.v) {
			t.Errorf("looksRandom(%q) = %v, want %v", c.v, got, c.want)
		}
	}
	r := rng(t)
	for range 20000 {
		v := randFrom(r, "aZ5-\x00\xff"[:1+r.IntN(6)], r.IntN(12))
		if got, want := looksRandom(v), looksRandomSimple(v); got != want {
			t.Fatalf("looksRandom(%q) = %v, want %v", v, got, want)
		}
	}
}
