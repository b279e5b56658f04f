package llmapi

import (
	"errors"
	"strconv"
	"unicode/utf8"
)

// The rewriter below walks a JSON document token by token and lets a visitor
// replace string tokens (values and object keys). Only the replaced tokens
// are re-encoded; every other byte — whitespace, escapes, number spelling,
// key order — is copied as it was, so a rewritten body differs from the
// original exactly where a value was replaced.

// errBadJSON reports input the rewriter cannot walk (it expects one
// well-formed value, as parseTree has already checked for request bodies).
var errBadJSON = errors.New("llmapi: rewrite: malformed JSON")

// pathElem is one step of a JSON path: an object member (index < 0) or an
// array element.
type pathElem struct {
	key   string
	index int
}

// visitFunc sees every string token: path is the path of the value (for a
// key, of the member it names), key tells a key from a value, raw is the
// token as it appears in the input, quotes included. It returns the
// replacement token (quotes included) and whether to use it.
type visitFunc func(path []pathElem, key bool, raw []byte) ([]byte, bool)

type rewriter struct {
	cursor
	path  []pathElem
	visit visitFunc
	out   []byte // nil until the first replacement
	last  int    // in[last:pos] not yet copied to out
}

// rewriteStrings returns in with the string tokens the visitor replaces
// swapped; it returns in itself (not a copy) when nothing changed.
func rewriteStrings(in []byte, visit visitFunc) ([]byte, error) {
	rw := &rewriter{cursor: cursor{in: in}, visit: visit, path: make([]pathElem, 0, 8)}
	rw.ws()
	if err := rw.value(0); err != nil {
		return nil, err
	}
	rw.ws()
	if rw.pos != len(in) {
		return nil, errBadJSON
	}
	if rw.out == nil {
		return in, nil
	}
	return append(rw.out, in[rw.last:]...), nil
}

func (rw *rewriter) value(depth int) error {
	if depth > maxDepth || rw.pos >= len(rw.in) {
		return errBadJSON
	}
	switch c := rw.in[rw.pos]; {
	case c == '{':
		rw.pos++
		if rw.empty('}') {
			return nil
		}
		for {
			rw.ws()
			if rw.pos >= len(rw.in) || rw.in[rw.pos] != '"' {
				return errBadJSON
			}
			start := rw.pos
			if err := rw.skipString(); err != nil {
				return err
			}
			k, ok := decodeString(rw.in[start:rw.pos])
			if !ok {
				return errBadJSON
			}
			rw.path = append(rw.path, pathElem{key: k, index: -1})
			rw.str(start, true)
			if !rw.colon() {
				return errBadJSON
			}
			if err := rw.value(depth + 1); err != nil {
				return err
			}
			rw.path = rw.path[:len(rw.path)-1]
			if done, ok := rw.after('}'); !ok {
				return errBadJSON
			} else if done {
				return nil
			}
		}
	case c == '[':
		rw.pos++
		if rw.empty(']') {
			return nil
		}
		for i := 0; ; i++ {
			rw.ws()
			rw.path = append(rw.path, pathElem{index: i})
			if err := rw.value(depth + 1); err != nil {
				return err
			}
			rw.path = rw.path[:len(rw.path)-1]
			if done, ok := rw.after(']'); !ok {
				return errBadJSON
			} else if done {
				return nil
			}
		}
	case c == '"':
		start := rw.pos
		if err := rw.skipString(); err != nil {
			return err
		}
		rw.str(start, false)
		return nil
	default:
		// A number or a literal: the bytes up to the next delimiter.
		start := rw.pos
		for rw.pos < len(rw.in) {
			switch rw.in[rw.pos] {
			case ',', '}', ']', ' ', '\t', '\n', '\r', ':', '"', '{', '[':
				goto done
			}
			rw.pos++
		}
	done:
		if !validScalar(rw.in[start:rw.pos]) {
			return errBadJSON
		}
		return nil
	}
}

// skipString moves past the string token at pos.
func (rw *rewriter) skipString() error {
	end, _, ok := scanString(rw.in, rw.pos)
	if !ok {
		return errBadJSON
	}
	rw.pos = end
	return nil
}

// str offers the string token in[start:pos] to the visitor.
func (rw *rewriter) str(start int, key bool) {
	repl, ok := rw.visit(rw.path, key, rw.in[start:rw.pos])
	if !ok {
		return
	}
	if rw.out == nil {
		rw.out = make([]byte, 0, len(rw.in)+len(repl))
	}
	rw.out = append(rw.out, rw.in[rw.last:start]...)
	rw.out = append(rw.out, repl...)
	rw.last = rw.pos
}

// decodeString decodes a JSON string token (quotes included) the way
// encoding/json does, so the result equals the text Extract saw.
func decodeString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", false
	}
	end, fl, ok := scanString(raw, 0)
	if !ok || end != len(raw) {
		return "", false
	}
	inner := raw[1 : len(raw)-1]
	if fl == 0 {
		return string(inner), true
	}
	return string(unescape(make([]byte, 0, len(inner)), inner, fl)), true
}

// appendQuoted appends s as a JSON string token (quotes included), escaping
// only what JSON requires (plus U+2028/U+2029, which break JavaScript
// parsers); HTML characters are left alone, as the vendors send them.
func appendQuoted(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = appendEscaped(dst, s)
	return append(dst, '"')
}

// appendEscaped appends the body of a JSON string holding s (no quotes).
func appendEscaped(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(dst, s[start:]...)
}

// formatPath spells a path the way Extract names segments.
func formatPath(path []pathElem) string {
	var buf [128]byte
	b := buf[:0]
	for _, e := range path {
		if e.index >= 0 {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(e.index), 10)
			b = append(b, ']')
		} else {
			b = appendMember(b, e.key)
		}
	}
	return string(b)
}
