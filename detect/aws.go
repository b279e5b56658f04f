package detect

// awsAccessKey finds AWS access key IDs: a four-letter prefix naming the key
// kind (AKIA long-term, ASIA temporary, …) and 16 base-32 characters.
type awsAccessKey struct{}

var _ Detector = awsAccessKey{}

func (awsAccessKey) Type() string { return TypeAWSAccessKey }

func (awsAccessKey) Keywords() []string { return []string{"akia", "asia", "abia", "acca", "a3t"} }

func (awsAccessKey) Find(t *Text) {
	text, hits := t.S, t.Hits
	for _, h := range hits {
		if isAlnum(byteAt(text, h-1)) {
			continue
		}
		p := text[h:min(len(text), h+4)]
		if len(p) < 4 {
			continue
		}
		switch {
		case p == "AKIA" || p == "ASIA" || p == "ABIA" || p == "ACCA":
		case p[:3] == "A3T" && (isUpper(p[3]) || isDigit(p[3])):
		default:
			continue
		}
		end := spanWhile(text, h+4, 16, isBase32)
		if end-h != 20 || isAlnum(byteAt(text, end)) {
			continue
		}
		if isPlaceholderOf(text[h+4:end], cBase32) {
			continue
		}
		t.Emit(h, end)
	}
}

func isBase32(b byte) bool { return is(b, cBase32) }
