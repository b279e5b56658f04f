package detect

import "testing"

// refCardAt is the former cardAt, which gathered the digits while reading
// the groups; cardAt reads the shape first.
func refCardAt(text string, i int) (int, bool) {
	var digits [19]byte
	j := spanWhile(text, i, 20, isDigit)
	if byteAt(text, i-1) == '+' {
		return 0, false // an international phone number
	}
	if j-i >= 12 {
		if j-i < 13 || j-i > 19 || isAlnum(byteAt(text, j)) || !refValidPAN(text[i:j]) {
			return 0, false
		}
		return j, true
	}
	n := copy(digits[:], text[i:j])
	if n < 3 {
		return 0, false
	}
	sep := byteAt(text, j)
	if sep != ' ' && sep != '-' || groupBefore(text, i, sep) {
		return 0, false
	}
	for byteAt(text, j) == sep && isDigit(byteAt(text, j+1)) {
		g := j + 1
		j = spanWhile(text, g, 7, isDigit)
		if j-g < 3 || j-g > 6 || n+j-g > 19 {
			return 0, false
		}
		n += copy(digits[n:], text[g:j])
	}
	if n < 13 || isAlnum(byteAt(text, j)) || !refValidPAN(string(digits[:n])) {
		return 0, false
	}
	return j, true
}

// refValidPAN is the former validPAN.
func refValidPAN(d string) bool {
	switch d[0] {
	case '1':
		if len(d) != 15 {
			return false
		}
	case '2', '3', '4', '5', '6':
	default:
		return false
	}
	if distinct(d) < 2 {
		return false
	}
	return luhn(d)
}

func TestCardAtMatchesReference(t *testing.T) {
	r := rng(t)
	for range 5000 {
		text := numberText(r)
		for i := range len(text) {
			if !isDigit(text[i]) {
				continue
			}
			a, ok := cardAt(text, i, digitsEnd(text, i))
			b, refOK := refCardAt(text, i)
			if a != b || ok != refOK {
				t.Fatalf("%q at %d: %d %v, reference %d %v", text, i, a, ok, b, refOK)
			}
		}
	}
}

// TestGroupBeforeWords compares groupBefore's word reads with the byte
// loop (groupBeforeShort, right at any place) over random texts of
// groups, separators and other bytes.
func TestGroupBeforeWords(t *testing.T) {
	r := rng(t)
	found := 0
	for range 3000 {
		text := randFrom(r, "0123456789 -ABxz:\n\t.\x00\xc3", 4+r.IntN(40))
		found += checkGroupBefore(t, text)
	}
	if found < 100 {
		t.Fatalf("groupBefore held %d times, want 100 or more", found)
	}
}

func checkGroupBefore(t *testing.T, text string) int {
	t.Helper()
	found := 0
	for i := range len(text) + 1 {
		for _, sep := range []byte{' ', '-'} {
			got, want := groupBefore(text, i, sep), byteAt(text, i-1) == sep && groupBeforeShort(text, i, sep)
			if got != want {
				t.Fatalf("groupBefore(%q, %d, %q) = %v, want %v", text, i, sep, got, want)
			}
			if got {
				found++
			}
		}
	}
	return found
}

func FuzzGroupBefore(f *testing.F) {
	f.Add("FR13 3017 0000")
	f.Add("ID 12 3456 7890")
	f.Add("x1234567-4111")
	f.Fuzz(func(t *testing.T, text string) {
		checkGroupBefore(t, text)
	})
}
