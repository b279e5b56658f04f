package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/promptwall/promptwall/detect"
	"github.com/promptwall/promptwall/llmapi"
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

--format text (default) scans all of stdin (at most 64 MiB) as one text and
prints one line per finding, then the count:
  TYPE  CATEGORY  SEVERITY  bytes START-END (line L, col C)  "PREV…" (N chars)
START-END are byte offsets (end exclusive), C counts characters from 1, and the
preview shows at most a quarter of the value (four characters at most).

--format jsonl reads one {"id","text"} object per line and writes one
{"id","findings":[{"type","start","end"}]} line per input line, in input order;
offsets are bytes into the decoded "text" string as given (before any
normalisation), end exclusive. "text" must be there, spelt exactly (keys are
case-sensitive), once, and a string; other keys (lang, findings, tags, ...)
are ignored, so a labelled corpus can be piped in as is. A missing "id" is
written as null. Blank lines are skipped (no output line). Results are flushed
whenever no whole line is waiting, so a pipe sees each one at once. The first
bad line (invalid JSON or UTF-8, not one "text" string, over 64 MiB) stops the
scan: every earlier result is written, the error on stderr names the line, and
the exit status is 1.

Both formats skip a leading UTF-8 byte-order mark (--format text counts its
offsets from after it) and refuse UTF-16 and UTF-32 input, which would scan
as letters between NULs and find nothing: convert it to UTF-8 first.`,
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
				return scanText(ctx, sc, cmd.InOrStdin(), cmd.OutOrStdout())
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

// scanInput is one jsonl record; parseScanRecord fills it.
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

var (
	utf8BOM = []byte{0xEF, 0xBB, 0xBF}

	errLineTooLong = fmt.Errorf("longer than the %d MiB limit (%d bytes)", maxScanLine>>20, maxScanLine)
	// errRepeatedKey: the proxy refuses a body that repeats a key too; a
	// repeated "text" or "id" leaves it unclear which one was meant.
	errRepeatedKey = errors.New("repeated key")
)

// scanLine is one input line as readLines hands it over.
type scanLine struct {
	data []byte // the line without its '\n', in memory of its own
	idle bool   // no whole line is buffered: the next read may block
	err  error  // io.EOF after the last line
}

func scanJSONL(ctx context.Context, sc *detect.Scanner, in io.Reader, out io.Writer) (err error) {
	w := bufio.NewWriterSize(out, 64<<10)
	defer func() {
		// Every result already encoded is written whole, whatever the exit.
		if ferr := w.Flush(); ferr != nil && err == nil {
			err = fmt.Errorf("scan: writing: %w", ferr)
		}
	}()
	lines := make(chan scanLine)
	done := make(chan struct{})
	defer close(done)
	go readLines(in, lines, done)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for n := 1; ; n++ {
		var ln scanLine
		select {
		case ln = <-lines:
		case <-ctx.Done():
			return fmt.Errorf("scan: interrupted while waiting for line %d: %w", n, ctx.Err())
		}
		switch {
		case ln.err == io.EOF:
			return nil
		case errors.Is(ln.err, errLineTooLong):
			return fmt.Errorf("scan: line %d: %w", n, ln.err)
		case ln.err != nil:
			return fmt.Errorf("scan: reading line %d: %w", n, ln.err)
		}
		if err := scanJSONLine(sc, enc, n, ln.data); err != nil {
			return err
		}
		// A file keeps whole lines buffered, so its results go out in large
		// writes; a pipe or terminal that pauses gets each result at once.
		if ln.idle {
			if err := w.Flush(); err != nil {
				return fmt.Errorf("scan: writing: %w", err)
			}
		}
	}
}

// scanJSONLine scans input line n and encodes its result; a blank line has
// none.
func scanJSONLine(sc *detect.Scanner, enc *json.Encoder, n int, line []byte) error {
	if n == 1 {
		if name := llmapi.WideEncoding(line); name != "" {
			return fmt.Errorf("scan: line 1: %w", wideError(name))
		}
		line = bytes.TrimPrefix(line, utf8BOM)
	}
	if len(bytes.Trim(line, " \t\r")) == 0 {
		return nil
	}
	rec, err := parseScanRecord(line)
	if err != nil {
		return fmt.Errorf("scan: line %d: %w", n, err)
	}
	res := scanOutput{ID: rec.ID, Findings: []scanFinding{}}
	for _, f := range sc.ScanText(rec.Text) {
		res.Findings = append(res.Findings, scanFinding{Type: f.Type, Start: f.Start, End: f.End})
	}
	if err := enc.Encode(res); err != nil {
		return fmt.Errorf("scan: writing line %d: %w", n, err)
	}
	return nil
}

// readLines sends in's lines to out until the end, an error or done. It runs
// in a goroutine of its own because a read blocked on a quiet producer (a
// terminal) cannot be cancelled: the scan still ends on a signal.
func readLines(in io.Reader, out chan<- scanLine, done <-chan struct{}) {
	br := bufio.NewReaderSize(in, 64<<10)
	for {
		data, err := readLine(br)
		// Not just Buffered() == 0: a producer may pause within a line.
		rest, _ := br.Peek(br.Buffered())
		idle := bytes.IndexByte(rest, '\n') < 0
		select {
		case out <- scanLine{data: data, idle: idle, err: err}:
		case <-done:
			return
		}
		if err != nil {
			return
		}
	}
}

// readLine reads one line of at most maxScanLine bytes (its '\n' aside) into
// a new slice; the last line may lack its '\n'.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		line = append(line, frag...)
		switch {
		case err == nil:
			line = line[:len(line)-1]
			if len(line) > maxScanLine {
				return nil, errLineTooLong
			}
			return line, nil
		case err == bufio.ErrBufferFull:
			if len(line) > maxScanLine {
				return nil, errLineTooLong
			}
		case err == io.EOF && len(line) > 0:
			if len(line) > maxScanLine {
				return nil, errLineTooLong
			}
			return line, nil
		default:
			return nil, err
		}
	}
}

// parseScanRecord decodes one jsonl record. It is stricter than
// json.Unmarshal into scanInput, which takes invalid UTF-8 as U+FFFD, matches
// keys case-insensitively, keeps the last of repeated keys and takes a
// missing or null "text" as empty: each shifted offsets or turned a malformed
// record into a silent "no findings". Other keys are ignored, as labelled
// corpora carry lang, findings and tags. Errors name keys and positions,
// never values.
func parseScanRecord(line []byte) (scanInput, error) {
	var rec scanInput
	if !utf8.Valid(line) {
		// encoding/json would turn each bad byte into U+FFFD (three bytes),
		// shifting every later offset; the proxy refuses such JSON too.
		return rec, fmt.Errorf("invalid UTF-8 at byte %d (JSON must be UTF-8)", invalidUTF8At(line))
	}
	if !json.Valid(line) {
		var raw json.RawMessage
		if se, ok := errors.AsType[*json.SyntaxError](json.Unmarshal(line, &raw)); ok {
			return rec, fmt.Errorf("invalid JSON: syntax error near byte %d", se.Offset)
		}
		return rec, errors.New("invalid JSON")
	}
	i := skipSpace(line, 0)
	if line[i] != '{' {
		return rec, fmt.Errorf(`not a JSON object but %s (want {"id":…,"text":"…"})`, jsonKind(line[i:]))
	}
	var text []byte
	foldedText := false
	for i = skipSpace(line, i+1); line[i] != '}'; {
		end := stringEnd(line, i)
		key := line[i:end]
		if bytes.IndexByte(key, '\\') < 0 {
			key = key[1 : len(key)-1]
		} else {
			// An escaped key ("te\u0078t") is still "text".
			var k string
			if err := json.Unmarshal(key, &k); err != nil {
				return rec, errors.New("invalid JSON")
			}
			key = []byte(k)
		}
		i = skipSpace(line, skipSpace(line, end)+1) // past ':'
		end = valueEnd(line, i)
		switch v := line[i:end]; {
		case string(key) == "text":
			if text != nil {
				return rec, fmt.Errorf(`%w "text": the record is ambiguous`, errRepeatedKey)
			}
			text = v
		case string(key) == "id":
			if rec.ID != nil {
				return rec, fmt.Errorf(`%w "id": the record is ambiguous`, errRepeatedKey)
			}
			rec.ID = v
		case bytes.EqualFold(key, []byte("text")):
			foldedText = true
		}
		if i = skipSpace(line, end); line[i] == ',' {
			i = skipSpace(line, i+1)
		}
	}
	switch {
	case text == nil && foldedText:
		return rec, errors.New(`no "text" key (keys are case-sensitive: "text" is lower case)`)
	case text == nil:
		return rec, errors.New(`no "text" key`)
	case text[0] != '"':
		return rec, fmt.Errorf(`"text" is %s, not a string`, jsonKind(text))
	case bytes.IndexByte(text, '\\') < 0:
		// Valid JSON and UTF-8: without escapes the bytes are the text.
		rec.Text = string(text[1 : len(text)-1])
	default:
		if err := json.Unmarshal(text, &rec.Text); err != nil {
			return rec, errors.New(`invalid JSON in "text"`)
		}
	}
	if rec.ID == nil {
		rec.ID = json.RawMessage("null")
	}
	return rec, nil
}

// The helpers below walk JSON already checked by json.Valid, so they need
// not check the grammar, only find where each token ends.

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// stringEnd is the offset just past the string that starts at b[i].
func stringEnd(b []byte, i int) int {
	for j := i + 1; ; j++ {
		j += bytes.IndexByte(b[j:], '"')
		n := 0 // backslashes before the quote: an odd count escapes it
		for b[j-1-n] == '\\' {
			n++
		}
		if n%2 == 0 {
			return j + 1
		}
	}
}

// valueEnd is the offset just past the value that starts at b[i].
func valueEnd(b []byte, i int) int {
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; ; {
			switch b[j] {
			case '"':
				j = stringEnd(b, j)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
			j++
		}
	default: // number, true, false, null
		j := i
		for j < len(b) && strings.IndexByte(",]} \t\r\n", b[j]) < 0 {
			j++
		}
		return j
	}
}

// jsonKind names the kind of the valid JSON value v, not the value.
func jsonKind(v []byte) string {
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

// invalidUTF8At is the offset of the first byte of b that is not valid
// UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func wideError(name string) error {
	return fmt.Errorf("input is %s, not UTF-8; convert it first, e.g. iconv -f %s -t UTF-8 (PowerShell: Out-File -Encoding utf8)", name, name)
}

func scanText(ctx context.Context, sc *detect.Scanner, in io.Reader, out io.Writer) error {
	data, err := readAll(ctx, in)
	if err != nil {
		return err
	}
	if name := llmapi.WideEncoding(data); name != "" {
		return fmt.Errorf("scan: %w", wideError(name))
	}
	text := string(bytes.TrimPrefix(data, utf8BOM))
	w := bufio.NewWriter(out)
	fs := sc.ScanText(text)
	var pos linePos
	for _, f := range fs {
		line, col := pos.at(text, f.Start)
		fmt.Fprintf(w, "%-20s %-10s %-8s bytes %d-%d (line %d, col %d)  %s\n",
			f.Type, f.Category, f.Severity, f.Start, f.End, line, col, preview(text[f.Start:f.End]))
	}
	fmt.Fprintf(w, "%d finding(s)\n", len(fs))
	if err := w.Flush(); err != nil {
		return fmt.Errorf("scan: writing: %w", err)
	}
	return nil
}

// readAll reads in, at most maxScanLine bytes, in a goroutine so that a
// signal ends a read blocked on a terminal (see readLines).
func readAll(ctx context.Context, in io.Reader) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	ch := make(chan result, 1) // the reader never blocks on a scan gone
	go func() {
		data, err := io.ReadAll(io.LimitReader(in, maxScanLine+1))
		ch <- result{data, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			return nil, fmt.Errorf("scan: reading stdin: %w", r.err)
		}
		if len(r.data) > maxScanLine {
			return nil, fmt.Errorf("scan: input %w", errLineTooLong)
		}
		return r.data, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("scan: interrupted while reading stdin: %w", ctx.Err())
	}
}

// linePos gives the 1-based line and column (in characters) of byte
// offsets asked in ascending order (findings by start), counting the lines
// from the last one asked: a text of many findings is read once, not once a
// finding.
type linePos struct {
	off, line, col int // the last offset asked, its line and column
}

func (p *linePos) at(text string, off int) (int, int) {
	if p.line == 0 || off < p.off {
		*p = linePos{line: 1, col: 1} // the first offset, or one before the last
	}
	between := text[p.off:off]
	if i := strings.LastIndexByte(between, '\n'); i >= 0 {
		p.line += strings.Count(between, "\n")
		p.col, between = 1, between[i+1:]
	}
	p.col += utf8.RuneCountInString(between)
	p.off = off
	return p.line, p.col
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
