package detect

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
)

// TestDetectors covers every built-in type: values made at test time from
// each format's definition, plus the look-alikes that must not match.
func TestDetectors(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)

	cf := genFiscalCode(r, 0)
	cfOmo := genFiscalCode(r, 3)
	cfBad := cf[:15] + string('A'+(cf[15]-'A'+1)%26)
	vat := genVAT(r)
	vatBad := vat[:10] + string('0'+(vat[10]-'0'+1)%10)
	jwtTok := genJWT(r)
	slackBot := "xoxb-" + randFrom(r, "0123456789", 12) + "-" + randFrom(r, "0123456789", 13) + "-" + randFrom(r, base62, 24)
	slackClient := "xoxc-" + randFrom(r, "0123456789", 10) + "-" + randFrom(r, "0123456789", 13) + "-" + randFrom(r, "0123456789", 13) + "-" + randFrom(r, "0123456789abcdef", 64)
	webhook := "https://hooks.slack.com/services/T" + randFrom(r, upperDigits, 8) + "/B" + randFrom(r, upperDigits, 10) + "/" + randFrom(r, base62, 24)
	stripe := "sk_live_" + randFrom(r, base62, 24)
	openaiLegacy := "sk-" + randFrom(r, base62, 20) + "T3BlbkFJ" + randFrom(r, base62, 20)
	openaiProj := "sk-proj-" + randFrom(r, base62+"-_", 74) + "T3BlbkFJ" + randFrom(r, base62+"-_", 74)
	anthropic := "sk-ant-api03-" + randFrom(r, base62+"-_", 93) + "AA"
	google := "AIza" + randFrom(r, base62+"-_", 35)
	gitlab := "glpat-" + randFrom(r, base62, 20)
	awsSecret := randFrom(r, base62, 18) + "/" + randFrom(r, base62, 10) + "+" + randFrom(r, base62, 10)
	pass := "Xq7!" + randFrom(r, base62, 8)

	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		// PII
		{"fiscal code", "CF " + cf + ".", []want{{TypeITFiscalCode, cf}}},
		{"fiscal code omocodia", "codice fiscale " + cfOmo, []want{{TypeITFiscalCode, cfOmo}}},
		{"fiscal code lower case", "cf " + strings.ToLower(cf), []want{{TypeITFiscalCode, strings.ToLower(cf)}}},
		{"fiscal code bad check letter", "Il codice fiscale " + cfBad + " risulta errato", nil},
		{"vat", "P.IVA " + vat, []want{{TypeITVAT, vat}}},
		{"vat with IT prefix", "VAT IT" + vat, []want{{TypeITVAT, "IT" + vat}}},
		{"vat bad check digit", "P.IVA " + vatBad, nil},
		// Eleven digits after a word about phones are a phone number; a
		// word that only starts with its letters is not one.
		{"vat after a phone word", "tel. " + vat, []want{{TypePhone, vat}}},
		{"vat after a word like a phone word", "Telepass codice " + vat, []want{{TypeITVAT, vat}}},
		{"vat under another number's label", "Customer Reference Number: 63616320220; Record Number 44630238887", nil},
		{"vat under piva", "! piva 93066640637\n", []want{{TypeITVAT, "93066640637"}}},
		{"vat under codice", "cod. 89166540404", []want{{TypeITVAT, "89166540404"}}},
		{"ssn", "SSN 123-45-6780 on file", []want{{TypeUSSSN, "123-45-6780"}}},
		{"ssn dotted", "ssn 234.56.7890", []want{{TypeUSSSN, "234.56.7890"}}},
		{"ssn bare with context", "social security number 234567890", []want{{TypeUSSSN, "234567890"}}},
		{"card then its expiry", "read over the phone: 4715 7708 1358 1424 09 28 120; amex 3782 822463 10005 07/2029",
			[]want{{TypeCreditCard, "4715 7708 1358 1424"}, {TypeCreditCard, "3782 822463 10005"}}},
		{"card-shaped then no expiry", "avviso pagoPA n. 4715 7708 1358 1424 90. or 4715 7708 1358 1424 42 5678, 4715-7708-1358-1424-09-28", nil},
		{"ssn bare without context", "order 234567890", nil},
		{"ssn bare under a short name", "SS#: 244424810; SS No. 060727983; Social: 234567890 (his social is 103793788, please)",
			[]want{{TypeUSSSN, "244424810"}, {TypeUSSSN, "060727983"}, {TypeUSSSN, "234567890"}, {TypeUSSSN, "103793788"}}},
		{"ssn bare, other words", "class 234567890, social media 234567890, this is 234567890, ASS 234567890", nil},
		{"ssn area 666", "SSN 666-45-6789", nil},
		{"ssn area 9xx", "SSN 912-45-6789", nil},
		{"ssn group 00", "SSN 123-00-6789", nil},
		{"ssn advertised", "SSN 078-05-1120", nil},
		{"ssn mixed separators", "SSN 123-45.6789", nil},
		{"ipv4", "from 192.168.10.25 port", []want{{TypeIPAddress, "192.168.10.25"}}},
		{"ipv4 cidr", "net 10.0.0.0/8.", []want{{TypeIPAddress, "10.0.0.0/8"}}},
		{"ipv4 octet too big", "addr 192.168.1.256", nil},
		{"version", "version v1.2.3.4 and 1.2.3", nil},
		{"ipv6", "from fd12:1683:eb1b::82ef today", []want{{TypeIPAddress, "fd12:1683:eb1b::82ef"}}},
		{"ipv6 zone", "gw fe80::1%eth0", []want{{TypeIPAddress, "fe80::1%eth0"}}},
		{"ipv6 then a colon", "il router ha preso fdc9:d927:b5d5::5974: come lo scrivo", []want{{TypeIPAddress, "fdc9:d927:b5d5::5974"}}},
		{"ipv6 prefix then a colon", "we were given 2a01:5bc9:9770::: why?", []want{{TypeIPAddress, "2a01:5bc9:9770::"}}},
		{"colons alone", "a ::: b", nil},
		{"ipv6 mapped", "[::ffff:192.0.2.1]:80", []want{{TypeIPAddress, "::ffff:192.0.2.1"}}},
		{"time is not ipv6", "at 12:34:56", nil},
		{"mac is not ipv6", "mac 00:1a:2b:3c:4d:5e", nil},
		{"cpp scope", "std::vector and a :: b", nil},
		{"phone e164", "call +39 011 0455068 now", []want{{TypePhone, "+39 011 0455068"}}},
		{"phone compact", "tel. +393301785513,", []want{{TypePhone, "+393301785513"}}},
		{"phone nanp", "reach (415) 555-0132", []want{{TypePhone, "(415) 555-0132"}}},
		{"phone nanp dashed", "415-555-0132", []want{{TypePhone, "415-555-0132"}}},
		{"phone context", "cellulare 329 4145387", []want{{TypePhone, "329 4145387"}}},
		{"number without context", "order 329 4145387", nil},
		{"date is not a phone", "tel. 2025-02-11", nil},
		{"order id", "Track order ORD-89627583 shipped on 2025-02-11.", nil},
		// Credentials
		{"jwt", "Bearer " + jwtTok, []want{{TypeJWT, jwtTok}}},
		{"jwt header not json", "eyJub3Rqc29u.eyJzdWIiOiIxIn0.c2ln", nil},
		{"slack bot", "token=" + slackBot + " ok", []want{{TypeSlackToken, slackBot}}},
		{"slack client", "localStorage token: " + slackClient, []want{{TypeSlackToken, slackClient}}},
		{"slack placeholder", "xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx", nil},
		{"slack webhook", "hook " + webhook + " 404", []want{{TypeSlackWebhook, webhook}}},
		{"stripe", "STRIPE=" + stripe, []want{{TypeStripeKey, stripe}}},
		{"stripe test inside word", "task_test_" + randFrom(r, base62, 24), nil},
		{"openai legacy", "OPENAI_API_KEY=" + openaiLegacy, []want{{TypeOpenAIKey, openaiLegacy}}},
		{"openai project", "key " + openaiProj, []want{{TypeOpenAIKey, openaiProj}}},
		{"openai placeholder", "use sk-... or sk-xxxxxxxx", nil},
		{"anthropic", "x-api-key: " + anthropic, []want{{TypeAnthropicKey, anthropic}}},
		{"anthropic wrong tail", "x-api-key: " + anthropic[:len(anthropic)-2] + "BB", nil},
		{"google", "key=" + google, []want{{TypeGoogleAPIKey, google}}},
		{"google placeholder", "AIza" + strings.Repeat("a", 35), nil},
		{"gitlab", "token " + gitlab, []want{{TypeGitLabToken, gitlab}}},
		// A full stop or an ellipsis after a token whose alphabet has '.'.
		{"gitlab full stop", "Use the token " + gitlab + ".", []want{{TypeGitLabToken, gitlab}}},
		{"gitlab ellipsis", "the token " + gitlab + "... then", []want{{TypeGitLabToken, gitlab}}},
		{"gitlab quoted full stop", "token " + gitlab + ".'x'", []want{{TypeGitLabToken, gitlab}}},
		{"gitlab placeholder", "glpat-XXXXXXXXXXX-XXXXXXXX", nil},
		// The keys vendors print in their documentation for everyone to
		// copy are no one's secret; a key one character off is.
		{"stripe docs key", "STRIPE_SECRET_KEY: sk_test_4eC39HqLyjWDarjtT1zdp7dc", nil},
		{"stripe docs key altered", "STRIPE_SECRET_KEY: sk_test_4eC39HqLyjWDarjtT1zdp7dd", []want{{TypeStripeKey, "sk_test_4eC39HqLyjWDarjtT1zdp7dd"}}},
		{"github docs token", `github_token = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"`, nil},
		{"github docs token altered", `github_token = "ghp_16C7e42F292c6912E7710c838347Ae178B4b"`, []want{{TypeGitHubToken, "ghp_16C7e42F292c6912E7710c838347Ae178B4b"}}},
		{"aws secret", "aws_secret_access_key='" + awsSecret + "'", []want{{TypeAWSSecretKey, awsSecret}}},
		{"aws secret needs context", "value " + awsSecret, nil},
		{"sha1 is not a secret", "aws_secret_access_key " + strings.Repeat("a1b2c3d4e5", 4), nil},
		{"credential url", "DATABASE_URL=postgres://svc:" + pass + "@db.internal:5432/app\n", []want{{TypeCredentialURL, "postgres://svc:" + pass + "@db.internal:5432/app"}}},
		{"url without password", "see https://example.com/x?a=b", nil},
		{"url template password", "postgres://user:${DB_PASS}@db/app", nil},
		{"password yaml", "smtp:\n  password: " + pass + "\n", []want{{TypePassword, pass}}},
		{"password json", `{"password": "` + pass + `"}`, []want{{TypePassword, pass}}},
		{"password env", "DB_PASSWORD=" + pass, []want{{TypePassword, pass}}},
		{"password italian", "la password è " + pass, []want{{TypePassword, pass}}},
		{"parola d'ordine", "parola d'ordine: " + pass, []want{{TypePassword, pass}}},
		{"password words between", "la password del wifi è " + pass + ".", []want{{TypePassword, pass}}},
		{"password for the vpn", "the password for the VPN is " + pass, []want{{TypePassword, pass}}},
		{"password query", "GET /login?user=bob&password=" + pass + "&next=/ HTTP/1.1", []want{{TypePassword, pass}}},
		{"password for env", "db password for prod: " + pass, []want{{TypePassword, pass}}},
		{"password sentence ends", "Reset the password. It is Monday2024 today", nil},
		{"curl user", "curl -u admin:" + pass + " https://x", []want{{TypePassword, pass}}},
		{"password prose", "Write a password reset flow template.", nil},
		{"password required", "password: required", nil},
		{"password template", `password = "${var.db_password}"`, nil},
		{"password placeholder", "password: ********", nil},
		{"curl placeholder", "curl -u username:password https://x", nil},
		// Classification
		{"marker", "The header says STRICTLY CONFIDENTIAL. Summarise.", []want{{TypeConfidentialMarker, "STRICTLY CONFIDENTIAL"}}},
		{"marker italian", "Documento STRETTAMENTE RISERVATO", []want{{TypeConfidentialMarker, "STRETTAMENTE RISERVATO"}}},
		{"marker tlp", "TLP:AMBER report", []want{{TypeConfidentialMarker, "TLP:AMBER"}}},
		{"marker title case", "Internal Use Only", []want{{TypeConfidentialMarker, "Internal Use Only"}}},
		{"confidential in prose", "is this confidential? keep it secret", nil},
		// Precision
		{"uuid and hash", "Build id 11e01485-652f-e8a8-10b9-0eb9283bcf53 at commit a2f60090e5d27f5e9749ce86b5799569ed4a7d77", nil},
		{"prices and dates", "Il rilascio v17.25.56 è del 2022-09-11; il totale è € 75.627,38.", nil},
		// Overlaps resolve to the containing value.
		{"email inside credential url", "amqp://app:" + pass + "@mq.acme.it/x", []want{{TypeCredentialURL, "amqp://app:" + pass + "@mq.acme.it/x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFindings(t, s, tt.text, tt.wants)
		})
	}
}

