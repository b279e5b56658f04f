package detect

import "strings"

// cardGDS finds the payment cards of airline and travel reservations, as a
// GDS writes a form of payment: the card's two-letter brand code glued to
// its number — Amadeus's "FP CCVI4111111111111111/1226" (FP PAX CC… for a
// passenger, FP O/CC… for the original one of a reissued ticket), Sabre's
// "*VI4111111111111111‡12/26" in the lines of its FORM OF PAYMENT heading
// ("  1.*VI…") — where a letter before the digits would otherwise say they
// are a code's tail. cardAt decides the number as it does everywhere.
type cardGDS struct{}

var _ Detector = cardGDS{}

func (cardGDS) Type() string { return TypeCreditCard }

// The brand codes of IATA's form-of-payment element.
var gdsBrands = []string{"vi", "ca", "mc", "ax", "dc", "ds", "jc", "tp", "up"}

// Sabre's form of payment by its heading only: its "*VI" keywords ('*'
// and two letters, bytes prose is full of in the byte pass's nibbles)
// would make its candidates common in all text.
func (cardGDS) Keywords() []string { return []string{"fp cc", "fp pax cc", "o/cc", "form of payment"} }

func (cardGDS) Find(t *Text) {
	text := t.S
	next := 0
	for _, h := range t.Hits {
		if h < next {
			continue
		}
		if lower(text[h]) == 'f' && hasPrefixFold(text, h, "form of payment") {
			next = max(next, sabrePayments(t, h))
			continue
		}
		b := h + len("fp cc")
		switch {
		case text[h] == 'o' || text[h] == 'O':
			// O/CC… after FP or FP PAX: the form of payment starts there.
			b = h + len("o/cc")
			if hasPrefixFold(text, h-len("fp pax "), "fp pax ") {
				h -= len("fp pax ")
			} else if hasPrefixFold(text, h-len("fp "), "fp ") {
				h -= len("fp ")
			} else {
				continue
			}
		case hasPrefixFold(text, h, "fp pax cc"):
			b = h + len("fp pax cc")
		}
		if h > 0 && isAlnum(text[h-1]) {
			continue
		}
		if e := gdsCard(t, b); e > 0 {
			next = e
		}
	}
}

// gdsCard reads the card of a form of payment whose brand code starts at
// b (VI4111…), emits it and returns its end; 0 if there is none.
func gdsCard(t *Text, b int) int {
	text := t.S
	if b+2 >= len(text) || !isAlpha(text[b]) || !isAlpha(text[b+1]) || !amongFold(text[b:b+2], gdsBrands) || !isDigit(text[b+2]) {
		return 0
	}
	i := b + 2
	if e, ok := cardAt(text, i, digitsEnd(text, i)); ok {
		t.Emit(i, e)
		return e
	}
	return 0
}

// sabrePayments reads the numbered lines under Sabre's FORM OF PAYMENT
// heading, which starts at h ("  1.*VI4111…‡12/26"), emitting their cards;
// it returns where it stopped.
func sabrePayments(t *Text, h int) int {
	return sabreItems(t.S, h, len("form of payment"), 256, func(k, _ int, _ bool) bool {
		if byteAt(t.S, k+1) != '*' {
			return false
		}
		gdsCard(t, k+2)
		return true
	})
}

// sabreItems reads the numbered lines ("  1.…") under a heading of n bytes
// at h that is its line's whole content (in prose the words head no
// list), eight at most: item gets each line's '.' after its number, the
// line's end and whether that was found within width bytes (whole), and
// returns whether the line is one of the list's. It returns where it
// stopped.
func sabreItems(text string, h, n, width int, item func(k, le int, whole bool) bool) int {
	i := h + n
	if ls, _ := lineStart(text, h, 64); strings.TrimLeft(text[ls:h], " \t") != "" {
		return i
	}
	if byteAt(text, i) == '\r' {
		i++
	}
	if byteAt(text, i) != '\n' {
		return h + n
	}
	for range 8 {
		// Spaces, the item's number and '.'.
		d := skipSpaces(text, i+1)
		k := spanClass(text, d, 2, cDigit)
		if k == d || byteAt(text, k) != '.' {
			break
		}
		le, whole := lineEnd(text, k, k+width)
		if !item(k, le, whole) {
			break
		}
		if !whole || le >= len(text) {
			return le
		}
		i = le
	}
	return i
}
