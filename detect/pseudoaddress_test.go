package detect

import (
	"math/rand/v2"
	"testing"
)

// genPseudoAddress returns a random value with an address's shape that no
// address has: cases mixed at random in the domain (vou@T5Nq.UlTWo).
func genPseudoAddress(r *rand.Rand) string {
	const lo, up = "abcdefghijkmnopqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ"
	return randFrom(r, lo, 3) + "@" + randFrom(r, up, 1) + randFrom(r, "23456789", 1) + randFrom(r, up, 1) + randFrom(r, lo, 1) +
		"." + randFrom(r, up, 1) + randFrom(r, lo, 1) + randFrom(r, up, 2) + randFrom(r, lo, 1)
}

// TestPseudoAddressPassword: after a password word, a value shaped like an
// e-mail address whose domain no address has is a password, in the prose
// the password detector does not otherwise read; a real address there
// stays an e-mail address. Elsewhere it is neither (its TLD mixes cases).
func TestPseudoAddressPassword(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	v := genPseudoAddress(r)
	p := []want{{TypePassword, v}}
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"next line", "Username:\nmario\nPassword:\n" + v + "\n", p},
		{"no separator", "temporary password " + v + " please change it", p},
		{"dash", "Password - " + v, p},
		{"arrow", "password → " + v, p},
		{"set to", "I set the password to " + v + " yesterday.", p},
		{"was set to", "Password was set to '" + v + "'.", p},
		{"assignment as before", "password: " + v, p},
		{"real address", "the password reset was sent to mario.rossi@acme.it", []want{{TypeEmail, "mario.rossi@acme.it"}}},
		{"real address title case", "password reset sent to Mario.Rossi@Acme.It", []want{{TypeEmail, "Mario.Rossi@Acme.It"}}},
		{"real address camel case", "the password manager sent it to john@AcmeCorp.com", []want{{TypeEmail, "john@AcmeCorp.com"}}},
		{"after the sentence", "Reset your password. Then write to " + v, nil},
		{"too far", "password policy requires twelve characters and more rules for " + v, nil},
		{"two lines down", "Password:\n\n" + v, nil},
		{"not a password word", "contact " + v, nil},
		{"identifier", "password_hash " + v, nil},
		{"login at an ip address", "sshpass -p '<password>' ssh ops@10.2.4.33", []want{{TypeIPAddress, "10.2.4.33"}}},
		{"digits and dots", "password Admin@123.456", []want{{TypePassword, "Admin@123.456"}}},
		{"package spec", "DB_PASSWORD='%(PASSWORD)s'\nADMIN_EMAIL=lodash@4.17.21", nil},
		{"word inside a reference", "sshpass -p 'vault:secret/data/app#password' ssh ops@x.x.x.x", nil},
		{"word inside a template", "sshpass -p '<password>' ssh ops@bastion.x", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

func TestAddressDomain(t *testing.T) {
	for _, tc := range []struct {
		d    string
		want bool
	}{
		{"acme.it", true}, {"ACME.IT", true}, {"Acme.It", true}, {"pec.comune.milano.it", true},
		{"AcmeCorp.com", true}, {"web2go.io", true}, {"Web2go.Io", true}, {"xn--bcher-kva.de", true},
		{"T5Nq.UlTWo", false}, {"acme.UlTWo", false}, {"acme.iT", false}, {"acme.c0m", false},
		{"a5Bc.com", false}, {"acme.x", false},
	} {
		if got := addressDomain(tc.d); got != tc.want {
			t.Errorf("addressDomain(%q) = %v, want %v", tc.d, got, tc.want)
		}
	}
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"vou@T5Nq.UlTWo", true}, {"mario@acme.it", false}, {"@T5Nq.UlTWo", false}, {"vou@T5Nq", false},
		{"vou@T5Nq.", false}, {"vou@.UlTWo", false}, {"vou@T5Nq..UlTWo", false}, {"vou@T5_q.UlTWo", false},
		{"xxxx@T5Nq.UlTWo", false}, {"${X}@T5Nq.UlTWo", false}, // stand-ins
	} {
		at := 0
		for at < len(tc.v) && tc.v[at] != '@' {
			at++
		}
		if got := pseudoAddress(tc.v, at); got != tc.want {
			t.Errorf("pseudoAddress(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}
