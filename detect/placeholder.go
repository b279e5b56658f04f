package detect

import (
	"math/bits"
	"strings"
	"unsafe"
)

// placeholderMarks are pieces of the documentation stand-ins people paste
// instead of real credentials (AKIAIOSFODNN7EXAMPLE, YOUR_API_KEY, sk-xxxx…).
var placeholderMarks = []string{
	"example", "xxxx", "your_", "your-", "yourkey", "placeholder", "dummy",
	"redacted", "changeme", "insert", "****", "...", "<", ">", "0000000000",
	"1234567890", "abcdefgh",
}

// publishedExample reports the credentials their vendors print in the
// documentation for everyone to copy: Stripe's test keys in every API
// example, GitHub's sample personal access token. They stand in countless
// pasted snippets and are no one's secret, as AKIAIOSFODNN7EXAMPLE is not
// (whose "example" mark catches it); these carry no mark, so they are
// known whole.
// (A switch, not a map: compared by length first, no hash per token.)
func publishedExample(tok string) bool {
	switch tok {
	case "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_BQokikJOvBiI2HlWgH4olfQ2", "ghp_16C7e42F292c6912E7710c838347Ae178B4a":
		return true
	}
	return false
}

// isPlaceholder reports whether a credential-shaped value is a documentation
// placeholder rather than a secret: it carries a placeholder mark or is made
// of too few distinct characters to be random.
func isPlaceholder(v string) bool {
	return fewDistinct(v, 6) || placeholderSet.in(v)
}

// isPlaceholderOf is isPlaceholder for a value made only of bytes of the
// classes in alphabet (a token body the caller has spanned): the marks that
// cannot occur in it ("...", "<" in a base64url body) are not looked for.
func isPlaceholderOf(v string, alphabet uint64) bool {
	return fewDistinct(v, 6) || placeholderSet.inOf(v, alphabet)
}

var placeholderSet = newMarkSet(placeholderMarks)

// markSet finds any of a few lower-case ASCII marks in a string, ignoring
// case, reading few bytes: a mark of four bytes or more starting at p covers
// a sample position j = p, p+1 or p+2 that is a multiple of 3, where its
// bytes o = j-p and o+1 are a pair only the marks' pairs share. So pairs are
// read at every third byte (four a turn), and marks compared only at
// matching pairs. The byte after the pair (o+2, if the mark has it) is
// tested too, without a branch: random values (the tokens tested for
// placeholders) then rarely match a pair, so that the branch to compare
// marks is rarely taken (with pairs alone, one turn in six).
// Shorter marks are looked for with IndexByte.
type markSet struct {
	pair1, pair2 [256]uint64  // bit k: the byte is the first (second) of pair k, either case
	pair3        [256]uint64  // bit k: the byte may follow pair k in a mark (any, where one ends there)
	atPair       [64][]markAt // pair k's marks and the pair's offset in them
	short        []string     // marks of fewer than four bytes
	shortFirst   []byte       // their first bytes, either case
	shortClasses uint64       // the classes of those bytes (charClass)
}

// markAt is a mark and the offset in it of a pair.
type markAt struct {
	mark string
	off  int
}

// newMarkSet builds a markSet of lower-case ASCII marks.
func newMarkSet(marks []string) *markSet {
	ms := &markSet{}
	pairBit := map[[2]byte]int{}
	cases := func(b byte) []byte {
		if isLower(b) {
			return []byte{b, b - ('a' - 'A')}
		}
		return []byte{b}
	}
	for _, m := range marks {
		if len(m) < 4 {
			ms.short = append(ms.short, m)
			for _, c := range cases(m[0]) {
				if !strings.Contains(string(ms.shortFirst), string(c)) {
					ms.shortFirst = append(ms.shortFirst, c)
					ms.shortClasses |= charClass[c]
				}
			}
			continue
		}
		for off := 0; off < 3; off++ {
			k := [2]byte{m[off], m[off+1]}
			bit, ok := pairBit[k]
			if !ok {
				if len(pairBit) == len(ms.atPair) {
					panic("detect: too many mark pairs")
				}
				bit = len(pairBit)
				pairBit[k] = bit
				for _, a := range cases(k[0]) {
					ms.pair1[a] |= 1 << bit
				}
				for _, b := range cases(k[1]) {
					ms.pair2[b] |= 1 << bit
				}
			}
			ms.atPair[bit] = append(ms.atPair[bit], markAt{m, off})
			if off+2 < len(m) {
				for _, c := range cases(m[off+2]) {
					ms.pair3[c] |= 1 << bit
				}
			} else {
				for c := range ms.pair3 {
					ms.pair3[c] |= 1 << bit
				}
			}
		}
	}
	return ms
}

// in reports whether a mark occurs in v, ignoring case.
func (ms *markSet) in(v string) bool {
	return ms.inOf(v, ^uint64(0))
}

