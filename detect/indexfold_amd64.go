//go:build !purego

package detect

// indexPairAVX2 looks, 32 bytes a step from p[0] while a step's 33 bytes
// are within p[:n], for the first step holding a k where p[k]|0x20 == b0
// and p[k+1]|0x20 == b1 (indexFold's candidates). It returns the step's
// offset and its candidates as a mask (bit j: k = off+j), or, if there is
// none, the offset where it stopped and 0. It needs AVX2.
//
//go:noescape
func indexPairAVX2(p *byte, n int, b0, b1 byte) (off int, mask uint32)
