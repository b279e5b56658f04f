package detect

import (
	"encoding/binary"
	"math/bits"
)

// creditCard finds payment card numbers (PANs): 13 to 19 digits, written
// together or in groups split by single spaces, dashes or slashes, starting
// with a digit an issuer uses, and passing the Luhn check.
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
		if end, ok := cardAt(text, i, digitsEnd(text, i)); ok && !productCodeBefore(text, i) {
			t.Emit(i, end)
			next = end
		}
	}
}

// cardAt matches a PAN starting at i, where the digits from i end at e:
// either one run of 13–19 digits, or groups of 3–6 digits joined by one kind
// of separator that make up the whole number (a card is never the tail of a
// longer grouped code such as an IBAN). The separator is a space, a dash or
// a slash ("6577/2508/3707/5259", as typed in some forms); slashed groups
// are not a path's segments: no slash before the first nor after the last.
// (A date, "12/2025", has too few digits; issuer ranges, lengths and Luhn
// decide the rest.) A card in its printed grouping may mix its separators
// (cardMixed).
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
	if n == 4 && sep == '.' {
		return cardMixed(text, i)
	}
	if sep != ' ' && sep != '-' && sep != '/' || groupBefore(text, i, sep) {
		return 0, false
	}
	// Two spaces between the groups, each time, as a PDF's text or a
	// chat app lays a card out ("4341  0965  1371  8435").
	wide := 1
	if sep == ' ' && byteAt(text, j+1) == ' ' {
		wide = 2
	}
	// The digits, gathered a group at a time as the shape is read: eight
	// bytes stored at once, the bytes past a group written over by the
	// next one.
	var digits [19 + 8]byte
	putGroup(&digits, 0, text, i, j)
	groups, first, second := 1, n, 0 // the groups read, the first two's lengths
	fours := n == 4                  // every group has four digits
	for byteAt(text, j) == sep && byteAt(text, j+wide-1) == sep && isDigit(byteAt(text, j+wide)) {
		g := j + wide
		k := digitsEnd(text, g)
		if k-g < 3 || k-g > 6 || n+k-g > 19 {
			// An expiry after a whole card in its printed grouping (four
			// fours, or American Express's 4-6-5) follows the card, no
			// group of it: "4715 7708 1358 1424 09 28 120", "… 09/28" (a
			// month, then the year; not a pagoPA notice's "3043 2646 1548
			// 9007 90").
			if sep == ' ' && (groups == 4 && fours || groups == 3 && n == 15 && first == 4 && second == 6) &&
				expiryAt(text, g) && validPAN(string(digits[:n])) {
				return j, true
			}
			return 0, false
		}
		putGroup(&digits, n, text, g, k)
		n += k - g
		fours = fours && k-g == 4
		if groups++; groups == 2 {
			second = k - g
		}
		j = k
	}
	if n < 13 && first == 4 {
		return cardMixed(text, i) // its separators changed
	}
	if n < 13 || isAlnum(byteAt(text, j)) || sep == '/' && (byteAt(text, j) == '/' || byteAt(text, i-1) == '/') {
		return 0, false
	}
	if !validPAN(string(digits[:n])) {
		return 0, false
	}
	return j, true
}

// cardMixed matches a card printed in its grouping — four groups of four,
// or American Express's 4-6-5 — whose separators vary, as people type
// them: one to three spaces (two at most after the first group), a dash
// or a dot each ("5202  4177 4821 5804",
// "4283-5490 9462-8019", "5169.8406.6893.2598"). Nothing alphanumeric
// touches it, nor a '+' (a phone number's), and no group of a longer code:
// no separator and digit before it nor after it, but an expiry after a
// space (expiryAt).
func cardMixed(text string, i int) (int, bool) {
	if p := byteAt(text, i-1); isAlnum(p) || p == '+' || (p == ' ' || p == '-' || p == '.') && isDigit(byteAt(text, i-2)) {
		return 0, false // (after '+': an international phone number)
	}
	for _, groups := range [2][]int{{4, 4, 4, 4}, {4, 6, 5}} {
		var digits [16]byte
		n, j := 0, i
		var first string // the first separator
		mixed := false   // a separator differs from it, or is a dot
		for g, want := range groups {
			if g > 0 {
				k := j
				for k < len(text) && text[k] == ' ' && k-j < min(g+1, 3) {
					k++ // (two at most after the first group: where the digit scan looks for the second)
				}
				if c := byteAt(text, j); k == j && (c == '-' || c == '.') {
					k++
				}
				if k == j {
					break
				}
				if g == 1 {
					first = text[j:k]
				}
				mixed = mixed || text[j:k] != first || text[j] == '.'
				j = k
			}
			e := digitsEnd(text, j)
			if e-j != want {
				j = -1
				break
			}
			n += copy(digits[n:], text[j:e])
			j = e
		}
		if j < 0 || n != 16 && n != 15 {
			continue // (15 only with the 4-6-5 grouping: its groups' sum)
		}
		if !mixed {
			return 0, false // one kind of separator: cardAt judged it
		}
		c := byteAt(text, j)
		if isAlnum(c) || (c == ' ' || c == '-' || c == '.') && isDigit(byteAt(text, j+1)) && !(c == ' ' && expiryAt(text, j+1)) {
			return 0, false
		}
		if validPAN(string(digits[:n])) {
			return j, true
		}
	}
	return 0, false
}

