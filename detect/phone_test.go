package detect

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The phone matcher reads a number once (phoneSpan records what phoneOK
// needs); the former version, which read it again for each question, is
// the reference.

// refphoneSpan is the former phoneSpan: reads digits and phone punctuation from s and returns the end
// (after the last digit) and the digit count of each group.
func refPhoneSpan(text string, s int, buf *[16]int) (int, []int, bool) {
	groups := buf[:0]
	i := s
	end, open := s, false
	if text[i] == '+' {
		i++
	} else if strings.HasPrefix(text[i:], "(+") {
		i, open = i+2, true
	}
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
		if c == '(' && sumInts(groups) >= 7 && text[i-1] == ' ' {
			goto done // a remark after the number: "(9-18)"
		}
		sepRun++
		if sepRun > 2 && !(sepRun == 3 && len(groups) == 1 && groups[0] >= 2 && groups[0] <= 5 && text[s] == '0' && text[i-2:i+1] == " / ") {
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
	intl := regexp.MustCompile(`^00[1-9]`).MatchString(v)
	if n < 7 || n > 15 && !(n <= 17 && intl) || refLooksLikeDate(groups, v) || refCompactDateTime.MatchString(v) {
		return false
	}
	if strings.Count(v, "(") != strings.Count(v, ")") {
		return false
	}
	if v[0] == '+' {
		return n >= 8 && v[1] != '0'
	}
	if strings.HasPrefix(v, "(+") {
		return n >= 8 && v[2] != '0'
	}
	if digits := strings.Map(func(r rune) rune {
		if r < '0' || r > '9' {
			return -1
		}
		return r
	}, v); n == 15 && !strings.HasPrefix(digits, "00") && refLuhn(digits) {
		return false // an IMEI, an Amex card
	}
	if m := refDialledAbroadRE.FindStringSubmatch(v); m != nil && len(groups) >= 2 && !strings.Contains(v, "/") &&
		(m[2] != "0" || m[1] == "39") && (m[1] != "1" || n == 13) && n >= 10 && slices.ContainsFunc(groups, func(g int) bool { return g != 4 }) &&
		!(refWordBefore(t.S, s) == 0 && labelledOther(t.S, s)) {
		return true // 00 for the '+', in groups
	}
	if refNANP(v, groups) {
		return true
	}
	// A dotted or dashed number with one group, or a version-like shape,
	// needs the context even more; require a phone word close before.
	switch {
	case refWordBefore(t.S, s) == nearStrong:
		return n >= 8 || len(groups) > 1
	case refWordBefore(t.S, s) == nearWeak,
		refWordBefore(t.S, s) == 0 && refColumnWord(t.S, s) != nearOther && refAddressBefore(t.S[:s]):
		// "reference number 00012345678", "numero 2024/00123" are not
		// phones: ask for a phone's length and punctuation, and a plan.
		// So too for a number given with an address.
		return n >= 8 && (n <= 13 || n <= 15 && strings.HasPrefix(v, "00")) && (!strings.Contains(v, "/") || refAreaCodeSlashRE.MatchString(v)) &&
			!strings.HasPrefix(v, "000") && refNational(v)
	}
	return false
}

// refDialledAbroadRE is dialledAbroad's first group (00 and a calling
// code) and the national number's first digit.
var refDialledAbroadRE = regexp.MustCompile(`^00(` + strings.Join(slices.Sorted(maps.Keys(callingCodes)), "|") + `)[^0-9]+([0-9])`)

// refAreaCodeSlashRE is areaCodeSlash.
var refAreaCodeSlashRE = regexp.MustCompile(`^(0[0-9]{1,3}|3[0-9]{2})/[0-9]{5,}$`)

// refAddressBeforeRE is addressBefore: an address (a byte of a local part,
// '@', a domain ending in a label of letters), then up to four connectors (a comma,
// semicolon, slash, pipe, middle dot or bullet, a dash or a word of addressConnectors after a space)
// and spaces, at the end; among them one line break at most
// (refAddressBefore counts them).
var refAddressBeforeRE = regexp.MustCompile(`[^\x00-\x20,(<]@[A-Za-z0-9._-]{1,253}\.[A-Za-z]{2,64}[)\]>"']*` +
	`((?:[ \t\r\n]*(?:[,;/|]|·|•|[ \t]-|[ \t](?i:o|al|or|at|oppure|and|e))){0,4}[ \t\r\n]*)$`)

// refAddressBefore is addressBefore by refAddressBeforeRE: its connectors
// and blanks hold one line break at most, and a '\r' only before it.
func refAddressBefore(text string) bool {
	m := refAddressBeforeRE.FindStringSubmatch(text)
	return m != nil && strings.Count(m[1], "\n") <= 1 && strings.Count(m[1], "\r") == strings.Count(m[1], "\r\n")
}

// refStrongRE and refWeakRE are phoneWords and phoneWeakWords by regular
// expressions: the strong and the weak words, whole.
var (
	refStrongRE = regexp.MustCompile(`^(?i:tel|telf|telefon|telefonnummer|telefax|teléfonos?|telefones?|` +
		`telephon(?:e|es|ed|ing)|phone[sd]?|cellphones?|mobiles?|cell|cellular|call(?:s|ed|ing)?|fax(?:es)?|` +
		`whatsapp|sms|dial(?:l?ed|l?ing)?|reach me|telefon(?:o|i|are|ami|ateci|ico|ica|ici|iche|ino|iamo)|` +
		`pagers?|telephonenumbers?|phonenumbers?|homephone|workphone|officephone|mobilephone|mobilenumber|faxnumber|` +
		`richiam(?:a|ami|aci|are|armi|arla|arlo|ate|atemi|ateci|iamo)|chiamiamo|` +
		`cellular[ei]|cel\.|mob[.:]|chiam(?:a|ami|aci|are|armi|arla|arlo|ata|ate|atemi|ateci)|recapit[oi]|squill(?:o|a|ami|are)|` +
		`handy(?:nummer)?|mobil(?:nummer|telefon)?|tél\.?|téléphones?|portables?|` +
		`reach us|reached on|reached at|reach the office|voicemails?|chiamer(?:à|ò|ai|anno|emo)|richiamer(?:à|ò|ai|anno|emo)|` +
		`richiamiamo|reperibil[ei]|caller id|callerid|chiamat[oi]|centralino|chiamo al|chiamo allo|` +
		`chiami|trovate al|toll-free|telefno|telfono|reachable|caller at|caller on|richiami al|richiami allo|telefonat[ae]|` +
		`telefoon(?:nummer)?|mobiel|tlf\.?|telemóvel|telemovel|komórka|móvil|movil|direct line|direct dial|` +
		`rappel(?:er|ez)|appel(?:er|ez)|anrufen|rufen|llámame|llámeme|llamar|` +
		`rufnummern?|durchwahl|erreichbar|ligne directe|telefónic[oa]|telem\.|bellen op)`)
	refWeakRE = regexp.MustCompile(`^(?i:numbers?|numero|num\.|contacts?|contatt(?:o|i|are|ami|aci|armi|ateci|ato|ata|ati|ate)|` +
		`ricontatt(?:are|ami|aci|ato|ata|ati|ate)|fisso|vocale|numéros?|nummer|fijo)`)
)

func init() {
	refStrongRE.Longest()
	refWeakRE.Longest()
}

// refPhoneNear reports whether a word of re starts at a word start within
// the 40 bytes before at, whole, and not in an e-mail address or a host
// name (inAddress).
func refPhoneNear(text string, re *regexp.Regexp, at int) bool {
	return refPhoneLast(text, re, at) >= 0
}

// refPhoneLast returns where the last word of re starts that refPhoneNear
// would find, -1 if none.
func refPhoneLast(text string, re *regexp.Regexp, at int) int {
	return refPhoneLastIn(text, re, max(0, at-40), at)
}

// refPhoneLastIn is refPhoneLast for words that start in [lo, at).
func refPhoneLastIn(text string, re *regexp.Regexp, lo, at int) int {
	last := -1
	for p := lo; p < at; p++ {
		if r, _ := utf8.DecodeLastRuneInString(text[:p]); p > 0 && unicode.IsLetter(r) {
			continue
		}
		m := re.FindString(text[p:])
		if m == "" {
			continue
		}
		// A form ends a word ("cel.", "num." end at their '.'), and
		// whether it lies in an address is asked of its first word's
		// letters ("reach me": "reach").
		if r, _ := utf8.DecodeRuneInString(text[p+len(m):]); m[len(m)-1] != '.' && unicode.IsLetter(r) {
			continue
		}
		q := p + len(m)
		if k := strings.IndexFunc(m, func(r rune) bool { return !unicode.IsLetter(r) }); k >= 0 {
			q = p + k
		}
		if !inAddress(text, p, q) {
			last = p
		}
	}
	return last
}

// refNearWord is phoneScan.nearWord by the words read (refPhoneLast): the
// last word of a kind names the number at at unless another field's
// label stands between (otherFieldLabel, whose rule its table tests
// define).
func refNearWord(text string, at int) uint8 {
	if numberKindBefore(text, at) {
		return nearKnown
	}
	given := func(p int) bool {
		line, _, cut := strings.Cut(text[p:at], "\n")
		own := text[p+strings.LastIndexByte(text[p:at], "\n"[0])+1 : at]
		return cut && len(regexp.MustCompile(`[0-9]`).FindAllString(line, -1)) >= 7 && regexp.MustCompile(`[A-Za-z]`).MatchString(own)
	}
	cellProse := func(p int) bool {
		return regexp.MustCompile(`(?i)^cell([^A-Za-z]|$)`).MatchString(text[p:at]) &&
			!regexp.MustCompile(`(?i)^cell(?:[^A-Za-z]*(?:is|number|no|nr|num|phone)(?:[^A-Za-z]|$))*[^A-Za-z]*$`).MatchString(text[p:at])
	}
	if p := refPhoneLast(text, refStrongRE, at); p >= 0 && !otherFieldLabel(text, p, at) && !given(p) && !cellProse(p) {
		return nearKnown | nearStrong
	}
	if p := refPhoneLast(text, refWeakRE, at); p >= 0 && !otherFieldLabel(text, p, at) && !given(p) && weakWordNamesPhone(text, p) {
		return nearKnown | nearWeak
	}
	return nearKnown
}

// refWordBefore is phoneScan.wordBefore: 0 if the number at at starts a
// cell of a table column headed by another kind of number (refColumnWord's
// nearOther), else nearStrong or nearWeak for a phone word of that kind
// naming the number (refNearWord), else for one in the header of its
// column (refColumnWord), else 0.
func refWordBefore(text string, at int) uint8 {
	col := refColumnWord(text, at)
	if col == nearOther {
		return 0
	}
	if near := refNearWord(text, at); near != nearKnown {
		return near &^ nearKnown
	}
	if col == 0 && refSignatureLabel(text, at) {
		return nearStrong
	}
	if col == 0 && refAskedBefore(text, at) {
		return nearStrong
	}
	if col == 0 && refCallerRE.MatchString(text[:at]) {
		return nearStrong
	}
	if col == 0 && refNameBefore(text, at) {
		return nearWeak
	}
	return col
}

// refNameBefore is nameBefore: a number starting with 0 or 3 (maybe after
// its own '('), its first group shorter than eight digits, after two capitalised words one space apart, neither of
// numberKinds, then '(' or a separator and blanks.
func refNameBefore(text string, at int) bool {
	if !refNameNumberRE.MatchString(text[at:]) {
		return false
	}
	m := refNameBeforeRE.FindStringSubmatch(text[:at])
	return m != nil && !numberKinds.has(m[1]) && !numberKinds.has(m[2])
}

// refCallerRE matches "caller" and a colon or blanks at the end of a text
// (callerLabel).
var refCallerRE = regexp.MustCompile(`(?i)(?:^|[^A-Za-z])caller(?:[ \t]*:[ \t]*|[ \t]+)$`)

var (
	refNameNumberRE = regexp.MustCompile(`^\(?[03][0-9]{0,6}(?:[^0-9]|$)`)
	refNameBeforeRE = regexp.MustCompile(`(?:^|[^A-Za-z])([A-Z][a-z][A-Za-z]*) ([A-Z][a-z][A-Za-z]*)(?:[ \t]*\(|[ \t]*[-,:][ \t]+)$`)
)

// refAskedBefore is askedBefore: the number's line starts at most 64 bytes
// before it, after a line that ends in '?' (then blanks) and has a strong
// phone word in its last 160 bytes.
func refAskedBefore(text string, at int) bool {
	nl := strings.LastIndexByte(text[:at], '\n')
	if nl < 0 || at-nl > 64 {
		return false
	}
	q := strings.TrimRight(text[:nl], " \t\r")
	if !strings.HasSuffix(q, "?") {
		return false
	}
	return refPhoneLastIn(text, refStrongRE, max(strings.LastIndexByte(q, '\n')+1, len(q)-160), len(q)) >= 0
}

// refIntlRE matches the international call prefix and a country code's
// first digit.
var refIntlRE = regexp.MustCompile(`^00[1-9]`)

// refSignatureRE matches a signature's one-letter label that starts its
// line, at the end of the text before a number.
var refSignatureRE = regexp.MustCompile(`(?:^|\n)[ \t]*(?:[TMPFD]|Port)(?:[:.][ \t]*|[ \t]+)$`)

// refTrunkRE matches a national number's start: a trunk prefix's 0 and
// an area code's first digit, maybe in parentheses.
var refTrunkRE = regexp.MustCompile(`^\(?0[1-9]`)

// refSignatureLabel is signatureLabel: such a label before a number that
// starts with a trunk prefix's 0 and an area code.
func refSignatureLabel(text string, at int) bool {
	return refTrunkRE.MatchString(text[at:]) && refSignatureRE.MatchString(text[:at])
}

// refKindHeaderRE matches a header cell whose last word (letters, before
// spaces, '-', '_', quotes) names another kind of number, or says
// "number" after a word that does ("VAT number").
var refKindHeaderRE = regexp.MustCompile(`(?i)(?:^|[^A-Za-z])(` + strings.Join(slices.Sorted(maps.Keys(numberKinds)), "|") + `)` +
	`(?:[ \t_-]+(?:` + strings.Join(genericNumbers, "|") + `))?[ \t_-]*["' \r]*$`)

// refCallerIDHeaderRE matches a header ending "Caller ID": the phone's own.
var refCallerIDHeaderRE = regexp.MustCompile(`(?i)(?:^|[^A-Za-z])caller[ \t_-]*id` +
	`(?:[ \t_-]+(?:` + strings.Join(genericNumbers, "|") + `))?[ \t_-]*["' \r]*$`)

// refRuleRE matches a rule between a '|' table's lines.
var refRuleRE = regexp.MustCompile(`^[-=+|: \t\r]*$`)

// refColumnWord is columnWord on the text split into lines and cells
// (the bounds of maxTableLines and maxFixedWidth apart).
func refColumnWord(text string, s int) uint8 {
	if w := refHTMLColumnWord(text, s); w != 0 {
		return w
	}
	lines := strings.Split(text, "\n")
	starts := make([]int, len(lines))
	li := 0
	for i, off := 0, 0; i < len(lines); i++ {
		starts[i] = off
		if off <= s && s <= off+len(lines[i]) {
			li = i
		}
		off += len(lines[i]) + 1
	}
	if li == 0 {
		return 0
	}
	// body: a line's cells, without a Markdown table's outer pipes.
	body := func(line, sep string) (int, string) {
		if sep != "|" {
			return 0, line
		}
		b := strings.TrimPrefix(strings.TrimLeft(line, " \t"), "|")
		off := len(line) - len(b)
		return off, strings.TrimSuffix(strings.TrimRight(b, " \t\r"), "|")
	}
	for _, sep := range []string{"|", "\t", ";", ","} {
		off, line := body(lines[li], sep)
		at := s - starts[li] - off
		n := strings.Count(line, sep)
		if n == 0 || at < 0 || at >= len(line) {
			continue
		}
		cells := strings.Split(line, sep)
		ci, pos := 0, 0
		for pos+len(cells[ci]) < at {
			pos += len(cells[ci]) + 1
			ci++
		}
		if strings.Trim(line[pos:at], " \"'") != "" {
			continue
		}
		seps := func(l int) int { _, b := body(lines[l], sep); return strings.Count(b, sep) }
		h := li
		for h > 0 {
			// A rule between the lines (not the text's first line): the
			// line before it, if it is the table's.
			if sep == "|" && h-1 > 0 && refRuleRE.MatchString(lines[h-1]) && strings.Count(lines[h-1], "-")+strings.Count(lines[h-1], "=") >= 3 {
				if seps(h-2) != n {
					break
				}
				h -= 2
				continue
			}
			if seps(h-1) != n {
				break
			}
			h--
		}
		var c int
		var hcells []string
		if m := refCopyRE.FindStringSubmatchIndex(lines[max(h-1, 0)]); h > 0 && sep == "\t" && m != nil {
			// The rows of a COPY … FROM stdin: its column list names them.
			hline := lines[h-1][m[2]:m[3]]
			if strings.Count(hline, ",") != n {
				continue
			}
			c, hcells = starts[h-1]+m[2], strings.Split(hline, ",")
		} else {
			if h == li {
				continue
			}
			hoff, hline := body(lines[h], sep)
			c, hcells = starts[h]+hoff, strings.Split(hline, sep)
		}
		for _, hc := range hcells[:ci] {
			c += len(hc) + 1
		}
		if w := refCellWord(text, c, c+len(hcells[ci])); w != 0 {
			return w
		}
	}
	return refFixedColumnWord(text, lines, starts, li, s-starts[li])
}

// refHTMLTagRE matches the HTML tags htmlColumnWord reads.
var refHTMLTagRE = regexp.MustCompile(`(?i)<(td|th|tr|table)`)

// refHTMLColumnWord is htmlColumnWord: the number at s starts a <td> cell
// (past spaces and quotes); the tags of the 2,048 bytes before the cell's
// '>' read as a list.
func refHTMLColumnWord(text string, s int) uint8 {
	b := s - 1
	for b >= 0 && (text[b] == ' ' || text[b] == '"' || text[b] == '\'') {
		b--
	}
	if b < 0 || text[b] != '>' {
		return 0
	}
	lo := max(0, b-2048)
	win := text[lo:b]
	type tag struct {
		at   int
		name string
	}
	var tags []tag
	for _, m := range refHTMLTagRE.FindAllStringSubmatchIndex(win, -1) {
		if c := byteAt(text, lo+m[1]); !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			tags = append(tags, tag{m[0], strings.ToLower(win[m[2]:m[3]])})
		}
	}
	n := len(tags) - 1
	if n < 0 || tags[n].name != "td" || strings.LastIndexByte(win, '<') != tags[n].at {
		return 0
	}
	// Back: the cells before it in its row, its <tr>, then a <th>, then
	// the <tr> of that row; none past a <table>.
	col, k := 0, n-1
	for ; k >= 0 && tags[k].name != "tr"; k-- {
		if tags[k].name == "table" {
			return 0
		}
		col++
	}
	row := k
	for k--; k >= 0 && tags[k].name != "th"; k-- {
		if tags[k].name == "table" {
			return 0
		}
	}
	for k--; k >= 0 && tags[k].name != "tr"; k-- {
		if tags[k].name == "table" {
			return 0
		}
	}
	if row < 0 || k < 0 {
		return 0
	}
	// Forward from that <tr>: the cell at col, its text to the next '<'.
	cells := 0
	for j := k + 1; j < row; j++ {
		if tags[j].name == "tr" {
			return 0 // the header row ended
		}
		if cells < col {
			cells++
			continue
		}
		rowAt := tags[row].at
		c := strings.IndexByte(win[tags[j].at:rowAt], '>')
		if c < 0 {
			return 0
		}
		c += tags[j].at + 1
		ce := strings.IndexByte(win[c:rowAt], '<')
		if ce < 0 {
			ce = rowAt - c
		}
		return refCellWord(text, lo+c, lo+c+ce)
	}
	return 0
}

// refCellWord is cellWord: what the header cell text[c:ce] names.
func refCellWord(text string, c, ce int) uint8 {
	in := func(ws *WordSet) bool {
		for p := c; p < ce; p++ {
			if refWordAt(ws, text, p) {
				return true
			}
		}
		return false
	}
	switch {
	case refKindHeaderRE.MatchString(text[c:ce]) && !refCallerIDHeaderRE.MatchString(text[c:ce]):
		return nearOther
	case in(phoneWords):
		return nearStrong
	case in(phoneWeakWords):
		return nearWeak
	}
	return 0
}

// refCopyRE matches a COPY … FROM stdin line; its group, the column list.
var refCopyRE = regexp.MustCompile(`^(?i:copy) [^(]*\(([^)]*)\) *(?i:from) +(?i:stdin)(?:[^A-Za-z0-9_]|$)`)

// refTwoCellsRE matches a line of two cells of a fixed-width table.
var refTwoCellsRE = regexp.MustCompile(`[^ ]  +[^ ]`)

// refFixedColumnWord is columnWord for a fixed-width table, the number at
// byte at of line li (lines, the text's, start at starts).
func refFixedColumnWord(text string, lines []string, starts []int, li, at int) uint8 {
	line := lines[li]
	// cut ends a line's cells at '\r', and a cell at two spaces.
	cut := func(s, end string) string {
		if i := strings.Index(s, end); i >= 0 {
			return s[:i]
		}
		return s
	}
	// chars counts s's characters: its bytes that do not continue a
	// UTF-8 sequence.
	chars := func(s string) int {
		n := 0
		for i := range len(s) {
			if s[i]&0xc0 != 0x80 {
				n++
			}
		}
		return n
	}
	if at > maxFixedWidth || at != 0 && !strings.HasSuffix(line[:at], "  ") {
		return 0
	}
	cell := cut(cut(line[at:], "\r"), "  ")
	if len(cell) > maxFixedCell || strings.Trim(cell, "0123456789 -./()+") != "" {
		return 0
	}
	if strings.Trim(line[:at], " ") == "" {
		rest := line[at+len(cell):]
		if after := strings.TrimLeft(rest, " "); !strings.HasPrefix(rest, "  ") || after == "" || after[0] == '\r' {
			return 0
		}
	}
	h := li
	for h > 0 && strings.Trim(lines[h-1], " \t\r") != "" {
		h--
	}
	for h < li && !refTwoCellsRE.MatchString(cut(lines[h], "\r")) {
		h++
	}
	if h == li {
		return 0
	}
	hline := cut(lines[h], "\r")
	// The header cell that starts nearest to the number's column, at
	// most fixedSlack columns away (the leftmost of two as near).
	col, p := chars(line[:at]), -1
	for i := range len(hline) {
		start := hline[i] != ' ' && hline[i]&0xc0 != 0x80 && (i == 0 || strings.HasSuffix(hline[:i], "  "))
		if d := chars(hline[:i]) - col; start && d >= -fixedSlack && d <= fixedSlack && (p < 0 || d*d < (chars(hline[:p])-col)*(chars(hline[:p])-col)) {
			p = i
		}
	}
	if p < 0 {
		return 0
	}
	hc := cut(hline[p:], "  ")
	if len(hc) > maxFixedCell {
		return 0
	}
	return refCellWord(text, starts[h]+p, starts[h]+p+len(hc))
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
// A date followed by a space and more ("12/11/2025 09:27") is a date too.
func refLooksLikeDate(groups []int, v string) bool {
	if len(groups) > 3 {
		m := refDateThenMore.FindStringSubmatch(v) // one separator, twice
		return m != nil && (m[1] != "" && m[1] == m[2] || m[3] != "" && m[3] == m[4])
	}
	if len(groups) != 3 || strings.ContainsAny(v, "+() ") {
		return false
	}
	return (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2) || (groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4)
}

// refCompactDateTime is compactDateTime: YYYYMMDDhhmm(ss), no separator.
var refCompactDateTime = regexp.MustCompile(`^(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?:[01][0-9]|2[0-3])[0-5][0-9](?:[0-5][0-9])?$`)

var refDateThenMore = regexp.MustCompile(`^(?:[0-9]{4}([-/.])[0-9]{1,2}([-/.])[0-9]{1,2}|[0-9]{1,2}([-/.])[0-9]{1,2}([-/.])[0-9]{4}) `)

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
		if p == '+' && byteAt(text, h-2) == '(' && byteAt(text, h+run) == ')' && run <= 3 {
			s = h - 2 // "(+39) …"
		}
		if p == '(' && (byteAt(text, h-2) == '+' || lone1) {
			s = h - 2
		} else if p == '(' && run == 3 && strings.HasSuffix(text[:h], "1 (") && !isAlnum(byteAt(text, h-4)) {
			s = h - 3
		}
	} else if lone1 && strings.IndexByte("-. ", p) >= 0 {
		// "1-415-555-0132": the trunk prefix, tried first, then ten digits.
		if refPhoneStart(t, h-2) {
			if e, groups, ok := refPhoneSpan(text, h-2, &groupBuf); ok && sumInts(groups) == 11 && refPhoneOK(t, h-2, e, groups) {
				return h - 2, e
			}
		}
		if p != ' ' {
			return 0, 0
		}
	} else if !context && !(isDigit(byteAt(text, h+2)) && !isDigit(byteAt(text, h+3))) && !refIntlRE.MatchString(text[h:]) && !refSignatureLabel(text, h) &&
		!refNameBefore(text, h) {
		return 0, 0
	}
	if !refPhoneStart(t, s) {
		return 0, 0
	}
	// A first group other than an area code's three digits, with no
	// phone word before it (near or heading its column), no address
	// right before and no international prefix: no phone starts there
	// ("1 200-200-0000" starts at its trunk prefix only as the area
	// code's, read from the area code).
	if s == h && run != 3 && (refColumnWord(text, h) == nearOther ||
		refWordBefore(text, h) == 0 && !refAddressBefore(text[:h]) && !(refIntlRE.MatchString(text[h:]) && !labelledOther(text, h))) {
		return 0, 0
	}
	e, groups, ok := refPhoneSpan(text, s, &groupBuf)
	if ok && s == h-1 && p == '(' && strings.Count(text[s:e], "(") != strings.Count(text[s:e], ")") {
		if numberKindBefore(text, h-1) {
			return 0, 0
		}
		s = h // a number in parentheses of its own
		e, groups, ok = refPhoneSpan(text, s, &groupBuf)
	}
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
		return !joined || refWordBefore(text, s) == nearStrong
	}
	if joined && p == ':' && !isDigit(p2) {
		return refWordBefore(text, s) == nearStrong // "Tel:3459211249"
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
	// The reference reads its regular expressions at every digit, which
	// the race detector slows tenfold: a third of the texts there.
	texts := 3000
	if raceEnabled {
		texts = 1000
	}
	for range texts {
		checkPhoneReference(t, s, numberText(r))
	}
}

