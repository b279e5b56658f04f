package detect

import (
	"net/netip"
	"strings"
)

// ipAddress finds IPv4 and IPv6 addresses, with a CIDR prefix length or an
// IPv6 zone when one follows. Candidates are parsed with net/netip, so
// 256.1.1.1, 1.2.3 or 12:34:56 are not addresses. The unspecified address
// "::" alone is too common in code (Haskell, C++) to report.
type ipAddress struct{}

var _ Detector = ipAddress{}

func (ipAddress) Type() string { return TypeIPAddress }

func (ipAddress) Keywords() []string { return []string{DigitRuns} }

// ipNotAddress are words that number what follows them (a section, a
// version, a figure, an ASN.1 object identifier: OID 2.5.29.32): whole
// words and their plurals, in identifiers too
// (appVersion, buildNumber); not words that only start alike (versioning,
// building, tablet, sectional).
var ipNotAddress = NewWordSet(
	"section{,s}", "sect.", "sezione", "chapter{,s}", "capitolo", "paragrafo", "version{,s,e,i}",
	"release{,s}", "rilascio", "build{,s}", "rfc{,s}", "figure{,s}", "table{,s}", "tabella", "art.",
	"articolo", "§", "oid{,s}",
).camelCase()

// releaseWords number the dotted quad right after them (firmware 20.9.0.118,
// revision 3.1.0.2), not one a few words on (the firmware to 192.168.1.10).
var releaseWords = newWordList(`firmware fw revision revisione rev`)

// uaProducts are the product tokens of browsers' User-Agent strings
// (RFC 9110: product "/" version): Chrome/124.0.0.0 is a version, which
// Chrome's reduced User-Agent always writes in four parts.
var uaProducts = newWordList(`mozilla applewebkit gecko khtml chrome chromium headlesschrome crios safari version
	mobile firefox fxios edg edge edga edgios opr opera trident samsungbrowser yabrowser vivaldi brave electron`)

// productVersion reports whether the dotted quad at s is a User-Agent
// product's version: right after "Chrome/".
func productVersion(text string, s int) bool {
	if byteAt(text, s-1) != '/' {
		return false
	}
	w, _ := lettersBefore(text, s-1, "")
	return uaProducts.has(w)
}

func (ipAddress) ContextWords() []*WordSet { return []*WordSet{ipNotAddress} }

func isHexDigit(b byte) bool {
	return isDigit(b) || ('a' <= b && b <= 'f') || ('A' <= b && b <= 'F')
}

func isHexColon(b byte) bool {
	return isDigit(b) || ('a' <= b && b <= 'f') || ('A' <= b && b <= 'F') || b == ':' || b == '.'
}

func (ipAddress) Find(t *Text) {
	var sc ipScan
	for _, h := range t.Hits {
		if s, e := sc.at(t, h); e > s {
			t.Emit(s, e)
		}
	}
}

// ipScan is the IP address detector's progress through a text's hits.
type ipScan struct {
	next   int  // the end of the last address
	v6done int  // the end of the last token examined for IPv6
	noV6   bool // the text has no ':': no IPv6 address to look for
}

// at examines hit h (hits come in ascending order) and returns the span of
// the address to report there, empty if none.
func (sc *ipScan) at(t *Text, h int) (int, int) {
	if h < sc.next {
		return 0, 0
	}
	text := t.S
	if !sc.noV6 && h >= sc.v6done {
		s, e, end := ipv6Token(text, h)
		sc.v6done = max(end, h+1)
		if e > s {
			sc.next = e
			return s, e
		}
	}
	if s, e, ok := ipv4At(text, h); ok {
		sc.next = e
		// "Section 5.1.1.5", "version 1.2.3.4", "v. 1.2.3.4",
		// "Chrome/124.0.0.0": numbering, not hosts. The word must be on
		// the address's line (app_version: 5.14.20 on the line above is
		// another field's).
		if !t.Near(ipNotAddress, s, lineReach(text, s, 24)) && !afterV(text, s) && !releaseWords.has(letterWordBefore(text, s)) &&
			!productVersion(text, s) {
			return s, e
		}
	}
	return 0, 0
}

// lineReach returns how many of the n bytes before s are on s's line.
func lineReach(text string, s, n int) int {
	if ls, ok := lineStart(text, s, n); ok {
		return s - ls
	}
	return n
}

