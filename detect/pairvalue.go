package detect

import "strings"

// Name/value pairs: lists whose entries give a setting's name and its value
// as two fields of one object — Postman and Insomnia environments and
// collections ({"key":"DB_PASSWORD","value":"…","type":"secret"}), HAR
// params and Kubernetes env lists ({"name":"password","value":"…"},
// "- name: DB_PASSWORD\n  value: …"), CloudFormation parameters
// (ParameterKey/ParameterValue), a Terraform setting block (name = "…"
// value = "…"). There the password word is the name field's value, and the
// password is the value field of the same object, before or after it.

// pairNameFields and pairValueFields are the fields' names (lower case;
// compared ignoring case).
var (
	pairNameFields  = []string{"key", "name", "parameterkey"}
	pairValueFields = []string{"value", "parametervalue"}
)

// pairReach bounds how far from the name field the object's start (back)
// and the value field (on) are looked for.
const pairReach = 512

// valueNamedBy handles the identifier holding the password word at h and
// ending at e when it names a value given elsewhere: after ':' or '=', a
// name/value pair's name (pairedValue); after '(' or ',', a column of a SQL
// INSERT (insertedValue). The byte before the identifier (its quote and
// white space skipped) tells which, for one look back.
func valueNamedBy(text string, h, e int) (int, int, bool) {
	st := spanClassBack(text, h, h-64, cWordDashDot)
	p := st - 1
	if q := byteAt(text, p); q == '"' || q == '\'' || q == '`' || q == '[' {
		p--
	}
	for p >= 0 && isSpace(text[p]) {
		p--
	}
	switch byteAt(text, p) {
	case ':', '=':
		return pairedValue(text, st, e)
	case '(', ',':
		return insertedValue(text, st, e)
	case 'e':
		return variableDefault(text, st, e, p)
	}
	return 0, 0, false
}

// variableDefault handles the identifier text[st:e] holding a password word
// when it names a Terraform variable, "variable" ending at p: variable
// "db_password" { type = string … default = "…" }. The block's default, at
// the start of one of its lines, is the password, judged as an assigned
// value.
func variableDefault(text string, st, e, p int) (int, int, bool) {
	if w, _ := lettersBefore(text, p+1, ""); !equalFold(w, "variable") || byteAt(text, st-1) != '"' || byteAt(text, e) != '"' {
		return 0, 0, false
	}
	b := skipSpaces(text, e+1)
	if byteAt(text, b) != '{' {
		return 0, 0, false
	}
	end := min(len(text), b+512)
	for i := b + 1; i < end; i++ {
		switch text[i] {
		case '}':
			return 0, 0, false // the block's end (a nested one's: none holds a default)
		case '\n':
			k := skipSpaces(text, i+1)
			if !hasPrefixFold(text, k, "default") || isWord(byteAt(text, k+7)) {
				continue
			}
			if v := skipSpaces(text, k+7); byteAt(text, v) == '=' {
				return assignedValue(text, skipSpaces(text, v+1))
			}
		}
	}
	return 0, 0, false
}

// pairedValue handles the identifier text[st:e] holding a password word
// when it is the value of a name field: it returns the value field of the
// same object, judged as an assigned value (quoted, or bare and looking
// generated; no template or placeholder).
func pairedValue(text string, st, e int) (int, int, bool) {
	// The name's quotes, then ':' or '=' and the field's name.
	p := st - 1
	if q := byteAt(text, p); q == '"' || q == '\'' {
		if byteAt(text, e) != q {
			return 0, 0, false
		}
		p--
		e++
	}
	p = spacesBefore(text, p+1) - 1
	if b := byteAt(text, p); b != ':' && b != '=' {
		return 0, 0, false
	}
	p--
	p = spacesBefore(text, p+1) - 1
	fq := byteAt(text, p)
	if fq == '"' || fq == '\'' {
		p--
	} else {
		fq = 0
	}
	fs := p + 1
	for fs > 0 && fs > p-16 && isAlpha(text[fs-1]) {
		fs--
	}
	if !amongFold(text[fs:p+1], pairNameFields) {
		return 0, 0, false
	}
	if fq != 0 {
		if byteAt(text, fs-1) != fq {
			return 0, 0, false
		}
		fs--
	} else if isWord(byteAt(text, fs-1)) {
		return 0, 0, false
	}
	// A member of an object ({…}): after '{' or ','.
	if memberStart(text, fs) {
		return bracedPairValue(text, fs)
	}
	// A bare field name first on its line, the name last on it: a YAML or
	// HCL block, whose fields are the lines of the same indentation.
	if fq != 0 {
		return 0, 0, false
	}
	ls, ok := lineStart(text, fs, 128) // a key's indentation is shorter
	if !ok {
		return 0, 0, false
	}
	k := skipSpaces(text, ls)
	item := byteAt(text, k) == '-' && byteAt(text, k+1) == ' '
	if item {
		k = skipSpaces(text, k+1)
	}
	if k == fs {
		if n := skipSpaces(text, e); n == len(text) || text[n] == '\n' || text[n] == '\r' {
			return blockPairValue(text, ls, fs-ls, item)
		}
	}
	return 0, 0, false
}

// memberStart reports whether an object's member starts at f: '{' or ','
// before it, white space between (a field name inside a string, "key:
// password" in prose, is none).
func memberStart(text string, f int) bool {
	p := f - 1
	for p >= 0 && isSpace(text[p]) {
		p--
	}
	b := byteAt(text, p)
	return p >= 0 && (b == '{' || b == ',')
}

