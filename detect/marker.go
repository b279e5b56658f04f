package detect

import (
	"slices"
	"strings"
)

// confidentialMarker finds classification markings, English and Italian:
// CONFIDENTIAL, STRICTLY CONFIDENTIAL, INTERNAL USE ONLY, TOP SECRET,
// SECRET (EO 13526's levels), RISERVATO, RISERVATISSIMO, SEGRETO,
// SEGRETISSIMO (L. 124/2007 art. 42), USO INTERNO, NON DIFFONDERE,
// TLP:RED/AMBER, the UK government's OFFICIAL-SENSITIVE, the US handling
// caveats LAW ENFORCEMENT SENSITIVE and SENSITIVE BUT UNCLASSIFIED, … and
// the same in the languages near them (CONFIDENTIEL, STRENG VERTRAULICH,
// CONFIDENCIAL, VERTROUWELIJK, …). Markings are written in capitals (or as title-case
// headings); the same words in running lower-case prose ("is this
// confidential?") are not markings. SECRET, a common word in capitals too
// (CLIENT SECRET, SECRET KEY), counts only where a marking stands
// (markingPlace); TLP labels count in any case ("tlp:amber" is no word of
// prose; FIRST's TLP 2.0 says they SHOULD be capitals). A one-word marking
// in title case (Confidential, Riservato) counts where only a label stands:
// the value of a sensitivity or classification field (Microsoft Purview's
// "Sensitivity: Confidential", "Classificazione: Riservato"), or alone on
// its line (a banner); so does INTERNAL (a label of such schemes, but also
// a word of capitals elsewhere: gRPC's status INTERNAL), in either case.
// A classification field with a level for value ("RISERVATEZZA: ALTA",
// "Confidentiality level: high") is a marking, the key and the level
// (labelLevelAt); a contract's defined term in title case ("the
// Confidential Information") is not (definedTerm). An escaped line break
// or tab (\n in iCalendar TEXT or a log line) separates a marking from
// what is before it as white space does (escapeBefore).
type confidentialMarker struct{}

var _ Detector = confidentialMarker{}

func (confidentialMarker) Type() string { return TypeConfidentialMarker }

// markerPhrases lists the markings, longest first so a phrase wins over the
// word it contains. Lower case here; the case rule is applied on the text.
var markerPhrases = []string{
	"strictly confidential", "highly confidential", "company confidential", "confidential information",
	"for internal use only", "internal use only", "for official use only", "not for distribution",
	"do not distribute", "do not forward", "not for public release", "top secret", "secret//noforn",
	"noforn", "restricted", "proprietary and confidential", "confidential and proprietary",
	"confidential & proprietary", "privileged and confidential",
	"privileged & confidential", "strictly private and confidential", "private and confidential",
	"private & confidential", "attorney-client privileged", "attorney-client privilege",
	"attorney client privileged", "official-sensitive", "official sensitive", "law enforcement sensitive",
	"sensitive but unclassified", "confidential", "internal only", "internal", "classified", "secret",
	"strettamente riservato", "strettamente confidenziale", "riservato e confidenziale",
	"documento riservato", "informazioni riservate", "solo per uso interno", "ad uso interno",
	"uso esclusivamente interno", "uso interno", "riservata personale", "riservato personale",
	"personale e riservata", "personale e riservato", "personale e confidenziale", "strettamente personale",
	"riservatissimo", "riservatissima", "riservato",
	"riservata", "confidenziale", "segretissimo", "segretissima", "segreto", "non divulgare",
	"non diffondere", "vietata la diffusione", "tlp:red", "tlp:amber+strict", "tlp:amber", "tlp: red",
	"tlp: amber",
	// The languages near them (French, German, Spanish and Portuguese,
	// Dutch): the same markings, and the levels of their governments'
	// schemes that are no common word (DIFFUSION RESTREINTE, RESERVADO).
	"strictement confidentielle", "strictement confidentiel", "confidentielle", "confidentiel",
	"diffusion restreinte", "streng vertraulich", "vertraulich", "nur für den internen gebrauch",
	"nur fÜr den internen gebrauch", "nur für den dienstgebrauch", "nur fÜr den dienstgebrauch",
	"estrictamente confidencial", "confidencial", "solo para uso interno", "para uso interno", "reservado",
	"strikt vertrouwelijk", "vertrouwelijk", "uitsluitend voor intern gebruik", "alleen voor intern gebruik",
}

