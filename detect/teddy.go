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
// three bytes are then looked up in a direct-mapped table of the anchors
// (a perfect hash: one probe, no branch; most stop there), and the
// keywords of the anchors found are compared with the text (16 bytes,
// masked, without a branch on the outcome: one vector test on amd64, two
// words near the text's ends and in Go). See candidates: the
// loops are in assembly on amd64 (the probe inside prescanAVX2).
//
// 1- and 2-byte keywords are found as the gram filter finds them, at the
// candidates the kernel also marks where their last byte occurs (when
// there are at most two such bytes, as in the built-in set: '@' and the
// second byte of '§'; the probe lists them), else by the gram filter's
// own search.
type teddy struct {
	masks teddyMasks
	// table is a direct-mapped table of the anchors, hashed by teddyHash
	// with a multiplier (mul) under which no two collide: each entry is
	// the folded anchor (low 24 bits, never 0; 0: empty) and, above bit
	// 32, the count of its keywords and (above bit 48) the byte offset of
	// the first in anchors (which saves the verifier a multiplication). A
	// lookup is one load and one compare.
	table   []uint64
	mul     uint32
	mask    uint32 // len(table) - 1
	anchors []teddyAnchor
	kws     []string
	short   *gramFilter // the 1- and 2-byte keywords, if any
	// trig[c] is 1 for masks.trig's bytes, if masks.useTrig: the 256
	// bytes just before table's (teddyProbeAsm reads them from there).
	trig *[256]uint8
	// shortPass is 1 when the 1- and 2-byte keywords need a pass of
	// their own (short, but not as the kernel's trigger bytes), else 0.
	shortPass uint64
	// est is the estimated fraction of text positions that are candidates
	// (maxTeddyCandidates bounds it): what the keywords cost every text.
	est float64
}

// teddyMasks are the kernel's tables (teddy_amd64.s knows the layout).
type teddyMasks struct {
	// nib[2p] and nib[2p+1] are the low- and high-nibble tables of
	// fingerprint byte p (0: the first of the three): bit b set when a
	// keyword of bucket b may have such a nibble there.
	nib [6][16]uint8
	// trig are two bytes (each repeated 32 times) that are candidates
	// wherever they occur: if useTrig, the last bytes of the 1- and 2-byte
	// keywords, when there are at most two; else 0xff, a byte UTF-8 never
	// has (met, it costs a probe that finds nothing), so the kernels take
	// them whatever useTrig says.
	trig    [2][32]uint8
	useTrig bool
}

// teddyAnchor is a keyword and where its anchor is in it.
type teddyAnchor struct {
	// tag is the start of its hit entries: its index in anchors
	// << 40, and teddyMaybe if longer than 16 bytes.
	tag uint64
	// noff is minus the offset of the anchor's last byte in the keyword
	// (-2 or less): the keyword starts at the anchor's end plus noff.
	noff int64
	span int32 // 8 or 16: the bytes inv and keep cover
	off1 int32 // the offset of the second word (8, or 0: none, the first again)
	id   int32
	kw   string
	// The complement of the keyword's first 16 bytes as two words (fewer:
	// keep masks them), with fold set on its lower-case letters: the text
	// matches when ^((text|fold)^inv)&keep == 0. (The complement lets
	// teddyVerifyAsm test 16 bytes with one VPTEST, whose carry flag is
	// set when keep&^x == 0.)
	inv, fold, keep [2]uint64
}

// The byte offsets of anchors in table fit in 16 bits.
const _ = -uint(maxTeddyKeywords * unsafe.Sizeof(teddyAnchor{}) >> 16)

