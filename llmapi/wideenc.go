package llmapi

import "bytes"

// WideEncoding names the UTF-16 or UTF-32 encoding text b starts in ("UTF-
// 16LE" …), by its byte-order mark or, without one, by the NUL pattern of
// its first four bytes (RFC 4627, section 3); "" for anything else. Such
// text scans as letters between NULs, where no detector matches: the proxy
// refuses a body in it, and `promptwall scan` input, rather than report no
// findings.
func WideEncoding(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}):
		return "UTF-32LE"
	case bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}):
		return "UTF-32BE"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return "UTF-16LE"
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return "UTF-16BE"
	case len(b) < 4:
		return ""
	}
	switch [4]bool{b[0] == 0, b[1] == 0, b[2] == 0, b[3] == 0} {
	case [4]bool{true, true, true, false}:
		return "UTF-32BE"
	case [4]bool{true, false, true, false}:
		return "UTF-16BE"
	case [4]bool{false, true, true, true}:
		return "UTF-32LE"
	case [4]bool{false, true, false, true}:
		return "UTF-16LE"
	}
	return ""
}
