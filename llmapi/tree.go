package llmapi

import (
	"bytes"
	"errors"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
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
	str   string // kString
	keys  []string
	vals  []*node // object values (parallel to keys) or array elements
	kind  kind
	truth bool // kBool
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
	root, _, err := parseDoc(body)
	return root, err
}

// maxDepth bounds nesting so that the recursion below cannot exhaust the
// stack. Deeper bodies are scanned as raw text.
const maxDepth = 1000

// parser builds a tree in one pass over the bytes, with few allocations:
// every string (decoded, keys included) is copied into one arena, and nodes
// and the members of finished containers come from slabs. The slabs are never
// appended to past their capacity once handed out, so a tree's slices and
// strings never change after parsing.
type parser struct {
	cursor
	count int // nodes made

	arena strings.Builder // all strings of the tree
	nodes []node
	ptrs  []*node  // vals of finished containers
	keys  []string // keys of finished objects
	slab  int      // size of a first slab
	nptrs int      // members taken to ptrs so far
	nkeys int      // keys taken to keys so far

}

// parseDoc is parseTree that also returns how many nodes the tree holds.
func parseDoc(body []byte) (*node, int, error) {
	p := parser{cursor: cursor{in: body}}
	// Most values of an API body are strings, or hold some: half its
	// quotes is a fair guess of its size in nodes (a vectorised count).
	p.slab = min(max(bytes.Count(body, []byte{'"'})/2+8, 16), 4096)
	p.ws()
	n, err := p.value(0)
	if err != nil {
		return nil, 0, err
	}
	p.ws()
	// Trailing data (a second value, garbage) is not one JSON document: a
	// vendor would reject it or read it differently.
	if p.pos != len(p.in) {
		return nil, 0, errNotJSON
	}
	return n, p.count, nil
}

func (p *parser) node(k kind) *node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]node, 0, p.next(p.count))
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.kind = k
	p.count++
	return n
}

// next returns the size of a new slab when made items are already placed:
// half as many again, so that a big body needs few slabs and little room is
// left unused.
func (p *parser) next(made int) int {
	return min(max(p.slab, made/2), 1<<16)
}

func (p *parser) value(depth int) (*node, error) {
	if depth > maxDepth || p.pos >= len(p.in) {
		return nil, errNotJSON
	}
	switch c := p.in[p.pos]; c {
	case '{':
		return p.object(depth)
	case '[':
		return p.array(depth)
	case '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		n := p.node(kString)
		n.str = s
		return n, nil
	case 't', 'f', 'n':
		end, ok := scanLiteral(p.in, p.pos)
		if !ok {
			return nil, errNotJSON
		}
		p.pos = end
		if c == 'n' {
			return p.node(kNull), nil
		}
		n := p.node(kBool)
		n.truth = c == 't'
		return n, nil
	default:
		end, ok := scanNumber(p.in, p.pos)
		if !ok {
			return nil, errNotJSON
		}
		p.pos = end
		return p.node(kNumber), nil
	}
}

// string reads the string token at pos into the arena, decoding it on the
// way: runs of text between escapes are found with bytes.IndexByte and
// copied whole. It follows scanString and unescape (jsonscan.go), in one
// pass.
func (p *parser) string() (string, error) {
	in := p.in
	i := p.pos + 1
	if p.arena.Cap() == 0 {
		// Once, at the first string: the strings of the rest of the body
		// take no more room than their tokens (bar invalid UTF-8), and a
		// body that is not JSON costs nothing. Past arenaMax the arena
		// grows as needed: a big body may be mostly numbers.
		p.arena.Grow(min(len(in)-i, arenaMax))
	}
	start := p.arena.Len()
	quote := -1 // the next '"' at or after i, once known
	for {
		if quote < i {
			q := bytes.IndexByte(in[i:], '"')
			if q < 0 {
				return "", errNotJSON
			}
			quote = i + q
		}
		stop := quote
		if bs := bytes.IndexByte(in[i:quote], '\\'); bs >= 0 {
			stop = i + bs
		}
		if run := in[i:stop]; asciiText(run) {
			p.arena.Write(run)
		} else {
			bad, ok := checkText(run)
			if !ok {
				return "", errNotJSON
			}
			if bad {
				for len(run) > 0 {
					r, size := utf8.DecodeRune(run)
					if r == utf8.RuneError && size == 1 {
						p.arena.WriteRune(utf8.RuneError)
					} else {
						p.arena.Write(run[:size])
					}
					run = run[size:]
				}
			} else {
				p.arena.Write(run)
			}
		}
		if stop == quote {
			p.pos = quote + 1
			break
		}
		// An escape at stop.
		if stop+1 >= len(in) {
			return "", errNotJSON
		}
		i = stop + 2
		switch c := in[stop+1]; c {
		case '"', '\\', '/':
			p.arena.WriteByte(c)
		case 'b':
			p.arena.WriteByte('\b')
		case 'f':
			p.arena.WriteByte('\f')
		case 'n':
			p.arena.WriteByte('\n')
		case 'r':
			p.arena.WriteByte('\r')
		case 't':
			p.arena.WriteByte('\t')
		case 'u':
			rr := getu4(in[stop:])
			if rr < 0 {
				return "", errNotJSON
			}
			i = stop + 6
			if utf16.IsSurrogate(rr) {
				// A valid pair is one rune; anything else leaves U+FFFD and
				// the next escape, if any, to be read on its own.
				if dec := utf16.DecodeRune(rr, getu4(in[i:])); dec != unicode.ReplacementChar {
					rr = dec
					i += 6
				} else {
					rr = unicode.ReplacementChar
				}
			}
			p.arena.WriteRune(rr)
		default:
			return "", errNotJSON
		}
	}
	if p.arena.Len() == start {
		return "", nil
	}
	return p.arena.String()[start:], nil
}

