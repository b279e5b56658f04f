package detect

import (
	"math/bits"
	"unsafe"
)

// teddy is the keyword finder for the usual keyword sets on CPUs with a
// vector byte shuffle (AVX2): Hyperscan's "Teddy" algorithm, case folded.
//
// Each keyword of three bytes or more is fingerprinted by three consecutive
// bytes of it (its anchor, chosen at build time) and put in one of eight
// buckets. For every text position the kernel (teddyChunks) tests, 32
// bytes an instruction, whether the three bytes ending there may be the
// anchor of some keyword of some bucket: a byte's bucket set is the AND of
// two 16-entry tables indexed by its low and its high nibble (one VPSHUFB
// each), the three positions' sets are ANDed after shifting, and a
// non-zero result marks a candidate. Bytes are folded with |0x20 (so 'A'
// and 'a' share nibbles; the high-nibble tables do it); that folds more
// than ASCII case, which only costs a rare extra candidate. A candidate's
// three bytes are then hashed into a bitmap of the anchors (most stop
// there), and the survivors looked up in a direct-mapped table of the
// anchors (a perfect hash: one probe), whose keywords are compared with
// the text (8 bytes at a time).
//
// 1- and 2-byte keywords are found as the gram filter finds them, at the
// candidates the kernel also marks where their last byte occurs (when
// there are at most two such bytes, as in the built-in set: '@' and the
// second byte of '§'), else by the gram filter's own search.
type teddy struct {
	masks teddyMasks
	// table is a direct-mapped table of the anchors, hashed by teddyHash
	// with a multiplier (mul) under which no two collide: each entry is
	// the folded anchor (low 24 bits, never 0; 0: empty) and, above bit
	// 32, the start and count of its keywords in anchors. A lookup is one
	// load and one compare.
	table []uint64
	mul   uint32
	mask  uint32 // len(table) - 1
	// seen has bit (key * teddyHashMul) >> (32 - 15) set for every
	// anchor: most candidates stop there.
	seen    *[1 << 15 / 64]uint64
	anchors []teddyAnchor
	kws     []string
	short   *gramFilter // the 1- and 2-byte keywords, if any
	trig    [256]uint8  // 1 for masks.trig's bytes, if masks.useTrig
}

// teddyMasks are the kernel's tables (teddy_amd64.s knows the layout).
type teddyMasks struct {
	// nib[2p] and nib[2p+1] are the low- and high-nibble tables of
	// fingerprint byte p (0: the first of the three): bit b set when a
	// keyword of bucket b may have such a nibble there.
	nib [6][16]uint8
	// trig, if useTrig, are two bytes (each repeated 32 times) that are
	// candidates wherever they occur: the last bytes of the 1- and 2-byte
	// keywords, when there are at most two.
	trig    [2][32]uint8
	useTrig bool
}

// teddyAnchor is a keyword whose anchor starts at offset off in it.
type teddyAnchor struct {
	id, off, n int32
	kw         string
	// The keyword's first 8 bytes (fewer: keep masks them), with fold
	// set on its lower-case letters: (text|fold)&keep == word.
	word, fold, keep uint64
}

const teddyHashMul = 0x9E3779B1

// maxTeddyKeywords bounds the keywords of three bytes or more teddy takes:
// with eight buckets, more of them make candidates common.
const maxTeddyKeywords = 256

// maxTeddyCandidates bounds the estimated fraction of text positions that
// are candidates (with English and Italian prose byte frequencies, which
// overestimate it: the built-in keywords are estimated at 0.15 and measure
// 0.06 on prompts): past it the gram filter is cheaper.
const maxTeddyCandidates = 0.3

// teddyFoldByte is the fold applied to text and keyword bytes alike.
func teddyFoldByte(c byte) byte { return c | 0x20 }

