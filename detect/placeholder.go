package detect

import "bytes"

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
	// Lower-case once into a stack buffer, then let bytes.Contains (vectorised)
	// look for each mark.
	var buf [512]byte
	if len(v) > len(buf) {
		v = v[:len(buf)]
	}
	b := buf[:len(v)]
	for i := 0; i < len(v); i++ {
		b[i] = lower(v[i])
	}
	for _, m := range placeholderMarkBytes {
		if bytes.Contains(b, m) {
			return true
		}
	}
	return false
}

var placeholderMarkBytes = func() (out [][]byte) {
	for _, m := range placeholderMarks {
		out = append(out, []byte(m))
	}
	return
}()

// distinct counts the distinct bytes of s, stopping at 16.
func distinct(s string) int {
	var seen [256]bool
	n := 0
	for i := 0; i < len(s) && n < 16; i++ {
		if !seen[s[i]] {
			seen[s[i]] = true
			n++
		}
	}
	return n
}
