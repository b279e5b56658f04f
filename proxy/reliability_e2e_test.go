package proxy_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
	"github.com/promptwall/promptwall/internal/testpki"
)

// The reliability suite: promptwall under faults a proxy in everyone's path
// meets every day.

// upstream is a hand-written vendor for fault injection: the handler decides
// how the answer misbehaves. Unlike fakevendor it keeps no request log, so
// the soak's heap stays flat.
type upstream struct {
	addr   string
	caFile string
	srv    *httptest.Server
}

// dropIdle closes every connection promptwall holds to the upstream: its
// keep-alive pool (3 goroutines a connection, up to 64 connections) then
// no longer counts in goroutine comparisons.
func (u *upstream) dropIdle() {
	u.srv.CloseClientConnections()
	time.Sleep(50 * time.Millisecond)
}

func startUpstream(t *testing.T, h http.Handler) *upstream {
	t.Helper()
	ca := testpki.NewCA(t)
	srv := httptest.NewUnstartedServer(h)
	srv.TLS = ca.ServerTLS(t, vendorHosts...)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return &upstream{addr: srv.Listener.Addr().String(), caFile: ca.WritePEM(t, t.TempDir()), srv: srv}
}

// startBehind runs promptwall with every vendor host resolved to up.
func startBehind(t *testing.T, up *upstream, tweak func(*config.Config)) *env {
	t.Helper()
	return start(t, fakevendor.Start(t), func(c *config.Config) {
		c.Upstream.CAFiles = append(c.Upstream.CAFiles, up.caFile)
		for _, h := range vendorHosts {
			c.Upstream.Resolve[h+":443"] = up.addr
		}
		if tweak != nil {
			tweak(c)
		}
	})
}

const cleanChat = `{"model":"gpt-4o","messages":[{"role":"user","content":"Summarise the meeting notes, please."}]}`

// chatRequest builds a POST to OpenAI chat completions.
func chatRequest(ctx context.Context, body string) *http.Request {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://api.openai.com/v1/chat/completions", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

// sseHandler answers a streamed request with its first event, then lets
// rest do what it will with the connection; other requests get a short JSON
// answer.
func sseHandler(rest func(w http.ResponseWriter, r *http.Request)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if !bytes.Contains(b, []byte(`"stream":true`)) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}`)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `data: {"choices":[{"index":0,"delta":{"content":"Hello"}}]}`+"\n\n")
		_ = http.NewResponseController(w).Flush()
		rest(w, r)
	}
}

// settle waits until the process runs at most limit goroutines and
// returns the count (the last one seen when time runs out).
func settle(limit int, within time.Duration) int {
	deadline := time.Now().Add(within)
	for {
		runtime.GC()
		n := runtime.NumGoroutine()
		if n <= limit || time.Now().After(deadline) {
			return n
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// goroutineDump is the goroutine profile grouped by stack, for a failure
// message (the first few KiB: the biggest groups come first).
func goroutineDump() string {
	var b strings.Builder
	_ = pprof.Lookup("goroutine").WriteTo(&b, 1)
	s := b.String()
	if len(s) > 6000 {
		s = s[:6000] + "\n…"
	}
	return s
}

// goroutineBaseline counts goroutines once the test's fixtures are up and
// idle; slack absorbs the runtime's own and the transports' idle workers.
func goroutineBaseline() int {
	time.Sleep(100 * time.Millisecond)
	runtime.GC()
	return runtime.NumGoroutine()
}

// hangUpStreams opens n streams through e, reads the first event of each and
// hangs up; it returns the goroutine count before.
func hangUpStreams(t *testing.T, e *env, n int) int {
	t.Helper()
	hc := e.client()
	// One request first, so lazily started goroutines count in the baseline.
	resp, err := hc.Do(chatRequest(context.Background(), `{"model":"gpt-4o","stream":false,"messages":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	hc.CloseIdleConnections()
	base := goroutineBaseline()
	for i := range n {
		ctx, cancel := context.WithCancel(context.Background())
		resp, err := hc.Do(chatRequest(ctx, `{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Tell me a story."}]}`))
		if err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(resp.Body).ReadString('\n')
		if err != nil || !strings.HasPrefix(line, "data: ") {
			t.Fatalf("stream %d: first line %q, %v", i, line, err)
		}
		cancel() // the client hangs up mid-stream
		resp.Body.Close()
		hc.CloseIdleConnections()
	}
	return base
}

// silentVendor answers a stream with its first event, then falls silent
// (a reasoning model thinking) until the request is cancelled, counted in
// cancelled, or 10 s pass.
func silentVendor(cancelled *atomic.Int64) http.HandlerFunc {
	return sseHandler(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
			cancelled.Add(1)
		case <-time.After(10 * time.Second):
		}
	})
}

