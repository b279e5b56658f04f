package detect

import (
	"regexp"
	"strings"
	"testing"
)

// The phone matcher reads a number once (phoneSpan records what phoneOK
// needs); the former version, which read it again for each question, is
// the reference.

// refphoneSpan is the former phoneSpan: reads digits and phone punctuation from s and returns the end
// (after the last digit) and the digit count of each group.
func refPhoneSpan(text string, s int, buf *[16]int) (int, []int, bool) {
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

func refPhoneOK(t *Text, s, e int, groups []int) bool {
	text := t.S
	n := 0
	for _, g := range groups {
		n += g
	}
	v := text[s:e]
	if n < 7 || n > 15 || refLooksLikeDate(groups, v) {
		return false
	}
	if strings.Count(v, "(") != strings.Count(v, ")") {
		return false
	}
	if v[0] == '+' {
		return n >= 8 && v[1] != '0'
	}
	if refNANP(v, groups) {
		return true
	}
	// A dotted or dashed number with one group, or a version-like shape,
	// needs the context even more; require a phone word close before.
	switch {
	case t.Near(phoneWords, s, 40):
		return n >= 8 || len(groups) > 1
	case t.Near(phoneWeakWords, s, 40):
		// "reference number 00012345678", "numero 2024/00123" are not
		// phones: ask for a phone's length and punctuation, and a plan.
		return n >= 8 && n <= 13 && !strings.Contains(v, "/") && !strings.HasPrefix(v, "000") && refNational(v)
	}
	return false
}

// refNational is nationalNumber by regular expressions over the digits.
func refNational(v string) bool {
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, v)
	return refNationalRE.MatchString(d)
}

var refNationalRE = regexp.MustCompile(`^(0[0-9]*|3[0-9]{8,9}|8[0-9]{8}|1?[2-9][0-9]{2}[2-9][0-9]{6})$`)

// refnanp is the former nanp: reports (NXX) NXX-XXXX and NXX-NXX-XXXX / NXX.NXX.XXXX.
func refNANP(v string, groups []int) bool {
	if len(groups) == 4 && groups[0] == 1 {
		// The trunk prefix 1, then a space or the number's separator.
		switch {
		case strings.HasPrefix(v, "1("), strings.HasPrefix(v, "1 ("):
			v = v[strings.IndexByte(v, '('):]
		case strings.HasPrefix(v, "1 "), len(v) > 5 && v[:2] == "1"+v[5:6]:
			v = v[2:]
		default:
			return false
		}
		groups = groups[1:]
	}
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

// reflooksLikeDate is the former looksLikeDate: rejects 2025-02-11, 11/02/2025, 11.02.2025 shapes.
func refLooksLikeDate(groups []int, v string) bool {
	if len(groups) != 3 || strings.ContainsAny(v, "+() ") {
		return false
	}
	return (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2) || (groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4)
}

// refPhoneAt is the former phone detector's test of hit h.
func refPhoneAt(t *Text, h int, context bool) (int, int) {
	text := t.S
	var groupBuf [16]int
	run := spanWhile(text, h, len(text), isDigit) - h
	lone1 := byteAt(text, h-2) == '1' && !isAlnum(byteAt(text, h-3)) && run == 3
	s := h
	p := byteAt(text, h-1)
	if p == '+' || p == '(' {
		s = h - 1
		if p == '(' && (byteAt(text, h-2) == '+' || lone1) {
			s = h - 2
		} else if p == '(' && run == 3 && strings.HasSuffix(text[:h], "1 (") && !isAlnum(byteAt(text, h-4)) {
			s = h - 3
		}
	} else if lone1 && strings.IndexByte("-. ", p) >= 0 {
		// "1-415-555-0132": the trunk prefix, tried first.
		if refPhoneStart(t, h-2) {
			if e, groups, ok := refPhoneSpan(text, h-2, &groupBuf); ok && refPhoneOK(t, h-2, e, groups) {
				return h - 2, e
			}
		}
		if p != ' ' {
			return 0, 0
		}
	} else if !context && !(isDigit(byteAt(text, h+2)) && !isDigit(byteAt(text, h+3))) {
		return 0, 0
	}
	if !refPhoneStart(t, s) {
		return 0, 0
	}
	e, groups, ok := refPhoneSpan(text, s, &groupBuf)
	if !ok || !refPhoneOK(t, s, e, groups) {
		return 0, 0
	}
	return s, e
}

// refPhoneStart is phoneStart (with the phone word asked at once).
func refPhoneStart(t *Text, s int) bool {
	text := t.S
	p, p2 := byteAt(text, s-1), byteAt(text, s-2)
	if isAlnum(p) || p == '_' || p == '/' || p == '@' {
		return false
	}
	joined := isAlnum(p2) && strings.IndexByte("-.,:", p) >= 0
	if text[s] == '+' {
		return !joined || t.Near(phoneWords, s, 40)
	}
	if joined && p != ',' {
		return false
	}
	// Not the tail of digit groups joined by spaces.
	e := spanWhile(text, s, len(text), isDigit)
	return !(p == ' ' && isDigit(p2) && isDigit(byteAt(text, s-3)) && e > s &&
		byteAt(text, e) == ' ' && isDigit(byteAt(text, e+1)))
}

func TestPhoneMatchesReference(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	for range 3000 {
		checkPhoneReference(t, s, numberText(r))
	}
}

func FuzzPhoneMatchesReference(f *testing.F) {
	for _, seed := range []string{
		"+39 02 1234 5678", "(415) 555-0132", "+(44) 20 7946 0958", "tel. 02/1234567", "call (02) (12) 345",
		"numero 2024/00123", "2025-02-11", "1-800-555-0199x", "+1 (415)) 555 0132", "cell 0039 333 1234567 89",
		`href="tel:+44-7295-672556"`, "call 1-415-586-8205", "1 (415) 586-8205", "1.415.586.8205 x1(415)5",
		"card number 2448 6810 7795 9076", "Order number 1186409190", "telefono\nRossi,+39 333 1234567,366-9639381",
	} {
		f.Add(seed)
	}
	s := newTestScanner(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkPhoneReference(t, s, text)
	})
}

