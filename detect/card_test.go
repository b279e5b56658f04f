package detect

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// refCardAt is the former cardAt, which gathered the digits while reading
// the groups (cardAt reads the shape first), and then, for a first group
// of four, refCardMixed.
func refCardAt(text string, i int) (int, bool) {
	if j, ok := refCardGroups(text, i); ok || spanWhile(text, i, 20, isDigit)-i != 4 {
		return j, ok
	}
	return refCardMixed(text, i)
}

// refCardMixedRE matches the groupings cardMixed reads, each separator one
// to three spaces, a dash or a dot.
var refCardMixedRE = [2]*regexp.Regexp{
	regexp.MustCompile(`^([0-9]{4})( {1,2}|[-.])([0-9]{4})( {1,3}|[-.])([0-9]{4})( {1,3}|[-.])([0-9]{4})`),
	regexp.MustCompile(`^([0-9]{4})( {1,2}|[-.])([0-9]{6})( {1,3}|[-.])([0-9]{5})`),
}

// refCardMixed is cardMixed by regular expressions.
func refCardMixed(text string, i int) (int, bool) {
	if i > 0 && (isAlnum(text[i-1]) || text[i-1] == '+' || strings.IndexByte(" -.", text[i-1]) >= 0 && i > 1 && isDigit(text[i-2])) {
		return 0, false
	}
	for _, re := range refCardMixedRE {
		m := re.FindStringSubmatchIndex(text[i:])
		if m == nil || m[1] < len(text[i:]) && isDigit(text[i+m[1]]) {
			continue // (a longer last group)
		}
		// Groups of digits and separators in turn; one kind of
		// separator, not a dot, is the uniform reading's (refCardGroups).
		var d string
		mixed := false
		for g := 2; g < len(m); g += 4 {
			d += text[i+m[g] : i+m[g+1]]
			if g+3 < len(m) {
				sep := text[i+m[g+2] : i+m[g+3]]
				mixed = mixed || sep != text[i+m[4]:i+m[5]] || sep == "."
			}
		}
		if !mixed {
			return 0, false
		}
		j := i + m[1]
		rest := text[j:]
		if rest != "" && (isAlnum(rest[0]) || strings.IndexByte(" -.", rest[0]) >= 0 && len(rest) > 1 && isDigit(rest[1]) &&
			!(rest[0] == ' ' && refExpiryRE.MatchString(rest[1:]))) {
			return 0, false
		}
		if refValidPAN(d) {
			return j, true
		}
	}
	return 0, false
}

// refCardGroups is cardGroups.
func refCardGroups(text string, i int) (int, bool) {
	var digits [19]byte
	j := spanWhile(text, i, 20, isDigit)
	if byteAt(text, i-1) == '+' {
		return 0, false // an international phone number
	}
	if j-i >= 12 {
		if j-i < 13 || j-i > 19 || isAlnum(byteAt(text, j)) || !refValidPAN(text[i:j]) {
			return 0, false
		}
		return j, true
	}
	n := copy(digits[:], text[i:j])
	if n < 3 {
		return 0, false
	}
	sep := byteAt(text, j)
	if sep != ' ' && sep != '-' && sep != '/' || groupBefore(text, i, sep) {
		return 0, false
	}
	if sep == '/' && byteAt(text, i-1) == '/' {
		return 0, false // a path's segment
	}
	gap := string(sep) // one separator, or two spaces each time
	if strings.HasPrefix(text[j:], "  ") {
		gap = "  "
	}
	lens := []int{n}
	for strings.HasPrefix(text[j:], gap) && isDigit(byteAt(text, j+len(gap))) {
		g := j + len(gap)
		k := spanWhile(text, g, 7, isDigit)
		if k-g < 3 || k-g > 6 || n+k-g > 19 {
			// A whole card in its grouping, then two digits (its expiry).
			grouping := fmt.Sprint(lens)
			if sep == ' ' && (grouping == "[4 4 4 4]" || grouping == "[4 6 5]") && refExpiryRE.MatchString(text[g:]) && refValidPAN(string(digits[:n])) {
				return j, true
			}
			return 0, false
		}
		n += copy(digits[n:], text[g:k])
		lens = append(lens, k-g)
		j = k
	}
	if n < 13 || isAlnum(byteAt(text, j)) || sep == '/' && byteAt(text, j) == '/' || !refValidPAN(string(digits[:n])) {
		return 0, false
	}
	return j, true
}

