package fakevendor

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/promptwall/promptwall/internal/reqlog"
	"github.com/promptwall/promptwall/internal/testpki"
)

// DefaultReply is the answer text unless WithReply says otherwise.
const DefaultReply = "Hello from the fake vendor. This is a canned reply."

// Created is the fixed Unix time stamped on every answer, for golden files.
const Created int64 = 1767225600 // 2026-01-01T00:00:00Z

// DefaultHosts are the names the server's certificate is valid for (plus 127.0.0.1).
var DefaultHosts = []string{"api.openai.com", "api.anthropic.com", "generativelanguage.googleapis.com", "api.mistral.ai"}

// Request is one request as the server received it.
type Request struct {
	Method   string
	Host     string // the Host header, e.g. api.openai.com when reached through a proxy
	Path     string
	RawQuery string
	Header   http.Header
	Body     []byte // raw bytes as received, before any Content-Encoding decoding
}

// Server is a running fake vendor.
type Server struct {
	Addr   string      // host:port on 127.0.0.1
	URL    string      // "https://" + Addr
	CAFile string      // PEM file of the CA that signed the server certificate
	CA     *testpki.CA // that CA

	cfg  config
	srv  *httptest.Server
	done chan struct{} // closed at cleanup: releases handlers blocked on a gate

	reqs reqlog.Log[Request]
	mu   sync.Mutex
	seq  int
}

type config struct {
	reply      string
	chunks     int
	gate       <-chan struct{}
	chunkDelay time.Duration
	status     int
	hosts      []string
	echo       bool
	tool       string
	writeSize  int
	gzip       bool
	onRequest  func(Request)
}

// Option configures Start.
type Option func(*config)

// WithReply sets the answer text.
func WithReply(text string) Option { return func(c *config) { c.reply = text } }

// WithChunks sets how many text delta events a stream carries (default 3;
// at most one per rune of the reply).
func WithChunks(n int) Option { return func(c *config) { c.chunks = n } }

// WithStreamGate makes every stream block before its last text delta until
// gate is closed (or the request ends).
func WithStreamGate(gate <-chan struct{}) Option { return func(c *config) { c.gate = gate } }

// WithChunkDelay sleeps d before every text delta after the first.
func WithChunkDelay(d time.Duration) Option { return func(c *config) { c.chunkDelay = d } }

// WithStatus makes every API endpoint fail with status in the vendor's own
// error shape (e.g. 429, 500).
func WithStatus(code int) Option { return func(c *config) { c.status = code } }

// WithOnRequest calls f with each request as it arrives, before it is
// answered: a test can look at what the proxy did before it let the request
// out (its audit trail, say).
func WithOnRequest(f func(Request)) Option { return func(c *config) { c.onRequest = f } }

// WithHosts adds names to the server certificate.
func WithHosts(hosts ...string) Option {
	return func(c *config) { c.hosts = append(c.hosts, hosts...) }
}

// Start runs a fake vendor until the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	cfg := config{reply: DefaultReply, chunks: 3, hosts: append([]string(nil), DefaultHosts...)}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{cfg: cfg, done: make(chan struct{}), CA: testpki.NewCA(t)}
	s.CAFile = s.CA.WritePEM(t, t.TempDir())

	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", s.chatCompletions)
	mux.HandleFunc("POST /v1/responses", s.responses)
	mux.HandleFunc("POST /v1/messages", s.messages)
	mux.HandleFunc("POST /v1beta/models/{call}", s.gemini)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, nil, obj{{"error", obj{
			{"message", fmt.Sprintf("fakevendor: no route for %s %s", r.Method, r.URL.Path)},
			{"type", "invalid_request_error"}, {"param", nil}, {"code", "unknown_url"},
		}}})
	})

	var h http.Handler = mux
	if cfg.gzip {
		h = gzipped(h)
	}
	s.srv = httptest.NewUnstartedServer(s.record(h))
	s.srv.TLS = s.CA.ServerTLS(t, cfg.hosts...)
	s.srv.StartTLS()
	s.Addr = s.srv.Listener.Addr().String()
	s.URL = "https://" + s.Addr
	t.Cleanup(func() {
		close(s.done)
		s.srv.Close()
	})
	return s
}

// HTTPClient returns a client trusting the server's CA, for direct calls.
func (s *Server) HTTPClient() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: s.CA.ClientTLS()}}
}

// Requests returns a copy of every request received so far, in order.
func (s *Server) Requests() []Request { return s.reqs.All() }

// Last returns the most recent request, or a zero Request if none arrived.
func (s *Server) Last() Request { return s.reqs.Last() }

func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "fakevendor: reading body: "+err.Error(), http.StatusBadRequest)
			return
		}
		req := Request{
			Method: r.Method, Host: r.Host, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
			Header: r.Header.Clone(), Body: body,
		}
		s.reqs.Add(req)
		if s.cfg.onRequest != nil {
			s.cfg.onRequest(req)
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// nextID returns a per-server sequence number for answer ids.
func (s *Server) nextID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	return fmt.Sprintf("%06d", s.seq)
}

