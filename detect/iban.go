package detect

import (
	"strings"
	"unsafe"
)

// iban finds International Bank Account Numbers: a country code, two check
// digits and the country's BBAN, compact or printed in groups of four (a
// space, dash or dot between them, or two spaces or " - ": ibanSepAt); the
// length must be the country's, the mod-97 check must hold, and the BBAN
// must have digits where the registry declares them (ibanBBAN). A code
// printed in fours may break its line where a space stands between two
// groups (ibanAcrossLine).
type iban struct{}

var _ Detector = iban{}

func (iban) Type() string { return TypeIBAN }

func (iban) Keywords() []string { return []string{DigitRuns} }

func (iban) Find(t *Text) {
	next := 0
	for _, i := range t.Hits {
		if i-2 < next {
			continue
		}
		if j, ok := ibanPrinted(t.S, i); ok {
			t.Emit(i-2, j)
			next = j
		}
	}
}

// ibanPrinted is ibanAt, or ibanAcrossLine where that fails.
func ibanPrinted(text string, i int) (int, bool) {
	if j, ok := ibanAt(text, i); ok {
		return j, true
	}
	return ibanAcrossLine(text, i)
}

// ibanMaxPrinted is the length of the longest IBAN (34 characters) printed
// in fours with one space between: 42 bytes.
const ibanMaxPrinted = 34 + 8

// ibanAcrossLine is ibanAt for a code printed in fours with spaces whose
// line breaks ('\n') between two groups, where a space would stand
// ("IT12 H055\n6469 4813 …", as a form or a narrow column wraps it): the
// code read with that break as the space. One break, after a group whose
// space (the first one, after the country code and check digits) shows
// how the code is printed.
func ibanAcrossLine(text string, i int) (int, bool) {
	s := i - 2
	if s < 0 || byteAt(text, s+4) != ' ' || !isAlnum(byteAt(text, s+5)) {
		return 0, false // (one space: the code fits ibanMaxPrinted)
	}
	w := min(len(text), s+ibanMaxPrinted+1) // and the byte after the code
	nl := strings.IndexByte(text[s:w], '\n')
	if nl < 5 || !isAlnum(text[s+nl-1]) || !isAlnum(byteAt(text, s+nl+1)) {
		return 0, false
	}
	// The code's bytes, the break a space, after the byte before it (0 at
	// the text's start: ibanAt reads it).
	var buf [1 + ibanMaxPrinted + 1]byte
	if s > 0 {
		buf[0] = text[s-1]
	}
	n := 1 + copy(buf[1:], text[s:w])
	buf[1+nl] = ' '
	if j, ok := ibanAt(unsafe.String(&buf[0], n), 3); ok && j > 1+nl {
		return s + j - 1, true
	}
	return 0, false
}

