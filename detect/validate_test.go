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

func FuzzLuhn(f *testing.F) {
	f.Add("79927398713")
	f.Fuzz(func(t *testing.T, s string) {
		luhn(s)
	})
}

func FuzzIBANValid(f *testing.F) {
	f.Add("GB82WEST12345698765432")
	f.Add("IT60X0542811101000000123456")
	f.Fuzz(func(t *testing.T, s string) {
		if ibanValid(s) && len(s) != ibanLengths[s[:2]] {
			t.Fatalf("accepted %q with a wrong length", s)
		}
	})
}

func FuzzGitHubChecksum(f *testing.F) {
	f.Add("abcdefghijklmnopqrstuvwxyz0123456789")
	f.Fuzz(func(t *testing.T, s string) {
		githubChecksumOK(s)
	})
}
