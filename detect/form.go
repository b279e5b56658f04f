package detect

import "strings"

// Form bodies. An application/x-www-form-urlencoded body (an HTML form's
// POST, a URL's query: first_name=luca&tel=0039+351+1573141) is a list of
// name=value fields joined by '&', written by the form serialiser of the
// WHATWG URL standard: the bytes A-Z a-z 0-9 * - . _ as they are, a space
// as '+', every other byte as %XX. In such a body '+' is a space and '&'
// ends a value, so the percent-encoding view (percentViews) decodes a form
// body with '+' as a space and each '&' as a line break: its values are
// seen one a line, as the detectors see key=value lines. A '+' anywhere
// else — prose, an e-mail (a+b@x.com), a phone number (+39 02 …),
// base64 — keeps its meaning.
//
// A form body in a URL (its query: https://x.io/p?a=1&b=2) is left whole,
// '&' and all: the URL is one value (formFields).
//
// A form body is a maximal run of formByte bytes (so bounded
// by white space, quotes, ':', '/', '?' …) made of at least two non-empty
// fields, each a non-empty name, one '=' and a value; empty fields (&&)
// are allowed. Besides the serialiser's bytes the run allows '~' (RFC
// 3986's unreserved, which most encoders leave), '%' (escapes) and bytes
// outside ASCII (a hand-written body: téléphone=…).

// formByte marks the bytes of a form body's run: those of its names and
// values, '=' and '&'.
var formByte = func() (t [256]bool) {
	for c := range t {
		b := byte(c)
		t[c] = isAlnum(b) || b >= 0x80 || strings.IndexByte("*-._~+%=&", b) >= 0
	}
	return
}()

// nextFormBody returns the first form body [s,e) of text that starts at or
// after i, which must not be inside a run of form bytes that starts before
// it (0, or the end of a run nextFormBody looked at); -1, -1 if none. Each
// run is looked at once: linear in the text.
func nextFormBody(text string, i int) (int, int) {
	for i < len(text) {
		k := strings.IndexByte(text[i:], '&')
		if k < 0 {
			break
		}
		s, e := i+k, i+k+1
		for s > i && formByte[text[s-1]] {
			s--
		}
		for e < len(text) && formByte[text[e]] {
			e++
		}
		if isFormBody(text[s:e]) {
			return s, e
		}
		i = e
	}
	return -1, -1
}

// formToDecode is nextFormBody but for the bodies a view would leave as
// they are: a URL's query (formFields) without a '+' (its escapes are
// decoded as any are).
func formToDecode(text string, i int) (int, int) {
	for {
		s, e := nextFormBody(text, i)
		if s < 0 || formFields(text, s, e) != 0 || strings.IndexByte(text[s:e], '+') >= 0 {
			return s, e
		}
		i = e
	}
}

// formField returns the run of form bytes [s,e) holding the escape at
// esc, and whether it is a form body of one field written with both of
// the form encoding's marks, a '+' and a %XX escape, and not %20 (curl -d
// 'tel=%2B39+02+…', key=-----BEGIN+PRIVATE+KEY-----%0A…): there too '+'
// is a space. (A text percent-encoded whole writes its spaces %20, and a
// '+' is its own: DATABASE_URL=mongodb+srv:%2F%2F…. Two fields or more
// are nextFormBody's, whatever their bytes.)
func formField(text string, esc int) (int, int, bool) {
	s, e := esc, esc+1
	for s > 0 && esc-s < 256 && formByte[text[s-1]] {
		s--
	}
	for e < len(text) && formByte[text[e]] {
		e++
	}
	run := text[s:e]
	eq := formNameValue(run)
	if eq < 0 || strings.IndexByte(run, '&') >= 0 || strings.IndexByte(run[eq+1:], '+') < 0 || strings.Contains(run, "%20") ||
		s > 0 && formByte[text[s-1]] {
		return s, e, false
	}
	return s, e, true
}

// formName reports whether name may name a form's field: it starts with a
// letter, '_' or an escape, and holds no '*' or '~' (password=_L&1*=x%76…
// is one value, whose '&' and '=' are its own bytes).
func formName(name string) bool {
	return (isAlpha(name[0]) || name[0] == '_' || name[0] == '%' || name[0] >= 0x80) && strings.IndexAny(name, "*~") < 0
}

// formNameValue returns where the '=' of field, a form's field, stands if
// it is name=value with a non-empty name (formName) and one '=', else -1.
func formNameValue(field string) int {
	eq := strings.IndexByte(field, '=')
	if eq <= 0 || strings.IndexByte(field[eq+1:], '=') >= 0 || !formName(field[:eq]) {
		return -1
	}
	return eq
}

// isFormBody reports whether run, a run of form bytes, is a form body: at
// least two non-empty fields, each name=value (formNameValue).
func isFormBody(run string) bool {
	fields := 0
	for f := 0; f <= len(run); {
		e := strings.IndexByte(run[f:], '&')
		if e < 0 {
			e = len(run)
		} else {
			e += f
		}
		if e > f {
			if formNameValue(run[f:e]) < 0 {
				return false
			}
			fields++
		}
		f = e + 1
	}
	return fields >= 2
}

// formFields returns 1 if the form body [s,e) of text is split into
// fields in its view, 0 if not: a body that goes on a URL (after '?', '/',
// ':', '@' or '#') is its query, and the URL one value; one between ';'
// is a field of a connection string (Server=db;Password=Qet2&13wh=i8v;),
// where '&' is a byte of the value.
func formFields(text string, s, e int) int {
	if s > 0 && strings.IndexByte("?/:@#;", text[s-1]) >= 0 || byteAt(text, e) == ';' {
		return 0
	}
	return 1
}

// dropAcrossFields removes from found the findings made on text (not on a
// view) that run over a field separator of a form body that a view split
// into fields (views' forms): a form's value never holds a bare '&'. Such
// a finding is a detector reading the body as if it were not encoded
// ("db_password=%2A%2A…&tel=1" read as one value); the view, which reads
// it field by field, makes the right ones. It works in place.
func dropAcrossFields(text string, found []rawFinding, views []view) []rawFinding {
	kept := found[:0]
	for _, f := range found {
		if f.end <= len(text) && strings.IndexByte(text[f.start:f.end], '&') >= 0 && inForms(views, f.start, f.end) {
			continue
		}
		kept = append(kept, f)
	}
	return kept
}

// inForms reports whether [s,e) lies inside one of the views' form bodies.
func inForms(views []view, s, e int) bool {
	for _, v := range views {
		for k := 0; k+2 < len(v.forms); k += 3 {
			if v.forms[k+2] != 0 && v.forms[k] <= s && e <= v.forms[k+1] {
				return true
			}
		}
	}
	return false
}