// waitCount waits until c reaches want, for at most d.
func waitCount(c *atomic.Int64, want int64, d time.Duration) int64 {
	deadline := time.Now().Add(d)
	for c.Load() < want && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	return c.Load()
}

// TestClientHangUpMidStreamCancelsUpstream: a client that hangs up while
// the vendor streams makes promptwall cancel the upstream request (the
// vendor's request context ends), audit the request, and leak nothing.
func TestClientHangUpMidStreamCancelsUpstream(t *testing.T) {
	var cancelled atomic.Int64
	up := startUpstream(t, sseHandler(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		for range 200 { // an event every 20 ms for at most 4 s
			select {
			case <-r.Context().Done():
				cancelled.Add(1)
				return
			case <-time.After(20 * time.Millisecond):
			}
			if _, err := io.WriteString(w, `data: {"choices":[{"index":0,"delta":{"content":" more"}}]}`+"\n\n"); err != nil {
				cancelled.Add(1)
				return
			}
			_ = rc.Flush()
		}
	}))
	e := startBehind(t, up, nil)
	const n = 10
	base := hangUpStreams(t, e, n)
	if got := waitCount(&cancelled, n, 3*time.Second); got != n {
		t.Fatalf("the vendor saw %d of %d requests cancelled when the client hung up", got, n)
	}
	// Every request is audited when its answer ends, a hung-up one too,
	// and the record says the client left (not that the vendor failed).
	gone := 0
	for _, l := range e.auditLines(t, n+1) {
		if l["event.action"] != "allow" {
			t.Errorf("audit %v", l)
		}
		if l["promptwall.end_reason"] == "client_gone" {
			gone++
		}
	}
	if gone != n {
		t.Errorf("%d of %d hung-up requests audited as client_gone", gone, n)
	}
	if got := settle(base+3, 5*time.Second); got > base+3 {
		t.Fatalf("goroutines: %d before, %d after %d hung-up streams\n%s", base, got, n, goroutineDump())
	}
}

// TestUpstreamDiesMidStream: a vendor that breaks off a stream (connection
// aborted, or reset) must not leave the client with an answer that looks
// complete: the client's read fails.
func TestUpstreamDiesMidStream(t *testing.T) {
	for _, tc := range []struct {
		name string
		kill func(w http.ResponseWriter)
	}{
		{"abort", func(http.ResponseWriter) { panic(http.ErrAbortHandler) }},
		{"reset", func(w http.ResponseWriter) {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				panic(http.ErrAbortHandler)
			}
			if tc, ok := conn.(*tls.Conn); ok {
				if tcp, ok := tc.NetConn().(*net.TCPConn); ok {
					_ = tcp.SetLinger(0) // RST, not FIN
				}
			}
			conn.Close()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			up := startUpstream(t, sseHandler(func(w http.ResponseWriter, _ *http.Request) {
				time.Sleep(20 * time.Millisecond)
				tc.kill(w)
			}))
			e := startBehind(t, up, nil)
			resp, err := e.client().Do(chatRequest(context.Background(), `{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Hi"}]}`))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got, err := io.ReadAll(resp.Body)
			if !bytes.HasPrefix(got, []byte("data: ")) {
				t.Fatalf("first event lost: %q", got)
			}
			if err == nil {
				t.Fatalf("the stream ended cleanly after the vendor broke off: the client cannot tell it is truncated (got %q)", got)
			}
			l := e.auditLines(t, 1)[0]
			if l["event.action"] != "allow" || l["url.domain"] != "api.openai.com" {
				t.Fatalf("audit %v", l)
			}
		})
	}
}

