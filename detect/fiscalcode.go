package detect

import (
	"math/bits"
	"strings"
	"unsafe"
)

// itFiscalCode finds Italian fiscal codes (codice fiscale) of persons:
// 6 letters (surname, name), 2 year digits, a month letter, 2 day digits
// (+40 for women), a 4-character municipality code and a check letter. In
// omocodia codes digits are replaced by the letters L M N P Q R S T U V; the
// check letter is computed on the code as written.
type itFiscalCode struct{}

var _ Detector = itFiscalCode{}

func (itFiscalCode) Type() string { return TypeITFiscalCode }

// Omocodia replaces digits from the rightmost one leftwards, so the year's
// first digit (position 6) is a digit in every code but one whose seven digits
// were all replaced; anchoring on digit runs finds all the others cheaply.
// itFiscalCodeLetters finds the all-letter ones.
func (itFiscalCode) Keywords() []string { return []string{DigitRuns} }

func (itFiscalCode) Find(t *Text) {
	next := 0
	for _, h := range t.Hits {
		if h-6 < next {
			continue
		}
		if s, e, ok := fiscalAt(t.S, h); ok {
			t.Emit(s, e)
			next = e
		}
	}
}

// fiscalAt matches a fiscal code whose year starts at h, compact
// (fiscalCodeAt) or in groups (fiscalGroupedAt), and returns its span.
func fiscalAt(text string, h int) (int, int, bool) {
	if fiscalCodeAt(text, h) {
		return h - 6, h + 10, true
	}
	return fiscalGroupedAt(text, h)
}

// fiscalGroupedAt matches a fiscal code written in groups whose year starts
// at h, and returns its span. People split a code at its fields' bounds:
// surname, name, birth (year, month, day), municipality and check letter
// ("RSS MRA 80A01 H501U", "RSSMRA 80A01 H501U", "RSS-MRA-80A01-H501U"):
// a separator after place 6 (so before the year), maybe after 3 and 11
// too; or in fours, as cards are ("RSSM RA80 A01H 501U"; its year's places
// both digits: not a code with six digits or more replaced, omocodia, which
// is rare). The separator is
// one kind for the whole code: a space, two spaces (forms, OCR) or a dash.
// The places' kinds (letters, digits or omocodia letters, the month) and the
// check letter decide, as for the compact form (fiscalCodeValid), and the
// code is a whole token.
func fiscalGroupedAt(text string, h int) (int, int, bool) {
	if h < 3 || h >= len(text) {
		return 0, 0, false
	}
	var s, sl int
	var bounds uint32 // bit k: a separator before place k; bit 16+k: maybe
	switch p := text[h-1]; {
	case p == ' ' || p == '-':
		// After the surname and name, six letters or two threes; the
		// birth's places (6–10) together: those after the year first
		// (most runs after a space are not a code's).
		if h+5 > len(text) || !cfFits(text[h+1], 7) || !cfFits(text[h+2], 8) || !cfFits(text[h+3], 9) || !cfFits(text[h+4], 10) {
			return 0, 0, false
		}
		sl = 1
		if p == ' ' && text[h-2] == ' ' {
			sl = 2
		}
		s, bounds = h-sl-6, 1<<6|1<<(16+11)
		if b := h - sl - 3; b-sl >= 0 && text[b-sl:b] == text[h-sl:h] {
			s, bounds = s-sl, bounds|1<<3
		}
	case isAlpha(p) && (text[h-3] == ' ' || text[h-3] == '-'):
		// In fours: the year is the second group's second half, two
		// digits (the run ends with the group: nFiscal4), the same
		// separator after it.
		sl = 1
		if text[h-3] == ' ' && byteAt(text, h-4) == ' ' {
			sl = 2
		}
		// (An IBAN printed after its label, "IBAN IT60 X054 …", has this
		// shape: its next group is not a month and a day.)
		if !isDigit(byteAt(text, h+1)) || byteAt(text, h+2) != text[h-3] || byteAt(text, h+1+sl) != text[h-3] ||
			!cfFits(byteAt(text, h+2+sl), 8) || !cfFits(byteAt(text, h+3+sl), 9) {
			return 0, 0, false
		}
		s, bounds = h-2-sl-4, 1<<4|1<<8|1<<12
	default:
		return 0, 0, false
	}
	if s < 0 || isAlnum(byteAt(text, s-1)) {
		return 0, 0, false
	}
	// The separator: its byte, twice if sl is 2 (two spaces).
	sep := text[h-1]
	if bounds&(1<<6) == 0 {
		sep = text[h-3]
	}
	isSep := func(j int) bool { return byteAt(text, j) == sep && (sl == 1 || byteAt(text, j+1) == sep) }
	var code [16]byte
	j := s
	for k := range 16 {
		if bounds>>k&1 != 0 || bounds>>(16+k)&1 != 0 && isSep(j) {
			if !isSep(j) {
				return 0, 0, false
			}
			j += sl
		}
		c := byteAt(text, j)
		if !cfFits(c, k) { // stop at the first misfit: most candidates fail early
			return 0, 0, false
		}
		code[k] = c
		j++
	}
	if isAlnum(byteAt(text, j)) || !fiscalCodeValid(unsafe.String(&code[0], len(code))) {
		return 0, 0, false
	}
	return s, j, true
}