// inOf is in for a v made only of bytes of the classes in alphabet.
func (ms *markSet) inOf(v string, alphabet uint64) bool {
	if len(v) >= 12 {
		// Random values (nearly all) match no pair: one test for the whole
		// value, then the marks compared only if a sample matched.
		if ms.pairHits(v) != 0 && ms.atSamples(v) {
			return true
		}
	} else {
		p1, p2 := &ms.pair1, &ms.pair2
		for j := 0; j+1 < len(v); j += 3 { // a short value: pairs only
			if h := p1[v[j]] & p2[v[j+1]]; h != 0 && ms.atSample(v, j, h) {
				return true
			}
		}
	}
	if alphabet != ^uint64(0) && ms.shortClasses&alphabet == 0 {
		return false // no short mark can start in v
	}
	for _, c := range ms.shortFirst {
		if alphabet != ^uint64(0) && charClass[c]&alphabet == 0 {
			continue // c cannot be in v
		}
		for i := 0; ; i++ {
			k := strings.IndexByte(v[i:], c)
			if k < 0 {
				break
			}
			i += k
			for _, m := range ms.short {
				if hasPrefixFold(v, i, m) {
					return true
				}
			}
		}
	}
	return false
}

// pairHits ORs the pair bits of samples j, j+3, j+6 and j+9 a turn of
// twelve bytes over v (len(v) >= 12); the last turn is over the last twelve
// bytes (samples not multiples of 3 there, which is as good: every mark
// start from len(v)-14 on has one of them in reach), not a loop over up to
// three samples. Zero: no mark of four bytes or more is in v.
func (ms *markSet) pairHits(v string) uint64 {
	p1, p2, p3 := &ms.pair1, &ms.pair2, &ms.pair3
	var hit uint64
	last := len(v) - 12
	base := unsafe.Pointer(unsafe.StringData(v))
	for j := 0; ; j += 12 {
		j = min(j, last)
		// j+12 <= len(v): read without a bounds check.
		w := (*[12]byte)(unsafe.Add(base, j))
		hit |= p1[w[0]]&p2[w[1]]&p3[w[2]] | p1[w[3]]&p2[w[4]]&p3[w[5]] |
			p1[w[6]]&p2[w[7]]&p3[w[8]] | p1[w[9]]&p2[w[10]]&p3[w[11]]
		if j == last {
			return hit
		}
	}
}

// atSamples reports whether a mark matches at a sample of pairHits' turns
// whose pair bits are set.
func (ms *markSet) atSamples(v string) bool {
	p1, p2, p3 := &ms.pair1, &ms.pair2, &ms.pair3
	last := len(v) - 12
	for j := 0; ; j += 12 {
		j = min(j, last)
		w := (*[12]byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(v)), j))
		h0, h3 := p1[w[0]]&p2[w[1]]&p3[w[2]], p1[w[3]]&p2[w[4]]&p3[w[5]]
		h6, h9 := p1[w[6]]&p2[w[7]]&p3[w[8]], p1[w[9]]&p2[w[10]]&p3[w[11]]
		if h0|h3|h6|h9 != 0 && (ms.atSample(v, j, h0) || ms.atSample(v, j+3, h3) ||
			ms.atSample(v, j+6, h6) || ms.atSample(v, j+9, h9)) {
			return true
		}
		if j == last {
			return false
		}
	}
}

// atSample reports whether a mark of the pairs in hit (of the sample at j)
// matches around j.
func (ms *markSet) atSample(v string, j int, hit uint64) bool {
	for ; hit != 0; hit &= hit - 1 {
		for _, a := range ms.atPair[bits.TrailingZeros64(hit)] {
			if j >= a.off && hasPrefixFold(v, j-a.off, a.mark) {
				return true
			}
		}
	}
	return false
}

// fewDistinct reports whether s has fewer than n distinct bytes.
// Random values reach n within a few bytes, so this rarely reads far.
func fewDistinct(s string, n int) bool {
	if len(s) >= 8 && distinct8(textLoad64(s, 0)) >= n {
		// The first eight bytes are nearly always enough (random
		// values), told without a branch per byte or a table in memory.
		return false
	}
	var seen [4]uint64
	k := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if bit := uint64(1) << (c & 63); seen[c>>6]&bit == 0 {
			seen[c>>6] |= bit
			if k++; k >= n {
				return false
			}
		}
	}
	return true
}

// distinct8 returns how many distinct bytes x's eight bytes hold: eight
// less those equal to a byte r places below them (a zero byte of x ^
// x<<8r, for r = 1 to 7, above the r bytes the shift cleared). The seven
// tests are independent: no chain through a bitmap of seen bytes, whose
// loads waited on the stores before them.
func distinct8(x uint64) int {
	const lo7, hi = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	// eq(r) has a byte's high bit set where it equals the byte r/8 places
	// below it (the exact zero-byte test: no borrow between bytes).
	eq := func(r uint) uint64 {
		y := x ^ x<<r
		return ^((y & lo7) + lo7 | y) & (hi << r)
	}
	dup := eq(8) | eq(16) | eq(24) | eq(32) | eq(40) | eq(48) | eq(56)
	return 8 - bits.OnesCount64(dup)
}

// fewDistinctFold is fewDistinct ignoring ASCII case.
func fewDistinctFold(s string, n int) bool {
	var seen [4]uint64
	k := 0
	for i := 0; i < len(s); i++ {
		c := lower(s[i])
		if bit := uint64(1) << (c & 63); seen[c>>6]&bit == 0 {
			seen[c>>6] |= bit
			if k++; k >= n {
				return false
			}
		}
	}
	return true
}
