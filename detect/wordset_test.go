package detect

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refWordAt is WordSet.at written plainly: each form of ws tried at p,
// compared rune by rune (unicode.ToLower), with the word-boundary rules.
func refWordAt(ws *WordSet, text string, p int) bool {
	camel := ws.opt&wsCamel != 0
	letter := func(r rune) bool { return unicode.IsLetter(r) }
	upper := func(i int) bool { return i >= 0 && i < len(text) && 'A' <= text[i] && text[i] <= 'Z' }
	small := func(i int) bool { return i >= 0 && i < len(text) && 'a' <= text[i] && text[i] <= 'z' }
	// camel reports a camelCase boundary before text[i].
	brk := func(i int) bool { return camel && upper(i) && (small(i-1) || upper(i-1) && small(i+1)) }
	if r, _ := utf8.DecodeLastRuneInString(text[:p]); p > 0 && letter(r) && !brk(p) {
		return false
	}
	for _, f := range ws.forms {
		prefix := strings.HasSuffix(f, "*")
		f = strings.TrimSuffix(f, "*")
		q, ok := p, true
		for _, fr := range f {
			if q >= len(text) {
				ok = false
				break
			}
			tr, n := utf8.DecodeRuneInString(text[q:])
			if tr != fr && unicode.ToLower(tr) != fr {
				ok = false
				break
			}
			q += n
		}
		if !ok {
			continue
		}
		if last, _ := utf8.DecodeLastRuneInString(f); letter(last) && !prefix {
			if r, _ := utf8.DecodeRuneInString(text[q:]); q < len(text) && letter(r) && !brk(q) {
				continue
			}
		}
		// The first word of the form, for the address test.
		w := p + len(leadingLettersRef(text[p:q]))
		if prefix {
			w = p + len(leadingLettersRef(text[p:]))
		}
		if ws.opt&wsNoAddress != 0 && inAddress(text, p, w) {
			continue
		}
		return true
	}
	return false
}

func leadingLettersRef(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}

// refNear is t.Near by refWordAt at every place of the window.
func refNear(ws *WordSet, text string, at, before int) bool {
	for p := max(at-before, 0); p < at; p++ {
		if refWordAt(ws, text, p) {
			return true
		}
	}
	return false
}

// allWordSets are the built-in detectors' context-word sets.
var allWordSets = map[string]*WordSet{
	"phone": phoneWords, "phone weak": phoneWeakWords, "vat": vatContext, "ssn": ssnContext,
	"ip": ipNotAddress, "github": githubContext, "openai": openAIContext,
}

// Every form of every set is a word of it, in small letters, capitals or
// capitalised, before a space, punctuation, a digit or the end; a letter
// more or less makes another word (unless that is a form too).
func TestWordSetForms(t *testing.T) {
	for name, ws := range allWordSets {
		forms := map[string]bool{}
		for _, f := range ws.forms {
			forms[f] = true
		}
		for _, f := range ws.forms {
			prefix := strings.HasSuffix(f, "*")
			f = strings.TrimSuffix(f, "*")
			for _, w := range []string{f, capitalised(f), strings.ToUpper(f)} {
				for _, after := range []string{"", " 02 1234567", ": x", "1", "_id", ".", "-"} {
					if !ws.at(w+after, 0) {
						t.Errorf("%s: %q: not a word of the set", name, w+after)
					}
					if !ws.at("x "+w+after, 2) || !ws.at("("+w+after, 1) {
						t.Errorf("%s: %q after a space or '(': not a word of the set", name, w+after)
					}
				}
			}
			if r, _ := utf8.DecodeLastRuneInString(f); unicode.IsLetter(r) && !prefix {
				for _, more := range []string{"x", "zz", "é"} {
					if !forms[f+more] && ws.at(f+more+" 1", 0) {
						t.Errorf("%s: %q: a word of the set", name, f+more)
					}
				}
				if short := f[:len(f)-1]; !forms[short] && ws.at(short+" 1", 0) {
					t.Errorf("%s: %q: a word of the set", name, short)
				}
			}
			if ws.at("a"+f, 1) || ws.at("é"+f, 2) {
				t.Errorf("%s: %q after a letter: a word of the set", name, f)
			}
		}
	}
}

