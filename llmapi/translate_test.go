package llmapi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testModel = "llama-3.1-8b-instruct"

// translateCases are client requests in every translated API; each is
// translated, then answered with every fixture of testdata/translate.
var translateCases = []struct {
	name   string
	api    API
	target string
}{
	{"chat_stream", OpenAIChat, "/v1/chat/completions"},
	{"anthropic_tools", AnthropicMessages, "/v1/messages"},
	{"gemini_tools", GeminiGenerate, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"},
	{"gemini_array", GeminiGenerate, "/v1beta/models/gemini-2.5-flash:streamGenerateContent"},
	{"gemini_whole", GeminiGenerate, "/v1beta/models/gemini-2.5-flash:generateContent?key=x"},
	{"responses_tools", OpenAIResponses, "/v1/responses"},
}

// requestFile maps a case to its request body (the Gemini cases share one).
func requestFile(name string) string {
	if strings.HasPrefix(name, "gemini_") {
		name = "gemini_tools"
	}
	return filepath.Join("testdata", "translate", name+".request.json")
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "translate", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "translate", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./llmapi -run Translate -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file:\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func indent(t *testing.T, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		t.Fatalf("not JSON: %v: %s", err, b)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

func TestTranslateGolden(t *testing.T) {
	for _, c := range translateCases {
		t.Run(c.name, func(t *testing.T) {
			body, err := os.ReadFile(requestFile(c.name))
			if err != nil {
				t.Fatal(err)
			}
			tr, err := Translate(c.api, c.target, body, testModel)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, c.name+".request", indent(t, tr.Body()))
			for _, a := range []string{"answer_text", "answer_tool"} {
				tr, _ := Translate(c.api, c.target, body, testModel)
				out, err := tr.Answer(readFixture(t, a+".json"))
				if err != nil {
					t.Fatal(err)
				}
				golden(t, c.name+"."+a, indent(t, out))
				if u := tr.Usage(); u.InputTokens == 0 || u.OutputTokens == 0 {
					t.Errorf("%s: usage %+v", a, u)
				}
			}
			for _, s := range []string{"stream_text", "stream_tool", "stream_broken"} {
				tr, _ := Translate(c.api, c.target, body, testModel)
				out, err := io.ReadAll(tr.StreamAnswer(io.NopCloser(bytes.NewReader(readFixture(t, s+".sse")))))
				if err != nil {
					t.Fatal(err)
				}
				checkFraming(t, tr, out)
				golden(t, c.name+"."+s, out)
				if u := tr.Usage(); s != "stream_broken" && (u.InputTokens == 0 || u.OutputTokens == 0) {
					t.Errorf("%s: usage %+v", s, u)
				}
			}
		})
	}
}

// checkFraming asserts that a translated stream is well framed: a JSON
// array whose elements are JSON, or SSE events whose data are JSON.
func checkFraming(t *testing.T, tr *Translation, out []byte) {
	t.Helper()
	if !strings.HasPrefix(tr.ContentType(), "text/event-stream") {
		var v []json.RawMessage
		if err := json.Unmarshal(out, &v); err != nil || len(v) == 0 {
			t.Errorf("the stream is not a JSON array (%v): %q", err, out)
		}
		return
	}
	sc := newEventScanner(bytes.NewReader(out))
	n := 0
	for {
		data, err := sc.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if string(data) != "[DONE]" && !json.Valid(data) {
			t.Errorf("event data is not JSON: %q", data)
		}
	}
	if n == 0 {
		t.Errorf("no events in %q", out)
	}
}

// TestTranslateRequestMeaning checks, beyond the golden files, what each
// translation must keep: the system prompt first, the turns in order, tool
// calls answered by tool messages with matching ids, settings, and notes
// in place of attachments.
func TestTranslateRequestMeaning(t *testing.T) {
	type msg struct {
		Role       string  `json:"role"`
		Content    *string `json:"content"`
		ToolCallID string  `json:"tool_call_id"`
		ToolCalls  []struct {
			ID       string `json:"id"`
			Function struct {
				Name      string `json:"name"`
				Arguments string `json:"arguments"`
			} `json:"function"`
		} `json:"tool_calls"`
	}
	type chat struct {
		Model         string            `json:"model"`
		Messages      []msg             `json:"messages"`
		MaxTokens     *int64            `json:"max_tokens"`
		Temperature   *float64          `json:"temperature"`
		Stop          []string          `json:"stop"`
		Tools         []json.RawMessage `json:"tools"`
		ToolChoice    json.RawMessage   `json:"tool_choice"`
		Stream        bool              `json:"stream"`
		StreamOptions *struct {
			IncludeUsage bool `json:"include_usage"`
		} `json:"stream_options"`
	}
	for _, c := range translateCases {
		if c.api == OpenAIChat {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			body, _ := os.ReadFile(requestFile(c.name))
			tr, err := Translate(c.api, c.target, body, testModel)
			if err != nil {
				t.Fatal(err)
			}
			var got chat
			if err := json.Unmarshal(tr.Body(), &got); err != nil {
				t.Fatal(err)
			}
			if got.Model != testModel || got.MaxTokens == nil || *got.MaxTokens == 0 || got.Temperature == nil {
				t.Errorf("model %q max_tokens %v temperature %v", got.Model, got.MaxTokens, got.Temperature)
			}
			if got.Messages[0].Role != "system" || !strings.Contains(*got.Messages[0].Content, "travel desk") {
				t.Errorf("first message %+v", got.Messages[0])
			}
			if len(got.Tools) != 1 || len(got.ToolChoice) == 0 {
				t.Errorf("tools %s choice %s: hosted tools must go, functions stay", got.Tools, got.ToolChoice)
			}
			if got.Stream != tr.Stream() || (got.Stream && (got.StreamOptions == nil || !got.StreamOptions.IncludeUsage)) {
				t.Errorf("stream %v options %+v", got.Stream, got.StreamOptions)
			}
			calls := map[string]bool{}
			note, confidential := false, false
			for i, m := range got.Messages {
				for _, tc := range m.ToolCalls {
					calls[tc.ID] = true
					if !json.Valid([]byte(tc.Function.Arguments)) {
						t.Errorf("arguments %q", tc.Function.Arguments)
					}
				}
				if m.Role == "tool" {
					prev := got.Messages[i-1]
					if !calls[m.ToolCallID] && !strings.HasPrefix(m.ToolCallID, "toolu_02") {
						t.Errorf("tool result %q answers no call", m.ToolCallID)
					}
					if prev.Role != "assistant" && prev.Role != "tool" {
						t.Errorf("tool message after %s", prev.Role)
					}
				}
				if m.Content != nil && strings.Contains(*m.Content, MediaNote) {
					note = true
				}
				if m.Content != nil && strings.Contains(*m.Content, "CONFIDENTIAL") {
					confidential = true
				}
			}
			if !note || !confidential || len(calls) == 0 {
				t.Errorf("note %v prompt %v calls %v in %s", note, confidential, calls, tr.Body())
			}
			if last := got.Messages[len(got.Messages)-1]; last.Role != "user" && last.Role != "tool" {
				t.Errorf("last message %+v", last)
			}
		})
	}
}

func TestTranslateRefusals(t *testing.T) {
	cases := []struct {
		name   string
		api    API
		target string
		body   string
	}{
		{"previous response", OpenAIResponses, "/v1/responses", `{"model":"gpt-4o","input":"hi","previous_response_id":"resp_1"}`},
		{"stored conversation", OpenAIResponses, "/v1/responses", `{"model":"gpt-4o","input":"hi","conversation":"conv_1"}`},
		{"not JSON", AnthropicMessages, "/v1/messages", `hello`},
		{"array body", OpenAIChat, "/v1/chat/completions", `[1,2]`},
		{"wrong shape", AnthropicMessages, "/v1/messages", `{"messages":"hi"}`},
		{"generic", Generic, "/v1/whatever", `{"prompt":"hi"}`},
		{"raw", Raw, "/v1/whatever", `hi`},
		{"bad content", GeminiGenerate, "/v1beta/models/g:generateContent", `{"contents":[{"parts":"x"}]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Translate(c.api, c.target, []byte(c.body), testModel)
			if !errors.Is(err, ErrUntranslatable) {
				t.Fatalf("err = %v, want ErrUntranslatable", err)
			}
			if strings.Contains(err.Error(), "hi\"") {
				t.Errorf("the error quotes the body: %v", err)
			}
		})
	}
}

func TestTranslateChatPassthrough(t *testing.T) {
	body := []byte(`{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"stream":true,"stream_options":{"include_usage":true},"n":1}`)
	tr, err := Translate(OpenAIChat, "/v1/chat/completions", body, testModel)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	_ = json.Unmarshal(tr.Body(), &m)
	if m["model"] != testModel || m["n"] != float64(1) {
		t.Errorf("body %s", tr.Body())
	}
	// The client asked for usage: the usage chunk reaches it.
	out, _ := io.ReadAll(tr.StreamAnswer(io.NopCloser(bytes.NewReader(readFixture(t, "stream_text.sse")))))
	if !bytes.Contains(out, []byte(`"choices":[],"usage"`)) || !bytes.HasSuffix(out, []byte("data: [DONE]\n\n")) {
		t.Errorf("stream %s", out)
	}
	// A whole answer passes byte for byte.
	ans := readFixture(t, "answer_text.json")
	got, err := tr.Answer(ans)
	if err != nil || !bytes.Equal(got, ans) {
		t.Errorf("answer %s, %v", got, err)
	}
}

func TestTranslateInvalidAnswer(t *testing.T) {
	for _, c := range translateCases {
		body, _ := os.ReadFile(requestFile(c.name))
		tr, _ := Translate(c.api, c.target, body, testModel)
		for _, ans := range []string{`nope`, `{"choices":[]}`, `{"choices":"x"}`} {
			if _, err := tr.Answer([]byte(ans)); !errors.Is(err, ErrInternalAnswer) && c.api != OpenAIChat {
				t.Errorf("%s: %s: err = %v", c.name, ans, err)
			}
		}
	}
}

// TestTranslateStreamsEventByEvent: each chat event is translated as soon as
// it is read, never held for the end.
func TestTranslateStreamsEventByEvent(t *testing.T) {
	for _, c := range translateCases {
		t.Run(c.name, func(t *testing.T) {
			body, _ := os.ReadFile(requestFile(c.name))
			tr, _ := Translate(c.api, c.target, body, testModel)
			pr, pw := io.Pipe()
			out := bufio.NewReader(tr.StreamAnswer(pr))
			lines := bytes.SplitAfter(readFixture(t, "stream_text.sse"), []byte("\n\n"))
			go func() {
				// The first three events (role, "Rome is", " the capital"), then hold.
				for _, l := range lines[:3] {
					_, _ = pw.Write(l)
				}
			}()
			got := make([]byte, 0, 4096)
			for !bytes.Contains(got, []byte("the capital")) {
				b := make([]byte, 4096)
				n, err := out.Read(b)
				if err != nil {
					t.Fatalf("read: %v after %q", err, got)
				}
				got = append(got, b[:n]...)
			}
			pw.Close()
		})
	}
}

func FuzzTranslateStream(f *testing.F) {
	for _, s := range []string{"stream_text.sse", "stream_tool.sse", "stream_broken.sse"} {
		f.Add(readFixture(f, s), uint8(0))
	}
	f.Add([]byte("data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":3,\"function\":{\"arguments\":\"x\"}}]}}]}\n\ndata: [DONE]\n\n"), uint8(1))
	f.Add([]byte("data: {\"error\":{\"message\":\"boom\"}}\r\n\r\n"), uint8(2))
	f.Add([]byte(":keepalive\n\ndata: {\"object\":\"error\",\"message\":\"x\"}"), uint8(3))
	bodies := map[string][]byte{}
	for _, c := range translateCases {
		b, err := os.ReadFile(requestFile(c.name))
		if err != nil {
			f.Fatal(err)
		}
		bodies[c.name] = b
	}
	f.Fuzz(func(t *testing.T, stream []byte, which uint8) {
		c := translateCases[int(which)%len(translateCases)]
		tr, err := Translate(c.api, c.target, bodies[c.name], testModel)
		if err != nil {
			t.Fatal(err)
		}
		out, err := io.ReadAll(tr.StreamAnswer(io.NopCloser(bytes.NewReader(stream))))
		if err != nil {
			t.Fatal(err)
		}
		if c.api == OpenAIChat {
			return // passes the internal model's events as they are
		}
		checkFraming(t, tr, out)
	})
}

func FuzzTranslateRequest(f *testing.F) {
	for i, c := range translateCases {
		b, err := os.ReadFile(requestFile(c.name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(i))
	}
	f.Add([]byte(`{"input":[{"type":"function_call_output","output":[{"type":"input_text","text":"x"}]}]}`), uint8(5))
	f.Add([]byte(`{"contents":[{"parts":[{"functionResponse":{"name":"a"}},{"functionCall":{"name":"a","args":null}}]}]}`), uint8(2))
	f.Fuzz(func(t *testing.T, body []byte, which uint8) {
		c := translateCases[int(which)%len(translateCases)]
		tr, err := Translate(c.api, c.target, body, testModel)
		if err != nil {
			if !errors.Is(err, ErrUntranslatable) {
				t.Fatalf("err = %v, want ErrUntranslatable", err)
			}
			return
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(tr.Body(), &m); err != nil {
			t.Fatalf("translated body is not a JSON object: %v", err)
		}
		if string(m["model"]) != `"`+testModel+`"` {
			t.Fatalf("model %s", m["model"])
		}
	})
}

func FuzzTranslateAnswer(f *testing.F) {
	f.Add(readFixture(f, "answer_text.json"), uint8(1))
	f.Add(readFixture(f, "answer_tool.json"), uint8(5))
	bodies := map[string][]byte{}
	for _, c := range translateCases {
		bodies[c.name], _ = os.ReadFile(requestFile(c.name))
	}
	f.Fuzz(func(t *testing.T, answer []byte, which uint8) {
		c := translateCases[int(which)%len(translateCases)]
		tr, _ := Translate(c.api, c.target, bodies[c.name], testModel)
		out, err := tr.Answer(answer)
		if err != nil {
			if !errors.Is(err, ErrInternalAnswer) {
				t.Fatalf("err = %v", err)
			}
			return
		}
		if c.api != OpenAIChat && !json.Valid(out) {
			t.Fatalf("answer is not JSON: %s", out)
		}
	})
}

func TestCountTokensAnswer(t *testing.T) {
	body := []byte(strings.Repeat("x", 400))
	cases := []struct{ path, want string }{
		{"/v1/messages/count_tokens?beta=true", `{"input_tokens":100}`},
		{"/v1beta/models/gemini-2.5-flash:countTokens", `{"totalTokens":100}`},
		{"/v1/messages", ""},
		{"/v1/chat/completions", ""},
	}
	for _, c := range cases {
		got, ok := CountTokensAnswer(c.path, body)
		if string(got) != c.want || ok != (c.want != "") {
			t.Errorf("%s: %s %v", c.path, got, ok)
		}
	}
}
