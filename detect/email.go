package detect

import (
	"math/bits"
	"unsafe"
)

// email finds addresses: a dot-atom local part, '@', and a domain of
// at least two DNS labels whose last is alphabetic.
type email struct{}

var _ Detector = email{}

func (email) Type() string { return TypeEmail }

func (email) Keywords() []string { return []string{"@"} }

func (email) Find(t *Text) {
	text, hits := t.S, t.Hits
	next := 0
	for _, at := range hits {
		if at < next {
			continue
		}
		start := localStart(text, at)
		if start < 0 || urlUserinfo(text, start) || messageID(text, start) {
			continue
		}
		end, ok := domainEnd(text, at+1)
		if !ok || latinLead(byteAt(text, end)) {
			// The ASCII walk stopped at a letter outside ASCII (an IDN
			// label, università.it), or the name is none.
			if ok || latinLead(byteAt(text, spanClass(text, at+1, 255, cWordDashDot))) {
				if e, idn := idnDomainEnd(text, at+1); idn {
					end, ok = e, true
				}
			}
			if !ok {
				continue
			}
		}
		if gitRemote(text, start, at, end) {
			continue
		}
		t.Emit(start, end)
		next = end
	}
}

// gitRemote reports whether the address text[start:end] ('@' at at) is a
// git remote in scp syntax, git@github.com:acme/app.git: the hosts' login
// "git", then ':' and the repository's path, not a mailbox. (Another
// login before host:path may be a leaked address and its password,
// mario@acme.it:Passw0rd, and stays an address.)
func gitRemote(text string, start, at, end int) bool {
	return at-start == 3 && text[start:at] == "git" && byteAt(text, end) == ':' && byteAt(text, end+1) > ' '
}

// localStart returns where the local part before the '@' at at starts, or
// -1 if there is none: the run of local-part bytes before it (localByte),
// at most 64 bytes (a longer run is no address), less what it cannot start
// with (localStartWide); it must not be empty or end with a dot (a
// dot-atom does neither).
//
// The run is first read as ASCII atext without the apostrophe (cAtext):
// only where the byte before that run is an apostrophe or outside ASCII
// can the whole run be longer, and then localStartWide reads it.
func localStart(text string, at int) int {
	if haveAVX2 && len(text) >= 32 && spanTableOK&cAtext != 0 {
		// The run and its dots told from masks of the 32 bytes before at,
		// without a loop whose exit depends on the run's length; near the
		// text's start, of its first 32 bytes shifted up, so that bytes
		// before the text count as none of the class (as byteAt's 0).
		base := max(at-32, 0)
		p := unsafe.Add(unsafe.Pointer(unsafe.StringData(text)), base)
		atext, _, dot := hostMasks32((*byte)(p), &spanTables[bits.TrailingZeros64(cAtext)])
		sh := uint(base - (at - 32))
		atext, dot = atext<<sh, dot<<sh
		if atext != ^uint32(0) { // the run starts in the window
			r := bits.LeadingZeros32(^atext)
			if b := byteAt(text, at-r-1); b == '\'' || b >= 0x80 {
				return localStartWide(text, at)
			}
			lead := bits.TrailingZeros32(^(dot >> (32 - r))) // (a shift by 32 gives 0)
			if lead == r || dot>>31 != 0 {
				return -1
			}
			return at - r + lead
		}
	}
	start := spanClassBack(text, at, at-64, cAtext)
	b := byteAt(text, start-1)
	if b == '\'' || b >= 0x80 {
		return localStartWide(text, at)
	}
	if isAtext(b) { // longer than any real local part
		return -1
	}
	for start < at && text[start] == '.' {
		start++
	}
	if start == at || text[at-1] == '.' {
		return -1
	}
	return start
}

