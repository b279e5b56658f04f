package detect

import "strings"

// A phone number in a table is often far from its column's header
// ("Telefono", "Phone", "Cell"), which names it as a phone word before it
// would: columnWord lets the header count for the cells of its column.
//
// A table is a block of lines that each hold the same number (one or
// more) of one separator: '|' (Markdown, whose pipes at either end of a
// line are optional and not counted), a tab (TSV), ';' or ',' (CSV). A
// line with another number of them, a blank line or the text's start
// ends the block; its first line is the header (a Markdown table's
// "|---|---|" row is one of the block's lines). A column is the cells
// after the same number of separators in each line. The number must
// start its cell (after spaces or quotes only): a number inside a cell's
// text is not what the header names.
//
// pg_dump writes a table's rows tab-separated after a line "COPY
// public.pazienti (id, nome, telefono) FROM stdin;" and up to a line
// "\.": there the COPY line's column list is the header, and the block's
// first line a row, when the rows have one tab fewer than the list has
// names. Tables aligned by spaces are read in phonefixed.go.
//
// A rule between a '|' table's lines — mysql's and tabulate's
// "+----+------+", psql's "----+------" under its header — is no line of
// the block: the lines on either side are (ruleLine).

// maxTableLines bounds how far columnWord looks back for a header, in
// lines from the number's (or from the last line it found in the same
// table).
const maxTableLines = 4096

// tableSeen is the table columnWord found last in a text: numbers come in
// ascending order, so a later one in the same table reads only the lines
// between.
type tableSeen struct {
	ok     bool
	sep    byte
	hsep   byte  // the header's separator: sep, or ',' for a COPY line's column list
	n      int32 // separators a line
	hs, he int32 // the header line, or list; hs < 0: none within maxTableLines
	row    int32 // the start of the last line found in the table
	fixed  fixedSeen
}

const maxInt32 = 1<<31 - 1

// tableSeps are the separators of table cells, in the order columnWord
// tries them.
const tableSeps = "|\t;,"

// columnWord returns nearStrong or nearWeak if the number at s starts a
// cell of a table whose column header holds a phone word of that kind,
// nearOther if the header ends with the name of another kind of number
// ("IMEI", "Order", numberKinds), else 0.
func (sc *phoneScan) columnWord(t *Text, s int) uint8 {
	if !sc.hasContext(t) {
		return 0
	}
	text := t.S
	// A cell starts after a separator or at a line's start, and spaces
	// or quotes (most numbers follow a word: nothing more to read).
	b := s - 1
	for b >= 0 && (text[b] == ' ' || text[b] == '"' || text[b] == '\'') {
		b--
	}
	if b < 0 {
		return 0
	}
	if text[b] == '>' {
		if w := htmlColumnWord(t, b); w != 0 {
			return w
		}
	}
	if strings.IndexByte(tableSeps+"\n", text[b]) < 0 {
		if text[s-1] == ' ' && byteAt(text, s-2) == ' ' {
			return sc.fixedColumn(t, s)
		}
		return 0
	}
	w, ls, found := sc.table.headerWord(text, s, func(c, ce int) uint8 { return cellWord(t, c, ce) })
	if w != 0 || ls == 0 {
		return w
	}
	if s == ls && found || text[s-1] == ' ' && byteAt(text, s-2) == ' ' {
		return sc.fixedColumn(t, s)
	}
	return 0
}

// headerWord returns what word says (nonzero: it names something) of the
// header cell text[c:ce] of the column whose cell the value at s starts, in
// a table of separators (tableSeps, tried in order, the first that names
// something), or 0; and the start of s's line and whether it was found
// within maxCellLine (a line of its own that short). The first line has
// no header above it (ls 0).
func (ts *tableSeen) headerWord(text string, s int, word func(c, ce int) uint8) (w uint8, ls int, found bool) {
	// The value's line, if it is short enough for a table's
	// (maxCellLine): each value reads its line, and a text of one long
	// line of numbers would be read once a number.
	ls, found = lineStart(text, s, maxCellLine)
	if ls == 0 {
		return 0, 0, found // the first line: no header above it
	}
	le, ok := lineEnd(text, s, ls+maxCellLine)
	if !ok || !found {
		return 0, ls, found // too long: no table of separators
	}
	for k := 0; k < len(tableSeps); k++ {
		sep := tableSeps[k]
		bs, be := cellsOf(text, ls, le, sep)
		n := strings.Count(text[bs:be], string(sep))
		if n == 0 || s < bs || s >= be {
			continue
		}
		// The cell the value starts.
		cs := strings.LastIndexByte(text[bs:s], sep) + 1 + bs
		if strings.Trim(text[cs:s], " \"'") != "" {
			continue
		}
		col := strings.Count(text[bs:cs], string(sep))
		hs, he, hsep, ok := ts.header(text, ls, sep, n)
		if !ok {
			continue
		}
		// The header's cell of the column.
		hbs, hbe := cellsOf(text, hs, he, hsep)
		c, ce := cellAt(text, hbs, hbe, hsep, col)
		if w := word(c, ce); w != 0 {
			return w, ls, found
		}
	}
	return 0, ls, found
}

