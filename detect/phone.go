package detect

import "strings"

// phone finds telephone numbers: international numbers written with "+"
// and 8–15 digits (E.164; the country code may stand in parentheses,
// "(+39) 02 8736 4410"), North American numbers in their usual punctuation
// ((415) 555-0132, 415-555-0132), and other numbers of 7–15 digits when a
// word about phones (EN/IT: a whole word or its inflection, phoneWords)
// precedes them, with no other field's label between (phonelabel.go), or
// heads their table column (phonetable.go). Dates (also followed by a time), and numbers inside
// longer codes, are not phone numbers.
type phone struct{}

var _ Detector = phone{}

func (phone) Type() string { return TypePhone }

func (phone) Keywords() []string { return []string{DigitRuns} }

// phoneWords name a phone; phoneWeakWords only a number, which may be any
// reference, so they count for phone-shaped numbers only. Whole words and
// their inflections (EN/IT; the same word in the languages near them), not
// every word that starts with their letters ("tel" is a phone word;
// Telegram, telemetry, Telecom, Telepass are not), nor a name in an e-mail
// address or a host name (p.neri@telefonica.es, www.telefono.it).
// Identifiers are one word here (cellValue, callBack are no phone words).
var (
	phoneWords = NewWordSet(
		// English
		"tel", "telf", "telephone{,s,d}", "telephoning", "phone{,s,d}", "cellphone{,s}",
		"mobile{,s}", "cell", "cellular", "call{,s,ed,ing}", "fax{,es}", "whatsapp", "sms",
		"dial{,led,ed,ling,ing}", "reach me", "reach us", "reached on", "reached at", "reach the office", "reachable",
		"caller at", "caller on", "mob.", "mob:", "pager{,s}",
		// as identifiers and directory attributes write them (LDIF's
		// telephoneNumber, homePhone; phoneNumber, mobileNumber)
		"telephonenumber{,s}", "phonenumber{,s}", "homephone", "workphone", "officephone",
		"mobilephone", "mobilenumber", "faxnumber",
		// Italian
		"telefon{o,i,are,ami,ateci,ico,ica,ici,iche,ino,iamo}", "telefno", "telfono", "cellular{e,i}", "cel.",
		"chiama{,mi,ci,re,rmi,rla,rlo,ta,te,temi,teci}", "richiama{,mi,ci,re,rmi,rla,rlo,te,temi,teci}",
		"richiami al", "richiami allo", "telefonat{a,e}",
		"chiamiamo", "richiamiamo", // "lo richiamiamo domani al …"
		"chiamer{à,ò,ai,anno,emo}", "richiamer{à,ò,ai,anno,emo}", "reperibil{e,i}", "caller id", "callerid",
		"chiamat{o,i}", "centralino", "chiamo al", "chiamo allo", // not "mi chiamo Giulia" (my name is)
		"chiami", "trovate al", "toll-free",
		"voicemail{,s}",
		"recapit{o,i}", "squill{o,a,ami,are}",
		// the same word in the languages near them (German, Spanish,
		// Portuguese, French, Dutch, Danish and Norwegian, Polish)
		"telefon{,nummer,e,es}", "telefax", "teléfono{,s}", "handy{,nummer}", "mobil{,nummer,telefon}",
		"tél", "tél.", "téléphone{,s}", "portable{,s}", "telefoon{,nummer}", "mobiel", "tlf", "tlf.", "móvil", "movil",
		"telemóvel", "telemovel", "komórka", "direct line", "direct dial", "rappel{er,ez}", "appel{er,ez}", "anrufen", "rufen",
		"llámame", "llámeme", "llamar",
		"rufnummer{,n}", "durchwahl", "erreichbar", "ligne directe", "telefónic{o,a}", "telem.", "bellen op",
	).outsideAddresses()
	phoneWeakWords = NewWordSet(
		"number{,s}", "numero", "num.", "contact{,s}",
		"contatt{o,i,are,ami,aci,armi,ateci,ato,ata,ati,ate}", "ricontatt{are,ami,aci,ato,ata,ati,ate}", "fisso",
		"vocale", "numéro{,s}", "nummer", "fijo",
	).outsideAddresses()
)

func (phone) ContextWords() []*WordSet { return []*WordSet{phoneWords, phoneWeakWords} }

func (phone) Find(t *Text) {
	var sc phoneScan
	for _, h := range t.Hits {
		if s, e := sc.at(t, h); e > s {
			t.Emit(s, e)
		}
	}
	if !sc.hasContext(t) {
		phonesAfterAddresses(t, t.det)
	}
}

