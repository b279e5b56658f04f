package detect

import "strings"

// A phone word names the number of its own field, not the next field's:
// in {"support_phone":"07632 086112","ts":1715668683} the timestamp is
// the "ts" field's, in "SUPPORT_PHONE=…\nIMEI=351170558628471" the digits
// are the IMEI's. As with an SSN's nearest label (ssnLabelled), another
// field's label — a key followed by ':' or '=' (a JSON key, key=value,
// a YAML or INI key, "IMEI:") — standing between the phone word and a
// number takes the number over. What stays the phone field's: its own
// label ("Phone number:", "Tel. ufficio:", "Phone (office hours):"), the
// numbers of its value (a list, "02 … / 347 …"), and the sub-fields of
// its value: inside brackets or parentheses opened after the word
// ({"phone":{"office":…,"home":…}}, "(home: 06 …)"), or lines indented
// below a label whose value is a YAML block ("phone:\n  office: …").

// otherFieldLabel reports whether another field's label stands between
// the phone word starting at w and the number at at (w < at): a label
// met after the phone field ended (its value given and then a ',', ';',
// '&', a line break, or the bracket around it closed) or after content
// of its value ("phone=0287364410 ts=…"), and not inside the value's
// own brackets or YAML block.
func otherFieldLabel(text string, w, at int) bool {
	i := w
	for i < at && isFieldKeyByte(text[i]) {
		i++ // the rest of the word's key: "support_phone"
	}
	from := i      // where the phone field's value (or the word's phrase) starts
	sep := byte(0) // the phone field's own ':' or '=', once passed
	// Most words are a label's whole key ("Tel: 02 …") or prose: without
	// a ':' or '=' after the word's own, no label can stand between.
	k := labelMark(text, i, at)
	if k >= 0 && fieldKeyStart(text, k) >= 0 && fieldKeyStart(text, k) < from {
		sep, from, i = text[k], k+1, k+1
		k = labelMark(text, i, at)
	}
	if k < 0 {
		return false
	}
	done := false  // the phone field has ended
	depth := 0     // brackets opened (less closed) since the word
	block := false // the value is a YAML block: lines indented below the label's
	inBlock := false
	indent := -1 // the indentation of the phone word's line, once asked
	for ; i < at; i++ {
		switch c := text[i]; c {
		case '{', '[', '(':
			depth++
		case '}', ']', ')':
			depth--
			if depth < 0 {
				done = true // the structure holding the phone field closed
			}
		case ',', ';', '&':
			if depth == 0 && sep != 0 && !inBlock {
				done = true
			}
		case '\n':
			if depth > 0 {
				continue
			}
			if sep == ':' && !block && !holdsValue(text, from, i) {
				block = true // "phone:" and nothing more on its line
			}
			if block {
				if indent < 0 {
					indent = fieldIndent(text, fieldLineStart(text, w))
				}
				if inBlock = fieldIndent(text, i+1) > indent; !inBlock {
					done = true
				}
				continue
			}
			if sep == '=' || holdsValue(text, from, i) {
				done = true
			}
		case ':', '=':
			ks := fieldKeyStart(text, i)
			if ks < 0 {
				continue
			}
			if ks < from {
				// The phone word's own key.
				if sep == 0 {
					sep, from = c, i+1
				}
				continue
			}
			if depth > 0 || inBlock {
				continue // a sub-field of the phone field's value
			}
			if done || sep != 0 && holdsValue(text, from, ks) {
				return true
			}
			if sep == 0 {
				sep, from = c, i+1 // the word's label phrase: "Phone number:"
			}
		}
	}
	return false
}

// cellInProse reports whether the phone word at p is the bare "cell" with
// words of prose between it and the number at at: a network's radio cell
// ("Cell unavailable eNB alarm_id=38410051", "last cell ECI 82882823"), a
// sheet's or a prison's. As a phone's label the number follows it ("cell
// 347 …", "Cell: +1 …", "my cell is …", "cell number …").
func cellInProse(text string, p, at int) bool {
	if !hasPrefixFold(text, p, "cell") || isAlpha(byteAt(text, p+4)) {
		return false
	}
	for i := p + 4; i < at; {
		if !isAlpha(text[i]) {
			i++
			continue
		}
		e := spanClass(text, i, at-i, cAlpha)
		if !cellLabelWords.has(text[i:e]) {
			return true
		}
		i = e
	}
	return false
}