// TestProxyHeaderTimeout: a client that opens a connection and never
// finishes its request line is dropped (http.Server.ReadHeaderTimeout, 30 s).
func TestProxyHeaderTimeout(t *testing.T) {
	t.Parallel()
	e := start(t, fakevendor.Start(t), nil)
	c, err := net.Dial("tcp", e.proxyURL.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := io.WriteString(c, "CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.open"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_ = c.SetReadDeadline(time.Now().Add(45 * time.Second))
	_, err = io.Copy(io.Discard, c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the proxy still holds a half-sent request after %s", time.Since(start).Round(time.Second))
	}
	if d := time.Since(start); d < 25*time.Second {
		t.Fatalf("dropped after %s: sooner than the 30 s header timeout", d)
	}
}

// TestThousandConcurrentConnects holds 1,000 CONNECT tunnels to a vendor
// open at once, sends a prompt through a sample of them, then closes them
// all: every CONNECT is answered, and the goroutines go away.
func TestThousandConcurrentConnects(t *testing.T) {
	e := start(t, fakevendor.Start(t), nil)
	base := goroutineBaseline()
	const n = 1000
	conns := make([]net.Conn, n)
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
	}()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.DialTimeout("tcp", e.proxyURL.Host, 10*time.Second)
			if err != nil {
				errs <- err
				return
			}
			conns[i] = c
			_ = c.SetDeadline(time.Now().Add(60 * time.Second))
			if _, err := io.WriteString(c, "CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n"); err != nil {
				errs <- err
				return
			}
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				errs <- fmt.Errorf("CONNECT %d: %w", i, err)
				return
			}
			if resp.StatusCode != http.StatusOK {
				errs <- fmt.Errorf("CONNECT %d: %s", i, resp.Status)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	// Every tunnel is alive: a sample completes TLS and a prompt.
	for i := 0; i < n; i += 100 {
		tc := tls.Client(conns[i], &tls.Config{ServerName: "api.openai.com", RootCAs: e.caPool})
		req := chatRequest(context.Background(), cleanChat)
		if err := req.Write(tc); err != nil {
			t.Fatalf("tunnel %d: %v", i, err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(tc), req)
		if err != nil {
			t.Fatalf("tunnel %d: %v", i, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("tunnel %d: %s", i, resp.Status)
		}
	}
	for i, c := range conns {
		c.Close()
		conns[i] = nil
	}
	if got := settle(base+5, 10*time.Second); got > base+5 {
		t.Fatalf("goroutines: %d before, %d after closing %d tunnels\n%s", base, got, n, goroutineDump())
	}
}

// TestOversizeBodies: bodies over limits.max_body_bytes are refused with
// 413 whatever their framing, and nothing reaches the vendor.
func TestOversizeBodies(t *testing.T) {
	fv := fakevendor.Start(t)
	const limit = 64 << 10
	e := start(t, fv, func(c *config.Config) { c.Limits.MaxBodyBytes = limit })
	big := `{"model":"gpt-4o","messages":[{"role":"user","content":"` + strings.Repeat("lorem ipsum ", 2*limit/12) + `"}]}`
	for _, tc := range []struct {
		name string
		body io.Reader
		size int64 // -1: chunked, no Content-Length
	}{
		{"content-length", strings.NewReader(big), int64(len(big))},
		{"chunked", io.MultiReader(strings.NewReader(big)), -1},
		{"8 MiB chunked", io.LimitReader(neverEnding('a'), 8<<20), -1},
		{"just over", strings.NewReader(strings.Repeat("a", limit+1)), limit + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, "https://api.openai.com/v1/chat/completions", tc.body)
			req.ContentLength = tc.size
			req.Header.Set("Content-Type", "application/json")
			resp, b := roundTrip(t, e.client(), req)
			if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(b), "larger than") {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
		})
	}
	// At the limit exactly is fine.
	ok := `{"model":"gpt-4o","messages":[{"role":"user","content":"` + strings.Repeat("b", limit-60) + `"}]}`
	resp, err := e.client().Do(chatRequest(context.Background(), ok))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("a body under the limit: %s", resp.Status)
	}
	if n := len(fv.Requests()); n != 1 {
		t.Fatalf("the vendor received %d requests, want only the one under the limit", n)
	}
	for _, l := range e.auditLines(t, 5)[:4] {
		if l["event.action"] != "block" || l["http.response.status_code"].(float64) != 413 {
			t.Errorf("audit %v", l)
		}
	}
}

