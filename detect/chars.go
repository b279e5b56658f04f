package detect

import (
	"math/bits"
	"slices"
	"strings"
	"unsafe"
)

// Byte classes used by the hand-written matchers. ASCII only: detectors run on
// normalised text, where look-alike characters have already become ASCII.
//
// Each byte's classes are bits of charClass, so a test for a union of
// classes ("letter, digit, '-' or '_'") is one load and one AND instead of a
// chain of comparisons.

// Class bits of charClass.
const (
	cDigit    uint64 = 1 << iota // 0-9
	cUpper                       // A-Z
	cLower                       // a-z
	cUnder                       // _
	cDash                        // -
	cDot                         // .
	cPlus                        // +
	cSlash                       // /
	cEquals                      // =
	cSpace                       // space, \t, \n, \r
	cPEMPunct                    // : and , (PEM headers: Proc-Type: 4,ENCRYPTED)
	cHexLow                      // a-f
	cURL                         // visible ASCII but quotes, <, > and `
	cPercent                     // %
	cB32Digit                    // 2-7 (base32)
	cHexUp                       // A-F
	cSentence                    // ; ! ? (with space and '.', they end a word of prose)
	cAssign                      // : = ? . > | (assignment operators)
	cBare                        // a byte of a bare value: above space, not a quote, ` or <
	cHex                         // 0-9, a-f, A-F
	cScheme                      // a URL scheme's letters, digits, +, - and .
	cPEMLabel                    // A-Z, 0-9, space, _ and - (a PEM label)

	// Alphabets of token bodies, one bit each (unlike the unions below):
	// spanClass tests eight bytes against a one-bit class with one AND.
	cWordDash    // letters, digits, _ and - (base64url: cB64URL)
	cWordDashDot // letters, digits, _, - and .
	cAlnumDash   // letters, digits and -
	cB64Std      // letters, digits, + and /
	cLowerHex    // 0-9, a-f
	cLowerAlnum  // 0-9, a-z
	cAtext       // letters, digits, . _ % + - (e-mail local parts)
	cBase32      // A-Z, 2-7
	aAlnum       // letters and digits (cAlnum as one bit)
	aWord        // letters, digits and _ (cWord as one bit)
	cURLAuth     // cURL but / and ? (a URL's authority)
	cHookPath    // letters, digits, _, -, / and + (a Slack webhook's path)

	cAlpha  = cUpper | cLower
	cAlnum  = cDigit | cAlpha
	cWord   = cAlnum | cUnder
	cStop   = cSpace | cDot | cSentence // ends a word of prose
	cB64URL = cWordDash
)

// charClass maps each byte to its class bits.
var charClass = func() (t [256]uint64) {
	for b := 0; b < 256; b++ {
		var c uint64
		switch {
		case '0' <= b && b <= '9':
			c = cDigit
			if '2' <= b && b <= '7' {
				c |= cB32Digit
			}
		case 'A' <= b && b <= 'Z':
			c = cUpper
			if b <= 'F' {
				c |= cHexUp
			}
		case 'a' <= b && b <= 'z':
			c = cLower
			if b <= 'f' {
				c |= cHexLow
			}
		}
		switch b {
		case '_':
			c = cUnder
		case '-':
			c = cDash
		case '.':
			c = cDot
		case '+':
			c = cPlus
		case '/':
			c = cSlash
		case '=':
			c = cEquals
		case ' ', '\t', '\n', '\r':
			c = cSpace
		case ':', ',':
			c = cPEMPunct
		case '%':
			c = cPercent
		case ';', '!', '?':
			c = cSentence
		}
		if strings.IndexByte(":=?.>|", byte(b)) >= 0 {
			c |= cAssign
		}
		if b > ' ' && b != '"' && b != '\'' && b != '`' && b != '<' {
			c |= cBare
		}
		if b > ' ' && b < 0x7f && b != '"' && b != '\'' && b != '<' && b != '>' && b != '`' {
			c |= cURL
		}
		if c&(cDigit|cHexLow|cHexUp) != 0 {
			c |= cHex
		}
		if c&(cAlnum|cPlus|cDash|cDot) != 0 {
			c |= cScheme
		}
		if c&(cUpper|cDigit|cUnder|cDash) != 0 || b == ' ' {
			c |= cPEMLabel
		}
		if c&cURL != 0 && b != '/' && b != '?' {
			c |= cURLAuth
		}
		for _, a := range []struct {
			bit, of uint64
		}{
			{cWordDash, cWord | cDash},
			{cWordDashDot, cWord | cDash | cDot},
			{cAlnumDash, cAlnum | cDash},
			{cB64Std, cAlnum | cPlus | cSlash},
			{cLowerHex, cDigit | cHexLow},
			{cLowerAlnum, cDigit | cLower},
			{cAtext, cAlnum | cDot | cUnder | cPercent | cPlus | cDash},
			{cBase32, cUpper | cB32Digit},
			{aAlnum, cAlnum},
			{aWord, cWord},
			{cHookPath, cWord | cDash | cSlash | cPlus},
		} {
			if c&a.of != 0 {
				c |= a.bit
			}
		}
		t[b] = c
	}
	return
}()