// expiryAt reports whether a card's expiry starts at g: a month (01–12),
// a space, '/' or '-', and a year of two or four digits.
func expiryAt(text string, g int) bool {
	m, y := spanClass(text, g, 3, cDigit), 0
	if m-g == 2 && (text[g] == '0' && text[g+1] != '0' || text[g] == '1' && text[g+1] <= '2') &&
		(byteAt(text, m) == ' ' || byteAt(text, m) == '/' || byteAt(text, m) == '-') {
		y = spanClass(text, m+1, 5, cDigit) - m - 1
	}
	return y == 2 || y == 4
}

// productCodeBefore reports whether the number at i is labelled as a
// product's or a device's code (EAN 6480195805187, IMEI: …, (EAN-13): …;
// the label's word, its length, then spaces, ':', '#' or ')'): a
// Luhn-valid number of a card's length that is not a card. (Asked once the
// number passed Luhn: rarely.)
func productCodeBefore(text string, i int) bool {
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == ':' || text[i-1] == '#' || text[i-1] == ')') {
		i--
	}
	for k := 0; k < 2 && i > 0 && isDigit(text[i-1]); k++ {
		i-- // ISBN-13, EAN13, EAN-8: a length of two digits at most
	}
	return productCodes.has(letterWordBefore(text, i))
}

// productCodes label the numbers of products and devices, whose check
// digits (GS1's, an IMEI's Luhn) let some pass for a card number, and of
// pagoPA's payment notices (the codice avviso: 18 digits, a tenth of them
// Luhn-valid, and those after 30 in Diners Club's range).
var productCodes = newWordList(`ean gtin upc isbn issn imei imsi iccid meid esn sku barcode avviso pagopa iuv`)

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
// a word or of a number (after a digit, or after a decimal point "1.").
// After "1," it can: a comma with no space after it is a decimal comma
// ("12,5", "3,14159") or a thousands mark ("1,234,567") only to the short
// runs no number format accepts (cardAt, ssnAt and vatAt read 9 digits
// or more, or a grouped shape no decimal has), and elsewhere the field
// separator of a CSV row or a list ("A-5364,5169514251090359,89.90").
func numberStart(text string, i int) bool {
	p := byteAt(text, i-1)
	if isAlnum(p) || p == '_' {
		return false
	}
	if p == '.' && isDigit(byteAt(text, i-2)) {
		return false
	}
	return true
}

// validPAN applies the issuer prefix rules, each issuer range's lengths,
// and the Luhn check.
func validPAN(d string) bool {
	if !panLength(d) {
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

// panLength reports whether an issuer range that starts d (13–19 digits)
// issues cards of its length: each range of ISO/IEC 7812 issuer numbers
// has the lengths its network defines, so that a Luhn-valid number of
// another length (an IMEI: 15 digits from a TAC such as 35…, 01…, 86…)
// is no card. By a table of the first two digits (a switch over them
// mispredicts about once a call); four prefixes split at four digits.
func panLength(d string) bool {
	a, b := uint(d[0]-'0'), uint(d[1]-'0')
	if a > 9 || b > 9 {
		return false // not digits (a custom type's value)
	}
	p2 := int(a*10 + b)
	m := panLengths[p2]
	if m&panSplit != 0 {
		p4 := p2*100 + int(d[2]-'0')*10 + int(d[3]-'0')
		switch {
		case p4 == 2131: // JCB's former 15-digit range
			m = 1 << 15
		case p4 >= 2200 && p4 <= 2204: // Mir
			m = panLens(16, 19)
		case p4 >= 2221 && p4 <= 2720: // Mastercard
			m = 1 << 16
		case p4 >= 3528 && p4 <= 3589: // JCB
			m = panLens(16, 19)
		default:
			m = 0
		}
	}
	return m>>(len(d)&31)&1 != 0
}

// panLengths holds, for the first two digits of a card number, a bit for
// each length their issuer ranges use (bit n: n digits), or panSplit.
var panLengths = func() (t [100]uint32) {
	t[10], t[11], t[12], t[13], t[14], t[15], t[16], t[17], t[18], t[19] = 1<<15, 1<<15, 1<<15, 1<<15, 1<<15, 1<<15, 1<<15, 1<<15, 1<<15, 1<<15 // UATP
	for p := 21; p <= 27; p++ {
		t[p] = panSplit // JCB 2131; Mir 2200–2204; Mastercard 2221–2720
	}
	for p := 23; p <= 26; p++ {
		t[p] = 1 << 16 // Mastercard
	}
	t[30], t[36], t[38], t[39] = panLens(14, 19), panLens(14, 19), panLens(14, 19), panLens(14, 19) // Diners Club (300–305, 3095, 36, 38–39)
	t[34], t[37] = 1<<15, 1<<15                                                                     // American Express
	t[35] = panSplit                                                                                // JCB 3528–3589
	for p := 40; p <= 49; p++ {
		t[p] = 1<<13 | 1<<16 | 1<<19 // Visa
	}
	t[50] = panLens(12, 19) // Maestro
	for p := 51; p <= 55; p++ {
		t[p] = 1 << 16 // Mastercard
	}
	for p := 56; p <= 69; p++ {
		// Maestro (56–69), 12–19; among them Discover (6011, 644–649,
		// 65) and UnionPay (62), 16–19, RuPay, InterPayment.
		t[p] = panLens(12, 19)
	}
	return
}()

// panSplit marks the prefixes panLength reads four digits of.
const panSplit = 1 << 31

// panLens is the bits of lengths lo to hi.
func panLens(lo, hi uint) uint32 { return 1<<(hi+1) - 1<<lo }
