package proxy_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
	aoption "github.com/anthropics/anthropic-sdk-go/v2/option"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakemodel"
	"github.com/promptwall/promptwall/internal/fakevendor"
)

// confidentialPrompt carries a classification marker: the default policy
// reroutes it to the internal model when one is configured.
const confidentialPrompt = "CONFIDENTIAL - internal use only. Summarise the attached acquisition plan in one line."

// rerouteEnv is promptwall with an internal model, in front of a fake vendor.
type rerouteEnv struct {
	*env
	model *fakemodel.Server
	tap   *headerTap
}

func startReroute(t *testing.T, opts ...fakemodel.Option) *rerouteEnv {
	t.Helper()
	fm := fakemodel.Start(t, opts...)
	e := start(t, fakevendor.Start(t), func(c *config.Config) {
		c.Internal.BaseURL = fm.URL
		c.Internal.Models = map[string]string{"*": fakemodel.DefaultModel}
	})
	return &rerouteEnv{env: e, model: fm, tap: &headerTap{}}
}

// headerTap records the headers of the last answer a client received.
type headerTap struct {
	mu   sync.Mutex
	last http.Header
}

func (h *headerTap) RoundTrip(req *http.Request, next http.RoundTripper) (*http.Response, error) {
	resp, err := next.RoundTrip(req)
	if err == nil {
		h.mu.Lock()
		h.last = resp.Header.Clone()
		h.mu.Unlock()
	}
	return resp, err
}

func (h *headerTap) route() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.last.Get("X-Promptwall-Route")
}

type tapTransport struct {
	tap  *headerTap
	next http.RoundTripper
}

func (t tapTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return t.tap.RoundTrip(req, t.next)
}

func (r *rerouteEnv) httpClient() *http.Client {
	c := r.client()
	c.Transport = tapTransport{tap: r.tap, next: c.Transport}
	return c
}

func (r *rerouteEnv) openaiClient() openai.Client {
	return openai.NewClient(optionsFor(r.httpClient())...)
}

func (r *rerouteEnv) anthropicClient() anthropic.Client {
	return anthropic.NewClient(aoption.WithBaseURL("https://api.anthropic.com/"), aoption.WithAPIKey("test-not-a-real-key"),
		aoption.WithHTTPClient(r.httpClient()), aoption.WithMaxRetries(0))
}

// geminiResult is what a Gemini answer (whole or streamed) says.
type geminiResult struct {
	status       int
	text         string
	calls        []map[string]any // functionCall parts
	finish       string
	promptTokens int64
	errMessage   string
	contentType  string
}

