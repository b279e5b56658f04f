package detect

import (
	"fmt"
	"strings"
)

// prefilter finds every occurrence of a set of keywords, ASCII case folded.
// (Digit runs, base64 runs and non-ASCII bytes are the byte pass's job:
// bytescan.go.)
//
// It picks, at build time, the cheapest finder that suits the keywords and
// the CPU:
//   - teddy (teddy.go): a vector filter (AVX2) on three bytes of each
//     keyword, 32 text bytes an instruction, then a check of the rare
//     candidates; for up to maxTeddyKeywords keywords (the built-in set is
//     about 160) on CPUs with AVX2;
//   - the gram filter: each keyword of three bytes or more is anchored on
//     its least common three bytes, and one table lookup per byte, on the
//     last three (case-folded) bytes, says whether an anchor ends there: 13
//     instructions a byte, no branch, and no load that depends on the
//     previous one, unlike in an Aho–Corasick DFA. The rare candidate is
//     then checked against the keywords with that anchor. 1- and 2-byte
//     keywords are found with strings.IndexByte on their last byte. For
//     other CPUs (and -tags purego), and sets teddy does not take;
//   - the automaton (automaton.go), for keyword sets too large for the
//     gram filter's tables (big dictionaries of policy terms).
type prefilter struct {
	kws    []string // keyword id → keyword
	kwOwns [][]int  // keyword id → detector indexes that asked for it
	teddy  *teddy
	gram   *gramFilter
	auto   *automaton
}

// maxGramKeywords bounds the gram filter: past it the hashed table fills
// and candidates become common, so the automaton is faster.
const maxGramKeywords = 2048

// maxPrefilterCells bounds the dense automaton (4 bytes a cell): about a
// hundred thousand dictionary terms.
const maxPrefilterCells = 16 << 20

// buildPrefilter compiles keywords (already lower-case); owners[i] lists
// what keyword i gates. forceAuto selects the automaton whatever the size
// (tests compare the two).
func buildPrefilter(keywords []string, owners [][]int, forceAuto bool) (*prefilter, error) {
	mode := pfAny
	if forceAuto {
		mode = pfAutomaton
	}
	return buildPrefilterMode(keywords, owners, mode)
}

// prefilterMode says which keyword finder to build: the best that suits the
// keywords and the CPU, or (tests) a given one.
type prefilterMode uint8

const (
	pfAny prefilterMode = iota
	pfAutomaton
	pfGram
	pfTeddy // with the generic kernel where the CPU has no vector shuffle
)

func buildPrefilterMode(keywords []string, owners [][]int, mode prefilterMode) (*prefilter, error) {
	forceAuto := mode == pfAutomaton
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
	if mode == pfTeddy || (mode == pfAny && haveAVX2) {
		if p.teddy = buildTeddy(keywords); p.teddy != nil {
			return p, nil
		}
		if mode == pfTeddy {
			return nil, fmt.Errorf("detect: keywords unsuited to teddy")
		}
	}
	p.gram = buildGramFilter(keywords, false)
	return p, nil
}

// scan calls hit(kw, start) for every keyword occurrence (in no particular
// order). If digits is not nil it also appends the start of every run of
// ASCII digits to it, in order. It returns the offset of the first
// non-ASCII byte, or -1. (The Scanner calls byteScan and keywords itself.)
func (p *prefilter) scan(text string, hit func(kw int32, start int), digits *[]int) int {
	var arr [7*16 + 6 + teddyFusedWords]uint64 // enough for 1 KiB of text (fusedWords(16)), on the stack
	var fl textFlags
	if p.gram != nil {
		var buf [256]uint8
		_, _, fl = p.prescan(text, digits, nil, arr[:0], hit, true, &buf)
	} else {
		_, _, fl = p.prescan(text, digits, nil, arr[:0], hit, true, nil)
	}
	if fl&tfNonASCII == 0 {
		return -1
	}
	return firstNonASCII(text)
}

// keywords calls hit(kw, start) for every keyword occurrence, in no
// particular order.
// ascii says the text is all ASCII (no non-ASCII trigger byte to look
// for); buf is scratch space for the gram pass (nil: a fresh one).
func (p *prefilter) keywords(text string, hit func(kw int32, start int), ascii bool, buf *[256]uint8) {
	if p.teddy != nil {
		p.teddy.scan(text, hit, ascii)
		return
	}
	if p.gram != nil {
		p.gram.scan(text, hit, ascii, buf)
		return
	}
	p.auto.scan(text, hit, nil)
}

