package detect

import (
	"strings"
	"testing"
)

// TestPhoneGDS: a PNR's contact element and Sabre's PHONES lines give
// phone numbers without a phone word; the same digits elsewhere are not.
func TestPhoneGDS(t *testing.T) {
	s := newTestScanner(t)
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"ctcm", "  5 SSR DOCS AZ HK1 P/ITA/YA9661668/ITA/02OCT94/M/04JUL34/ROSSI/MARIO/P1\n  6 SSR CTCM AZ HK1 393471902752/P1\n  7 SSR FQTV AZ HK/ AZ361520300/P1",
			[]want{{TypePhone, "393471902752"}}},
		{"ctcm at the end", "SSR CTCM LH HK1 14152411972", []want{{TypePhone, "14152411972"}}},
		{"ctcm with a plus", "SSR CTCM BA HK1 +447505222620/P2", []want{{TypePhone, "+447505222620"}}},
		{"ctcm too short", "SSR CTCM AZ HK1 123456/P1", nil},
		{"ctcm without the status", "SSR CTCM 393471902752/P1", nil},
		{"ctcm a word", "SSR CTCM AZ HK1 MOBILE/P1", nil},
		{"sabre", "TKT/TIME LIMIT\n  1.TAW10MAY/\nPHONES\n  1.MIL393471234567-M\n  2.ROM06 12345678-A\n  3.VCEAGCY-A\nEMAIL\n  1.X",
			[]want{{TypePhone, "393471234567"}, {TypePhone, "06 12345678"}}},
		{"sabre crlf", "PHONES\r\n  1.NAP3479506701-M\r\n", []want{{TypePhone, "3479506701"}}},
		{"the word in prose", "Our phones\n  1.NAP3479506701-M", nil},
		{"no type after", "PHONES\n  1.NAP3479506701", nil},
		{"lower case", "phones\n  1.NAP3479506701-M", nil},
		{"a list of another kind", "PHONES\n1. see the attached list", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// FuzzPhoneGDS: whatever the text, the GDS readers' findings lie in it and
// are phone digits (phoneDigits).
func FuzzPhoneGDS(f *testing.F) {
	for _, s := range []string{"SSR CTCM AZ HK1 393471902752/P1", "SSR CTCM", "SSR CTCM AZ", "SSR CTCM AZ HK1 ",
		"PHONES\n  1.MIL393471234567-M\n  2.ROM06 12345678-A\n", "PHONES\r\n", "PHONES\n  1.", "PHONES\n 12.ABC1234567-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tx := &Text{S: text, st: &scanState{}}
		for i := range len(text) {
			if hasPrefixFold(text, i, "ssr ctcm") || hasPrefixFold(text, i, "phones") {
				tx.Hits = append(tx.Hits, i)
			}
		}
		phoneGDS{}.Find(tx)
		for _, r := range tx.st.raw {
			if v := text[r.start:r.end]; !phoneDigits(v) || strings.TrimSpace(v) != v {
				t.Fatalf("%q: finding %q", text, v)
			}
		}
	})
}
