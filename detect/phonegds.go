package detect

import "strings"

// phoneGDS finds the telephone numbers of airline reservations (PNRs), as
// a GDS writes them, where the element, not a phone word, says what the
// number is:
//   - IATA's contact SSR, "SSR CTCM AZ HK1 393471234567/P1": the
//     passenger's mobile in E.164 digits (no '+'), after the airline and
//     the status code;
//   - Sabre's PHONES heading, its numbered lines a city code glued to the
//     number and a type after a dash: "  1.MIL393471234567-M",
//     "  2.ROM06 12345678-A".
//
// (Amadeus's "AP ROM 06 …" and "APM 0039…/P1" go unread: "ap " and "apm"
// are keywords the byte pass cannot afford, their bytes common in prose.)
type phoneGDS struct{}

var _ Detector = phoneGDS{}

func (phoneGDS) Type() string { return TypePhone }

func (phoneGDS) Keywords() []string { return []string{"ssr ctcm", "phones"} }

func (phoneGDS) Find(t *Text) {
	text := t.S
	next := 0
	for _, h := range t.Hits {
		if h < next || h > 0 && isAlnum(text[h-1]) {
			continue
		}
		switch lower(text[h]) {
		case 's':
			// SSR CTCM: the airline and the status code, then the number.
			i := h + len("ssr ctcm")
			for range 2 {
				if j := skipSpaces(text, i); j > i && isAlnum(byteAt(text, j)) {
					i = spanClass(text, j, 4, cAlnum)
				} else {
					i = -1
					break
				}
			}
			if i < 0 || byteAt(text, i) != ' ' {
				continue
			}
			next = max(next, gdsNumber(t, skipSpaces(text, i), "/ \r\n"))
		case 'p':
			next = max(next, sabrePhones(t, h))
		}
	}
}

// gdsNumber emits the phone number at i, which ends at a byte of ends (or
// the text's end): a '+' maybe, then 7 to 15 digits with phone
// punctuation (phoneDigits). It returns the number's end, or i if none.
func gdsNumber(t *Text, i int, ends string) int {
	text := t.S
	e := i
	for e < len(text) && e-i < 24 && strings.IndexByte(ends, text[e]) < 0 {
		e++
	}
	if e == i || e < len(text) && strings.IndexByte(ends, text[e]) < 0 {
		return i
	}
	e = i + len(strings.TrimRight(text[i:e], " "))
	if e == i || !phoneDigits(text[i:e]) || text[i] == '(' {
		return i
	}
	t.Emit(i, e)
	return e
}

// sabrePhones reads the numbered lines under Sabre's PHONES heading at h,
// in capitals ("  1.MIL393471234567-M"): the number after the three
// letters of the city code, before the dash and the letter of its type
// (Mobile, Agency, Home, Business). It returns where it stopped.
func sabrePhones(t *Text, h int) int {
	text := t.S
	if !isUpper(text[h]) {
		return h + len("phones")
	}
	return sabreItems(text, h, len("phones"), 64, func(k, le int, whole bool) bool {
		if !whole {
			return true
		}
		line := strings.TrimRight(text[k+1:le], " \r")
		if len(line) > 6 && spanClass(line, 0, 3, cUpper) == 3 && line[len(line)-2] == '-' && isUpper(line[len(line)-1]) {
			if v := line[3 : len(line)-2]; phoneDigits(v) && isDigit(v[0]) {
				t.Emit(k+4, k+4+len(v))
			}
		}
		return true
	})
}