// localStartWide is localStart for a run that may hold apostrophes and
// UTF-8 letters, byte by byte (rare: kevin.o'brien, jürgen.müller). From
// the '@' back, an apostrophe ends the local part unless it is between two
// letters or digits: one inside a name (o'brien, dell'acqua) is RFC 5322
// atext, one before the address or its first word is a quote
// ('bob@acme.it' in code, x'+'bob@…). A '+' further back ends it at the
// apostrophe nearest the '@' too: a name comes before a '+' (a
// subaddress's tag, RFC 5233, follows it), so "per+l'utente+bob@…" is a
// form-encoded sentence ('+' for space) with Italian's elided article. The
// local part is at most 64 bytes; any dots it starts with are skipped, and
// any UTF-8 continuation bytes: the tail of a character outside the Latin
// letters that the run stopped in ("请bob@…" starts at 'b').
func localStartWide(text string, at int) int {
	start, apos := at, -1
	for start > 0 && localByte[text[start-1]] {
		c := text[start-1]
		if c == '\'' {
			p := byteAt(text, start-2)
			if start == at || !localByte[p] || !localLetter(p) || !localLetter(text[start]) {
				break
			}
			if apos < 0 {
				apos = start - 1
			}
		} else if c == '+' && apos >= 0 {
			start = apos + 1
			break
		}
		start--
		if at-start > 64 && (apos < 0 || at-apos > 65) {
			return -1 // longer than any real local part (no cut can shorten it)
		}
	}
	if at-start > 64 {
		return -1
	}
	for start < at && (text[start] == '.' || text[start]&0xc0 == 0x80) {
		start++
	}
	if start == at || text[at-1] == '.' || text[at-1] == '\'' {
		return -1
	}
	return start
}

// localByte marks the bytes of a local part: ASCII atext as isAtext, the
// apostrophe, and the bytes of UTF-8 Latin letters (RFC 6531: jürgen,
// nicolò): lead bytes 0xC3–0xC9 (U+00C0–U+027F) and continuation bytes.
// Other UTF-8 lead bytes (CJK, symbols, no-break space) are not: text in
// scripts written without spaces runs up to an address.
var localByte = func() (t [256]bool) {
	for b := range t {
		t[b] = isAtext(byte(b)) || b == '\'' || latinLead(byte(b)) || b&0xc0 == 0x80
	}
	return
}()

// latinLead reports a UTF-8 lead byte of U+00C0–U+027F (Latin letters
// with diacritics, and × ÷ among them).
func latinLead(b byte) bool { return b-0xc3 <= 0xc9-0xc3 }

// localLetter is a letter or digit, ASCII or a byte of a UTF-8 character.
func localLetter(b byte) bool { return isAlnum(b) || b >= 0x80 }

// isAtext is a byte of a local part as addresses are written in practice:
// letters, digits and . _ % + - (and, read by localStartWide, the
// apostrophe and UTF-8 letters). RFC 5322 atext has more: ! # $ & * / = ?
// ^ ` { | } ~; but those are the bytes that join an address to what is
// before it in the texts read here: "?email=a@b.it" and "EMAIL=a@b.it"
// (= ? & /), **a@b.it** and `a@b.it` (Markdown), {a@b.it}, |a@b.it| (a
// table), $USER@host; addresses that hold them are rarer than any of these.
func isAtext(b byte) bool {
	return is(b, cAtext)
}

// domainEnd parses a host name starting at i and returns where it ends. It
// needs two or more labels of letters, digits and inner hyphens, the last
// alphabetic and at least two letters long.
func domainEnd(text string, i int) (int, bool) {
	if len(text) >= 32 {
		if s, e, sure := domainIn32(text, i); sure {
			return tldEnd(text, s, e)
		}
	}
	s, e := domainWalk(text, i)
	return tldEnd(text, s, e)
}

// domainWalk is domainEnd's walk over the labels from i, one at a time
// (in a text of fewer than 32 bytes, or a name of 31 or more): it returns
// the last label counted, text[lastStart:lastEnd], with lastStart 0 where
// fewer than two labels count (as domainIn32).
func domainWalk(text string, i int) (lastStart, lastEnd int) {
	labels := 0
	for {
		s := i
		// The label's length: nearly always fewer than eight bytes, told by
		// one test of the eight from s.
		var x uint64
		if s+8 <= len(text) {
			x = textLoad64(text, s)
		} else {
			x = paddedLoad64(text, s)
		}
		if n := alnumDashIn8(x, false); n < 8 {
			i = s + n
		} else {
			i = s + labelLen(text, s)
		}
		// Tests folded into one branch each: an empty label or one that
		// starts or ends with '-' ends the name, and so does anything but a
		// dot followed by a letter or digit.
		if i == s || uint(text[s]^'-')*uint(text[i-1]^'-') == 0 {
			break
		}
		labels++
		lastStart, lastEnd = s, i
		a := charClass[byteAt(text, i+1)] & cAlnum
		if uint64(byteAt(text, i)^'.')|(1^(a|-a)>>63) != 0 {
			break
		}
		i++
	}
	if labels < 2 {
		return 0, 0
	}
	return lastStart, lastEnd
}

