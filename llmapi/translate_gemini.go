package llmapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Gemini generateContent / streamGenerateContent ⇄ OpenAI chat completions.
// Gemini accepts both lowerCamelCase and snake_case field names; so do we.

// gmFields is a Gemini JSON object read by field name, either spelling. The
// body is decoded once, numbers kept as written (json.Number).
type gmFields map[string]any

// get returns the member named camel (or its snake_case spelling).
func (m gmFields) get(camel string) any {
	if v, ok := m[camel]; ok {
		return v
	}
	return m[snake(camel)]
}

func (m gmFields) str(camel string) string {
	s, _ := m.get(camel).(string)
	return s
}

// obj returns the member as an object: absent or null is empty, another
// type is ErrUntranslatable.
func (m gmFields) obj(camel string) (gmFields, error) {
	switch v := m.get(camel).(type) {
	case nil:
		return gmFields{}, nil
	case map[string]any:
		return v, nil
	}
	return nil, fmt.Errorf("%w: %s is not an object", ErrUntranslatable, camel)
}

// objects returns the member as an array of objects.
func (m gmFields) objects(camel string) ([]gmFields, error) {
	var list []any
	switch v := m.get(camel).(type) {
	case nil:
		return nil, nil
	case []any:
		list = v
	case map[string]any:
		list = []any{v} // the SDKs accept one content where a list is expected
	default:
		return nil, fmt.Errorf("%w: %s is not a list", ErrUntranslatable, camel)
	}
	out := make([]gmFields, 0, len(list))
	for _, e := range list {
		o, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%w: %s holds something other than objects", ErrUntranslatable, camel)
		}
		out = append(out, o)
	}
	return out, nil
}

// raw re-encodes the member (function arguments, responses, schemas); ""
// when absent or null.
func (m gmFields) raw(camel string) string {
	v := m.get(camel)
	if v == nil {
		return ""
	}
	return string(marshalJSON(v))
}

func (m gmFields) number(camel string) (*float64, error) {
	switch v := m.get(camel).(type) {
	case nil:
		return nil, nil
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return nil, fmt.Errorf("%w: %s is not a number", ErrUntranslatable, camel)
		}
		return &f, nil
	}
	return nil, fmt.Errorf("%w: %s is not a number", ErrUntranslatable, camel)
}

// gemini is the state of a Gemini request's translation: function calls
// without ids get one, and responses are matched to them by name.
type gemini struct {
	out     ocRequest
	calls   int
	pending map[string][]string // function name → ids of calls not yet answered
}