// cfFits reports whether c may stand in place k of a fiscal code, upper or
// lower case.
func cfFits(c byte, k int) bool { return cfChars[c].places>>k&(1|1<<16) != 0 }

// fiscalCodeAt reports a fiscal code whose year starts at h: the code is
// text[h-6:h+10], a whole word.
func fiscalCodeAt(text string, h int) bool {
	s := h - 6
	return s >= 0 && s+16 <= len(text) && !isAlnum(byteAt(text, s-1)) && !isAlnum(byteAt(text, s+16)) &&
		fiscalCodeValid(text[s:s+16])
}

// itFiscalCodeLetters finds fiscal codes with no digit left: all seven digit
// positions (7–8, 10–11, 13–15) hold omocodia letters, so the code is
// sixteen capitals. It runs on every text but reads few bytes: a window of
// sixteen is checked from its end and skipped past the first byte that is
// not a capital, which in prose is nearly always the first one read. Only
// capitals: in lower case the form is a long word, and words are not
// checked against a 1-in-26 check letter.
type itFiscalCodeLetters struct{}

var (
	_ inRunsDetector              = itFiscalCodeLetters{}
	_ [16 - minBase64Run]struct{} // compiles only while runs start at 16 or fewer characters
)

// Sixteen capitals (an all-letter fiscal code) are a base64 run or lie
// inside one: runs are maximal and at least minBase64Run (16) long.
func (itFiscalCodeLetters) insideBase64Runs() {}

func (itFiscalCodeLetters) Type() string       { return TypeITFiscalCode }
func (itFiscalCodeLetters) Keywords() []string { return nil }

func (itFiscalCodeLetters) Find(t *Text) {
	// Sixteen capitals lie inside a base64 run of sixteen or more (base64
	// runs are maximal, capitals are base64 characters): where the byte
	// pass found them, only they are read. (The kernel lists a text's runs
	// only if one may be read: sixteen capitals in a row are, kfRunUse.)
	if t.st != nil && t.st.runsValid && minBase64Run <= 16 {
		if runsHoldCapitals(t.S, t.st.runs) {
			for _, r := range t.st.runs {
				if r.e-r.s >= 16 {
					capitalCodes(t, r.s, r.e)
				}
			}
		}
		return
	}
	capitalCodes(t, 0, len(t.S))
}

