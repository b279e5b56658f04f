package llmapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// The OpenAI chat completions wire format, as the internal model speaks it.

// ocRequest is a chat completions request built from another API's request.
type ocRequest struct {
	Model             string          `json:"model"`
	Messages          []ocMessage     `json:"messages"`
	MaxTokens         *int64          `json:"max_tokens,omitempty"`
	Temperature       *float64        `json:"temperature,omitempty"`
	TopP              *float64        `json:"top_p,omitempty"`
	Stop              []string        `json:"stop,omitempty"`
	Tools             []ocTool        `json:"tools,omitempty"`
	ToolChoice        any             `json:"tool_choice,omitempty"`
	ParallelToolCalls *bool           `json:"parallel_tool_calls,omitempty"`
	ResponseFormat    any             `json:"response_format,omitempty"`
	Stream            bool            `json:"stream,omitempty"`
	StreamOptions     *ocStreamOption `json:"stream_options,omitempty"`
}

type ocStreamOption struct {
	IncludeUsage bool `json:"include_usage"`
}

// ocMessage is one chat message. Content is a plain string (every
// OpenAI-compatible server reads that), or null beside tool calls.
type ocMessage struct {
	Role       string       `json:"role"`
	Content    *string      `json:"content"`
	ToolCalls  []ocToolCall `json:"tool_calls,omitempty"`
	ToolCallID string       `json:"tool_call_id,omitempty"`
}

type ocToolCall struct {
	ID       string         `json:"id"`
	Type     string         `json:"type"`
	Function ocFunctionCall `json:"function"`
}

type ocFunctionCall struct {
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
}

type ocTool struct {
	Type     string     `json:"type"`
	Function ocFunction `json:"function"`
}

type ocFunction struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Parameters  json.RawMessage `json:"parameters,omitempty"`
	Strict      *bool           `json:"strict,omitempty"`
}

// ocNamedTool is tool_choice naming one function.
type ocNamedTool struct {
	Type     string `json:"type"`
	Function struct {
		Name string `json:"name"`
	} `json:"function"`
}

func namedTool(name string) ocNamedTool {
	n := ocNamedTool{Type: "function"}
	n.Function.Name = name
	return n
}

// ocJSONSchema is response_format for structured output.
type ocJSONSchema struct {
	Type       string `json:"type"`
	JSONSchema *struct {
		Name        string          `json:"name"`
		Description string          `json:"description,omitempty"`
		Schema      json.RawMessage `json:"schema,omitempty"`
		Strict      *bool           `json:"strict,omitempty"`
	} `json:"json_schema,omitempty"`
}

func ocStr(s string) *string { return &s }

func (r *ocRequest) add(role, text string) {
	r.Messages = append(r.Messages, ocMessage{Role: role, Content: ocStr(text)})
}

// addToolCall appends a call to the last assistant message, or opens one.
func (r *ocRequest) addToolCall(id, name, args string) {
	if n := len(r.Messages); n > 0 && r.Messages[n-1].Role == "assistant" {
		m := &r.Messages[n-1]
		m.ToolCalls = append(m.ToolCalls, ocToolCall{ID: id, Type: "function", Function: ocFunctionCall{Name: name, Arguments: args}})
		return
	}
	r.Messages = append(r.Messages, ocMessage{Role: "assistant", ToolCalls: []ocToolCall{{ID: id, Type: "function", Function: ocFunctionCall{Name: name, Arguments: args}}}})
}

func (r *ocRequest) finish(t *Translation) {
	r.Model = t.model
	if t.stream {
		r.Stream = true
		r.StreamOptions = &ocStreamOption{IncludeUsage: true}
	}
	if r.Messages == nil {
		r.Messages = []ocMessage{}
	}
	// Many chat templates (Llama, Mistral…) take one system message, first:
	// the leading ones are merged.
	for len(r.Messages) > 1 && r.Messages[0].Role == "system" && r.Messages[1].Role == "system" {
		merged := *r.Messages[0].Content + "\n\n" + *r.Messages[1].Content
		r.Messages[1].Content = &merged
		r.Messages = r.Messages[1:]
	}
	t.body = marshalJSON(r)
}

// ocCompletion is a whole chat completion.
type ocCompletion struct {
	ID      string `json:"id"`
	Model   string `json:"model"`
	Created int64  `json:"created"`
	Choices []struct {
		Index   int `json:"index"`
		Message struct {
			Content   *string      `json:"content"`
			ToolCalls []ocToolCall `json:"tool_calls"`
		} `json:"message"`
		FinishReason string          `json:"finish_reason"`
		StopReason   json.RawMessage `json:"stop_reason"`
	} `json:"choices"`
	Usage *ocUsage `json:"usage"`
}

type ocUsage struct {
	PromptTokens     int64 `json:"prompt_tokens"`
	CompletionTokens int64 `json:"completion_tokens"`
}