func (t *Translation) fromGemini(target string, body []byte) error {
	path, query, _ := strings.Cut(target, "?")
	q, _ := url.ParseQuery(query)
	t.em = &geminiEmitter{sse: q.Get("alt") == "sse"}
	if m, stream, ok := geminiMethod(path); ok {
		t.clientModel, t.stream = m, stream
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return fmt.Errorf("%w: the %s body is not a JSON object", ErrUntranslatable, GeminiGenerate)
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	var root gmFields
	if err := dec.Decode(&root); err != nil {
		return fmt.Errorf("%w: the %s body is not valid JSON: %v", ErrUntranslatable, GeminiGenerate, jsonErrorKind(err))
	}
	g := &gemini{pending: map[string][]string{}}
	if s, ok := root.get("systemInstruction").(string); ok {
		if s != "" {
			g.out.add("system", s) // the SDKs accept a bare string
		}
	} else {
		sys, err := root.obj("systemInstruction")
		if err != nil {
			return err
		}
		parts, err := sys.objects("parts")
		if err != nil {
			return err
		}
		var texts []string
		for _, p := range parts {
			if s := p.str("text"); s != "" {
				texts = append(texts, s)
			}
		}
		if len(texts) > 0 {
			g.out.add("system", joinText(texts))
		}
	}
	contents, err := root.objects("contents")
	if err != nil {
		return err
	}
	for i, c := range contents {
		if err := g.content(c); err != nil {
			return fmt.Errorf("contents[%d]: %w", i, err)
		}
	}
	if err := g.tools(root); err != nil {
		return err
	}
	if err := g.generationConfig(root); err != nil {
		return err
	}
	g.out.finish(t)
	return nil
}

func (g *gemini) content(c gmFields) error {
	parts, err := c.objects("parts")
	if err != nil {
		return err
	}
	var texts []string
	chatRole := "user"
	if c.str("role") == "model" {
		chatRole = "assistant"
	}
	flush := func(role string) {
		if len(texts) > 0 {
			g.out.add(role, joinText(texts))
			texts = nil
		}
	}
	for _, p := range parts {
		if p.get("thought") == true {
			continue // the vendor model's own reasoning does not carry over
		}
		switch {
		case p.get("functionCall") != nil:
			fc, err := p.obj("functionCall")
			if err != nil {
				return err
			}
			name, id := fc.str("name"), fc.str("id")
			if id == "" {
				id = "call_" + strconv.Itoa(g.calls)
			}
			g.calls++
			g.pending[name] = append(g.pending[name], id)
			args := fc.raw("args")
			if args == "" {
				args = "{}"
			}
			flush("assistant")
			g.out.addToolCall(id, name, args)
		case p.get("functionResponse") != nil:
			fr, err := p.obj("functionResponse")
			if err != nil {
				return err
			}
			name, id := fr.str("name"), fr.str("id")
			if q := g.pending[name]; len(q) > 0 {
				if id == "" {
					id = q[0]
				}
				for j, pid := range q {
					if pid == id {
						g.pending[name] = append(q[:j:j], q[j+1:]...)
						break
					}
				}
			}
			if id == "" {
				id = "call_" + strconv.Itoa(g.calls)
				g.calls++
			}
			resp := fr.raw("response")
			if resp == "" {
				resp = "{}"
			}
			flush(chatRole)
			g.out.Messages = append(g.out.Messages, ocMessage{Role: "tool", ToolCallID: id, Content: ocStr(resp)})
		case p.get("text") != nil:
			texts = append(texts, p.str("text"))
		case p.get("inlineData") != nil, p.get("fileData") != nil:
			texts = append(texts, MediaNote)
		case p.get("executableCode") != nil:
			ec, err := p.obj("executableCode")
			if err != nil {
				return err
			}
			texts = append(texts, "```\n"+ec.str("code")+"\n```")
		case p.get("codeExecutionResult") != nil:
			cr, err := p.obj("codeExecutionResult")
			if err != nil {
				return err
			}
			texts = append(texts, cr.str("output"))
		}
	}
	flush(chatRole)
	return nil
}

func (g *gemini) tools(root gmFields) error {
	tools, err := root.objects("tools")
	if err != nil {
		return err
	}
	for _, tool := range tools {
		decls, err := tool.objects("functionDeclarations")
		if err != nil {
			return err
		}
		for _, d := range decls {
			params := d.raw("parametersJsonSchema")
			if params == "" {
				params = gmSchema(d.get("parameters"))
			}
			f := ocFunction{Name: d.str("name"), Description: d.str("description")}
			if params != "" {
				f.Parameters = json.RawMessage(params)
			}
			g.out.Tools = append(g.out.Tools, ocTool{Type: "function", Function: f})
		}
		// googleSearch, codeExecution and other Google-hosted tools do not exist inside.
	}
	tc, err := root.obj("toolConfig")
	if err != nil {
		return err
	}
	fcc, err := tc.obj("functionCallingConfig")
	if err != nil {
		return err
	}
	if len(g.out.Tools) == 0 {
		return nil
	}
	allowed, _ := fcc.get("allowedFunctionNames").([]any)
	switch strings.ToUpper(fcc.str("mode")) {
	case "ANY", "VALIDATED":
		if name, ok := firstString(allowed); ok && len(allowed) == 1 {
			g.out.ToolChoice = namedTool(name)
		} else {
			g.out.ToolChoice = "required"
		}
	case "NONE":
		g.out.ToolChoice = "none"
	case "AUTO":
		g.out.ToolChoice = "auto"
	}
	return nil
}

func firstString(l []any) (string, bool) {
	if len(l) == 0 {
		return "", false
	}
	s, ok := l[0].(string)
	return s, ok
}

func (g *gemini) generationConfig(root gmFields) error {
	gc, err := root.obj("generationConfig")
	if err != nil {
		return err
	}
	maxTokens, err := gc.number("maxOutputTokens")
	if err != nil {
		return err
	}
	if maxTokens != nil {
		n := int64(*maxTokens)
		g.out.MaxTokens = &n
	}
	if g.out.Temperature, err = gc.number("temperature"); err != nil {
		return err
	}
	if g.out.TopP, err = gc.number("topP"); err != nil {
		return err
	}
	if stops, ok := gc.get("stopSequences").([]any); ok {
		for _, s := range stops {
			if s, ok := s.(string); ok {
				g.out.Stop = append(g.out.Stop, s)
			}
		}
	}
	if gc.str("responseMimeType") == "application/json" {
		schema := gc.raw("responseJsonSchema")
		if schema == "" {
			schema = gmSchema(gc.get("responseSchema"))
		}
		if schema != "" {
			f := ocJSONSchema{Type: "json_schema"}
			f.JSONSchema = &struct {
				Name        string          `json:"name"`
				Description string          `json:"description,omitempty"`
				Schema      json.RawMessage `json:"schema,omitempty"`
				Strict      *bool           `json:"strict,omitempty"`
			}{Name: "response", Schema: json.RawMessage(schema)}
			g.out.ResponseFormat = f
		} else {
			g.out.ResponseFormat = ocJSONSchema{Type: "json_object"}
		}
	}
	return nil
}

// gmSchema turns Gemini's OpenAPI-style schema (types in upper case:
// "OBJECT", "STRING") into JSON Schema, which the internal servers' guided
// decoding reads; "" when absent.
func gmSchema(v any) string {
	if v == nil {
		return ""
	}
	return string(marshalJSON(gmLowerTypes(v, 0)))
}

func gmLowerTypes(v any, depth int) any {
	if depth > 64 {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && k == "type" {
				x[k] = strings.ToLower(s)
				continue
			}
			if props, ok := val.(map[string]any); ok && k == "properties" {
				// property names are the user's; their values are schemas
				for pk, pv := range props {
					props[pk] = gmLowerTypes(pv, depth+1)
				}
				continue
			}
			x[k] = gmLowerTypes(val, depth+1)
		}
	case []any:
		for i := range x {
			x[i] = gmLowerTypes(x[i], depth+1)
		}
	}
	return v
}

