package detect

// itVAT finds Italian VAT numbers (partita IVA): 11 digits, optionally after
// "IT", whose digits 8–10 name a provincial office (001–100, 120, 121, 888,
// 999) and whose last digit is the Luhn check digit.
type itVAT struct{}

var _ Detector = itVAT{}

func (itVAT) Type() string { return TypeITVAT }

func (itVAT) Keywords() []string { return []string{DigitRuns} }

// vatContext names a VAT number: IVA (P.IVA, P. IVA; not Ivan, Ivano),
// PIVA, VAT (VAT-ID, VAT no., VATIN; not Vatican), P.I., partita (IVA), VIES,
// fiscale; whole words, in identifiers too (vatNumber, partitaIva).
var vatContext = NewWordSet("iva", "piva", "p.i.", "vat{,in}", "partita", "vies", "fiscale").camelCase()

func (itVAT) ContextWords() []*WordSet { return []*WordSet{phoneWords, vatContext} }

func (itVAT) Find(t *Text) {
	for _, h := range t.Hits {
		if s, ok := vatAt(t, h, digitsEnd(t.S, h)); ok {
			t.Emit(s, h+11)
		}
	}
}

// vatAt matches a partita IVA whose digits are text[h:e] and returns its
// start (before "IT" when the prefix touches the digits).
func vatAt(t *Text, h, e int) (int, bool) {
	text := t.S
	if e-h != 11 || isAlnum(byteAt(text, e)) {
		return 0, false
	}
	s := h
	if p := byteAt(text, h-1); isAlnum(p) || p == '_' {
		// Only the country prefix may touch the number.
		if !(h >= 2 && (text[h-2:h] == "IT" || text[h-2:h] == "it") && !isAlnum(byteAt(text, h-3))) {
			return 0, false
		}
		s = h - 2
	} else if p == '.' || p == '-' || p == '+' {
		if p == '+' || isDigit(byteAt(text, h-2)) {
			return 0, false // an international phone number, or inside a number
		}
	}
	// After "1," it may start: eleven digits are no decimal fraction nor
	// thousands group, but a field of a CSV row ("571,47614069996,120000").
	if !vatValid(text[h:e]) {
		return 0, false
	}
	// Eleven digits near a word about phones, and not about VAT, are more
	// likely a phone number.
	// So are eleven digits whose label names another kind of number
	// ("Customer Reference Number: 63616320220", "Record Number …"): one
	// in a hundred numbers passes the office and check-digit tests.
	// (Most have their VAT word: asked first.)
	if s == h && !t.Near(vatContext, h, 48) && (t.Near(phoneWords, h, 32) || labelledOther(text, h) && !vatLabelled(text, h)) {
		return 0, false
	}
	return s, true
}

// vatLabels are labels of other numbers that a partita IVA goes by too:
// a company's codice fiscale is its partita IVA's digits ("codice
// 89166540404", "cod. 0123…"), a tax number may be one.
var vatLabels = newWordList(`codice cod tax`)

// vatLabelled reports whether the label right before the number at h
// (numberLabel's) is one of vatLabels.
func vatLabelled(text string, h int) bool {
	w, _, _ := numberLabel(text, h)
	return vatLabels.has(w) || vatLabels.has(letterWordBefore(text, h))
}

// vatValid checks an 11-digit partita IVA.
func vatValid(d string) bool {
	if len(d) != 11 {
		return false
	}
	for i := 0; i < 11; i++ {
		if !isDigit(d[i]) {
			return false
		}
	}
	office := int(d[7]-'0')*100 + int(d[8]-'0')*10 + int(d[9]-'0')
	if !(office >= 1 && office <= 100 || office == 120 || office == 121 || office == 888 || office == 999) {
		return false
	}
	if d[:7] == "0000000" {
		return false
	}
	return luhn(d)
}
