package detect

import "fmt"

// automaton finds every occurrence of a set of keywords, ASCII case folded,
// in one pass over the text. It is an Aho–Corasick automaton compiled to a dense
// DFA over byte classes: bytes that occur in no keyword share class 0, so the
// table stays small enough to live in cache and each input byte costs two loads.
// Each byte's load depends on the previous one, which bounds its speed; the
// prefilter uses it only for keyword sets too large for the gram filter.
type automaton struct {
	class  [256]uint8 // byte → class
	ncls   int
	delta  []int32   // state*ncls+class → next state*ncls; negative: the state has outputs
	out    [][]int32 // state → keyword ids ending there (own and inherited by failure links)
	kwLen  []int     // keyword id → length
	maxLen int       // longest keyword
}

// buildAutomaton compiles keywords (already lower-case).
func buildAutomaton(keywords []string) (*automaton, error) {
	p := &automaton{}
	// Byte classes: one per distinct (lower-cased) keyword byte; upper-case
	// letters share their lower-case class so matching ignores ASCII case.
	ncls := 1
	for _, k := range keywords {
		for i := 0; i < len(k); i++ {
			b := k[i]
			if p.class[b] == 0 {
				p.class[b] = uint8(ncls)
				if 'a' <= b && b <= 'z' {
					p.class[b-'a'+'A'] = uint8(ncls)
				}
				ncls++
			}
		}
	}
	p.ncls = ncls
	// Trie.
	type node struct {
		next []int32
		fail int32
		out  []int32
	}
	nodes := []node{{next: make([]int32, ncls)}}
	for id, k := range keywords {
		s := int32(0)
		for i := 0; i < len(k); i++ {
			c := p.class[k[i]]
			if nodes[s].next[c] == 0 {
				nodes = append(nodes, node{next: make([]int32, ncls)})
				nodes[s].next[c] = int32(len(nodes) - 1)
			}
			s = nodes[s].next[c]
		}
		nodes[s].out = append(nodes[s].out, int32(id))
		p.kwLen = append(p.kwLen, len(k))
		p.maxLen = max(p.maxLen, len(k))
	}
	// Failure links breadth-first, completing the transition table into a DFA.
	queue := make([]int32, 0, len(nodes))
	order := []int32{0} // states breadth-first
	for c := 1; c < ncls; c++ {
		if s := nodes[0].next[c]; s != 0 {
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		order = append(order, s)
		f := nodes[s].fail
		nodes[s].out = append(nodes[s].out, nodes[f].out...)
		for c := 0; c < ncls; c++ {
			t := nodes[s].next[c]
			if t == 0 || c == 0 {
				nodes[s].next[c] = nodes[f].next[c]
				continue
			}
			nodes[t].fail = nodes[f].next[c]
			queue = append(queue, t)
		}
	}
	if len(nodes)*ncls > maxPrefilterCells {
		return nil, fmt.Errorf("detect: %d keywords and terms need %d automaton cells, more than %d", len(keywords), len(nodes)*ncls, maxPrefilterCells)
	}
	// Number states breadth-first: the shallow states, where a scan spends
	// nearly all its time, then share a few cache lines of the table.
	rank := make([]int32, len(nodes))
	for r, old := range order {
		rank[old] = int32(r)
	}
	p.delta = make([]int32, len(nodes)*ncls)
	p.out = make([][]int32, len(nodes))
	for old := range nodes {
		s := int(rank[old])
		p.out[s] = nodes[old].out
		for c := 0; c < ncls; c++ {
			t := nodes[old].next[c]
			// Next states are stored pre-multiplied by ncls (no multiply in
			// the hot loop) and negated when they have outputs (the loop
			// tests the sign instead of loading a second array).
			v := rank[t] * int32(ncls)
			if len(nodes[t].out) > 0 {
				v = -v
			}
			p.delta[s*ncls+c] = v
		}
	}
	return p, nil
}

// scan calls hit(kw, start) for every keyword occurrence. If digits is not
// nil it also appends the start of every run of ASCII digits to it, in order.
// It returns the offset of the first non-ASCII byte, or -1.
// It is a single-stream loop. (Interleaving two halves to break
// the load-to-load dependency measured slower: register pressure.)
func (p *automaton) scan(text string, hit func(kw int32, start int), digits *[]int) int {
	ncls := int32(p.ncls)
	delta := p.delta
	class := &p.class
	var d []int
	if digits != nil {
		d = *digits
	}
	nonASCII := -1
	s := int32(0)
	prevDigit := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if f := autoFlags[c]; f != 0 || prevDigit {
			isD := f == flagDigit
			if isD && !prevDigit && digits != nil {
				d = append(d, i)
			}
			prevDigit = isD
			if f == flagNonASCII && nonASCII < 0 {
				nonASCII = i
			}
		}
		s = delta[s+int32(class[c])]
		if s < 0 {
			s = -s
			for _, kw := range p.out[s/ncls] {
				hit(kw, i+1-p.kwLen[kw])
			}
		}
	}
	if digits != nil {
		*digits = d
	}
	return nonASCII
}

// autoFlags marks the bytes the automaton reports besides keywords.
var autoFlags = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = flagDigit
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = flagNonASCII
	}
	return
}()

const (
	flagDigit    = 1
	flagNonASCII = 2
)
