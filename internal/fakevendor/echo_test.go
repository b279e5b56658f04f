package fakevendor

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
)

func TestEcho(t *testing.T) {
	cases := []struct{ api, path, body string }{
		{"chat", "/v1/chat/completions", `{"messages":[{"role":"user","content":"first"},{"role":"assistant","content":"x"},{"role":"user","content":[{"type":"text","text":"a "},{"type":"text","text":"b"}]}]}`},
		{"responses", "/v1/responses", `{"input":"hello there"}`},
		{"responses", "/v1/responses", `{"input":[{"role":"user","content":[{"type":"input_text","text":"item text"}]}]}`},
		{"messages", "/v1/messages", `{"max_tokens":9,"messages":[{"role":"user","content":"claude text"}]}`},
		{"gemini", "/v1beta/models/g:generateContent", `{"contents":[{"parts":[{"text":"gemini text"}]}]}`},
	}
	want := []string{"a b", "hello there", "item text", "claude text", "gemini text"}
	s := Start(t, WithEcho())
	for i, c := range cases {
		resp := post(t, s, c.path, c.body, nil)
		b, _ := io.ReadAll(resp.Body)
		if !strings.Contains(string(b), `"`+EchoPrefix+want[i]+`"`) {
			t.Errorf("%s: answer %s lacks the echo of %q", c.api, b, want[i])
		}
	}
}

func TestToolCallWriteSizeAndGzip(t *testing.T) {
	s := Start(t, WithEcho(), WithToolCall("note"), WithWriteSize(3), WithGzipAnswers(), WithChunks(4))
	resp := post(t, s, "/v1/messages", `{"max_tokens":9,"stream":true,"messages":[{"role":"user","content":"q\"x"}]}`, map[string]string{"Accept-Encoding": "identity"})
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	var partial strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		d, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			continue
		}
		var ev struct {
			Delta struct {
				PartialJSON string `json:"partial_json"`
			}
		}
		if err := json.Unmarshal([]byte(d), &ev); err != nil {
			t.Fatalf("event %s: %v", d, err)
		}
		partial.WriteString(ev.Delta.PartialJSON)
	}
	var args struct{ Text string }
	if err := json.Unmarshal([]byte(partial.String()), &args); err != nil || args.Text != EchoPrefix+`q"x` {
		t.Fatalf("tool arguments %q: %v", partial.String(), err)
	}
	if !strings.Contains(string(b), `"stop_reason":"tool_use"`) {
		t.Fatal("stop_reason is not tool_use")
	}
}
