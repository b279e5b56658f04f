package detect

import "fmt"

// prefilter finds every occurrence of a set of keywords, ASCII case folded,
// every run of ASCII digits and the first non-ASCII byte, in one pass over
// the text.
//
// For the usual keyword sets it is a gram filter: each keyword is anchored
// on its least common pair of bytes, and one table lookup per byte, on the
// last two (case-folded) bytes, says whether an anchor, a digit after a
// non-digit or a 1-byte keyword ends there. No load depends on the
// previous one, unlike an Aho–Corasick DFA, and the loop has no branch; the
// rare candidate is then checked against the keywords anchored on its pair. Keyword sets too large for the tables (big dictionaries of
// policy terms) fall back to the automaton.
type prefilter struct {
	kws    []string // keyword id → keyword
	kwLen  []int    // keyword id → length
	kwOwns [][]int  // keyword id → detector indexes that asked for it
	gram   *gramFilter
	auto   *automaton
}

// maxGramKeywords bounds the gram filter: past it the hashed table fills
// and candidates become common, so the automaton is faster.
const maxGramKeywords = 2048

// maxPrefilterCells bounds the dense automaton (4 bytes a cell): about a
// hundred thousand dictionary terms.
const maxPrefilterCells = 16 << 20

// newPrefilter compiles keywords (already lower-case); owners[i] lists the
// detectors keyword i gates. Tests only; NewScanner uses buildPrefilter.
func newPrefilter(keywords []string, owners [][]int) *prefilter {
	p, err := buildPrefilter(keywords, owners, false)
	if err != nil {
		panic(err)
	}
	return p
}

// buildPrefilter compiles keywords (already lower-case); owners[i] lists
// what keyword i gates. forceAuto selects the automaton whatever the size
// (tests compare the two).
func buildPrefilter(keywords []string, owners [][]int, forceAuto bool) (*prefilter, error) {
	p := &prefilter{kws: keywords, kwOwns: owners}
	for _, k := range keywords {
		if k == "" {
			return nil, fmt.Errorf("detect: empty keyword")
		}
		p.kwLen = append(p.kwLen, len(k))
	}
	if forceAuto || len(keywords) > maxGramKeywords {
		a, err := buildAutomaton(keywords)
		if err != nil {
			return nil, err
		}
		p.auto = a
		return p, nil
	}
	p.gram = buildGramFilter(keywords)
	return p, nil
}

// scan calls hit(kw, start) for every keyword occurrence (in no particular
// order). If digits is not nil it also appends the start of every run of
// ASCII digits to it, in order. It returns the offset of the first
// non-ASCII byte, or -1, so the caller learns in the same pass whether the
// text may need normalising.
func (p *prefilter) scan(text string, hit func(kw int32, start int), digits *[]int) int {
	if p.gram != nil {
		return p.gram.scan(text, hit, digits)
	}
	return p.auto.scan(text, hit, digits)
}

// gramFilter is the table-driven keyword finder described on prefilter.
type gramFilter struct {
	fold [256]uint8 // ASCII upper case → lower case; every other byte as is
	// pair[a<<8|b] is 1 when the folded bytes a, b may end something to
	// report: a keyword's anchor pair, a digit after a non-digit, a 1-byte
	// keyword after anything.
	pair *[1 << 16]uint8
	// Candidates are checked against the keywords anchored there.
	single  [256][]int32 // 1-byte keywords by their byte
	anchors gramTable    // longer keywords by their anchor pair
	kws     []string     // keyword id → keyword
}

// anchored is a keyword whose anchor pair starts at offset off in it.
type anchored struct {
	id  int32
	off int32
}

// gramTable maps an anchor pair to the keywords anchored on it: open
// addressing, linear probing (cheaper than a map on the candidate path).
type gramTable struct {
	keys []uint32
	kws  [][]anchored // nil: empty slot
	mask uint32
}

func (t *gramTable) hash(key uint32) uint32 { return (key * 0x9E3779B1) >> 16 & t.mask }

func (t *gramTable) lookup(key uint32) []anchored {
	for i := t.hash(key); ; i = (i + 1) & t.mask {
		if t.kws[i] == nil || t.keys[i] == key {
			return t.kws[i]
		}
	}
}

func (t *gramTable) add(key uint32, a anchored) {
	for i := t.hash(key); ; i = (i + 1) & t.mask {
		if t.kws[i] == nil || t.keys[i] == key {
			t.keys[i] = key
			t.kws[i] = append(t.kws[i], a)
			return
		}
	}
}

// newGramTable sizes a table for n keys at most half full.
func newGramTable(n int) gramTable {
	size := 4
	for size < 2*n {
		size *= 2
	}
	return gramTable{keys: make([]uint32, size), kws: make([][]anchored, size), mask: uint32(size - 1)}
}

