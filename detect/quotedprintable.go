package detect

import (
	"unicode/utf8"
	"unsafe"
)

// Quoted-printable (RFC 2045, 6.7) is how mail carries text that is not
// plain ASCII, and how a pasted message source carries its body: a byte is
// "=" and two hex digits (=C3=A0 for à, =E2=80=8B for a zero-width space),
// and a line longer than 76 characters is wrapped by a soft line break, an
// '=' at the end of a line, which is not part of the text. A value in such
// a body may be cut by a soft break anywhere, and its characters written as
// escapes: the body is decoded into a view.
//
// A message says its body is so encoded ("Content-Transfer-Encoding:
// quoted-printable"): the word, which the keyword pass finds, gates the
// view, so prose, code and form bodies, where '=' and hex digits are
// common, are not decoded.

// encodingWords are the words that gate the decodings the byte pass does
// not: quoted-printable (qpViews) and short base64 blobs (shortBlobViews),
// where a text says base64 or holds a Kubernetes Secret ("kind: Secret":
// its data's values are base64 by the API's definition). One set, so the
// Scanner's sets stay few (see scanState.small). Each word costs the
// keyword pass over every text (about 0.1 instructions a byte): "b64" and
// "secret" alone cost more, for the few values they would add.
var encodingWords = NewWordSet("quoted-printable", "base64", "kind: secret")

// qpViews appends to out the view of text (a normalised text) from at,
// where the message says its encoding, decoded as quoted-printable (at
// most maxDecodedBytes of it), if decoding changes it.
func qpViews(text string, at int, out []view) []view {
	if len(out) >= maxDecodedViews {
		return out
	}
	end := min(len(text), at+maxDecodedBytes)
	dec, from, to := qpDecode(text[at:end])
	if len(dec) == end-at {
		return out // no escape and no soft break
	}
	return append(out, sliceView(mappedView(dec, from, to), at))
}

// qpDecode decodes quoted-printable text: the bytes, and the text's bytes
// [from[i], to[i]) each came from. Soft line breaks ('=', blanks, a line
// break) are dropped first, as an encoder may wrap a line between the
// escapes of one character; then an escape of a byte outside ASCII is
// decoded only where the escapes spell a whole UTF-8 character (as
// percentDecode's), else left as it is: an '=' with hex digits after it
// that is not an escape ("ID=C3" in a header) stays what it was where it
// can.
func qpDecode(text string) (dec []byte, from, to []int32) {
	// Unwrapped: byte j of u is the text's byte at[j].
	u := make([]byte, 0, len(text))
	at := make([]int32, 0, len(text))
	for i := 0; i < len(text); {
		if text[i] == '=' {
			if n := qpSoftBreak(text, i); n > 0 {
				i += n
				continue
			}
		}
		u = append(u, text[i])
		at = append(at, int32(i))
		i++
	}
	ut := unsafe.String(unsafe.SliceData(u), len(u))
	dec = make([]byte, 0, len(u))
	from = make([]int32, 0, len(u))
	to = make([]int32, 0, len(u))
	for j := 0; j < len(u); {
		n := 0
		if b, ok := escapeByte(ut, j, '='); ok {
			n = 1
			if b >= utf8.RuneSelf {
				n = escapeRune(ut, j, '=')
			}
		}
		if n == 0 {
			dec = append(dec, u[j])
			from = append(from, at[j])
			to = append(to, at[j]+1)
			j++
			continue
		}
		for end := j + 3*n; j < end; j += 3 {
			b, _ := escapeByte(ut, j, '=')
			dec = append(dec, b)
			from = append(from, at[j])
			to = append(to, at[j+2]+1)
		}
	}
	return dec, from, to
}

// qpSoftBreak returns the length of a soft line break at i (an '=', any
// spaces and tabs, then "\n" or "\r\n"), or 0.
func qpSoftBreak(text string, i int) int {
	j := skipSpaces(text, i+1)
	if j < len(text) && text[j] == '\r' {
		j++
	}
	if j < len(text) && text[j] == '\n' {
		return j + 1 - i
	}
	return 0
}
