package detect

import "strings"

// A table names its cells' values by its header (phonetable.go has the
// same tables for phone numbers): a column headed by a password word
// ("| User | Password |", "username,password" in a CSV export) holds
// passwords, and in a table of fields and values ("| password | x |") the
// cell after a password word's is its value.

// tableCellNear reports whether a table's separator stands around the word
// at h (across spaces and decoration): passwordCell's cheap first test. A
// tab is decoration and a separator (TSV's, a table copied from a page):
// met, it is the separator.
func tableCellNear(text string, h int) bool {
	i := h
	for i > 0 && h-i < 4 && text[i-1] != '\t' && strings.IndexByte(cellDecoration, text[i-1]) >= 0 {
		i--
	}
	if i == 0 || strings.IndexByte(tableSeps+"\n", text[i-1]) >= 0 {
		return true
	}
	e := spanClass(text, h, 64, cWordDash)
	for e < len(text) && e-h < 72 && text[e] != '\t' && strings.IndexByte(cellDecoration, text[e]) >= 0 {
		e++
	}
	return e == len(text) || strings.IndexByte(tableSeps+"\n", text[e]) >= 0
}

// passwordCell handles the password word at h when it is the whole of a
// table cell — Markdown ('|'), TSV, ';' or ',' separated, the word
// decorated with spaces, quotes, '*' or '`' at most: in the block's first
// line (its header) it emits the values of the column below, up to a line
// of another shape; in a later line, the next cell of the row. Each value
// is judged as a bare assigned one (placeholders, templates and values that
// do not look generated are none). It returns where the detector goes on:
// past the word's line (a header's column is read once, for its first
// password word; a row once, for its first; the rows below a header are
// still read for their own password words), 0 if the word is in no table,
// -1 if its line is longer than maxCellLine bytes, no table's (the caller
// then skips the line's other words: a text of one long line of password
// words would cost a bounded search at each).
func passwordCell(t *Text, h int) int {
	text := t.S
	// The identifier holding the word, which must name a password as
	// passwordAt's do (db_password, SMTP_PASSWORD; not password_hash,
	// whose column holds hashes).
	_, n := passwordWordAt(text, h)
	e := passwordIdentEnd(text, h, n)
	if n == 0 || e < 0 {
		return 0
	}
	b := spanClassBack(text, h, h-64, cWordDash)
	// The line, if it is short enough (searched no farther).
	ls, ok := lineStart(text, h, maxCellLine)
	if !ok {
		return -1
	}
	le, ok := lineEnd(text, h, ls+maxCellLine)
	if !ok {
		return -1
	}
	for k := 0; k < len(tableSeps); k++ {
		sep := tableSeps[k]
		bs, be := cellsOf(text, ls, le, sep)
		if h < bs || h >= be {
			continue
		}
		cs := strings.LastIndexByte(text[bs:h], sep) + 1 + bs
		ce := cellEnd(text, h, be, sep)
		if !wholeCell(text, cs, ce, b, e) {
			continue
		}
		n := strings.Count(text[bs:be], string(sep))
		if n == 0 {
			continue
		}
		if ls == 0 || prevLineSeps(text, ls, sep) != n {
			// A table of fields without a header: its first row's next
			// cell holds a value beyond doubt ("| db_password | Zan$ezYA
			// |\n| db_user | app |": not a column of values below).
			if ce < be {
				if s, e, ok := cellValue(text, ce+1, cellEnd(text, ce+1, be, sep)); ok && charKinds(text[s:e]) >= 3 {
					t.Emit(s, e)
					return le
				}
			}
			// The header: the column's cells in the lines below.
			col := strings.Count(text[bs:cs], string(sep))
			for row, lines := le+1, 0; row < len(text) && lines < maxTableLines; lines++ {
				re, ok := lineEnd(text, row, row+maxCellLine)
				if !ok {
					break // a line too long for a table's
				}
				if sep == '|' && ruleLine(text, row, re) {
					row = re + 1 // a rule between the lines (mysql's, psql's)
					continue
				}
				rbs, rbe := cellsOf(text, row, re, sep)
				if strings.Count(text[rbs:rbe], string(sep)) != n {
					break
				}
				c, e := cellAt(text, rbs, rbe, sep, col)
				if s, e, ok := cellValue(text, c, e); ok {
					t.Emit(s, e)
				}
				row = re + 1
			}
			return le
		}
		// A row of a table of fields: the next cell is the value.
		if ce < be {
			if s, e, ok := cellValue(text, ce+1, cellEnd(text, ce+1, be, sep)); ok {
				t.Emit(s, e)
			}
		}
		return le
	}
	return 0
}

// prevLineSeps counts the separators sep of the line before the one at ls
// (ls > 0): -1 if it is longer than maxCellLine (no table's line).
func prevLineSeps(text string, ls int, sep byte) int {
	ps, ok := lineStart(text, ls-1, maxCellLine)
	if !ok {
		return -1
	}
	if sep == '|' && ps > 0 && ruleLine(text, ps, ls-1) {
		// A rule (mysql's, psql's): the line before it.
		pe := ps - 1
		if ps, ok = lineStart(text, pe, maxCellLine); !ok {
			return -1
		}
		return separators(text, ps, pe, sep)
	}
	return separators(text, ps, ls-1, sep)
}

// maxCellLine bounds the length of a table's line, as passwordCell and
// columnWord read them: a longer line is no table's.
const maxCellLine = 4 << 10

// cellDecoration holds the bytes that may stand around a word in a table
// cell: spaces, quotes, Markdown's '*' and '`', a line's '\r'.
const cellDecoration = " \t\"'*`\r"