// TestEvasions hides values the ways people do and checks they are found,
// reported on the bytes of the original text.
func TestEvasions(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	aws, gh := genAWSKey(r), genGitHubToken(r, "ghp_")
	fullwidth := strings.Map(func(c rune) rune {
		if c >= '!' && c <= '~' {
			return c + 0xFEE0
		}
		return c
	}, aws)
	zw := aws[:4] + "\u200b" + aws[4:10] + "\u2060" + aws[10:]
	b64 := base64.StdEncoding.EncodeToString([]byte("aws key " + aws))
	b64url := base64.RawURLEncoding.EncodeToString([]byte(aws))
	var le []byte // the key in UTF-16LE, as PowerShell encodes a command
	for _, c := range []byte(aws) {
		le = append(le, c, 0)
	}
	utf16b64 := base64.StdEncoding.EncodeToString(le)
	pct := url.QueryEscape("mario.rossi@example.com")
	tests := []struct {
		name, text, typ, covered string
	}{
		{"full-width", "key " + fullwidth + " ok", TypeAWSAccessKey, fullwidth},
		{"full-width at", "mail a＠b.it", TypeEmail, "a＠b.it"},
		{"zero-width", "key " + zw, TypeAWSAccessKey, zw},
		{"soft hyphen", "key " + aws[:8] + "\u00ad" + aws[8:], TypeAWSAccessKey, aws[:8] + "\u00ad" + aws[8:]},
		{"base64", "decode: " + b64 + " thanks", TypeAWSAccessKey, b64},
		{"base64url", "blob " + b64url, TypeAWSAccessKey, b64url},
		{"percent", "url?email=" + pct, TypeEmail, pct},
		{"json escape", `"\u0041KIA` + aws[4:] + `"`, TypeAWSAccessKey, `\u0041KIA` + aws[4:]},
		{"hex escape", `'\x41KIA` + aws[4:] + `'`, TypeAWSAccessKey, `\x41KIA` + aws[4:]},
		{"escaped line break, password word", `{"content":"config:\npassword: Xk8#qL2vR9pz\nuser: a"}`, TypePassword, "Xk8#qL2vR9pz"},
		{"escaped line break, phone word", `{"c":"x\n\nRichiama il cliente al 06 46181635 domani"}`, TypePhone, "06 46181635"},
		{"escaped tab, ssn word", `{"c":"id\tssn 234567891"}`, TypeUSSSN, "234567891"},
		{"homoglyph", "key \u0410KI\u0410" + aws[4:], TypeAWSAccessKey, "\u0410KI\u0410" + aws[4:]},
		{"en dash in card", "card 4111–1111–1111–1111", TypeCreditCard, "4111–1111–1111–1111"},
		{"tag characters", "email: " + tags("mario.rossi@example.com") + " ok", TypeEmail, tags("mario.rossi@example.com")},
		{"tag characters in a key", "key " + aws[:4] + tags(aws[4:]), TypeAWSAccessKey, aws[:4] + tags(aws[4:])},
		{"base64 of utf-16", "powershell -EncodedCommand " + utf16b64, TypeAWSAccessKey, utf16b64},
		{"js code point escape", `const m = "mario.rossi\u{40}example.com";`, TypeEmail, `mario.rossi\u{40}example.com`},
		{"octal escape", `k = "\101\113IA` + aws[4:] + `"`, TypeAWSAccessKey, `\101\113IA` + aws[4:]},
		{"markdown escape", "the token gh" + `p\_` + gh[4:] + " leaked", TypeGitHubToken, "gh" + `p\_` + gh[4:]},
		{"grapheme joiner", "key " + aws[:6] + "\u034f" + aws[6:], TypeAWSAccessKey, aws[:6] + "\u034f" + aws[6:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := s.ScanText(tt.text)
			want0 := strings.Index(tt.text, tt.covered)
			want1 := want0 + len(tt.covered)
			for _, f := range fs {
				if f.Type == tt.typ {
					// At least half the evasive value, and nothing outside it
					// beyond the encoding's own granularity.
					ov := min(f.End, want1) - max(f.Start, want0)
					if ov*2 >= want1-want0 && f.Start >= want0-1 && f.End <= want1+1 {
						return
					}
					t.Errorf("%s at %d-%d, want about %d-%d", f.Type, f.Start, f.End, want0, want1)
					return
				}
			}
			t.Errorf("%q: no %s in %v", tt.text, tt.typ, spans(fs))
		})
	}
}

// tags writes s (ASCII) in the tag characters that mirror it.
func tags(s string) string {
	return strings.Map(func(c rune) rune { return c + tagBase }, s)
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"ＡＫＩＡ１２":          "AKIA12",
		"a\u200bb":        "ab",
		"a\u034fb\u3164c": "abc",
		"x" + tags("Ab1@") + "\U000e0001\U000e007f": "xAb1@",
		"x–y":   "x-y",
		"plain": "plain",
		"é":     "é",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