// teddyProb[c] estimates the probability of a folded byte c in prompts,
// from byteWeight.
var teddyProb = func() (t [256]float64) {
	var sum float64
	for c := range 256 {
		sum += float64(byteWeight[c])
	}
	for c := range 256 {
		t[teddyFoldByte(byte(c))] += float64(byteWeight[lower(byte(c))]) / sum
	}
	return
}()

// nibbleSet is the set of bytes whose low nibble is in lo and high nibble
// in hi: what one Teddy position of one bucket admits.
type nibbleSet struct{ lo, hi uint16 }

func (s nibbleSet) union(t nibbleSet) nibbleSet { return nibbleSet{s.lo | t.lo, s.hi | t.hi} }

func (s nibbleSet) prob() float64 {
	var p float64
	for h := s.hi; h != 0; h &= h - 1 {
		row := bits.TrailingZeros16(h) << 4
		for l := s.lo; l != 0; l &= l - 1 {
			p += teddyProb[row|bits.TrailingZeros16(l)]
		}
	}
	return p
}

type teddyPrint [3]nibbleSet

func (f teddyPrint) union(g teddyPrint) teddyPrint {
	return teddyPrint{f[0].union(g[0]), f[1].union(g[1]), f[2].union(g[2])}
}

func (f teddyPrint) prob() float64 { return f[0].prob() * f[1].prob() * f[2].prob() }

// teddyPrintOf is the fingerprint of a keyword's anchor, k[off:off+3].
func teddyPrintOf(k string, off int) teddyPrint {
	var f teddyPrint
	for p := range 3 {
		c := teddyFoldByte(k[off+p])
		f[p] = nibbleSet{1 << (c & 15), 1 << (c >> 4)}
	}
	return f
}

// anchorProb estimates how often the anchor k[off:off+3] occurs, with the
// gram filter's byte weights and common trigrams: each occurrence costs
// its keywords' comparisons.
func anchorProb(k string, off int) float64 {
	p := teddyProb[teddyFoldByte(k[off])] * teddyProb[teddyFoldByte(k[off+1])] * teddyProb[teddyFoldByte(k[off+2])]
	if commonTrigrams[k[off:off+3]] {
		p *= 50
	}
	return p
}

// anchorWeight weighs an anchor's own occurrences against the candidates
// of its bucket (tuned on prompts).
const anchorWeight = 0.2

// teddyKey is the hash key of three (folded) bytes.
func teddyKey(a, b, c byte) uint32 {
	return uint32(a) | uint32(b)<<8 | uint32(c)<<16 | 0x202020
}

