package detect

// cardGDS finds the payment cards of airline and travel reservations, as a
// GDS writes a form of payment: the card's two-letter brand code glued to
// its number — Amadeus's "FP CCVI4111111111111111/1226" (FP PAX CC… for a
// passenger) — where a letter before the digits would otherwise say they
// are a code's tail. cardAt decides the number as it does everywhere.
type cardGDS struct{}

var _ Detector = cardGDS{}

func (cardGDS) Type() string { return TypeCreditCard }

// The brand codes of IATA's form-of-payment element.
var gdsBrands = []string{"vi", "ca", "mc", "ax", "dc", "ds", "jc", "tp", "up"}

// Amadeus's form of payment only: Sabre's "*VI" keywords ('*' and two
// letters, bytes prose is full of in the byte pass's nibbles) would make
// its candidates common in all text.
func (cardGDS) Keywords() []string { return []string{"fp cc", "fp pax cc"} }

func (cardGDS) Find(t *Text) {
	text := t.S
	next := 0
	for _, h := range t.Hits {
		if h < next {
			continue
		}
		if h > 0 && isAlnum(text[h-1]) {
			continue
		}
		b := h + len("fp cc")
		if hasPrefixFold(text, h, "fp pax cc") {
			b = h + len("fp pax cc")
		}
		if b+2 >= len(text) || !isAlpha(text[b]) || !isAlpha(text[b+1]) || !amongFold(text[b:b+2], gdsBrands) || !isDigit(text[b+2]) {
			continue
		}
		i := b + 2
		if e, ok := cardAt(text, i, digitsEnd(text, i)); ok {
			t.Emit(i, e)
			next = e
		}
	}
}