// runsHoldCapitals reports whether the runs (each sixteen bytes or more,
// in order) may hold sixteen capitals in a row. Sixteen bytes from p hold
// the eight-byte block at offset 8·⌈p/8⌉ of the text, so reading the
// aligned blocks from the first run's start to the last run's end misses
// none; blocks between runs (prose, mostly) are read too: one loop of one
// stride, whose end is the only branch (a loop per run would mispredict at
// the end of each). No exact test for capitals is needed: a block whose
// bytes are all 0x40–0x5F ('@', capitals, [ \ ] ^ _) is left to
// capitalCodes, which only reads the runs. With AVX2 the same test is made
// 32 bytes a step (capitalsAVX2), without a branch for most texts' spans.
func runsHoldCapitals(text string, runs []b64Span) bool {
	n := len(runs)
	if n == 0 {
		return false
	}
	lo, hi := runs[0].s, runs[n-1].e
	if lo|(len(text)-hi)|(hi-lo-16) < 0 { // one branch, not three
		return true // not runs byteScan makes: let capitalCodes decide
	}
	if haveAVX2 && hi >= 32 {
		// The same test 32 bytes a step, from lo to hi. A span shorter
		// than 32 is tested in the 32 bytes that end it, bytes before lo
		// too: if that finds some, the test below decides (rarely).
		start := min(lo, hi-32)
		if !capitalsAVX2((*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(text)), start)), hi-start) {
			return false
		}
		if start == lo {
			return true
		}
	}
	const top3, caps = 0xe0e0e0e0e0e0e0e0, 0x4040404040404040
	// block has the top bit set if the eight bytes at k are all 0x40–0x5f.
	block := func(k int) uint64 {
		a := textLoad64(text, k)&top3 ^ caps
		return (a - 1) &^ a // top bit set only if a is 0
	}
	var found uint64
	k := (lo + 7) &^ 7
	for ; k+32 <= hi; k += 32 {
		found |= block(k) | block(k+8) | block(k+16) | block(k+24)
	}
	// The blocks left (up to three, the last one unaligned: read the
	// same), each read without a branch: past the end, the last one again.
	last := hi - 8
	clamp := func(k int) int {
		d := last - k
		return k + d&(d>>63)
	}
	found |= block(clamp(k)) | block(clamp(k+8)) | block(clamp(k+16))
	return found>>63 != 0
}

// capitalCodes emits the all-letter fiscal codes within text[from:to].
func capitalCodes(t *Text, from, to int) {
	text := t.S
	for i := from; i+16 <= to; {
		// Past the last byte of the window that is not a capital, read
		// eight at a time from the end: nearly always in the first eight.
		if nu := nonUpper(textLoad64(text, i+8)); nu != 0 {
			i += 8 + (63-bits.LeadingZeros64(nu))>>3 + 1
			continue
		}
		if nu := nonUpper(textLoad64(text, i)); nu != 0 {
			i += (63-bits.LeadingZeros64(nu))>>3 + 1
			continue
		}
		// Sixteen capitals from i: a code only if they are the whole token.
		if isAlnum(byteAt(text, i-1)) || isAlnum(byteAt(text, i+16)) {
			for i < to && isAlnum(text[i]) {
				i++
			}
			continue
		}
		if fiscalCodeValid(text[i : i+16]) {
			t.Emit(i, i+16)
		}
		i += 16
	}
}

// nonUpper sets the high bit of each byte of x that is not an ASCII
// capital.
func nonUpper(x uint64) uint64 {
	const lo7, hi = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	a := x & lo7
	ge41 := a + 0x3f3f3f3f3f3f3f3f // high bit: 'A' or above
	ge5b := a + 0x2525252525252525 // high bit: above 'Z'
	return (^ge41 | ge5b | x) & hi
}

// omocodia maps the letters that replace digits back to them.
var omocodia = [256]int8{'L': 0, 'M': 1, 'N': 2, 'P': 3, 'Q': 4, 'R': 5, 'S': 6, 'T': 7, 'U': 8, 'V': 9}

func isOmocodia(b byte) bool {
	switch b {
	case 'L', 'M', 'N', 'P', 'Q', 'R', 'S', 'T', 'U', 'V':
		return true
	}
	return false
}

// cfOdd is the value of each character in an odd (1st, 3rd, …) position;
// index 0–9 for digits, 10–35 for A–Z.
var cfOdd = [36]int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}

