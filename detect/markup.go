package detect

import "strings"

// Markup inside a value. HTML that renders as nothing between a value's
// characters — an empty element (5563 36<b></b>97 …), a line-break
// opportunity (<wbr>), a comment (IT97…704<!-- -->4119166) — or an inline
// element around some of them (james.hughes<span>@</span>acme.it) splits
// the value for a pattern but not for a reader, nor for a language model:
// an evasion. Where markup is glued to a value's byte, the markupViews
// view has the inline markup of its window removed.

// inlineElements are the HTML elements that format text inline without
// breaking it (a block element, <p>, <td>, <br>, separates what it stands
// between).
var inlineElements = newWordList(`b i u s em strong span font small big mark wbr code kbd tt samp abbr`)

// isMarkupSplit reports whether the '<' at i starts inline markup
// (markupLen) glued to a value's byte before it: a letter, a digit, or one
// of "@.+-_".
func isMarkupSplit(text string, i int) bool {
	if i == 0 {
		return false
	}
	if p := text[i-1]; !isAlnum(p) && strings.IndexByte("@.+-_", p) < 0 {
		return false
	}
	return markupLen(text, i) > 0
}

// markupLen returns the length of the inline markup at i: a comment
// (<!-- … -->, within 64 bytes), or a start or end tag of an inline
// element (<span>, </b>, <font color="x">, <wbr/>, within 96 bytes); 0 if
// none.
func markupLen(text string, i int) int {
	if byteAt(text, i) != '<' {
		return 0
	}
	if strings.HasPrefix(text[i:], "<!--") {
		if k := strings.Index(text[i+4:min(len(text), i+64)], "-->"); k >= 0 {
			return 4 + k + 3
		}
		return 0
	}
	j := i + 1
	if byteAt(text, j) == '/' {
		j++
	}
	e := spanClass(text, j, 8, cAlpha)
	if e == j || !inlineElements.has(text[j:e]) {
		return 0
	}
	switch c := byteAt(text, e); c {
	case '>':
		return e + 1 - i
	case ' ', '/':
		// Attributes, or an empty element's slash: to the tag's '>',
		// with no '<' before it.
		lim := min(len(text), i+96)
		k := strings.IndexAny(text[e:lim], "<>")
		if k < 0 || text[e+k] != '>' {
			return 0
		}
		return e + k + 1 - i
	}
	return 0
}

// markupDecode removes the inline markup (markupLen's) of window, mapping
// each byte left to its own.
func markupDecode(window string) view {
	dec := make([]byte, 0, len(window))
	from := make([]int32, 0, len(window))
	to := make([]int32, 0, len(window))
	for i := 0; i < len(window); {
		if n := markupLen(window, i); n > 0 {
			i += n
			continue
		}
		dec = append(dec, window[i])
		from = append(from, int32(i))
		to = append(to, int32(i+1))
		i++
	}
	return mappedView(dec, from, to)
}
