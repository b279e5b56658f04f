package detect

import (
	"fmt"
	"strings"
	"testing"
)

func TestWithCustom(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t, WithCustom([]CustomDetector{
		{Type: "PROJECT_CODENAME", Terms: []string{"Blue Falcon", "Orione"}},
		{Type: "CUSTOMER", Category: "pii", Severity: "high", Terms: []string{"Acme", "Acme Corp"}},
		{Type: "EMPLOYEE_ID", Regex: `\bEMP-(\d{6})\b`, Keywords: []string{"emp-"}},
		{Type: "INTERNAL_CARD", Regex: `card#(\d{16})`, Validator: "luhn"},
	}))
	card := genLuhn(r, "4", 16)
	badCard := card[:15] + string('0'+(card[15]-'0'+1)%10)
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		{"term", "status of blue falcon?", []want{{"PROJECT_CODENAME", "blue falcon"}}},
		{"term upper", "ORIONE launch", []want{{"PROJECT_CODENAME", "ORIONE"}}},
		{"term inside a word", "Orionessa", nil},
		{"longest term", "contract with Acme Corp.", []want{{"CUSTOMER", "Acme Corp"}}},
		{"full-width term", "ｏｒｉｏｎｅ", []want{{"PROJECT_CODENAME", "ｏｒｉｏｎｅ"}}},
		{"regex group", "assign EMP-123456 now", []want{{"EMPLOYEE_ID", "123456"}}},
		{"regex gated", "assign 123456", nil},
		{"validator passes", "card#" + card, []want{{TypeCreditCard, card}, {"INTERNAL_CARD", card}}},
		{"validator fails", "card#" + badCard, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFindings(t, s, tt.text, tt.wants)
		})
	}
	fs := s.ScanText("Acme")
	if len(fs) != 1 || fs[0].Category != CategoryPII || fs[0].Severity != SeverityHigh {
		t.Errorf("custom category/severity: %+v", fs)
	}
	fs = s.ScanText("Orione")
	if len(fs) != 1 || fs[0].Category != CategoryCustom || fs[0].Severity != SeverityMedium {
		t.Errorf("custom defaults: %+v", fs)
	}
}

