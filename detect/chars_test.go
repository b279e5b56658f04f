package detect

import (
	"math/bits"
	"strings"
	"testing"
)

// TestCharClasses checks the class table against each class's definition,
// for every byte.
func TestCharClasses(t *testing.T) {
	for i := 0; i < 256; i++ {
		b := byte(i)
		digit, up, low := '0' <= b && b <= '9', 'A' <= b && b <= 'Z', 'a' <= b && b <= 'z'
		for _, c := range []struct {
			name      string
			got, want bool
		}{
			{"isAlpha", isAlpha(b), up || low},
			{"isAlnum", isAlnum(b), digit || up || low},
			{"isWord", isWord(b), digit || up || low || b == '_'},
			{"isWordDash", isWordDash(b), digit || up || low || b == '_' || b == '-'},
			{"isWordDashDot", isWordDashDot(b), digit || up || low || b == '_' || b == '-' || b == '.'},
			{"cAlnumDash", is(b, cAlnumDash), digit || up || low || b == '-'},
			{"cLowerHex", is(b, cLowerHex), digit || ('a' <= b && b <= 'f')},
			{"cLowerAlnum", is(b, cLowerAlnum), digit || low},
			{"isB64URL", isB64URL(b), digit || up || low || b == '-' || b == '_'},
			{"cB64Std", is(b, cB64Std), digit || up || low || b == '+' || b == '/'},
			{"isBase32", isBase32(b), up || ('2' <= b && b <= '7')},
			{"isPEMBody", isPEMBody(b), digit || up || low || strings.IndexByte("+/=\n\r \t:,-", b) >= 0},
			{"isSpace", isSpace(b), strings.IndexByte(" \n\r\t", b) >= 0},
			{"isAtext", isAtext(b), digit || up || low || strings.IndexByte("._%+-", b) >= 0},
			{"cURL", is(b, cURL), b > ' ' && b < 0x7f && strings.IndexByte("\"'<>`", b) < 0},
			{"cURLAuth", is(b, cURLAuth), b > ' ' && b < 0x7f && strings.IndexByte("\"'<>`/?", b) < 0},
			{"aAlnum", is(b, aAlnum), digit || up || low},
			{"aWord", is(b, aWord), digit || up || low || b == '_'},
			{"cHex", is(b, cHex), digit || ('a' <= b && b <= 'f') || ('A' <= b && b <= 'F')},
			{"cScheme", is(b, cScheme), digit || up || low || strings.IndexByte("+-.", b) >= 0},
			{"cPEMLabel", is(b, cPEMLabel), digit || up || strings.IndexByte(" _-", b) >= 0},
			{"cStop", is(b, cStop), strings.IndexByte(" .;!?\n\r\t", b) >= 0},
			{"cAssign", is(b, cAssign), strings.IndexByte(":=?.>|", b) >= 0},
			{"cBare", is(b, cBare), b > ' ' && strings.IndexByte("\"'`<", b) < 0},
			{"cBase32", is(b, cBase32), up || ('2' <= b && b <= '7')},
			{"cHookPath", is(b, cHookPath), digit || up || low || strings.IndexByte("_-/+", b) >= 0},
		} {
			if c.got != c.want {
				t.Errorf("%s(%q) = %v, want %v", c.name, b, c.got, c.want)
			}
		}
	}
}

// hasPrefixFoldSimple is hasPrefixFold's definition.
func hasPrefixFoldSimple(text string, i int, p string) bool {
	if i < 0 || len(text)-i < len(p) {
		return false
	}
	for j := 0; j < len(p); j++ {
		if lower(text[i+j]) != p[j] {
			return false
		}
	}
	return true
}

// indexFoldSimple is indexFold's definition.
func indexFoldSimple(s, needle string) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		if hasPrefixFoldSimple(s, i, needle) {
			return i
		}
	}
	return -1
}

// TestHasPrefixFold compares hasPrefixFold (eight bytes at once) with its
// definition: prefixes of every length up to 29 (one, two and more
// eight-byte steps), at every offset of an aligned word (it reads the
// prefix's aligned words), against texts shorter and longer than eight bytes, at every place, case mixed, bytes
// outside ASCII and the neighbours of the letters ('@', '[', '`', '{').
func TestHasPrefixFold(t *testing.T) {
	r := rng(t)
	const alphabet = "aAbBzZ@[`{_-. \xc3\xa8\x80"
	for range 300000 {
		text := randFrom(r, alphabet, r.IntN(40))
		p := strings.Map(func(c rune) rune { return rune(lower(byte(c))) }, randFrom(r, "abz@[`{_-. ", r.IntN(30)))
		if r.IntN(3) == 0 && len(text) > 0 {
			k := r.IntN(len(text))
			b := []byte(text[k:min(len(text), k+r.IntN(30))])
			for j := range b {
				b[j] = lower(b[j])
			}
			p = string(b)
		}
		// The prefix at every offset from an allocation's start.
		pad := strings.Repeat("#", r.IntN(9)) + p
		p = pad[len(pad)-len(p):]
		i := r.IntN(len(text)+3) - 1
		if got, want := hasPrefixFold(text, i, p), hasPrefixFoldSimple(text, i, p); got != want {
			t.Fatalf("hasPrefixFold(%q, %d, %q) = %v, want %v", text, i, p, got, want)
		}
	}
}