// cellLabelWords may stand between "cell" and its number.
var cellLabelWords = newWordList(`is number no nr num phone`)

// labelMark returns the first ':' or '=' in text[i:at], -1 if none.
func labelMark(text string, i, at int) int {
	g := text[i:at]
	k := strings.IndexByte(g, ':')
	if e := strings.IndexByte(g, '='); e >= 0 && (k < 0 || e < k) {
		k = e
	}
	if k < 0 {
		return -1
	}
	return i + k
}

// fieldKeyStart returns where the key ends text[k], a ':' or '=', starts: a
// run of key bytes holding a letter, then closing quotes (also escaped:
// \"ts\":) or a '#' ("DL#:"), and spaces; -1 if text[k] ends no key
// ("://", "::", "10:30", "==", "=>", "<=").
func fieldKeyStart(text string, k int) int {
	prev, next := byteAt(text, k-1), byteAt(text, k+1)
	if text[k] == ':' {
		if next == '/' || next == ':' || prev == ':' || isDigit(prev) && isDigit(next) {
			return -1
		}
	} else if next == '=' || next == '>' || prev == '=' || prev == '!' || prev == '<' || prev == '>' {
		return -1
	}
	j := spacesBefore(text, k)
	for j > 0 && (text[j-1] == '"' || text[j-1] == '\'' || text[j-1] == '\\') {
		j--
	}
	if j > 0 && text[j-1] == '#' {
		j = spacesBefore(text, j-1) // "DL#:", "Account #:": a number's key
	}
	e, letter := j, false
	for j > 0 && isFieldKeyByte(text[j-1]) {
		j--
		letter = letter || isAlpha(text[j]) || text[j] >= 0x80
	}
	if j == e || !letter {
		return -1
	}
	return j
}

// isFieldKeyByte reports whether c may be part of a key: letters (any
// script), digits, '_', '-', '.'.
func isFieldKeyByte(c byte) bool {
	return isAlnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80
}

// holdsValue reports whether text[a:b] holds a letter or a digit: a value.
func holdsValue(text string, a, b int) bool {
	for i := a; i < b; i++ {
		if c := text[i]; isAlnum(c) || c >= 0x80 {
			return true
		}
	}
	return false
}

// fieldLineStart returns the start of the line holding text[i].
func fieldLineStart(text string, i int) int { return strings.LastIndexByte(text[:i], '\n') + 1 }

// fieldIndent returns the indentation of the line starting at ls: its
// spaces and tabs, and a YAML list's "- " (the column its keys start
// at); a blank line is as deep as any (a block goes on past it).
func fieldIndent(text string, ls int) int {
	i := ls
	for i < len(text) {
		switch c := text[i]; {
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '-' && byteAt(text, i+1) == ' ':
			i += 2
			continue
		case c == '\n' || c == '\r':
			return 1 << 30
		}
		break
	}
	if i == len(text) {
		return 1 << 30
	}
	return i - ls
}

// signatureLabels are the one-letter labels a mail signature or a business
// card writes before its numbers ("T 020 8745 9776", "M: 07992 470251",
// "F. 02 …"): telephone, mobile, phone, fax, direct line; and French
// signatures' "Port." (portable) after their "Tél.".
const signatureLabels = "TMPFD"

// signatureLabel reports whether the number at at is given after a
// signature's label (signatureLabels, a capital) that starts its line
// (after indentation), with a ':' or '.' or blanks between: a phone word
// for that number, if it starts with a trunk prefix's 0 and an area code
// (a national number: "T 020 8745 9776", "M (0711) 678164"), as a letter
// before a count or a date ("M 17 500 000 units") does not. (International
// and North American numbers need no word.)
func signatureLabel(text string, at int) bool {
	// Most numbers fail the first test: here, inlined where asked.
	return at < len(text) && (text[at] == '0' || text[at] == '(') && signatureLabelAt(text, at)
}

