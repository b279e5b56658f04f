package llmapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func TestIdentify(t *testing.T) {
	tests := []struct {
		vendor, method, path string
		want                 API
	}{
		{"openai", "POST", "/v1/chat/completions", OpenAIChat},
		{"groq", "POST", "/openai/v1/chat/completions", OpenAIChat},
		{"openrouter", "POST", "/api/v1/chat/completions/", OpenAIChat},
		{"perplexity", "POST", "/chat/completions", OpenAIChat},
		{"azure-openai", "POST", "/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21", OpenAIChat},
		{"openai", "POST", "/v1/responses", OpenAIResponses},
		{"openai", "GET", "/v1/responses", Generic},
		{"anthropic", "POST", "/v1/messages", AnthropicMessages},
		{"anthropic", "POST", "/v1/messages?beta=true", AnthropicMessages},
		{"anthropic", "POST", "/v1/messages/count_tokens", Generic},
		{"gemini", "POST", "/v1beta/models/gemini-2.5-flash:generateContent", GeminiGenerate},
		{"gemini", "POST", "/v1/models/gemini-2.5-pro:streamGenerateContent?alt=sse", GeminiGenerate},
		{"gemini", "POST", "/v1beta/tunedModels/my-model:generateContent", GeminiGenerate},
		{"gemini", "POST", "/v1beta/models/gemini-2.5-flash:countTokens", Generic},
		{"gemini", "POST", "/v1beta/files/x:generateContent", Generic},
		{"openai", "POST", "/v1/embeddings", Generic},
		{"openai", "", "/v1/chat/completions", OpenAIChat},
	}
	for _, tt := range tests {
		if got := Identify(tt.vendor, tt.method, tt.path); got != tt.want {
			t.Errorf("Identify(%q, %q, %q) = %q, want %q", tt.vendor, tt.method, tt.path, got, tt.want)
		}
	}
}

func TestExtractGolden(t *testing.T) {
	tests := []struct {
		file string
		api  API
		path string
	}{
		{"openai_chat_string.json", OpenAIChat, "/v1/chat/completions"},
		{"openai_chat_parts.json", OpenAIChat, "/v1/chat/completions"},
		{"openai_chat_unexpected.json", OpenAIChat, "/v1/chat/completions"},
		{"azure_chat.json", OpenAIChat, "/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21"},
		{"openai_responses_string.json", OpenAIResponses, "/v1/responses"},
		{"openai_responses_items.json", OpenAIResponses, "/v1/responses"},
		{"anthropic_string.json", AnthropicMessages, "/v1/messages"},
		{"anthropic_blocks.json", AnthropicMessages, "/v1/messages"},
		{"gemini.json", GeminiGenerate, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"},
		{"gemini_snake.json", GeminiGenerate, "/v1/models/gemini-2.0-flash:generateContent"},
		{"generic.json", Generic, "/v2/chat"},
		{"raw.txt", OpenAIChat, "/v1/chat/completions"},
		{"toplevel_array.json", AnthropicMessages, "/v1/messages"},
		{"trailing.json", OpenAIChat, "/v1/chat/completions"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "extract", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			req, err := Extract(tt.api, tt.path, body)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got, err := json.MarshalIndent(req, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "extract", strings.TrimSuffix(tt.file, filepath.Ext(tt.file))+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("segments differ from %s (run with -update after checking)\ngot:\n%s", golden, got)
			}
			assertNoTextDropped(t, body, req)
		})
	}
}

// assertNoTextDropped checks that every string the body holds that looks like
// prose (has a space) shows up in some segment: a guard against a schema
// table silently skipping a text field.
func assertNoTextDropped(t *testing.T, body []byte, req Request) {
	t.Helper()
	root, err := parseTree(body)
	if err != nil {
		return // raw: one segment, checked by the golden file
	}
	var all strings.Builder
	for _, s := range req.Segments {
		all.WriteString(s.Text)
		all.WriteByte(0)
	}
	var check func(n *node)
	check = func(n *node) {
		switch n.kind {
		case kString:
			if strings.Contains(n.str, " ") && !strings.Contains(all.String(), n.str) {
				t.Errorf("text %q not extracted", n.str)
			}
		case kArray, kObject:
			for i, v := range n.vals {
				if n.kind == kObject && strings.Contains(n.keys[i], " ") && !strings.Contains(all.String(), n.keys[i]) {
					t.Errorf("key %q not extracted", n.keys[i])
				}
				check(v)
			}
		}
	}
	check(root)
}