// FuzzHasPrefixFold compares hasPrefixFold with its definition, the
// prefix taken folded from the text at j (a match, unless cut or changed)
// or as given.
func FuzzHasPrefixFold(f *testing.F) {
	f.Add("Strictly Confidential", "strictly confidential", 0, -1)
	f.Add("xx hooks.slack.com/services/", "hooks.slack.com/", 3, 3)
	f.Add("-----BEGIN RSA PRIVATE KEY", "-----begin rsa", 0, 0)
	f.Fuzz(func(t *testing.T, text, p string, i, j int) {
		if j >= 0 && j < len(text) {
			b := []byte(text[j:])
			for k := range b {
				b[k] = lower(b[k])
			}
			p = string(b)
		}
		if got, want := hasPrefixFold(text, i, p), hasPrefixFoldSimple(text, i, p); got != want {
			t.Fatalf("hasPrefixFold(%q, %d, %q) = %v, want %v", text, i, p, got, want)
		}
	})
}

func TestIndexFold(t *testing.T) {
	r := rng(t)
	for _, tt := range []struct {
		s, needle string
		want      int
	}{
		{"", "", 0},
		{"abc", "", 0},
		{"", "a", -1},
		{"xxYouRxyour", "your", 2},
		{"xxyouRxYOUR", "your", 2},
		{"yoyou", "your", -1},
		{"yoyour", "your", 2},
		{"ab-cd", "-cd", 2},
		{"your", "your", 0},
		{"you", "your", -1},
	} {
		if got := indexFold(tt.s, tt.needle); got != tt.want {
			t.Errorf("indexFold(%q, %q) = %d, want %d", tt.s, tt.needle, got, tt.want)
		}
	}
	for range 50000 {
		s := randFrom(r, "yYoOuUrR-x\r\x00 ", r.IntN(60))
		needle := randFrom(r, "your- ", 1+r.IntN(4))
		if got, want := indexFold(s, needle), indexFoldSimple(s, needle); got != want {
			t.Fatalf("indexFold(%q, %q) = %d, want %d", s, needle, got, want)
		}
	}
	// Long haystacks (32 bytes a step where the CPU has AVX2): base64
	// bodies, a match or not, anywhere.
	for range 20000 {
		s := []byte(randFrom(r, base64Chars+"\n", indexFoldVector+r.IntN(300)))
		if r.IntN(2) == 0 {
			copy(s[r.IntN(len(s)-4):], randFrom(r, "yY", 1)+randFrom(r, "oO", 1)+randFrom(r, "uU", 1)+randFrom(r, "rR", 1))
		}
		for _, needle := range []string{"your", "yo", "env"} {
			if got, want := indexFold(string(s), needle), indexFoldSimple(string(s), needle); got != want {
				t.Fatalf("indexFold(%q, %q) = %d, want %d", s, needle, got, want)
			}
		}
	}
}

const base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// TestSpanTables checks spanAVX2's nibble tables: every class bit has
// them (made and checked against charClass when the package starts).
func TestSpanTables(t *testing.T) {
	var all uint64
	for _, c := range charClass {
		all |= c
	}
	if all&^spanTableOK != 0 {
		t.Fatalf("class bits %#x have no nibble tables", all&^spanTableOK)
	}
}

// TestSpanClass compares spanClass (eight bytes a step for a one-bit
// class) with spanWhile over random runs, limits and classes.
func TestSpanClass(t *testing.T) {
	r := rng(t)
	masks := []uint64{cWordDash, cB64Std, aAlnum, aWord, cURL, cURLAuth, cAtext, cDigit, cWord, cAlnum | cDash, cWordDash | cSlash | cPlus, cHookPath}
	for range 50000 {
		mask := masks[r.IntN(len(masks))]
		s := randFrom(r, "aZ9_-+/.@ :", r.IntN(5)) + randFrom(r, "aZ9_-", r.IntN(40)) + randFrom(r, "aZ9_-+/.@ :", r.IntN(5))
		i, max := r.IntN(len(s)+2), r.IntN(50)
		want := spanWhile(s, i, max, func(b byte) bool { return is(b, mask) })
		if got := spanClass(s, i, max, mask); got != want {
			t.Fatalf("spanClass(%q, %d, %d, %#x) = %d, want %d", s, i, max, mask, got, want)
		}
		// A long run (32 bytes a step where the CPU has AVX2), ending
		// anywhere, or at the text's end.
		long := randFrom(r, "aZ9_-+/.@ :", r.IntN(3)) + randFrom(r, "aZ9_-", r.IntN(200)) + randFrom(r, "aZ9_-+/.@ :", r.IntN(3))
		li, lmax := r.IntN(len(long)+1), r.IntN(250)
		lwant := spanWhile(long, li, lmax, func(b byte) bool { return is(b, mask) })
		if got := spanClass(long, li, lmax, mask); got != lwant {
			t.Fatalf("spanClass(%q, %d, %d, %#x) = %d, want %d", long, li, lmax, mask, got, lwant)
		}
		// Backwards, from j down to lo at the lowest.
		j, lo := r.IntN(len(s)+1), r.IntN(len(s)+1)-3
		wantBack := j
		for wantBack > lo && wantBack > 0 && is(s[wantBack-1], mask) {
			wantBack--
		}
		if got := spanClassBack(s, j, lo, mask); got != wantBack {
			t.Fatalf("spanClassBack(%q, %d, %d, %#x) = %d, want %d", s, j, lo, mask, got, wantBack)
		}
	}
}

