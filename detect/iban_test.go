package detect

import (
	"slices"
	"strings"
	"testing"
)

// ibanAtRef is ibanAt as it was byte by byte, the reference: it matches an IBAN whose check digits start at i, the country code
// just before them, and returns its end.
func ibanAtRef(text string, i int) (int, bool) {
	// Anchor on the check digits, right after the country code.
	s := i - 2
	if s < 0 || !isDigit(byteAt(text, i+1)) || isAlnum(byteAt(text, s-1)) {
		return 0, false
	}
	// ISO 13616 writes IBANs in capitals, but the check is the same in
	// lower case, and people type them so: accept a code written entirely
	// in one case, never mixed.
	lowerCase := isLower(text[s])
	if lowerCase != isLower(text[s+1]) || !isAlpha(text[s]) || !isAlpha(text[s+1]) {
		return 0, false
	}
	want := int(ibanLength[lower(text[s])-'a'][lower(text[s+1])-'a'])
	if want == 0 {
		return 0, false
	}
	var buf [34]byte
	n, j := 0, s
	var sep string
	// Digits and letters of the code's case are taken (capitalised) by a
	// table: one branch, taken but at separators, whatever the mix.
	accept := refDigit | refUpper
	if lowerCase {
		accept = refDigit | refLower
	}
	for j < len(text) && n < want {
		c := text[j]
		if k := ibanClassRef[c]; k&accept != 0 {
			buf[n] = c &^ (k & refLower << 3) // 'a' - 'A' is refLower<<3
			n++
			j++
			continue
		}
		if n%4 == 0 {
			// Printed form: one separator between groups of four, the same
			// each time.
			if k := ibanSepRef(text, j); k != "" && (sep == "" || sep == k) {
				sep = k
				j += len(k)
				continue
			}
		}
		break
	}
	// The code's checks as the standard states them (refIBANValid): the
	// length, mod-97, and digits where the registry's BBAN structure
	// declares them.
	if n != want || isAlnum(byteAt(text, j)) || !refIBANValid(string(buf[:n])) {
		return 0, false
	}
	return j, true
}

// ibanSepRef returns the separator between an IBAN's groups at j: a space,
// a dash or a dot, two spaces or " - ", followed by a letter or digit; or "".
func ibanSepRef(text string, j int) string {
	for _, sep := range []string{" ", "-", ".", "  ", " - "} {
		if strings.HasPrefix(text[j:], sep) && isAlnum(byteAt(text, j+len(sep))) {
			return sep
		}
	}
	return ""
}

// ibanClassRef classifies the bytes of an IBAN for ibanAt.
var ibanClassRef = func() (t [256]uint8) {
	for c := range 256 {
		switch b := byte(c); {
		case isDigit(b):
			t[c] = refDigit
		case isUpper(b):
			t[c] = refUpper
		case isLower(b):
			t[c] = refLower
		}
	}
	return
}()

const (
	refDigit uint8 = 1 << iota
	refUpper
	refLower
)

// ibanAtCases are texts around IBANs: printed and compact, both cases,
// separators of each kind, cut short, too long, mixed case, bad checks.
func ibanAtCases() []string {
	codes := []string{
		"IT60X0542811101000000123456", "DE89370400440532013000", "GB82WEST12345698765432",
		"NO9386011117947", "FR1420041010050500013M02606", "MT84MALT011000012345MTLCAST001S",
		"BE68539007547034", "RU0204452560040702810412345678901",
	}
	var out []string
	for _, c := range codes {
		var sp, da strings.Builder
		for k := 0; k < len(c); k += 4 {
			if k > 0 {
				sp.WriteByte(' ')
				da.WriteByte('-')
			}
			sp.WriteString(c[k:min(k+4, len(c))])
			da.WriteString(c[k:min(k+4, len(c))])
		}
		for _, v := range []string{c, sp.String(), da.String(), group4(c, "."), group4(c, "  "), group4(c, " - "),
			group4(c, "   "), group4(c, "--"), group4(c, "/")} {
			for _, w := range []string{v, strings.ToLower(v), v[:len(v)-1], v + "0", v + " 1234", v + "x",
				v[:len(v)-1] + "9", strings.ToLower(v[:3]) + v[3:], v[:2] + "99" + v[4:]} {
				out = append(out, w, "IBAN: "+w+".", "x"+w, w+" ", "("+w+")", "?31"+w+"?32")
			}
		}
	}
	// Every pair of letters or digits (of either case) as the country
	// code: a bad one is rejected with the rest, its length clamped.
	const alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	for _, a := range alnum {
		for _, b := range alnum {
			out = append(out, string(a)+string(b)+"60 X054 2811 1010 0000 0123 456")
		}
	}
	return append(out, "IT60 X054-2811", "IT60  X054", "IT60 ", "IT6", "it60x05428111010000001234 56",
		"IT60.X054 2811 1010 0000 0123 456", "IT60  X054 2811 1010 0000 0123 456", "IT60 - X054  2811 1010 0000 0123 456",
		"IT60X054.2811.1010.0000.0123.456", "IT60 -X054", "IT60 . X054", "IT60.",
		"IT60X054 2811 1010 0000 0123 456", "IT60 X054 2811 1010 0000 0123 45 6",
		// Mod-97 holds, but a letter stands where Belgium's BBAN has
		// digits (a UUID), and the same kind of code with digits.
		"request id be9148d7-e040-4335-9775-51a32185b5b6", "BE91 48D7 E040 4335", "be9148d7e0404335",
		"BE68 5390 0754 7034", "be68-5390-0754-7034")
}

