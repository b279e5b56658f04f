package proxy_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
	"github.com/promptwall/promptwall/rego"
)

// genEmail makes a fresh address per run.
func genEmail(t testing.TB) string {
	b := make([]byte, 5)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "user" + hex.EncodeToString(b) + "@example.com"
}

// genIBAN makes a valid German IBAN (mod-97) with a random BBAN.
func genIBAN(t testing.TB) string {
	var bban strings.Builder
	for range 18 {
		n, err := rand.Int(rand.Reader, big.NewInt(10))
		if err != nil {
			t.Fatal(err)
		}
		bban.WriteByte(byte('0' + n.Int64()))
	}
	// Rearranged: BBAN, then the country code as digits (D=13, E=14), then 00.
	num, _ := new(big.Int).SetString(bban.String()+"131400", 10)
	check := 98 - new(big.Int).Mod(num, big.NewInt(97)).Int64()
	return fmt.Sprintf("DE%02d%s", check, bban.String())
}

// redactFixture is a prompt with personal data, and what must never reach
// the vendor.
type redactFixture struct {
	email, iban, prompt string
}

func newRedactFixture(t testing.TB) redactFixture {
	f := redactFixture{email: genEmail(t), iban: genIBAN(t)}
	// The same address twice: one placeholder for both; quotes and a
	// backslash around the values to exercise escaping on the way back.
	f.prompt = fmt.Sprintf("Write to %s about the transfer from \"%s\", cc %s \\ thanks.", f.email, f.iban, f.email)
	return f
}

// checkVendorSawPlaceholders asserts that no original value reached the
// vendor, and that the placeholders did.
func (f redactFixture) checkVendor(t *testing.T, fv *fakevendor.Server) {
	t.Helper()
	reqs := fv.Requests()
	if len(reqs) == 0 {
		t.Fatal("the vendor received nothing")
	}
	for _, r := range reqs {
		if bytes.Contains(r.Body, []byte(f.email)) || bytes.Contains(r.Body, []byte(f.iban)) {
			t.Fatalf("the vendor received an original value: %s", r.Body)
		}
		if bytes.Count(r.Body, []byte("<EMAIL_1>")) != 2 || !bytes.Contains(r.Body, []byte("<IBAN_1>")) {
			t.Fatalf("the vendor did not receive the placeholders: %s", r.Body)
		}
		if r.Header.Get("Accept-Encoding") != "identity" {
			t.Errorf("Accept-Encoding %q, want identity", r.Header.Get("Accept-Encoding"))
		}
	}
}

// redactVendor is a fake vendor that echoes the prompt in deltas of a few
// runes, written to the wire a few bytes at a time: placeholders straddle
// both events and writes.
func redactVendor(t testing.TB, opts ...fakevendor.Option) *fakevendor.Server {
	return fakevendor.Start(t, append([]fakevendor.Option{fakevendor.WithEcho(), fakevendor.WithChunks(40), fakevendor.WithWriteSize(3)}, opts...)...)
}

// geminiCall posts a Gemini request through the proxy and returns the
// answer's text (or the function call's text argument), parsing the SSE
// stream (alt=sse), the JSON-array stream, or the whole answer.
func geminiCall(t *testing.T, e *env, method, query, prompt string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"contents": []any{map[string]any{"role": "user", "parts": []any{map[string]any{"text": prompt}}}}})
	req, _ := http.NewRequest(http.MethodPost, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:"+method+query, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-goog-api-key", "test-not-a-real-key")
	resp, raw := roundTrip(t, e.client(), req)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, raw)
	}
	type chunk struct {
		Candidates []struct {
			Content struct {
				Parts []struct {
					Text         string `json:"text"`
					FunctionCall *struct {
						Args map[string]string `json:"args"`
					} `json:"functionCall"`
				} `json:"parts"`
			} `json:"content"`
		} `json:"candidates"`
	}
	var text strings.Builder
	for _, c := range geminiChunks[chunk](t, raw, method == "generateContent", query == "?alt=sse") {
		for _, cand := range c.Candidates {
			for _, p := range cand.Content.Parts {
				text.WriteString(p.Text)
				if p.FunctionCall != nil {
					text.WriteString(p.FunctionCall.Args["text"])
				}
			}
		}
	}
	return text.String()
}

