//go:build !amd64 || purego

package detect

// asciiPrefixAVX2 is never called where haveAVX2 is false.
func asciiPrefixAVX2(p *byte, n int) int { return 0 }
