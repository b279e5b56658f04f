package llmapi

import (
	"strings"
	"testing"
)

func TestUsageMeter(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		want                    Usage
	}{
		{"openai chat", "application/json",
			`{"id":"c","object":"chat.completion","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":34,"total_tokens":46}}`, Usage{12, 34}},
		{"openai chat stream", "text/event-stream",
			"data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7}}\n\ndata: [DONE]\n\n", Usage{5, 7}},
		{"responses stream", "text/event-stream; charset=utf-8",
			"event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"usage\":null}}\n\nevent: response.completed\r\ndata: {\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":9,\"output_tokens\":3}}}\r\n\r\n", Usage{9, 3}},
		{"anthropic", "application/json",
			`{"type":"message","content":[],"usage":{"input_tokens":21,"output_tokens":8}}`, Usage{21, 8}},
		{"anthropic stream", "text/event-stream",
			"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":15}}\n\n", Usage{25, 15}},
		{"gemini", "application/json",
			`{"candidates":[],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":6,"totalTokenCount":10}}`, Usage{4, 6}},
		{"gemini array stream", "application/json",
			"[{\"candidates\":[]}\n,\r\n{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":2}}\n]", Usage{4, 2}},
		{"no usage", "application/json", `{"error":{"message":"nope"}}`, Usage{}},
		{"odd field types skipped", "application/json",
			`{"usage":{"prompt_tokens":"12","completion_tokens":34},"message":7}`, Usage{0, 34}},
		{"not json", "text/plain", `usage: lots`, Usage{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Byte by byte: the meter must not depend on how the answer is cut.
			m := NewUsageMeter(tt.contentType)
			for i := range len(tt.body) {
				m.Write([]byte{tt.body[i]})
			}
			if got := m.Usage(); got != tt.want {
				t.Fatalf("byte by byte: %+v, want %+v", got, tt.want)
			}
			m = NewUsageMeter(tt.contentType)
			m.Write([]byte(tt.body))
			if got := m.Usage(); got != tt.want {
				t.Fatalf("whole: %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestUsageMeterBounded(t *testing.T) {
	m := NewUsageMeter("application/json")
	m.Write([]byte(`{"usage":{"prompt_tokens":1},"pad":"`))
	m.Write([]byte(strings.Repeat("x", maxUsageLine)))
	m.Write([]byte(`"}`))
	if m.buf.Len() != 0 || (m.Usage() != Usage{}) {
		t.Fatal("an oversize body was kept")
	}
}

func FuzzUsageMeter(f *testing.F) {
	f.Add("text/event-stream", "data: {\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}\n\n", 3)
	f.Add("application/json", `{"usageMetadata":{"promptTokenCount":4}}`, 1)
	f.Fuzz(func(t *testing.T, ct, body string, cut int) {
		whole := NewUsageMeter(ct)
		whole.Write([]byte(body))
		split := NewUsageMeter(ct)
		if cut < 0 {
			cut = -cut
		}
		if len(body) > 0 {
			cut %= len(body) + 1
		} else {
			cut = 0
		}
		split.Write([]byte(body[:cut]))
		split.Write([]byte(body[cut:]))
		if whole.Usage() != split.Usage() {
			t.Fatalf("cut at %d changes the usage", cut)
		}
	})
}

// BenchmarkUsageMeterWhole: the meter reads every whole answer the proxy
// relays (a 0.6 KB chat completion here).
func BenchmarkUsageMeterWhole(b *testing.B) {
	body := []byte(`{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"` +
		strings.Repeat("All clear. ", 40) + `"},"finish_reason":"stop"}],"usage":{"prompt_tokens":2048,"completion_tokens":120,"total_tokens":2168}}`)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		m := NewUsageMeter("application/json")
		m.Write(body)
		if m.Usage().InputTokens != 2048 {
			b.Fatal("usage not read")
		}
	}
}
