package llmapi

import (
	"bytes"
	"encoding/json"
	"strings"
)

// maxUsageLine bounds what a UsageMeter keeps of one line or body: usage
// sits in small events or at the end of a body, and nothing is worth
// unbounded memory.
const maxUsageLine = 4 << 20

// UsageMeter reads the token usage out of an answer as it streams past,
// without changing it: OpenAI chat (`usage.prompt_tokens`/`completion_tokens`,
// in the body or the last stream chunk), OpenAI responses and Anthropic
// (`usage.input_tokens`/`output_tokens`, also under `response` and `message`;
// Anthropic's stream reports input in message_start and output in
// message_delta), and Gemini (`usageMetadata.promptTokenCount`/
// `candidatesTokenCount`). Write it every byte of the answer; call Usage at
// the end. The largest count seen wins, since streams report running totals.
type UsageMeter struct {
	stream bool // SSE: parse each data line; else parse the whole body at the end
	buf    bytes.Buffer
	over   bool
	u      Usage
}

// NewUsageMeter meters an answer of the given Content-Type.
func NewUsageMeter(contentType string) *UsageMeter {
	return &UsageMeter{stream: strings.HasPrefix(strings.ToLower(strings.TrimSpace(contentType)), "text/event-stream")}
}

// Write takes the next bytes of the answer. It never fails.
func (m *UsageMeter) Write(p []byte) (int, error) {
	n := len(p)
	if !m.stream {
		if !m.over {
			if m.buf.Len()+len(p) > maxUsageLine {
				m.over = true
				m.buf.Reset()
			} else {
				m.buf.Write(p)
			}
		}
		return n, nil
	}
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			if !m.over && m.buf.Len()+len(p) <= maxUsageLine {
				m.buf.Write(p)
			} else {
				m.over = true
			}
			break
		}
		if !m.over && m.buf.Len()+i <= maxUsageLine {
			m.buf.Write(p[:i])
			m.line(m.buf.Bytes())
		}
		m.buf.Reset()
		m.over = false
		p = p[i+1:]
	}
	return n, nil
}

// Usage returns what the answer reported (zero when it reported nothing).
func (m *UsageMeter) Usage() Usage {
	if !m.stream && !m.over && m.buf.Len() > 0 {
		m.scan(m.buf.Bytes())
		m.buf.Reset()
	} else if m.stream && !m.over && m.buf.Len() > 0 {
		m.line(m.buf.Bytes())
		m.buf.Reset()
	}
	return m.u
}

func (m *UsageMeter) line(l []byte) {
	l = bytes.TrimRight(l, "\r")
	data, ok := bytes.CutPrefix(l, []byte("data:"))
	if !ok {
		return
	}
	m.scan(bytes.TrimSpace(data))
}

// scan parses one JSON document (an object, or Gemini's array of chunks) and
// takes the usage it carries.
func (m *UsageMeter) scan(doc []byte) {
	doc = bytes.TrimSpace(doc)
	if len(doc) == 0 || (doc[0] != '{' && doc[0] != '[') || !bytes.Contains(doc, []byte("sage")) {
		return // no "usage"/"usageMetadata" in it: not worth parsing
	}
	var v any
	if json.Unmarshal(doc, &v) != nil {
		return
	}
	m.walk(v, 0)
}

func (m *UsageMeter) walk(v any, depth int) {
	if depth > 3 {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			m.walk(e, depth+1)
		}
	case map[string]any:
		if u, ok := t["usage"].(map[string]any); ok {
			m.take(u, "prompt_tokens", "completion_tokens")
			m.take(u, "input_tokens", "output_tokens")
		}
		if u, ok := t["usageMetadata"].(map[string]any); ok {
			m.take(u, "promptTokenCount", "candidatesTokenCount")
		}
		for _, k := range []string{"response", "message"} {
			if inner, ok := t[k].(map[string]any); ok {
				m.walk(inner, depth+1)
			}
		}
	}
}

func (m *UsageMeter) take(u map[string]any, in, out string) {
	if f, ok := u[in].(float64); ok && int64(f) > m.u.InputTokens {
		m.u.InputTokens = int64(f)
	}
	if f, ok := u[out].(float64); ok && int64(f) > m.u.OutputTokens {
		m.u.OutputTokens = int64(f)
	}
}
