package detect

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normText is a text as detectors see it, with a map back to the original.
// from[i] and to[i] bound the original bytes that produced normalised byte i;
// both are nil when the text needed no change.
type normText struct {
	text     string
	from, to []int32
}

// span maps a normalised span back to original byte offsets.
func (n *normText) span(start, end int) (int, int) {
	if n.from == nil {
		return start, end
	}
	return int(n.from[start]), int(n.to[end-1])
}

// normalise applies NFKC (full-width letters and digits, ＠, ligatures become
// ASCII), drops format characters (zero-width space and joiners, soft hyphen,
// BOM, bidi controls) and maps every dash to '-' and every space to ' ', so
// an evasion costs the attacker more than a keystroke. Text that needs no
// change (all ASCII, or only stable characters such as accented letters) is
// returned as is, without an offset map.
//
// Each character is normalised on its own: detectors match ASCII patterns,
// and what NFKC does across characters (composing accents) never produces
// ASCII, so the per-character form finds the same values and keeps the
// offset map exact.
func normalise(text string) normText {
	i := firstUnstable(text)
	if i == len(text) {
		return normText{text: text}
	}
	buf := make([]byte, i, len(text))
	copy(buf, text[:i])
	from := make([]int32, i, len(text))
	to := make([]int32, i, len(text))
	for k := range i {
		from[k], to[k] = int32(k), int32(k+1)
	}
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			buf = append(buf, c)
			from = append(from, int32(i))
			to = append(to, int32(i+1))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		n := len(buf)
		switch {
		case dropRune(r):
		case isDash(r):
			buf = append(buf, '-')
		case unicode.Is(unicode.Zs, r):
			buf = append(buf, ' ')
		default:
			buf = norm.NFKC.AppendString(buf, text[i:i+size])
		}
		for range len(buf) - n {
			from = append(from, int32(i))
			to = append(to, int32(i+size))
		}
		i += size
	}
	return normText{text: string(buf), from: from, to: to}
}

// firstUnstable returns the offset of the first character normalise would
// change, or len(text).
func firstUnstable(text string) int {
	// ASCII eight bytes at a time: the common case for prompts in English.
	i := 0
	for ; i+8 <= len(text); i += 8 {
		w := text[i : i+8]
		if (w[0]|w[1]|w[2]|w[3]|w[4]|w[5]|w[6]|w[7])&0x80 != 0 {
			break
		}
	}
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError || dropRune(r) || isDash(r) || unicode.Is(unicode.Zs, r) ||
			norm.NFKC.QuickSpanString(text[i:i+size]) != size {
			return i
		}
		i += size
	}
	return len(text)
}

func isDash(r rune) bool { return r == '\u2212' || unicode.Is(unicode.Pd, r) }

// dropRune reports characters that render as nothing and so can hide inside a
// value: Unicode format characters (Cf) and variation selectors.
func dropRune(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r)
}
