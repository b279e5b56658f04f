package llmapi

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Translation of a request to the OpenAI chat completions format, for the
// company's internal model (vLLM, Ollama, llama.cpp, TGI), and of its answer
// back into the format the client spoke.
//
// OpenAI chat passes with the model replaced; Anthropic messages, Gemini
// generateContent/streamGenerateContent and OpenAI responses are translated:
// system prompts, multi-turn history, tools and tool results, max tokens,
// temperature, top_p, stop sequences and JSON output formats. Images, audio
// and files are replaced by a short note (the internal model is assumed to
// read text only); reasoning items and vendor-hosted tools are dropped.
// Conversation state kept at the vendor (responses' previous_response_id,
// conversation) cannot be translated: the internal model never saw it.
//
// Answers come back whole or streamed event by event in the client's own
// framing, with usage mapped. A stream from the internal model must be SSE
// chat.completion.chunk events ending with [DONE]; streams always ask for
// stream_options.include_usage so that usage can be reported and audited.

// ErrUntranslatable marks a request that cannot be served by the internal
// model (its meaning depends on state kept at the vendor, or its body is not
// the API's JSON).
var ErrUntranslatable = errors.New("llmapi: request cannot be translated for the internal model")

// ErrInternalAnswer marks an answer of the internal model that is not a valid
// chat completion.
var ErrInternalAnswer = errors.New("llmapi: invalid answer from the internal model")

// Usage is the token accounting of an answer.
type Usage struct {
	InputTokens  int64 `json:"input_tokens"`
	OutputTokens int64 `json:"output_tokens"`
}

// MediaNote replaces an image, audio clip or file the internal model does not receive.
const MediaNote = "[promptwall: an attachment was removed here because the company's internal model reads text only]"

// maxEventBytes bounds one SSE line from the internal model.
const maxEventBytes = 8 << 20

// Translation is one request translated for the internal model, and the
// means to translate its answer back. Body, Stream and ContentType may be
// called at any time; Answer or StreamAnswer once; Usage once the answer has
// been read.
type Translation struct {
	api         API
	body        []byte
	stream      bool
	clientModel string
	model       string
	em          emitter

	mu    sync.Mutex
	usage Usage
}

// Translate turns body, a request of api sent to target (the request path,
// with its query: Gemini names the model and the stream framing there), into
// a chat completions request for model. A body that is not a JSON object of
// the API is ErrUntranslatable.
func Translate(api API, target string, body []byte, model string) (*Translation, error) {
	t := &Translation{api: api, model: model}
	var err error
	switch api {
	case OpenAIChat:
		err = t.fromChat(body)
	case AnthropicMessages:
		err = t.fromAnthropic(body)
	case GeminiGenerate:
		err = t.fromGemini(target, body)
	case OpenAIResponses:
		err = t.fromResponses(body)
	default:
		return nil, fmt.Errorf("%w: %s is not an API promptwall can translate", ErrUntranslatable, api)
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Body is the chat completions request for the internal model.
func (t *Translation) Body() []byte { return t.body }

// Stream reports whether the client asked for a streamed answer.
func (t *Translation) Stream() bool { return t.stream }

// Model is the internal model the request is for.
func (t *Translation) Model() string { return t.model }

// ContentType is the Content-Type of the translated answer.
func (t *Translation) ContentType() string { return t.em.contentType(t.stream) }

// Usage is the usage of the answer, known once it has been read to its end.
func (t *Translation) Usage() Usage {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.usage
}

func (t *Translation) setUsage(u Usage) {
	t.mu.Lock()
	t.usage = u
	t.mu.Unlock()
}

// Answer translates a whole (non-streamed) chat completion into the
// client's format.
func (t *Translation) Answer(chat []byte) ([]byte, error) {
	var c ocCompletion
	if err := json.Unmarshal(chat, &c); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInternalAnswer, err)
	}
	if len(c.Choices) == 0 {
		return nil, fmt.Errorf("%w: no choices", ErrInternalAnswer)
	}
	r := &chatResult{ID: c.ID, Model: c.Model, Created: c.Created}
	ch := c.Choices[0]
	if ch.Message.Content != nil {
		r.Text.WriteString(*ch.Message.Content)
	}
	for _, tc := range ch.Message.ToolCalls {
		r.Tools = append(r.Tools, chatToolCall{ID: tc.ID, Name: tc.Function.Name, Args: tc.Function.Arguments})
	}
	r.Finish = ch.FinishReason
	r.StopSeq = stopString(ch.StopReason)
	if c.Usage != nil {
		r.Usage = c.Usage.usage()
	}
	r.fill(t)
	t.setUsage(r.Usage)
	if raw, ok := t.em.(rawEmitter); ok {
		return raw.wholeRaw(chat, r)
	}
	return t.em.whole(r)
}

// StreamAnswer translates a streamed chat completion (SSE) read from src into
// the client's streamed format. Each event of src is translated as soon as
// it is read, so the client sees the answer as it is generated. A stream that
// breaks off or carries an error ends with the client format's own error
// event. Closing the returned body closes src.
func (t *Translation) StreamAnswer(src io.ReadCloser) io.ReadCloser {
	return &translatedStream{t: t, src: src, sc: newEventScanner(src), res: &chatResult{}}
}

