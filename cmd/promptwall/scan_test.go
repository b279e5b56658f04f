package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// runScan runs the scan command in-process with stdin and flags.
func runScan(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := runScanIO(context.Background(), strings.NewReader(stdin), &out, args...)
	return out.String(), err
}

// runScanIO runs "promptwall scan" in-process on the given streams, through
// the root command as main does (no usage text after an error).
func runScanIO(ctx context.Context, in io.Reader, out io.Writer, args ...string) error {
	cmd := newRootCmd()
	cmd.SetIn(in)
	cmd.SetOut(out)
	cmd.SetErr(io.Discard)
	cmd.SetArgs(append([]string{"scan"}, args...))
	return cmd.ExecuteContext(ctx)
}

// scanLines decodes jsonl output.
func scanLines(t *testing.T, out string) []scanOutput {
	t.Helper()
	var res []scanOutput
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		var o scanOutput
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatalf("output line %q: %v", line, err)
		}
		res = append(res, o)
	}
	return res
}

func jsonlInput(t *testing.T, texts ...string) string {
	t.Helper()
	var b strings.Builder
	for i, text := range texts {
		line, err := json.Marshal(scanInput{ID: json.RawMessage(`"t` + string(rune('0'+i)) + `"`), Text: text})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// Test values are built from their definitions here, not copied from
// anywhere: a Luhn-valid card, an IBAN with its mod-97 check digits.
const (
	testCard  = "4111111111111111"
	testEmail = "mario.rossi@example.com"
)

func testIBAN(t *testing.T) string {
	t.Helper()
	bban := "370400440532013000"
	// Check digits: 98 - (BBAN + "DE00" as digits) mod 97.
	digits := bban + "1314" + "00" // D=13, E=14
	rem := 0
	for _, c := range digits {
		rem = (rem*10 + int(c-'0')) % 97
	}
	check := 98 - rem
	return "DE" + string(rune('0'+check/10)) + string(rune('0'+check%10)) + bban
}

func TestScanJSONL(t *testing.T) {
	iban := testIBAN(t)
	// Evasion: full-width digits and a zero-width space inside the card, so
	// the original bytes differ from what the detectors see.
	fullwidth := strings.Map(func(r rune) rune { return r + 0xFEE0 }, testCard[:4])
	evasive := fullwidth + "\u200b" + testCard[4:]
	texts := []string{
		"write to " + testEmail + " about IBAN " + iban + ".",
		"Nothing sensitive in this sentence, version 1.2.3 on 2024-05-01.",
		"città: è pagata con la carta " + evasive + " ieri",
	}
	out, err := runScan(t, jsonlInput(t, texts...)+"\n", "--format", "jsonl")
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	res := scanLines(t, out)
	if len(res) != len(texts) {
		t.Fatalf("%d output lines for %d inputs (blank lines are skipped):\n%s", len(res), len(texts), out)
	}
	type span struct {
		typ, value string
	}
	wants := [][]span{
		{{"EMAIL", testEmail}, {"IBAN", iban}},
		nil,
		{{"CREDIT_CARD", evasive}},
	}
	for i, r := range res {
		if want := `"t` + string(rune('0'+i)) + `"`; string(r.ID) != want {
			t.Errorf("line %d: id %s, want %s (input order)", i, r.ID, want)
		}
		if r.Findings == nil {
			t.Errorf("line %d: findings is null, want a list", i)
		}
		var got []span
		for _, f := range r.Findings {
			if f.Start < 0 || f.End > len(texts[i]) || f.Start >= f.End {
				t.Fatalf("line %d: span %d-%d outside the text", i, f.Start, f.End)
			}
			got = append(got, span{f.Type, texts[i][f.Start:f.End]})
		}
		if len(got) != len(wants[i]) {
			t.Errorf("line %d: findings %q, want %q", i, got, wants[i])
			continue
		}
		for k := range got {
			if got[k] != wants[i][k] {
				t.Errorf("line %d finding %d: %q, want %q (offsets are bytes of the original text)", i, k, got[k], wants[i][k])
			}
		}
	}
	// The clean line is written with an empty list, not omitted.
	if !strings.Contains(out, `{"id":"t1","findings":[]}`) {
		t.Errorf("no empty findings list for the clean line:\n%s", out)
	}
}

// TestScanJSONLBadLineKeepsEarlierResults: a bad line stops the scan with an
// error naming it, after every earlier result has been written whole.
func TestScanJSONLBadLineKeepsEarlierResults(t *testing.T) {
	good := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(`{"id":` + itoa(i) + `,"text":"mail ` + testEmail + `"}` + "\n")
		}
		return b.String()
	}
	tests := []struct {
		name, stdin, wantErr string
		wantLines            int
	}{
		{"300 good then not JSON", good(300) + "oops\n", "scan: line 301: invalid JSON: ", 300},
		{"2 good then not JSON", good(2) + "bad\n", "scan: line 3: invalid JSON: ", 2},
		{"blank lines count", good(1) + "\n \nbad", "scan: line 4: invalid JSON: ", 1},
		{"invalid UTF-8", good(5) + `{"text":"` + "\xff" + testEmail + `"}` + "\n" + good(1), "scan: line 6: invalid UTF-8 at byte 9", 5},
		{"misspelt text", good(3) + `{"id":9,"content":"` + testEmail + `"}`, `scan: line 4: no "text" key`, 3},
		{"first line bad", "[]\n" + good(2), "scan: line 1: not a JSON object but an array", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runScan(t, tc.stdin, "--format", "jsonl")
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
			if strings.Contains(err.Error(), "example.com") {
				t.Errorf("error shows input text: %v", err)
			}
			if tc.wantLines == 0 {
				if out != "" {
					t.Errorf("output %q, want none", out)
				}
				return
			}
			if !strings.HasSuffix(out, "}\n") {
				t.Fatalf("output does not end with a whole line: ...%q", out[max(0, len(out)-40):])
			}
			res := scanLines(t, out)
			if len(res) != tc.wantLines {
				t.Fatalf("%d output lines, want %d", len(res), tc.wantLines)
			}
			for i, r := range res {
				if string(r.ID) != itoa(i) || len(r.Findings) != 1 {
					t.Errorf("output line %d: id %s, %d findings", i, r.ID, len(r.Findings))
				}
			}
		})
	}
}

