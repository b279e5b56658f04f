package detect

import "testing"

// TestCardGDS: a card in a GDS's form of payment, its brand code glued to
// its number, is a card as cardAt decides it; a code's tail elsewhere is
// not.
func TestCardGDS(t *testing.T) {
	s := newTestScanner(t)
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"amadeus", "FP CCVI4791521754625614/0628/N2", []want{{TypeCreditCard, "4791521754625614"}}},
		{"amadeus passenger", "FP PAX CCDC38360421865084/0728", []want{{TypeCreditCard, "38360421865084"}}},
		{"amadeus in a pnr", "RP/MILI12345/\n  1.ROSSI/MARIO MR\n  5 FP CCAX347282039071291/1027\n", []want{{TypeCreditCard, "347282039071291"}}},
		{"luhn fails", "FP CCVI4791521754625615/0628", nil},
		{"unknown brand", "FP CCZZ4791521754625614/0628", nil},
		{"not a form of payment", "XFP CCVI4791521754625614", nil},
		{"amadeus original", "  10 FP O/CCVI4791521754625614/0826/A675275", []want{{TypeCreditCard, "4791521754625614"}}},
		{"amadeus passenger original", "FP PAX O/CCAX347282039071291/1027", []want{{TypeCreditCard, "347282039071291"}}},
		{"o/cc elsewhere", "SO/CCVI4791521754625614 and XFP O/CCVI4791521754625614", nil},
		{"sabre", "PHONES\n  1.MIL-A\nFORM OF PAYMENT\n  1.*VI4791521754625614‡07/25\n  2.*AX347282039071291¥05/27\nGENERAL FACTS\n  1.*VI4791521754625614",
			[]want{{TypeCreditCard, "4791521754625614"}, {TypeCreditCard, "347282039071291"}}},
		{"sabre, crlf", "FORM OF PAYMENT\r\n  1.*DS6011000990139424¥11/27", []want{{TypeCreditCard, "6011000990139424"}}},
		{"sabre luhn fails", "FORM OF PAYMENT\n  1.*VI4791521754625615‡07/25", nil},
		{"the words in prose", "Which form of payment\n  1.*VI4791521754625614", nil},
		{"the words then prose", "FORM OF PAYMENT\nwe take 1.*VI4791521754625614", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// FuzzCardGDS: whatever the text, the form-of-payment readers' findings
// lie in it and are card numbers cardAt takes whole.
func FuzzCardGDS(f *testing.F) {
	for _, s := range []string{"FP CCVI4791521754625614/0628", "FP O/CCAX347282039071291/1027", "FP PAX O/CC", "O/CCVI4",
		"FORM OF PAYMENT\n  1.*VI4791521754625614‡07/25\n  2.*", "FORM OF PAYMENT\r\n", "FORM OF PAYMENT\n 1.*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tx := &Text{S: text, st: &scanState{}}
		for i := range len(text) {
			for _, k := range (cardGDS{}).Keywords() {
				if hasPrefixFold(text, i, k) {
					tx.Hits = append(tx.Hits, i)
					break
				}
			}
		}
		cardGDS{}.Find(tx)
		for _, r := range tx.st.raw {
			if e, ok := cardAt(text, r.start, digitsEnd(text, r.start)); !ok || e != r.end {
				t.Fatalf("%q: finding %q", text, text[r.start:r.end])
			}
		}
	})
}