// callerLabel reports whether the word "caller" labels the number at at,
// right before it ("caller 06 65957502", "Caller: 051/0495651"): a
// support ticket's field. Further off the word is a program's ("// caller
// owns ctx; maxBytes 3355443200"), no phone word.
func callerLabel(text string, at int) bool {
	// Most numbers fail the first test (the byte two back is the word's
	// last, a colon or a blank): here, inlined where asked.
	return at >= 7 && callerTail[text[at-2]] && callerLabelAt(text, at)
}

// callerTail holds the bytes that may stand two before a number labelled
// "caller".
var callerTail = [256]bool{'r': true, 'R': true, ':': true, ' ': true, '\t': true}

// callerLabelAt is callerLabel past its first test.
func callerLabelAt(text string, at int) bool {
	i := spacesBefore(text, at)
	if byteAt(text, i-1) == ':' {
		i = spacesBefore(text, i-1)
	}
	return i < at && i >= 6 && hasPrefixFold(text, i-6, "caller") && !isAlpha(byteAt(text, i-7))
}

// nameBefore reports whether the number at at follows a name — two
// capitalised words (a longer name's last two), neither a kind of
// number's (numberKinds), one space apart — and then a dash, a comma or a
// colon, or in parentheses: an address book's line ("Tommaso Coppola - 01
// 75 33 37 79"), a person and their number ("per Priya Schmidt (044 965
// 19 89)"). A word for that number if it fits a national plan (a trunk
// prefix's 0, an Italian mobile's 3: the plans a phone word admits,
// weakWordNumber) and is written in groups; the name's words alone, with
// nothing between, are a title's ("Modello Unico 2024 …").
func nameBefore(text string, at int) bool {
	// Most numbers fail the first test: here, inlined where asked.
	return at < len(text) && (text[at] == '0' || text[at] == '3' || text[at] == '(') && nameBeforeAt(text, at)
}

// nameBeforeAt is nameBefore past its first test.
func nameBeforeAt(text string, at int) bool {
	i := at
	if text[i] == '(' {
		i++ // the number's own parenthesis: "(02) 8736 4410"
	}
	if c := byteAt(text, i); c != '0' && c != '3' || spanWhile(text, i, 8, isDigit)-i == 8 {
		return false // (a run of digits, 3939838414, is as often an account's)
	}
	paren := byteAt(text, at-1) == '('
	i = at
	if paren {
		i--
	}
	i = spacesBefore(text, i)
	if !paren {
		if c := byteAt(text, i-1); c != '-' && c != ',' && c != ':' || i == at {
			return false // a separator, and a space after it
		}
		i = spacesBefore(text, i-1)
	}
	for words := 0; ; words++ {
		w, ws := lettersBefore(text, i, "")
		if len(w) < 2 || !isUpper(w[0]) || !isLower(w[1]) || numberKinds.has(w) {
			return false
		}
		if words == 1 {
			return true
		}
		if i = ws; byteAt(text, i-1) != ' ' {
			return false
		}
		i--
	}
}

// signatureLabelAt is signatureLabel past its first test.
func signatureLabelAt(text string, at int) bool {
	d := at // the first digit
	if text[d] == '(' {
		d++
	}
	if byteAt(text, d) != '0' || byteAt(text, d+1)-'1' >= 9 {
		return false // not a trunk prefix's 0 before an area code
	}
	i := spacesBefore(text, at)
	sep := i < at
	if i > 0 && (text[i-1] == ':' || text[i-1] == '.') {
		i, sep = i-1, true
	}
	if i >= 4 && text[i-4:i] == "Port" {
		i -= 3 // French "Port." (portable), a label as the letters are
	}
	if !sep || i == 0 || strings.IndexByte(signatureLabels, text[i-1]) < 0 {
		return false
	}
	i = spacesBefore(text, i-1)
	return i == 0 || text[i-1] == '\n'
}
