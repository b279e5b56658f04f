package detect

import "testing"

// TestWeakWordQualified: "number" or "numero" qualified as another kind
// of number (order number, numero di fattura, number of items) is no
// phone context; unqualified, or qualified by a phone's kind, it is. A
// number whose own label names another kind (EAN, version, order) is no
// phone whatever phone word stands before.
func TestWeakWordQualified(t *testing.T) {
	s := newTestScanner(t)
	for _, tc := range []struct {
		text  string
		wants []want
	}{
		{"order number 045-2659551", nil},
		{"Invoice Number: 0612345678", nil},
		{"tracking-number 0612 345 678", nil},
		{"number of items 0612345678", nil},
		{"numero ordine 0612345678", nil},
		{"numero di fattura 0612345678", nil},
		{"numero d'ordine 0612345678", nil},
		{"Numero pratica: 347 1234567", nil},
		{"my number is 06 1234 5678", []want{{TypePhone, "06 1234 5678"}}},
		{"numero: 347 1234567", []want{{TypePhone, "347 1234567"}}},
		{"numero verde 800 123 456", []want{{TypePhone, "800 123 456"}}},
		{"UK number 020 7946 0958", []want{{TypePhone, "020 7946 0958"}}},
		{"il mio numero è 347 1234567", []want{{TypePhone, "347 1234567"}}},
		{"contact number 347 1234567", []want{{TypePhone, "347 1234567"}}},
		{"numero di telefono 347 1234567", []want{{TypePhone, "347 1234567"}}},
		// The number's own label names another kind.
		{"Phone: +34 666 022 349 (rif. version 14.9.28.960)", []want{{TypePhone, "+34 666 022 349"}}},
		{"cellulare +39 02 9588 1170 (rif. EAN 8062417705090)", []want{{TypePhone, "+39 02 9588 1170"}}},
		{"Tel. 02 8736 4410, order 0612345678", []want{{TypePhone, "02 8736 4410"}}},
		{"Tel. 06 1234 5678 - P.IVA 0612345678", []want{{TypePhone, "06 1234 5678"}}},
		{"phone 0612345678 / VAT 0612345699", []want{{TypePhone, "0612345678"}}},
		{"Tel. ufficio 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"Telefono cliente 347 1234567", []want{{TypePhone, "347 1234567"}}},
	} {
		checkFindings(t, s, tc.text, tc.wants)
	}
}
