package detect

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Context words are matched whole: a word of a set names what it names
// only as that word or one of its inflections, not as the start of any
// longer word ("iva" is not Ivan, "vat" not Vatican, "token" not
// tokenizer, "tel" not Telegram). A set's words are written
//
//	"stem"             the stem alone: "iva", "ssn"
//	"stem{e1,e2,…}"    the stem followed by one of the endings, an empty
//	                   ending being the stem alone: "token{,s}" is token
//	                   and tokens, "telefon{o,i,ico}" telefono, telefoni,
//	                   telefonico
//	"stem*"            any word that starts with the stem: for a name so
//	                   distinctive that a longer word still names it
//	                   ("github*": githubtoken, githubusercontent)
//
// Each such form matches at p when the text there starts with it (ASCII
// letters in either case, other letters by unicode.ToLower), p starts a
// word (the character before it is not a letter) and, when the form ends
// in a letter, the word ends with it (the character after it is not a
// letter: a digit, '_', punctuation, a space or the text's end; a
// "stem*" form asks nothing of what follows). Forms may
// hold punctuation and spaces ("cel.", "p.i.", "reach me", "soc. sec"):
// they match as written. Letters are ASCII letters and the characters
// unicode.IsLetter accepts ("teléfono" is one word).
//
// Two options suit some sets (the set's methods say which):
//   - camelCase (identifiers in code): a capital after a small letter
//     also starts and ends a word (githubToken, apiToken, vatNumber), and
//     so does a capital followed by a small letter after capitals
//     (OpenAIKey, SSNValue);
//   - outside addresses: a word inside an e-mail address or a host name
//     (p.neri@telefonica.es, www.telefono.it) does not count.
//
// The keyword pass finds where a form may start by its stems (a stem with
// another stem of the set as its prefix is left to that one: it would
// only find the same places again); WordSet.at then reads the word there.

// wordSetOpt are a set's options.
type wordSetOpt uint8

const (
	wsCamel     wordSetOpt = 1 << iota // camelCase boundaries are word boundaries
	wsNoAddress                        // not inside an e-mail address or a host name
)

// wordRun is one entry of a set's table of forms: the letters a form
// starts with (lower case; empty for a form that starts with punctuation,
// "§"), and what may follow them: "" (nothing: the word ends there) or
// the rest of a form, which starts with a character other than a letter
// (" me" in "reach me", "." in "cel."; compared byte by byte, ASCII
// letters in either case).
type wordRun struct {
	run   string
	tails []string
	used  bool
}

// maxWordRun is the longest run of letters a form may start with, in
// bytes (WordSet.at reads at most this many into a buffer on the stack).
const maxWordRun = 32

// NewWordSet returns a set of context words, each a stem and optionally
// its endings in braces ("token{,s}") or a '*' ("github*"); see the notes
// on context words above. It panics on a malformed word, as regexp.MustCompile
// does: sets are made from literals at start-up.
func NewWordSet(words ...string) *WordSet {
	ws := &WordSet{id: wordSetIDs.Add(1)}
	var stems []string
	var forms []string
	for _, w := range words {
		w = strings.ToLower(w)
		stem, endings := w, []string{""}
		if strings.HasSuffix(w, "*") {
			stem = w[:len(w)-1]
			if stem == "" || strings.ContainsAny(stem, "{}*") {
				panic(fmt.Sprintf("detect: context word %q: a stem before '*'", w))
			}
			stems = append(stems, stem)
			ws.prefixes = append(ws.prefixes, stem)
			forms = append(forms, w)
			continue
		}
		if i := strings.IndexByte(w, '{'); i >= 0 {
			if !strings.HasSuffix(w, "}") || strings.IndexByte(w[i+1:len(w)-1], '{') >= 0 || strings.IndexByte(w[i+1:len(w)-1], '}') >= 0 {
				panic(fmt.Sprintf("detect: context word %q: endings in braces at its end, once", w))
			}
			stem, endings = w[:i], strings.Split(w[i+1:len(w)-1], ",")
		}
		if stem == "" || strings.ContainsAny(stem, "{}*") {
			panic(fmt.Sprintf("detect: context word %q: no stem", w))
		}
		stems = append(stems, stem)
		for _, e := range endings {
			forms = append(forms, stem+e)
		}
	}
	// The keywords: the stems that no other stem starts.
	for _, s := range stems {
		covered := false
		for _, o := range stems {
			if o != s && strings.HasPrefix(s, o) {
				covered = true
				break
			}
		}
		if !covered && !slices.Contains(ws.words, s) {
			ws.words = append(ws.words, s)
			// The keyword pass folds the case of ASCII letters only: a
			// stem with others is looked for in capitals too (TÉL).
			if up := strings.ToUpper(s); up != s && !isASCII(s) {
				ws.words = append(ws.words, up)
			}
		}
	}
	ws.forms = forms
	ws.table = buildWordTable(forms)
	return ws
}