func TestWithCustomErrors(t *testing.T) {
	tests := []struct {
		name string
		cd   CustomDetector
		want string
	}{
		{"bad regex", CustomDetector{Type: "X_ONE", Regex: `a(b`}, "X_ONE"},
		{"unknown validator", CustomDetector{Type: "X_TWO", Regex: `\d+`, Validator: "nope"}, "unknown validator"},
		{"no regex nor terms", CustomDetector{Type: "X_THREE"}, "needs a regex or terms"},
		{"bad type", CustomDetector{Type: "lower", Terms: []string{"a"}}, "lower"},
		{"built-in type", CustomDetector{Type: "EMAIL", Terms: []string{"a"}}, "built in"},
		{"bad category", CustomDetector{Type: "X_FOUR", Category: "top", Terms: []string{"a"}}, "category"},
		{"bad severity", CustomDetector{Type: "X_FIVE", Severity: "extreme", Terms: []string{"a"}}, "severity"},
		{"empty term", CustomDetector{Type: "X_SIX", Terms: []string{" "}}, "empty term"},
		{"validator without regex", CustomDetector{Type: "X_SEVEN", Terms: []string{"a"}, Validator: "luhn"}, "needs a regex"},
		{"keywords without regex", CustomDetector{Type: "X_EIGHT", Terms: []string{"a"}, Keywords: []string{"b"}}, "keywords gate a regex; this entry has none"},
		{"empty keyword", CustomDetector{Type: "X_NINE", Regex: `\d`, Keywords: []string{"a", "\t"}}, "empty keyword (keyword 1)"},
		{"term too long", CustomDetector{Type: "X_TEN", Terms: []string{"a", strings.Repeat("é", 200)}}, "term 1 is 400 bytes long folded (at most 256)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewScanner(WithCustom([]CustomDetector{tt.cd}))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "detect: ") {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// A type defined by two entries is refused, naming both; one entry with a
// regex and terms is one definition.
func TestWithCustomDuplicateType(t *testing.T) {
	_, err := NewScanner(WithCustom([]CustomDetector{
		{Type: "X_ID", Category: "pii", Regex: `X-\d+`},
		{Type: "OTHER", Terms: []string{"other"}},
		{Type: "X_ID", Category: "secret", Severity: "high", Terms: []string{"xid"}},
	}))
	if err == nil || err.Error() != "detect: custom detector 2 (X_ID): type already defined by custom detector 0; put its regex and terms in one entry" {
		t.Errorf("err = %v", err)
	}
	if _, err := NewScanner(WithCustom([]CustomDetector{{Type: "X_ID", Regex: `X-\d+`, Terms: []string{"xid"}}})); err != nil {
		t.Errorf("regex and terms in one entry: %v", err)
	}
}

func TestValidatorsByName(t *testing.T) {
	r := rng(t)
	good := map[string]string{
		"luhn":           genLuhn(r, "7", 12),
		"credit_card":    group4(genLuhn(r, "5", 16), " "),
		"iban":           group4(genIBAN(r, "IT"), " "),
		"it_fiscal_code": genFiscalCode(r, 0),
		"it_vat":         "IT" + genVAT(r),
		"us_ssn":         "123-45-6780",
		"github_token":   genGitHubToken(r, "gho_"),
		"jwt":            genJWT(r),
		"ip":             "2001:db8::1",
		"email":          "a.b@example.org",
	}
	for _, name := range Validators() {
		v, ok := good[name]
		if !ok {
			t.Errorf("validator %q has no test value", name)
			continue
		}
		if !validators[name](v) {
			t.Errorf("validator %q rejected %q", name, v)
		}
		if validators[name]("x" + v + "!") {
			t.Errorf("validator %q accepted a mangled value", name)
		}
	}
}

func TestLargeDictionary(t *testing.T) {
	r := rng(t)
	terms := make([]string, 5000)
	for i := range terms {
		terms[i] = "Cliente " + randFrom(r, "abcdefghijklmnopqrstuvwxyz", 8)
	}
	s := newTestScanner(t, WithCustom([]CustomDetector{{Type: "CUSTOMER", Terms: terms}}))
	text := "contract for " + strings.ToUpper(terms[4321]) + " and cliente zzz"
	checkFindings(t, s, text, []want{{"CUSTOMER", strings.ToUpper(terms[4321])}})
}

// ticketDetector is a Go detector plugged in with WithDetector.
type ticketDetector struct{}

func (ticketDetector) Type() string       { return "TICKET" }
func (ticketDetector) Keywords() []string { return []string{"tkt-"} }
func (ticketDetector) Find(t *Text) {
	for _, h := range t.Hits {
		if e := spanWhile(t.S, h+4, 9, isDigit); e-h-4 == 8 {
			t.Emit(h, e)
		}
	}
}

func TestWithDetector(t *testing.T) {
	s := newTestScanner(t, WithDetector(ticketDetector{}, CategoryCustom, SeverityLow))
	fs := s.ScanText("see TKT-12345678 and tkt-1")
	if len(fs) != 1 || fs[0].Type != "TICKET" || fs[0].Severity != SeverityLow || fs[0].Start != 4 || fs[0].End != 16 {
		t.Errorf("got %+v", fs)
	}
	if _, err := NewScanner(WithDetector(nil, CategoryCustom, SeverityLow)); err == nil {
		t.Error("nil detector accepted")
	}
}

// TestCustomRegexWholeText: a regex with keywords reads the whole text
// once any keyword is in it, as docs/policy.md says, wherever its values
// are; an anchored regex too.
func TestCustomRegexWholeText(t *testing.T) {
	s := newTestScanner(t, WithCustom([]CustomDetector{
		{Type: "TICKET", Regex: `\bticket\s+#?(\d{5})\b`},
		{Type: "CASE_REF", Regex: `\bref\s+([A-Z]{2}\d{4})\b`, Keywords: []string{"case"}},
		{Type: "FIRST_WORD", Regex: `^([A-Z]{4}\d{2})`, Keywords: []string{"zz"}},
		{Type: "MATRICOLA", Regex: `\b\d{7}\b`, Keywords: []string{"matricola"}},
	}))
	filler := strings.Repeat("lorem ipsum dolor sit amet ", 200) // 5400 bytes
	var table strings.Builder
	var rows []want
	table.WriteString("| Nome | Matricola | Sede |\n| --- | --- | --- |\n")
	for i := range 150 {
		id := fmt.Sprintf("%07d", 1000000+i*4567)
		fmt.Fprintf(&table, "| Persona %d | %s | Milano |\n", i, id)
		rows = append(rows, want{"MATRICOLA", id})
	}
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		{"literal prefix gate, long text", filler + "ticket #12345 " + filler + "ticket 67890", []want{{"TICKET", "12345"}, {"TICKET", "67890"}}},
		{"near the keyword", filler + "case filed, ref AB1234 " + filler, []want{{"CASE_REF", "AB1234"}}},
		{"before the keyword", filler + "ref CD5678 " + strings.Repeat("x ", 2000) + "case" + filler, []want{{"CASE_REF", "CD5678"}}},
		{"far from the keyword", "ref GH9999 " + filler + "case" + filler, []want{{"CASE_REF", "GH9999"}}},
		{"no keyword", "ref GH9999 " + filler, nil},
		{"anchored regex", "ABCD12 " + filler + "zz", []want{{"FIRST_WORD", "ABCD12"}}},
		{"table under a header", table.String(), rows},
		{"value after a long field", "Matricola: " + strings.Repeat("x", 10000) + " 1234567", []want{{"MATRICOLA", "1234567"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestCustomDetectorsStayLinear: many keyword hits run a regex once, and
// many term candidates cost one lookup each (adversarial_test.go's bound).
func TestCustomDetectorsStayLinear(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing bound; skipped under -race and -short")
	}
	terms := make([]string, 2000)
	for i := range terms {
		terms[i] = fmt.Sprintf("matricola %d bis", i)
	}
	s := newTestScanner(t, WithCustom([]CustomDetector{
		{Type: "MATRICOLA", Regex: `\b\d{7}\b`, Keywords: []string{"matricola", "Società"}},
		{Type: "CODENAME", Terms: append(terms, "Ærø", "matricola matricola")},
	}))
	stayLinear(t, s, map[string]string{
		"keywords":          fillMiB("matricola "),
		"keywords, no gap":  fillMiB("matricola"),
		"accented keywords": fillMiB("SOCIETÀ "),
		"white space runs":  fillMiB("matricola \t\n "),
		"capitals":          fillMiB("ÆRØ ærø "),
	})
}

// With more detectors than one word of bits (the usual layout has fewer
// than 64), each still finds its values, text after text, with hits in
// both words and none left over from the text before.
func TestManyCustomDetectors(t *testing.T) {
	var ds []CustomDetector
	for i := range 90 {
		ds = append(ds, CustomDetector{Type: fmt.Sprintf("CODE_%02d", i), Regex: fmt.Sprintf(`\bq%02dz-\d{4}\b`, i), Keywords: []string{fmt.Sprintf("q%02dz-", i)}})
	}
	s := newTestScanner(t, WithCustom(ds))
	if len(s.entries) <= 64 {
		t.Fatalf("only %d detectors: the test needs more than 64", len(s.entries))
	}
	for round := range 3 {
		for _, pair := range [][2]int{{3, 87}, {70, 71}, {0, 63}, {64, 89}} {
			a, b := pair[0], pair[1]
			text := fmt.Sprintf("ref q%02dz-1234 and q%02dz-5678; q%02dz-12 is short", a, b, (a+b+round)%90)
			checkFindings(t, s, text, []want{{fmt.Sprintf("CODE_%02d", a), fmt.Sprintf("q%02dz-1234", a)}, {fmt.Sprintf("CODE_%02d", b), fmt.Sprintf("q%02dz-5678", b)}})
			checkFindings(t, s, "no codes here at all, q5z-1234", nil)
		}
	}
}

// TestCustomDocExamples: the examples of docs/policy.md's custom detectors
// section, as written there.
func TestCustomDocExamples(t *testing.T) {
	s := newTestScanner(t, WithCustom([]CustomDetector{
		{Type: "CUSTOMER", Terms: []string{"Società Rossi", "Ærø Bank", "Москва", "straße", "Dell'Orto Spa", "東京"}},
		{Type: "PROJECT", Terms: []string{"Progetto Fenice", "Unit", "Ren"}},
		{Type: "LOYALTY_CARD", Regex: "\\bLC[- ]?((?:\\d{4}[- ]?){3}\\d{4})\\b", Keywords: []string{"LC"}, Validator: "luhn"},
	}))
	tests := []struct {
		text  string
		wants []want
	}{
		{"SOCIETÀ ROSSI", []want{{"CUSTOMER", "SOCIETÀ ROSSI"}}},
		{"società rossi", []want{{"CUSTOMER", "società rossi"}}},
		{"ÆRØ BANK", []want{{"CUSTOMER", "ÆRØ BANK"}}},
		{"МОСКВА", []want{{"CUSTOMER", "МОСКВА"}}},
		{"STRASSE", nil},
		{"Progetto  Fenice", []want{{"PROJECT", "Progetto  Fenice"}}},
		{"… il Progetto\nFenice …", []want{{"PROJECT", "Progetto\nFenice"}}},
		{"Dell’Orto Spa", []want{{"CUSTOMER", "Dell’Orto Spa"}}},
		{"unità", nil},
		{"René", nil},
		{"東京都", []want{{"CUSTOMER", "東京"}}},
		{"LC 4539 1488 0343 6467", []want{{TypeCreditCard, "4539 1488 0343 6467"}, {"LOYALTY_CARD", "4539 1488 0343 6467"}}},
	}
	for _, tt := range tests {
		checkFindings(t, s, tt.text, tt.wants)
	}
	for _, tt := range []struct {
		ds   []CustomDetector
		want string
	}{
		{[]CustomDetector{{Type: "X_ID", Regex: `x`}, {Type: "B", Terms: []string{"b"}}, {Type: "X_ID", Terms: []string{"x"}}},
			"custom detector 2 (X_ID): type already defined by custom detector 0; put its regex and terms in one entry"},
		{[]CustomDetector{{Type: "X_ID", Terms: []string{"x"}, Keywords: []string{"y"}}}, "keywords gate a regex; this entry has none"},
	} {
		if _, err := NewScanner(WithCustom(tt.ds)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("err = %v, want %q", err, tt.want)
		}
	}
}