// The words each set takes and those it does not: the mis-matches of a
// match by prefix (issue #3) and the inflections that must still match.
func TestWordSetWhole(t *testing.T) {
	tests := []struct {
		set      string
		yes, not []string
	}{
		{"vat",
			[]string{"IVA", "P.IVA", "P. IVA", "p.iva", "Partita IVA", "P.I.", "VAT", "VAT-ID", "VAT no.", "VATIN",
				"vat_number", "vatNumber", "partitaIva", "VIES", "codice fiscale", "IVA01234"},
			[]string{"Ivan", "Ivano", "IVANO", "Vatican", "Vaticano", "vats", "partitura", "fiscalità", "viesti"}},
		{"github",
			[]string{"GitHub", "github.com", "git clone", "git@github.com", "GH_TOKEN", "token", "tokens", "access_token",
				"x-access-token", "githubToken", "githubtoken", "GITHUB_PAT", "raw.githubusercontent.com", "gitToken", "apiToken"},
			[]string{"gitignore", ".gitignore", "gitlab", "tokenizer", "tokenization", "tokenized", "digit", "legit"}},
		{"ip",
			[]string{"version", "Versions", "versione", "versioni", "appVersion", "buildNumber", "build", "builds",
				"section", "sections", "sect.", "Table", "tables", "tabella", "figure", "art.", "§",
				"§§", "paragrafo", "release", "releases", "rilascio", "RFC", "rfc1918", "chapter", "capitolo"},
			[]string{"versioning", "versioned", "building", "builder", "tablet", "tablespace", "sectional", "figured",
				"artist", "Capitol", "relevant", "rfcx", "subversion"}},
		{"ssn",
			[]string{"SSN", "SSNs", "ssn#", "SSN:", "social security", "Social Security number", "soc. sec.", "soc sec",
				"taxpayer", "taxpayers", "taxpayer's", "ssnValue", "userSSN", "SSNValue"},
			[]string{"ssnake", "social securities", "soc. second", "taxpayerx", "SSNAP"}},
		{"openai",
			[]string{"OpenAI", "openai_api_key", "openaikey", "chatgptplus", "OPENAI", "openaiKey", "OpenAIKey", "ChatGPT", "gpt-4o", "GPT4", "GPTs",
				"api.openai.com"},
			[]string{"gptq", "opena", "chatgp"}},
		{"phone",
			[]string{"tel", "Tel.", "TEL:", "telephone", "telefono", "Telefoni", "TELÉFONO", "teléfonos", "cell", "cellulare",
				"Cel. ", "mob.", "reach me", "WhatsApp", "chiamami", "recapiti", "tel—", "Tél.", "TÉL:", "Téléphone",
				"TÉLÉPHONE", "portable", "Mobil", "Handy", "Handynummer", "phoneNumber", "telephoneNumber", "homePhone",
				"richiamami", "pager"},
			[]string{"Telegram", "telemetry", "Telepass", "Telecom", "cel ", "mob ", "reach out", "reach meet", "cellValue",
				"callBack", "iPhone", "hotel", "p.neri@telefonica.es", "www.telefono.it", "phoneNumbering", "télévision",
				"Mobility", "handyman", "portabilité"}},
		{"phone weak",
			[]string{"number", "numbers", "numero", "num.", "contact", "contatti", "contattami"},
			[]string{"numeric", "numerous", "num ", "contactless", "contattabile"}},
	}
	for _, tt := range tests {
		ws := allWordSets[tt.set]
		for _, w := range tt.yes {
			for _, text := range []string{w, "x " + w + " 1", capitalised(w)} {
				found := false
				for p := range len(text) {
					found = found || ws.at(text, p)
				}
				if !found {
					t.Errorf("%s: %q: no word of the set", tt.set, text)
				}
			}
		}
		for _, w := range tt.not {
			for p := range len(w) {
				if ws.at(w, p) {
					t.Errorf("%s: %q at %d is a word of the set", tt.set, w, p)
				}
			}
		}
	}
}