// cfChar describes each byte for fiscalCodeValid: the places it may stand
// in, and its values there.
type cfChar struct {
	// places: bit i set if the byte may stand in place i of an upper-case
	// code, bit 16+i of a lower-case one (a capital, or a lower-case letter,
	// in a letter place; a digit or an omocodia letter in a digit place; a
	// month letter as the month).
	places uint32
	digit  uint8 // the digit, or the digit an omocodia letter replaces
	odd    uint8 // value in an odd (1st, 3rd …) place of the check sum
	even   uint8 // value in an even place
	shift  uint8 // 16 for a lower-case letter: a code starting with it is lower-case
}

const (
	cfLetter = 1 << iota
	cfDigit
	cfMonth
)

var cfChars = func() (t [256]cfChar) {
	for c := range 256 {
		b := byte(c)
		var kind, digit, odd, even uint8
		switch u := b &^ ('a' - 'A'); {
		case isDigit(b):
			v := b - '0'
			kind, digit, odd, even = cfDigit, v, uint8(cfOdd[v]), v
		case isAlpha(b):
			v := u - 'A' + 10
			kind, odd, even = cfLetter, uint8(cfOdd[v]), v-10
			if isOmocodia(u) {
				kind |= cfDigit
				digit = uint8(omocodia[u])
			}
			if strings.IndexByte("ABCDEHLMPRST", u) >= 0 {
				kind |= cfMonth
			}
		}
		var places uint32
		for i, p := range cfPlaces {
			if kind&p != 0 {
				places |= 1 << i
			}
		}
		t[c] = cfChar{digit: digit, odd: odd, even: even}
		switch {
		case isDigit(b):
			t[c].places = places | places<<16
		case isUpper(b):
			t[c].places = places
		case isLower(b):
			t[c].places = places << 16
			t[c].shift = 16
		}
	}
	return
}()

// cfPlaces is what each of the sixteen places holds: surname and name
// letters, year digits, month, day digits, municipality (a letter and three
// digits), check letter.
var cfPlaces = [16]uint8{
	cfLetter, cfLetter, cfLetter, cfLetter, cfLetter, cfLetter,
	cfDigit, cfDigit, cfMonth, cfDigit, cfDigit,
	cfLetter, cfDigit, cfDigit, cfDigit, cfLetter,
}

// fiscalCodeValid checks a 16-character person's fiscal code, upper or lower
// case (not mixed), structure and check letter. Branch-free: many digit
// runs of a text come here, and whether each place fits is data.
func fiscalCodeValid(code string) bool {
	if len(code) != 16 {
		return false
	}
	t := &cfChars
	c0, c1, c2, c3, c4 := &t[code[0]], &t[code[1]], &t[code[2]], &t[code[3]], &t[code[4]]
	c5, c6, c7, c8, c9 := &t[code[5]], &t[code[6]], &t[code[7]], &t[code[8]], &t[code[9]]
	c10, c11, c12, c13, c14 := &t[code[10]], &t[code[11]], &t[code[12]], &t[code[13]], &t[code[14]]
	// Place i of either case: bits i and 16+i.
	const p = 1 | 1<<16
	fits := c0.places&p | c1.places&(p<<1) | c2.places&(p<<2) | c3.places&(p<<3) |
		c4.places&(p<<4) | c5.places&(p<<5) | c6.places&(p<<6) | c7.places&(p<<7) |
		c8.places&(p<<8) | c9.places&(p<<9) | c10.places&(p<<10) | c11.places&(p<<11) |
		c12.places&(p<<12) | c13.places&(p<<13) | c14.places&(p<<14)
	sum := uint(c0.odd) + uint(c1.even) + uint(c2.odd) + uint(c3.even) + uint(c4.odd) +
		uint(c5.even) + uint(c6.odd) + uint(c7.even) + uint(c8.odd) + uint(c9.even) +
		uint(c10.odd) + uint(c11.even) + uint(c12.odd) + uint(c13.even) + uint(c14.odd)
	day := uint(c9.digit)*10 + uint(c10.digit)
	if day > 40 {
		day -= 40
	}
	shift := uint(c0.shift) // the code's case is its first letter's
	check := byte('A'+sum%26) + byte(shift*2)
	// Every place fits, the day is 1–31 and the check letter matches.
	bad := (fits>>shift)&0x7fff ^ 0x7fff | uint32((day-1)/31) | uint32(code[15]^check)
	return bad == 0
}
