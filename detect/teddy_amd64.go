//go:build !purego

package detect

import "unsafe"

// haveAVX2 says the CPU runs the AVX2 kernels (teddyAVX2, classifyAVX2):
// it has AVX2 (and BMI1, as every AVX2 CPU has) and the OS saves the YMM
// registers.
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

// haveProbeAsm says teddy.candidates runs teddyProbeAsm and teddyVerifyAsm.
const haveProbeAsm = true

// teddyProbeAsm is teddy.probeGeneric's loop over the words of masks
// (every stride-th) in assembly: it returns how many words of masks it
// went past, the number of spans and of trigger bytes. The table must follow
// teddy.trig in memory.
//
//go:noescape
func teddyProbeAsm(p *byte, base int, masks *uint64, words int, stride int, table *uint64, mul, mask uint32, spans *uint64) (done, n, nt int)

// teddyVerifyAsm is teddy.verifyGeneric's loop over nspans spans in
// assembly, but for the keywords it leaves to its caller (teddyMaybe).
//
//go:noescape
func teddyVerifyAsm(p *byte, n int, spans *uint64, nspans int, anchors *teddyAnchor, hits *uint64) (done, nh int)

// The teddyAnchor fields teddyVerifyAsm reads, at the offsets it reads
// them (and its size, 96), and the hit entry bit it sets.
const _ = -uint(unsafe.Offsetof(teddyAnchor{}.tag) | unsafe.Offsetof(teddyAnchor{}.noff) ^ 8 | unsafe.Offsetof(teddyAnchor{}.span) ^ 16 |
	unsafe.Offsetof(teddyAnchor{}.off1) ^ 20 | unsafe.Offsetof(teddyAnchor{}.inv) ^ 48 | unsafe.Offsetof(teddyAnchor{}.fold) ^ 64 |
	unsafe.Offsetof(teddyAnchor{}.keep) ^ 80 | unsafe.Sizeof(teddyAnchor{}) ^ 96 | teddyMaybe>>63 ^ 1)

// The buffer sizes teddy_amd64.h and teddyVerifyAsm assume.
const _ = -uint(teddySpanBuf ^ 128 | teddyHitBuf ^ 128 | maxTeddyGroup ^ 64)

// load16 reads 2 bytes at p, little-endian (amd64 loads unaligned).
func load16(p unsafe.Pointer) uint16 { return *(*uint16)(p) }

// load64 reads 8 bytes at p, little-endian.
func load64(p unsafe.Pointer) uint64 { return *(*uint64)(p) }