// ibanAt matches an IBAN whose check digits start at i, the country code
// just before them, and returns its end.
//
// It reads the code a group of four at a time (the printed form's groups,
// and the compact form's), at most one separator before each, and runs
// ISO 13616's mod-97 over the groups as it reads them, so no byte is read
// twice: one table load a byte gives whether the byte is allowed, and
// what mod-97 multiplies and adds.
func ibanAt(text string, i int) (int, bool) {
	// Anchor on the check digits, right after the country code, which is
	// not inside a word. ISO 13616 writes IBANs in capitals, but the
	// check is the same in lower case, and people type them so: accept a
	// code written entirely in one case, never mixed. The tests are
	// summed, not branched on one by one (candidates fail anywhere).
	// The country's length too (0: no IBAN country, a third of the
	// runs with the shape), with the letters' values clamped into the
	// table: where they are not letters, bad is set anyway. One branch
	// for the bounds, one for the rest.
	s := i - 2
	if s|(len(text)-2-i) < 0 {
		return 0, false
	}
	const ul = ibanUpperOK | ibanLowerOK // a digit has both, a letter one
	k0, k1 := ibanByte[text[s]], ibanByte[text[s+1]]
	x := k0 & ul >> 24 // 1 or 2 for a letter
	want := int(ibanLength[min(uint(k0&0xff)-10, 25)][min(uint(k1&0xff)-10, 25)])
	before := text[max(s-1, 0)] & -byte(uint(-s)>>63) // 0 at the text's start
	bad := ibanByte[text[i]]&ibanByte[text[i+1]]&ul ^ ul | ibanByte[before]&ul |
		(k0^k1)&ul | ((x+1)>>1 ^ 1) | uint32(uint(want-1)>>63)
	if bad != 0 {
		return 0, false
	}
	// Bit 24 (capitals) or 25 (lower case) of an ibanByte entry: the
	// byte may stand in the code.
	accept := k0 & ul
	// The country code and check digits count last (moved to the end):
	// their value, six decimal digits.
	head := (uint64(ibanByte[text[s]]&0xff)*100+uint64(ibanByte[text[s+1]]&0xff))*100 +
		uint64(text[i]-'0')*10 + uint64(text[i+1]-'0')
	var rem uint64
	var sep uint32
	n, j := 4, s+4
	for n+4 <= want {
		// One separator (ibanSepAt's, the same each time) may stand
		// before a group, if a letter or digit follows it.
		j, sep = ibanSep(text, j, sep)
		if byteAt(text, j) == ' ' {
			j, sep = ibanWideSep(text, j, sep)
		}
		if j+4 > len(text) {
			return 0, false
		}
		e0, e1, e2, e3 := ibanByte[text[j]], ibanByte[text[j+1]], ibanByte[text[j+2]], ibanByte[text[j+3]]
		if e0&e1&e2&e3&accept == 0 {
			return 0, false
		}
		rem = rem*ibanScale(e0) + uint64(e0&0xff)
		rem = rem*ibanScale(e1) + uint64(e1&0xff)
		rem = rem*ibanScale(e2) + uint64(e2&0xff)
		rem = rem*ibanScale(e3) + uint64(e3&0xff)
		rem %= 97
		n += 4
		j += 4
	}
	if n < want {
		// The last group, shorter.
		j, _ = ibanSep(text, j, sep)
		if byteAt(text, j) == ' ' {
			j, _ = ibanWideSep(text, j, sep)
		}
		if j+want-n > len(text) {
			return 0, false
		}
		for _, c := range []byte(text[j : j+want-n]) {
			e := ibanByte[c]
			if e&accept == 0 {
				return 0, false
			}
			rem = rem*ibanScale(e) + uint64(e&0xff)
		}
		j += want - n
	}
	// Only for a code that passed mod-97: no letter where the registry's
	// BBAN structure declares digits (ibanBBAN), the code read again, its
	// separators skipped.
	if isAlnum(byteAt(text, j)) || (rem%97*1_000_000+head)%97 != 1 ||
		!ibanBBANOK(readOnlyBytes(text[s+4:j]), ibanDigits[k0&0xff-10][k1&0xff-10]) {
		return 0, false
	}
	return j, true
}

// ibanSep steps j past a separator of one byte before a group (ibanSepAt),
// the same as sep unless sep is 0 (none yet). It returns the new j and
// sep. By arithmetic, not branches: whether a code is printed in groups is
// the text's whim. (Where a space is left at j, ibanWideSep reads the
// separators of two or three bytes: rare, apart.)
func ibanSep(text string, j int, sep uint32) (int, uint32) {
	c := byteAt(text, j)
	ec, en := ibanByte[c], ibanByte[byteAt(text, j+1)]
	same := (uint(sep)*uint(sep^uint32(c)) - 1) >> 63 // sep is 0 or c
	adv := uint(ec>>26) & uint((en>>24|en>>25)&1) & same
	return j + int(adv), sep | uint32(c)&-uint32(adv)
}

// ibanWideSep is ibanSep for a separator of two or three bytes.
func ibanWideSep(text string, j int, sep uint32) (int, uint32) {
	c, n := ibanSepAt(text, j)
	if n < 2 || sep != 0 && sep != c {
		return j, sep
	}
	return j + n, c
}