// geminiChunks parses a Gemini answer into its chunks as the SDKs do: a
// whole answer (or an error) is one chunk; a stream is SSE events (alt=sse)
// or a JSON array.
func geminiChunks[C any](t *testing.T, raw []byte, whole, sse bool) []C {
	t.Helper()
	var chunks []C
	switch {
	case whole:
		var c C
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatalf("answer is not JSON: %v: %s", err, raw)
		}
		chunks = []C{c}
	case sse:
		sc := bufio.NewScanner(bytes.NewReader(raw))
		for sc.Scan() {
			if d, ok := strings.CutPrefix(strings.TrimRight(sc.Text(), "\r"), "data: "); ok {
				var c C
				if err := json.Unmarshal([]byte(d), &c); err != nil {
					t.Fatalf("event is not JSON: %v: %s", err, d)
				}
				chunks = append(chunks, c)
			}
		}
	default:
		if err := json.Unmarshal(raw, &chunks); err != nil {
			t.Fatalf("stream is not a JSON array: %v: %s", err, raw)
		}
	}
	return chunks
}

// toolText is the text argument of a WithToolCall answer.
func toolText(t *testing.T, args string) string {
	t.Helper()
	var a struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		t.Fatalf("tool arguments are not JSON: %v: %s", err, args)
	}
	return a.Text
}

