package detect

import (
	"strings"
	"testing"
)

// TestPhoneHL7: the numbers of HL7 v2's XTN fields, in components or
// written whole before the use code.
func TestPhoneHL7(t *testing.T) {
	s := newTestScanner(t)
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"pid-13 components", "PID|1||x||ROSSI^MARIO||19800101|M|||VIA MA 179^^TORINO^^88862^ITA^H||^PRN^PH^^39^010^9174528|||W",
			[]want{{TypePhone, "39^010^9174528"}}},
		{"nk1 mobile", "NK1|1|SANTORO^NOEMI|CHD^Figlio||^PRN^CP^^39^359^6891974", []want{{TypePhone, "39^359^6891974"}}},
		{"work, no country", "|^WPN^PH^^^312^4199187|ENG|", []want{{TypePhone, "312^4199187"}}},
		{"whole before the use code", "|~0521-771114^PRN^CP~^ORN^CP^^39^360^1602396|||W",
			[]want{{TypePhone, "0521-771114"}, {TypePhone, "39^360^1602396"}}},
		{"e-mail only", "|^NET^Internet^mario.rossi@example.org|", []want{{TypeEmail, "mario.rossi@example.org"}}},
		{"empty", "OBX|1|NM|^PRN^^^^^|", nil},
		{"too few digits", "|^PRN^PH^^39^02^123|", nil},
		{"lower case", "the ^prn^ph^^39^010^9174528 code", nil},
		// By the field's position, the number written whole.
		{"nk1-5", "PV1|1|E|x\r\nNK1|1|LONGO^FILIPPO|SPO^Coniuge||334 6518489\r\n", []want{{TypePhone, "334 6518489"}}},
		{"pid-13 and pid-14", "MSH|^~\\&|HIS\nPID|1||X^^^MEF||ROSSI^ANNA||19800101|F|||VIA ROMA 1^^TORINO||0521 123456~0521 654321|02 87364410|||",
			[]want{{TypePhone, "0521 123456"}, {TypePhone, "02 87364410"}}},
		{"pid-13 whole before the use code", "PID|1||X||R^A||1980|F|||V||0521-771114^PRN^CP|", []want{{TypePhone, "0521-771114"}}},
		{"another field", "NK1|1|X|SPO|0521 123456||\nPID|1|0521 123456", nil},
		{"not a segment's start", "xNK1|1|X|SPO||334 6518489 and nk1|1|x|spo||334 6518489", nil},
		{"too few digits", "NK1|1|X|SPO||12345|", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// FuzzPhoneHL7: whatever the text, the XTN reader's findings lie in it,
// hold only digits, '^' and phone punctuation, and seven digits or more.
func FuzzPhoneHL7(f *testing.F) {
	for _, s := range []string{"||^PRN^PH^^39^010^9174528~^NET^Internet^a@b.it|", "~0521-771114^PRN^CP~", "^WPN^PH^^^312^4199187", "^PRN^^^^^", "^ORN^", "x^PRN^PH^^1^", "NK1|1|A|B||0521 123456|02 1234567|", "PID|||||||||||||"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tx := &Text{S: text, st: &scanState{}}
		for i := range len(text) {
			if hasPrefixFold(text, i, "^prn^") || hasPrefixFold(text, i, "^orn^") || hasPrefixFold(text, i, "^wpn^") ||
				hasPrefixFold(text, i, "pid|") || hasPrefixFold(text, i, "nk1|") {
				tx.Hits = append(tx.Hits, i)
			}
		}
		phoneHL7{}.Find(tx)
		for _, r := range tx.st.raw {
			v := text[r.start:r.end]
			digits := 0
			for i := 0; i < len(v); i++ {
				if isDigit(v[i]) {
					digits++
				} else if !strings.ContainsRune("^+()-./ ", rune(v[i])) {
					t.Fatalf("%q: finding %q holds %q", text, v, v[i])
				}
			}
			if digits < 7 {
				t.Fatalf("%q: finding %q has %d digits", text, v, digits)
			}
		}
	})
}