// markerKeywords gate the detector; every phrase holds one.
var markerKeywords = []string{"confidential", "internal", "official use", "distribut", "do not forward",
	"secret", "noforn", "restricted", "riservat", "confidenziale", "uso interno", "segreto",
	"divulgare", "diffusione", "tlp:", "tlp: ", "classified", "privilege", "personale e", "strettamente personale",
	"segretissim", "esclusivamente interno", "diffondere", "public release",
	"confidentiel", "confidencial", "diffusion restreinte", "vertraulich", "internen gebrauch", "dienstgebrauch",
	"reservado", "vertrouwelijk", "intern gebruik", "official-sensitive", "official sensitive", "enforcement sensitive",
	"sensitive but",
	// Keys of classification fields (labelLevelAt) that hold no other
	// keyword: "Classificazione: alta", "Classification: High".
	"classifica"}

// markerKeyKeywords[k] is set if keyword k starts a word of labelKeys: a
// classification field's key (labelLevelAt) can start only at its hits.
var markerKeyKeywords = func() (t []bool) {
	for _, k := range markerKeywords {
		t = append(t, slices.ContainsFunc(labelKeys[:], func(w string) bool { return strings.HasPrefix(w, k) }))
	}
	return
}()

// markerLookBack is how far before a keyword a phrase may start ("STRICTLY ").
const markerLookBack = 24

// markerAt is a phrase that can start off bytes before a keyword.
type markerAt struct {
	off    int
	phrase string
}

// markersFor[k] lists the phrases that can match around keyword k: a
// phrase that matches o bytes before the keyword and reaches past its start
// agrees with it on the bytes they share. By offset descending, then in
// markerPhrases' order: the order of the start positions the detector
// tries, and at each, of the phrases. The others cannot match there.
var markersFor = func() (t [][]markerAt) {
	for _, k := range markerKeywords {
		var l []markerAt
		for o := markerLookBack; o >= 0; o-- {
			for _, m := range markerPhrases {
				if o < len(m) {
					if n := min(len(m)-o, len(k)); m[o:o+n] == k[:n] {
						l = append(l, markerAt{o, m})
					}
				}
			}
		}
		t = append(t, l)
	}
	return
}()

// markerGroup is the phrases of markersFor[k] that start off bytes
// before the keyword, in order.
type markerGroup struct {
	off     int
	phrases []string
}

// markerGroupsFor is markersFor grouped by offset (descending, as there),
// so markerAround need not find where each start's phrases end.
var markerGroupsFor = func() (t [][]markerGroup) {
	for _, l := range markersFor {
		var gs []markerGroup
		for _, c := range l {
			if len(gs) == 0 || gs[len(gs)-1].off != c.off {
				gs = append(gs, markerGroup{off: c.off})
			}
			gs[len(gs)-1].phrases = append(gs[len(gs)-1].phrases, c.phrase)
		}
		t = append(t, gs)
	}
	return
}()

// markerKeywordsByFirst lists the indexes of markerKeywords by first byte,
// either case.
var markerKeywordsByFirst = func() (t [256][]int) {
	for i, k := range markerKeywords {
		t[k[0]] = append(t[k[0]], i)
		t[k[0]-'a'+'A'] = append(t[k[0]-'a'+'A'], i)
	}
	return
}()

