package detect

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
	text := t.S
	next := 0
	for _, h := range t.Hits {
		s := h - 6
		if s < next || s < 0 || s+16 > len(text) || isAlnum(byteAt(text, s-1)) || isAlnum(byteAt(text, s+16)) {
			continue
		}
		if fiscalCodeValid(text[s : s+16]) {
			t.Emit(s, s+16)
			next = s + 16
		}
	}
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
	text := t.S
	// Sixteen capitals are a base64 run of sixteen or more: a text whose
	// byte pass found none has no such code.
	if t.st != nil && t.st.runsValid && len(t.st.runs) == 0 {
		return
	}
	for i := 0; i+16 <= len(text); {
		j := i + 15
		for j >= i && isUpper(text[j]) {
			j--
		}
		if j >= i {
			i = j + 1
			continue
		}
		// Sixteen capitals from i: a code only if they are the whole token.
		if isAlnum(byteAt(text, i-1)) || isAlnum(byteAt(text, i+16)) {
			for i < len(text) && isAlnum(text[i]) {
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

// fiscalCodeValid checks a 16-character person's fiscal code, upper or lower
// case (not mixed), structure and check letter.
func fiscalCodeValid(code string) bool {
	if len(code) != 16 {
		return false
	}
	var c [16]byte
	lowerCase := isLower(code[0])
	for i := 0; i < 16; i++ {
		b := code[i]
		if lowerCase && isLower(b) {
			b -= 'a' - 'A'
		} else if isLower(b) {
			return false
		} else if lowerCase && isUpper(b) {
			return false
		}
		c[i] = b
	}
	// Digit positions (or omocodia letters) and letter positions.
	for _, i := range [...]int{0, 1, 2, 3, 4, 5, 8, 11, 15} {
		if !isUpper(c[i]) {
			return false
		}
	}
	digit := func(b byte) (int, bool) {
		if isDigit(b) {
			return int(b - '0'), true
		}
		if isOmocodia(b) {
			return int(omocodia[b]), true
		}
		return 0, false
	}
	var d [7]int
	for k, i := range [...]int{6, 7, 9, 10, 12, 13, 14} {
		v, ok := digit(c[i])
		if !ok {
			return false
		}
		d[k] = v
	}
	switch c[8] { // month
	case 'A', 'B', 'C', 'D', 'E', 'H', 'L', 'M', 'P', 'R', 'S', 'T':
	default:
		return false
	}
	day := d[2]*10 + d[3]
	if day > 40 {
		day -= 40
	}
	if day < 1 || day > 31 {
		return false
	}
	sum := 0
	for i := 0; i < 15; i++ {
		v := 0
		if isDigit(c[i]) {
			v = int(c[i] - '0')
		} else {
			v = int(c[i]-'A') + 10
		}
		if i%2 == 0 {
			sum += cfOdd[v]
		} else if v >= 10 {
			sum += v - 10
		} else {
			sum += v
		}
	}
	return c[15] == byte('A'+sum%26)
}
