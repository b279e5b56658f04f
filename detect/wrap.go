package detect

import "strings"

// Values wrapped over lines: a token pasted from a terminal, a log or an
// e-mail folded at a fixed width, a shell line continued with '\'. A
// detector reads across a break only where its strict reading failed at
// one and the value it then reads validates by itself (a JWT's parts
// decode, an Anthropic key ends in "AA", a GitHub token's CRC32 holds, a
// fixed length is met): a line that merely goes on with a word must not.

// isLineBreakStart reports whether a line break may start at a byte: a
// newline, a carriage return, or a shell's or C string's '\' before one.
func isLineBreakStart(c byte) bool { return c == '\n' || c == '\r' || c == '\\' }

// readWrapped reads a run of the byte classes class from i across line
// breaks (an optional '\' or '\r', a newline, then the next line's
// indentation) where the next line goes on with the class, up to limit
// bytes of the run. At the end of each line's part it calls done with the
// run so far, without the breaks, and where that part ends in text; it
// stops at the first part done accepts (true) or at the run's end (false).
func readWrapped(text string, i, limit int, class uint64, done func(run string, end int) bool) bool {
	var b strings.Builder
	for {
		e := spanClass(text, i, limit-b.Len(), class)
		b.WriteString(text[i:e])
		if done(b.String(), e) {
			return true
		}
		j := afterBreak(text, e, class)
		if b.Len() >= limit || j == e || e == i {
			return false
		}
		i = j
	}
}

// afterBreak returns where the next line's text starts if a line break
// starts at j (an optional '\' or '\r', a newline, then the next line's
// indentation) and that line goes on with the byte classes class; j
// otherwise.
func afterBreak(text string, j int, class uint64) int {
	k := j
	if c := byteAt(text, k); c == '\\' || c == '\r' {
		k++
	}
	if byteAt(text, k) == '\r' {
		k++
	}
	if byteAt(text, k) != '\n' {
		return j
	}
	k = skipSpaces(text, k+1)
	if !is(byteAt(text, k), class) {
		return j
	}
	return k
}
