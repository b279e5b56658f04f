//go:build !amd64 || purego

package detect

import "unsafe"

// Other architectures (and -tags purego) use the gram filter; teddy, when
// tests ask for it, runs its generic kernel.

const haveAVX2 = false

func teddyChunks(masks *teddyMasks, src *byte, chunks int, tail *byte, cand *uint64, state *teddyState, first bool) {
	teddyChunksGeneric(masks, src, chunks, tail, cand, state, first)
}

// load32 reads 4 bytes at p, little-endian, a byte at a time (some
// architectures fault on unaligned loads).
func load32(p unsafe.Pointer) uint32 {
	b := (*[4]byte)(p)
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// load64 reads 8 bytes at p, little-endian, a byte at a time.
func load64(p unsafe.Pointer) uint64 {
	b := (*[8]byte)(p)
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
