//go:build !amd64 || purego

package detect

import "unsafe"

// Other architectures (and -tags purego) use the gram filter; teddy, when
// tests ask for it, runs its generic kernel.

const haveAVX2 = false

func teddyChunks(masks *teddyMasks, src *byte, chunks int, tail *byte, cand *uint64, state *teddyState, first bool) {
	teddyChunksGeneric(masks, src, chunks, tail, cand, state, first)
}

const haveProbeAsm = false

func teddyProbeAsm(p *byte, base int, masks *uint64, words int, stride int, table *uint64, mul, mask uint32, spans *uint64) (done, n, nt int) {
	panic("detect: no probe assembly")
}

func teddyVerifyAsm(p *byte, n int, spans *uint64, nspans int, anchors *teddyAnchor, hits *uint64) (done, nh int) {
	panic("detect: no verify assembly")
}

// load16 reads 2 bytes at p, little-endian, a byte at a time (some
// architectures fault on unaligned loads).
func load16(p unsafe.Pointer) uint16 {
	b := (*[2]byte)(p)
	return uint16(b[0]) | uint16(b[1])<<8
}

// load64 reads 8 bytes at p, little-endian, a byte at a time.
func load64(p unsafe.Pointer) uint64 {
	b := (*[8]byte)(p)
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
