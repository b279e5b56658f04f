package detect

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// markerSimple is the marker detector without markersFor: every phrase is
// tried at every word start up to markerLookBack bytes before a hit.
type markerSimple struct{ confidentialMarker }

func (markerSimple) Find(t *Text) {
	text, hits, emit := t.S, t.Hits, t.Emit
	next := 0
	for _, h := range hits {
		for s := max(next, h-markerLookBack); s <= h; s++ {
			if s > 0 && isWord(text[s-1]) || !isAlpha(text[s]) {
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
		"Sensitivity: ", "classification:", "Classificazione", "label: ", " - ", "x - "}, markerPhrases...), markerKeywords...)
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
		"INTERNAL\n", "x: Internal"} {
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
