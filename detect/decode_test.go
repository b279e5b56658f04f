package detect

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// mayBeText stops at the first bad group too many; it must answer as a
// count of every group does.
func TestMayBeTextMatchesCount(t *testing.T) {
	count := func(blob string) bool {
		groups, bad := 0, 0
		for i := 0; i < len(blob); i += 4 {
			groups++
			if !textGroupLead[blob[i]] {
				bad++
			}
		}
		return bad*10 <= groups
	}
	r := rand.New(rand.NewPCG(5, 6))
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for range 20000 {
		b := make([]byte, r.IntN(200))
		good := r.IntN(10) // how often a group is forced to lead with text
		for i := range b {
			b[i] = alphabet[r.IntN(64)]
			if i%4 == 0 && r.IntN(10) < good {
				b[i] = alphabet[2+r.IntN(30)]
			}
		}
		if got, want := mayBeText(string(b)), count(string(b)); got != want {
			t.Fatalf("mayBeText(%q) = %v, want %v", b, got, want)
		}
	}
}

// coveredFew looks through a few findings unsorted; it must answer as
// covered does over the same spans sorted.
func TestCoveredFewMatchesCovered(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		found := make([]rawFinding, r.IntN(coveredNear+1))
		for i := range found {
			s := r.IntN(60)
			found[i] = rawFinding{start: s, end: s + 1 + r.IntN(40)}
		}
		spans := sortedSpans(nil, found)
		s := r.IntN(70)
		e := s + 1 + r.IntN(30)
		if got, want := coveredFew(found, s, e), covered(spans, s, e); got != want {
			t.Fatalf("[%d,%d) in %v: coveredFew %v, covered %v", s, e, found, got, want)
		}
	}
}

// A text without runs or escapes skips the decoded views; one with a
// base64-encoded secret still finds it, on the encoded span.
func TestScanDecodesOnlyWhatIsThere(t *testing.T) {
	s := newTestScanner(t)
	if fs := s.ScanText("nothing to decode here at all"); len(fs) != 0 {
		t.Fatalf("findings in plain text: %v", fs)
	}
	secret := "contact me at mario.rossi@example.com please"
	enc := "prefix " + base64.StdEncoding.EncodeToString([]byte(secret)) + " suffix"
	fs := s.ScanText(enc)
	i := slices.IndexFunc(fs, func(f Finding) bool { return f.Type == TypeEmail })
	if i < 0 {
		t.Fatalf("no e-mail found in %q: %v", enc, fs)
	}
	if f := fs[i]; f.Start < len("prefix ") || f.End > len(enc)-len(" suffix") || strings.Contains(enc[f.Start:f.End], "@") {
		t.Fatalf("e-mail reported at %d:%d %q, not on the encoded span", f.Start, f.End, enc[f.Start:f.End])
	}
}

