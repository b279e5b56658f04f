package detect

import (
	"strings"
	"testing"
)

// domainEndNaive is domainEnd byte by byte, as the format reads.
func domainEndNaive(text string, i int) (int, bool) {
	labels := 0
	lastStart, lastEnd := 0, 0
	for {
		s := i
		lab := text[s:min(len(text), s+63)]
		n := 0
		for n < len(lab) && charClass[lab[n]]&cAlnumDash != 0 {
			n++
		}
		i = s + n
		if i == s || text[s] == '-' || text[i-1] == '-' {
			break
		}
		labels++
		lastStart, lastEnd = s, i
		if i+1 < len(text) && text[i] == '.' && is(text[i+1], cAlnum) {
			i++
			continue
		}
		break
	}
	if labels < 2 || lastEnd-lastStart < 2 {
		return 0, false
	}
	tld := text[lastStart:lastEnd]
	if len(tld) > 4 && hasPrefixFold(tld, 0, "xn--") {
		return lastEnd, true
	}
	for j := 0; j < len(tld); j++ {
		if !is(tld[j], cAlpha) {
			return 0, false
		}
	}
	return lastEnd, true
}

// TestDomainEndMatchesNaive compares domainEnd with its byte-by-byte form
// over texts of labels, dots, hyphens and other bytes, labels up to and
// past 63 bytes, starting anywhere.
func TestDomainEndMatchesNaive(t *testing.T) {
	r := rng(t)
	pieces := []string{".", "-", "_", "@", "é", "com", "it", "xn--p1ai", "a1", strings.Repeat("a", 62), strings.Repeat("b", 70)}
	for range 30000 {
		var b strings.Builder
		for b.Len() < r.IntN(120) {
			if r.IntN(3) == 0 {
				b.WriteString(pieces[r.IntN(len(pieces))])
			} else {
				b.WriteString(randFrom(r, "abZ09-.", r.IntN(12)))
			}
		}
		s := b.String()
		for i := 0; i <= len(s); i++ {
			e1, ok1 := domainEnd(s, i)
			e2, ok2 := domainEndNaive(s, i)
			if e1 != e2 || ok1 != ok2 {
				t.Fatalf("domainEnd(%q, %d) = %d, %v, want %d, %v", s, i, e1, ok1, e2, ok2)
			}
		}
	}
}

// TestAlnumDashIn8 checks the eight-byte class test against charClass for
// every byte value in every place, after a run of class bytes.
func TestAlnumDashIn8(t *testing.T) {
	for c := range 256 {
		for k := range 8 {
			var w [8]byte
			for j := range w {
				w[j] = 'a'
			}
			w[k] = byte(c)
			x := uint64(0)
			for j := 7; j >= 0; j-- {
				x = x<<8 | uint64(w[j])
			}
			for _, letters := range []bool{false, true} {
				class := uint64(cAlnumDash)
				if letters {
					class = cAlpha
				}
				want := 8
				if charClass[c]&class == 0 {
					want = k
				}
				if got := alnumDashIn8(x, letters); got != want {
					t.Fatalf("alnumDashIn8(%q, %v) = %d, want %d", w, letters, got, want)
				}
			}
		}
	}
}

func TestPaddedLoad64(t *testing.T) {
	s := "0123456789abcdefghij"
	for n := 0; n <= len(s); n++ {
		for i := 0; i <= n; i++ {
			var want uint64
			for k := min(n, i+8) - 1; k >= i; k-- {
				want = want<<8 | uint64(s[k])
			}
			if got := paddedLoad64(s[:n], i); got != want {
				t.Fatalf("paddedLoad64(%q, %d) = %#x, want %#x", s[:n], i, got, want)
			}
		}
	}
}
