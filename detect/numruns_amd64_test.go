//go:build !purego

package detect

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// numRunsFindings is numberFindings with numRuns (asm) or scan's Go loop.
func numRunsFindings(s *Scanner, text string, asm bool) []rawFinding {
	defer func(v bool) { haveNumRuns = v }(haveNumRuns)
	haveNumRuns = asm
	return numberFindings(s, text, false)
}

func checkNumRuns(t *testing.T, s *Scanner, text string) {
	t.Helper()
	if got, want := numRunsFindings(s, text, true), numRunsFindings(s, text, false); !slices.Equal(got, want) {
		t.Fatalf("%q:\n numRuns %v\n Go loop %v", text, got, want)
	}
}

// TestNumRunsSameAsGo: numRuns finds what scan's Go loop finds, on texts
// that reach each of its paths: runs in the first eight bytes, runs of 64
// digits and more (digitsEnd), IPv6 shapes near and far from a ':'
// (colonNear, near), runs at chunk seams, texts of many chunks, formats
// covering later runs.
func TestNumRunsSameAsGo(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2: numRuns is not used")
	}
	nums, all := numberScanner(t), newTestScanner(t)
	texts := []string{
		"", "1", "12", "1:2", "::1", "a1b2:c3", strings.Repeat("7", 64), strings.Repeat("7", 65),
		"x " + strings.Repeat("12345", 30) + " y", strings.Repeat("9", 200) + ":1",
		"fe80::1%eth0 and 2001:db8:85a3::8a2e:370:7334, ab12:34::5 12:34:56 dead:beef::12345678",
		"card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, CF RSSMRA85T10A562S",
		"P.IVA IT01333550323 tel. +39 02 1234 5678, ssn 078-05-1120, host 10.0.0.1/24",
		strings.Repeat("call 02 1234567 or (415) 555-0132; ", 12),
	}
	for k := range 9 {
		texts = append(texts, strings.Repeat("-", k)+"12 345 6789 a1:2")
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		text := numberText(r)
		if r.IntN(4) == 0 {
			text += strings.Repeat(" ", r.IntN(64)) + numberText(r)
		}
		texts = append(texts, text)
	}
	for i, text := range texts {
		checkNumRuns(t, nums, text)
		if i%4 == 0 {
			checkNumRuns(t, all, text)
		}
	}
}

func FuzzNumRuns(f *testing.F) {
	for _, seed := range []string{
		"4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32", "RSSMRA85T10A562S", "IT01333550323",
		"078-05-1120", "10.0.0.1/24", "fe80::1%eth0", "(415) 555-0132", "tel. 02 1234567",
		"a1.2.3.4 b:1::2", strings.Repeat("5", 70) + " 1:2",
	} {
		f.Add(seed)
	}
	if !haveAVX2 {
		f.Skip("no AVX2: numRuns is not used")
	}
	s := newTestScanner(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkNumRuns(t, s, text)
		if got, want := numRunStops(s, text, numRuns), numRunStops(s, text, numRunsRef); !slices.Equal(got, want) {
			t.Fatalf("%q:\n numRuns    %v\n numRunsRef %v", text, got, want)
		}
	})
}

// numStop is where numRuns stopped: a run at tries, with what at is given.
type numStop struct {
	h, e int
	m    uint16
	p    byte
	win  uint64
}

// numRunStops runs the number scan over text with next as its run loop
// (numRuns or numRunsRef) and returns where it stopped; at runs at each
// stop, as in scan, so the formats' last findings are the scan's.
func numRunStops(s *Scanner, text string, next func(*numRunState) bool) []numStop {
	st := s.pool.Get().(*scanState)
	defer s.put(st)
	s.prescan(st, text, true, true)
	st.text = Text{S: text, st: st, sc: s}
	plan := s.numPlan
	dm, stride, ctx, colon := st.numberMasks(text)
	if ctx == nil {
		return nil
	}
	var nb numberScan
	nb.t, nb.colons = &st.text, ctx
	nb.want, nb.det = uint16(plan[planWant]), (*[numFormats]int)(plan[planWant+1:])
	want, ctxb := nb.prepare(colon)
	var r numRunState
	r.nb = &nb
	r.init(dm, stride, ctxb, want)
	var stops []numStop
	for next(&r) {
		if r.m == 0 {
			continue // numRuns's pause after numRunsChunks chunks
		}
		stops = append(stops, numStop{r.h, r.e, r.m, r.p, r.win})
		nb.at(r.h, r.e, r.p, r.m, r.win)
	}
	return stops
}

// TestNumRunsPauses: numRuns returns after numRunsChunks chunks at most,
// stop or not (the runtime cannot preempt it), and goes on from there: a
// long text of digits with nothing to try takes a call per numRunsChunks
// chunks, and its stops are those of the loop that never pauses.
func TestNumRunsPauses(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2: numRuns is not used")
	}
	s := newTestScanner(t)
	for _, text := range []string{
		strings.Repeat("1 ", 64<<10),                          // 2,048 chunks, no stop
		strings.Repeat("1 ", 20000) + "tel. +39 02 1234 5678", // stops after a pause
		strings.Repeat("x", 64*numRunsChunks-1) + " 4111 1111 1111 1111",
	} {
		nch := (len(text) + 63) / 64
		calls, pauses := 0, 0
		numRunStops(s, text, func(r *numRunState) bool {
			c := r.c
			more := numRuns(r)
			calls++
			if last := min(r.c, nch-1); last-c > numRunsChunks { // (r.c is nch at the end)
				t.Fatalf("%d bytes: a call read chunks %d to %d, more than %d", len(text), c+1, last, numRunsChunks)
			}
			if more && r.m == 0 {
				pauses++
			}
			return more
		})
		if want := (nch - 1) / numRunsChunks; pauses < want {
			t.Errorf("%d bytes: %d pauses, want %d or more", len(text), pauses, want)
		}
		got, want := numRunStops(s, text, numRuns), numRunStops(s, text, numRunsRef)
		if !slices.Equal(got, want) {
			t.Errorf("%d bytes: stops %v, want %v", len(text), got, want)
		}
		if calls == 0 {
			t.Fatal("numRuns was not called")
		}
		// scan goes on after its pauses: the last finding is found.
		if len(want) > 0 {
			fs := s.ScanText(text)
			if len(fs) == 0 || fs[len(fs)-1].End != len(text) {
				t.Errorf("%d bytes: ScanText %v, want a finding at the end", len(text), fs)
			}
		}
	}
}