// ibanSepAt returns the separator between groups at j, its bytes (the
// first one lowest) and its length, or 0, 0: a space, a dash or a dot
// (printed forms: "DE89 3704 …", "DE89-3704-…", "DE89.3704.…"), two
// spaces or " - " (a looser print), followed by a letter or digit.
func ibanSepAt(text string, j int) (uint32, int) {
	b0, b1, b2 := byteAt(text, j), byteAt(text, j+1), byteAt(text, j+2)
	const ul = ibanUpperOK | ibanLowerOK
	// Bit 0: one separator byte and a letter or digit; bit 1: two spaces
	// and one; bit 2: " - " and one.
	one := uint(ibanByte[b0]>>26&1) & uint(ibanByte[b1]&ul>>24|ibanByte[b1]&ul>>25)
	sp := b2eq(b0, ' ') & b2eq(b1, ' ')
	two := sp & uint(ibanByte[b2]&ul>>24|ibanByte[b2]&ul>>25)
	three := b2eq(b0, ' ') & b2eq(b1, '-') & b2eq(b2, ' ') & uint(ibanByte[byteAt(text, j+3)]&ul>>24|ibanByte[byteAt(text, j+3)]&ul>>25)
	n := int(one | two<<1 | three*3)
	w := uint32(b0) | uint32(b1)<<8 | uint32(b2)<<16
	return w & (1<<(8*n) - 1), n
}

// b2eq is 1 if a == b, else 0.
func b2eq(a, b byte) uint { return (uint(a^b) - 1) >> 63 }

// ibanScale is what mod-97 multiplies the remainder by before adding the
// value of a byte with ibanByte entry e: 10 for a digit, 100 for a letter
// (A = 10 … Z = 35).
func ibanScale(e uint32) uint64 { return uint64(e >> 8 & 0xff) }

// ibanByte is, for each byte, its value in an IBAN (bits 0–7: 0–9 for a
// digit, 10–35 for a letter of either case), what mod-97 multiplies the
// remainder by before adding it (bits 8–15) and whether the byte may stand
// in a code written in capitals (ibanUpperOK) or in lower case
// (ibanLowerOK), or between its groups (ibanSepOK).
var ibanByte = func() (t [256]uint32) {
	for c := range 256 {
		switch b := byte(c); {
		case isDigit(b):
			t[c] = ibanUpperOK | ibanLowerOK | 10<<8 | uint32(b-'0')
		case isUpper(b):
			t[c] = ibanUpperOK | 100<<8 | uint32(b-'A'+10)
		case isLower(b):
			t[c] = ibanLowerOK | 100<<8 | uint32(b-'a'+10)
		case b == ' ' || b == '-' || b == '.':
			t[c] = ibanSepOK
		}
	}
	return
}()

const (
	ibanUpperOK = 1 << 24
	ibanLowerOK = 1 << 25
	ibanSepOK   = 1 << 26 // a separator between groups (the top bit)
)

// ibanLength is ibanLengths as a table by letter pair (0: no IBAN), for
// the detector's hot path.
var ibanLength = func() (t [26][26]uint8) {
	for cc, n := range ibanLengths {
		t[cc[0]-'A'][cc[1]-'A'] = uint8(n)
	}
	return
}()

// ibanLabelled finds the IBANs printed in groups other than ISO 13616's
// fours after the word "IBAN": the Italian national form "IT 60 X 05428
// 11101 000000123456" (check digits, CIN, ABI, CAB, account), a space
// between the country code and the check digits, groups of any size. The
// label is the context free grouping needs: without it, reading across
// separators would join unrelated numbers; with it, the country's length,
// the end at a group's end and mod-97 still decide. The printed and
// compact forms are iban's — but for a code right after MT940's subfield
// ?31 (the other party's IBAN in a statement's :86: field, "?30BIC?31DE89…
// ?32NAME"), where a digit touches it, as no letter or digit may where
// iban looks.
type ibanLabelled struct{}

