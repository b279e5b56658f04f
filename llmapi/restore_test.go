package llmapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/promptwall/promptwall/llmapi"
	"github.com/promptwall/promptwall/redact"
)

const tricky = `Jo "JJ" \ O'N` // a value that needs escaping in JSON

func testVault() *redact.Vault {
	v := redact.NewVault(redact.Pseudonymize)
	v.Replace("EMAIL", "a@example.com")
	v.Replace("NAME", tricky)
	return v
}

func q(s string) string { b, _ := json.Marshal(s); return string(b) }

// streamCase builds a stream of one API from text cut into pieces, and
// reads the text back out of a (restored) stream.
type streamCase struct {
	name     string
	api      llmapi.API
	format   llmapi.StreamFormat
	jsonText bool
	build    func(pieces []string) string
	read     func(t *testing.T, out []byte) (deltas string, whole []string)
}

func sse(data ...string) string {
	var b strings.Builder
	for _, d := range data {
		b.WriteString("data: " + d + "\n\n")
	}
	return b.String()
}

// sseData returns the data of every event of an SSE stream.
func sseData(t *testing.T, out []byte) []string {
	f := llmapi.NewSSEFramer(0)
	f.Feed(out)
	var ds []string
	for {
		ev, ok, err := f.Next(true)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		if ev.Data != nil {
			ds = append(ds, string(ev.Data))
		}
	}
	if len(f.Rest()) != 0 {
		t.Fatal("restored stream ends in an unfinished event")
	}
	return ds
}

func unmarshal(t *testing.T, d string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(d), v); err != nil {
		t.Fatalf("event data is not valid JSON: %v: %s", err, d)
	}
}