// firstTextRun marks the runs that may pass in a bit set and tests them
// exactly in order: a marked run that fails (its later groups are not
// text) must not hide a later one that passes, padding counts, and past
// 64 runs nextTextRun decides.
func TestFirstTextRun(t *testing.T) {
	text := base64.StdEncoding.EncodeToString([]byte("a secret value in text, long enough"))
	words := strings.Repeat("zzzzzzzzzzzzzzzzzzzz ", 70)
	cases := []struct {
		name, s string
		want    int
	}{
		{"none", "abcdefghijklmnopqrstuvwxyz0123456789 plain words", -1},
		{"text", "x " + text + " y", 0},
		// Its first four groups start with text leads, the rest do not.
		{"marked but not text", "CCCCDDDDEEEEFFFF0000111122223333444455556666 " + text, 1},
		{"padded", "QUtJQVozU1I0RkUzTE43R1NPVTc= end", 0},
		{"after 64 runs", words + text, 70},
		{"hash", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", -1},
	}
	for _, c := range cases {
		runs := runsOf(c.s)
		want, _, _ := nextTextRun(c.s, runs, 0)
		if want != c.want {
			t.Fatalf("%s: nextTextRun %d, want %d (runs %v)", c.name, want, c.want, runs)
		}
		if got := firstTextRun(c.s, runs); got != c.want {
			t.Errorf("%s: firstTextRun %d, want %d", c.name, got, c.want)
		}
	}
}

// FuzzFirstTextRun checks firstTextRun's branch-free first pass against
// nextTextRun, over the runs byteScan finds and over runs cut short (which
// byteScan never makes: the slow path).
func FuzzFirstTextRun(f *testing.F) {
	f.Add("QUtJQVozU1I0RkUzTE43R1NPVTc= and bWFyaW8ucm9zc2lAZXhhbXBsZS5jb20gc2Vj==x", 3)
	f.Add("abcdefghijklmnopqrstuvwxyz0123456789 ZGFyaW8gcm9zc2kgZGVs", 0)
	f.Add("c2VjcmV0IHZhbHVlIGhlcmU", 5)
	f.Fuzz(func(t *testing.T, s string, cut int) {
		runs := runsOf(s)
		want, _, _ := nextTextRun(s, runs, 0)
		if got := firstTextRun(s, runs); got != want {
			t.Fatalf("%q: firstTextRun %d, nextTextRun %d", s, got, want)
		}
		if len(runs) > 0 {
			r := &runs[len(runs)-1]
			r.e -= min(max(cut, 0), r.e-r.s)
			want, _, _ = nextTextRun(s, runs, 0)
			if got := firstTextRun(s, runs); got != want {
				t.Fatalf("%q, last run cut by %d: firstTextRun %d, nextTextRun %d", s, cut, got, want)
			}
		}
	})
}

// decodeBase64TextRef is mayBeText then decodeBase64Text as first
// written, branch by branch: the reference the table-driven one is held to.
func decodeBase64TextRef(blob string) (string, bool) {
	if !mayBeText(blob) {
		return "", false
	}
	trimmed := strings.TrimRight(blob, "=")
	var lower, upper, url, std bool
	for i := 0; i < len(trimmed); i++ {
		switch c := trimmed[i]; {
		case isLower(c):
			lower = true
		case isUpper(c):
			upper = true
		case c == '-' || c == '_':
			url = true
		case c == '+' || c == '/':
			std = true
		case c == '=':
			return "", false
		}
	}
	if !lower || !upper || (url && std) || len(trimmed)%4 == 1 {
		return "", false
	}
	enc := base64.RawStdEncoding
	if url {
		enc = base64.RawURLEncoding
	}
	dec, err := enc.DecodeString(trimmed)
	if err != nil {
		return "", false
	}
	// ASCII in UTF-16LE: pairs of a character and a zero.
	if len(dec) >= 8 {
		var ascii []byte
		for k := 0; k < len(dec); k += 2 {
			if dec[k] == 0 || dec[k] >= 0x80 || k+1 < len(dec) && dec[k+1] != 0 {
				ascii = nil
				break
			}
			ascii = append(ascii, dec[k])
		}
		if ascii != nil {
			dec = ascii
		}
	}
	if !utf8.Valid(dec) {
		return "", false
	}
	printable := 0
	for _, c := range dec {
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t' || c >= 0x80 {
			printable++
		}
	}
	if printable*100 < len(dec)*95 {
		return "", false
	}
	return string(dec), true
}

func FuzzDecodeBase64Text(f *testing.F) {
	for _, s := range []string{
		base64.StdEncoding.EncodeToString([]byte("password: hunter2 and more text")),
		base64.RawURLEncoding.EncodeToString([]byte("ciao, la mia email è x@y.it ~~~")),
		base64.StdEncoding.EncodeToString([]byte{0xff, 0xfe, 0x00, 0x01, 0x80, 0x81, 0x90, 0x99, 0x10, 0x20, 0x30, 0x40}),
		"QUJDREVGR0hJSktMTU5PUFFSU1RVVldY=", "QUJD-EVG+0hJSktMTU5PUFFSU1RVVldY", "QUJDRE=GR0hJSktMTU5PUFFSU1RVVldY",
		"", "Q", "aQ", "aQ=", "aQ==", "aB c", "bQBhAGkAbAAgAG0AZQA6ACAAbQBhAHIAaQBvAC4AcgBv", "bQBhAGkAbAAgAG0AZQA6ACAAbQBh",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, gok := "", false
		if mayBeText(s) { // as nextTextRun tests before decodeBase64Text
			got, _, gok = decodeBase64Text(s)
		}
		want, wok := decodeBase64TextRef(s)
		if got != want || gok != wok {
			t.Fatalf("decodeBase64Text(%q) = %q, %v; want %q, %v", s, got, gok, want, wok)
		}
	})
}