// markerCapsAt[k] holds, for each phrase of markersFor[k], an offset from
// the keyword's start where the phrase has a word of four bytes or more
// start: markingCase wants a capital there (a small letter fails both ALL
// CAPS and Title Case). So a keyword in lower-case prose ("the secret is
// safe"), a small letter at each of these offsets, cannot be in a marking
// and is passed over without trying phrases. Nil if a phrase has no such
// word (then no offset can rule it out). Phrases that end inside a word
// of the keyword ("tlp: red" before "distribut") are left out: markerAround
// wants no word byte after a phrase.
var markerCapsAt = func() (t [][]int) {
	for k, l := range markersFor {
		var qs []int
		for _, c := range l {
			if e := len(c.phrase) - c.off; e < len(markerKeywords[k]) && isWord(markerKeywords[k][e]) {
				continue // ends inside the keyword's word: never matches
			}
			if caseFree(c.phrase) {
				qs = nil // a small letter rules nothing out
				break
			}
			q, ok := -1, false
			for i := 0; i < len(c.phrase); i++ {
				if i > 0 && c.phrase[i-1] != ' ' || c.phrase[i] == ' ' {
					continue
				}
				j := i
				for j < len(c.phrase) && c.phrase[j] != ' ' {
					j++
				}
				if j-i > 3 {
					// One inside the keyword if the phrase has one: the
					// keyword's offsets are shared by most phrases.
					if q, ok = i-c.off, true; q >= 0 && q < len(markerKeywords[k]) {
						break
					}
				}
			}
			if !ok {
				qs = nil
				break
			}
			if !slices.Contains(qs, q) {
				qs = append(qs, q)
			}
		}
		t = append(t, qs)
	}
	return
}()

// smallAt reports whether every offset of qs from h is a small letter or
// outside text (where no phrase can be).
func smallAt(text string, h int, qs []int) bool {
	for _, q := range qs {
		if i := h + q; uint(i) < uint(len(text)) && !isLower(text[i]) {
			return false
		}
	}
	return true
}

func (confidentialMarker) Keywords() []string { return slices.Clone(markerKeywords) }

func (confidentialMarker) Find(t *Text) {
	text, hits := t.S, t.Hits
	next := 0
	for _, h := range hits {
		// The phrase may start a little before the keyword: at s = h-o.
		lo := max(next, h-markerLookBack)
		if lo > h {
			continue
		}
		// A phrase that matches around the keyword at h agrees with it, so
		// only the keyword's phrases (markersFor) need trying.
		k := -1
		for _, i := range markerKeywordsByFirst[text[h]] {
			if hasPrefixFold(text, h, markerKeywords[i]) {
				k = i
				break
			}
		}
		// Before the prose gate: a field's key may be in small letters
		// after its first word (Livello di riservatezza: alto).
		if k < 0 || markerKeyKeywords[k] {
			if s, e := labelLevelAt(text, h); e > 0 && s >= next {
				t.Emit(s, e)
				next = e
				continue
			}
		}
		var s, e int
		if k >= 0 {
			if qs := markerCapsAt[k]; qs != nil && smallAt(text, h, qs) {
				continue // a keyword in prose: no marking can match here
			}
			s, e = markerAround(text, h, lo, markerGroupsFor[k])
		} else {
			s, e = markerAroundAny(text, h, lo) // not a keyword: try all
		}
		if e > 0 {
			t.Emit(s, e)
			next = e
		}
	}
}

// markerAround returns the marking around the keyword at h starting at lo
// or after, trying the groups' phrases; e is 0 if there is none. At each
// start, in order, only the first phrase that matches counts.
func markerAround(text string, h, lo int, groups []markerGroup) (s, e int) {
	for _, g := range groups {
		s = h - g.off
		if s < lo || s > 0 && isWord(text[s-1]) && !escapeBefore(text, s) {
			continue // not in reach, or not at a word start
		}
		for _, m := range g.phrases {
			if hasPrefixFold(text, s, m) && !isWord(byteAt(text, s+len(m))) {
				if markingAt(text, s, s+len(m)) {
					return s, s + len(m)
				}
				break
			}
		}
	}
	return 0, 0
}

