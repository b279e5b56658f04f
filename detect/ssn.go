package detect

import "slices"

// usSSN finds US Social Security numbers: AAA-GG-SSSS with one kind of
// separator (dash, space or dot), or nine bare digits next to the words
// "SSN"/"social security" or in a table column they head. The area is
// never 000, 666 or 900–999, the group never 00, the serial never 0000
// (SSA rules), and numbers the SSA voided after they appeared in
// advertising are not findings.
type usSSN struct{}

var _ Detector = usSSN{}

func (usSSN) Type() string { return TypeUSSSN }

func (usSSN) Keywords() []string { return []string{DigitRuns} }

// ssnContext names a Social Security number: whole words, in
// identifiers too (ssnValue, userSSN).
var ssnContext = NewWordSet("ssn{,s}", "social security", "soc. sec", "soc sec", "taxpayer{,s}").camelCase()

func (usSSN) ContextWords() []*WordSet { return []*WordSet{ssnContext} }

func (usSSN) Find(t *Text) {
	var tab tableSeen
	for _, h := range t.Hits {
		if !numberStart(t.S, h) {
			continue
		}
		if end, ok := ssnAt(t, h, digitsEnd(t.S, h), &tab); ok {
			t.Emit(h, end)
		}
	}
}

// ssnOtherNumbers names the numbers people write in an SSN's ddd-dd-dddd
// shape that are none: part, order, ticket numbers, serials ("part no.
// 345-81-8868", "order 345-81-8868"), a mobile network's identifiers (a
// location area's LAI 222-01-8276). Not phone's otherNumbers: a tax ID,
// a routing or employee field may hold an SSN.
var ssnOtherNumbers = newWordList(`
	part parts order orders ordine invoice fattura ticket ref rif sku serial model item articolo art cod
	codice tracking booking pnr account conto policy polizza claim sinistro case pratica patient lot lotto
	batch ean isbn upc version build release matricola protocollo phone tel fax pin otp cvv zip cap
	lai lac tac cgi eci ecgi imsi imei iccid`)

// otherKindLabel reports whether the label right before a number,
// numberLabel's word w starting at p, names another kind of number
// (ssnOtherNumbers): its word, or the noun before an abbreviation of
// "number" (part no., order nr., art. n.).
func otherKindLabel(text, w string, p int) bool {
	if equalFold(w, "account") {
		// Social Security Account Number: the SSN's own name.
		if s, _ := lettersBefore(text, p, labelPunct); equalFold(s, "security") {
			return false
		}
	}
	return ssnOtherNumbers.has(w)
}

// labelPunct is what stands between a label's word and its value: spaces
// and ": ", ". ", " #", '-', '_'.
const labelPunct = " \t.:#-_"

// numberAbbrevs are the words for "number" after a noun (part no.).
var numberAbbrevs = newWordList(`no nr n num number numero`)

// numberLabel returns the word of the label right before the number at h
// and where it starts: the word before the number, or, where that word is
// one for "number" (abbrev), the noun before it (part no., order nr.).
func numberLabel(text string, h int) (w string, p int, abbrev bool) {
	w, p = lettersBefore(text, h, labelPunct)
	if numberAbbrevs.has(w) {
		w, p = lettersBefore(text, p, labelPunct)
		return w, p, true
	}
	return w, p, false
}

