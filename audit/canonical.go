package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
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
	prevAt    int    // offset of the prev_hash value in canonical
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
	if !json.Valid(line) {
		return nil, false, fmt.Errorf("not JSON: %w", json.Unmarshal(line, new(any)))
	}
	return scan(line)
}

// scan canonicalises a line known to be valid JSON.
func scan(line []byte) (r *record, hasHash bool, err error) {
	c := canonicalizer{b: line}
	c.ws()
	if c.b[c.i] != '{' {
		return nil, false, errors.New("not a JSON object")
	}
	r = &record{}
	var ts string
	c.r, c.ts = r, &ts
	c.out = make([]byte, 0, 2*len(line)+64)
	c.ms = make([]member, 0, 32)
	if err := c.object(1); err != nil {
		return nil, false, err
	}
	canon := c.out
	if !c.hasPrev || !isHash(r.prev) {
		return nil, false, errors.New(`no "prev_hash" of 64 lowercase hex digits`)
	}
	if r.time, err = time.Parse(time.RFC3339Nano, ts); err != nil {
		return nil, false, errors.New(`no "@timestamp" in RFC 3339`)
	}
	r.canonical, r.prevAt = canon, c.prevAt
	return r, c.hasHash, nil
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

// canonicalizer writes the canonical form of doc.go while it scans a line
// that json.Valid accepted, and captures top-level string members named in
// top. Scanning valid JSON by hand, into one buffer, is four times faster than
// json.Decoder's tokens, and the writer pays it on every event.
type canonicalizer struct {
	b                []byte // the line
	i                int
	out              []byte   // canonical values, appended as they are scanned
	ms               []member // a stack of the members of the objects being scanned
	keys             []byte   // decoded keys that had escapes
	r                *record  // where top-level members are captured
	ts               *string  // @timestamp
	hasHash, hasPrev bool     // top-level members seen
	prevAt           int      // offset of the top-level prev_hash value in the canonical form
}

// member is an object member whose canonical value is out[start:end] and
// whose key is b[k0:k1], or keys[k0:k1] when escaped. Offsets, not slices:
// a member holds no pointer, so the stack costs the GC nothing.
type member struct {
	k0, k1     int
	escaped    bool
	start, end int
}

// top is where to capture a top-level member, or nil.
func (c *canonicalizer) top(key []byte) *string {
	switch string(key) {
	case "hash":
		return &c.r.hash
	case "prev_hash":
		return &c.r.prev
	case "event.kind":
		return &c.r.kind
	case "event.reason":
		return &c.r.reason
	case "@timestamp":
		return c.ts
	}
	return nil
}

func (c *canonicalizer) key(m member) []byte {
	if m.escaped {
		return c.keys[m.k0:m.k1]
	}
	return c.b[m.k0:m.k1]
}

func (c *canonicalizer) ws() {
	for c.i < len(c.b) {
		switch c.b[c.i] {
		case ' ', '\t', '\n', '\r':
			c.i++
		default:
			return
		}
	}
}

// object scans an object at c.i and appends its canonical form to out. At
// depth 1 the "hash" member is left out and members in top are captured.
func (c *canonicalizer) object(depth int) error {
	if depth > maxDepth {
		return errors.New("nested too deep")
	}
	c.i++ // '{'
	begin, base := len(c.out), len(c.ms)
	defer func() { c.ms = c.ms[:base] }()
	var keys map[string]bool // only for big objects: most have a handful of keys
	for {
		c.ws()
		if c.b[c.i] == '}' {
			c.i++
			break
		}
		if c.b[c.i] == ',' {
			c.i++
			c.ws()
		}
		kStart := c.i + 1
		raw, dec, err := c.str()
		if err != nil {
			return err
		}
		m := member{k0: kStart, k1: kStart + len(raw) - 2}
		if dec != nil {
			m = member{k0: len(c.keys), k1: len(c.keys) + len(dec), escaped: true}
			c.keys = append(c.keys, dec...)
		}
		key := c.key(m)
		if n := len(c.ms) - base; n == 32 {
			keys = make(map[string]bool, 64)
			for _, m := range c.ms[base:] {
				keys[string(c.key(m))] = true
			}
		}
		if keys != nil {
			if keys[string(key)] {
				return fmt.Errorf("duplicate key %q", key)
			}
			keys[string(key)] = true
		} else {
			for _, o := range c.ms[base:] {
				if bytes.Equal(c.key(o), key) {
					return fmt.Errorf("duplicate key %q", key)
				}
			}
		}
		c.ws()
		c.i++ // ':'
		c.ws()
		m.start = len(c.out)
		var dst *string
		if depth == 1 {
			dst = c.top(key)
		}
		if dst != nil {
			if c.b[c.i] != '"' {
				return fmt.Errorf("%q is not a string", key)
			}
			raw, dec, err := c.str()
			if err != nil {
				return err
			}
			if dec == nil {
				*dst = string(raw[1 : len(raw)-1])
				c.out = append(c.out, raw...)
			} else {
				*dst = string(dec)
				c.out = appendString(c.out, *dst)
			}
		} else if err := c.value(depth); err != nil {
			return err
		}
		m.end = len(c.out)
		c.ms = append(c.ms, m)
	}
	ms := c.ms[base:]
	// bytes.Compare is UTF-8 byte order, as doc.go says.
	slices.SortFunc(ms, func(a, b member) int { return bytes.Compare(c.key(a), c.key(b)) })
	// Assemble the sorted object after the values, then move it over them.
	mid := len(c.out)
	c.out = append(c.out, '{')
	for _, m := range ms {
		key := c.key(m)
		if depth == 1 {
			if string(key) == "hash" {
				c.hasHash = true
				continue
			}
			if string(key) == "prev_hash" {
				c.hasPrev = true
			}
		}
		if len(c.out) > mid+1 {
			c.out = append(c.out, ',')
		}
		if m.escaped {
			c.out = appendString(c.out, string(key))
		} else { // as written: no escapes, no controls
			c.out = append(c.out, c.b[m.k0-1:m.k1+1]...)
		}
		c.out = append(c.out, ':')
		if depth == 1 && string(key) == "prev_hash" {
			c.prevAt = begin + len(c.out) - mid + 1
		}
		c.out = append(c.out, c.out[m.start:m.end]...)
	}
	c.out = append(c.out, '}')
	n := copy(c.out[begin:], c.out[mid:])
	c.out = c.out[:begin+n]
	return nil
}

// value appends the canonical form of the value at c.i to out.
func (c *canonicalizer) value(depth int) error {
	switch c.b[c.i] {
	case '{':
		return c.object(depth + 1)
	case '[':
		return c.array(depth + 1)
	case '"':
		raw, dec, err := c.str()
		if err != nil {
			return err
		}
		if dec == nil { // no escapes, and valid JSON has no raw controls
			c.out = append(c.out, raw...)
		} else {
			c.out = appendString(c.out, string(dec))
		}
		return nil
	case 't':
		c.i += 4
		c.out = append(c.out, "true"...)
		return nil
	case 'f':
		c.i += 5
		c.out = append(c.out, "false"...)
		return nil
	case 'n':
		c.i += 4
		c.out = append(c.out, "null"...)
		return nil
	}
	start := c.i // a number: kept as written
	for c.i < len(c.b) && strings.IndexByte("+-0123456789.eE", c.b[c.i]) >= 0 {
		c.i++
	}
	if c.i == start { // only without validation
		return errors.New("not JSON: unexpected character")
	}
	c.out = append(c.out, c.b[start:c.i]...)
	return nil
}

func (c *canonicalizer) array(depth int) error {
	if depth > maxDepth {
		return errors.New("nested too deep")
	}
	c.i++ // '['
	c.out = append(c.out, '[')
	for first := true; ; first = false {
		c.ws()
		if c.b[c.i] == ']' {
			c.i++
			c.out = append(c.out, ']')
			return nil
		}
		if c.b[c.i] == ',' {
			c.i++
			c.ws()
		}
		if !first {
			c.out = append(c.out, ',')
		}
		if err := c.value(depth); err != nil {
			return err
		}
	}
}

// str scans a string at c.i and returns it as written, quotes included, and
// its decoded value when it has escapes (else nil). Escaped strings go
// through encoding/json, so they decode as it decodes them (a lone
// surrogate becomes U+FFFD).
func (c *canonicalizer) str() (raw, dec []byte, err error) {
	start, esc := c.i, false
	for c.i++; c.b[c.i] != '"'; c.i++ {
		if c.b[c.i] == '\\' {
			esc = true
			c.i++
		}
	}
	c.i++
	raw = c.b[start:c.i]
	if !esc {
		return raw, nil, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, nil, fmt.Errorf("not JSON: %w", err)
	}
	return raw, []byte(s), nil
}

// appendString writes s as a canonical JSON string: '"' and '\' escaped with
// a backslash, \b \f \n \r \t for those controls, \u00xx (lowercase hex) for
// the other controls below U+0020, every other byte as it is (s is valid
// UTF-8 here: decoded from a line that is).
func appendString(out []byte, s string) []byte {
	out = append(out, '"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' || c < 0x20 {
			out = appendEscape(out, c)
		} else {
			out = append(out, c)
		}
	}
	return append(out, '"')
}

// appendEscape writes the canonical escape of c, a '"', a '\' or a control
// below U+0020.
func appendEscape(out []byte, c byte) []byte {
	const hexDigits = "0123456789abcdef"
	switch c {
	case '"', '\\':
		return append(out, '\\', c)
	case '\b':
		return append(out, '\\', 'b')
	case '\f':
		return append(out, '\\', 'f')
	case '\n':
		return append(out, '\\', 'n')
	case '\r':
		return append(out, '\\', 'r')
	case '\t':
		return append(out, '\\', 't')
	}
	return append(out, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}