type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// TestMalformedRequests: a body that is not what its API expects never
// carries a secret past promptwall, and ambiguous JSON is refused.
func TestMalformedRequests(t *testing.T) {
	fv := fakevendor.Start(t)
	e := start(t, fv, nil)
	key := fakeAWSKey(t)
	for _, tc := range []struct {
		name, contentType, body string
		want                    []int // acceptable statuses
	}{
		{"truncated JSON with a secret", "application/json",
			`{"model":"gpt-4o","messages":[{"role":"user","content":"deploy with ` + key, []int{400, 403}},
		{"JSON sent as text/plain", "text/plain",
			`{"model":"gpt-4o","messages":[{"role":"user","content":"deploy with ` + key + `"}]}`, []int{403}},
		{"JSON sent as form data", "application/x-www-form-urlencoded",
			`{"model":"gpt-4o","messages":[{"role":"user","content":"deploy with ` + key + `"}]}`, []int{403}},
		{"no content type", "",
			`{"model":"gpt-4o","messages":[{"role":"user","content":"deploy with ` + key + `"}]}`, []int{403}},
		{"invalid UTF-8 around a secret", "application/json",
			"{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"\xff\xfe deploy with " + key + " \xc3\"}]}", []int{400, 403}},
		{"JSON in UTF-16LE", "application/json",
			utf16LE(`{"model":"gpt-4o","messages":[{"role":"user","content":"deploy with ` + key + `"}]}`), []int{400}},
		{"JSON in UTF-16BE with a byte-order mark", "application/json",
			"\xfe\xff" + utf16BE(`{"model":"gpt-4o","messages":[{"role":"user","content":"deploy with `+key+`"}]}`), []int{400}},
		{"duplicate messages key", "application/json",
			`{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"messages":[{"role":"user","content":"` + key + `"}]}`, []int{400}},
		{"duplicate content key", "application/json",
			`{"model":"gpt-4o","messages":[{"role":"user","content":"hi","content":"` + key + `"}]}`, []int{400}},
		{"duplicate key spelled with an escape", "application/json",
			`{"model":"gpt-4o","messages":[{"role":"user","content":"hi","\u0063ontent":"` + key + `"}]}`, []int{400}},
		{"duplicate role key", "application/json",
			`{"model":"gpt-4o","messages":[{"role":"user","role":"system","content":"hi"}]}`, []int{400}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(fv.Requests())
			req := chatRequest(context.Background(), tc.body)
			req.Header.Del("Content-Type")
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			resp, err := e.client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			ok := false
			for _, s := range tc.want {
				ok = ok || resp.StatusCode == s
			}
			if !ok {
				t.Errorf("status %d, want one of %v: %s", resp.StatusCode, tc.want, b)
			}
			if n := len(fv.Requests()) - before; n != 0 {
				t.Errorf("the vendor received it")
			}
			if bytes.Contains(b, []byte(key)) {
				t.Errorf("the refusal repeats the secret")
			}
		})
	}
}

