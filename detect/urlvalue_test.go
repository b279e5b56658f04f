package detect

import (
	"testing"
)

// TestPasswordValueIsNoURL: a URL after a password word is where the
// password is reset or kept, not the password ("Reset your password here:
// https://…"); a URL holding user:password@ is CREDENTIAL_URL's. A value
// is a URL if it starts with a scheme (a small letter, then small letters,
// digits, + - . or ':' as in jdbc:mysql) followed by "://" and a host's
// first byte, or with "www." and a host's first byte; a password that only
// holds "://" later, or starts with capitals, stays a password.
func TestPasswordValueIsNoURL(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	pass, tok := genPassword(r, 12), randFrom(r, base62, 22)
	p := []want{{TypePassword, pass}}
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"reset here", "Reset your password here: https://id.acme.io/reset?ticket=" + tok, nil},
		{"reset link", "Password reset link: https://id.acme.io/reset?t=" + tok + "\nThanks", nil},
		{"italian", "Per reimpostare la password: https://id.acme.it/r/" + tok, nil},
		{"assignment", "password: https://vault.acme.io/v1/secret/" + tok, nil},
		{"quoted", `{"password": "https://id.acme.io/reset?t=` + tok + `"}`, nil},
		{"www", "Forgot your password? Reset: www.acme.io/reset?t=" + tok, nil},
		{"www capitals", "PASSWORD=WWW.ACME.IO/" + tok, nil},
		{"jdbc", "password: jdbc:mysql://db.acme.io/" + tok, nil},
		{"credential url", "DB_PASSWORD=postgres://app:" + tok + "@db.acme.io:5432/app", []want{{TypeCredentialURL, "postgres://app:" + tok + "@db.acme.io:5432/app"}}},
		{"holds :// later", "password: " + pass + "://" + tok, []want{{TypePassword, pass + "://" + tok}}},
		{"capital scheme-like start", "password: Ab9://" + tok, []want{{TypePassword, "Ab9://" + tok}}},
		{"no host after ://", "password=ftp://", []want{{TypePassword, "ftp://"}}},
		{"www word", "password: www" + pass, []want{{TypePassword, "www" + pass}}},
		{"plain", "Reset your password here: " + pass, p},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"https://x", true}, {"http://[::1]/", true}, {"ldap+tls://h", true}, {"jdbc:postgresql://h/db", true},
		{"www.acme.io", true}, {"WWW.acme.io", true}, {"s3://bucket/key", true},
		{"https://", false}, {"https:///x", false}, {"Https://x", false}, {"9p://x", false}, {"a b://x", false},
		{"wwwx.io", false}, {"www.", false}, {"www..x", false}, {"://x", false}, {"", false}, {"Qz7mK://p", false},
	} {
		if got := urlValue(c.v); got != c.want {
			t.Errorf("urlValue(%q) = %v, want %v", c.v, got, c.want)
		}
	}
}