var _ Detector = ibanLabelled{}

func (ibanLabelled) Type() string       { return TypeIBAN }
func (ibanLabelled) Keywords() []string { return []string{"iban", "?31"} }

// ibanBreakAt reports whether the code at s, of want characters, is
// grouped otherwise than in ISO's fours (iban's forms, compact or
// printed): a separator after a number of characters that is not a
// multiple of four, within its first 16 bytes, before its end (Norway's
// 15 characters, compact, then a space: iban's). National forms' groups
// are short (Italy's check digits, CIN, ABI, CAB: 2, 1, 5, 5, and a space
// after the country code): their first such break shows there. (A cheap
// test before the whole code is read.)
func ibanBreakAt(text string, s, want int) bool {
	n := 0
	for _, c := range []byte(text[s:min(s+16, len(text))]) {
		if ibanByte[c]&ibanSepOK != 0 {
			if n&3 != 0 && n < want {
				return true
			}
		} else {
			n++
		}
	}
	return false
}

// ibanLabelReach is how far after the label the code may start: a colon,
// "n.", "(EUR)", "del conto:" and the like.
const ibanLabelReach = 32

func (ibanLabelled) Find(t *Text) {
	next := 0
	for _, h := range t.Hits {
		if t.S[h] == '?' {
			// (The code read as if it started the text: no byte before.)
			if e, ok := ibanAt(t.S[h+3:], 2); ok && h >= next && isUpper(t.S[h+3]) {
				t.Emit(h+3, h+3+e)
				next = h + 3 + e
			}
			continue
		}
		from := max(h+4, next)
		for s := from; s < min(h+4+ibanLabelReach, len(t.S)-4); s++ {
			// A country code and its check digits, maybe a separator
			// between: the first such word after the label is the
			// code or none.
			if !isAlpha(t.S[s]) || !isAlpha(t.S[s+1]) || isAlnum(byteAt(t.S, s-1)) {
				continue
			}
			if c := t.S[s+2]; isDigit(c) {
				if !isDigit(t.S[s+3]) {
					continue
				}
			} else if _, k := ibanSepAt(t.S, s+2); k == 0 || !isDigit(byteAt(t.S, s+2+k)) {
				continue
			}
			if e, ok := ibanGroupedAt(t.S, s); ok {
				t.Emit(s, e)
				next = e
			}
			break
		}
	}
}

// ibanGroupedAt matches an IBAN whose country code starts at s, written in
// one case, with one separator (ibanSepAt's, the same each time) at most
// between any two of its characters, and returns its end. A code in
// iban's forms (compact, or printed in fours) is left to it, unchecked.
func ibanGroupedAt(text string, s int) (int, bool) {
	if s+4 > len(text) || !isAlpha(text[s]) || !isAlpha(text[s+1]) || isLower(text[s]) != isLower(text[s+1]) {
		return 0, false
	}
	want := int(ibanLength[lower(text[s])-'a'][lower(text[s+1])-'a'])
	if want == 0 || !ibanBreakAt(text, s, want) {
		return 0, false
	}
	lowerCase := isLower(text[s])
	var buf [34]byte
	buf[0], buf[1] = text[s]&^0x20, text[s+1]&^0x20 // capitals
	n, j := 2, s+2
	var sep uint32
	for j < len(text) && n < want {
		c := text[j]
		if isDigit(c) || isAlpha(c) && isLower(c) == lowerCase && n >= 4 {
			buf[n] = c
			if isAlpha(c) {
				buf[n] = c &^ 0x20
			}
			n++
			j++
			continue
		}
		w, k := ibanSepAt(text, j)
		if k == 0 || sep != 0 && sep != w {
			return 0, false
		}
		sep = w
		j += k
	}
	if n != want || isAlnum(byteAt(text, j)) || !ibanCheck(buf[:n]) {
		return 0, false
	}
	return j, true
}