// refProductCodeRE matches a text that ends with a product's or a device's
// code label, maybe its length, and the spaces, '-', '_', ':', '#' or ')'
// after it (productCodeBefore).
var refProductCodeRE = regexp.MustCompile(`(?i)(?:^|[^A-Za-z])(?:ean|gtin|upc|isbn|issn|imei|imsi|iccid|meid|esn|sku|barcode|avviso|pagopa|iuv)[ \t_-]*[0-9]{0,2}[ \t:#)]*$`)

// refExpiryRE matches a card's expiry: a month, a separator, a year.
var refExpiryRE = regexp.MustCompile(`^(?:0[1-9]|1[0-2])[ /-](?:[0-9]{4}|[0-9]{2})(?:[^0-9]|$)`)

// refValidPAN is the former validPAN, with the issuer ranges' lengths
// (refPANRanges) in place of the first digit's test.
func refValidPAN(d string) bool {
	if !refPANLength(d) {
		return false
	}
	if distinct(d) < 2 {
		return false
	}
	return luhn(d)
}

// refPANRanges are the issuer ranges of ISO/IEC 7812 numbers (as the
// networks publish them) and the lengths each issues, min–max.
var refPANRanges = []struct {
	lo, hi   string // prefixes of the same length, inclusive
	min, max int
}{
	{"1", "1", 15, 15},       // UATP
	{"2131", "2131", 15, 15}, // JCB's former 15-digit range
	{"2200", "2204", 16, 19}, // Mir
	{"2221", "2720", 16, 16}, // Mastercard
	{"30", "30", 14, 19},     // Diners Club 300–305, 3095; JCB's former 30xx
	{"34", "34", 15, 15},     // American Express
	{"3528", "3589", 16, 19}, // JCB
	{"36", "36", 14, 19},     // Diners Club
	{"37", "37", 15, 15},     // American Express
	{"38", "39", 14, 19},     // Diners Club
	{"4", "4", 13, 13},       // Visa
	{"4", "4", 16, 16},
	{"4", "4", 19, 19},
	{"50", "50", 12, 19}, // Maestro
	{"51", "55", 16, 16}, // Mastercard
	{"56", "59", 12, 19}, // Maestro
	{"6", "6", 12, 19},   // Discover, UnionPay, Maestro, RuPay …
}

func refPANLength(d string) bool {
	for _, r := range refPANRanges {
		p := d[:len(r.lo)]
		if r.lo <= p && p <= r.hi && r.min <= len(d) && len(d) <= r.max {
			return true
		}
	}
	return false
}

func TestCardAtMatchesReference(t *testing.T) {
	r := rng(t)
	for range 5000 {
		checkCardAt(t, numberText(r))
	}
}

// TestGroupBeforeWords compares groupBefore's word reads with the byte
// loop (groupBeforeShort, right at any place) over random texts of
// groups, separators and other bytes.
func TestGroupBeforeWords(t *testing.T) {
	r := rng(t)
	found := 0
	for range 3000 {
		text := randFrom(r, "0123456789 -ABxz:\n\t.\x00\xc3", 4+r.IntN(40))
		found += checkGroupBefore(t, text)
	}
	if found < 100 {
		t.Fatalf("groupBefore held %d times, want 100 or more", found)
	}
}

func checkGroupBefore(t *testing.T, text string) int {
	t.Helper()
	found := 0
	for i := range len(text) + 1 {
		for _, sep := range []byte{' ', '-'} {
			got, want := groupBefore(text, i, sep), byteAt(text, i-1) == sep && groupBeforeShort(text, i, sep)
			if got != want {
				t.Fatalf("groupBefore(%q, %d, %q) = %v, want %v", text, i, sep, got, want)
			}
			if got {
				found++
			}
		}
	}
	return found
}

