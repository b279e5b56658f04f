package detect

import (
	"encoding/base64"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Decoded views. A value hidden by an encoding — percent-encoding, JSON or
// JavaScript escapes (\u0041KIA…), base64 — is decoded into a view that the
// detectors scan like any text; findings are reported on the encoded span of
// the original. Decoding is bounded: at most maxDecodedViews base64 blobs and
// maxDecodedBytes decoded bytes per text.
const (
	minBase64Run    = 16
	maxBase64Run    = 64 << 10
	maxDecodedViews = 64
	maxDecodedBytes = 1 << 20
)

// view is decoded text ready for the detectors (already normalised), with a
// map from its spans back to the text it was decoded from. A base64 view
// also holds the blob's context, copied from the parent (see blobView):
// only the findings that reach into [lo, hi), the decoded bytes (offsets
// before normalising), are the view's own; the others are the parent's,
// found there already.
type view struct {
	nt     normText
	back   func(start, end int) (int, int) // decoded offsets → parent offsets
	lo, hi int
	// forms are the form bodies the view decoded, as triples of offsets in
	// the text and 1 if the view split them into fields (see
	// formFields): a finding made on the text across their fields is
	// dropped (dropAcrossFields).
	forms []int
	// lines: the view decodes only escaped line breaks and tabs; the
	// markings next to them are the text's to judge (escapeBefore), not
	// the view's, whose lines they were not written as.
	lines bool
}

// span maps a finding of the view (normalised offsets) to the parent's
// offsets; ok is false for a finding that lies wholly in the context.
func (v *view) span(start, end int) (s, e int, ok bool) {
	s, e = v.nt.span(start, end)
	if e <= v.lo || s >= v.hi {
		return 0, 0, false
	}
	s, e = v.back(s, e)
	return s, e, true
}

// decodeViews returns the decoded views of text (a normalised text). found
// are the findings already made on text: a blob inside one of them is part
// of a known value and is not decoded again. runs are text's base64 runs
// (byteScan) and fl its flags (byteScanFlags): what they rule out is not looked
// for.
func decodeViews(text string, runs []b64Span, found []rawFinding, fl textFlags) []view {
	var out []view
	if fl&tfPercent != 0 {
		out = percentViews(text, out)
		out = encodedViews(text, '&', isEntityEsc, entityDecode, out)
	}
	if fl&tfBackslash != 0 {
		// (A '<' sets the flag too: markup may split a value.)
		out = encodedViews(text, '\\', isBackslashEsc, escapeLinesDecode, out)
		out = encodedViews(text, '<', isMarkupSplit, markupDecode, out)
	}
	budget := maxDecodedBytes
	for _, v := range out {
		budget -= len(v.nt.text)
	}
	return base64Views(text, runs, found, out, budget)
}

// encodedWindow returns the part of text worth decoding around the encoded
// sequences between first and last (byte offsets): from the start of the
// line holding the first, so context words before it are seen too, to the
// end of the line holding the last, so a value that goes on past the
// token of its last escape ("Societ\u00e0 Rossi") is seen whole. Each side
// reaches at most windowReach bytes beyond (then to the end of a token).
func encodedWindow(text string, first, last int) (int, int) {
	const windowReach = 128
	lo := max(0, first-windowReach)
	if i := strings.LastIndexByte(text[lo:first], '\n'); i >= 0 {
		lo += i + 1
	}
	hi := tokenEnd(text, last)
	lim := min(len(text), hi+windowReach)
	if i := strings.IndexByte(text[hi:lim], '\n'); i >= 0 {
		return lo, hi + i
	}
	return lo, tokenEnd(text, lim)
}

// tokenEnd returns the end of the token (bytes above ' ') holding i.
func tokenEnd(text string, i int) int {
	for i < len(text) && text[i] > ' ' {
		i++
	}
	return i
}

// sliceView offsets a view of text[lo:hi] back to text.
func sliceView(v view, lo int) view {
	back := v.back
	v.back = func(s, e int) (int, int) {
		s, e = back(s, e)
		return s + lo, e + lo
	}
	return v
}

// mappedView builds a view from decoded bytes whose byte i came from parent
// bytes [from[i], to[i]).
func mappedView(dec []byte, from, to []int32) view {
	// dec is not written again: the view's text can share its bytes.
	return view{nt: normalise(unsafe.String(unsafe.SliceData(dec), len(dec))), back: func(s, e int) (int, int) {
		return int(from[s]), int(to[e-1])
	}, hi: math.MaxInt}
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// isPercentEsc reports a %XX escape at i (URLs, form bodies, log lines).
func isPercentEsc(text string, i int) bool {
	if i+2 >= len(text) {
		return false
	}
	_, ok1 := unhex(text[i+1])
	_, ok2 := unhex(text[i+2])
	return ok1 && ok2
}

// isBackslashEsc reports a \u, \U, \u{…} or \x escape at i, a C or Python
// octal escape of three digits (\101), JSON's escaped slash (\/, as PHP
// writes URLs), Markdown's escaped '_', an escaped quote
// followed by ':', the end of a key of JSON written inside a JSON string
// ({"payload":"{\"db_password\":\"…\"}"}): decoded, the key and its
// value read as JSON; \n, \r, \t before a letter or a digit; or a line
// continuation inside a token (continuationLen).
func isBackslashEsc(text string, i int) bool {
	if i+1 >= len(text) {
		return false
	}
	switch text[i+1] {
	case 'u', 'x', 'U', '/': // \/: JSON's escaped slash (PHP's json_encode writes URLs so)
		return true
	case '0', '1', '2', '3':
		return octalByte(text, i+1) >= 0
	case '_':
		return true // Markdown's escaped '_' (ghp\_…, sk\_live\_…)
	case '"':
		return byteAt(text, i+2) == ':'
	case 'n', 'r', 't':
		// An escaped line break or tab glued to a word or a number
		// ("…\npassword: x", "\nTel. 06 …", a JSON body pasted as
		// text): decoded, the word starts its line as it was written.
		return isLineEsc(text, i)
	case '\n', '\r':
		return continuationLen(text, i) > 0
	}
	return false
}

// continuationLen returns the length of the line continuation at i (a
// backslash and \n or \r\n), or 0: a backslash ending its line inside a
// token, a shell's, C's and Python's line continuation, which they remove
// (inside a double-quoted string too), splitting a value over two lines
// (export TOKEN="ghp_…\⏎…"). Between a command's arguments ("cmd \⏎
// --flag") it splits nothing and is left.
func continuationLen(text string, i int) int {
	n := 2
	switch byteAt(text, i+1) {
	case '\r':
		if byteAt(text, i+2) != '\n' {
			return 0
		}
		n = 3
	case '\n':
	default:
		return 0
	}
	if i == 0 || text[i-1] <= ' ' || text[i-1] == '\\' || byteAt(text, i+n) <= ' ' {
		return 0
	}
	return n
}

// isLineEsc reports an escaped line break or tab at i glued to a letter or
// a digit (not C:\\new: an escaped backslash, then n).
func isLineEsc(text string, i int) bool {
	c := byteAt(text, i+1)
	return (c == 'n' || c == 'r' || c == 't') && isAlnum(byteAt(text, i+2)) && escapedAt(text, i+1)
}

// escapeLinesDecode is escapeDecode for a window whose escapes may all be
// line escapes (isLineEsc): its view is marked so (lines).
func escapeLinesDecode(window string) view {
	v := escapeDecode(window)
	v.lines = true
	for i := strings.IndexByte(window, '\\'); i >= 0; {
		if isBackslashEsc(window, i) && !isLineEsc(window, i) {
			v.lines = false
			break
		}
		k := strings.IndexByte(window[i+1:], '\\')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return v
}

// encodedViews decodes the regions of text holding escapes that start with
// trigger and satisfy isEsc. Escapes less than clusterGap apart share one
// region, so a long document with a few URLs is not decoded whole.
func encodedViews(text string, trigger byte, isEsc func(string, int) bool, decode func(string) view, out []view) []view {
	const clusterGap = 256
	first, last := -1, -1
	flush := func() {
		if first >= 0 && len(out) < maxDecodedViews {
			lo, hi := encodedWindow(text, first, last)
			out = append(out, sliceView(decode(text[lo:hi]), lo))
		}
	}
	for i := 0; i < len(text); i++ {
		k := strings.IndexByte(text[i:], trigger)
		if k < 0 {
			break
		}
		i += k
		if !isEsc(text, i) {
			continue
		}
		if first >= 0 && i-last > clusterGap {
			flush()
			first = -1
		}
		if first < 0 {
			first = i
		}
		last = i
		if trigger == '\\' {
			// A continued line goes on on the next: the window takes it.
			last += continuationLen(text, i)
		}
	}
	flush()
	return out
}

// percentViews decodes the regions of text holding %XX escapes or form
// bodies (formToDecode), as encodedViews does escapes, each form body whole
// in one region.
func percentViews(text string, out []view) []view {
	const clusterGap = 256
	first, last := -1, -1
	var forms []int // the region's form bodies
	flush := func() {
		if first >= 0 && len(out) < maxDecodedViews {
			lo, hi := encodedWindow(text, first, last)
			if len(forms) > 0 {
				lo, hi = min(lo, forms[0]), max(hi, forms[len(forms)-2])
			}
			once, twice := percentDecodeForms(text[lo:hi], forms, lo)
			v := sliceView(once, lo)
			v.forms = forms
			out = append(out, v)
			if twice != nil && len(out) < maxDecodedViews {
				out = append(out, sliceView(*twice, lo))
			}
		}
		forms = nil
	}
	esc := nextPercentEsc(text, 0)  // the next escape
	fs, fe := formToDecode(text, 0) // the next form body
	notField := 0                   // the end of the last run formField refused
	for esc >= 0 || fs >= 0 {
		s, e := esc, esc+3
		form := fs >= 0 && (esc < 0 || fs < esc)
		if form {
			s, e = fs, fe
		} else if esc >= notField {
			rs, re, ok := formField(text, esc)
			if ok {
				s, e, form = rs, re, true
			} else {
				notField = re // its run's other escapes: the same answer
			}
		}
		if first >= 0 && s-last > clusterGap {
			flush()
			first = -1
		}
		if first < 0 {
			first = s
		}
		last = e - 1
		if form {
			forms = append(forms, s, e, formFields(text, s, e))
			fs, fe = formToDecode(text, e)
		}
		if esc >= 0 && esc < e {
			esc = nextPercentEsc(text, e) // past the escape or the form body
		}
	}
	flush()
	return out
}

// nextPercentEsc returns the offset of the first %XX escape of text at or
// after i, or -1.
func nextPercentEsc(text string, i int) int {
	for i < len(text) {
		k := strings.IndexByte(text[i:], '%')
		if k < 0 {
			break
		}
		if i += k; isPercentEsc(text, i) {
			return i
		}
		i++
	}
	return -1
}

// percentDecode decodes %XX escapes. Escapes of bytes outside ASCII are
// decoded only where they spell a whole UTF-8 character (%C3%A0): a
// percent-encoded text is UTF-8, and a lone one is more likely a
// template's delimiter before hex-looking letters ("%DB_PASS%", "%AD…%"),
// which decoded would no longer read as a template.
func percentDecode(text string) view {
	v, _ := percentDecodeForms(text, nil, 0)
	return v
}

// percentDecodeForms is percentDecode of text, which starts at offset off
// of a text whose form bodies in it are forms (percentViews' triples, in
// order): there '+' is a space, and each '&' that ends a field a line
// break where the form is split into fields. If a '%' it decoded ("%25")
// starts an escape, the text holds a value encoded twice (a URL in a query
// parameter of another: "%253A" for ':'), and twice is a second view,
// percentTwice's, else nil.
func percentDecodeForms(text string, forms []int, off int) (once view, twice *view) {
	dec, from, to, again := percentLevel(text, forms, off)
	if again {
		v := percentTwice(dec, from, to)
		twice = &v
	}
	return mappedView(dec, from, to), twice
}

// percentTwice decodes again the bytes dec that percentLevel decoded from
// a text, byte i from the text's [from[i], to[i]), mapping each to the
// text. The value encoded twice is written among bytes encoded once (the
// outer URL's "%26", "%3D"): those, where not letters or digits, are
// line breaks of the view, so that the value ends where its encoding does.
func percentTwice(dec []byte, from, to []int32) view {
	d, f, t, _ := percentLevel(unsafe.String(unsafe.SliceData(dec), len(dec)), nil, 0)
	for j := range d {
		// d's byte j came from dec's [f[j], t[j]), so from the text's
		// [from[f[j]], to[t[j]-1]).
		if t[j]-f[j] == 1 && to[f[j]]-from[f[j]] == 3 && !isAlnum(d[j]) {
			d[j] = '\n' // encoded once
		}
		f[j], t[j] = from[f[j]], to[t[j]-1]
	}
	return mappedView(d, f, t)
}

// percentLevel decodes one level of percentDecodeForms: the bytes, the
// text's bytes [from[i], to[i]) each came from, and whether a '%' it
// decoded ("%25") starts an escape of the bytes (another level).
func percentLevel(text string, forms []int, off int) (dec []byte, from, to []int32, again bool) {
	dec = make([]byte, 0, len(text))
	from = make([]int32, 0, len(text))
	to = make([]int32, 0, len(text))
	pct := -1 // the last '%' decoded, in dec
	for i := 0; i < len(text); {
		if b, ok := escapeByte(text, i, '%'); ok {
			n := 1
			if b >= utf8.RuneSelf {
				n = escapeRune(text, i, '%')
			}
			for end := i + 3*n; i < end; i += 3 {
				b, _ := escapeByte(text, i, '%')
				if b == '%' {
					pct = len(dec)
				}
				dec = append(dec, b)
				from = append(from, int32(i))
				to = append(to, int32(i+3))
			}
			if n > 0 {
				continue
			}
		}
		c := text[i]
		if c == '+' || c == '&' {
			for len(forms) > 0 && forms[1]-off <= i {
				forms = forms[3:]
			}
			if len(forms) > 0 && forms[0]-off <= i {
				if c == '+' {
					c = ' '
				} else if forms[2] != 0 {
					c = '\n'
				}
			}
		}
		if pct >= 0 && len(dec) == pct+2 {
			// The two bytes after a decoded '%': an escape?
			if _, ok := unhex(dec[pct+1]); ok {
				_, ok = unhex(c)
				again = again || ok
			}
		}
		dec = append(dec, c)
		from = append(from, int32(i))
		to = append(to, int32(i+1))
		i++
	}
	return dec, from, to, again
}

// escapeByte returns the byte of an escape at i: esc and two hex digits
// (percent-encoding's %XX, quoted-printable's =XX).
func escapeByte(text string, i int, esc byte) (byte, bool) {
	if i+2 >= len(text) || text[i] != esc {
		return 0, false
	}
	hi, ok1 := unhex(text[i+1])
	lo, ok2 := unhex(text[i+2])
	return hi<<4 | lo, ok1 && ok2
}

// escapeRune returns how many escapes (escapeByte's) from i, one to four,
// spell a valid UTF-8 character, or 0 if they do not.
func escapeRune(text string, i int, esc byte) int {
	var b [utf8.UTFMax]byte
	n := 0
	for ; n < len(b); n++ {
		c, ok := escapeByte(text, i+3*n, esc)
		if !ok {
			break
		}
		b[n] = c
		if utf8.FullRune(b[:n+1]) {
			n++
			break
		}
	}
	if r, size := utf8.DecodeRune(b[:n]); r == utf8.RuneError || size != n {
		return 0
	}
	return n
}

// maxEscapeLevels bounds the levels of escapes escapeDecode decodes: JSON
// inside a JSON string (a HAR's postData, a webhook's payload) writes the
// inner string's \u200d as \\u200d, decoded once to the text \u200d.
const maxEscapeLevels = 3

// escapeDecode decodes backslash escapes as JSON and JavaScript write them:
// \uXXXX (with surrogate pairs), \u{…}, \xXX, \n, \t, \", \\, \/, and C's
// and Python's octal \101, and Markdown's \_. JSON written
// inside a JSON string is decoded again, up to maxEscapeLevels in all: a
// level that decoded both an escaped quote and an escaped backslash is
// decoded again inside the strings its escaped quotes delimit (the inner
// JSON's strings, {\"k\":\"v\\u200d\"}), and only there: an escaped
// backslash elsewhere is a backslash of the text (C:\\new, a regex), not
// an escape. Each level's bytes are mapped to the text's.
func escapeDecode(text string) view {
	dec, from, to, more := unescape(text, nil, nil)
	lf, lt := from, to // the last level's map to its input
	for level := 1; more && level < maxEscapeLevels; level++ {
		d, f, t, m := unescape(unsafe.String(unsafe.SliceData(dec), len(dec)), lf, lt)
		// d's byte j came from dec's [f[j], t[j]), so from text's
		// [from[f[j]], to[t[j]-1]).
		cf, ct := make([]int32, len(d)), make([]int32, len(d))
		for j := range d {
			cf[j], ct[j] = from[f[j]], to[t[j]-1]
		}
		dec, from, to, more, lf, lt = d, cf, ct, m, f, t
	}
	return mappedView(dec, from, to)
}

// unescape decodes one level of escapes (escapeDecode's) of text: the
// bytes, the text's bytes [from[i], to[i]) each came from, and whether a
// next level may exist (an escaped quote and an escaped backslash were
// decoded). If pf is not nil, text is a level decoded from bytes
// [pf[i], pt[i]) of its own input, and only the strings quoted by the
// quotes that were escaped there (two bytes, \") are decoded.
func unescape(text string, pf, pt []int32) (dec []byte, from, to []int32, more bool) {
	dec = make([]byte, 0, len(text))
	from = make([]int32, 0, len(text))
	to = make([]int32, 0, len(text))
	emit := func(b []byte, s, e int) {
		for _, c := range b {
			dec = append(dec, c)
			from = append(from, int32(s))
			to = append(to, int32(e))
		}
	}
	inner := pf == nil // in a string to decode
	quote, backslash := false, false
	var rb [utf8.UTFMax]byte
	for i := 0; i < len(text); {
		if text[i] != '\\' || i+1 >= len(text) || !inner {
			if pf != nil && text[i] == '"' && pt[i]-pf[i] == 2 {
				inner = !inner
			}
			emit([]byte{text[i]}, i, i+1)
			i++
			continue
		}
		switch c := text[i+1]; c {
		case 'u', 'U':
			if c == 'u' && byteAt(text, i+2) == '{' {
				// JavaScript's code point escape: \u{40}, \u{1F600}.
				r, n := hexRune(text[i+3:], 6)
				if n == 0 || byteAt(text, i+3+n) != '}' || !utf8.ValidRune(r) {
					break
				}
				emit(rb[:utf8.EncodeRune(rb[:], r)], i, i+4+n)
				i += 4 + n
				continue
			}
			r, n := hexRune(text[i+2:], 4)
			if n != 4 {
				break
			}
			end := i + 6
			if 0xD800 <= r && r < 0xDC00 && end+6 <= len(text) && text[end] == '\\' && text[end+1] == 'u' {
				if r2, n2 := hexRune(text[end+2:], 4); n2 == 4 && 0xDC00 <= r2 && r2 < 0xE000 {
					r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
					end += 6
				}
			}
			emit(rb[:utf8.EncodeRune(rb[:], r)], i, end)
			i = end
			continue
		case 'x':
			r, n := hexRune(text[i+2:], 2)
			if n != 2 {
				break
			}
			emit([]byte{byte(r)}, i, i+4)
			i += 4
			continue
		case '0', '1', '2', '3':
			b := octalByte(text, i+1)
			if b < 0 {
				break
			}
			emit([]byte{byte(b)}, i, i+4)
			i += 4
			continue
		case 'n', 't', 'r', '"', '\\', '/', '\'', '_':
			m := c
			switch c {
			case 'n':
				m = '\n'
			case 't':
				m = '\t'
			case 'r':
				m = '\r'
			}
			quote, backslash = quote || c == '"', backslash || c == '\\'
			emit([]byte{m}, i, i+2)
			i += 2
			continue
		}
		if n := continuationLen(text, i); n > 0 {
			i += n // removed, as the shell removes it
			continue
		}
		emit([]byte{'\\'}, i, i+1)
		i++
	}
	return dec, from, to, quote && backslash
}

// octalByte returns the byte of the three octal digits at i (C's and
// Python's \101 for 'A', at most \377), or -1.
func octalByte(text string, i int) int {
	if i+3 > len(text) {
		return -1
	}
	b := 0
	for _, c := range []byte(text[i : i+3]) {
		if c < '0' || c > '7' {
			return -1
		}
		b = b<<3 | int(c-'0')
	}
	return b
}

// hexRune reads up to n hex digits.
func hexRune(s string, n int) (rune, int) {
	var r rune
	k := 0
	for ; k < n && k < len(s); k++ {
		v, ok := unhex(s[k])
		if !ok {
			break
		}
		r = r<<4 | rune(v)
	}
	return r, k
}

var b64Class = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		t[c] = isAlnum(b) || b == '+' || b == '/' || b == '-' || b == '_'
	}
	return
}()

// Short blobs. "Here it is in base64: …" and a Kubernetes Secret's data
// carry short values too (an SSN or a VAT number: 11 characters, 16
// encoded with padding) whose base64 is shorter than the runs the byte
// pass lists (minBase64Run). Where a text speaks of base64
// (encodingWords), the blobs of 8 to 15 characters that end in padding
// are decoded too: the padding tells base64 from a word, and one that
// ends an assignment (KEY=value) has a value after it.
func shortBlobViews(text string, found []rawFinding, out []view) []view {
	const minShort = 8
	cov := foundSpans{found: found}
	for i := 0; i < len(text) && len(out) < maxDecodedViews; {
		k := strings.IndexByte(text[i:], '=')
		if k < 0 {
			break
		}
		p := i + k // the padding
		pe := p + 1
		if pe < len(text) && text[pe] == '=' {
			pe++
		}
		i = pe
		s := p
		for s > 0 && p-s < minBase64Run && b64Class[text[s-1]] {
			s--
		}
		if n := pe - s; n < minShort || n%4 != 0 || s > 0 && b64Class[text[s-1]] ||
			pe < len(text) && (b64Class[text[pe]] || text[pe] == '=') {
			continue // too short, not whole groups, a long run's, or not its end
		}
		if cov.covers(s, pe) || !mayBeText(text[s:pe]) {
			continue
		}
		if dec, per, ok := decodeBase64Text(text[s:pe]); ok {
			out = append(out, blobView(text, s, pe, dec, per, nil))
		}
	}
	return out
}

// base64Views decodes the base64 runs of text (byteScan: maximal runs of
// at least minBase64Run characters, in order) that turn out to be text.
func base64Views(text string, runs []b64Span, found []rawFinding, out []view, budget int) []view {
	cov := foundSpans{found: found}
	views := 0
	for i := 0; views < maxDecodedViews && budget > 0; i++ {
		var s, e int
		if i, s, e = nextTextRun(text, runs, i); i < 0 {
			break
		}
		if cov.covers(s, e) {
			continue
		}
		blob, at := text[s:e], []int32(nil)
		if ws, we, last := wrappedBlob(text, runs, i, s, e); last > i || ws < s {
			blob, at = unwrapBlob(text[ws:we], ws)
			s, e, i = ws, we, last
			if !mayBeText(blob) {
				continue
			}
		}
		dec, per, ok := decodeBase64Text(blob) // nextTextRun's mayBeText passed
		if !ok {
			continue
		}
		views++
		budget -= len(dec)
		out = append(out, blobView(text, s, e, dec, per, at))
	}
	return out
}

// wrappedBlob extends the base64 run runs[i], text[s:e] with its padding,
// over the lines a wrapped blob goes on in: the base64 command, MIME and
// PEM wrap a blob at a fixed width (76, 64 characters), which the run's
// length gives. It returns the blob's span and the index of its last run
// (i and s, e if it is not wrapped). A line of the run's width (a multiple
// of four) is followed by the next run, its line break between them, while
// the lines have that width; the last may be shorter. The first line may
// be shorter too, cut by what precedes it on its line ("data: LS0t"): a
// whole number of groups right before the run's line break joins. A blob
// is joined up to maxBase64Run characters; its next lines start another.
func wrappedBlob(text string, runs []b64Span, i, s, e int) (ws, we, last int) {
	const minWidth = 32
	ws, we, last = s, e, i
	w := e - s
	if w < minWidth || w%4 != 0 || text[e-1] == '=' {
		return // too short to wrap, or its padding ends it
	}
	// Back: a shorter first line.
	if k := lineBreakBefore(text, s); k > 0 {
		f := k
		for f > 0 && b64Class[text[f-1]] {
			f--
		}
		if n := k - f; n >= 4 && n%4 == 0 && n < w && (i == 0 || runs[i-1].e <= f || runs[i-1].s == f) {
			ws = f
		}
	}
	for last+1 < len(runs) {
		r := runs[last+1]
		pe := r.e // with its padding
		for k := 0; k < 2 && pe < len(text) && text[pe] == '='; k++ {
			pe++
		}
		if r.s-we > 2 || lineBreakBefore(text, r.s) != we || pe-r.s > w || pe-ws > maxBase64Run {
			break // not its next line, or the blob is as long as one is decoded
		}
		last, we = last+1, pe
		if pe-r.s < w || pe > r.e {
			break // the last line
		}
	}
	return
}

// lineBreakBefore returns where the line break ("\n" or "\r\n") that ends
// right before i starts, or -1.
func lineBreakBefore(text string, i int) int {
	if i < 1 || text[i-1] != '\n' {
		return -1
	}
	if i >= 2 && text[i-2] == '\r' {
		return i - 2
	}
	return i - 1
}

// unwrapBlob returns the base64 characters of blob (a wrapped blob at
// offset off of its text) without its line breaks, and where each came
// from in the text.
func unwrapBlob(blob string, off int) (string, []int32) {
	b := make([]byte, 0, len(blob))
	at := make([]int32, 0, len(blob))
	for i := 0; i < len(blob); i++ {
		if c := blob[i]; c != '\n' && c != '\r' {
			b = append(b, c)
			at = append(at, int32(off+i))
		}
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), at
}

// nextTextRun returns the first of runs[i:] that may be base64 of text,
// with its '=' padding: its index, start and end; -1 if none. Most runs
// are words, identifiers and hashes: the group test (mayBeText, which
// decodeBase64Text relies on) drops them in this small loop.
func nextTextRun(text string, runs []b64Span, i int) (int, int, int) {
	for ; i < len(runs); i++ {
		s, e := runs[i].s, runs[i].e
		for k := 0; k < 2 && e < len(text) && text[e] == '='; k++ {
			e++ // padding
		}
		if e-s > maxBase64Run {
			continue
		}
		// mayBeText's first tests, here without a call.
		if e-s >= 16 && int(notTextGroupLead[text[s]]+notTextGroupLead[text[s+4]]+
			notTextGroupLead[text[s+8]]+notTextGroupLead[text[s+12]]) > (e-s+3)/4/10 && (text[s+4] != 'A' || text[s+12] != 'A') {
			continue
		}
		if mayBeText(text[s:e]) {
			return i, s, e
		}
	}
	return -1, 0, 0
}

// firstTextRun returns the index of the first run that may be base64 of
// text (nextTextRun's), or -1. Nearly every text's runs all fail
// nextTextRun's group test: a first pass applies it to every run without
// a branch on its outcome, with a limit no stricter than the exact one
// (padding can only raise it), marking those that pass in a bit set;
// only they are then tested exactly, in order. So a text whose runs fail
// (nearly all) costs one short loop, and one with a marked run does not go
// through nextTextRun's loop over all its runs.
func firstTextRun(text string, runs []b64Span) int {
	if len(runs) > 64 {
		// Too many to mark: let nextTextRun decide.
		i, _, _ := nextTextRun(text, runs, 0)
		return i
	}
	var cand uint64 // bit i: run i may pass
	for i, r := range runs {
		n := r.e - r.s
		if n < 16 || r.e > len(text) {
			// Not a run byteScan makes: let nextTextRun decide.
			i, _, _ := nextTextRun(text, runs, 0)
			return i
		}
		g := text[r.s : r.s+16]
		bad := int(notTextGroupLead[g[0]] + notTextGroupLead[g[4]] + notTextGroupLead[g[8]] + notTextGroupLead[g[12]])
		// bad <= (n+2+3)/4/10 (the limit with two '=' of padding) is
		// 40·bad <= n+5: 1 if so, else 0. (A run too long fails the
		// exact test.) Or 'A' leads the second and fourth groups
		// (mayBeUTF16Text's, which nextTextRun asks).
		utf16 := uint64(b2eq(g[4], 'A') & b2eq(g[12], 'A'))
		cand |= (uint64((n+5-40*bad)>>63+1) | utf16) << i
	}
	for ; cand != 0; cand &= cand - 1 {
		// nextTextRun's tests of run i.
		i := bits.TrailingZeros64(cand)
		s, e := runs[i].s, runs[i].e
		for k := 0; k < 2 && e < len(text) && text[e] == '='; k++ {
			e++ // padding
		}
		if e-s <= maxBase64Run && mayBeText(text[s:e]) {
			return i
		}
	}
	return -1
}

// textGroupLead marks the base64 characters that can start a 4-character
// group encoding printable ASCII or white space: the group's first character
// holds the top six bits of a byte in 0x08–0x7F, i.e. 'C'..'f'.
var textGroupLead = func() (t [256]bool) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	for _, c := range alphabet[2:32] {
		t[c] = true
	}
	return
}()