// TestScanJSONLRefusesRecord: a record that would silently give "no
// findings" (no exact "text" string, or two of them) is refused, as are
// invalid JSON and UTF-8; the error names the problem, never the text.
func TestScanJSONLRefusesRecord(t *testing.T) {
	m := "mail " + testEmail
	tests := []struct{ name, line, wantErr string }{
		{"misspelt key", `{"id":1,"content":"` + m + `"}`, `line 1: no "text" key`},
		{"no text", `{"id":1,"note":"` + m + `"}`, `line 1: no "text" key`},
		{"empty object", `{}`, `line 1: no "text" key`},
		{"upper case TEXT", `{"id":1,"TEXT":"` + m + `"}`, `no "text" key (keys are case-sensitive`},
		{"title case Text", `{"Text":"` + m + `","id":1}`, `no "text" key (keys are case-sensitive`},
		{"text a number", `{"text":42,"note":"` + m + `"}`, `"text" is a number, not a string`},
		{"text null", `{"text":null,"note":"` + m + `"}`, `"text" is null, not a string`},
		{"text an array", `{"text":["` + m + `"]}`, `"text" is an array, not a string`},
		{"text an object", `{"text":{"body":"` + m + `"}}`, `"text" is an object, not a string`},
		{"text a boolean", `{"text":true,"note":"` + m + `"}`, `"text" is a boolean, not a string`},
		{"repeated text", `{"text":"` + m + `","text":""}`, `repeated key "text"`},
		{"repeated text, first not a string", `{"text":1,"text":"` + m + `"}`, `repeated key "text"`},
		{"repeated escaped text", `{"text":"` + m + `","te\u0078t":""}`, `repeated key "text"`},
		{"repeated id", `{"id":1,"text":"` + m + `","id":2}`, `repeated key "id"`},
		{"array", `["` + m + `"]`, "not a JSON object but an array"},
		{"string", `"` + m + `"`, "not a JSON object but a string"},
		{"null", `null`, "not a JSON object but null"},
		{"number", `7`, "not a JSON object but a number"},
		{"two objects", `{"text":"` + m + `"} {"text":""}`, "invalid JSON: syntax error near byte"},
		{"truncated", `{"text":"` + m + `"`, "invalid JSON: syntax error near byte"},
		{"not JSON", m, "invalid JSON: syntax error near byte"},
		{"invalid UTF-8 in text", `{"id":1,"text":"` + "\xff\xfe " + m + `"}`, "line 1: invalid UTF-8 at byte 16 (JSON must be UTF-8)"},
		{"invalid UTF-8 in another key", `{"text":"` + m + `","lang":"` + "\xc3" + `"}`, "invalid UTF-8 at byte"},
		{"NUL byte", `{"text":"` + m + "\x00" + `"}`, "invalid JSON: syntax error near byte"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runScan(t, tc.line+"\n", "--format", "jsonl")
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
			if strings.Contains(err.Error(), "example.com") || strings.Contains(err.Error(), "mail") {
				t.Errorf("error shows input text: %v", err)
			}
			if out != "" {
				t.Errorf("output %q for a refused line", out)
			}
		})
	}
}

