//go:build !purego

package detect

// capitalsAVX2 reports whether p[:n] may hold sixteen bytes in a row that
// are all 0x40–0x5F (capitals, '@', '[', '\', ']', '^', '_'): whether one of
// its eight-byte lanes (from p on, and from p+n-32 on) is. Sixteen such
// bytes always hold one. 32 bytes a step, the last step the last 32
// bytes; it needs AVX2 and n >= 32.
//
//go:noescape
func capitalsAVX2(p *byte, n int) bool