// phonesAfterAddresses finds, in a text without a phone word (where
// national numbers are not looked for), the numbers given right after an
// e-mail address (addressBefore): at each '@' the e-mail detector's
// keyword pass found, the first run of digits within addressReach bytes,
// past the domain, is read as a number with context. det is the detector
// the findings are emitted as.
func phonesAfterAddresses(t *Text, det int) {
	ats := t.addressHitList()
	if len(ats) == 0 {
		return
	}
	text := t.S
	sc := phoneScan{asked: true, context: true, addrs: true}
	for _, a := range ats {
		// Past the domain (its digits, mail2.acme.it, are no number),
		// then to the first digit.
		i := skipSpaces(text, spanClass(text, a+1, 253, cWordDashDot))
		if c := byteAt(text, i); !isDigit(c) && strings.IndexByte(",;/|)]>\"'oOaAeE\r\n", c) < 0 {
			continue // most addresses: a word
		}
		end := min(len(text), i+addressReach)
		for nl := false; i < end && !isDigit(text[i]) && (text[i] != '\n' || !nl); i++ {
			nl = nl || text[i] == '\n' // the number may start the next line
		}
		if i == end || !isDigit(text[i]) || i < sc.next || isDigit(byteAt(text, i-1)) || !addressBefore(text, i) {
			continue
		}
		// A number that cannot be one after an address (a card's 16
		// digits in a CSV row of contacts) is not looked at whole.
		var groupBuf [16]int
		if sh, ok := phoneSpan(text, i, &groupBuf); !ok || !weakWordNumber(text[i:sh.end], sh.digits, &sh) {
			continue
		}
		if s, e := sc.atRun(t, i, digitsEnd(text, i)); e > s {
			t.emitAs(det, s, e)
		}
	}
}

// addressReach bounds how far after an address's domain its number is
// looked for: the connectors addressBefore takes, and spaces.
const addressReach = 16

// phoneScan is the phone detector's progress through a text's hits.
type phoneScan struct {
	next    int  // the end of the last number
	asked   bool // context (and addrs) have been computed
	context bool // a phone word occurs in the text
	addrs   bool // an address may (an '@': addressBefore is asked)
	asks    int8 // the text holds a '?' (askedBefore may answer): 1, none: -1, not yet asked: 0
	words   wordCursors
	table   tableSeen
}

// wordBefore is nearWord, or, where no phone word is near, the phone
// word that heads the table column the number at at starts a cell of
// (columnWord); none (nearKnown|nearOther: not even an address before it
// counts) where that column's header names another kind of number,
// whatever word is near.
func (sc *phoneScan) wordBefore(t *Text, at int) uint8 {
	near := sc.nearWord(t, at)
	col := sc.columnWord(t, at)
	switch {
	case col == nearOther:
		return nearKnown | nearOther // its column is another kind of number's ("phone,imei")
	case near == nearKnown:
		near |= col
	}
	if near == nearKnown && signatureLabel(t.S, at) {
		near |= nearStrong // "T 020 8745 9776"
	}
	if near == nearKnown && callerLabel(t.S, at) {
		near |= nearStrong // "caller 06 65957502"
	}
	if near == nearKnown && nameBefore(t.S, at) {
		near |= nearWeak // "Tommaso Coppola - 01 75 33 37 79"
	}
	if near == nearKnown && len(sc.words.strong) > 0 && sc.mayAsk(t.S) && askedBefore(t.S, sc.words.strong, at) {
		near |= nearStrong
	}
	return near
}

// mayAsk reports whether text holds a '?', which askedBefore needs (once a
// text: most numbers with no word near are in texts that ask nothing).
func (sc *phoneScan) mayAsk(text string) bool {
	if sc.asks == 0 {
		sc.asks = -1
		if strings.IndexByte(text, '?') >= 0 {
			sc.asks = 1
		}
	}
	return sc.asks > 0
}

// askedBefore reports whether the number at at answers a question about a
// phone on the line before, as a chat or a call's transcript has it ("Mi
// conferma codice fiscale e cellulare?\n[10:21] Ethan: KVN… e 339 667
// 6018"): that line, ending in '?', holds a phone word (strong: stems
// where the keyword pass found them), and the number is at most 64 bytes
// into its own line. (Asked of numbers with no word near.)
func askedBefore(text string, strong []int, at int) bool {
	lo := max(0, at-64)
	nl := strings.LastIndexByte(text[lo:at], '\n')
	if nl < 0 {
		return false
	}
	q := lo + nl
	for q > 0 && (text[q-1] == ' ' || text[q-1] == '\t' || text[q-1] == '\r') {
		q--
	}
	if byteAt(text, q-1) != '?' {
		return false
	}
	ls := max(0, q-160)
	ls += strings.LastIndexByte(text[ls:q], '\n') + 1
	return phoneWords.lastIn(text, strong, ls, q) >= 0
}