// tldEnd returns the end of a host name whose last label (of two or more)
// is text[lastStart:lastEnd] if that label is a top-level domain: letters
// only, two or more, or punycode, not mixing cases (caseBreak); and no file
// extension that is no TLD (icon@2x.png, jquery@3.7.1.min.js:
// assetExtensions).
func tldEnd(text string, lastStart, lastEnd int) (int, bool) {
	if lastEnd-lastStart < 2 {
		return 0, false
	}
	tld := text[lastStart:lastEnd]
	if len(tld) > 4 && hasPrefixFold(tld, 0, "xn--") {
		return lastEnd, true // an internationalised TLD in punycode
	}
	if len(tld) <= 8 {
		// Letters only: one test of the eight bytes from its start.
		var x uint64
		if lastStart+8 <= len(text) {
			x = textLoad64(text, lastStart)
		} else {
			x = paddedLoad64(text, lastStart)
		}
		if alnumDashIn8(x, true) < len(tld) || assetExtension(x, len(tld)) {
			return 0, false
		}
		return caseBreak(tld, lastStart, lastEnd)
	}
	for j := 0; j < len(tld); j++ {
		if !is(tld[j], cAlpha) {
			return 0, false
		}
	}
	return caseBreak(tld, lastStart, lastEnd)
}

// caseBreak returns the end of the TLD tld (of letters, at lastStart) in
// its cases: .com, .COM and .Com are TLDs; at a capital after a small
// letter a word glued to the address starts ("info@acme.siteAvar": .site),
// if small letters come before it, two or more; else no TLD mixes cases
// ("P@ssw0rd.iTXpX" is a password, vou@T5Nq.UlTWo no address).
func caseBreak(tld string, lastStart, lastEnd int) (int, bool) {
	for j := 1; j < len(tld); j++ {
		if isUpper(tld[j]) && isLower(tld[j-1]) {
			if j >= 2 && isLower(tld[0]) {
				return lastStart + j, true
			}
			return 0, false
		}
	}
	return lastEnd, true
}

// assetExtensions are file extensions of images, fonts, web assets,
// documents, media and archives that are not top-level domains (none is
// in the IANA root zone; .zip, .mov, .app, .map, .docs are, and stay
// addresses): a name ending in one is a file, as in the density suffixes
// of image assets (icon@2x.png) or a package's file (pkg@1.2.0.min.js).
var assetExtensions = []string{
	"png", "jpg", "jpeg", "jfif", "gif", "svg", "svgz", "webp", "ico", "bmp", "tif", "tiff", "avif", "heic", "heif", "apng",
	"ttf", "otf", "eot", "woff",
	"css", "scss", "sass", "js", "mjs", "cjs", "jsx", "ts", "tsx", "json", "xml", "html", "htm", "php", "vue",
	"yml", "yaml", "toml", "ini", "csv", "txt", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
	"wav", "webm", "mkv", "avi", "flac", "ogg", "gz", "tgz", "tar", "rar", "exe", "dll", "jar", "apk", "dmg",
}

// assetTable holds assetExtensions by a perfect hash of their bytes
// (little endian, as loaded): slot assetSlot(x) holds x if x is one.
var assetTable, assetMul = func() (t [1 << 10]uint64, mul uint64) {
	for mul = 0x9e3779b97f4a7c15; ; mul += 0x2545f4914f6cdd1d << 1 {
		t = [1 << 10]uint64{}
		ok := true
		for _, e := range assetExtensions {
			x := loadUpTo8(e, len(e)) & (^uint64(0) >> (64 - 8*len(e)))
			k := x * mul >> 54
			if t[k] != 0 {
				ok = false
				break
			}
			t[k] = x
		}
		if ok {
			return
		}
	}
}()

// assetExtension reports whether the first n (2–8) bytes of x, ASCII
// letters (the last label of a host name), are one of assetExtensions, in
// any case: one multiply and one compare, no branch on the label.
func assetExtension(x uint64, n int) bool {
	x = (x | 0x2020202020202020) & (^uint64(0) >> ((64 - 8*uint(n)) & 63)) // letters: | 0x20 is lower case
	return assetTable[x*assetMul>>54] == x
}

