package detect

import (
	"math/bits"
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

// TestAlnumDashDot8 checks the eight-byte masks against charClass for every
// byte value in every place.
func TestAlnumDashDot8(t *testing.T) {
	for c := range 256 {
		for k := range 8 {
			w := []byte("a-.Z9_\xff ")
			w[k] = byte(c)
			a, d, p := alnumDashDot8(textLoad64(string(w), 0))
			a, d, p = uint64(highBits8(a)), uint64(highBits8(d)), uint64(highBits8(p))
			for j, b := range w {
				if got, want := a>>j&1 != 0, is(b, cAlnum); got != want {
					t.Fatalf("%q byte %d: alnum %v, want %v", w, j, got, want)
				}
				if got, want := d>>j&1 != 0, b == '-'; got != want {
					t.Fatalf("%q byte %d: dash %v, want %v", w, j, got, want)
				}
				if got, want := p>>j&1 != 0, b == '.'; got != want {
					t.Fatalf("%q byte %d: dot %v, want %v", w, j, got, want)
				}
			}
		}
	}
}

// TestDomainIn32Edges compares domainEnd (the masks' path where the name
// ends inside the 32-byte window) with its byte-by-byte form for names
// ending around the window's end, where the masks cannot see the byte
// after a dot at 31 and the walk must decide.
func TestDomainIn32Edges(t *testing.T) {
	for n := 20; n <= 40; n++ {
		for _, tail := range []string{"", ".", ".c", ".co", "-", "-.x", "..", " x", ".-a", ".9"} {
			for _, head := range []string{"a.", "a-b.", "ab.", "-a.", "a", "a.b."} {
				name := head + strings.Repeat("x", max(0, n-len(head)-3)) + ".it" + tail
				s := name + strings.Repeat(" ", 32)
				for _, text := range []string{s, name} {
					e1, ok1 := domainEnd(text, 0)
					e2, ok2 := domainEndNaive(text, 0)
					if e1 != e2 || ok1 != ok2 {
						t.Fatalf("domainEnd(%q, 0) = %d, %v, want %d, %v", text, e1, ok1, e2, ok2)
					}
				}
			}
		}
	}
	// A name of labels of one letter each, ending at every place of the
	// window and past it.
	for n := 1; n < 40; n++ {
		name := strings.Repeat("a.", n) + "io"
		s := name + ". more text to fill the window, and more"
		e, ok := domainEnd(s, 0)
		if !ok || e != len(name) {
			t.Fatalf("domainEnd(%q, 0) = %d, %v, want %d, true", s, e, ok, len(name))
		}
	}
}

// FuzzDomainEnd compares domainEnd with its byte-by-byte form.
func FuzzDomainEnd(f *testing.F) {
	f.Add("mario.rossi@northwind.co.uk, grazie", 12)
	f.Add("a@b-.example.com is not one", 2)
	f.Add("x@"+strings.Repeat("ab.", 11)+"com", 2)
	f.Fuzz(func(t *testing.T, s string, i int) {
		if i < 0 || i > len(s) {
			return
		}
		e1, ok1 := domainEnd(s, i)
		e2, ok2 := domainEndNaive(s, i)
		if e1 != e2 || ok1 != ok2 {
			t.Fatalf("domainEnd(%q, %d) = %d, %v, want %d, %v", s, i, e1, ok1, e2, ok2)
		}
	})
}

// TestHostMasks32 checks the AVX2 masks against charClass for every byte
// value in every place of the 32.
func TestHostMasks32(t *testing.T) {
	if !haveAVX2 || spanTableOK&aAlnum == 0 {
		t.Skip("no AVX2 masks here")
	}
	w := []byte("ab-.Z9_\xff xn--p1ai.example.com/\x00?")
	for c := range 256 {
		for k := range 32 {
			old := w[k]
			w[k] = byte(c)
			a, d, p := hostMasks32(&w[0], &spanTables[bits.TrailingZeros64(aAlnum)])
			for j, b := range w {
				if a>>j&1 != 0 != is(b, cAlnum) || d>>j&1 != 0 != (b == '-') || p>>j&1 != 0 != (b == '.') {
					t.Fatalf("%q byte %d: masks %032b %032b %032b", w, j, a, d, p)
				}
			}
			w[k] = old
		}
	}
}

// localStartNaive is localStart byte by byte, as the format reads.
func localStartNaive(text string, at int) int {
	start := at
	for start > 0 && at-start < 64 && isAtext(text[start-1]) {
		start--
	}
	if start > 0 && isAtext(text[start-1]) {
		return -1
	}
	for start < at && text[start] == '.' {
		start++
	}
	if start == at || text[at-1] == '.' {
		return -1
	}
	return start
}

// TestLocalStart compares localStart (masks of the 32 bytes before the '@'
// where they hold the run's start) with its byte-by-byte form, for runs
// and leading dots ending around the window's edge and past 64 bytes.
func TestLocalStart(t *testing.T) {
	r := rng(t)
	for range 20000 {
		var b strings.Builder
		b.WriteString(randFrom(r, "a .\xff", r.IntN(40)))
		b.WriteString(strings.Repeat(".", r.IntN(4)))
		b.WriteString(randFrom(r, "aZ9._%+-", r.IntN(70)))
		b.WriteString(strings.Repeat(".", r.IntN(3)))
		s := b.String()
		for at := 0; at <= len(s); at++ {
			if got, want := localStart(s, at), localStartNaive(s, at); got != want {
				t.Fatalf("localStart(%q, %d) = %d, want %d", s, at, got, want)
			}
		}
	}
}

// FuzzLocalStart compares localStart with its byte-by-byte form.
func FuzzLocalStart(f *testing.F) {
	f.Add("write to mario.rossi+news@acme.it today", 25)
	f.Add(strings.Repeat("a", 40)+"@x.it", 40)
	f.Add(" ..."+strings.Repeat("b", 30)+".@x.it", 35)
	f.Fuzz(func(t *testing.T, s string, at int) {
		if at < 0 || at > len(s) {
			return
		}
		if got, want := localStart(s, at), localStartNaive(s, at); got != want {
			t.Fatalf("localStart(%q, %d) = %d, want %d", s, at, got, want)
		}
	})
}
