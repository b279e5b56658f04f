package detect

import "strings"

// phone finds telephone numbers: international numbers written with "+"
// and 8–15 digits (E.164), North American numbers in their usual punctuation
// ((415) 555-0132, 415-555-0132), and other numbers of 7–15 digits when a
// word about phones (EN/IT) precedes them. Dates, and numbers inside longer
// codes, are not phone numbers.
type phone struct{}

var _ Detector = phone{}

func (phone) Type() string { return TypePhone }

func (phone) Keywords() []string { return []string{DigitRuns} }

// phoneWords name a phone; phoneWeakWords only a number, which may be any
// reference, so they count for phone-shaped numbers only.
var (
	phoneWords = NewWordSet(
		"tel", "phone", "mobile", "cell", "call", "fax", "whatsapp", "sms", "dial", "reach me",
		"telefono", "cellulare", "chiama", "recapito", "cel.", "squillo",
	)
	phoneWeakWords = NewWordSet("number", "numero", "num.", "contact", "contatt")
)

func (phone) ContextWords() []*WordSet { return []*WordSet{phoneWords, phoneWeakWords} }

func (phone) Find(t *Text) {
	var sc phoneScan
	for _, h := range t.Hits {
		if s, e := sc.at(t, h); e > s {
			t.Emit(s, e)
		}
	}
}

// phoneScan is the phone detector's progress through a text's hits.
type phoneScan struct {
	next    int  // the end of the last number
	asked   bool // context has been computed
	context bool // a phone word occurs in the text
	words   wordCursors
}

// nearWord reports whether a phone word (strong or weak) starts a word
// within the 40 bytes before at; at must not decrease from call to call.
func (sc *phoneScan) nearWord(t *Text, at int) bool {
	if !sc.words.ready {
		sc.words = wordCursors{ready: true, strong: t.wordHits(phoneWords), weak: t.wordHits(phoneWeakWords)}
	}
	return sc.words.near(t.S, at)
}

// wordCursors find the phone words (strong and weak) that phoneOK's Near
// looks for, for numbers met in ascending order.
type wordCursors struct {
	ready        bool
	strong, weak []int // where the words occur, ascending
	i, j         int   // the first of each at or after the last window's start
	last         int
}

// near reports whether a phone word of either kind starts at a word start
// within the 40 bytes before at (as t.Near(…, at, 40) for both sets).
func (c *wordCursors) near(text string, at int) bool {
	if at < c.last {
		c.i, c.j = 0, 0 // hits out of order: start again
	}
	c.last = at
	lo := at - 40
	for c.i < len(c.strong) && c.strong[c.i] < lo {
		c.i++
	}
	for c.j < len(c.weak) && c.weak[c.j] < lo {
		c.j++
	}
	return wordStartBefore(text, c.strong[c.i:], at) || wordStartBefore(text, c.weak[c.j:], at)
}

// wordStartBefore reports whether a position in pos (ascending) before at
// starts a word.
func wordStartBefore(text string, pos []int, at int) bool {
	for _, p := range pos {
		if p >= at {
			break
		}
		if !isAlpha(byteAt(text, p-1)) {
			return true
		}
	}
	return false
}

// at examines hit h (hits come in ascending order) and returns the span of
// the phone number starting there, empty if none.
func (sc *phoneScan) at(t *Text, h int) (int, int) {
	if h < sc.next {
		return 0, 0
	}
	text := t.S
	s := h
	p := byteAt(text, h-1)
	if p == '+' || p == '(' {
		s = h - 1
		if p == '(' && byteAt(text, h-2) == '+' {
			s = h - 2
		}
	} else if !(isDigit(byteAt(text, h+2)) && !isDigit(byteAt(text, h+3))) {
		// Not 3 digits: no NANP area code. Without a phone word anywhere,
		// only "+…" and North American shapes can be phone numbers.
		if !sc.asked {
			sc.asked = true
			sc.context = t.Anywhere(phoneWords) || t.Anywhere(phoneWeakWords)
		}
		if !sc.context {
			return 0, 0
		}
	}
	if p := byteAt(text, s-1); isAlnum(p) || p == '_' || p == '/' || p == '@' ||
		((p == '-' || p == '.' || p == ',' || p == ':') && isAlnum(byteAt(text, s-2))) {
		return 0, 0
	}
	// Not "+…", and a first group other than a North American area code:
	// only a phone word close before makes it a phone number (phoneOK),
	// so look for one before reading the number.
	if s == h && isDigit(byteAt(text, h)) && digitsEnd(text, h)-h != 3 && !sc.nearWord(t, h) {
		return 0, 0
	}
	var groupBuf [16]int
	sh, ok := phoneSpan(text, s, &groupBuf)
	if !ok || !phoneOK(t, s, &sh) {
		return 0, 0
	}
	sc.next = sh.end
	return s, sh.end
}

