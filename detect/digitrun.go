package detect

// Digit runs are the anchors of every number format. Eight detectors look at
// them, and a prompt has many (dates, prices, versions), so each run's shape
// is computed once and each detector sees only the runs its format can start
// at. A shape mask must be a superset of what the detector accepts: it only
// saves work, it never decides.

const (
	runAlpha2Before uint16 = 1 << iota // two letters before: IBAN check digits
	runAlphaBefore                     // a letter before: fiscal code year
	runLen11                           // eleven digits: partita IVA
	runSSN                             // AAA followed by a separator, or nine digits
	runCard                            // 13–19 digits, or a 3–11 digit group and a separator
	runIP                              // an octet followed by '.', or a colon close by
	runPhone                           // after '+' or '(', 7+ digits, or 2+ digits and a separator
	runAny          uint16 = 0xffff
)

// digitShaper is implemented by the built-in detectors anchored on
// DigitRuns that can reject most runs from their shape alone.
type digitShaper interface {
	digitShape() uint16
}

// runShape classifies the run of digits starting at i.
func runShape(text string, i int) uint16 {
	e := i
	for e < len(text) && text[e]-'0' < 10 {
		e++
	}
	n := e - i
	prev, prev2, next := byteAt(text, i-1), byteAt(text, i-2), byteAt(text, e)
	var m uint16
	if isAlpha(prev) && isAlpha(prev2) {
		m |= runAlpha2Before
	}
	if isAlpha(prev) {
		m |= runAlphaBefore
	}
	if n == 11 {
		m |= runLen11
	}
	sep := next == ' ' || next == '-' || next == '.'
	if (n == 3 && sep) || n == 9 {
		m |= runSSN
	}
	if (n >= 13 && n <= 19) || (n >= 3 && n < 12 && (next == ' ' || next == '-')) {
		m |= runCard
	}
	if (n <= 3 && next == '.') || ((next == ':' || prev == ':' || isHexDigit(next) || isHexDigit(prev)) && colonNear(text, i, e)) {
		m |= runIP
	}
	if prev == '+' || prev == '(' || n >= 7 || (n >= 2 && (sep || next == '/' || next == ')')) {
		m |= runPhone
	}
	return m
}

// colonNear reports a ':' within the hex token around the run [i, e): the
// quick test for an IPv6 address.
func colonNear(text string, i, e int) bool {
	f := e
	for f < len(text) && f-e < 5 && isHexDigit(text[f]) {
		f++
	}
	if byteAt(text, f) == ':' {
		return true
	}
	b := i
	for b > 0 && i-b < 5 && isHexDigit(text[b-1]) {
		b--
	}
	return byteAt(text, b-1) == ':'
}

func (creditCard) digitShape() uint16   { return runCard }
func (iban) digitShape() uint16         { return runAlpha2Before }
func (itFiscalCode) digitShape() uint16 { return runAlphaBefore }
func (itVAT) digitShape() uint16        { return runLen11 }
func (usSSN) digitShape() uint16        { return runSSN }
func (ipAddress) digitShape() uint16    { return runIP }
func (phone) digitShape() uint16        { return runPhone }