// TestScanJSONLAccepts: what a valid record may look like, and what each
// gives: extra keys (as in labelled corpora) ignored, a missing id as null,
// blank lines skipped, offsets into the decoded text.
func TestScanJSONLAccepts(t *testing.T) {
	m := "mail " + testEmail
	email := func(id string, start int) string {
		return `{"id":` + id + `,"findings":[{"type":"EMAIL","start":` + itoa(start) + `,"end":` + itoa(start+len(testEmail)) + `}]}` + "\n"
	}
	tests := []struct{ name, stdin, want string }{
		{"gold corpus line", `{"id":"d-1","lang":"it","text":"` + m + `","findings":[{"type":"EMAIL","start":5,"end":28,"value":"x"}],"tags":["evasion"]}` + "\n",
			email(`"d-1"`, 5)},
		{"text before id", `{"text":"` + m + `","id":7}` + "\n", email("7", 5)},
		{"missing id is null", `{"text":"` + m + `"}` + "\n", email("null", 5)},
		{"id null", `{"id":null,"text":"` + m + `"}` + "\n", email("null", 5)},
		{"id an object, compacted", `{"id":{"a": [1, 2]},"text":"` + m + `"}` + "\n", email(`{"a":[1,2]}`, 5)},
		{"blank lines skipped", "\n \t\r\n" + `{"id":1,"text":"` + m + `"}` + "\n\n  \n" + `{"id":2,"text":"none"}` + "\n\n",
			email("1", 5) + `{"id":2,"findings":[]}` + "\n"},
		{"CRLF", `{"id":1,"text":"` + m + `"}` + "\r\n" + `{"id":2,"text":""}` + "\r\n", email("1", 5) + `{"id":2,"findings":[]}` + "\n"},
		{"no final newline", `{"id":1,"text":"` + m + `"}`, email("1", 5)},
		{"UTF-8 byte-order mark", "\xef\xbb\xbf" + `{"id":1,"text":"` + m + `"}` + "\n", email("1", 5)},
		{"escaped key", `{"id":1,"te\u0078t":"` + m + `"}` + "\n", email("1", 5)},
		{"case variant beside text", `{"Text":"","id":1,"text":"` + m + `"}` + "\n", email("1", 5)},
		{"escapes count decoded", `{"id":1,"text":"\u00e8\n` + m + `"}` + "\n", email("1", 8)},
		{"empty text", `{"id":1,"text":""}` + "\n", `{"id":1,"findings":[]}` + "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runScan(t, tc.stdin, "--format", "jsonl")
			if err != nil {
				t.Fatalf("scan: %v", err)
			}
			if out != tc.want {
				t.Errorf("output\n%s\nwant\n%s", out, tc.want)
			}
		})
	}
}