// markerAroundAny is markerAround with every phrase at every start.
func markerAroundAny(text string, h, lo int) (s, e int) {
	for s = lo; s <= h; s++ {
		if s > 0 && isWord(text[s-1]) && !escapeBefore(text, s) {
			continue
		}
		for _, m := range markerPhrases {
			if s+len(m) > h && hasPrefixFold(text, s, m) && !isWord(byteAt(text, s+len(m))) {
				if markingAt(text, s, s+len(m)) {
					return s, s + len(m)
				}
				break
			}
		}
	}
	return 0, 0
}

// markingAt reports whether the phrase at text[s:e] is a marking, by its
// case and place: ALL CAPS or Title Case phrases (markingCase) where a
// marking stands (markingPlace); one word in title case (Confidential, not
// Secret: a word of headings and names) only as a label (labelPlace), and
// so a defined term in title case (definedTerm).
func markingAt(text string, s, e int) bool {
	v := text[s:e]
	if len(v) == 9 && hasPrefixFold(v, 0, "riservat") && reservedPlace(text, s) {
		return false
	}
	if !markingCase(v) {
		return titleWord(v) && !equalFold(v, "secret") && !(equalFold(v, "internal") && escapedLineStart(text, s)) &&
			(labelPlace(text, s, e) || headingWords.has(v) && headingPlace(text, s, e) || bracketed(text, s, e) ||
				documentFieldPlace(text, s, e))
	}
	if definedTerm(v) && hasLower(v) {
		return labelPlace(text, s, e) || footerPlace(text, s, e)
	}
	return markingPlace(text, s, e)
}

// reservedPlaces are what a sign or a form reserves (AREA RISERVATA,
// SPAZIO RISERVATO ALL'UFFICIO, POSTO RISERVATO): places, not documents.
var reservedPlaces = newWordList(`area spazio posto posti zona parcheggio accesso sezione corsia tavolo
	campo riquadro quadro settore ingresso sala aula prezzo prezzi linea camera`)

// reservedPlace reports whether one of the two words before s (riservato,
// riservata) is a place it reserves.
func reservedPlace(text string, s int) bool {
	w, p := lettersBefore(text, s, " \t")
	if reservedPlaces.has(w) {
		return true
	}
	w, _ = lettersBefore(text, p, " \t") // POSTO AUTO RISERVATO
	return reservedPlaces.has(w)
}

// bracketed reports a word in brackets or parentheses of its own, as
// subject lines and portion marks write a marking: "[Confidential] Q3
// plan", "(Riservato)".
func bracketed(text string, s, e int) bool {
	p, n := byteAt(text, s-1), byteAt(text, e)
	return p == '[' && n == ']' || p == '(' && n == ')'
}

// documentKeys name the parts of a document a marking is put in: "Footer:
// Confidential - do not forward" (not a subject line's key: "Subject:
// Confidential" names the message's topic as often).
var documentKeys = []string{"footer", "header", "intestazione", "banner", "pagina" /* piè di pagina */}

// documentFieldPlace reports a word that is the value of a documentKeys
// field, alone in it or before a dash ("Footer: Confidential - do not
// forward").
func documentFieldPlace(text string, s, e int) bool {
	c := fieldStartBefore(text, s)
	if c < 1 || text[c] != ':' {
		return false
	}
	key, k := lettersBefore(text, c, "")
	return amongFold(key, documentKeys) && !alnumBefore(text, k) && (fieldEndsAt(text, e, false) || dashAround(text, e, 1) > 0)
}

// definedTerm reports a phrase that names the information it marks, as a
// contract names what it protects: an NDA writes "the Confidential
// Information", "Le Informazioni Riservate" in title case inside its
// clauses, and quotes it where it defines it; a title (Section 2 -
// Confidential Information) is the clause's. Put on a document it stands
// in capitals or alone (on its line, after a classification key). The
// other phrases are adjectives or instructions no clause capitalises.
func definedTerm(v string) bool {
	return equalFold(v, "confidential information") || equalFold(v, "informazioni riservate")
}

