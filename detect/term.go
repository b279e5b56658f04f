package detect

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Phrases are what custom detectors match by content rather than by regex:
// dictionary terms (whole words) and the keywords that gate a regex
// (anywhere). Both are matched on the normalised text (normalise.go) the
// same way:
//
//   - case-insensitively, by Unicode simple case folding (À/à, Æ/æ, Σ/σ/ς,
//     Д/д), so any mix of cases matches;
//   - a run of white space (spaces, tabs, line breaks) in the text matches
//     the white space between a phrase's words, however much of it;
//   - the apostrophes ' ’ ‘ ʼ are one character (normalise makes them ');
//   - a term is a whole word: the characters before and after it are not
//     word characters (letters, digits, marks, '_'), when its own first and
//     last are.
//
// A phrase is folded to a key (foldPhrase); the text is folded the same
// way at each candidate start and looked up by key, one map lookup per
// distinct key length, so a dictionary of thousands of terms costs about
// as much as a few.
//
// Candidate starts come from the prefilter. Each phrase gives it the case
// variants of its first characters (gateVariants): the prefilter folds
// ASCII case itself, so an ASCII prefix is one keyword, and a letter
// outside ASCII adds its other cases ("ÆR", "ær"; the scanner folds only
// ASCII in its keywords). A set with a gate too short for the scanner's
// pass (under three bytes, short of the whole phrase) runs its own
// prefilter over the text instead (a second pass, for that set only).

// maxPhraseKey bounds a phrase's folded key, in bytes: the text after a
// candidate start is folded into a buffer of that size.
const maxPhraseKey = 256

// maxGateVariants bounds the case variants a phrase gives the prefilter
// (two letters outside ASCII with two cases each), so a dictionary of
// 20,000 accented names stays a few tens of thousands of keywords.
const maxGateVariants = 4

func isSpaceRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// isWordRune reports a character that continues a word: a letter, digit
// or mark in any script, or '_'. Characters of scripts written without
// spaces between words (Chinese, Japanese, Thai …) do not, or a term in
// them could never be a whole word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isWord(byte(r))
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
		return false
	}
	return !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// foldKey is the character that stands for r's case class in a key: ASCII
// in lower case; another letter by the smallest member of its simple case
// folding orbit. A letter whose other case normalise maps to a Latin
// homoglyph (Cyrillic м, whose capital М normalise makes M) folds to that
// Latin letter, so that "Москва", normalised "Mocквa", matches "москва"
// and "МОСКВА" (normalised "мocквa" and "MOCKBA").
func foldKey(r rune) rune {
	if r < utf8.RuneSelf {
		return rune(lower(byte(r)))
	}
	if r < foldKeyCached {
		return foldKeyTable()[r]
	}
	return computeFoldKey(r)
}

// foldKeyCached bounds the characters whose foldKey is in a table: Latin,
// Greek, Cyrillic, Armenian, Hebrew, Arabic (two-byte UTF-8), where the
// letters of dictionary terms mostly are.
const foldKeyCached = 0x800

var foldKeyTable = sync.OnceValue(func() *[foldKeyCached]rune {
	t := new([foldKeyCached]rune)
	for r := range rune(foldKeyCached) {
		t[r] = computeFoldKey(r)
	}
	return t
})

func computeFoldKey(r rune) rune {
	key, homoglyph := r, rune(0)
	for x := r; ; {
		// A lower-case letter's homoglyph wins (Greek ν is v, its capital
		// N): it is the one that keeps the letter's lower case.
		if c := confusable(x); c != 0 && (homoglyph == 0 || unicode.IsLower(x)) {
			homoglyph = rune(lower(c))
		}
		key = min(key, x)
		if x = unicode.SimpleFold(x); x == r {
			break
		}
	}
	if homoglyph != 0 {
		return homoglyph
	}
	if key < utf8.RuneSelf {
		return rune(lower(byte(key))) // K (Kelvin) and ſ fold to k and s
	}
	return key
}

