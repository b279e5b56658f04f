package detect

import (
	"math/bits"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// normText is a text as detectors see it, with a map back to the original.
// The map is sparse: edits lists, in order, each piece of normalised text
// [n0,n1) that came from original bytes [o0,o1) by a change (a dropped,
// folded or expanded character); between edits the bytes are the same in
// both. No edits: the text needed no change.
type normText struct {
	text  string
	edits []edit
}

type edit struct{ n0, n1, o0, o1 int32 }

// at maps normalised byte i to the original bytes it came from.
func (n *normText) at(i int) (int, int) {
	return n.atEdit(i, n.lastEdit(0, i))
}

// lastEdit returns the index of the last edit of edits[k:] starting at or
// before normalised byte i, or k-1 if none. A binary search without a
// call per step (slices.BinarySearchFunc calls its comparison): a long
// text has hundreds of findings to map, two searches each.
func (n *normText) lastEdit(k, i int) int {
	es := n.edits[k:]
	if len(es) == 0 {
		return k - 1
	}
	// Halving es[lo:lo+m], which holds the answer if any edit does,
	// without a branch a step: the sign of i - n0 masks the move.
	lo, m := 0, len(es)
	for m > 1 {
		half := m >> 1
		lo += half &^ ((i - int(es[lo+half].n0)) >> 63)
		m -= half
	}
	if int(es[lo].n0) > i {
		lo-- // only when no edit starts at or before i
	}
	return k + lo
}

// atEdit is at(i) given k, lastEdit's answer for i.
func (n *normText) atEdit(i, k int) (int, int) {
	if k < 0 {
		return i, i + 1
	}
	e := n.edits[k]
	if int32(i) < e.n1 {
		return int(e.o0), int(e.o1)
	}
	o := int(e.o1) + i - int(e.n1)
	return o, o + 1
}

// span maps a normalised span back to original byte offsets.
func (n *normText) span(start, end int) (int, int) {
	if len(n.edits) == 0 {
		return start, end
	}
	return n.spanFrom(n.lastEdit(0, start), start, end)
}

// spanFrom is span given k, lastEdit's answer for start.
func (n *normText) spanFrom(k, start, end int) (int, int) {
	s, _ := n.atEdit(start, k)
	// The end's edit is at or after the start's, most often the same
	// (a span holds few edits): step to it rather than search again.
	k = max(k, 0)
	for k < len(n.edits) && n.edits[k].n0 <= int32(end-1) {
		k++
	}
	_, e := n.atEdit(end-1, k-1)
	return s, e
}

// spans maps the spans of fs back to original byte offsets, in place.
// A detector's findings come in order and most fall between the same two
// edits as the one before: the next edit is looked at before a search.
func (n *normText) spans(fs []rawFinding) {
	k, prev := -1, 0 // the start's edit (lastEdit's answer) for the finding before
	for i := range fs {
		f := &fs[i]
		if f.start < prev {
			k = -1 // back: search all
		}
		prev = f.start
		if k+1 < len(n.edits) && n.edits[k+1].n0 <= int32(f.start) {
			k = n.lastEdit(k+1, f.start)
		}
		f.start, f.end = n.spanFrom(k, f.start, f.end)
	}
}

// normalise applies NFKC (full-width letters and digits, ＠, ligatures become
// ASCII), drops format characters (zero-width space and joiners, soft hyphen,
// BOM, bidi controls), maps every dash to '-', every space to ' ', typographic
// quotes to ASCII ones (quoteFold) and common homoglyphs to Latin, so an evasion costs the attacker more than a
// keystroke. Text that needs no change (all ASCII, or only stable characters
// such as accented letters) is returned as is.
//
// Each character is normalised on its own: detectors match ASCII patterns,
// and what NFKC does across characters (composing accents) never produces
// ASCII, so the per-character form finds the same values and keeps the
// offset map exact.
func normalise(text string) normText { return normaliseInto(text, nil) }

// normaliseInto is normalise with the edits appended to edits[:0] (a
// scanner's scratch space, reused from text to text).
func normaliseInto(text string, edits []edit) normText {
	i := firstUnstable(text)
	if i == len(text) {
		return normText{text: text}
	}
	buf := make([]byte, i, len(text))
	copy(buf, text[:i])
	edits = edits[:0]
	for i < len(text) {
		// Copy the stable stretch up to the next character that changes:
		// ASCII eight bytes at a time, other characters by stablePages.
		if text[i] < utf8.RuneSelf {
			j := nextNonASCII(text[i:])
			if j < 0 {
				buf = append(buf, text[i:]...)
				break
			}
			buf = append(buf, text[i:i+j]...)
			i += j
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		enc := text[i : i+size]
		if stableRune(r, enc) {
			buf = append(buf, enc...)
			i += size
			continue
		}
		n := len(buf)
		buf = appendFolded(buf, r, enc)
		edits = append(edits, edit{n0: int32(n), n1: int32(len(buf)), o0: int32(i), o1: int32(i + size)})
		i += size
	}
	// buf is not written again: the text can share its bytes.
	return normText{text: unsafe.String(unsafe.SliceData(buf), len(buf)), edits: edits}
}

// nextNonASCII is firstNonASCII, a long stretch in long steps
// (asciiPrefix): the ASCII between a long text's other characters.
func nextNonASCII(s string) int {
	i := asciiPrefix(s)
	if j := firstNonASCII(s[i:]); j >= 0 {
		return i + j
	}
	return -1
}

// asciiPrefix returns the length of an ASCII start of s in whole steps,
// 128 bytes (AVX2) or 32, short of the first step with a byte outside
// ASCII; 0 for s under 128 bytes, where the loop's exit would mispredict
// more than the steps save. The rest is firstNonASCII's, 8 bytes a step.
func asciiPrefix(s string) int {
	const hi = 0x8080808080808080
	n := len(s)
	if n < 128 {
		return 0
	}
	if haveAVX2 {
		return asciiPrefixAVX2(unsafe.StringData(s), n)
	}
	i := 0
	for i+32 <= n && (textLoad64(s, i)|textLoad64(s, i+8)|textLoad64(s, i+16)|textLoad64(s, i+24))&hi == 0 {
		i += 32
	}
	return i
}

// foldRune appends what normalise makes of the character r, encoded as enc
// (r is utf8.RuneError, and enc one byte, for invalid UTF-8), which it
// changes.
func foldRune(buf []byte, r rune, enc string) []byte {
	if d := nativeDigit(r); d >= 0 {
		return append(buf, '0'+byte(d)) // (no tag, format or ignorable character is a digit)
	}
	switch {
	case r >= tagFirst && r <= tagLast:
		// A tag character: the ASCII one it mirrors, written invisibly
		// ("ASCII smuggling": a language model reads it, a person does not).
		buf = append(buf, byte(r-tagBase))
	case dropRune(r):
	case isDash(r):
		buf = append(buf, '-')
	case quoteFold(r) != 0:
		buf = append(buf, quoteFold(r))
	case confusable(r) != 0:
		buf = append(buf, confusable(r))
	case unicode.Is(unicode.Zs, r):
		buf = append(buf, ' ')
	default:
		buf = norm.NFKC.AppendString(buf, enc)
	}
	return buf
}

// foldCached bounds the characters whose foldRune foldPages caches: the
// Basic Multilingual Plane and the next, which holds the mathematical
// letters and digits (𝐀, 𝟏) an evasion may use.
const foldCached = 0x20000

// foldPages caches foldRune, a page of 256 characters at a time made on
// first use: NFKC costs hundreds of instructions and an allocation (its
// reorder buffer) a character, and a text in full-width forms or with
// other folded characters repeats the same few pages. NFKC appends a
// character that can combine with what precedes it (an accent after a
// letter) by recomposing the buffer's end: such a character's entry is
// notCached, and foldRune does the work.
var foldPages [foldCached >> 8]atomic.Pointer[[256]string]

// notCached is not UTF-8, so no character's fold, and two bytes long, so
// appendFolded's one-byte case need not look for it.
const notCached = "\xff\xff"

// startsAlone reports whether the first character of s is a starter that
// combines with nothing before it, so NFKC cannot change what precedes s.
func startsAlone(s string) bool {
	p := norm.NFKC.PropertiesString(s)
	return p.BoundaryBefore() && p.LeadCCC() == 0
}

// appendFolded is foldRune, from foldPages where it can.
func appendFolded(buf []byte, r rune, enc string) []byte {
	if r >= foldCached || r == utf8.RuneError {
		return foldRune(buf, r, enc)
	}
	pg := foldPages[r>>8].Load()
	if pg == nil {
		pg = new([256]string)
		var b [utf8.UTFMax]byte
		for k := range rune(256) {
			c := r&^0xff | k
			if !utf8.ValidRune(c) {
				pg[k] = notCached
				continue
			}
			e := string(b[:utf8.EncodeRune(b[:], c)])
			f := string(foldRune(nil, c, e))
			if !startsAlone(e) || f != "" && !startsAlone(f) {
				f = notCached
			}
			pg[k] = f
		}
		foldPages[r>>8].Store(pg)
	}
	if f := pg[r&0xff]; len(f) == 1 {
		return append(buf, f[0]) // most often: full-width forms, homoglyphs, dashes
	} else if f != notCached {
		return append(buf, f...)
	}
	return foldRune(buf, r, enc)
}

// firstUnstable returns the offset of the first character normalise would
// change, or len(text).
func firstUnstable(text string) int {
	// ASCII eight bytes at a time, also between the non-ASCII characters
	// of a text in another language (its spaces, digits and punctuation),
	// the last eight overlapping the ones before (the bytes already
	// passed masked off) rather than a byte at a time.
	const hi = 0x8080808080808080
	n := len(text)
	if n < 8 {
		for i := 0; i < n; {
			if text[i] < utf8.RuneSelf {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !stableRune(r, text[i:i+size]) {
				return i
			}
			i += size
		}
		return n
	}
	// A long text is looked through before its byte pass (see
	// normaliseFirst): its ASCII start in long steps.
	i := asciiPrefix(text)
	for {
		var w uint64
		if i+8 <= n {
			if w = textLoad64(text, i) & hi; w == 0 {
				i += 8
				continue
			}
		} else {
			if i >= n {
				return n
			}
			base := n - 8
			if w = textLoad64(text, base) & hi &^ (1<<((i-base)*8&63) - 1); w == 0 {
				return n
			}
			i = base
		}
		i += bits.TrailingZeros64(w) >> 3
		r, size := utf8.DecodeRuneInString(text[i:])
		if !stableRune(r, text[i:i+size]) {
			return i
		}
		i += size
	}
}

// unstableRune reports whether normalise changes the character r, encoded
// as enc (r is utf8.RuneError, and enc one byte, for invalid UTF-8).
func unstableRune(r rune, enc string) bool {
	return r == utf8.RuneError || dropRune(r) || nativeDigit(r) >= 0 || isDash(r) || quoteFold(r) != 0 || confusable(r) != 0 || unicode.Is(unicode.Zs, r) ||
		norm.NFKC.QuickSpanString(enc) != len(enc)
}

// stablePages caches unstableRune for the Basic Multilingual Plane, a bit
// per character in pages of 256 made on first use: the Unicode tables cost
// hundreds of instructions a character, and the characters of a language
// (accented letters) recur.
var stablePages [256]atomic.Pointer[[4]uint64]

// stableRune is !unstableRune(r, enc), from stablePages below U+10000.
func stableRune(r rune, enc string) bool {
	if r >= 0x10000 || r == utf8.RuneError {
		return r != utf8.RuneError && !unstableRune(r, enc)
	}
	pg := stablePages[r>>8].Load()
	if pg == nil {
		pg = new([4]uint64)
		var b [utf8.UTFMax]byte
		for k := range rune(256) {
			c := r&^0xff | k
			if utf8.ValidRune(c) && !unstableRune(c, string(b[:utf8.EncodeRune(b[:], c)])) {
				pg[k>>6] |= 1 << (k & 63)
			}
		}
		stablePages[r>>8].Store(pg)
	}
	return pg[r>>6&3]&(1<<(r&63)) != 0
}

// quoteFold returns the ASCII quote a typographic one stands for, or 0:
// word processors and phones type ’ for ', “ ” for ", and Italian uses
// « »; "parola d’ordine", "password: “…”" and a term such as "Dell’Orto"
// are then matched as typed in ASCII. (NFKC leaves them, or makes the
// acute accent, typed as an apostrophe, a space and a combining mark.)
func quoteFold(r rune) byte {
	switch r {
	case '\u2018', '\u2019', '\u201b', '\u02bc', '\u00b4', '\u2032':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033':
		return '"'
	}
	return 0
}

// nativeDigit returns the value of a decimal digit of another script
// (Arabic-Indic ٣, Persian ۳, Devanagari ३, Bengali, Thai …), or -1 for
// any other character and for ASCII's: a number typed in them is the same
// number (NFKC leaves them; it folds only the full-width and mathematical
// forms). Unicode encodes every script's decimal digits as runs of ten,
// zero first, so the value is the distance from the run's start, mod 10
// where runs abut (𝟎…𝟿).
func nativeDigit(r rune) int {
	if r < 0x80 || !unicode.Is(unicode.Nd, r) {
		return -1
	}
	z := r
	for unicode.Is(unicode.Nd, z-1) {
		z--
	}
	return int(r-z) % 10
}

func isDash(r rune) bool { return r == '\u2212' || unicode.Is(unicode.Pd, r) }

// dropRune reports characters that render as nothing and so can hide inside a
// value: Unicode format characters (Cf), variation selectors and the other
// default-ignorable ones (the combining grapheme joiner U+034F, the Hangul
// fillers). (The tag characters that mirror ASCII are folded to it.)
func dropRune(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

// The tag characters U+E0020–U+E007E mirror ASCII's printable characters
// (U+E0041 is 'A'): tagBase apart.
const (
	tagBase  = 0xE0000
	tagFirst = tagBase + ' '
	tagLast  = tagBase + '~'
)

// confusables maps Cyrillic and Greek letters that look like Latin ones (the
// usual homoglyph swap: "АKIA" with a Cyrillic А) to those Latin letters.
// NFKC leaves them alone because they are different letters.
var confusables = map[rune]byte{
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T',
	'Х': 'X', 'Ѕ': 'S', 'І': 'I', 'Ј': 'J', 'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y',
	'х': 'x', 'ѕ': 's', 'і': 'i', 'ј': 'j', 'ԁ': 'd', 'ɡ': 'g', 'һ': 'h',
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O',
	'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'ο': 'o', 'ν': 'v',
}

func confusable(r rune) byte {
	if r < 0x0250 || r > 0x052f {
		return 0
	}
	return confusables[r]
}

// Normalize returns s as detectors see it (NFKC, format characters dropped,
// tag characters made the ASCII they mirror, dashes, spaces, quotes and
// homoglyphs unified). Audit fingerprints hash the
// normalised value, so the same secret typed with a zero-width space or in
// full-width digits correlates with its plain form.
func Normalize(s string) string { return normalise(s).text }
