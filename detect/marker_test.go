package detect

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// markerSimple is the marker detector without markersFor: every phrase is
// tried at every word start up to markerLookBack bytes before a hit (and a
// classification field's key and level at every hit, not only at the
// keywords that start a key).
type markerSimple struct{ confidentialMarker }

func (markerSimple) Find(t *Text) {
	text, hits, emit := t.S, t.Hits, t.Emit
	next := 0
	for _, h := range hits {
		if s, e := labelLevelAt(text, h); h >= next && e > 0 && s >= next {
			emit(s, e)
			next = e
			continue
		}
		for s := max(next, h-markerLookBack); s <= h; s++ {
			if s > 0 && isWord(text[s-1]) && !escapeBefore(text, s) || !isAlpha(text[s]) {
				continue
			}
			p := ""
			for _, m := range markerPhrases {
				if hasPrefixFold(text, s, m) && !isWord(byteAt(text, s+len(m))) && s+len(m) > h {
					p = m
					break
				}
			}
			if p != "" && markingAt(text, s, s+len(p)) {
				emit(s, s+len(p))
				next = s + len(p)
				break
			}
		}
	}
}

// TestMarkerSameAsSimple compares the detector with markerSimple over texts
// made of phrases, keywords and their pieces in random case.
func TestMarkerSameAsSimple(t *testing.T) {
	r := rng(t)
	fast, err := newScanner([]Detector{confidentialMarker{}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	simple, err := newScanner([]Detector{markerSimple{}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pieces := append(append([]string{" ", " ", ", ", ". ", "\n", "x", "THE ", "Use ", "Only ", "[", "]", "(", ")", "//", ": ", " | ", "*",
		"Sensitivity: ", "classification:", "Classificazione", "label: ", " - ", "x - ", `\n`, `\t`, `\\`, "Riservatezza: ",
		"Livello di ", " level: ", "alta", "High", "low"}, markerPhrases...), markerKeywords...)
	nFound := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(6) {
			p := pieces[r.IntN(len(pieces))]
			switch r.IntN(4) {
			case 0:
				p = strings.ToUpper(p)
			case 1:
				p = strings.Title(p) //nolint:staticcheck // ASCII test data
			case 2:
				if len(p) > 2 {
					p = p[r.IntN(len(p)/2):]
				}
			}
			b.WriteString(p)
		}
		text := b.String()
		found := simple.ScanText(text)
		if len(found) > 0 {
			nFound++
		}
		if got, want := fmt.Sprint(fast.ScanText(text)), fmt.Sprint(found); got != want {
			t.Fatalf("%q: got %s, want %s", text, got, want)
		}
	}
	if nFound < 2000 {
		t.Errorf("only %d texts of 20000 hold a marking: the test data is too weak", nFound)
	}
	t.Logf("%d texts with markings", nFound)
}

func TestMarkingCase(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want bool
	}{
		{"CONFIDENTIAL", true},
		{"Confidential", false}, // one word: capitals only
		{"confidential", false},
		{"Strictly Confidential", true},
		{"Strictly confidential", false},
		{"Solo per Uso Interno", true}, // short words may stay lower case
		{"TLP:AMBER+STRICT", true},
		{"Privileged & Confidential", true},
		{"tlp:amber", true}, // TLP labels: any case
		{"Tlp:Red", true},
		{"Secret", false},
	} {
		if got := markingCase(tt.v); got != tt.want {
			t.Errorf("markingCase(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

// TestMarkerTables checks what markersFor relies on: every phrase starts
// with a lower-case letter and holds a keyword, and is in the list of the
// keywords it holds.
func TestMarkerTables(t *testing.T) {
	for _, k := range markerKeywords {
		if !isLower(k[0]) {
			t.Errorf("keyword %q does not start with a lower-case letter", k)
		}
	}
	for _, m := range markerPhrases {
		if !isLower(m[0]) {
			t.Errorf("phrase %q does not start with a lower-case letter", m)
		}
		held := false
		for _, k := range markerKeywords {
			held = held || strings.Contains(m, k)
		}
		if !held {
			t.Errorf("phrase %q holds no keyword", m)
		}
		for i, k := range markerKeywords {
			if o := strings.Index(m, k); o >= 0 && o <= markerLookBack && !slices.Contains(markersFor[i], markerAt{o, m}) {
				t.Errorf("phrase %q is not in the list of keyword %q", m, k)
			}
		}
	}
}

// TestMarkerAnyHits gives the detector hits that are not keywords too (the
// fallback path) and compares it with markerSimple.
func TestMarkerAnyHits(t *testing.T) {
	r := rng(t)
	sc := newTestScanner(t)
	pieces := append([]string{" ", "x", "THE ", ". "}, markerPhrases...)
	find := func(d Detector, text string, hits []int) []rawFinding {
		st := sc.pool.Get().(*scanState)
		defer sc.put(st)
		d.Find(&Text{S: text, Hits: hits, st: st, sc: sc})
		return slices.Clone(st.raw)
	}
	for range 5000 {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			p := pieces[r.IntN(len(pieces))]
			if r.IntN(2) == 0 {
				p = strings.ToUpper(p)
			}
			b.WriteString(p)
		}
		text := b.String()
		var hits []int
		for h := 0; h < len(text); h++ {
			if r.IntN(4) == 0 {
				hits = append(hits, h)
			}
		}
		if got, want := find(confidentialMarker{}, text, hits), find(markerSimple{}, text, hits); !slices.Equal(got, want) {
			t.Fatalf("%q hits %v: got %v, want %v", text, hits, got, want)
		}
	}
}

// FuzzMarkerSameAsSimple compares the detector with markerSimple on any
// text (the lower-case prose gate, markerCapsAt, included).
func FuzzMarkerSameAsSimple(f *testing.F) {
	fast, err := newScanner([]Detector{confidentialMarker{}}, nil)
	if err != nil {
		f.Fatal(err)
	}
	simple, err := newScanner([]Detector{markerSimple{}}, nil)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{"the secret is safe", "TOP SECRET", "Top Secret", "Do Not Forward", "do not Forward",
		"secret//NOFORN", "Solo per Uso Interno", "uso Interno", "TLP:RED", "tlp: amber", "Strictly confidential",
		"SECRET\n", "Classification: SECRET", "[SECRET] x", "CLIENT SECRET: x", "SECRET//REL TO USA", "x | SECRET | y",
		"RISERVATISSIMO", "Uso Esclusivamente Interno", "NOT FOR PUBLIC RELEASE", "Attorney-Client Privileged",
		"Sensitivity: Confidential\n", "Classification: Internal", "**Classificazione:** Riservato |", "Confidential\n",
		"INTERNAL\n", "x: Internal", `x\nRESTRICTED`, `unRESTRICTED`, `a\\nTLP:RED`, "RISERVATEZZA: ALTA",
		"Livello di riservatezza: alto", "Confidentiality level: high", "Classificazione: riservata",
		"1. Confidential Information shall", "Confidential Information\n"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := fmt.Sprint(fast.ScanText(text)), fmt.Sprint(simple.ScanText(text)); got != want {
			t.Fatalf("%q: got %s, want %s", text, got, want)
		}
	})
}

// TestMarkerLevelsAndDistribution covers the classification levels (EO
// 13526: TOP SECRET, SECRET; L. 124/2007 art. 42: SEGRETISSIMO, SEGRETO,
// RISERVATISSIMO, RISERVATO) and distribution markings, with the case and
// place rules that keep the same words in prose out.
func TestMarkerLevelsAndDistribution(t *testing.T) {
	s := newTestScanner(t)
	m := func(vs ...string) (w []want) {
		for _, v := range vs {
			w = append(w, want{TypeConfidentialMarker, v})
		}
		return w
	}
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"secret in brackets", "Subject: [SECRET] Merger plan draft", m("SECRET")},
		// The UK government's marking and the US handling caveats.
		{"uk official-sensitive", "OFFICIAL-SENSITIVE: PERSONAL\nGreater Manchester Police — Crime Report", m("OFFICIAL-SENSITIVE")},
		{"uk official sensitive", "OFFICIAL SENSITIVE\nReport", m("OFFICIAL SENSITIVE")},
		{"us les and sbu", "LAW ENFORCEMENT SENSITIVE\nSHERIFF'S OFFICE\nSENSITIVE BUT UNCLASSIFIED", m("LAW ENFORCEMENT SENSITIVE", "SENSITIVE BUT UNCLASSIFIED")},
		{"official sensitive in prose", "is this official sensitive data? law enforcement sensitive cases", nil},
		// The languages near English and Italian, in capitals; their words
		// in prose are no markings.
		{"german", "STRENG VERTRAULICH\nBetreff: Vergleich", m("STRENG VERTRAULICH")},
		{"german internal use", "NUR FÜR DEN INTERNEN GEBRAUCH - Bericht Q3", m("NUR FÜR DEN INTERNEN GEBRAUCH")},
		{"french", "Document STRICTEMENT CONFIDENTIEL, ne pas diffuser", m("STRICTEMENT CONFIDENTIEL")},
		{"french restricted", "DIFFUSION RESTREINTE\nNote de service", m("DIFFUSION RESTREINTE")},
		{"spanish", "CONFIDENCIAL\nAsunto: acuerdo extrajudicial", m("CONFIDENCIAL")},
		{"portuguese reserved", "RESERVADO\nAssunto: proposta", m("RESERVADO")},
		{"dutch", "UITSLUITEND VOOR INTERN GEBRUIK\nNotulen", m("UITSLUITEND VOOR INTERN GEBRUIK")},
		{"german prose", "das ist vertraulich, bitte nicht weitergeben", nil},
		{"spanish prose", "Todos los derechos reservados.", nil},
		{"dutch prose", "Dit is vertrouwelijk, zeg het niet door", nil},
		{"private and confidential", "Private and Confidential\nDear Ms Hughes,", m("Private and Confidential")},
		{"private & confidential", "PRIVATE & CONFIDENTIAL\nAddressee only", m("PRIVATE & CONFIDENTIAL")},
		{"private and confidential prose", "keep it private and confidential, please", nil},
		{"italian footer", "Piè di pagina: Riservato\nVerbale n. 12", m("Riservato")},
		{"reserved space", "SPAZIO RISERVATO ALL'UFFICIO\nProtocollo n. ____", nil},
		{"reserved area", "Accedi alla tua AREA RISERVATA con lo SPID.", nil},
		{"reserved car space", "POSTO AUTO RISERVATO", nil},
		{"reserved price", "PREZZO RISERVATO AI SOCI", nil},
		{"reserved document", "DOCUMENTO RISERVATO\nVerbale del consiglio", m("DOCUMENTO RISERVATO")},
		{"reserved banner", "RISERVATO\nVerbale del consiglio", m("RISERVATO")},
		{"secret banner line", "SECRET\nVerbale del consiglio. Riassumilo.", m("SECRET")},
		{"secret banner decorated", "*** SECRET ***\nMinutes", m("SECRET")},
		{"secret after label", "Classification: SECRET\nDocument owner: Legal", m("SECRET")},
		{"secret in a footer field", "Footer: SECRET | Page 3 of 12", m("SECRET")},
		{"secret capco", "SECRET//REL TO USA, FVEY", m("SECRET")},
		{"secret portion", "(SECRET) The plan is ready.", m("SECRET")},
		{"top secret", "TOP SECRET\nx", m("TOP SECRET")},
		{"secret noforn", "SECRET//NOFORN", m("SECRET//NOFORN")},
		{"secret table header", "| Name | SECRET |\n|---|---|", nil},
		{"secret as a label", "API KEY: abc\nSECRET: Qz7mKp2Lx9", nil},
		{"client secret", "CLIENT SECRET\n", nil},
		{"secret sauce", "THE SECRET SAUCE IS THE CACHE", nil},
		{"secret in prose capitals", "Don't tell anyone, it's a SECRET.", nil},
		{"secret title case", "Secret\nMinutes", nil},
		{"secret lower", "keep it secret", nil},
		{"secret key env", "SECRET_KEY=abc", nil},
		{"riservatissimo", "RISERVATISSIMO\nVerbale del consiglio del 12/03/2025.", m("RISERVATISSIMO")},
		{"segretissimo", "Footer: SEGRETISSIMO | Page 3 of 12", m("SEGRETISSIMO")},
		{"segretissima", "Informazione SEGRETISSIMA", m("SEGRETISSIMA")},
		{"segretissimo prose", "un piano segretissimo", nil},
		{"segreteria", "Segreteria generale", nil},
		{"uso esclusivamente interno", "USO ESCLUSIVAMENTE INTERNO\n\nRiassumi il documento.", m("USO ESCLUSIVAMENTE INTERNO")},
		{"uso esclusivamente interno title", "Documento per Uso Esclusivamente Interno", m("Uso Esclusivamente Interno")},
		{"uso esclusivamente interno prose", "è per uso esclusivamente interno", nil},
		// Each phrase is a marking of its own, as dev.jsonl labels them.
		{"non diffondere", "CONFIDENZIALE - NON DIFFONDERE", m("CONFIDENZIALE", "NON DIFFONDERE")},
		{"internal only", "CONFIDENTIAL - INTERNAL ONLY\nQ3 figures", m("CONFIDENTIAL", "INTERNAL ONLY")},
		{"riservata personale", "RISERVATA PERSONALE\nAzienda Ospedaliera", m("RISERVATA PERSONALE")},
		{"personale e riservata", "Alla c.a. del dott. Rossi - PERSONALE E RISERVATA", m("PERSONALE E RISERVATA")},
		{"personale in prose", "il personale è riservato alle attività interne", nil},
		{"non diffondere prose", "ti prego di non diffondere la notizia", nil},
		{"not for public release", "NOT FOR PUBLIC RELEASE\n\nSummarise the attached figures.", m("NOT FOR PUBLIC RELEASE")},
		{"public release prose", "this is not for public release yet", nil},
		{"attorney-client privileged", "Subject: [ATTORNEY-CLIENT PRIVILEGED] Merger", m("ATTORNEY-CLIENT PRIVILEGED")},
		{"attorney-client privilege title", "Attorney-Client Privilege", m("Attorney-Client Privilege")},
		{"attorney-client privilege prose", "this is covered by attorney-client privilege", nil},
		{"privilege escalation", "Privilege escalation in the kernel", nil},
		{"tlp lower case", "classification tlp:amber, share with care", m("tlp:amber")},
		{"tlp capitals", "TLP:RED", m("TLP:RED")},
		{"tlp green is not restricted", "TLP:GREEN", nil},
		// One word in title case, and INTERNAL, as a label.
		{"sensitivity label", "Summarise this memo:\n\nSensitivity: Confidential\nTo: Board", m("Confidential")},
		{"sensitivity highly", "Sensitivity: Highly Confidential\nTo: Board", m("Highly Confidential")},
		{"classification internal", "Classification: Internal\nOwner: Legal", m("Internal")},
		{"classification internal capitals", "Data Classification: INTERNAL | Page 2", m("INTERNAL")},
		{"classificazione riservato", "Classificazione: Riservato\nAutore: Ufficio legale", m("Riservato")},
		{"sensitivity label key", "Sensitivity label: Restricted", m("Restricted")},
		{"markdown key", "**Sensitivity:** Confidential", m("Confidential")},
		{"json key", `"sensitivity": "Confidential",`, m("Confidential")},
		{"banner line", "Confidential\n\nQ3 board minutes", m("Confidential")},
		{"banner decorated", "--- Confidential ---\nx", m("Confidential")},
		{"title word in a sentence", "Confidential data must not leave the EU.", nil},
		{"title word after another key", "Subject: Confidential\n", nil},
		{"title word with more after", "Sensitivity: Confidential and public\n", nil},
		{"lower case label", "sensitivity: confidential\n", nil},
		{"secret title banner", "Secret\nMinutes", nil},
		{"internal in prose", "Internal tools are listed below.", nil},
		{"grpc internal", `{"code": 13, "status": "INTERNAL"}`, nil},
		{"grpc internal text", "rpc error: code = Internal desc = boom", nil},
		{"internal server error", "HTTP 500 INTERNAL SERVER ERROR", nil},
		{"internal alone", "INTERNAL\nRoadmap 2026", m("INTERNAL")},
		// One word in title case heading a title line, before or after a
		// dash; not a line of a list of terms and descriptions.
		{"heading before a title", "Summarise:\n\nConfidential - Project Atlas roadmap\nBody", m("Confidential")},
		{"heading en dash", "Riservato – Piano industriale 2027", m("Riservato")},
		{"heading markdown", "## Confidential — Board minutes", m("Confidential")},
		{"heading after a title", "Q3 Board Deck — Confidential\nmore", m("Confidential")},
		{"heading after a title in a footer", "Acme Corp - Riservato | page 3", m("Riservato")},
		{"footer phrase", "Confidential and Proprietary\nAcme Corp", m("Confidential and Proprietary")},
		{"heading in a sentence", "The Confidential - and the rest", nil},
		{"dash in a sentence", "Is it public - or Confidential", nil},
		{"heading after another key", "Subject: Confidential - merger terms", nil},
		{"heading without spaces", "Confidential-Draft", nil},
		{"heading internal", "Internal - Do not share", nil},
		{"heading secret", "Secret - Santa list", nil},
		{"heading restricted", "Restricted - requires admin role", nil},
		{"heading classified", "Classified - Wikipedia", nil},
		{"heading double dash", "Confidential -- Project Atlas", m("Confidential")},
		{"scheme list", "Levels:\nPublic - anyone\nInternal - staff\nConfidential - need to know\nRestricted - named people", nil},
		{"scheme bullets", "- Confidential - need to know\n- Secret - few", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// markerCases runs table tests of CONFIDENTIAL_MARKER: each case's wants
// are the markings' values.
func markerCases(t *testing.T, tests []struct {
	name, text string
	wants      []string
}) {
	t.Helper()
	s := newTestScanner(t)
	for _, tt := range tests {
		var w []want
		for _, v := range tt.wants {
			w = append(w, want{TypeConfidentialMarker, v})
		}
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, w) })
	}
}

// TestMarkerAfterEscape: a backslash escape of a line break or a tab (iCal
// TEXT, log lines, CSV cells, JSON not decoded as JSON) stands before a
// marking as white space would; a word that ends in n does not.
func TestMarkerAfterEscape(t *testing.T) {
	markerCases(t, []struct {
		name, text string
		wants      []string
	}{
		{"ical restricted", "DESCRIPTION:Dial-in 123\\nRESTRICTED\nEND:VEVENT", []string{"RESTRICTED"}},
		{"riservato", "Note: verbale\\nRISERVATO\\nfine", []string{"RISERVATO"}},
		{"tlp", "msg=summary\\nTLP:RED", []string{"TLP:RED"}},
		{"confidential", `"body": "Q3 numbers\nCONFIDENTIAL"`, []string{"CONFIDENTIAL"}},
		{"carriage return", "a\\r\\nSTRICTLY CONFIDENTIAL", []string{"STRICTLY CONFIDENTIAL"}},
		{"tab", "cell\\tINTERNAL USE ONLY", []string{"INTERNAL USE ONLY"}},
		{"secret banner", "Minutes\\nSECRET\\nAttendees", []string{"SECRET"}},
		{"secret after an escape, in a sentence", "Minutes\\nSECRET SAUCE", nil},
		{"title label after an escape", "Subject: x\\nSensitivity: Confidential\\nTo: Board", []string{"Confidential"}},
		{"title banner after an escape", "Minutes\\nConfidential\\nTo: Board", []string{"Confidential"}},
		{"title heading after an escape", "x\\nConfidential - Project Atlas\\n", []string{"Confidential"}},
		// INTERNAL alone on an escaped line is gRPC's status in a JSON log.
		{"internal after an escape", "log\\nINTERNAL\\n", nil},
		{"internal in a json log", `{"status":"error\nInternal"}`, nil},
		{"word ending in n", "unRESTRICTED access", nil},
		{"word ending in n tlp", "vulnTLP:RED", nil},
		{"escaped backslash", `C:\\nRESTRICTED`, nil},
		{"escape other letter", `x\xRESTRICTED`, nil},
	})
}

// TestMarkerLabelLevel: a classification field's key with a level that
// means restricted is a marking, the key and the level; a low or public
// level is not, nor the same words in a sentence.
func TestMarkerLabelLevel(t *testing.T) {
	markerCases(t, []struct {
		name, text string
		wants      []string
	}{
		{"riservatezza alta", "RISERVATEZZA: ALTA\n\nProcedura: failover", []string{"RISERVATEZZA: ALTA"}},
		{"latex", "\\fancyhead[C]{\\textbf{RISERVATEZZA: ALTA}}", []string{"RISERVATEZZA: ALTA"}},
		{"slack dash", `"text": "RISERVATEZZA: ALTA – credenziali bucket"`, []string{"RISERVATEZZA: ALTA"}},
		{"after an escape", "DESCRIPTION:x\\nRISERVATEZZA: ALTA\\n", []string{"RISERVATEZZA: ALTA"}},
		{"livello di riservatezza", "Livello di riservatezza: alto\nAutore: Ufficio legale", []string{"Livello di riservatezza: alto"}},
		{"grado di riservatezza", "Grado di riservatezza: elevata", []string{"Grado di riservatezza: elevata"}},
		{"riservatezza media", "Riservatezza: Media", []string{"Riservatezza: Media"}},
		{"riservatezza massima", "Riservatezza: massima.", []string{"Riservatezza: massima"}},
		{"molto alta", "Riservatezza: molto alta", []string{"Riservatezza: molto alta"}},
		{"confidentiality high", "Confidentiality: High\nOwner: Legal", []string{"Confidentiality: High"}},
		{"confidentiality level", "Confidentiality level: high", []string{"Confidentiality level: high"}},
		{"markdown key", "**Confidentiality:** High", []string{"Confidentiality:** High"}},
		{"data classification", "Data Classification: Medium", []string{"Data Classification: Medium"}},
		{"classificazione qualified", "Livello di classificazione: alta", []string{"Livello di classificazione: alta"}},
		// A bare Classification rates incidents, hazards and energy too.
		{"classificazione alta", "Classificazione: alta (energetica)", nil},
		{"incident classification", "Incident\nClassification: Critical\nOwner: SOC", nil},
		{"classification medium", "Classification: Medium", nil},
		{"level with a dash", "Security Classification: High-Level Design", nil},
		{"level with a dash, risk", "Data Classification: High-risk AI system", nil},
		{"cia ratings", "Confidentiality: High, Integrity: Low", []string{"Confidentiality: High"}},
		// A marking word as the value is the marking, as before; in small
		// letters too after a key in capitals.
		{"classificazione riservata", "Classificazione: riservata\n", []string{"riservata"}},
		{"classification restricted", "Classification: Restricted\n", []string{"Restricted"}},
		{"classification restricted lower", "Classification: restricted", []string{"restricted"}},
		{"riservatezza riservato", "Riservatezza: RISERVATO", []string{"RISERVATO"}},
		{"confidentiality strictly", "Confidentiality: Strictly Confidential", []string{"Strictly Confidential"}},
		// Low and public levels, and the words in prose, are not.
		{"riservatezza bassa", "RISERVATEZZA: BASSA", nil},
		{"confidentiality low", "Confidentiality: Low", nil},
		{"sensitivity public", "Sensitivity: Public", nil},
		{"sensitivity rates tests", "Sensitivity: High\nSpecificity: Medium", nil},
		{"classificazione pubblica", "Classificazione: pubblico", nil},
		{"none", "Confidentiality: none", nil},
		{"nessuna", "Riservatezza: nessuna", nil},
		{"key in small letters", "riservatezza: alta", nil},
		{"value in small letters after a small key", "sensitivity: confidential\n", nil},
		{"after a word", "Mic sensitivity: High", nil},
		{"in a sentence", "La riservatezza: alta priorità per noi", nil},
		{"level then words", "Confidentiality: High priority on the fix", nil},
		{"level inside a word", "Sensitivity: Highlands", nil},
		{"a choice of levels", "Confidentiality: High/Medium/Low", nil},
		{"numeric", "Sensitivity: 0.93, Specificity: 0.88", nil},
		{"no colon", "Riservatezza alta", nil},
		{"other key", "Priority: High", nil},
		{"key with a word after", "Riservatezza dei dati: alta", nil},
	})
}

// TestMarkerDefinedTerms: a contract's defined term ("Confidential
// Information", "Informazioni Riservate") in title case inside a clause is
// no marking; put on the document (its own line, after a label, in
// capitals) it is one.
func TestMarkerDefinedTerms(t *testing.T) {
	markerCases(t, []struct {
		name, text string
		wants      []string
	}{
		{"numbered clause", "Parties: Acme.\n1. Confidential Information shall not be disclosed.\n", nil},
		{"articolo", "Art. 3 – Le Informazioni Riservate non potranno essere divulgate a terzi.", nil},
		{"definition", `"Confidential Information" means any information disclosed by either party.`, nil},
		{"definizione", `Per "Informazioni Riservate" si intende ogni informazione.`, nil},
		{"end of a sentence", "the Receiving Party shall protect the Confidential Information", nil},
		{"parenthesis", `all data (the "Confidential Information") disclosed`, nil},
		{"section heading", "Section 2 - Confidential Information\nThe Recipient shall", nil},
		{"delle", "La divulgazione delle Informazioni Riservate è vietata.", nil},
		// The marking put on the document.
		{"capitals header", "CONFIDENTIAL INFORMATION\nQ3 figures", []string{"CONFIDENTIAL INFORMATION"}},
		{"capitals in a line", "Subject: CONFIDENTIAL INFORMATION - do not forward", []string{"CONFIDENTIAL INFORMATION"}},
		{"line of its own", "Confidential Information\n\nQ3 figures", []string{"Confidential Information"}},
		{"after a label", "Classification: Confidential Information\n", []string{"Confidential Information"}},
		{"informazioni riservate banner", "INFORMAZIONI RISERVATE\nVerbale", []string{"INFORMAZIONI RISERVATE"}},
		{"nda with a header marking", "STRICTLY CONFIDENTIAL\n1. Confidential Information shall not be disclosed.", []string{"STRICTLY CONFIDENTIAL"}},
		{"other title phrases stay", "Documento per Uso Esclusivamente Interno", []string{"Uso Esclusivamente Interno"}},
		{"bracketed subject", "Subject: [Confidential] layoffs plan", []string{"Confidential"}},
		{"parenthesised", "Piano industriale (Riservato)\n", []string{"Riservato"}},
		{"footer field", "Footer: Confidential - do not forward", []string{"Confidential"}},
		{"intestazione field", "Intestazione: Riservato", []string{"Riservato"}},
		{"subject in prose", "Subject: Confidential matters we discussed", nil},
		{"bracketed word in prose", "see the [confidential] section", nil},
		{"footer after a dash", "Acme Corp - Confidential Information\nPage 3", []string{"Confidential Information"}},
		{"before a dash and a marking", "Contains Confidential Information - do not distribute", []string{"Confidential Information"}},
		{"articolo heading", "Articolo 4 - Informazioni Riservate\nLe parti", nil},
	})
}