// clauseWords open a contract's clause titles ("Section 2 - Confidential
// Information"), whose defined term is the clause's subject, not a marking.
var clauseWords = []string{"section", "sect", "article", "art", "clause", "paragraph", "schedule", "annex",
	"exhibit", "sezione", "articolo", "clausola", "paragrafo", "allegato", "punto"}

// footerPlace reports a phrase put on a document as its header or footer:
// last on its line after a title and a dash ("Acme Corp - Confidential
// Information"; not a clause's title, which starts with a number or a
// clauseWords word), or before a dash and another marking ("Contains
// Confidential Information - Do not distribute").
func footerPlace(text string, s, e int) bool {
	if d := dashAround(text, e, 1); d > 0 {
		for _, m := range markerPhrases {
			if hasPrefixFold(text, d, m) {
				return true
			}
		}
	}
	d := dashAround(text, s-1, -1)
	if d < 0 || !fieldEndsAt(text, e, false) {
		return false
	}
	ls, _ := lineStart(text, d, 256)
	f := skipSpaces(text, ls)
	w := f
	for w < d && isAlpha(text[w]) {
		w++
	}
	return f <= d && !isDigit(text[f]) && !strings.HasPrefix(text[f:], "§") && !amongFold(text[f:w], clauseWords)
}

// escapedLineStart reports whether the word at s starts a line of an
// escaped string (after \n and spaces): INTERNAL there is a JSON log's gRPC
// status ("error\nInternal"), not a label standing alone.
func escapedLineStart(text string, s int) bool {
	return escapeBefore(text, spacesBefore(text, s))
}

// escapeBefore reports whether the two bytes before s are a backslash
// escape of a line break or a tab (\n, \r, \t), as iCalendar TEXT, log
// lines, CSV cells and JSON not read as JSON write them: white space before
// a marking ("Dial-in 123\nRESTRICTED"). The backslash must not be
// escaped itself (\\n is a backslash and an n).
func escapeBefore(text string, s int) bool {
	return s >= 2 && (text[s-1] == 'n' || text[s-1] == 'r' || text[s-1] == 't') && escapedAt(text, s-1)
}

// labelPlace reports whether the phrase at text[s:e] stands alone as a
// label: no letter or digit between it and the line's end (or a '|': a
// footer's field), and before it none between it and the line's start, or
// a ':' after a sensitivity or classification key ("Sensitivity:",
// "Data classification:", "Classificazione:", "Sensitivity label:"). A word
// in a sentence has other words around it.
func labelPlace(text string, s, e int) bool {
	if !fieldEndsAt(text, e, false) {
		return false
	}
	switch i := fieldStartBefore(text, s); {
	case i == -2:
		return false
	case i >= 0 && text[i] == ':':
		return labelKey(text, i)
	}
	return true
}

// headingWords are the one-word markings that head a title line
// (headingPlace): not Restricted, Classified, Internal or Secret, words that
// head other lines too ("Restricted - requires admin role", "Classified -
// Wikipedia").
var headingWords = newWordList(`confidential confidenziale riservato riservata riservatissimo riservatissima`)