// mayBeText is a cheap test before decoding: in base64 of (mostly ASCII)
// text nearly every group starts with a textGroupLead character, while for
// random keys and binary only 3 groups in 8 do; of ASCII text in UTF-16LE,
// every other group (mayBeUTF16Text).
func mayBeText(blob string) bool {
	return mayBeUTF8Text(blob) || len(blob) >= 16 && blob[4] == 'A' && blob[12] == 'A' && mayBeUTF16Text(blob)
}

// mayBeUTF8Text is mayBeText for (mostly ASCII) text in UTF-8.
func mayBeUTF8Text(blob string) bool {
	// At most a tenth of the groups may be bad: stop at the first too
	// many. Most runs (words, identifiers, hashes) have too many among
	// their first four groups, counted without a branch each.
	limit := (len(blob) + 3) / 4 / 10
	bad, i := 0, 0
	if len(blob) >= 16 {
		bad = int(notTextGroupLead[blob[0]] + notTextGroupLead[blob[4]] + notTextGroupLead[blob[8]] + notTextGroupLead[blob[12]])
		if bad > limit {
			return false
		}
		i = 16
	}
	for ; i < len(blob); i += 4 {
		if notTextGroupLead[blob[i]] != 0 {
			if bad++; bad > limit {
				return false
			}
		}
	}
	return true
}

