package llmapi

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Anthropic messages ⇄ OpenAI chat completions.

type amRequest struct {
	Model         string          `json:"model"`
	MaxTokens     *int64          `json:"max_tokens"`
	System        json.RawMessage `json:"system"`
	Messages      []amMessage     `json:"messages"`
	StopSequences []string        `json:"stop_sequences"`
	Temperature   *float64        `json:"temperature"`
	TopP          *float64        `json:"top_p"`
	Stream        bool            `json:"stream"`
	Tools         []amTool        `json:"tools"`
	ToolChoice    *amToolChoice   `json:"tool_choice"`
}

type amMessage struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

type amBlock struct {
	Type      string          `json:"type"`
	Text      string          `json:"text"`
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Input     json.RawMessage `json:"input"`
	ToolUseID string          `json:"tool_use_id"`
	Content   json.RawMessage `json:"content"`
	IsError   bool            `json:"is_error"`
}

type amTool struct {
	Type        string          `json:"type"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	InputSchema json.RawMessage `json:"input_schema"`
}

type amToolChoice struct {
	Type                   string `json:"type"`
	Name                   string `json:"name"`
	DisableParallelToolUse bool   `json:"disable_parallel_tool_use"`
}

// amBlocks reads a content that is a string or an array of blocks.
func amBlocks(raw json.RawMessage) ([]amBlock, error) {
	if s, ok := textOf(raw); ok {
		if s == "" {
			return nil, nil
		}
		return []amBlock{{Type: "text", Text: s}}, nil
	}
	var bs []amBlock
	if err := json.Unmarshal(raw, &bs); err != nil {
		return nil, fmt.Errorf("%w: a content is neither text nor blocks: %v", ErrUntranslatable, jsonErrorKind(err))
	}
	return bs, nil
}

// amText is the text of blocks, attachments replaced by a note.
func amText(bs []amBlock) string {
	var parts []string
	for _, b := range bs {
		switch b.Type {
		case "text":
			parts = append(parts, b.Text)
		case "image", "document", "container_upload":
			parts = append(parts, MediaNote)
		default:
			if b.Text != "" {
				parts = append(parts, b.Text)
			}
		}
	}
	return joinText(parts)
}

func (t *Translation) fromAnthropic(body []byte) error {
	var in amRequest
	if err := decodeObject(AnthropicMessages, body, &in); err != nil {
		return err
	}
	t.em = &anthropicEmitter{}
	t.clientModel, t.stream = in.Model, in.Stream
	out := ocRequest{MaxTokens: in.MaxTokens, Temperature: in.Temperature, TopP: in.TopP, Stop: in.StopSequences}
	if len(in.System) > 0 {
		bs, err := amBlocks(in.System)
		if err != nil {
			return err
		}
		if s := amText(bs); s != "" {
			out.add("system", s)
		}
	}
	for i, m := range in.Messages {
		bs, err := amBlocks(m.Content)
		if err != nil {
			return fmt.Errorf("messages[%d]: %w", i, err)
		}
		if m.Role == "assistant" {
			amAssistant(&out, bs)
			continue
		}
		// Tool results answer the assistant's calls: they come first, as
		// tool messages, and the rest of the turn follows as the user's.
		var rest []amBlock
		for _, b := range bs {
			if b.Type != "tool_result" {
				rest = append(rest, b)
				continue
			}
			text := ""
			if len(b.Content) > 0 {
				cbs, err := amBlocks(b.Content)
				if err != nil {
					return fmt.Errorf("messages[%d]: %w", i, err)
				}
				text = amText(cbs)
			}
			if b.IsError {
				text = "Error: " + text
			}
			out.Messages = append(out.Messages, ocMessage{Role: "tool", ToolCallID: b.ToolUseID, Content: ocStr(text)})
		}
		if len(rest) > 0 || len(bs) == 0 {
			out.add("user", amText(rest))
		}
	}
	for _, tool := range in.Tools {
		if tool.Type != "" && tool.Type != "custom" {
			continue // Anthropic-hosted tools (web search, bash…) do not exist inside
		}
		out.Tools = append(out.Tools, ocTool{Type: "function", Function: ocFunction{Name: tool.Name, Description: tool.Description, Parameters: tool.InputSchema}})
	}
	if tc := in.ToolChoice; tc != nil && len(out.Tools) > 0 {
		switch tc.Type {
		case "auto":
			out.ToolChoice = "auto"
		case "any":
			out.ToolChoice = "required"
		case "none":
			out.ToolChoice = "none"
		case "tool":
			out.ToolChoice = namedTool(tc.Name)
		}
		if tc.DisableParallelToolUse {
			out.ParallelToolCalls = new(bool)
		}
	}
	out.finish(t)
	return nil
}

func amAssistant(out *ocRequest, bs []amBlock) {
	var texts []string
	var calls []ocToolCall
	for _, b := range bs {
		switch b.Type {
		case "text":
			texts = append(texts, b.Text)
		case "tool_use":
			args := string(bytes.TrimSpace(b.Input))
			if args == "" || args == "null" {
				args = "{}"
			}
			calls = append(calls, ocToolCall{ID: b.ID, Type: "function", Function: ocFunctionCall{Name: b.Name, Arguments: args}})
		}
		// thinking blocks and Anthropic-hosted tool blocks do not carry over
	}
	m := ocMessage{Role: "assistant", ToolCalls: calls}
	if len(texts) > 0 || len(calls) == 0 {
		m.Content = ocStr(joinText(texts))
	}
	out.Messages = append(out.Messages, m)
}

// The answer.

type amUsage struct {
	InputTokens  int64 `json:"input_tokens"`
	OutputTokens int64 `json:"output_tokens"`
}

type amMessageOut struct {
	ID           string  `json:"id"`
	Type         string  `json:"type"`
	Role         string  `json:"role"`
	Model        string  `json:"model"`
	Content      []any   `json:"content"`
	StopReason   *string `json:"stop_reason"`
	StopSequence *string `json:"stop_sequence"`
	Usage        amUsage `json:"usage"`
}

type amTextOut struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type amToolUseOut struct {
	Type  string          `json:"type"`
	ID    string          `json:"id"`
	Name  string          `json:"name"`
	Input json.RawMessage `json:"input"`
}

// amStop maps a chat finish_reason to an Anthropic stop_reason.
func amStop(r *chatResult) (reason string, seq *string) {
	switch r.Finish {
	case "length":
		return "max_tokens", nil
	case "tool_calls", "function_call":
		return "tool_use", nil
	case "content_filter":
		return "refusal", nil
	}
	if len(r.Tools) > 0 {
		return "tool_use", nil // some servers finish a call with "stop"
	}
	if r.StopSeq != "" {
		return "stop_sequence", ocStr(r.StopSeq)
	}
	return "end_turn", nil
}

// jsonObject is args when it is a JSON object, else {} (Anthropic's input
// and Gemini's args must be objects).
func jsonObject(args string) json.RawMessage {
	b := bytes.TrimSpace([]byte(args))
	if len(b) > 0 && b[0] == '{' && json.Valid(b) {
		return b
	}
	return json.RawMessage("{}")
}

type anthropicEmitter struct {
	open     int    // index of the open content block, -1 none
	openKind string // "text" or "tool"
	next     int    // index of the next block
	toolOpen int    // the tool call the open block holds
}

var _ emitter = (*anthropicEmitter)(nil)

func (e *anthropicEmitter) contentType(stream bool) string {
	if stream {
		return "text/event-stream; charset=utf-8"
	}
	return "application/json"
}

func (e *anthropicEmitter) whole(r *chatResult) ([]byte, error) {
	m := amMessageOut{ID: "msg_" + r.suffix, Type: "message", Role: "assistant", Model: r.Model, Content: []any{},
		Usage: amUsage{InputTokens: r.Usage.InputTokens, OutputTokens: r.Usage.OutputTokens}}
	if s := r.Text.String(); s != "" {
		m.Content = append(m.Content, amTextOut{Type: "text", Text: s})
	}
	for _, tc := range r.Tools {
		m.Content = append(m.Content, amToolUseOut{Type: "tool_use", ID: tc.ID, Name: tc.Name, Input: jsonObject(tc.Args)})
	}
	reason, seq := amStop(r)
	m.StopReason, m.StopSequence = &reason, seq
	return marshalJSON(m), nil
}

func (e *anthropicEmitter) begin(b *bytes.Buffer, r *chatResult) {
	e.open = -1
	// Input tokens are known only at the end (vLLM reports usage last);
	// message_delta carries them then.
	m := amMessageOut{ID: "msg_" + r.suffix, Type: "message", Role: "assistant", Model: r.Model, Content: []any{}}
	writeEvent(b, "message_start", jsonObj{{"type", "message_start"}, {"message", m}})
}

func (e *anthropicEmitter) closeBlock(b *bytes.Buffer) {
	if e.open < 0 {
		return
	}
	writeEvent(b, "content_block_stop", jsonObj{{"type", "content_block_stop"}, {"index", e.open}})
	e.open = -1
}

func (e *anthropicEmitter) openBlock(b *bytes.Buffer, kind string, block any) {
	e.closeBlock(b)
	e.open, e.openKind = e.next, kind
	e.next++
	writeEvent(b, "content_block_start", jsonObj{{"type", "content_block_start"}, {"index", e.open}, {"content_block", block}})
}

func (e *anthropicEmitter) text(b *bytes.Buffer, _ *chatResult, delta string) {
	if e.open < 0 || e.openKind != "text" {
		e.openBlock(b, "text", amTextOut{Type: "text", Text: ""})
	}
	writeEvent(b, "content_block_delta", jsonObj{{"type", "content_block_delta"}, {"index", e.open},
		{"delta", jsonObj{{"type", "text_delta"}, {"text", delta}}}})
}

func (e *anthropicEmitter) toolStart(b *bytes.Buffer, r *chatResult, i int) {
	tc := r.Tools[i]
	e.openBlock(b, "tool", amToolUseOut{Type: "tool_use", ID: tc.ID, Name: tc.Name, Input: json.RawMessage("{}")})
	e.toolOpen = i
}

func (e *anthropicEmitter) toolArgs(b *bytes.Buffer, r *chatResult, i int, delta string) {
	if e.open < 0 || e.openKind != "tool" || e.toolOpen != i {
		return // a delta for a call already closed: its block cannot grow any more
	}
	writeEvent(b, "content_block_delta", jsonObj{{"type", "content_block_delta"}, {"index", e.open},
		{"delta", jsonObj{{"type", "input_json_delta"}, {"partial_json", delta}}}})
}

func (e *anthropicEmitter) end(b *bytes.Buffer, r *chatResult) {
	e.closeBlock(b)
	reason, seq := amStop(r)
	writeEvent(b, "message_delta", jsonObj{{"type", "message_delta"},
		{"delta", jsonObj{{"stop_reason", reason}, {"stop_sequence", seq}}},
		{"usage", amUsage{InputTokens: r.Usage.InputTokens, OutputTokens: r.Usage.OutputTokens}}})
	writeEvent(b, "message_stop", jsonObj{{"type", "message_stop"}})
}

func (e *anthropicEmitter) fail(b *bytes.Buffer, _ *chatResult, message string) {
	writeEvent(b, "error", anthropicError{Type: "error", Error: anthropicErrorDetail{Type: "api_error", Message: message}})
}
