//go:build !purego

package detect

import "unsafe"

// haveAVX2 says the CPU runs the AVX2 kernels (teddyAVX2, classifyAVX2):
// it has AVX2 and the OS saves the YMM registers.
var haveAVX2 = cpuHasAVX2()

func cpuHasAVX2() bool

// teddyAVX2 is teddyChunks in AVX2, 32 bytes a step.
//
//go:noescape
func teddyAVX2(masks *teddyMasks, src *byte, chunks int, tail *byte, cand *uint64, state *teddyState, first bool)

// teddyChunks finds the Teddy candidates of chunks 64-byte chunks from src
// and then, if tail is not nil, of the 64 bytes at tail: bit k of cand[i]
// is set when a keyword's anchor may end at byte k of chunk i. state
// carries the last bytes' partial matches from call to call; first says
// there is no call before. See teddyChunksGeneric.
func teddyChunks(masks *teddyMasks, src *byte, chunks int, tail *byte, cand *uint64, state *teddyState, first bool) {
	if haveAVX2 {
		teddyAVX2(masks, src, chunks, tail, cand, state, first)
		return
	}
	teddyChunksGeneric(masks, src, chunks, tail, cand, state, first)
}

// load32 reads 4 bytes at p, little-endian (amd64 loads unaligned).
func load32(p unsafe.Pointer) uint32 { return *(*uint32)(p) }

// load64 reads 8 bytes at p, little-endian.
func load64(p unsafe.Pointer) uint64 { return *(*uint64)(p) }
