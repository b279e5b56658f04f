package proxy_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
)

// Timeouts must cut what is dead and never what is alive: these tests run
// with limits.idle_timeout_seconds at 1 s and check both sides.

func idleOneSecond(c *config.Config) { c.Limits.IdleTimeoutSeconds = 1 }

// TestStreamOutlivesIdleTimeout: an answer that pauses longer than the
// idle timeout (a reasoning model thinking), and one that trickles for
// several idle periods, arrive whole, over HTTP/1.1 and h2.
func TestStreamOutlivesIdleTimeout(t *testing.T) {
	up := startUpstream(t, sseHandler(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		time.Sleep(2500 * time.Millisecond) // silent for 2.5 idle periods
		for range 8 {                       // then an event every 400 ms for 3 s
			if _, err := io.WriteString(w, `data: {"choices":[{"index":0,"delta":{"content":" more"}}]}`+"\n\n"); err != nil {
				return
			}
			_ = rc.Flush()
			time.Sleep(400 * time.Millisecond)
		}
		_, _ = io.WriteString(w, "data: [DONE]\n\n")
	}))
	e := startBehind(t, up, idleOneSecond)
	for _, h2 := range []bool{false, true} {
		hc := e.client()
		hc.Transport.(*http.Transport).ForceAttemptHTTP2 = h2
		resp, err := hc.Do(chatRequest(context.Background(), `{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Think hard."}]}`))
		if err != nil {
			t.Fatal(err)
		}
		if (resp.ProtoMajor == 2) != h2 {
			t.Fatalf("h2=%v: the answer came over %s", h2, resp.Proto)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || strings.Count(string(b), " more") != 8 || !strings.HasSuffix(string(b), "data: [DONE]\n\n") {
			t.Fatalf("h2=%v: the stream was cut: %v\n%s", h2, err, b)
		}
	}
}

// TestIdleDecryptedConnectionIsClosed: a decrypted keep-alive connection
// with no request for the idle timeout is closed.
func TestIdleDecryptedConnectionIsClosed(t *testing.T) {
	up := startUpstream(t, sseHandler(func(http.ResponseWriter, *http.Request) {}))
	e := startBehind(t, up, idleOneSecond)
	c := connect(t, e)
	tc := tls.Client(c, &tls.Config{ServerName: "api.openai.com", RootCAs: e.caPool})
	req := chatRequest(context.Background(), cleanChat)
	if err := req.Write(tc); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(tc), req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%v %v", resp, err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if !droppedWithin(tc, 5*time.Second) {
		t.Fatal("an idle decrypted connection is still open 5 s after a 1 s idle timeout")
	}
}

// TestBlindTunnelIdleTimeout: a tunnel to a host promptwall does not
// decrypt is closed when no byte goes either way for the idle timeout, and
// kept while bytes flow in one direction only.
func TestBlindTunnelIdleTimeout(t *testing.T) {
	// The origin sends a byte every 300 ms for 3 s after "go", then falls silent.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var originClosed atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				b := make([]byte, 2)
				if _, err := io.ReadFull(c, b); err != nil || string(b) != "go" {
					return
				}
				for range 10 {
					if _, err := c.Write([]byte{'.'}); err != nil {
						return
					}
					time.Sleep(300 * time.Millisecond)
				}
				_, _ = io.Copy(io.Discard, c) // until the tunnel closes
				originClosed.Add(1)
			}()
		}
	}()
	e := start(t, fakevendor.Start(t), idleOneSecond)
	c, br := connectTo(t, e, ln.Addr().String())
	if _, err := io.WriteString(c, "go"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	got, err := io.ReadAll(br)
	if err != nil {
		t.Fatalf("the tunnel was not closed by the proxy: %v (after %d bytes)", err, len(got))
	}
	if len(got) != 10 {
		t.Fatalf("the tunnel was cut while the origin was sending: %d of 10 bytes", len(got))
	}
	if d := time.Since(start); d > 7*time.Second {
		t.Fatalf("closed %s after the start, want 4–5 s (3 s sending, then one or two 1 s idle periods)", d.Round(100*time.Millisecond))
	}
	if waitCount(&originClosed, 1, 3*time.Second) != 1 {
		t.Fatal("the origin's side of the idle tunnel was not closed")
	}
}

// TestHangUpDuringVendorSilenceCancelsUpstreamH2: as over HTTP/1.1, an h2
// client that resets its stream while the vendor is silent cancels the
// upstream request.
func TestHangUpDuringVendorSilenceCancelsUpstreamH2(t *testing.T) {
	var cancelled atomic.Int64
	up := startUpstream(t, silentVendor(&cancelled))
	e := startBehind(t, up, nil)
	hc := e.client()
	hc.Transport.(*http.Transport).ForceAttemptHTTP2 = true
	const n = 3
	for i := range n {
		ctx, cancel := context.WithCancel(context.Background())
		resp, err := hc.Do(chatRequest(ctx, `{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Tell me a story."}]}`))
		if err != nil {
			t.Fatal(err)
		}
		if resp.ProtoMajor != 2 {
			t.Fatalf("stream %d came over %s", i, resp.Proto)
		}
		if line, err := bufio.NewReader(resp.Body).ReadString('\n'); err != nil || !strings.HasPrefix(line, "data: ") {
			t.Fatalf("stream %d: first line %q, %v", i, line, err)
		}
		cancel() // RST_STREAM; the connection stays up
		resp.Body.Close()
	}
	if got := waitCount(&cancelled, n, 3*time.Second); got != n {
		t.Fatalf("the vendor saw %d of %d h2 requests cancelled 3 s after the client reset them", got, n)
	}
}