var streamCases = []streamCase{
	{
		name: "openai.chat", api: llmapi.OpenAIChat, format: llmapi.SSE,
		build: func(pieces []string) string {
			var ds []string
			for _, p := range pieces {
				ds = append(ds, `{"id":"c","choices":[{"index":0,"delta":{"content":`+q(p)+`},"finish_reason":null}]}`)
			}
			ds = append(ds, `{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}`, "[DONE]")
			return sse(ds...)
		},
		read: func(t *testing.T, out []byte) (string, []string) {
			var b strings.Builder
			ds := sseData(t, out)
			if ds[len(ds)-1] != "[DONE]" {
				t.Fatal("[DONE] is not last")
			}
			for _, d := range ds[:len(ds)-1] {
				var c struct {
					Choices []struct{ Delta struct{ Content string } } `json:"choices"`
				}
				unmarshal(t, d, &c)
				b.WriteString(c.Choices[0].Delta.Content)
			}
			return b.String(), nil
		},
	},
	{
		name: "openai.chat/tool", api: llmapi.OpenAIChat, format: llmapi.SSE, jsonText: true,
		build: func(pieces []string) string {
			ds := []string{`{"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]},"finish_reason":null}]}`}
			for _, p := range pieces {
				ds = append(ds, `{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":`+q(p)+`}}]},"finish_reason":null}]}`)
			}
			ds = append(ds, `{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}`, "[DONE]")
			return sse(ds...)
		},
		read: func(t *testing.T, out []byte) (string, []string) {
			var b strings.Builder
			ds := sseData(t, out)
			for _, d := range ds[:len(ds)-1] {
				var c struct {
					Choices []struct {
						Delta struct {
							ToolCalls []struct{ Function struct{ Arguments string } } `json:"tool_calls"`
						}
					}
				}
				unmarshal(t, d, &c)
				for _, tc := range c.Choices[0].Delta.ToolCalls {
					b.WriteString(tc.Function.Arguments)
				}
			}
			return b.String(), nil
		},
	},
	{
		name: "anthropic.messages", api: llmapi.AnthropicMessages, format: llmapi.SSE,
		build: func(pieces []string) string {
			var b strings.Builder
			b.WriteString("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n")
			for _, p := range pieces {
				b.WriteString("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":" + q(p) + "}}\n\n")
			}
			b.WriteString("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n")
			b.WriteString("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
			return b.String()
		},
		read: func(t *testing.T, out []byte) (string, []string) {
			var b strings.Builder
			ds := sseData(t, out)
			if !strings.Contains(ds[len(ds)-1], "message_stop") || !strings.Contains(ds[len(ds)-2], "content_block_stop") {
				t.Fatal("text after the block's stop")
			}
			for _, d := range ds {
				var e struct {
					Type  string
					Delta struct{ Text string }
				}
				unmarshal(t, d, &e)
				b.WriteString(e.Delta.Text)
			}
			return b.String(), nil
		},
	},
	{
		name: "anthropic.messages/tool", api: llmapi.AnthropicMessages, format: llmapi.SSE, jsonText: true,
		build: func(pieces []string) string {
			var b strings.Builder
			for _, p := range pieces {
				b.WriteString("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + q(p) + "}}\n\n")
			}
			b.WriteString("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n")
			return b.String()
		},
		read: func(t *testing.T, out []byte) (string, []string) {
			var b strings.Builder
			for _, d := range sseData(t, out) {
				var e struct {
					Delta struct {
						PartialJSON string `json:"partial_json"`
					}
				}
				unmarshal(t, d, &e)
				b.WriteString(e.Delta.PartialJSON)
			}
			return b.String(), nil
		},
	},
	{
		name: "openai.responses", api: llmapi.OpenAIResponses, format: llmapi.SSE,
		build: func(pieces []string) string {
			var b strings.Builder
			for i, p := range pieces {
				fmt.Fprintf(&b, "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":%d,\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":%s}\n\n", i, q(p))
			}
			full := q(strings.Join(pieces, ""))
			b.WriteString("event: response.output_text.done\ndata: {\"type\":\"response.output_text.done\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"text\":" + full + "}\n\n")
			b.WriteString("event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"output\":[{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":" + full + "}]}]}}\n\n")
			return b.String()
		},
		read: func(t *testing.T, out []byte) (string, []string) {
			var b strings.Builder
			var whole []string
			for _, d := range sseData(t, out) {
				var e struct {
					Type, Delta, Text string
					Response          struct {
						Output []struct{ Content []struct{ Text string } }
					}
				}
				unmarshal(t, d, &e)
				switch e.Type {
				case "response.output_text.delta":
					if whole != nil {
						t.Fatal("a delta after the done event")
					}
					b.WriteString(e.Delta)
				case "response.output_text.done":
					whole = append(whole, e.Text)
				case "response.completed":
					whole = append(whole, e.Response.Output[0].Content[0].Text)
				}
			}
			return b.String(), whole
		},
	},
	{
		name: "openai.responses/tool", api: llmapi.OpenAIResponses, format: llmapi.SSE, jsonText: true,
		build: func(pieces []string) string {
			var b strings.Builder
			for _, p := range pieces {
				b.WriteString("data: {\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\",\"output_index\":0,\"delta\":" + q(p) + "}\n\n")
			}
			b.WriteString("data: {\"type\":\"response.function_call_arguments.done\",\"item_id\":\"fc_1\",\"output_index\":0,\"arguments\":" + q(strings.Join(pieces, "")) + "}\n\n")
			return b.String()
		},
		read: func(t *testing.T, out []byte) (string, []string) {
			var b strings.Builder
			var whole []string
			for _, d := range sseData(t, out) {
				var e struct{ Type, Delta, Arguments string }
				unmarshal(t, d, &e)
				if e.Type == "response.function_call_arguments.done" {
					whole = append(whole, e.Arguments)
				}
				b.WriteString(e.Delta)
			}
			return b.String(), whole
		},
	},
	{
		name: "gemini.generate/sse", api: llmapi.GeminiGenerate, format: llmapi.SSE,
		build: func(pieces []string) string {
			var b strings.Builder
			for i, p := range pieces {
				fin := ""
				if i == len(pieces)-1 {
					fin = `,"finishReason":"STOP"`
				}
				b.WriteString(`data: {"candidates":[{"content":{"parts":[{"text":` + q(p) + `}],"role":"model"}` + fin + `,"index":0}]}` + "\r\n\r\n")
			}
			return b.String()
		},
		read: func(t *testing.T, out []byte) (string, []string) {
			return geminiText(t, sseData(t, out)), nil
		},
	},
	{
		name: "gemini.generate/array", api: llmapi.GeminiGenerate, format: llmapi.JSONArray,
		build: func(pieces []string) string {
			var b strings.Builder
			b.WriteString("[")
			for i, p := range pieces {
				if i > 0 {
					b.WriteString("\n,\r\n")
				}
				b.WriteString("{\n  \"candidates\": [{\"content\": {\"parts\": [{\"text\": " + q(p) + "}]}, \"index\": 0}]\n}")
			}
			b.WriteString("\n]")
			return b.String()
		},
		read: func(t *testing.T, out []byte) (string, []string) {
			var arr []json.RawMessage
			if err := json.Unmarshal(out, &arr); err != nil {
				t.Fatalf("restored stream is not a JSON array: %v: %s", err, out)
			}
			var ds []string
			for _, e := range arr {
				ds = append(ds, string(e))
			}
			return geminiText(t, ds), nil
		},
	},
}

