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
		if h-6 >= next && fiscalCodeAt(t.S, h) {
			t.Emit(h-6, h+10)
			next = h + 10
		}
	}
}

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

var _ Detector = itFiscalCodeLetters{}

func (itFiscalCodeLetters) Type() string       { return TypeITFiscalCode }
func (itFiscalCodeLetters) Keywords() []string { return nil }

func (itFiscalCodeLetters) Find(t *Text) {
	// Sixteen capitals lie inside a base64 run of sixteen or more (base64
	// runs are maximal, capitals are base64 characters): where the byte
	// pass found them, only they are read.
	if t.st != nil && t.st.runsValid && minBase64Run <= 16 {
		for _, r := range t.st.runs {
			if r.e-r.s >= 16 {
				capitalCodes(t, r.s, r.e)
			}
		}
		return
	}
	capitalCodes(t, 0, len(t.S))
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

// textLoad64 returns the eight bytes of text from i on (i+8 <= len(text)),
// little endian.
func textLoad64(text string, i int) uint64 {
	return load64(unsafe.Add(unsafe.Pointer(unsafe.StringData(text)), i))
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

// cfChar describes each byte for fiscalCodeValid, as a capital (lower-case
// letters are folded first): whether it may stand in a letter position,
// in a digit position (a digit or an omocodia letter) and as the month,
// its digit value there, and its values in the check sum.
type cfChar struct {
	kind      uint8
	digit     uint8 // the digit, or the digit an omocodia letter replaces
	odd, even uint8 // values in odd (1st, 3rd …) and even places
}

const (
	cfLetter = 1 << iota
	cfDigit
	cfMonth
)

var cfChars = func() (t [256]cfChar) {
	for c := range 256 {
		b := byte(c)
		switch {
		case isDigit(b):
			v := b - '0'
			t[c] = cfChar{kind: cfDigit, digit: v, odd: uint8(cfOdd[v]), even: v}
		case isUpper(b):
			v := b - 'A' + 10
			t[c] = cfChar{kind: cfLetter, odd: uint8(cfOdd[v]), even: v - 10}
			if isOmocodia(b) {
				t[c].kind |= cfDigit
				t[c].digit = uint8(omocodia[b])
			}
			if strings.IndexByte("ABCDEHLMPRST", b) >= 0 {
				t[c].kind |= cfMonth
			}
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
// case (not mixed), structure and check letter.
func fiscalCodeValid(code string) bool {
	if len(code) != 16 {
		return false
	}
	var fold byte // 'a'-'A' for a code in lower case
	if isLower(code[0]) {
		fold = 'a' - 'A'
	}
	sum, day := 0, 0
	for i := 0; i < 15; i++ {
		b := code[i]
		if isAlpha(b) {
			if isLower(b) != (fold != 0) {
				return false // mixed case
			}
			b -= fold
		}
		ch := &cfChars[b]
		if ch.kind&cfPlaces[i] == 0 {
			return false
		}
		if i%2 == 0 {
			sum += int(ch.odd)
		} else {
			sum += int(ch.even)
		}
		switch i {
		case 9:
			day = int(ch.digit) * 10
		case 10:
			day += int(ch.digit)
		}
	}
	if day > 40 {
		day -= 40
	}
	// The check letter, in the code's case.
	return day >= 1 && day <= 31 && code[15] == byte('A'+sum%26)+fold
}
