package detect

import "math/bits"

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
		start := spanClassBack(text, at, at-64, cAtext)
		if isAtext(byteAt(text, start-1)) { // longer than any real local part
			continue
		}
		// A dot-atom neither starts nor ends with a dot.
		for start < at && text[start] == '.' {
			start++
		}
		if start == at || text[at-1] == '.' || urlUserinfo(text, start) {
			continue
		}
		end, ok := domainEnd(text, at+1)
		if !ok {
			continue
		}
		t.Emit(start, end)
		next = end
	}
}

// isAtext is a byte of a local part as addresses are written in practice:
// letters, digits and . _ % + - (RFC 5322 allows more, such as '=' or '?',
// but then "?email=a@b.it" in a URL would swallow the query string).
func isAtext(b byte) bool {
	return is(b, cAtext)
}

// domainEnd parses a host name starting at i and returns where it ends. It
// needs two or more labels of letters, digits and inner hyphens, the last
// alphabetic and at least two letters long.
func domainEnd(text string, i int) (int, bool) {
	labels := 0
	lastStart, lastEnd := 0, 0
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
	if labels < 2 || lastEnd-lastStart < 2 {
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
		if alnumDashIn8(x, true) < len(tld) {
			return 0, false
		}
		return lastEnd, true
	}
	for j := 0; j < len(tld); j++ {
		if !is(tld[j], cAlpha) {
			return 0, false
		}
	}
	return lastEnd, true
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

// alnumDashIn8 returns how many of x's bytes, from the low one on, are
// ASCII letters, digits or (unless lettersOnly) '-'.
func alnumDashIn8(x uint64, lettersOnly bool) int {
	const lo7, hi = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	a := x & lo7
	l := a | 0x2020202020202020                                   // letters folded to lower case
	alpha := (l + 0x1f1f1f1f1f1f1f1f) &^ (l + 0x0505050505050505) // 'a'–'z'
	in := alpha
	if !lettersOnly {
		digit := (a + 0x5050505050505050) &^ (a + 0x4646464646464646) // '0'–'9'
		z := a ^ 0x2d2d2d2d2d2d2d2d                                   // 0 for '-'
		in |= digit | ^(z + lo7)
	}
	in &^= x // not outside ASCII
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

// urlUserinfo reports a local part that is really the userinfo of a URL:
// "https://user@host", "ftp://user:pass@host" (but "mailto:a@b.it" is mail).
func urlUserinfo(text string, start int) bool {
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
