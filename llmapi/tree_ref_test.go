package llmapi

import (
	"bytes"
	"encoding/json"
	"io"
)

// parseTreeDecoder is the former parser, built on json.Decoder.Token: slow,
// but it is encoding/json's own reading of a document, which makes it the
// reference the fast parser is held to (FuzzParseTreeDifferential).
func parseTreeDecoder(body []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	n, err := refValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errNotJSON
	}
	return n, nil
}

func refValue(dec *json.Decoder, depth int) (*node, error) {
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
				v, err := refValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				n.vals = append(n.vals, v)
			}
			if _, err := dec.Token(); err != nil {
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
					return nil, ErrAmbiguous
				}
				seen[k] = struct{}{}
				v, err := refValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k)
				n.vals = append(n.vals, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, errNotJSON
			}
			return n, nil
		}
	}
	return nil, errNotJSON
}