func FuzzPhoneMatchesReference(f *testing.F) {
	for _, seed := range []string{
		"+39 02 1234 5678", "(415) 555-0132", "+(44) 20 7946 0958", "tel. 02/1234567", "call (02) (12) 345",
		"numero 2024/00123", "2025-02-11", "1-800-555-0199x", "+1 (415)) 555 0132", "cell 0039 333 1234567 89",
		`href="tel:+44-7295-672556"`, "call 1-415-586-8205", "1 (415) 586-8205", "1.415.586.8205 x1(415)5",
		"card number 2448 6810 7795 9076", "Order number 1186409190", "telefono\nRossi,+39 333 1234567,366-9639381",
		"a@telefonica.es\nDate: 12/11/2025 09:27", "Tel: 2025-11-12 09:27", "Tel 12.11.2025-09 3", "Clienti\n(+39) 347 1234567",
		"(+39 347 1234567", "(+39)(02) 8736 4410", "x(+1) 415 555 0132", "(+039) 02 8736 4410", "Telepass 9012345678",
		"Name | Phone\n--- | ---\nRossi Mario | 02 8736 4410\nBianchi | 0521 123456", "| a | cell |\nx | 333 987 6543 |",
		"name,cell\n\"Rossi\",\"02 1234 5678\"\n\nBox,0521 123456", "Nome;Numero\r\nA;06 1234 5678",
		"phoneNumber 0212345678", "tel—0212345678", "TELÉFONO 0212345678", "cellValue 02123456", "Reach me 02 1234567",
		"a;cell_id;Caller ID;caller-id no\nx;237596690;3494021183;02 8736 4410", "Cell unavailable alarm 38410051 cell: 02 1234567",
		"my cell is 347 123 4567, cell number 02 5413 5875, last cell ECI 82882823",
		`{"support_phone":"07632 086112","ts":1715668683}`, "SUPPORT_PHONE=+44 (0)161 420 5074\nIMEI=351170558628471",
		"support_phone = \"030 8168 8564\"\nisbn = \"978-88-26-0328-3\"", "phone:\n  office: 02 8736 4410\n  home: 06 1234 5678",
		`{"phone":{"office":"02 8736 4410","home":"06 1234 5678"}}`, "Phone: 02 8736 4410 (home: 06 1234 5678), ts=1715668683",
		"(a@b.it, 349 0111675)", "x a@b.co o al 06-1234567", "a@b.it;0612345678", "a@b.it) , / e 0212345678", "a@.b.it or at 3391234567",
		"Lukas\nT 020 8745 9776 (9-18)\n  M: 07992 470251\nF.(0711) 678164\nT 2024 12 31\nX 020 8745 9776", "D\t0041 78 769 06 92",
		"T 0001234567", "P (000) 1234567", "T 0 12", "M: 0012 345 6789",
		"unter 0221 / 164245 an", "tel 02 / 8736 4410 / 347 1234567", "tel 0 / 12 / 345678", "tel 012345 / 678901", "tel (02) / 8736",
		"phone\na@b.it\n02 8736 4410", "tel a@b.it or\n 0612345678", "tel a@b.it\n\n0612345678", "tel a@b.it\r\n0612345678",
		"tel a@b.it\nor 0612345678", "tel a@b.it\r 0612345678", "tel a@b.it,\n,\n0612345678",
		"Mi conferma codice fiscale e numero di cellulare?\n[10:21] Ethan: KVNVVZ16T12L424A e 339 667 6018",
		"Rubrica:\nTommaso Coppola - 01 75 33 37 79\nArianna Schmidt\t, 045/3888256", "per Priya Schmidt (044 965 19 89)", "Ab Cd  (3",
		"Mario Rossi (3391234567) Anna  Neri - 02 1234567 Codice Cliente: 0212345678 ROSSI Anna: 0212345678 X Yy (0(",
		"<tr><th>Name</th><th>Phone</th></tr>\n<tr><td>Ethan</td><td> 020 4261 4758</td></tr>", "<th>Tel</th><td>x</td><TD>0204261475<td<th>",
		"your phone?\r\n\t 02 8736 4410", "caller 06 65957502 Caller:051/0495651 xcaller 0212345678 caller\t:\t0212345678", "a@b.it · 0212345678 •\n·0212345678", "·0212345678", "tel a@b.it·•· 0212345678", "phone? x\n0212345678", "tel\n?\n0212345678", "a phone\n? ok\n1 0212345678",
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
	// The gate is the stems' (hasContext): a stem inside an address
	// ("tel@acme.it") opens it too, and the number after the address is
	// then at's to find, not phonesAfterAddresses'.
	context := tx.stemsFound(phoneWords) || tx.stemsFound(phoneWeakWords)
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
// and both with the words read by regular expressions, over texts of
// phone words, numbers and other words, numbers met in ascending order
// and then out of order.
func TestPhoneNearWord(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	words := []string{"tel ", "phone ", "xtel ", "numero ", "number: ", "contact ", "12 ", "345 ", "abc ", ". ", "\n", "cell\t",
		"ts=", "\"imei\":", ", ", "{", "}", "  ", "- ", "phone:\n",
		"Telegram ", "telemetry ", "a@telefonica.es ", "cel. ", "cel ", "Num.", "reach me ", "reach ", "TELÉFONO ", "telefono.it ", "Telefonica ", "phoneNumber ", "tel—", "àtel ", "Reach me ", "reach meet ",
		"telephoneNumber: ", "homePhone ", "pagers ", "richiamami ", "richiamata "}
	fewAndMany := [2]int{}
	labelled := 0
	// Every position of each text is checked against regexp references,
	// which the race detector slows thirtyfold: a tenth of the texts there.
	texts := 2000
	if raceEnabled {
		texts = 100
	}
	for range texts {
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
			// The words t.Near finds are those read by the reference.
			strong, weak := tx.Near(phoneWords, h, 40), tx.Near(phoneWeakWords, h, 40)
			if strong != refPhoneNear(text, refStrongRE, h) || weak != refPhoneNear(text, refWeakRE, h) {
				t.Fatalf("%q at %d: Near %v %v, words read by the reference differ", text, h, strong, weak)
			}
			want := refNearWord(text, h)
			if got := sc.nearWord(tx, h); got != want {
				t.Fatalf("%q at %d: nearWord %b, want %b (few %v)", text, h, got, want, sc.words.few)
			}
			if want&nearStrong != 0 && !strong || want&nearWeak != 0 && !weak {
				t.Fatalf("%q at %d: nearWord %b without a word near", text, h, want)
			}
			if strong && want&nearStrong == 0 {
				labelled++ // another field's label took the number over
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
	if labelled < texts/20 {
		t.Fatalf("numbers after a phone word and another field's label: %d, want %d or more", labelled, texts/20)
	}
	if fewAndMany[0] < texts/20 || fewAndMany[1] < texts/20 {
		t.Fatalf("texts with few and with many phone words: %v, want %d each or more", fewAndMany, texts/20)
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
		// A label glued to its number: a phone word's only.
		{"label glued", "Tel:3459211249", []want{{TypePhone, "3459211249"}}},
		{"vcard glued international prefix", "TEL;TYPE=cell:0039 339 8636504", []want{{TypePhone, "0039 339 8636504"}}},
		{"vcard glued trunk", "TEL;TYPE=cell:1 (206) 243-3757", []want{{TypePhone, "1 (206) 243-3757"}}},
		{"other label glued", "order:3459211249 shipped", nil},
		{"time glued", "Tel 02 1234567 alle 10:3459211", []want{{TypePhone, "02 1234567"}}},
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
		// A header naming another kind last heads no phones (cellWord).
		{"cell_id column", "a;b;cell_id;lac\nx;y;237596690;F544", nil},
		{"mobile model column", "name,mobile model\nAnna,3494021183", nil},
		{"caller id column", "ts,Caller ID,dur\n2025,3494021183,12", []want{{TypePhone, "3494021183"}}},
		{"caller id number column", "ts|Caller ID number|dur\n2025|02 8736 4410|12", []want{{TypePhone, "02 8736 4410"}}},
		{"zip then phone", "Dalla's Pizza | 3843 Peartree Road, Bamblee, SD 20241 440-600-5124",
			[]want{{TypePhone, "440-600-5124"}}},
		// Plans after a weak word.
		{"no plan: leading 1", "Order number 1186409190 was refunded twice", nil},
		{"no plan: 12 digits", "account number 2448 6810 7795", nil},
		{"no plan: card-like", "Test card number 5018 0010 43500 keeps failing", nil},
		{"italian mobile", "Contattami al numero 339.195.5627 per la consegna.", []want{{TypePhone, "339.195.5627"}}},
		{"italian landline", "il mio numero è 06 12345678", []want{{TypePhone, "06 12345678"}}},
		{"landline word", "Fisso: 02 45678901", []want{{TypePhone, "02 45678901"}}},
		{"in parentheses", "contatto: Mario Rossi (3939838414)", []want{{TypePhone, "3939838414"}}},
		{"in parentheses, prefix", "contatto: Sara De Luca (0039 372 8925582). ok", []want{{TypePhone, "0039 372 8925582"}}},
		{"area code still", "tel. (02) 8736 4410", []want{{TypePhone, "(02) 8736 4410"}}},
		{"in parentheses, no word", "Mario Rossi (3939838414)", nil},
		// A name, then its number (in groups, in a national plan).
		{"name, number in parentheses", "Scrivi a Priya Schmidt (044 965 19 89) che domani", []want{{TypePhone, "044 965 19 89"}}},
		{"address book", "Rubrica:\nTommaso Coppola - 01 75 33 37 79\nArianna Schmidt - 045/3888256", []want{{TypePhone, "01 75 33 37 79"}, {TypePhone, "045/3888256"}}},
		{"name, comma, mobile", "Referenti: Mario Rossi, 339 123 4567; Anna Neri, 347 7654321", []want{{TypePhone, "339 123 4567"}, {TypePhone, "347 7654321"}}},
		{"kind of number, not a name", "Codice Cliente: 02 1234 5678, Numero Pratica - 02 1234 5678", nil},
		{"title then number", "Modello Unico (02 1234 5678) e Data Nascita: 03.04.1985", nil},
		{"one word", "Milano, 02 1234 5678", nil},
		{"no separator", "Mario Rossi 02 1234 5678", nil},
		{"caller id", "caller id 3965992808 - complaint about late delivery", []want{{TypePhone, "3965992808"}}},
		{"00 prefix, no word", "- Sven Visser (NL), 0031 30 1454195, sven@acme.nl", []want{{TypePhone, "0031 30 1454195"}, {TypeEmail, "sven@acme.nl"}}},
		{"00 prefix, 17 digits", "Bitte rufen Sie mich unter 0041 78 769 06 92 an.", []want{{TypePhone, "0041 78 769 06 92"}}},
		{"00 compact, no word", "ID 0031301454195 assigned", nil},
		{"00 then a national 0", "acct 0044 0532 0130 01", nil},
		{"00 no calling code", "JO94 CBJO 0010 0000 0000 0131", nil},
		{"00 italy keeps its 0", "sede: 0039 06 4618 1635", []want{{TypePhone, "0039 06 4618 1635"}}},
		{"001 then ten digits", "ufficio USA 001 415 555 0132", []want{{TypePhone, "001 415 555 0132"}}},
		// An area code and " / ": one number; a list's " / ": two.
		{"area code slash spaced", "Bitte rufen Sie mich unter 0221 / 164245 an.", []want{{TypePhone, "0221 / 164245"}}},
		{"area code slash spaced it", "tel 02 / 8736 4410", []want{{TypePhone, "02 / 8736 4410"}}},
		{"list slash spaced", "Tel. 02 8736 4410 / 347 1234567", []want{{TypePhone, "02 8736 4410"}, {TypePhone, "347 1234567"}}},
		{"not an area code", "tel 2024 / 8736 4410", []want{{TypePhone, "8736 4410"}}},
		// A contact block: the number on the line after the address.
		{"address then number on the next line", "Mario Rossi\nmario@acme.it\n02 8736 4410", []want{{TypeEmail, "mario@acme.it"}, {TypePhone, "02 8736 4410"}}},
		{"prose wrapped after or", "write to billing@pinewood.co.uk or\n07225 402163.", []want{{TypeEmail, "billing@pinewood.co.uk"}, {TypePhone, "07225 402163"}}},
		{"a blank line between", "mario@acme.it\n\n02 8736 4410", []want{{TypeEmail, "mario@acme.it"}}},
		{"cv header dots", "Kevin Caruso\nkevin-caruso@icloud.com · 313 575 6652 · linkedin.com/in/kc\nm.rossi@acme.it • 333 0816688",
			[]want{{TypeEmail, "kevin-caruso@icloud.com"}, {TypePhone, "313 575 6652"}, {TypeEmail, "m.rossi@acme.it"}, {TypePhone, "333 0816688"}}},
		{"no plan on the next line", "mario@acme.it\n2024 0312 1234", []want{{TypeEmail, "mario@acme.it"}}},
		// Verbs of calling back, in their forms.
		{"richiamiamo", "digli che lo richiamiamo domani al 022 839 30 39 entro le 12", []want{{TypePhone, "022 839 30 39"}}},
		{"chiamarla", "ricordati di chiamarla allo 06 4618 1635", []want{{TypePhone, "06 4618 1635"}}},
		// The answer to a question about a phone on the line before.
		{"chat answer", "Operatore: Mi conferma codice fiscale e numero di cellulare?\n[10:21] Ethan: RSSMRA85T10A562S e 339 667 6018\n[10:23] Operatore: Grazie",
			[]want{{TypeITFiscalCode, "RSSMRA85T10A562S"}, {TypePhone, "339 667 6018"}}},
		{"transcript answer", "Agent: What's the best phone number to reach you?\r\nCustomer: sure, it's 415 382 5519", []want{{TypePhone, "415 382 5519"}}},
		{"question about another number", "Agent: What's your order number?\nCustomer: 415 382 5519", nil},
		{"question two lines up", "Agent: What's your phone number?\nCustomer: one moment\nCustomer: 415 382 5519", nil},
		{"not a question", "Agent: I have your phone number.\nCustomer: order 415 382 5519", nil},
		{"answer far into its line", "Agent: your phone?\nCustomer: I placed the order last week and the tracking code is 415 382 5519", nil},
		// A signature's one-letter labels, alone at the start of a line.
		{"signature T", "Lukas Schmidt\nAccount Manager | Bluefin Ltd\nT 020 8745 9776 (9-18)\nlukas@bluefin.io",
			[]want{{TypePhone, "020 8745 9776"}, {TypeEmail, "lukas@bluefin.io"}}},
		{"signature M colon", "Federica Coppola\nHead of IT\nM: 07992 470251\nF. 02-24141547", []want{{TypePhone, "07992 470251"}, {TypePhone, "02-24141547"}}},
		{"signature indented", "  T\t030 95340935 (Mon-Fri 9-17)", []want{{TypePhone, "030 95340935"}}},
		{"signature french portable", "Adriatica FR\n69534 Nantes\nTél. 0380482081\nPort. 0788639308\n", []want{{TypePhone, "0380482081"}, {TypePhone, "0788639308"}}},
		{"port in prose", "the Port 0788639308 was closed", nil},
		{"letter not a label", "Plan B 020 8745 9776", nil},
		{"letter in a list", "T 2024 12 31 totals\nM 17 500 000 units\nP 347 1234567", nil},
		{"signature area code", "M (0711) 678164", []want{{TypePhone, "(0711) 678164"}}},
		{"other letter", "X 020 8745 9776", nil},
		{"001 then seven", "codice 001 2039 086", nil},
		{"000 no word", "lot 000 12 3456789", nil},
		{"00 slash", "prot. 0012345/2024 del 12 marzo", nil},
		{"own number given", "Mobil: +41 (0)44 794 66 45\nOrder PO 4573332581, shipped", []want{{TypePhone, "+41 (0)44 794 66 45"}}},
		{"company no.", "NI number ZS676517C; Company No. 09954036; VAT GB123", nil},
		{"remark after", "tel. +39 02 8734 5521 (9-18)", []want{{TypePhone, "+39 02 8734 5521"}}},
		{"remark after, nanp", "T 415.871.0825 (24/7)", []want{{TypePhone, "415.871.0825"}}},
		{"remark after, 00", "Tel. 0039 344 4533739 (9-13 / 14-18)", []want{{TypePhone, "0039 344 4533739"}}},
		{"area code still after a word", "tel. 1 (415) 586-8205", []want{{TypePhone, "1 (415) 586-8205"}}},
		{"compact international in parentheses", "the caller (+393316368494) read out", []want{{TypePhone, "+393316368494"}}},
		{"called from", "La cliente ha chiamato dal 318 461 1508 ieri", []want{{TypePhone, "318 461 1508"}}},
		{"caller", "Open a refund ticket: caller 06 65957502, card number 4569 0594 8893 9308", []want{{TypePhone, "06 65957502"}, {TypeCreditCard, "4569 0594 8893 9308"}}},
		{"caller label", "Caller: 051/0495651", []want{{TypePhone, "051/0495651"}}},
		{"caller far", "the caller said 051/0495651", nil},
		{"switchboard", "Centralino 371-7434363 - chiedi dell'amministrazione.", []want{{TypePhone, "371-7434363"}}},
		{"call reference", "Chiamata n. 20240713175 registrata alle 16:39", nil},
		{"product code", "Telefono modello X417, codice articolo 8008895356299", nil},
		{"customer's phone", "Cellulare cliente: 333 1234567", []want{{TypePhone, "333 1234567"}}},
		{"00 in fours", "Order No. 0041 5523 8812", nil},
		{"00 after a label", "Transaction 0034 6123 45678 done", nil},
		{"00 times", "Watch schedule: 0030 1230 1830", nil},
		{"invoice in parentheses", "Telefono 02 1234567, fattura (3312345678)", []want{{TypePhone, "02 1234567"}}},
		{"list's next line", "Telefoni: 02 1234567\n          339 1234567", []want{{TypePhone, "02 1234567"}, {TypePhone, "339 1234567"}}},
		{"i call", "ti chiamo al 347 6953001 domani", []want{{TypePhone, "347 6953001"}}},
		{"reach the office", "You can reach the office on 020 8675 5507.", []want{{TypePhone, "020 8675 5507"}}},
		{"reached on", "She can be reached on (01) 552 9363 after five.", []want{{TypePhone, "(01) 552 9363"}}},
		{"my name is", "mi chiamo Giulia; la tessera fedeltà è 0612345678", nil},
		{"mortgage", "Tasso fisso 3,5%, mutuo n. 3312345678", nil},
		{"caller in code", "// caller owns ctx; maxBytes 3355443200", nil},
		{"future call", "Il corriere chiamerà il 02 60330070 prima della consegna.", []want{{TypePhone, "02 60330070"}}},
		{"reachable", "Sono reperibile al 329 7253321 dopo le 18.", []want{{TypePhone, "329 7253321"}}},
		{"area code slash", "Per urgenze contattare il 045/3509221", []want{{TypePhone, "045/3509221"}}},
		{"slash, no area code", "contattare il 2024/00123", nil},
		{"slash, mobile prefix", "mi trovi al numero 334/8583772", []want{{TypePhone, "334/8583772"}}},
		{"called back", "verrà ricontattato al  328 5893155 per il sopralluogo", []want{{TypePhone, "328 5893155"}}},
		{"voicemail", "Messaggio vocale da 347-6953001 – 14/02/2023 ore 11:15", []want{{TypePhone, "347-6953001"}}},
		{"slash, two groups after", "numero 045/350/9221", nil},
		{"italian toll-free", "numero verde 800 123 456", []want{{TypePhone, "800 123 456"}}},
		{"nanp bare", "my number is 4155550132", []want{{TypePhone, "4155550132"}}},
		{"nanp trunk bare", "My CN number is 13812345678", []want{{TypePhone, "13812345678"}}},
		{"strong word keeps a foreign plan", "phone 2448 6810 7795", []want{{TypePhone, "2448 6810 7795"}}},
		// Contact details given together: an address, then the number.
		{"after an address", "Customer Emily Morgan (emorgan@libero.it, 349 0111675) says", []want{{TypeEmail, "emorgan@libero.it"}, {TypePhone, "349 0111675"}}},
		{"after an address, o al", "è raggiungibile a sferri@yahoo.co.uk o al 06-00782424", []want{{TypeEmail, "sferri@yahoo.co.uk"}, {TypePhone, "06-00782424"}}},
		{"csv row", "Rossi;mario.rossi@acme.it;3494021183", []want{{TypeEmail, "mario.rossi@acme.it"}, {TypePhone, "3494021183"}}},
		{"address then no plan", "mario@acme.it, 1186409190", []want{{TypeEmail, "mario@acme.it"}}},
		{"address then date", "mario@acme.it, 2024-11-03", []want{{TypeEmail, "mario@acme.it"}}},
		{"address then a word", "mario@acme.it, ordine 3394021183", []want{{TypeEmail, "mario@acme.it"}}},
		{"address then short", "mario@acme.it 1234567", []want{{TypeEmail, "mario@acme.it"}}},
		{"not an address", "user@localhost, 3394021183", nil},
		{"address then an order column", "name,email,order_id\nBob,bob@acme.it,3029384756", []want{{TypeEmail, "bob@acme.it"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestPhoneWordsWhole: a phone word is a whole word about phones, or one
// of its inflections, not any word that starts with its letters, nor a
// name inside an e-mail address or a host name; a date followed by a time
// is no phone number; "(+39)" is the '+' form of a country code.
func TestPhoneWordsWhole(t *testing.T) {
	s := newTestScanner(t)
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		// The languages near English and Italian (German, French, Spanish,
		// Portuguese, Dutch): their words for a phone, and for a number
		// qualified as another kind.
		{"german rufnummer", "Bitte Rufnummer 0699/9281955 notieren", []want{{TypePhone, "0699/9281955"}}},
		{"german durchwahl", "Durchwahl 030 1234567", []want{{TypePhone, "030 1234567"}}},
		{"german erreichbar", "Ich bin erreichbar unter 0151 23456789", []want{{TypePhone, "0151 23456789"}}},
		{"french ligne directe", "ligne directe 01 70 88 75 07", []want{{TypePhone, "01 70 88 75 07"}}},
		{"french numero", "(achats), numéro 0626323406", []want{{TypePhone, "0626323406"}}},
		{"french client number", "numéro client 081983044", nil},
		{"spanish order number", "número de pedido 081983044", nil},
		{"spanish fijo", "fijo 0521 123456", []want{{TypePhone, "0521 123456"}}},
		{"spanish telefonico", "contacto telefónico 711 646 530", []want{{TypePhone, "711 646 530"}}},
		{"portuguese telem", "Telem. 964 223 973", []want{{TypePhone, "964 223 973"}}},
		{"dutch bellen op", "bellen op 06-67221451", []want{{TypePhone, "06-67221451"}}},
		{"dutch customer nummer", "klant nummer 0612345678", nil},
		{"italian you may reach me", "Nota: cliente urgente, mi trovate al 091/2294178", []want{{TypePhone, "091/2294178"}}},
		{"italian call me", "mi chiami pure al 041/5725318", []want{{TypePhone, "041/5725318"}}},
		{"toll-free", "customer service toll-free (IT) 800 756 665", []want{{TypePhone, "800 756 665"}}},
		{"call me back, a call", "mi richiami al 336-4523041? telefonata dal 373/2736932: ok", []want{{TypePhone, "336-4523041"}, {TypePhone, "373/2736932"}}},
		{"a reference, not a call", "una clausola che richiami art. 28 GDPR e Reg. (UE) 2022/2554 (DORA)", nil},
		{"another kind's number", "Juror Participant Number: 361265344; numero domanda 3471234567", nil},
		{"the caller", "The caller at 020 4790 9874 wants to replace the card; customer reachable at 011 2401852 after 5pm",
			[]want{{TypePhone, "020 4790 9874"}, {TypePhone, "011 2401852"}}},
		{"a misspelt word", "telefno 051/8329896, emial marco+x@gmail.com; telfono: 011 2302099", []want{{TypePhone, "051/8329896"}, {TypeEmail, "marco+x@gmail.com"}, {TypePhone, "011 2302099"}}},
		// Words that start with "tel" and are no phone words.
		{"telemetry", "telemetry batch 20241103 1130 processed", nil},
		// A timestamp without separators near a phone word.
		{"compact timestamp", "telefono sbagliato nel messaggio, MSH-7 20220128013303", nil},
		{"compact timestamp to the minute", "phone log 202401281330 entry", nil},
		{"telepass", "Telepass: codice contratto 9012345678, scadenza 12/2026", nil},
		{"telegram", "Abbonamento Telegram Premium, ordine 4965322638 del 04/08/2023", nil},
		{"telecom", "Telecom Italia fattura FT 2026/29066 del 07/11/2026", nil},
		{"television", "Television licence 2024 7788 1234 renewed", nil},
		{"cellar", "Cellar door 12 34 567 890", nil},
		{"dialog", "dialog id 0612345678 closed", nil},
		{"numerous", "numerous 3471234567 entries", nil},
		{"contactless", "contactless payment 3471234567", nil},
		// Inside an e-mail address or a host name.
		{"e-mail domain", "From: Paolo Neri <p.neri@telefonica.es>\nDate: 12/11/2025 09:27\nSubject: offerta",
			[]want{{TypeEmail, "p.neri@telefonica.es"}}},
		{"e-mail domain csv", "id,email,amount\n7,afontana@telefonica.es,€ 16.631.43", []want{{TypeEmail, "afontana@telefonica.es"}}},
		{"e-mail local part", "scrivi a mario.cell@example.org entro il 2024 0612 34", []want{{TypeEmail, "mario.cell@example.org"}}},
		{"host", "see www.telefono.it 02 8736 4410", nil},
		{"url", "https://tel.example.com/x 02 8736 4410", nil},
		{"bare domain", "telefonica.es 02 8736 4410", nil},
		// Whole words and their inflections.
		{"tel", "tel 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"tel.", "Tel. 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"tel:", "TEL: 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"tel. abbreviation", "Tel.uff. 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"telefono", "Telefono: 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"telefonico", "recapito telefonico 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"telefonare", "potete telefonare al 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"telephone", "Telephone 020 7946 0958", []want{{TypePhone, "020 7946 0958"}}},
		{"teléfono", "oppure Teléfono: 632 377 896", []want{{TypePhone, "632 377 896"}}},
		{"TELÉFONO", "TELÉFONO: 632 377 896", []want{{TypePhone, "632 377 896"}}},
		{"telefon", "Telefon: 030 1234567", []want{{TypePhone, "030 1234567"}}},
		{"cellulare", "cellulare 347 1234567", []want{{TypePhone, "347 1234567"}}},
		{"cell", "Cell. 347 1234567", []want{{TypePhone, "347 1234567"}}},
		{"cel.", "cel. 347 1234567", []want{{TypePhone, "347 1234567"}}},
		{"mob.", "Mob. 02 5413 5875", []want{{TypePhone, "02 5413 5875"}}},
		{"mob:", "mob: 347 123 4567", []want{{TypePhone, "347 123 4567"}}},
		// "cell" names a phone as its label, not in prose (cellInProse).
		{"radio cell", "MINOR Cell unavailable eNB alarm_id=38410051 node=NA3428", nil},
		{"cell then another id", "Device IMEI 352906111235752, last cell ECI 82882823, test ref 7e9b7849.", nil},
		{"my cell is", "my cell is 347 123 4567", []want{{TypePhone, "347 123 4567"}}},
		{"cell number", "Cell number: 02 5413 5875", []want{{TypePhone, "02 5413 5875"}}},
		// A signature's dash between an address and the number (addressBefore).
		{"signature dash", "Marina Sorrentino – Ufficio tecnico – msorrentino78@staff.lanificioberti.com – 071/8420753",
			[]want{{TypeEmail, "msorrentino78@staff.lanificioberti.com"}, {TypePhone, "071/8420753"}}},
		{"dash then a date", "mail a@b.it - 2024-05-12 10:30", []want{{TypeEmail, "a@b.it"}}},
		{"mob without its dot", "the mob 02 5413 5875", nil},
		{"called", "Customer called from 055 9919866 disputing", []want{{TypePhone, "055 9919866"}}},
		{"chiamami", "chiamami al 347 1234567", []want{{TypePhone, "347 1234567"}}},
		{"recapiti", "Recapiti: 347 1234567", []want{{TypePhone, "347 1234567"}}},
		{"reach me", "reach me at 347 1234567", []want{{TypePhone, "347 1234567"}}},
		{"field path", "customer.phone = 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"contatti", "Contatti: 347 1234567", []want{{TypePhone, "347 1234567"}}},
		{"num.", "num. 347 1234567", []want{{TypePhone, "347 1234567"}}},
		{"téléphone", "le client Téléphone: 01 26 26 61 13 après 17h", []want{{TypePhone, "01 26 26 61 13"}}},
		{"TÉLÉPHONE", "TÉLÉPHONE  01 31 85 06 83\nCarte", []want{{TypePhone, "01 31 85 06 83"}}},
		{"tél.", "Tél. : 06 01 90 06 72", []want{{TypePhone, "06 01 90 06 72"}}},
		{"TÉL", "TÉL 06 01 90 06 72", []want{{TypePhone, "06 01 90 06 72"}}},
		{"portable", "mon portable 06 01 90 06 72", []want{{TypePhone, "06 01 90 06 72"}}},
		{"mobil", "Mobil: 0151 62027809", []want{{TypePhone, "0151 62027809"}}},
		{"handy", "Handy 0151 62027809", []want{{TypePhone, "0151 62027809"}}},
		{"mobility", "Mobility 0151 62027809", nil},
		{"handyman", "handyman 0151 62027809", nil},
		{"télévision", "télévision 06 01 90 06 72", nil},
		// A date and a time.
		{"date time", "Tel: 12/11/2025 09:27", nil},
		{"iso date time", "Tel: 2025-11-12 09:27", nil},
		{"dotted date time", "tel 12.11.2025 09:27", nil},
		{"not one separator", "tel 12/11-2025 09 12", []want{{TypePhone, "12/11-2025 09 12"}}},
		// The country code in parentheses.
		{"paren cc", "Servizio Clienti\n(+39) 347 1234567", []want{{TypePhone, "(+39) 347 1234567"}}},
		{"paren cc pipe", "Mario Rossi | (+39) 02 8736 4410 | Milano", []want{{TypePhone, "(+39) 02 8736 4410"}}},
		{"paren cc tight", "(+44)20 7946 0958", []want{{TypePhone, "(+44)20 7946 0958"}}},
		{"paren cc nanp", "ph (+1) 415 555 0132", []want{{TypePhone, "(+1) 415 555 0132"}}},
		{"paren cc zero", "(+039) 02 8736 4410", nil},
		{"paren cc short", "(+39) 1234", nil},
		{"paren unclosed", "(+39 347 1234567", []want{{TypePhone, "+39 347 1234567"}}},
		{"paren after a word", "x(+39) 347 1234567", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// sumInts is the sum of xs (a number's digits from its groups' lengths).
func sumInts(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// TestPhoneNotIMEI: 15 digits with a Luhn check digit, without '+' or an
// international prefix, are a device's IMEI (or an Amex card), whatever
// phone word the sentence has; with the 00 prefix they may be a phone.
func TestPhoneNotIMEI(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	imei := genLuhn(r, "35", 15)
	grouped := imei[:2] + "-" + imei[2:8] + "-" + imei[8:14] + "-" + imei[14:]
	intl := genLuhn(r, "0044", 15)
	for _, tt := range []struct {
		text  string
		wants []want
	}{
		{"The IMEI of the lost phone is " + imei + ", how do I block it?", nil},
		{"L'IMEI del telefono rubato è " + grouped + ", come lo blocco?", nil},
		{"tel. " + intl, []want{{TypePhone, intl}}},
		{"tel. " + imei[:14], []want{{TypePhone, imei[:14]}}},
	} {
		checkFindings(t, s, tt.text, tt.wants)
	}
}
