package detect

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// pctEncode percent-encodes every byte of s that the form serialiser
// would (all but A-Z a-z 0-9 * - . _), a space as '+'.
func pctEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isAlnum(c) || strings.IndexByte("*-._", c) >= 0:
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// fullWidth writes s's ASCII digits and capitals as full-width characters.
func fullWidth(s string) string {
	var b strings.Builder
	for _, c := range s {
		if isDigit(byte(c)) || isUpper(byte(c)) {
			c += 0xFF10 - '0'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// wantValue fails unless fs has a finding of type typ exactly on value,
// the n-th occurrence of value in text.
func wantValue(t *testing.T, text string, fs []Finding, typ, value string) {
	t.Helper()
	at := strings.Index(text, value)
	if at < 0 {
		t.Fatalf("test bug: %q not in %q", value, text)
	}
	if !slices.ContainsFunc(fs, func(f Finding) bool {
		return f.Type == typ && f.Start == at && f.End == at+len(value)
	}) {
		t.Errorf("%q: want %s on %q, got %v", text, typ, value, spans(fs))
	}
}

// In an application/x-www-form-urlencoded body '+' is a space: phone
// numbers, IBANs and cards written in groups are found, on their encoded
// span, whether or not the body has a '%' too.
func TestFormBodyPlusIsSpace(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	for range 20 {
		mobile := "3" + randFrom(r, "0123456789", 2) + " " + randFrom(r, "0123456789", 7)
		landline := "02 " + randFrom(r, "0123456789", 4) + " " + randFrom(r, "0123456789", 4)
		iban := group4(genIBAN(r, "IT"), " ")
		card := group4(genLuhn(r, "4", 16), " ")
		name := strings.ToLower(randFrom(r, "abcdefghijklmnopqrstuvwxyz", 6))
		for _, tc := range []struct{ text, typ, value string }{
			{"first_name=" + name + "&tel=" + pctEncode("0039 "+mobile) + "&consent=on", TypePhone, pctEncode("0039 " + mobile)},
			{"first_name=" + name + "&telefono=" + pctEncode(landline) + "&consent=on", TypePhone, pctEncode(landline)},
			{"first_name=" + name + "&tel=" + pctEncode("+39 "+mobile) + "&consent=on", TypePhone, pctEncode("+39 " + mobile)},
			{"first_name=" + name + "&cellulare=" + pctEncode("(+39) "+mobile), TypePhone, pctEncode("(+39) " + mobile)},
			{"first_name=" + name + "&iban=" + pctEncode(iban) + "&consent=on", TypeIBAN, pctEncode(iban)},
			{"iban=" + pctEncode(iban) + "&email=" + pctEncode(name+"@example.com"), TypeIBAN, pctEncode(iban)},
			{"first_name=" + name + "&card=" + pctEncode(card) + "&consent=on", TypeCreditCard, pctEncode(card)},
			// Also inside a larger document: an HTTP request's body.
			{"POST /signup HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\nname=" + name + "&iban=" + pctEncode(iban), TypeIBAN, pctEncode(iban)},
			{"curl -d 'user=" + name + "&tel=" + pctEncode("0039 "+mobile) + "' https://api.example.com/x", TypePhone, pctEncode("0039 " + mobile)},
		} {
			wantValue(t, tc.text, s.ScanText(tc.text), tc.typ, tc.value)
		}
	}
}

// Full-width digits, percent-encoded in a form body, are read as digits:
// the decoded view is normalised.
func TestFormBodyFullWidthDigits(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	for range 10 {
		card := pctEncode(fullWidth(group4(genLuhn(r, "5", 16), " ")))
		text := "first_name=chiara&kreditkarte=" + card + "&consent=on"
		wantValue(t, text, s.ScanText(text), TypeCreditCard, card)
		iban := pctEncode(fullWidth(group4(genIBAN(r, "DE"), " ")))
		text = "first_name=chiara&iban=" + iban + "&consent=on"
		wantValue(t, text, s.ScanText(text), TypeIBAN, iban)
	}
}

// Outside a form body '+' keeps its meaning: an international prefix, an
// e-mail's sub-address, a base64 character.
func TestPlusOutsideFormKeepsMeaning(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	for range 10 {
		mobile := "3" + randFrom(r, "0123456789", 2) + " " + randFrom(r, "0123456789", 7)
		user := strings.ToLower(randFrom(r, "abcdefghijklmnopqrstuvwxyz", 5))
		for _, tc := range []struct{ text, typ, value string }{
			{"Tel: +39 " + mobile + " (R&D, x=1)", TypePhone, "+39 " + mobile},
			{"q=1&page=2 then call +39 " + mobile, TypePhone, "+39 " + mobile},
			{"write to " + user + "+work@example.com & a=b", TypeEmail, user + "+work@example.com"},
			// A raw '@' is not written by the form serialiser: the run
			// ends there and the address is read as it is.
			{"email=" + user + "+work@example.com&x=1", TypeEmail, user + "+work@example.com"},
		} {
			wantValue(t, tc.text, s.ScanText(tc.text), tc.typ, tc.value)
		}
	}
	// A base64 blob with '+' in a text that holds a form body elsewhere
	// is still decoded as base64.
	for i := 0; ; i++ {
		key := genAWSKey(r)
		blob := base64.StdEncoding.EncodeToString([]byte("aws_access_key_id = " + key + " ~~>"))
		if !strings.Contains(blob, "+") {
			if i > 1000 {
				t.Fatal("no base64 with '+' generated")
			}
			continue
		}
		text := "a=1&b=2 and the blob " + blob
		fs := s.ScanText(text)
		if !slices.ContainsFunc(fs, func(f Finding) bool { return f.Type == TypeAWSAccessKey }) {
			t.Errorf("%q: no AWS key in the base64 view: %v", text, spans(fs))
		}
		break
	}
}

// A form's value ends at '&': a masked or templated value, decoded, is no
// password, and a password's span stops at its field's end.
func TestFormValueEndsAtAmpersand(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	for _, text := range []string{
		"db_password=" + pctEncode("********") + "&tel=1",
		"first_name=anna&db_password=" + pctEncode("********") + "&consent=on",
		"db_password=" + pctEncode("{{ secrets.DB_PASSWORD }}") + "&tel=1",
		"db_password=" + pctEncode("${DB_PASSWORD}") + "&consent=on",
	} {
		if fs := s.ScanText(text); slices.ContainsFunc(fs, func(f Finding) bool { return f.Type == TypePassword }) {
			t.Errorf("%q: %v, want no password (a mask or template)", text, spans(fs))
		}
	}
	for range 10 {
		pw := pctEncode(randFrom(r, "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10) + "!#" + randFrom(r, "0123456789", 3))
		for _, text := range []string{
			"db_password=" + pw + "&tel=1",
			"first_name=anna&redis_password=" + pw + "&consent=on&x=" + pctEncode("a b"),
		} {
			wantValue(t, text, s.ScanText(text), TypePassword, pw)
		}
	}
}

func TestIsFormBody(t *testing.T) {
	for _, tc := range []struct {
		run  string
		want bool
	}{
		{"a=1&b=2", true},
		{"first_name=luca&tel=0039+351+1573141&consent=on", true},
		{"a=&b=", true},
		{"a=1&&b=2&", true},
		{"a=1", false},
		{"a=1&", false},
		{"a=1&b", false},
		{"R&D=cost", false},
		{"=1&b=2", false},
		{"a=1=2&b=3", false},
		{"sig=ab+c==&x=1", false},
		{"&", false},
	} {
		if got := isFormBody(tc.run); got != tc.want {
			t.Errorf("isFormBody(%q) = %v, want %v", tc.run, got, tc.want)
		}
	}
}

func TestNextFormBody(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // the form bodies, in order
	}{
		{"Tom & Jerry, R&D=cost", nil},
		{"x=1&y=2", []string{"x=1&y=2"}},
		{"see https://x.io/p?a=1&b=2+3#top and 'c=4&d=%205'.", []string{"a=1&b=2+3", "c=4&d=%205"}},
		{"a=1&b=2 c=3 d=4&e=5", []string{"a=1&b=2", "d=4&e=5"}},
		{"email=a+b@x.com&x=1", nil},
		{"t%C3%A9l=1&tél=2", []string{"t%C3%A9l=1&tél=2"}},
		{"&&&=&=&", nil},
	} {
		var got []string
		for s, e := nextFormBody(tc.text, 0); s >= 0; s, e = nextFormBody(tc.text, e) {
			got = append(got, tc.text[s:e])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("form bodies of %q: %q, want %q", tc.text, got, tc.want)
		}
	}
}

// The percent view decodes a form body's '+' as a space and splits its
// fields by line; a URL's query keeps its '&' (the URL is one value).
func TestPercentViewOfForm(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"a=1+2&b=%2B3", "a=1 2\nb=+3"},
		{"x a+b y", ""},
		{"https://x.io/p?q=a+b&r=%2B1", "https://x.io/p?q=a b&r=+1"},
		{"https://x.io/p?q=1&r=2", ""},
		{"https://x.io/p?q=1&r=%41", "https://x.io/p?q=1&r=A"},
		{"50% a+b=c", ""},
		{"a%2Bb 50%25", "a+b 50%"},
	} {
		_, runs, fl := naiveScan(tc.text)
		var got string
		for _, v := range decodeViews(tc.text, runs, nil, fl) {
			got += v.nt.text
		}
		if got != tc.want {
			t.Errorf("views of %q: %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Many form bodies, or one long one, take linear time.
func TestFormBodiesStayLinear(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing bound; skipped under -race and -short")
	}
	stayLinear(t, newTestScanner(t), map[string]string{
		"form fields":      fillMiB("a=1+2&"),
		"form bodies":      fillMiB("a=1&b=2+3 "),
		"ampersands":       fillMiB("&"),
		"form with escape": fillMiB("a=%41+b&"),
		"nested escapes":   fillMiB(`{\"k\":\"\\u0041\"}`),
	})
}

// formBodiesNaive lists the form bodies of text by the definition: the
// maximal runs of formByte bytes that split on '&' into at least two
// non-empty fields, each with one '=' after a non-empty name.
func formBodiesNaive(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		if !formByte[text[i]] {
			i++
			continue
		}
		j := i
		for j < len(text) && formByte[text[j]] {
			j++
		}
		fields, ok := 0, true
		for _, f := range strings.Split(text[i:j], "&") {
			if f == "" {
				continue
			}
			if strings.Count(f, "=") != 1 || f[0] == '=' {
				ok = false
				break
			}
			// A field's name: a letter, '_', an escape or a byte outside
			// ASCII first, no '*' or '~'.
			if c := f[0]; !(isAlpha(c) || c == '_' || c == '%' || c >= 0x80) || strings.ContainsAny(f[:strings.IndexByte(f, '=')], "*~") {
				ok = false
				break
			}
			fields++
		}
		if ok && fields >= 2 {
			out = append(out, [2]int{i, j})
		}
		i = j
	}
	return out
}

func FuzzFormBodies(f *testing.F) {
	f.Add("first_name=luca&tel=0039+351+1573141&consent=on")
	f.Add("R&D=cost a=1&b=2 ?q=1&r=%2B2 &&=&a=&b=")
	f.Add("x=1&y==2&z=3 t%C3%A9l=1&tél=2")
	f.Add("0=&0= spring.datasource.password=_L&1*=x%767dbC*O_ a=1&~b=2")
	f.Fuzz(func(t *testing.T, text string) {
		var got [][2]int
		for s, e := nextFormBody(text, 0); s >= 0; s, e = nextFormBody(text, e) {
			got = append(got, [2]int{s, e})
		}
		if want := formBodiesNaive(text); !slices.Equal(got, want) {
			t.Fatalf("form bodies of %q: %v, want %v", text, got, want)
		}
		// The views of the form bodies map back inside the text, and a
		// text's findings made across their fields are dropped only
		// inside them.
		_, runs, fl := naiveScan(text)
		views := decodeViews(text, runs, nil, fl)
		for _, v := range views {
			for a := 0; a < len(v.nt.text); a++ {
				if x, y, ok := v.span(a, a+1); ok && (x < 0 || y > len(text) || x >= y) {
					t.Fatalf("view span %d → %d-%d of %d", a, x, y, len(text))
				}
			}
		}
		all := []rawFinding{{start: 0, end: len(text)}}
		if kept := dropAcrossFields(text, all, views); len(kept) == 0 && !slices.ContainsFunc(got, func(b [2]int) bool { return b == [2]int{0, len(text)} }) {
			t.Fatalf("%q: a finding over the whole text dropped, but the text is no form body", text)
		}
	})
}

// TestConnectionStringAmpersand: between ';' a key=value list is a
// connection string's, not a form body: its '&' is a byte of the value.
func TestConnectionStringAmpersand(t *testing.T) {
	s := newTestScanner(t)
	for _, tt := range []struct{ text, value string }{
		{"Server=db;Database=app;User Id=sa;Password=Qet2&13whav1=i8v;", "Qet2&13whav1=i8v"},
		{"Password=Qet2&13whav1=i8v;Server=db", "Qet2&13whav1=i8v"},
		{"Data Source=db;Password=Qet2&13whav1;User ID=sa", "Qet2&13whav1"},
	} {
		wantValue(t, tt.text, s.ScanText(tt.text), TypePassword, tt.value)
	}
	// Nor is a value whose '&' is followed by no field's name.
	text0 := "spring.datasource.password=_L&1*=x%767dbC*O_"
	wantValue(t, text0, s.ScanText(text0), TypePassword, "_L&1*=x%767dbC*O_")
	// A form body elsewhere still ends a value at '&'.
	text := "first_name=anna&db_password=Qet2x13whav1&consent=on"
	wantValue(t, text, s.ScanText(text), TypePassword, "Qet2x13whav1")
}