// stableChar reports a character the normalised text can hold: one
// normalise leaves as it is.
func stableChar(r rune) bool {
	var b [utf8.UTFMax]byte
	return r < utf8.RuneSelf || utf8.ValidRune(r) && stableRune(r, string(b[:utf8.EncodeRune(b[:], r)]))
}

// normaliseChar is what normalise makes of the character r alone.
func normaliseChar(r rune) string {
	if r < utf8.RuneSelf {
		return string(r)
	}
	return normalise(string(r)).text
}

// phraseChar is one character of a phrase as a gate sees it: a separator
// (white space) or the UTF-8 forms the text may hold there.
type phraseChar struct {
	sep      bool
	short    int      // the shortest variant's length
	variants []string // ASCII in lower case (the prefilter folds it)
}

// asciiChars are the phraseChars of ASCII characters, made once: most of
// a dictionary's characters, and a 20,000-term policy is compiled at every
// reload.
var asciiChars = func() (t [utf8.RuneSelf]phraseChar) {
	for c := range t {
		t[c] = phraseChar{short: 1, variants: []string{string(rune(lower(byte(c))))}}
	}
	return
}()

var errEmptyPhrase = errors.New("is empty")

// foldPhrase folds s to its key, and returns its characters for the gate.
// cache holds the characters outside ASCII seen so far (nil: none kept).
func foldPhrase(s string, cache map[rune]phraseChar) (string, []phraseChar, error) {
	// Composed form first, as text usually is (é, not e + U+0301):
	// normalise works a character at a time and does not compose.
	s = norm.NFC.String(strings.TrimSpace(s))
	key := make([]byte, 0, len(s))
	chars := make([]phraseChar, 0, len(s))
	sep := func() {
		if len(chars) > 0 && !chars[len(chars)-1].sep {
			key = append(key, ' ')
			chars = append(chars, phraseChar{sep: true})
		}
	}
	for _, r := range s {
		switch {
		case isSpaceRune(r):
			sep()
			continue
		case r < utf8.RuneSelf:
			key = append(key, lower(byte(r)))
			chars = append(chars, asciiChars[r])
			continue
		}
		n := normaliseChar(r)
		single := utf8.RuneCountInString(n) == 1
		for _, m := range n {
			switch {
			case isSpaceRune(m):
				sep()
			default:
				key = utf8.AppendRune(key, foldKey(m))
				c, ok := cache[r]
				if !ok || !single {
					c = newPhraseChar(r, m, single)
					if single && cache != nil {
						cache[r] = c
					}
				}
				chars = append(chars, c)
			}
		}
	}
	if len(chars) > 0 && chars[len(chars)-1].sep {
		key, chars = key[:len(key)-1], chars[:len(chars)-1]
	}
	switch {
	case len(key) == 0:
		return "", nil, errEmptyPhrase
	case len(key) > maxPhraseKey:
		return "", nil, fmt.Errorf("is %d bytes long folded (at most %d)", len(key), maxPhraseKey)
	}
	return string(key), chars, nil
}

