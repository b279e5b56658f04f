package fakemodel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"github.com/promptwall/promptwall/internal/reqlog"
)

// DefaultModel is the served model's name unless WithModel says otherwise.
const DefaultModel = "llama-3.1-8b-instruct"

// DefaultReply is the answer text unless WithReply says otherwise.
const DefaultReply = "Hello from the internal model. This answer never left the company."

// Created is the fixed Unix time stamped on every answer, for golden files.
const Created int64 = 1767225600

// Request is one chat completions request as received.
type Request struct {
	Header http.Header
	Body   []byte
}

// ToolCall makes the model answer with a call instead of text.
type ToolCall struct {
	Name      string
	Arguments string // JSON
}

type config struct {
	model  string
	reply  string
	chunks int
	tool   *ToolCall
	apiKey string
	gate   <-chan struct{}
}

// Option configures Start.
type Option func(*config)

// WithModel sets the served model name.
func WithModel(name string) Option { return func(c *config) { c.model = name } }

// WithReply sets the answer text.
func WithReply(text string) Option { return func(c *config) { c.reply = text } }

// WithChunks sets how many content deltas a stream carries (default 3).
func WithChunks(n int) Option { return func(c *config) { c.chunks = n } }

// WithToolCall makes every answer a call of the named function.
func WithToolCall(name, arguments string) Option {
	return func(c *config) { c.tool = &ToolCall{Name: name, Arguments: arguments} }
}

// WithStreamGate makes every stream wait before its last delta until gate
// is closed (or the request ends), so a test can prove that the first
// deltas reached the client before the answer was complete.
func WithStreamGate(gate <-chan struct{}) Option { return func(c *config) { c.gate = gate } }

// WithAPIKey makes the server require "Authorization: Bearer key".
func WithAPIKey(key string) Option { return func(c *config) { c.apiKey = key } }

// Server is a running fake internal model.
type Server struct {
	URL  string // base URL, "http://127.0.0.1:port/v1", as internal.base_url takes it
	Addr string

	cfg    config
	srv    *httptest.Server
	status atomic.Int32 // non-zero: every endpoint fails with it
	breaks atomic.Bool  // streams stop after the first delta, without [DONE]

	reqs reqlog.Log[Request]
	mu   sync.Mutex
	seq  int
	down bool
}

// Start runs a fake internal model until the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	cfg := config{model: DefaultModel, reply: DefaultReply, chunks: 3}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{cfg: cfg}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/models", s.models)
	mux.HandleFunc("POST /v1/chat/completions", s.chat)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		vllmError(w, http.StatusNotFound, "NotFoundError", "fakemodel: no route for "+r.Method+" "+r.URL.Path)
	})
	s.srv = httptest.NewServer(s.guard(mux))
	s.Addr = s.srv.Listener.Addr().String()
	s.URL = s.srv.URL + "/v1"
	t.Cleanup(s.srv.Close)
	return s
}

// Fail makes every endpoint answer status (0 restores normal answers).
func (s *Server) Fail(status int) { s.status.Store(int32(status)) }

// BreakStreams makes streams stop after their first delta, with no finish
// and no [DONE], as when the server dies mid-answer.
func (s *Server) BreakStreams(on bool) { s.breaks.Store(on) }

// Down stops the server for good: connections are refused from now on.
func (s *Server) Down() {
	s.mu.Lock()
	s.down = true
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Listener.Close()
}

// Requests returns every chat completions request received so far.
func (s *Server) Requests() []Request { return s.reqs.All() }

// Last returns the most recent chat completions request (zero if none).
func (s *Server) Last() Request { return s.reqs.Last() }

func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		down := s.down
		s.mu.Unlock()
		if down {
			panic(http.ErrAbortHandler) // a connection opened before Down dies with the server
		}
		if s.cfg.apiKey != "" && r.Header.Get("Authorization") != "Bearer "+s.cfg.apiKey {
			vllmError(w, http.StatusUnauthorized, "Unauthorized", "fakemodel: missing or wrong API key")
			return
		}
		if st := int(s.status.Load()); st != 0 {
			vllmError(w, st, "InternalServerError", "fakemodel: configured failure")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// vllmError writes vLLM's error shape.
func vllmError(w http.ResponseWriter, status int, typ, msg string) {
	writeJSON(w, status, map[string]any{"object": "error", "message": msg, "type": typ, "param": nil, "code": status})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic("fakemodel: " + err.Error()) // only our own literals get here
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func (s *Server) models(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": []any{map[string]any{
		"id": s.cfg.model, "object": "model", "created": Created, "owned_by": "vllm", "root": s.cfg.model,
		"parent": nil, "max_model_len": 32768,
	}}})
}

