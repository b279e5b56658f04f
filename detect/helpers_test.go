package detect

import (
	"encoding/base64"
	"hash/crc32"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// Test values are generated from their format definitions at test time: no
// real credential or personal number is stored in this repository.

const (
	upperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	base62      = base62Alphabet
)

func rng(t testing.TB) *rand.Rand {
	t.Helper()
	return rand.New(rand.NewPCG(uint64(len(t.Name())), 42))
}

func randFrom(r *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

func genAWSKey(r *rand.Rand) string {
	return "AKIA" + randFrom(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
}

func genGitHubToken(r *rand.Rand, prefix string) string {
	body := randFrom(r, base62, 30)
	return prefix + body + base62Pad6(crc32.ChecksumIEEE([]byte(body)))
}

// genLuhn returns a number of n digits starting with prefix whose last digit
// makes the Luhn check pass.
func genLuhn(r *rand.Rand, prefix string, n int) string {
	s := prefix + randFrom(r, "0123456789", n-len(prefix)-1)
	for d := '0'; d <= '9'; d++ {
		if luhn(s + string(d)) {
			return s + string(d)
		}
	}
	panic("unreachable")
}

// genIBAN builds a valid IBAN for country cc with a random BBAN.
func genIBAN(r *rand.Rand, cc string) string {
	bban := randFrom(r, "0123456789", ibanLengths[cc]-4)
	for c := 2; c <= 98; c++ {
		s := cc + twoDigits(c) + bban
		if ibanValid(s) {
			return s
		}
	}
	panic("unreachable")
}

// genPassword builds a password of n bytes (n >= 4) that looks generated:
// a capital, a small letter and a digit first, a symbol last.
func genPassword(r *rand.Rand, n int) string {
	return randFrom(r, "ABCDEFGHJKLMNPQRSTUVWXYZ", 1) + randFrom(r, "abcdefghijkmnopqrstuvwxyz", 1) +
		randFrom(r, "23456789", 1) + randFrom(r, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", n-4) +
		randFrom(r, "#!?^", 1)
}

func twoDigits(n int) string {
	s := strconv.Itoa(n)
	if len(s) == 1 {
		s = "0" + s
	}
	return s
}

// group4 prints s in groups of four separated by sep.
func group4(s, sep string) string {
	var parts []string
	for len(s) > 4 {
		parts = append(parts, s[:4])
		s = s[4:]
	}
	return strings.Join(append(parts, s), sep)
}

// spans returns "TYPE@start-end" for each finding, for compact assertions.
func spans(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Type + "@" + strconv.Itoa(f.Start) + "-" + strconv.Itoa(f.End)
	}
	return out
}

func newTestScanner(t testing.TB, opts ...Option) *Scanner {
	t.Helper()
	s, err := NewScanner(opts...)
	if err != nil {
		t.Fatalf("NewScanner: %v", err)
	}
	return s
}

// genFiscalCode builds a valid codice fiscale with random letters; omocodia
// replaces the last k digits with their letters.
func genFiscalCode(r *rand.Rand, omocodic int) string {
	letters := "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	b := []byte(randFrom(r, letters, 6) + randFrom(r, "0123456789", 2) + randFrom(r, "ABCDEHLMPRST", 1) +
		twoDigits(1+r.IntN(28)+40*r.IntN(2)) + randFrom(r, letters, 1) + randFrom(r, "0123456789", 3))
	digits := []int{14, 13, 12, 10, 9, 7, 6}
	for _, p := range digits[:omocodic] {
		b[p] = "LMNPQRSTUV"[b[p]-'0']
	}
	for c := byte('A'); c <= 'Z'; c++ {
		if fiscalCodeValid(string(b) + string(c)) {
			return string(b) + string(c)
		}
	}
	panic("unreachable")
}

// genVAT builds a valid partita IVA (office code 001–100).
func genVAT(r *rand.Rand) string {
	s := randFrom(r, "123456789", 1) + randFrom(r, "0123456789", 6)
	s += twoDigits(r.IntN(99) + 1)[0:2]
	s = s[:7] + "0" + twoDigits(r.IntN(99)+1)
	for d := '0'; d <= '9'; d++ {
		if vatValid(s + string(d)) {
			return s + string(d)
		}
	}
	panic("unreachable")
}

// genJWT builds a compact JWS with a JSON header naming alg.
func genJWT(r *rand.Rand) string {
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	return enc(`{"alg":"HS256","typ":"JWT"}`) + "." + enc(`{"sub":"`+randFrom(r, "0123456789", 8)+`"}`) + "." + randFrom(r, base62+"-_", 43)
}

// naiveScan is the byte pass by its definitions, byte by byte: digit-run
// starts, maximal base64 runs of at least minBase64Run characters (no
// padding), and the flags.
func naiveScan(s string) (digits []int, runs []b64Span, fl textFlags) {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) && (i == 0 || !isDigit(s[i-1])) {
			digits = append(digits, i)
		}
	}
	for i := 0; i < len(s); {
		e := i
		for e < len(s) && b64Class[s[e]] {
			e++
		}
		if e-i >= minBase64Run {
			runs = append(runs, b64Span{i, e})
		}
		i = max(e, i+1)
	}
	if !isASCII(s) {
		fl |= tfNonASCII
	}
	if strings.ContainsAny(s, "%&") {
		fl |= tfPercent
	}
	if strings.ContainsAny(s, "\\<") {
		fl |= tfBackslash
	}
	return digits, runs, fl
}

// base62Pad6 encodes n in base62, left-padded with '0' to six characters.
func base62Pad6(n uint32) string {
	var b [6]byte
	base62Pad6To(&b, n)
	return string(b[:])
}
