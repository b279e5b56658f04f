package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/promptwall/promptwall/detect"
	"github.com/promptwall/promptwall/internal/corpus"
)

type detectResult struct {
	Corpus string      `json:"corpus"`
	Texts  int         `json:"texts"`
	Bytes  int         `json:"bytes"`
	Rows   []detectRow `json:"rows"`
}

type detectRow struct {
	Name string  `json:"name"`
	MBps float64 `json:"mb_per_s"`
	Note string  `json:"note,omitempty"`
}

// naivePatterns is the "patterns without a prefilter" baseline: one RE2
// pattern per finding type, each run over every whole text, no keyword
// gating and no validation — what a scanner without detect's prefilter
// does. (detect exposes no switch to run its own detectors ungated.)
var naivePatterns = []string{
	`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`,              // EMAIL
	`\+?\d[\d \-]{7,}\d`,                                          // PHONE
	`\b(?:\d[ -]?){13,19}\b`,                                      // CREDIT_CARD
	`\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,4})?\b`, // IBAN
	`(?i)\b[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]\b`,              // IT_FISCAL_CODE
	`\b\d{11}\b`,            // IT_VAT
	`\b\d{3}-\d{2}-\d{4}\b`, // US_SSN
	`\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}\b`, // IP_ADDRESS
	`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b`,                                    // AWS_ACCESS_KEY
	`\b[A-Za-z0-9/+=]{40}\b`,                                                     // AWS_SECRET_KEY
	`\bgh[pousr]_[A-Za-z0-9]{36}\b`,                                              // GITHUB_TOKEN
	`\bglpat-[A-Za-z0-9_-]{20}\b`,                                                // GITLAB_TOKEN
	`\bxox[abprs]-[A-Za-z0-9-]{10,}`,                                             // SLACK_TOKEN
	`https://hooks\.slack\.com/services/[A-Za-z0-9/]+`,                           // SLACK_WEBHOOK
	`\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}`,                                     // STRIPE_KEY
	`\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}`,                                          // OPENAI_KEY
	`\bsk-ant-[A-Za-z0-9_-]{20,}`,                                                // ANTHROPIC_KEY
	`\bAIza[0-9A-Za-z_-]{35}`,                                                    // GOOGLE_API_KEY
	`-----BEGIN [A-Z ]*PRIVATE KEY-----`,                                         // PRIVATE_KEY
	`\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`,                     // JWT
	`[a-z][a-z0-9+.-]*://[^\s:@/]+:[^\s@/]+@[^\s/]+`,                             // CREDENTIAL_URL
	`(?i)(?:password|passwd|pwd|parola d'ordine)\s*[:=]\s*\S+`,                   // PASSWORD
	`\b(?:CONFIDENTIAL|RISERVATO|TLP:(?:RED|AMBER|GREEN))\b`,                     // CONFIDENTIAL_MARKER
}

// throughput runs f over texts repeatedly for d on this goroutine.
func throughput(texts []string, total int, d time.Duration, f func(string)) float64 {
	start := time.Now()
	n := 0
	for time.Since(start) < d {
		for _, t := range texts {
			f(t)
		}
		n++
	}
	return round2(float64(n*total) / 1e6 / time.Since(start).Seconds())
}