// A secret split by an invalid UTF-8 byte must not slip through.
func TestInvalidUTF8InsideASecretIsRefused(t *testing.T) {
	fv := fakevendor.Start(t)
	e := start(t, fv, nil)
	key := fakeAWSKey(t)
	body := "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"key " + key[:8] + "\xff" + key[8:] + "\"}]}"
	resp, err := e.client().Do(chatRequest(context.Background(), body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusForbidden {
		t.Errorf("status %d, want 400 or 403", resp.StatusCode)
	}
	if n := len(fv.Requests()); n != 0 {
		t.Errorf("the vendor received %d requests", n)
	}
}

// A stream the vendor breaks off is audited as such.
func TestUpstreamBreakIsAudited(t *testing.T) {
	up := startUpstream(t, sseHandler(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	e := startBehind(t, up, nil)
	resp, err := e.client().Do(chatRequest(context.Background(), `{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Hi"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	l := e.auditLines(t, 1)[0]
	if r, _ := l["event.reason"].(string); r == "" {
		t.Fatalf("the audit event of a broken stream does not say so: %v", l)
	}
}

// connect opens a CONNECT tunnel to a vendor host through e.
func connect(t *testing.T, e *env) net.Conn {
	t.Helper()
	c, _ := connectTo(t, e, "api.openai.com:443")
	return c
}

// connectTo opens a CONNECT tunnel to target (host:port) through e; what
// comes through the tunnel is read from the returned reader, which may hold
// bytes that came with the CONNECT's answer. The tunnel closes with the test.
func connectTo(t *testing.T, e *env, target string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", e.proxyURL.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := io.WriteString(c, "CONNECT "+target+" HTTP/1.1\r\nHost: "+target+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("CONNECT: %v %v", resp, err)
	}
	return c, br
}

// droppedWithin reports whether the proxy closes c within d.
func droppedWithin(c net.Conn, d time.Duration) bool {
	_ = c.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// TestIdleTunnelBeforeTLSIsDropped: a client that opens a tunnel to a
// decrypted host and never starts TLS is dropped like a half-sent request
// header (30 s), not held with a goroutine and a socket forever.
func TestIdleTunnelBeforeTLSIsDropped(t *testing.T) {
	t.Parallel()
	e := start(t, fakevendor.Start(t), nil)
	c := connect(t, e)
	if !droppedWithin(c, 40*time.Second) {
		t.Fatal("a CONNECT tunnel with no TLS handshake is still open after 40 s")
	}
}

// TestSlowHeaderInsideTunnelIsDropped: inside a decrypted tunnel, a
// request header left half-sent (slowloris) is timed out like on the
// listener (30 s).
func TestSlowHeaderInsideTunnelIsDropped(t *testing.T) {
	t.Parallel()
	e := start(t, fakevendor.Start(t), nil)
	c := connect(t, e)
	tc := tls.Client(c, &tls.Config{ServerName: "api.openai.com", RootCAs: e.caPool})
	if err := tc.HandshakeContext(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(tc, "POST /v1/chat/completions HTTP/1.1\r\nHost: api.open"); err != nil {
		t.Fatal(err)
	}
	if !droppedWithin(tc, 40*time.Second) {
		t.Fatal("a half-sent request header inside a MITM'd tunnel is still held after 40 s")
	}
}

// TestHangUpDuringVendorSilenceCancelsUpstream: a client that hangs up
// while the vendor is silent (a reasoning model thinking, a long tool call)
// cancels the upstream request at once, not when promptwall next writes to
// the client: otherwise the vendor keeps generating (and billing) until its
// own timeout. TestClientHangUpMidStreamCancelsUpstream covers the case
// where the vendor keeps sending.
func TestHangUpDuringVendorSilenceCancelsUpstream(t *testing.T) {
	var cancelled atomic.Int64
	up := startUpstream(t, silentVendor(&cancelled))
	e := startBehind(t, up, nil)
	const n = 3
	hangUpStreams(t, e, n)
	if got := waitCount(&cancelled, n, 3*time.Second); got != n {
		t.Fatalf("the vendor saw %d of %d requests cancelled 3 s after the client hung up during a pause", got, n)
	}
}

// TestConnectInsideTunnelIsRefused: a CONNECT sent inside a decrypted
// vendor connection would open a tunnel nobody inspects; it is refused and
// nothing reaches the vendor.
func TestConnectInsideTunnelIsRefused(t *testing.T) {
	t.Parallel()
	fv := fakevendor.Start(t)
	e := start(t, fv, nil)
	c := connect(t, e)
	tc := tls.Client(c, &tls.Config{ServerName: "api.openai.com", RootCAs: e.caPool, NextProtos: []string{"http/1.1"}})
	if _, err := io.WriteString(tc, "CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(tc), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("CONNECT inside the tunnel: status %d, want 405", resp.StatusCode)
	}
	if n := len(fv.Requests()); n != 0 {
		t.Fatalf("the vendor received %d requests", n)
	}
}

// TestOtherHostOnDecryptedConnectionIsRefused: a decrypted connection
// serves the host its CONNECT was decided for; a request naming another
// host (Host header or absolute URL) is refused with 421, not sent there as
// if it were the first host's vendor.
func TestOtherHostOnDecryptedConnectionIsRefused(t *testing.T) {
	t.Parallel()
	fv := fakevendor.Start(t)
	e := start(t, fv, nil)
	for _, line := range []string{
		"POST /v1/chat/completions HTTP/1.1\r\nHost: elsewhere.example\r\n",
		"POST https://elsewhere.example/v1/chat/completions HTTP/1.1\r\nHost: api.openai.com\r\n",
	} {
		c := connect(t, e)
		tc := tls.Client(c, &tls.Config{ServerName: "api.openai.com", RootCAs: e.caPool, NextProtos: []string{"http/1.1"}})
		body := `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}`
		if _, err := io.WriteString(tc, line+"Content-Type: application/json\r\nContent-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(tc), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMisdirectedRequest {
			t.Errorf("%q: status %d, want 421", line, resp.StatusCode)
		}
	}
	if n := len(fv.Requests()); n != 0 {
		t.Fatalf("the vendor received %d requests", n)
	}
}

// utf16LE and utf16BE spell s (ASCII) in UTF-16.
func utf16LE(s string) string {
	var b []byte
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return string(b)
}

func utf16BE(s string) string {
	var b []byte
	for _, c := range []byte(s) {
		b = append(b, 0, c)
	}
	return string(b)
}
