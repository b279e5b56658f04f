package detect

import "strings"

// awsSecretKey finds AWS secret access keys: 40 base64 characters. The shape
// alone is common (hashes, other keys), so it needs context: a name such as
// aws_secret_access_key / SecretAccessKey before it, or an access key ID
// shortly before it.
type awsSecretKey struct{}

var _ Detector = awsSecretKey{}

func (awsSecretKey) Type() string { return TypeAWSSecretKey }

func (awsSecretKey) Keywords() []string {
	return []string{"secret_access_key", "secretaccesskey", "secret-access-key", "secret access key",
		"aws_secret", "aws secret", "awssecret", "secret_key", "secretkey", "secret-key", "secret key",
		"akia", "asia"}
}

// awsSecretReach is how far after the context a key may start.
const awsSecretReach = 160

func (awsSecretKey) Find(t *Text) {
	text, hits, emit := t.S, t.Hits, t.Emit
	next, scanned := 0, 0
	for _, h := range hits {
		// Token starts before scanned were already tried for an earlier hit.
		start := max(h, next, scanned)
		limit := min(len(text), h+awsSecretReach)
		scanned = max(scanned, limit)
		for i := start; i < limit; i++ {
			if !isB64Std(text[i]) || isB64Std(byteAt(text, i-1)) {
				continue
			}
			end := spanWhile(text, i, 41, isB64Std)
			if end-i == 40 && !isB64Std(byteAt(text, end)) && awsSecretShape(text[i:end]) {
				emit(i, end)
				next = end
				break
			}
			i = end
		}
	}
}

func isB64Std(b byte) bool { return isAlnum(b) || b == '+' || b == '/' }

// awsSecretShape rejects 40-character strings that are not random base64:
// hex digests (SHA-1), single-case words, placeholders.
func awsSecretShape(s string) bool {
	var lower, upper, digit bool
	hex := true
	for i := 0; i < len(s); i++ {
		b := s[i]
		lower = lower || isLower(b)
		upper = upper || isUpper(b)
		digit = digit || isDigit(b)
		hex = hex && (isDigit(b) || ('a' <= b && b <= 'f') || ('A' <= b && b <= 'F'))
	}
	if hex || !lower || !upper || isPlaceholder(s) || strings.HasPrefix(s, "AKIA") || strings.HasPrefix(s, "ASIA") {
		return false
	}
	return digit || strings.ContainsAny(s, "+/")
}
