package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/promptwall/promptwall/detect"
	"github.com/promptwall/promptwall/policy"
)

// maxScanLine bounds one jsonl line (and the whole text in text mode), so a
// runaway input fails clearly instead of exhausting memory.
const maxScanLine = 64 << 20

func newScanCmd() *cobra.Command {
	var format, policyDir string
	cmd := &cobra.Command{
		Use:   "scan",
		Short: "Detect sensitive data in text read from stdin",
		Long: `Detect sensitive data in text read from stdin.

--format text (default) scans all of stdin as one text and prints each finding
with its byte offsets and a redacted preview (never the whole value).
--format jsonl reads one {"id","text"} object per line and writes one
{"id","findings":[{"type","start","end"}]} line per input line, in input order;
offsets are bytes into the UTF-8 text as given.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			sc, err := newScanScanner(ctx, policyDir)
			if err != nil {
				return err
			}
			switch format {
			case "jsonl":
				return scanJSONL(ctx, sc, cmd.InOrStdin(), cmd.OutOrStdout())
			case "text":
				return scanText(sc, cmd.InOrStdin(), cmd.OutOrStdout())
			default:
				return fmt.Errorf("scan: unknown --format %q (want text or jsonl)", format)
			}
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or jsonl")
	cmd.Flags().StringVar(&policyDir, "policy", "", "policy bundle directory whose data.promptwall.custom_detectors are added")
	return cmd
}

// newScanScanner builds the scanner: the built-in detectors, plus the custom
// detectors of the policy in dir when one is given (loaded and compiled as
// serve would, so a broken policy fails here too).
func newScanScanner(ctx context.Context, dir string) (*detect.Scanner, error) {
	var opts []detect.Option
	if dir != "" {
		eng, err := policy.New(ctx, policy.WithDir(dir), policy.WithCacheSize(0))
		if err != nil {
			return nil, fmt.Errorf("scan: loading policy %s: %w", dir, err)
		}
		var custom []detect.CustomDetector
		for _, c := range eng.CustomDetectors() {
			custom = append(custom, detect.CustomDetector{
				Type: c.Type, Category: c.Category, Severity: c.Severity,
				Regex: c.Regex, Keywords: c.Keywords, Validator: c.Validator, Terms: c.Terms,
			})
		}
		opts = append(opts, detect.WithCustom(custom))
	}
	sc, err := detect.NewScanner(opts...)
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	return sc, nil
}

type scanInput struct {
	ID   json.RawMessage `json:"id"`
	Text string          `json:"text"`
}

type scanFinding struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type scanOutput struct {
	ID       json.RawMessage `json:"id"`
	Findings []scanFinding   `json:"findings"`
}

func scanJSONL(ctx context.Context, sc *detect.Scanner, in io.Reader, out io.Writer) error {
	lines := bufio.NewScanner(in)
	lines.Buffer(make([]byte, 0, 64<<10), maxScanLine)
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	for lines.Scan() {
		n++
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		line := lines.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		var rec scanInput
		if err := json.Unmarshal(line, &rec); err != nil {
			return fmt.Errorf("scan: line %d: not a JSON object with id and text: %w", n, err)
		}
		if len(rec.ID) == 0 {
			rec.ID = json.RawMessage("null")
		}
		res := scanOutput{ID: rec.ID, Findings: []scanFinding{}}
		for _, f := range sc.ScanText(rec.Text) {
			res.Findings = append(res.Findings, scanFinding{Type: f.Type, Start: f.Start, End: f.End})
		}
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("scan: writing line %d: %w", n, err)
		}
	}
	if err := lines.Err(); err != nil {
		return fmt.Errorf("scan: reading line %d: %w", n+1, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("scan: writing: %w", err)
	}
	return nil
}

func scanText(sc *detect.Scanner, in io.Reader, out io.Writer) error {
	data, err := io.ReadAll(io.LimitReader(in, maxScanLine+1))
	if err != nil {
		return fmt.Errorf("scan: reading stdin: %w", err)
	}
	if len(data) > maxScanLine {
		return fmt.Errorf("scan: input larger than %d bytes", maxScanLine)
	}
	text := string(data)
	w := bufio.NewWriter(out)
	fs := sc.ScanText(text)
	for _, f := range fs {
		line, col := lineCol(text, f.Start)
		fmt.Fprintf(w, "%-20s %-10s %-8s bytes %d-%d (line %d, col %d)  %s\n",
			f.Type, f.Category, f.Severity, f.Start, f.End, line, col, preview(text[f.Start:f.End]))
	}
	fmt.Fprintf(w, "%d finding(s)\n", len(fs))
	if err := w.Flush(); err != nil {
		return fmt.Errorf("scan: writing: %w", err)
	}
	return nil
}

// lineCol gives the 1-based line and column (in characters) of byte offset off.
func lineCol(text string, off int) (int, int) {
	before := text[:off]
	line := strings.Count(before, "\n") + 1
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, utf8.RuneCountInString(before) + 1
}

// preview shows enough of a value to recognise it by eye, never enough to
// use it: at most a quarter of its characters (four at most), then its length.
func preview(v string) string {
	r := []rune(v)
	keep := min(4, len(r)/4)
	shown := strings.Map(func(c rune) rune {
		if c < ' ' {
			return ' '
		}
		return c
	}, string(r[:keep]))
	return strconv.Quote(shown+"…") + fmt.Sprintf(" (%d chars)", len(r))
}
