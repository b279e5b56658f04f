package detect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/promptwall/promptwall/internal/corpus"
)

// corpusPath is the shared dev corpus, relative to this package; set
// PROMPTWALL_CORPUS to use another JSONL file of {"text": …} lines.
func corpusPath() string {
	if p := os.Getenv("PROMPTWALL_CORPUS"); p != "" {
		return p
	}
	return filepath.Join("..", "..", "shared", "corpus", "dev.jsonl")
}

func loadCorpus(b *testing.B) []string {
	b.Helper()
	texts, err := corpus.ReadTexts(corpusPath())
	if err != nil {
		b.Skipf("corpus not available (%v); set PROMPTWALL_CORPUS to a JSONL file with a \"text\" field", err)
	}
	if len(texts) == 0 {
		b.Skip("corpus has no texts")
	}
	return texts
}

// BenchmarkScanCorpus scans every corpus text once per iteration and
// reports throughput (MB/s) over the texts' bytes, on one goroutine.
func BenchmarkScanCorpus(b *testing.B) {
	texts := loadCorpus(b)
	s := newTestScanner(b)
	b.ReportAllocs()
	benchTexts(b, texts, scanTexts(s))
}

// benchTexts runs scan over every text once per iteration, on this
// goroutine, and reports throughput over the texts' bytes: MB/s, and
// cpu-MB/s (see reportCPUThroughput).
func benchTexts(b *testing.B, texts []string, scan func(string)) {
	total := 0
	for _, t := range texts {
		total += len(t)
	}
	b.SetBytes(int64(total))
	c0, ok := processCPU()
	n := 0
	for b.Loop() {
		for _, t := range texts {
			scan(t)
		}
		n++
	}
	reportCPUThroughput(b, c0, ok, n*total)
}

// scanTexts: s.ScanText as benchTexts takes it.
func scanTexts(s *Scanner) func(string) { return func(t string) { s.ScanText(t) } }

// reportCPUThroughput adds "cpu-MB/s": bytes scanned per second of CPU time
// used by the process (run with -cpu 1 for a one-core figure).
func reportCPUThroughput(b *testing.B, c0 time.Duration, ok bool, bytes int) {
	c1, ok1 := processCPU()
	if ok && ok1 && c1 > c0 {
		b.ReportMetric(float64(bytes)/1e6/(c1-c0).Seconds(), "cpu-MB/s")
	}
}

// BenchmarkScanCleanProse is the common case: a long prompt with nothing in
// it, where the prefilter should let almost no detector run.
func BenchmarkScanCleanProse(b *testing.B) {
	s := newTestScanner(b)
	para := "Please summarise the following meeting notes and list the action items for each team. " +
		"We discussed the roadmap for the next quarter, the hiring plan and the budget review. "
	text := ""
	for len(text) < 64<<10 {
		text += para
	}
	b.ReportAllocs()
	benchTexts(b, []string{text}, scanTexts(s))
}

// BenchmarkScanPerCall is the cost of a call apart from its bytes: a
// 16-byte clean prompt, all of whose time is the call's own (the scratch
// state, the byte pass's set-up and results, the detectors' dispatch).
// The corpus's 1,200 texts pay it 1,200 times a pass.
func BenchmarkScanPerCall(b *testing.B) {
	s := newTestScanner(b)
	b.ReportAllocs()
	benchTexts(b, []string{"Please summarise"}, scanTexts(s))
}

// BenchmarkDetector measures each built-in detector alone over the corpus,
// to find the one that costs the most, then the number formats together,
// the other detectors together, and none (the byte pass and the glue): the
// shares of a whole scan, which these add up to.
func BenchmarkDetector(b *testing.B) {
	texts := loadCorpus(b)
	var numbers, keywords []Detector
	for _, d := range builtinDetectors() {
		if _, ok := d.(digitShaper); ok {
			numbers = append(numbers, d)
		} else {
			keywords = append(keywords, d)
		}
	}
	run := func(name string, ds []Detector) {
		b.Run(name, func(b *testing.B) {
			s, err := newScanner(ds, nil)
			if err != nil {
				b.Fatal(err)
			}
			benchTexts(b, texts, scanTexts(s))
		})
	}
	for _, d := range builtinDetectors() {
		run(d.Type(), []Detector{d})
	}
	run("numbers", numbers)
	run("keywords", keywords)
	run("none", nil)
}