func FuzzGroupBefore(f *testing.F) {
	f.Add("FR13 3017 0000")
	f.Add("ID 12 3456 7890")
	f.Add("x1234567-4111")
	f.Fuzz(func(t *testing.T, text string) {
		checkGroupBefore(t, text)
	})
}

// TestProductCodeBeforeMatchesReference compares productCodeBefore with
// refProductCodeRE at every place of random number texts.
func TestProductCodeBeforeMatchesReference(t *testing.T) {
	r := rng(t)
	found := 0
	// The reference reads each text's whole prefix at each place: fewer
	// texts under the race detector, which slows the regexp tenfold.
	texts := 1500
	if raceEnabled {
		texts = 150
	}
	for range texts {
		text := numberText(r)
		for i := range len(text) + 1 {
			got, want := productCodeBefore(text, i), refProductCodeRE.MatchString(text[:i])
			if got != want {
				t.Fatalf("productCodeBefore(%q, %d) = %v, want %v", text, i, got, want)
			}
			if got {
				found++
			}
		}
	}
	if found < texts/30 {
		t.Fatalf("labelled places: %d, want %d or more", found, texts/30)
	}
}

// TestCardProductCodes: a Luhn-valid number of a card's length labelled as
// a product's or a device's code (EAN, GTIN, ISBN, SKU, IMEI) is no card;
// the same number labelled otherwise or not at all is one.
func TestCardProductCodes(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	ean := genLuhn(r, "64", 13)       // a Maestro length and range
	diners18 := genLuhn(r, "300", 18) // a pagoPA notice number's length
	cards := []want{{TypeCreditCard, ean}}
	for _, tc := range []struct {
		text  string
		wants []want
	}{
		{"EAN " + ean, nil},
		{"Barcode (EAN-13): " + ean, nil},
		{"gtin: " + ean, nil},
		{"SKU#" + ean, nil},
		{"EAN13 " + ean, nil},
		{"codice avviso pagoPA " + diners18, nil},
		{"Codice avviso: " + diners18, nil},
		{"carta " + diners18, []want{{TypeCreditCard, diners18}}},
		{"card " + ean, cards},
		{"Bean " + ean, cards},
		{ean, cards},
	} {
		checkFindings(t, s, tc.text, tc.wants)
	}
}

// TestCardIssuerLengths: a Luhn-valid number is a card only at a length
// its issuer range uses (ISO/IEC 7812): an IMEI (15 digits, TAC 35…, 01…,
// 86…) is not one.
func TestCardIssuerLengths(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	tests := []struct {
		prefix string
		n      int
		card   bool
	}{
		{"37", 15, true}, {"34", 15, true}, {"34", 16, false}, {"37", 14, false},
		{"4", 13, true}, {"4", 16, true}, {"4", 19, true}, {"4", 15, false}, {"4", 14, false}, {"4", 18, false},
		{"51", 16, true}, {"55", 16, true}, {"53", 15, false}, {"52", 19, false},
		{"2221", 16, true}, {"2720", 16, true}, {"2500", 15, false}, {"2721", 16, false}, {"2100", 16, false},
		{"2200", 16, true}, {"2204", 19, true}, {"2205", 16, false},
		{"3528", 16, true}, {"3589", 19, true}, {"3569", 15, false}, {"3527", 16, false}, {"35", 15, false},
		{"36", 14, true}, {"305", 14, true}, {"38", 16, true}, {"33", 16, false}, {"31", 15, false},
		{"6011", 16, true}, {"62", 19, true}, {"6759", 13, true},
		{"50", 15, true}, {"58", 13, true},
		{"1", 15, true}, {"1", 13, false}, {"1", 16, false},
		{"01", 15, false}, {"86", 15, false}, {"99", 15, false},
	}
	for _, tt := range tests {
		d := genLuhn(r, tt.prefix, tt.n)
		if got := validPAN(d); got != tt.card {
			t.Errorf("validPAN(%s) = %v, want %v", d, got, tt.card)
		}
		if got := refValidPAN(d); got != tt.card {
			t.Errorf("refValidPAN(%s) = %v, want %v", d, got, tt.card)
		}
	}
	for _, text := range []string{
		"IMEI 356938035643809 del telefono rubato, come lo blocco?",
		"Device list:\nIMEI,model\n352099001761481,Galaxy S23",
		"IMEI: 490154203237518",
	} {
		checkFindings(t, s, text, nil)
	}
	// Every length and prefix: the switch and the table agree.
	for range 20000 {
		d := randFrom(r, "0123456789", 13+r.IntN(7))
		if panLength(d) != refPANLength(d) {
			t.Fatalf("panLength(%s) = %v, reference %v", d, panLength(d), refPANLength(d))
		}
	}
}

