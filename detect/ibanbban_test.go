package detect

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// ibanRegistryExamples are the example IBANs of the SWIFT IBAN registry,
// one a country: specimens, not accounts.
var ibanRegistryExamples = []string{
	"AD1200012030200359100100", "AE070331234567890123456", "AL47212110090000000235698741",
	"AT611904300234573201", "AZ21NABZ00000000137010001944", "BA391290079401028494",
	"BE68539007547034", "BG80BNBG96611020345678", "BH67BMAG00001299123456",
	"BI4210000100010000332045181", "BR1800360305000010009795493C1", "BY13NBRB3600900000002Z00AB00",
	"CH9300762011623852957", "CR05015202001026284066", "CY17002001280000001200527600",
	"CZ6508000000192000145399", "DE89370400440532013000", "DJ2100010000000154000100186",
	"DK5000400440116243", "DO28BAGR00000001212453611324", "EE382200221020145685",
	"EG380019000500000000263180002", "ES9121000418450200051332", "FI2112345600000785",
	"FK88SC123456789012", "FO6264600001631634", "FR1420041010050500013M02606",
	"GB29NWBK60161331926819", "GE29NB0000000101904917", "GI75NWBK000000007099453",
	"GL8964710001000206", "GR1601101250000000012300695", "GT82TRAJ01020000001210029690",
	"HN88CABF00000000000250005469", "HR1210010051863000160", "HU42117730161111101800000000",
	"IE29AIBK93115212345678", "IL620108000000099999999", "IQ98NBIQ850123456789012",
	"IS140159260076545510730339", "IT60X0542811101000000123456", "JO94CBJO0010000000000131000302",
	"KW81CBKU0000000000001234560101", "KZ86125KZT5004100100", "LB62099900000001001901229114",
	"LC55HEMM000100010012001200023015", "LI21088100002324013AA", "LT121000011101001000",
	"LU280019400644750000", "LV80BANK0000435195001", "LY83002048000020100120361",
	"MC5811222000010123456789030", "MD24AG000225100013104168", "ME25505000012345678951",
	"MK07250120000058984", "MN121234123456789123", "MR1300020001010000123456753",
	"MT84MALT011000012345MTLCAST001S", "MU17BOMM0101101030300200000MUR", "NI45BAPR00000013000003558124",
	"NL91ABNA0417164300", "NO9386011117947", "OM810180000001299123456",
	"PK36SCBL0000001123456702", "PL61109010140000071219812874", "PS92PALS000000000400123456702",
	"PT50000201231234567890154", "QA58DOHB00001234567890ABCDEFG", "RO49AAAA1B31007593840000",
	"RS35260005601001611379", "RU0304452522540817810538091310419", "SA0380000000608010167519",
	"SC18SSCB11010000000000001497USD", "SD2129010501234001", "SE4550000000058398257466",
	"SI56263300012039086", "SK3112000000198742637541", "SM86U0322509800000000270100",
	"SO211000001001000100141", "ST23000100010051845310146", "SV62CENR00000000000000700025",
	"TL380080012345678910157", "TN5910006035183598478831", "TR330006100519786457841326",
	"UA213223130000026007233566001", "VA59001123000012345678", "VG96VPVG0000012345678901",
	"XK051212012345678906", "YE15CBYE0001018861234567891234",
}

// ibanKinds expands a BBAN structure ("4a14n") into one kind a position
// ("aaaannnnnnnnnnnnnn"), or "" if it is malformed: the reference reading.
func ibanKinds(f string) string {
	var b strings.Builder
	for f != "" {
		n := 0
		for f != "" && isDigit(f[0]) {
			n = n*10 + int(f[0]-'0')
			f = f[1:]
		}
		if n == 0 || f == "" || strings.IndexByte("anc", f[0]) < 0 {
			return ""
		}
		b.WriteString(strings.Repeat(f[:1], n))
		f = f[1:]
	}
	return b.String()
}

