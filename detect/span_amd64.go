//go:build !purego

package detect

// spanAVX2 returns how many of p[:n]'s bytes from the first on are in the
// class whose nibble tables t holds (spanTables), 32 bytes a step, the last
// step the last 32 bytes. It needs AVX2, n >= 1, and the 32 bytes before
// p+n readable (n >= 32, or bytes of the text before p).
//
//go:noescape
func spanAVX2(p *byte, n int, t *[32]byte) int

// hostMasks32 returns masks of the 32 bytes at p, bit k for byte k: those
// in the class whose nibble tables t holds (spanTables), those that are
// '-', and those that are '.'. It needs AVX2.
//
//go:noescape
func hostMasks32(p *byte, t *[32]byte) (in, dash, dot uint32)
