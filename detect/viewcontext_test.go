package detect

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"
)

// genAWSSecret returns a random 40-character AWS secret access key shape
// (both cases and a digit, so awsSecretShape holds).
func genAWSSecret(r *rand.Rand) string {
	const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	return randFrom(r, "ABCDEFGHJKLMNPQRSTUVWXYZ", 1) + randFrom(r, "abcdefghijkmnopqrstuvwxyz", 1) +
		randFrom(r, "23456789", 1) + randFrom(r, b64, 37)
}

// TestBlobViewContext: a base64 blob is scanned with the context of its
// line (the key it is the value of), so a value whose detector needs a
// context word outside the blob is found, on the encoded span; the context
// adds a key, never a value.
func TestBlobViewContext(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	b64 := func(v string) string { return base64.StdEncoding.EncodeToString([]byte(v)) }
	secret, pw, user := genAWSSecret(r), genPassword(r, 14), "deploy-"+randFrom(r, "abcdefghijkmnopqrstuvwxyz", 6)
	bin := make([]byte, 18)
	for i := range bin {
		bin[i] = byte(0x80 | r.IntN(0x40)) // continuation bytes only: never UTF-8
	}
	// The encoded span of an HTTP Basic credential's password: the groups
	// that hold its bytes.
	cred := b64(user + ":" + pw)
	pwSpan := cred[(len(user)+1)/3*4:]
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"k8s secret aws key", "apiVersion: v1\nkind: Secret\ndata:\n  AWS_SECRET_ACCESS_KEY: " + b64(secret) + "\n  AWS_REGION: " + b64("eu-south-1") + "\n",
			[]want{{TypeAWSSecretKey, b64(secret)}}},
		{"json aws key", `{"data": {"aws_secret_access_key": "` + b64(secret) + `"}}`, []want{{TypeAWSSecretKey, b64(secret)}}},
		{"env assignment aws key", "export AWS_SECRET_ACCESS_KEY=$(echo " + b64(secret) + " | base64 -d)", []want{{TypeAWSSecretKey, b64(secret)}}},
		{"aws key without context", "data:\n  blob: " + b64(secret) + "\n", nil},
		{"aws context on another line", "AWS_SECRET_ACCESS_KEY: see below\n\n\n" + strings.Repeat("lorem ipsum ", 20) + "\n  blob: " + b64(secret) + "\n", nil},
		{"env file as base64", "echo " + b64("AWS_SECRET_ACCESS_KEY="+secret+"\nDB_PASSWORD="+pw+"\n") + " | base64 -d > .env", nil}, // spans checked below
		{"basic auth header", "Authorization: Basic " + cred, []want{{TypePassword, pwSpan}}},
		{"basic auth in curl", `curl -H "Authorization: Basic ` + cred + `" https://api.example.com`, []want{{TypePassword, pwSpan}}},
		{"basic auth placeholder", "Authorization: Basic " + b64("username:password"), nil},
		{"basic auth user again", "Authorization: Basic " + b64("deployuser:deployuser"), nil},
		{"basic without the header", "the basic " + cred + " here", nil},
		{"basic prose after it", "Authorization: Basic " + b64("note: this is plain text"), nil},
		// A registry's credential, base64 of user:password as Basic's:
		// Docker's config.json "auth" (a Kubernetes .dockerconfigjson is
		// one), npm's _auth.
		{"docker config auth", `{"auths": {"registry.acme.lan": {"auth": "` + cred + `"}}}`, []want{{TypePassword, pwSpan}}},
		{"docker config pretty", "{\n  \"auths\": {\n    \"ghcr.io\": {\n      \"auth\":\"" + cred + "\"\n    }\n  }\n}", []want{{TypePassword, pwSpan}}},
		{"npmrc _auth", "registry=https://npm.acme.it/\n//npm.acme.it/:_auth=" + cred + "\nalways-auth=true", []want{{TypePassword, pwSpan}}},
		{"docker auth placeholder", `{"auths": {"r": {"auth": "` + b64("username:password") + `"}}}`, nil},
		{"other key", `{"author": "` + cred + `", "oauth": "` + cred + `"}`, nil},
		{"k8s password", "data:\n  password: " + b64(pw) + "\n", []want{{TypePassword, b64(pw)}}},
		{"key naming the encoding", "data:\n  PASSWORD_B64: " + b64(pw) + "\n  db_password_base64: " + b64("changeme") + "\n", []want{{TypePassword, b64(pw)}}},
		{"k8s password changeme", "data:\n  password: " + b64("changeme") + "\n", nil},
		{"k8s password admin", "data:\n  password: " + b64("admin") + "\n", nil},
		{"k8s password prose", "data:\n  password: " + b64("see the team vault for it") + "\n", nil},
		{"k8s username", "data:\n  username: " + b64(user) + "\n  user: " + b64(pw) + "\n", nil},
		// Base64 of random bytes is what openssl rand -base64 prints: as a
		// value it is a password itself, found as written (the view adds
		// nothing: it does not decode to text).
		{"password of random bytes", "data:\n  password: " + base64.StdEncoding.EncodeToString(bin) + "\n",
			[]want{{TypePassword, base64.StdEncoding.EncodeToString(bin)}}},
		{"context finding not repeated", "password: " + pw + " token: " + b64("just some words in here"), []want{{TypePassword, pw}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "env file as base64" {
				fs := s.ScanText(tt.text)
				types := map[string]int{}
				for _, f := range fs {
					types[f.Type]++
					if f.Start < len("echo ") || f.End > len(tt.text)-len(" | base64 -d > .env") {
						t.Errorf("%s at %d:%d, not on the blob", f.Type, f.Start, f.End)
					}
				}
				if types[TypeAWSSecretKey] != 1 || types[TypePassword] != 1 || len(fs) != 2 {
					t.Errorf("%v, want an AWS secret key and a password", fs)
				}
				return
			}
			checkFindings(t, s, tt.text, tt.wants)
		})
	}
}

// The context is the blob's line, at most blobContextReach bytes each way,
// cut at a space rather than inside a token.
func TestBlobContext(t *testing.T) {
	for _, tc := range []struct {
		text   string
		s, e   int
		lo, hi int
	}{
		{"a: BLOB b", 3, 7, 0, 9},
		{"x\nkey: BLOB \"\ny", 7, 11, 2, 13},
		{strings.Repeat("w", 200) + " k: BLOB", 204, 208, 201, 208},
		{strings.Repeat("w", 200) + "BLOB" + strings.Repeat("z", 200), 200, 204, 200, 204},
		{"BLOB " + strings.Repeat("ab ", 100), 0, 4, 0, 4 + 126},
	} {
		lo, hi := blobContext(tc.text, tc.s, tc.e)
		if lo != tc.lo || hi != tc.hi {
			t.Errorf("blobContext(%.20q…, %d, %d) = %d, %d; want %d, %d", tc.text, tc.s, tc.e, lo, hi, tc.lo, tc.hi)
		}
	}
}