// cellWord returns what the header cell text[c:ce] names: nearStrong or
// nearWeak for a phone word of that kind, nearOther if it ends with the
// name of another kind of number (read in the cell: an empty cell after
// "IMEI\t" names nothing), else 0. (t.Near: a table with a phone word in
// every row has many, searched among, not read at each number.)
func cellWord(t *Text, c, ce int) uint8 {
	cell := strings.TrimRight(t.S[c:ce], " \"'\r")
	kind, at := lettersBefore(cell, len(cell), " \t-_")
	if genericNumber(kind) {
		// "VAT number", "vat_number", "Order No": the kind is the word
		// before (a weak phone word, "number", names nothing then).
		kind, at = lettersBefore(cell, at, " \t-_")
	}
	// The kind named last wins over a phone word before it: cell_id,
	// "Mobile model" head no phones; "Caller ID" is the phone's own.
	switch {
	case numberKinds.has(kind) && !(equalFold(kind, "id") && equalFold(letterWordBefore(cell, at), "caller")):
		return nearOther
	case t.Near(phoneWords, ce, ce-c):
		return nearStrong
	case t.Near(phoneWeakWords, ce, ce-c):
		return nearWeak
	}
	return 0
}

// genericNumber reports a word that says "number" and no more of what kind.
func genericNumber(w string) bool { return amongFold(w, genericNumbers) }

var genericNumbers = []string{"number", "num", "no", "nr", "numero", "nummer"}

// cellsOf returns the part of the line text[ls:le] that holds its cells
// separated by sep: for '|', without a pipe at either end (and the
// spaces or '\r' beside it).
func cellsOf(text string, ls, le int, sep byte) (int, int) {
	if sep != '|' {
		return ls, le
	}
	bs, be := trimBlanks(text, ls, le)
	if bs < be && text[bs] == '|' {
		bs++
	}
	if be > bs && text[be-1] == '|' {
		be--
	}
	return bs, be
}

// cellAt returns the cell of column col (from 0) of the cells text[bs:be]
// separated by sep: text[c:e]. The line must have more than col
// separators.
func cellAt(text string, bs, be int, sep byte, col int) (c, e int) {
	c = bs
	for range col {
		c += strings.IndexByte(text[c:be], sep) + 1
	}
	return c, cellEnd(text, c, be, sep)
}

// cellEnd returns where the cell that starts at c ends: at the next
// separator sep before be, or at be.
func cellEnd(text string, c, be int, sep byte) int {
	if i := strings.IndexByte(text[c:be], sep); i >= 0 {
		return c + i
	}
	return be
}

// header returns the header line [hs, he) of the table whose line starts
// at ls, with n separators sep a line, and the separator of its cells
// (sep, or ',' for a COPY line's column list); not ok where that line is
// the block's first, but for a COPY's (or the header lies farther than
// maxTableLines).
func (ts *tableSeen) header(text string, ls int, sep byte, n int) (hs, he int, hsep byte, ok bool) {
	cur := ls
	for range maxTableLines {
		if ts.ok && ts.sep == sep && int(ts.n) == n && int(ts.row) == cur {
			// A line of the table found last: its header.
			ts.row = int32(ls)
			return int(ts.hs), int(ts.he), ts.hsep, ts.hs >= 0
		}
		if cur == 0 {
			break
		}
		pe := cur - 1 // the '\n' before the line at cur
		ps := strings.LastIndexByte(text[:pe], '\n') + 1
		if sep == '|' && ps > 0 && ruleLine(text, ps, pe) {
			// A rule: the line before it, if it is the table's.
			if rs := strings.LastIndexByte(text[:ps-1], '\n') + 1; separators(text, rs, ps-1, sep) == n {
				cur = rs
				continue
			}
			break
		}
		if separators(text, ps, pe, sep) != n {
			break
		}
		cur = ps
	}
	hs, he, hsep = cur, 0, sep
	if cur != 0 {
		pe := cur - 1
		ps := strings.LastIndexByte(text[:pe], '\n') + 1
		a, b, copyLine := 0, 0, false
		if sep == '\t' {
			a, b, copyLine = copyColumns(text, ps, pe)
		}
		switch {
		case separators(text, ps, pe, sep) == n:
			hs = -1 // too many lines: none, for this line and the table's next
		case copyLine:
			// The rows of a COPY: named by its list if they have as
			// many cells as it names, else by nothing.
			hs = -1
			if strings.Count(text[a:b], ",") == n {
				hs, he, hsep = a, b, ','
			}
		}
	}
	if hs == ls {
		return 0, 0, 0, false // the table's first line: no header above it
	}
	if hs == cur {
		he = cur + strings.IndexByte(text[cur:], '\n')
	}
	if ls <= maxInt32 {
		*ts = tableSeen{ok: true, sep: sep, hsep: hsep, n: int32(n), hs: int32(hs), he: int32(he), row: int32(ls), fixed: ts.fixed}
	}
	return hs, he, hsep, hs >= 0
}