// headingPlace reports whether the phrase at text[s:e] marks a title line:
// first on its line, then a dash and the title ("Confidential - Project
// Atlas", "Riservato – Piano industriale"), or last on it after the title
// and a dash ("Q3 Board Deck — Confidential"). A dash between spaces
// joins no words of a sentence.
func headingPlace(text string, s, e int) bool {
	if d := dashAround(text, e, 1); d > 0 && (isAlnum(text[d]) || text[d] >= 0x80) {
		// First on its line: after '\n' or an escaped one, not a ':'.
		if i := fieldStartBefore(text, s); i == -1 || i >= 0 && text[i] != ':' {
			// Not a line of a list of terms and their descriptions (a
			// classification scheme's "Confidential - need to know").
			prev, next := -1, strings.IndexByte(text[e:], '\n')
			if i >= 0 {
				prev = strings.LastIndexByte(text[:i], '\n') + 1
			}
			return !(prev >= 0 && dashItemLine(text, prev) || next >= 0 && dashItemLine(text, e+next+1))
		}
	}
	if d := dashAround(text, s-1, -1); d >= 0 && (isAlnum(text[d]) || text[d] >= 0x80) {
		return fieldEndsAt(text, e, false)
	}
	return false
}

// dashItemLine reports whether the line starting at ls is a term and its
// description: a word (after list marks and spaces), spaces, a '-', spaces.
func dashItemLine(text string, ls int) bool {
	i := ls
	for i < len(text) && (text[i] == ' ' || text[i] == '-' || text[i] == '*' || text[i] == '#') {
		i++
	}
	w := i
	for i < len(text) && (isAlpha(text[i]) || text[i] >= 0x80) {
		i++
	}
	return i-w >= 2 && dashAround(text, i, 1) > 0
}

// dashAround reads, from i in direction dir (1 on, -1 back), spaces, a '-'
// (or "--") and spaces, one or more each side (normalising made every dash
// '-', every space ' '), and returns the index of the byte after them (on)
// or before them (back), or -1.
func dashAround(text string, i, dir int) int {
	sp := func() int {
		n := 0
		for ; byteAt(text, i) == ' '; i += dir {
			n++
		}
		return n
	}
	if sp() == 0 || byteAt(text, i) != '-' {
		return -1
	}
	i += dir
	if byteAt(text, i) == '-' {
		i += dir
	}
	if sp() == 0 || i < 0 || i >= len(text) {
		return -1
	}
	return i
}

// fieldEndsAt reports no letter or digit between e and the line's end or a
// '|' (a footer's field), or "//" too if slashes is set (a banner's
// SECRET//NOFORN), within 80 bytes. An escaped line break (\n, \r) ends
// the line too, and an escaped tab is white space (escapeBefore).
func fieldEndsAt(text string, e int, slashes bool) bool {
	for i := e; i < len(text); i++ {
		if i >= e+80 {
			return false
		}
		c := text[i]
		if c == '\n' || c == '|' || slashes && c == '/' && byteAt(text, i+1) == '/' {
			break
		}
		if c == '\\' {
			switch byteAt(text, i+1) {
			case 'n', 'r':
				return true
			case 't', '\\':
				i++ // not a letter; an escaped backslash escapes nothing after it
				continue
			}
		}
		if isAlnum(c) || c >= 0x80 {
			return false
		}
	}
	return true
}

// fieldStartBefore returns where the field of the phrase at s starts: the
// index of the '\n' or ':' before it with no letter or digit between (or
// of the backslash of an escaped line break, escapeBefore; an escaped tab
// is white space), -1 at the text's start, or -2 if a letter, a digit or
// 80 bytes come first.
func fieldStartBefore(text string, s int) int {
	for i := s - 1; i >= 0; i-- {
		c := text[i]
		if c == '\n' || c == ':' {
			return i
		}
		if escapeBefore(text, i+1) {
			if c != 't' {
				return i - 1
			}
			if i--; i < s-80 {
				return -2
			}
			continue
		}
		if isAlnum(c) || c >= 0x80 || i < s-80 {
			return -2
		}
	}
	return -1
}

// labelKey reports whether the field key before the ':' at c names a
// sensitivity or classification label.
func labelKey(text string, c int) bool { return labelKeyStart(text, c) >= 0 }

// labelKeys are the words that name a classification field: its key ends
// in one ("Data classification", "Livello di riservatezza"), or in one and
// "level" or "label" ("Sensitivity label", "Confidentiality level").
var labelKeys = [...]string{"sensitivity", "classification", "classificazione", "riservatezza", "confidentiality"}

