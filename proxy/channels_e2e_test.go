package proxy_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/openai/openai-go/v3"

	"github.com/promptwall/promptwall/internal/fakevendor"
)

// h2client speaks HTTP/2 to promptwall's MITM endpoint through the proxy.
func (e *env) h2client() *http.Client {
	return &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{
		Proxy:             http.ProxyURL(e.proxyURL),
		TLSClientConfig:   &tls.Config{RootCAs: e.caPool},
		ForceAttemptHTTP2: true,
	}}
}

func TestHTTP2GoesThroughTheSamePipeline(t *testing.T) {
	gate := make(chan struct{})
	e := start(t, fakevendor.Start(t, fakevendor.WithChunks(4), fakevendor.WithStreamGate(gate)), nil)
	hc := e.h2client()

	key := fakeAWSKey(t)
	resp, err := hc.Post("https://api.openai.com/v1/chat/completions", "application/json",
		strings.NewReader(`{"model":"gpt-4o","messages":[{"role":"user","content":"use `+key+`"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.ProtoMajor != 2 {
		t.Fatalf("spoke %s, want HTTP/2", resp.Proto)
	}
	if resp.StatusCode != 403 || !bytes.Contains(body, []byte("AWS_ACCESS_KEY")) {
		t.Fatalf("h2 credential: %d %s", resp.StatusCode, body)
	}

	// A stream over h2 stays a stream: the first event arrives while the
	// vendor still holds its last.
	oc := openai.NewClient(optionsFor(hc)...)
	stream := oc.Chat.Completions.NewStreaming(context.Background(), openai.ChatCompletionNewParams{
		Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("stream please")}})
	got := make(chan bool, 1)
	go func() { got <- stream.Next() }()
	select {
	case ok := <-got:
		if !ok {
			t.Fatalf("h2 stream ended early: %v", stream.Err())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("h2: first event did not arrive while the vendor held the last one")
	}
	close(gate)
	for stream.Next() {
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	if n := len(e.vendor.Requests()); n != 1 {
		t.Fatalf("vendor received %d requests, want only the clean one", n)
	}

	if curl, err := exec.LookPath("curl"); err == nil {
		out, err := exec.Command(curl, "-sS", "--http2", "--proxy", e.proxyURL.String(), "--cacert", e.caFile,
			"-o", "/dev/null", "-w", "%{http_version} %{http_code}", "https://api.openai.com/v1/chat/completions",
			"-H", "Content-Type: application/json", "-d", `{"model":"gpt-4o","messages":[{"role":"user","content":"`+key+`"}]}`).CombinedOutput()
		if err != nil || string(out) != "2 403" {
			t.Fatalf("curl --http2: %v %q", err, out)
		}
	}
}

func TestWebSocketToVendorIsRefusedBeforeTheUpgrade(t *testing.T) {
	e := start(t, fakevendor.Start(t), nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// The Responses, Realtime and Gemini Live sockets are inspected
	// (websocket_e2e_test.go); any other WebSocket to a vendor host would
	// carry frames nobody inspects, so it never gets upgraded.
	_, resp, err := websocket.Dial(ctx, "wss://api.openai.com/v1/chat/completions", &websocket.DialOptions{
		HTTPClient: e.client(), HTTPHeader: http.Header{"Authorization": {"Bearer sk-test-not-a-real-key"}}})
	if err == nil {
		t.Fatal("the WebSocket upgrade went through uninspected")
	}
	if resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("err = %v, resp = %v; want a 403 before the upgrade", err, resp)
	}
	// A client that falls back to HTTPS, as coding agents do, gets through.
	_, err = e.openai().Chat.Completions.New(ctx, openai.ChatCompletionNewParams{
		Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hello")}})
	if err != nil {
		t.Fatalf("HTTPS fallback: %v", err)
	}
	var apiErr *openai.Error
	if errors.As(err, &apiErr) {
		t.Fatal(apiErr)
	}
	if n := len(e.vendor.Requests()); n != 1 || e.vendor.Last().Path != "/v1/chat/completions" {
		t.Fatalf("vendor requests: %d", n)
	}
	if l := e.auditLines(t, 2)[0]; l["event.action"] != "block" || !strings.Contains(strings.Join(anyStrings(l["promptwall.rules"]), ","), "promptwall.upgrade_refused") {
		t.Fatalf("audit %v", l)
	}
}

func anyStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// TestHTTP2DoesNotOfferWebSocketStreams: over h2 a WebSocket would be an
// extended CONNECT stream (RFC 8441), which promptwall does not inspect, so
// its decrypting h2 server never announces SETTINGS_ENABLE_CONNECT_PROTOCOL:
// clients open their WebSockets over HTTP/1.1, where every message is
// inspected. (Should GODEBUG=http2xconnect=1 turn it on, the CONNECT stream
// is still refused: TestConnectInsideTunnelIsRefused.)
func TestHTTP2DoesNotOfferWebSocketStreams(t *testing.T) {
	e := start(t, fakevendor.Start(t), nil)
	c := connect(t, e)
	tc := tls.Client(c, &tls.Config{ServerName: "api.openai.com", RootCAs: e.caPool, NextProtos: []string{"h2"}})
	if err := tc.Handshake(); err != nil {
		t.Fatal(err)
	}
	if p := tc.ConnectionState().NegotiatedProtocol; p != "h2" {
		t.Fatalf("ALPN chose %q, want h2", p)
	}
	// Client preface and an empty SETTINGS frame; the server's first frame
	// is its SETTINGS: 9-byte header (length, type 4), then 6-byte entries.
	if _, err := io.WriteString(tc, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00"); err != nil {
		t.Fatal(err)
	}
	_ = tc.SetReadDeadline(time.Now().Add(5 * time.Second))
	hdr := make([]byte, 9)
	if _, err := io.ReadFull(tc, hdr); err != nil {
		t.Fatal(err)
	}
	n := int(hdr[0])<<16 | int(hdr[1])<<8 | int(hdr[2])
	if hdr[3] != 0x4 || n%6 != 0 {
		t.Fatalf("first server frame: type %d, length %d; want SETTINGS", hdr[3], n)
	}
	payload := make([]byte, n)
	if _, err := io.ReadFull(tc, payload); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i += 6 {
		id := int(payload[i])<<8 | int(payload[i+1])
		val := uint32(payload[i+2])<<24 | uint32(payload[i+3])<<16 | uint32(payload[i+4])<<8 | uint32(payload[i+5])
		if id == 0x8 && val != 0 {
			t.Fatal("the h2 server announces SETTINGS_ENABLE_CONNECT_PROTOCOL: WebSockets could go over h2 streams")
		}
	}
}