// nearWord reports which phone words start within the 40 bytes before
// at: nearKnown with nearStrong, else nearWeak, else neither (as t.Near
// for each set). at should not decrease from call to call (the cursors
// then start again: phoneOK asks at a number's '(' before the run the
// scan asked at).
func (sc *phoneScan) nearWord(t *Text, at int) uint8 {
	if !sc.words.ready {
		sc.words = wordCursors{ready: true, strong: t.setHits(phoneWords), weak: t.setHits(phoneWeakWords)}
		if len(sc.words.strong)+len(sc.words.weak) > fewWords {
			// Many: sorted (wordHits), for the cursors.
			sc.words.strong, sc.words.weak = t.wordHits(phoneWords), t.wordHits(phoneWeakWords)
		} else {
			sc.words.few = true
		}
	}
	return sc.words.near(t.S, at)
}

// What nearWord found before a number, for phoneOK: nearKnown and then
// nearStrong (a strong word; the weak ones not looked for) or nearWeak
// (a weak word, no strong one), or neither.
const (
	nearKnown = 1 << iota
	nearStrong
	nearWeak
	nearOther // (columnWord's only) the column's header names another kind of number
)

// wordCursors find the phone words (strong and weak) that phoneOK's Near
// looks for, for numbers met in ascending order.
type wordCursors struct {
	ready        bool
	few          bool  // strong and weak hold fewWords at most, in any order: read whole
	strong, weak []int // where the words' stems occur, ascending unless few
	i, j         int   // the first of each at or after the last window's start
	last         int
}

// near reports whether a phone word of either kind starts within the 40
// bytes before at (as t.Near(…, at, 40) for both sets) and names the
// number at at: the last such word of the kind, with no other field's
// label between it and at (otherFieldLabel) nor its own number given on
// its line before a line break (numberGiven), and a weak word not
// qualified as another kind of number (weakWordNamesPhone); none when the
// word right before the number names another kind (numberKindBefore).
// nearKnown with nearStrong, else nearWeak, else neither.
func (c *wordCursors) near(text string, at int) uint8 {
	if c.few {
		if p := phoneWords.lastIn(text, c.strong, at-40, at); p >= 0 && !otherFieldLabel(text, p, at) && !numberGiven(text, p, at) &&
			!cellInProse(text, p, at) {
			return c.unlessKind(text, at, nearKnown|nearStrong)
		}
		if p := phoneWeakWords.lastIn(text, c.weak, at-40, at); p >= 0 && !otherFieldLabel(text, p, at) && !numberGiven(text, p, at) &&
			weakWordNamesPhone(text, p) {
			return c.unlessKind(text, at, nearKnown|nearWeak)
		}
		return nearKnown
	}
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
	if p := phoneWords.lastBefore(text, c.strong[c.i:], at); p >= 0 && !otherFieldLabel(text, p, at) && !numberGiven(text, p, at) &&
		!cellInProse(text, p, at) {
		return c.unlessKind(text, at, nearKnown|nearStrong)
	}
	if p := phoneWeakWords.lastBefore(text, c.weak[c.j:], at); p >= 0 && !otherFieldLabel(text, p, at) && !numberGiven(text, p, at) &&
		weakWordNamesPhone(text, p) {
		return c.unlessKind(text, at, nearKnown|nearWeak)
	}
	return nearKnown
}

// numberGiven reports whether the phone word at p named its own number
// already: the word's line, ending before at, holds seven digits or more
// ("Mobil: +41 44 794 66 45\nOrder PO 4573332581": the order number is
// no phone; "phone:\n  office: 02 …" gives none on the word's line), and
// the number's line has words before it (not a list's next number).
func numberGiven(text string, p, at int) bool {
	nl := strings.IndexByte(text[p:at], '\n')
	if nl < 0 {
		return false
	}
	// A list's next line, indented under the label's number ("Telefoni:
	// 02 1234567\n          339 1234567"), is still the label's.
	ls := p + strings.LastIndexByte(text[p:at], '\n') + 1
	if strings.IndexFunc(text[ls:at], func(r rune) bool { return r < 128 && isAlpha(byte(r)) }) < 0 {
		return false
	}
	d := 0
	for i := p; i < p+nl; i++ {
		d += int(charClass[text[i]] & cDigit)
	}
	return d >= 7
}

