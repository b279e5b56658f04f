package llmapi

import (
	"bytes"
	"encoding/json"
	"errors"
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
	return &UsageMeter{stream: IsEventStream(contentType)}
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
	// Decoded into the few fields usage lives in, not into a generic tree:
	// the answers of every request pass here. A field of an unexpected type
	// is skipped (json reports it and decodes the rest).
	var te *json.UnmarshalTypeError
	if doc[0] == '[' {
		var docs []usageDoc
		if err := json.Unmarshal(doc, &docs); err != nil && !errors.As(err, &te) {
			return
		}
		for i := range docs {
			m.take(&docs[i], 0)
		}
		return
	}
	var d usageDoc
	if err := json.Unmarshal(doc, &d); err != nil && !errors.As(err, &te) {
		return
	}
	m.take(&d, 0)
}

// usageDoc is where an answer carries its usage: at the top, or under
// "response" (OpenAI responses stream events) or "message" (Anthropic's
// message_start).
type usageDoc struct {
	Usage *struct {
		PromptTokens     float64 `json:"prompt_tokens"`
		CompletionTokens float64 `json:"completion_tokens"`
		InputTokens      float64 `json:"input_tokens"`
		OutputTokens     float64 `json:"output_tokens"`
	} `json:"usage"`
	UsageMetadata *struct {
		PromptTokenCount     float64 `json:"promptTokenCount"`
		CandidatesTokenCount float64 `json:"candidatesTokenCount"`
	} `json:"usageMetadata"`
	Response *usageDoc `json:"response"`
	Message  *usageDoc `json:"message"`
}

func (m *UsageMeter) take(d *usageDoc, depth int) {
	if d == nil || depth > 3 {
		return
	}
	if u := d.Usage; u != nil {
		m.max(u.PromptTokens, u.CompletionTokens)
		m.max(u.InputTokens, u.OutputTokens)
	}
	if u := d.UsageMetadata; u != nil {
		m.max(u.PromptTokenCount, u.CandidatesTokenCount)
	}
	m.take(d.Response, depth+1)
	m.take(d.Message, depth+1)
}

func (m *UsageMeter) max(in, out float64) {
	m.u.InputTokens = max(m.u.InputTokens, int64(in))
	m.u.OutputTokens = max(m.u.OutputTokens, int64(out))
}
