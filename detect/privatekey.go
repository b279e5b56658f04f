package detect

import "strings"

// privateKey finds PEM private key blocks (PKCS#1, PKCS#8, EC, OpenSSH, PGP,
// encrypted …): the BEGIN line, the body and the END line. A block cut short
// (no END line) is reported up to the end of its body. It finds PuTTY's
// private key files (.ppk) too: from their first line to the end of the
// private part (puttyKey).
type privateKey struct{}

var _ Detector = privateKey{}

func (privateKey) Type() string { return TypePrivateKey }

func (privateKey) Keywords() []string { return []string{"-----begin", "putty-user-key-file-"} }

// maxPEMBody bounds the search for the END line; the largest RSA keys are ~6 KiB.
const maxPEMBody = 16 << 10

func (privateKey) Find(t *Text) {
	text, hits := t.S, t.Hits
	next := 0
	pl := -2 // the next puttyPrivate at or after a PuTTY header; -1: none left, -2: not looked for
	for _, h := range hits {
		if h < next {
			continue
		}
		if text[h] != '-' {
			// The next "Private-Lines:" line, looked for once for all
			// the PuTTY headers before it (each would search 16 KB).
			if pl < h && pl != -1 {
				if pl = strings.Index(text[h:], puttyPrivate); pl >= 0 {
					pl += h
				}
			}
			if pl >= 0 && pl-h <= maxPEMBody {
				if end := puttyKey(text, h, pl); end > 0 {
					t.Emit(h, end)
					next = end
				}
			}
			continue
		}
		// -----BEGIN <LABEL>PRIVATE KEY[ BLOCK]-----
		lineEnd := h + 10 + spanLabel(text[h+10:])
		label := text[h+10 : lineEnd]
		if !strings.HasSuffix(label, "PRIVATE KEY") && !strings.HasSuffix(label, "PRIVATE KEY BLOCK") {
			continue
		}
		if !strings.HasPrefix(text[lineEnd:], "-----") {
			continue
		}
		bodyStart := lineEnd + 5
		// The body runs to the next dash run: the END line, or else the next
		// BEGIN (blocks do not nest) or the end of the text. Stopping there
		// keeps a text of many BEGIN lines linear.
		limit := min(len(text), bodyStart+maxPEMBody)
		bodyEnd := limit
		if i := strings.Index(text[bodyStart:limit], "-----"); i >= 0 {
			bodyEnd = bodyStart + i
		}
		end := -1
		if strings.HasPrefix(text[bodyEnd:], "-----END") {
			e := bodyEnd + 8
			e += spanLabel(text[e:])
			if strings.HasPrefix(text[e:], "-----") {
				end = e + 5
			}
		}
		if !keyBody(text[bodyStart:bodyEnd]) {
			next = bodyEnd
			continue
		}
		if end < 0 {
			// No END line: the body as far as it looks like base64.
			e := bodyStart
			for e < bodyEnd && isPEMBody(text[e]) {
				e++
			}
			for e > bodyStart && isSpace(text[e-1]) {
				e--
			}
			if !keyBody(text[bodyStart:e]) {
				next = bodyEnd
				continue
			}
			end = e
		}
		t.Emit(h, end)
		next = end
	}
}

// puttyPrivate is the line before a PuTTY key file's private part.
const puttyPrivate = "\nPrivate-Lines:"

// puttyKey returns the end of the PuTTY private key file whose first line
// ("PuTTY-User-Key-File-3: ssh-ed25519") starts at h, or 0: its header
// lines, the public part, then "Private-Lines: N" (pl: where the
// puttyPrivate after h is, within maxPEMBody) and N lines of base64 (key
// material, as keyBody judges it), and the "Private-MAC:" line if one
// follows. (Encrypted or not: an encrypted one is as a PEM block's
// ENCRYPTED PRIVATE KEY.)
func puttyKey(text string, h, pl int) int {
	limit := min(len(text), h+maxPEMBody)
	p := skipSpaces(text, pl+len(puttyPrivate))
	n := 0
	for ; p < limit && isDigit(text[p]) && n < 1000; p++ {
		n = n*10 + int(text[p]-'0')
	}
	if n == 0 {
		return 0
	}
	body := p
	for range n {
		nl := strings.IndexByte(text[p:limit], '\n')
		if nl < 0 {
			p = limit
			break
		}
		p += nl + 1
		if e := spanClass(text, p, 128, cB64Std|cEquals); e == p {
			return 0 // a line that is not base64: not the key's
		} else {
			p = e
		}
	}
	if !keyBody(text[body:p]) {
		return 0
	}
	if strings.HasPrefix(text[p:], "\nPrivate-MAC:") || strings.HasPrefix(text[p:], "\r\nPrivate-MAC:") {
		m := skipSpaces(text, p+strings.IndexByte(text[p+1:], ':')+2)
		if e := spanClass(text, m, 128, cLowerHex); e > m {
			p = e
		}
	}
	return p
}

// spanLabel returns the length of a PEM label (" RSA PRIVATE KEY").
// It ends at the first byte that is not a label's, at a run of five dashes
// (the line's end), or at 100 bytes: the span of label bytes eight at a time
// (spanClass), then the dashes searched for within it (one that starts in
// the span but runs past a 100-byte cut still ends the label).
func spanLabel(s string) int {
	e := spanClass(s, 0, 100, cPEMLabel)
	if j := strings.Index(s[:min(len(s), e+4)], "-----"); j >= 0 {
		return j
	}
	return e
}

func isPEMBody(b byte) bool {
	return charClass[b]&(cAlnum|cPlus|cSlash|cEquals|cSpace|cPEMPunct|cDash) != 0
}

// keyBody reports whether a PEM body holds key material: enough base64
// characters, and not a documentation stand-in ("...", "<your key>").
func keyBody(body string) bool {
	n := 0
	// The usual body: a line break, then 32 base64 bytes in a row,
	// spanned at once.
	s := 0
	for s < 2 && s < len(body) && (body[s] == '\n' || body[s] == '\r') {
		s++
	}
	if spanClass(body, s, 32, cB64Std) == s+32 {
		n = 32
	}
	for i := 0; i < len(body) && n < 32; i++ {
		if charClass[body[i]]&(cAlnum|cPlus|cSlash) != 0 {
			n++
		}
	}
	if n < 32 {
		return false
	}
	return !strings.Contains(body, "...") && !yourWord(body)
}

// yourWord reports whether body holds "your" (any case) as a stand-in's
// word, not four bytes of a random body that spell it: a word of its own
// among the base64 bytes ("<your key here>", YOUR_PRIVATE_KEY), twice, or
// run together with "key", "private" or "here" after it
// (YOURPRIVATEKEYGOESHERE, PasteYourKeyHere) — a random body spells
// "your" once in some thousands of keys, and a second word by it next to
// never.
func yourWord(body string) bool {
	seen := false
	for i := 0; ; i++ {
		k := indexFold(body[i:], "your")
		if k < 0 {
			return false
		}
		i += k
		if seen || !is(byteAt(body, i-1), cB64Std|cEquals) && !is(byteAt(body, i+4), cB64Std|cEquals) {
			return true
		}
		seen = true
		after := body[i+4 : min(len(body), i+4+16)]
		if indexFold(after, "key") >= 0 || indexFold(after, "private") >= 0 || indexFold(after, "here") >= 0 {
			return true
		}
	}
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\r' || b == '\t' }
