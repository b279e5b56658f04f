package llmapi

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// benchText is ~size bytes of prose; with escapes it has line breaks, quotes
// and some non-ASCII, as pasted documents do (the slow string path).
func benchText(size int, escapes bool) string {
	words := strings.Fields(`the team agreed on a plan for next quarter and asked every group to list its action items
before the review meeting so that the budget discussion can start from a shared view of what each project needs`)
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(words[i%len(words)])
		switch {
		case escapes && i%41 == 40:
			b.WriteString(".\n\n")
		case escapes && i%97 == 96:
			b.WriteString(` "résumé" `)
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// benchBodies returns, per API, two 8 KB request bodies: "prompt", the load
// benchmark's shape (a system line and one clean 8 KB user prompt), and
// "conversation", several turns with escapes, a tool and a tool call.
func benchBodies() []struct {
	name, path string
	api        API
	body       []byte
} {
	mustJSON := func(v any) []byte {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		return b
	}
	type m = map[string]any
	prompt := benchText(8<<10, false)
	turn := func(i int) string { return benchText(640, true) + fmt.Sprint(" #", i) }
	tool := m{"type": "function", "function": m{"name": "lookup", "description": "Look a customer up.",
		"parameters": m{"type": "object", "properties": m{"name": m{"type": "string"}, "limit": m{"type": "integer"}}}}}
	var out []struct {
		name, path string
		api        API
		body       []byte
	}
	add := func(name, path string, api API, body []byte) {
		out = append(out, struct {
			name, path string
			api        API
			body       []byte
		}{name, path, api, body})
	}

	add("chat/prompt", "/v1/chat/completions", OpenAIChat, mustJSON(m{"model": "gpt-4o", "stream": true,
		"messages": []m{{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": prompt}}}))
	var msgs []m
	msgs = append(msgs, m{"role": "system", "content": "You are a helpful assistant."})
	for i := range 5 {
		msgs = append(msgs, m{"role": "user", "content": []m{{"type": "text", "text": turn(i)}}})
		msgs = append(msgs, m{"role": "assistant", "content": turn(i),
			"tool_calls": []m{{"id": "call_1", "type": "function", "function": m{"name": "lookup", "arguments": `{"name":"Ann","limit":3}`}}}})
	}
	add("chat/conversation", "/v1/chat/completions", OpenAIChat, mustJSON(m{"model": "gpt-4o", "temperature": 0.2, "tools": []m{tool}, "messages": msgs}))

	add("responses/prompt", "/v1/responses", OpenAIResponses, mustJSON(m{"model": "gpt-4o", "stream": true,
		"instructions": "You are a helpful assistant.", "input": []m{{"role": "user", "content": []m{{"type": "input_text", "text": prompt}}}}}))
	var items []m
	for i := range 5 {
		items = append(items, m{"role": "user", "content": []m{{"type": "input_text", "text": turn(i)}}})
		items = append(items, m{"type": "function_call", "call_id": "call_1", "name": "lookup", "arguments": `{"name":"Ann"}`})
		items = append(items, m{"type": "function_call_output", "call_id": "call_1", "output": []m{{"type": "input_text", "text": turn(i)}}})
	}
	add("responses/conversation", "/v1/responses", OpenAIResponses, mustJSON(m{"model": "gpt-4o", "instructions": "Be brief.", "tools": []m{tool}, "input": items}))

	add("anthropic/prompt", "/v1/messages", AnthropicMessages, mustJSON(m{"model": "claude-sonnet-4-5", "max_tokens": 1024, "stream": true,
		"system": "You are a helpful assistant.", "messages": []m{{"role": "user", "content": prompt}}}))
	var amsgs []m
	for i := range 5 {
		amsgs = append(amsgs, m{"role": "user", "content": []m{{"type": "text", "text": turn(i)}, {"type": "tool_result", "tool_use_id": "toolu_1", "content": "ok"}}})
		amsgs = append(amsgs, m{"role": "assistant", "content": []m{{"type": "text", "text": turn(i)},
			{"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": m{"name": "Ann", "limit": 3}}}})
	}
	add("anthropic/conversation", "/v1/messages", AnthropicMessages, mustJSON(m{"model": "claude-sonnet-4-5", "max_tokens": 1024,
		"system": []m{{"type": "text", "text": "Be brief.", "cache_control": m{"type": "ephemeral"}}}, "messages": amsgs}))

	add("gemini/prompt", "/v1beta/models/gemini-2.5-flash:generateContent", GeminiGenerate, mustJSON(m{
		"systemInstruction": m{"parts": []m{{"text": "You are a helpful assistant."}}},
		"contents":          []m{{"role": "user", "parts": []m{{"text": prompt}}}}}))
	var contents []m
	for i := range 5 {
		contents = append(contents, m{"role": "user", "parts": []m{{"text": turn(i)}}})
		contents = append(contents, m{"role": "model", "parts": []m{{"text": turn(i)}, {"functionCall": m{"name": "lookup", "args": m{"name": "Ann"}}}}})
	}
	add("gemini/conversation", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", GeminiGenerate, mustJSON(m{
		"systemInstruction": m{"parts": []m{{"text": "Be brief."}}}, "generationConfig": m{"temperature": 0.2, "maxOutputTokens": 512},
		"contents": contents}))
	return out
}

// BenchmarkExtract: Extract on 8 KB bodies of each API (go test -bench
// Extract -benchmem ./llmapi/).
func BenchmarkExtract(b *testing.B) {
	for _, c := range benchBodies() {
		b.Run(c.name, func(b *testing.B) {
			if _, err := Extract(c.api, c.path, c.body); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(c.body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Extract(c.api, c.path, c.body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestBenchBodiesAreRealistic(t *testing.T) {
	for _, c := range benchBodies() {
		if len(c.body) < 7<<10 || len(c.body) > 9<<10 {
			t.Errorf("%s: %d bytes, want about 8 KB", c.name, len(c.body))
		}
		req, err := Extract(c.api, c.path, c.body)
		if err != nil || req.API != c.api || len(req.Segments) == 0 {
			t.Errorf("%s: %v, api %s, %d segments", c.name, err, req.API, len(req.Segments))
		}
	}
}
