package detect

import (
	"fmt"
	"strings"
)

// prefilter finds every occurrence of a set of keywords, ASCII case folded,
// every run of ASCII digits and the first non-ASCII byte, in one pass over
// the text.
//
// For the usual keyword sets it is a gram filter: each keyword is anchored
// on its least common three bytes, and two table lookups per byte, on the
// last two and three (case-folded) bytes, say whether an anchor, a digit
// after a non-digit or a short keyword ends there. No load depends on the
// previous one, unlike in an Aho–Corasick DFA, and the loop has no branch:
// about 20 instructions a byte against the automaton's 35. The rare
// candidate is then checked against the keywords with that anchor. Keyword
// sets too large for the tables (big dictionaries of policy terms) fall
// back to the automaton (automaton.go).
type prefilter struct {
	kws    []string // keyword id → keyword
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
	// pair[a<<8|b] is not 0 when the folded bytes a, b end something to
	// report: a digit after a non-digit (gramDigit), a 1-byte keyword after
	// anything or a 2-byte keyword (gramKeyword).
	pair *[1 << 16]uint8
	// tri[triHash(w)] is gramKeyword when the last three folded bytes may
	// be the anchor of a longer keyword: its least common three bytes.
	tri *[1 << triBits]uint8
	// Candidates are checked against the keywords that could end there.
	single  [256][]int32 // 1-byte keywords by their byte
	pairs   gramTable    // 2-byte keywords
	anchors gramTable    // longer keywords by their anchor
	kws     []string     // keyword id → keyword
}

const (
	triBits = 14
	// Table values: bit 0 makes a candidate; bit 1 says a keyword may end
	// there, so a digit run's start needs no keyword check without it.
	gramDigit   = 1
	gramKeyword = 3
)

// triHash hashes the low three bytes of w (w<<8 drops the fourth).
func triHash(w uint32) uint32 { return ((w << 8) * 0x9E3779B1) >> (32 - triBits) }

// anchored is a keyword whose anchor starts at offset off in it.
type anchored struct {
	id  int32
	off int32
}

// gramTable maps an anchor to the keywords anchored on it: open
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
// anchored on its three bytes with the lowest product, so candidates are
// rare.
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

// commonTrigrams are frequent in English and Italian words whatever their
// letters' weights ("for", "vie" of "review"): a poor anchor.
var commonTrigrams = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(`the and ing ion tio ent ati for her ter hat tha ere con res ver all ons nce men ith ted ers pro thi wit are ess not ive was ect rea com eve per int est sta cti ica ist ear ain one our iti rat ach vie che del ell ato ata ett ent per lla del zio ion nte tto are ere ire ano ore`) {
		m[t] = true
	}
	return m
}()

func buildGramFilter(keywords []string) *gramFilter {
	g := &gramFilter{pair: new([1 << 16]uint8), tri: new([1 << triBits]uint8),
		pairs: newGramTable(len(keywords)), anchors: newGramTable(len(keywords)), kws: keywords}
	for c := range 256 {
		g.fold[c] = lower(byte(c))
	}
	for a := range 256 {
		if !isDigit(byte(a)) {
			for d := '0'; d <= '9'; d++ {
				g.pair[a<<8|int(d)] |= gramDigit
			}
		}
	}
	for id, k := range keywords {
		switch len(k) {
		case 1:
			g.single[k[0]] = append(g.single[k[0]], int32(id))
			if isLower(k[0]) {
				up := k[0] - ('a' - 'A')
				g.single[up] = append(g.single[up], int32(id))
			}
			for a := range 256 {
				g.pair[a<<8|int(k[0])] |= gramKeyword
			}
		case 2:
			key := uint32(k[0])<<8 | uint32(k[1])
			g.pair[key] |= gramKeyword
			g.pairs.add(key, anchored{id: int32(id)})
		default:
			off, best := 0, -1
			for o := 0; o+2 < len(k); o++ {
				w := byteWeight[k[o]] * byteWeight[k[o+1]] * byteWeight[k[o+2]]
				if commonTrigrams[k[o:o+3]] {
					w *= 50
				}
				if best < 0 || w < best {
					off, best = o, w
				}
			}
			key := uint32(k[off])<<16 | uint32(k[off+1])<<8 | uint32(k[off+2])
			g.tri[triHash(key)] = gramKeyword
			g.anchors.add(key, anchored{id: int32(id), off: int32(off)})
		}
	}
	return g
}

func (g *gramFilter) scan(text string, hit func(kw int32, start int), digits *[]int) int {
	var w uint32 // the last bytes, folded, newest lowest
	var acc byte
	// The text is read in blocks of 64 bytes, each giving the offsets of
	// its candidates.
	var buf [64]uint8
	for base := 0; base < len(text); base += 64 {
		var n int
		n, w, acc = gramBlock(text[base:min(base+64, len(text))], &g.fold, g.pair, g.tri, w, acc, &buf)
		for _, k := range buf[:n] {
			j := base + int(k)
			c := text[j]
			if isDigit(c) && (j == 0 || !isDigit(text[j-1])) {
				if digits != nil {
					*digits = append(*digits, j)
				}
				if !g.mayEndKeyword(text, j) {
					continue
				}
			}
			g.candidate(text, j, hit)
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
func gramBlock(block string, fold *[256]uint8, pair *[1 << 16]uint8, tri *[1 << triBits]uint8, w uint32, acc byte, buf *[64]uint8) (int, uint32, byte) {
	_, _, _, _ = fold[0], pair[0], tri[0], buf[0] // nil checks out of the loop
	n := 0
	for k := range len(block) {
		c := block[k]
		acc |= c
		w = w<<8 | uint32(fold[c])
		// Branch-free: the slot is overwritten unless the bytes count.
		buf[n&63] = uint8(k)
		n += int((pair[uint16(w)] | tri[triHash(w)]) & 1)
	}
	return n, w, acc
}

// mayEndKeyword reports whether the tables allow a keyword to end at
// text[j].
func (g *gramFilter) mayEndKeyword(text string, j int) bool {
	if j < 2 {
		return true
	}
	key := uint32(g.fold[text[j-2]])<<16 | uint32(g.fold[text[j-1]])<<8 | uint32(g.fold[text[j]])
	return (g.pair[uint16(key)]|g.tri[triHash(key)])&2 != 0
}

// candidate checks the keywords that may end at text[j]: a 1-byte keyword,
// a 2-byte keyword, a keyword whose anchor ends there.
func (g *gramFilter) candidate(text string, j int, hit func(kw int32, start int)) {
	c := text[j]
	for _, id := range g.single[c] {
		hit(id, j)
	}
	if j == 0 {
		return
	}
	key := uint32(g.fold[text[j-1]])<<8 | uint32(g.fold[c])
	for _, a := range g.pairs.lookup(key) {
		hit(a.id, j-1)
	}
	if j == 1 {
		return
	}
	key |= uint32(g.fold[text[j-2]]) << 16
	if g.tri[triHash(key)] == 0 {
		return
	}
	for _, a := range g.anchors.lookup(key) {
		start := j - 2 - int(a.off)
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