// gemini posts body to method (generateContent or streamGenerateContent)
// with query ("" or "?alt=sse") and parses the answer as the Gemini SDKs do.
func (r *rerouteEnv) gemini(t *testing.T, method, query string, body any) geminiResult {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:"+method+query, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-goog-api-key", "test-not-a-real-key")
	resp, raw := roundTrip(t, r.httpClient(), req)
	res := geminiResult{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type")}
	type chunk struct {
		Candidates []struct {
			Content struct {
				Parts []struct {
					Text         *string        `json:"text"`
					FunctionCall map[string]any `json:"functionCall"`
				} `json:"parts"`
				Role string `json:"role"`
			} `json:"content"`
			FinishReason string `json:"finishReason"`
		} `json:"candidates"`
		UsageMetadata *struct {
			PromptTokenCount int64 `json:"promptTokenCount"`
		} `json:"usageMetadata"`
		Error *struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	for _, c := range geminiChunks[chunk](t, raw, resp.StatusCode != 200 || method == "generateContent", query == "?alt=sse") {
		if c.Error != nil {
			res.errMessage = c.Error.Message
		}
		if c.UsageMetadata != nil {
			res.promptTokens = c.UsageMetadata.PromptTokenCount
		}
		for _, cand := range c.Candidates {
			if cand.Content.Role != "model" {
				t.Errorf("candidate role %q", cand.Content.Role)
			}
			if cand.FinishReason != "" {
				res.finish = cand.FinishReason
			}
			for _, p := range cand.Content.Parts {
				if p.Text != nil {
					res.text += *p.Text
				}
				if p.FunctionCall != nil {
					res.calls = append(res.calls, p.FunctionCall)
				}
			}
		}
	}
	return res
}

func geminiPrompt(text string) map[string]any {
	return map[string]any{"contents": []any{map[string]any{"role": "user", "parts": []any{map[string]any{"text": text}}}}}
}

// checkInternal verifies that the internal model got the request, with its
// own model name and the prompt, and none of the client's credentials.
func (r *rerouteEnv) checkInternal(t *testing.T, wantRequests int) {
	t.Helper()
	reqs := r.model.Requests()
	if len(reqs) != wantRequests {
		t.Fatalf("internal model received %d requests, want %d", len(reqs), wantRequests)
	}
	last := reqs[len(reqs)-1]
	var body struct {
		Model    string `json:"model"`
		Messages []struct {
			Role    string  `json:"role"`
			Content *string `json:"content"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(last.Body, &body); err != nil {
		t.Fatalf("internal request is not JSON: %v", err)
	}
	if body.Model != fakemodel.DefaultModel {
		t.Errorf("internal model asked for %q", body.Model)
	}
	found := false
	for _, m := range body.Messages {
		if m.Role == "user" && m.Content != nil && strings.Contains(*m.Content, "acquisition plan") {
			found = true
		}
	}
	if !found {
		t.Errorf("the prompt did not reach the internal model: %s", last.Body)
	}
	for k, vs := range last.Header {
		for _, v := range vs {
			if strings.Contains(v, "not-a-real-key") {
				t.Errorf("the client's vendor key reached the internal model in %s", k)
			}
		}
	}
	if n := len(r.vendor.Requests()); n != 0 {
		t.Fatalf("the vendor received %d requests", n)
	}
	if got := r.tap.route(); got != "internal" {
		t.Errorf("x-promptwall-route = %q, want internal", got)
	}
}

// TestRerouteEveryAPI sends a confidential prompt through every API, whole
// and streamed, with the official SDKs: each answer comes from the internal
// model in the client's own format, and the vendor receives nothing.
func TestRerouteEveryAPI(t *testing.T) {
	r := startReroute(t)
	ctx := context.Background()
	oc, ac := r.openaiClient(), r.anthropicClient()
	want := fakemodel.DefaultReply
	n := 0
	cases := []struct {
		name string
		run  func(t *testing.T) string
	}{
		{"openai.chat", func(t *testing.T) string {
			c := chatWhole(t, &oc, openai.ChatCompletionNewParams{Model: "gpt-4o",
				Messages: []openai.ChatCompletionMessageParamUnion{openai.SystemMessage("Be brief."), openai.UserMessage(confidentialPrompt)}})
			if c.Usage.PromptTokens == 0 || c.Choices[0].FinishReason != "stop" {
				t.Errorf("usage %+v finish %q", c.Usage, c.Choices[0].FinishReason)
			}
			return c.Choices[0].Message.Content
		}},
		{"openai.chat stream", func(t *testing.T) string {
			events := 0
			acc := chatStream(t, &oc, chatParams(confidentialPrompt), func(c openai.ChatCompletionChunk) {
				if len(c.Choices) == 0 {
					t.Error("a usage chunk the client did not ask for reached it")
				}
				events++
			})
			if events < 4 {
				t.Errorf("%d events: the stream was not passed event by event", events)
			}
			return acc.Choices[0].Message.Content
		}},
		{"openai.responses", func(t *testing.T) string {
			resp, err := oc.Responses.New(ctx, responses.ResponseNewParams{Model: "gpt-4o",
				Instructions: openai.String("Be brief."),
				Input:        responses.ResponseNewParamsInputUnion{OfString: openai.String(confidentialPrompt)}})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != "completed" || resp.Usage.InputTokens == 0 {
				t.Errorf("status %q usage %+v", resp.Status, resp.Usage)
			}
			return resp.OutputText()
		}},
		{"openai.responses stream", func(t *testing.T) string {
			var text strings.Builder
			var types []string
			var final string
			responsesStream(t, &oc, responsesParams(confidentialPrompt), func(ev responses.ResponseStreamEventUnion) {
				types = append(types, ev.Type)
				if ev.Type == "response.output_text.delta" {
					text.WriteString(ev.Delta)
				}
				if ev.Type == "response.completed" {
					final = ev.Response.OutputText()
					if ev.Response.Usage.OutputTokens == 0 {
						t.Error("response.completed without usage")
					}
				}
			})
			wantTypes := []string{"response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
				"response.output_text.delta", "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
				"response.content_part.done", "response.output_item.done", "response.completed"}
			if strings.Join(types, " ") != strings.Join(wantTypes, " ") {
				t.Errorf("events %v", types)
			}
			if final != text.String() {
				t.Errorf("completed text %q, deltas %q", final, text.String())
			}
			return text.String()
		}},
		{"anthropic.messages", func(t *testing.T) string {
			p := anthropicParams(confidentialPrompt, 256)
			p.System = []anthropic.TextBlockParam{{Text: "Be brief."}}
			m := anthropicWhole(t, &ac, p)
			if m.StopReason != anthropic.StopReasonEndTurn || m.Usage.InputTokens == 0 || m.Role != "assistant" {
				t.Errorf("stop %q usage %+v", m.StopReason, m.Usage)
			}
			return m.Content[0].Text
		}},
		{"anthropic.messages stream", func(t *testing.T) string {
			var types []string
			msg := anthropicStream(t, &ac, anthropicParams(confidentialPrompt, 256), func(ev anthropic.MessageStreamEventUnion) {
				types = append(types, ev.Type)
			})
			wantTypes := "message_start content_block_start content_block_delta content_block_delta content_block_delta content_block_stop message_delta message_stop"
			if strings.Join(types, " ") != wantTypes {
				t.Errorf("events %v", types)
			}
			if msg.StopReason != anthropic.StopReasonEndTurn || msg.Usage.InputTokens == 0 || msg.Usage.OutputTokens == 0 {
				t.Errorf("stop %q usage %+v", msg.StopReason, msg.Usage)
			}
			return msg.Content[0].Text
		}},
		{"gemini.generate", func(t *testing.T) string {
			res := r.gemini(t, "generateContent", "", geminiPrompt(confidentialPrompt))
			if res.status != 200 || res.finish != "STOP" || res.promptTokens == 0 {
				t.Errorf("%+v", res)
			}
			return res.text
		}},
		{"gemini.generate stream sse", func(t *testing.T) string {
			res := r.gemini(t, "streamGenerateContent", "?alt=sse", geminiPrompt(confidentialPrompt))
			if res.status != 200 || res.finish != "STOP" || res.promptTokens == 0 || res.contentType != "text/event-stream" {
				t.Errorf("%+v", res)
			}
			return res.text
		}},
		{"gemini.generate stream array", func(t *testing.T) string {
			res := r.gemini(t, "streamGenerateContent", "", geminiPrompt(confidentialPrompt))
			if res.status != 200 || res.finish != "STOP" || res.promptTokens == 0 {
				t.Errorf("%+v", res)
			}
			return res.text
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.run(t)
			n++
			if got != want {
				t.Errorf("answer %q, want the internal model's %q", got, want)
			}
			r.checkInternal(t, n)
		})
	}
	lines := r.auditLines(t, n)
	for _, l := range lines {
		usage, _ := l["promptwall.usage"].(map[string]any)
		if l["event.action"] != "reroute" || l["promptwall.route"] != "internal" || l["http.response.status_code"].(float64) != 200 ||
			usage == nil || usage["input_tokens"].(float64) == 0 || usage["output_tokens"].(float64) == 0 {
			t.Errorf("audit line %v", l)
		}
		fs, _ := l["promptwall.findings"].([]any)
		if len(fs) == 0 || fs[0].(map[string]any)["type"] != "CONFIDENTIAL_MARKER" {
			t.Errorf("audit findings %v", fs)
		}
	}
}

// TestRerouteInternalDownIsRefused: with the internal model down or failing,
// every API gets a refusal in its own error shape, and the prompt never goes
// to the vendor instead.
func TestRerouteInternalDownIsRefused(t *testing.T) {
	for _, mode := range []string{"down", "failing"} {
		t.Run(mode, func(t *testing.T) {
			r := startReroute(t)
			if mode == "down" {
				r.model.Down()
			} else {
				r.model.Fail(http.StatusInternalServerError)
			}
			ctx := context.Background()
			oc, ac := r.openaiClient(), r.anthropicClient()
			check := func(what string, err error, status int, msg string) {
				t.Helper()
				if status != http.StatusBadGateway || !strings.Contains(msg, "internal model") || !strings.Contains(msg, "not sent anywhere else") {
					t.Errorf("%s: status %d message %q (err %v)", what, status, msg, err)
				}
			}
			_, err := oc.Chat.Completions.New(ctx, chatParams(confidentialPrompt))
			var oe *openai.Error
			if !errors.As(err, &oe) {
				t.Fatalf("chat: %v", err)
			}
			check("chat", err, oe.StatusCode, oe.Message)

			s := oc.Chat.Completions.NewStreaming(ctx, chatParams(confidentialPrompt))
			for s.Next() {
			}
			if !errors.As(s.Err(), &oe) {
				t.Fatalf("chat stream: %v", s.Err())
			}
			check("chat stream", s.Err(), oe.StatusCode, oe.Message)

			_, err = oc.Responses.New(ctx, responsesParams(confidentialPrompt))
			if !errors.As(err, &oe) {
				t.Fatalf("responses: %v", err)
			}
			check("responses", err, oe.StatusCode, oe.Message)

			_, err = ac.Messages.New(ctx, anthropicParams(confidentialPrompt, 64))
			var ae *anthropic.Error
			if !errors.As(err, &ae) {
				t.Fatalf("anthropic: %v", err)
			}
			check("anthropic", err, ae.StatusCode, ae.Error())

			as := ac.Messages.NewStreaming(ctx, anthropicParams(confidentialPrompt, 64))
			for as.Next() {
			}
			if !errors.As(as.Err(), &ae) {
				t.Fatalf("anthropic stream: %v", as.Err())
			}
			check("anthropic stream", as.Err(), ae.StatusCode, ae.Error())

			for _, q := range []string{"generateContent", "streamGenerateContent"} {
				res := r.gemini(t, q, "?alt=sse", geminiPrompt(confidentialPrompt))
				check("gemini "+q, nil, res.status, res.errMessage)
			}
			if n := len(r.vendor.Requests()); n != 0 {
				t.Fatalf("the vendor received %d requests", n)
			}
			for _, l := range r.auditLines(t, 7) {
				rules, _ := l["promptwall.rules"].([]any)
				want := "promptwall.internal_unreachable"
				if mode == "failing" {
					want = "promptwall.internal_failed"
				}
				if l["event.action"] != "reroute" || l["http.response.status_code"].(float64) != 502 || len(rules) == 0 || rules[len(rules)-1] != want ||
					l["promptwall.route"] == "internal" {
					t.Errorf("audit line %v", l)
				}
			}
		})
	}
}

// TestRerouteStreamBreakOffEndsInError: an internal model that dies
// mid-stream gives the client its format's own stream error, never a
// truncated answer that looks complete.
func TestRerouteStreamBreakOffEndsInError(t *testing.T) {
	r := startReroute(t)
	r.model.BreakStreams(true)
	ctx := context.Background()
	oc, ac := r.openaiClient(), r.anthropicClient()

	s := oc.Chat.Completions.NewStreaming(ctx, chatParams(confidentialPrompt))
	for s.Next() {
	}
	if s.Err() == nil || !strings.Contains(s.Err().Error(), "before the answer was complete") {
		t.Errorf("chat stream error %v", s.Err())
	}

	as := ac.Messages.NewStreaming(ctx, anthropicParams(confidentialPrompt, 64))
	for as.Next() {
	}
	if as.Err() == nil || !strings.Contains(as.Err().Error(), "before the answer was complete") {
		t.Errorf("anthropic stream error %v", as.Err())
	}

	rs := oc.Responses.NewStreaming(ctx, responsesParams(confidentialPrompt))
	last := ""
	for rs.Next() {
		last = rs.Current().Type
		if last == "response.failed" && !strings.Contains(rs.Current().Response.Error.Message, "before the answer was complete") {
			t.Errorf("response.failed says %q", rs.Current().Response.Error.Message)
		}
	}
	if last != "response.failed" {
		t.Errorf("responses stream ended with %q", last)
	}

	for _, q := range []string{"?alt=sse", ""} {
		res := r.gemini(t, "streamGenerateContent", q, geminiPrompt(confidentialPrompt))
		if !strings.Contains(res.errMessage, "before the answer was complete") || res.finish != "" {
			t.Errorf("gemini %q: %+v", q, res)
		}
	}
	if n := len(r.vendor.Requests()); n != 0 {
		t.Fatalf("the vendor received %d requests", n)
	}
}

// TestRerouteToolCalls: tools go to the internal model as functions, and its
// calls come back as each client's own tool calls, whole and streamed.
func TestRerouteToolCalls(t *testing.T) {
	r := startReroute(t, fakemodel.WithToolCall("get_weather", `{"city": "Rome"}`))
	ctx := context.Background()
	oc, ac := r.openaiClient(), r.anthropicClient()
	checkTools := func(t *testing.T) {
		t.Helper()
		var body struct {
			Tools []struct {
				Function struct {
					Name string `json:"name"`
				} `json:"function"`
			} `json:"tools"`
		}
		_ = json.Unmarshal(r.model.Last().Body, &body)
		if len(body.Tools) != 1 || body.Tools[0].Function.Name != "get_weather" {
			t.Errorf("internal request tools: %s", r.model.Last().Body)
		}
	}
	schema := map[string]any{"type": "object", "properties": map[string]any{"city": map[string]any{"type": "string"}}}

	t.Run("anthropic", func(t *testing.T) {
		params := anthropic.MessageNewParams{Model: "claude-sonnet-4-5", MaxTokens: 256,
			Tools: []anthropic.ToolUnionParam{{OfTool: &anthropic.ToolParam{Name: "get_weather",
				InputSchema: anthropic.ToolInputSchemaParam{Properties: schema["properties"]}}}},
			Messages: []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock(confidentialPrompt))}}
		m, err := ac.Messages.New(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		checkTools(t)
		acc := anthropicStream(t, &ac, params, nil)
		for _, got := range []anthropic.Message{*m, acc} {
			if got.StopReason != anthropic.StopReasonToolUse || len(got.Content) != 1 || got.Content[0].Type != "tool_use" ||
				got.Content[0].Name != "get_weather" || !strings.Contains(string(got.Content[0].Input), `"Rome"`) {
				t.Errorf("message %+v", got)
			}
		}
	})
	t.Run("responses", func(t *testing.T) {
		params := responses.ResponseNewParams{Model: "gpt-4o",
			Tools: []responses.ToolUnionParam{{OfFunction: &responses.FunctionToolParam{Name: "get_weather", Parameters: schema}}},
			Input: responses.ResponseNewParamsInputUnion{OfString: openai.String(confidentialPrompt)}}
		resp, err := oc.Responses.New(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		checkTools(t)
		if len(resp.Output) != 1 || resp.Output[0].Type != "function_call" || resp.Output[0].Name != "get_weather" ||
			resp.Output[0].Arguments.OfString != `{"city": "Rome"}` {
			t.Errorf("output %+v", resp.Output)
		}
		args := ""
		responsesStream(t, &oc, params, func(ev responses.ResponseStreamEventUnion) {
			if ev.Type == "response.function_call_arguments.delta" {
				args += ev.Delta
			}
		})
		if args != `{"city": "Rome"}` {
			t.Errorf("streamed arguments %q", args)
		}
	})
	t.Run("chat", func(t *testing.T) {
		c, err := oc.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: "gpt-4o",
			Tools:    []openai.ChatCompletionToolUnionParam{openai.ChatCompletionFunctionTool(openai.FunctionDefinitionParam{Name: "get_weather", Parameters: schema})},
			Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(confidentialPrompt)}})
		if err != nil {
			t.Fatal(err)
		}
		if tc := c.Choices[0].Message.ToolCalls; len(tc) != 1 || tc[0].Function.Arguments != `{"city": "Rome"}` {
			t.Errorf("tool calls %+v", tc)
		}
	})
	t.Run("gemini", func(t *testing.T) {
		body := geminiPrompt(confidentialPrompt)
		body["tools"] = []any{map[string]any{"functionDeclarations": []any{map[string]any{"name": "get_weather",
			"parameters": map[string]any{"type": "OBJECT", "properties": map[string]any{"city": map[string]any{"type": "STRING"}}}}}}}
		for _, m := range []string{"generateContent", "streamGenerateContent"} {
			res := r.gemini(t, m, "?alt=sse", body)
			checkTools(t)
			if len(res.calls) != 1 || res.calls[0]["name"] != "get_weather" || res.calls[0]["args"].(map[string]any)["city"] != "Rome" {
				t.Errorf("%s: %+v", m, res)
			}
		}
	})
	if n := len(r.vendor.Requests()); n != 0 {
		t.Fatalf("the vendor received %d requests", n)
	}
}

// TestRerouteStreamsEventByEvent: the translated stream reaches the client
// as the internal model generates it, not when it is done.
func TestRerouteStreamsEventByEvent(t *testing.T) {
	gate := make(chan struct{})
	r := startReroute(t, fakemodel.WithStreamGate(gate), fakemodel.WithChunks(4))
	var once sync.Once
	open := func() { once.Do(func() { close(gate) }) }
	defer open()
	ac := r.anthropicClient()
	s := ac.Messages.NewStreaming(context.Background(), anthropicParams(confidentialPrompt, 64))
	// The model holds its last delta until the gate opens: the first text
	// delta must reach the client before that.
	got := make(chan string, 1)
	go func() {
		for s.Next() {
			if ev := s.Current(); ev.Type == "content_block_delta" {
				got <- ev.Delta.Text
				return
			}
		}
		got <- "stream ended: " + errString(s.Err())
	}()
	select {
	case first := <-got:
		if first == "" || strings.HasPrefix(first, "stream ended") {
			t.Fatalf("first delta %q", first)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the first delta did not arrive while the internal model held the last one")
	}
	open()
	for s.Next() {
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// TestRerouteCountTokens: an agent's token count of a confidential prompt is
// estimated by promptwall, never asked of the vendor.
func TestRerouteCountTokens(t *testing.T) {
	r := startReroute(t)
	ac := r.anthropicClient()
	n, err := ac.Messages.CountTokens(context.Background(), anthropic.MessageCountTokensParams{Model: "claude-sonnet-4-5",
		Messages: []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock(confidentialPrompt))}})
	if err != nil {
		t.Fatal(err)
	}
	if n.InputTokens <= 0 || r.tap.route() != "internal" {
		t.Errorf("count %d route %q", n.InputTokens, r.tap.route())
	}
	if len(r.vendor.Requests()) != 0 || len(r.model.Requests()) != 0 {
		t.Fatal("a token count went out")
	}
}

// TestRerouteSendsInternalKey: the internal server's own key (from the
// environment) goes with the request; the client's vendor key never does,
// and the key is in no audit line.
func TestRerouteSendsInternalKey(t *testing.T) {
	var b [16]byte
	_, _ = rand.Read(b[:])
	key := hex.EncodeToString(b[:])
	t.Setenv("PW_E2E_INTERNAL_KEY", key)
	fm := fakemodel.Start(t, fakemodel.WithAPIKey(key))
	e := start(t, fakevendor.Start(t), func(c *config.Config) {
		c.Internal = config.Internal{BaseURL: fm.URL, APIKeyEnv: "PW_E2E_INTERNAL_KEY", Models: map[string]string{"gpt-*": fakemodel.DefaultModel}}
	})
	c := chatWhole(t, e.openai(), chatParams(confidentialPrompt))
	if c.Choices[0].Message.Content != fakemodel.DefaultReply {
		t.Errorf("answer %q", c.Choices[0].Message.Content)
	}
	if got := fm.Last().Header.Get("Authorization"); got != "Bearer "+key {
		t.Errorf("internal request authorization %q", got)
	}
	e.auditLines(t, 1)
	raw, _ := os.ReadFile(e.audit)
	if bytes.Contains(raw, []byte(key)) {
		t.Fatal("the audit holds the internal key")
	}
}
