//go:build !amd64 || purego

package detect

// capitalsAVX2 is never called where haveAVX2 is false.
func capitalsAVX2(p *byte, n int) bool { return true }
