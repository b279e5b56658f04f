package detect

import (
	"cmp"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The one-pass number scan (numbers) must find exactly what the detectors'
// own Find methods find when each is given the digit runs of its shape, as
// the Scanner dispatched them before: oracleShape is that dispatch's shape
// test, kept here as the reference.

func oracleShape(text string, i int, colon bool) uint16 {
	e := digitsEnd(text, i+1)
	n := e - i
	prev, prev2, next := byteAt(text, i-1), byteAt(text, i-2), byteAt(text, e)
	var m uint16
	if isAlpha(prev) {
		m |= runAlphaBefore
		if isAlpha(prev2) {
			m |= runAlpha2Before
		}
	}
	if prev == ' ' || prev == '-' {
		m |= runAlphaBefore // a fiscal code in groups: its year after a separator
	}
	if n <= 3 && next == '.' {
		m |= runIP
	}
	if n == 11 {
		m |= runLen11
	}
	hexColon := func(b byte) bool { return isHexDigit(b) || b == ':' }
	if colon && m&runIP == 0 && (hexColon(prev) || hexColon(next)) && colonNear(text, i, e) {
		m |= runIP
	}
	if isWord(prev) {
		return m
	}
	sep := next == ' ' || next == '-' || next == '.'
	if (n == 3 && sep) || n == 9 {
		m |= runSSN
	}
	if (n >= 13 && n <= 19) || (n >= 3 && n < 12 && (next == ' ' || next == '-' || next == '/' || next == '.')) {
		m |= runCard
	}
	if prev == '+' || prev == '(' || n >= 7 || (n >= 2 && (sep || next == '/' || next == ')')) {
		m |= runPhone
	}
	return m
}

// numberFindings returns the raw findings of the number formats over text,
// by the scan (oracle false) or by each detector's Find over the runs of
// its shape (oracle true), sorted.
func numberFindings(s *Scanner, text string, oracle bool) []rawFinding {
	st := s.pool.Get().(*scanState)
	defer s.put(st)
	s.prescan(st, text, true, true)
	st.text = Text{S: text, st: st, sc: s}
	var digits []int // the scan reads the masks: the runs byte by byte
	for i := 0; i < len(text); i++ {
		if isDigit(text[i]) && (i == 0 || !isDigit(text[i-1])) {
			digits = append(digits, i)
		}
	}
	if len(digits) > 0 {
		if oracle {
			colon := strings.IndexByte(text, ':') >= 0
			for k, d := range s.digital {
				var hits []int
				for _, h := range digits {
					if oracleShape(text, h, colon)&s.digitMask[k] != 0 {
						hits = append(hits, h)
					}
				}
				st.text.det, st.text.Hits = d, hits
				s.entries[d].d.Find(&st.text)
			}
		} else {
			s.detectDigits(st, text, func(d int, hits []int) {
				st.text.det, st.text.Hits = d, hits
				s.entries[d].d.Find(&st.text)
			})
		}
	}
	out := slices.Clone(st.raw)
	slices.SortFunc(out, func(a, b rawFinding) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), cmp.Compare(a.det, b.det))
	})
	return out
}