// is reports whether b belongs to one of the classes in mask.
func is(b byte, mask uint64) bool { return charClass[b]&mask != 0 }

func isDigit(b byte) bool { return '0' <= b && b <= '9' }
func isUpper(b byte) bool { return 'A' <= b && b <= 'Z' }
func isLower(b byte) bool { return 'a' <= b && b <= 'z' }
func isAlpha(b byte) bool { return charClass[b]&cAlpha != 0 }
func isAlnum(b byte) bool { return charClass[b]&cAlnum != 0 }

// isWord is a regexp \w byte.
func isWord(b byte) bool { return charClass[b]&cWord != 0 }

// lower folds an ASCII capital to lower case, by table: callers compare
// text with words byte by byte, and a branch on the case would be data.
func lower(b byte) byte { return lowerTable[b] }

// lowerASCII folds the ASCII capitals of s, leaving every other byte as it
// is: the prefilter folds ASCII case and matches other bytes as they are,
// so a keyword keeps its capitals outside ASCII (TÉL, ÆR).
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lower(c)
	}
	return string(b)
}

var lowerTable = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if isUpper(byte(c)) {
			t[c] += 'a' - 'A'
		}
	}
	return
}()

// lineStart returns where the line holding i starts: after the last '\n'
// among the n bytes before i, or at the text's start if they reach it; ok
// is false otherwise (the line is longer than a bounded reader reads).
func lineStart(text string, i, n int) (ls int, ok bool) {
	lo := max(0, i-n)
	ls = strings.LastIndexByte(text[lo:i], '\n') + 1 + lo
	return ls, ls > lo || lo == 0
}

// lineEnd returns where the line holding i ends (its '\n', or the
// text's end), searched up to the offset limit (limit >= i); ok is false
// if it runs past limit.
func lineEnd(text string, i, limit int) (le int, ok bool) {
	hi := min(len(text), limit)
	if k := strings.IndexByte(text[i:hi], '\n'); k >= 0 {
		return i + k, true
	}
	return hi, hi == len(text)
}

// byteAt returns text[i], or 0 outside the text, so boundary checks need no
// bounds tests of their own.
func byteAt(text string, i int) byte {
	if uint(i) >= uint(len(text)) {
		return 0
	}
	return text[i]
}

// spanWhile returns the end of the run of bytes from i on that satisfy f,
// stopping at max bytes.
func spanWhile(text string, i, max int, f func(byte) bool) int {
	end := min(len(text), i+max)
	if i >= end {
		return i
	}
	text = text[:end] // no bounds check in the loop
	for i < len(text) && f(text[i]) {
		i++
	}
	return i
}