// buildTeddy compiles keywords (already lower-case), or returns nil when
// the set does not suit it (too many keywords, too many candidates).
func buildTeddy(keywords []string) *teddy {
	if len(keywords) > maxTeddyKeywords {
		return nil
	}
	t := &teddy{kws: keywords}
	hasShort := false
	for _, k := range keywords {
		hasShort = hasShort || len(k) < 3
	}
	if hasShort {
		t.short = buildGramFilter(keywords, true)
	}
	// Buckets and anchors, greedily: each keyword takes the anchor and
	// bucket that least raise the estimated cost (candidates, and
	// comparisons where its anchor occurs), then each is placed again
	// with the others fixed.
	const nb = 8
	var bk [nb]teddyPrint
	var cost [nb]float64
	type place struct{ off, b int }
	at := make([]place, len(keywords))
	put := func(id int) {
		k := keywords[id]
		best, bo, bb := 0.0, -1, 0
		for off := 0; off+3 <= len(k); off++ {
			f := teddyPrintOf(k, off)
			own := anchorWeight * anchorProb(k, off)
			for b := range nb {
				if d := bk[b].union(f).prob() - cost[b] + own; bo < 0 || d < best {
					best, bo, bb = d, off, b
				}
			}
		}
		at[id] = place{bo, bb}
		bk[bb] = bk[bb].union(teddyPrintOf(k, bo))
		cost[bb] = bk[bb].prob()
	}
	// Shortest first: the fewer anchors a keyword has to choose from, the
	// earlier it should choose. (The 1- and 2-byte keywords are left to
	// the trigger bytes.)
	order := make([]int, 0, len(keywords))
	maxLen := 0
	for _, k := range keywords {
		maxLen = max(maxLen, len(k))
	}
	for n := 3; n <= maxLen; n++ {
		for id, k := range keywords {
			if len(k) == n {
				order = append(order, id)
			}
		}
	}
	for _, id := range order {
		put(id)
	}
	for range 2 {
		for _, id := range order {
			b := at[id].b
			bk[b] = teddyPrint{}
			for _, o := range order {
				if o != id && at[o].b == b {
					bk[b] = bk[b].union(teddyPrintOf(keywords[o], at[o].off))
				}
			}
			cost[b] = bk[b].prob()
			put(id)
		}
	}
	var est float64
	for b := range nb {
		est += cost[b]
		for p := range 3 {
			for n := range 16 {
				if bk[b][p].lo>>n&1 != 0 {
					t.masks.nib[2*p][n] |= 1 << b
				}
				// The kernel does not fold the text: the high-nibble
				// tables do (|0x20 sets bit 1 of the high nibble).
				if bk[b][p].hi>>(n|2)&1 != 0 {
					t.masks.nib[2*p+1][n] |= 1 << b
				}
			}
		}
	}
	if t.short != nil && len(t.short.trigBytes) > 0 && len(t.short.trigBytes) <= 2 {
		t.masks.useTrig = true
		for _, b := range t.short.trigBytes {
			t.trig[b] = 1
		}
		for i := range 2 {
			b := t.short.trigBytes[min(i, len(t.short.trigBytes)-1)]
			for k := range 32 {
				t.masks.trig[i][k] = b
			}
		}
	}
	if est > maxTeddyCandidates {
		return nil
	}
	// The anchors' hash table, at most a quarter full.
	byKey := map[uint32][]teddyAnchor{}
	var keys []uint32
	for _, id := range order {
		k := keywords[id]
		if len(k) < 3 {
			continue
		}
		off := at[id].off
		key := teddyKey(k[off], k[off+1], k[off+2])
		if byKey[key] == nil {
			keys = append(keys, key)
		}
		byKey[key] = append(byKey[key], newTeddyAnchor(k, id, off))
	}
	size, mul := perfectHash(keys)
	if size == 0 {
		return nil
	}
	t.seen = new([1 << 15 / 64]uint64)
	t.table = make([]uint64, size)
	t.mul, t.mask = mul, uint32(size-1)
	for _, key := range keys {
		span := uint64(len(t.anchors))<<16 | uint64(len(byKey[key]))
		t.anchors = append(t.anchors, byKey[key]...)
		t.table[t.hash(key)] = span<<32 | uint64(key)
		h := key * teddyHashMul >> (32 - 15)
		t.seen[h/64] |= 1 << (h % 64)
	}
	return t
}

// teddyHashBits bounds the anchors' table: teddyHash takes the top bits
// of a 32-bit product, masked to the table's size.
const teddyHashBits = 13

// teddyHash is the slot of key in a table of mask+1 slots.
func teddyHash(key, mul, mask uint32) uint32 { return key * mul >> (32 - teddyHashBits) & mask }

// perfectHash picks a power-of-two table size and an odd multiplier under
// which teddyHash differs for every key: the smallest size (from 4 slots
// a key) where one of a few hundred multipliers (a fixed sequence, so
// builds are reproducible) works. It returns size 0 if none does up to
// 1<<teddyHashBits slots.
func perfectHash(keys []uint32) (int, uint32) {
	size := 16
	for size < 4*len(keys) {
		size *= 2
	}
	x := uint64(0x9E3779B97F4A7C15)
	for ; size <= 1<<teddyHashBits; size *= 2 {
		used := make([]uint32, size) // used[i] == try: slot i taken in this try
		for try := uint32(1); try <= 1000; try++ {
			// splitmix64
			x += 0x9E3779B97F4A7C15
			z := (x ^ x>>30) * 0xBF58476D1CE4E5B9
			z = (z ^ z>>27) * 0x94D049BB133111EB
			mul := uint32(z^z>>31) | 1
			ok := true
			for _, k := range keys {
				i := teddyHash(k, mul, uint32(size-1))
				if used[i] == try {
					ok = false
					break
				}
				used[i] = try
			}
			if ok {
				return size, mul
			}
		}
	}
	return 0, 0
}

