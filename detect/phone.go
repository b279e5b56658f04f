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
	text, hits, emit := t.S, t.Hits, t.Emit
	var groupBuf [16]int
	// Without a phone word anywhere, only "+…" and North American shapes
	// can be phone numbers: skip the others before reading them.
	context := t.Anywhere(phoneWords) || t.Anywhere(phoneWeakWords)
	next := 0
	for _, h := range hits {
		if h < next {
			continue
		}
		s := h
		p := byteAt(text, h-1)
		if p == '+' || p == '(' {
			s = h - 1
			if p == '(' && byteAt(text, h-2) == '+' {
				s = h - 2
			}
		} else if !context && !(isDigit(byteAt(text, h+2)) && !isDigit(byteAt(text, h+3))) {
			continue // not 3 digits: no NANP area code
		}
		if p := byteAt(text, s-1); isAlnum(p) || p == '_' || p == '/' || p == '@' ||
			((p == '-' || p == '.' || p == ',' || p == ':') && isAlnum(byteAt(text, s-2))) {
			continue
		}
		e, groups, ok := phoneSpan(text, s, &groupBuf)
		if !ok {
			continue
		}
		if phoneOK(t, s, e, groups) {
			emit(s, e)
			next = e
		}
	}
}

// phoneSpan reads digits and phone punctuation from s and returns the end
// (after the last digit) and the digit count of each group.
func phoneSpan(text string, s int, buf *[16]int) (int, []int, bool) {
	groups := buf[:0]
	i := s
	if text[i] == '+' {
		i++
	}
	end, open := s, false
	sepRun := 0
	for i < len(text) && i-s < 32 {
		c := text[i]
		switch {
		case isDigit(c):
			e := spanWhile(text, i, 16, isDigit)
			if len(groups) == cap(groups) {
				return 0, nil, false // too many groups for a phone number
			}
			groups = append(groups, e-i)
			i, end, sepRun = e, e, 0
			continue
		case c == '(' && !open:
			open = true
		case c == ')' && open:
			open = false
		case c == ' ' || c == '-' || c == '.' || c == '/':
			// single separators, or ") " / " ("
		default:
			goto done
		}
		sepRun++
		if sepRun > 2 {
			break
		}
		i++
	}
done:
	if isAlpha(byteAt(text, end)) || byteAt(text, end) == '_' {
		return 0, nil, false
	}
	// A separator and more digits right after the span means a longer code.
	return end, groups, len(groups) > 0
}

func phoneOK(t *Text, s, e int, groups []int) bool {
	text := t.S
	n := 0
	for _, g := range groups {
		n += g
	}
	v := text[s:e]
	if n < 7 || n > 15 || looksLikeDate(groups, v) {
		return false
	}
	if strings.Count(v, "(") != strings.Count(v, ")") {
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
		return n >= 8 && n <= 13 && !strings.Contains(v, "/") && !strings.HasPrefix(v, "000")
	}
	return false
}

// nanp reports (NXX) NXX-XXXX and NXX-NXX-XXXX / NXX.NXX.XXXX.
func nanp(v string, groups []int) bool {
	if len(groups) != 3 || groups[0] != 3 || groups[1] != 3 || groups[2] != 4 {
		return false
	}
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, v)
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
func looksLikeDate(groups []int, v string) bool {
	if len(groups) != 3 || strings.ContainsAny(v, "+() ") {
		return false
	}
	return (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2) || (groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4)
}