// numRunsRef is numRuns in Go: scan's loop, stopping where it calls at.
func numRunsRef(r *numRunState) bool {
	nb := r.nb
	text := unsafe.String(r.text, r.n)
	dm := unsafe.Slice(r.dm, (r.nch+1)*r.stride/8)
	ctx := unsafe.Slice(r.ctx, 2*r.nch)
	stride := r.stride / 8
	for {
		for r.s == 0 {
			r.c++
			c := r.c
			if c >= r.nch {
				return false
			}
			cx := ctx[2*c]
			d := dm[c*stride]
			s := d &^ (d<<1 | r.carry)
			r.carry = d >> 63
			in := s & cx
			r.near = 0
			if r.ipHex != 0 {
				cc := ctx[2*c+1]
				var cn uint64
				if c+1 < r.nch {
					cn = ctx[2*c+3]
				}
				r.near = colonsAfter(cc, cn) | colonsBefore(r.colPrev, cc)
				r.colPrev = cc
				dn := dm[(c+1)*stride]
				r1, h1 := d>>1|dn<<63, dn>>1
				r2, h2 := r1&(r1>>1|h1<<63), h1&(h1>>1)
				r4 := r2 & (r2>>2 | h2<<62)
				r6 := r4 & (r2>>4 | h2<<60)
				in &= ^r6 &^ r.near
			}
			r.s = s &^ in
		}
		c := r.c
		d, dn := dm[c*stride], dm[(c+1)*stride]
		h := c*64 + bits.TrailingZeros64(r.s)
		r.s &= r.s - 1
		y := wordBefore(text, h)
		rr := uint(h-c*64) & 63
		win := d>>rr | dn<<((63-rr)&63)<<1
		e := h + bits.TrailingZeros64(^win)
		if win == ^uint64(0) {
			e = digitsEnd(text, e)
		}
		p := byte(y >> 56)
		nx := byteAt(text, e)
		key := ctxClass[p] | c2Class[byte(y>>48)] | alnumBit[byte(y>>40)]<<1 | alnumBit[byte(y>>8)]
		m := r.want & r.ctxb[key] & nextBits[nx] & lenBits[min(uint(e-h), 31)]
		far := uint16(^r.near>>(uint(h)&63)) & uint16(uint(e-h-7)>>63)
		m &^= (nIPHexPrev | nIPHexNext) * far
		if m&(nIPHexPrev|nIPHexNext) != 0 && m&nIPDot == 0 && !colonNear(text, h, e) {
			m &^= nIPHexPrev | nIPHexNext
		}
		if m == 0 {
			continue
		}
		x := win >> (uint(e+1-h) & 63)
		w := x & (x >> 1) & (x >> 2) & 3
		m &^= (nCardLong|nCardGroup)*uint16(uint(h-nb.cardNext)>>63) |
			(nIBAN|nIBANLong)*uint16(uint(h-2-nb.ibanNext)>>63) | nFiscal*uint16(uint(h-6-nb.cfNext)>>63) |
			nIP*uint16(uint(h-nb.ip.next)>>63) | nPhone*uint16(uint(h-nb.phone.next)>>63) |
			fewDigits(win) | nCardGroup*uint16((w+3)>>2^1)
		if m != 0 {
			r.h, r.e, r.m, r.p, r.win = h, e, m, p, win
			return true
		}
	}
}

// TestNumRunsStops: numRuns stops at the runs numRunsRef (scan's Go loop)
// stops at, with the same shapes and digit bits: a weaker or stronger
// test in the assembly shows here even where at would find the same.
func TestNumRunsStops(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2: numRuns is not used")
	}
	s := newTestScanner(t)
	r := rand.New(rand.NewPCG(9, 10))
	texts := []string{"", "7", strings.Repeat("7", 64) + ":", "1:abcde5 ab:cdef12 fe80::1%eth0 x" + strings.Repeat("3", 70)}
	for i := range 4000 {
		text := numberText(r)
		if r.IntN(3) == 0 {
			text += strings.Repeat(" ", r.IntN(64)) + numberText(r) + numberText(r)
		}
		if i%8 == 0 {
			// Texts of many chunks, some with no digit (or no run
			// left to visit) between.
			for range 4 + r.IntN(12) {
				text += strings.Repeat(" ", r.IntN(3)*r.IntN(100)) + numberText(r)
			}
		}
		texts = append(texts, text)
	}
	long := 0
	for _, text := range texts {
		if len(text) > 8*64 {
			long++
		}
		got, want := numRunStops(s, text, numRuns), numRunStops(s, text, numRunsRef)
		if !slices.Equal(got, want) {
			t.Fatalf("%q:\n numRuns    %v\n numRunsRef %v", text, got, want)
		}
	}
	if long < 100 {
		t.Fatalf("%d texts of more than eight chunks, want 100 or more", long)
	}
}
