package detect

import "strings"

// A fixed-width table (a report, a query's output in a terminal) aligns
// its columns with spaces:
//
//	COGNOME        NOME       TELEFONO        CITTA
//	FONTANA        CHIARA     339 8129593     BARI
//
// Its lines are a block of consecutive lines that are not blank; its
// header is the block's first line of two cells or more (a title may
// stand above it), cells being separated by two spaces or more. A number
// is in the column of the header cell that starts at its column, counted
// in characters from its line's start, when it fills its cell: it starts
// its line or follows two spaces, and only phone punctuation follows it
// up to two spaces or the line's end; its line holds another cell too.
//
// A report pads each field to its width, so a text column's values start
// where its header does (left-aligned, the norm for text); counting
// characters, not bytes, absorbs the one common offset of a report (it
// pads by characters: "CITTÀ" or "Forlì" before the number takes one
// column, two bytes). Text taken from a PDF keeps the layout only
// roughly: a cell may start a column or three away from its header's
// (fixedSlack), and the nearest header cell is the number's. A paragraph
// with two spaces after its sentences rarely lines a number up under a
// phone word that starts a sentence, and then words follow it in its
// cell.

// maxFixedWidth is the farthest a fixed-width table's number is read
// from its line's start, in bytes, and maxFixedCell the longest cell (the
// number's, the header's): what is farther, or longer, is no such
// table's.
const (
	maxFixedWidth = 1024
	maxFixedCell  = 64
)

// fixedSlack is how many columns a fixed-width table's cell may start
// away from its header's.
const fixedSlack = 3

// fixedSeen is the fixed-width table fixedColumn found last in a text (as
// tableSeen for the tables of separators).
type fixedSeen struct {
	ok     bool
	hs, he int32 // the header line, to its end or '\r'; hs < 0: none within maxTableLines
	row    int32 // the start of the last line found in the table
}

// fixedColumn is columnWord for a number at s that starts its line or
// follows two spaces: what the header cell of its column in a fixed-width
// table names (cellWord), 0 if it is in none.
func (sc *phoneScan) fixedColumn(t *Text, s int) uint8 {
	text := t.S
	w := text[max(0, s-maxFixedWidth-1):s]
	i := strings.LastIndexByte(w, '\n')
	if i < 0 {
		return 0 // the first line (no header above it), or too far from its start
	}
	ls := s - len(w) + i + 1
	// The number fills its cell.
	e := s
	for e < len(text) && e-s <= maxFixedCell {
		c := text[e]
		if c == '\n' || c == '\r' || c == ' ' && byteAt(text, e+1) == ' ' {
			break
		}
		if phoneClass[c] == 0 && c != '+' {
			return 0
		}
		e++
	}
	if e-s > maxFixedCell {
		return 0
	}
	// Another cell in its line: before the number, or after it.
	if strings.TrimLeft(text[ls:s], " ") == "" {
		if byteAt(text, e) != ' ' {
			return 0
		}
		for e < len(text) && text[e] == ' ' {
			e++
		}
		if c := byteAt(text, e); c == 0 && e == len(text) || c == '\n' || c == '\r' {
			return 0
		}
	}
	hs, he, ok := sc.table.fixedHeader(text, ls)
	if !ok {
		return 0
	}
	// The number's column (characters: the bytes that do not continue a
	// UTF-8 sequence), and the header cell that starts nearest to it,
	// fixedSlack columns away at most.
	col := charsIn(text[ls:s])
	p, d := -1, fixedSlack+1
	for i, c := hs, 0; i < he && c <= col+fixedSlack; i++ {
		if text[i]&0xc0 == 0x80 {
			continue
		}
		if text[i] != ' ' && (i == hs || i-2 >= hs && text[i-1] == ' ' && text[i-2] == ' ') && max(c-col, col-c) < d {
			p, d = i, max(c-col, col-c)
		}
		c++
	}
	if p < 0 {
		return 0
	}
	ce := p
	for ce < he && ce-p <= maxFixedCell && !(text[ce] == ' ' && ce+1 < he && text[ce+1] == ' ') {
		ce++
	}
	if ce-p > maxFixedCell {
		return 0
	}
	return cellWord(t, p, ce)
}

// fixedHeader returns the header line [hs, he) (he before any '\r') of
// the fixed-width table whose line starts at ls, a line of two cells; not
// ok where that line is the first of two cells in its block (or the
// block's first line lies farther than maxTableLines).
func (ts *tableSeen) fixedHeader(text string, ls int) (hs, he int, ok bool) {
	f := &ts.fixed
	cur := ls
	for range maxTableLines {
		if f.ok && int(f.row) == cur {
			// A line of the table found last: its header.
			f.row = int32(ls)
			return int(f.hs), int(f.he), f.hs >= 0 && int(f.hs) < ls
		}
		if cur == 0 {
			break
		}
		pe := cur - 1 // the '\n' before the line at cur
		ps := strings.LastIndexByte(text[:pe], '\n') + 1
		if blankLine(text[ps:pe]) {
			break
		}
		cur = ps
	}
	hs = -1
	if cur == 0 || blankLine(text[strings.LastIndexByte(text[:cur-1], '\n')+1:cur-1]) {
		// The block's first line of two cells (ls's at the latest).
		for l := cur; l <= ls; {
			le, _ := lineEnd(text, l, len(text))
			ce := le
			if i := strings.IndexByte(text[l:le], '\r'); i >= 0 {
				ce = l + i
			}
			if twoCells(text[l:ce]) {
				hs, he = l, ce
				break
			}
			l = le + 1
		}
	}
	if ls <= maxInt32 {
		*f = fixedSeen{ok: true, hs: int32(hs), he: int32(he), row: int32(ls)}
	}
	return hs, he, hs >= 0 && hs < ls
}

// blankLine reports whether line holds only spaces, tabs or '\r'.
func blankLine(line string) bool {
	return strings.Trim(line, " \t\r") == ""
}

// twoCells reports whether line holds two cells of a fixed-width table:
// a byte other than a space, two spaces or more, and another.
func twoCells(line string) bool {
	line = strings.TrimLeft(line, " ")
	i := strings.Index(line, "  ")
	return i >= 0 && strings.TrimLeft(line[i:], " ") != ""
}
