package fakews

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/coder/websocket"

	"github.com/promptwall/promptwall/internal/testpki"
)

// DefaultReply is the answer text unless WithReply says otherwise.
const DefaultReply = "Hello over the socket. This is a canned reply."

// Message is one client message as the server received it.
type Message struct {
	Path string
	Type websocket.MessageType
	Data []byte
}

// Handshake is one upgrade request as the server received it.
type Handshake struct {
	Path   string
	Header http.Header
}

// Server is a running fake vendor WebSocket endpoint.
type Server struct {
	Addr   string // host:port on 127.0.0.1
	CAFile string // PEM of the CA that signed the server certificate
	CA     *testpki.CA

	reply  string
	chunks int
	h2     bool
	echo   bool
	onMsg  func(Message)

	mu    sync.Mutex
	msgs  []Message
	hands []Handshake
	seq   int
}

// Option configures Start.
type Option func(*Server)

// WithReply sets the answer text.
func WithReply(text string) Option { return func(s *Server) { s.reply = text } }

// WithChunks sets how many response.output_text.delta events an answer has.
func WithChunks(n int) Option { return func(s *Server) { s.chunks = n } }

// WithEcho makes every answer "You said: " and the text of the message it
// answers (the user text of response.create, of the last Realtime item, of
// a Gemini turn), streamed in WithChunks pieces on all three protocols: a
// test can see what the vendor was sent come back in the deltas.
func WithEcho() Option { return func(s *Server) { s.echo = true } }

// WithOnMessage calls f with every client message as it arrives, before the
// server answers it (a test can look at the proxy's audit trail then).
func WithOnMessage(f func(Message)) Option { return func(s *Server) { s.onMsg = f } }

// WithHTTP2 offers h2 by ALPN as the real vendors do (WebSocket upgrades
// still need HTTP/1.1: a proxy must not take the h2 offer for them).
func WithHTTP2() Option { return func(s *Server) { s.h2 = true } }

// Start runs the server until the test ends. It serves the Responses
// WebSocket on any path ending in /v1/responses, a minimal Realtime endpoint
// (/v1/realtime: conversation.item.create → conversation.item.created) and a
// minimal Gemini Live endpoint (…BidiGenerateContent: setup → setupComplete,
// clientContent → one serverContent turn), and an echo WebSocket on any path
// ending in /ws/echo.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{reply: DefaultReply, chunks: 3, CA: testpki.NewCA(t)}
	for _, o := range opts {
		o(s)
	}
	s.CAFile = s.CA.WritePEM(t, t.TempDir())
	srv := httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	srv.TLS = s.CA.ServerTLS(t, "api.openai.com", "api.anthropic.com", "generativelanguage.googleapis.com", "api.mistral.ai")
	if s.h2 {
		srv.EnableHTTP2 = true
		srv.TLS.NextProtos = []string{"h2", "http/1.1"}
	}
	srv.StartTLS()
	s.Addr = srv.Listener.Addr().String()
	t.Cleanup(srv.Close)
	return s
}

// Messages returns a copy of every message received so far, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Handshakes returns every upgrade request received so far.
func (s *Server) Handshakes() []Handshake {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Handshake(nil), s.hands...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	st := &connState{}
	answer := s.answer
	switch {
	case strings.HasSuffix(r.URL.Path, "/v1/responses"):
	case strings.HasSuffix(r.URL.Path, "/v1/realtime"):
		answer = s.realtime
	case strings.HasSuffix(r.URL.Path, ".BidiGenerateContent"):
		answer = s.live
	case strings.HasSuffix(r.URL.Path, "/ws/echo"):
		answer = echo
	default:
		http.Error(w, `{"error":{"message":"fakews: no route","type":"invalid_request_error","param":null,"code":"unknown_url"}}`, http.StatusNotFound)
		return
	}
	if r.ProtoMajor != 1 {
		http.Error(w, "fakews: WebSocket needs HTTP/1.1", http.StatusHTTPVersionNotSupported)
		return
	}
	s.mu.Lock()
	s.hands = append(s.hands, Handshake{Path: r.URL.Path, Header: r.Header.Clone()})
	s.mu.Unlock()
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{CompressionMode: websocket.CompressionContextTakeover})
	if err != nil {
		return
	}
	defer c.CloseNow()
	c.SetReadLimit(-1)
	ctx := r.Context()
	for {
		typ, data, err := c.Read(ctx)
		if err != nil {
			return
		}
		m := Message{Path: r.URL.Path, Type: typ, Data: data}
		s.mu.Lock()
		s.msgs = append(s.msgs, m)
		s.mu.Unlock()
		if s.onMsg != nil {
			s.onMsg(m)
		}
		if err := answer(ctx, c, typ, data, st); err != nil {
			return
		}
	}
}