func (u *ocUsage) usage() Usage {
	return Usage{InputTokens: u.PromptTokens, OutputTokens: u.CompletionTokens}
}

// ocChunk is one chat.completion.chunk event.
type ocChunk struct {
	ID      string `json:"id"`
	Model   string `json:"model"`
	Created int64  `json:"created"`
	Choices []struct {
		Index int `json:"index"`
		Delta struct {
			Content   *string           `json:"content"`
			ToolCalls []ocToolCallDelta `json:"tool_calls"`
		} `json:"delta"`
		FinishReason *string         `json:"finish_reason"`
		StopReason   json.RawMessage `json:"stop_reason"`
	} `json:"choices"`
	Usage *ocUsage `json:"usage"`
	// An error event: {"error": {...}} (OpenAI, vLLM) or {"object": "error", "message": …} (older vLLM).
	Error   *ocError `json:"error"`
	Object  string   `json:"object"`
	Message string   `json:"message"`
}

type ocToolCallDelta struct {
	Index    int    `json:"index"`
	ID       string `json:"id"`
	Function struct {
		Name      string `json:"name"`
		Arguments string `json:"arguments"`
	} `json:"function"`
}

type ocError struct {
	Message string `json:"message"`
}

// text is the server's message, bounded.
func (e *ocError) text() string {
	m := e.Message
	if len(m) > 300 {
		m = m[:300]
		for !utf8.ValidString(m) {
			m = m[:len(m)-1]
		}
		m += "…"
	}
	if m == "" {
		m = "no message"
	}
	return m
}

// parseChunk parses the data of one stream event.
func parseChunk(data []byte) (*ocChunk, error) {
	var c ocChunk
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrInternalAnswer, jsonErrorKind(err))
	}
	if c.Error == nil && c.Object == "error" {
		c.Error = &ocError{Message: c.Message}
	}
	return &c, nil
}

// fromChat passes an OpenAI chat request with the model replaced; a stream
// also asks for usage, which is stripped again unless the client asked.
func (t *Translation) fromChat(body []byte) error {
	var m map[string]json.RawMessage
	if err := decodeObject(OpenAIChat, body, &m); err != nil {
		return err
	}
	em := &chatEmitter{}
	t.em = em
	t.clientModel, _ = textOf(m["model"])
	m["model"] = marshalJSON(t.model)
	if s, ok := m["stream"]; ok && string(bytes.TrimSpace(s)) == "true" {
		t.stream = true
		opts := map[string]json.RawMessage{}
		if raw, ok := m["stream_options"]; ok && string(raw) != "null" {
			if err := json.Unmarshal(raw, &opts); err != nil {
				return fmt.Errorf("%w: stream_options is not an object", ErrUntranslatable)
			}
		}
		em.clientUsage = string(bytes.TrimSpace(opts["include_usage"])) == "true"
		opts["include_usage"] = json.RawMessage("true")
		m["stream_options"] = marshalJSON(opts)
	}
	t.body = marshalJSON(m)
	return nil
}

// chatEmitter passes the internal model's chat answer to an OpenAI chat client.
type chatEmitter struct {
	clientUsage bool // the client asked for stream usage itself
}

var _ rawEmitter = (*chatEmitter)(nil)

func (e *chatEmitter) contentType(stream bool) string {
	if stream {
		return "text/event-stream; charset=utf-8"
	}
	return "application/json"
}

func (e *chatEmitter) wholeRaw(chat []byte, _ *chatResult) ([]byte, error) { return chat, nil }

func (e *chatEmitter) chunk(b *bytes.Buffer, data []byte, c *ocChunk) {
	if !e.clientUsage && len(c.Choices) == 0 && c.Usage != nil {
		return // the usage chunk promptwall asked for, not the client
	}
	b.WriteString("data: ")
	b.Write(data)
	b.WriteString("\n\n")
}

func (e *chatEmitter) fail(b *bytes.Buffer, _ *chatResult, message string) {
	writeEvent(b, "", map[string]any{"error": map[string]any{
		"message": message, "type": OpenAIErrorType, "param": nil, "code": "internal_model_failed",
	}})
}

// The structured methods are not used: chat passes raw.
func (e *chatEmitter) whole(r *chatResult) ([]byte, error)              { return nil, ErrInternalAnswer }
func (e *chatEmitter) begin(*bytes.Buffer, *chatResult)                 {}
func (e *chatEmitter) text(*bytes.Buffer, *chatResult, string)          {}
func (e *chatEmitter) toolStart(*bytes.Buffer, *chatResult, int)        {}
func (e *chatEmitter) toolArgs(*bytes.Buffer, *chatResult, int, string) {}
func (e *chatEmitter) end(*bytes.Buffer, *chatResult)                   {}