// afterV reports whether the address at s follows "v." (version) as a
// word of its own: "v. 1.2.3.4", "v.1.2.3.4". (Not a context word: a
// keyword of two bytes would cost the keyword pass a search at every '.'.)
func afterV(text string, s int) bool {
	i := s
	if byteAt(text, i-1) == ' ' {
		i--
	}
	return byteAt(text, i-1) == '.' && lower(byteAt(text, i-2)) == 'v' && !letterBefore(text, i-2)
}

// ipv6Token looks for an IPv6 address around the digit at h. It returns the
// address span (empty if none) and the end of the token it examined.
func ipv6Token(text string, h int) (int, int, int) {
	// Quick reject: no colon next to the hex run around h.
	f := h
	for f < len(text) && f-h < 5 && isHexDigit(text[f]) {
		f++
	}
	b := h
	for b > 0 && h-b < 5 && isHexDigit(text[b-1]) {
		b--
	}
	if byteAt(text, f) != ':' && byteAt(text, b-1) != ':' {
		return 0, 0, f
	}
	s := h
	for s > 0 && h-s < 64 && isHexColon(text[s-1]) {
		s--
	}
	e := spanWhile(text, h, 64, isHexColon)
	for e > s && text[e-1] == '.' {
		e--
	}
	tok := text[s:e]
	if strings.Count(tok, ":") < 2 || isWord(byteAt(text, s-1)) {
		return 0, 0, e
	}
	// Zone: fe80::1%eth0
	ze := e
	if byteAt(text, e) == '%' {
		ze = spanWhile(text, e+1, 16, isAlnum)
		if ze == e+1 {
			ze = e
		}
	}
	if isWord(byteAt(text, ze)) {
		return 0, 0, ze
	}
	a, err := netip.ParseAddr(text[s:ze])
	if err != nil && ze == e && text[e-1] == ':' && isSpace(byteAt(text, e)) && strings.Count(strings.Trim(tok, ":"), ":") >= 2 {
		// A sentence's colon after the address, before a space: "il
		// router ha preso fdc9:d927::5974: come…", "… 2a01:5bc9:9770:::
		// why?" (two groups at least: "AWS_TOKEN%20:::=" is no "20::"; at
		// the text's end, a cut address).
		e, ze = e-1, e-1
		tok = text[s:e]
		a, err = netip.ParseAddr(tok)
	}
	if err != nil || !a.Is6() || tok == "::" {
		return 0, 0, ze
	}
	return s, cidrEnd(text, ze, 128), ze
}

// ipv4At parses a dotted quad starting at h.
func ipv4At(text string, h int) (int, int, bool) {
	if p := byteAt(text, h-1); isAlnum(p) || p == '_' || (p == '.' && isDigit(byteAt(text, h-2))) {
		return 0, 0, false
	}
	i := h
	for part := 0; part < 4; part++ {
		e := spanWhile(text, i, 4, isDigit)
		if e == i || e-i > 3 {
			return 0, 0, false
		}
		i = e
		if part < 3 {
			if byteAt(text, i) != '.' {
				return 0, 0, false
			}
			i++
		}
	}
	if isAlpha(byteAt(text, i)) || byteAt(text, i) == '_' {
		return 0, 0, false
	}
	// An address has four parts: one followed by ".5" is the start of a
	// longer dotted number. When its first part is 0, 1 or 2, a root arc
	// of the ITU-T/ISO object identifier tree (X.660), that number is an
	// OID ("1.3.6.1.2.1.2.2.1.10", SNMP's), not an address; otherwise the
	// address is kept (a typed-on suffix, "192.168.1.1.1").
	if byteAt(text, i) == '.' && isDigit(byteAt(text, i+1)) && text[h+1] == '.' && text[h] <= '2' {
		return 0, 0, false
	}
	a, err := netip.ParseAddr(text[h:i])
	if err != nil || !a.Is4() {
		return 0, 0, false
	}
	return h, cidrEnd(text, i, 32), true
}

// cidrEnd extends an address ending at i over a "/len" prefix of at most
// max bits.
func cidrEnd(text string, i, max int) int {
	if byteAt(text, i) != '/' {
		return i
	}
	e := spanWhile(text, i+1, 4, isDigit)
	if e == i+1 || e-i-1 > 3 || isAlnum(byteAt(text, e)) {
		return i
	}
	n := 0
	for _, c := range text[i+1 : e] {
		n = n*10 + int(c-'0')
	}
	if n > max {
		return i
	}
	return e
}
