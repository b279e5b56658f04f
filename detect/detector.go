package detect

import (
	"slices"
	"sync/atomic"
)

// Detector finds one type of sensitive value. Detectors see normalised text
// (see normalise.go); the Scanner maps their spans back to the original bytes.
type Detector interface {
	// Type is the finding type the detector reports.
	Type() string
	// Keywords gate the detector: it runs only on a text where at least one of
	// them occurs (ASCII letters matched in either case, other bytes as
	// they are), or, for DigitRuns, where a digit occurs. None: it runs on
	// every text.
	Keywords() []string
	// Find reports every match in t through t.Emit, starting from t.Hits
	// where it has keywords.
	Find(t *Text)
}

// ContextDetector is a Detector that also consults context words (t.Near);
// the Scanner finds them in the same prefilter pass as the keywords.
type ContextDetector interface {
	Detector
	ContextWords() []*WordSet
}

// inRunsDetector is a built-in detector whose values all lie inside the
// text's base64 runs (byteScan's maximal runs of minBase64Run or more
// base64 characters): the Scanner does not run it on a text whose runs it
// knows and that has none.
type inRunsDetector interface {
	Detector
	insideBase64Runs()
}

// DigitRuns is a pseudo-keyword: a detector that lists it receives the start
// of every run of ASCII digits as a hit. Number formats (cards, IBANs, phone
// numbers …) anchor on it and share one pass over the text.
const DigitRuns = "\x00digits"

// WordSet is a list of context words ("tel", "password", "partita iva" …),
// each a stem and, in braces, the endings it may take ("token{,s}"), or
// a stem any longer word may start with ("github*").
// Lower case; matched whole (a word, not the start of a longer one: "iva"
// is not Ivan), ASCII letters in either case: see wordset.go.
type WordSet struct {
	words    []string  // the stems the keyword pass finds (none the prefix of another)
	forms    []string  // every form, written out ("stem*" as it is)
	table    []wordRun // the forms by their leading letters (at)
	prefixes []string  // the stems of the "stem*" forms
	opt      wordSetOpt
	id       int32 // unique, from 1: a Scanner finds the set's hits by it without a map
}

// wordSetIDs numbers word sets as they are made.
var wordSetIDs atomic.Int32

// Text is one normalised text as a detector sees it.
type Text struct {
	// S is the normalised text; spans are byte offsets into it.
	S string
	// Hits are the start offsets of the detector's keyword occurrences
	// (ascending; nil for a detector without keywords). Read-only: the
	// digit-run list is shared with the built-in number formats.
	Hits []int

	det int
	st  *scanState
	sc  *Scanner
}

// Emit reports a match at S[start:end]; invalid spans are ignored.
func (t *Text) Emit(start, end int) {
	if 0 <= start && start < end && end <= len(t.S) {
		t.st.raw = append(t.st.raw, rawFinding{det: t.det, start: start, end: end})
	}
}

// Near reports whether a word of ws starts within the before bytes that
// precede offset at. The set must be among the detector's ContextWords.
func (t *Text) Near(ws *WordSet, at, before int) bool {
	idx := t.sc.setIndex(ws)
	if idx < 0 {
		return false
	}
	lo := at - before
	if pos := t.st.setHits[idx]; len(pos) <= fewWords {
		return ws.anyIn(t.S, pos, lo, at)
	}
	pos := t.st.sortedHits(idx)
	i, _ := slices.BinarySearch(pos, lo)
	return ws.anyBefore(t.S, pos[i:], at)
}

// fewWords is how many words of a set Near (and the phone matcher's
// cursors) read all of, in the order the keyword pass found them, rather
// than sort once a text (wordHits: a call of slices.Sort) and search:
// most texts hold few of a set's words, often none.
const fewWords = 8

// setHits returns where the words of ws occur in the text, in the order
// the keyword pass found them; nil for a set no detector asked for.
func (t *Text) setHits(ws *WordSet) []int {
	if idx := t.sc.setIndex(ws); idx >= 0 {
		return t.st.setHits[idx]
	}
	return nil
}

// wordHits returns where the words of ws occur in the text, ascending
// (the positions Near looks among when there are many); nil for a set no
// detector asked for.
func (t *Text) wordHits(ws *WordSet) []int {
	if idx := t.sc.setIndex(ws); idx >= 0 {
		return t.st.sortedHits(idx)
	}
	return nil
}

// sortedHits returns st.setHits[idx], sorted (once a text).
func (st *scanState) sortedHits(idx int) []int {
	pos := st.setHits[idx]
	if w, b := idx>>6, uint64(1)<<(idx&63); st.sorted[w]&b == 0 {
		slices.Sort(pos)
		st.sorted[w] |= b
	}
	return pos
}

// Anywhere reports whether a word of ws occurs anywhere in the text.
func (t *Text) Anywhere(ws *WordSet) bool {
	idx := t.sc.setIndex(ws)
	if idx < 0 {
		return false
	}
	for _, p := range t.st.setHits[idx] {
		if ws.at(t.S, p) {
			return true
		}
	}
	return false
}

// addressHitList returns the '@'s the keyword pass found for the built-in
// e-mail detector (where an address may be), none without it.
func (t *Text) addressHitList() []int {
	if t.sc.email < 0 {
		return nil
	}
	return t.st.hits[t.sc.email]
}

// stemsFound reports whether the keyword pass found a stem of ws in the
// text: whether a word of ws may occur, without reading the words (as
// Anywhere does). A gate for a detector that asks Near after it.
func (t *Text) stemsFound(ws *WordSet) bool {
	idx := t.sc.setIndex(ws)
	return idx >= 0 && len(t.st.setHits[idx]) > 0
}