// capitalised returns w with its first letter a capital.
func capitalised(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// The detectors that ask for context words, before and after a word that
// only starts like one of them (failing first under a match by prefix).
func TestContextWordsInDetectors(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	ghp := genGitHubToken(r, "ghp_")
	badCRC := ghp[:len(ghp)-1] + string("01"[(strings.IndexByte("01", ghp[len(ghp)-1])+1)%2])
	vat := genVAT(r)
	openaiBare := "sk-" + randFrom(r, "abcdefghijklmnopqrstuvwxyz", 20) + randFrom(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 28)
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		// GitHub: a token with a bad checksum counts where a configuration
		// assigns it to a key that names one, not in prose.
		{"github token word", "token: " + badCRC, []want{{TypeGitHubToken, badCRC}}},
		{"github tokens word", "tokens:\n  - " + badCRC, []want{{TypeGitHubToken, badCRC}}},
		{"github tokens word assigned", "tokens = [\"" + badCRC + "\"]", []want{{TypeGitHubToken, badCRC}}},
		{"github token in prose", "GitHub says token " + badCRC + " has an invalid checksum", nil},
		{"github token form-encoded", "github_token%3A+" + badCRC, []want{{TypeGitHubToken, badCRC}}},
		{"github identifier", "githubToken = " + badCRC, []want{{TypeGitHubToken, badCRC}}},
		{"github tokenizer", "tokenizer vocab " + badCRC, nil},
		{"github tokenization", "tokenization: " + badCRC, nil},
		{"github gitignore", ".gitignore " + badCRC, nil},
		{"github good checksum anyway", "tokenizer vocab " + ghp, []want{{TypeGitHubToken, ghp}}},
		// IP addresses: numbering words only as words.
		{"ip after version", "version 10.2.3.4 released", nil},
		{"ip after versions", "versions 10.2.3.4", nil},
		{"ip after appVersion", "appVersion=10.2.3.4", nil},
		{"ip after versioning", "versioning server 10.2.3.4", []want{{TypeIPAddress, "10.2.3.4"}}},
		{"ip after building", "building B host 10.2.3.4", []want{{TypeIPAddress, "10.2.3.4"}}},
		{"ip after tablet", "tablet at 10.2.3.4", []want{{TypeIPAddress, "10.2.3.4"}}},
		{"ip after v.", "router v. 10.2.3.4", nil},
		{"ip after v. joined", "router v.10.2.3.4", nil},
		{"ip after V", "router V 10.2.3.4", []want{{TypeIPAddress, "10.2.3.4"}}},
		{"ip after a word ending in v.", "Kyiv. 10.2.3.4", []want{{TypeIPAddress, "10.2.3.4"}}},
		// Partita IVA: it yields to a phone number after a phone word,
		// unless a word about VAT is near too.
		{"vat after tel and iva", "tel / P.IVA " + vat, []want{{TypeITVAT, vat}}},
		{"vat after tel and Ivan", "tel Ivan " + vat, []want{{TypePhone, vat}}},
		{"vat after tel and Vaticano", "Vaticano, tel " + vat, []want{{TypePhone, vat}}},
		// SSN: nine bare digits after the words.
		{"ssn plural", "SSNs: 234567890", []want{{TypeUSSSN, "234567890"}}},
		{"ssn taxpayers", "taxpayers id 234567890", []want{{TypeUSSSN, "234567890"}}},
		{"ssn other word", "ssnake 234567890", nil},
		// OpenAI: a bare sk- key with OpenAI named.
		{"openai gpt-4o", "gpt-4o key " + openaiBare, []want{{TypeOpenAIKey, openaiBare}}},
		{"openai identifier", "openaiKey=" + openaiBare, []want{{TypeOpenAIKey, openaiBare}}},
		{"openai gptq", "gptq " + openaiBare, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// at agrees with the plain reference at every place of texts made of
// context words, their look-alikes and separators.
func TestWordSetAtReference(t *testing.T) {
	r := rng(t)
	words := []string{"tel", "Telegram", "IVA", "Ivan", "vat", "Vatican", "token", "tokenizer", "git", "GitHub", "version",
		"versioning", "ssn", "reach", "me", "meet", "cel", "num", "p.i.", "P.IVA", "§", "é", "É", "TELÉFONO", "teléfono",
		"phoneNumber", "OpenAIKey", "gpt", "soc", "sec", "Sec", "social", "security", "x", "@", "www", ".", "_", "-", "1",
		"a@telefonica.es", "telefono.it", "ghToken", "GH_", "art", "ver", "fig", "table"}
	seps := []string{" ", "", ".", "_", "\n", "-", "—"}
	for range 3000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteString(seps[r.IntN(len(seps))])
		}
		checkWordSetsAt(t, b.String())
	}
}

func checkWordSetsAt(t *testing.T, text string) {
	for name, ws := range allWordSets {
		for p := range len(text) + 1 {
			if got, want := ws.at(text, p), refWordAt(ws, text, p); got != want {
				t.Fatalf("%s: %q at %d: %v, reference %v", name, text, p, got, want)
			}
		}
	}
}

func FuzzWordSetAt(f *testing.F) {
	for _, seed := range []string{"tel Telegram", "P.IVA Ivan", "VATican vat-id", "gitignore git", "tokenizer tokens",
		"versioning version", "TELÉFONO", "reach me", "OpenAIKey", "phoneNumber", "§§ 1", "soc. sec.", "ghToken",
		"a@telefonica.es", "www.telefono.it", "ÉTEL", "tel\u0301", "camelIVA"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkWordSetsAt(t, text)
	})
}

// NewWordSet: endings in braces, keywords the stems no other starts.
func TestNewWordSet(t *testing.T) {
	ws := NewWordSet("Token{,s}", "tel", "telephone{,d}", "reach me", "x{a,b}", "github*", "githubapp")
	if got, want := strings.Join(ws.words, "|"), "token|tel|reach me|x|github"; got != want {
		t.Errorf("keywords %q, want %q", got, want)
	}
	if got, want := strings.Join(ws.forms, "|"), "token|tokens|tel|telephone|telephoned|reach me|xa|xb|github*|githubapp"; got != want {
		t.Errorf("forms %q, want %q", got, want)
	}
	for _, bad := range []string{"{a}", "tok{en", "a{b}c", "a{b{c}}", "a}", "*", "a{b}*", "a*b*"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%q: no panic", bad)
				}
			}()
			NewWordSet(bad)
		}()
	}
}