// TestScanEncodings: UTF-16 and UTF-32 input (a PowerShell 5 redirect) is
// refused rather than scanned as letters between NULs, where nothing
// matches; a UTF-8 byte-order mark is skipped, in both formats.
func TestScanEncodings(t *testing.T) {
	text := "mail " + testEmail
	rec := `{"id":1,"text":"` + text + `"}` + "\n"
	tests := []struct {
		name, format, stdin, want string
		wantErr                   bool
	}{
		{"text UTF-16LE", "text", utf16Bytes(text, binary.LittleEndian, true), "scan: input is UTF-16LE, not UTF-8; convert it first", true},
		{"text UTF-16BE", "text", utf16Bytes(text, binary.BigEndian, true), "scan: input is UTF-16BE", true},
		{"text UTF-16LE without BOM", "text", utf16Bytes(text, binary.LittleEndian, false), "scan: input is UTF-16LE", true},
		{"text UTF-16BE without BOM", "text", utf16Bytes(text, binary.BigEndian, false), "scan: input is UTF-16BE", true},
		{"text UTF-32LE", "text", utf32Bytes(text, binary.LittleEndian, true), "scan: input is UTF-32LE", true},
		{"text UTF-32BE", "text", utf32Bytes(text, binary.BigEndian, true), "scan: input is UTF-32BE", true},
		{"text UTF-32BE without BOM", "text", utf32Bytes(text, binary.BigEndian, false), "scan: input is UTF-32BE", true},
		{"jsonl UTF-16LE", "jsonl", utf16Bytes(rec, binary.LittleEndian, true), "scan: line 1: input is UTF-16LE", true},
		{"jsonl UTF-16BE without BOM", "jsonl", utf16Bytes(rec, binary.BigEndian, false), "scan: line 1: input is UTF-16BE", true},
		{"jsonl UTF-32LE", "jsonl", utf32Bytes(rec, binary.LittleEndian, true), "scan: line 1: input is UTF-32LE", true},
		// Offsets count from after the mark, as in an editor.
		{"text UTF-8 BOM", "text", "\xef\xbb\xbf" + text, "bytes 5-28 (line 1, col 6)", false},
		{"jsonl UTF-8 BOM", "jsonl", "\xef\xbb\xbf" + rec, `"start":5,"end":28`, false},
		// Only a mark that starts the input is one; later it is a character
		// (U+FEFF), which JSON does not allow outside a string.
		{"jsonl BOM on line 2", "jsonl", rec + "\xef\xbb\xbf" + rec, "scan: line 2: invalid JSON: syntax error near byte 1", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runScan(t, tc.stdin, "--format", tc.format)
			if tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("error %v, want one containing %q (output %q)", err, tc.want, out)
				}
				return
			}
			if err != nil || !strings.Contains(out, tc.want) {
				t.Fatalf("output %q, error %v; want output containing %q", out, err, tc.want)
			}
		})
	}
}

