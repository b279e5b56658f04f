package detect

// SQL's INSERT INTO t (col, …) VALUES (v, …) names a value by position: the
// value of the password column is the password, as a key's value is.

// insertedValue handles the identifier text[st:e] holding a password word
// when it is a column of an INSERT's column list: it returns that column's
// value in the first row of VALUES, if it is a quoted literal (a bare NULL,
// DEFAULT, number, bind parameter or call is none) that is no template or
// placeholder. (insertedRows reads the rows after the first.)
func insertedValue(text string, st, e int) (int, int, bool) {
	row, col := insertColumn(text, st, e)
	if row < 0 {
		return 0, 0, false
	}
	return insertedItem(text, row, col)
}

// insertColumn returns, when the identifier text[st:e] is a column of an
// INSERT's column list followed by VALUES, where the first row's items
// start and the column's index; row is -1 if it is not.
func insertColumn(text string, st, e int) (row, col int) {
	// A quoted name: `password`, "password", [password].
	if q := byteAt(text, st-1); q == '`' || q == '"' || q == '[' {
		if q == '[' {
			q = ']'
		}
		if byteAt(text, e) != q {
			return -1, 0
		}
		st--
		e++
	}
	p := st - 1
	for p >= 0 && isSpace(text[p]) {
		p--
	}
	if b := byteAt(text, p); b != '(' && b != ',' {
		return -1, 0
	}
	n := skipSQLSpace(text, e)
	if b := byteAt(text, n); b != ',' && b != ')' {
		return -1, 0
	}
	// The column list: names, quotes, dots and commas back to '(' (the
	// column's index is the commas counted), then the table's name and
	// INTO.
	for ; p >= 0 && p > st-pairReach; p-- {
		c := text[p]
		if c == '(' {
			break
		}
		if c == ',' {
			col++
		} else if !is(c, cWordDashDot) && !isSpace(c) && c != '`' && c != '"' && c != '[' && c != ']' {
			return -1, 0
		}
	}
	if byteAt(text, p) != '(' {
		return -1, 0
	}
	k := p
	for k > 0 && isSpace(text[k-1]) {
		k--
	}
	t := k
	for t > 0 && t > k-128 && (is(text[t-1], cWordDashDot) || text[t-1] == '`' || text[t-1] == '"' || text[t-1] == '[' || text[t-1] == ']') {
		t--
	}
	if t == k || !sqlWordBefore(text, t, "into") {
		return -1, 0
	}
	// The list's end, VALUES, and the first row's value at col.
	for ; n < len(text) && n < e+pairReach && text[n] != ')'; n++ {
		if c := text[n]; c != ',' && !is(c, cWordDashDot) && !isSpace(c) && c != '`' && c != '"' && c != '[' && c != ']' {
			return -1, 0
		}
	}
	if byteAt(text, n) != ')' {
		return -1, 0
	}
	v := skipSQLSpace(text, n+1)
	if !hasPrefixFold(text, v, "values") || isWord(byteAt(text, v+6)) {
		return -1, 0
	}
	v = skipSQLSpace(text, v+6)
	if byteAt(text, v) != '(' {
		return -1, 0
	}
	return v + 1, col
}

// insertedItem returns item col of the row whose items start at row, if
// it is a quoted literal that is the whole item.
func insertedItem(text string, row, col int) (int, int, bool) {
	v, _ := sqlRowWalk(text, row, col)
	if v < 0 {
		return 0, 0, false
	}
	if q := byteAt(text, v); q != '\'' && q != '"' {
		return 0, 0, false
	}
	s, end, ok := quotedOrBare(text, v, false)
	// The literal is the whole item ('a' || 'b' is an expression).
	if b := byteAt(text, skipSQLSpace(text, end+1)); !ok || b != ',' && b != ')' {
		return 0, 0, false
	}
	return s, end, true
}

// insertedRows calls emit with the value of the column at col in each row
// of VALUES after the one whose items start at row — VALUES (…), (…), … —
// that insertedItem takes, up to maxInsertRows rows.
func insertedRows(text string, row, col int, emit func(s, e int)) {
	for range maxInsertRows {
		_, end := sqlRowWalk(text, row, -1)
		if end < 0 {
			return
		}
		n := skipSQLSpace(text, end+1)
		if byteAt(text, n) != ',' {
			return
		}
		n = skipSQLSpace(text, n+1)
		if byteAt(text, n) != '(' {
			return
		}
		row = n + 1
		if s, e, ok := insertedItem(text, row, col); ok {
			emit(s, e)
		}
	}
}

// maxInsertRows bounds the rows insertedRows reads after the first (a dump's
// INSERT may hold thousands: each is read within sqlRowWalk's bound).
const maxInsertRows = 1 << 12

// sqlRowWalk reads the row whose items start at i: it returns where item
// col (0 first) begins (spaces skipped), or -1 and where the row ends (its
// ')'), or -1 for both when neither is within 4 KB. Items are separated by
// commas outside literals ('…', ” an escaped quote; "…") and parentheses
// (calls). A negative col walks to the row's end.
func sqlRowWalk(text string, i, col int) (item, end int) {
	depth := 0
	for lim := min(len(text), i+4096); i < lim; i++ {
		if col == 0 && depth == 0 {
			return skipSQLSpace(text, i), -1
		}
		switch c := text[i]; c {
		case '\'', '"':
			for i++; i < lim && text[i] != c; i++ {
				if text[i] == '\\' {
					i++ // MySQL's \' (a doubled '' is two literals' worth of quotes: the same)
				}
			}
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return -1, i // the row's end: fewer items
			}
			depth--
		case ',':
			if depth == 0 {
				col--
			}
		}
	}
	return -1, -1
}
