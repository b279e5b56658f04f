//go:build !amd64 || purego

package detect

// spanAVX2 is never called where haveAVX2 is false.
func spanAVX2(p *byte, n int, t *[32]byte) int { return 0 }

// hostMasks32 is never called where haveAVX2 is false.
func hostMasks32(p *byte, t *[32]byte) (in, dash, dot uint32) { return 0, 0, 0 }