// phoneShape is what phoneSpan read.
type phoneShape struct {
	end    int   // after the last digit
	groups []int // the digit count of each group
	digits int   // all digits
	parens int   // '(' less ')' before end
	marks  uint8 // which of '+', '(' or ')', ' ', '/' occur before end
}

const (
	pmPlus = 1 << iota
	pmParen
	pmSpace
	pmSlash
)

// phoneClass classifies the bytes phoneSpan reads: a digit, a byte that
// ends the number (0), or punctuation with the marks it sets.
var phoneClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = pcDigit
	}
	t['('], t[')'] = pcParen|pcOpen|pmParen, pcParen|pmParen
	t['-'], t['.'] = pcSep, pcSep
	t[' '], t['/'] = pcSep|pmSpace, pcSep|pmSlash
	return
}()

// phoneClass's bits above the marks (pm…).
const (
	pcDigit = 1 << (iota + 4)
	pcSep   // ' ', '-', '.', '/'
	pcParen // '(' or ')'
	pcOpen  // '('
)

// phoneSpan reads digits and phone punctuation from s.
func phoneSpan(text string, s int, buf *[16]int) (phoneShape, bool) {
	sh := phoneShape{end: s, groups: buf[:0]}
	i := s
	var marks uint8
	if text[i] == '+' {
		marks = pmPlus
		i++
	}
	// Parentheses alternate, "(" first: open is the count of '(' less ')'.
	open := uint8(0)
	sepRun := 0
	for i < len(text) && i-s < 32 {
		k := phoneClass[text[i]]
		if k&pcDigit != 0 {
			e := min(digitsEnd(text, i), i+16)
			if len(sh.groups) == cap(sh.groups) {
				return sh, false // too many groups for a phone number
			}
			sh.groups = append(sh.groups, e-i)
			sh.digits += e - i
			sh.end, sh.parens, sh.marks = e, int(open), marks
			i, sepRun = e, 0
			continue
		}
		// Single separators, or ") " / " (": a '(' inside parentheses,
		// a ')' outside them or any other byte ends the number.
		if k == 0 || k&pcParen != 0 && k>>7 == open {
			break
		}
		open ^= k >> 6 & 1
		marks |= k & 0xf
		sepRun++
		if sepRun > 2 {
			break
		}
		i++
	}
	if isAlpha(byteAt(text, sh.end)) || byteAt(text, sh.end) == '_' {
		return sh, false
	}
	return sh, len(sh.groups) > 0
}

func phoneOK(t *Text, s int, sh *phoneShape) bool {
	n, groups := sh.digits, sh.groups
	v := t.S[s:sh.end]
	if n < 7 || n > 15 || looksLikeDate(sh) || sh.parens != 0 {
		return false
	}
	if v[0] == '+' {
		return n >= 8 && v[1] != '0'
	}
	if nanp(v, groups) {
		return true
	}
	// A dotted or dashed number with one group, or a version-like shape,
	// needs the context even more; require a phone word close before.
	switch {
	case t.Near(phoneWords, s, 40):
		return n >= 8 || len(groups) > 1
	case t.Near(phoneWeakWords, s, 40):
		// "reference number 00012345678", "numero 2024/00123" are not
		// phones: ask for a phone's length and punctuation.
		return n >= 8 && n <= 13 && sh.marks&pmSlash == 0 && !strings.HasPrefix(v, "000")
	}
	return false
}

// nanp reports (NXX) NXX-XXXX and NXX-NXX-XXXX / NXX.NXX.XXXX.
func nanp(v string, groups []int) bool {
	if len(groups) != 3 || groups[0] != 3 || groups[1] != 3 || groups[2] != 4 {
		return false
	}
	// The first digits of the area code and of the exchange.
	var d [4]byte
	k := 0
	for i := 0; i < len(v) && k < 4; i++ {
		if isDigit(v[i]) {
			d[k] = v[i]
			k++
		}
	}
	if d[0] < '2' || d[3] < '2' {
		return false
	}
	if v[0] == '(' {
		return true
	}
	sep := v[3]
	return (sep == '-' || sep == '.') && v[7] == sep
}

// looksLikeDate rejects 2025-02-11, 11/02/2025, 11.02.2025 shapes.
func looksLikeDate(sh *phoneShape) bool {
	groups := sh.groups
	if len(groups) != 3 || sh.marks&(pmPlus|pmParen|pmSpace) != 0 {
		return false
	}
	return (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2) || (groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4)
}
