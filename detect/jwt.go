package detect

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
)

// jwt finds JSON Web Tokens in compact JWS form: three base64url parts, the
// first (the header) decoding to a JSON object with an "alg" member. The
// signature is empty for unsecured ("alg":"none") tokens.
type jwt struct{}

var _ Detector = jwt{}

func (jwt) Type() string { return TypeJWT }

// A JSON object starts with '{"' (eyJ) or '{ "' / '{\n' (eyA, ewo…); the
// common case covers real tokens, the others hand-made ones.
func (jwt) Keywords() []string { return []string{"eyj", "eya", "ewo", "ewogi"} }

func (jwt) Find(t *Text) {
	text, hits := t.S, t.Hits
	next := 0
	for _, h := range hits {
		if h < next || isWordDash(byteAt(text, h-1)) {
			continue
		}
		end, ok, brk := jwtAt(text, h)
		if !ok && brk {
			end, ok = jwtWrappedAt(text, h)
		}
		if ok {
			t.Emit(h, end)
			next = end
		}
	}
}

// jwtAt matches a JWT starting at h and returns its end; brk reports that
// the header or the payload stopped at a line break (the token may be
// wrapped: see jwtWrappedAt).
func jwtAt(text string, h int) (end int, ok, brk bool) {
	// header . payload . signature
	e1 := spanClass(text, h, 8<<10, cB64URL)
	if byteAt(text, e1) != '.' {
		return 0, false, isLineBreakStart(byteAt(text, e1))
	}
	e2 := spanClass(text, e1+1, 64<<10, cB64URL)
	if e2-e1 < 3 || byteAt(text, e2) != '.' {
		return 0, false, isLineBreakStart(byteAt(text, e2))
	}
	e3 := spanClass(text, e2+1, 8<<10, cB64URL)
	if isWordDash(byteAt(text, e3)) || !jwtHeaderOK(text[h:e1]) {
		return 0, false, false
	}
	if e3 == e2+1 && !jwtUnsecured(text[h:e1]) {
		// An empty signature only for unsecured tokens (or one on the
		// next line: jwtWrappedAt).
		return 0, false, isLineBreakStart(byteAt(text, e3))
	}
	return e3, true, false
}

// jwtUnsecured reports whether a header part names the "none" algorithm.
func jwtUnsecured(header string) bool {
	return strings.Contains(strings.ToLower(decodeB64URL(header)), `"none"`)
}

// jwtWrappedAt matches a JWT starting at h whose header or payload is
// wrapped over lines (pasted from a terminal, a log or an e-mail folded at
// a fixed width; a shell line ending in '\'), and returns its end. The
// parts are read across the breaks (readWrapped), and both must then
// decode: the header to JSON with "alg", the payload to a JSON object — a
// line that merely goes on with a word does not. A part may start on the
// line after its dot. The signature is not read across a break (it cannot
// be checked): it ends there, but for one that starts on the next line,
// 16 characters or more.
func jwtWrappedAt(text string, h int) (int, bool) {
	var hdr, pay string
	var e1, e2 int
	if !readWrapped(text, h, 8<<10, cB64URL, func(run string, e int) bool { hdr, e1 = run, e; return byteAt(text, e) == '.' }) ||
		!jwtHeaderOK(hdr) ||
		!readWrapped(text, afterBreak(text, e1+1, cB64URL), 64<<10, cB64URL, func(run string, e int) bool { pay, e2 = run, e; return byteAt(text, e) == '.' }) ||
		len(pay) < 2 {
		return 0, false
	}
	wrapped := e2-h != len(hdr)+1+len(pay)
	var buf [512]byte
	raw := decodeB64URLTo(buf[:], pay)
	if i := skipJSONSpace(raw, 0); i == len(raw) || raw[i] != '{' || !json.Valid(raw) {
		return 0, false
	}
	e3 := spanClass(text, e2+1, 8<<10, cB64URL)
	if s := afterBreak(text, e2+1, cB64URL); e3 == e2+1 && s > e3 {
		// The signature on the next line: a run long enough for one
		// (HS256's is 43 characters), not a word.
		if e := spanClass(text, s, 8<<10, cB64URL); e-s >= 16 {
			e3, wrapped = e, true
		}
	}
	if !wrapped || isWordDash(byteAt(text, e3)) || e3 == e2+1 && !jwtUnsecured(hdr) {
		return 0, false // (no break: jwtAt's)
	}
	return e3, true
}

