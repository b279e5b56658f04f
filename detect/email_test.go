package detect

import (
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// domainEndNaive is domainEnd byte by byte, as the format reads.
func domainEndNaive(text string, i int) (int, bool) {
	labels := 0
	lastStart, lastEnd := 0, 0
	for {
		s := i
		lab := text[s:min(len(text), s+63)]
		n := 0
		for n < len(lab) && charClass[lab[n]]&cAlnumDash != 0 {
			n++
		}
		i = s + n
		if i == s || text[s] == '-' || text[i-1] == '-' {
			break
		}
		labels++
		lastStart, lastEnd = s, i
		if i+1 < len(text) && text[i] == '.' && is(text[i+1], cAlnum) {
			i++
			continue
		}
		break
	}
	if labels < 2 || lastEnd-lastStart < 2 {
		return 0, false
	}
	tld := text[lastStart:lastEnd]
	if len(tld) > 4 && hasPrefixFold(tld, 0, "xn--") {
		return lastEnd, true
	}
	if slices.Contains(assetExtensions, strings.ToLower(tld)) {
		return 0, false
	}
	for j := 0; j < len(tld); j++ {
		if !is(tld[j], cAlpha) {
			return 0, false
		}
	}
	// A capital after a small letter: a glued word after small letters
	// ("siteAvar"), else no TLD.
	if m := regexp.MustCompile(`[a-z][A-Z]`).FindStringIndex(tld); m != nil {
		if k := m[0] + 1; k >= 2 && strings.ToLower(tld[:k]) == tld[:k] {
			return lastStart + k, true
		}
		return 0, false
	}
	return lastEnd, true
}

// TestDomainEndMatchesNaive compares domainEnd with its byte-by-byte form
// over texts of labels, dots, hyphens and other bytes, labels up to and
// past 63 bytes, starting anywhere.
func TestDomainEndMatchesNaive(t *testing.T) {
	r := rng(t)
	pieces := []string{".", "-", "_", "@", "é", "com", "it", "xn--p1ai", "a1", strings.Repeat("a", 62), strings.Repeat("b", 70)}
	for range 30000 {
		var b strings.Builder
		for b.Len() < r.IntN(120) {
			if r.IntN(3) == 0 {
				b.WriteString(pieces[r.IntN(len(pieces))])
			} else {
				b.WriteString(randFrom(r, "abZ09-.", r.IntN(12)))
			}
		}
		s := b.String()
		for i := 0; i <= len(s); i++ {
			e1, ok1 := domainEnd(s, i)
			e2, ok2 := domainEndNaive(s, i)
			if e1 != e2 || ok1 != ok2 {
				t.Fatalf("domainEnd(%q, %d) = %d, %v, want %d, %v", s, i, e1, ok1, e2, ok2)
			}
		}
	}
}

// TestAlnumDashIn8 checks the eight-byte class test against charClass for
// every byte value in every place, after a run of class bytes.
func TestAlnumDashIn8(t *testing.T) {
	for c := range 256 {
		for k := range 8 {
			var w [8]byte
			for j := range w {
				w[j] = 'a'
			}
			w[k] = byte(c)
			x := uint64(0)
			for j := 7; j >= 0; j-- {
				x = x<<8 | uint64(w[j])
			}
			for _, letters := range []bool{false, true} {
				class := uint64(cAlnumDash)
				if letters {
					class = cAlpha
				}
				want := 8
				if charClass[c]&class == 0 {
					want = k
				}
				if got := alnumDashIn8(x, letters); got != want {
					t.Fatalf("alnumDashIn8(%q, %v) = %d, want %d", w, letters, got, want)
				}
			}
		}
	}
}

func TestPaddedLoad64(t *testing.T) {
	s := "0123456789abcdefghij"
	for n := 0; n <= len(s); n++ {
		for i := 0; i <= n; i++ {
			var want uint64
			for k := min(n, i+8) - 1; k >= i; k-- {
				want = want<<8 | uint64(s[k])
			}
			if got := paddedLoad64(s[:n], i); got != want {
				t.Fatalf("paddedLoad64(%q, %d) = %#x, want %#x", s[:n], i, got, want)
			}
		}
	}
}

// TestAlnumDashDot8 checks the eight-byte masks against charClass for every
// byte value in every place.
func TestAlnumDashDot8(t *testing.T) {
	for c := range 256 {
		for k := range 8 {
			w := []byte("a-.Z9_\xff ")
			w[k] = byte(c)
			a, d, p := alnumDashDot8(textLoad64(string(w), 0))
			a, d, p = uint64(highBits8(a)), uint64(highBits8(d)), uint64(highBits8(p))
			for j, b := range w {
				if got, want := a>>j&1 != 0, is(b, cAlnum); got != want {
					t.Fatalf("%q byte %d: alnum %v, want %v", w, j, got, want)
				}
				if got, want := d>>j&1 != 0, b == '-'; got != want {
					t.Fatalf("%q byte %d: dash %v, want %v", w, j, got, want)
				}
				if got, want := p>>j&1 != 0, b == '.'; got != want {
					t.Fatalf("%q byte %d: dot %v, want %v", w, j, got, want)
				}
			}
		}
	}
}

// TestDomainIn32Edges compares domainEnd (the masks' path where the name
// ends inside the 32-byte window) with its byte-by-byte form for names
// ending around the window's end, where the masks cannot see the byte
// after a dot at 31 and the walk must decide.
func TestDomainIn32Edges(t *testing.T) {
	for n := 20; n <= 40; n++ {
		for _, tail := range []string{"", ".", ".c", ".co", "-", "-.x", "..", " x", ".-a", ".9"} {
			for _, head := range []string{"a.", "a-b.", "ab.", "-a.", "a", "a.b."} {
				name := head + strings.Repeat("x", max(0, n-len(head)-3)) + ".it" + tail
				s := name + strings.Repeat(" ", 32)
				for _, text := range []string{s, name} {
					e1, ok1 := domainEnd(text, 0)
					e2, ok2 := domainEndNaive(text, 0)
					if e1 != e2 || ok1 != ok2 {
						t.Fatalf("domainEnd(%q, 0) = %d, %v, want %d, %v", text, e1, ok1, e2, ok2)
					}
				}
			}
		}
	}
	// A name of labels of one letter each, ending at every place of the
	// window and past it.
	for n := 1; n < 40; n++ {
		name := strings.Repeat("a.", n) + "io"
		s := name + ". more text to fill the window, and more"
		e, ok := domainEnd(s, 0)
		if !ok || e != len(name) {
			t.Fatalf("domainEnd(%q, 0) = %d, %v, want %d, true", s, e, ok, len(name))
		}
	}
}

// FuzzDomainEnd compares domainEnd with its byte-by-byte form.
func FuzzDomainEnd(f *testing.F) {
	f.Add("mario.rossi@northwind.co.uk, grazie", 12)
	f.Add("a@b-.example.com is not one", 2)
	f.Add("x@"+strings.Repeat("ab.", 11)+"com", 2)
	f.Add("The image icon@2x.png is blurry", 15)
	f.Add("LOGO@3X.JPEG and bob@acme.zip", 5)
	f.Fuzz(func(t *testing.T, s string, i int) {
		if i < 0 || i > len(s) {
			return
		}
		e1, ok1 := domainEnd(s, i)
		e2, ok2 := domainEndNaive(s, i)
		if e1 != e2 || ok1 != ok2 {
			t.Fatalf("domainEnd(%q, %d) = %d, %v, want %d, %v", s, i, e1, ok1, e2, ok2)
		}
	})
}

// TestHostMasks32 checks the AVX2 masks against charClass for every byte
// value in every place of the 32.
func TestHostMasks32(t *testing.T) {
	if !haveAVX2 || spanTableOK&aAlnum == 0 {
		t.Skip("no AVX2 masks here")
	}
	w := []byte("ab-.Z9_\xff xn--p1ai.example.com/\x00?")
	for c := range 256 {
		for k := range 32 {
			old := w[k]
			w[k] = byte(c)
			a, d, p := hostMasks32(&w[0], &spanTables[bits.TrailingZeros64(aAlnum)])
			for j, b := range w {
				if a>>j&1 != 0 != is(b, cAlnum) || d>>j&1 != 0 != (b == '-') || p>>j&1 != 0 != (b == '.') {
					t.Fatalf("%q byte %d: masks %032b %032b %032b", w, j, a, d, p)
				}
			}
			w[k] = old
		}
	}
}

// localStartNaive is localStart byte by byte, as the format reads: the
// run of local-part bytes (ASCII atext, the apostrophe, UTF-8 Latin
// letters) before at, up to an apostrophe that is not between two letters
// or digits; from after the last apostrophe if a '+' is before it in that
// run; at most 64 bytes; less leading dots and UTF-8 continuation bytes;
// not empty, not ending with a dot or an apostrophe.
func localStartNaive(text string, at int) int {
	in := func(b byte) bool {
		return strings.IndexByte("._%+-'", b) >= 0 || isAlnum(b) || 0xc3 <= b && b <= 0xc9 || 0x80 <= b && b <= 0xbf
	}
	letter := func(b byte) bool { return isAlnum(b) || b >= 0x80 }
	inner := func(k int) bool { // the apostrophe at k
		return k > 0 && in(text[k-1]) && letter(text[k-1]) && k+1 < at && letter(text[k+1])
	}
	start := at
	for start > 0 && in(text[start-1]) && !(text[start-1] == '\'' && !inner(start-1)) {
		start--
	}
	if a := strings.LastIndexByte(text[start:at], '\''); a >= 0 && strings.Contains(text[start:start+a], "+") {
		start += a + 1
	}
	if at-start > 64 {
		return -1
	}
	for start < at && (text[start] == '.' || 0x80 <= text[start] && text[start] <= 0xbf) {
		start++
	}
	if start == at || text[at-1] == '.' || text[at-1] == '\'' {
		return -1
	}
	return start
}

// TestLocalStart compares localStart (masks of the 32 bytes before the '@'
// where they hold the run's start; the apostrophe and UTF-8 path where the
// ASCII run stops at one) with its byte-by-byte form, for runs and
// leading dots ending around the window's edge and past 64 bytes.
func TestLocalStart(t *testing.T) {
	r := rng(t)
	const (
		utf8Latin = "ü" // c3 bc
		utf8Han   = "请" // e8 af b7
	)
	pieces := []string{"'", "'", ".", "a", "Z9", "_%+-", utf8Latin, utf8Han, "\xc2\xa0", "=", " "}
	for range 20000 {
		var b strings.Builder
		b.WriteString(randFrom(r, "a .\xff'", r.IntN(40)))
		b.WriteString(strings.Repeat(".", r.IntN(4)))
		if r.IntN(2) == 0 {
			b.WriteString(randFrom(r, "aZ9._%+-", r.IntN(70)))
		} else {
			for range r.IntN(30) {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
		}
		b.WriteString(strings.Repeat(".", r.IntN(3)))
		s := b.String()
		for at := 0; at <= len(s); at++ {
			if got, want := localStart(s, at), localStartNaive(s, at); got != want {
				t.Fatalf("localStart(%q, %d) = %d, want %d", s, at, got, want)
			}
		}
	}
}

// FuzzLocalStart compares localStart with its byte-by-byte form.
func FuzzLocalStart(f *testing.F) {
	f.Add("write to mario.rossi+news@acme.it today", 25)
	f.Add(strings.Repeat("a", 40)+"@x.it", 40)
	f.Add(" ..."+strings.Repeat("b", 30)+".@x.it", 35)
	f.Add("Send the invoice to kevin.o'brien@acme.ie by Monday.", 33)
	f.Add("to='a'+'bob@acme.it'", 12)
	f.Add("scrivi a jürgen.müller@globex.de", 24)
	f.Add("请发邮件到bob@acme.it", 18)
	f.Fuzz(func(t *testing.T, s string, at int) {
		if at < 0 || at > len(s) {
			return
		}
		if got, want := localStart(s, at), localStartNaive(s, at); got != want {
			t.Fatalf("localStart(%q, %d) = %d, want %d", s, at, got, want)
		}
	})
}

// TestEmailSpans covers the local part's atext beyond . _ % + - (the
// apostrophe inside a name, UTF-8 letters, RFC 6531), internationalised
// domain labels, and names ending in a file extension that is no TLD.
func TestEmailSpans(t *testing.T) {
	s := newTestScanner(t)
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"apostrophe in a name", "Send the invoice to kevin.o'brien@acme.ie by Monday.", []want{{TypeEmail, "kevin.o'brien@acme.ie"}}},
		{"apostrophe, italian", "scrivi a dell'acqua.marco@comune.milano.it", []want{{TypeEmail, "dell'acqua.marco@comune.milano.it"}}},
		{"single quotes in code", "to = 'bob@acme.it'", []want{{TypeEmail, "bob@acme.it"}}},
		{"single quotes, no space", "send_to('bob@acme.it')", []want{{TypeEmail, "bob@acme.it"}}},
		{"quoted then concatenated", "x='a'+'bob@acme.it'", []want{{TypeEmail, "bob@acme.it"}}},
		{"tag after the name", "kevin.o'brien+news@acme.ie", []want{{TypeEmail, "kevin.o'brien+news@acme.ie"}}},
		{"display name", `"Bob O'Neil" <bob.oneil@acme.it>`, []want{{TypeEmail, "bob.oneil@acme.it"}}},
		{"quote before at", "GRANT ALL ON db.* TO 'app'@'localhost'", nil},
		{"quote before at, host name", "CREATE USER 'app'@db.acme.it;", nil},
		{"utf-8 local part", "Contatta jürgen.müller@globex.de.", []want{{TypeEmail, "jürgen.müller@globex.de"}}},
		{"utf-8 local part, grave", "nicolò.rossi@acme.it", []want{{TypeEmail, "nicolò.rossi@acme.it"}}},
		{"han text before", "请发邮件到bob@acme.it谢谢", []want{{TypeEmail, "bob@acme.it"}}},
		{"idn domain", "michael@università-globex.it", []want{{TypeEmail, "michael@università-globex.it"}}},
		{"idn inner label", "mario@posta.università.it, grazie", []want{{TypeEmail, "mario@posta.università.it"}}},
		{"letter after the tld", "bob@acme.itè", []want{{TypeEmail, "bob@acme.it"}}},
		{"retina asset", "The image icon@2x.png is blurry on retina", nil},
		{"retina asset capitals", "LOGO@3X.JPEG", nil},
		{"package file", "load jquery@3.7.1.min.js", nil},
		{"zip is a tld", "write to bob@acme.zip", []want{{TypeEmail, "bob@acme.zip"}}},
		{"mov is a tld", "bob@film.mov", []want{{TypeEmail, "bob@film.mov"}}},
		{"app is a tld", "hello@acme.app", []want{{TypeEmail, "hello@acme.app"}}},
		{"url userinfo", "clone https://deploy@git.acme.it/app.git", nil},
		// A git remote in scp syntax is a login at a host, not mail.
		{"git remote", "git@github.com:acme/payments.git asks for a passphrase", nil},
		{"git remote, gitlab", "git clone git@gitlab.acme.it:web/app.git && cd app", nil},
		{"git then colon and space", "ask git@acme.it: they know", []want{{TypeEmail, "git@acme.it"}}},
		{"address then password", "leak: mario@acme.it:Passw0rd!", []want{{TypeEmail, "mario@acme.it"}}},
		{"url password variable", "git push https://oauth2:$CI_JOB_TOKEN@gitlab.acme.it/web/app.git", nil},
		{"tld mixing cases", `auth=("admin", "P@ssw0rd.iTXpX")`, nil},
		{"word glued after", "my email address is info@presidio.siteAvar botToken", []want{{TypeEmail, "info@presidio.site"}}},
		{"tld in title case", "write to Mario.Rossi@Acme.Com", []want{{TypeEmail, "Mario.Rossi@Acme.Com"}}},
		{"url password variable braces", "git push https://oauth2:${CI_JOB_TOKEN}@gitlab.acme.it/web/app.git", nil},
		{"address after a variable", "NOTIFY=$ADMIN bob@acme.it", []want{{TypeEmail, "bob@acme.it"}}},
		{"mailto", "mailto:bob@acme.it", []want{{TypeEmail, "bob@acme.it"}}},
		// Message identifiers are not addresses; the addresses around them are.
		{"message-id", "From: Bob <bob@acme.it>\nMessage-ID: <4f3c2a1e-9b7d-4c2e@mail.acme.it>\n", []want{{TypeEmail, "bob@acme.it"}}},
		{"in-reply-to", "In-Reply-To: <CAF=abc123@mail.gmail.com>", nil},
		{"references folded", "References: <a1@mx.acme.it>\n <b2@mx.acme.it>\n\t<c3@mx.acme.it>\nTo: <carla@acme.it>", []want{{TypeEmail, "carla@acme.it"}}},
		{"content-id", "Content-ID: <image001.png@01D9A1B2.C3D4E5F0>", nil},
		{"message-id word in prose", "the message-id of <bob@acme.it> was lost", []want{{TypeEmail, "bob@acme.it"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestAssetExtension checks the perfect hash against the list: every
// extension in any case, and no other label of two to eight letters.
func TestAssetExtension(t *testing.T) {
	load := func(v string) uint64 { return paddedLoad64(v+"@x.it padding", 0) }
	for _, e := range assetExtensions {
		for _, v := range []string{e, strings.ToUpper(e), strings.ToUpper(e[:1]) + e[1:]} {
			if !assetExtension(load(v), len(v)) {
				t.Errorf("assetExtension(%q) = false", v)
			}
		}
	}
	for _, v := range []string{"com", "it", "org", "net", "de", "io", "zip", "mov", "app", "map", "docs", "dev", "py", "md", "rs", "sh", "pngx", "pn", "jsx2"} {
		if assetExtension(load(v), len(v)) != slices.Contains(assetExtensions, v) {
			t.Errorf("assetExtension(%q) = %v", v, !slices.Contains(assetExtensions, v))
		}
	}
	r := rng(t)
	for range 200000 {
		v := randFrom(r, "abcdefghijklmnopqrstuvwxyz", 2+r.IntN(7))
		if got, want := assetExtension(load(v), len(v)), slices.Contains(assetExtensions, v); got != want {
			t.Fatalf("assetExtension(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestEmailFormEncodedElision: in a form-encoded sentence ('+' for space)
// an Italian elision (l'utente) is no name's apostrophe: the address does
// not run back over it and swallow the IP address before it.
func TestEmailFormEncodedElision(t *testing.T) {
	s := newTestScanner(t)
	text := "Controlla+questo+log%3A+rifiutata+da+10.251.27.91+per+l%27utente+mdubois%40acme.it."
	ip := strings.Index(text, "10.251")
	var sawIP, sawEmail bool
	for _, f := range s.ScanText(text) {
		switch f.Type {
		case TypeIPAddress:
			sawIP = f.Start == ip
		case TypeEmail:
			sawEmail = f.Start > ip && strings.HasSuffix(text[f.Start:f.End], "mdubois%40acme.it")
		}
	}
	if !sawIP || !sawEmail {
		t.Errorf("%q: %v", text, s.ScanText(text))
	}
}

// FuzzIDNDomainEnd checks idnDomainEnd, the byte-by-byte walk over names
// with UTF-8 labels: on a name in ASCII it is domainEnd, and a name it
// accepts ends inside the text after two labels or more.
func FuzzIDNDomainEnd(f *testing.F) {
	f.Add("michael@università-globex.it", 8)
	f.Add("mario@posta.università.it, grazie", 6)
	f.Add("bob@acme.itè", 4)
	f.Add("icon@2x.png", 5)
	f.Add("a@b-.example.com", 2)
	f.Fuzz(func(t *testing.T, s string, i int) {
		if i < 0 || i > len(s) {
			return
		}
		e, ok := idnDomainEnd(s, i)
		if ok && (e <= i || e > len(s) || !strings.Contains(s[i:e], ".")) {
			t.Fatalf("idnDomainEnd(%q, %d) = %d", s, i, e)
		}
		if isASCII(s) {
			if e2, ok2 := domainEnd(s, i); e != e2 || ok != ok2 {
				t.Fatalf("idnDomainEnd(%q, %d) = %d, %v; domainEnd %d, %v", s, i, e, ok, e2, ok2)
			}
		}
	})
}