// unlessKind is near: nearKnown alone if the word right before the number
// at at names another kind of number (numberKindBefore), else near. (Asked
// only once a phone word was found: most numbers have none.)
func (c *wordCursors) unlessKind(text string, at int, near uint8) uint8 {
	if numberKindBefore(text, at) {
		return nearKnown
	}
	return near
}

// hasContext reports whether a phone word's stem occurs in the text (once
// a text: nearWord reads the words themselves).
func (sc *phoneScan) hasContext(t *Text) bool {
	if !sc.asked {
		sc.asked = true
		sc.context = t.stemsFound(phoneWords) || t.stemsFound(phoneWeakWords)
		sc.addrs = len(t.addressHitList()) > 0
	}
	return sc.context
}

// at examines hit h (hits come in ascending order) and returns the span of
// the phone number starting there, empty if none.
func (sc *phoneScan) at(t *Text, h int) (int, int) {
	if h < sc.next {
		return 0, 0
	}
	return sc.atRun(t, h, digitsEnd(t.S, h))
}

// atRun is at for a hit h at or after sc.next whose digits end at e (the
// number scan knows e: not read again).
func (sc *phoneScan) atRun(t *Text, h, e int) (int, int) {
	text := t.S
	s := h
	p := byteAt(text, h-1)
	if p == '+' || p == '(' {
		s = h - 1
		if p == '+' && byteAt(text, h-2) == '(' && byteAt(text, e) == ')' && e-h <= 3 {
			s = h - 2 // the country code in parentheses: "(+39) 02 8736 4410"
		}
		if p == '(' {
			switch q := byteAt(text, h-2); {
			case q == '+':
				s = h - 2 // "+(44) …"
			case e-h != 3:
			case q == '1' && !isAlnum(byteAt(text, h-3)):
				s = h - 2 // NANP's trunk prefix: "1(415)586-8205"
			case q == ' ' && byteAt(text, h-3) == '1' && !isAlnum(byteAt(text, h-4)):
				s = h - 3 // "1 (415) 586-8205"
			}
		}
	} else if e-h == 3 && byteAt(text, h-2) == '1' && (p == '-' || p == '.' || p == ' ') && !isAlnum(byteAt(text, h-3)) {
		// "1-415-586-8205", "1 415 586 8205": NANP's trunk prefix, a lone
		// 1 and a separator before the area code (nanp decides). Where
		// it is not one, the number is read from the area code, unless
		// the separator joins it to the 1 (phoneStart).
		if phoneStart(text, h-2, h-1) == startYes {
			if a, b := sc.fromTrunk(t, h-2); b > a {
				return a, b
			}
		}
		if p != ' ' {
			return 0, 0
		}
	} else if !(isDigit(byteAt(text, h+2)) && !isDigit(byteAt(text, h+3))) {
		// Not 3 digits: no NANP area code. Without a phone word anywhere
		// (the stems found: nearWord reads the words), only "+…", "00…"
		// and North American shapes can be phone numbers.
		if !sc.hasContext(t) && !intlPrefix(text[h:min(len(text), h+3)]) && !signatureLabel(text, h) && !nameBefore(text, h) {
			return 0, 0
		}
	}
	// phoneStart, called where the byte before s is not one it always
	// accepts (a space or other punctuation after a byte that is not a
	// digit: most numbers).
	if q := byteAt(text, s-1); !plainBefore[q] || isDigit(byteAt(text, s-2)) {
		se := e // the end of the digits from s
		if s != h {
			se = s // from a '+', a '(' or a trunk prefix: phoneStart's test of groups does not apply
		}
		switch phoneStart(text, s, se) {
		case startNo:
			return 0, 0
		case startWord:
			if sc.wordBefore(t, s)&nearStrong == 0 {
				return 0, 0
			}
		}
	}
	// Not "+…", and a first group other than a North American area code:
	// only a phone word close before (or heading its table column), or
	// an address right before, makes it a phone number (phoneOK), so look
	// for one before reading the number.
	// phoneOK asks the same of the words before s = h: what was found
	// is passed on, not looked up again.
	near := uint8(0)
	if s == h && isDigit(byteAt(text, h)) && e-h != 3 {
		if near = sc.wordBefore(t, h); near == nearKnown|nearOther ||
			near == nearKnown && !(sc.addrs && addressBefore(text, h)) && !(intlPrefix(text[h:e]) && !labelledOther(text, h)) {
			return 0, 0
		}
	}
	var groupBuf [16]int
	sh, ok := phoneSpan(text, s, &groupBuf)
	if ok && sh.parens != 0 && s == h-1 && p == '(' {
		// "(3939838414)", "(0039 372 8925582)": a number in parentheses
		// of its own, not an area code's: read from its first digit —
		// unless its label before the parenthesis names another kind
		// (fattura (3312345678)).
		if numberKindBefore(text, h-1) {
			return 0, 0
		}
		s, near = h, 0
		sh, ok = phoneSpan(text, s, &groupBuf)
	}
	if !ok || !phoneOK(t, sc, s, &sh, near) {
		return 0, 0
	}
	sc.next = sh.end
	return s, sh.end
}

