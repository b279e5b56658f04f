package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/promptwall/promptwall/certs"
)

// benchHost is the vendor host every request names; proxies resolve it to
// the fake vendor's loopback address.
const benchHost = "api.openai.com"

// Per-request knobs the load sends as headers (every proxy forwards them).
const (
	hdrChunks   = "X-Bench-Chunks"   // SSE text events in a streamed answer
	hdrInterval = "X-Bench-Interval" // pause between events (Go duration)
)

// wholeAnswer is a chat.completion of realistic size (~0.6 KB).
var wholeAnswer = []byte(`{"id":"chatcmpl-bench","object":"chat.completion","created":1767225600,"model":"gpt-4o",` +
	`"choices":[{"index":0,"message":{"role":"assistant","content":"Here is a short summary of the notes you sent: the team agreed ` +
	`on the plan for the next quarter, the hiring review moves to next month and the budget stays as proposed. Action items are ` +
	`listed per team in the order they were discussed.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],` +
	`"usage":{"prompt_tokens":2048,"completion_tokens":52,"total_tokens":2100},"service_tier":"default","system_fingerprint":"fp_bench"}`)

// vendorStats is what GET /bench/stats on the fake vendor reports.
type vendorStats struct {
	Requests    int64 `json:"requests"`
	OpenStreams int64 `json:"open_streams"`
	// Cancelled counts streams whose request context ended before the
	// stream did: the proxy hung up on the vendor (a client went away).
	Cancelled int64 `json:"cancelled"`
}

// fakeVendor is a minimal, fast OpenAI chat endpoint over TLS. It is not
// internal/fakevendor (a test helper bound to testing.TB, with golden-file
// fidelity): here every microsecond spent is charged to every target alike.
type fakeVendor struct {
	requests, open, cancelled atomic.Int64
}

func (v *fakeVendor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/bench/stats" {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(vendorStats{Requests: v.requests.Load(), OpenStreams: v.open.Load(), Cancelled: v.cancelled.Load()})
		return
	}
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.Error(w, "bench vendor: no route", http.StatusNotFound)
		return
	}
	v.requests.Add(1)
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "bench vendor: reading body", http.StatusBadRequest)
		return
	}
	var p struct {
		Stream bool `json:"stream"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		http.Error(w, "bench vendor: body is not JSON", http.StatusBadRequest)
		return
	}
	if !p.Stream {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(wholeAnswer)))
		_, _ = w.Write(wholeAnswer)
		return
	}
	chunks, _ := strconv.Atoi(r.Header.Get(hdrChunks))
	if chunks <= 0 {
		chunks = 20
	}
	interval, _ := time.ParseDuration(r.Header.Get(hdrInterval))
	v.open.Add(1)
	defer v.open.Add(-1)
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	buf := make([]byte, 0, 512)
	for i := range chunks {
		if i > 0 && interval > 0 {
			t := time.NewTimer(interval)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				v.cancelled.Add(1)
				return
			}
		}
		buf = append(buf[:0], `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1767225600,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"word`...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, ` "},"logprobs":null,"finish_reason":null}],"ts":`...)
		buf = strconv.AppendInt(buf, time.Now().UnixNano(), 10)
		buf = append(buf, "}\n\n"...)
		if _, err := w.Write(buf); err != nil {
			v.cancelled.Add(1)
			return
		}
		if err := rc.Flush(); err != nil {
			v.cancelled.Add(1)
			return
		}
	}
	_, _ = w.Write([]byte(`data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1767225600,"model":"gpt-4o","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}` + "\n\ndata: [DONE]\n\n"))
}

// runVendor serves the fake vendor on 127.0.0.1 with a certificate for
// benchHost from a fresh ECDSA CA written to dir/vendor-ca.pem.
func runVendor(dir string) error {
	ca, err := certs.NewCA()
	if err != nil {
		return err
	}
	caFile := filepath.Join(dir, "vendor-ca.pem")
	if err := os.WriteFile(caFile, ca.CertPEM(), 0o644); err != nil {
		return err
	}
	tc := certs.NewMinter(ca).TLSConfigFor(benchHost).Clone()
	tc.NextProtos = []string{"http/1.1"} // every target talks HTTP/1.1 upstream alike
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           &fakeVendor{},
		ReadHeaderTimeout: 10 * time.Second,
		TLSNextProto:      map[string]func(*http.Server, *tls.Conn, http.Handler){},
		ErrorLog:          quietLog(),
	}
	go func() { _ = srv.Serve(tls.NewListener(l, tc)) }()
	announce(ready{Addr: l.Addr().String(), CA: caFile})
	waitParent()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return srv.Shutdown(ctx)
}

// ready is the one JSON line a role prints on stdout once it serves.
type ready struct {
	Addr  string `json:"addr"`
	CA    string `json:"ca"`              // PEM file of the CA its clients must trust
	Admin string `json:"admin,omitempty"` // stats and pprof listener
	PID   int    `json:"pid"`
}

func announce(r ready) {
	r.PID = os.Getpid()
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
}

// waitParent blocks until stdin closes: the parent holds the pipe, so a
// role never outlives the bench, even when the bench is killed.
func waitParent() {
	_, _ = io.Copy(io.Discard, bufio.NewReader(os.Stdin))
}

// getJSON fetches a small JSON document.
func getJSON(c *http.Client, url string, v any) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New(url + ": " + resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
