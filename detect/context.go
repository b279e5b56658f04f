package detect

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
