package llmapi

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// benchStream is a vLLM stream of n content deltas of a few tokens each.
func benchStream(n int) []byte {
	var b bytes.Buffer
	head := `{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1767225600,"model":"llama-3.1-8b-instruct","choices":[{"index":0,"delta":`
	fmt.Fprintf(&b, "data: %s{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n", head)
	for i := range n {
		fmt.Fprintf(&b, "data: %s{\"content\":\" token%d\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n", head, i)
	}
	fmt.Fprintf(&b, "data: %s{\"content\":\"\"},\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_reason\":null}]}\n\n", head)
	b.WriteString(`data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1767225600,"model":"llama-3.1-8b-instruct","choices":[],"usage":{"prompt_tokens":900,"total_tokens":1400,"completion_tokens":500}}` + "\n\ndata: [DONE]\n\n")
	return b.Bytes()
}

// BenchmarkTranslate measures what translation adds to a rerouted request:
// the request (an 8 KB prompt), a whole answer, and a 500-delta stream.
func BenchmarkTranslate(b *testing.B) {
	prompt := strings.Repeat("The quarterly figures are confidential. ", 200) // ~8 KB
	bodies := map[API]string{
		OpenAIChat:        `{"model":"gpt-4o","stream":true,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":%q}]}`,
		AnthropicMessages: `{"model":"claude-sonnet-4-5","max_tokens":1024,"stream":true,"system":"Be brief.","messages":[{"role":"user","content":[{"type":"text","text":%q}]}]}`,
		GeminiGenerate:    `{"systemInstruction":{"parts":[{"text":"Be brief."}]},"contents":[{"role":"user","parts":[{"text":%q}]}]}`,
		OpenAIResponses:   `{"model":"gpt-4o","stream":true,"instructions":"Be brief.","input":[{"role":"user","content":[{"type":"input_text","text":%q}]}]}`,
	}
	targets := map[API]string{OpenAIChat: "/v1/chat/completions", AnthropicMessages: "/v1/messages",
		GeminiGenerate: "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", OpenAIResponses: "/v1/responses"}
	answer, err := os.ReadFile("testdata/translate/answer_text.json")
	if err != nil {
		b.Fatal(err)
	}
	stream := benchStream(500)
	for _, api := range []API{OpenAIChat, AnthropicMessages, GeminiGenerate, OpenAIResponses} {
		body := []byte(fmt.Sprintf(bodies[api], prompt))
		b.Run(string(api)+"/request", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Translate(api, targets[api], body, "llama"); err != nil {
					b.Fatal(err)
				}
			}
		})
		tr, _ := Translate(api, targets[api], body, "llama")
		b.Run(string(api)+"/answer", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tr.Answer(answer); err != nil {
					b.Fatal(err)
				}
			}
		})
		// As over the network: one event per read, each passed on at once.
		b.Run(string(api)+"/stream500", func(b *testing.B) {
			b.SetBytes(int64(len(stream)))
			b.ReportAllocs()
			buf := make([]byte, 32<<10)
			for b.Loop() {
				tr, _ := Translate(api, targets[api], body, "llama")
				out := tr.StreamAnswer(io.NopCloser(&eventReader{events: bytes.SplitAfter(stream, []byte("\n\n"))}))
				for {
					if _, err := out.Read(buf); err == io.EOF {
						break
					} else if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// eventReader hands out one SSE event per Read, as a streaming server's
// flushes arrive.
type eventReader struct{ events [][]byte }

func (r *eventReader) Read(p []byte) (int, error) {
	for len(r.events) > 0 && len(r.events[0]) == 0 {
		r.events = r.events[1:]
	}
	if len(r.events) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.events[0])
	r.events[0] = r.events[0][n:]
	return n, nil
}