// Of many findings that start where a run does, covered looks at the
// longest (sortedSpans orders ties by end): the run is covered by the
// one that holds it, however they came.
func TestCoveredLooksAtLongestFirst(t *testing.T) {
	var found []rawFinding
	for end := 3 * coveredNear; end > 0; end-- {
		found = append(found, rawFinding{start: 10, end: 10 + end})
	}
	spans := sortedSpans(nil, found)
	if !covered(spans, 10, 10+3*coveredNear) {
		t.Fatalf("[10,%d) not covered by %v", 10+3*coveredNear, found)
	}
	if covered(spans, 10, 11+3*coveredNear) {
		t.Fatalf("[10,%d) covered by %v", 11+3*coveredNear, found)
	}
}

// A value whose last escape is not its last token (JSON writes only some
// characters as \u escapes) is decoded whole: the view reaches the end of
// the line, not just the end of the escape's token.
func TestEscapedValueGoesOnPastLastEscape(t *testing.T) {
	s := newTestScanner(t)
	for _, tc := range []struct{ text, typ, value string }{
		{`{"card": "4296 \u00339\u00362\u0020011\u0031 8038"}`, TypeCreditCard, `4296 \u00339\u00362\u0020011\u0031 8038`},
		{`{"tel": "+39 348\u0020956 0667"}`, TypePhone, `+39 348\u0020956 0667`},
		{`{"iban": "\u0041L\u0034\u0037 2121 \u0031009 0000 0002\u002035\u00369 8741"}`, TypeIBAN, `\u0041L\u0034\u0037 2121 \u0031009 0000 0002\u002035\u00369 8741`},
		// JSON's escaped slashes (PHP's json_encode writes URLs so).
		{`{"hook":"https:\/\/hooks.slack.com\/services\/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"}`, TypeSlackWebhook,
			`https:\/\/hooks.slack.com\/services\/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`},
		{`{"dsn":"postgres:\/\/app:Qz7mKp2Lx9vR@db.internal:5432\/prod"}`, TypeCredentialURL, `postgres:\/\/app:Qz7mKp2Lx9vR@db.internal:5432\/prod`},
	} {
		fs := s.ScanText(tc.text)
		i := slices.IndexFunc(fs, func(f Finding) bool { return f.Type == tc.typ })
		if i < 0 || tc.text[fs[i].Start:fs[i].End] != tc.value {
			t.Errorf("%s: want %s at %q, got %v", tc.text, tc.typ, tc.value, fs)
		}
	}
	// A line continuation inside a value (a shell's, C's, Python's) is
	// removed, as they remove it; between a command's arguments it is left.
	for _, tc := range []struct{ text, typ, value string }{
		{"export GITHUB_TOKEN=\"github_pat_11HEO2DFNYE2AWRALPE8I7_BiyzooOQw8iRttMPv\\\nDz6hFn8q0916cbKsqrXfvnsT97E6o3fQEthH81JYHH\"\n./run.sh",
			TypeGitHubToken, "github_pat_11HEO2DFNYE2AWRALPE8I7_BiyzooOQw8iRttMPv\\\nDz6hFn8q0916cbKsqrXfvnsT97E6o3fQEthH81JYHH"},
		{"export SLACK_WEBHOOK_URL=\"https://hooks.slack.com/services/TYB69\\\r\nDMJK/BPNM0BHY6BI/14ejOWQUt1eIaXJ7Oke8I0SS\"",
			TypeSlackWebhook, "https://hooks.slack.com/services/TYB69\\\r\nDMJK/BPNM0BHY6BI/14ejOWQUt1eIaXJ7Oke8I0SS"},
	} {
		fs := s.ScanText(tc.text)
		if len(fs) != 1 || fs[0].Type != tc.typ || tc.text[fs[0].Start:fs[0].End] != tc.value {
			t.Errorf("%q: want one %s at %q, got %v", tc.text, tc.typ, tc.value, fs)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"ab\\\ncd", "abcd"},
		{"ab\\\r\ncd", "abcd"},
		{"cmd \\\n  --flag", "cmd \\\n  --flag"}, // between arguments
		{"ab\\\n  cd", "ab\\\n  cd"},
		{"ab\\\\\ncd", "ab\\\ncd"}, // an escaped backslash, then a line break
		{"ab\\\rcd", "ab\\\rcd"},
	} {
		if got := escapeDecode(tc.in).nt.text; got != tc.want {
			t.Errorf("escapeDecode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// A window stops at the end of the line, and within windowReach bytes.
	text := `a\u0041 b` + "\n" + `c`
	if lo, hi := encodedWindow(text, 1, 1); text[lo:hi] != `a\u0041 b` {
		t.Errorf("window %q, want the first line", text[lo:hi])
	}
	long := `\u0041` + strings.Repeat(" word", 60)
	if _, hi := encodedWindow(long, 0, 0); hi < 6+128 || hi > 6+128+5 {
		t.Errorf("window ends at %d, want about %d", hi, 6+128)
	}
}

// A form body of one field with both of the encoding's marks, '+' and
// %XX, has its '+' decoded as a space too (formField).
func TestOneFieldFormBody(t *testing.T) {
	s := newTestScanner(t)
	for _, tc := range []struct{ text, typ, value string }{
		{"curl -s -X POST https://x.it/export -d 'telefono=%2b%31+%37%37%37+%35%38%39+%31%34%30%38'", TypePhone,
			"%2b%31+%37%37%37+%35%38%39+%31%34%30%38"},
		{"curl -d 'pan=43%352+0304+2272+8694'", TypeCreditCard, "43%352+0304+2272+8694"},
		{"https://cantina.it/richiamami?tel=06+30+37%2D67%2D06 - il modulo non invia nulla", TypePhone, "06+30+37%2D67%2D06"},
		// Encoded whole, spaces as %20: a '+' is its own.
		{"Here%20is%20my%20.env%3F%0ADATABASE_URL=mongodb+srv:%2F%2Fsvc:WLUFSARpp0j4%25B@db01.corp.local:5432%2Fbilling%0A", TypeCredentialURL,
			"mongodb+srv:%2F%2Fsvc:WLUFSARpp0j4%25B@db01.corp.local:5432%2Fbilling"},
	} {
		fs := s.ScanText(tc.text)
		i := slices.IndexFunc(fs, func(f Finding) bool { return f.Type == tc.typ })
		if i < 0 || tc.text[fs[i].Start:fs[i].End] != tc.value {
			t.Errorf("%s: want %s at %q, got %v", tc.text, tc.typ, tc.value, fs)
		}
	}
	for _, tc := range []struct {
		run string
		ok  bool
	}{
		{"tel=%2B39+02", true}, {"tel=%2B3902", false}, {"a=1&tel=%2B39+02", false}, {"=%41+b", false},
		{"x=a=%41+b", false}, {"1x=%41+b", false}, {"a=%20b+c", false},
	} {
		esc := strings.IndexByte(tc.run, '%')
		if _, _, ok := formField(tc.run, esc); ok != tc.ok {
			t.Errorf("formField(%q) = %v, want %v", tc.run, ok, tc.ok)
		}
	}
}

// percentDecode decodes escapes of bytes outside ASCII only where they
// spell a whole UTF-8 character: "%DB_PASS%" is a template, not a byte.
func TestPercentDecodeWholeCharacters(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"%41%4b", "AK"},
		{"Societ%C3%A0%20Rossi", "Società Rossi"},
		{"%E2%82%AC %F0%9F%98%80", "€ 😀"},
		{"%DB_PASS% %AD%", "%DB_PASS% %AD%"},
		{"%C3", "%C3"},
		{"%C3%28", "%C3("},
		{"%E2%82x", "%E2%82x"},
		{"%ED%A0%80", "%ED%A0%80"}, // a surrogate: not UTF-8
		{"%41%DB", "A%DB"},
		{"%4", "%4"},
	} {
		if got := percentDecode(tc.in).nt.text; got != tc.want {
			t.Errorf("percentDecode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	s := newTestScanner(t)
	for _, text := range []string{"password: %DB_PASS%", "password=%ADMIN_PWD%"} {
		if fs := s.ScanText(text); len(fs) != 0 {
			t.Errorf("%q: %v, want no finding (a template)", text, fs)
		}
	}
}

// jsonString writes s as a JSON string literal, escaping only '"' and '\'
// (what an inner document needs to be put inside a JSON string).
func jsonString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// JSON inside a JSON string (a webhook's payload, a HAR's postData) is
// decoded level by level: the inner document's \u escapes, written \\u,
// are decoded too, and its keys, written \"key\":, read as keys.
func TestNestedJSONEscapes(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	for range 10 {
		tok := "glpat-" + randFrom(r, base62, 10)
		tok2 := randFrom(r, base62, 10)
		iban := genIBAN(r, "IT")
		pw := randFrom(r, "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ", 8) + "!" + randFrom(r, "0123456789", 5)
		ip := fmt.Sprintf("%d.%d.%d.%d", 11+r.IntN(180), r.IntN(256), r.IntN(256), 1+r.IntN(250))
		fwIP := ""
		for _, c := range ip {
			if c == '.' {
				fwIP += "."
			} else {
				fwIP += fmt.Sprintf(`\uff1%c`, c)
			}
		}
		for _, tc := range []struct{ inner, typ, value string }{
			{`{"gitlab_token":"` + tok + `\u200d\ufeff` + tok2 + `"}`, TypeGitLabToken, tok + `\u200d\ufeff` + tok2},
			{`{"commit":"abc","IBAN":"` + iban[:20] + `\ufeff` + iban[20:] + `"}`, TypeIBAN, iban[:20] + `\ufeff` + iban[20:]},
			{`{"server_ip":"` + fwIP + `"}`, TypeIPAddress, fwIP},
			{`{"db_password":"` + pw + `"}`, TypePassword, pw},
			{`{"ref":"x","ldap_bind_password":"` + pw + `","n":1}`, TypePassword, pw},
		} {
			two := jsonString(tc.inner)
			for _, text := range []string{
				`{"event":"webhook","payload":` + two + `,"ts":1788766530}`,
				// Three levels: the payload of a HAR's postData.
				`{"postData":{"text":` + jsonString(`{"payload":`+two+`}`) + `}}`,
			} {
				// The value as written at this depth.
				enc := tc.value
				for k := strings.Count(text[:strings.Index(text, "payload")], `\"`) + 1; k > 0; k-- {
					enc = jsonString(enc)
					enc = enc[1 : len(enc)-1]
				}
				wantValue(t, text, s.ScanText(text), tc.typ, enc)
			}
		}
	}
}

// The levels below the first are decoded only inside the strings that
// escaped quotes delimit: an escaped backslash elsewhere is a backslash.
func TestEscapeDecodeLevels(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"p":"C:\\new"}`, `{"p":"C:\new"}`},
		{`{"p":"a\\u0041"}`, `{"p":"a\u0041"}`},
		{`{"p":"{\"k\":\"a\\u0041\"}"}`, `{"p":"{"k":"aA"}"}`},
		{`{"p":"{\"k\":\"C:\\\\new\"}"}`, `{"p":"{"k":"C:\new"}"}`},
		{`{"p":"{\"k\":\"x\"} \\u0041"}`, `{"p":"{"k":"x"} \u0041"}`},
		{`"{\"a\":\"{\\\"k\\\":\\\"x\\\\\\u0041\\\"}\"}"`, `"{"a":"{"k":"x\A"}"}"`},
		{`"{\"a\":\"{\\\"k\\\":\\\"x\\\\\\\\u0041\\\"}\"}"`, `"{"a":"{"k":"x\u0041"}"}"`}, // a fourth level is not decoded
	} {
		if got := escapeDecode(tc.in).nt.text; got != tc.want {
			t.Errorf("escapeDecode(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
	// A value found in the first level's text stays found: the level
	// below does not glue "\u006e" (an escaped "\n" in a config file's
	// text) to it.
	s := newTestScanner(t)
	key := genAWSKey(rng(t))
	text := `{"config.ini": "AWS_TOKEN=AK\u0049` + key[3:] + `\\u006eBACKUP_ENABLED=true", "x": "{\"a\":1}"}`
	wantValue(t, text, s.ScanText(text), TypeAWSAccessKey, `AK\u0049`+key[3:])
}

// JSON inside a JSON string decodes to the inner document's text: any
// string, escaped as encoding/json does, then put in a JSON string. (A
// string holding quotes is left out: its escaped quotes make it read as a
// string of a level further down, which escapeDecode decodes too; and
// so are backspace and form feed, whose escapes \b and \f it leaves.)
func FuzzNestedJSON(f *testing.F) {
	f.Add("glpat-abc\u200d\ufeffdef")
	f.Add(`a'b\c` + "\n\t<&>\u2028")
	f.Add(`\u0041\\`)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\"\b\f") {
			return
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		outer := `{"p":` + jsonString(`{"k":`+string(b)+`}`) + `}`
		v := escapeDecode(outer)
		if want := normalise(`{"p":"{"k":"` + s + `"}"}`).text; v.nt.text != want {
			t.Fatalf("escapeDecode(%s) = %q, want %q", outer, v.nt.text, want)
		}
		for a := 0; a < len(v.nt.text); a++ {
			if x, y, ok := v.span(a, a+1); !ok || x < 0 || y > len(outer) || x >= y {
				t.Fatalf("view span %d → %d-%d of %d", a, x, y, len(outer))
			}
		}
	})
}

// A value percent-encoded twice (a URL carried in a query parameter of
// another, "%253A" for ':') is decoded twice and reported on its twice
// encoded span; a '%' the first level decodes that starts no escape stays.
func TestDoublePercentEncoding(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	pw := randFrom(r, "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ", 6) + "*" + randFrom(r, "0123456789", 4)
	double := func(v string) string { return strings.ReplaceAll(url.QueryEscape(v), "%", "%25") }
	dsn := double("postgresql://deploy:" + pw + "@pg-prod.internal:5432/crm")
	text := "redirect https://login.acme.it/sso?next=https%3A%2F%2Fintranet.acme.it%2Fdebug%3Fdsn%3D" + dsn + "%26x%3D1 crashes"
	checkFindings(t, s, text, []want{{TypeCredentialURL, dsn}})
	phone := "%252B39%2520330%2520496%25202488"
	checkFindings(t, s, "callback?next=%2Fcall%3Fphone%3D"+phone+" fails", []want{{TypePhone, phone}})
	for _, text := range []string{
		"progress 100%2525 done",            // "%25" twice: "100%25", then "100%"
		"discount%2520off%2520is%252050%25", // words only
	} {
		checkFindings(t, s, text, nil)
	}
	for _, tc := range []struct{ in, once, twice string }{
		{"a%2541%252F%25zz", "a%41%2F%zz", "aA/\nzz"},
		{"x%3Fk%3D%2541b%26y", "x?k=%41b&y", "x\nk\nAb\ny"}, // once-encoded '?', '=', '&' end the value
		{"100%25 done", "100% done", ""},
	} {
		once, twice := percentDecodeForms(tc.in, nil, 0)
		got := ""
		if twice != nil {
			got = twice.nt.text
		}
		if once.nt.text != tc.once || got != tc.twice {
			t.Errorf("percentDecodeForms(%q) = %q, %q; want %q, %q", tc.in, once.nt.text, got, tc.once, tc.twice)
		}
	}
}

// wrap cuts s into lines of width characters, with sep between them.
func wrap(s string, width int, sep string) string {
	var lines []string
	for len(s) > width {
		lines, s = append(lines, s[:width]), s[width:]
	}
	return strings.Join(append(lines, s), sep)
}

// A blob wrapped at a fixed width (the base64 command's 76, PEM's 64) is
// decoded whole, its lines joined: a value cut by a line break is found,
// on the encoded span from its first character to its last.
func TestWrappedBase64(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	for _, tc := range []struct {
		width int
		sep   string
		lead  string // before the blob on its first line
	}{{76, "\n", ""}, {64, "\n", ""}, {76, "\r\n", ""}, {76, "\n", "data: "}, {60, "\n", "  env: "}} {
		aws := genAWSKey(r)
		iban := genIBAN(r, "IT")
		// The values straddle the lines whatever the width.
		env := "# service settings for the billing job, please keep them private\n" +
			"export AWS_ACCESS_KEY_ID=" + aws + "\nIBAN_FORNITORE=" + iban + "\nLOG_LEVEL=info\n"
		b64 := base64.StdEncoding.EncodeToString([]byte(env))
		enc := wrap(b64, tc.width, tc.sep)
		if tc.lead != "" {
			// The encoder wrapped the line that began with lead.
			first := tc.width - len(tc.lead)
			first -= first % 4
			enc = b64[:first] + tc.sep + wrap(b64[first:], tc.width, tc.sep)
		}
		text := "Why does the job fail? Here is its config:\n" + tc.lead + enc + tc.sep + "Thanks!"
		got := s.ScanText(text)
		var types []string
		for _, f := range got {
			types = append(types, f.Type)
			if span := text[f.Start:f.End]; !strings.Contains(enc, span) || strings.HasPrefix(span, "\n") || strings.HasSuffix(span, "\n") {
				t.Errorf("width %d %q: %s on %q, not inside the blob", tc.width, tc.sep, f.Type, span)
			}
		}
		if want := []string{TypeAWSAccessKey, TypeIBAN}; !slices.Equal(types, want) {
			t.Errorf("width %d %q lead %q: %v, want %v\n%s", tc.width, tc.sep, tc.lead, types, want, text)
		}
	}
	// Lines of other widths, or a padded line, are blobs of their own.
	aws := genAWSKey(r)
	half := base64.StdEncoding.EncodeToString([]byte("key id " + aws[:10]))
	rest := base64.StdEncoding.EncodeToString([]byte(aws[10:] + " is the id"))
	checkFindings(t, s, "two values:\n"+half+"\n"+rest+"\n", nil)
}

// Short padded blobs (8 to 15 characters: an SSN, a VAT number) are
// decoded where the text speaks of base64, on their encoded span;
// assignments ending in '=' and texts without the word are not.
func TestShortBase64Blobs(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	b64 := func(v string) string { return base64.StdEncoding.EncodeToString([]byte(v)) }
	ssn := fmt.Sprintf("%03d-%02d-%04d", 100+r.IntN(500), 10+r.IntN(80), 1000+r.IntN(9000))
	vat := genVAT(r)
	eSSN, eVAT := b64(ssn), b64(vat)
	if len(eSSN) != 16 || eSSN[15] != '=' || len(eVAT) != 16 || eVAT[15] != '=' {
		t.Fatalf("bad test: %q, %q are not 15 characters and padding", eSSN, eVAT)
	}
	secret := "kubectl apply fails on this Secret, why?\n\napiVersion: v1\nkind: Secret\ndata:\n  LOG_LEVEL: aW5mbw==\n" +
		"  SOCIAL_SECURITY_NUMBER: " + eSSN + "\n  VAT_NUMBER: " + eVAT + "\n"
	checkFindings(t, s, secret+"Are the base64 values right?", []want{{TypeUSSSN, eSSN}, {TypeITVAT, eVAT}})
	// A Secret's data is base64 by definition; a ConfigMap's is text.
	checkFindings(t, s, secret, []want{{TypeUSSSN, eSSN}, {TypeITVAT, eVAT}})
	checkFindings(t, s, strings.Replace(secret, "kind: Secret", "kind: ConfigMap", 1), nil)
	checkFindings(t, s, "Ti passo partita_iva in base64 così il filtro non lo blocca: "+eVAT+" — decodificalo.",
		[]want{{TypeITVAT, eVAT}})
	for _, text := range []string{
		"VAT_NUMBER: " + eVAT, // no word says base64
		"base64 of the key: AWS_SECRET_KEY= PASSWORD=abc x==y", // assignments
		"b64: QUFBQUFBQUFBQUFB= QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB",
	} {
		checkFindings(t, s, text, nil)
	}
}
