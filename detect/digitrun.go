package detect

import (
	"math/bits"
	"strings"
)

// Digit runs are the anchors of every number format. Eight detectors look at
// them, and a prompt has many (dates, prices, versions), so each run's shape
// is computed once and each detector sees only the runs its format can start
// at. A shape mask must be a superset of what the detector accepts: it only
// saves work, it never decides.

const (
	runAlpha2Before uint16 = 1 << iota // two letters before: IBAN check digits
	runAlphaBefore                     // a letter before: fiscal code year
	runLen11                           // eleven digits: partita IVA
	runSSN                             // AAA followed by a separator, or nine digits; not after a word byte
	runCard                            // 13–19 digits, or a 3–11 digit group and a separator; not after a word byte
	runIP                              // an octet followed by '.', or a colon close by
	runPhone                           // after '+' or '(', 7+ digits, or 2+ digits and a separator; not after a word byte
	runAny          uint16 = 0xffff
)

// digitShaper is implemented by the built-in detectors anchored on
// DigitRuns that can reject most runs from their shape alone.
type digitShaper interface {
	digitShape() uint16
}

// runClass classifies the bytes around a digit run for runShape.
var runClass = func() (t [256]uint8) {
	for c := range 256 {
		b := byte(c)
		if isAlpha(b) {
			t[c] |= rcAlpha
		}
		if isWord(b) {
			t[c] |= rcWordByte
		}
		if isHexDigit(b) || b == ':' {
			t[c] |= rcHexColon
		}
		switch b {
		case ' ', '-':
			t[c] |= rcSep | rcGroupSep
		case '.':
			t[c] |= rcSep
		case '+', '(':
			t[c] |= rcPhoneLead
		case '/', ')':
			t[c] |= rcPhoneTail
		}
	}
	return
}()

const (
	rcAlpha     = 1 << iota
	rcHexColon  // a hex digit or ':' (IPv6)
	rcSep       // ' ', '-', '.'
	rcGroupSep  // ' ', '-'
	rcPhoneLead // '+', '('
	rcPhoneTail // '/', ')'
	rcWordByte  // a letter, digit or '_'
)

// runShape classifies the run of digits starting at i. colon says whether
// the text holds a ':' at all (else no IPv6 address can be near).
func runShape(text string, i int, colon bool) uint16 {
	e := i + 1
	for e < len(text) && text[e]-'0' < 10 {
		e++
	}
	n := e - i
	var prev, prev2, next byte
	if i > 0 {
		prev = text[i-1]
		if i > 1 {
			prev2 = text[i-2]
		}
	}
	if e < len(text) {
		next = text[e]
	}
	cp, cn := runClass[prev], runClass[next]
	var m uint16
	if cp&rcAlpha != 0 {
		m |= runAlphaBefore
		if runClass[prev2]&rcAlpha != 0 {
			m |= runAlpha2Before
		}
	}
	if n <= 3 && next == '.' {
		m |= runIP
	}
	if n == 11 {
		m |= runLen11
	}
	if colon && m&runIP == 0 && (cn|cp)&rcHexColon != 0 && colonNear(text, i, e) {
		m |= runIP
	}
	// Cards, SSNs and phone numbers start a word (their detectors check
	// numberStart or the byte before): a run after a letter or '_' is
	// inside a code (a hash, a key, a UUID), not one of them.
	if cp&rcWordByte != 0 {
		return m
	}
	if (n == 3 && cn&rcSep != 0) || n == 9 {
		m |= runSSN
	}
	if (n >= 13 && n <= 19) || (n >= 3 && n < 12 && cn&rcGroupSep != 0) {
		m |= runCard
	}
	if cp&rcPhoneLead != 0 || n >= 7 || (n >= 2 && cn&(rcSep|rcPhoneTail) != 0) {
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

// detectDigits runs the detectors anchored on DigitRuns over the digit runs
// of text (st.digits, not empty), each on the runs its shape mask accepts.
// A detector with keyword hits too is left to the caller, which merges the
// two lists.
func (s *Scanner) detectDigits(st *scanState, text string, run func(d int, hits []int)) {
	// Each run goes to the list of every shape bit it has, in one pass;
	// a detector whose mask is one bit takes its list as it is. The
	// lists are empty between calls: only the bits used are cleared.
	st.shapes = st.shapes[:0]
	colon := strings.IndexByte(text, ':') >= 0 // IPv6 needs one
	var used uint16
	for _, i := range st.digits {
		sh := runShape(text, i, colon) & s.shapeBits
		if s.multiShape {
			st.shapes = append(st.shapes, sh)
		}
		used |= sh
		for m := sh; m != 0; m &= m - 1 {
			b := bits.TrailingZeros16(m)
			st.byShape[b] = append(st.byShape[b], i)
		}
	}
	for k, d := range s.digital {
		if len(st.hits[d]) > 0 {
			continue // keyword hits too: run below on the merged list
		}
		mask := s.digitMask[k]
		switch {
		case mask == runAny:
			run(d, st.digits)
			continue
		case mask&(mask-1) == 0:
			if l := st.byShape[bits.TrailingZeros16(mask)]; len(l) > 0 {
				run(d, l)
			}
			continue
		}
		st.picked = st.picked[:0]
		for j, sh := range st.shapes {
			if sh&mask != 0 {
				st.picked = append(st.picked, st.digits[j])
			}
		}
		if len(st.picked) > 0 {
			run(d, st.picked)
		}
	}
	for m := used; m != 0; m &= m - 1 {
		b := bits.TrailingZeros16(m)
		st.byShape[b] = st.byShape[b][:0]
	}
}