// fromTrunk reads the number from s, a NANP trunk prefix's 1, and returns
// its span if it is a phone number of the 1 and ten digits (phoneOK),
// empty if not. Ten: a North American number's, and the number scan
// reaches the area code's run only with the digits a phone needs from
// there (fewDigits), which "1 000 000" would not have.
func (sc *phoneScan) fromTrunk(t *Text, s int) (int, int) {
	var groupBuf [16]int
	sh, ok := phoneSpan(t.S, s, &groupBuf)
	if !ok || sh.digits != 11 || !phoneOK(t, sc, s, &sh, 0) {
		return 0, 0
	}
	sc.next = sh.end
	return s, sh.end
}

// phoneStart reports whether a phone number can start at s, by the bytes
// before it (the digits from s end at e): not inside a word, a path or an
// address, nor inside a longer token ("x-", "1.", "1:" before it; after
// "a:" only with a phone word close before), nor
// inside a sequence of digit groups joined by spaces ("2448 6810 7795
// 9076": the number is read from its first group, or there is none;
// "SD 20241 440-600-5124" is a number of its own). A comma separates
// fields ("Rossi,366 …", "85000,366-9639381"). A '+' begins a number
// after any punctuation, but right after a word or a number and one
// ("tel:+39…", the RFC 3966 URI; "Tel.+39 …", "Rossi,+39 …") only with a
// phone word close before (startWord): in a form-encoded text, whose
// percent-decoded view still has '+' for each space, ":+", ",+" are
// often a space after the punctuation ("card%3A+4111…").
func phoneStart(text string, s, e int) uint8 {
	p := byteAt(text, s-1)
	if isAlnum(p) || p == '_' || p == '/' || p == '@' {
		return startNo
	}
	p2 := byteAt(text, s-2)
	if text[s] == '+' {
		if isAlnum(p2) && (p == '-' || p == '.' || p == ',' || p == ':') {
			return startWord
		}
		return startYes
	}
	switch p {
	case ':':
		// A label glued to its number ("Tel:3459211249", vCard's
		// "TEL;TYPE=cell:0039 …") names a phone only when it is a phone
		// word; "ref:12345678", "10:30" do not.
		if isAlpha(p2) {
			return startWord
		}
		if isDigit(p2) {
			return startNo
		}
	case '-', '.':
		if isAlnum(p2) {
			return startNo
		}
	case ' ':
		// A group of two digits or more, one space, and the number's
		// first group, then a space and a digit: the number would be the
		// tail of that sequence.
		if isDigit(p2) && isDigit(byteAt(text, s-3)) && isDigit(text[s]) && byteAt(text, e) == ' ' && isDigit(byteAt(text, e+1)) {
			return startNo
		}
	}
	return startYes
}

// plainBefore holds the bytes after which phoneStart accepts any number
// start unless a digit stands before them: not alphanumeric, '_', '/',
// '@', nor punctuation that joins a token ('-', '.', ',', ':').
var plainBefore = func() (t [256]bool) {
	for c := range 256 {
		b := byte(c)
		t[c] = !isAlnum(b) && strings.IndexByte("_/@-.,:", b) < 0
	}
	return
}()

// phoneStart's answers.
const (
	startNo   = iota
	startYes  // a number can start there
	startWord // only with a phone word close before
)

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
	// Parentheses alternate, "(" first: open is the count of '(' less ')'.
	open := uint8(0)
	if text[i] == '+' {
		marks = pmPlus
		i++
	} else if text[i] == '(' && byteAt(text, i+1) == '+' {
		marks, open = pmPlus|pmParen, 1 // "(+39) …"
		i += 2
	}
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
		// a ')' outside them or any other byte ends the number; so does
		// " (" after seven digits: a remark follows ("… 8734 5521
		// (9-18)", "(24/7)"), no area code.
		if k == 0 || k&pcParen != 0 && k>>7 == open || text[i] == '(' && sh.digits >= 7 && text[i-1] == ' ' {
			break
		}
		open ^= k >> 6 & 1
		marks |= k & 0xf
		sepRun++
		if sepRun > 2 && !(sepRun == 3 && areaCodeSpaced(text, s, i, sh.groups)) {
			break
		}
		i++
	}
	if isAlpha(byteAt(text, sh.end)) || byteAt(text, sh.end) == '_' {
		return sh, false
	}
	return sh, len(sh.groups) > 0
}

