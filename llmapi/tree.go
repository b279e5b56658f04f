package llmapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// ErrAmbiguous reports a JSON body that vendors may read differently from us:
// an object with the same key twice. The proxy refuses such a request, since
// the vendor may act on a value other than the one that was inspected.
var ErrAmbiguous = errors.New("llmapi: ambiguous JSON body (duplicate object key)")

// errNotJSON marks a body that is not one well-formed JSON value.
var errNotJSON = errors.New("llmapi: body is not JSON")

type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kArray
	kObject
)

// node is a parsed JSON value that keeps object members in order (paths and
// duplicate detection need them; map[string]any loses both).
type node struct {
	kind  kind
	str   string // kString
	truth bool   // kBool
	keys  []string
	vals  []*node // object values (parallel to keys) or array elements
}

// get returns the value of key in an object (nil when absent or not an object).
func (n *node) get(key string) *node {
	if n == nil || n.kind != kObject {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// str returns the string value of key, if it is a string.
func (n *node) getString(key string) (string, bool) {
	v := n.get(key)
	if v == nil || v.kind != kString {
		return "", false
	}
	return v.str, true
}

// parseTree parses body as exactly one JSON value. It returns errNotJSON for
// anything else and ErrAmbiguous for a duplicate key anywhere in the value.
func parseTree(body []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	n, err := parseValue(dec, 0)
	if err != nil {
		return nil, err
	}
	// Trailing data (a second value, garbage) is not one JSON document: a
	// vendor would reject it or read it differently.
	if _, err := dec.Token(); err != io.EOF {
		return nil, errNotJSON
	}
	return n, nil
}

// maxDepth bounds nesting: json.Decoder.Token does not, and the recursion
// below must not exhaust the stack. Deeper bodies are scanned as raw text.
const maxDepth = 1000

func parseValue(dec *json.Decoder, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, errNotJSON
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, errNotJSON
	}
	switch t := tok.(type) {
	case nil:
		return &node{kind: kNull}, nil
	case bool:
		return &node{kind: kBool, truth: t}, nil
	case json.Number:
		return &node{kind: kNumber}, nil
	case string:
		return &node{kind: kString, str: t}, nil
	case json.Delim:
		switch t {
		case '[':
			n := &node{kind: kArray}
			for dec.More() {
				v, err := parseValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				n.vals = append(n.vals, v)
			}
			if _, err := dec.Token(); err != nil { // ']'
				return nil, errNotJSON
			}
			return n, nil
		case '{':
			n := &node{kind: kObject}
			seen := map[string]struct{}{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, errNotJSON
				}
				k, ok := kt.(string)
				if !ok {
					return nil, errNotJSON
				}
				if _, dup := seen[k]; dup {
					// No key or path in the error: either may be secret.
					return nil, ErrAmbiguous
				}
				seen[k] = struct{}{}
				v, err := parseValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k)
				n.vals = append(n.vals, v)
			}
			if _, err := dec.Token(); err != nil { // '}'
				return nil, errNotJSON
			}
			return n, nil
		}
	}
	return nil, errNotJSON
}
