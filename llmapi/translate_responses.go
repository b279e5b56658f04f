package llmapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// OpenAI responses ⇄ OpenAI chat completions.

type orRequest struct {
	Model              string          `json:"model"`
	Input              json.RawMessage `json:"input"`
	Instructions       *string         `json:"instructions"`
	MaxOutputTokens    *int64          `json:"max_output_tokens"`
	Temperature        *float64        `json:"temperature"`
	TopP               *float64        `json:"top_p"`
	Stream             bool            `json:"stream"`
	Tools              []orTool        `json:"tools"`
	ToolChoice         json.RawMessage `json:"tool_choice"`
	ParallelToolCalls  *bool           `json:"parallel_tool_calls"`
	PreviousResponseID *string         `json:"previous_response_id"`
	Conversation       json.RawMessage `json:"conversation"`
	Text               *struct {
		Format *struct {
			Type        string          `json:"type"`
			Name        string          `json:"name"`
			Description string          `json:"description"`
			Schema      json.RawMessage `json:"schema"`
			Strict      *bool           `json:"strict"`
		} `json:"format"`
	} `json:"text"`
	Metadata json.RawMessage `json:"metadata"`
}

type orTool struct {
	Type        string          `json:"type"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Parameters  json.RawMessage `json:"parameters"`
	Strict      *bool           `json:"strict"`
}

type orItem struct {
	Type      string          `json:"type"`
	Role      string          `json:"role"`
	Content   json.RawMessage `json:"content"`
	CallID    string          `json:"call_id"`
	Name      string          `json:"name"`
	Arguments string          `json:"arguments"`
	Output    json.RawMessage `json:"output"`
}

type orPart struct {
	Type    string `json:"type"`
	Text    string `json:"text"`
	Refusal string `json:"refusal"`
}

// orText is the text of a content that is a string or an array of parts.
func orText(raw json.RawMessage) (string, error) {
	if s, ok := textOf(raw); ok {
		return s, nil
	}
	var parts []orPart
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", fmt.Errorf("%w: a content is neither text nor parts: %v", ErrUntranslatable, jsonErrorKind(err))
	}
	var texts []string
	for _, p := range parts {
		switch p.Type {
		case "input_text", "output_text", "text":
			texts = append(texts, p.Text)
		case "refusal":
			texts = append(texts, p.Refusal)
		case "input_image", "input_file", "input_audio":
			texts = append(texts, MediaNote)
		default:
			if p.Text != "" {
				texts = append(texts, p.Text)
			}
		}
	}
	return joinText(texts), nil
}

func (t *Translation) fromResponses(body []byte) error {
	var in orRequest
	if err := decodeObject(OpenAIResponses, body, &in); err != nil {
		return err
	}
	if in.PreviousResponseID != nil && *in.PreviousResponseID != "" || len(in.Conversation) > 0 && string(in.Conversation) != "null" {
		return fmt.Errorf("%w: the conversation continues one stored at the vendor (previous_response_id or conversation), which the internal model never saw; send the whole history in input instead", ErrUntranslatable)
	}
	// The answer echoes the request's tools as they were sent.
	var echo struct {
		Tools json.RawMessage `json:"tools"`
	}
	_ = json.Unmarshal(body, &echo)
	em := &responsesEmitter{req: &in, tools: echo.Tools}
	t.em = em
	t.clientModel, t.stream = in.Model, in.Stream
	out := ocRequest{MaxTokens: in.MaxOutputTokens, Temperature: in.Temperature, TopP: in.TopP, ParallelToolCalls: in.ParallelToolCalls}
	if in.Instructions != nil && *in.Instructions != "" {
		out.add("system", *in.Instructions)
	}
	if s, ok := textOf(in.Input); ok {
		if s != "" {
			out.add("user", s)
		}
	} else {
		var items []orItem
		if err := json.Unmarshal(in.Input, &items); err != nil {
			return fmt.Errorf("%w: input is neither text nor items: %v", ErrUntranslatable, jsonErrorKind(err))
		}
		for i, it := range items {
			if err := orAddItem(&out, it); err != nil {
				return fmt.Errorf("input[%d]: %w", i, err)
			}
		}
	}
	for _, tool := range in.Tools {
		if tool.Type != "function" {
			continue // OpenAI-hosted tools (web search, file search…) do not exist inside
		}
		out.Tools = append(out.Tools, ocTool{Type: "function", Function: ocFunction{Name: tool.Name, Description: tool.Description, Parameters: tool.Parameters, Strict: tool.Strict}})
	}
	if len(out.Tools) > 0 && len(in.ToolChoice) > 0 {
		if s, ok := textOf(in.ToolChoice); ok {
			switch s {
			case "auto", "none", "required":
				out.ToolChoice = s
			}
		} else {
			var tc struct {
				Type string `json:"type"`
				Name string `json:"name"`
			}
			if json.Unmarshal(in.ToolChoice, &tc) == nil && tc.Type == "function" && tc.Name != "" {
				out.ToolChoice = namedTool(tc.Name)
			}
		}
	}
	if in.Text != nil && in.Text.Format != nil {
		switch f := in.Text.Format; f.Type {
		case "json_object":
			out.ResponseFormat = ocJSONSchema{Type: "json_object"}
		case "json_schema":
			js := ocJSONSchema{Type: "json_schema"}
			js.JSONSchema = &struct {
				Name        string          `json:"name"`
				Description string          `json:"description,omitempty"`
				Schema      json.RawMessage `json:"schema,omitempty"`
				Strict      *bool           `json:"strict,omitempty"`
			}{Name: f.Name, Description: f.Description, Schema: f.Schema, Strict: f.Strict}
			out.ResponseFormat = js
		}
	}
	out.finish(t)
	return nil
}

func orAddItem(out *ocRequest, it orItem) error {
	switch it.Type {
	case "", "message":
		text, err := orText(it.Content)
		if err != nil {
			return err
		}
		role := it.Role
		switch role {
		case "developer", "system":
			role = "system" // not every chat template knows "developer"
		case "assistant":
		default:
			role = "user"
		}
		out.add(role, text)
	case "function_call":
		args := it.Arguments
		if args == "" {
			args = "{}"
		}
		out.addToolCall(it.CallID, it.Name, args)
	case "function_call_output":
		text, ok := textOf(it.Output)
		if !ok {
			var err error
			if text, err = orText(it.Output); err != nil {
				return err
			}
		}
		out.Messages = append(out.Messages, ocMessage{Role: "tool", ToolCallID: it.CallID, Content: ocStr(text)})
	}
	// reasoning items, item references and hosted tool calls do not carry over
	return nil
}

// The answer.

type orResponse struct {
	ID                string          `json:"id"`
	Object            string          `json:"object"`
	CreatedAt         int64           `json:"created_at"`
	Status            string          `json:"status"`
	Error             any             `json:"error"`
	IncompleteDetails any             `json:"incomplete_details"`
	Instructions      *string         `json:"instructions"`
	MaxOutputTokens   *int64          `json:"max_output_tokens"`
	Model             string          `json:"model"`
	Output            []any           `json:"output"`
	ParallelToolCalls bool            `json:"parallel_tool_calls"`
	PreviousResponse  *string         `json:"previous_response_id"`
	Store             bool            `json:"store"`
	Temperature       *float64        `json:"temperature"`
	ToolChoice        json.RawMessage `json:"tool_choice"`
	Tools             json.RawMessage `json:"tools"`
	TopP              *float64        `json:"top_p"`
	Usage             *orUsage        `json:"usage"`
	Metadata          json.RawMessage `json:"metadata"`
}

type orUsage struct {
	InputTokens         int64          `json:"input_tokens"`
	InputTokensDetails  map[string]int `json:"input_tokens_details"`
	OutputTokens        int64          `json:"output_tokens"`
	OutputTokensDetails map[string]int `json:"output_tokens_details"`
	TotalTokens         int64          `json:"total_tokens"`
}

type orMessageOut struct {
	ID      string      `json:"id"`
	Type    string      `json:"type"`
	Status  string      `json:"status"`
	Content []orTextOut `json:"content"`
	Role    string      `json:"role"`
}

type orTextOut struct {
	Type        string `json:"type"`
	Annotations []any  `json:"annotations"`
	Logprobs    []any  `json:"logprobs"`
	Text        string `json:"text"`
}

type orCallOut struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	Status    string `json:"status"`
	Arguments string `json:"arguments"`
	CallID    string `json:"call_id"`
	Name      string `json:"name"`
}

func textOut(s string) orTextOut {
	return orTextOut{Type: "output_text", Annotations: []any{}, Logprobs: []any{}, Text: s}
}

// responsesEmitter renders Responses answers; the response echoes the
// request's settings, as the API does.
type responsesEmitter struct {
	req   *orRequest
	tools json.RawMessage
	seq   int

	item     int    // output index of the open item, -1 none
	itemKind string // "message" or "call"
	itemTool int    // the tool call the open item holds
	itemID   string // the id of the open message item
	output   []any  // items done so far
	msgText  bytes.Buffer
}

var _ emitter = (*responsesEmitter)(nil)

func (e *responsesEmitter) contentType(stream bool) string {
	if stream {
		return "text/event-stream; charset=utf-8"
	}
	return "application/json"
}

func (e *responsesEmitter) response(r *chatResult, status string, output []any, usage *orUsage) orResponse {
	created := r.Created
	if created == 0 {
		created = time.Now().Unix()
	}
	tc := e.req.ToolChoice
	if len(tc) == 0 {
		tc = json.RawMessage(`"auto"`)
	}
	tools := e.tools
	if len(tools) == 0 || string(tools) == "null" {
		tools = json.RawMessage("[]")
	}
	md := e.req.Metadata
	if len(md) == 0 || string(md) == "null" {
		md = json.RawMessage("{}")
	}
	parallel := e.req.ParallelToolCalls == nil || *e.req.ParallelToolCalls
	resp := orResponse{
		ID: "resp_" + r.suffix, Object: "response", CreatedAt: created, Status: status,
		Instructions: e.req.Instructions, MaxOutputTokens: e.req.MaxOutputTokens, Model: r.Model,
		Output: output, ParallelToolCalls: parallel, Temperature: e.req.Temperature, ToolChoice: tc,
		Tools: tools, TopP: e.req.TopP, Usage: usage, Metadata: md,
	}
	if status == "incomplete" {
		resp.IncompleteDetails = map[string]string{"reason": "max_output_tokens"}
	}
	return resp
}

func orUsageOf(r *chatResult) *orUsage {
	return &orUsage{
		InputTokens: r.Usage.InputTokens, InputTokensDetails: map[string]int{"cached_tokens": 0},
		OutputTokens: r.Usage.OutputTokens, OutputTokensDetails: map[string]int{"reasoning_tokens": 0},
		TotalTokens: r.Usage.InputTokens + r.Usage.OutputTokens,
	}
}

func orStatus(r *chatResult) string {
	if r.Finish == "length" {
		return "incomplete"
	}
	return "completed"
}

func (e *responsesEmitter) msgID(r *chatResult) string { return "msg_" + r.suffix }

func (e *responsesEmitter) callID(r *chatResult, i int) string {
	return "fc_" + r.suffix + "_" + strconv.Itoa(i)
}

func (e *responsesEmitter) whole(r *chatResult) ([]byte, error) {
	var output []any
	if s := r.Text.String(); s != "" || len(r.Tools) == 0 {
		output = append(output, orMessageOut{ID: e.msgID(r), Type: "message", Status: "completed", Role: "assistant", Content: []orTextOut{textOut(s)}})
	}
	for i, tc := range r.Tools {
		output = append(output, orCallOut{ID: e.callID(r, i), Type: "function_call", Status: "completed", Arguments: tc.Args, CallID: tc.ID, Name: tc.Name})
	}
	return marshalJSON(e.response(r, orStatus(r), output, orUsageOf(r))), nil
}

// event writes one event with the next sequence number.
func (e *responsesEmitter) event(b *bytes.Buffer, typ string, fields ...jsonField) {
	o := append(jsonObj{{"type", typ}, {"sequence_number", e.seq}}, fields...)
	e.seq++
	writeEvent(b, typ, o)
}

func (e *responsesEmitter) begin(b *bytes.Buffer, r *chatResult) {
	e.item = -1
	e.event(b, "response.created", jsonField{"response", e.response(r, "in_progress", []any{}, nil)})
	e.event(b, "response.in_progress", jsonField{"response", e.response(r, "in_progress", []any{}, nil)})
}

func (e *responsesEmitter) closeItem(b *bytes.Buffer, r *chatResult) {
	if e.item < 0 {
		return
	}
	idx := e.item
	e.item = -1
	if e.itemKind == "message" {
		full := e.msgText.String()
		id := e.itemID
		e.event(b, "response.output_text.done", jsonField{"item_id", id}, jsonField{"output_index", idx}, jsonField{"content_index", 0}, jsonField{"text", full}, jsonField{"logprobs", []any{}})
		e.event(b, "response.content_part.done", jsonField{"item_id", id}, jsonField{"output_index", idx}, jsonField{"content_index", 0}, jsonField{"part", textOut(full)})
		item := orMessageOut{ID: id, Type: "message", Status: "completed", Role: "assistant", Content: []orTextOut{textOut(full)}}
		e.output = append(e.output, item)
		e.event(b, "response.output_item.done", jsonField{"output_index", idx}, jsonField{"item", item})
		return
	}
	tc := r.Tools[e.itemTool]
	id := e.callID(r, e.itemTool)
	e.event(b, "response.function_call_arguments.done", jsonField{"item_id", id}, jsonField{"output_index", idx}, jsonField{"arguments", tc.Args})
	item := orCallOut{ID: id, Type: "function_call", Status: "completed", Arguments: tc.Args, CallID: tc.ID, Name: tc.Name}
	e.output = append(e.output, item)
	e.event(b, "response.output_item.done", jsonField{"output_index", idx}, jsonField{"item", item})
}

func (e *responsesEmitter) text(b *bytes.Buffer, r *chatResult, delta string) {
	id := e.msgID(r)
	if e.item < 0 || e.itemKind != "message" {
		if len(e.output) > 0 {
			id += "_" + strconv.Itoa(len(e.output)) // text again after a tool call: a new, unique item
		}
		e.closeItem(b, r)
		e.item, e.itemKind, e.itemID = len(e.output), "message", id
		e.msgText.Reset()
		e.event(b, "response.output_item.added", jsonField{"output_index", e.item}, jsonField{"item", orMessageOut{ID: id, Type: "message", Status: "in_progress", Role: "assistant", Content: []orTextOut{}}})
		e.event(b, "response.content_part.added", jsonField{"item_id", id}, jsonField{"output_index", e.item}, jsonField{"content_index", 0}, jsonField{"part", textOut("")})
	}
	e.msgText.WriteString(delta)
	e.event(b, "response.output_text.delta", jsonField{"item_id", e.itemID}, jsonField{"output_index", e.item}, jsonField{"content_index", 0}, jsonField{"delta", delta}, jsonField{"logprobs", []any{}})
}

func (e *responsesEmitter) toolStart(b *bytes.Buffer, r *chatResult, i int) {
	e.closeItem(b, r)
	e.item, e.itemKind, e.itemTool = len(e.output), "call", i
	tc := r.Tools[i]
	e.event(b, "response.output_item.added", jsonField{"output_index", e.item}, jsonField{"item", orCallOut{ID: e.callID(r, i), Type: "function_call", Status: "in_progress", Arguments: "", CallID: tc.ID, Name: tc.Name}})
}

func (e *responsesEmitter) toolArgs(b *bytes.Buffer, r *chatResult, i int, delta string) {
	if e.item < 0 || e.itemKind != "call" || e.itemTool != i {
		return // a delta for a call already closed: its done event went with what it had
	}
	e.event(b, "response.function_call_arguments.delta", jsonField{"item_id", e.callID(r, i)}, jsonField{"output_index", e.item}, jsonField{"delta", delta})
}

func (e *responsesEmitter) end(b *bytes.Buffer, r *chatResult) {
	e.closeItem(b, r)
	output := e.output
	if output == nil {
		output = []any{}
	}
	status := orStatus(r)
	typ := "response.completed"
	if status == "incomplete" {
		typ = "response.incomplete"
	}
	e.event(b, typ, jsonField{"response", e.response(r, status, output, orUsageOf(r))})
}

func (e *responsesEmitter) fail(b *bytes.Buffer, r *chatResult, message string) {
	resp := e.response(r, "failed", append([]any{}, e.output...), nil)
	resp.Error = map[string]string{"code": "server_error", "message": message}
	e.event(b, "response.failed", jsonField{"response", resp})
}
