package fakemodel

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func post(t *testing.T, s *Server, body string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Post(s.URL+"/chat/completions", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// events returns the data of each SSE event.
func events(t *testing.T, b []byte) []string {
	t.Helper()
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			out = append(out, d)
		}
	}
	return out
}

func TestStreamsLikeVLLM(t *testing.T) {
	s := Start(t)
	resp, b := post(t, s, `{"model":"`+DefaultModel+`","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}`)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	ev := events(t, b)
	// role, 3 deltas, finish, usage, [DONE]
	if len(ev) != 7 || ev[6] != "[DONE]" {
		t.Fatalf("events %q", ev)
	}
	var text strings.Builder
	for _, e := range ev[:5] {
		var c struct {
			Object  string `json:"object"`
			Choices []struct {
				Delta struct {
					Content string `json:"content"`
				} `json:"delta"`
				FinishReason *string `json:"finish_reason"`
			} `json:"choices"`
		}
		if err := json.Unmarshal([]byte(e), &c); err != nil || c.Object != "chat.completion.chunk" || len(c.Choices) != 1 {
			t.Fatalf("chunk %s: %v", e, err)
		}
		text.WriteString(c.Choices[0].Delta.Content)
	}
	if text.String() != DefaultReply {
		t.Errorf("text %q", text.String())
	}
	if !strings.Contains(ev[4], `"finish_reason":"stop"`) || !strings.Contains(ev[5], `"choices":[]`) || !strings.Contains(ev[5], `"prompt_tokens"`) {
		t.Errorf("tail %s / %s", ev[4], ev[5])
	}
	// Without include_usage there is no usage chunk.
	_, b = post(t, s, `{"model":"`+DefaultModel+`","stream":true,"messages":[{"role":"user","content":"hi"}]}`)
	if ev := events(t, b); len(ev) != 6 || strings.Contains(string(b), "prompt_tokens") {
		t.Errorf("events %q", ev)
	}
	if n := len(s.Requests()); n != 2 || !strings.Contains(string(s.Last().Body), `"stream":true`) {
		t.Errorf("%d requests recorded", n)
	}
}

func TestWholeAnswersAndToolCalls(t *testing.T) {
	s := Start(t, WithToolCall("get_weather", `{"city":"Rome"}`), WithModel("m"))
	resp, b := post(t, s, `{"model":"m","messages":[{"role":"user","content":"hi"}]}`)
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"finish_reason":"tool_calls"`) || !strings.Contains(string(b), `"arguments":"{\"city\":\"Rome\"}"`) {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	_, b = post(t, s, `{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}`)
	if !strings.Contains(string(b), `"name":"get_weather"`) || !strings.Contains(string(b), `"finish_reason":"tool_calls"`) {
		t.Fatalf("%s", b)
	}
	resp, b = post(t, s, `{"model":"other","messages":[{"role":"user","content":"hi"}]}`)
	if resp.StatusCode != 404 || !strings.Contains(string(b), `"object":"error"`) {
		t.Errorf("unknown model: %d %s", resp.StatusCode, b)
	}
}

func TestModelsFailuresAndKey(t *testing.T) {
	s := Start(t, WithAPIKey("k1"))
	get := func(key string) int {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/models", nil)
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return -1
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if st := get("k1"); st != 200 {
		t.Errorf("models with key: %d", st)
	}
	if st := get(""); st != 401 {
		t.Errorf("models without key: %d", st)
	}
	s.Fail(503)
	if st := get("k1"); st != 503 {
		t.Errorf("failing: %d", st)
	}
	s.Fail(0)
	s.Down()
	if st := get("k1"); st != -1 {
		t.Errorf("down: %d", st)
	}
}

func TestBreakStreams(t *testing.T) {
	s := Start(t)
	s.BreakStreams(true)
	_, b := post(t, s, `{"model":"`+DefaultModel+`","stream":true,"messages":[{"role":"user","content":"hi"}]}`)
	if ev := events(t, b); len(ev) != 2 || strings.Contains(string(b), "[DONE]") || strings.Contains(string(b), "finish_reason\":\"stop") {
		t.Errorf("broken stream %q", ev)
	}
}