// The answer.

type gmResponse struct {
	Candidates    []gmCandidate `json:"candidates"`
	UsageMetadata *gmUsage      `json:"usageMetadata,omitempty"`
	ModelVersion  string        `json:"modelVersion"`
	ResponseID    string        `json:"responseId"`
}

type gmCandidate struct {
	Content      gmContentOut `json:"content"`
	FinishReason string       `json:"finishReason,omitempty"`
	Index        int          `json:"index"`
}

type gmContentOut struct {
	Parts []any  `json:"parts"`
	Role  string `json:"role"`
}

type gmTextPart struct {
	Text string `json:"text"`
}

type gmCallPart struct {
	FunctionCall gmCall `json:"functionCall"`
}

type gmCall struct {
	ID   string          `json:"id,omitempty"`
	Name string          `json:"name"`
	Args json.RawMessage `json:"args"`
}

type gmUsage struct {
	PromptTokenCount     int64 `json:"promptTokenCount"`
	CandidatesTokenCount int64 `json:"candidatesTokenCount"`
	TotalTokenCount      int64 `json:"totalTokenCount"`
}

func gmFinish(r *chatResult) string {
	switch r.Finish {
	case "length":
		return "MAX_TOKENS"
	case "content_filter":
		return "SAFETY"
	}
	return "STOP"
}