// areaCodeSpaced reports whether the three separators ending at i are
// " / " after an area code, the number's first group, of 2 to 5 digits
// from the trunk prefix's 0: the German (DIN 5008's former) and Italian
// "0221 / 164245", "02 / 8736 4410". Elsewhere " / " separates numbers
// (a list: "02 8736 4410 / 347 1234567").
func areaCodeSpaced(text string, s, i int, groups []int) bool {
	return len(groups) == 1 && groups[0] >= 2 && groups[0] <= 5 && text[s] == '0' && text[i-2:i+1] == " / "
}

// phoneOK reports whether the number phoneSpan read from s is a phone
// number; near is sc.wordBefore's answer at s, if asked (nearKnown set).
func phoneOK(t *Text, sc *phoneScan, s int, sh *phoneShape, near uint8) bool {
	n, groups := sh.digits, sh.groups
	v := t.S[s:sh.end]
	if n < 7 || n > 15 && !(n <= 17 && intlPrefix(v)) || looksLikeDate(sh) || sh.parens != 0 || len(groups) > 3 && dateThenMore(v, groups) ||
		len(groups) == 1 && compactDateTime(v) {
		return false
	}
	if sh.marks&pmPlus != 0 {
		// "+39 …", "(+39) …": E.164, whose country code never starts with 0.
		cc := v[1]
		if v[0] == '(' {
			cc = v[2]
		}
		return n >= 8 && cc != '0'
	}
	if n == 15 && imeiShape(v) {
		return false
	}
	if len(groups) >= 2 && sh.marks&pmSlash == 0 && dialledAbroad(v, groups[0], n) {
		return true
	}
	if nanp(v, groups) {
		return true
	}
	// A dotted or dashed number with one group, or a version-like shape,
	// needs the context even more; require a phone word close before (or
	// heading its table column).
	if near == 0 {
		near = sc.wordBefore(t, s)
	}
	switch {
	case near&nearStrong != 0:
		return n >= 8 || len(groups) > 1
	case near&nearWeak != 0:
		return weakWordNumber(v, n, sh)
	case near&nearOther == 0 && sc.addrs && addressBefore(t.S, s):
		// Contact details given together: an address, then the number.
		return weakWordNumber(v, n, sh)
	}
	return false
}

// addressBefore reports whether an e-mail address ends just before the
// number at s, apart from it only by a comma, semicolon, slash or pipe, a
// middle dot or bullet (a CV's header: "bob@acme.it · 349 0111675"), a
// dash between spaces (a signature's: "bob@acme.it – 085 8592831"), or
// "o (al)", "or (at)", "oppure", "and": contact details given together
// ("(bob@acme.it, 349 0111675)", "a bob@acme.it o al 06 1234 5678", a CSV
// row's cells), also across one line break (a contact block's lines:
// "bob@acme.it\n02 8736 4410"; prose wrapped after "or").
func addressBefore(text string, s int) bool {
	i := s
	nl := false // one line break may stand among the blanks
	for k := 0; ; k++ {
		for i > 0 {
			if c := text[i-1]; c == ' ' || c == '\t' {
				i--
			} else if c == '\n' && !nl {
				nl, i = true, i-1
				if i > 0 && text[i-1] == '\r' {
					i--
				}
			} else {
				break
			}
		}
		if k == 4 {
			break
		}
		if i > 0 && strings.IndexByte(",;/|", text[i-1]) >= 0 {
			i--
			continue
		}
		if i >= 2 && text[i-1] == '-' && (text[i-2] == ' ' || text[i-2] == '\t') {
			i-- // a signature's dash between spaces: "a@b.it – 085 …" (– folds to -)
			continue
		}
		if i >= 2 && text[i-2:i] == "·" {
			i -= 2 // a CV header's dots: "a@b.it · 02 …"
			continue
		}
		if i >= 3 && text[i-3:i] == "•" {
			i -= 3
			continue
		}
		// A connector word, after a space.
		word, w := lettersBefore(text, i, "")
		if word == "" || w == 0 || text[w-1] != ' ' && text[w-1] != '\t' || !amongFold(word, addressConnectors) {
			break
		}
		i = w
	}
	// The address, read back from its end (most numbers fail at once: no
	// last label of letters after a dot): its domain, letters, digits,
	// '-', '.' (and '_', one class), after an '@' that follows a byte of a
	// local part.
	for i > 0 && strings.IndexByte(")]>\"'", text[i-1]) >= 0 {
		i--
	}
	k := i
	for k > 0 && i-k < 64 && isAlpha(text[k-1]) {
		k--
	}
	if i-k < 2 || byteAt(text, k-1) != '.' {
		return false
	}
	j := spanClassBack(text, k-1, k-254, cWordDashDot)
	b := byteAt(text, j-2)
	return j < k-1 && byteAt(text, j-1) == '@' && b > ' ' && b != ',' && b != '(' && b != '<'
}

