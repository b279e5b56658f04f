//go:build pwknown

// Known defects, found by the reliability suite and still open: each test
// fails on the current tree. Run them with
//
//	go test -tags pwknown -run 'Known' ./proxy/
//
// and move a test into reliability_e2e_test.go (dropping the tag) once the
// defect is fixed.
package proxy_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/promptwall/promptwall/internal/fakevendor"
)

// connect opens a CONNECT tunnel to a vendor host through e.
func connect(t *testing.T, e *env) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", e.proxyURL.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := io.WriteString(c, "CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("CONNECT: %v %v", resp, err)
	}
	return c
}

// droppedWithin reports whether the proxy closes c within d.
func droppedWithin(c net.Conn, d time.Duration) bool {
	_ = c.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// KNOWN DEFECT: a client that opens a MITM'd tunnel and never starts TLS
// holds a goroutine and a socket forever. goproxy's MITM loop peeks the
// first byte and handshakes with no deadline (https.go: Peek, then
// HandshakeContext(context.Background())), and net/http cleared the read
// deadline of the hijacked connection. Want: dropped like a half-sent
// request header (30 s).
func TestKnownIdleTunnelBeforeTLSIsDropped(t *testing.T) {
	t.Parallel()
	e := start(t, fakevendor.Start(t), nil)
	c := connect(t, e)
	if !droppedWithin(c, 40*time.Second) {
		t.Fatal("a CONNECT tunnel with no TLS handshake is still open after 40 s")
	}
}

// KNOWN DEFECT: inside a MITM'd tunnel, a request header sent byte by byte
// (slowloris) is never timed out: goproxy reads requests from the
// decrypted connection with no deadline. Want: the listener's 30 s header
// timeout applies inside the tunnel too.
func TestKnownSlowHeaderInsideTunnelIsDropped(t *testing.T) {
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

// KNOWN DEFECT: a client that hangs up while the vendor is silent (a
// reasoning model thinking, a long tool call) does not cancel the upstream
// request: promptwall notices only when it next writes to the client.
// goproxy's MITM loop blocks in resp.Write reading the upstream body and
// nothing watches the client connection; the MITM'd request's context is
// not tied to it either. The vendor keeps generating (and billing) until
// its own timeout. TestClientHangUpMidStreamCancelsUpstream covers the
// case where the vendor keeps sending.
func TestKnownHangUpDuringVendorSilenceCancelsUpstream(t *testing.T) {
	var cancelled atomic.Int64
	up := startUpstream(t, sseHandler(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
			cancelled.Add(1)
		case <-time.After(10 * time.Second):
		}
	}))
	e := startBehind(t, up, nil)
	const n = 3
	hangUpStreams(t, e, n)
	if got := waitCount(&cancelled, n, 3*time.Second); got != n {
		t.Fatalf("the vendor saw %d of %d requests cancelled 3 s after the client hung up during a pause", got, n)
	}
}