// chatResult is the answer as accumulated so far.
type chatResult struct {
	ID      string
	Model   string
	Created int64
	Text    strings.Builder
	Tools   []chatToolCall
	Finish  string // chat finish_reason
	StopSeq string // the stop sequence that ended the answer, when the server says
	Usage   Usage

	suffix string // id suffix shared by the translated ids
}

type chatToolCall struct {
	ID   string
	Name string
	Args string

	index int // the call's index in the chat stream's tool_calls deltas
}

// fill completes the ids the answer lacks, once it is first seen.
func (r *chatResult) fill(t *Translation) {
	if r.suffix != "" {
		return
	}
	r.suffix = strings.TrimPrefix(r.ID, "chatcmpl-")
	if r.suffix == "" || strings.ContainsAny(r.suffix, " \"\\") {
		r.suffix = randomSuffix()
	}
	if r.Model == "" {
		r.Model = t.model
	}
	for i := range r.Tools {
		if r.Tools[i].ID == "" {
			r.Tools[i].ID = fmt.Sprintf("call_%s_%d", r.suffix, i)
		}
	}
}

func randomSuffix() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "pw" + hex.EncodeToString(b[:])
}

// stopString is vLLM's stop_reason when it names a stop string (it is a
// token id, or null, otherwise).
func stopString(raw json.RawMessage) string {
	var s string
	if len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return ""
}

// emitter renders an answer in a client's format. The stream methods append
// whole events to b.
type emitter interface {
	contentType(stream bool) string
	whole(r *chatResult) ([]byte, error)
	begin(b *bytes.Buffer, r *chatResult)
	text(b *bytes.Buffer, r *chatResult, delta string)
	toolStart(b *bytes.Buffer, r *chatResult, i int)
	toolArgs(b *bytes.Buffer, r *chatResult, i int, delta string)
	end(b *bytes.Buffer, r *chatResult)
	fail(b *bytes.Buffer, r *chatResult, message string)
}

// rawEmitter is an emitter that passes the chat events themselves (the
// OpenAI chat client needs no translation).
type rawEmitter interface {
	wholeRaw(chat []byte, r *chatResult) ([]byte, error)
	chunk(b *bytes.Buffer, data []byte, c *ocChunk)
}

// translatedStream pulls chat events from src and hands out the translated
// events, one read at a time.
type translatedStream struct {
	t     *Translation
	src   io.ReadCloser
	sc    *eventScanner
	res   *chatResult
	out   bytes.Buffer
	begun bool
	ended bool
}

func (s *translatedStream) Read(p []byte) (int, error) {
	for s.out.Len() == 0 {
		if s.ended {
			return 0, io.EOF
		}
		s.step()
	}
	return s.out.Read(p)
}

func (s *translatedStream) Close() error { return s.src.Close() }

// step reads one chat event and translates it.
func (s *translatedStream) step() {
	data, err := s.sc.next()
	switch {
	case errors.Is(err, io.EOF):
		if s.res.Finish == "" {
			s.fail("the internal model's stream ended before the answer was complete")
			return
		}
		s.finish() // no [DONE]: some servers omit it
		return
	case err != nil:
		s.fail("the internal model's stream could not be read")
		return
	}
	if bytes.Equal(data, []byte("[DONE]")) {
		if s.res.Finish == "" {
			s.fail("the internal model's stream ended before the answer was complete")
			return
		}
		s.finish()
		return
	}
	c, err := parseChunk(data)
	if err != nil {
		s.fail("the internal model sent an invalid stream event")
		return
	}
	if c.Error != nil {
		s.fail("the internal model failed while answering: " + c.Error.text())
		return
	}
	r := s.res
	if !s.begun {
		s.begun = true
		r.ID, r.Model, r.Created = c.ID, c.Model, c.Created
		r.fill(s.t)
		if _, ok := s.t.em.(rawEmitter); !ok {
			s.t.em.begin(&s.out, r)
		}
	}
	if c.Usage != nil {
		r.Usage = c.Usage.usage()
	}
	if raw, ok := s.t.em.(rawEmitter); ok {
		s.track(c)
		raw.chunk(&s.out, data, c)
		return
	}
	for _, ch := range c.Choices {
		if ch.Index != 0 {
			continue // n > 1 is never asked for
		}
		if ch.Delta.Content != nil && *ch.Delta.Content != "" {
			r.Text.WriteString(*ch.Delta.Content)
			s.t.em.text(&s.out, r, *ch.Delta.Content)
		}
		for _, tc := range ch.Delta.ToolCalls {
			i := s.toolIndex(tc)
			if i < 0 {
				continue
			}
			if tc.Function.Arguments != "" {
				r.Tools[i].Args += tc.Function.Arguments
				s.t.em.toolArgs(&s.out, r, i, tc.Function.Arguments)
			}
		}
		if ch.FinishReason != nil && *ch.FinishReason != "" {
			r.Finish = *ch.FinishReason
			r.StopSeq = stopString(ch.StopReason)
		}
	}
}