// addressConnectors join an address and a number given together.
var addressConnectors = []string{"o", "al", "or", "at", "oppure", "and", "e"}

// weakWordNumber reports whether v, a number of n digits read as sh, may
// be a phone number after a weak word: "reference number 00012345678",
// "numero 2024/00123" are not phones; ask for a phone's length (two more
// digits after an international prefix, 0039 …) and
// punctuation (a slash only after an Italian area code: "045/3509221"),
// and a national number of a plan the text can be read in.
func weakWordNumber(v string, n int, sh *phoneShape) bool {
	return n >= 8 && (n <= 13 || n <= 15 && strings.HasPrefix(v, "00")) && (sh.marks&pmSlash == 0 || areaCodeSlash(v)) &&
		!strings.HasPrefix(v, "000") && nationalNumber(v, n)
}

// areaCodeSlash reports whether v is written as an Italian number often
// is: its area code (0 and one to three more digits) or mobile prefix (3
// and two digits), a slash, and the rest of the number in one group of
// five digits or more ("045/3509221", "02/87364410", "334/8583772").
func areaCodeSlash(v string) bool {
	a := strings.IndexByte(v, '/')
	if a < 2 || a > 4 || v[0] != '0' && !(v[0] == '3' && a == 3) {
		return false
	}
	rest := v[a+1:]
	return len(rest) >= 5 && spanWhile(rest, 0, len(rest), isDigit) == len(rest) && spanWhile(v, 0, a, isDigit) == a
}

// labelledOther reports whether the number at h has a label of another
// kind before it: numberKindBefore's, or a noun that qualifies numbers
// (Transaction 0034 …, SAP document 0044 …).
func labelledOther(text string, h int) bool {
	return numberKindBefore(text, h) || otherNumbers.has(letterWordBefore(text, h))
}

// intlPrefix reports whether v starts with the international call prefix
// 00 and a country code (whose first digit is never 0).
func intlPrefix(v string) bool {
	return len(v) > 2 && v[0] == '0' && v[1] == '0' && v[2] >= '1' && v[2] <= '9'
}

// dialledAbroad reports whether v, n digits in groups whose first has g,
// is a number dialled from Europe with 00 for the '+' ("0048 61 599 61
// 11"): its first group is 00 and a country code of Europe or North
// America (callingCodes), and the national number after it does not start
// with 0 (E.164 drops the trunk prefix; Italy's landlines keep theirs),
// ten digits after 1. Compact, in fours, or after another first group,
// 00… is as often an account, a code or times ("0044 0532 0130 01", "0010
// 0000 0131", "0049 1188 2231").
func dialledAbroad(v string, g, n int) bool {
	if g < 3 || g > 5 || n < 10 || !intlPrefix(v) || !callingCodes.has(v[2:g]) || fours(v) {
		return false
	}
	k := g
	for k < len(v) && !isDigit(v[k]) {
		k++
	}
	cc := v[2:g]
	return k < len(v) && (v[k] != '0' || cc == "39") && (cc != "1" || n == 13)
}

// fours reports digits only in groups of four (0049 1188 2231, 0030 1230
// 1830): an account's, a code's or times' print, no phone's.
func fours(v string) bool {
	run := 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && isDigit(v[i]) {
			run++
			continue
		}
		if run != 0 && run != 4 {
			return false
		}
		run = 0
	}
	return true
}

// callingCodes are the country calling codes of Europe and North America.
var callingCodes = newWordList(`1 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 350 351 352 353 354 355 356 357
	358 359 370 371 372 373 374 375 376 377 378 380 381 382 383 385 386 387 389 420 421 423`)

