package detect

import (
	"slices"
	"testing"
)

// Markup that renders as nothing inside a value is read through
// (markupViews), and the finding covers the markup too.
func TestMarkupSplitValues(t *testing.T) {
	s := newTestScanner(t)
	for _, tc := range []struct{ text, typ, value string }{
		{"<p><b>E-mail:</b> james.hughes<span>@</span>studiobianchi.it</p>", TypeEmail, "james.hughes<span>@</span>studiobianchi.it"},
		{"<p><b>Tel.:</b> +39<b></b> 320 957 5662</p>", TypePhone, "+39<b></b> 320 957 5662"},
		{"<p><b>Token:</b> ghp_KZrME4GiK<span></span>CRMYfTWrHN05SiDEF9BHF0hWQ1A</p>", TypeGitHubToken, "ghp_KZrME4GiK<span></span>CRMYfTWrHN05SiDEF9BHF0hWQ1A"},
		{"<p><b>Card:</b> 6011-8<b></b>166-6656-0431</p>", TypeCreditCard, "6011-8<b></b>166-6656-0431"},
		{"<p><b>Card:</b> 5563 36<wbr>97 6135 7620</p>", TypeCreditCard, "5563 36<wbr>97 6135 7620"},
		{"<p><b>IBAN:</b> IT97E030629958138704<!-- -->4119166</p>", TypeIBAN, "IT97E030629958138704<!-- -->4119166"},
		{`<p>E-mail: federicar<span style="display:none">x</span>@corvallis-partners.com</p>`, TypeEmail,
			`federicar<span style="display:none">x</span>@corvallis-partners.com`},
		// Bold on part of a value: the rest is glued to the end tag.
		{"a <b>4111 1111</b> 1111 1111", TypeCreditCard, "4111 1111</b> 1111 1111"},
	} {
		fs := s.ScanText(tc.text)
		i := slices.IndexFunc(fs, func(f Finding) bool { return f.Type == tc.typ })
		if i < 0 || tc.text[fs[i].Start:fs[i].End] != tc.value {
			t.Errorf("%q: want %s at %q, got %v", tc.text, tc.typ, tc.value, fs)
		}
	}
	// Block markup separates; code's angle brackets are no markup.
	for _, text := range []string{
		"<td>4111 1111</td><td>1111 1111</td>",
		"List<String> names = new ArrayList<>(); if (a<b) { x = 1; }",
	} {
		if fs := s.ScanText(text); len(fs) != 0 {
			t.Errorf("%q: want nothing, got %v", text, fs)
		}
	}
}

func TestMarkupLen(t *testing.T) {
	for _, tc := range []struct {
		s string
		n int
	}{
		{"<b>x", 3}, {"</b>x", 4}, {"<span>", 6}, {`<span style="display:none">x`, 27}, {"<wbr>", 5}, {"<wbr/>", 6},
		{"<!-- -->x", 8}, {"<!--x", 0}, {"<p>", 0}, {"<td>", 0}, {"<br>", 0}, {"<String>", 0}, {"<b", 0},
		{"<span <b>>", 0}, {"<", 0}, {"<i", 0}, {"<I>", 3}, {"</SPAN >", 8},
	} {
		if got := markupLen(tc.s, 0); got != tc.n {
			t.Errorf("markupLen(%q) = %d, want %d", tc.s, got, tc.n)
		}
	}
}

func TestMarkupDecodeMaps(t *testing.T) {
	w := "ab<b>c</b>d<!-- x -->e"
	v := markupDecode(w)
	if v.nt.text != "abcde" {
		t.Fatalf("decoded %q", v.nt.text)
	}
	// "cde" came from w[5:22].
	if s, e := v.back(2, 5); w[s:e] != "c</b>d<!-- x -->e" {
		t.Errorf("back(2,5) = %q", w[s:e])
	}
}