func TestExtractModelAndStream(t *testing.T) {
	tests := []struct {
		api        API
		path, body string
		model      string
		stream     bool
	}{
		{OpenAIChat, "/v1/chat/completions", `{"model":"gpt-4o","stream":true,"messages":[]}`, "gpt-4o", true},
		{OpenAIChat, "/v1/chat/completions", `{"model":"gpt-4o","stream":"true"}`, "gpt-4o", false},
		{OpenAIChat, "/openai/deployments/prod-4o/chat/completions", `{"model":"ignored"}`, "prod-4o", false},
		{AnthropicMessages, "/v1/messages", `{"model":"claude-x","stream":false}`, "claude-x", false},
		{GeminiGenerate, "/v1beta/models/gemini-2.5-pro:streamGenerateContent", `{"contents":[]}`, "gemini-2.5-pro", true},
		{GeminiGenerate, "/v1beta/models/gemini-2.5-pro:generateContent", `{"contents":[]}`, "gemini-2.5-pro", false},
		{Generic, "/x", `{"model":7}`, "", false},
	}
	for _, tt := range tests {
		req, err := Extract(tt.api, tt.path, []byte(tt.body))
		if err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		if req.Model != tt.model || req.Stream != tt.stream {
			t.Errorf("%s %s: model %q stream %v, want %q %v", tt.api, tt.body, req.Model, req.Stream, tt.model, tt.stream)
		}
	}
}

func TestExtractAmbiguous(t *testing.T) {
	bodies := []string{
		`{"model":"a","model":"b"}`,
		`{"model":"a","\u006dodel":"b"}`,
		`{"messages":[{"role":"user","content":"x","content":"y"}]}`,
		`{"messages":[{"content":[{"type":"tool_use","input":{"q":"1","q":"2"}}]}]}`,
	}
	for _, api := range []API{OpenAIChat, AnthropicMessages, GeminiGenerate, Generic} {
		for _, b := range bodies {
			_, err := Extract(api, "/", []byte(b))
			if !errors.Is(err, ErrAmbiguous) {
				t.Errorf("%s %s: err = %v, want ErrAmbiguous", api, b, err)
			}
			if err != nil && strings.Contains(err.Error(), `"`) {
				t.Errorf("error quotes body content: %v", err)
			}
		}
	}
	// Same key in different objects is not ambiguous.
	if _, err := Extract(OpenAIChat, "/", []byte(`{"a":{"k":1},"b":{"k":2}}`)); err != nil {
		t.Errorf("distinct objects: %v", err)
	}
}

func TestExtractRawFallbacks(t *testing.T) {
	deep := strings.Repeat("[", maxDepth+10) + `"deep text"` + strings.Repeat("]", maxDepth+10)
	tests := []struct {
		name, body string
		api        API
		segs       int
	}{
		{"empty", "", Raw, 0},
		{"blank", " \n", Raw, 0},
		{"truncated", `{"messages":[{"role":"user","content":"cut`, Raw, 1},
		{"too deep", deep, Raw, 1},
		{"bare string", `"just a string"`, Generic, 1},
	}
	for _, tt := range tests {
		req, err := Extract(OpenAIChat, "/v1/chat/completions", []byte(tt.body))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if req.API != tt.api || len(req.Segments) != tt.segs {
			t.Errorf("%s: api %q with %d segments, want %q with %d", tt.name, req.API, len(req.Segments), tt.api, tt.segs)
		}
		if tt.api == Raw && tt.segs == 1 && (req.Segments[0].Text != tt.body || req.Segments[0].Path != "") {
			t.Errorf("%s: raw segment %+v is not the whole body", tt.name, req.Segments[0])
		}
	}
}