// idnDomainEnd is domainEnd for a name with internationalised labels
// (RFC 5890, as typed: università-globex.it), byte by byte: labels of
// letters, digits, inner hyphens and UTF-8 Latin letters (localByte's),
// the last one a top-level domain as tldEnd wants. Only called where the
// ASCII walk stopped at such a letter.
func idnDomainEnd(text string, i int) (int, bool) {
	labels, lastStart, lastEnd := 0, 0, 0
	for {
		s := i
		for i < len(text) && i-s < 63 && (is(text[i], cAlnumDash) || latinLead(text[i]) || text[i]&0xc0 == 0x80) {
			i++
		}
		if i == s || text[s] == '-' || text[i-1] == '-' || text[s]&0xc0 == 0x80 {
			break
		}
		labels++
		lastStart, lastEnd = s, i
		if n := byteAt(text, i+1); byteAt(text, i) != '.' || !(isAlnum(n) || latinLead(n)) {
			break
		}
		i++
	}
	if labels < 2 {
		return 0, false
	}
	return tldEnd(text, lastStart, lastEnd)
}

// labelLen returns the length of the run of letters, digits and '-' from
// s, at most 63 bytes (a DNS label's limit), eight bytes at a time: labels
// are short, so nearly always one test without a branch per byte.
func labelLen(text string, s int) int {
	n := 0
	for {
		k := alnumDashIn8(paddedLoad64(text, s+n), false)
		if n += k; k < 8 || n >= 63 {
			return min(n, 63)
		}
	}
}

// domainIn32 is domainEnd's walk over labels done on bit masks of the 32
// bytes from i (len(text) >= 32), without a branch per label: the
// number of labels varies from name to name, so the loop's exit was
// mispredicted nearly once a name. It returns the last label counted,
// text[lastStart:lastEnd], with lastStart 0 where fewer than two labels
// count; sure is false if the name may run past the window (then the
// walk decides).
func domainIn32(text string, i int) (lastStart, lastEnd int, sure bool) {
	// Near the text's end, the masks of its last 32 bytes shifted down:
	// bytes past the end count as none of the classes (as byteAt's 0).
	base := min(i, len(text)-32)
	var alnum, dash, dot uint32
	if haveAVX2 && spanTableOK&aAlnum != 0 {
		p := unsafe.Add(unsafe.Pointer(unsafe.StringData(text)), base)
		alnum, dash, dot = hostMasks32((*byte)(p), &spanTables[bits.TrailingZeros64(aAlnum)])
	} else {
		for k := 0; k < 32; k += 8 {
			a, d, p := alnumDashDot8(textLoad64(text, base+k))
			alnum |= highBits8(a) << k
			dash |= highBits8(d) << k
			dot |= highBits8(p) << k
		}
	}
	sh := uint(i - base)
	alnum, dash, dot = alnum>>sh, dash>>sh, dot>>sh
	if alnum&1 == 0 { // an empty first label, or one that starts with '-'
		return 0, 0, true
	}
	// A dot continues the name only if a letter or digit follows it: then
	// the name is the bytes up to the first that is neither a label's nor
	// such a dot. Its labels are the runs between those dots (never empty).
	cont := dot & (alnum >> 1)
	stop := bits.TrailingZeros32(^(alnum | dash | cont))
	if stop > 30 {
		return 0, 0, false // the byte after a dot at 31 is not known here
	}
	region := uint32(1)<<stop - 1
	cont &= region
	// The walk stops before the first label that starts or ends with '-':
	// the one holding the first such byte.
	starts, lasts := (1|cont<<1)&region, cont>>1|uint32(1)<<stop>>1
	dots, end := cont, uint32(stop)
	if bad := (starts | lasts) & dash; bad != 0 {
		b := bits.TrailingZeros32(bad)
		dots &= uint32(1)<<b - 1 // the dots before that label's
		if dots == 0 {
			return 0, 0, true
		}
		end = uint32(31 - bits.LeadingZeros32(dots))
		dots &^= 1 << end
	}
	if dots == 0 {
		return 0, 0, true // one label
	}
	return i + 32 - bits.LeadingZeros32(dots), i + int(end), true
}