// TestIBANBBANTable: every IBAN country has a structure, of the country's
// length less the code and check digits, well formed, and its digit mask
// is its "n" positions; no structure for a country without a length.
func TestIBANBBANTable(t *testing.T) {
	if len(ibanBBAN) != len(ibanLengths) {
		t.Errorf("%d BBAN structures, %d IBAN countries", len(ibanBBAN), len(ibanLengths))
	}
	for cc, n := range ibanLengths {
		f, ok := ibanBBAN[cc]
		kinds := ibanKinds(f)
		if !ok || kinds == "" || len(kinds) != n-4 {
			t.Errorf("%s: structure %q (%d positions), want %d", cc, f, len(kinds), n-4)
			continue
		}
		var want uint32
		for k := range len(kinds) {
			if kinds[k] == 'n' {
				want |= 1 << k
			}
		}
		if got := ibanDigits[cc[0]-'A'][cc[1]-'A']; got != want {
			t.Errorf("%s: digit mask %b, want %b", cc, got, want)
		}
	}
	for cc := range ibanBBAN {
		if _, ok := ibanLengths[cc]; !ok {
			t.Errorf("%s: a structure, no IBAN length", cc)
		}
	}
}

// ibanWithCheck returns the code of country cc with BBAN bban and the
// check digits mod-97 asks for, whatever the BBAN holds (withCheckDigits
// asks ibanValid, which the structure may refuse).
func ibanWithCheck(cc, bban string) string {
	rem := 0
	for _, c := range []byte(strings.ToUpper(bban) + cc + "00") {
		if isDigit(c) {
			rem = (rem*10 + int(c-'0')) % 97
		} else {
			rem = (rem*100 + int(c-'A'+10)) % 97
		}
	}
	return cc + twoDigits(98-rem) + bban
}

// ibanFromStructure returns an IBAN of country cc whose BBAN follows the
// registry's structure, with letters where it declares "a", either where
// "c", but digits in the letter positions too if digitsOnly.
func ibanFromStructure(r *rand.Rand, cc string, digitsOnly bool) string {
	var b strings.Builder
	for _, k := range []byte(ibanKinds(ibanBBAN[cc])) {
		switch {
		case k == 'n' || digitsOnly:
			b.WriteString(randFrom(r, "0123456789", 1))
		case k == 'a':
			b.WriteString(randFrom(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1))
		default:
			b.WriteString(randFrom(r, upperDigits, 1))
		}
	}
	return ibanWithCheck(cc, b.String())
}

// ibanForms are the ways an IBAN is written that iban reads: compact or in
// fours, in capitals or lower case.
func ibanForms(code string) []string {
	return []string{code, group4(code, " "), strings.ToLower(code), strings.ToLower(group4(code, " ")), group4(code, "-")}
}

// scanIBANs returns the IBANs found in text, as text.
func scanIBANs(s *Scanner, text string) []string {
	var got []string
	for _, f := range s.ScanText(text) {
		if f.Type == TypeIBAN {
			got = append(got, text[f.Start:f.End])
		}
	}
	return got
}

