package detect

import "strings"

// confidentialMarker finds classification markings, English and Italian:
// CONFIDENTIAL, STRICTLY CONFIDENTIAL, INTERNAL USE ONLY, TOP SECRET,
// RISERVATO, USO INTERNO, TLP:RED/AMBER, … Markings are written in capitals
// (or as title-case headings); the same words in running lower-case prose
// ("is this confidential?") are not markings.
type confidentialMarker struct{}

var _ Detector = confidentialMarker{}

func (confidentialMarker) Type() string { return TypeConfidentialMarker }

// markerPhrases lists the markings, longest first so a phrase wins over the
// word it contains. Lower case here; the case rule is applied on the text.
var markerPhrases = []string{
	"strictly confidential", "highly confidential", "company confidential", "confidential information",
	"for internal use only", "internal use only", "for official use only", "not for distribution",
	"do not distribute", "do not forward", "top secret", "secret//noforn", "noforn", "restricted",
	"proprietary and confidential", "privileged and confidential", "privileged & confidential",
	"confidential", "internal only", "classified",
	"strettamente riservato", "strettamente confidenziale", "riservato e confidenziale",
	"documento riservato", "informazioni riservate", "solo per uso interno", "ad uso interno",
	"uso interno", "riservato", "riservata", "confidenziale", "segreto", "non divulgare",
	"vietata la diffusione", "tlp:red", "tlp:amber+strict", "tlp:amber", "tlp: red", "tlp: amber",
}

// markersByFirst lists markerPhrases by first letter, in their order: a
// phrase can only start where its first letter is.
var markersByFirst = func() (t [26][]string) {
	for _, m := range markerPhrases {
		t[m[0]-'a'] = append(t[m[0]-'a'], m)
	}
	return
}()

func (confidentialMarker) Keywords() []string {
	return []string{"confidential", "internal use", "official use", "distribut", "do not forward",
		"secret", "noforn", "restricted", "riservat", "confidenziale", "uso interno", "segreto",
		"divulgare", "diffusione", "tlp:", "tlp: ", "internal only", "classified", "privileged"}
}

func (confidentialMarker) Find(t *Text) {
	text, hits, emit := t.S, t.Hits, t.Emit
	next := 0
	for _, h := range hits {
		// The phrase may start a little before the keyword ("STRICTLY ").
		lo := max(next, h-24)
		for s := lo; s <= h; s++ {
			if s > 0 && isWord(text[s-1]) || !isAlpha(text[s]) {
				continue // phrases start words
			}
			p := ""
			for _, m := range markersByFirst[lower(text[s])-'a'] {
				if hasPrefixFold(text, s, m) && !isWord(byteAt(text, s+len(m))) && s+len(m) > h {
					p = m
					break
				}
			}
			if p == "" {
				continue
			}
			v := text[s : s+len(p)]
			if !markingCase(v) {
				continue
			}
			emit(s, s+len(p))
			next = s + len(p)
			break
		}
	}
}

// markingCase accepts ALL CAPS, and Title Case for phrases of two or more
// words ("Strictly Confidential"); TLP labels are capitals by definition.
func markingCase(v string) bool {
	if strings.ToUpper(v) == v {
		return true
	}
	words := strings.Fields(v)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if !isUpper(w[0]) && len(w) > 3 {
			return false
		}
	}
	return true
}
