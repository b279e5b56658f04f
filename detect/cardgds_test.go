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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}
