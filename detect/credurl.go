package detect

import "strings"

// credentialURL finds URLs that carry a password in their userinfo:
// scheme://user:password@host… (database DSNs, broker URLs, package mirrors),
// also with an empty user (redis://:password@host).
// The whole URL is reported: the host says where the password works.
type credentialURL struct{}

var _ Detector = credentialURL{}

func (credentialURL) Type() string { return TypeCredentialURL }

func (credentialURL) Keywords() []string { return []string{"://"} }

func (credentialURL) Find(t *Text) {
	text, hits := t.S, t.Hits
	next := 0
	for _, h := range hits {
		if h < next {
			continue
		}
		// Scheme: a letter, then letters, digits, '+', '-', '.'.
		s, lo := h, max(0, h-32)
		for s > lo && is(text[s-1], cScheme) {
			s--
		}
		for s < h && !is(text[s], cAlpha) {
			s++
		}
		if s == h {
			continue
		}
		// Authority: up to the first '/', '?' or end of the URL; the
		// password may hold '@' or '#', so split at the last '@'.
		a := h + 3
		auth := beforeEscape(text, a, spanClass(text, a, 512, cURLAuth))
		at := strings.LastIndexByte(text[a:auth], '@')
		if at < 0 {
			// No userinfo up to here: a later "://" before auth has none either.
			next = auth
			continue
		}
		at += a
		// RFC 3986 userinfo is user[:password]; the user may be empty
		// (redis://:password@host, Redis's form when only a password is set).
		colon := strings.IndexByte(text[a:at], ':')
		if colon < 0 {
			continue
		}
		user, pass := text[a:a+colon], text[a+colon+1:at]
		if at+1 >= auth || !userinfoSecret(user, pass) || portThenProperties(pass) {
			continue
		}
		// An escaped line break or quote ends the URL: it is inside a
		// string, "…/orders\nHOST=…" (a URL's own '\' is %5C).
		end := beforeEscape(text, auth, spanClass(text, auth, 2048, cURL))
		for end > at+1 && strings.IndexByte(".,;:!?)]}'\"", text[end-1]) >= 0 {
			end--
		}
		t.Emit(s, end)
	}
}

// portThenProperties reports whether what reads as a password is a port
// and a property list: "1433;databaseName=x;user=sa;password=P@ss" in a
// JDBC URL for SQL Server, host:port;key=value…, whose '@' is a value's
// (the password property's, which the password detector reads).
func portThenProperties(pass string) bool {
	d := spanClass(pass, 0, 6, cDigit)
	return d > 0 && byteAt(pass, d) == ';'
}

// userinfoSecret reports whether a URL's user:password holds a real-looking
// password rather than a template.
func userinfoSecret(user, pass string) bool {
	if pass == "" || len(pass) > 256 || isTemplateValue(pass) {
		return false
	}
	return !placeholderPassword(pass, user)
}