func newTeddyAnchor(k string, id, off int) teddyAnchor {
	a := teddyAnchor{id: int32(id), off: int32(off), n: int32(len(k)), kw: k}
	for i := 0; i < min(8, len(k)); i++ {
		a.word |= uint64(k[i]) << (8 * i)
		a.keep |= 0xff << (8 * i)
		if isLower(k[i]) {
			a.fold |= 0x20 << (8 * i)
		}
	}
	return a
}

func (t *teddy) hash(key uint32) uint32 { return teddyHash(key, t.mul, t.mask) }

// teddyBatch is how many 64-byte chunks the kernel does a call.
const teddyBatch = 16

// scan calls hit(kw, start) for every keyword occurrence, in no particular
// order.
func (t *teddy) scan(text string, hit func(kw int32, start int), ascii bool) {
	if t.short != nil && !t.masks.useTrig {
		t.short.triggers(text, hit, ascii)
	}
	var cand [teddyBatch]uint64
	var state teddyState
	p := unsafe.StringData(text)
	for base := 0; base < len(text); base += teddyBatch * 64 {
		n := min(len(text)-base, teddyBatch*64)
		full := n / 64
		var tail *byte
		rem := n % 64
		if rem != 0 {
			tail = (*byte)(unsafe.Add(unsafe.Pointer(p), base+full*64))
			if !haveAVX2 || uintptr(unsafe.Pointer(tail))&4095 > 4096-64 {
				// Reading 64 bytes there could cross into an unmapped
				// page, and the generic kernel (Go code) must not read
				// past the text at all: copy (the bytes after the text
				// are ignored).
				var pad [64]byte
				copy(pad[:], text[base+full*64:])
				tail = &pad[0]
			}
		}
		teddyChunks(&t.masks, (*byte)(unsafe.Add(unsafe.Pointer(p), base)), full, tail, &cand[0], &state, base == 0)
		nc := full
		if rem != 0 {
			cand[full] &= 1<<rem - 1
			nc++
		}
		if base == 0 && cand[0]&7 != 0 {
			t.start(text, cand[0], hit)
			cand[0] &^= 7
		}
		for c, m := range cand[:nc] {
			if m != 0 {
				t.chunk(text, base+c*64, m, hit)
			}
		}
	}
}

// start checks the candidates among the first three bytes (a trigger
// byte, or the end of an anchor with no byte 3 bytes before it).
func (t *teddy) start(text string, m uint64, hit func(kw int32, start int)) {
	if m&4 != 0 {
		t.verify(text, 2, teddyKey(text[0], text[1], text[2]), hit)
	}
	if t.masks.useTrig {
		for k := 0; k < 3 && k < len(text); k++ {
			if m>>k&1 != 0 && t.trig[text[k]] != 0 {
				t.short.trigger(text, k, hit)
			}
		}
	}
}

// chunk verifies the candidates m of the 64 bytes from text[at] (none
// among the first three bytes of the text): first, without a branch, it
// keeps those whose three bytes hash to an anchor's bit in seen, or that
// are trigger bytes, then it checks them.
func (t *teddy) chunk(text string, at int, m uint64, hit func(kw int32, start int)) {
	// Bit k of found: byte k ends three bytes whose hash has its bit in
	// seen; of trg: byte k is a trigger byte. p+at+k is 3 bytes before
	// byte k.
	var found, trg uint64
	seen, trig := t.seen, &t.trig
	p := unsafe.Pointer(unsafe.StringData(text))
	at -= 3
	for ; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		w := load32(unsafe.Add(p, at+k))
		h := (w>>8 | 0x202020) * teddyHashMul >> (32 - 15)
		found |= seen[h/64] >> (h % 64) & 1 << k
		trg |= uint64(trig[w>>24]) << k
	}
	for ; trg != 0; trg &= trg - 1 {
		t.short.trigger(text, at+3+bits.TrailingZeros64(trg), hit)
	}
	for ; found != 0; found &= found - 1 {
		k := at + bits.TrailingZeros64(found)
		t.verify(text, k+3, load32(unsafe.Add(p, k))>>8|0x202020, hit)
	}
}