// ssnAt matches an SSN whose first digits are text[h:e] (h starts a
// number) and returns its end; tab is the table an SSN column was looked
// for in last (ssnColumn).
func ssnAt(t *Text, h, e int, tab *tableSeen) (int, bool) {
	text := t.S
	if byteAt(text, h-1) == '-' && isAlnum(byteAt(text, h-2)) {
		return 0, false
	}
	var d [9]byte
	var end int
	switch e - h {
	case 9:
		copy(d[:], text[h:e])
		end = e
	case 3:
		sep := byteAt(text, e)
		if sep != '-' && sep != ' ' && sep != '.' {
			return 0, false
		}
		g := spanWhile(text, e+1, 3, isDigit)
		if g-e-1 != 2 || byteAt(text, g) != sep {
			return 0, false
		}
		s := spanWhile(text, g+1, 5, isDigit)
		if s-g-1 != 4 {
			return 0, false
		}
		copy(d[:3], text[h:e])
		copy(d[3:5], text[e+1:g])
		copy(d[5:], text[g+1:s])
		end = s
	default:
		return 0, false
	}
	// Not part of a longer code: no alphanumeric or "-digit" after it.
	if n := byteAt(text, end); isAlnum(n) || (n == '-' || n == '.') && isDigit(byteAt(text, end+1)) {
		return 0, false
	}
	if !ssnValid(string(d[:])) {
		return 0, false
	}
	// Nine bare digits are an SSN only next to the words, and only where
	// they are the nearest label before them; the dashed form by its
	// shape. Either is none when its own label names another kind of
	// number (SSN 206-57-5503, order 720987278).
	w, p, _ := numberLabel(text, h)
	if otherKindLabel(text, w, p) {
		return 0, false
	}
	return end, e-h == 3 || ssnLabelled(t, h) || ssnColumn(t, h, tab) || shortSSNLabel(text, w, p)
}

// shortSSNLabel reports whether the label right before a number,
// numberLabel's word w starting at p, is one of the SSN's short names,
// which no keyword finds: "SS#", "SS No.", "Social:", "(his social is …"
// (and the word before "is").
func shortSSNLabel(text, w string, p int) bool {
	if equalFold(w, "is") {
		w, _ = lettersBefore(text, p, " ")
		return equalFold(w, "social")
	}
	return equalFold(w, "ss") || equalFold(w, "social")
}

// ssnColumn reports whether the nine digits at h start a cell of a table
// column headed by an SSN word ("First name,Last name,Phone,SSN,Company"):
// the header names every row's value, however far above it stands. tab is
// the table found last in the text (numbers come in ascending order: a
// tall table's header is looked for once, not at each row).
func ssnColumn(t *Text, h int, tab *tableSeen) bool {
	if !t.stemsFound(ssnContext) {
		return false
	}
	w, _, _ := tab.headerWord(t.S, h, func(c, ce int) uint8 {
		if t.Near(ssnContext, ce, ce-c) {
			return 1
		}
		return 0
	})
	return w != 0
}

// ssnLabelled reports whether an SSN word (whole) starts within the 40 bytes
// before h (as t.Near(ssnContext, h, 40)) and no label of another
// nine-digit number stands between the last one and h: in "SSN:
// ***-**-5051 Routing: 084587653" the digits are the routing number
// (ABA routing numbers have nine digits too).
func ssnLabelled(t *Text, h int) bool {
	var last int
	if pos := t.setHits(ssnContext); len(pos) <= fewWords {
		last = ssnContext.lastIn(t.S, pos, h-40, h)
	} else {
		// Many (an HR table): sorted, from the window's start.
		pos = t.wordHits(ssnContext)
		i, _ := slices.BinarySearch(pos, h-40)
		last = ssnContext.lastBefore(t.S, pos[i:], h)
	}
	return last >= 0 && !otherNumberLabel(t.S[last:h])
}

// otherNumberLabel reports whether a word of s (from its second word: the
// first is the SSN word) names another kind of nine-digit number: a bank
// routing number (routing, ABA, RTN), an account (account, acct, IBAN,
// conto). Whole words, in any case; "account" after "security" is the
// SSN's own name (Social Security account number).
func otherNumberLabel(s string) bool {
	security := false // the word before was "security"
	for i := 1; i < len(s); i++ {
		if !isAlpha(s[i]) || isAlpha(s[i-1]) {
			continue
		}
		j := i
		for j < len(s) && isAlpha(s[j]) {
			j++
		}
		after := security
		security = false
		if j-i >= 3 && j-i <= 8 {
			var buf [8]byte
			for k := i; k < j; k++ {
				buf[k-i] = lower(s[k])
			}
			switch string(buf[:j-i]) {
			case "routing", "aba", "rtn", "acct", "iban", "conto":
				return true
			case "account", "accounts":
				if !after {
					return true
				}
			case "security":
				security = true
			}
		}
		i = j
	}
	return false
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
	return !fewDistinct(d, 2)
}