// spanClass is spanWhile for a class test: the end of the run of bytes from
// i on whose class is in mask, stopping at max bytes.
func spanClass(text string, i, max int, mask uint64) int {
	end := min(len(text), i+max)
	if i >= end {
		return i
	}
	t := &charClass
	if mask&(mask-1) == 0 {
		// One class bit: the AND of eight bytes' classes has it only if
		// every byte has it, so a long run costs one test per eight bytes.
		// (Bytes are read through p: i+8 <= end <= len(text) is the
		// bounds check.)
		p := unsafe.StringData(text)
		if haveAVX2 && end >= 32 && spanTableOK&mask != 0 {
			// 32 bytes a step (long bodies: keys, JWTs, URLs); a span of
			// fewer is read as the 32 bytes that end where it ends (inside
			// the text: end >= 32). Whether the window holds 32 bytes
			// varies from call to call; whether the text does rarely.
			return i + spanAVX2((*byte)(unsafe.Add(unsafe.Pointer(p), i)), end-i, &spanTables[bits.TrailingZeros64(mask)])
		}
		for i+8 <= end {
			w := (*[8]byte)(unsafe.Add(unsafe.Pointer(p), i))
			if t[w[0]]&t[w[1]]&t[w[2]]&t[w[3]]&t[w[4]]&t[w[5]]&t[w[6]]&t[w[7]]&mask == 0 {
				break
			}
			i += 8
		}
		// The run ends in the next eight bytes (or at end): count them
		// without a branch per byte.
		if i+8 <= len(text) {
			return min(i+runIn8(text[i:i+8], mask), end)
		}
	}
	text = text[:end]
	for i < len(text) && t[text[i]]&mask != 0 {
		i++
	}
	return i
}

// spanTables holds, for each class bit of charClass, the two nibble
// tables spanAVX2 classifies bytes by: lo[b&15] & hi[b>>4] is not zero
// exactly when b has the bit. A bit's tables are made by giving each
// distinct set of low nibbles that a high nibble's bytes of the class have
// a bit of its own (at most eight sets); spanTableOK marks the class bits
// whose tables were made and checked against charClass for every byte.
var spanTables, spanTableOK = func() (t [64][32]byte, ok uint64) {
	for bit := 0; bit < 64; bit++ {
		var sets []uint16
		var tb [32]byte
		for h := 0; h < 16; h++ {
			var set uint16
			for l := 0; l < 16; l++ {
				if charClass[h<<4|l]>>bit&1 != 0 {
					set |= 1 << l
				}
			}
			if set == 0 {
				continue
			}
			k := slices.Index(sets, set)
			if k < 0 {
				k = len(sets)
				sets = append(sets, set)
			}
			if k >= 8 {
				break
			}
			tb[16+h] |= 1 << k
			for l := 0; l < 16; l++ {
				if set>>l&1 != 0 {
					tb[l] |= 1 << k
				}
			}
		}
		good := len(sets) <= 8
		for b := 0; b < 256 && good; b++ {
			good = (tb[b&15]&tb[16+b>>4] != 0) == (charClass[b]>>bit&1 != 0)
		}
		if good {
			t[bit] = tb
			ok |= 1 << bit
		}
	}
	return
}()

// runIn8 returns how many of w's eight bytes, from the first on, have the
// class bit (one bit, below 1<<60): the sum of the running ANDs of their
// classes is that many times bit.
func runIn8(w string, bit uint64) int {
	t := &charClass
	w = w[:8]
	a := t[w[0]] & bit
	n := a
	a &= t[w[1]]
	n += a
	a &= t[w[2]]
	n += a
	a &= t[w[3]]
	n += a
	a &= t[w[4]]
	n += a
	a &= t[w[5]]
	n += a
	a &= t[w[6]]
	n += a
	a &= t[w[7]]
	n += a
	return int(n >> bits.TrailingZeros64(bit))
}

// runBack8 is runIn8 from the last byte of w back.
func runBack8(w string, bit uint64) int {
	t := &charClass
	w = w[:8]
	a := t[w[7]] & bit
	n := a
	a &= t[w[6]]
	n += a
	a &= t[w[5]]
	n += a
	a &= t[w[4]]
	n += a
	a &= t[w[3]]
	n += a
	a &= t[w[2]]
	n += a
	a &= t[w[1]]
	n += a
	a &= t[w[0]]
	n += a
	return int(n >> bits.TrailingZeros64(bit))
}

