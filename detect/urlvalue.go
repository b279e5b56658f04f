package detect

// urlValue reports whether a password's value is a URL: a link to where a
// password is reset or kept ("Reset your password here: https://…",
// "password: https://vault…/secret/db"), not the password. A credential URL
// (scheme://user:password@host) is CREDENTIAL_URL's finding. A URL starts
// with a scheme — a small letter, then small letters, digits, '+', '-', '.'
// or ':' (jdbc:mysql) — then "://" and a host's first byte (a letter, a
// digit or '[' of an IPv6 address); or with "www." (any case) and a host's
// first byte. A password that only holds "://" further on, or whose first
// bytes are capitals, is not read as a URL: schemes are written in small
// letters.
func urlValue(v string) bool {
	if len(v) >= 5 && hasPrefixFold(v, 0, "www.") {
		return isAlnum(v[4])
	}
	if len(v) < 4 || !isLower(v[0]) {
		return false
	}
	for i := 1; i < len(v) && i < 32; i++ {
		c := v[i]
		if c == ':' && i+3 < len(v) && v[i+1] == '/' && v[i+2] == '/' {
			return isAlnum(v[i+3]) || v[i+3] == '['
		}
		if !isLower(c) && !isDigit(c) && c != '+' && c != '-' && c != '.' && c != ':' {
			return false
		}
	}
	return false
}
