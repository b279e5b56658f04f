package detect

// iban finds International Bank Account Numbers: a country code, two check
// digits and the country's BBAN, compact or printed in groups of four; the
// length must be the country's and the mod-97 check must hold.
type iban struct{}

var _ Detector = iban{}

func (iban) Type() string { return TypeIBAN }

func (iban) Keywords() []string { return []string{DigitRuns} }

func (iban) Find(t *Text) {
	next := 0
	for _, i := range t.Hits {
		if i-2 < next {
			continue
		}
		if j, ok := ibanAt(t.S, i); ok {
			t.Emit(i-2, j)
			next = j
		}
	}
}

// ibanAt matches an IBAN whose check digits start at i, the country code
// just before them, and returns its end.
func ibanAt(text string, i int) (int, bool) {
	// Anchor on the check digits, right after the country code.
	s := i - 2
	if s < 0 || !isDigit(byteAt(text, i+1)) || isAlnum(byteAt(text, s-1)) {
		return 0, false
	}
	// ISO 13616 writes IBANs in capitals, but the check is the same in
	// lower case, and people type them so: accept a code written entirely
	// in one case, never mixed.
	lowerCase := isLower(text[s])
	if lowerCase != isLower(text[s+1]) || !isAlpha(text[s]) || !isAlpha(text[s+1]) {
		return 0, false
	}
	want := int(ibanLength[lower(text[s])-'a'][lower(text[s+1])-'a'])
	if want == 0 {
		return 0, false
	}
	var buf [34]byte
	n, j := 0, s
	var sep byte
	// Digits and letters of the code's case are taken (capitalised) by a
	// table: one branch, taken but at separators, whatever the mix.
	accept := ibanDigit | ibanUpper
	if lowerCase {
		accept = ibanDigit | ibanLower
	}
	for j < len(text) && n < want {
		c := text[j]
		if k := ibanClass[c]; k&accept != 0 {
			buf[n] = c &^ (k & ibanLower << 3) // 'a' - 'A' is ibanLower<<3
			n++
			j++
			continue
		}
		if (c == ' ' || c == '-') && (sep == 0 || sep == c) && n%4 == 0 && j+1 < len(text) && isAlnum(text[j+1]) {
			sep = c // printed form: one space (or dash) between groups of four
			j++
			continue
		}
		break
	}
	if n != want || isAlnum(byteAt(text, j)) || !ibanCheck(buf[:n]) {
		return 0, false
	}
	return j, true
}

// ibanClass classifies the bytes of an IBAN for ibanAt.
var ibanClass = func() (t [256]uint8) {
	for c := range 256 {
		switch b := byte(c); {
		case isDigit(b):
			t[c] = ibanDigit
		case isUpper(b):
			t[c] = ibanUpper
		case isLower(b):
			t[c] = ibanLower
		}
	}
	return
}()

const (
	ibanDigit uint8 = 1 << iota
	ibanUpper
	ibanLower
)

// ibanLower<<3 is the bit between a letter's cases.
const _ = -uint(ibanLower<<3 ^ ('a' - 'A'))

// ibanLength is ibanLengths as a table by letter pair (0: no IBAN), for
// the detector's hot path.
var ibanLength = func() (t [26][26]uint8) {
	for cc, n := range ibanLengths {
		t[cc[0]-'A'][cc[1]-'A'] = uint8(n)
	}
	return
}()