// TestIBANBBANDigits: a letter where the registry declares digits is no
// IBAN, though mod-97 and the length hold — the UUID the auditor found
// ("be9148d7-e040-4335": Belgium's BBAN is twelve digits), and BE, DE, ES,
// PL codes with a letter made to pass mod-97 — for ibanAt, ibanGroupedAt
// (after the label) and ibanValid alike; the same code with a digit there
// is one.
func TestIBANBBANDigits(t *testing.T) {
	s := newTestScanner(t)
	uuid := "request id be9148d7-e040-4335-9775-51a32185b5b6"
	if got := scanIBANs(s, uuid); len(got) != 0 {
		t.Errorf("%q: IBANs %q, want none", uuid, got)
	}
	checkIBANAt(t, uuid)
	r := rng(t)
	for _, cc := range []string{"BE", "DE", "ES", "PL"} {
		for range 20 {
			bban := []byte(randFrom(r, "0123456789", ibanLengths[cc]-4))
			k := r.IntN(len(bban))
			good := ibanWithCheck(cc, string(bban))
			bban[k] = randFrom(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1)[0]
			bad := ibanWithCheck(cc, string(bban))
			for _, tc := range []struct {
				code string
				want bool
			}{{good, true}, {bad, false}} {
				if got := ibanValid(tc.code); got != tc.want {
					t.Errorf("ibanValid(%q) = %v, want %v", tc.code, got, tc.want)
				}
				for _, v := range ibanForms(tc.code) {
					if _, ok := ibanAt(v, 2); ok != tc.want {
						t.Errorf("ibanAt(%q, 2) = %v, want %v", v, ok, tc.want)
					}
					checkIBANAt(t, "conto "+v+".")
				}
				labelled := tc.code[:2] + " " + tc.code[2:4] + " " + tc.code[4:]
				for _, v := range []string{labelled, strings.ToLower(labelled)} {
					if _, ok := ibanGroupedAt("IBAN: "+v, 6); ok != tc.want {
						t.Errorf("ibanGroupedAt(%q, 6) = %v, want %v", "IBAN: "+v, ok, tc.want)
					}
					want := []string{}
					if tc.want {
						want = []string{v}
					}
					if got := scanIBANs(s, "IBAN: "+v); !slices.Equal(got, want) {
						t.Errorf("%q: IBANs %q, want %q", "IBAN: "+v, got, want)
					}
				}
			}
		}
	}
}

// TestIBANBBANLetters: letters stand where the registry declares them ("a")
// or allows them ("c"), and digits there too (a generator may fill an
// Italian CIN or a Dutch bank code with digits): the registry's examples
// and codes made from each structure are found in each form, and valid.
func TestIBANBBANLetters(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	type tc struct{ name, code string }
	var cases []tc
	for _, e := range ibanRegistryExamples {
		cases = append(cases, tc{"registry " + e[:2], e})
	}
	for _, cc := range []string{"GB", "NL", "IT", "SM", "FR", "MC", "CH", "LI", "BR", "MT", "SC", "MU", "BG", "CY", "TR"} {
		for range 5 {
			cases = append(cases, tc{cc + " letters", ibanFromStructure(r, cc, false)},
				tc{cc + " digits", ibanFromStructure(r, cc, true)})
		}
	}
	cases = append(cases,
		tc{"IT letter CIN", ibanWithCheck("IT", "X"+randFrom(r, "0123456789", 22))},
		tc{"IT digit CIN", ibanWithCheck("IT", "7"+randFrom(r, "0123456789", 22))},
		tc{"IT letters in the account", ibanWithCheck("IT", "K"+randFrom(r, "0123456789", 10)+"CC"+randFrom(r, upperDigits, 10))},
		tc{"FR letter in the account", ibanWithCheck("FR", randFrom(r, "0123456789", 10)+"0000"+"A"+randFrom(r, "0123456789", 8))},
		tc{"CH letters", ibanWithCheck("CH", randFrom(r, "0123456789", 5)+"ABCDEF"+randFrom(r, "0123456789", 6))},
		tc{"BR letters", ibanWithCheck("BR", randFrom(r, "0123456789", 23)+"PZ")},
		tc{"NL digit bank code", ibanWithCheck("NL", "1234"+randFrom(r, "0123456789", 10))},
	)
	for _, c := range cases {
		if !ibanValid(c.code) {
			t.Errorf("%s: ibanValid(%q) = false", c.name, c.code)
		}
		for _, v := range ibanForms(c.code) {
			text := "IBAN " + v + "."
			if got := scanIBANs(s, text); !slices.Equal(got, []string{v}) {
				t.Errorf("%s: %q: IBANs %q, want %q", c.name, text, got, v)
			}
			checkIBANAt(t, text)
		}
	}
}
