package detect

import (
	"context"
	"encoding/base64"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/promptwall/promptwall/llmapi"
)

// want describes an expected finding by the substring it must cover.
type want struct {
	typ, value string
}

func checkFindings(t *testing.T, s *Scanner, text string, wants []want) {
	t.Helper()
	got := s.ScanText(text)
	var gotS, wantS []string
	for _, f := range got {
		gotS = append(gotS, f.Type+"="+text[f.Start:f.End])
	}
	for _, w := range wants {
		if !strings.Contains(text, w.value) {
			t.Fatalf("bad test: %q not in text", w.value)
		}
		wantS = append(wantS, w.typ+"="+w.value)
	}
	if !slices.Equal(gotS, wantS) {
		t.Errorf("text %q\n got  %q\n want %q", text, gotS, wantS)
	}
}

func TestScanPhaseOneDetectors(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	aws := genAWSKey(r)
	ghp := genGitHubToken(r, "ghp_")
	ghs := genGitHubToken(r, "ghs_")
	badCRC := ghp[:len(ghp)-1] + string("01"[(strings.IndexByte("01", ghp[len(ghp)-1])+1)%2])
	visa := genLuhn(r, "4", 16)
	amex := genLuhn(r, "37", 15)
	notLuhn := visa[:15] + string('0'+(visa[15]-'0'+1)%10)
	itIBAN := genIBAN(r, "IT")
	deIBAN := genIBAN(r, "DE")
	badIBAN := itIBAN[:4] + "Z" + itIBAN[5:]
	pem := "-----BEGIN RSA PRIVATE KEY-----\n" + randFrom(r, base62+"+/", 64) + "\n" + randFrom(r, base62+"+/", 40) + "\n-----END RSA PRIVATE KEY-----"
	fine := "github_pat_" + randFrom(r, base62, 22) + "_" + randFrom(r, base62, 59)
	pemOpen := "-----BEGIN OPENSSH PRIVATE KEY-----\n" + randFrom(r, base62+"+/", 64) + "\n"

	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		{"aws key", "key id " + aws + " ok", []want{{TypeAWSAccessKey, aws}}},
		{"aws key quoted", "aws_access_key_id='" + aws + "'", []want{{TypeAWSAccessKey, aws}}},
		{"aws doc placeholder", "AKIAIOSFODNN7EXAMPLE", nil},
		{"aws key inside a word", "X" + aws, nil},
		{"aws key too long", aws + "A", nil},
		{"aws lower case", strings.ToLower(aws), nil},
		{"github classic", "GH_TOKEN: " + ghp, []want{{TypeGitHubToken, ghp}}},
		{"github server", "use " + ghs + " here", []want{{TypeGitHubToken, ghs}}},
		{"github bad checksum, no context", "value " + badCRC + " here", nil},
		{"github bad checksum, token context", "GITHUB_TOKEN=" + badCRC, []want{{TypeGitHubToken, badCRC}}},
		{"github placeholder", "api_key=ghp_xxxxxxxxxxxx", nil},
		{"github placeholder full length", "token ghp_" + strings.Repeat("x", 36), nil},
		{"github fine grained", "t=" + fine, []want{{TypeGitHubToken, fine}}},
		{"private key block", "paste:\n" + pem + "\nthanks", []want{{TypePrivateKey, pem}}},
		{"private key without END", "paste:\n" + pemOpen, []want{{TypePrivateKey, strings.TrimRight(pemOpen, "\n")}}},
		{"public key is fine", "-----BEGIN PUBLIC KEY-----\n" + randFrom(r, base62, 64) + "\n-----END PUBLIC KEY-----", nil},
		{"private key placeholder", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----", nil},
		{"email", "write to mario.rossi+tag@pec.comune.milano.it today", []want{{TypeEmail, "mario.rossi+tag@pec.comune.milano.it"}}},
		{"email trailing dot", "mail a@b.it.", []want{{TypeEmail, "a@b.it"}}},
		{"annotation", "use @pytest.fixture here", nil},
		{"npm scope", "import @angular/core", nil},
		{"no tld", "user@localhost", nil},
		{"card plain", "card " + visa, []want{{TypeCreditCard, visa}}},
		{"card spaced", "card " + group4(visa, " ") + ".", []want{{TypeCreditCard, group4(visa, " ")}}},
		{"card dashed", "card " + group4(visa, "-"), []want{{TypeCreditCard, group4(visa, "-")}}},
		{"amex 4-6-5", "amex " + amex[:4] + " " + amex[4:10] + " " + amex[10:], []want{{TypeCreditCard, amex[:4] + " " + amex[4:10] + " " + amex[10:]}}},
		{"card fails luhn", "card " + notLuhn, nil},
		{"card mixed separators", "card " + visa[:4] + " " + visa[4:8] + "-" + visa[8:12] + " " + visa[12:], []want{{TypeCreditCard, visa[:4] + " " + visa[4:8] + "-" + visa[8:12] + " " + visa[12:]}}},
		{"card inside longer number", "id 9" + visa, nil},
		{"timestamp", "at 1700000000000", nil},
		{"all zeros", "0000 0000 0000 0000", nil},
		{"iban compact", "IBAN " + itIBAN + ".", []want{{TypeIBAN, itIBAN}}},
		{"iban printed", "IBAN " + group4(deIBAN, " ") + " ok", []want{{TypeIBAN, group4(deIBAN, " ")}}},
		{"iban bad check", "IBAN " + badIBAN, nil},
		{"iban wrong length", "IBAN " + itIBAN[:26], nil},
		{"iban not a card", "IBAN " + group4(deIBAN, " "), []want{{TypeIBAN, group4(deIBAN, " ")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFindings(t, s, tt.text, tt.wants)
		})
	}
}

func TestScanSegmentsSortedWithCategories(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	aws := genAWSKey(r)
	segs := []llmapi.Segment{
		{Path: "messages[0].content", Text: "nothing here"},
		{Path: "messages[1].content", Text: "mail a@b.it and key " + aws},
		{Path: "messages[2].content", Text: aws},
	}
	got := s.Scan(context.Background(), segs)
	want := []Finding{
		{Type: TypeEmail, Category: CategoryPII, Severity: SeverityMedium, Segment: 1, Start: 5, End: 11},
		{Type: TypeAWSAccessKey, Category: CategorySecret, Severity: SeverityHigh, Segment: 1, Start: 20, End: 40},
		{Type: TypeAWSAccessKey, Category: CategorySecret, Severity: SeverityHigh, Segment: 2, Start: 0, End: 20},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := s.Scan(ctx, segs); len(got) != 0 {
		t.Errorf("cancelled scan returned %d findings", len(got))
	}
}

func TestInfoCoversTaxonomy(t *testing.T) {
	all := []string{"EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "IP_ADDRESS",
		"AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK",
		"STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "GOOGLE_API_KEY", "PRIVATE_KEY", "JWT", "CREDENTIAL_URL",
		"PASSWORD", "CONFIDENTIAL_MARKER"}
	for _, typ := range all {
		cat, sev, ok := Info(typ)
		if !ok || cat == 0 || sev == 0 {
			t.Errorf("Info(%q) = %q, %q, %v", typ, cat, sev, ok)
		}
	}
	if _, _, ok := Info("NOT_A_TYPE"); ok {
		t.Error("Info accepted an unknown type")
	}
	if got := len(Types()); got != len(all) {
		t.Errorf("Types() has %d types, want %d", got, len(all))
	}
}

func TestScannerConcurrentUse(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	text := "key " + genAWSKey(r) + " mail x@y.it card " + genLuhn(r, "5", 16)
	want := fmt.Sprint(spans(s.ScanText(text)))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if got := fmt.Sprint(spans(s.ScanText(text))); got != want {
					t.Errorf("concurrent scan: got %s want %s", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// A scan state that held a large text goes back to the pool, which the
// collector empties, not to the idle slot, which nothing empties: also
// when only the text's normalised form is large.
func TestLargeScanStateNotKeptIdle(t *testing.T) {
	s := newTestScanner(t)
	s.ScanText("a short prompt with a card 4111 1111 1111 1111")
	if s.last.Load() == nil {
		t.Fatal("a short text's scan state was not kept idle")
	}
	for _, text := range []string{
		strings.Repeat("1 a@b ", largeText/5),
		strings.Repeat("\uFDFA", largeText/3/8), // 3 bytes each, 33 once normalised
		strings.Repeat("\uFF11", largeText/3/2), // full-width digits: an edit each
	} {
		s := newTestScanner(t) // a state is large for good once it has been
		s.ScanText(text)
		if st := s.last.Load(); st != nil {
			t.Errorf("%d-byte text: its scan state (masks %d words) was kept idle", len(text), cap(st.masks))
		}
	}
}

// Results carved from one block (scanState.results) are the caller's: an
// append to one, or a write into it, leaves the next scan's alone.
func TestResultsDoNotShareRoom(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	text := "mail x@y.it key " + genAWSKey(r)
	first := s.ScanText(text)
	if len(first) != 2 || cap(first) != len(first) {
		t.Fatalf("first scan: %d findings, capacity %d", len(first), cap(first))
	}
	want := slices.Clone(first)
	second := s.ScanText(text)
	first = append(first, Finding{Type: "X"})
	first[0].Type = "Y"
	if !slices.Equal(second, want) {
		t.Errorf("writing the first result changed the second: %+v", second)
	}
	var many []Finding
	for range 3 * findingSlab {
		many = append(many, s.ScanText(text)...)
	}
	for i, f := range many {
		if f != want[i%2] {
			t.Fatalf("finding %d of the repeated scans = %+v, want %+v", i, f, want[i%2])
		}
	}
}

// slabSink keeps TestFindingSlabSize's blocks on the heap (enough of them
// that another goroutine's allocations do not move the average).
var slabSink [4096][]Finding

// A block of results fills its size class but for less than a finding:
// the allocator rounds a block up to its class (and a block of more than
// 512 bytes with pointers carries an 8-byte header), and the rounding is
// memory each collection cycle pays for.
func TestFindingSlabSize(t *testing.T) {
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	for i := range slabSink {
		slabSink[i] = make([]Finding, findingSlab)
	}
	runtime.ReadMemStats(&ms1)
	clear(slabSink[:])
	per := (ms1.TotalAlloc - ms0.TotalAlloc) / uint64(len(slabSink))
	size := uint64(findingSlab) * uint64(unsafe.Sizeof(Finding{}))
	if per < size || per-size >= uint64(unsafe.Sizeof(Finding{})) {
		t.Errorf("a block of %d findings (%d bytes) takes %d bytes: choose findingSlab to fill a size class", findingSlab, size, per)
	}
}

// A text with a finding or two costs a fraction of an allocation (its
// results' share of a block); a full-width one no more (normalising keeps
// its edits in the scan state, and NFKC's cost in foldPages).
func TestScanAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	r := rng(t)
	s := newTestScanner(t)
	for _, text := range []string{
		"mail x@y.it key " + genAWSKey(r),
		"scrivimi a ｍａｒｉｏ＠ｅｓｅｍｐｉｏ．ｉｔ",
	} {
		s.ScanText(text)
		// One allocation for the normalised text, at most; a block of
		// results every findingSlab/2 texts.
		limit := 0.5
		if !isASCII(text) {
			limit = 1.5
		}
		if n := testing.AllocsPerRun(200, func() { s.ScanText(text) }); n > limit {
			t.Errorf("%q: %.2f allocations a scan, want at most %.1f", text, n, limit)
		}
	}
}

// An all-letter fiscal code is found by a detector that scanInto runs only
// when the text has base64 runs (detect runs it itself over a decoded
// view): wherever the code stands, and with the scan state reused between
// texts with and without runs.
func TestInRunsDetector(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	code := genFiscalCode(r, 7)
	enc := base64.StdEncoding.EncodeToString([]byte("codice fiscale " + code + " del cliente"))
	for _, tc := range []struct{ name, text, want string }{
		{"alone", code, code},
		{"in prose", "il codice è " + code + ", grazie", code},
		{"full-width space before", "codice\u3000" + code, code},
		{"no runs", "nessun codice qui, solo parole brevi", ""},
		{"base64 view", "payload: " + enc, enc}, // reported on its encoded bytes, within enc
	} {
		for range 2 {
			got := s.ScanText(tc.text)
			var spans []string
			for _, f := range got {
				if f.Type == TypeITFiscalCode {
					spans = append(spans, tc.text[f.Start:f.End])
				}
			}
			if tc.want == "" && len(spans) != 0 || tc.want != "" && (len(spans) != 1 || !strings.Contains(tc.want, spans[0])) {
				t.Fatalf("%s: %q: fiscal codes %q, want %q", tc.name, tc.text, spans, tc.want)
			}
		}
	}
}

// contextCounter reports, at each "zzkw", a span as long as the keyword
// plus the number of its word sets that occur in the text.
type contextCounter struct{ sets []*WordSet }

func (contextCounter) Type() string               { return "CONTEXT_COUNT" }
func (contextCounter) Keywords() []string         { return []string{"zzkw"} }
func (c contextCounter) ContextWords() []*WordSet { return c.sets }
func (c contextCounter) Find(t *Text) {
	for _, h := range t.Hits {
		n := 0
		for _, ws := range c.sets {
			if t.Anywhere(ws) {
				n++
			}
		}
		t.Emit(h, h+4+n)
	}
}

// A scan state's context-word lists are emptied between texts, more than
// eight sets too (reset empties them eight at a time).
func TestContextWordsReset(t *testing.T) {
	var c contextCounter
	for i := range 11 {
		c.sets = append(c.sets, NewWordSet(fmt.Sprintf("ctxword%c", 'a'+i)))
	}
	s, err := NewScanner(WithDetector(c, CategoryCustom, SeverityLow))
	if err != nil {
		t.Fatal(err)
	}
	count := func(text string) int {
		for _, f := range s.ScanText(text) {
			if f.Type == "CONTEXT_COUNT" {
				return f.End - f.Start - 4
			}
		}
		return -1
	}
	for range 3 {
		if n := count("zzkw ............ ctxwordk ctxworda ctxwordi"); n != 3 {
			t.Fatalf("with three context words: %d", n)
		}
		if n := count("zzkw ............ nothing else here"); n != 0 {
			t.Fatalf("after a text with context words, without: %d", n)
		}
	}
}

// Near reads a set's words whole when they are few and searches them
// sorted when many: both agree with the words' occurrences found here by
// a plain search, at every place, for each context-word set of the number
// formats.
func TestNear(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	words := []string{"tel ", "phone ", "xtel ", "numero ", "number: ", "ssn ", "vat ", "iva ", "version ",
		"section ", "xssn ", "12 ", "345 ", "abc ", ". ", "\n", "(rfc ", "Ivan ", "versioning ", "Telegram "}
	sets := []*WordSet{phoneWords, phoneWeakWords, vatContext, ssnContext, ipNotAddress}
	// near: a word of ws in [at-before, at) (refNear: every form tried at each place).
	near := func(text string, ws *WordSet, at, before int) bool { return refNear(ws, text, at, before) }
	var few, many int
	for range 600 {
		var b strings.Builder
		for range r.IntN(50) {
			b.WriteString(words[r.IntN(len(words))])
		}
		text := b.String()
		st := s.get()
		s.prescan(st, text, true, true)
		st.text = Text{S: text, st: st, sc: s}
		tx := &st.text
		for _, ws := range sets {
			if len(tx.setHits(ws)) > fewWords {
				many++
			} else {
				few++
			}
			for at := range len(text) + 1 {
				for _, before := range []int{24, 40} {
					if got, want := tx.Near(ws, at, before), near(text, ws, at, before); got != want {
						t.Fatalf("%q: Near(%v, %d, %d) = %v, want %v", text, ws.words, at, before, got, want)
					}
				}
			}
		}
		s.put(st)
	}
	if few < 100 || many < 100 {
		t.Fatalf("sets with few words %d, with many %d: want 100 each or more", few, many)
	}
}

// tidyRef is tidy as it was before sortByStart and the reach test: a
// sort by the full comparison and a look-back from every finding (the
// rule for a pair, displace, is the one tidy uses).
func tidyRef(es []entry, fs []rawFinding) []rawFinding {
	cmp := func(a, b rawFinding) int {
		if a.start != b.start {
			return a.start - b.start
		}
		if a.end != b.end {
			return b.end - a.end
		}
		return es[a.det].order - es[b.det].order
	}
	slices.SortStableFunc(fs, cmp)
	for i := range fs {
		f := &fs[i]
		for j := i - 1; j >= 0 && j >= i-64 && f.end >= 0; j-- {
			if g := &fs[j]; g.end > f.start {
				displace(es, f, g)
			}
		}
	}
	return slices.DeleteFunc(fs, func(f rawFinding) bool { return f.end < 0 })
}

// tidy keeps what tidyRef keeps, for few findings (the insertion sort)
// and many (sortByStart, and the reach test that skips the look-back):
// apart, overlapping, nested, sharing starts, far past a long one.
func TestTidyMatchesReference(t *testing.T) {
	s := newTestScanner(t, WithDetector(fixedDetector{typ: "CODE_NAME"}, CategoryCustom, SeverityLow))
	r := rng(t)
	st := s.get()
	defer s.put(st)
	for _, tc := range []struct {
		name       string
		n, span    int // findings, the text length they start in
		maxLen     int
		longFirst  bool // one finding over most of the text first
		equalStart bool // starts from a few values
	}{
		{"few apart", 5, 1000, 8, false, false},
		{"few overlapping", 10, 40, 12, false, false},
		{"many apart", 300, 100000, 20, false, false},
		{"many overlapping", 300, 2000, 30, false, false},
		{"many sharing starts", 200, 1000, 30, false, true},
		{"a long one first", 150, 5000, 10, true, false},
	} {
		for range 50 {
			fs := make([]rawFinding, tc.n)
			for i := range fs {
				start := r.IntN(tc.span)
				if tc.equalStart {
					start = start / 100 * 100
				}
				fs[i] = rawFinding{det: r.IntN(len(s.entries)), start: start, end: start + 1 + r.IntN(tc.maxLen)}
			}
			if tc.longFirst {
				fs[0] = rawFinding{det: fs[0].det, start: 0, end: tc.span}
			}
			want := tidyRef(s.entries, slices.Clone(fs))
			got := s.tidy(st, slices.Clone(fs))
			// Findings that tie on everything the comparison looks at
			// may come out in either order, as with slices.SortFunc.
			key := func(f rawFinding) [3]int { return [3]int{f.start, f.end, s.entries[f.det].order} }
			if !slices.EqualFunc(got, want, func(a, b rawFinding) bool { return key(a) == key(b) }) {
				t.Fatalf("%s: tidy kept %d findings, the reference %d:\n%v\n%v", tc.name, len(got), len(want), got, want)
			}
		}
	}
}

// fixedDetector is a custom detector that finds nothing: a custom type
// for tidy to rank.
type fixedDetector struct{ typ string }

func (d fixedDetector) Type() string       { return d.typ }
func (d fixedDetector) Keywords() []string { return []string{"zzfixed"} }
func (d fixedDetector) Find(*Text)         {}

// A text of normaliseFirst bytes or more with a byte outside ASCII among
// its first normaliseSample is normalised before its byte pass, another
// after (when the pass finds bytes outside ASCII): the two must find the
// same values, so a short text with characters to fold finds, after
// neutral padding that makes it long (its characters within the sample or
// past it), what it finds alone, shifted by the padding.
func TestLongTextNormalisedFirst(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	card := genLuhn(r, "4", 16)
	for _, text := range []string{
		"scrivimi a ｍａｒｉｏ＠ｅｓｅｍｐｉｏ．ｉｔ — grazie",
		"chiave \u0410KIA" + genAWSKey(r)[4:] + " e mail a\u200bb@example.com",
		"IBAN " + genIBAN(r, "IT") + "\u00a0e carta " + card[:4] + "\u2009" + card[4:8] + "\u2009" + card[8:12] + "\u2009" + card[12:],
		"tel. ＋３９ ０２ １２３４ ５６７８, codice " + genFiscalCode(r, 0) + " …",
		"plain ASCII: x@y.it " + genGitHubToken(r, "ghp_"),
		"accents only, nothing to fold: è già così, mail à@b.it " + genVAT(r),
	} {
		want := s.ScanText(text)
		if len(want) == 0 {
			t.Fatalf("%q: no findings alone: the case tests nothing", text)
		}
		if err := samePadded(s, text, want); err != nil {
			t.Error(err)
		}
	}
}

// longPads make a text long, its characters within normaliseSample or past.
var longPads = []string{
	strings.Repeat(". ", normaliseFirst/2) + "\n\n",
	strings.Repeat(". ", normaliseSample/2) + "\n\n",
}

// samePadded reports how text's findings after each of longPads differ
// from want (its findings alone), shifted by the padding.
func samePadded(s *Scanner, text string, want []Finding) error {
	for _, pad := range longPads {
		got := s.ScanText(pad + text)
		for i := range got {
			got[i].Start -= len(pad)
			got[i].End -= len(pad)
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("%q after %d bytes: found %v; alone %v", text, len(pad), got, want)
		}
	}
	return nil
}

// FuzzLongTextNormalisedFirst is TestLongTextNormalisedFirst on any text:
// long, normalised before or after its byte pass, it finds what it finds
// alone.
func FuzzLongTextNormalisedFirst(f *testing.F) {
	s, err := NewScanner()
	if err != nil {
		f.Fatal(err)
	}
	for _, text := range []string{"scrivimi a ｍａｒｉｏ＠ｅｓｅｍｐｉｏ．ｉｔ — grazie", "IBAN IT60X0542811101000000123456\u00a0ok", "plain x@y.it"} {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if err := samePadded(s, text, s.ScanText(text)); err != nil {
			t.Fatal(err)
		}
	})
}