// skipSpaces returns the end of the run of spaces and tabs that starts at i.
func skipSpaces(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// spacesBefore returns the start of the run of spaces and tabs that ends
// at i: skipSpaces backwards.
func spacesBefore(text string, i int) int {
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	return i
}

// trimBlanks returns the offsets of text[s:e] without the spaces and tabs
// at either end, nor a CRLF line's '\r' at its end: a table cell's or
// row's content.
func trimBlanks(text string, s, e int) (int, int) {
	for s < e && (text[s] == ' ' || text[s] == '\t') {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '\t' || text[e-1] == '\r') {
		e--
	}
	return s, e
}

// spanClassBack is spanClass backwards: the start of the run of bytes
// before i whose class is in mask, going no lower than lo.
func spanClassBack(text string, i, lo int, mask uint64) int {
	lo = max(lo, 0)
	if i <= lo {
		return i
	}
	text = text[:i]
	t := &charClass
	if mask&(mask-1) == 0 {
		// Runs backwards are short (e-mail local parts): the eight bytes
		// before i are counted at once, and only a run of all eight goes
		// on, so that most calls take one test.
		for i-8 >= lo {
			n := runBack8(text[i-8:i], mask)
			if i -= n; n < 8 {
				return i
			}
		}
		if i >= 8 {
			return max(i-runBack8(text[i-8:i], mask), lo)
		}
	}
	for i > lo && t[text[i-1]]&mask != 0 {
		i--
	}
	return i
}

// hasPrefixFold reports whether text[i:] starts with the lower-case ASCII
// prefix p, ignoring case.
//
// A prefix of up to eight bytes (keywords, marks, phrases' first words) is
// compared at once, folded by bit operations: without a branch on where
// the first difference is, which varies from call to call; a longer one
// eight bytes a step.
func hasPrefixFold(text string, i int, p string) bool {
	n := len(p)
	if i < 0 || len(text)-i < n {
		return false
	}
	if n == 0 {
		return true
	}
	if len(text) >= 8 {
		// The eight bytes from i, or, near the end, the last eight
		// shifted down to start at i.
		// (Shift counts masked to 63, which they are below: the compiler
		// then adds no test for a count of 64 or more.)
		d := len(text) - 8 - i
		j := i + d&(d>>63) // min(i, len(text)-8)
		x := lower8(textLoad64(text, j) >> (8 * uint(i-j) & 63))
		k := min(n, 8)
		if (x^loadUpTo8(p, k))&(^uint64(0)>>((64-8*uint(k))&63)) != 0 {
			return false
		}
		if n <= 8 {
			return true
		}
		// The rest eight bytes a step (longer keywords and phrases: Teddy's
		// verify, markers), the last step's eight ending at n, overlapping
		// the step before: no branch per byte. i+n <= len(text), n = len(p).
		for o := 8; ; o += 8 {
			o = min(o, n-8)
			if lower8(textLoad64(text, i+o)) != textLoad64(p, o) {
				return false
			}
			if o == n-8 {
				return true
			}
		}
	}
	t := text[i : i+n]
	for j := 0; j < n; j++ {
		if lower(t[j]) != p[j] {
			return false
		}
	}
	return true
}

// lower8 folds the ASCII capitals among x's eight bytes to lower case.
func lower8(x uint64) uint64 {
	const lo7, hi = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	a := x & lo7
	upper := (a + 0x3f3f3f3f3f3f3f3f) &^ (a + 0x2525252525252525) &^ x & hi // 'A'–'Z'
	return x | upper>>2
}

// loadUpTo8 returns the first n (1–8, n <= len(s)) bytes of s, little
// endian, in the low bytes (those above are not zero: callers mask). It
// reads the aligned words holding them, which cannot cross into another
// page, rather than eight bytes from s's start, which could.
func loadUpTo8(s string, n int) uint64 {
	p := unsafe.Pointer(unsafe.StringData(s))
	off := int(uintptr(p) & 7)
	last := int(uintptr(p)+uintptr(n-1)) & 7
	// The second word shifted left by 64-8·off in two steps, so that it
	// gives 0 when s starts a word (off 0), each count below 64.
	sh := 8 * uint(off) & 63
	return load64(unsafe.Add(p, -off))>>sh | load64(unsafe.Add(p, n-1-last))<<((63-sh)&63)<<1
}

// byFirstByte lists words (lower-case ASCII, or other bytes matched
// exactly) by their first byte in either case, keeping their order.
func byFirstByte(words []string) (t [256][]string) {
	for _, w := range words {
		t[w[0]] = append(t[w[0]], w)
		if isLower(w[0]) {
			t[w[0]-('a'-'A')] = append(t[w[0]-('a'-'A')], w)
		}
	}
	return
}

// prefixFoldAmong returns the first word of table[text[i]] that text[i:]
// starts with, ignoring case (see byFirstByte), or "".
func prefixFoldAmong(text string, i int, table *[256][]string) string {
	if i >= len(text) {
		return ""
	}
	for _, w := range table[text[i]] {
		if hasPrefixFold(text, i, w) {
			return w
		}
	}
	return ""
}

// indexFold is strings.Index for a lower-case ASCII needle, ignoring case,
// without allocating.
func indexFold(s, needle string) int {
	if needle == "" {
		return 0
	}
	last := len(s) - len(needle) // the last place a match can start
	first := needle[0]
	if !isLower(first) {
		// The first byte has one case: IndexByte (vectorised) finds the
		// candidates.
		for i := 0; i <= last; i++ {
			j := strings.IndexByte(s[i:last+1], first)
			if j < 0 {
				return -1
			}
			if i += j; hasPrefixFold(s, i, needle) {
				return i
			}
		}
		return -1
	}
	// Eight bytes at a time: OR-ing 0x20 folds the first byte's cases
	// together, and a zero byte of w^pat marks a candidate (the borrow can
	// add false ones above a true one, never lose one; each is verified).
	// The second byte is tested the same way (OR-ing 0x20 keeps every byte
	// that can match it), so that few candidates remain to verify; both
	// tests are made on every word, without a branch between them (the
	// first byte alone is frequent enough that a branch on it would often
	// be missed).
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	pat := ones * uint64(first)
	pat1, any1 := uint64(0), uint64(0)
	if len(needle) > 1 {
		pat1 = ones * uint64(needle[1]|0x20)
	} else {
		any1 = ^uint64(0) // no second byte to test
	}
	i := 0
	if haveAVX2 && len(needle) > 1 && len(s) >= indexFoldVector {
		// A long haystack (a key's body): the same two tests on 32 bytes
		// a step, the candidates verified here.
		p := unsafe.StringData(s)
		for {
			off, m := indexPairAVX2((*byte)(unsafe.Add(unsafe.Pointer(p), i)), len(s)-i, first, needle[1]|0x20)
			i += off
			if m == 0 {
				break
			}
			for ; m != 0; m &= m - 1 {
				if j := i + bits.TrailingZeros32(m); hasPrefixFold(s, j, needle) {
					return j
				}
			}
			i += 32
		}
	}
	for ; i+8 <= last+1; i += 8 {
		w := textLoad64(s, i) | 0x2020202020202020
		z, z1 := w^pat, w^pat1
		// Byte k's pair is byte k+1; byte 7's is in the next word.
		m := (z - ones) &^ z & highs & (((z1-ones)&^z1)>>8 | 1<<63 | any1)
		if m == 0 {
			continue
		}
		for ; m != 0; m &= m - 1 {
			if j := i + bits.TrailingZeros64(m)>>3; hasPrefixFold(s, j, needle) {
				return j
			}
		}
	}
	for ; i <= last; i++ {
		if s[i]|0x20 == first && hasPrefixFold(s, i, needle) {
			return i
		}
	}
	return -1
}

// indexFoldVector is the haystack length from which indexFold reads 32
// bytes a step: below it, the call costs more than the bytes.
const indexFoldVector = 96

// readOnlyBytes views s's bytes as a slice without copying them, for
// library functions that take []byte but only read it ([]byte(s) would be
// a heap allocation per call). The slice must not be written or kept.
func readOnlyBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// The package reads signs and comparisons of offsets as uint(x)>>63 (no
// branch on the text's whim), which needs 64-bit ints: on a 32-bit
// platform this fails to compile ("overflows uint") rather than find less.
const _ = -uint(^uint(0)>>63 ^ 1)

// textLoad64 returns the eight bytes of text from i on (i+8 <= len(text)),
// little endian, without a bounds check.
func textLoad64(text string, i int) uint64 {
	return load64(unsafe.Add(unsafe.Pointer(unsafe.StringData(text)), i))
}

// firstNonASCII returns the offset of the first byte of s outside ASCII,
// or -1; eight bytes a load.
func firstNonASCII(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if w := textLoad64(s, i) & 0x8080808080808080; w != 0 {
			return i + bits.TrailingZeros64(w)>>3
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0x80 {
			return i
		}
	}
	return -1
}

func isASCII(s string) bool { return firstNonASCII(s) < 0 }

// charsIn counts the characters of s as a fixed-width table's columns
// count them: the bytes that do not continue a UTF-8 sequence.
func charsIn(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xc0 != 0x80 {
			n++
		}
	}
	return n
}