// TestNumbersInCSVFields: a comma with no space after it separates the
// fields of a CSV row or a list; a number format's value after it is
// found, after a digit too, while decimal commas and thousands groups
// ("12,5", "3,14159", "1,234,567", "1.234.567,89") start nothing, nor a
// value after a decimal point.
func TestNumbersInCSVFields(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	card, vat := genLuhn(r, "51", 16), genVAT(r)
	visa := genLuhn(r, "4", 16)
	grouped := visa[:4] + " " + visa[4:8] + " " + visa[8:12] + " " + visa[12:]
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"card after a digit", "order_id,card_number,amount\nA-5364," + card + ",89.90", []want{{TypeCreditCard, card}}},
		{"grouped card after a digit", "id,card\n17," + grouped, []want{{TypeCreditCard, grouped}}},
		{"card list", card + "," + visa, []want{{TypeCreditCard, card}, {TypeCreditCard, visa}}},
		{"vat after a digit", "id,piva,fatturato\n571," + vat + ",120000", []want{{TypeITVAT, vat}}},
		{"ssn after a digit", "name,dept,start_date,salary,ssn\nJohn Smith,Sales,2021-03-01,85000,372-48-1956",
			[]want{{TypeUSSSN, "372-48-1956"}}},
		{"bare ssn after a digit", "name,dept,salary,ssn\nLaura Nguyen,Sales,83265,812851908", []want{{TypeUSSSN, "812851908"}}},
		{"phone after a letter", "nome,telefono\nSara Fontana,+393334271558", []want{{TypePhone, "+393334271558"}}},
		{"grouped phone after a letter", "nome,telefono\nEmily Ricci,+39 010 6569518", []want{{TypePhone, "+39 010 6569518"}}},
		{"phone after a letter, digits first", "nome,telefono\nChiara Conti,366-9639381", []want{{TypePhone, "366-9639381"}}},
		{"nanp after a digit", "id,phone\n17,415-555-0132", []want{{TypePhone, "415-555-0132"}}},
		{"card after a decimal point", "x = 0." + card[:15] + "1", nil},
		{"card after a decimal point, long", "x = 3." + card, nil},
		{"vat after a decimal point", "x = 1." + vat, nil},
		{"thousands", "total 1,234,567.89 and 12,5 and 3,14159 and 1.234.567,89", nil},
		{"thousands and groups", "1,234 567 890 and 12,345-678", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

func FuzzPANLength(f *testing.F) {
	for _, seed := range []string{"356938035643809", "2131000000000000", "2204000000000000000", "3528000700000000", "4111111111111"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, d string) {
		if len(d) < 13 || len(d) > 19 || strings.Trim(d, "0123456789") != "" {
			t.Skip()
		}
		if panLength(d) != refPANLength(d) {
			t.Fatalf("panLength(%s) = %v, reference %v", d, panLength(d), refPANLength(d))
		}
	})
}