// amongFold reports whether w is one of the lower-case ASCII words ws,
// ignoring case.
func amongFold(w string, ws []string) bool {
	for _, x := range ws {
		if equalFold(w, x) {
			return true
		}
	}
	return false
}

// pairFieldValue reads the value after a value field's ':' or '=' at v:
// quoted (then typed as a string), or bare and looking generated; not a
// YAML tag, block indicator or anchor (!vault, |, >, &a).
func pairFieldValue(text string, v int) (int, int, bool) {
	if strings.IndexByte("!|>&", byteAt(text, v)) >= 0 {
		return 0, 0, false
	}
	return assignedValue(text, v)
}

// quotedEnd returns the end of the string quoted by text[i] (its closing
// quote's index, backslash escapes skipped), or -1 before limit.
func quotedEnd(text string, i, limit int) int {
	q := text[i]
	for k := i + 1; k < limit; k++ {
		switch text[k] {
		case '\\':
			k++
		case q:
			return k
		case '\n':
			return -1
		}
	}
	return -1
}

// escapedAt reports whether the byte at k is escaped: an odd number of
// backslashes before it.
func escapedAt(text string, k int) bool {
	n := 0
	for k-n > 0 && text[k-n-1] == '\\' {
		n++
	}
	return n&1 == 1
}

// bracedPairValue reads the value field of the object ({…}: JSON, a
// JavaScript literal, a YAML flow mapping) whose member starts at f: the
// object's start is found back from f (strings and nested objects and
// arrays skipped), then its members are read in order for a value field
// at its own level.
func bracedPairValue(text string, f int) (int, int, bool) {
	o, depth, in := -1, 0, byte(0)
	for k := f - 1; k >= 0 && k >= f-pairReach; k-- {
		c := text[k]
		if in != 0 {
			if c == in && !escapedAt(text, k) {
				in = 0
			}
			continue
		}
		switch c {
		case '"', '\'':
			if !escapedAt(text, k) {
				in = c
			}
		case '}', ']':
			depth++
		case '[':
			if depth == 0 {
				return 0, 0, false // an array's item, no object's member
			}
			depth--
		case '{':
			if depth == 0 {
				o = k
			}
			depth--
		}
		if o >= 0 {
			break
		}
	}
	if o < 0 {
		return 0, 0, false
	}
	limit := min(len(text), f+pairReach)
	key, depth := true, 0 // a member's name comes next
	for i := o + 1; i < limit; i++ {
		c := text[i]
		if key {
			if isSpace(c) {
				continue
			}
			ks, ke, j := i, i, i
			if c == '"' || c == '\'' {
				if j = quotedEnd(text, i, limit); j < 0 {
					return 0, 0, false
				}
				ks, ke, j = i+1, j, j+1
			} else {
				ke = spanClass(text, i, 32, cWordDash)
				j = ke
			}
			key = false
			j = skipSpaces(text, j)
			if b := byteAt(text, j); b == ':' || b == '=' {
				if amongFold(text[ks:ke], pairValueFields) {
					return pairFieldValue(text, skipSpaces(text, j+1))
				}
				i = j
				continue
			}
			i = j - 1
			continue
		}
		switch c {
		case '"', '\'':
			if i = quotedEnd(text, i, limit); i < 0 {
				return 0, 0, false
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return 0, 0, false // the object's end
			}
			depth--
		case ',':
			key = depth == 0
		}
	}
	return 0, 0, false
}

// blockPairValue reads the value field among the fields of a YAML or HCL
// block whose name field starts its line at ls, col bytes in; item: the
// line starts a YAML list item ("- name: …"). Fields of the same block are
// the lines whose key is at the same column: after the name field's line up
// to one less indented, and, unless it starts the item, before it up to the
// item's first line.
func blockPairValue(text string, ls, col int, item bool) (int, int, bool) {
	// Lines after.
	for a, n := ls, 0; n < 16; n++ {
		nl := strings.IndexByte(text[a:min(len(text), ls+pairReach)], '\n')
		if nl < 0 {
			break
		}
		a += nl + 1
		k := skipSpaces(text, a)
		if b := byteAt(text, k); k == len(text) || b == '\n' || b == '\r' || b == '#' {
			continue // a blank line, a comment
		}
		if k-a < col {
			break
		}
		if k-a == col {
			if s, e, ok := blockFieldValue(text, k); ok {
				return s, e, true
			}
		}
	}
	if item {
		return 0, 0, false
	}
	// Lines before.
	lo := max(0, ls-pairReach)
	for b, n := ls, 0; b > 0 && b > ls-pairReach && n < 16; n++ {
		a, ok := lineStart(text, b-1, b-1-lo)
		if !ok {
			break // a line longer than the reach
		}
		k := skipSpaces(text, a)
		b = a
		if c := byteAt(text, k); c == '\n' || c == '\r' || c == '#' {
			continue
		}
		first := byteAt(text, k) == '-' && byteAt(text, k+1) == ' '
		if first {
			k = skipSpaces(text, k+1)
		}
		if k-a < col {
			break
		}
		if k-a == col {
			if s, e, ok := blockFieldValue(text, k); ok {
				return s, e, true
			}
			if first {
				break
			}
		}
	}
	return 0, 0, false
}

// blockFieldValue reads the value of a block's line at k if its key is a
// value field ("value: …", "value = …").
func blockFieldValue(text string, k int) (int, int, bool) {
	ke := spanClass(text, k, 32, cWordDash)
	if !amongFold(text[k:ke], pairValueFields) {
		return 0, 0, false
	}
	j := skipSpaces(text, ke)
	if b := byteAt(text, j); b != ':' && b != '=' {
		return 0, 0, false
	}
	return pairFieldValue(text, skipSpaces(text, j+1))
}