func geminiText(t *testing.T, ds []string) string {
	var b strings.Builder
	for _, d := range ds {
		var c struct {
			Candidates []struct {
				Content struct{ Parts []struct{ Text string } }
			}
		}
		unmarshal(t, d, &c)
		for _, cand := range c.Candidates {
			for _, p := range cand.Content.Parts {
				b.WriteString(p.Text)
			}
		}
	}
	return b.String()
}

// chunkReader returns its data in reads of the given sizes.
type chunkReader struct {
	data  []byte
	sizes []byte
	i     int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := len(r.data)
	if len(r.sizes) > 0 {
		n = int(r.sizes[r.i%len(r.sizes)])%7 + 1
		r.i++
	}
	n = min(n, len(p), len(r.data))
	copy(p, r.data[:n])
	r.data = r.data[n:]
	return n, nil
}

func (r *chunkReader) Close() error { return nil }

// cutRunes cuts s into pieces at the given sizes, on rune boundaries.
func cutRunes(s string, cuts []byte) []string {
	var out []string
	for _, c := range cuts {
		if s == "" {
			break
		}
		n := min(int(c)%6+1, len(s))
		for n < len(s) && !utf8.RuneStart(s[n]) {
			n++
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	if s != "" || len(out) == 0 {
		out = append(out, s)
	}
	return out
}

func restoreStream(c streamCase, in string, reads []byte) []byte {
	body := llmapi.NewStreamRestorer(c.api, c.format, &chunkReader{data: []byte(in), sizes: reads}, testVault())
	out, err := io.ReadAll(body)
	if err != nil {
		panic(err)
	}
	return out
}

// checkStream runs one case: text cut into deltas at cuts, the stream read
// in pieces of reads; the client must read the restored text, every event
// valid, and the output must not depend on how the stream was read.
func checkStream(t *testing.T, c streamCase, text string, cuts, reads []byte) {
	t.Helper()
	if c.jsonText {
		text = `{"to":` + q(text) + `}`
	}
	v := testVault()
	want := v.Restore(text, c.jsonText)
	in := c.build(cutRunes(text, cuts))
	out := restoreStream(c, in, reads)
	deltas, whole := c.read(t, out)
	checkReadBack(t, deltas, whole, want, "stream:\n"+string(out))
	if unsplit := restoreStream(c, in, nil); !bytes.Equal(out, unsplit) {
		t.Fatalf("output depends on read sizes:\n%s\nvs\n%s", out, unsplit)
	}
	if c.jsonText {
		var args struct{ To string }
		if err := json.Unmarshal([]byte(deltas), &args); err != nil {
			t.Fatalf("restored arguments are not JSON: %v: %s", err, deltas)
		}
	}
}

// checkReadBack: the deltas read back, and every whole text the answer
// carries, are the restored text want; shown is what was read, for a failure.
func checkReadBack(t *testing.T, deltas string, whole []string, want, shown string) {
	t.Helper()
	if deltas != want {
		t.Fatalf("deltas read back %q, want %q\n%s", deltas, want, shown)
	}
	for _, w := range whole {
		if w != want {
			t.Fatalf("whole text %q, want %q", w, want)
		}
	}
}

// eachCutText runs check, as a subtest named name, on each text a restorer
// must restore (placeholders whole, cut off at the end, or none), cut into
// deltas in each of a few ways.
func eachCutText(t *testing.T, name string, check func(t *testing.T, text string, cuts []byte)) {
	texts := []string{
		"Mail <EMAIL_1> and <NAME_1>, then <EMAIL_1>.",
		"ends with a partial <EMAIL_",
		"ends with <",
		"<NAME_1><EMAIL_1><<EMAIL_1>>",
		"no placeholder at all",
	}
	for _, text := range texts {
		for _, cuts := range [][]byte{nil, {0}, {1, 2, 0, 4}, {3}} {
			t.Run(name, func(t *testing.T) { check(t, text, cuts) })
		}
	}
}

func TestStreamRestore(t *testing.T) {
	for _, c := range streamCases {
		eachCutText(t, c.name, func(t *testing.T, text string, cuts []byte) {
			checkStream(t, c, text, cuts, []byte{2, 0, 5})
		})
	}
}

// FuzzStreamRestore: for every API, wherever the text is cut into events and
// however the stream is read, the client reads the text restored as a whole.
func FuzzStreamRestore(f *testing.F) {
	f.Add("Mail <EMAIL_1> and <NAME_1>.", []byte{1, 2, 3}, []byte{1})
	f.Add("<EMAIL_1<EMAIL_1>", []byte{0}, []byte{0, 3})
	f.Add("tail <NAME_", []byte{4, 4}, []byte{6})
	f.Fuzz(func(t *testing.T, text string, cuts, reads []byte) {
		text = strings.ToValidUTF8(text, "?")
		for _, c := range streamCases {
			checkStream(t, c, text, cuts, reads)
		}
	})
}

func TestRestoreJSON(t *testing.T) {
	v := testVault()
	in := `{"choices":[{"message":{"content":"to \u003cEMAIL_1\u003e","tool_calls":[{"function":{"arguments":"{\"n\":\"<NAME_1>\"}"}}]}}],` +
		` "<EMAIL_1>": 1,  "n": 1.50}`
	out := llmapi.RestoreJSON([]byte(in), v)
	want := `{"choices":[{"message":{"content":"to a@example.com","tool_calls":[{"function":{"arguments":"{\"n\":\"Jo \\\"JJ\\\" \\\\ O'N\"}"}}]}}],` +
		` "a@example.com": 1,  "n": 1.50}`
	if string(out) != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	var doc struct {
		Choices []struct {
			Message struct {
				ToolCalls []struct{ Function struct{ Arguments string } } `json:"tool_calls"`
			}
		}
	}
	unmarshal(t, string(out), &doc)
	var args struct{ N string }
	unmarshal(t, doc.Choices[0].Message.ToolCalls[0].Function.Arguments, &args)
	if args.N != tricky {
		t.Fatalf("argument %q", args.N)
	}
	if got := llmapi.RestoreJSON([]byte("plain <EMAIL_1>"), v); string(got) != "plain a@example.com" {
		t.Fatalf("non-JSON answer %q", got)
	}
}

// prompt8K is an 8 KB chat request with three values to redact.
func prompt8K() (body []byte, values []string) {
	var s strings.Builder
	values = []string{"a@example.com", "DE89370400440532013000", tricky}
	for i := 0; s.Len() < 8<<10; i++ {
		s.WriteString("The quarterly report covers revenue, costs and the outlook. ")
		if i%40 == 0 {
			s.WriteString(values[(i/40)%3] + " ")
		}
	}
	b, _ := json.Marshal(map[string]any{"model": "gpt-4o", "messages": []any{map[string]any{"role": "user", "content": s.String()}}})
	return b, values
}

// BenchmarkRedactRewrite8K: extracting spans' placeholders and rewriting an
// 8 KB body (detection and policy excluded).
func BenchmarkRedactRewrite8K(b *testing.B) {
	body, values := prompt8K()
	req, _ := llmapi.Extract(llmapi.OpenAIChat, "/v1/chat/completions", body)
	var spans []redact.Span
	for i, s := range req.Segments {
		for _, v := range values {
			for off := 0; ; {
				j := strings.Index(s.Text[off:], v)
				if j < 0 {
					break
				}
				spans = append(spans, redact.Span{Segment: i, Start: off + j, End: off + j + len(v), Type: "X"})
				off += j + len(v)
			}
		}
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		v := redact.NewVault(redact.Pseudonymize)
		if _, err := llmapi.Rewrite(req.API, body, req.Segments, v.Redact(req.Segments, spans)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRestoreJSON8K: restoring an 8 KB whole answer.
func BenchmarkRestoreJSON8K(b *testing.B) {
	var s strings.Builder
	for s.Len() < 8<<10 {
		s.WriteString("The report for <EMAIL_1> covers revenue, costs and the outlook of <NAME_1>. ")
	}
	answer := []byte(`{"choices":[{"index":0,"message":{"role":"assistant","content":` + q(s.String()) + `}}]}`)
	v := testVault()
	b.SetBytes(int64(len(answer)))
	for b.Loop() {
		llmapi.RestoreJSON(answer, v)
	}
}

// BenchmarkStreamRestore: an OpenAI chat stream of 8 KB text in 4-rune
// deltas, with placeholders (slow path) and without (fast path).
func BenchmarkStreamRestore(b *testing.B) {
	for _, withPH := range []bool{true, false} {
		text := strings.Repeat("The report for <EMAIL_1> covers revenue and costs. ", 160)
		name := "placeholders"
		if !withPH {
			text, name = strings.ReplaceAll(text, "<EMAIL_1>", "the team"), "clean"
		}
		in := []byte(streamCases[0].build(cutRunes(text, []byte{3})))
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				body := llmapi.NewStreamRestorer(llmapi.OpenAIChat, llmapi.SSE, &chunkReader{data: in}, testVault())
				if _, err := io.Copy(io.Discard, body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