type obj = map[string]any

// connState is what one connection remembers between messages.
type connState struct {
	lastText string // the text of the last Realtime conversation item
}

// replyTo is the answer text for a message whose user text is text.
func (s *Server) replyTo(text string) string {
	if s.echo {
		return "You said: " + text
	}
	return s.reply
}

// texts collects the strings under "text" keys (and a plain string input)
// of a JSON value, joined by spaces.
func texts(raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	var out []string
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch x := v.(type) {
		case string:
			if key == "text" || key == "input" {
				out = append(out, x)
			}
		case []any:
			for _, e := range x {
				walk(e, key)
			}
		case map[string]any:
			for k, e := range x {
				walk(e, k)
			}
		}
	}
	walk(v, "input")
	return strings.Join(out, " ")
}

func (s *Server) answer(ctx context.Context, c *websocket.Conn, typ websocket.MessageType, data []byte, _ *connState) error {
	var ev struct {
		Type     string          `json:"type"`
		Model    string          `json:"model"`
		StreamID string          `json:"stream_id"`
		Input    json.RawMessage `json:"input"`
	}
	if typ != websocket.MessageText || json.Unmarshal(data, &ev) != nil {
		return send(ctx, c, obj{"type": "error", "status": 400, "error": obj{"type": "invalid_request_error",
			"code": "invalid_json", "message": "fakews: messages must be JSON text", "param": nil}})
	}
	if ev.Type != "response.create" {
		return send(ctx, c, obj{"type": "error", "status": 400, "error": obj{"type": "invalid_request_error",
			"code": "unknown_event", "message": "fakews: unknown event " + ev.Type, "param": nil}})
	}
	s.mu.Lock()
	s.seq++
	id := fmt.Sprintf("resp_%06d", s.seq)
	s.mu.Unlock()
	seq := 0
	event := func(m obj) error {
		m["sequence_number"] = seq
		if ev.StreamID != "" {
			m["stream_id"] = ev.StreamID
		}
		seq++
		return send(ctx, c, m)
	}
	resp := obj{"id": id, "object": "response", "status": "in_progress", "model": ev.Model, "output": []any{}}
	if err := event(obj{"type": "response.created", "response": resp}); err != nil {
		return err
	}
	reply := s.replyTo(texts(ev.Input))
	for _, d := range split(reply, s.chunks) {
		if err := event(obj{"type": "response.output_text.delta", "item_id": "msg_" + id, "output_index": 0, "content_index": 0, "delta": d}); err != nil {
			return err
		}
	}
	return event(obj{"type": "response.completed", "response": obj{"id": id, "object": "response", "status": "completed", "model": ev.Model,
		"output": []any{obj{"type": "message", "id": "msg_" + id, "role": "assistant", "status": "completed",
			"content": []any{obj{"type": "output_text", "text": reply, "annotations": []any{}}}}},
		"usage": obj{"input_tokens": len(data) / 4, "output_tokens": len(reply) / 4, "total_tokens": (len(data) + len(reply)) / 4}}})
}

