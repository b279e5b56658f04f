package detect

import (
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// refFiscalCodeValid is the former fiscalCodeValid, which checks a 16-character person's fiscal code, upper or lower
// case (not mixed), structure and check letter.
func refFiscalCodeValid(code string) bool {
	if len(code) != 16 {
		return false
	}
	var c [16]byte
	lowerCase := isLower(code[0])
	for i := 0; i < 16; i++ {
		b := code[i]
		if lowerCase && isLower(b) {
			b -= 'a' - 'A'
		} else if isLower(b) {
			return false
		} else if lowerCase && isUpper(b) {
			return false
		}
		c[i] = b
	}
	// Digit positions (or omocodia letters) and letter positions.
	for _, i := range [...]int{0, 1, 2, 3, 4, 5, 8, 11, 15} {
		if !isUpper(c[i]) {
			return false
		}
	}
	digit := func(b byte) (int, bool) {
		if isDigit(b) {
			return int(b - '0'), true
		}
		if isOmocodia(b) {
			return int(omocodia[b]), true
		}
		return 0, false
	}
	var d [7]int
	for k, i := range [...]int{6, 7, 9, 10, 12, 13, 14} {
		v, ok := digit(c[i])
		if !ok {
			return false
		}
		d[k] = v
	}
	switch c[8] { // month
	case 'A', 'B', 'C', 'D', 'E', 'H', 'L', 'M', 'P', 'R', 'S', 'T':
	default:
		return false
	}
	day := d[2]*10 + d[3]
	if day > 40 {
		day -= 40
	}
	if day < 1 || day > 31 {
		return false
	}
	sum := 0
	for i := 0; i < 15; i++ {
		v := 0
		if isDigit(c[i]) {
			v = int(c[i] - '0')
		} else {
			v = int(c[i]-'A') + 10
		}
		if i%2 == 0 {
			sum += cfOdd[v]
		} else if v >= 10 {
			sum += v - 10
		} else {
			sum += v
		}
	}
	return c[15] == byte('A'+sum%26)
}

func TestFiscalCodeValidMatchesReference(t *testing.T) {
	r := rng(t)
	for range 20000 {
		code := genFiscalCode(r, r.IntN(8))
		// Mutate some: a character, the case, a shift.
		b := []byte(code)
		switch r.IntN(4) {
		case 0:
			b[r.IntN(16)] = "0123456789ABCDEHLMPRSTUVXYZabc-"[r.IntN(31)]
		case 1:
			for i := range b {
				b[i] = lower(b[i])
			}
			if r.IntN(2) == 0 {
				b[r.IntN(16)] = code[r.IntN(16)]
			}
		case 2:
			b = append(b[1:], b[0])
		}
		v := string(b)
		if got, want := fiscalCodeValid(v), refFiscalCodeValid(v); got != want {
			t.Fatalf("fiscalCodeValid(%q) = %v, reference %v", v, got, want)
		}
	}
}

func FuzzFiscalCodeMatchesReference(f *testing.F) {
	f.Add("RSSMRA85T10A562S")
	f.Add("rssmra85t10a562s")
	f.Add("RSSMRA85T10A562s")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fiscalCodeValid(s), refFiscalCodeValid(s); got != want {
			t.Fatalf("fiscalCodeValid(%q) = %v, reference %v", s, got, want)
		}
	})
}

// capitalCodesNaive is capitalCodes reading the window byte by byte from
// its end, the reference for the eight-byte reads.
func capitalCodesNaive(text string, from, to int) [][2]int {
	var out [][2]int
	for i := from; i+16 <= to; {
		j := i + 15
		for j >= i && isUpper(text[j]) {
			j--
		}
		if j >= i {
			i = j + 1
			continue
		}
		if isAlnum(byteAt(text, i-1)) || isAlnum(byteAt(text, i+16)) {
			for i < to && isAlnum(text[i]) {
				i++
			}
			continue
		}
		if fiscalCodeValid(text[i : i+16]) {
			out = append(out, [2]int{i, i + 16})
		}
		i += 16
	}
	return out
}

