package detect

// phoneHL7 finds the telephone numbers of HL7 v2's XTN fields (PID-13 and
// PID-14, NK1-5, …): "^PRN^PH^^39^02^87364410" gives the use code (PRN,
// ORN, WPN, …), the equipment type, an e-mail component, then the country
// code, the area code and the local number, each its own component — the
// number the three make, "39^02^87364410", is the field's phone; and a
// number written whole before the use code ("0521-771114^PRN^CP", the
// type's first, older component) is one too. The use code is the context
// no phone word gives there; where there is none, the field's position
// is (PID-13, PID-14, NK1-5, NK1-6: hl7SegmentPhones).
type phoneHL7 struct{}

var _ Detector = phoneHL7{}

func (phoneHL7) Type() string { return TypePhone }

// The use codes of HL7's table 0201 that hold a phone number most often:
// primary and other residence, work (not NET, the e-mail address's; the
// rarer ones, VHN, ASN, EMR, BPN, are left out: each keyword the byte
// pass looks for costs all text); and the segments whose fields hold the
// phones without a use code (hl7PhoneFields).
func (phoneHL7) Keywords() []string {
	return []string{"^prn^", "^orn^", "^wpn^", "pid|", "nk1|"}
}

// hl7PhoneFields returns the phone fields of the segment whose name (of
// the keywords) starts at h, read by position, their number written whole
// as the field's first component: PID-13 and PID-14 (home, business),
// NK1-5 and NK1-6 (the next of kin's).
func hl7PhoneFields(text string, h int) [2]int {
	if lower(text[h]) == 'p' {
		return [2]int{13, 14}
	}
	return [2]int{5, 6}
}

func (phoneHL7) Find(t *Text) {
	text := t.S
	next := 0
	for _, h := range t.Hits {
		if h < next {
			continue
		}
		if text[h] != '^' {
			hl7SegmentPhones(t, h) // (its fields' use codes are hits of their own)
			continue
		}
		if !isUpper(text[h+1]) {
			continue // use codes are capitals
		}
		// The first component, before the use code: a number written whole.
		if s := hl7ComponentStart(text, h); s < h && phoneDigits(text[s:h]) {
			t.Emit(s, h)
		}
		// The equipment type, the e-mail, then country^area^local.
		i := h + 5
		c := 0
		for ; i < len(text) && c < 2; i++ {
			switch text[i] {
			case '^':
				c++
			case '|', '~', '\n', '\r':
				c = 3
			}
		}
		if c != 2 {
			continue
		}
		s, e := i, i
		parts, national := 0, 0
		for parts < 3 {
			d := spanClass(text, e, 8, cDigit)
			if parts < 2 && byteAt(text, d) != '^' || d == e && parts == 2 {
				break
			}
			if parts > 0 {
				national += d - e // the area code's and the local number's digits
			}
			e, parts = d, parts+1
			if parts < 3 {
				e++ // past the '^'
			}
		}
		if parts == 3 && national >= 7 && !isAlnum(byteAt(text, e)) {
			if text[s] == '^' {
				s++ // no country code: area^local
			}
			t.Emit(s, e)
			next = e
		}
	}
}

// hl7SegmentPhones emits the numbers written whole in the phone fields
// (hl7PhoneFields) of the segment whose name starts at h, a line's start
// in capitals ("NK1|1|ROSSI^ANNA|SPO||334 6518489"): each field's first
// repetition, if it is phone digits and no more. (A field's use code,
// ^PRN^…, is read by its own keyword.)
func hl7SegmentPhones(t *Text, h int) {
	text := t.S
	if h > 0 && text[h-1] != '\n' && text[h-1] != '\r' || !isUpper(text[h]) {
		return
	}
	fields := hl7PhoneFields(text, h)
	i, f := h+4, 1 // the field that starts at i
	for i <= len(text) && f <= fields[1] {
		e := i
		for e < len(text) && text[e] != '|' && text[e] != '\n' && text[e] != '\r' {
			e++
		}
		if f == fields[0] || f == fields[1] {
			c := i
			for c < e && text[c] != '^' && text[c] != '~' {
				c++
			}
			// (A first component before other ones, "0521-771114^PRN^CP",
			// the use code's reader emits.)
			if c > i && (c == e || text[c] == '~') && phoneDigits(text[i:c]) {
				t.Emit(i, c)
			}
		}
		if e == len(text) || text[e] != '|' {
			return
		}
		i, f = e+1, f+1
	}
}

// hl7ComponentStart returns where the component that ends at h starts:
// after the '|', '~' or '^' before it (64 bytes back at most).
func hl7ComponentStart(text string, h int) int {
	s := h
	for s > 0 && h-s < 64 {
		if c := text[s-1]; c == '|' || c == '~' || c == '^' || c == '\n' {
			break
		}
		s--
	}
	return s
}

// phoneDigits reports whether v is a number written whole with phone
// punctuation ("+39 070 6522 034", "0521-771114", "617.924.6259"): 7 to
// 15 digits, a '+' or '(' first at most.
func phoneDigits(v string) bool {
	n := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isDigit(c):
			n++
		case c == '+' || c == '(':
			if i > 0 && v[i-1] != ' ' && c == '+' {
				return false
			}
		case c == ' ' || c == '-' || c == '.' || c == ')' || c == '/':
		default:
			return false
		}
	}
	return n >= 7 && n <= 15 && isDigit(v[len(v)-1])
}