// members holds a container's members while it is parsed: the first few in
// arrays on the goroutine stack (no allocation, and no write barrier while
// the collector runs), the rest on the heap.
const members = 16

func (p *parser) array(depth int) (*node, error) {
	p.pos++ // '['
	n := p.node(kArray)
	if p.empty(']') {
		return n, nil
	}
	var head [members]*node
	var more []*node
	count := 0
	for {
		p.ws()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if count < members {
			head[count] = v
		} else {
			more = append(more, v)
		}
		count++
		done, ok := p.after(']')
		if !ok {
			return nil, errNotJSON
		}
		if done {
			break
		}
	}
	n.vals = p.takeVals(head[:min(count, members)], more)
	return n, nil
}

// arenaMax bounds the string arena allocated before it is known to be needed.
const arenaMax = 256 << 10

func (p *parser) object(depth int) (*node, error) {
	p.pos++ // '{'
	n := p.node(kObject)
	if p.empty('}') {
		return n, nil
	}
	var (
		headK [members]string
		headV [members]*node
		moreK []string
		moreV []*node
		seen  map[string]struct{} // from the members-th key on
	)
	count := 0
	for {
		p.ws()
		if p.pos >= len(p.in) || p.in[p.pos] != '"' {
			return nil, errNotJSON
		}
		k, err := p.string()
		if err != nil {
			return nil, err
		}
		// Every object, at every level: the decoded keys are compared, so
		// "model" and "\u006dodel" are the same key, as for any vendor.
		// No key or path in the error: either may be secret.
		if count < members {
			for _, prev := range headK[:count] {
				if prev == k {
					return nil, ErrAmbiguous
				}
			}
			headK[count] = k
		} else {
			if seen == nil {
				seen = make(map[string]struct{}, 2*members)
				for _, prev := range headK {
					seen[prev] = struct{}{}
				}
			}
			if _, dup := seen[k]; dup {
				return nil, ErrAmbiguous
			}
			seen[k] = struct{}{}
			moreK = append(moreK, k)
		}
		if !p.colon() {
			return nil, errNotJSON
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if count < members {
			headV[count] = v
		} else {
			moreV = append(moreV, v)
		}
		count++
		done, ok := p.after('}')
		if !ok {
			return nil, errNotJSON
		}
		if done {
			break
		}
	}
	n.keys = p.takeKeys(headK[:min(count, members)], moreK)
	n.vals = p.takeVals(headV[:min(count, members)], moreV)
	return n, nil
}

// takeVals copies a container's members to a slab.
func (p *parser) takeVals(head, more []*node) []*node {
	if need := len(head) + len(more); need > cap(p.ptrs)-len(p.ptrs) {
		p.ptrs = make([]*node, 0, max(need, p.next(p.nptrs)))
	}
	s := len(p.ptrs)
	p.nptrs += len(head) + len(more)
	p.ptrs = append(p.ptrs, head...)
	p.ptrs = append(p.ptrs, more...)
	return p.ptrs[s:len(p.ptrs):len(p.ptrs)]
}

func (p *parser) takeKeys(head, more []string) []string {
	if need := len(head) + len(more); need > cap(p.keys)-len(p.keys) {
		p.keys = make([]string, 0, max(need, p.next(p.nkeys)))
	}
	s := len(p.keys)
	p.nkeys += len(head) + len(more)
	p.keys = append(p.keys, head...)
	p.keys = append(p.keys, more...)
	return p.keys[s:len(p.keys):len(p.keys)]
}
