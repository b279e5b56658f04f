//go:build !purego

package detect

// prescanAVX2 is the byte pass and teddy's kernel in one: for chunks
// 64-byte chunks from src, then, if tail is not nil, the 64 bytes at tail
// (of which the bits of valid say which count, for the flags), it stores
// three words a chunk in out: the digit bits, the base64 bits (as
// classifyChunks) and the Teddy candidates (as teddyChunks, from the start
// of the text). It returns the flags: bit 0, a byte outside ASCII; bit 1,
// a '%'; bit 2, a '\'.
//
//go:noescape
func prescanAVX2(masks *teddyMasks, src *byte, chunks int, tail *byte, valid uint64, out *uint64) uint64
