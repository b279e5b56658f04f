package detect

import (
	"net/netip"
	"strings"
)

// Validators check a candidate against its format's own check digits, so a
// number that merely looks right is not a finding. Each takes the compact
// value (separators removed) and never panics on any input.

// luhn reports whether digits (ASCII '0'–'9' only) pass the Luhn mod-10 check.
func luhn(digits string) bool {
	if len(digits) < 2 {
		return false
	}
	// From the right: the digits in odd places count as they are, those in
	// even places doubled, less 9 when that is two digits.
	sum := 0
	i := len(digits) - 1
	for ; i >= 1; i -= 2 {
		a, b := digits[i]-'0', digits[i-1]-'0'
		if a > 9 || b > 9 {
			return false
		}
		sum += int(a) + int(luhnDouble[b])
	}
	if i == 0 {
		a := digits[0] - '0'
		if a > 9 {
			return false
		}
		sum += int(a)
	}
	return sum%10 == 0
}

// luhnDouble is a digit doubled, less 9 when that is two digits.
var luhnDouble = [10]uint8{0, 2, 4, 6, 8, 1, 3, 5, 7, 9}

// ibanLengths is the length of an IBAN in each country of the SWIFT IBAN
// registry (SEPA and the other countries that use the standard).
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
	"BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
	"DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
	"FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
	"GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
	"IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
	"LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
	"MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
	"PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
	"SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
	"SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
	"YE": 30,
}

// ibanValid reports whether s (compact, upper-case) is an IBAN: a known
// country, that country's length, and the ISO 13616 mod-97 check equal to 1.
func ibanValid(s string) bool {
	return ibanCheck(readOnlyBytes(s))
}

// ibanCheck is ibanValid for bytes.
func ibanCheck(s []byte) bool {
	if len(s) < 5 || !isUpper(s[0]) || !isUpper(s[1]) {
		return false
	}
	n := int(ibanLength[s[0]-'A'][s[1]-'A'])
	if n == 0 || len(s) != n || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	// Move the first four characters to the end, letters become 10..35.
	rem, ok := mod97(0, s[4:])
	if !ok {
		return false
	}
	rem, ok = mod97(rem, s[:4])
	return ok && rem == 1
}

// mod97 extends the remainder rem (below 97) of a number by the digits of
// s, each letter standing for two (A = 10 … Z = 35), and reduces it mod 97
// every eight bytes (below 98·100⁸, no big integer is needed). It reports
// false if s holds anything else. Table-driven, with no branch on the
// bytes: IBANs mix letters and digits.
func mod97(rem uint64, s []byte) (uint64, bool) {
	var bad uint8
	for len(s) >= 8 {
		for _, c := range s[:8] {
			rem = rem*uint64(ibanMul[c]) + uint64(ibanVal[c])
			bad |= ibanBad[c]
		}
		rem %= 97
		s = s[8:]
	}
	for _, c := range s {
		rem = rem*uint64(ibanMul[c]) + uint64(ibanVal[c])
		bad |= ibanBad[c]
	}
	return rem % 97, bad == 0
}

// ibanMul, ibanVal and ibanBad give, for a byte, what mod97 multiplies
// the remainder by (10 for a digit, 100 for a capital), adds (its value),
// and whether it cannot be in an IBAN (1).
var ibanMul, ibanVal, ibanBad = func() (m, v, b [256]uint8) {
	for c := range 256 {
		switch {
		case isDigit(byte(c)):
			m[c], v[c] = 10, uint8(c-'0')
		case isUpper(byte(c)):
			m[c], v[c] = 100, uint8(c-'A'+10)
		default:
			b[c] = 1
		}
	}
	return
}()

// githubTokenValid checks a classic GitHub token (prefix and checksum).
func githubTokenValid(v string) bool {
	if len(v) != 40 || v[3] != '_' || !strings.HasPrefix(v, "gh") || strings.IndexByte("pousr", v[2]) < 0 {
		return false
	}
	return allAlnum(v[4:]) && githubChecksumOK(v[4:])
}

// jwtValid checks a compact JWS: three base64url parts, header JSON with "alg".
func jwtValid(v string) bool {
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			if !isB64URL(p[i]) {
				return false
			}
		}
	}
	return len(parts[1]) > 0 && jwtHeaderOK(parts[0])
}

// ipValid parses an IPv4 or IPv6 address.
func ipValid(v string) bool {
	_, err := netip.ParseAddr(v)
	return err == nil
}

// emailValid checks local@domain with the e-mail detector's rules.
func emailValid(v string) bool {
	at := strings.LastIndexByte(v, '@')
	if at <= 0 || v[0] == '.' || v[at-1] == '.' {
		return false
	}
	for i := 0; i < at; i++ {
		if !isAtext(v[i]) {
			return false
		}
	}
	end, ok := domainEnd(v, at+1)
	return ok && end == len(v)
}
