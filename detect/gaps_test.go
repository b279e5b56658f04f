package detect

import (
	"strings"
	"testing"
)

// TestFiscalCodeOmocodia covers every number of substituted digits, from
// none to all seven (the form with no digit left, found by
// itFiscalCodeLetters), and the look-alikes of the all-letter form.
func TestFiscalCodeOmocodia(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	for k := 0; k <= 7; k++ {
		cf := genFiscalCode(r, k)
		t.Run(cf, func(t *testing.T) {
			for _, text := range []string{"codice fiscale " + cf + ".", cf, "CF:" + cf + "\n", "(" + cf + ")"} {
				checkFindings(t, s, text, []want{{TypeITFiscalCode, cf}})
			}
		})
	}
	all := genFiscalCode(r, 7)
	if strings.ContainsAny(all, "0123456789") {
		t.Fatalf("genFiscalCode(7) = %q still has digits", all)
	}
	bad := all[:15] + string('A'+(all[15]-'A'+1)%26)
	// Month letter position holding a letter that is no month.
	noMonth := all[:8] + "Z" + all[9:]
	for name, text := range map[string]string{
		"bad check letter":    "CF " + bad,
		"no month":            "CF " + noMonth,
		"inside a longer run": "X" + all + " and " + all + "Y",
		"inside a word":       "a" + all,
		"lower case letters":  "cf " + strings.ToLower(all), // a long word: capitals only
		"capitals prose":      "PLEASE READ THE CONFIDENTIALITY AGREEMENT CAREFULLY BEFORE SIGNING",
		"sixteen capitals":    "ABCDEFGHIJKLMNOP QRSTUVWXYZABCDEF",
	} {
		t.Run(name, func(t *testing.T) { checkFindings(t, s, text, nil) })
	}
}

// TestIBANLowerCase: the mod-97 check does not depend on case, so an IBAN
// typed in lower case is found; one mixing cases is not, nor a lower-case
// one failing its check or its country's length.
func TestIBANLowerCase(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	de := genIBAN(r, "DE")
	it := genIBAN(r, "IT")
	gb := "GB" + "00" + "NWBK" + randFrom(r, "0123456789", 14)
	for c := 2; c <= 98; c++ {
		if cand := "GB" + twoDigits(c) + gb[4:]; ibanValid(cand) {
			gb = cand
			break
		}
	}
	if !ibanValid(gb) {
		t.Fatalf("no valid GB IBAN from %q", gb)
	}
	lowDE, lowGB := strings.ToLower(de), strings.ToLower(gb)
	badDE := lowDE[:21] + string('0'+(lowDE[21]-'0'+1)%10)
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"upper", "IBAN " + de, []want{{TypeIBAN, de}}},
		{"lower", "iban " + lowDE + ".", []want{{TypeIBAN, lowDE}}},
		{"lower grouped", "conto " + strings.ToLower(group4(it, " ")), []want{{TypeIBAN, strings.ToLower(group4(it, " "))}}},
		{"lower with bank letters", "pay to " + lowGB, []want{{TypeIBAN, lowGB}}},
		{"mixed country code", "iban De" + de[2:], nil},
		{"mixed bban", "iban gb" + gb[2:], nil},
		{"lower bad check", "iban " + badDE, nil},
		{"lower wrong length", "iban " + lowDE[:21], nil},
		{"lower inside a token", "x" + lowDE, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}