// TestIBANAtMatchesRef compares ibanAt with the byte-by-byte reference at
// every digit of each case.
func TestIBANAtMatchesRef(t *testing.T) {
	found := 0
	for _, s := range ibanAtCases() {
		checkIBANAt(t, s)
		for i := range s {
			if _, ok := ibanAt(s, i); ok {
				found++
			}
		}
	}
	if found < 100 {
		t.Fatalf("ibanAt found %d IBANs in the cases, want 100 or more", found)
	}
}

func checkIBANAt(t *testing.T, s string) {
	t.Helper()
	for i := range len(s) + 2 {
		j, ok := ibanAt(s, i)
		rj, rok := ibanAtRef(s, i)
		if ok != rok || ok && j != rj {
			t.Fatalf("ibanAt(%q, %d) = %d, %v; reference %d, %v", s, i, j, ok, rj, rok)
		}
	}
}

func FuzzIBANAt(f *testing.F) {
	for _, s := range ibanAtCases() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkIBANAt(t, s)
	})
}

// withCheckDigits returns the IBAN of country cc with BBAN bban.
func withCheckDigits(cc, bban string) string {
	for c := 2; c <= 98; c++ {
		if s := cc + twoDigits(c) + bban; ibanValid(s) {
			return s
		}
	}
	panic("unreachable")
}

// TestIBANLabelled: after the word IBAN, a code grouped otherwise than in
// ISO's fours is found (the Italian national form: check digits, CIN, ABI,
// CAB, account); without the label, or with a bad check, a wrong length,
// a group run on into a longer one, mixed case or mixed separators, not.
func TestIBANLabelled(t *testing.T) {
	r := rng(t)
	it := withCheckDigits("IT", randFrom(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1)+randFrom(r, "0123456789", 22))
	cin, abi, cab, acct := it[4:5], it[5:10], it[10:15], it[15:]
	national := it[:2] + " " + it[2:4] + " " + cin + " " + abi + " " + cab + " " + acct
	bad := it[:4] + cin + abi + cab + acct[:11] + string('0'+(acct[11]-'0'+1)%10)
	de := genIBAN(r, "DE")
	for _, tc := range []struct {
		text string
		want string // the IBAN's text as found; "" for none
	}{
		{"IBAN: " + national, national},
		{"Coordinate bancarie - IBAN " + it[:4] + " " + cin + " " + abi + " " + cab + " " + acct + ".", it[:4] + " " + cin + " " + abi + " " + cab + " " + acct},
		{"iban n. " + strings.ToLower(national) + " (BPM)", strings.ToLower(national)},
		{"IBAN del conto: " + it[:2] + "-" + it[2:4] + "-" + cin + "-" + abi + "-" + cab + "-" + acct, it[:2] + "-" + it[2:4] + "-" + cin + "-" + abi + "-" + cab + "-" + acct},
		{"IBAN: " + de[:2] + " " + de[2:4] + " " + de[4:12] + " " + de[12:], de[:2] + " " + de[2:4] + " " + de[4:12] + " " + de[12:]},
		// iban's own forms, found once.
		{"IBAN: " + it, it},
		{"IBAN: " + group4(it, " "), group4(it, " ")},
		// Not: no label, a bad check, a longer group, mixed case or separators.
		{"conto " + national, ""},
		{"IBAN: " + bad[:2] + " " + bad[2:4] + " " + bad[4:5] + " " + bad[5:10] + " " + bad[10:15] + " " + bad[15:], ""},
		{"IBAN: " + national + "7", ""},
		{"IBAN: " + it[:2] + " " + it[2:4] + " " + strings.ToLower(cin) + " " + abi + " " + cab + " " + acct, ""},
		{"IBAN: " + it[:2] + " " + it[2:4] + "-" + cin + " " + abi + " " + cab + " " + acct, ""},
		{"IBAN: " + it[:2] + "  " + it[2:4] + " " + cin + " " + abi + " " + cab + " " + acct, ""},
		// The printed forms' other separators, one kind for the code.
		{"IBAN: " + strings.ReplaceAll(national, " ", "."), strings.ReplaceAll(national, " ", ".")},
		{"IBAN: " + strings.ReplaceAll(national, " ", "  "), strings.ReplaceAll(national, " ", "  ")},
		{"IBAN: " + strings.ReplaceAll(national, " ", " - "), strings.ReplaceAll(national, " ", " - ")},
		{"IBAN: " + it[:2] + "." + it[2:4] + " " + cin + " " + abi + " " + cab + " " + acct, ""},
		// MT940's subfield ?31 (a statement's :86: field), its digits
		// touching the code.
		{":86:166?00SEPA-UEBERWEISUNG?20EREF+X?30MEDBDE2XXXX?31" + de + "?32ANNA ROSSI", de},
		{"?31" + strings.ToLower(de) + "?32", ""},
		{"?31" + de + "7", ""},
		{"?3" + de, ""},
		// Too far after the label.
		{"IBAN: vedi il documento allegato alla mail di ieri, " + national, ""},
	} {
		var got []string
		for _, f := range newTestScanner(t).ScanText(tc.text) {
			if f.Type == TypeIBAN {
				got = append(got, tc.text[f.Start:f.End])
			}
		}
		want := []string{}
		if tc.want != "" {
			want = []string{tc.want}
		}
		if len(got) != len(want) || len(got) == 1 && got[0] != want[0] {
			t.Errorf("%q: IBANs %q, want %q", tc.text, got, want)
		}
	}
}