// redactCases: every API × streamed or not × text or tool call, each
// returning what the client read.
var redactCases = []struct {
	name string
	tool bool
	call func(t *testing.T, e *env, prompt string) string
}{
	{"openai.chat", false, func(t *testing.T, e *env, prompt string) string {
		return chatWhole(t, e.openai(), chatParams(prompt)).Choices[0].Message.Content
	}},
	{"openai.chat/stream", false, func(t *testing.T, e *env, prompt string) string {
		acc := chatStream(t, e.openai(), chatParams(prompt), nil)
		return acc.Choices[0].Message.Content
	}},
	{"openai.chat/tool", true, func(t *testing.T, e *env, prompt string) string {
		return toolText(t, chatWhole(t, e.openai(), chatParams(prompt)).Choices[0].Message.ToolCalls[0].Function.Arguments)
	}},
	{"openai.chat/tool/stream", true, func(t *testing.T, e *env, prompt string) string {
		acc := chatStream(t, e.openai(), chatParams(prompt), nil)
		return toolText(t, acc.Choices[0].Message.ToolCalls[0].Function.Arguments)
	}},
	{"openai.responses", false, func(t *testing.T, e *env, prompt string) string {
		r, err := e.openai().Responses.New(context.Background(), responsesParams(prompt))
		if err != nil {
			t.Fatal(err)
		}
		return r.OutputText()
	}},
	{"openai.responses/stream", false, func(t *testing.T, e *env, prompt string) string {
		var deltas, done, completed string
		responsesStream(t, e.openai(), responsesParams(prompt), func(ev responses.ResponseStreamEventUnion) {
			switch ev.Type {
			case "response.output_text.delta":
				deltas += ev.Delta
			case "response.output_text.done":
				done = ev.Text
			case "response.completed":
				completed = ev.Response.OutputText()
			}
		})
		if deltas != done || done != completed {
			t.Fatalf("deltas %q, done %q, completed %q differ", deltas, done, completed)
		}
		return deltas
	}},
	{"openai.responses/tool", true, func(t *testing.T, e *env, prompt string) string {
		r, err := e.openai().Responses.New(context.Background(), responsesParams(prompt))
		if err != nil {
			t.Fatal(err)
		}
		return toolText(t, r.Output[0].Arguments.OfString)
	}},
	{"openai.responses/tool/stream", true, func(t *testing.T, e *env, prompt string) string {
		var deltas, done string
		responsesStream(t, e.openai(), responsesParams(prompt), func(ev responses.ResponseStreamEventUnion) {
			switch ev.Type {
			case "response.function_call_arguments.delta":
				deltas += ev.Delta
			case "response.function_call_arguments.done":
				done = ev.Arguments
			}
		})
		if deltas != done {
			t.Fatalf("deltas %q and done %q differ", deltas, done)
		}
		return toolText(t, deltas)
	}},
	{"anthropic.messages", false, func(t *testing.T, e *env, prompt string) string {
		return anthropicWhole(t, e.anthropic(), anthropicParams(prompt, 256)).Content[0].Text
	}},
	{"anthropic.messages/stream", false, func(t *testing.T, e *env, prompt string) string {
		m := anthropicStream(t, e.anthropic(), anthropicParams(prompt, 256), nil)
		return m.Content[0].Text
	}},
	{"anthropic.messages/tool", true, func(t *testing.T, e *env, prompt string) string {
		return toolText(t, string(anthropicWhole(t, e.anthropic(), anthropicParams(prompt, 256)).Content[0].Input))
	}},
	{"anthropic.messages/tool/stream", true, func(t *testing.T, e *env, prompt string) string {
		m := anthropicStream(t, e.anthropic(), anthropicParams(prompt, 256), nil)
		return toolText(t, string(m.Content[0].Input))
	}},
	{"gemini.generate", false, func(t *testing.T, e *env, prompt string) string {
		return geminiCall(t, e, "generateContent", "", prompt)
	}},
	{"gemini.generate/stream/sse", false, func(t *testing.T, e *env, prompt string) string {
		return geminiCall(t, e, "streamGenerateContent", "?alt=sse", prompt)
	}},
	{"gemini.generate/stream/array", false, func(t *testing.T, e *env, prompt string) string {
		return geminiCall(t, e, "streamGenerateContent", "", prompt)
	}},
	{"gemini.generate/tool", true, func(t *testing.T, e *env, prompt string) string {
		return geminiCall(t, e, "generateContent", "", prompt)
	}},
	{"gemini.generate/tool/stream/sse", true, func(t *testing.T, e *env, prompt string) string {
		return geminiCall(t, e, "streamGenerateContent", "?alt=sse", prompt)
	}},
	{"gemini.generate/tool/stream/array", true, func(t *testing.T, e *env, prompt string) string {
		return geminiCall(t, e, "streamGenerateContent", "", prompt)
	}},
}

// TestRedactRestoreEveryAPI: the vendor sees placeholders only, and the
// client reads the original values back, for every API, streamed and not,
// in text and in tool-call arguments.
func TestRedactRestoreEveryAPI(t *testing.T) {
	for _, c := range redactCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var opts []fakevendor.Option
			if c.tool {
				opts = append(opts, fakevendor.WithToolCall("send_note"))
			}
			fv := redactVendor(t, opts...)
			e := start(t, fv, nil)
			f := newRedactFixture(t)
			got := c.call(t, e, f.prompt)
			if want := fakevendor.EchoPrefix + f.prompt; got != want {
				t.Fatalf("client read\n%q\nwant\n%q", got, want)
			}
			f.checkVendor(t, fv)
			l := e.auditLines(t, 1)[0]
			if l["event.action"] != "redact" || l["http.response.status_code"].(float64) != 200 {
				t.Fatalf("audit %v", l)
			}
			if b, _ := os.ReadFile(e.audit); bytes.Contains(b, []byte(f.email)) || bytes.Contains(b, []byte(f.iban)) {
				t.Fatal("the audit holds an original value")
			}
		})
	}
}