// labelKeyStart returns where the key before the ':' at c starts if it
// names a sensitivity or classification label (labelKeys), with what may
// qualify it before ("Livello di", "Grado di", "Data", "Security"); else
// -1.
func labelKeyStart(text string, c int) int {
	// The key may be decorated after (**Sensitivity:** …, "Sensitivity":).
	i := c
	for i > 0 && i > c-4 && (text[i-1] == '*' || text[i-1] == '"' || text[i-1] == '\'' || text[i-1] == ' ') {
		i--
	}
	if hasPrefixFold(text, i-6, " level") || hasPrefixFold(text, i-6, " label") {
		i -= 6
	}
	for _, k := range labelKeys {
		if ks := i - len(k); hasPrefixFold(text, ks, k) && !alnumBefore(text, ks) {
			for _, q := range [...]string{"livello di ", "grado di ", "livello ", "data ", "information ", "document ", "security "} {
				if hasPrefixFold(text, ks-len(q), q) && !alnumBefore(text, ks-len(q)) {
					return ks - len(q)
				}
			}
			return ks
		}
	}
	return -1
}

// alnumBefore reports a letter or digit (or a byte of a letter outside
// ASCII) before i that is not an escape's (escapeBefore).
func alnumBefore(text string, i int) bool {
	b := byteAt(text, i-1)
	return (isAlnum(b) || b >= 0x80) && !escapeBefore(text, i)
}

// restrictedLevels are the values of a classification field (labelKeys)
// that mean restricted, English and Italian, as risk and privacy
// assessments rate confidentiality; a low or public level (low, bassa,
// public, pubblico, none, nessuna) marks nothing.
var restrictedLevels = [...]string{"very high", "highest", "high", "medium", "moderate", "elevated", "critical",
	"molto alta", "molto alto", "alta", "alto", "elevata", "elevato", "media", "medio", "massima", "massimo",
	"critica", "critico"}

// labelLevelAt returns the marking of a classification field whose key's
// word starts at h (labelKeys) when its value is a restricted level: the
// key and the level ("RISERVATEZZA: ALTA", "Livello di riservatezza:
// alto", "Confidentiality: High"; the level alone is a common word), the
// level ending its phrase (not "High priority", nor a choice of levels
// "High/Medium/Low"). Or, the field's value a
// marking in small letters, which markingAt leaves, alone in its field
// (fieldEndsAt): the value, as for a label in capitals (Classificazione:
// riservata). The key is a
// field's: it starts with a capital and has no word before it on its line
// ("the sensitivity: high", "Mic sensitivity: High" are not). e is 0 if
// there is none.
func labelLevelAt(text string, h int) (s, e int) {
	w := labelKeyWordAt(text, h)
	if w < 0 {
		return 0, 0
	}
	c := w
	// Then " level", " label", decoration, and the ':'.
	for c < len(text) && c < w+8 && (isAlpha(text[c]) || text[c] == ' ' || text[c] == '*' || text[c] == '"' || text[c] == '\'') {
		c++
	}
	if byteAt(text, c) != ':' {
		return 0, 0
	}
	ks := labelKeyStart(text, c)
	if ks < 0 || ks > h || !isUpper(text[ks]) {
		return 0, 0
	}
	p := spacesBefore(text, ks)
	if alnumBefore(text, p) {
		return 0, 0
	}
	v := c + 1
	for v < len(text) && v < c+8 && (text[v] == ' ' || text[v] == '*' || text[v] == '"' || text[v] == '\'') {
		v++
	}
	// A level rates confidentiality where the key names it (Riservatezza,
	// Confidentiality) or qualifies a classification (Data
	// Classification); a bare "Classification" rates incidents, bugs and
	// hazards too (Classification: Critical), and only its marking words
	// count (below). ("Sensitivity", which rates tests and sensors, has
	// no keyword to get here.)
	levels := restrictedLevels[:]
	if ks == h && lower(text[h]) == 'c' && !hasPrefixFold(text, h, "confidentiality") {
		levels = nil
	}
	for _, l := range levels {
		if ve := v + len(l); hasPrefixFold(text, v, l) && !isWord(byteAt(text, ve)) {
			j := ve
			for byteAt(text, j) == ' ' {
				j++
			}
			if b := byteAt(text, j); isAlnum(b) || b >= 0x80 || b == '/' || b == '-' && isAlpha(byteAt(text, j+1)) {
				return 0, 0 // more words (High-Level Design), or a choice (High/Medium/Low)
			}
			return ks, ve
		}
	}
	for _, m := range markerPhrases {
		if ve := v + len(m); hasPrefixFold(text, v, m) && !isWord(byteAt(text, ve)) {
			if !hasUpper(text[v:ve]) && !caseFree(m) && fieldEndsAt(text, ve, false) {
				return v, ve
			}
			break
		}
	}
	return 0, 0
}