// TestCardSlashes: a card number in groups split by slashes, as some forms
// print it, is found like one split by spaces or dashes; a path's numeric
// segments (a slash before or after the groups), a date, mixed
// separators and a failing Luhn check are not.
func TestCardSlashes(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	nums := numberScanner(t)
	for range 200 {
		pan := genLuhn(r, []string{"4", "51", "6011", "65", "3528"}[r.IntN(5)], 16)
		slashed := group4(pan, "/")
		bad := pan[:15] + string('0'+(pan[15]-'0'+1)%10)
		for _, tc := range []struct {
			text, want string
		}{
			{"carta " + slashed, slashed},
			{"card: " + slashed + ", exp 12/2027", slashed},
			{`{"pan":"` + slashed + `"}`, slashed},
			// Not.
			{"carta " + group4(bad, "/"), ""},
			{"GET /orders/" + slashed + " HTTP/1.1", ""},
			{"see " + slashed + "/items", ""},
			{"carta " + strings.Replace(slashed, "/", " ", 1), ""},
			{"scade 12/2027, rata 03/2026", ""},
		} {
			checkCardText(t, s, nums, tc.text, tc.want)
		}
	}
}

// TestCardTwoSpaces: a card laid out with two spaces between its groups
// (a PDF's text, a chat app) is found, the same two each time; in the
// printed grouping a mix of one, two and three is too (cardMixed), but
// three after the first group.
func TestCardTwoSpaces(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	nums := numberScanner(t)
	for range 200 {
		pan := genLuhn(r, []string{"4", "51", "6011", "65", "3528"}[r.IntN(5)], 16)
		wide := group4(pan, "  ")
		bad := pan[:15] + string('0'+(pan[15]-'0'+1)%10)
		for _, tc := range []struct {
			text, want string
		}{
			{"la carta bancomat " + wide + " mi è stata bloccata", wide},
			{"card " + wide + " was charged twice", wide},
			{"| " + wide + "  | 12/27 |", wide},
			{"carta " + strings.Replace(wide, "  ", " ", 1), strings.Replace(wide, "  ", " ", 1)},
			{"carta " + strings.Replace(group4(pan, "   "), "   ", " ", 1), strings.Replace(group4(pan, "   "), "   ", " ", 1)},
			// Not.
			{"carta " + group4(bad, "  "), ""},
			{"carta " + group4(pan, "   "), ""},
			{"carta " + strings.Replace(group4(pan, "    "), "    ", " ", 1), ""},
		} {
			checkCardText(t, s, nums, tc.text, tc.want)
		}
	}
}

// checkCardText checks that the scan finds in text the one card want ("":
// none), and that the number scan and cardAt agree with their references
// there.
func checkCardText(t *testing.T, s, nums *Scanner, text, want string) {
	t.Helper()
	var got []string
	for _, f := range s.ScanText(text) {
		if f.Type == TypeCreditCard {
			got = append(got, text[f.Start:f.End])
		}
	}
	wants := []string{}
	if want != "" {
		wants = []string{want}
	}
	if !slices.Equal(got, wants) {
		t.Fatalf("%q: cards %q, want %q", text, got, wants)
	}
	checkNumbers(t, nums, text)
	checkCardAt(t, text)
}

// checkCardAt compares cardAt with the reference at every digit of text.
func checkCardAt(t *testing.T, text string) {
	t.Helper()
	for i := range len(text) {
		if !isDigit(text[i]) {
			continue
		}
		a, ok := cardAt(text, i, digitsEnd(text, i))
		b, refOK := refCardAt(text, i)
		if a != b || ok != refOK {
			t.Fatalf("%q at %d: %d %v, reference %d %v", text, i, a, ok, b, refOK)
		}
	}
}

func FuzzCardAt(f *testing.F) {
	for _, s := range []string{
		"4111 1111 1111 1111", "4111-1111-1111-1111", "4111/1111/1111/1111", "/4111/1111/1111/1111",
		"4111/1111/1111/1111/", "12/2025", "3400 648054 48672", "FR13 3017 4111 1111 1111 1111",
		"4111  1111  1111  1111", "4111  1111 1111  1111", "4111   1111   1111   1111", "4111  1111-1111  1111 ",
		"5169.8406.6893.2598", "4283-5490 9462-8019 09 28", "3400.648054 48672", "1.4111 1111.1111-1111", "4111 1111.1111 11111",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkCardAt(t, text)
	})
}
