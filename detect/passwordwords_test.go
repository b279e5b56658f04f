package detect

import (
	"testing"
)

// TestPasswordJoinedWords: the password words of more than one word are
// also written as one identifier, their words joined by '_' or '-' or
// run together (mot_de_passe=, MOT-DE-PASSE, motDePasse, parola_d_ordine,
// parolaChiave), as "password" is in DB_PASSWORD.
func TestPasswordJoinedWords(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	pass := genPassword(r, 12)
	p := []want{{TypePassword, pass}}
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"snake", "level=info msg=\"login failed\" mot_de_passe=" + pass + " latency_ms=224", p},
		{"capitals", "MOT_DE_PASSE=" + pass, p},
		{"kebab", "mot-de-passe: " + pass, p},
		{"camel", `{"motDePasse": "` + pass + `"}`, p},
		{"run together", "motdepasse=" + pass, p},
		{"prefixed", "DB_MOT_DE_PASSE=" + pass, p},
		{"form body", "first_name=elena&mot_de_passe=" + pass[:len(pass)-1] + "%21&consent=on", []want{{TypePassword, pass[:len(pass)-1] + "%21"}}},
		{"parola d'ordine snake", "parola_d_ordine=" + pass, p},
		{"parola d'ordine kebab", "parola-d-ordine: " + pass, p},
		{"parola d'ordine apostrophe", "PAROLA_D'ORDINE=" + pass, p},
		{"parola chiave", "parola_chiave: " + pass, p},
		{"parola segreta camel", "parolaSegreta=" + pass, p},
		{"spaced still", "mot de passe : " + pass, p},
		{"hash", "mot_de_passe_hash=" + pass, nil},
		{"other word", "mot_de_passer=" + pass, nil},
		{"parola alone", "parola=" + pass, nil},
		{"parola prose", "la parola " + pass + " non basta", nil},
		{"inside a word", "xmot_de_passe=" + pass, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}