// buildWordTable makes the open-addressed table of forms by their runs
// (the "stem*" forms are not in it).
func buildWordTable(forms []string) []wordRun {
	byRun := map[string][]string{}
	var runs []string
	for _, f := range forms {
		if strings.HasSuffix(f, "*") {
			continue
		}
		r := leadingLetters(f)
		if len(r) > maxWordRun {
			panic(fmt.Sprintf("detect: context word %q: over %d bytes of letters", f, maxWordRun))
		}
		tail := f[len(r):]
		if _, ok := byRun[r]; !ok {
			runs = append(runs, r)
		}
		if !slices.Contains(byRun[r], tail) {
			byRun[r] = append(byRun[r], tail)
		}
	}
	n := 8
	for n < 2*len(runs) {
		n *= 2
	}
	t := make([]wordRun, n)
	for _, r := range runs {
		h := runHash(r) & uint32(n-1)
		for t[h].used {
			h = (h + 1) & uint32(n-1)
		}
		t[h] = wordRun{run: r, tails: byRun[r], used: true}
	}
	return t
}

// leadingLetters returns the letters s starts with.
func leadingLetters(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isLetterRune(r) {
			break
		}
		i += n
	}
	return s[:i]
}

// runHash hashes a run of lower-case letters for the table; WordSet.at
// computes the same as it reads a word.
func runHash(r string) uint32 {
	h := uint32(0)
	for i := 0; i < len(r); i++ {
		h = h*31 + uint32(r[i])
	}
	return h
}

// isLetterRune reports whether r is a letter (ASCII or not).
func isLetterRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isAlpha(byte(r))
	}
	return unicode.IsLetter(r)
}

// camelCase makes ws read identifiers: camelCase boundaries are word
// boundaries.
func (ws *WordSet) camelCase() *WordSet {
	ws.opt |= wsCamel
	return ws
}

// outsideAddresses makes ws ignore its words inside e-mail addresses and
// host names.
func (ws *WordSet) outsideAddresses() *WordSet {
	ws.opt |= wsNoAddress
	return ws
}

// letterBefore reports whether the character before text[p] is a letter.
func letterBefore(text string, p int) bool {
	if p <= 0 {
		return false
	}
	if b := text[p-1]; b < utf8.RuneSelf {
		return isAlpha(b)
	}
	r, _ := utf8.DecodeLastRuneInString(text[:p])
	return unicode.IsLetter(r)
}

// letterAt reports whether a letter starts at text[q].
func letterAt(text string, q int) bool {
	if q >= len(text) {
		return false
	}
	if b := text[q]; b < utf8.RuneSelf {
		return isAlpha(b)
	}
	r, _ := utf8.DecodeRuneInString(text[q:])
	return unicode.IsLetter(r)
}

// camelBreak reports whether a camelCase boundary lies between text[q-1]
// and text[q] (both letters): a capital after a small letter (githubToken)
// or a capital followed by a small letter after a capital (OpenAIKey).
func camelBreak(text string, q int) bool {
	c := byteAt(text, q)
	if !isUpper(c) {
		return false
	}
	b := byteAt(text, q-1)
	return isLower(b) || isUpper(b) && isLower(byteAt(text, q+1))
}

// at reports whether a word of ws starts at p (a place the keyword pass
// found one of its stems).
func (ws *WordSet) at(text string, p int) bool {
	camel := ws.opt&wsCamel != 0
	if letterBefore(text, p) && !(camel && camelBreak(text, p)) {
		return false
	}
	for _, stem := range ws.prefixes {
		if hasPrefixFold(text, p, stem) && !ws.inAddress(text, p, p+len(leadingLetters(text[p:]))) {
			return true
		}
	}
	// Read the letters from p, lower case, hashing them as runHash does,
	// and note the camelCase boundaries among them.
	var buf [maxWordRun]byte
	var breaks [4]uint8 // the lengths of buf at camelCase boundaries
	var breakHash [4]uint32
	nb := 0
	n, q := 0, p
	h := uint32(0)
	long := false
	for q < len(text) {
		c := text[q]
		if c < utf8.RuneSelf {
			if !isAlpha(c) {
				break
			}
			if camel && q > p && nb < len(breaks) && camelBreak(text, q) {
				breaks[nb], breakHash[nb] = uint8(n), h
				nb++
			}
			if n == len(buf) {
				long = true
				break
			}
			c = lower(c)
			buf[n] = c
			n++
			h = h*31 + uint32(c)
			q++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[q:])
		if !unicode.IsLetter(r) {
			break
		}
		r = unicode.ToLower(r)
		if n+utf8.RuneLen(r) > len(buf) {
			long = true
			break
		}
		for _, c := range utf8.AppendRune(buf[n:n], r) {
			h = h*31 + uint32(c)
		}
		n += utf8.RuneLen(r)
		q += size
	}
	mask := uint32(len(ws.table) - 1)
	if !long {
		for i := h & mask; ws.table[i].used; i = (i + 1) & mask {
			if e := &ws.table[i]; e.run == string(buf[:n]) {
				for _, tail := range e.tails {
					if ws.tailAt(text, p, q, tail) {
						return true
					}
				}
				break
			}
		}
	}
	// A word of an identifier, up to a camelCase boundary: only the form
	// that ends there can match (a tail starts with a non-letter).
	for k, b := range breaks[:nb] {
		r := buf[:b]
		for i := breakHash[k] & mask; ws.table[i].used; i = (i + 1) & mask {
			if e := &ws.table[i]; e.run == string(r) {
				if slices.Contains(e.tails, "") && !ws.inAddress(text, p, p+int(b)) {
					return true
				}
				break
			}
		}
	}
	return false
}

