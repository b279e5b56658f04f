package detect

import "testing"

func TestLuhn(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"79927398713", true}, // the textbook example
		{"79927398710", false},
		{"0", false},
		{"", false},
		{"00", true},
		{"12a4", false},
	}
	for _, tt := range tests {
		if got := luhn(tt.in); got != tt.want {
			t.Errorf("luhn(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIBANValid(t *testing.T) {
	r := rng(t)
	for cc := range ibanLengths {
		v := genIBAN(r, cc)
		if !ibanValid(v) {
			t.Errorf("generated %s IBAN rejected", cc)
		}
		if ibanValid(v[:len(v)-1]) {
			t.Errorf("%s IBAN one short accepted", cc)
		}
	}
	tests := []struct {
		in   string
		want bool
	}{
		{"GB82WEST12345698765432", true}, // ISO 13616 documentation example
		{"GB82WEST12345698765433", false},
		{"XX82WEST12345698765432", false},
		{"GB82west12345698765432", false},
		{"GB", false},
	}
	for _, tt := range tests {
		if got := ibanValid(tt.in); got != tt.want {
			t.Errorf("ibanValid(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestGitHubChecksum(t *testing.T) {
	r := rng(t)
	tok := genGitHubToken(r, "ghp_")
	if !githubChecksumOK(tok[4:]) {
		t.Fatal("generated token rejected")
	}
	if githubChecksumOK(tok[4:len(tok)-1] + "!") {
		t.Error("altered checksum accepted")
	}
	if githubChecksumOK("short") {
		t.Error("short body accepted")
	}
}

// refLuhn is the Luhn check as usually written: from the right, every
// second digit doubled.
func refLuhn(digits string) bool {
	if len(digits) < 2 {
		return false
	}
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if !isDigit(c) {
			return false
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// refIBANValid is ISO 13616 as written: the country's length, the
// registry's BBAN structure read a run at a time (no letter where it
// declares digits), then the rearranged number reduced mod 97 one
// character at a time.
func refIBANValid(s string) bool {
	if len(s) < 5 {
		return false
	}
	n, ok := ibanLengths[s[:2]]
	if !ok || len(s) != n || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	for k, kind := range []byte(ibanKinds(ibanBBAN[s[:2]])) {
		if kind == 'n' && isUpper(s[4+k]) {
			return false
		}
	}
	rem := 0
	for i := 0; i < len(s); i++ {
		c := s[(i+4)%len(s)]
		switch {
		case isDigit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case isUpper(c):
			rem = (rem*100 + int(c-'A'+10)) % 97
		default:
			return false
		}
	}
	return rem == 1
}

func TestValidatorsMatchReference(t *testing.T) {
	r := rng(t)
	for range 20000 {
		d := randFrom(r, "0123456789", r.IntN(25))
		if luhn(d) != refLuhn(d) {
			t.Fatalf("luhn(%q) = %v", d, luhn(d))
		}
	}
	for range 200 {
		for cc := range ibanLengths {
			v := []byte(genIBAN(r, cc))
			switch r.IntN(3) {
			case 0:
				v[r.IntN(len(v))] = upperDigits[r.IntN(len(upperDigits))]
			case 1:
				v[2+r.IntN(len(v)-2)] = 'a'
			}
			if got, want := ibanValid(string(v)), refIBANValid(string(v)); got != want {
				t.Fatalf("ibanValid(%q) = %v, reference %v", v, got, want)
			}
		}
	}
}

func FuzzLuhn(f *testing.F) {
	f.Add("79927398713")
	f.Fuzz(func(t *testing.T, s string) {
		if luhn(s) != refLuhn(s) {
			t.Fatalf("luhn(%q) = %v", s, luhn(s))
		}
	})
}

func FuzzIBANValid(f *testing.F) {
	f.Add("GB82WEST12345698765432")
	f.Add("IT60X0542811101000000123456")
	f.Add("BE9148D7E0404335") // mod-97 holds, a letter where digits are
	f.Add("BE68539007547034")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ibanValid(s), refIBANValid(s); got != want {
			t.Fatalf("ibanValid(%q) = %v, reference %v", s, got, want)
		}
	})
}

func FuzzGitHubChecksum(f *testing.F) {
	f.Add("abcdefghijklmnopqrstuvwxyz0123456789")
	f.Fuzz(func(t *testing.T, s string) {
		githubChecksumOK(s)
	})
}

// TestLuhnWords checks luhn's word reads at every length up to 40: digit
// strings made to pass, each with one digit changed, and with one byte
// that is not a digit (those next to '0' and '9' too).
func TestLuhnWords(t *testing.T) {
	r := rng(t)
	passed := 0
	for n := range 41 {
		for range 200 {
			d := []byte(randFrom(r, "0123456789", n))
			for c := byte('0'); n > 0 && c <= '9' && !refLuhn(string(d)); c++ {
				d[n-1] = c // the check digit
			}
			if luhn(string(d)) != refLuhn(string(d)) {
				t.Fatalf("luhn(%q) = %v", d, luhn(string(d)))
			}
			if luhn(string(d)) {
				passed++
			}
			if n == 0 {
				continue
			}
			k := r.IntN(n)
			for _, c := range []byte{'0' + byte(r.IntN(10)), '/', ':', 0, 'a', ' ', 0xb0, 0xb9} {
				e := append([]byte(nil), d...)
				e[k] = c
				if luhn(string(e)) != refLuhn(string(e)) {
					t.Fatalf("luhn(%q) = %v", e, luhn(string(e)))
				}
			}
		}
	}
	if passed < 39*200 {
		t.Fatalf("%d digit strings passed, want %d", passed, 39*200)
	}
}
