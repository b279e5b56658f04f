package detect

import "strings"

// joinedPasswordWords are the password words of more than one word, which
// are also written as one identifier: mot_de_passe, MOT-DE-PASSE,
// motDePasse, parola_d_ordine, parolaChiave (as "password" is in
// DB_PASSWORD).
var joinedPasswordWords = func() (ws []string) {
	for _, w := range passwordWords {
		if strings.ContainsAny(w, " '") {
			ws = append(ws, w)
		}
	}
	return
}()

// joinedWordAt returns the length of the joined password word at h, or 0:
// one of joinedPasswordWords, ignoring case, each space or apostrophe
// written as itself, '_', '-', or nothing.
func joinedWordAt(text string, h int) int {
	for _, w := range joinedPasswordWords {
		i, ok := h, true
		for j := 0; j < len(w) && ok; j++ {
			if c := w[j]; c == ' ' || c == '\'' {
				if b := byteAt(text, i); b == '_' || b == '-' || b == c {
					i++
				}
			} else {
				ok = lower(byteAt(text, i)) == c
				i++
			}
		}
		if ok {
			return i - h
		}
	}
	return 0
}
