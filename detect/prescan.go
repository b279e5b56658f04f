package detect

import "unsafe"

// prescan runs the byte pass (byteScanFlags) over text and, if the text is
// all ASCII or always is set, the keyword pass (keywords: hits to hit;
// buf is the gram filter's scratch, nil for a fresh one). It returns the
// scratch space, its masks' stride (words a chunk: 3, the kernel's, which
// hold the word contexts too, see fusedCtx; 2, byteScanFlags') and the
// text's flags.
//
// With teddy on AVX2 the two passes share one kernel (prescanAVX2), which
// reads the text once, probes teddy's candidates too and pays the
// per-call costs once: short texts dominate.
func (p *prefilter) prescan(text string, digits *[]int, runs *[]b64Span, scratch []uint64, hit func(kw int32, start int), always bool, buf *[256]uint8) ([]uint64, int, textFlags) {
	t := p.teddy
	if t == nil || !haveAVX2 || len(text) == 0 {
		masks, fl := byteScanFlags(text, digits, runs, scratch)
		if fl&tfNonASCII == 0 || always {
			p.keywords(text, hit, fl&tfNonASCII == 0, buf)
		}
		return masks, 2, fl
	}
	nch := (len(text) + 63) / 64
	// The masks (one empty chunk after the last), the word contexts and
	// ':' bits (two words a chunk) and whether there is a ':' (see
	// fusedCtx), then the kernel's scratch space.
	if cap(scratch) < fusedWords(nch)+teddyFusedWords {
		scratch = make([]uint64, fusedWords(nch)+24+teddyFusedWords)
	}
	masks := scratch[:3*nch+3]
	at := unsafe.Pointer(unsafe.SliceData(scratch))
	*(*[3]uint64)(unsafe.Add(at, 8*3*nch)) = [3]uint64{}
	bufs := (*teddyFused)(unsafe.Add(at, 8*fusedWords(nch)))
	fl, more, n, nt, nh, vdone := prescanAVX2(t, unsafe.StringData(text), len(text), &masks[0], bufs)
	first := uint64(fl >> 6)
	*(*uint64)(unsafe.Add(at, 8*(5*nch+3))) = uint64(fl&kfColon) >> 2 // 2 or 0, as wordCtx
	// The digit runs if asked for, the base64 runs only if the kernel saw
	// one of 16 that a reader of the runs may want (kfRunUse: of the
	// corpus texts 43 % have no run of 16, 29 % more none a reader wants).
	if digits != nil {
		readMasks(masks, 3, nch, digits, nil)
	}
	if fl&kfRunUse != 0 && runs != nil {
		readRuns16(masks, nch, runs, unsafe.Add(at, 8*(5*nch+4)))
	}
	fl &= tfPercent | tfBackslash | tfNonASCII
	// (always first: it is the caller's constant, the flag the text's.)
	if !always && fl&tfNonASCII != 0 {
		return masks, 3, fl
	}
	// The kernel probed and verified the candidates (but the first two
	// bytes') of the first chunks, but for more chunks and the spans past
	// vdone; the short keywords may want a pass of their own. One branch
	// for all: all are rare.
	if first|uint64(more)|uint64(n-vdone)|t.shortPass != 0 {
		t.reportRest(text, masks, first, more, n, nt, nh, vdone, bufs, fl, hit)
		return masks, 3, fl
	}
	for _, j := range bufs.trigs[:nt] {
		t.short.trigger(text, int(j), hit)
	}
	if nh != 0 { // (report's own loop test, without the call for none)
		t.report(text, bufs.hits[:nh], hit)
	}
	return masks, 3, fl
}

// reportRest is the end of prescan (the hits of the kernel's results) when
// some are out of the usual: in the same order, the short keywords' pass,
// the first two bytes' candidates, the trigger bytes, the hits, the spans
// the kernel left and the chunks past its first.
func (t *teddy) reportRest(text string, masks []uint64, first uint64, more, n, nt, nh, vdone int, bufs *teddyFused, fl textFlags, hit func(kw int32, start int)) {
	if t.shortPass != 0 {
		t.short.triggers(text, hit, fl&tfNonASCII == 0)
	}
	if first != 0 {
		t.firstTwo(text, first, hit)
	}
	for _, j := range bufs.trigs[:nt] {
		t.short.trigger(text, int(j), hit)
	}
	t.report(text, bufs.hits[:nh], hit)
	if vdone < n {
		t.verify(text, bufs.spans[vdone:n], &bufs.hits, hit)
	}
	if more != 0 {
		nch := (len(text) + 63) / 64
		c := 3 * (nch - more)
		t.candidates(text, (nch-more)*64, masks[c+2:3*nch], 3, unsafe.Slice(&bufs.spans[0], teddyBufs), hit)
	}
}

// The flags' bits, as prescanAVX2 returns them: textFlags' and, for
// prescan, whether the text has a ':' (kfColon), a base64 run of
// minBase64Run (kfRun16) and one a reader of the runs may want (kfRunUse);
// then (bits 6, 7) the first two bytes' Teddy candidates.
//
// kfRunUse is set when a run of minBase64Run holds a capital and one
// (maybe another) a small letter, or sixteen capitals are in a row: each
// reader of the runs wants no other text's (prescan lists none for them,
// as if there were none):
//   - decoded views: decodeBase64Text wants a capital and a small letter
//     in the run;
//   - AWS secret keys (awsSecretShape): a capital and a small letter in
//     40 bytes of a run;
//   - all-letter fiscal codes (the one inRunsDetector): sixteen capitals.
//
// A new reader of the runs (or inRunsDetector) must fit this test or
// change it (runsWanted is its reference).
const (
	kfColon  textFlags = 8
	kfRun16  textFlags = 16
	kfRunUse textFlags = 32
)

const _ = -uint(tfPercent ^ 1 | tfBackslash ^ 2 | tfNonASCII ^ 4 | minBase64Run ^ 16)

// fusedWords is the size of prescan's masks with the fused kernel for
// nch chunks: 3 words a chunk and an empty chunk, then the word contexts
// and ':' bits (2 words a chunk), a word that is 2 if the text has a ':'
// (as wordCtx returns), else 0, and the runs of 16 (2 words a chunk and
// the empty chunk's, see readRuns).
func fusedWords(nch int) int { return 7*nch + 6 }

// fusedCtx returns the word contexts and ':' bits of the kernel's masks
// of nch chunks (all of scratch, as prescan returns it), and 2 if the
// text has a ':', else 0 (see wordCtx).
//
// (By pointer: the bounds were checked when prescan made them, and a
// check here costs a branch per text.)
func fusedCtx(masks []uint64, nch int) ([]uint64, uint64) {
	p := unsafe.Add(unsafe.Pointer(unsafe.SliceData(masks)), 8*(3*nch+3))
	return unsafe.Slice((*uint64)(p), 2*nch), *(*uint64)(unsafe.Add(p, 16*nch))
}
