//go:build !amd64 || purego

package detect

// indexPairAVX2 is never called where haveAVX2 is false.
func indexPairAVX2(p *byte, n int, b0, b1 byte) (off int, mask uint32) { return 0, 0 }