// TestClientThatStopsReadingIsCut: a client that stops reading a stream
// (alive, but its window full) is cut after the idle timeout and the
// upstream request cancelled, over HTTP/1.1 and h2.
func TestClientThatStopsReadingIsCut(t *testing.T) {
	var cancelled atomic.Int64
	chunk := "data: " + strings.Repeat("x", 64<<10) + "\n\n"
	up := startUpstream(t, sseHandler(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		for range 2000 { // at most 128 MiB
			if _, err := io.WriteString(w, chunk); err != nil {
				cancelled.Add(1)
				return
			}
			_ = rc.Flush()
			if r.Context().Err() != nil {
				cancelled.Add(1)
				return
			}
		}
	}))
	e := startBehind(t, up, idleOneSecond)
	for i, h2 := range []bool{false, true} {
		hc := e.client()
		hc.Transport.(*http.Transport).ForceAttemptHTTP2 = h2
		resp, err := hc.Do(chatRequest(context.Background(), `{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Everything, please."}]}`))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if (resp.ProtoMajor == 2) != h2 {
			t.Fatalf("h2=%v: the answer came over %s", h2, resp.Proto)
		}
		// Read nothing more: the client is alive but stuck.
		if got := waitCount(&cancelled, int64(i+1), 8*time.Second); got != int64(i+1) {
			t.Fatalf("h2=%v: the upstream request is still running 8 s after the client stopped reading (1 s idle timeout)", h2)
		}
	}
}

// TestBlindTunnelHalfClose: a client that half-closes its side of a blind
// tunnel still gets the origin's whole answer.
func TestBlindTunnelHalfClose(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		got, _ := io.ReadAll(c) // until the client's end of stream
		time.Sleep(100 * time.Millisecond)
		_, _ = io.WriteString(c, "got "+string(got))
	}()
	e := start(t, fakevendor.Start(t), nil)
	c, br := connectTo(t, e, ln.Addr().String())
	if _, err := io.WriteString(c, "hello"); err != nil {
		t.Fatal(err)
	}
	if err := c.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if got, err := io.ReadAll(br); err != nil || string(got) != "got hello" {
		t.Fatalf("through a half-closed tunnel: %q, %v", got, err)
	}
}

// TestClientHelloSentWithTheConnect: a client that sends its TLS
// ClientHello in the same write as the CONNECT, before the answer, is
// decrypted all the same (the bytes read with the CONNECT are replayed).
func TestClientHelloSentWithTheConnect(t *testing.T) {
	e := start(t, fakevendor.Start(t), nil)
	c, err := net.Dial("tcp", e.proxyURL.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(20 * time.Second))
	pc := &pipelinedConnect{Conn: c, head: []byte("CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n")}
	pc.br = bufio.NewReader(c)
	tc := tls.Client(pc, &tls.Config{ServerName: "api.openai.com", RootCAs: e.caPool})
	req := chatRequest(context.Background(), cleanChat)
	if err := req.Write(tc); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(tc), req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !pc.pipelined {
		t.Fatalf("status %d, ClientHello sent with the CONNECT: %v", resp.StatusCode, pc.pipelined)
	}
}

// pipelinedConnect prefixes its first write (the ClientHello) with a
// CONNECT, and skips the CONNECT's answer before its first read.
type pipelinedConnect struct {
	net.Conn
	head      []byte
	br        *bufio.Reader
	answered  bool
	pipelined bool
}

func (c *pipelinedConnect) Write(p []byte) (int, error) {
	if c.head != nil {
		b := append(c.head, p...)
		c.head, c.pipelined = nil, !c.answered
		if _, err := c.Conn.Write(b); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return c.Conn.Write(p)
}

func (c *pipelinedConnect) Read(p []byte) (int, error) {
	if !c.answered {
		resp, err := http.ReadResponse(c.br, nil)
		if err != nil {
			return 0, err
		}
		if resp.StatusCode != http.StatusOK {
			return 0, io.ErrUnexpectedEOF
		}
		c.answered = true
	}
	return c.br.Read(p)
}

// TestBlindTunnelStuckReaderAfterHalfClose: a client that half-closes its
// side of a blind tunnel and then stops reading while the origin keeps
// sending is cut within a few idle periods; the origin's side is closed,
// not held forever by a write nobody watches.
func TestBlindTunnelStuckReaderAfterHalfClose(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	originDone := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		chunk := make([]byte, 64<<10)
		for { // until the proxy closes the tunnel: the client reads nothing
			if _, err := c.Write(chunk); err != nil {
				originDone <- err
				return
			}
		}
	}()
	e := start(t, fakevendor.Start(t), idleOneSecond)
	c, _ := connectTo(t, e, ln.Addr().String())
	if err := c.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-originDone:
	case <-time.After(15 * time.Second):
		t.Fatal("the origin is still writing into a tunnel whose client stopped reading 15 s ago")
	}
}