func TestMemberPath(t *testing.T) {
	tests := []struct{ path, key, want string }{
		{"", "messages", "messages"},
		{"a", "b_c", "a.b_c"},
		{"a", "my key", `a["my key"]`},
		{"", "a.b", `["a.b"]`},
		{"a", "9x", `a["9x"]`},
		{"a", `q"x`, `a["q\"x"]`},
	}
	for _, tt := range tests {
		if got := member(tt.path, tt.key); got != tt.want {
			t.Errorf("member(%q, %q) = %s, want %s", tt.path, tt.key, got, tt.want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "extract", "*.json"))
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		for i := range 4 {
			f.Add(uint8(i), b)
		}
	}
	f.Add(uint8(0), []byte(`{"messages":[{"content":[{"text":1}]}]}`))
	apis := []struct {
		api  API
		path string
	}{
		{OpenAIChat, "/openai/deployments/d/chat/completions"},
		{OpenAIResponses, "/v1/responses"},
		{AnthropicMessages, "/v1/messages"},
		{GeminiGenerate, "/v1beta/models/m:streamGenerateContent"},
		{Generic, "/x"},
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		a := apis[int(which)%len(apis)]
		req, err := Extract(a.api, a.path, body)
		if err != nil {
			if !errors.Is(err, ErrAmbiguous) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if !json.Valid(body) {
			if len(bytes.TrimSpace(body)) > 0 && (req.API != Raw || len(req.Segments) != 1 || req.Segments[0].Text != string(body)) {
				t.Fatalf("invalid JSON not returned whole as Raw: %+v", req)
			}
			return
		}
		// Every non-empty string value of a valid body is in some segment
		// unless an inert or opaque field held it: check the count bound.
		var total int
		for _, s := range req.Segments {
			if s.Text == "" {
				t.Fatalf("empty segment at %q", s.Path)
			}
			total += len(s.Text)
		}
		if total > 3*len(body)+16 {
			t.Fatalf("segments hold %d bytes for a %d-byte body", total, len(body))
		}
	})
}

func TestExtractStructuralFieldsStillScanned(t *testing.T) {
	// A secret pasted into a structural field reaches the vendor (and its
	// logs) even when the vendor rejects the request: it must be scanned.
	secret := "sk-Test" + strings.ToUpper(strconv.FormatInt(time.Now().UnixNano(), 36)) + "xYz"
	bodies := map[API]string{
		OpenAIChat:        `{"model":"%s","messages":[{"role":"%[1]s","content":"hi"}]}`,
		OpenAIResponses:   `{"model":"gpt-5","input":[{"type":"function_call","call_id":"%s","arguments":"{}"}]}`,
		AnthropicMessages: `{"model":"c","messages":[{"role":"user","content":[{"type":"tool_use","id":"%s","name":"n","input":{}}]}]}`,
		GeminiGenerate:    `{"contents":[{"role":"user","parts":[{"functionCall":{"name":"%s","args":{}}}]}]}`,
	}
	for api, tmpl := range bodies {
		req, err := Extract(api, "/v1beta/models/m:generateContent", []byte(fmt.Sprintf(tmpl, secret)))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, s := range req.Segments {
			found = found || s.Text == secret
		}
		if !found {
			t.Errorf("%s: secret in a structural field not extracted: %+v", api, req.Segments)
		}
	}
	// Plain structural tokens are not segments.
	req, _ := Extract(OpenAIChat, "/v1/chat/completions", []byte(`{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}`))
	if len(req.Segments) != 1 || req.Segments[0].Path != "messages[0].content" {
		t.Errorf("segments = %+v, want only messages[0].content", req.Segments)
	}
}

// TestExtractDecodesEscapes: detectors see the text the vendor decodes, so a
// secret spelled with escapes is found as if written plainly.
func TestExtractDecodesEscapes(t *testing.T) {
	suffix := strings.ToUpper(strconv.FormatInt(time.Now().UnixNano(), 36))
	var esc strings.Builder
	for _, r := range "AKIA" + suffix {
		fmt.Fprintf(&esc, `\u%04x`, r)
	}
	body := `{"model":"gpt-4o","messages":[{"role":"user","content":"key ` + esc.String() + ` \ud83d\ude00\n"}],` +
		`"metadata":{"n\u0061me \"x\"":"\u00e9\/"}}`
	req, err := Extract(OpenAIChat, "/v1/chat/completions", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := []Segment{
		{Path: "messages[0].content", Text: "key AKIA" + suffix + " 😀\n"},
		{Path: `metadata["name \"x\""]`, Text: `name "x"`, Key: true},
		{Path: `metadata["name \"x\""]`, Text: "é/"},
	}
	if !reflect.DeepEqual(req.Segments, want) {
		t.Errorf("segments = %+v\nwant %+v", req.Segments, want)
	}
}