// BenchmarkPrefilter measures the prefilter alone over the corpus texts:
// the byte pass for digit runs and the keyword pass, no detectors.
func BenchmarkPrefilter(b *testing.B) {
	texts := loadCorpus(b)
	s := newTestScanner(b)
	// The scratch the Scanner keeps per scan state, kept here too (scan's
	// on-stack scratch is zeroed per call: a cost the Scanner does not pay).
	var digits []int
	var scratch []uint64
	var gbuf [256]uint8
	hit := func(int32, int) {}
	benchTexts(b, texts, func(t string) {
		digits = digits[:0]
		scratch, _, _ = s.pre.prescan(t, &digits, nil, scratch, hit, true, &gbuf)
	})
}

// BenchmarkScanCorpusJoined scans the corpus texts joined into one long
// document (a pasted file, a long conversation), so per-text overhead is
// paid once.
func BenchmarkScanCorpusJoined(b *testing.B) {
	texts := loadCorpus(b)
	s := newTestScanner(b)
	b.ReportAllocs()
	benchTexts(b, []string{strings.Join(texts, "\n\n")}, scanTexts(s))
}

// scanWithoutPrefilter is the baseline the prefilter is measured against:
// the same detectors over the same text, each keyword searched for on its
// own (one pass per keyword, as a set of independent patterns would do) and
// digit runs found by a separate pass, then every gated detector run. It
// skips the decoded views, as the prefilter-only figure does.
func (s *Scanner) scanWithoutPrefilter(text string) int {
	st := s.pool.Get().(*scanState)
	defer s.put(st)
	st.digits = st.digits[:0]
	for i := 0; i < len(text); i++ {
		if isDigit(text[i]) && (i == 0 || !isDigit(text[i-1])) {
			st.digits = append(st.digits, i)
		}
	}
	for kw, k := range s.pre.kws {
		for at := 0; at < len(text); {
			i := indexFold(text[at:], k)
			if i < 0 {
				break
			}
			s.record(st, int32(kw), at+i)
			at += i + 1
		}
	}
	s.detect(st, text)
	return len(st.raw)
}

// scanGatedNoViews is scanWithoutPrefilter's counterpart with the
// prefilter, so the two differ only in how the hits are found.
func (s *Scanner) scanGatedNoViews(text string) int {
	st := s.pool.Get().(*scanState)
	defer s.put(st)
	s.prescan(st, text, false, true)
	s.detect(st, text)
	return len(st.raw)
}

// BenchmarkGating compares, over the corpus texts (no normalising, no
// decoded views): the prefilter alone, the detectors gated by it, and the
// detectors with each keyword searched for separately.
func BenchmarkGating(b *testing.B) {
	texts := loadCorpus(b)
	s := newTestScanner(b)
	for _, bm := range []struct {
		name string
		scan func(string) int
	}{
		{"prefilter-only", func(t string) int {
			st := s.pool.Get().(*scanState)
			defer s.put(st)
			return int(s.prescan(st, t, false, true))
		}},
		{"prefilter+detectors", s.scanGatedNoViews},
		{"no-prefilter+detectors", s.scanWithoutPrefilter},
	} {
		b.Run(bm.name, func(b *testing.B) {
			benchTexts(b, texts, func(t string) { bm.scan(t) })
		})
	}
}

// TestGatingBaselineAgrees checks the baseline finds what the gated scan
// finds, so the comparison is between equals.
func TestGatingBaselineAgrees(t *testing.T) {
	s := newTestScanner(t)
	for _, text := range []string{
		"mail a@b.it, tel. +39 02 1234 5678, password: Xq7!abcdEFGH, AKIA" + strings.Repeat("Q7", 8),
		"nothing at all", "IBAN DE89 3704 0044 0532 0130 00 and sk-ant-api03-x",
	} {
		if a, b := s.scanGatedNoViews(text), s.scanWithoutPrefilter(text); a != b {
			t.Errorf("%q: %d raw findings gated, %d without the prefilter", text, a, b)
		}
	}
}