// labelKeyWordAt returns the end of the word of labelKeys at h, or -1.
func labelKeyWordAt(text string, h int) int {
	if c := lower(text[h]); c != 'c' && c != 'r' {
		return -1 // no key's first letter (the keywords' keys: Classification, Riservatezza, Confidentiality): the most hits, at once
	}
	for _, k := range labelKeys {
		// The word's end first: two bytes rule out most words.
		if e := h + len(k); !isAlpha(byteAt(text, e)) && isAlpha(byteAt(text, e-1)) && hasPrefixFold(text, h, k) {
			return e
		}
	}
	return -1
}

// markingCase accepts ALL CAPS, and Title Case for phrases of two or more
// words ("Strictly Confidential"); TLP labels in any case (caseFree).
// v is ASCII (it matched a phrase ignoring ASCII case), its words separated
// by single spaces.
func markingCase(v string) bool {
	if !hasLower(v) || caseFree(v) {
		return true // ALL CAPS
	}
	words := 0
	for i := 0; i < len(v); {
		j := i
		for j < len(v) && v[j] != ' ' {
			j++
		}
		if !isUpper(v[i]) && j-i > 3 {
			return false
		}
		words++
		i = j + 1
	}
	return words >= 2
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if isUpper(s[i]) {
			return true
		}
	}
	return false
}

func hasLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if isLower(s[i]) {
			return true
		}
	}
	return false
}

// caseFree reports a phrase that is a marking in any case: a TLP label
// (TLP:AMBER, tlp:amber), which no prose holds.
func caseFree(m string) bool { return hasPrefixFold(m, 0, "tlp:") }

// markingPlace reports whether the phrase at text[s:e] stands where a
// marking does. Every phrase does but SECRET alone, a common word also in
// capitals (CLIENT SECRET:, SECRET KEY, THE SECRET SAUCE): it counts as a
// classification level as banners and portion marks write it: before "//"
// (SECRET//REL TO USA), in brackets ([SECRET], (SECRET)), or alone in its
// field: no letter or digit between it and the line's start or a ':'
// before it, nor between it and the line's end, a '|' or "//" after it (a
// banner line "*** SECRET ***", "Classification: SECRET", "Footer: SECRET |
// Page 3"; not a table's header cell "| Name | SECRET |").
func markingPlace(text string, s, e int) bool {
	if equalFold(text[s:e], "internal") {
		return labelPlace(text, s, e) && !escapedLineStart(text, s)
	}
	if e-s != len("secret") || lower(text[s]) != 's' || !hasPrefixFold(text, s, "secret") {
		return true
	}
	if byteAt(text, e) == '/' && byteAt(text, e+1) == '/' {
		return true
	}
	if p, n := byteAt(text, s-1), byteAt(text, e); p == '[' && n == ']' || p == '(' && n == ')' {
		return true
	}
	return fieldStartBefore(text, s) != -2 && fieldEndsAt(text, e, true)
}