// TestRedactKeepsOtherBytes: only the strings carrying a value change; an
// object key holding a value is rewritten too; a gzip request leaves decoded.
func TestRedactKeepsOtherBytes(t *testing.T) {
	fv := redactVendor(t)
	e := start(t, fv, nil)
	f := newRedactFixture(t)
	body := fmt.Sprintf("{ \"model\" : \"gpt-4o\",\n \"messages\":[{\"role\":\"user\",\"content\":\"Caf\\u00e9 for %s\"}],\n"+
		" \"metadata\": {\"%s\": \"x\"}, \"temperature\": 1.50 }", f.email, f.email)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(body))
	zw.Close()
	req, _ := http.NewRequest(http.MethodPost, "https://api.openai.com/v1/chat/completions", bytes.NewReader(gz.Bytes()))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Content-Encoding", "gzip")
	resp, got := roundTrip(t, e.client(), req)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, got)
	}
	last := fv.Last()
	want := strings.ReplaceAll(body, "Caf\\u00e9 for "+f.email, "Café for <EMAIL_1>")
	want = strings.ReplaceAll(want, f.email, "<EMAIL_1>")
	if string(last.Body) != want {
		t.Fatalf("vendor received\n%s\nwant\n%s", last.Body, want)
	}
	if last.Header.Get("Content-Encoding") != "" {
		t.Errorf("Content-Encoding %q still set on the decoded body", last.Header.Get("Content-Encoding"))
	}
	var c struct {
		Choices []struct{ Message struct{ Content string } }
	}
	if err := json.Unmarshal(got, &c); err != nil {
		t.Fatal(err)
	}
	if w := fakevendor.EchoPrefix + "Café for " + f.email; c.Choices[0].Message.Content != w {
		t.Fatalf("client read %q, want %q", c.Choices[0].Message.Content, w)
	}
	if resp.ContentLength != int64(len(got)) {
		t.Errorf("Content-Length %d, body %d bytes", resp.ContentLength, len(got))
	}
}

// maskPolicy copies the default bundle with redact_mode mask.
func maskPolicy(t *testing.T) string {
	return policyWith(t, `"redact_mode": "pseudonymize"`, `"redact_mode": "mask"`)
}