func runDetect(ctx context.Context, o options) (*detectResult, error) {
	texts, err := corpus.ReadTexts(o.corpus)
	if err != nil {
		return nil, err
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("bench: %s has no texts", o.corpus)
	}
	total := 0
	for _, t := range texts {
		total += len(t)
	}
	res := &detectResult{Corpus: o.corpus, Texts: len(texts), Bytes: total}
	sc, err := detect.NewScanner()
	if err != nil {
		return nil, err
	}
	if o.profileDir != "" {
		if err := os.MkdirAll(o.profileDir, 0o755); err != nil {
			return nil, err
		}
		f, err := os.Create(filepath.Join(o.profileDir, "detect-cpu.pprof"))
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	res.Rows = append(res.Rows, detectRow{"detect.Scanner (prefilter + detectors + validators)",
		throughput(texts, total, o.detectTime, func(s string) { sc.ScanText(s) }), "per text, as the proxy calls it"})
	joined := strings.Join(texts, "\n\n")
	res.Rows = append(res.Rows, detectRow{"detect.Scanner, corpus joined into one text",
		throughput([]string{joined}, len(joined), o.detectTime, func(s string) { sc.ScanText(s) }), "per-text overhead paid once"})
	res.Rows = append(res.Rows, detectRow{"clean 8 KB prompt (the bench's)",
		throughput([]string{cleanText(8192)}, 8192, o.detectTime, func(s string) { sc.ScanText(s) }), "the common case"})

	re := make([]*regexp.Regexp, len(naivePatterns))
	for i, p := range naivePatterns {
		re[i] = regexp.MustCompile(p)
	}
	// The ungated patterns are slow: a sample of the corpus keeps this bounded.
	sample := texts[:min(len(texts), 200)]
	sampleBytes := 0
	for _, t := range sample {
		sampleBytes += len(t)
	}
	res.Rows = append(res.Rows, detectRow{"baseline: patterns without prefilter",
		throughput(sample, sampleBytes, o.detectTime, func(s string) {
			for _, r := range re {
				r.FindAllStringIndex(s, -1)
			}
		}), fmt.Sprintf("%d RE2 patterns, one per type, on every text, no validation; first %d texts", len(re), len(sample))})

	if o.detectGo && ctx.Err() == nil {
		rows, err := goBenchDetect(ctx, o.corpus)
		if err != nil {
			res.Rows = append(res.Rows, detectRow{"baseline: keyword prefilter alone", 0, "go test -bench failed: " + err.Error()})
		}
		res.Rows = append(res.Rows, rows...)
	}
	return res, nil
}

func cleanText(n int) string {
	ps := newPrompts(n, 1)
	var m struct {
		Messages []struct{ Content string } `json:"messages"`
	}
	_ = json.Unmarshal(ps.whole[0], &m)
	return m.Messages[1].Content
}

// goBenchDetect runs detect's own BenchmarkPrefilter (the keyword pass
// alone: it reaches the unexported automaton) and BenchmarkScanCorpus for
// comparison, one CPU, and parses their MB/s.
var benchLine = regexp.MustCompile(`^(Benchmark\w+)(?:-\d+)?\s+\d+\s+[\d.]+ ns/op\s+([\d.]+) MB/s`)

func goBenchDetect(ctx context.Context, corpus string) ([]detectRow, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return nil, err
	}
	abs := corpus
	if !strings.HasPrefix(abs, "/") {
		wd, _ := os.Getwd()
		abs = wd + "/" + corpus
	}
	cmd := exec.CommandContext(ctx, gobin, "test", "-run", "^$", "-bench", "^(BenchmarkPrefilter|BenchmarkScanCorpus)$",
		"-benchtime", "2s", "-cpu", "1", "./detect")
	cmd.Env = append(os.Environ(), "PROMPTWALL_CORPUS="+abs)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%w: %s", err, lastLines(string(out), 5))
	}
	var rows []detectRow
	for _, line := range strings.Split(string(out), "\n") {
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		v, _ := strconv.ParseFloat(m[2], 64)
		switch m[1] {
		case "BenchmarkPrefilter":
			rows = append(rows, detectRow{"baseline: keyword prefilter alone", v, "detect's BenchmarkPrefilter (go test, -cpu 1)"})
		case "BenchmarkScanCorpus":
			rows = append(rows, detectRow{"detect.Scanner per text (go test)", v, "detect's BenchmarkScanCorpus (go test, -cpu 1)"})
		}
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no benchmark lines in: %s", lastLines(string(out), 5))
	}
	return rows, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