func gmUsageOf(r *chatResult) *gmUsage {
	return &gmUsage{PromptTokenCount: r.Usage.InputTokens, CandidatesTokenCount: r.Usage.OutputTokens,
		TotalTokenCount: r.Usage.InputTokens + r.Usage.OutputTokens}
}

func gmCalls(r *chatResult) []any {
	var parts []any
	for _, tc := range r.Tools {
		parts = append(parts, gmCallPart{FunctionCall: gmCall{ID: tc.ID, Name: tc.Name, Args: jsonObject(tc.Args)}})
	}
	return parts
}

// geminiEmitter renders Gemini answers: a stream is SSE with alt=sse, else
// one JSON array whose elements arrive one by one.
type geminiEmitter struct {
	sse    bool
	chunks int // array elements written so far
}

var _ emitter = (*geminiEmitter)(nil)

func (e *geminiEmitter) contentType(stream bool) string {
	if stream && e.sse {
		return "text/event-stream"
	}
	return "application/json; charset=UTF-8"
}

func (e *geminiEmitter) whole(r *chatResult) ([]byte, error) {
	parts := []any{}
	if s := r.Text.String(); s != "" || len(r.Tools) == 0 {
		parts = append(parts, gmTextPart{Text: s})
	}
	parts = append(parts, gmCalls(r)...)
	return marshalJSON(gmResponse{
		Candidates:    []gmCandidate{{Content: gmContentOut{Parts: parts, Role: "model"}, FinishReason: gmFinish(r)}},
		UsageMetadata: gmUsageOf(r), ModelVersion: r.Model, ResponseID: r.suffix,
	}), nil
}

// element writes one streamed response.
func (e *geminiEmitter) element(b *bytes.Buffer, v any) {
	if e.sse {
		// Google frames its SSE with CRLF line ends.
		b.WriteString("data: ")
		b.Write(marshalJSON(v))
		b.WriteString("\r\n\r\n")
		return
	}
	if e.chunks == 0 {
		b.WriteByte('[')
	} else {
		b.WriteString(",\r\n")
	}
	b.Write(marshalJSON(v))
	b.WriteByte('\n')
	e.chunks++
}

func (e *geminiEmitter) begin(*bytes.Buffer, *chatResult) {}

func (e *geminiEmitter) text(b *bytes.Buffer, r *chatResult, delta string) {
	e.element(b, gmResponse{
		Candidates:   []gmCandidate{{Content: gmContentOut{Parts: []any{gmTextPart{Text: delta}}, Role: "model"}}},
		ModelVersion: r.Model, ResponseID: r.suffix,
	})
}

// Gemini sends a function call whole, in one chunk: calls are held until
// the end.
func (e *geminiEmitter) toolStart(*bytes.Buffer, *chatResult, int)        {}
func (e *geminiEmitter) toolArgs(*bytes.Buffer, *chatResult, int, string) {}

func (e *geminiEmitter) end(b *bytes.Buffer, r *chatResult) {
	parts := gmCalls(r)
	if len(parts) == 0 {
		parts = []any{gmTextPart{Text: ""}}
	}
	e.element(b, gmResponse{
		Candidates:    []gmCandidate{{Content: gmContentOut{Parts: parts, Role: "model"}, FinishReason: gmFinish(r)}},
		UsageMetadata: gmUsageOf(r), ModelVersion: r.Model, ResponseID: r.suffix,
	})
	if !e.sse {
		b.WriteByte(']')
	}
}

func (e *geminiEmitter) fail(b *bytes.Buffer, _ *chatResult, message string) {
	e.element(b, geminiError{Error: geminiErrorDetail{Code: 502, Message: message, Status: googleStatus(502)}})
	if !e.sse {
		b.WriteByte(']')
	}
}