// verify checks the keywords whose anchor may end at text[j], key.
func (t *teddy) verify(text string, j int, key uint32, hit func(kw int32, start int)) {
	e := t.table[t.hash(key)]
	if uint32(e) != key {
		return
	}
	lo := int(e >> 48)
	as := t.anchors[lo : lo+int(e>>32&0xffff)]
	p := unsafe.Pointer(unsafe.StringData(text))
	// In texts of 8 bytes or more, a keyword that starts at or before
	// last is compared 8 bytes at once (then its rest, if longer).
	last := uint(len(text) - 8)
	if len(text) < 8 {
		last = 0
		p = nil
	}
	for i := range as {
		a := &as[i]
		start := j - 2 - int(a.off)
		if p != nil && uint(start) <= last {
			// The usual case: one comparison of 8 bytes.
			if (load64(unsafe.Add(p, start))|a.fold)&a.keep == a.word && (a.n <= 8 || a.match(text, start)) {
				hit(a.id, start)
			}
		} else if a.match(text, start) {
			hit(a.id, start)
		}
	}
}

// match reports whether a's keyword occurs at text[i:], ASCII case folded.
func (a *teddyAnchor) match(text string, i int) bool {
	if i < 0 || len(text)-i < int(a.n) {
		return false
	}
	if len(text)-i < 8 {
		return hasPrefixFold(text, i, a.kw)
	}
	w := load64(unsafe.Add(unsafe.Pointer(unsafe.StringData(text)), i))
	return (w|a.fold)&a.keep == a.word && hasPrefixFold(text, i+8, a.kw[8:])
}

// teddyState carries the shifted-in fingerprint matches from one kernel
// call to the next (the last two bytes' bucket sets, positions 0 and 1);
// a call with first set starts with none.
type teddyState [64]byte

// teddyChunksGeneric is teddyChunks byte by byte: the reference the
// assembly is tested against, and the kernel where there is none.
func teddyChunksGeneric(masks *teddyMasks, src *byte, chunks int, tail *byte, cand *uint64, state *teddyState, first bool) {
	if first {
		*state = teddyState{}
	}
	n := chunks
	if tail != nil {
		n++
	}
	out := unsafe.Slice(cand, n)
	nib := &masks.nib
	// The bucket sets of the previous two bytes for fingerprint
	// positions 0 and 1, kept as the assembly keeps them (the last bytes
	// of its previous vectors).
	r0a, r0b := state[30], state[31] // position 0 sets of bytes -2, -1
	r1b := state[63]                 // position 1 set of byte -1
	for c := range n {
		var b []byte
		if c < chunks {
			b = unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(src), c*64)), 64)
		} else {
			b = unsafe.Slice(tail, 64)
		}
		var m uint64
		for k, x := range b {
			lo, hi := x&15, x>>4
			s0 := nib[0][lo] & nib[1][hi]
			s1 := nib[2][lo] & nib[3][hi]
			s2 := nib[4][lo] & nib[5][hi]
			if s2&r1b&r0a != 0 || (masks.useTrig && (x == masks.trig[0][0] || x == masks.trig[1][0])) {
				m |= 1 << k
			}
			r0a, r0b = r0b, s0
			r1b = s1
		}
		out[c] = m
	}
	state[30], state[31], state[63] = r0a, r0b, r1b
}