// newPhraseChar returns the character of a phrase that has r, normalised
// to m (single: m is all of it). Its variants are the characters of m's
// case orbit, and of the normalised forms of r's other cases (Cyrillic М
// is M, its lower case м stays м), that normalise keeps and that fold to
// m's key.
func newPhraseChar(r, m rune, single bool) phraseChar {
	k := foldKey(m)
	var out []string
	add := func(y rune) {
		if !stableChar(y) || foldKey(y) != k || y != m && untyped(y) {
			return
		}
		v := string(y)
		if y < utf8.RuneSelf {
			v = string(rune(lower(byte(y))))
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	orbit := func(x rune, f func(rune)) {
		for y := x; ; {
			f(y)
			if y = unicode.SimpleFold(y); y == x {
				return
			}
		}
	}
	orbit(m, add)
	if single {
		orbit(r, func(x rune) {
			if n := normaliseChar(x); utf8.RuneCountInString(n) == 1 {
				y, _ := utf8.DecodeRuneInString(n)
				orbit(y, add)
			}
		})
	}
	if len(out) == 0 {
		// m itself is not stable alone (a combining mark normalise may
		// reorder): the text holds it as the phrase does.
		out = append(out, string(m))
	}
	slices.Sort(out)
	c := phraseChar{variants: out, short: len(out[0])}
	for _, v := range out {
		c.short = min(c.short, len(v))
	}
	return c
}

// untyped reports a member of a letter's case orbit that nobody types for
// it: the historic Cyrillic forms (ᲂ for о) and the Greek combining
// iota (U+0345 for ι). Left out of gates, they keep a Cyrillic or Greek
// letter at two variants (foldKey still folds them).
func untyped(y rune) bool {
	return 0x1c80 <= y && y <= 0x1c8f || unicode.IsMark(y)
}

// gateSpan measures the start of a phrase that gates it: its longest
// start before any white space with at most maxGateVariants case variants,
// as n variants of at least short bytes covering the phrase's first
// covered characters.
func gateSpan(chars []phraseChar) (n, short, covered int) {
	n = 1
	for i, c := range chars {
		if c.sep || i > 0 && n*len(c.variants) > maxGateVariants {
			break
		}
		n *= len(c.variants)
		short += c.short
		covered++
	}
	return n, short, covered
}

// gateVariants returns the n variants of the first covered characters
// (gateSpan).
func gateVariants(chars []phraseChar, n, covered int) []string {
	out := make([]string, 0, n)
	var b []byte
	for k := range n {
		b = b[:0]
		for _, c := range chars[:covered] {
			b = append(b, c.variants[k%len(c.variants)]...)
			k /= len(c.variants)
		}
		out = append(out, string(b))
	}
	return out
}

// phraseSet matches a set of phrases (see above).
type phraseSet struct {
	keys   map[string]struct{} // folded phrases
	lens   []int               // their distinct lengths, longest first
	words  bool                // whole words only (terms)
	shared []string            // the prefilter keywords, when the scanner's pass can gate every phrase
	// Otherwise the set's own prefilter: its gates may be short.
	own *prefilter
	// Every keyword of own has a byte outside ASCII: a text without one
	// holds no phrase.
	ownNonASCII bool
}

// newPhraseSet compiles phrases; words says they are terms (whole words).
// what names them in errors ("term", "keyword").
func newPhraseSet(phrases []string, words bool, what string) (*phraseSet, error) {
	ps := &phraseSet{keys: make(map[string]struct{}, len(phrases)), words: words}
	all := make([][]phraseChar, 0, len(phrases))
	cache := map[rune]phraseChar{}
	sharedOK := true
	for i, p := range phrases {
		key, chars, err := foldPhrase(p, cache)
		if errors.Is(err, errEmptyPhrase) {
			return nil, fmt.Errorf("empty %s (%s %d)", what, what, i)
		}
		if err != nil {
			// The value stays out of the message: a term may be a secret
			// code name, and errors reach logs.
			return nil, fmt.Errorf("%s %d %w", what, i, err)
		}
		if _, dup := ps.keys[key]; !dup && !slices.Contains(ps.lens, len(key)) {
			ps.lens = append(ps.lens, len(key))
		}
		ps.keys[key] = struct{}{}
		all = append(all, chars)
		if sharedOK {
			// A gate of the scanner's: three bytes or more, unless it is
			// the whole phrase ("R2").
			_, short, covered := gateSpan(chars)
			sharedOK = short >= 3 || covered > 0 && covered == len(chars)
		}
	}
	slices.SortFunc(ps.lens, func(a, b int) int { return b - a })
	seen := map[string]bool{}
	var kws []string
	for _, chars := range all {
		n, _, covered := gateSpan(chars)
		for _, v := range gateVariants(chars, n, covered) {
			if !seen[v] {
				seen[v] = true
				kws = append(kws, v)
			}
		}
	}
	if sharedOK {
		ps.shared = kws
		return ps, nil
	}
	owners := make([][]int, len(kws))
	ps.ownNonASCII = true
	for i, k := range kws {
		owners[i] = []int{0}
		if isASCII(k) {
			ps.ownNonASCII = false
		}
	}
	own, err := buildPrefilter(kws, owners, false)
	if err != nil {
		return nil, err
	}
	ps.own = own
	return ps, nil
}

// keywords returns what the scanner's prefilter should find for the set:
// nil when the set runs its own (find then needs no hits).
func (ps *phraseSet) keywords() []string { return ps.shared }

// candidates returns the starts to try: hits, or the own prefilter's.
func (ps *phraseSet) candidates(text string, hits []int) []int {
	if ps.own == nil {
		return hits
	}
	if ps.ownNonASCII && nextNonASCII(text) < 0 {
		return nil
	}
	var starts []int
	ps.own.keywords(text, func(_ int32, start int) { starts = append(starts, start) }, false, nil)
	slices.Sort(starts)
	return slices.Compact(starts)
}

// find calls emit for each phrase in text, leftmost first, the longest at
// a start, none overlapping; hits are the prefilter's (ascending), unused
// when the set has its own.
func (ps *phraseSet) find(text string, hits []int, emit func(start, end int)) {
	next := 0
	for _, h := range ps.candidates(text, hits) {
		if h < next {
			continue
		}
		if e := ps.longestAt(text, h); e > h {
			emit(h, e)
			next = e
		}
	}
}

// any reports whether text holds a phrase.
func (ps *phraseSet) any(text string, hits []int) bool {
	for _, h := range ps.candidates(text, hits) {
		if ps.longestAt(text, h) > h {
			return true
		}
	}
	return false
}

// longestAt returns the end of the longest phrase starting at h, or -1.
func (ps *phraseSet) longestAt(text string, h int) int {
	if ps.words && h > 0 {
		before, _ := utf8.DecodeLastRuneInString(text[:h])
		first, _ := utf8.DecodeRuneInString(text[h:])
		if isWordRune(before) && isWordRune(first) {
			return -1
		}
	}
	// Fold the text from h as foldPhrase folds a phrase; ends[n] is the
	// text offset where the first n bytes of the fold end (-1: inside a
	// character's fold).
	var key [maxPhraseKey + utf8.UTFMax]byte
	var ends [maxPhraseKey + utf8.UTFMax + 1]int32
	n, i, longest := 0, h, ps.lens[0]
	for n < longest && i < len(text) {
		c := text[i]
		switch {
		case c < utf8.RuneSelf && !isSpaceRune(rune(c)) && c != '\'':
			key[n] = lower(c)
			i++
			n++
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			switch {
			case isSpaceRune(r):
				if n == 0 {
					return -1
				}
				for i += size; i < len(text); i += size {
					if r, size = utf8.DecodeRuneInString(text[i:]); !isSpaceRune(r) {
						break
					}
				}
				key[n] = ' '
				n++
				ends[n] = -1 // a phrase never ends on white space
				continue
			default:
				w := utf8.EncodeRune(key[n:], foldKey(r))
				for k := 1; k < w; k++ {
					ends[n+k] = -1
				}
				n += w
			}
			i += size
		}
		ends[n] = int32(i)
	}
	for _, l := range ps.lens {
		if l > n || ends[l] < 0 {
			continue
		}
		if _, ok := ps.keys[string(key[:l])]; !ok {
			continue
		}
		e := int(ends[l])
		if ps.words && e < len(text) {
			last, _ := utf8.DecodeLastRuneInString(text[:e])
			after, _ := utf8.DecodeRuneInString(text[e:])
			if isWordRune(last) && isWordRune(after) {
				continue
			}
		}
		return e
	}
	return -1
}
