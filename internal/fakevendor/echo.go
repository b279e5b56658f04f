package fakevendor

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzip"
)

// EchoPrefix starts every answer of a server started WithEcho.
const EchoPrefix = "You said: "

// WithEcho makes the answer repeat the text of the request's last user
// message: EchoPrefix + that text. Tests of redaction use it to see what
// the vendor received come back, placeholders included.
func WithEcho() Option { return func(c *config) { c.echo = true } }

// WithToolCall makes the answer one call of the named tool (function) instead
// of text, with the arguments {"text": <answer text>}: streamed as each API
// streams tool calls (argument deltas; Gemini sends the call whole).
func WithToolCall(name string) Option { return func(c *config) { c.tool = name } }

// WithWriteSize cuts every stream into writes of n bytes, each flushed, so
// events reach the client in pieces (a placeholder straddles writes).
func WithWriteSize(n int) Option { return func(c *config) { c.writeSize = n } }

// answerText sets p.reply: the configured reply, or the echo.
func (s *Server) answerText(p *parsed, api string) {
	p.reply = s.cfg.reply
	if s.cfg.echo {
		p.reply = EchoPrefix + lastUserText(api, p.raw)
	}
}

// toolArgs is the arguments JSON of a WithToolCall answer.
func toolArgs(text string) string { return string(marshal(obj{{"text", text}})) }

// lastUserText returns the text of the last user message of a request body
// of the given API ("chat", "responses", "messages", "gemini").
func lastUserText(api string, body []byte) string {
	var doc map[string]any
	if json.Unmarshal(body, &doc) != nil {
		return ""
	}
	var msgs []any
	switch api {
	case "chat", "messages":
		msgs, _ = doc["messages"].([]any)
	case "responses":
		if s, ok := doc["input"].(string); ok {
			return s
		}
		msgs, _ = doc["input"].([]any)
	case "gemini":
		msgs, _ = doc["contents"].([]any)
	}
	for i := len(msgs) - 1; i >= 0; i-- {
		m, _ := msgs[i].(map[string]any)
		if role, _ := m["role"].(string); role != "user" && !(api == "gemini" && role == "") {
			continue
		}
		if api == "gemini" {
			return partsText(m["parts"])
		}
		return partsText(m["content"])
	}
	return ""
}

// partsText joins the text of a content given as a string or as parts.
func partsText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	parts, _ := v.([]any)
	var b strings.Builder
	for _, p := range parts {
		if m, ok := p.(map[string]any); ok {
			if t, ok := m["text"].(string); ok {
				b.WriteString(t)
			}
		}
	}
	return b.String()
}

// WithGzipAnswers makes every answer gzip-encoded (Content-Encoding: gzip),
// streams included (flushed event by event), whatever the request's
// Accept-Encoding says: a vendor that ignores "identity".
func WithGzipAnswers() Option { return func(c *config) { c.gzip = true } }

// gzipWriter encodes an answer; Flush pushes what was written so far.
type gzipWriter struct {
	http.ResponseWriter
	zw *gzip.Writer
}

func (g *gzipWriter) WriteHeader(code int) {
	g.Header().Set("Content-Encoding", "gzip")
	g.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) { return g.zw.Write(b) }

func (g *gzipWriter) Flush() {
	_ = g.zw.Flush()
	if f, ok := g.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// gzipped wraps next so its answers are gzip-encoded.
func gzipped(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g := &gzipWriter{ResponseWriter: w, zw: gzip.NewWriter(w)}
		defer g.zw.Close()
		next.ServeHTTP(g, r)
	})
}