// byteWeight estimates how common a (folded) byte is in prompts, per
// thousand: letters by their frequency in English and Italian prose,
// white space and common punctuation high, the rest low. A keyword is
// anchored on its pair with the lowest product, so candidates are rare.
var byteWeight = func() (t [256]int) {
	for c := range t {
		t[c] = 2
	}
	for c, w := range map[byte]int{'e': 110, 'a': 85, 'i': 75, 'o': 75, 't': 70, 'n': 62, 's': 55, 'r': 58,
		'l': 40, 'h': 35, 'd': 33, 'c': 32, 'u': 25, 'm': 22, 'p': 20, 'f': 15, 'g': 16, 'w': 12, 'y': 12,
		'b': 11, 'v': 12, 'k': 6, 'z': 5, 'j': 2, 'x': 2, 'q': 2, ' ': 180, '\n': 15, '.': 12, ',': 12} {
		t[c] = w
	}
	return
}()

func buildGramFilter(keywords []string) *gramFilter {
	g := &gramFilter{pair: new([1 << 16]uint8), anchors: newGramTable(len(keywords)), kws: keywords}
	for c := range 256 {
		g.fold[c] = lower(byte(c))
	}
	for a := range 256 {
		if !isDigit(byte(a)) {
			for d := '0'; d <= '9'; d++ {
				g.pair[a<<8|int(d)] = 1
			}
		}
	}
	for id, k := range keywords {
		if len(k) == 1 {
			g.single[k[0]] = append(g.single[k[0]], int32(id))
			if isLower(k[0]) {
				up := k[0] - ('a' - 'A')
				g.single[up] = append(g.single[up], int32(id))
			}
			for a := range 256 {
				g.pair[a<<8|int(k[0])] = 1
			}
			continue
		}
		off, best := 0, -1
		for o := 0; o+1 < len(k); o++ {
			if w := byteWeight[k[o]] * byteWeight[k[o+1]]; best < 0 || w < best {
				off, best = o, w
			}
		}
		key := uint32(k[off])<<8 | uint32(k[off+1])
		g.pair[key] = 1
		g.anchors.add(key, anchored{id: int32(id), off: int32(off)})
	}
	return g
}

func (g *gramFilter) scan(text string, hit func(kw int32, start int), digits *[]int) int {
	fold, pair := &g.fold, g.pair
	var w uint16 // the last two bytes, folded, newest lowest
	var acc byte
	// The text is read in blocks of 64 bytes, each giving the offsets of
	// its candidates.
	var buf [64]uint8
	for base := 0; base < len(text); base += 64 {
		var n int
		n, w, acc = gramBlock(text[base:min(base+64, len(text))], fold, pair, w, acc, &buf)
		for _, k := range buf[:n] {
			g.candidate(text, base+int(k), hit, digits)
		}
	}
	if acc < 0x80 {
		return -1
	}
	for j := 0; j < len(text); j++ {
		if text[j] >= 0x80 {
			return j
		}
	}
	return -1
}

// gramBlock is the inner loop over at most 64 bytes: it stores the offset
// of every candidate in buf and returns how many there are. It is a leaf
// function (kept out of line) so that its state lives in registers.
//
//go:noinline
func gramBlock(block string, fold *[256]uint8, pair *[1 << 16]uint8, w uint16, acc byte, buf *[64]uint8) (int, uint16, byte) {
	n := 0
	for k := 0; k < len(block) && k < 64; k++ {
		c := block[k]
		acc |= c
		w = w<<8 | uint16(fold[c])
		// Branch-free: the slot is overwritten unless the pair counts.
		buf[n&63] = uint8(k)
		n += int(pair[w])
	}
	return n, w, acc
}

// candidate checks what may end at text[j]: a digit run's start, a 1-byte
// keyword, a keyword whose anchor pair ends there.
func (g *gramFilter) candidate(text string, j int, hit func(kw int32, start int), digits *[]int) {
	c := text[j]
	var prev byte
	if j > 0 {
		prev = text[j-1]
	}
	if isDigit(c) && !isDigit(prev) && digits != nil {
		*digits = append(*digits, j)
	}
	for _, id := range g.single[c] {
		hit(id, j)
	}
	if j == 0 {
		return
	}
	for _, a := range g.anchors.lookup(uint32(g.fold[prev])<<8 | uint32(g.fold[c])) {
		start := j - 1 - int(a.off)
		if start >= 0 && g.hasPrefixFold(text, start, g.kws[a.id]) {
			hit(a.id, start)
		}
	}
}

// hasPrefixFold reports whether text[i:] starts with k, ASCII case folded.
func (g *gramFilter) hasPrefixFold(text string, i int, k string) bool {
	if len(text)-i < len(k) {
		return false
	}
	for n := 0; n < len(k); n++ {
		if g.fold[text[i+n]] != k[n] {
			return false
		}
	}
	return true
}
