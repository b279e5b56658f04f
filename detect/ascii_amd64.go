//go:build !purego

package detect

// asciiPrefixAVX2 returns how many of p[:n]'s first bytes, in whole
// blocks of 128, are ASCII: it stops at the first block with a byte
// outside ASCII or fewer than 128 bytes left. It needs AVX2.
//
//go:noescape
func asciiPrefixAVX2(p *byte, n int) int
