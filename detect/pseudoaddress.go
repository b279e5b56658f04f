package detect

import (
	"net/netip"
	"strings"
)

// A password can hold an '@' between letters and dots (vou@T5Nq.UlTWo): it
// then has an e-mail address's shape, and where the password detector does
// not read the value (prose it does not parse: "password → X", "the
// password was set to X", the value on the line after "Password:") the
// e-mail detector would report a password as an address. After a password
// word such a value is a password unless it really is an address, told by
// its domain's shape: DNS names are written in one case (mario@acme.it,
// MARIO@ACME.IT, Mario@Acme.It), a generator mixes cases at random. So the
// domain is an address's unless its top-level label is not letters in one
// case (lower, upper or a capital then small letters: UlTWo is not), or a
// label holding a digit mixes cases otherwise (T5Nq; a name such as
// AcmeCorp, without a digit, is left an address). A real address there
// stays an e-mail address; a value the detector reads as it always has
// ("password: x@y.it") is a password as before.

// pseudoAddressReach bounds how far after a password keyword such a value
// is looked for, and pseudoAddressTokens how many tokens: about a clause.
// pseudoAddressNear is where the password detector looks for an '@' from
// the keyword's start before it calls pseudoAddressAfter (nearly every
// keyword it does not read a value for has none near).
const (
	pseudoAddressReach  = 72
	pseudoAddressTokens = 6
	pseudoAddressNear   = pseudoAddressReach + 32
)

// pseudoAddressAfter handles a password keyword at h whose value
// passwordAt did not read: the first token with an '@' among the next few
// (on the keyword's line or the next), if it is shaped like an address but
// is not one (pseudoAddress). It returns the token without quotes around it
// or the sentence's punctuation after it.
func pseudoAddressAfter(text string, h int) (int, int, bool) {
	if h > 0 && strings.IndexByte("#/:<{$@=&?", text[h-1]) >= 0 {
		return 0, 0, false // a word inside a reference or template (vault:…#password, <password>)
	}
	kw := prefixFoldAmong(text, h, &passwordWordsByFirst)
	if kw == "" {
		return 0, 0, false
	}
	i := passwordIdentEnd(text, h, len(kw))
	if i < 0 {
		return 0, 0, false
	}
	k, breaks := i, 0
	for n := 0; n < pseudoAddressTokens && k < len(text) && k-i < pseudoAddressReach; n++ {
		for k < len(text) && isSpace(text[k]) {
			if text[k] == '\n' {
				if breaks++; breaks > 1 {
					return 0, 0, false
				}
			}
			k++
		}
		s := k
		for k < len(text) && text[k] > ' ' {
			k++
		}
		a, b := s, k
		for a < b && strings.IndexByte("\"'`(<[", text[a]) >= 0 {
			a++
		}
		for b > a && strings.IndexByte("\"'`)>].,;:!?", text[b-1]) >= 0 {
			b--
		}
		if at := strings.IndexByte(text[a:b], '@'); at >= 0 {
			if strings.IndexByte(text[a:a+at], '=') >= 0 {
				return 0, 0, false // another field's assignment (ADMIN_EMAIL=…)
			}
			if pseudoAddress(text[a:b], at) {
				return a, b, true
			}
			return 0, 0, false // an address, or no value
		}
		if b < k && strings.IndexByte(".!?", text[b]) >= 0 {
			return 0, 0, false // the sentence ends
		}
	}
	return 0, 0, false
}

// pseudoAddress reports whether v, with an '@' at at, has an e-mail
// address's shape (a local part, a dotted domain of letters, digits and
// hyphens) but a domain no address has (addressDomain), and is not a
// stand-in. A domain of digits and dots is a host's address (a login, ssh
// ops@10.2.4.33) or a version after a package's name (lodash@4.17.21,
// a package spec), not a password; Admin@123.456 may be one.
func pseudoAddress(v string, at int) bool {
	if at < 1 || len(v) < 6 {
		return false
	}
	d := v[at+1:]
	dot := strings.LastIndexByte(d, '.')
	if dot < 1 || dot == len(d)-1 {
		return false
	}
	if strings.Trim(d, "0123456789.") == "" {
		if _, err := netip.ParseAddr(d); err == nil || strings.Trim(v[:at], "abcdefghijklmnopqrstuvwxyz0123456789-_.") == "" {
			return false
		}
	}
	for i := 0; i < len(d); i++ {
		if c := d[i]; !isAlnum(c) && c != '-' && (c != '.' || i == 0 || d[i-1] == '.') {
			return false
		}
	}
	return !addressDomain(d) && !standIn(v)
}

// addressDomain reports whether the dotted name d is written as DNS names
// of addresses are: its last label letters in one case (oneCase), and its
// labels that hold a digit in one case too.
func addressDomain(d string) bool {
	for d != "" {
		l := d
		dot := strings.IndexByte(d, '.')
		if dot >= 0 {
			l, d = d[:dot], d[dot+1:]
		} else {
			d = ""
		}
		if dot < 0 {
			// The top-level label.
			for i := 0; i < len(l); i++ {
				if !isAlpha(l[i]) {
					return false
				}
			}
			return len(l) >= 2 && oneCase(l)
		}
		if strings.IndexAny(l, "0123456789") >= 0 && !oneCase(l) {
			return false
		}
	}
	return false
}

// oneCase reports whether the letters of l are all small, all capitals, or
// a capital then small letters.
func oneCase(l string) bool {
	upper, lowerAfter, upperAfter, first := false, false, false, true
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !isAlpha(c) {
			continue
		}
		switch {
		case first:
			upper = isUpper(c)
			first = false
		case isUpper(c):
			upperAfter = true
		default:
			lowerAfter = true
		}
	}
	return !upperAfter || !lowerAfter && upper
}