// checkPhoneReference compares the phone matcher with the reference at
// every digit of text.
func checkPhoneReference(t *testing.T, s *Scanner, text string) {
	st := s.pool.Get().(*scanState)
	defer s.put(st)
	s.prescan(st, text, true, true)
	st.text = Text{S: text, st: st, sc: s}
	tx := &st.text
	context := tx.Anywhere(phoneWords) || tx.Anywhere(phoneWeakWords)
	var sc phoneScan
	for h := range len(text) {
		if !isDigit(text[h]) {
			continue
		}
		sc.next = 0
		a, b := sc.at(tx, h)
		c, d := refPhoneAt(tx, h, context)
		if a != c || b != d {
			t.Fatalf("%q at %d: %d-%d, reference %d-%d", text, h, a, b, c, d)
		}
	}
}

// TestPhoneNearWord compares nearWord (all the words read at each number
// when few, cursors over sorted ones when many) with t.Near for each set,
// over texts of phone words, numbers and other words, numbers met in
// ascending order and then out of order.
func TestPhoneNearWord(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	words := []string{"tel ", "phone ", "xtel ", "numero ", "number: ", "contact ", "12 ", "345 ", "abc ", ". ", "\n", "cell\t"}
	fewAndMany := [2]int{}
	for range 2000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(words[r.IntN(len(words))])
		}
		text := b.String()
		st := s.pool.Get().(*scanState)
		s.prescan(st, text, true, true)
		st.text = Text{S: text, st: st, sc: s}
		tx := &st.text
		var sc phoneScan
		check := func(h int) {
			want := uint8(nearKnown)
			if tx.Near(phoneWords, h, 40) {
				want |= nearStrong
			} else if tx.Near(phoneWeakWords, h, 40) {
				want |= nearWeak
			}
			if got := sc.nearWord(tx, h); got != want {
				t.Fatalf("%q at %d: nearWord %b, want %b (few %v)", text, h, got, want, sc.words.few)
			}
		}
		for h := range len(text) + 1 {
			check(h)
		}
		for range 10 {
			check(r.IntN(len(text) + 1))
		}
		if sc.words.few {
			fewAndMany[0]++
		} else {
			fewAndMany[1]++
		}
		s.put(st)
	}
	if fewAndMany[0] < 100 || fewAndMany[1] < 100 {
		t.Fatalf("texts with few and with many phone words: %v, want 100 each or more", fewAndMany)
	}
}

