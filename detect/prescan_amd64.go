//go:build !purego

package detect

import "unsafe"

// prescanAVX2 is the byte pass and teddy's kernel, probe and verification
// in one, over the n bytes at text: it stores three words a 64-byte chunk
// in out (and reads the word after them): the digit bits, the base64 bits
// (as classifyChunks) and the Teddy candidates (as teddyChunks, but for
// the first two bytes'); after them and an empty chunk's three words, two
// words a chunk: the word contexts and ':' bits (as wordCtxGeneric, the
// context bits past the text as if zero bytes followed); after them and a
// word (prescan's), two words a chunk and two zero words: the runs of 16
// (as readRuns takes them); see fusedWords. It returns the text's flags
// (tfPercent, tfBackslash, tfNonASCII, kfColon, kfRun16, kfRunUse) with, in bits 6
// and 7, the candidates among the first two bytes. It probes the others
// as teddy.probeGeneric does (spans and trigger bytes to bufs) for the
// first teddyFusedChunks chunks, returning how many chunks are left
// (more), the number of spans and of trigger bytes, then verifies the
// spans as teddy.verifyGeneric does (hits to bufs.hits), returning the
// number of hits and of spans done. The last chunk is read from the text
// unless its 64 bytes may cross into an unmapped page (then from a copy
// in bufs.pad).
//
//go:noescape
func prescanAVX2(t *teddy, text *byte, n int, out *uint64, bufs *teddyFused) (fl textFlags, more, nspans, nt, nh, vdone int)

// The teddy and teddyFused fields prescanAVX2 reads, at the offsets it
// reads them.
const _ = -uint(unsafe.Offsetof(teddy{}.masks) | unsafe.Offsetof(teddy{}.table) ^ 168 | unsafe.Offsetof(teddy{}.mul) ^ 192 |
	unsafe.Offsetof(teddy{}.mask) ^ 196 | unsafe.Offsetof(teddy{}.anchors) ^ 200 | unsafe.Offsetof(teddy{}.masks.trig) ^ 96 |
	unsafe.Offsetof(teddyFused{}.trigs) ^ 4096 | unsafe.Offsetof(teddyFused{}.hits) ^ 8192 | unsafe.Offsetof(teddyFused{}.pad) ^ 9216 | teddyFusedChunks ^ 8)