// mayBeUTF16Text is mayBeText for ASCII text in UTF-16LE: a group of three
// bytes starts with a character's byte or with a zero one, in turn, so
// every odd group starts with 'A' (six zero bits) and the others as text's.
func mayBeUTF16Text(blob string) bool {
	limit := (len(blob) + 3) / 4 / 10
	bad := 0
	for g := 0; 4*g < len(blob); g++ {
		c := blob[4*g]
		if g&1 == 1 && c != 'A' || g&1 == 0 && !textGroupLead[c] {
			if bad++; bad > limit {
				return false
			}
		}
	}
	return true
}

// notTextGroupLead is 1 where textGroupLead is false.
var notTextGroupLead = func() (t [256]uint8) {
	for c := range t {
		if !textGroupLead[c] {
			t[c] = 1
		}
	}
	return
}()

// b64Kind classes base64 characters for decodeBase64Text: small
// letters, capitals, the URL alphabet's two, the standard one's two, '='.
const (
	b64Lower = 1 << iota
	b64Upper
	b64URL
	b64Std
	b64Pad
)

var b64Kind = func() (t [256]uint8) {
	for c := range t {
		b := byte(c)
		switch {
		case isLower(b):
			t[c] = b64Lower
		case isUpper(b):
			t[c] = b64Upper
		case b == '-' || b == '_':
			t[c] = b64URL
		case b == '+' || b == '/':
			t[c] = b64Std
		case b == '=':
			t[c] = b64Pad
		}
	}
	return
}()