// realtime answers an OpenAI Realtime client event: conversation.item.create
// with conversation.item.created, response.create with a streamed text
// answer ending in response.done (usage included); input_audio_buffer.append
// gets no answer, as from the vendor.
func (s *Server) realtime(ctx context.Context, c *websocket.Conn, typ websocket.MessageType, data []byte, st *connState) error {
	var ev struct {
		Type    string          `json:"type"`
		EventID string          `json:"event_id"`
		Item    json.RawMessage `json:"item"`
	}
	if typ != websocket.MessageText || json.Unmarshal(data, &ev) != nil {
		ev.Type = ""
	}
	switch ev.Type {
	case "conversation.item.create":
		st.lastText = texts(ev.Item)
		return send(ctx, c, obj{"type": "conversation.item.created", "event_id": "event_fake", "item": obj{"type": "message", "role": "user"}})
	case "input_audio_buffer.append":
		return nil
	case "response.create":
		reply := s.replyTo(st.lastText)
		if err := send(ctx, c, obj{"type": "response.created", "event_id": "event_fake", "response": obj{"id": "resp_rt", "status": "in_progress"}}); err != nil {
			return err
		}
		for _, d := range split(reply, s.chunks) {
			if err := send(ctx, c, obj{"type": "response.output_text.delta", "event_id": "event_fake", "response_id": "resp_rt",
				"item_id": "item_rt", "output_index": 0, "content_index": 0, "delta": d}); err != nil {
				return err
			}
		}
		if err := send(ctx, c, obj{"type": "response.output_text.done", "event_id": "event_fake", "response_id": "resp_rt",
			"item_id": "item_rt", "output_index": 0, "content_index": 0, "text": reply}); err != nil {
			return err
		}
		return send(ctx, c, obj{"type": "response.done", "event_id": "event_fake", "response": obj{"id": "resp_rt", "status": "completed",
			"usage": obj{"total_tokens": 30, "input_tokens": 21, "output_tokens": 9}}})
	}
	return send(ctx, c, obj{"type": "error", "event_id": "event_fake", "error": obj{"type": "invalid_request_error",
		"code": "unknown_event", "message": "fakews: unsupported event", "param": nil, "event_id": ev.EventID}})
}

// live answers a Gemini Live client message: setup with setupComplete, a
// turn with serverContent (one message, or WithChunks pieces under
// WithEcho), the last one completing the turn with usageMetadata.
func (s *Server) live(ctx context.Context, c *websocket.Conn, _ websocket.MessageType, data []byte, _ *connState) error {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return c.Close(websocket.StatusInvalidFramePayloadData, "fakews: invalid JSON")
	}
	if _, ok := m["setup"]; ok {
		return send(ctx, c, obj{"setupComplete": obj{}})
	}
	reply := s.replyTo(texts(m["clientContent"]))
	usage := obj{"promptTokenCount": 17, "responseTokenCount": 5, "totalTokenCount": 22}
	if !s.echo {
		return send(ctx, c, obj{"serverContent": obj{"modelTurn": obj{"role": "model", "parts": []any{obj{"text": reply}}}, "turnComplete": true},
			"usageMetadata": usage})
	}
	for _, d := range split(reply, s.chunks) {
		if err := send(ctx, c, obj{"serverContent": obj{"modelTurn": obj{"role": "model", "parts": []any{obj{"text": d}}}}}); err != nil {
			return err
		}
	}
	return send(ctx, c, obj{"serverContent": obj{"generationComplete": true, "turnComplete": true}, "usageMetadata": usage})
}

// echo sends every message back as it came: a WebSocket protocol no
// vendor speaks, for tests of upgrades promptwall does not inspect.
func echo(ctx context.Context, c *websocket.Conn, typ websocket.MessageType, data []byte, _ *connState) error {
	return c.Write(ctx, typ, data)
}

func send(ctx context.Context, c *websocket.Conn, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.Write(ctx, websocket.MessageText, b)
}

// split cuts text into at most n pieces on rune boundaries.
func split(text string, n int) []string {
	runes := utf8.RuneCountInString(text)
	if n < 1 {
		n = 1
	}
	if n > runes {
		n = max(runes, 1)
	}
	r := []rune(text)
	var out []string
	for i := range n {
		out = append(out, string(r[i*len(r)/n:(i+1)*len(r)/n]))
	}
	return out
}