func checkCapitalCodes(t *testing.T, text string) int {
	t.Helper()
	st := &scanState{}
	tx := &Text{S: text, st: st}
	capitalCodes(tx, 0, len(text))
	var got [][2]int
	for _, r := range st.raw {
		got = append(got, [2]int{r.start, r.end})
	}
	if want := capitalCodesNaive(text, 0, len(text)); !slices.Equal(got, want) {
		t.Fatalf("capitalCodes(%q) = %v, want %v", text, got, want)
	}
	return len(got)
}

func TestCapitalCodesMatchNaive(t *testing.T) {
	r := rng(t)
	const alphabet = "ABCDEHLMNPQRSTUVXYZ ÀaZ1_-"
	found := 0
	for range 3000 {
		var b strings.Builder
		for b.Len() < 80 {
			switch r.IntN(4) {
			case 0:
				b.WriteString(genFiscalCode(r, 7)) // no digit left
			default:
				for range r.IntN(20) {
					b.WriteByte(alphabet[r.IntN(len(alphabet))])
				}
			}
		}
		found += checkCapitalCodes(t, b.String())
	}
	if found < 100 {
		t.Fatalf("only %d codes found: the texts do not exercise the search", found)
	}
}

func FuzzCapitalCodes(f *testing.F) {
	f.Add("RSSMRALPTLMALNPS and MRTMTTLPALMSLSST!")
	f.Fuzz(func(t *testing.T, s string) {
		checkCapitalCodes(t, s)
	})
}

func TestNonUpper(t *testing.T) {
	for c := range 256 {
		for k := range 8 {
			x := uint64(c) << (8 * k)
			got := nonUpper(x)>>(8*k+7)&1 == 0
			if got != isUpper(byte(c)) {
				t.Fatalf("nonUpper says %#02x at byte %d is a capital: %v", c, k, got)
			}
		}
	}
}

// TestRunsHoldCapitals checks the filter against its naive form and
// against its promise: a run with sixteen capitals in a row is never
// passed over.
func TestRunsHoldCapitals(t *testing.T) {
	r := rng(t)
	alphabets := []string{"ABCDEFGHXYZ", "ABCDEFGHXYZa", "ABCZ1+/ .", "AZaz09 ", "AZ_-"}
	seen := 0
	for range 20000 {
		var b strings.Builder
		for b.Len() < 10+r.IntN(150) {
			a := alphabets[r.IntN(len(alphabets))]
			b.WriteString(randFrom(r, a, r.IntN(30)))
		}
		if checkRunsHoldCapitals(t, b.String()) {
			seen++
		}
	}
	if seen < 1000 {
		t.Fatalf("only %d texts passed the filter: the test does not exercise it", seen)
	}
}

func checkRunsHoldCapitals(t *testing.T, text string) bool {
	t.Helper()
	_, runs, _ := naiveScan(text)
	got := runsHoldCapitals(text, runs)
	// Its promise: a run with sixteen capitals in a row is never passed
	// over; and it reports none without eight bytes in 0x40–0x5f in a row
	// between the first run's start and the last one's end.
	want8, want16 := false, false
	for _, sp := range runs {
		n := 0
		for _, c := range []byte(text[sp.s:sp.e]) {
			if n = n + 1; !isUpper(c) {
				n = 0
			}
			want16 = want16 || n >= 16
		}
	}
	if len(runs) > 0 {
		n8 := 0
		for _, c := range []byte(text[runs[0].s:runs[len(runs)-1].e]) {
			if n8 = n8 + 1; c&0xe0 != 0x40 {
				n8 = 0
			}
			want8 = want8 || n8 >= 8
		}
	}
	if want16 && !got || got && !want8 {
		t.Fatalf("runsHoldCapitals(%q) = %v; eight of 0x40–0x5f: %v, sixteen capitals: %v", text, got, want8, want16)
	}
	return got
}

// TestCapitalsAVX2 checks the vector test's promise directly: sixteen
// bytes of 0x40–0x5F in a row are never passed over, and it finds none
// without eight in a row.
func TestCapitalsAVX2(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2")
	}
	r := rng(t)
	for range 50000 {
		s := randFrom(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_@a9+", 32+r.IntN(200))
		run8, run16, n := false, false, 0
		for _, c := range []byte(s) {
			if n = n + 1; c&0xe0 != 0x40 {
				n = 0
			}
			run8, run16 = run8 || n >= 8, run16 || n >= 16
		}
		got := capitalsAVX2(unsafe.StringData(s), len(s))
		if run16 && !got || got && !run8 {
			t.Fatalf("capitalsAVX2(%q) = %v; eight in a row: %v, sixteen: %v", s, got, run8, run16)
		}
	}
}

