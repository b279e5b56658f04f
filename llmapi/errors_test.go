package llmapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"
	aoption "github.com/anthropics/anthropic-sdk-go/v2/option"
	"github.com/openai/openai-go/v3"
	ooption "github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/responses"
)

func TestErrorBodyShapes(t *testing.T) {
	const msg = `blocked: AWS_ACCESS_KEY found in messages[0].content; remove it ("quoted" <ok>)`
	tests := []struct {
		vendor string
		api    API
		status int
		want   string
	}{
		{"openai", OpenAIChat, 403, `{"error":{"message":MSG,"type":"promptwall_policy","param":null,"code":"policy_violation"}}`},
		{"groq", Generic, 403, `{"error":{"message":MSG,"type":"promptwall_policy","param":null,"code":"policy_violation"}}`},
		{"anthropic", OpenAIChat, 403, `{"error":{"message":MSG,"type":"promptwall_policy","param":null,"code":"policy_violation"}}`}, // api first
		{"openai", OpenAIResponses, 413, `{"error":{"message":MSG,"type":"promptwall_policy","param":null,"code":"request_too_large"}}`},
		{"openai", OpenAIChat, 502, `{"error":{"message":MSG,"type":"promptwall_unavailable","param":null,"code":"promptwall_unavailable"}}`},
		{"anthropic", AnthropicMessages, 403, `{"type":"error","error":{"type":"permission_error","message":MSG}}`},
		{"anthropic", Generic, 413, `{"type":"error","error":{"type":"request_too_large","message":MSG}}`},
		{"anthropic", Raw, 400, `{"type":"error","error":{"type":"invalid_request_error","message":MSG}}`},
		{"anthropic", AnthropicMessages, 503, `{"type":"error","error":{"type":"api_error","message":MSG}}`},
		{"gemini", GeminiGenerate, 403, `{"error":{"code":403,"message":MSG,"status":"PERMISSION_DENIED"}}`},
		{"gemini", Generic, 413, `{"error":{"code":413,"message":MSG,"status":"INVALID_ARGUMENT"}}`},
		{"openai", GeminiGenerate, 503, `{"error":{"code":503,"message":MSG,"status":"UNAVAILABLE"}}`},
		{"gemini", GeminiGenerate, 500, `{"error":{"code":500,"message":MSG,"status":"INTERNAL"}}`},
	}
	q, _ := json.Marshal(msg)
	for _, tt := range tests {
		got := ErrorBody(tt.vendor, tt.api, tt.status, msg)
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatalf("%s/%s: invalid JSON %s", tt.vendor, tt.api, got)
		}
		if err := json.Unmarshal([]byte(strings.Replace(tt.want, "MSG", string(q), 1)), &w); err != nil {
			t.Fatal(err)
		}
		gb, _ := json.Marshal(g)
		wb, _ := json.Marshal(w)
		if string(gb) != string(wb) {
			t.Errorf("%s/%s/%d:\n got %s\nwant %s", tt.vendor, tt.api, tt.status, gb, wb)
		}
	}
}

// vendorServer answers every request with our error body, after checking
// that Extract finds prompt in what the real SDK sent.
func vendorServer(t *testing.T, vendor string, status int, msg, prompt string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		api := Identify(vendor, r.Method, r.URL.Path)
		req, err := Extract(api, r.URL.Path, body)
		found := false
		for _, s := range req.Segments {
			found = found || strings.Contains(s.Text, prompt)
		}
		if err != nil || !found || req.Model == "" {
			t.Errorf("%s %s: api %s model %q err %v: prompt not extracted from %s", r.Method, r.URL.Path, api, req.Model, err, body)
		}
		w.Header().Set("Content-Type", ErrorContentType)
		w.WriteHeader(status)
		w.Write(ErrorBody(vendor, api, status, msg))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestErrorBodyOpenAISDK(t *testing.T) {
	const msg = "promptwall blocked this request: GITHUB_TOKEN in messages[0].content (request id r-1)"
	const prompt = "please review my token"
	srv := vendorServer(t, "openai", 403, msg, prompt)
	client := openai.NewClient(ooption.WithBaseURL(srv.URL+"/v1"), ooption.WithAPIKey("test-key"), ooption.WithMaxRetries(0))
	ctx := context.Background()

	_, err := client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{
		Model:    openai.ChatModelGPT4o,
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(prompt)},
	})
	assertOpenAIError(t, err, 403, msg)

	_, err = client.Responses.New(ctx, responses.ResponseNewParams{
		Model: openai.ChatModelGPT4o,
		Input: responses.ResponseNewParamsInputUnion{OfString: openai.String(prompt)},
	})
	assertOpenAIError(t, err, 403, msg)

	// An OpenAI-compatible vendor, with its own path prefix.
	groq := vendorServer(t, "groq", 413, msg, prompt)
	client = openai.NewClient(ooption.WithBaseURL(groq.URL+"/openai/v1"), ooption.WithAPIKey("test-key"), ooption.WithMaxRetries(0))
	_, err = client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{
		Model:    "llama-3.3-70b-versatile",
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(prompt)},
	})
	assertOpenAIError(t, err, 413, msg)
}

func assertOpenAIError(t *testing.T, err error, status int, msg string) {
	t.Helper()
	var apiErr *openai.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *openai.Error", err)
	}
	if apiErr.StatusCode != status || apiErr.Message != msg || apiErr.Type != OpenAIErrorType {
		t.Errorf("openai.Error status %d type %q message %q; want %d %q %q", apiErr.StatusCode, apiErr.Type, apiErr.Message, status, OpenAIErrorType, msg)
	}
}

func TestErrorBodyAnthropicSDK(t *testing.T) {
	const msg = "promptwall blocked this request: EMAIL in messages[0].content[0].text (request id r-2)"
	const prompt = "mail alice about it"
	for _, tt := range []struct {
		status int
		typ    string
	}{{403, "permission_error"}, {413, "request_too_large"}, {400, "invalid_request_error"}} {
		srv := vendorServer(t, "anthropic", tt.status, msg, prompt)
		client := anthropic.NewClient(aoption.WithBaseURL(srv.URL), aoption.WithAPIKey("test-key"), aoption.WithMaxRetries(0))
		_, err := client.Messages.New(context.Background(), anthropic.MessageNewParams{
			Model:     anthropic.Model("claude-sonnet-4-5"),
			MaxTokens: 64,
			Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock(prompt))},
		})
		var apiErr *anthropic.Error
		if !errors.As(err, &apiErr) {
			t.Fatalf("err = %v, want *anthropic.Error", err)
		}
		if apiErr.StatusCode != tt.status || apiErr.Message != msg || string(apiErr.Type()) != tt.typ {
			t.Errorf("anthropic.Error status %d type %q message %q; want %d %q %q", apiErr.StatusCode, apiErr.Type(), apiErr.Message, tt.status, tt.typ, msg)
		}
	}
}
