package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Genesis is the prev_hash of the first event of a chain: 64 zeros.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// maxDepth bounds the nesting of a line; events nest three deep.
const maxDepth = 16

// record is what verification needs of one audit line.
type record struct {
	canonical []byte // the object without "hash", in canonical form
	hash      string // as written on the line
	prev      string // prev_hash
	time      time.Time
	kind      string // event.kind
	reason    string // event.reason
}

// valid reports whether the line's hash is the one its content implies.
func (r *record) valid() bool { return chainHash(r.prev, r.canonical) == r.hash }

// chainHash is hex(SHA-256(prev || canonical)); prev is the 64-character hex
// prev_hash as ASCII.
func chainHash(prev string, canonical []byte) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write(canonical)
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

// parseLine parses one audit line strictly (valid UTF-8, one JSON object and
// nothing else, no duplicate keys, hash and prev_hash 64 lowercase hex digits,
// @timestamp RFC 3339) and computes its canonical form. Strictness matters:
// a duplicate key that this parser ignored could show another tool a value
// the hash does not cover.
func parseLine(line []byte) (*record, error) {
	r, hasHash, err := canonicalize(line)
	if err != nil {
		return nil, err
	}
	if !hasHash || !isHash(r.hash) {
		return nil, errors.New(`no "hash" of 64 lowercase hex digits`)
	}
	return r, nil
}

// canonicalize does the work of parseLine but lets "hash" be absent, as it is
// while the writer computes it.
func canonicalize(line []byte) (r *record, hasHash bool, err error) {
	if !utf8.Valid(line) {
		return nil, false, errors.New("not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, false, fmt.Errorf("not JSON: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, false, errors.New("not a JSON object")
	}
	r = &record{}
	top := map[string]*string{"hash": &r.hash, "prev_hash": &r.prev, "event.kind": &r.kind, "event.reason": &r.reason}
	var ts string
	top["@timestamp"] = &ts
	c := canonicalizer{top: top}
	canon, err := c.object(dec, 1)
	if err != nil {
		return nil, false, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false, errors.New("text after the JSON object")
	}
	if !c.seen["prev_hash"] || !isHash(r.prev) {
		return nil, false, errors.New(`no "prev_hash" of 64 lowercase hex digits`)
	}
	if r.time, err = time.Parse(time.RFC3339Nano, ts); err != nil {
		return nil, false, errors.New(`no "@timestamp" in RFC 3339`)
	}
	r.canonical = canon
	return r, c.seen["hash"], nil
}

func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// canonicalizer writes the canonical form of doc.go while it reads tokens,
// and captures top-level string members named in top.
type canonicalizer struct {
	top  map[string]*string
	seen map[string]bool
}

type member struct {
	key string
	val []byte
}

// object reads the members of an object whose '{' was consumed and returns
// its canonical form. At depth 1 the "hash" member is left out.
func (c *canonicalizer) object(dec *json.Decoder, depth int) ([]byte, error) {
	if depth > maxDepth {
		return nil, errors.New("nested too deep")
	}
	var ms []member
	keys := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("not JSON: %w", err)
		}
		key, ok := tok.(string)
		if !ok {
			return nil, errors.New("not JSON: object key is not a string")
		}
		if keys[key] {
			return nil, fmt.Errorf("duplicate key %q", key)
		}
		keys[key] = true
		if tok, err = dec.Token(); err != nil {
			return nil, fmt.Errorf("not JSON: %w", err)
		}
		if depth == 1 {
			if dst, ok := c.top[key]; ok {
				s, ok := tok.(string)
				if !ok {
					return nil, fmt.Errorf("%q is not a string", key)
				}
				*dst = s
			}
			if key == "hash" {
				continue
			}
		}
		val, err := c.value(dec, tok, depth)
		if err != nil {
			return nil, err
		}
		ms = append(ms, member{key, val})
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	if depth == 1 {
		c.seen = keys
	}
	// Go compares strings bytewise: UTF-8 byte order, as doc.go says.
	slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.key, b.key) })
	n := 2
	for _, m := range ms {
		n += len(m.key) + len(m.val) + 4
	}
	out := make([]byte, 0, n)
	out = append(out, '{')
	for i, m := range ms {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendString(out, m.key)
		out = append(out, ':')
		out = append(out, m.val...)
	}
	return append(out, '}'), nil
}

func (c *canonicalizer) value(dec *json.Decoder, tok json.Token, depth int) ([]byte, error) {
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			return c.object(dec, depth+1)
		case '[':
			return c.array(dec, depth+1)
		}
		return nil, fmt.Errorf("not JSON: unexpected %q", rune(v))
	case string:
		return appendString(nil, v), nil
	case json.Number:
		return []byte(v), nil // as written
	case bool:
		if v {
			return []byte("true"), nil
		}
		return []byte("false"), nil
	case nil:
		return []byte("null"), nil
	}
	return nil, fmt.Errorf("not JSON: unexpected token %T", tok)
}

func (c *canonicalizer) array(dec *json.Decoder, depth int) ([]byte, error) {
	if depth > maxDepth {
		return nil, errors.New("nested too deep")
	}
	out := []byte{'['}
	for i := 0; dec.More(); i++ {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("not JSON: %w", err)
		}
		val, err := c.value(dec, tok, depth)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, val...)
	}
	if _, err := dec.Token(); err != nil { // the closing ']'
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	return append(out, ']'), nil
}

// appendString writes s as a canonical JSON string: '"' and '\' escaped with
// a backslash, \b \f \n \r \t for those controls, \u00xx (lowercase hex) for
// the other controls below U+0020, every other character as its UTF-8 bytes.
func appendString(out []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	out = append(out, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			out = append(out, '\\', c)
		case c >= 0x20:
			out = append(out, c)
		case c == '\b':
			out = append(out, '\\', 'b')
		case c == '\f':
			out = append(out, '\\', 'f')
		case c == '\n':
			out = append(out, '\\', 'n')
		case c == '\r':
			out = append(out, '\\', 'r')
		case c == '\t':
			out = append(out, '\\', 't')
		default:
			out = append(out, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
	}
	return append(out, '"')
}
