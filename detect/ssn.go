package detect

// usSSN finds US Social Security numbers: AAA-GG-SSSS with one kind of
// separator (dash, space or dot), or nine bare digits next to the words
// "SSN"/"social security". The area is never 000, 666 or 900–999, the group
// never 00, the serial never 0000 (SSA rules), and numbers the SSA voided
// after they appeared in advertising are not findings.
type usSSN struct{}

var _ Detector = usSSN{}

func (usSSN) Type() string { return TypeUSSSN }

func (usSSN) Keywords() []string { return []string{DigitRuns} }

var ssnContext = NewWordSet("ssn", "social security", "soc. sec", "soc sec", "taxpayer")

func (usSSN) ContextWords() []*WordSet { return []*WordSet{ssnContext} }

func (usSSN) Find(t *Text) {
	text, hits, emit := t.S, t.Hits, t.Emit
	var d [9]byte
	for _, h := range hits {
		if !numberStart(text, h) || byteAt(text, h-1) == '-' && isAlnum(byteAt(text, h-2)) {
			continue
		}
		e := spanWhile(text, h, 10, isDigit)
		var end int
		switch e - h {
		case 9:
			if !t.Near(ssnContext, h, 40) {
				continue
			}
			copy(d[:], text[h:e])
			end = e
		case 3:
			sep := byteAt(text, e)
			if sep != '-' && sep != ' ' && sep != '.' {
				continue
			}
			g := spanWhile(text, e+1, 3, isDigit)
			if g-e-1 != 2 || byteAt(text, g) != sep {
				continue
			}
			s := spanWhile(text, g+1, 5, isDigit)
			if s-g-1 != 4 {
				continue
			}
			copy(d[:3], text[h:e])
			copy(d[3:5], text[e+1:g])
			copy(d[5:], text[g+1:s])
			end = s
		default:
			continue
		}
		// Not part of a longer code: no alphanumeric or "-digit" after it.
		if n := byteAt(text, end); isAlnum(n) || (n == '-' || n == '.') && isDigit(byteAt(text, end+1)) {
			continue
		}
		if ssnValid(string(d[:])) {
			emit(h, end)
		}
	}
}

// ssnValid applies the SSA's structural rules to nine digits.
func ssnValid(d string) bool {
	if len(d) != 9 {
		return false
	}
	for i := 0; i < 9; i++ {
		if !isDigit(d[i]) {
			return false
		}
	}
	area, group, serial := d[:3], d[3:5], d[5:]
	if area == "000" || area == "666" || area[0] == '9' || group == "00" || serial == "0000" {
		return false
	}
	switch d {
	case "078051120", "219099999", "123456789":
		return false // voided: published in advertising and samples
	}
	return distinct(d) > 1
}
