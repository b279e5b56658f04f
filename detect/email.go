package detect

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
		// Labels are short: an inline loop beats spanClass's call.
		lab := text[s:min(len(text), s+63)]
		n := 0
		for n < len(lab) && charClass[lab[n]]&cAlnumDash != 0 {
			n++
		}
		i = s + n
		if i == s || text[s] == '-' || text[i-1] == '-' {
			break
		}
		labels++
		lastStart, lastEnd = s, i
		if i+1 < len(text) && text[i] == '.' && is(text[i+1], cAlnum) {
			i++
			continue
		}
		break
	}
	if labels < 2 || lastEnd-lastStart < 2 {
		return 0, false
	}
	tld := text[lastStart:lastEnd]
	if len(tld) > 4 && hasPrefixFold(tld, 0, "xn--") {
		return lastEnd, true // an internationalised TLD in punycode
	}
	for j := 0; j < len(tld); j++ {
		if !is(tld[j], cAlpha) {
			return 0, false
		}
	}
	return lastEnd, true
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