// gramFilter is the keyword finder described on prefilter. It reads the
// text twice, each pass as lean as its job allows:
//
//   - the bytes that may end a 1- or 2-byte keyword ('@') are found by
//     strings.IndexByte (vectorised);
//   - the gram pass (gramBlock) looks up the last three case-folded bytes
//     of every position in a small table: each keyword of three bytes or
//     more is anchored on its least common three bytes, so a hit there is
//     rare, and only then are the keywords with that anchor compared.
type gramFilter struct {
	fold [256]uint8 // ASCII upper case → lower case; every other byte as is
	// tri[triHash(w)] is 1 when the last three folded bytes may be the
	// anchor of a keyword of three bytes or more, else 0.
	tri *[1 << triBits]uint8
	// slotOf[triHash(w)] indexes slots, the keywords whose anchor hashes
	// there.
	slotOf *[1 << triBits]uint8
	slots  [][]anchored
	// The bytes that may end a 1- or 2-byte keyword, both cases: up to
	// len(trigWords) of them are found eight at a time, more by a table.
	trig      [256]bool
	trigBytes []byte // the trigger bytes, if few
	anyTrig   bool
	single    [256][]int32 // 1-byte keywords by their byte
	pairs     gramTable    // 2-byte keywords
	kws       []string     // keyword id → keyword
}

const triBits = 14

// maxTriggerBytes bounds the trigger bytes the byte pass searches for one
// by one; past it, a table lookup per byte is cheaper.
const maxTriggerBytes = 4

// textFlags says what the prefilter pass saw besides keywords and digit
// runs: whether the text holds a non-ASCII byte (normalising may change
// it), a '%' or a '\' (a decoded view may exist), so a text without them
// skips those passes. A '<' sets tfBackslash too: markup glued to a value
// may split it (markup.go); one flag, as the byte pass has no bit to
// spare.
type textFlags uint8

const (
	// tfPercent: a '%' or a '&' (a percent escape, or a form body, whose
	// '+' may stand for a space, may be there: see percentViews).
	tfPercent textFlags = 1 << iota
	tfBackslash
	tfNonASCII
)

// triHash hashes the low three bytes of w (w<<8 drops the fourth).
//
// (w<<8)*k is w*(k<<8): one multiplication by a constant, no shift.
func triHash(w uint32) uint32 { return (w * (0x9E3779B1 << 8 & 0xFFFFFFFF)) >> (32 - triBits) }

// anchored is a keyword whose anchor starts at offset off in it.
type anchored struct {
	id  int32
	off int32
	key uint32 // the anchor, folded bytes
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
		'b': 11, 'v': 12, 'k': 6, 'z': 5, 'j': 2, 'x': 2, 'q': 2, ' ': 180, '\n': 15, '.': 12, ',': 12, '-': 12} {
		t[c] = w
	}
	return
}()

// commonTrigrams are frequent in English and Italian words whatever their
// letters' weights ("for", "vie" of "review"): a poor anchor.
var commonTrigrams = func() map[string]bool {
	m := map[string]bool{}
	// The second line: common in the prompts this guards (code, configs).
	for _, t := range strings.Fields(`---  key acc aws use cod
		the and ing ion tio ent ati for her ter hat tha ere con res ver all ons nce men ith ted ers pro thi wit are ess not ive was ect rea com eve per int est sta cti ica ist ear ain one our iti rat ach vie che del ell ato ata ett ent per lla del zio ion nte tto are ere ire ano ore`) {
		m[t] = true
	}
	return m
}()

