package detect

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

// jwtHeaderOKSimple is jwtHeaderOK's definition, straight from the library.
func jwtHeaderOKSimple(part string) bool {
	raw := decodeB64URL(part)
	if raw == "" || !json.Valid([]byte(raw)) || strings.TrimLeft(raw, " \t\r\n")[0] != '{' {
		return false
	}
	return jwtHasAlg([]byte(raw))
}

func TestJWTHeaderOK(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	for _, tt := range []struct {
		header string
		want   bool
	}{
		{`{"alg":"HS256","typ":"JWT"}`, true},
		{` { "alg" : "none" } `, true},
		{"{\n \"typ\": \"JWT\",\n \"alg\": \"ES256\"\n}", true},
		{`{"alg":"RS256","kid":"a\"b"}`, true}, // escape: the library decides
		{`{"alg":"RS256","n":1}`, true},        // number: the library decides
		{`{"alg":"RS256","x":{"y":true}}`, true},
		{`{"alg":"RS256","b":true,"c":null,"d":false}`, true},
		{`{"alg":""}`, false},
		{`{"alg":1}`, false},
		{`{"typ":"JWT"}`, false},
		{`{"alg":"HS256",}`, false},
		{`{"alg":"HS256"`, false},
		{`{"alg":"HS256"}x`, false},
		{`["alg","x"]`, false},
		{`{"alg":"HS256","b":tru}`, false},
		{"   ", false},
		{"", false},
	} {
		part := enc([]byte(tt.header))
		if got := jwtHeaderOK(part); got != tt.want {
			t.Errorf("jwtHeaderOK(%q) = %v, want %v", tt.header, got, tt.want)
		}
		if got := jwtHeaderOKSimple(part); got != tt.want {
			t.Errorf("jwtHeaderOKSimple(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
	// The usual headers take the fast path.
	for _, h := range []string{`{"alg":"HS256","typ":"JWT"}`, `{"typ":"JWT","alg":"none"}`} {
		if !jsonFlatObject([]byte(h)) {
			t.Errorf("jsonFlatObject(%q) = false", h)
		}
	}
	// A header longer than the stack buffer.
	long := `{"alg":"HS256","pad":"` + strings.Repeat("x", 600) + `"}`
	if !jwtHeaderOK(enc([]byte(long))) {
		t.Error("long header rejected")
	}
}

func FuzzJWTHeaderSame(f *testing.F) {
	enc := base64.RawURLEncoding.EncodeToString
	for _, h := range []string{`{"alg":"HS256","typ":"JWT"}`, `{"alg":"none"}`, `{"a":true,"alg":"x"}`, `{"alg":"x","k":"\u00e9"}`} {
		f.Add(enc([]byte(h)))
	}
	f.Fuzz(func(t *testing.T, part string) {
		if got, want := jwtHeaderOK(part), jwtHeaderOKSimple(part); got != want {
			t.Fatalf("jwtHeaderOK(%q) = %v, want %v", part, got, want)
		}
	})
}

// FuzzJSONFlatObject checks the fast path never calls invalid JSON valid.
func FuzzJSONFlatObject(f *testing.F) {
	for _, h := range []string{`{"alg":"HS256","typ":"JWT"}`, `{}`, ` {"a" : null , "b":false} `, `{"a":"b",}`} {
		f.Add([]byte(h))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if jsonFlatObject(b) && !json.Valid(b) {
			t.Fatalf("jsonFlatObject(%q) = true, json.Valid false", b)
		}
	})
}
