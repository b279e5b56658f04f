package detect

// Byte classes used by the hand-written matchers. ASCII only: detectors run on
// normalised text, where look-alike characters have already become ASCII.

func isDigit(b byte) bool { return '0' <= b && b <= '9' }
func isUpper(b byte) bool { return 'A' <= b && b <= 'Z' }
func isLower(b byte) bool { return 'a' <= b && b <= 'z' }
func isAlpha(b byte) bool { return isUpper(b) || isLower(b) }
func isAlnum(b byte) bool { return isDigit(b) || isAlpha(b) }

// isWord is a regexp \w byte.
func isWord(b byte) bool { return isAlnum(b) || b == '_' }

func lower(b byte) byte {
	if isUpper(b) {
		return b + 'a' - 'A'
	}
	return b
}

// byteAt returns text[i], or 0 outside the text, so boundary checks need no
// bounds tests of their own.
func byteAt(text string, i int) byte {
	if i < 0 || i >= len(text) {
		return 0
	}
	return text[i]
}

// spanWhile returns the end of the run of bytes from i on that satisfy f,
// stopping at max bytes.
func spanWhile(text string, i, max int, f func(byte) bool) int {
	end := min(len(text), i+max)
	for i < end && f(text[i]) {
		i++
	}
	return i
}

// hasPrefixFold reports whether text[i:] starts with the lower-case ASCII
// prefix p, ignoring case.
func hasPrefixFold(text string, i int, p string) bool {
	if i < 0 || len(text)-i < len(p) {
		return false
	}
	for j := 0; j < len(p); j++ {
		if lower(text[i+j]) != p[j] {
			return false
		}
	}
	return true
}

// indexFold is strings.Index for a lower-case ASCII needle, ignoring case,
// without allocating.
func indexFold(s, needle string) int {
	if needle == "" {
		return 0
	}
	first := needle[0]
	up := first
	if isLower(first) {
		up = first - ('a' - 'A')
	}
	for i := 0; i+len(needle) <= len(s); i++ {
		if c := s[i]; (c == first || c == up) && hasPrefixFold(s, i, needle) {
			return i
		}
	}
	return -1
}
