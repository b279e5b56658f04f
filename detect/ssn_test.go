package detect

import (
	"strings"
	"testing"
)

// TestSSNNearestLabel: nine bare digits are an SSN only where an SSN word
// is the nearest label before them; a routing, ABA or account label
// between names another number.
func TestSSNNearestLabel(t *testing.T) {
	s := newTestScanner(t)
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		{"routing after a masked ssn", "SSN: ***-**-5051   Routing: 084587653", nil},
		{"aba", "SSN ***-**-5051, ABA 256074974", nil},
		{"account", "SSN: on file. Account: 234567891", nil},
		{"iban word", "ssn xxx-xx-1234 iban 234567891", nil},
		{"conto", "SSN ***-**-5051 conto 234567891", nil},
		{"ssn", "SSN: 234567891", []want{{TypeUSSSN, "234567891"}}},
		{"social security account number", "Social Security Account Number: 234567891", []want{{TypeUSSSN, "234567891"}}},
		{"ssn after routing", "Routing: 084587653 SSN: 234567891", []want{{TypeUSSSN, "234567891"}}},
		{"a word that starts like a label", "SSN (abandoned form) 234567891", []want{{TypeUSSSN, "234567891"}}},
		{"dashed is an ssn by its shape", "Routing: 234-56-7891", []want{{TypeUSSSN, "234-56-7891"}}},
		{"dashed after part no.", "total was $5590.08 for 20 units, part no. 345-81-8868, compute", nil},
		{"dashed after order", "order 345-81-8868 shipped", nil},
		{"dashed after a location area", "IMSI 222991888241649, LAI 222-99-2830: which operator?", nil},
		{"dashed after ticket #", "Ticket #345-81-8868 closed", nil},
		{"dashed after ssn no.", "SSN no. 345-81-8868", []want{{TypeUSSSN, "345-81-8868"}}},
		{"dashed after tax id", "Tax ID: 345-81-8868", []want{{TypeUSSSN, "345-81-8868"}}},
		{"dashed after its account name", "Social Security Account No. 234-56-7891", []want{{TypeUSSSN, "234-56-7891"}}},
		{"bare after order", "SSN 206-57-5503, DOB 1980-01-02, order 720987278", []want{{TypeUSSSN, "206-57-5503"}}},
		{"bare after badge", "Phone: n/a. Extension 8278. Badge 848489934, desk 416-B", nil},
		// A table column the word heads, however far above.
		{"csv column", "First name,Last name,Phone,SSN,Company\nSophie,Hughes,348 5933106,234567891,Oakridge Ltd\n" +
			"Anna,Bell,348 5933107,234567892,Redwood Ltd", []want{{TypePhone, "348 5933106"}, {TypeUSSSN, "234567891"},
			{TypePhone, "348 5933107"}, {TypeUSSSN, "234567892"}}},
		{"semicolon column", "Name;SSN;Signup\nEmily;234567891;2022-10-25", []want{{TypeUSSSN, "234567891"}}},
		{"other column", "First name,SSN,Order\nSophie Hughes-Whitfield-Oakridge,***-**-5051,234567891", nil},
		{"not starting its cell", "Name,SSN\nSophie Hughes-Whitfield-Oakridge,see the file 234567891", nil},
		{"first line", "234567891,SSN", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestSSNNearestLabelMany: with many SSN words in a text (sorted hits),
// the nearest one before the digits decides as with few.
func TestSSNNearestLabelMany(t *testing.T) {
	s := newTestScanner(t)
	var b strings.Builder
	var wants []want
	for i := range 12 {
		if i%2 == 0 {
			b.WriteString("SSN: ***-**-5051   Routing: 084587653\n")
		} else {
			b.WriteString("SSN: 234567891\n")
			wants = append(wants, want{TypeUSSSN, "234567891"})
		}
	}
	checkFindings(t, s, b.String(), wants)
}