// alnumDashDot8 returns which of x's eight bytes are ASCII letters or
// digits, which are '-' and which are '.': each as the bytes' high bits
// (for highBits8).
func alnumDashDot8(x uint64) (alnum, dash, dot uint64) {
	const lo7 = 0x7f7f7f7f7f7f7f7f
	a := x & lo7
	alnum, _ = alnumBytes(x)
	// A byte's high bit is clear after adding 0x7f only if it was zero.
	return alnum, ^((a ^ 0x2d2d2d2d2d2d2d2d) + lo7 | x), ^((a ^ 0x2e2e2e2e2e2e2e2e) + lo7 | x)
}

// highBits8 gathers the high bits of x's eight bytes (others ignored) into
// a byte, byte k's as bit k: a multiply moves each to bit 56+k, with no
// two products in the same place.
func highBits8(x uint64) uint32 {
	return uint32((x & 0x8080808080808080) * 0x0002040810204081 >> 56)
}

// alnumDashIn8 returns how many of x's bytes, from the low one on, are
// ASCII letters, digits or (unless lettersOnly) '-'.
func alnumDashIn8(x uint64, lettersOnly bool) int {
	const lo7, hi = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	in, digit := alnumBytes(x)
	if lettersOnly {
		in &^= digit
	} else {
		in |= ^((x&lo7 ^ 0x2d2d2d2d2d2d2d2d) + lo7 | x) // '-'
	}
	return bits.TrailingZeros64(^in&hi) >> 3
}

// paddedLoad64 returns the eight bytes of text from i on (0 <= i), little
// endian, with zero bytes for those past its end.
func paddedLoad64(text string, i int) uint64 {
	if i+8 <= len(text) {
		return textLoad64(text, i)
	}
	if i >= len(text) {
		return 0
	}
	if len(text) >= 8 {
		// The last eight bytes, shifted down to start at i.
		return textLoad64(text, len(text)-8) >> (8 * (i + 8 - len(text)))
	}
	var x uint64
	for k := len(text) - 1; k >= i; k-- {
		x = x<<8 | uint64(text[k])
	}
	return x
}

// messageIDHeaders are the mail headers whose <…@…> values are message
// identifiers (RFC 5322's msg-id, MIME's Content-ID), not addresses.
var messageIDHeaders = []string{"message-id:", "in-reply-to:", "references:", "content-id:",
	"resent-message-id:", "x-message-id:", "x-original-message-id:"}

// messageID reports whether the address whose local part starts at start
// is a message identifier: inside <…> (its id-left may hold bytes a local
// part does not start with: <CAF=x@mail.gmail.com>) in the value of a
// header of messageIDHeaders, also on its folded lines (References: lists
// one an indented line).
func messageID(text string, start int) bool {
	p := start - 1
	for p >= 0 && start-p < 64 && text[p] > ' ' && text[p] != '<' && text[p] != '>' {
		p--
	}
	if p < 0 || text[p] != '<' {
		return false // most addresses: after a space or a ':'
	}
	ls, ok := lineStart(text, p, 998) // RFC 5322's line length
	for k := 0; ok && k < 16 && (byteAt(text, ls) == ' ' || byteAt(text, ls) == '\t') && ls > 0; k++ {
		ls, ok = lineStart(text, ls-1, 998) // a folded line: the header is above
	}
	if !ok {
		return false
	}
	for _, h := range messageIDHeaders {
		if hasPrefixFold(text, ls, h) {
			return true
		}
	}
	return false
}

// urlUserinfo reports a local part that is really the userinfo of a URL:
// "https://user@host", "ftp://user:pass@host" (but "mailto:a@b.it" is mail),
// also where the password is a variable ("https://oauth2:$CI_JOB_TOKEN@host",
// "${TOKEN}": the local part starts after the '$' or '{').
func urlUserinfo(text string, start int) bool {
	for k := 0; k < 2 && (byteAt(text, start-1) == '$' || byteAt(text, start-1) == '{'); k++ {
		start--
	}
	p := byteAt(text, start-1)
	if p == '/' {
		return byteAt(text, start-2) == '/'
	}
	if p != ':' {
		return false
	}
	// user:pass@host — look back along the token for "://".
	for k := start - 2; k >= 2 && start-k < 256; k-- {
		c := text[k]
		if c <= ' ' || c == '"' || c == '\'' || c == '<' {
			return false
		}
		if c == '/' && text[k-1] == '/' && text[k-2] == ':' {
			return true
		}
	}
	return false
}