// TestIBANPrintedSeparators: an IBAN printed in ISO's fours is found with
// a space, a dash or a dot between the groups (the dot is how some banks
// print it), or two spaces or " - " (a looser print), one kind for the
// code; mod-97 and the country's length decide, as for the usual forms.
// Mixed separators, three spaces, slashes or a bad check are not found.
func TestIBANPrintedSeparators(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	for range 200 {
		cc := []string{"DE", "FR", "IT", "NL", "FI", "ES", "GB", "BE", "PL", "MT"}[r.IntN(10)]
		code := genIBAN(r, cc)
		if r.IntN(3) == 0 {
			code = strings.ToLower(code)
		}
		bad := code[:2] + twoDigits((int(code[2]-'0')*10+int(code[3]-'0')+1)%98+2) + code[4:]
		for _, tc := range []struct {
			text, want string
		}{
			{"IBAN " + group4(code, "."), group4(code, ".")},
			{"conto " + group4(code, "  ") + ", grazie", group4(code, "  ")},
			{"Bonifico su " + group4(code, " - ") + ".", group4(code, " - ")},
			{group4(code, "-"), group4(code, "-")},
			// Not.
			{"conto " + group4(bad, "."), ""},
			{"conto " + group4(code, "   "), ""},
			{"conto " + group4(code, "/"), ""},
			{"conto " + group4(code, "--"), ""},
			{"conto " + strings.Replace(group4(code, "."), ".", " ", 1), ""},
		} {
			var got []string
			for _, f := range s.ScanText(tc.text) {
				if f.Type == TypeIBAN {
					got = append(got, tc.text[f.Start:f.End])
				}
			}
			want := []string{}
			if tc.want != "" {
				want = []string{tc.want}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%q: IBANs %q, want %q", tc.text, got, want)
			}
			checkIBANAt(t, tc.text)
			checkNumbers(t, numberScanner(t), tc.text)
		}
	}
}