// parsed is what the handlers need from a request body.
type parsed struct {
	Model         string `json:"model"`
	Stream        bool   `json:"stream"`
	StreamOptions *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
	size  int
	raw   []byte // the decoded body
	reply string // the answer text for this request
}

// readBody decodes the request body (undoing Content-Encoding, for parsing
// only: Requests keeps the raw bytes) into p.
func readBody(r *http.Request, p *parsed) error {
	var rd io.Reader = r.Body
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip":
		zr, err := gzip.NewReader(rd)
		if err != nil {
			return fmt.Errorf("gzip body: %w", err)
		}
		rd = zr
	case "deflate":
		zr, err := zlib.NewReader(rd)
		if err != nil {
			return fmt.Errorf("deflate body: %w", err)
		}
		rd = zr
	case "br":
		rd = brotli.NewReader(rd)
	case "zstd":
		zr, err := zstd.NewReader(rd)
		if err != nil {
			return fmt.Errorf("zstd body: %w", err)
		}
		defer zr.Close()
		rd = zr
	default:
		return fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	body, err := io.ReadAll(io.LimitReader(rd, 64<<20))
	if err != nil {
		return fmt.Errorf("reading body: %w", err)
	}
	p.size = len(body)
	p.raw = body
	if err := json.Unmarshal(body, p); err != nil {
		return fmt.Errorf("body is not valid JSON: %w", err)
	}
	return nil
}

// usage is the token accounting stamped on answers: deterministic, roughly
// four bytes a token like the real tokenisers.
type usage struct{ in, out int }

func (s *Server) usageFor(p *parsed) usage {
	return usage{in: max(1, p.size/4), out: max(1, len(strings.Fields(p.reply)))}
}

// pieces splits a text into the configured number of deltas.
func (s *Server) pieces(text string) []string { return splitText(text, s.cfg.chunks) }

func splitText(text string, n int) []string {
	runes := utf8.RuneCountInString(text)
	n = max(1, min(n, runes))
	out := make([]string, 0, n)
	rs := []rune(text)
	for i := range n {
		out = append(out, string(rs[i*len(rs)/n:(i+1)*len(rs)/n]))
	}
	return out
}

// stream writes SSE events (or other framings), flushing each one.
type stream struct {
	s   *Server
	w   http.ResponseWriter
	rc  *http.ResponseController
	ctx context.Context
}

func (s *Server) startStream(w http.ResponseWriter, r *http.Request, contentType string, hdr map[string]string) *stream {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-cache")
	for k, v := range hdr {
		w.Header().Set(k, v)
	}
	w.WriteHeader(http.StatusOK)
	return &stream{s: s, w: w, rc: http.NewResponseController(w), ctx: r.Context()}
}

// raw writes b and flushes it (in pieces of WithWriteSize bytes, if set).
func (st *stream) raw(b []byte) error {
	n := st.s.cfg.writeSize
	if n <= 0 {
		n = len(b)
	}
	for len(b) > 0 {
		k := min(n, len(b))
		if _, err := st.w.Write(b[:k]); err != nil {
			return err
		}
		if err := st.rc.Flush(); err != nil {
			return err
		}
		b = b[k:]
	}
	return nil
}

// event writes one SSE event; name "" omits the event: line.
func (st *stream) event(name string, v any) error {
	var b bytes.Buffer
	if name != "" {
		b.WriteString("event: " + name + "\n")
	}
	b.WriteString("data: ")
	b.Write(marshal(v))
	b.WriteString("\n\n")
	return st.raw(b.Bytes())
}

// beforeDelta paces delta i of n: the chunk delay, and the gate before the last.
func (st *stream) beforeDelta(i, n int) error {
	if i > 0 && st.s.cfg.chunkDelay > 0 {
		t := time.NewTimer(st.s.cfg.chunkDelay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-st.ctx.Done():
			return st.ctx.Err()
		case <-st.s.done:
			return context.Canceled
		}
	}
	if i == n-1 && st.s.cfg.gate != nil {
		select {
		case <-st.s.cfg.gate:
		case <-st.ctx.Done():
			return st.ctx.Err()
		case <-st.s.done:
			return context.Canceled
		}
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, hdr map[string]string, v any) {
	for k, val := range hdr {
		w.Header().Set(k, val)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(marshal(v))
}

// kv and obj build JSON objects that keep the vendors' field order.
type kv struct {
	k string
	v any
}

type obj []kv

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(marshal(f.k))
		b.WriteByte(':')
		b.Write(marshal(f.v))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal encodes v without HTML escaping, as the vendors do.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("fakevendor: encoding %T: %v", v, err)) // only our own literals get here
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
