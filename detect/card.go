package detect

import (
	"encoding/binary"
	"math/bits"
)

// creditCard finds payment card numbers (PANs): 13 to 19 digits, written
// together or in groups split by single spaces or dashes, starting with a
// digit an issuer uses, and passing the Luhn check.
type creditCard struct{}

var _ Detector = creditCard{}

func (creditCard) Type() string { return TypeCreditCard }

func (creditCard) Keywords() []string { return []string{DigitRuns} }

func (creditCard) Find(t *Text) {
	text := t.S
	next := 0
	for _, i := range t.Hits {
		if i < next || !numberStart(text, i) {
			continue
		}
		if end, ok := cardAt(text, i, digitsEnd(text, i)); ok {
			t.Emit(i, end)
			next = end
		}
	}
}

// cardAt matches a PAN starting at i, where the digits from i end at e:
// either one run of 13–19 digits, or groups of 3–6 digits joined by one kind
// of separator that make up the whole number (a card is never the tail of a
// longer grouped code such as an IBAN).
func cardAt(text string, i, e int) (int, bool) {
	if byteAt(text, i-1) == '+' {
		return 0, false // an international phone number
	}
	j := min(e, i+20)
	n := j - i
	if n >= 12 {
		if n < 13 || n > 19 || isAlnum(byteAt(text, j)) || !validPAN(text[i:j]) {
			return 0, false
		}
		return j, true
	}
	if n < 3 {
		return 0, false
	}
	sep := byteAt(text, j)
	if sep != ' ' && sep != '-' || groupBefore(text, i, sep) {
		return 0, false
	}
	// The digits, gathered a group at a time as the shape is read: eight
	// bytes stored at once, the bytes past a group written over by the
	// next one.
	var digits [19 + 8]byte
	putGroup(&digits, 0, text, i, j)
	for byteAt(text, j) == sep && isDigit(byteAt(text, j+1)) {
		g := j + 1
		j = digitsEnd(text, g)
		if j-g < 3 || j-g > 6 || n+j-g > 19 {
			return 0, false
		}
		putGroup(&digits, n, text, g, j)
		n += j - g
	}
	if n < 13 || isAlnum(byteAt(text, j)) {
		return 0, false
	}
	if !validPAN(string(digits[:n])) {
		return 0, false
	}
	return j, true
}

// putGroup stores the digits text[g:e] at d[at:] (at is at most 16), and
// may write over the bytes after them: one 8-byte store for a group of up
// to eight.
func putGroup(d *[19 + 8]byte, at int, text string, g, e int) {
	if g+8 <= len(text) && e-g <= 8 {
		binary.LittleEndian.PutUint64(d[at:], textLoad64(text, g))
		return
	}
	copy(d[at:], text[g:e])
}

// groupBefore reports whether the number at i continues a grouped code:
// just before it, across the same separator, stands a short group holding a
// digit that itself starts after that separator or the start of a word
// ("FR13 3017 …", "ID 12 3456 …").
func groupBefore(text string, i int, sep byte) bool {
	if byteAt(text, i-1) != sep {
		return false
	}
	if i < 9 {
		return groupBeforeShort(text, i, sep)
	}
	// The eight bytes before the separator, text[i-2] the top one: the
	// group is the letters and digits at the top (at most six), by bit
	// counts, not a loop that stops where the text says.
	w := textLoad64(text, i-9)
	alnum, digit := alnumBytes(w)
	n := uint(bits.LeadingZeros64(^alnum&0x8080808080808080)) >> 3 // the group's bytes
	if n > 6 || digit&^(^uint64(0)>>(8*n)) == 0 {
		return false // too long, or no digit in it (nor any byte)
	}
	p := byte(w >> (8 * (7 - n))) // the byte before the group
	return p == sep || p == 0 || p == ' ' || p == '\n' || p == '\t' || p == ':'
}

// groupBeforeShort is groupBefore near the text's start, byte by byte.
func groupBeforeShort(text string, i int, sep byte) bool {
	k := i - 1
	var digit uint64
	for k > 0 && i-1-k < 7 && isAlnum(text[k-1]) {
		k--
		digit |= charClass[text[k]] & cDigit
	}
	if digit == 0 || i-1-k > 6 || isAlnum(byteAt(text, k-1)) {
		return false
	}
	p := byteAt(text, k-1)
	return p == sep || p == 0 || p == ' ' || p == '\n' || p == '\t' || p == ':'
}

// alnumBytes sets the high bit of each byte of x that is an ASCII letter
// or digit (alnum), or a digit.
func alnumBytes(x uint64) (alnum, digit uint64) {
	const lo7, hi = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	digit = ^nonDigits(x) & hi
	a := (x | 0x2020202020202020) & lo7                                      // capitals folded
	letter := (a + 0x1f1f1f1f1f1f1f1f) &^ (a + 0x0505050505050505) &^ x & hi // 'a'–'z'
	return digit | letter, digit
}

// numberStart reports whether a number can start at i: not in the middle of
// a word or of a number (after a digit, or after "1." / "1,").
func numberStart(text string, i int) bool {
	p := byteAt(text, i-1)
	if isAlnum(p) || p == '_' {
		return false
	}
	if (p == '.' || p == ',') && isDigit(byteAt(text, i-2)) {
		return false
	}
	return true
}

// validPAN applies the issuer prefix rules and the Luhn check.
func validPAN(d string) bool {
	switch d[0] {
	case '1':
		// UATP cards are 15 digits; a bare 13-digit number starting with 1
		// is a millisecond timestamp far more often than a card.
		if len(d) != 15 {
			return false
		}
	case '2', '3', '4', '5', '6':
	default:
		return false
	}
	// 0000…: a filler, not a card.
	for i := 1; i < len(d); i++ {
		if d[i] != d[0] {
			return luhn(d)
		}
	}
	return false
}
