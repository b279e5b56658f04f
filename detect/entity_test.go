package detect

import (
	"html"
	"testing"
)

// TestEntityReferences: values written with HTML character references are
// found on their encoded span; text whose references join nothing is left
// alone.
func TestEntityReferences(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	gh, aws := genGitHubToken(r, "ghp_"), genAWSKey(r)
	for _, tc := range []struct {
		text  string
		wants []want
	}{
		{"scrivimi a mario.rossi&#64;example.com", []want{{TypeEmail, "mario.rossi&#64;example.com"}}},
		{"<a href=\"mailto:luca&#x40;example&period;it\">", []want{{TypeEmail, "luca&#x40;example&period;it"}}},
		{"anna&commat;example.org", []want{{TypeEmail, "anna&commat;example.org"}}},
		{"key &#65;&#75;&#73;&#65;" + aws[4:], []want{{TypeAWSAccessKey, "&#65;&#75;&#73;&#65;" + aws[4:]}}},
		{"token: gh&#112;_" + gh[4:], []want{{TypeGitHubToken, "gh&#112;_" + gh[4:]}}},
		// Invisible characters, spaces and dashes by name.
		{"mail a_leone&ZeroWidthSpace;@example.it", []want{{TypeEmail, "a_leone&ZeroWidthSpace;@example.it"}}},
		{"IBAN IT60&shy;X054&thinsp;2811 1010 0000 0123 456", []want{{TypeIBAN, "IT60&shy;X054&thinsp;2811 1010 0000 0123 456"}}},
		{"card 4111&ndash;1111&ndash;1111&ndash;1111", []want{{TypeCreditCard, "4111&ndash;1111&ndash;1111&ndash;1111"}}},
		// References that join nothing, and look-alikes of references.
		{"AT&amp;T and Q&amp;A, fish &amp; chips: 5&#37; off", nil},
		{"mario&#64 example.com", nil}, // no ';'
		{"mario&#0;@example", nil},     // NUL is no character
		{"mario&at;example.com", nil},  // no such name
		{"x &#99999999; y", nil},       // out of range
		{"R&D; D&#;x &#x; &;", nil},    // empty references
	} {
		checkFindings(t, s, tc.text, tc.wants)
	}
}

// FuzzEntityDecode: entityDecode maps every decoded byte inside the text,
// in order, and decodes each reference as html.UnescapeString does.
func FuzzEntityDecode(f *testing.F) {
	f.Add("mario&#64;example&period;com &#x1F600; &amp;amp; &#0; &#x110000; &commat")
	f.Fuzz(func(t *testing.T, text string) {
		v := entityDecode(text)
		last := 0
		for a := range len(v.nt.text) {
			x, y, ok := v.span(a, a+1)
			if !ok || x < last || x >= y || y > len(text) {
				t.Fatalf("%q: byte %d → %d-%d (after %d)", text, a, x, y, last)
			}
			last = x
		}
		for i := range len(text) {
			if text[i] != '&' {
				continue
			}
			if r, n := entityAt(text, i); n > 0 && (r >= 0xa0 || r >= 0x20 && r < 0x7f) {
				if got := html.UnescapeString(text[i : i+n]); got != string(r) {
					t.Fatalf("%q: %q is %q, html says %q", text, text[i:i+n], string(r), got)
				}
			}
		}
	})
}