// FuzzSpanClass compares spanClass with spanWhile: any text, start, limit
// and class (one bit: eight-byte steps; or a union: byte by byte).
func FuzzSpanClass(f *testing.F) {
	f.Add("token=AIzaSyA-bcdefgh_", 6, 100, uint8(0))
	f.Add("ab", 0, 5, uint8(1))
	f.Add("a b c d e f g h i j", 2, 3, uint8(7))
	masks := []uint64{cWordDash, cB64Std, aAlnum, aWord, cURL, cURLAuth, cAtext, cDigit, cWord, cAlnum | cDash, cWordDash | cSlash | cPlus, cBase32}
	f.Fuzz(func(t *testing.T, s string, i, max int, m uint8) {
		if i < 0 || max < 0 || max > 1<<20 {
			return // callers pass 0 <= i and small limits
		}
		mask := masks[int(m)%len(masks)]
		want := spanWhile(s, i, max, func(b byte) bool { return is(b, mask) })
		if got := spanClass(s, i, max, mask); got != want {
			t.Fatalf("spanClass(%q, %d, %d, %#x) = %d, want %d", s, i, max, mask, got, want)
		}
	})
}

// TestClassBitsFitRunCount: runIn8 sums up to eight copies of a class bit,
// which must not overflow.
func TestClassBitsFitRunCount(t *testing.T) {
	var all uint64
	for _, c := range charClass {
		all |= c
	}
	if all>>60 != 0 {
		t.Fatalf("class bits reach bit %d; runIn8 needs them below 60", 63-bits.LeadingZeros64(all))
	}
}

// TestFirstNonASCII compares firstNonASCII with a byte loop over lengths
// around its word and block sizes and every place of the first high byte.
func TestFirstNonASCII(t *testing.T) {
	naive := func(s string) int {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return i
			}
		}
		return -1
	}
	r := rng(t)
	for n := 0; n < 100; n++ {
		for k := -1; k < n; k++ {
			b := []byte(randFrom(r, "abc XYZ019", n))
			if k >= 0 {
				b[k] = byte(0x80 + r.IntN(128))
				for j := k + 1; j < n; j++ {
					if r.IntN(4) == 0 {
						b[j] = byte(0x80 + r.IntN(128))
					}
				}
			}
			if got, want := firstNonASCII(string(b)), naive(string(b)); got != want {
				t.Fatalf("firstNonASCII(%q) = %d, want %d", b, got, want)
			}
		}
	}
}

func TestLineStartEnd(t *testing.T) {
	text := "ab\ncdefgh\nij"
	for _, c := range []struct {
		i, n  int
		ls    int
		lsOK  bool
		limit int
		le    int
		leOK  bool
	}{
		{i: 5, n: 10, ls: 3, lsOK: true, limit: 20, le: 9, leOK: true},
		{i: 5, n: 2, ls: 3, lsOK: false, limit: 9, le: 9, leOK: false}, // the '\n's at 2 and 9 are outside text[3:5] and text[5:9]
		{i: 5, n: 1, ls: 4, lsOK: false, limit: 10, le: 9, leOK: true},
		{i: 1, n: 1, ls: 0, lsOK: true, limit: 2, le: 2, leOK: false},
		{i: 11, n: 2, ls: 10, lsOK: true, limit: 100, le: 12, leOK: true}, // the text's end
		{i: 11, n: 1, ls: 10, lsOK: false, limit: 12, le: 12, leOK: true},
	} {
		if ls, ok := lineStart(text, c.i, c.n); ls != c.ls || ok != c.lsOK {
			t.Errorf("lineStart(%d, %d) = %d, %v; want %d, %v", c.i, c.n, ls, ok, c.ls, c.lsOK)
		}
		if le, ok := lineEnd(text, c.i, c.limit); le != c.le || ok != c.leOK {
			t.Errorf("lineEnd(%d, %d) = %d, %v; want %d, %v", c.i, c.limit, le, ok, c.le, c.leOK)
		}
	}
}