// policyWith copies the default bundle with one replacement in data.json.
func policyWith(t *testing.T, old, new string) string {
	dir := t.TempDir()
	err := fs.WalkDir(rego.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(rego.FS, p)
		if err != nil {
			return err
		}
		if p == "data.json" {
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("data.json lacks %s", old)
			}
			b = bytes.Replace(b, []byte(old), []byte(new), 1)
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRedactMask(t *testing.T) {
	fv := redactVendor(t)
	e := start(t, fv, func(c *config.Config) { c.Policy.Dir = maskPolicy(t) })
	f := newRedactFixture(t)
	got := redactCases[1].call(t, e, f.prompt) // chat, streamed
	want := fakevendor.EchoPrefix + fmt.Sprintf("Write to [REDACTED:EMAIL] about the transfer from \"[REDACTED:IBAN]\", cc [REDACTED:EMAIL] \\ thanks.")
	if got != want {
		t.Fatalf("client read %q, want %q", got, want)
	}
	if b := fv.Last().Body; bytes.Contains(b, []byte(f.email)) || bytes.Contains(b, []byte(f.iban)) {
		t.Fatalf("the vendor received an original value: %s", b)
	}
}

// TestRedactParallelRequestsStayApart: many requests at once, each with its
// own values; each client gets its own values back and only its own.
func TestRedactParallelRequestsStayApart(t *testing.T) {
	fv := redactVendor(t)
	e := start(t, fv, nil)
	const n = 24
	// Warm the policy's decision cache (one decision per API: the inputs of
	// the burst differ only in volatile fields), so that the burst measures
	// the vault, not 24 cold OPA evaluations racing a 250 ms budget on a
	// loaded CI machine.
	for _, i := range []int{1, 8} {
		f := newRedactFixture(t)
		if got := redactCases[i].call(t, e, f.prompt); got != fakevendor.EchoPrefix+f.prompt {
			t.Fatalf("warm-up read %q", got)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := newRedactFixture(t)
			var got string
			if i%2 == 0 {
				s := e.openai().Chat.Completions.NewStreaming(context.Background(), chatParams(f.prompt))
				var acc openai.ChatCompletionAccumulator
				for s.Next() {
					acc.AddChunk(s.Current())
				}
				if err := s.Err(); err != nil {
					errs <- err
					return
				}
				got = acc.Choices[0].Message.Content
			} else {
				m, err := e.anthropic().Messages.New(context.Background(), anthropicParams(f.prompt, 256))
				if err != nil {
					errs <- err
					return
				}
				got = m.Content[0].Text
			}
			if want := fakevendor.EchoPrefix + f.prompt; got != want {
				errs <- fmt.Errorf("request %d read %q, want %q", i, got, want)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, r := range fv.Requests() {
		if bytes.Contains(r.Body, []byte("@example.com")) {
			t.Fatalf("the vendor received an address: %s", r.Body)
		}
	}
	if got := len(fv.Requests()); got != n+2 {
		t.Fatalf("vendor received %d requests, want %d", got, n+2)
	}
}

// prompt8K is an 8 KB prompt; with pii it carries two addresses and an
// IBAN (so the policy decides redact, pseudonymize).
func prompt8K(b *testing.B, pii bool) string {
	var s strings.Builder
	for s.Len() < 8<<10 {
		s.WriteString("The quarterly report covers revenue, costs and the outlook for the next year in detail. ")
	}
	p := s.String()[:8<<10]
	if pii {
		f := newRedactFixture(b)
		p = f.prompt + p[len(f.prompt):]
	}
	return p
}

// BenchmarkRedactRestore measures, side by side through the proxy, a plain
// allow against redact + restore on an 8 KB prompt (whole: the request's
// latency; stream: time to the first content byte). ns/op covers one allow
// plus one redact. The fake vendor echoes the
// prompt, so the answers are 8 KB too and carry the placeholders back.
//
//	go test -run '^$' -bench BenchmarkRedactRestore -benchtime 300x ./proxy/
func BenchmarkRedactRestore(b *testing.B) {
	fv := fakevendor.Start(b, fakevendor.WithEcho(), fakevendor.WithChunks(64))
	e := start(b, fv, nil)
	c := e.client()
	post := func(prompt string, stream bool) (ttfb time.Duration, body []byte) {
		reqBody, _ := json.Marshal(map[string]any{"model": "gpt-4o", "stream": stream,
			"messages": []any{map[string]any{"role": "user", "content": prompt}}})
		req, _ := http.NewRequest(http.MethodPost, "https://api.openai.com/v1/chat/completions", bytes.NewReader(reqBody))
		req.Header.Set("Content-Type", "application/json")
		t0 := time.Now()
		resp, err := c.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		br := bufio.NewReader(resp.Body)
		if stream {
			// The first event with content: skip the role-only first chunk.
			for {
				line, err := br.ReadString('\n')
				if err != nil {
					b.Fatalf("stream ended before content: %v", err)
				}
				if strings.HasPrefix(line, "data: ") && strings.Contains(line, `"content":"`) && !strings.Contains(line, `"content":""`) {
					ttfb = time.Since(t0)
					break
				}
			}
		}
		body, err = io.ReadAll(br)
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("status %d, %v", resp.StatusCode, err)
		}
		return ttfb, body
	}
	// Allow and redact alternate within each iteration, so that both see
	// the same machine load; each reports its own per-request figure.
	allowPrompt, redactPrompt := prompt8K(b, false), prompt8K(b, true)
	for _, stream := range []bool{false, true} {
		name, unit := "whole", "µs"
		if stream {
			name, unit = "stream", "ttfb-µs"
		}
		b.Run(name, func(b *testing.B) {
			post(allowPrompt, stream) // warm: connections, leaf certificate, decision cache
			post(redactPrompt, stream)
			var allow, redact time.Duration
			for b.Loop() {
				t0 := time.Now()
				ttfbA, _ := post(allowPrompt, stream)
				t1 := time.Now()
				ttfbR, _ := post(redactPrompt, stream)
				if stream {
					allow, redact = allow+ttfbA, redact+ttfbR
				} else {
					allow, redact = allow+t1.Sub(t0), redact+time.Since(t1)
				}
			}
			n := float64(b.N)
			b.ReportMetric(float64(allow.Microseconds())/n, "allow-"+unit)
			b.ReportMetric(float64(redact.Microseconds())/n, "redact-"+unit)
			b.ReportMetric(float64((redact-allow).Microseconds())/n, "added-"+unit)
		})
	}
}

// TestRedactRestoreEncodedAnswer: a vendor that gzips its answer although
// identity was asked for; the answer is decoded, restored and sent on
// without Content-Encoding, streamed and not.
func TestRedactRestoreEncodedAnswer(t *testing.T) {
	fv := redactVendor(t, fakevendor.WithGzipAnswers())
	e := start(t, fv, nil)
	for _, i := range []int{0, 1, 9} { // chat, chat streamed, anthropic streamed
		f := newRedactFixture(t)
		if got, want := redactCases[i].call(t, e, f.prompt), fakevendor.EchoPrefix+f.prompt; got != want {
			t.Fatalf("%s: client read %q, want %q", redactCases[i].name, got, want)
		}
	}
}

// TestRedactOnlyListedTypes: a type the policy allows stays as it is; only
// the types the decision lists are replaced.
func TestRedactOnlyListedTypes(t *testing.T) {
	fv := redactVendor(t)
	e := start(t, fv, func(c *config.Config) {
		c.Policy.Dir = policyWith(t, `"type_actions": {}`, `"type_actions": {"IBAN": "allow"}`)
	})
	f := newRedactFixture(t)
	if got, want := redactCases[0].call(t, e, f.prompt), fakevendor.EchoPrefix+f.prompt; got != want {
		t.Fatalf("client read %q, want %q", got, want)
	}
	b := fv.Last().Body
	if bytes.Contains(b, []byte(f.email)) || !bytes.Contains(b, []byte("<EMAIL_1>")) {
		t.Fatalf("the address was not redacted: %s", b)
	}
	if !bytes.Contains(b, []byte(f.iban)) || bytes.Contains(b, []byte("<IBAN_")) {
		t.Fatalf("the allowed IBAN was redacted: %s", b)
	}
}

// TestRedactStreamIsNotBuffered: a restored stream still reaches the client
// event by event: the first text arrives while the vendor holds its last.
func TestRedactStreamIsNotBuffered(t *testing.T) {
	gate := make(chan struct{})
	var once sync.Once
	open := func() { once.Do(func() { close(gate) }) }
	defer open()
	fv := redactVendor(t, fakevendor.WithStreamGate(gate))
	e := start(t, fv, nil)
	f := newRedactFixture(t)
	s := e.anthropic().Messages.NewStreaming(context.Background(), anthropicParams(f.prompt, 256))
	first := make(chan string, 1)
	go func() {
		for s.Next() {
			if ev := s.Current(); ev.Type == "content_block_delta" && ev.Delta.Text != "" {
				first <- ev.Delta.Text
				return
			}
		}
		first <- ""
	}()
	select {
	case txt := <-first:
		if txt == "" {
			t.Fatalf("stream ended early: %v", s.Err())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no text arrived while the vendor held its last event: the restored stream is buffered")
	}
	open()
	for s.Next() {
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
}