// wholeCell reports whether the cell text[cs:ce] holds only the identifier
// text[b:e], with spaces, quotes, '*' or '`' around it.
func wholeCell(text string, cs, ce, b, e int) bool {
	if b < cs || e > ce {
		return false
	}
	for i := cs; i < ce; i++ {
		if i == b {
			i = e - 1
			continue
		}
		if strings.IndexByte(cellDecoration, text[i]) < 0 {
			return false
		}
	}
	return true
}

// cellValue returns the value of the cell text[c:e] without the spaces,
// quotes or Markdown around it, if it is one token judged as an assigned
// bare value: no template, placeholder or URL, and generated-looking.
func cellValue(text string, c, e int) (int, int, bool) {
	c, e = trimBlanks(text, c, e)
	for _, q := range [...]string{"**", "`", "\"", "'"} {
		if e-c > 2*len(q) && strings.HasPrefix(text[c:e], q) && strings.HasSuffix(text[c:e], q) {
			c, e = c+len(q), e-len(q)
			break
		}
	}
	v := text[c:e]
	if len(v) < 4 || len(v) > 128 || strings.ContainsAny(v, " \t") || standIn(v) || urlValue(v) ||
		!looksRandom(v) || configKey(v) || hexDigest(v) {
		return 0, 0, false
	}
	return c, e, true
}

// hexDigest reports a digest's length of small hex digits (MD5, SHA-1,
// SHA-256, SHA-512): in a column of passwords, the legacy schema's hashes
// of them.
func hexDigest(v string) bool {
	switch len(v) {
	case 32, 40, 64, 128:
		return spanClass(v, 0, len(v), cLowerHex) == len(v)
	}
	return false
}

// configKey reports a key of a table of settings rather than a value:
// letters in one case (or small ones) joined by '_' or '.', no digit
// (db_host, DB_HOST, smtp.user), the next row's key under a password row.
func configKey(v string) bool {
	if strings.IndexAny(v, "_.") < 0 || charKinds(v) > 2 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !isAlpha(v[i]) && v[i] != '_' && v[i] != '.' {
			return false
		}
	}
	return true
}

// passwordFixedColumn handles the password word at h when it heads a
// column of a fixed-width table underlined by a rule — sqlite's .mode
// column, SQL*Plus and sqlcmd ("----  ------"), a report's "====  ====":
// the identifier holding it is a whole cell (two spaces or the line's
// edge on either side) of a header of two cells or more, and the line
// below is a rule whose dashes span its column. It emits the column's
// values in the lines below (judged as cellValue does), up to a blank
// line, and returns the end of the last line read; 0 if the word heads no
// such column. (Without the rule a line of words apart by two spaces is
// as often prose laid out by hand: the columns are not read.)
func passwordFixedColumn(t *Text, h int) int {
	text := t.S
	_, n := passwordWordAt(text, h)
	e := passwordIdentEnd(text, h, n)
	if n == 0 || e < 0 {
		return 0
	}
	// The cell's start: two spaces before it, or only spaces back to the
	// line's start (tested before the line is searched for: most words are
	// in prose).
	b := spanClassBack(text, h, h-64, cWordDash)
	if p := byteAt(text, b-1); b > 0 && p != '\n' && !(p == ' ' && byteAt(text, b-2) == ' ') &&
		!(p == ' ' && (b == 1 || text[b-2] == '\n')) {
		return 0
	}
	ls, ok := lineStart(text, b, maxFixedWidth)
	if !ok {
		return 0
	}
	le, ok := lineEnd(text, e, e+maxFixedWidth)
	if !ok {
		return 0
	}
	if after := strings.TrimRight(text[e:le], "\r"); after != "" && !strings.HasPrefix(after, "  ") || !twoCells(text[ls:le]) {
		return 0
	}
	// The rule below, and its dashes under the header cell.
	rs := le + 1
	re, ok := lineEnd(text, min(rs, len(text)), rs+maxFixedWidth)
	if rs >= len(text) || !ok {
		return 0
	}
	rule := strings.TrimRight(text[rs:re], "\r")
	gs, ge, ok := ruleGroup(rule, charsIn(text[ls:b]))
	if !ok {
		return 0
	}
	end := re
	for row := re + 1; row < len(text); {
		rend, ok := lineEnd(text, row, row+maxFixedWidth)
		if !ok || blankLine(text[row:rend]) {
			break
		}
		// The cell's first byte at the column's first character (or,
		// right-aligned, later within it), up to a space.
		c, k := row, 0
		for c < rend && k < gs {
			if c++; c == rend || text[c]&0xc0 != 0x80 {
				k++
			}
		}
		for c < rend && k < ge && text[c] == ' ' {
			c, k = c+1, k+1
		}
		if c < rend && k < ge && (c == row || text[c-1] == ' ') {
			ce := c
			for ce < rend && text[ce] != ' ' {
				ce++
			}
			if s, e, ok := cellValue(text, c, ce); ok {
				t.Emit(s, e)
			}
		}
		end, row = rend, rend+1
	}
	return end
}

// ruleGroup returns the run of '-' or '=' [gs, ge) of the rule under a
// fixed-width table's header that spans column col (the rule's bytes are
// its characters); not ok if the line is no such rule: dashes or '=' in
// two runs or more, apart by spaces, and nothing else.
func ruleGroup(rule string, col int) (gs, ge int, ok bool) {
	groups := 0
	gs, ge = -1, -1
	for i := 0; i < len(rule); {
		switch rule[i] {
		case ' ':
			i++
			continue
		case '-', '=':
		default:
			return 0, 0, false
		}
		s := i
		for i < len(rule) && rule[i] == rule[s] {
			i++
		}
		if i-s < 2 {
			return 0, 0, false
		}
		groups++
		if s <= col && col < i {
			gs, ge = s, i
		}
	}
	return gs, ge, groups >= 2 && gs >= 0
}
