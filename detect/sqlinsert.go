package detect

// SQL's INSERT INTO t (col, …) VALUES (v, …) names a value by position: the
// value of the password column is the password, as a key's value is.

// insertedValue handles the identifier text[st:e] holding a password word
// when it is a column of an INSERT's column list: it returns that column's
// value in the first row of VALUES, if it is a quoted literal (a bare NULL,
// DEFAULT, number, bind parameter or call is none) that is no template or
// placeholder.
func insertedValue(text string, st, e int) (int, int, bool) {
	// A quoted name: `password`, "password", [password].
	if q := byteAt(text, st-1); q == '`' || q == '"' || q == '[' {
		if q == '[' {
			q = ']'
		}
		if byteAt(text, e) != q {
			return 0, 0, false
		}
		st--
		e++
	}
	p := st - 1
	for p >= 0 && isSpace(text[p]) {
		p--
	}
	if b := byteAt(text, p); b != '(' && b != ',' {
		return 0, 0, false
	}
	n := skipSQLSpace(text, e)
	if b := byteAt(text, n); b != ',' && b != ')' {
		return 0, 0, false
	}
	// The column list: names, quotes, dots and commas back to '(' (the
	// column's index is the commas counted), then the table's name and
	// INTO.
	col := 0
	for ; p >= 0 && p > st-pairReach; p-- {
		c := text[p]
		if c == '(' {
			break
		}
		if c == ',' {
			col++
		} else if !is(c, cWordDashDot) && !isSpace(c) && c != '`' && c != '"' && c != '[' && c != ']' {
			return 0, 0, false
		}
	}
	if byteAt(text, p) != '(' {
		return 0, 0, false
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
		return 0, 0, false
	}
	// The list's end, VALUES, and the first row's value at col.
	for ; n < len(text) && n < e+pairReach && text[n] != ')'; n++ {
		if c := text[n]; c != ',' && !is(c, cWordDashDot) && !isSpace(c) && c != '`' && c != '"' && c != '[' && c != ']' {
			return 0, 0, false
		}
	}
	if byteAt(text, n) != ')' {
		return 0, 0, false
	}
	v := skipSQLSpace(text, n+1)
	if !hasPrefixFold(text, v, "values") || isWord(byteAt(text, v+6)) {
		return 0, 0, false
	}
	v = skipSQLSpace(text, v+6)
	if byteAt(text, v) != '(' {
		return 0, 0, false
	}
	v = sqlRowItem(text, v+1, col)
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

// sqlRowItem returns where item col (0 first) of the row whose items start
// at i begins (spaces skipped), or -1: items are separated by commas outside
// literals ('…', ” an escaped quote; "…") and parentheses (calls).
func sqlRowItem(text string, i, col int) int {
	depth := 0
	for lim := min(len(text), i+4096); i < lim; i++ {
		if col == 0 && depth == 0 {
			return skipSQLSpace(text, i)
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
				return -1 // the row's end: fewer items
			}
			depth--
		case ',':
			if depth == 0 {
				col--
			}
		}
	}
	return -1
}
