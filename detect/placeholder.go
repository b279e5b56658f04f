package detect

// placeholderMarks are pieces of the documentation stand-ins people paste
// instead of real credentials (AKIAIOSFODNN7EXAMPLE, YOUR_API_KEY, sk-xxxx…).
var placeholderMarks = []string{
	"example", "xxxx", "your_", "your-", "yourkey", "placeholder", "dummy",
	"redacted", "changeme", "insert", "****", "...", "<", ">", "0000000000",
	"1234567890", "abcdefgh",
}

// isPlaceholder reports whether a credential-shaped value is a documentation
// placeholder rather than a secret: it carries a placeholder mark or is made
// of too few distinct characters to be random.
func isPlaceholder(v string) bool {
	if distinct(v) < 6 {
		return true
	}
	// One pass: each mark is tried only where its first byte occurs.
	for i := 0; i < len(v); i++ {
		if !markFirst[v[i]] {
			continue
		}
		for _, m := range marksByFirst[lower(v[i])] {
			if len(m) == 1 || hasPrefixFold(v, i, m) {
				return true
			}
		}
	}
	return false
}

// markFirst marks the bytes, either case, that start a placeholder mark.
var markFirst = func() (t [256]bool) {
	for _, m := range placeholderMarks {
		t[m[0]] = true
		if isLower(m[0]) {
			t[m[0]-('a'-'A')] = true
		}
	}
	return
}()

// marksByFirst indexes the placeholder marks by their first byte.
var marksByFirst = func() (t [256][]string) {
	for _, m := range placeholderMarks {
		t[m[0]] = append(t[m[0]], m)
	}
	return
}()

// distinct counts the distinct bytes of s, stopping at 16.
func distinct(s string) int {
	var seen [4]uint64 // a bit per byte value: 32 bytes to clear, not 256
	n := 0
	for i := 0; i < len(s) && n < 16; i++ {
		c := s[i]
		if bit := uint64(1) << (c & 63); seen[c>>6]&bit == 0 {
			seen[c>>6] |= bit
			n++
		}
	}
	return n
}
