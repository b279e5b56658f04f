package detect

import (
	"net/netip"
	"strings"
)

// Validators check a candidate against its format's own check digits, so a
// number that merely looks right is not a finding. Each takes the compact
// value (separators removed) and never panics on any input.

// luhn reports whether digits (ASCII '0'–'9' only) pass the Luhn mod-10 check.
// It takes eight digits at a time, in one word (cards have 13 to 19: two or
// three words, no branch on the digits).
func luhn(digits string) bool {
	n := len(digits)
	if n < 8 {
		return luhnShort(digits)
	}
	// From the right: the digits in odd places count as they are, those in
	// even places doubled, less 9 when that is two digits. Byte b of a
	// word read at an even k is doubled when n-1-b is odd.
	even := uint(n-1) & 1
	if n <= 24 {
		// Bytes 0–7, 8–15 and 16–23 (up to n-1), whatever n: from words
		// ending at n at the latest, with the bytes before 8 (16) dropped
		// and '0' (0 whether doubled or not) in place of bytes past n.
		r1, r2 := min(8, n-8), n-8
		d1, d2 := uint(8-r1)*8, min(uint(16-r2)*8, 64)
		s0, b0 := luhnWord(textLoad64(digits, 0), even)
		s1, b1 := luhnWord(textLoad64(digits, r1)>>d1|0x3030303030303030<<(64-d1), even)
		s2, b2 := luhnWord(textLoad64(digits, r2)>>d2|0x3030303030303030<<(64-d2), even)
		return b0|b1|b2 == 0 && (s0+s1+s2)%10 == 0
	}
	var sum, bad uint64
	k := 0
	for ; k+8 <= n; k += 8 {
		s, b := luhnWord(textLoad64(digits, k), even)
		sum += s
		bad |= b
	}
	if k < n {
		// The last bytes, from a word ending at the end: the bytes
		// already counted become '0'.
		drop := uint(k-(n-8)) * 8
		s, b := luhnWord(textLoad64(digits, n-8)>>drop|0x3030303030303030<<(64-drop), even)
		sum += s
		bad |= b
	}
	return bad == 0 && sum%10 == 0
}

// luhnWord returns the Luhn sum of the eight digits of w (byte 0 first),
// the even bytes doubled if even is 1, the odd ones if it is 0, and
// non-zero bad unless every byte is an ASCII digit.
func luhnWord(w uint64, even uint) (sum, bad uint64) {
	const ones = 0x0101010101010101
	d := w - 0x30*ones
	// A digit is 0x30–0x39: high nibble 3, and d+118 below 128.
	bad = (w&(0xf0*ones) ^ 0x30*ones) | (d+0x76*ones)&(0x80*ones)
	dbl := uint64(0xff00ff00ff00ff00) >> (8 * even) // the doubled bytes
	ge5 := (d + 0x7b*ones) >> 7 & ones              // d ≥ 5 (valid digits only)
	d += d&dbl - ge5&dbl*9
	return d * ones >> 56, bad // at most 8·9: no carry between bytes
}

// luhnShort is luhn for fewer than eight digits, byte by byte.
func luhnShort(digits string) bool {
	if len(digits) < 2 {
		return false
	}
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
// country, that country's length, the ISO 13616 mod-97 check equal to 1,
// and digits where the registry's BBAN structure declares them (ibanBBAN).
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
	return ok && rem == 1 && ibanBBANOK(s[4:], ibanDigits[s[0]-'A'][s[1]-'A'])
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