// FuzzIBANGroupedAt: wherever ibanGroupedAt matches, the code's characters
// are a valid IBAN, its separators one kind (ibanSepRef's) and one at a
// time, what follows no letter or digit, and iban's own matcher does not
// read it (the two detectors split the forms).
func FuzzIBANGroupedAt(f *testing.F) {
	f.Add("IBAN: IT 60 X 05428 11101 000000123456")
	f.Add("IBAN: it60-x-05428-11101-000000123456 ok")
	f.Add("IBAN IT60 X054 2811 1010 0000 0123 456")
	f.Add("IBAN: DE 89 37040044 0532013000")
	f.Add("IBAN: IT.60.X.05428.11101.000000123456")
	f.Add("IBAN: IT  60  X  05428  11101  000000123456")
	f.Add("IBAN: IT60 - X - 05428 - 11101 - 000000123456")
	f.Fuzz(func(t *testing.T, text string) {
		for s := range len(text) {
			e, ok := ibanGroupedAt(text, s)
			if !ok {
				continue
			}
			code := text[s:e]
			var compact []byte
			sep := ""
			for j := 0; j < len(code); {
				if isAlnum(code[j]) {
					compact = append(compact, code[j])
					j++
					continue
				}
				k := ibanSepRef(code, j)
				if k == "" || sep != "" && k != sep {
					t.Fatalf("ibanGroupedAt(%q, %d) = %q: separators", text, s, code)
				}
				sep = k
				j += len(k)
			}
			if !ibanValid(strings.ToUpper(string(compact))) || isAlnum(byteAt(text, e)) {
				t.Fatalf("ibanGroupedAt(%q, %d) = %q", text, s, code)
			}
			if _, ok := ibanAt(text, s+2); ok {
				t.Fatalf("ibanGroupedAt(%q, %d) = %q, which ibanAt reads too", text, s, code)
			}
		}
	})
}

// refIBANAcrossLine is ibanAcrossLine on the whole text: its first line
// break in reach made a space, ibanAt read there, the code running past
// the break.
func refIBANAcrossLine(text string, i int) (int, bool) {
	s := i - 2
	if s < 0 || !strings.HasPrefix(text[min(s+4, len(text)):], " ") || len(text) <= s+5 || !isAlnum(text[s+5]) {
		return 0, false
	}
	nl := strings.IndexByte(text[s:min(len(text), s+43)], '\n')
	if nl < 5 || !isAlnum(text[s+nl-1]) || s+nl+1 >= len(text) || !isAlnum(text[s+nl+1]) {
		return 0, false
	}
	j, ok := ibanAt(text[:s+nl]+" "+text[s+nl+1:], i)
	return j, ok && j > s+nl
}

// TestIBANAcrossLine: a code printed in fours may break its line where a
// space stands between groups, once; elsewhere, or compact, not.
func TestIBANAcrossLine(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	it, fr := genIBAN(r, "IT"), genIBAN(r, "FR")
	fours := func(code string, brk int) string { // a line break after group brk
		var b strings.Builder
		for g := 0; g*4 < len(code); g++ {
			if g > 0 {
				b.WriteString([]string{" ", "\n"}[b2i(g == brk)])
			}
			b.WriteString(code[g*4 : min(len(code), g*4+4)])
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, text string
		wants      []want
	}{
		{"after the second group", "Coordinate bancarie:\n" + fours(it, 2) + "\nControlla", []want{{TypeIBAN, fours(it, 2)}}},
		{"before the last group", "New account:\n" + fours(fr, 6) + "\nThanks.", []want{{TypeIBAN, fours(fr, 6)}}},
		{"inside a group", it[:4] + " " + it[4:10] + "\n" + it[10:], nil},
		{"compact", it[:9] + "\n" + it[9:], nil},
		{"two breaks", strings.Replace(fours(it, 2), " ", "\n", 3), nil},
		{"crlf", strings.Replace(fours(it, 2), "\n", "\r\n", 1), nil},
	} {
		t.Run(tc.name, func(t *testing.T) { checkFindings(t, s, tc.text, tc.wants) })
	}
	// The reference, on random texts of codes and breaks.
	for range 3000 {
		text := fours(genIBAN(r, []string{"IT", "DE", "FR", "NL", "GB"}[r.IntN(5)]), r.IntN(8))
		if r.IntN(3) == 0 {
			k := r.IntN(len(text))
			text = text[:k] + string("\n 0A"[r.IntN(4)]) + text[k+1:]
		}
		checkIBANAcrossLine(t, text)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkIBANAcrossLine compares ibanAcrossLine with its reference at every
// offset of text.
func checkIBANAcrossLine(t *testing.T, text string) {
	t.Helper()
	for i := range len(text) + 1 {
		j, ok := ibanAcrossLine(text, i)
		rj, rok := refIBANAcrossLine(text, i)
		if ok != rok || ok && j != rj {
			t.Fatalf("%q at %d: %d %v, reference %d %v", text, i, j, ok, rj, rok)
		}
	}
}

// FuzzIBANAcrossLine: ibanAcrossLine as its reference.
func FuzzIBANAcrossLine(f *testing.F) {
	f.Add("IT12 H055\n6469 4813 8526 8674 651")
	f.Add("xFR76 2369 5970\n9724 6720 6514 795\n")
	f.Fuzz(func(t *testing.T, text string) { checkIBANAcrossLine(t, text) })
}
