package detect

import (
	"encoding/base64"
	"encoding/json"
	"slices"
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

// TestJWTWrapped: a token wrapped over lines in its header or payload (a
// newline, CRLF, a shell's '\' before it, the next line's indentation) is
// found whole; a line that merely goes on with a word, or a break in the
// signature, is not read across.
func TestJWTWrapped(t *testing.T) {
	r := rng(t)
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	hdr := enc(`{"alg":"RS256","typ":"JWT","kid":"` + randFrom(r, base62, 12) + `"}`)
	pay := enc(`{"sub":"` + randFrom(r, "0123456789", 6) + `","name":"Mario Rossi","iat":1716239022}`)
	sig := randFrom(r, base62+"-_", 43)
	tok := hdr + "." + pay + "." + sig
	for _, tc := range []struct {
		text, want string // want: the token as found ("" none)
	}{
		{"AUTH_TOKEN=" + hdr + "." + pay[:20] + "\n" + pay[20:] + "." + sig + "\nok", hdr + "." + pay[:20] + "\n" + pay[20:] + "." + sig},
		{"jwt: " + hdr + "." + pay[:31] + "\r\n" + pay[31:] + "." + sig, hdr + "." + pay[:31] + "\r\n" + pay[31:] + "." + sig},
		{"curl -H 'Authorization: Bearer " + hdr[:17] + "\\\n  " + hdr[17:] + "." + pay + "." + sig + "'", hdr[:17] + "\\\n  " + hdr[17:] + "." + pay + "." + sig},
		{"    token: " + hdr + "." + pay[:9] + "\n    " + pay[9:40] + "\n    " + pay[40:] + "." + sig, hdr + "." + pay[:9] + "\n    " + pay[9:40] + "\n    " + pay[40:] + "." + sig},
		// A part on the line after its dot.
		{"token: " + hdr + ".\n" + pay + "." + sig, hdr + ".\n" + pay + "." + sig},
		{"  jwt: " + hdr + ".\n    " + pay + ".\n    " + sig + "\nok", hdr + ".\n    " + pay + ".\n    " + sig},
		{"t=" + hdr + "." + pay + ".\r\n" + sig, hdr + "." + pay + ".\r\n" + sig},
		{"t=" + hdr + "." + pay + ".\nThanks", ""},
		// Not wrapped: found as it stands; the signature is not read across a break.
		{"token " + tok + "\nthanks", tok},
		{"token " + tok[:len(tok)-10] + "\n" + tok[len(tok)-10:], tok[:len(tok)-10]},
		// A line that goes on with words: the parts do not decode.
		{"header " + hdr + "\nabc." + pay + "." + sig, ""},
		{"payload " + hdr + "." + pay + "\nciao.x", ""},
		{"payload " + hdr + "." + pay[:24] + "\nciao." + sig, ""},
	} {
		var got []string
		for _, f := range newTestScanner(t).ScanText(tc.text) {
			if f.Type == TypeJWT {
				got = append(got, tc.text[f.Start:f.End])
			}
		}
		want := []string{}
		if tc.want != "" {
			want = []string{tc.want}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: JWTs %q, want %q", tc.text, got, want)
		}
	}
}

// FuzzJWTWrapped: wherever jwtWrappedAt matches, the token with its line
// breaks taken out is a JWT jwtAt reads whole.
func FuzzJWTWrapped(f *testing.F) {
	f.Add("t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx\nIn0.c2ln")
	f.Add("eyJhbGciOiJI\\\n  UzI1NiJ9.eyJzdWIiOiIxIn0.c2ln x")
	f.Add("eyJhbGciOiJIUzI1NiJ9\r\nabc.eyJ9.x")
	f.Add("eyJhbGciOiJIUzI1NiJ9.\n  eyJzdWIiOiIxIn0.\n  c2lnc2lnc2lnc2lnc2lnc2ln")
	f.Fuzz(func(t *testing.T, text string) {
		for h := range len(text) {
			end, ok := jwtWrappedAt(text, h)
			if !ok {
				continue
			}
			tok := strings.NewReplacer("\\\r\n", "", "\\\n", "", "\r\n", "", "\n", "", " ", "", "\t", "").Replace(text[h:end])
			if e, ok, _ := jwtAt(tok, 0); !ok || e != len(tok) {
				t.Fatalf("jwtWrappedAt(%q, %d) = %q; unwrapped %q is no JWT", text, h, text[h:end], tok)
			}
		}
	})
}