func FuzzRunsHoldCapitals(f *testing.F) {
	f.Add("xx RSSMRALPTLMALNPS+abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP and MRTMTTLPALMSLSST!")
	f.Fuzz(func(t *testing.T, s string) {
		checkRunsHoldCapitals(t, s)
	})
}

// refFiscalCodeAt is fiscalCodeAt over refFiscalCodeValid.
func refFiscalCodeAt(text string, h int) bool {
	s := h - 6
	return s >= 0 && s+16 <= len(text) && !isAlnum(byteAt(text, s-1)) && !isAlnum(byteAt(text, s+16)) &&
		refFiscalCodeValid(text[s:s+16])
}

// fiscalCodeAt and the reference agree at every h of texts around codes,
// valid or not: at the text's ends (no byte there), next to letters and
// digits.
func TestFiscalCodeAtMatchesReference(t *testing.T) {
	const code = "RSSMRA85T10A562S"
	texts := []string{
		"", "RSSMRA85", code, "x" + code, code + "1", " " + code + " ", "_" + code + "_", "a" + code,
		strings.ToLower(code), "RSSMRA85T10A562X", "RSSMRA8ST10A562S", "cf: " + code + ".",
		code[:15], " " + code[:15], code + code,
	}
	r := rng(t)
	for range 2000 {
		b := []byte(" " + genFiscalCode(r, r.IntN(8)) + " ")
		if r.IntN(2) == 0 {
			b[r.IntN(len(b))] = "0aZ _.-"[r.IntN(7)]
		}
		texts = append(texts, string(b[r.IntN(2):len(b)-r.IntN(2)]))
	}
	for _, text := range texts {
		for h := -2; h <= len(text)+2; h++ {
			if got, want := fiscalCodeAt(text, h), refFiscalCodeAt(text, h); got != want {
				t.Fatalf("fiscalCodeAt(%q, %d) = %v, reference %v", text, h, got, want)
			}
		}
	}
}

func FuzzFiscalCodeAt(f *testing.F) {
	f.Add("RSSMRA85T10A562S")
	f.Add(" rssmra85t10a562s.")
	f.Add("xRSSMRA85T10A562S1")
	f.Fuzz(func(t *testing.T, text string) {
		for h := -1; h <= len(text)+1; h++ {
			if got, want := fiscalCodeAt(text, h), refFiscalCodeAt(text, h); got != want {
				t.Fatalf("fiscalCodeAt(%q, %d) = %v, reference %v", text, h, got, want)
			}
		}
	})
}

// cfGroups writes code with sep before each place in bounds.
func cfGroups(code string, bounds []int, sep string) string {
	var b strings.Builder
	for k := range len(code) {
		if slices.Contains(bounds, k) {
			b.WriteString(sep)
		}
		b.WriteByte(code[k])
	}
	return b.String()
}

// cfGroupings are the groupings fiscalGroupedAt accepts: a separator
// before the year (place 6), maybe before the name (3) and the
// municipality (11); or fours.
var cfGroupings = [][]int{{6}, {3, 6}, {6, 11}, {3, 6, 11}, {4, 8, 12}}

// refFiscalGroupedAt is fiscalGroupedAt by its definition: a code whose
// year (place 6) is at h, in one of cfGroupings, one separator kind (a
// space, two spaces or a dash), a whole token, valid; in fours, its year's
// second place a digit.
func refFiscalGroupedAt(text string, h int) (int, int, bool) {
	for _, bounds := range cfGroupings {
		for _, sep := range []string{" ", "-", "  "} {
			before := 0
			for _, b := range bounds {
				if b <= 6 {
					before++
				}
			}
			s := h - 6 - before*len(sep)
			if s < 0 || s > len(text) || bounds[0] == 4 && !isDigit(byteAt(text, h+1)) {
				continue
			}
			var code []byte
			j := s
			for k := range 16 {
				if slices.Contains(bounds, k) {
					if !strings.HasPrefix(text[j:], sep) {
						break
					}
					j += len(sep)
				}
				if j >= len(text) || !isAlnum(text[j]) {
					break
				}
				code = append(code, text[j])
				j++
			}
			if len(code) == 16 && !isAlnum(byteAt(text, s-1)) && !isAlnum(byteAt(text, j)) && refFiscalCodeValid(string(code)) {
				return s, j, true
			}
		}
	}
	return 0, 0, false
}