// printableByte is 1 for the bytes decodeBase64Text counts as text:
// printable ASCII, white space that text has, and bytes outside ASCII.
var printableByte = func() (t [256]uint8) {
	for c := range t {
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t' || c >= 0x80 {
			t[c] = 1
		}
	}
	return
}()

// decodeBase64Text decodes a base64 or base64url blob that passed
// mayBeText (nextTextRun tests it first) and keeps it only if it is text:
// valid UTF-8 (or ASCII in UTF-16LE, read as ASCII: per, the decoded
// bytes a character of the text returned took, is 2; else 1), mostly
// printable. Hex digests, random keys and binary
// payloads decode to bytes that fail this and are not scanned.
func decodeBase64Text(blob string) (text string, per int, ok bool) {
	trimmed := blob
	for len(trimmed) > 0 && trimmed[len(trimmed)-1] == '=' {
		trimmed = trimmed[:len(trimmed)-1]
	}
	// The alphabet's classes present, without a branch a byte.
	var kinds uint8
	for i := 0; i < len(trimmed); i++ {
		kinds |= b64Kind[trimmed[i]]
	}
	if kinds&(b64Lower|b64Upper) != b64Lower|b64Upper || kinds&(b64URL|b64Std) == b64URL|b64Std ||
		kinds&b64Pad != 0 || len(trimmed)%4 == 1 {
		return "", 0, false
	}
	enc := base64.RawStdEncoding
	if kinds&b64URL != 0 {
		enc = base64.RawURLEncoding
	}
	// Decoded into bytes of its own (Decode only reads the blob), which
	// blobView copies into the view's line.
	dst := make([]byte, enc.DecodedLen(len(trimmed)))
	n, err := enc.Decode(dst, unsafe.Slice(unsafe.StringData(trimmed), len(trimmed)))
	dec := dst[:n]
	if err != nil {
		return "", 0, false
	}
	per = 1
	if asciiUTF16(dec) {
		// Text in UTF-16LE, as Windows encodes it (PowerShell's
		// -EncodedCommand): its ASCII characters' bytes.
		for i := 0; 2*i < len(dec); i++ {
			dec[i] = dec[2*i]
		}
		dec, n, per = dec[:(len(dec)+1)/2], (len(dec)+1)/2, 2
	}
	if !utf8.Valid(dec) {
		return "", 0, false
	}
	printable := 0
	for _, c := range dec {
		printable += int(printableByte[c])
	}
	if printable*100 < len(dec)*95 {
		return "", 0, false
	}
	if n == 0 {
		return "", per, true
	}
	// dec is not written again: the string can share its bytes.
	return unsafe.String(&dec[0], n), per, true
}

