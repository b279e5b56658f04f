//go:build !purego

package detect

// spanAVX2 returns how many of p[:n]'s bytes from the first on are in the
// class whose nibble tables t holds (spanTables), 32 bytes a step, the last
// step the last 32 bytes. It needs AVX2 and n >= 32.
//
//go:noescape
func spanAVX2(p *byte, n int, t *[32]byte) int
