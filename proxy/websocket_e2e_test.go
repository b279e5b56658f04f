package proxy_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"
	"go.uber.org/zap"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
	"github.com/promptwall/promptwall/internal/fakews"
	"github.com/promptwall/promptwall/proxy"
)

// startWS runs promptwall with api.openai.com pointed at a fake Responses
// WebSocket endpoint (other vendor hosts at the HTTP fake vendor).
func startWS(t *testing.T, tweak func(*config.Config), opts ...fakews.Option) (*env, *fakews.Server) {
	t.Helper()
	ws := fakews.Start(t, opts...)
	e := start(t, fakevendor.Start(t), func(c *config.Config) {
		c.Upstream.CAFiles = append(c.Upstream.CAFiles, ws.CAFile)
		c.Upstream.Resolve["api.openai.com:443"] = ws.Addr
		if tweak != nil {
			tweak(c)
		}
	})
	return e, ws
}

// dialWS opens the Responses WebSocket through promptwall, offering
// permessage-deflate as real clients do.
func (e *env) dialWS(t *testing.T, ctx context.Context) *websocket.Conn {
	t.Helper()
	c, resp, err := websocket.Dial(ctx, "wss://api.openai.com/v1/responses", &websocket.DialOptions{
		HTTPClient:      e.client(),
		HTTPHeader:      http.Header{"Authorization": {"Bearer sk-test-not-a-real-key"}},
		CompressionMode: websocket.CompressionContextTakeover,
	})
	if err != nil {
		t.Fatalf("dial: %v (resp %v)", err, resp)
	}
	t.Cleanup(func() { c.CloseNow() })
	return c
}

// The OpenAI Realtime and Gemini Live WebSocket endpoints.
const (
	realtimeURL   = "wss://api.openai.com/v1/realtime?model=gpt-realtime"
	geminiLiveURL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=test-not-a-key"
)

// dialURL opens the WebSocket at u through promptwall as a plain client
// does (no header of its own, no compression); it closes with the test.
func (e *env) dialURL(t *testing.T, ctx context.Context, u string) *websocket.Conn {
	t.Helper()
	c, resp, err := websocket.Dial(ctx, u, &websocket.DialOptions{HTTPClient: e.client()})
	if err != nil {
		t.Fatalf("dial %s: %v %v", u, err, resp)
	}
	t.Cleanup(func() { c.CloseNow() })
	return c
}

type wsEvent struct {
	Type     string `json:"type"`
	Status   int    `json:"status"`
	Delta    string `json:"delta"`
	StreamID string `json:"stream_id"`
	Error    struct {
		Type, Code, Message string
	} `json:"error"`
}

func readEvent(t *testing.T, ctx context.Context, c *websocket.Conn) wsEvent {
	t.Helper()
	typ, b, err := c.Read(ctx)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	var ev wsEvent
	if typ != websocket.MessageText || json.Unmarshal(b, &ev) != nil {
		t.Fatalf("not a JSON text event: %q", b)
	}
	return ev
}

// readAnswer reads one streamed answer and returns its text.
func readAnswer(t *testing.T, ctx context.Context, c *websocket.Conn) string {
	t.Helper()
	var text strings.Builder
	if ev := readEvent(t, ctx, c); ev.Type != "response.created" {
		t.Fatalf("first event %+v", ev)
	}
	for {
		ev := readEvent(t, ctx, c)
		switch ev.Type {
		case "response.output_text.delta":
			text.WriteString(ev.Delta)
		case "response.completed":
			return text.String()
		default:
			t.Fatalf("unexpected event %+v", ev)
		}
	}
}

func send(t *testing.T, ctx context.Context, c *websocket.Conn, msg string) {
	t.Helper()
	if err := c.Write(ctx, websocket.MessageText, []byte(msg)); err != nil {
		t.Fatal(err)
	}
}

