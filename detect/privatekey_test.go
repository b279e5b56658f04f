package detect

import (
	"strings"
	"testing"
)

// keyBodySimple is keyBody's definition.
func keyBodySimple(body string) bool {
	n := 0
	for i := 0; i < len(body); i++ {
		if b := body[i]; isAlnum(b) || b == '+' || b == '/' {
			n++
		}
	}
	return n >= 32 && !strings.Contains(body, "...") && !strings.Contains(strings.ToLower(body), "your")
}

func TestKeyBody(t *testing.T) {
	r := rng(t)
	body := randFrom(r, base62+"+/", 64)
	for _, tt := range []struct {
		body string
		want bool
	}{
		{body, true},
		{body[:31], false},
		{body[:20] + "\n" + body[20:40], true},
		{body[:40] + "..." + body[40:], false},
		{body[:40] + "<YoUr KEY>" + body[40:], false},
		{"your" + body, false},
		{body + "yOuR", false},
		{strings.Repeat("-", 40), false},
	} {
		if got := keyBody(tt.body); got != tt.want {
			t.Errorf("keyBody(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
	for range 20000 {
		b := randFrom(r, "yYoOuUrR.+/=\n -aZ9", r.IntN(80))
		if got, want := keyBody(b), keyBodySimple(b); got != want {
			t.Fatalf("keyBody(%q) = %v, want %v", b, got, want)
		}
	}
}

// spanLabelNaive is spanLabel byte by byte, as the format reads.
func spanLabelNaive(s string) int {
	i := 0
	for i < len(s) && i < 100 && is(s[i], cPEMLabel) && (s[i] != '-' || !strings.HasPrefix(s[i:], "-----")) {
		i++
	}
	return i
}

func TestSpanLabel(t *testing.T) {
	long := strings.Repeat("A", 98)
	for _, s := range []string{"", " RSA PRIVATE KEY-----\nMII", " EC PRIVATE KEY----", "A-B--C---D----E-----",
		long + "-----", long + "A-----", long + "AA-----", long + "AAA", "x-----", "RSA KEY\n-----"} {
		if got, want := spanLabel(s), spanLabelNaive(s); got != want {
			t.Errorf("spanLabel(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzSpanLabel(f *testing.F) {
	f.Add(" OPENSSH PRIVATE KEY-----\nb3Bl")
	f.Add(strings.Repeat("A-", 49) + "-----")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := spanLabel(s), spanLabelNaive(s); got != want {
			t.Fatalf("spanLabel(%q) = %d, want %d", s, got, want)
		}
	})
}