// tailAt reports whether the letters text[p:q] followed by tail end a
// form of ws at a word's end. (Whether the form lies in an address is
// asked of its first word, text[p:q].)
func (ws *WordSet) tailAt(text string, p, q int, tail string) bool {
	if tail != "" {
		e := q + len(tail)
		if !hasPrefixFold(text, q, tail) {
			return false
		}
		if letterBefore(tail, len(tail)) && letterAt(text, e) && !(ws.opt&wsCamel != 0 && camelBreak(text, e)) {
			return false
		}
	}
	return !ws.inAddress(text, p, q)
}

// inAddress applies the option outsideAddresses to the word text[p:q].
func (ws *WordSet) inAddress(text string, p, q int) bool {
	return ws.opt&wsNoAddress != 0 && inAddress(text, p, q)
}

// anyIn reports whether a word of ws starts at a position in pos (any
// order) within [lo, at).
func (ws *WordSet) anyIn(text string, pos []int, lo, at int) bool {
	for _, p := range pos {
		if lo <= p && p < at && ws.at(text, p) {
			return true
		}
	}
	return false
}

// anyBefore reports whether a word of ws starts at a position in pos
// (ascending) before at.
func (ws *WordSet) anyBefore(text string, pos []int, at int) bool {
	for _, p := range pos {
		if p >= at {
			break
		}
		if ws.at(text, p) {
			return true
		}
	}
	return false
}

// lastIn returns the last position in pos (any order) within [lo, at)
// where a word of ws starts, -1 if none.
func (ws *WordSet) lastIn(text string, pos []int, lo, at int) int {
	last := -1
	for k := len(pos) - 1; k >= 0; k-- {
		// From the end: the keyword pass finds them mostly in order,
		// and an earlier one is not read once a later one is found.
		if p := pos[k]; p > last && lo <= p && p < at && ws.at(text, p) {
			last = p
		}
	}
	return last
}

// lastBefore returns the last position in pos (ascending) before at
// where a word of ws starts, -1 if none.
func (ws *WordSet) lastBefore(text string, pos []int, at int) int {
	k := 0
	for k < len(pos) && pos[k] < at {
		k++
	}
	for k--; k >= 0; k-- {
		if ws.at(text, pos[k]) {
			return pos[k]
		}
	}
	return -1
}

// inAddress reports whether the word text[p:q] is part of an e-mail
// address (an '@' ends the characters of an address before or after it)
// or of a host name: after "://" or "www.", or a name of four letters or
// more followed by a top-level domain of two or three letters
// ("telefono.it"; "Tel.uff." is an abbreviation).
func inAddress(text string, p, q int) bool {
	i := p
	for i > 0 && (isAlnum(text[i-1]) || text[i-1] == '.' || text[i-1] == '-') {
		i-- // a host name's bytes
	}
	if byteAt(text, i-1) == '@' || i >= 3 && text[i-3:i] == "://" {
		return true
	}
	if w := text[i:min(i+4, len(text))]; len(w) == 4 && lower(w[0]) == 'w' && lower(w[1]) == 'w' && lower(w[2]) == 'w' && w[3] == '.' {
		return true
	}
	j := q
	for j < len(text) && j-p < 64 && (isAlnum(text[j]) || text[j] == '.' || text[j] == '_' || text[j] == '-') {
		j++ // a local part's bytes (not '%' nor '+': in an encoded text they join words)
	}
	if byteAt(text, j) == '@' {
		return true
	}
	if q-p >= 4 && byteAt(text, q) == '.' {
		k := q + 1
		for k < len(text) && isAlpha(text[k]) {
			k++
		}
		if n := byteAt(text, k); k-q-1 >= 2 && k-q-1 <= 3 && !isAlnum(n) && n != '.' && n != '_' && n != '-' && n < 0x80 {
			return true
		}
	}
	return false
}