// maxTeddyKeywords bounds the keywords of three bytes or more teddy takes:
// with eight buckets, more of them make candidates common (the built-in
// ones are some 280, with the context words of six languages).
const maxTeddyKeywords = 320

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
	t.masks.useTrig = t.short != nil && len(t.short.trigBytes) > 0 && len(t.short.trigBytes) <= 2
	for i := range 2 {
		b := byte(0xff)
		if t.masks.useTrig {
			b = t.short.trigBytes[min(i, len(t.short.trigBytes)-1)]
		}
		for k := range 32 {
			t.masks.trig[i][k] = b
		}
	}
	if est > maxTeddyCandidates {
		return nil
	}
	t.est = est
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
	for _, key := range keys {
		if len(byKey[key]) > maxTeddyGroup {
			return nil // verify's hit buffer holds that many
		}
	}
	mem := make([]uint64, 256/8+size)
	t.trig = (*[256]uint8)(unsafe.Pointer(&mem[0]))
	t.table = mem[256/8:]
	if t.masks.useTrig {
		for _, b := range t.short.trigBytes {
			t.trig[b] = 1
		}
	}
	t.mul, t.mask = mul, uint32(size-1)
	for _, key := range keys {
		span := uint64(len(t.anchors)*int(unsafe.Sizeof(teddyAnchor{})))<<16 | uint64(len(byKey[key]))
		for _, a := range byKey[key] {
			a.tag |= uint64(len(t.anchors)) << 40
			t.anchors = append(t.anchors, a)
		}
		t.table[t.hash(key)] = span<<32 | uint64(key)
	}
	if t.short != nil && !t.masks.useTrig {
		t.shortPass = 1
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
	a := teddyAnchor{id: int32(id), noff: -int64(off + 2), span: 8, kw: k}
	if len(k) > 16 {
		a.tag = teddyMaybe
	}
	if len(k) > 8 {
		a.span, a.off1 = 16, 8
	}
	a.inv = [2]uint64{^uint64(0), ^uint64(0)}
	for i := 0; i < min(16, len(k)); i++ {
		a.inv[i/8] ^= uint64(k[i]) << (8 * (i % 8))
		a.keep[i/8] |= 0xff << (8 * (i % 8))
		if isLower(k[i]) {
			a.fold[i/8] |= 0x20 << (8 * (i % 8))
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
	bufs := make([]uint64, teddyBufs)
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
		t.candidates(text, base, cand[:nc], 1, bufs, hit)
	}
}

// teddySpan is a candidate that passed the probe: its anchor's keywords
// (first and count in anchors, as in table) above bit 32, the text
// offset where the anchor ends below.
type teddySpan = uint64

// Sizes of candidates' buffers (powers of two: an index is masked, not
// bounds-checked). A chunk adds at most 64 spans; an anchor at most
// maxTeddyGroup hits.
const (
	teddySpanBuf  = 128
	teddyHitBuf   = 128
	maxTeddyGroup = 64
)

// teddyBufs is the scratch space candidates takes: spans, then hit
// entries (see teddyMaybe) or the probe's trigger bytes.
const teddyBufs = teddySpanBuf + teddyHitBuf

// candidates checks the Teddy candidates in masks (a word every stride,
// the first for the 64 text bytes from base; the trigger bytes among
// them), calling hit for the keywords found. Most candidates stop at one
// probe of table, without a branch (probeGeneric): the three bytes ending
// there are no anchor. The others are verified after (verifyGeneric).
// bufs is scratch space, teddyBufs words (a caller's: a Go array would be
// zeroed at every call).
func (t *teddy) candidates(text string, base int, masks []uint64, stride int, bufs []uint64, hit func(kw int32, start int)) {
	spans := (*[teddySpanBuf]teddySpan)(bufs)
	p := unsafe.Pointer(unsafe.StringData(text))
	if base == 0 && len(masks) > 0 && masks[0]&3 != 0 {
		t.firstTwo(text, masks[0], hit)
		masks[0] &^= 3
	}
	for c := 0; c < len(masks); {
		var dc, n, nt int
		if haveProbeAsm {
			// (dc is past the end where stride does not divide len(masks).)
			dc, n, nt = teddyProbeAsm((*byte)(p), base+c/stride*64, &masks[c], len(masks)-c, stride, unsafe.SliceData(t.table), t.mul, t.mask, &spans[0])
		} else {
			dc, n, nt = t.probeGeneric(p, base+c/stride*64, masks[c:], stride, spans)
		}
		c += dc
		t.found(text, n, nt, bufs, hit)
	}
}

// firstTwo checks the candidates m among the first two bytes of text:
// no anchor ends there, so they are trigger bytes.
func (t *teddy) firstTwo(text string, m uint64, hit func(kw int32, start int)) {
	for k := range min(2, len(text)) {
		if m>>k&1 != 0 && t.trig[text[k]] != 0 {
			t.short.trigger(text, k, hit)
		}
	}
}

// found checks what a probe left in bufs: nt trigger bytes, n spans.
func (t *teddy) found(text string, n, nt int, bufs []uint64, hit func(kw int32, start int)) {
	spans := (*[teddySpanBuf]teddySpan)(bufs)
	hits := (*[teddyHitBuf]uint64)(bufs[teddySpanBuf:])
	for _, j := range hits[:nt] {
		t.short.trigger(text, int(j), hit)
	}
	t.verify(text, spans[:n], hits, hit)
}

// verify compares the keywords of spans' anchors with the text (hits is
// scratch space), calling hit for those found.
func (t *teddy) verify(text string, spans []teddySpan, hits *[teddyHitBuf]uint64, hit func(kw int32, start int)) {
	p := unsafe.Pointer(unsafe.StringData(text))
	for i := 0; i < len(spans); {
		var di, nh int
		if haveProbeAsm {
			di, nh = teddyVerifyAsm((*byte)(p), len(text), &spans[i], len(spans)-i, unsafe.SliceData(t.anchors), &hits[0])
		} else {
			di, nh = t.verifyGeneric(p, len(text), spans[i:], hits)
		}
		i += di
		t.report(text, hits[:nh], hit)
	}
}

// report calls hit for the hit entries in hits, comparing those flagged
// teddyMaybe first.
func (t *teddy) report(text string, hits []uint64, hit func(kw int32, start int)) {
	ap := unsafe.Pointer(unsafe.SliceData(t.anchors))
	for _, h := range hits {
		// The index is one of anchors' (verify's tags).
		a := (*teddyAnchor)(unsafe.Add(ap, uintptr(h>>40&(1<<23-1))*unsafe.Sizeof(teddyAnchor{})))
		start := int(h & (1<<40 - 1))
		if h&teddyMaybe == 0 || hasPrefixFold(text, start, a.kw) {
			hit(a.id, start)
		}
	}
}

// teddyFused is prescanAVX2's scratch space: the probe's spans and trigger
// bytes, room for teddyFusedChunks chunks' candidates each (the kernel
// probes no more), the verification's hits, and room for the last chunk.
type teddyFused struct {
	spans [teddyFusedSpans]teddySpan
	trigs [teddyFusedSpans]uint64
	hits  [teddyHitBuf]uint64
	pad   [64]byte // the last chunk, if read from a copy
}

const (
	teddyFusedChunks = 8
	teddyFusedSpans  = 64 * teddyFusedChunks
	// teddyFusedWords is teddyFused's size in words.
	teddyFusedWords = 2*teddyFusedSpans + teddyHitBuf + 8
)

// probeGeneric looks the candidates of masks (as candidates takes them)
// up in table, storing the spans of those that are anchors and, after
// them (where verifyGeneric's hits go), the offsets of the trigger bytes,
// until they may not hold another chunk's: it returns how far in masks it
// got, the number of spans and of trigger bytes. teddyProbeAsm is the same
// in assembly.
func (t *teddy) probeGeneric(p unsafe.Pointer, base int, masks []uint64, stride int, spans *[teddySpanBuf]teddySpan) (int, int, int) {
	tp := unsafe.Pointer(unsafe.SliceData(t.table))
	trigs := (*[teddyHitBuf]uint64)(unsafe.Add(unsafe.Pointer(spans), 8*teddySpanBuf))
	mul, mask := t.mul, t.mask
	n, nt := uint(0), uint(0)
	c := 0
	for ; c < len(masks) && n+nt <= teddySpanBuf-64; c += stride {
		for m := masks[c]; m != 0; m &= m - 1 {
			j := base + bits.TrailingZeros64(m)
			trigs[nt%teddyHitBuf] = uint64(j)
			nt += uint(t.trig[*(*byte)(unsafe.Add(p, j))])
			// The three bytes ending at j, folded (j >= 2).
			key := uint32(load16(unsafe.Add(p, j-2))) | uint32(*(*byte)(unsafe.Add(p, j)))<<16 | 0x202020
			e := *(*uint64)(unsafe.Add(tp, 8*uintptr(teddyHash(key, mul, mask))))
			spans[n%teddySpanBuf] = e>>32<<32 | uint64(j)
			if uint32(e) == key {
				n++
			}
		}
		base += 64
	}
	return c, int(n), int(nt)
}

// A hit entry is the keyword's index in anchors << 40 | its start, with
// teddyMaybe set if the keyword may be there (found compares).
const teddyMaybe = 1 << 63

// verifyGeneric compares the keywords of each span's anchor with the text
// there, storing those found in hits (a hit entry each) until hits
// may not hold more: it returns how many spans it did and the number of
// hits. It goes over the (span, keyword) pairs in one loop, moving to the
// next span without a branch, and compares without a branch on the
// outcome. teddyVerifyAsm is the same in assembly (but for the keywords it
// leaves to its caller). A leaf (kept out of line), so its state lives in
// registers.
//
//go:noinline
func (t *teddy) verifyGeneric(p unsafe.Pointer, n int, spans []teddySpan, hits *[teddyHitBuf]uint64) (int, int) {
	ap := unsafe.Pointer(unsafe.SliceData(t.anchors))
	sp := (*[teddySpanBuf]teddySpan)(unsafe.Pointer(unsafe.SliceData(spans)))
	const size = unsafe.Sizeof(teddyAnchor{})
	nh := uint(0)
	// The pair: span i, its keyword at ai in anchors (k of its keywords
	// left).
	i := uint(0)
	s := sp[0]
	ai, k := uintptr(s>>48), uint(s>>32&0xffff)
	for i < uint(len(spans)) {
		a := (*teddyAnchor)(unsafe.Add(ap, ai))
		start := int(uint32(s)) + int(a.noff)
		// Its first 16 bytes, in two words (the second is the first
		// again for keywords of 8 bytes or fewer).
		last := n - int(a.span)
		if last >= 0 && uint(start) <= uint(last) {
			w0 := load64(unsafe.Add(p, start))
			w1 := load64(unsafe.Add(p, start+int(a.off1)))
			hits[nh%teddyHitBuf] = a.tag | uint64(start)
			if ^((w0|a.fold[0])^a.inv[0])&a.keep[0]|^((w1|a.fold[1])^a.inv[1])&a.keep[1] == 0 {
				nh++
			}
		} else if start >= 0 {
			hits[nh%teddyHitBuf] = a.tag | teddyMaybe | uint64(start)
			nh++
		}
		// The next pair: the next keyword, or the next span's first.
		k--
		next := sp[(i+1)%teddySpanBuf]
		step := uint(0)
		if k == 0 {
			step = 1
		}
		m := -step // all ones to move to the next span
		i += step
		s = next&uint64(m) | s&^uint64(m)
		ai = uintptr(next>>48)&uintptr(m) | (ai+size)&^uintptr(m)
		k = uint(next>>32&0xffff)&m | k&^m
		if nh > teddyHitBuf-maxTeddyGroup && step == 1 {
			break // hits may not hold the next span's
		}
	}
	return int(i), int(nh)
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
			if s2&r1b&r0a != 0 || x == masks.trig[0][0] || x == masks.trig[1][0] {
				m |= 1 << k
			}
			r0a, r0b = r0b, s0
			r1b = s1
		}
		out[c] = m
	}
	state[30], state[31], state[63] = r0a, r0b, r1b
}
