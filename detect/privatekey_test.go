package detect

import (
	"strings"
	"testing"
)

// keyBodySimple is keyBody's definition.
func keyBodySimple(body string) bool {
	n := 0
	for i := 0; i < len(body); i++ {
		if b := body[i]; isAlnum(b) || b == '+' || b == '/' {
			n++
		}
	}
	if n < 32 || strings.Contains(body, "...") {
		return false
	}
	// "your" as a word of its own among base64 bytes, twice, or with key,
	// private or here in the 16 bytes after it is a stand-in's.
	l := strings.ToLower(body)
	if strings.Count(l, "your") >= 2 {
		return false
	}
	if i := strings.Index(l, "your"); i >= 0 {
		after := l[i+4 : min(len(l), i+20)]
		if (i == 0 || !b64Byte(l[i-1])) && (i+4 == len(l) || !b64Byte(l[i+4])) ||
			strings.Contains(after, "key") || strings.Contains(after, "private") || strings.Contains(after, "here") {
			return false
		}
	}
	return true
}

func b64Byte(b byte) bool { return isAlnum(b) || b == '+' || b == '/' || b == '=' }

func TestKeyBody(t *testing.T) {
	r := rng(t)
	body := randFrom(r, base62+"+/", 64)
	for _, tt := range []struct {
		body string
		want bool
	}{
		{body, true},
		{body[:31], false},
		{body[:20] + "\n" + body[20:40], true},
		{body[:40] + "..." + body[40:], false},
		{body[:40] + "<YoUr KEY>" + body[40:], false},
		{"your " + body, false},
		{body + "\nyOuR", false},
		{body[:40] + "\nYOUR_PRIVATE_KEY\n" + body[40:], false},
		{"YOURPRIVATEKEYGOESHERE" + body, false},
		{"PasteYourPrivateKeyContentsHere" + body, false},
		{"InsertYourOpenSSHKeyHere" + body, false},
		{"youryouryour" + body, false},
		{"your" + body, !strings.Contains(strings.ToLower(body[:16]), "key") && !strings.Contains(strings.ToLower(body[:16]), "here")}, // a random body may spell it
		{body[:30] + "yOuR" + body[30:], true},
		{body + "your", true},
		{strings.Repeat("-", 40), false},
	} {
		if got := keyBody(tt.body); got != tt.want {
			t.Errorf("keyBody(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
	for range 20000 {
		b := randFrom(r, "yYoOuUrR.+/=\n -aZ9", r.IntN(80))
		if got, want := keyBody(b), keyBodySimple(b); got != want {
			t.Fatalf("keyBody(%q) = %v, want %v", b, got, want)
		}
	}
}

// spanLabelNaive is spanLabel byte by byte, as the format reads.
func spanLabelNaive(s string) int {
	i := 0
	for i < len(s) && i < 100 && is(s[i], cPEMLabel) && (s[i] != '-' || !strings.HasPrefix(s[i:], "-----")) {
		i++
	}
	return i
}

func TestSpanLabel(t *testing.T) {
	long := strings.Repeat("A", 98)
	for _, s := range []string{"", " RSA PRIVATE KEY-----\nMII", " EC PRIVATE KEY----", "A-B--C---D----E-----",
		long + "-----", long + "A-----", long + "AA-----", long + "AAA", "x-----", "RSA KEY\n-----"} {
		if got, want := spanLabel(s), spanLabelNaive(s); got != want {
			t.Errorf("spanLabel(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzSpanLabel(f *testing.F) {
	f.Add(" OPENSSH PRIVATE KEY-----\nb3Bl")
	f.Add(strings.Repeat("A-", 49) + "-----")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := spanLabel(s), spanLabelNaive(s); got != want {
			t.Fatalf("spanLabel(%q) = %d, want %d", s, got, want)
		}
	})
}

// TestPuTTYKey: a PuTTY private key file (.ppk, versions 2 and 3) is a
// PRIVATE_KEY from its first line to its Private-MAC line; the public part
// alone, a cut-short or made-up file is not.
func TestPuTTYKey(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	b64 := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	lines := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(randFrom(r, b64, 64))
		}
		return b.String()
	}
	pub, priv, mac := lines(6), lines(14), randFrom(r, "0123456789abcdef", 64)
	v3 := "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: rsa-key-20240312\nPublic-Lines: 6\n" + pub +
		"\nPrivate-Lines: 14\n" + priv + "\nPrivate-MAC: " + mac
	v2 := strings.ReplaceAll(strings.Replace(v3, "File-3", "File-2", 1), "\n", "\r\n")
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"v3", "Why does Pageant reject this key?\n" + v3 + "\nThanks", []want{{TypePrivateKey, v3}}},
		{"v2 crlf", v2 + "\r\n", []want{{TypePrivateKey, v2}}},
		{"no mac", strings.TrimSuffix(v3, "\nPrivate-MAC: "+mac), []want{{TypePrivateKey, strings.TrimSuffix(v3, "\nPrivate-MAC: "+mac)}}},
		{"public part only", "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nPublic-Lines: 6\n" + pub, nil},
		{"placeholder", "PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 1\n<your private key here>\n", nil},
		{"prose", "Save it as a PuTTY-User-Key-File-3 with puttygen.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// FuzzPuTTYKey: puttyKey ends a key inside the text, past its Private-Lines
// line, or finds none.
func FuzzPuTTYKey(f *testing.F) {
	f.Add("PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nAAAAIBxvLxkqN0pVKIcfEcXhQiCUNZoc5SGLvIRiqY3Mrf2u\nPrivate-MAC: ab12")
	f.Add("PuTTY-User-Key-File-2: x\r\nPrivate-Lines: 99999\r\n\r\n")
	f.Fuzz(func(t *testing.T, text string) {
		pl := strings.Index(text, puttyPrivate)
		if pl < 0 || pl > maxPEMBody {
			return
		}
		end := puttyKey(text, 0, pl)
		if end == 0 {
			return
		}
		if end < 0 || end > len(text) || end <= strings.Index(text, "\nPrivate-Lines:") {
			t.Fatalf("puttyKey(%q) = %d", text, end)
		}
	})
}