// buildGramFilter compiles keywords; shortOnly keeps only the 1- and
// 2-byte ones (for teddy, which finds the others).
func buildGramFilter(keywords []string, shortOnly bool) *gramFilter {
	g := &gramFilter{pairs: newGramTable(len(keywords)), kws: keywords, slots: [][]anchored{nil}}
	if !shortOnly {
		g.tri, g.slotOf = new([1 << triBits]uint8), new([1 << triBits]uint8)
	}
	for c := range 256 {
		g.fold[c] = lower(byte(c))
	}
	trigger := func(b byte) {
		g.trig[b] = true
		if isLower(b) {
			g.trig[b-('a'-'A')] = true
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
			trigger(k[0])
		case 2:
			// Checked at every occurrence of the second byte: 2-byte
			// keywords are rare ("§" is two bytes in UTF-8).
			trigger(k[1])
			g.pairs.add(uint32(k[0])<<8|uint32(k[1]), anchored{id: int32(id)})
		default:
			if shortOnly {
				continue
			}
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
			h := triHash(key)
			if g.tri[h] == 0 {
				g.tri[h] = 1
				if len(g.slots) == 256 {
					// Out of slot numbers: share the last one (its list is
					// filtered by key anyway).
					g.slotOf[h] = 255
				} else {
					g.slotOf[h] = uint8(len(g.slots))
					g.slots = append(g.slots, nil)
				}
			}
			sl := g.slotOf[h]
			g.slots[sl] = append(g.slots[sl], anchored{id: int32(id), off: int32(off), key: key})
		}
	}
	for c := range 256 {
		if g.trig[c] {
			g.anyTrig = true
			g.trigBytes = append(g.trigBytes, byte(c))
		}
	}
	if len(g.trigBytes) > maxTriggerBytes {
		g.trigBytes = nil
	}
	return g
}

func (g *gramFilter) scan(text string, hit func(kw int32, start int), ascii bool, buf *[256]uint8) {
	g.triggers(text, hit, ascii)
	if len(g.slots) > 1 {
		if buf == nil {
			buf = new([256]uint8)
		}
		g.gramPass(text, hit, buf)
	}
}

// triggers finds the 1- and 2-byte keywords: by strings.IndexByte (which is
// vectorised) for each trigger byte when they are few, else by a table.
func (g *gramFilter) triggers(text string, hit func(kw int32, start int), ascii bool) {
	if g.trigBytes == nil {
		if g.anyTrig {
			for j := 0; j < len(text); j++ {
				if g.trig[text[j]] {
					g.trigger(text, j, hit)
				}
			}
		}
		return
	}
	for _, b := range g.trigBytes {
		if b >= 0x80 && ascii {
			continue
		}
		for j := 0; ; j++ {
			k := strings.IndexByte(text[j:], b)
			if k < 0 {
				break
			}
			j += k
			g.trigger(text, j, hit)
		}
	}
}

// trigger checks the 1- and 2-byte keywords that may end at text[j].
func (g *gramFilter) trigger(text string, j int, hit func(kw int32, start int)) {
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
}

// gramPass finds the keywords of three bytes or more, 64 bytes a block.
func (g *gramFilter) gramPass(text string, hit func(kw int32, start int), buf *[256]uint8) {
	var w uint32 // the last bytes, folded, newest lowest
	for base := 0; base < len(text); base += 64 {
		var n int
		n, w = gramBlock(text[base:min(base+64, len(text))], &g.fold, g.tri, w, buf)
		for _, k := range buf[:n] {
			g.anchorAt(text, base+int(k), hit)
		}
	}
}

// gramBlock is the inner loop over at most 64 bytes: it stores the offset
// of every position where an anchor may end in buf and returns how many
// there are. It is a leaf function (kept out of line) so that its state
// lives in registers.
//
//go:noinline
func gramBlock(block string, fold *[256]uint8, tri *[1 << triBits]uint8, w uint32, buf *[256]uint8) (int, uint32) {
	_, _, _ = fold[0], tri[0], buf[0] // nil checks out of the loop
	var n uint8                       // at most 64: indexes buf without a bounds check
	for k := 0; k < len(block); k++ {
		w = w<<8 | uint32(fold[block[k]])
		// Branch-free: the slot is overwritten unless an anchor may end.
		buf[n] = uint8(k)
		n += tri[triHash(w)]
	}
	return int(n), w
}

// anchorAt checks the keywords whose anchor may end at text[j].
func (g *gramFilter) anchorAt(text string, j int, hit func(kw int32, start int)) {
	if j < 2 {
		return
	}
	key := uint32(g.fold[text[j-2]])<<16 | uint32(g.fold[text[j-1]])<<8 | uint32(g.fold[text[j]])
	for _, a := range g.slots[g.slotOf[triHash(key)]] {
		if a.key != key {
			continue
		}
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