func utf16Bytes(s string, order binary.AppendByteOrder, bom bool) string {
	var b []byte
	if bom {
		b = order.AppendUint16(b, 0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return string(b)
}

func utf32Bytes(s string, order binary.AppendByteOrder, bom bool) string {
	var b []byte
	if bom {
		b = order.AppendUint32(b, 0xFEFF)
	}
	for _, r := range s {
		b = order.AppendUint32(b, uint32(r))
	}
	return string(b)
}

// TestScanSizeLimit: a jsonl line or a text over 64 MiB fails with the limit
// and, for jsonl, the line number, after the earlier results; exactly 64 MiB
// is scanned.
func TestScanSizeLimit(t *testing.T) {
	rec := `{"id":1,"text":"mail ` + testEmail + `"}`
	// JSON allows the padding spaces, which keeps the detectors' work small.
	pad := func(n int) string { return rec + strings.Repeat(" ", n-len(rec)) + "\n" }
	tests := []struct {
		name, format, stdin, wantErr string
		wantLines                    int
	}{
		{"jsonl line at the limit", "jsonl", rec + "\n" + pad(maxScanLine), "", 2},
		{"jsonl line over the limit", "jsonl", rec + "\n" + pad(maxScanLine+1), "scan: line 2: longer than the 64 MiB limit (67108864 bytes)", 1},
		{"jsonl last line over the limit, no newline", "jsonl", strings.TrimSuffix(pad(maxScanLine+1), "\n"), "scan: line 1: longer than the 64 MiB limit", 0},
		{"text over the limit", "text", strings.Repeat("a", maxScanLine+1), "scan: input longer than the 64 MiB limit (67108864 bytes)", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runScan(t, tc.stdin, "--format", tc.format)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
			if n := strings.Count(out, "\n"); n != tc.wantLines {
				t.Errorf("%d output lines, want %d", n, tc.wantLines)
			}
		})
	}
}

// TestScanJSONLStreams: each result reaches a pipe while the producer is
// still waiting for it, not at the end of input, even when the producer
// pauses within the next line.
func TestScanJSONLStreams(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	defer inW.Close()
	errc := make(chan error, 1)
	go func() {
		err := runScanIO(context.Background(), inR, outW, "--format", "jsonl")
		outW.CloseWithError(err)
		errc <- err
	}()
	results := make(chan string)
	go func() {
		br := bufio.NewReader(outR)
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				close(results)
				return
			}
			results <- line
		}
	}()
	for i, in := range []string{
		`{"id":1,"text":"mail ` + testEmail + `"}` + "\n" + `{"id":2,"te`, // a pause within line 2
		`xt":"none"}` + "\n\n", // a blank line after
		`{"id":3,"text":"no newline yet"}`,
	} {
		if _, err := io.WriteString(inW, in); err != nil {
			t.Fatal(err)
		}
		if i == 2 {
			inW.Close() // the last line ends at the end of input
		}
		select {
		case got := <-results:
			if want := `{"id":` + itoa(i+1) + `,`; !strings.HasPrefix(got, want) {
				t.Fatalf("result %q, want one starting %s", got, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no result for line %d while the input waits", i+1)
		}
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

// TestScanInterrupted: a signal (the command's context) ends a scan blocked
// on a quiet stdin, a terminal say, after writing the results so far.
func TestScanInterrupted(t *testing.T) {
	tests := []struct{ format, first, wantOut, wantErr string }{
		{"jsonl", `{"id":1,"text":"none"}` + "\n", `{"id":1,"findings":[]}` + "\n", "scan: interrupted while waiting for line 2: context canceled"},
		{"text", "mail " + testEmail, "", "scan: interrupted while reading stdin: context canceled"},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			inR, inW := io.Pipe()
			defer inW.Close()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			out := &lockedBuffer{}
			errc := make(chan error, 1)
			go func() { errc <- runScanIO(ctx, inR, out, "--format", tc.format) }()
			if _, err := io.WriteString(inW, tc.first); err != nil {
				t.Fatal(err)
			}
			for deadline := time.Now().Add(10 * time.Second); out.String() != tc.wantOut && time.Now().Before(deadline); {
				time.Sleep(10 * time.Millisecond)
			}
			cancel()
			select {
			case err := <-errc:
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("scan still waiting on stdin after cancel")
			}
			if got := out.String(); got != tc.wantOut {
				t.Errorf("output %q, want %q", got, tc.wantOut)
			}
		})
	}
}

// lockedBuffer is a bytes.Buffer that a test may read while the command
// writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// FuzzParseScanRecord holds the record parser to encoding/json: a record it
// accepts has the same "text" and "id" as json.Unmarshal into a map (exact
// keys) gives, and one it refuses is invalid UTF-8, has no string "text"
// there, or repeats a key (which the map cannot see).
func FuzzParseScanRecord(f *testing.F) {
	for _, s := range []string{
		`{"id":1,"text":"mail bob@example.com"}`,
		`{"id":"d-1","lang":"it","text":"x","findings":[{"type":"EMAIL","start":0,"end":1}],"tags":[]}`,
		`{"text":"a","text":"b"}`, `{"TEXT":"a"}`, `{"te\u0078t":"\ud83d\ude00\ud800"}`, `{"text":null}`,
		`{"id":{"a": [1, 2]},"text":""}`, `[]`, `null`, `{"text":"a"} {}`, "{\"text\":\"\x87\"}", `{"text":"\xff"}`, ` {"text" : "a" } `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		rec, err := parseScanRecord(line)
		var m map[string]json.RawMessage
		// encoding/json takes invalid UTF-8 (as U+FFFD); the parser must not.
		textOK := utf8.Valid(line) && json.Unmarshal(line, &m) == nil && len(m["text"]) > 0 && m["text"][0] == '"'
		if err != nil {
			if textOK && !errors.Is(err, errRepeatedKey) {
				t.Fatalf("refused a record with a string text: %v", err)
			}
			return
		}
		if !textOK {
			t.Fatalf("accepted a record without a string text: %q", line)
		}
		var want string
		if err := json.Unmarshal(m["text"], &want); err != nil {
			t.Fatal(err)
		}
		if rec.Text != want {
			t.Errorf("text %q, encoding/json %q", rec.Text, want)
		}
		wantID, ok := m["id"]
		if !ok {
			wantID = json.RawMessage("null")
		}
		if !bytes.Equal(rec.ID, wantID) {
			t.Errorf("id %s, encoding/json %s", rec.ID, wantID)
		}
	})
}
func TestScanText(t *testing.T) {
	text := "line one\nmail " + testEmail + " and card " + testCard + "\n"
	out, err := runScan(t, text)
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want two findings and a count, got:\n%s", out)
	}
	emailAt := strings.Index(text, testEmail)
	cardAt := strings.Index(text, testCard)
	for _, w := range []struct {
		line int
		has  []string
	}{
		{0, []string{"EMAIL", "pii", "bytes " + itoa(emailAt) + "-" + itoa(emailAt+len(testEmail)), "(line 2, col 6)", "(23 chars)"}},
		{1, []string{"CREDIT_CARD", "bytes " + itoa(cardAt) + "-" + itoa(cardAt+len(testCard)), "(16 chars)"}},
		{2, []string{"2 finding(s)"}},
	} {
		for _, h := range w.has {
			if !strings.Contains(lines[w.line], h) {
				t.Errorf("line %d %q lacks %q", w.line, lines[w.line], h)
			}
		}
	}
	// The preview never shows the value: at most a quarter of it.
	if strings.Contains(out, testEmail[:8]) || strings.Contains(out, testCard[:8]) {
		t.Errorf("output shows too much of a value:\n%s", out)
	}
	out, err = runScan(t, "nothing here")
	if err != nil || out != "0 finding(s)\n" {
		t.Errorf("clean text: %q, %v", out, err)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestScanPolicyCustomDetectors: --policy DIR adds the policy's custom
// detectors (a regex with keywords, a regex whose group is validated,
// dictionary terms as whole words in any case) to the built-in ones.
func TestScanPolicyCustomDetectors(t *testing.T) {
	dir := t.TempDir()
	rego, err := os.ReadFile(filepath.Join("..", "..", "rego", "promptwall.rego"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "promptwall.rego"), rego, 0o644); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "rego", "data.json"))
	if err != nil {
		t.Fatal(err)
	}
	var data map[string]map[string]any
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	data["promptwall"]["custom_detectors"] = []map[string]any{
		{"type": "EMPLOYEE_ID", "category": "custom", "severity": "medium", "regex": `\bEMP-[0-9]{6}\b`, "keywords": []string{"emp-"}},
		{"type": "LOYALTY_CARD", "category": "pii", "severity": "low", "regex": `\bLC([0-9]{16})\b`, "validator": "luhn"},
		{"type": "CODE_NAME", "category": "classified", "severity": "high", "terms": []string{"Project Falcon", "Bluebird"}},
	}
	raw, err = json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	badLoyalty := "LC" + testCard[:15] + "2" // fails Luhn
	texts := []string{
		"badge EMP-123456 works on project falcon with " + testEmail,
		"cards LC" + testCard + " and " + badLoyalty + "; bluebirds are birds, BLUEBIRD is not",
	}
	out, err := runScan(t, jsonlInput(t, texts...), "--format", "jsonl", "--policy", dir)
	if err != nil {
		t.Fatalf("scan --policy: %v", err)
	}
	res := scanLines(t, out)
	want := [][]string{
		{"EMPLOYEE_ID=EMP-123456", "CODE_NAME=project falcon", "EMAIL=" + testEmail},
		{"LOYALTY_CARD=" + testCard, "CODE_NAME=BLUEBIRD"}, // the group, validated
	}
	for i, r := range res {
		var got []string
		for _, f := range r.Findings {
			if f.Type == "CREDIT_CARD" {
				continue // the built-in card detector may also see the digits
			}
			got = append(got, f.Type+"="+texts[i][f.Start:f.End])
		}
		if strings.Join(got, "|") != strings.Join(want[i], "|") {
			t.Errorf("line %d: %q, want %q", i, got, want[i])
		}
	}
	// Without the policy the custom types are unknown.
	out, err = runScan(t, jsonlInput(t, texts[0]), "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "EMPLOYEE_ID") || strings.Contains(out, "CODE_NAME") {
		t.Errorf("custom types without --policy: %s", out)
	}
}

// TestLinePos compares the incremental line and column with counting from
// the text's start, over offsets asked in ascending order, then one before.
func TestLinePos(t *testing.T) {
	text := "ab\nçd\n\nx€y\nlast"
	naive := func(off int) (int, int) {
		before := text[:off]
		line := strings.Count(before, "\n") + 1
		if i := strings.LastIndexByte(before, '\n'); i >= 0 {
			before = before[i+1:]
		}
		return line, utf8.RuneCountInString(before) + 1
	}
	var p linePos
	offs := []int{}
	for off := range len(text) + 1 {
		if off == len(text) || utf8.RuneStart(text[off]) {
			offs = append(offs, off)
		}
	}
	offs = append(offs, 4, 4, len(text)) // one before the last, the same twice
	for _, off := range offs {
		l, c := p.at(text, off)
		if wl, wc := naive(off); l != wl || c != wc {
			t.Fatalf("at(%d) = line %d col %d, want line %d col %d", off, l, c, wl, wc)
		}
	}
}