// track accumulates what the audit and the end of a passed-through stream need.
func (s *translatedStream) track(c *ocChunk) {
	for _, ch := range c.Choices {
		if ch.FinishReason != nil && *ch.FinishReason != "" && ch.Index == 0 {
			s.res.Finish = *ch.FinishReason
		}
	}
}

// toolIndex maps a tool call delta to its place in r.Tools, starting a new
// call (and its event) when the delta opens one.
func (s *translatedStream) toolIndex(tc ocToolCallDelta) int {
	r := s.res
	// Deltas name their call by index; the first delta of a call carries its id and name.
	for i := range r.Tools {
		if r.Tools[i].index == tc.Index && (tc.ID == "" || tc.ID == r.Tools[i].ID) {
			return i
		}
	}
	if tc.Function.Name == "" && tc.ID == "" {
		return -1 // a delta for a call never opened: nothing to attach it to
	}
	i := len(r.Tools)
	id := tc.ID
	if id == "" {
		id = fmt.Sprintf("call_%s_%d", r.suffix, i)
	}
	r.Tools = append(r.Tools, chatToolCall{ID: id, Name: tc.Function.Name, index: tc.Index})
	s.t.em.toolStart(&s.out, r, i)
	return i
}

func (s *translatedStream) finish() {
	s.ended = true
	s.t.setUsage(s.res.Usage)
	if _, ok := s.t.em.(rawEmitter); ok {
		s.out.WriteString("data: [DONE]\n\n")
		return
	}
	if !s.begun {
		s.begun = true
		s.res.fill(s.t)
		s.t.em.begin(&s.out, s.res)
	}
	s.t.em.end(&s.out, s.res)
}

func (s *translatedStream) fail(message string) {
	s.ended = true
	s.t.setUsage(s.res.Usage)
	if !s.begun {
		s.begun = true
		s.res.fill(s.t)
		if _, ok := s.t.em.(rawEmitter); !ok {
			s.t.em.begin(&s.out, s.res)
		}
	}
	s.t.em.fail(&s.out, s.res, "promptwall: "+message+".")
}

// writeEvent appends one SSE event; name "" omits the event: line.
func writeEvent(b *bytes.Buffer, name string, v any) {
	if name != "" {
		b.WriteString("event: ")
		b.WriteString(name)
		b.WriteByte('\n')
	}
	b.WriteString("data: ")
	b.Write(marshalJSON(v))
	b.WriteString("\n\n")
}

// marshalJSON encodes v without HTML escaping, as the vendors do. Only our
// own types reach it, and they always encode.
func marshalJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("llmapi: encoding " + fmt.Sprintf("%T", v) + ": " + err.Error())
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// decodeObject unmarshals body, which must be a JSON object, into v.
func decodeObject(api API, body []byte, v any) error {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return fmt.Errorf("%w: the %s body is not a JSON object", ErrUntranslatable, api)
	}
	if err := json.Unmarshal(trimmed, v); err != nil {
		return fmt.Errorf("%w: the %s body does not have the API's shape: %v", ErrUntranslatable, api, jsonErrorKind(err))
	}
	return nil
}

// jsonErrorKind describes a JSON error without quoting the body (which may
// hold the very text the policy is protecting).
func jsonErrorKind(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q has the wrong type", te.Field)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("invalid JSON at byte %d", se.Offset)
	}
	return "invalid JSON"
}

// textOf reads a JSON value that is a string (or null) as text.
func textOf(raw json.RawMessage) (string, bool) {
	var s string
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	if raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	return "", false
}

// joinText joins the text pieces of a multi-part content.
func joinText(parts []string) string { return strings.Join(parts, "\n") }

// jsonObj is a JSON object that keeps its members' order, so translated
// events read like the vendors' own ("type" first).
type jsonObj []jsonField

type jsonField struct {
	k string
	v any
}

func (o jsonObj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(marshalJSON(f.k))
		b.WriteByte(':')
		b.Write(marshalJSON(f.v))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// CountTokensAnswer answers a token-counting request (Anthropic
// …/v1/messages/count_tokens, Gemini …:countTokens) whose prompt must not
// leave: coding agents call them before each turn, and the vendor cannot be
// asked. The count is an estimate, about four bytes a token of the body,
// which is what the counts are used for (context budgeting). ok is false
// for any other path.
func CountTokensAnswer(path string, body []byte) (answer []byte, ok bool) {
	p := strings.TrimSuffix(stripQuery(path), "/")
	n := int64(max(1, len(body)/4))
	switch {
	case strings.HasSuffix(p, "/v1/messages/count_tokens"):
		return marshalJSON(jsonObj{{"input_tokens", n}}), true
	case strings.HasSuffix(p, ":countTokens") && strings.Contains(p, "/models/"):
		return marshalJSON(jsonObj{{"totalTokens", n}}), true
	}
	return nil, false
}
