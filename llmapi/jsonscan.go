package llmapi

import (
	"bytes"
	"encoding/binary"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The lexical layer shared by the tree parser (tree.go) and the rewriter
// (jsonrewrite.go): a string scanner that finds quotes and escapes with
// bytes.IndexByte and checks the text between them eight bytes at a time, an
// unescaper that decodes exactly as encoding/json does (invalid UTF-8 and lone
// surrogates become U+FFFD), and the number grammar. FuzzDecodeString and
// FuzzParseTreeDifferential hold them to encoding/json.

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// asciiText reports whether b holds only printable ASCII (no control
// character, no byte of a multi-byte rune), eight bytes at a time: a byte
// below 0x20 borrows into its high bit, a byte from 0x80 has it set.
func asciiText(b []byte) bool {
	// Reslicing (rather than indexing) lets the compiler drop bounds checks.
	for len(b) >= 32 {
		w1 := binary.LittleEndian.Uint64(b[0:8])
		w2 := binary.LittleEndian.Uint64(b[8:16])
		w3 := binary.LittleEndian.Uint64(b[16:24])
		w4 := binary.LittleEndian.Uint64(b[24:32])
		if ((w1-ones*0x20)|w1|(w2-ones*0x20)|w2|(w3-ones*0x20)|w3|(w4-ones*0x20)|w4)&highs != 0 {
			return false
		}
		b = b[32:]
	}
	for len(b) >= 8 {
		w := binary.LittleEndian.Uint64(b[0:8])
		if ((w-ones*0x20)|w)&highs != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c < 0x20 || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// checkText checks the text between escapes of a string that is not plain
// ASCII: ok is false on a control character, bad reports invalid UTF-8.
func checkText(run []byte) (bad, ok bool) {
	for len(run) > 0 {
		for len(run) >= 8 {
			w := binary.LittleEndian.Uint64(run[:8])
			if ((w-ones*0x20)|w)&highs != 0 {
				break
			}
			run = run[8:]
		}
		if len(run) == 0 {
			break
		}
		c := run[0]
		switch {
		case c < 0x20:
			return false, false
		case c < utf8.RuneSelf:
			run = run[1:]
		default:
			r, size := utf8.DecodeRune(run)
			bad = bad || r == utf8.RuneError && size == 1
			run = run[size:]
		}
	}
	return bad, true
}

// strFlags tells what a string token needs before it is text.
type strFlags uint8

const (
	strEscaped strFlags = 1 << iota // has escapes
	strBadUTF8                      // has invalid UTF-8 (each such byte becomes U+FFFD)
)

// scanString scans the string token whose opening quote is in[i]. It returns
// the index just past the closing quote and what unescape must do with the
// contents; ok is false when the token is not a valid JSON string. The quote
// and escapes are found with bytes.IndexByte (vectorised); the text between
// them is checked for control characters and UTF-8 only when it is not plain
// ASCII.
func scanString(in []byte, i int) (end int, fl strFlags, ok bool) {
	i++
	quote := -1 // the next '"' at or after i, once known
	for {
		if quote < i {
			q := bytes.IndexByte(in[i:], '"')
			if q < 0 {
				return 0, 0, false
			}
			quote = i + q
		}
		stop := quote
		if bs := bytes.IndexByte(in[i:quote], '\\'); bs >= 0 {
			stop = i + bs
		}
		if run := in[i:stop]; !asciiText(run) {
			bad, ok := checkText(run)
			if !ok {
				return 0, 0, false
			}
			if bad {
				fl |= strBadUTF8
			}
		}
		if stop == quote {
			return quote + 1, fl, true
		}
		// An escape at stop.
		if stop+1 >= len(in) {
			return 0, 0, false
		}
		switch in[stop+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i = stop + 2
		case 'u':
			if stop+6 > len(in) || !isHex4(in[stop+2:stop+6]) {
				return 0, 0, false
			}
			i = stop + 6
		default:
			return 0, 0, false
		}
		fl |= strEscaped
	}
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// unescape appends the decoded contents s of a string token that scanString
// accepted with flags fl (quotes excluded) to dst, as encoding/json decodes
// them: a surrogate pair is one rune, a lone surrogate and each byte of
// invalid UTF-8 are U+FFFD.
func unescape(dst, s []byte, fl strFlags) []byte {
	for len(s) > 0 {
		run := s
		bs := -1
		if fl&strEscaped != 0 {
			if bs = bytes.IndexByte(s, '\\'); bs >= 0 {
				run = s[:bs]
			}
		}
		if fl&strBadUTF8 == 0 {
			dst = append(dst, run...)
		} else {
			dst = appendFixedUTF8(dst, run)
		}
		if bs < 0 {
			return dst
		}
		s = s[bs:] // at a backslash
		switch c := s[1]; c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			rr := getu4(s)
			s = s[6:]
			if utf16.IsSurrogate(rr) {
				if dec := utf16.DecodeRune(rr, getu4(s)); dec != unicode.ReplacementChar {
					s = s[6:]
					rr = dec
				} else {
					rr = unicode.ReplacementChar
				}
			}
			dst = utf8.AppendRune(dst, rr)
			continue
		default: // '"', '\\', '/'
			dst = append(dst, c)
		}
		s = s[2:]
	}
	return dst
}

// appendFixedUTF8 appends s with each byte of invalid UTF-8 replaced by
// U+FFFD.
func appendFixedUTF8(dst, s []byte) []byte {
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		if r == utf8.RuneError && size == 1 {
			dst = utf8.AppendRune(dst, unicode.ReplacementChar)
		} else {
			dst = append(dst, s[:size]...)
		}
		s = s[size:]
	}
	return dst
}

// getu4 decodes \uXXXX at the start of s, or returns -1.
func getu4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// scanNumber returns the index just past the JSON number that starts at
// in[i] (-? int frac? exp?), or ok false when none does. What follows is the
// caller's to check.
func scanNumber(in []byte, i int) (end int, ok bool) {
	if i < len(in) && in[i] == '-' {
		i++
	}
	switch {
	case i >= len(in):
		return 0, false
	case in[i] == '0':
		i++
	case in[i] >= '1' && in[i] <= '9':
		i = digits(in, i+1)
	default:
		return 0, false
	}
	if i < len(in) && in[i] == '.' {
		j := digits(in, i+1)
		if j == i+1 {
			return 0, false
		}
		i = j
	}
	if i < len(in) && (in[i] == 'e' || in[i] == 'E') {
		i++
		if i < len(in) && (in[i] == '+' || in[i] == '-') {
			i++
		}
		j := digits(in, i)
		if j == i {
			return 0, false
		}
		i = j
	}
	return i, true
}

func digits(in []byte, i int) int {
	for i < len(in) && in[i] >= '0' && in[i] <= '9' {
		i++
	}
	return i
}

// scanLiteral returns the index just past true, false or null at in[i].
func scanLiteral(in []byte, i int) (end int, ok bool) {
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(in)-i >= len(lit) && string(in[i:i+len(lit)]) == lit {
			return i + len(lit), true
		}
	}
	return 0, false
}

// validScalar reports whether tok is exactly one JSON number or literal.
func validScalar(tok []byte) bool {
	if len(tok) == 0 {
		return false
	}
	end, ok := scanNumber(tok, 0)
	if !ok {
		end, ok = scanLiteral(tok, 0)
	}
	return ok && end == len(tok)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// cursor is a position in a JSON text: the tree parser and the rewriter
// read the punctuation between values through it, the same way.
type cursor struct {
	in  []byte
	pos int
}

// ws skips whitespace.
func (c *cursor) ws() {
	for c.pos < len(c.in) && c.in[c.pos] <= ' ' && isSpace(c.in[c.pos]) {
		c.pos++
	}
}

// empty is called just past a container's opening bracket: it skips
// whitespace and consumes close when it follows at once.
func (c *cursor) empty(close byte) bool {
	c.ws()
	if c.pos < len(c.in) && c.in[c.pos] == close {
		c.pos++
		return true
	}
	return false
}

// colon consumes the ':' after an object key, with the whitespace around it.
func (c *cursor) colon() bool {
	c.ws()
	if c.pos >= len(c.in) || c.in[c.pos] != ':' {
		return false
	}
	c.pos++
	c.ws()
	return true
}

// after consumes what follows a container's member: ',' (another member
// follows) or close (done); ok is false on anything else.
func (c *cursor) after(close byte) (done, ok bool) {
	c.ws()
	if c.pos >= len(c.in) {
		return false, false
	}
	switch c.in[c.pos] {
	case ',':
		c.pos++
		return false, true
	case close:
		c.pos++
		return true, true
	}
	return false, false
}