type chatRequest struct {
	Model         string `json:"model"`
	Stream        bool   `json:"stream"`
	StreamOptions *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
	Messages []json.RawMessage `json:"messages"`
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	if err != nil {
		vllmError(w, http.StatusBadRequest, "BadRequestError", "fakemodel: reading body")
		return
	}
	s.reqs.Add(Request{Header: r.Header.Clone(), Body: body})
	s.mu.Lock()
	s.seq++
	id := fmt.Sprintf("chatcmpl-fake%06d", s.seq)
	s.mu.Unlock()
	var req chatRequest
	if err := json.Unmarshal(body, &req); err != nil {
		vllmError(w, http.StatusBadRequest, "BadRequestError", "fakemodel: body is not valid JSON")
		return
	}
	if req.Model != s.cfg.model {
		vllmError(w, http.StatusNotFound, "NotFoundError", fmt.Sprintf("The model `%s` does not exist.", req.Model))
		return
	}
	if len(req.Messages) == 0 {
		vllmError(w, http.StatusBadRequest, "BadRequestError", "fakemodel: messages is empty")
		return
	}
	in := max(1, len(body)/4)
	out := max(1, len(strings.Fields(s.cfg.reply)))
	usage := map[string]any{"prompt_tokens": in, "total_tokens": in + out, "completion_tokens": out, "prompt_tokens_details": nil}
	finish := "stop"
	if s.cfg.tool != nil {
		finish = "tool_calls"
	}
	if !req.Stream {
		msg := map[string]any{"role": "assistant", "reasoning_content": nil, "content": s.cfg.reply, "tool_calls": []any{}}
		if s.cfg.tool != nil {
			msg["content"] = nil
			msg["tool_calls"] = []any{map[string]any{"id": "chatcmpl-tool-" + id[len("chatcmpl-"):], "type": "function",
				"function": map[string]any{"name": s.cfg.tool.Name, "arguments": s.cfg.tool.Arguments}}}
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"id": id, "object": "chat.completion", "created": Created, "model": req.Model,
			"choices": []any{map[string]any{"index": 0, "message": msg, "logprobs": nil, "finish_reason": finish, "stop_reason": nil}},
			"usage":   usage, "prompt_logprobs": nil,
		})
		return
	}
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	send := func(v any) bool {
		var b bytes.Buffer
		b.WriteString("data: ")
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v)
		b.Truncate(b.Len() - 1)
		b.WriteString("\n\n")
		if _, err := w.Write(b.Bytes()); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	chunk := func(delta map[string]any, finish any) map[string]any {
		choice := map[string]any{"index": 0, "delta": delta, "logprobs": nil, "finish_reason": finish}
		if finish != nil {
			choice["stop_reason"] = nil
		}
		return map[string]any{"id": id, "object": "chat.completion.chunk", "created": Created, "model": req.Model, "choices": []any{choice}}
	}
	if !send(chunk(map[string]any{"role": "assistant", "content": ""}, nil)) {
		return
	}
	var deltas []map[string]any
	if s.cfg.tool != nil {
		deltas = append(deltas, map[string]any{"tool_calls": []any{map[string]any{"id": "chatcmpl-tool-" + id[len("chatcmpl-"):],
			"type": "function", "index": 0, "function": map[string]any{"name": s.cfg.tool.Name}}}})
		for _, piece := range split(s.cfg.tool.Arguments, s.cfg.chunks) {
			deltas = append(deltas, map[string]any{"tool_calls": []any{map[string]any{"index": 0, "function": map[string]any{"arguments": piece}}}})
		}
	} else {
		for _, piece := range split(s.cfg.reply, s.cfg.chunks) {
			deltas = append(deltas, map[string]any{"content": piece})
		}
	}
	for i, d := range deltas {
		if i == len(deltas)-1 && s.cfg.gate != nil {
			select {
			case <-s.cfg.gate:
			case <-r.Context().Done():
				return
			}
		}
		if !send(chunk(d, nil)) {
			return
		}
		if i == 0 && s.breaks.Load() {
			return // the connection ends here, mid-answer
		}
	}
	if !send(chunk(map[string]any{"content": ""}, finish)) {
		return
	}
	if req.StreamOptions != nil && req.StreamOptions.IncludeUsage {
		if !send(map[string]any{"id": id, "object": "chat.completion.chunk", "created": Created, "model": req.Model, "choices": []any{}, "usage": usage}) {
			return
		}
	}
	_, _ = w.Write([]byte("data: [DONE]\n\n"))
	_ = rc.Flush()
}

// split cuts text into n pieces on rune boundaries.
func split(text string, n int) []string {
	runes := []rune(text)
	n = max(1, min(n, utf8.RuneCountInString(text)))
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, string(runes[i*len(runes)/n:(i+1)*len(runes)/n]))
	}
	return out
}
