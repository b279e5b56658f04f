package detect

import (
	"bytes"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

// qpEncode encodes s as a mail client does (the standard library's
// writer: escapes of '=' and bytes outside ASCII, lines wrapped at 76 by
// soft breaks, line breaks written CRLF).
func qpEncode(t testing.TB, s string) string {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	if _, err := io.WriteString(w, s); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// qpDecodeString is qpDecode's text.
func qpDecodeString(text string) string {
	dec, _, _ := qpDecode(text)
	return unsafe.String(unsafe.SliceData(dec), len(dec))
}

func TestQPDecode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"attivit=C3=A0 cos=C3=AC", "attività così"},
		{"a long line wrapped=\nhere", "a long line wrappedhere"},
		{"wrapped with CRLF=\r\nand blanks= \t\nhere", "wrapped with CRLFand blankshere"},
		{"=E2=80=8B=3D=20", "\u200b= "},
		{"ID=42AB and =C3 and =C3=28 and =ZZ and a=", "IDBAB and =C3 and =C3( and =ZZ and a="},
		{"=EF=BC=\n=91 =C3=\r\n=A0", "１ à"}, // wrapped inside a character
		{"=ED=A0=80", "=ED=A0=80"},          // a surrogate: not UTF-8
		{"=\n=\n", ""},
	} {
		if got := qpDecodeString(tc.in); got != tc.want {
			t.Errorf("qpDecode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A message source whose body is quoted-printable: values cut by soft line
// breaks and written as escapes (full-width digits, a zero-width space)
// are found on their encoded spans; without the header that says so, the
// text is not decoded.
func TestQuotedPrintableMessage(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	card := group4(genLuhn(r, "4", 16), " ")
	aws := genAWSKey(r)
	fwIP := "１０．６５．１９３．２１８"
	header := "Subject: Rinnovo\nMIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n"
	body := "Buongiorno, di seguito i dettagli di cui abbiamo parlato oggi al telefono, la carta " + card +
		" è quella aziendale.\nLa chiave è " + aws[:8] + "\u200b" + aws[8:] + " e il firewall blocca " + fwIP + ", perché?\n"
	enc := qpEncode(t, body)
	if !strings.Contains(enc, "=\r\n") || !strings.Contains(enc, "=E2=80=8B") {
		t.Fatalf("bad test: %q has no soft break or no escape", enc)
	}
	text := "Riassumi questa e-mail:\n\n" + header + enc
	var got []string
	for _, f := range s.ScanText(text) {
		dec := qpDecodeString(text[f.Start:f.End])
		got = append(got, f.Type+"="+normalise(dec).text)
	}
	want := []string{TypeCreditCard + "=" + card, TypeAWSAccessKey + "=" + aws, TypeIPAddress + "=10.65.193.218"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%q\n got  %q\n want %q", text, got, want)
	}
	// The same body, the header gone: a text that only looks encoded.
	plain := "Riassumi:\n\n" + enc
	for _, f := range s.ScanText(plain) {
		if f.Type != TypeCreditCard || strings.Contains(plain[f.Start:f.End], "=") {
			t.Errorf("without the header: %s %q", f.Type, plain[f.Start:f.End])
		}
	}
	// The header with a body that is plain prose and code: nothing.
	for _, text := range []string{
		header + "Ciao,\nil build 42 e' andato, ID=42AB, x=3D, y=\nz.\n",
		header + "if a =\n b { return ID=C3 }\n",
	} {
		checkFindings(t, s, text, nil)
	}
}

func FuzzQPDecode(f *testing.F) {
	f.Add("attivit=C3=A0 cos=C3=AC wrapped=\nhere =E2=80=8B=3D=20 =\r\n= \t\nx")
	f.Add("ID=42AB =C3 =C3=28 =ZZ a= =ED=A0=80 =F0=9F=98=80")
	f.Fuzz(func(t *testing.T, s string) {
		dec, from, to := qpDecode(s)
		if len(from) != len(dec) || len(to) != len(dec) {
			t.Fatalf("%q: %d bytes, %d, %d map entries", s, len(dec), len(from), len(to))
		}
		for i := range dec {
			if from[i] < 0 || to[i] > int32(len(s)) || from[i] >= to[i] || i > 0 && from[i] < to[i-1] {
				t.Fatalf("%q: byte %d from %d-%d (previous ends %d)", s, i, from[i], to[i], to[max(i, 1)-1])
			}
			if to[i]-from[i] == 1 && dec[i] != s[from[i]] {
				t.Fatalf("%q: byte %d is %q, from %q", s, i, dec[i], s[from[i]])
			}
		}
		// Encoding UTF-8 text as a mail client does and decoding it gives
		// it back, but for its line breaks, written CRLF.
		if !utf8.ValidString(s) || strings.Contains(s, "\r") {
			return
		}
		if enc := qpEncode(t, s); strings.ReplaceAll(qpDecodeString(enc), "\r\n", "\n") != s {
			t.Fatalf("%q encoded %q decodes to %q", s, enc, qpDecodeString(enc))
		}
	})
}
