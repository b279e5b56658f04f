package detect

import (
	"slices"
	"strings"
)

// confidentialMarker finds classification markings, English and Italian:
// CONFIDENTIAL, STRICTLY CONFIDENTIAL, INTERNAL USE ONLY, TOP SECRET,
// SECRET (EO 13526's levels), RISERVATO, RISERVATISSIMO, SEGRETO,
// SEGRETISSIMO (L. 124/2007 art. 42), USO INTERNO, NON DIFFONDERE,
// TLP:RED/AMBER, … Markings are written in capitals (or as title-case
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
	"privileged & confidential", "attorney-client privileged", "attorney-client privilege",
	"attorney client privileged", "confidential", "internal only", "internal", "classified", "secret",
	"strettamente riservato", "strettamente confidenziale", "riservato e confidenziale",
	"documento riservato", "informazioni riservate", "solo per uso interno", "ad uso interno",
	"uso esclusivamente interno", "uso interno", "riservata personale", "riservato personale",
	"personale e riservata", "personale e riservato", "personale e confidenziale", "strettamente personale",
	"riservatissimo", "riservatissima", "riservato",
	"riservata", "confidenziale", "segretissimo", "segretissima", "segreto", "non divulgare",
	"non diffondere", "vietata la diffusione", "tlp:red", "tlp:amber+strict", "tlp:amber", "tlp: red",
	"tlp: amber",
}

// markerKeywords gate the detector; every phrase holds one.
var markerKeywords = []string{"confidential", "internal", "official use", "distribut", "do not forward",
	"secret", "noforn", "restricted", "riservat", "confidenziale", "uso interno", "segreto",
	"divulgare", "diffusione", "tlp:", "tlp: ", "classified", "privilege", "personale e", "strettamente personale",
	"segretissim", "esclusivamente interno", "diffondere", "public release"}

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
		if s < lo || s > 0 && isWord(text[s-1]) {
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
		if s > 0 && isWord(text[s-1]) {
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
// Secret: a word of headings and names) only as a label (labelPlace).
func markingAt(text string, s, e int) bool {
	if v := text[s:e]; !markingCase(v) {
		return titleWord(v) && !equalFold(v, "secret") &&
			(labelPlace(text, s, e) || headingWords.has(v) && headingPlace(text, s, e))
	}
	return markingPlace(text, s, e)
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
		if i := fieldStartBefore(text, s); i == -1 || i >= 0 && text[i] == '\n' {
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
// SECRET//NOFORN), within 80 bytes.
func fieldEndsAt(text string, e int, slashes bool) bool {
	for i := e; i < len(text); i++ {
		if i >= e+80 {
			return false
		}
		c := text[i]
		if c == '\n' || c == '|' || slashes && c == '/' && byteAt(text, i+1) == '/' {
			break
		}
		if isAlnum(c) || c >= 0x80 {
			return false
		}
	}
	return true
}

// fieldStartBefore returns where the field of the phrase at s starts: the
// index of the '\n' or ':' before it with no letter or digit between, -1
// at the text's start, or -2 if a letter, a digit or 80 bytes come first.
func fieldStartBefore(text string, s int) int {
	for i := s - 1; i >= 0; i-- {
		c := text[i]
		if c == '\n' || c == ':' {
			return i
		}
		if isAlnum(c) || c >= 0x80 || i < s-80 {
			return -2
		}
	}
	return -1
}

// labelKey reports whether the field key before the ':' at c names a
// sensitivity or classification label.
func labelKey(text string, c int) bool {
	// The key may be decorated after (**Sensitivity:** …, "Sensitivity":).
	i := c
	for i > 0 && i > c-4 && (text[i-1] == '*' || text[i-1] == '"' || text[i-1] == '\'' || text[i-1] == ' ') {
		i--
	}
	for _, k := range [...]string{"sensitivity", "classification", "classificazione", "sensitivity label"} {
		if ks := i - len(k); hasPrefixFold(text, ks, k) && !isAlnum(byteAt(text, ks-1)) {
			return true
		}
	}
	return false
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
		return labelPlace(text, s, e)
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