// TestPhoneShapes covers where a phone number starts and which plans a
// number read after a weak word ("number", "numero") must fit: RFC 3966
// tel: URIs, NANP's trunk prefix 1, CSV fields, and no start inside a
// sequence of digit groups joined by spaces.
func TestPhoneShapes(t *testing.T) {
	s := newTestScanner(t)
	tests := []struct {
		name, text string
		wants      []want
	}{
		// RFC 3966: "tel:" then a global number.
		{"tel uri", `<a href="tel:+44-7295-672556">Call us</a>`, []want{{TypePhone, "+44-7295-672556"}}},
		{"tel uri it", `<a href="tel:+39010-2390616">Chiamaci</a>`, []want{{TypePhone, "+39010-2390616"}}},
		{"tel uri bare", "tel:+393334271558", []want{{TypePhone, "+393334271558"}}},
		{"sms uri", "sms:+393334271558", []want{{TypePhone, "+393334271558"}}},
		{"abbreviation", "Tel.+39 06 1234567", []want{{TypePhone, "+39 06 1234567"}}},
		{"plus after a colon, no phone word", "card:+122000000000003", nil},
		{"form-encoded space", "Home+and+Garden,+5:24,+20120323", nil},
		// NANP's trunk prefix.
		{"trunk dash", "Call me at 1-415-586-8205 tomorrow morning.", []want{{TypePhone, "1-415-586-8205"}}},
		{"trunk dot", "Call me at 1.415.586.8205", []want{{TypePhone, "1.415.586.8205"}}},
		{"trunk paren", "Call me at 1(415)586-8205", []want{{TypePhone, "1(415)586-8205"}}},
		{"trunk space paren", "Call me at 1 (415) 586-8205", []want{{TypePhone, "1 (415) 586-8205"}}},
		{"trunk spaces", "Call me at 1 415 586 8205", []want{{TypePhone, "1 415 586 8205"}}},
		{"trunk no word", `{"phone": "1-658-730-2390"}`, []want{{TypePhone, "1-658-730-2390"}}},
		{"trunk mixed separators", "x 1-415.586.8205", nil},
		{"not a lone 1", "x 21-415-586-8205", nil},
		{"list item", "1 415-555-0132", []want{{TypePhone, "1 415-555-0132"}}},
		// CSV fields.
		{"csv after a letter", "nome,telefono\nChiara Conti,366-9639381", []want{{TypePhone, "366-9639381"}}},
		// Digit groups joined by spaces: read from the first group.
		{"card groups", "Test card number 2448 6810 7795 9076 keeps failing", nil},
		{"card groups csv", "order_id,card_number,amount\nA-1335,4641 5852 6145 6931,89.90", nil},
		{"zip then phone", "Dalla's Pizza | 3843 Peartree Road, Bamblee, SD 20241 440-600-5124",
			[]want{{TypePhone, "440-600-5124"}}},
		// Plans after a weak word.
		{"no plan: leading 1", "Order number 1186409190 was refunded twice", nil},
		{"no plan: 12 digits", "account number 2448 6810 7795", nil},
		{"no plan: card-like", "Test card number 5018 0010 43500 keeps failing", nil},
		{"italian mobile", "Contattami al numero 339.195.5627 per la consegna.", []want{{TypePhone, "339.195.5627"}}},
		{"italian landline", "il mio numero è 06 12345678", []want{{TypePhone, "06 12345678"}}},
		{"italian toll-free", "numero verde 800 123 456", []want{{TypePhone, "800 123 456"}}},
		{"nanp bare", "my number is 4155550132", []want{{TypePhone, "4155550132"}}},
		{"nanp trunk bare", "My CN number is 13812345678", []want{{TypePhone, "13812345678"}}},
		{"strong word keeps a foreign plan", "phone 2448 6810 7795", []want{{TypePhone, "2448 6810 7795"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}
