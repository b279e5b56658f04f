package detect

import "strings"

// awsSecretKey finds AWS secret access keys: 40 base64 characters. The shape
// alone is common (hashes, other keys), so it needs context: a name such as
// aws_secret_access_key / SecretAccessKey before it, in English or Italian
// ("chiave di accesso segreta", the AWS console's Italian for "secret access
// key"; "chiave segreta", as "secret key"), or an access key ID shortly
// before it, or the name of one (AWS_ACCESS_KEY_ID=…, ${AWS_ACCESS_KEY_ID}
// / SECRET: the ID given as a variable), or the command that asks for one
// ("aws configure": its prompts are the ID's and the key's).
type awsSecretKey struct{}

var _ Detector = awsSecretKey{}

func (awsSecretKey) Type() string { return TypeAWSSecretKey }

func (awsSecretKey) Keywords() []string {
	return []string{"secret_access_key", "secretaccesskey", "secret-access-key", "secret access key", "secret.access.key",
		"secret.key",
		"aws_secret", "aws secret", "awssecret", "secret_key", "secretkey", "secret-key", "secret key",
		"chiave segreta", "chiavi segrete", "accesso segreta", "akia", "asia", "access_key_id", "aws configure"}
}

// awsSecretReach is how far after the context a key may start.
const awsSecretReach = 160

func (awsSecretKey) Find(t *Text) {
	text, hits := t.S, t.Hits
	// A key is a run of exactly 40 cB64Std bytes, so it lies inside a
	// maximal run of at least 40 base64 bytes (b64Class holds cB64Std):
	// where the byte pass listed those, only they are read. (The kernel
	// lists a text's runs only if one may be read: a key has both cases
	// within 40 bytes, kfRunUse's test.)
	var runs []b64Span
	useRuns := awsSecretByRuns && t.st != nil && t.st.runsValid && minBase64Run <= 40
	if useRuns {
		runs = t.st.runs
	}
	next, scanned := 0, 0
	for _, h := range hits {
		// Token starts before scanned were already tried for an earlier hit:
		// up to the key it found, if any, for a later context may own a
		// second key after that one (two profiles of ~/.aws/credentials).
		// A context before a key found is that key's (one name hits twice:
		// aws_secret, secret_access_key): one key a context.
		if h < next {
			continue
		}
		start := max(h, scanned)
		limit := min(len(text), h+awsSecretReach)
		scanned = max(scanned, limit)
		if !useRuns {
			if end := awsSecretIn(t, start, limit); end > 0 {
				next, scanned = end, end
			}
			continue
		}
		for len(runs) > 0 && runs[0].e <= start {
			runs = runs[1:] // hits ascend: so do starts
		}
		for _, r := range runs {
			if r.s >= limit {
				break
			}
			if r.e-r.s < 40 {
				continue
			}
			if end := awsSecretIn(t, max(start, r.s), min(limit, r.e)); end > 0 {
				next, scanned = end, end
				break
			}
		}
	}
}

// awsSecretByRuns is false only in tests of the whole-window search.
var awsSecretByRuns = true

// awsSecretIn emits the first key starting in text[start:limit] and
// returns its end, or 0 if there is none.
func awsSecretIn(t *Text, start, limit int) int {
	text := t.S
	for i := start; i < limit; {
		if !is(text[i], cB64Std) {
			i++
			continue
		}
		if is(byteAt(text, i-1), cB64Std) {
			// Inside a run that started before: no token starts here.
			i = spanClass(text, i, limit-i, cB64Std)
			continue
		}
		// A run of exactly 40: its last byte and the one after tell
		// cheaply, before the whole run is read.
		if is(byteAt(text, i+39), cB64Std) && !is(byteAt(text, i+40), cB64Std) {
			if end := spanClass(text, i, 41, cB64Std); end-i == 40 && awsSecretShape(text[i:end]) {
				t.Emit(i, end)
				return end
			}
		}
		// Skip the run (mostly a short word).
		for i++; i < limit && is(text[i], cB64Std); {
			i++
		}
	}
	return 0
}

// awsSecretShape rejects 40-character strings that are not random base64:
// hex digests (SHA-1), single-case words, placeholders.
func awsSecretShape(s string) bool {
	seen, every := uint64(0), ^uint64(0)
	for i := 0; i < len(s); i++ {
		c := charClass[s[i]]
		seen |= c
		every &= c
	}
	if every&cHex != 0 || seen&cLower == 0 || seen&cUpper == 0 || seen&(cDigit|cPlus|cSlash) == 0 ||
		strings.HasPrefix(s, "AKIA") || strings.HasPrefix(s, "ASIA") {
		return false
	}
	return !isPlaceholderOf(s, cB64Std)
}