// asciiUTF16 reports whether b is ASCII text encoded as UTF-16LE: eight
// bytes or more, every other one zero, the others not.
func asciiUTF16(b []byte) bool {
	if len(b) < 8 {
		return false
	}
	for i := 0; i < len(b); i += 2 {
		if b[i] == 0 || b[i] >= 0x80 || i+1 < len(b) && b[i+1] != 0 {
			return false
		}
	}
	return true
}

// sortedSpans appends the findings' spans to out, sorted by start (then
// end), each as start<<32 | end: integers sort (sortKeys) many times
// faster than pairs through a comparison function, and a long text has
// hundreds of findings. (Offsets fit 32 bits: normalise's map holds them
// in int32.)
func sortedSpans(out []uint64, found []rawFinding) []uint64 {
	for _, f := range found {
		out = append(out, uint64(f.start)<<32|uint64(uint32(f.end)))
	}
	out, _ = sortKeys(out, nil)
	return out
}

// foundSpans tells whether a blob lies inside a finding of found (a
// known value's part: a JWT's payload, a key's body): found looked through
// as it is while few (coveredFew), else its spans sorted once, at the first
// question (sortedSpans, covered) — a long text's many findings and many
// candidate blobs would otherwise cost their product.
type foundSpans struct {
	found []rawFinding
	spans []uint64 // sorted, once asked, if found has more than coveredNear
}

func (f *foundSpans) covers(s, e int) bool {
	if len(f.found) <= coveredNear {
		return coveredFew(f.found, s, e)
	}
	if f.spans == nil {
		f.spans = sortedSpans(make([]uint64, 0, len(f.found)), f.found)
	}
	return covered(f.spans, s, e)
}

// coveredNear is how many of the spans that start at or before a run
// covered looks at: a few nearest suffice, as findings rarely nest deeply.
const coveredNear = 8

// coveredFew is covered for at most coveredNear findings, unsorted: every
// one that starts at or before s is among the nearest.
func coveredFew(found []rawFinding, s, e int) bool {
	for _, f := range found {
		if f.start <= s && f.end >= e {
			return true
		}
	}
	return false
}

// covered reports whether [s,e) lies inside one of the spans (sortedSpans').
// Spans that start at or before s are candidates; the coveredNear nearest
// are looked at (of those that start together, the longest are nearest).
func covered(spans []uint64, s, e int) bool {
	i, _ := slices.BinarySearch(spans, uint64(s+1)<<32)
	for j := i - 1; j >= 0 && j >= i-coveredNear; j-- {
		if int(uint32(spans[j])) >= e {
			return true
		}
	}
	return false
}
