package detect

import (
	"strconv"
	"unicode/utf8"
)

// HTML character references (&#64;, &#x40;, &commat;) hide an address or a
// key from a pattern as percent-encoding does: "mario&#64;example.com" is
// mario@example.com in every browser and mail client. Texts that hold a '&'
// have tfPercent set by the byte pass, so entity views cost nothing
// elsewhere; a view is the regions around references, decoded, with findings
// reported on the encoded span (encodedViews).

// entityNames are the named references worth decoding: the punctuation a
// value is made of (an address's '@' and '.', a URL's ':' and '/', a key's
// '_' and '-') and the markup characters. Others decode to letters or
// symbols that do not join values.
var entityNames = map[string]rune{
	"commat": '@', "period": '.', "colon": ':', "sol": '/', "lowbar": '_', "hyphen": '-', "dash": '-',
	"plus": '+', "equals": '=', "num": '#', "percnt": '%', "quest": '?', "excl": '!', "dollar": '$',
	"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "nbsp": ' ', "comma": ',', "semi": ';',
	"lpar": '(', "rpar": ')', "ast": '*', "bsol": '\\',
	// Characters a value may be split by unseen, or grouped with, which
	// normalising drops or unifies (a view is normalised): the soft
	// hyphen, the zero-width ones, the spaces and dashes.
	"shy": '\u00ad', "ZeroWidthSpace": '\u200b', "zwnj": '\u200c', "zwj": '\u200d', "lrm": '\u200e', "rlm": '\u200f',
	"NoBreak": '\u2060', "NegativeVeryThinSpace": '\u200b', "NegativeThinSpace": '\u200b',
	"NegativeMediumSpace": '\u200b', "NegativeThickSpace": '\u200b', "ensp": '\u2002', "emsp": '\u2003',
	"numsp": '\u2007', "puncsp": '\u2008', "thinsp": '\u2009', "ThinSpace": '\u2009', "hairsp": '\u200a',
	"VeryThinSpace": '\u200a', "MediumSpace": '\u205f', "ndash": '\u2013', "mdash": '\u2014', "minus": '\u2212',
}

// maxEntityName bounds a named reference's name, in bytes (entityNames').
const maxEntityName = len("NegativeVeryThinSpace")

// isEntityEsc reports a character reference at i: &#DIGITS; &#xHEX; or
// &NAME; of entityNames.
func isEntityEsc(text string, i int) bool {
	_, n := entityAt(text, i)
	return n > 0
}

// entityAt decodes the character reference at text[i] ('&'): the
// character and the reference's length, 0 if there is none. A numeric
// reference must name a Unicode scalar value other than NUL, in at most
// seven digits (six hex), and end in ';' (browsers forgive a missing one;
// a value followed by digits would then be ambiguous).
func entityAt(text string, i int) (rune, int) {
	j := i + 1
	if byteAt(text, j) == '#' {
		j++
		base := 10
		if c := byteAt(text, j); c == 'x' || c == 'X' {
			base = 16
			j++
		}
		k := j
		for k < len(text) && k-j < 7 && (isDigit(text[k]) || base == 16 && isHexDigit(text[k])) {
			k++
		}
		if k == j || byteAt(text, k) != ';' {
			return 0, 0
		}
		v, err := strconv.ParseUint(text[j:k], base, 32)
		if err != nil || v == 0 || !utf8.ValidRune(rune(v)) {
			return 0, 0
		}
		return rune(v), k + 1 - i
	}
	k := j
	for k < len(text) && k-j <= maxEntityName && isAlpha(text[k]) {
		k++
	}
	if byteAt(text, k) != ';' {
		return 0, 0
	}
	r, ok := entityNames[text[j:k]]
	if !ok {
		return 0, 0
	}
	return r, k + 1 - i
}

// entityDecode decodes the character references of text (entityAt) into a
// view; every byte of a decoded character maps to its reference.
func entityDecode(text string) view {
	dec := make([]byte, 0, len(text))
	from := make([]int32, 0, len(text))
	to := make([]int32, 0, len(text))
	for i := 0; i < len(text); {
		if text[i] == '&' {
			if r, n := entityAt(text, i); n > 0 {
				k := len(dec)
				dec = utf8.AppendRune(dec, r)
				for range len(dec) - k {
					from = append(from, int32(i))
					to = append(to, int32(i+n))
				}
				i += n
				continue
			}
		}
		dec = append(dec, text[i])
		from = append(from, int32(i))
		to = append(to, int32(i+1))
		i++
	}
	return mappedView(dec, from, to)
}