// imeiShape reports whether v, a number of 15 digits written without '+',
// is a device's IMEI (14 digits and a Luhn check digit) or an American
// Express card rather than a phone number: no national number has 15
// digits, and one dialled with an international prefix starts with 00.
func imeiShape(v string) bool {
	var d [15]byte
	return firstDigits(v, d[:]) == 15 && !(d[0] == '0' && d[1] == '0') && luhn(string(d[:]))
}

// firstDigits copies the first len(d) digits of v to d (the bytes between
// them skipped) and returns how many it found.
func firstDigits(v string, d []byte) int {
	k := 0
	for i := 0; i < len(v) && k < len(d); i++ {
		if isDigit(v[i]) {
			d[k] = v[i]
			k++
		}
	}
	return k
}

// nationalNumber reports whether v, a number of n digits written without
// '+', fits a numbering plan of the texts read here (English, Italian):
// a trunk prefix 0 (Italy's landlines, and the national form of most
// plans), an Italian mobile (3 and 9–10 digits) or non-geographic number
// (8 and 9 digits: 800 toll-free, 84x shared cost), or a North American
// number, whose area code and exchange start with 2–9 (ten digits, or
// eleven after the trunk prefix 1). "Order number 1186409190", "account
// number 2448 6810 7795" fit none.
func nationalNumber(v string, n int) bool {
	var d [5]byte
	firstDigits(v, d[:])
	switch {
	case d[0] == '0':
		return true
	case d[0] == '3' && (n == 9 || n == 10), d[0] == '8' && n == 9:
		return true // Italian: mobile; toll-free, shared-cost (numero verde 800 …, 848 …)
	case d[0] == '1':
		return n == 11 && d[1] >= '2' && d[4] >= '2'
	}
	return n == 10 && d[0] >= '2' && d[3] >= '2'
}

// nanp reports (NXX) NXX-XXXX and NXX-NXX-XXXX / NXX.NXX.XXXX, after the
// trunk prefix 1 or not: "1(415) 555-0132", "1-415-555-0132", with the
// number's separator or a space after the 1.
func nanp(v string, groups []int) bool {
	if len(groups) == 4 && groups[0] == 1 && v[0] == '1' {
		switch t := v[1]; t {
		case '(':
			v = v[1:]
		case ' ', '-', '.':
			v = v[2:]
			if t != ' ' && v[0] != '(' && v[3] != t {
				return false
			}
		default:
			return false
		}
		groups = groups[1:]
	}
	if len(groups) != 3 || groups[0] != 3 || groups[1] != 3 || groups[2] != 4 {
		return false
	}
	// The first digits of the area code and of the exchange.
	var d [4]byte
	firstDigits(v, d[:])
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
	return dateGroups(groups)
}

// dateThenMore reports whether v, whose groups of digits are groups (more
// than three), starts with a date followed by a space and more (a time:
// "12/11/2025 09:27" reads as "12/11/2025 09"): three groups of a date's
// sizes joined by one '/', '-' or '.'.
func dateThenMore(v string, groups []int) bool {
	if !dateGroups(groups) {
		return false
	}
	// v starts with the first group's digits (no '+' or '(' before a date).
	a, b := groups[0], groups[0]+1+groups[1]
	c := b + 1 + groups[2]
	return isDigit(v[0]) && c < len(v) && (v[a] == '/' || v[a] == '-' || v[a] == '.') && v[b] == v[a] && v[c] == ' '
}

// compactDateTime reports whether v is a timestamp written without
// separators, YYYYMMDDhhmm or YYYYMMDDhhmmss (HL7's, a log's, a file
// name's), of this century or the last: no phone number's shape.
func compactDateTime(v string) bool {
	if len(v) != 12 && len(v) != 14 {
		return false
	}
	d := func(i int) int { return int(v[i]-'0')*10 + int(v[i+1]-'0') }
	for i := 0; i < len(v); i++ {
		if !isDigit(v[i]) {
			return false
		}
	}
	ok := (d(0) == 19 || d(0) == 20) && uint(d(4)-1) < 12 && uint(d(6)-1) < 31 && d(8) < 24 && d(10) < 60
	return ok && (len(v) == 12 || d(12) < 60)
}

// dateGroups reports whether three groups of digits have a date's sizes:
// year, month, day or day, month, year.
func dateGroups(g []int) bool {
	return (g[0] == 4 && g[1] <= 2 && g[2] <= 2) || (g[0] <= 2 && g[1] <= 2 && g[2] == 4)
}