func checkFiscalGroupedAt(t *testing.T, text string) {
	t.Helper()
	for h := -1; h <= len(text)+1; h++ {
		s, e, ok := fiscalGroupedAt(text, h)
		rs, re, rok := refFiscalGroupedAt(text, h)
		if ok != rok || ok && (s != rs || e != re) {
			t.Fatalf("fiscalGroupedAt(%q, %d) = %d, %d, %v; reference %d, %d, %v", text, h, s, e, ok, rs, re, rok)
		}
	}
}

// TestFiscalCodeGrouped: a fiscal code written in its fields' groups
// (surname, name, birth, municipality and check letter) or in fours, with
// one kind of separator, is found whole, by the scan and by Find alike;
// other groupings, mixed separators, a bad check letter, mixed case or a
// code run into a word are not.
func TestFiscalCodeGrouped(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	nums := numberScanner(t)
	found := func(text string) []string {
		var got []string
		for _, f := range s.ScanText(text) {
			if f.Type == TypeITFiscalCode {
				got = append(got, text[f.Start:f.End])
			}
		}
		return got
	}
	for range 300 {
		// Omocodia leaves the year's first digit (the anchor), and in
		// fours its second (the group ends there).
		code := genFiscalCode(r, r.IntN(5))
		if r.IntN(3) == 0 {
			code = strings.ToLower(code)
		}
		sep := []string{" ", "-", "  "}[r.IntN(3)]
		bounds := cfGroupings[r.IntN(len(cfGroupings))]
		grouped := cfGroups(code, bounds, sep)
		bad := code[:15] + string('A'+(code[15]-'A'+1)%26)
		if isLower(code[0]) {
			bad = code[:15] + string('a'+(code[15]-'a'+1)%26)
		}
		mixed := cfGroups(code, []int{3, 6, 11}, " ")
		mixed = mixed[:7] + "-" + mixed[8:]
		for _, tc := range []struct {
			text, want string
		}{
			{"codice fiscale " + grouped, grouped},
			{"CF: " + grouped + ".", grouped},
			{"(" + grouped + ")", grouped},
			{grouped + "\n", grouped},
			{"c.f. " + code + " e " + grouped, code + "|" + grouped},
			// Not.
			{"CF: " + cfGroups(bad, bounds, sep), ""},
			{"CF: " + mixed, ""},
			{"CF: " + cfGroups(code, []int{5, 10}, " "), ""},
			{"CF: " + cfGroups(code, []int{3}, " "), ""},
			{"CF: " + cfGroups(code, []int{2, 6, 11}, " "), ""},
			{"CF: " + cfGroups(code, bounds, "   "), ""},
			{"CF: " + cfGroups(code, bounds, "."), ""},
			{"CF: " + cfGroups(code, bounds, "/"), ""},
			{"CF: x" + grouped, ""},
			{"CF: " + grouped + "7", ""},
			{"CF: " + cfGroups(code[:1]+strings.ToUpper(code[1:3])+strings.ToLower(code[3:]), bounds, sep), ""},
		} {
			want := []string{}
			if tc.want != "" {
				want = strings.Split(tc.want, "|")
			}
			if got := found(tc.text); !slices.Equal(got, want) {
				t.Fatalf("%q: fiscal codes %q, want %q", tc.text, got, want)
			}
			checkNumbers(t, nums, tc.text)
			checkFiscalGroupedAt(t, tc.text)
		}
	}
}

func FuzzFiscalGroupedAt(f *testing.F) {
	for _, s := range []string{
		"RSS MRA 85T10 A562S", "RSSMRA 85T10 A562S", "rss-mra-85t10-a562s", "RSSM RA85 T10A 562S",
		"CF: RSSMRA  85T10  A562S.", "RSSM-RA85-T10A-562S", "RSS MRA 85T10A562S", "x RSS MRA 85T10 A562S1",
		"RSSM RA8R TMLA SQNS", "rssm  ra85  t10a  562s",
	} {
		f.Add(s)
	}
	nums := numberScanner(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkFiscalGroupedAt(t, text)
		checkNumbers(t, nums, text)
	})
}