// numberScanner has only the number formats, each once (as built in).
func numberScanner(t testing.TB) *Scanner {
	t.Helper()
	s, err := newScanner([]Detector{creditCard{}, iban{}, itFiscalCode{}, itVAT{}, usSSN{}, ipAddress{}, phone{}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func checkNumbers(t *testing.T, s *Scanner, text string) {
	t.Helper()
	got, want := numberFindings(s, text, false), numberFindings(s, text, true)
	if !slices.Equal(got, want) {
		t.Fatalf("%q:\n scan   %v\n oracle %v", text, got, want)
	}
}

// numberText builds a text dense in number shapes: digit groups of every
// length, the separators number formats use, letters before and after,
// and the context words the detectors consult.
func numberText(r *rand.Rand) string {
	parts := []string{
		" ", " ", "-", ".", "/", "(", ")", "+", ":", "::", ",", "_", "\n", "IT", "it", "GB", "de", "DE89",
		"a", "F", "x", "RSSMRA", "tel. ", "phone ", "numero ", "ssn ", "P.IVA ", "section ", "fe80", "%eth0", "EAN ", "imei-", "Bean ", "EAN: ", "SKU#", "(EAN-13): ", "ISBN", "m.rossi@acme.it", " o al ", "(b@x.co, ",
	}
	var b strings.Builder
	for range 4 + r.IntN(24) {
		switch r.IntN(5) {
		case 0, 1:
			b.WriteString(randFrom(r, "0123456789", 1+r.IntN(r.IntN(20)+1)))
		case 2:
			b.WriteString(parts[r.IntN(len(parts))])
		case 3:
			switch r.IntN(7) {
			case 0:
				d := genLuhn(r, "4", 16)
				if r.IntN(3) == 0 {
					// In fours, its separators mixed (cardMixed).
					seps := []string{" ", "  ", "   ", "-", ".", "/", "    "}
					d = d[:4] + seps[r.IntN(7)] + d[4:8] + seps[r.IntN(7)] + d[8:12] + seps[r.IntN(7)] + d[12:]
				} else if r.IntN(2) == 0 {
					// In fours, then maybe two digits (its expiry) and more.
					d = d[:4] + " " + d[4:8] + " " + d[8:12] + " " + d[12:] + [...]string{"", " 09", " 09 28", "-09", " 0928", " 12/2029", " 13/28", " 00 28", " 10-281", " 90."}[r.IntN(10)]
				}
				b.WriteString(d)
			case 6:
				// A card number in groups of 2–8 digits.
				d, sep := genLuhn(r, string(rune('1'+r.IntN(6))), 13+r.IntN(7)), " -"[r.IntN(2):][:1]
				for len(d) > 0 {
					k := min(len(d), 2+r.IntN(7))
					b.WriteString(d[:k])
					if d = d[k:]; d != "" {
						b.WriteString(sep)
					}
				}
			case 1:
				b.WriteString(genIBAN(r, "IT"))
			case 2:
				b.WriteString(genFiscalCode(r, r.IntN(8)))
			case 3:
				b.WriteString(genVAT(r))
			case 4:
				b.WriteString("192.168." + randFrom(r, "0123456789", 1+r.IntN(3)) + ".1")
			default:
				b.WriteString("(415) 555-01" + randFrom(r, "0123456789", 2))
			}
		default:
			b.WriteString(randFrom(r, "abcdefXYZ", 1+r.IntN(4)))
		}
	}
	return b.String()
}

func TestNumbersMatchFind(t *testing.T) {
	s := numberScanner(t)
	for _, text := range []string{
		"card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, CF RSSMRA85T10A562S",
		"P.IVA IT01333550323 tel. +39 02 1234 5678, ssn 078-05-1120, host 10.0.0.1/24 and fe80::1%eth0",
		"v1.2.3.4 a1.2.3.4 ab12:34::5 12:34:56 2001:db8::1 (415) 555-0132 call 02 1234567",
		"", "1", "a1", "+1", "::1", "1.", "IT12345678901", "x" + strings.Repeat("1", 40),
	} {
		checkNumbers(t, s, text)
	}
	r := rng(t)
	for range 3000 {
		checkNumbers(t, s, numberText(r))
	}
	// The full set of detectors, whose context words change what is
	// found, on the same texts.
	all := newTestScanner(t)
	for range 500 {
		checkNumbers(t, all, numberText(r))
	}
}

// TestNumbersDuplicateDetector: a format listed twice is scanned for twice,
// each copy reporting as itself.
func TestNumbersDuplicateDetector(t *testing.T) {
	s, err := newScanner([]Detector{creditCard{}, phone{}, creditCard{}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	text := "card 4111 1111 1111 1111 and 4111-1111-1111-1111, call +39 02 1234 5678"
	got := numberFindings(s, text, false)
	if want := numberFindings(s, text, true); !slices.Equal(got, want) {
		t.Fatalf("scan %v, oracle %v", got, want)
	}
	cards := 0
	for _, f := range got {
		if f.det == 0 || f.det == 2 {
			cards++
		}
	}
	if cards != 4 {
		t.Fatalf("%d card findings, want 2 from each copy: %v", cards, got)
	}
}

func FuzzNumbers(f *testing.F) {
	for _, seed := range []string{
		"4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32", "RSSMRA85T10A562S", "IT01333550323",
		"078-05-1120", "10.0.0.1/24", "fe80::1%eth0", "(415) 555-0132", "tel. 02 1234567", "a1.2.3.4 b:1::2",
		"A-5364,5169514251090359,89.90", "571,47614069996,1", "85000,372-48-1956", "1,234,567.89", "1.3.6.1.2.1",
		"call 1-415-586-8205", "1(415)586-8205 tel:+393334271558", "2448 6810 7795 9076",
		"CAll 1 000 000",
	} {
		f.Add(seed)
	}
	s := numberScanner(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkNumbers(t, s, text)
	})
}

// digitsEnd reads eight bytes a step; the reference reads one.
func TestDigitsEnd(t *testing.T) {
	ref := func(text string, i int) int {
		for i < len(text) && isDigit(text[i]) {
			i++
		}
		return i
	}
	tests := []string{"", "7", "12345678", "123456789", "1234567a", "a1234567890123456789b", "۱۲۳", "00000000000000000000000"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		b := make([]byte, r.IntN(40))
		for k := range b {
			b[k] = "0123456789a .-"[r.IntN(14)]
		}
		tests = append(tests, string(b))
	}
	for _, text := range tests {
		for i := 0; i <= len(text); i++ {
			if got, want := digitsEnd(text, i), ref(text, i); got != want {
				t.Fatalf("digitsEnd(%q, %d) = %d, want %d", text, i, got, want)
			}
		}
	}
}

// TestNumbersWithoutMasks checks the scan over digit masks made from the
// text (a text detect is given without the byte pass: tests, benchmarks)
// against the scan over the byte pass's masks, on texts of every length
// up to a few chunks (runs at the seams and tails).
func TestNumbersWithoutMasks(t *testing.T) {
	s := numberScanner(t)
	r := rand.New(rand.NewPCG(5, 6))
	for range 400 {
		text := numberText(r)
		text = text[:r.IntN(len(text)+1)]
		want := numberFindings(s, text, false)
		st := s.pool.Get().(*scanState)
		s.prescan(st, text, true, true)
		st.maskStride = 0 // as if the masks were another text's
		st.text = Text{S: text, st: st, sc: s}
		s.detectDigits(st, text, nil)
		got := slices.Clone(st.raw)
		s.put(st)
		slices.SortFunc(got, func(a, b rawFinding) int {
			return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), cmp.Compare(a.det, b.det))
		})
		if !slices.Equal(got, want) {
			t.Fatalf("%q:\n without masks %v\n with masks    %v", text, got, want)
		}
	}
}

// TestAtDigitCounts: the digit counts by which at drops a shape before
// its matcher hold wherever the matcher finds something.
func TestAtDigitCounts(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	const ssnDigits = 0b111_1011_0111
	found := [3]int{}
	d := func(n int) string { return randFrom(r, "0123456789", n) }
	for range 5000 {
		// Dense in number shapes, and in SSNs and phone numbers in groups.
		sep := " -."[r.IntN(3):][:1]
		text := numberText(r) + " ssn " + d(3) + sep + d(2) + sep + d(4) + " tel (" + d(3) + ") " + d(3) + "-" + d(4) +
			" +" + d(2) + " " + d(3) + " " + d(4) + sep + d(r.IntN(4))
		c, cs := genLuhn(r, "4", 16), " -"[r.IntN(2):][:1]
		text += " card " + c[:4] + cs + c[4:8] + cs + c[8:12] + cs + c[12:]
		st := s.pool.Get().(*scanState)
		s.prescan(st, text, true, true)
		st.text = Text{S: text, st: st, sc: s}
		tx := &st.text
		for h := range len(text) {
			if !isDigit(text[h]) || h > 0 && isDigit(text[h-1]) {
				continue
			}
			var win uint64
			for k := 0; k < 64 && h+k < len(text); k++ {
				if isDigit(text[k+h]) {
					win |= 1 << k
				}
			}
			e := digitsEnd(text, h)
			if _, ok := cardAt(text, h, e); ok && e-h <= 11 {
				found[0]++
				if n := bits.OnesCount64(win & (1<<24 - 1)); n < 13 {
					t.Fatalf("%q at %d: a card in groups with %d digits in 24 bytes", text, h, n)
				}
			}
			if _, ok := ssnAt(tx, h, e, new(tableSeen)); ok && e-h == 3 {
				found[1]++
				if win&ssnDigits != ssnDigits {
					t.Fatalf("%q at %d: an SSN in groups without its digits", text, h)
				}
			}
			var sc phoneScan
			sc.asked, sc.context = true, true
			if a, b := sc.at(tx, h); b > a {
				found[2]++
				if n := bits.OnesCount64(win & (1<<48 - 1)); n < 7 {
					t.Fatalf("%q at %d: a phone number with %d digits in 48 bytes", text, h, n)
				}
			}
		}
		s.put(st)
	}
	t.Logf("found %v", found)
	if found[0] == 0 || found[1] == 0 || found[2] == 0 {
		t.Fatalf("no card, SSN or phone number in groups found: %v", found)
	}
}

// TestFewDigits: fewDigits's bit arithmetic is its counts.
func TestFewDigits(t *testing.T) {
	r := rng(t)
	const ssnDigits = 0b111_1011_0111
	for i := range 200000 {
		win := r.Uint64() & r.Uint64()
		if i%2 == 0 {
			win |= r.Uint64() // dense as well as sparse
		}
		var want uint16
		if bits.OnesCount64(win&(1<<24-1)) < 13 {
			want |= nCardGroup
		}
		if bits.OnesCount64(win&(1<<48-1)) < 7 {
			want |= nPhone
		}
		if win&ssnDigits != ssnDigits {
			want |= nSSN3
		}
		if got := fewDigits(win); got != want {
			t.Fatalf("fewDigits(%#x) = %#x, want %#x", win, got, want)
		}
	}
}

// TestDottedQuad checks dottedQuad against its definition (four runs of
// one to three digits, one byte between each) on random digit windows,
// and the claim at relies on: where ipv4At finds an address, dottedQuad
// holds, on generated texts dense in dotted numbers.
func TestDottedQuad(t *testing.T) {
	r := rng(t)
	for i := range 200000 {
		win := r.Uint64() | r.Uint64()
		if i%2 == 0 {
			win &= r.Uint64() | r.Uint64() // sparse as well as dense
		}
		win |= 1 // a run starts at bit 0
		want, k := true, 0
		for range 4 {
			n := 0
			for k < 64 && win>>k&1 == 1 {
				n++
				k++
			}
			k++ // the byte between
			if n < 1 || n > 3 {
				want = false
			}
		}
		if got := dottedQuad(win); got != want {
			t.Fatalf("dottedQuad(%#b) = %v, want %v", win, got, want)
		}
	}
	found := 0
	for range 20000 {
		var b []byte
		for range 4 + r.IntN(3) {
			if r.IntN(8) == 0 {
				b = append(b, randFrom(r, "0123456789", 1+r.IntN(4))...)
			} else {
				b = strconv.AppendInt(b, int64(r.IntN(256)), 10)
			}
			b = append(b, "......-:/a"[r.IntN(10)])
		}
		text := string(b)
		for h := range len(text) {
			if !isDigit(text[h]) || h > 0 && isDigit(text[h-1]) {
				continue
			}
			var win uint64
			for k := 0; k < 64 && h+k < len(text); k++ {
				if isDigit(text[h+k]) {
					win |= 1 << k
				}
			}
			if _, _, ok := ipv4At(text, h); ok {
				found++
				if !dottedQuad(win) {
					t.Fatalf("%q at %d: an IPv4 address dottedQuad rejects", text, h)
				}
			}
		}
	}
	if found < 1000 {
		t.Fatalf("only %d addresses generated", found)
	}
}

// TestColonIn checks colonIn, at's test for a ':' near a run, against the
// text's bytes, over windows crossing chunk edges and the text's ends.
func TestColonIn(t *testing.T) {
	r := rng(t)
	for range 2000 {
		text := randFrom(r, "0123:ab ", 1+r.IntN(200))
		ctx := make([]uint64, 2*((len(text)+63)/64))
		wordCtxGeneric(text, ctx)
		nb := numberScan{t: &Text{S: text}, colons: ctx}
		for range 20 {
			lo := r.IntN(len(text)+20) - 10
			hi := lo + r.IntN(16)
			want := false
			for i := max(lo, 0); i <= hi && i < len(text); i++ {
				want = want || text[i] == ':'
			}
			if got := nb.colonIn(lo, hi); got != want {
				t.Fatalf("%q: colonIn(%d, %d) = %v, want %v", text, lo, hi, got, want)
			}
		}
	}
}

// TestNumbersNextByte checks the shapes' claims about the bytes around a
// run (nextBits, lenBits, ctxBitsNoV6) against the detectors' own Find:
// each format's numbers, of every length a run may have, before and
// after each kind of byte, with and without a phone word.
func TestNumbersNextByte(t *testing.T) {
	s := numberScanner(t)
	r := rng(t)
	d := func(n int) string { return randFrom(r, "0123456789", n) }
	c, iban, cf := genLuhn(r, "4", 16), genIBAN(r, "DE"), genFiscalCode(r, r.IntN(3))
	numbers := []string{
		c, c[:4] + " " + c[4:8] + " " + c[8:12] + " " + c[12:], genLuhn(r, "3", 15), genLuhn(r, "5", 19),
		iban, iban[:4] + " " + iban[4:8] + " " + iban[8:12] + " " + iban[12:16] + " " + iban[16:20] + " " + iban[20:],
		strings.ToLower(iban), "NO93" + d(11), cf, strings.ToLower(cf), genVAT(r), "IT" + genVAT(r),
		"078-05-11" + d(2), "219" + d(6), "+39 02 " + d(8), "+" + d(15), "+" + d(16), "+(39) " + d(9),
		"(415) 555-0132", "415-555-0132", "1.2.3.4", "10.0.0." + d(1+r.IntN(3)), "12.5", "1.250,00",
	}
	for n := 1; n <= 20; n++ {
		numbers = append(numbers, d(n))
	}
	around := []string{"", " ", "a", "Z", "_", "-", ".", "/", ")", "(", "+", ",", "\"", "1.", "ab", "x-", "\n"}
	for _, num := range numbers {
		for _, before := range around {
			for _, after := range around {
				for _, ctx := range []string{"", "tel ", "ssn ", "numero "} {
					checkNumbers(t, s, ctx+before+num+after)
				}
			}
		}
	}
}

// TestColonsNear checks colonsAfter and colonsBefore, scan's bits of the
// runs with a ':' close by, against the text's bytes, chunk edges included.
func TestColonsNear(t *testing.T) {
	r := rng(t)
	for range 3000 {
		text := randFrom(r, "0123:ab    ", 1+r.IntN(260))
		if r.IntN(4) == 0 {
			text = randFrom(r, "ab ", 1+r.IntN(200)) // few or no ':'
		}
		nch := (len(text) + 63) / 64
		ctx := make([]uint64, 2*nch)
		wordCtxGeneric(text, ctx)
		var prev uint64
		for c := range nch {
			cur, next := ctx[2*c+1], uint64(0)
			if c+1 < nch {
				next = ctx[2*c+3]
			}
			near := colonsAfter(cur, next) | colonsBefore(prev, cur)
			prev = cur
			for k := range 64 {
				want := false
				for i := c*64 + k - 7; i <= c*64+k+11; i++ {
					want = want || byteAt(text, i) == ':'
				}
				if got := near>>k&1 != 0; got != want {
					t.Fatalf("%q: chunk %d bit %d: near %v, want %v", text, c, k, got, want)
				}
			}
		}
	}
}

// TestNumbersColonNear checks scan's ':' test (colonsAfter, colonsBefore)
// against the detectors' own Find: runs inside and after words, before
// and after hex digits and '.', at every distance from a ':' around it
// and across a chunk's edge.
func TestNumbersColonNear(t *testing.T) {
	s := numberScanner(t)
	runs := []string{"1", "12", "123456", "1234567", "1.2.3.4", "10.0.0.1", "ab12cd", "x9", "fe80", "2001"}
	for _, run := range runs {
		for gap := 0; gap <= 14; gap++ {
			for _, pad := range []int{0, 1, 50, 57, 60, 63} {
				p := strings.Repeat("z", pad)
				g := strings.Repeat("a", gap)
				h := "abcdef"[:min(gap, 3)] // hex letters: one IPv6 group with the run
				for _, text := range []string{
					p + "abcd::" + h + run + " ",
					p + " " + run + h + "::abcd ",
					p + "ab" + run + g + ":" + "1",
					p + "1:" + g + run + " ",
					p + " " + run + g + "::1 ",
					p + "fe80::" + g + run,
					p + "x " + run + "." + g + ":",
					p + "ab" + run + strings.Repeat(" ", gap) + ":",
				} {
					checkNumbers(t, s, text)
				}
			}
		}
	}
}

// TestNumbersRunEnds checks scan's run ends (from the digit bits, 64 from
// a run's start, read on past them) and the byte after a run (0 at the
// text's end) against the detectors' own Find: runs of every length up to
// past 64 digits, across chunk edges, at the text's end or before each
// kind of byte.
func TestNumbersRunEnds(t *testing.T) {
	s := numberScanner(t)
	r := rng(t)
	for _, at := range []int{0, 1, 7, 8, 9, 50, 56, 57, 60, 63, 64, 65, 120, 127, 128} {
		pad := randFrom(r, "ab -.:+(", at)
		for n := 1; n <= 70; n++ {
			num := genLuhn(r, "4", n+1)[:n]
			for _, after := range []string{"", " ", ".", "-", "a", ")", ":", "/"} {
				checkNumbers(t, s, pad+num+after)
				checkNumbers(t, s, "tel "+pad+num+after)
			}
		}
	}
}