func isB64URL(b byte) bool { return is(b, cB64URL) }

func decodeB64URL(s string) string {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return ""
	}
	return string(b)
}

// jwtHeaderOK reports whether a JWT header part decodes to a JSON object
// whose "alg" is a string.
func jwtHeaderOK(part string) bool {
	var buf [512]byte
	raw := decodeB64URLTo(buf[:], part)
	if len(raw) == 0 {
		return false
	}
	// A JSON object (checked without building it) with an "alg" member
	// whose value is a non-empty string. The cheap tests go first.
	if i := skipJSONSpace(raw, 0); i == len(raw) || raw[i] != '{' || !jwtHasAlg(raw) {
		return false
	}
	return jsonFlatObject(raw) || json.Valid(raw)
}

// decodeB64URLTo is decodeB64URL into buf (when it fits), returning nil if
// s does not decode.
func decodeB64URLTo(buf []byte, s string) []byte {
	s = strings.TrimRight(s, "=")
	if s == "" {
		return nil
	}
	if base64.RawURLEncoding.DecodedLen(len(s)) > len(buf) {
		return []byte(decodeB64URL(s))
	}
	n, err := base64.RawURLEncoding.Decode(buf, readOnlyBytes(s))
	if err != nil {
		return nil
	}
	return buf[:n]
}

// jwtHasAlg reports whether raw has an "alg" key followed by ':' and a
// string of at least one character.
func jwtHasAlg(raw []byte) bool {
	for rest := raw; ; {
		i := bytes.Index(rest, []byte(`"alg"`))
		if i < 0 {
			return false
		}
		rest = rest[skipJSONSpace(rest, i+5):]
		if len(rest) > 0 && rest[0] == ':' {
			rest = rest[skipJSONSpace(rest, 1):]
			return len(rest) > 1 && rest[0] == '"' && rest[1] != '"'
		}
	}
}

// skipJSONSpace returns the index of the first byte of b from i on that is
// not JSON white space (len(b) if none).
func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && jsonByte[b[i]]&jsonSpace != 0 {
		i++
	}
	return i
}

// jsonByte classes bytes for skipJSONSpace and jsonPlainString: one table
// load and one test a byte, not a chain of comparisons.
var jsonByte = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c == ' ':
			t[c] = jsonSpace
		case c == '\t' || c == '\r' || c == '\n':
			t[c] = jsonSpace | jsonNotPlain
		case c == '"':
			t[c] = jsonQuote
		case c < 0x20 || c >= 0x7f || c == '\\':
			t[c] = jsonNotPlain
		}
	}
	return
}()

// jsonByte's classes.
const (
	jsonSpace    = 1 << iota // JSON white space (all but ' ' also jsonNotPlain)
	jsonQuote                // '"'
	jsonNotPlain             // not in a plain string: control, non-ASCII, '\\'
)

// jsonFlatObject reports whether b is certainly valid JSON by recognising
// the form JWT headers take: one object whose members' values are strings
// of printable ASCII without escapes, true, false or null. Anything else
// (numbers, nesting, escapes, other bytes) gets false: json.Valid decides.
func jsonFlatObject(b []byte) bool {
	i := skipJSONSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipJSONSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return skipJSONSpace(b, i+1) == len(b)
	}
	for {
		// member: string ws ':' ws value
		if i = jsonPlainString(b, i); i < 0 {
			return false
		}
		if i = skipJSONSpace(b, i); i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipJSONSpace(b, i+1)
		switch {
		case i >= len(b):
			return false
		case b[i] == '"':
			i = jsonPlainString(b, i)
		case bytes.HasPrefix(b[i:], []byte("true")) || bytes.HasPrefix(b[i:], []byte("null")):
			i += 4
		case bytes.HasPrefix(b[i:], []byte("false")):
			i += 5
		default:
			return false
		}
		if i < 0 {
			return false
		}
		if i = skipJSONSpace(b, i); i >= len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = skipJSONSpace(b, i+1)
		case '}':
			return skipJSONSpace(b, i+1) == len(b)
		default:
			return false
		}
	}
}

// jsonPlainString returns the end of the string starting at b[i] if it is
// printable ASCII without escapes, else -1.
func jsonPlainString(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	for i++; i < len(b); i++ {
		if k := jsonByte[b[i]]; k&(jsonQuote|jsonNotPlain) != 0 {
			if k == jsonQuote {
				return i + 1
			}
			return -1
		}
	}
	return -1
}
