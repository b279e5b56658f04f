package detect

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// jwt finds JSON Web Tokens in compact JWS form: three base64url parts, the
// first (the header) decoding to a JSON object with an "alg" member. The
// signature is empty for unsecured ("alg":"none") tokens.
type jwt struct{}

var _ Detector = jwt{}

func (jwt) Type() string { return TypeJWT }

// A JSON object starts with '{"' (eyJ) or '{ "' / '{\n' (eyA, ewo…); the
// common case covers real tokens, the others hand-made ones.
func (jwt) Keywords() []string { return []string{"eyj", "eya", "ewo", "ewogi"} }

func (jwt) Find(t *Text) {
	text, hits, emit := t.S, t.Hits, t.Emit
	next := 0
	for _, h := range hits {
		if h < next || isWordDash(byteAt(text, h-1)) {
			continue
		}
		// header . payload . signature
		e1 := spanWhile(text, h, 8<<10, isB64URL)
		if byteAt(text, e1) != '.' {
			continue
		}
		e2 := spanWhile(text, e1+1, 64<<10, isB64URL)
		if e2-e1 < 3 || byteAt(text, e2) != '.' {
			continue
		}
		e3 := spanWhile(text, e2+1, 8<<10, isB64URL)
		if isWordDash(byteAt(text, e3)) || !jwtHeaderOK(text[h:e1]) {
			continue
		}
		end := e3
		if end == e2+1 && !strings.Contains(strings.ToLower(decodeB64URL(text[h:e1])), `"none"`) {
			continue // an empty signature only for unsecured tokens
		}
		emit(h, end)
		next = end
	}
}

func isB64URL(b byte) bool { return isAlnum(b) || b == '-' || b == '_' }

func decodeB64URL(s string) string {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return ""
	}
	return string(b)
}

// jwtHeaderOK reports whether a JWT header part decodes to a JSON object
// whose "alg" is a string.
func jwtHeaderOK(part string) bool {
	raw := decodeB64URL(part)
	if raw == "" {
		return false
	}
	// A JSON object (checked without building it) with an "alg" member
	// whose value is a non-empty string.
	if !json.Valid([]byte(raw)) || strings.TrimLeft(raw, " \t\r\n")[0] != '{' {
		return false
	}
	for rest := raw; ; {
		i := strings.Index(rest, `"alg"`)
		if i < 0 {
			return false
		}
		rest = strings.TrimLeft(rest[i+5:], " \t\r\n")
		if strings.HasPrefix(rest, ":") {
			rest = strings.TrimLeft(rest[1:], " \t\r\n")
			return len(rest) > 1 && rest[0] == '"' && rest[1] != '"'
		}
	}
}