// copyColumns returns where the column list of the line text[ls:le]
// stands (inside its parentheses) if it is a COPY … FROM stdin line, as
// pg_dump writes ahead of a table's rows; not ok if it is not one (FROM a
// file: no rows follow).
func copyColumns(text string, ls, le int) (a, b int, ok bool) {
	line := text[:le]
	if !hasPrefixFold(line, ls, "copy ") {
		return 0, 0, false
	}
	a = strings.IndexByte(line[ls:], '(') + ls + 1
	b = strings.IndexByte(line[a:], ')') + a
	if a == ls || b < a {
		return 0, 0, false
	}
	i := b + 1
	for i < le && line[i] == ' ' {
		i++
	}
	if !hasPrefixFold(line, i, "from ") {
		return 0, 0, false
	}
	for i += 5; i < le && line[i] == ' '; i++ {
	}
	if !hasPrefixFold(line, i, "stdin") || isWord(byteAt(line, i+5)) {
		return 0, 0, false
	}
	return a, b, true
}

// separators counts the separators sep between the cells of the line
// text[ls:le].
func separators(text string, ls, le int, sep byte) int {
	bs, be := cellsOf(text, ls, le, sep)
	return strings.Count(text[bs:be], string(sep))
}

// ruleLine reports whether the line text[ls:le] is a rule drawn between a
// '|' table's lines: dashes or '=' (three at least), with '+', '|' or ':'
// where the columns meet, and spaces.
func ruleLine(text string, ls, le int) bool {
	dashes := 0
	for i := ls; i < le; i++ {
		switch text[i] {
		case '-', '=':
			dashes++
		case '+', '|', ':', ' ', '\t', '\r':
		default:
			return false
		}
	}
	return dashes >= 3
}

// htmlReach bounds how far back htmlColumnWord reads an HTML table.
const htmlReach = 2048

// htmlColumnWord is columnWord for a number that starts an HTML table's
// data cell (b: the '>' of its <td> tag): what the header cell of its
// column names — the cell at its index in the nearest row of <th> cells
// above its row (the header's text up to its first tag). 0 if none within
// htmlReach bytes, or a <table> tag comes between.
func htmlColumnWord(t *Text, b int) uint8 {
	text := t.S
	lo := max(0, b-htmlReach)
	// prevTag returns the tag of names that starts last before i, skipping
	// others: its '<' and name, or -1 and "" (at lo, or a <table>).
	prevTag := func(i int, names ...string) (int, string) {
		for {
			k := strings.LastIndexByte(text[lo:i], '<')
			if k < 0 {
				return -1, ""
			}
			i = lo + k
			if htmlTagAt(text, i, "table") {
				return -1, ""
			}
			for _, n := range names {
				if htmlTagAt(text, i, n) {
					return i, n
				}
			}
		}
	}
	o := lo + strings.LastIndexByte(text[lo:b], '<')
	if o < lo || !htmlTagAt(text, o, "td") {
		return 0
	}
	// The cell's index in its row, then the header row above the row.
	col, row := 0, o
	for {
		i, n := prevTag(row, "td", "th", "tr")
		if i < 0 {
			return 0
		}
		row = i
		if n == "tr" {
			break
		}
		col++
	}
	th, _ := prevTag(row, "th")
	if th < 0 {
		return 0
	}
	hr, _ := prevTag(th, "tr")
	if hr < 0 {
		return 0
	}
	// Its cells in order, to the one at col (none if the row ends first).
	for i, n := hr+1, 0; i < row; i++ {
		k := strings.IndexByte(text[i:row], '<')
		if k < 0 {
			return 0
		}
		i += k
		if htmlTagAt(text, i, "tr") {
			return 0 // the header row ended
		}
		if !htmlTagAt(text, i, "th") && !htmlTagAt(text, i, "td") {
			continue
		}
		if n < col {
			n++
			continue
		}
		c := strings.IndexByte(text[i:row], '>')
		if c < 0 {
			return 0
		}
		c += i + 1
		ce := c
		if k := strings.IndexByte(text[c:row], '<'); k >= 0 {
			ce += k
		} else {
			ce = row
		}
		return cellWord(t, c, ce)
	}
	return 0
}

// htmlTagAt reports whether an HTML tag named name opens at i ("<td>",
// "<TD class=x>"; not "<thead>" for th).
func htmlTagAt(text string, i int, name string) bool {
	return byteAt(text, i) == '<' && hasPrefixFold(text, i+1, name) && !isAlnum(byteAt(text, i+1+len(name)))
}