func TestWebSocketSecretRefusedCleanAnswered(t *testing.T) {
	e, ws := startWS(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c := e.dialWS(t, ctx)

	key := fakeAWSKey(t)
	send(t, ctx, c, `{"type":"response.create","model":"gpt-5","stream_id":"lane-a","input":[{"role":"user","content":[{"type":"input_text","text":"deploy with `+key+`"}]}]}`)
	ev := readEvent(t, ctx, c)
	if ev.Type != "error" || ev.Status != 403 || ev.Error.Code != "policy_violation" || ev.StreamID != "lane-a" ||
		!strings.Contains(ev.Error.Message, "AWS_ACCESS_KEY") || !strings.Contains(ev.Error.Message, "Request id: pw-") {
		t.Fatalf("error event %+v", ev)
	}
	if strings.Contains(ev.Error.Message, key) {
		t.Fatal("the refusal repeats the credential")
	}

	// The connection stays usable: a clean message gets its streamed answer.
	send(t, ctx, c, `{"type":"response.create","model":"gpt-5","input":"What is the capital of Italy?"}`)
	if got := readAnswer(t, ctx, c); got != fakews.DefaultReply {
		t.Fatalf("answer %q", got)
	}

	msgs := ws.Messages()
	if len(msgs) != 1 || !bytes.Contains(msgs[0].Data, []byte("capital of Italy")) {
		t.Fatalf("vendor received %d messages", len(msgs))
	}
	for _, m := range msgs {
		if bytes.Contains(m.Data, []byte(key)) {
			t.Fatal("the credential reached the vendor")
		}
	}
	hs := ws.Handshakes()
	if len(hs) != 1 || hs[0].Header.Get("Sec-WebSocket-Extensions") != "" || hs[0].Header.Get("Authorization") != "Bearer sk-test-not-a-real-key" {
		t.Fatalf("handshakes %+v", hs)
	}

	lines := e.auditLines(t, 2)
	conn := lines[0]["promptwall.connection"]
	if conn == "" || conn == nil || lines[1]["promptwall.connection"] != conn || lines[0]["event.id"] == lines[1]["event.id"] {
		t.Fatalf("connection ids %v %v", conn, lines[1]["promptwall.connection"])
	}
	if lines[0]["event.action"] != "block" || lines[0]["promptwall.api"] != "openai.responses" || lines[0]["promptwall.model"] != "gpt-5" {
		t.Fatalf("audit %v", lines[0])
	}
	if lines[1]["event.action"] != "allow" {
		t.Fatalf("audit %v", lines[1])
	}
	raw, _ := os.ReadFile(e.audit)
	if bytes.Contains(raw, []byte(key)) {
		t.Fatal("the audit holds the credential")
	}
}

func TestWebSocketFragmentedMessageIsInspectedWhole(t *testing.T) {
	e, ws := startWS(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c := e.dialWS(t, ctx)
	key := fakeAWSKey(t)
	write := func(parts ...string) {
		w, err := c.Writer(ctx, websocket.MessageText)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parts {
			if _, err := w.Write([]byte(p)); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	// The credential is cut across frames: only the whole message shows it.
	write(`{"type":"response.create","model":"gpt-5","input":"key `, key[:9], key[9:], `"}`)
	if ev := readEvent(t, ctx, c); ev.Type != "error" || !strings.Contains(ev.Error.Message, "AWS_ACCESS_KEY") {
		t.Fatalf("event %+v", ev)
	}
	write(`{"type":"response.create",`, `"model":"gpt-5","input":"hello"}`)
	if got := readAnswer(t, ctx, c); got != fakews.DefaultReply {
		t.Fatalf("answer %q", got)
	}
	if msgs := ws.Messages(); len(msgs) != 1 || string(msgs[0].Data) != `{"type":"response.create","model":"gpt-5","input":"hello"}` {
		t.Fatalf("vendor received %+v", msgs)
	}
}

func TestWebSocketPingAndCloseHandshake(t *testing.T) {
	e, _ := startWS(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c := e.dialWS(t, ctx)
	send(t, ctx, c, `{"type":"response.create","model":"gpt-5","input":"hi"}`)
	readAnswer(t, ctx, c)

	// Pings go to the vendor and its pongs come back (a pong is read while
	// a Read is pending, which CloseRead provides).
	rctx := c.CloseRead(ctx)
	for range 3 {
		pctx, pcancel := context.WithTimeout(ctx, 5*time.Second)
		err := c.Ping(pctx)
		pcancel()
		if err != nil {
			t.Fatalf("ping: %v", err)
		}
	}
	// The close handshake completes end to end: the vendor's close frame
	// comes back through promptwall.
	if err := c.Close(websocket.StatusNormalClosure, "done"); err != nil {
		t.Fatalf("close handshake: %v", err)
	}
	<-rctx.Done()
	e.auditLines(t, 1)
}

func TestWebSocketOversizeMessageClosesWith1009(t *testing.T) {
	e, ws := startWS(t, func(c *config.Config) { c.Limits.MaxBodyBytes = 64 << 10 })
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c := e.dialWS(t, ctx)
	big := `{"type":"response.create","model":"gpt-5","input":"` + strings.Repeat("a", 100<<10) + `"}`
	send(t, ctx, c, big)
	_, _, err := c.Read(ctx)
	if websocket.CloseStatus(err) != websocket.StatusMessageTooBig {
		t.Fatalf("read after an oversize message: %v, want close 1009", err)
	}
	if n := len(ws.Messages()); n != 0 {
		t.Fatalf("vendor received %d messages", n)
	}
	l := e.auditLines(t, 1)[0]
	if l["event.action"] != "block" || !strings.Contains(strings.Join(anyStrings(l["promptwall.rules"]), ","), "promptwall.too_large") {
		t.Fatalf("audit %v", l)
	}
}

func TestWebSocketBinaryFrameRefused(t *testing.T) {
	e, ws := startWS(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c := e.dialWS(t, ctx)
	if err := c.Write(ctx, websocket.MessageBinary, []byte{0x52, 0x49, 0x46, 0x46, 0, 1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	if ev := readEvent(t, ctx, c); ev.Type != "error" || !strings.Contains(ev.Error.Message, "binary") {
		t.Fatalf("event %+v", ev)
	}
	send(t, ctx, c, `{"type":"response.create","model":"gpt-5","input":"hi"}`)
	readAnswer(t, ctx, c)
	if n := len(ws.Messages()); n != 1 {
		t.Fatalf("vendor received %d messages", n)
	}
}

// BenchmarkWebSocketMessage measures one response.create → response.completed
// round trip (3 deltas) on an open connection, straight to the fake vendor
// and through promptwall: the difference is what inspection adds per message.
// The redact case sends a message with an e-mail address to an echoing
// vendor: redaction of the message and restoring of its deltas included.
func BenchmarkWebSocketMessage(b *testing.B) {
	text := strings.Repeat("Summarise the quarterly report for the board, please. ", 20)
	msg := func(text string) []byte {
		return []byte(`{"type":"response.create","model":"gpt-5","input":[{"role":"user","content":[{"type":"input_text","text":"` + text + `"}]}]}`)
	}
	run := func(b *testing.B, c *websocket.Conn, msg []byte, check func([]byte)) {
		ctx := context.Background()
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
				b.Fatal(err)
			}
			for {
				_, data, err := c.Read(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if bytes.Contains(data, []byte(`"response.completed"`)) {
					if check != nil {
						check(data)
					}
					break
				}
			}
		}
	}
	viaPromptwall := func(b *testing.B, ws *fakews.Server) *websocket.Conn {
		cfg, err := config.Parse(nil)
		if err != nil {
			b.Fatal(err)
		}
		cfg.Listen, cfg.AdminListen, cfg.DataDir = "127.0.0.1:0", "127.0.0.1:0", b.TempDir()
		cfg.Upstream.CAFiles = []string{ws.CAFile}
		cfg.Upstream.Resolve = map[string]string{"api.openai.com:443": ws.Addr}
		srv, err := proxy.New(context.Background(), cfg, zap.NewNop())
		if err != nil {
			b.Fatal(err)
		}
		if err := srv.Start(); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { srv.Close(context.Background()) })
		pa, _ := srv.Addrs()
		pool := x509.NewCertPool()
		pool.AddCert(srv.CA().Certificate())
		hc := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(&url.URL{Scheme: "http", Host: pa}), TLSClientConfig: &tls.Config{RootCAs: pool}}}
		c, _, err := websocket.Dial(context.Background(), "wss://api.openai.com/v1/responses", &websocket.DialOptions{HTTPClient: hc})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { c.CloseNow() })
		return c
	}
	ws := fakews.Start(b)
	b.Run("direct", func(b *testing.B) {
		hc := &http.Client{Transport: &http.Transport{TLSClientConfig: ws.CA.ClientTLS()}}
		c, _, err := websocket.Dial(context.Background(), "wss://"+ws.Addr+"/v1/responses", &websocket.DialOptions{HTTPClient: hc})
		if err != nil {
			b.Fatal(err)
		}
		defer c.CloseNow()
		run(b, c, msg(text), nil)
	})
	b.Run("promptwall", func(b *testing.B) {
		run(b, viaPromptwall(b, ws), msg(text), nil)
	})
	echo := fakews.Start(b, fakews.WithEcho())
	const email = "mario.rossi@example.com"
	b.Run("direct-echo", func(b *testing.B) {
		hc := &http.Client{Transport: &http.Transport{TLSClientConfig: echo.CA.ClientTLS()}}
		c, _, err := websocket.Dial(context.Background(), "wss://"+echo.Addr+"/v1/responses", &websocket.DialOptions{HTTPClient: hc})
		if err != nil {
			b.Fatal(err)
		}
		defer c.CloseNow()
		run(b, c, msg("Write to "+email+". "+text), nil)
	})
	b.Run("promptwall-redact", func(b *testing.B) {
		run(b, viaPromptwall(b, echo), msg("Write to "+email+". "+text), func(final []byte) {
			if !bytes.Contains(final, []byte(email)) {
				b.Fatalf("not restored: %s", final)
			}
		})
	})
}

func TestWebSocketUpgradeStaysHTTP1WhenVendorOffersH2(t *testing.T) {
	e, ws := startWS(t, nil, fakews.WithHTTP2())
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	h2 := &http.Client{Transport: &http.Transport{TLSClientConfig: ws.CA.ClientTLS(), ForceAttemptHTTP2: true}}
	resp, err := h2.Get("https://" + ws.Addr + "/")
	if err != nil || resp.ProtoMajor != 2 {
		t.Fatalf("the fake vendor does not offer h2: %v %v", err, resp)
	}
	resp.Body.Close()
	c := e.dialWS(t, ctx)
	send(t, ctx, c, `{"type":"response.create","model":"gpt-5","input":"hi"}`)
	if got := readAnswer(t, ctx, c); got != fakews.DefaultReply {
		t.Fatalf("answer %q", got)
	}
	if n := len(ws.Handshakes()); n != 1 {
		t.Fatalf("handshakes %d", n)
	}
}

func TestWebSocketRealtimeAndGeminiLive(t *testing.T) {
	e, ws := startWS(t, func(c *config.Config) {
		c.Upstream.Resolve["generativelanguage.googleapis.com:443"] = c.Upstream.Resolve["api.openai.com:443"]
	})
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	key := fakeAWSKey(t)

	rt := e.dialURL(t, ctx, realtimeURL)
	send(t, ctx, rt, `{"type":"conversation.item.create","event_id":"ev_1","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"my key `+key+`"}]}}`)
	_, b, err := rt.Read(ctx)
	if err != nil || !strings.Contains(string(b), `"type":"error"`) || !strings.Contains(string(b), `"event_id":"ev_1"`) || !strings.Contains(string(b), "AWS_ACCESS_KEY") {
		t.Fatalf("realtime refusal %s %v", b, err)
	}
	send(t, ctx, rt, `{"type":"input_audio_buffer.append","audio":"UklGRiQAAABXQVZF"}`)
	if _, b, err = rt.Read(ctx); err != nil || !strings.Contains(string(b), "audio") || !strings.Contains(string(b), `"type":"error"`) {
		t.Fatalf("realtime audio %s %v", b, err)
	}
	send(t, ctx, rt, `{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}}`)
	if _, b, err = rt.Read(ctx); err != nil || !strings.Contains(string(b), "conversation.item.created") {
		t.Fatalf("realtime clean %s %v", b, err)
	}

	live := e.dialURL(t, ctx, geminiLiveURL)
	send(t, ctx, live, `{"setup":{"model":"models/gemini-live-2.5-flash"}}`)
	if _, b, err = live.Read(ctx); err != nil || !strings.Contains(string(b), "setupComplete") {
		t.Fatalf("live setup %s %v", b, err)
	}
	send(t, ctx, live, `{"clientContent":{"turns":[{"role":"user","parts":[{"text":"hello"}]}],"turnComplete":true}}`)
	if _, b, err = live.Read(ctx); err != nil || !strings.Contains(string(b), fakews.DefaultReply) {
		t.Fatalf("live clean %s %v", b, err)
	}
	// Gemini Live has no error event: the vendor closes the connection on a
	// bad message, and so does promptwall, with 1008 and the reason.
	send(t, ctx, live, `{"clientContent":{"turns":[{"role":"user","parts":[{"text":"key `+key+`"}]}],"turnComplete":true}}`)
	_, _, err = live.Read(ctx)
	var ce websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.StatusPolicyViolation || !strings.Contains(ce.Reason, "promptwall pw-") || strings.Contains(ce.Reason, key) {
		t.Fatalf("live refusal: %v", err)
	}

	for _, m := range ws.Messages() {
		if bytes.Contains(m.Data, []byte(key)) || bytes.Contains(m.Data, []byte("UklGR")) {
			t.Fatalf("vendor received %s", m.Data)
		}
	}
	if n := len(ws.Messages()); n != 3 {
		t.Fatalf("vendor received %d messages, want 3", n)
	}
	lines := e.auditLines(t, 6)
	if lines[0]["promptwall.api"] != "openai.realtime" || lines[0]["promptwall.model"] != "gpt-realtime" ||
		lines[5]["promptwall.api"] != "gemini.live" || lines[5]["promptwall.model"] != "gemini-live-2.5-flash" || lines[5]["event.action"] != "block" {
		t.Fatalf("audit %v / %v", lines[0], lines[5])
	}
}

func TestWebSocketShutdownSaysGoingAway(t *testing.T) {
	e, _ := startWS(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c := e.dialWS(t, ctx)
	send(t, ctx, c, `{"type":"response.create","model":"gpt-5","input":"hi"}`)
	readAnswer(t, ctx, c)
	closed := make(chan error, 1)
	go func() {
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		closed <- e.srv.Close(sctx)
	}()
	if _, _, err := c.Read(ctx); websocket.CloseStatus(err) != websocket.StatusGoingAway {
		t.Fatalf("read during shutdown: %v, want close 1001", err)
	}
	if err := <-closed; err != nil {
		t.Fatalf("shutdown with an open WebSocket: %v", err)
	}
}

// The official SDK's Responses WebSocket reads promptwall's refusal as the
// vendor's own error event, and the same connection then answers.
func TestWebSocketOpenAISDK(t *testing.T) {
	e, ws := startWS(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	oc := openai.NewClient(optionsFor(e.client())...)
	conn, err := oc.Responses.Connect(ctx, responses.ResponseConnectionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	key := fakeAWSKey(t)
	if err := conn.SendRaw(ctx, json.RawMessage(`{"type":"response.create","model":"gpt-5","input":"key `+key+`"}`)); err != nil {
		t.Fatal(err)
	}
	ev, err := conn.Recv(ctx)
	if err != nil || ev.Type != "error" || !strings.Contains(ev.RawJSON(), "AWS_ACCESS_KEY") || strings.Contains(ev.RawJSON(), key) {
		t.Fatalf("refusal %s %v", ev.RawJSON(), err)
	}
	if err := conn.SendRaw(ctx, json.RawMessage(`{"type":"response.create","model":"gpt-5","input":"hello"}`)); err != nil {
		t.Fatal(err)
	}
	r, err := conn.FinalResponse(ctx)
	if err != nil || r.OutputText() != fakews.DefaultReply {
		t.Fatalf("answer %v %v", r, err)
	}
	if n := len(ws.Messages()); n != 1 {
		t.Fatalf("vendor received %d messages", n)
	}
}

// rawWS opens a TLS connection to api.openai.com through promptwall and
// sends the upgrade request followed, in the same write, by extra bytes.
func (e *env) rawWS(t *testing.T, extra []byte) (*tls.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.DialTimeout("tcp", e.proxyURL.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(c, "CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n")
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("CONNECT: %v %v", err, resp)
	}
	tc := tls.Client(c, &tls.Config{ServerName: "api.openai.com", RootCAs: e.caPool, NextProtos: []string{"http/1.1"}})
	req := "GET /v1/responses HTTP/1.1\r\nHost: api.openai.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
	if _, err := tc.Write(append([]byte(req), extra...)); err != nil {
		t.Fatal(err)
	}
	tbr := bufio.NewReader(tc)
	resp, err = http.ReadResponse(tbr, nil)
	if err != nil || resp.StatusCode != http.StatusSwitchingProtocols || resp.Header.Get("Sec-WebSocket-Accept") != "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" {
		t.Fatalf("upgrade: %v %v", err, resp)
	}
	return tc, tbr
}

// readServerFrame reads one unmasked frame the way a client would.
func readServerFrame(t *testing.T, r *bufio.Reader) (op byte, payload []byte) {
	t.Helper()
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		t.Fatal(err)
	}
	n := int(h[1] & 0x7F)
	switch n {
	case 126:
		var b [2]byte
		io.ReadFull(r, b[:])
		n = int(b[0])<<8 | int(b[1])
	case 127:
		t.Fatal("unexpectedly long frame")
	}
	payload = make([]byte, n)
	if _, err := io.ReadFull(r, payload); err != nil {
		t.Fatal(err)
	}
	return h[0] & 0x0F, payload
}

func TestWebSocketRawClientFirstFramePipelinedAndProtocolError(t *testing.T) {
	e, ws := startWS(t, nil)
	// A masked message sent in the same write as the upgrade request.
	msg := []byte(`{"type":"response.create","model":"gpt-5","input":"hi"}`)
	mask := [4]byte{9, 8, 7, 6}
	frame := []byte{0x81, 0x80 | byte(len(msg)), mask[0], mask[1], mask[2], mask[3]}
	for i, c := range msg {
		frame = append(frame, c^mask[i%4])
	}
	tc, r := e.rawWS(t, frame)
	op, p := readServerFrame(t, r)
	if op != 0x1 || !bytes.Contains(p, []byte("response.created")) {
		t.Fatalf("first event op %x %s", op, p)
	}
	for !bytes.Contains(p, []byte("response.completed")) {
		_, p = readServerFrame(t, r)
	}
	// An unmasked client frame breaks RFC 6455: closed with 1002.
	if _, err := tc.Write([]byte{0x81, 0x02, 'h', 'i'}); err != nil {
		t.Fatal(err)
	}
	op, p = readServerFrame(t, r)
	if op != 0x8 || len(p) < 2 || int(p[0])<<8|int(p[1]) != 1002 {
		t.Fatalf("after an unmasked frame: op %x %q, want close 1002", op, p)
	}
	if n := len(ws.Messages()); n != 1 {
		t.Fatalf("vendor received %d messages", n)
	}
}

// TestWebSocketInvalidUTF8Refused: a text message with invalid UTF-8 would
// be scanned with U+FFFD where the vendor reads the raw bytes: refused with
// the vendor's error event, as on HTTP, and never sent.
func TestWebSocketInvalidUTF8Refused(t *testing.T) {
	e, ws := startWS(t, nil)
	key := fakeAWSKey(t)
	msg := []byte(`{"type":"response.create","model":"gpt-5","input":"deploy ` + key[:10] + "\xff" + key[10:] + `"}`)
	mask := [4]byte{1, 2, 3, 4}
	if len(msg) > 125 {
		t.Fatal("the test message must fit a one-byte length")
	}
	frame := []byte{0x81, 0x80 | byte(len(msg)), mask[0], mask[1], mask[2], mask[3]}
	for i, c := range msg {
		frame = append(frame, c^mask[i%4])
	}
	_, r := e.rawWS(t, frame)
	op, p := readServerFrame(t, r)
	if op != 0x1 || !bytes.Contains(p, []byte(`"type":"error"`)) || !bytes.Contains(p, []byte("invalid UTF-8")) {
		t.Fatalf("answer op %x %s, want the vendor's error event", op, p)
	}
	if n := len(ws.Messages()); n != 0 {
		t.Fatalf("vendor received %d messages", n)
	}
}
