package proxy

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/elazarl/goproxy"

	"github.com/promptwall/promptwall/config"
)

// cannedVendor answers every request with one fixed chat completion, in
// process: what is left to measure is promptwall's own work per request.
type cannedVendor struct{ body []byte }

func (c cannedVendor) RoundTrip(req *http.Request) (*http.Response, error) {
	_, _ = io.Copy(io.Discard, req.Body)
	req.Body.Close()
	return &http.Response{StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}, "Content-Length": {strconv.Itoa(len(c.body))}},
		Body:          io.NopCloser(bytes.NewReader(c.body)),
		ContentLength: int64(len(c.body)), Request: req}, nil
}

// processCPU is the process's user and system CPU time in nanoseconds.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkInspect is promptwall's CPU per inspected request, without the
// network or TLS: an 8 KB clean chat prompt through RoundTrip (read, extract,
// detect, decide, audit, forward to an in-process vendor, relay the answer).
//
//	go test ./proxy/ -run '^$' -bench Inspect -benchmem -cpuprofile cpu.out
func BenchmarkInspect(b *testing.B) {
	cfg, err := config.Parse(nil)
	if err != nil {
		b.Fatal(err)
	}
	cfg.Listen, cfg.AdminListen, cfg.DataDir = "127.0.0.1:0", "127.0.0.1:0", b.TempDir()
	s, err := New(context.Background(), cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close(context.Background())
	answer := []byte(`{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"Fine."},"finish_reason":"stop"}],"usage":{"prompt_tokens":2000,"completion_tokens":2,"total_tokens":2002}}`)
	// net/http then declines HTTP/2 for this transport, and says so on the
	// standard logger.
	log.SetOutput(io.Discard)
	defer log.SetOutput(os.Stderr)
	s.tr.RegisterProtocol("https", cannedVendor{answer})

	var text strings.Builder
	for text.Len() < 8<<10 {
		text.WriteString("The quarterly report covers revenue, costs and the outlook for the next year in detail. ")
	}
	body, _ := json.Marshal(map[string]any{"model": "gpt-4o",
		"messages": []any{map[string]any{"role": "user", "content": text.String()[:8<<10]}}})
	ctx := &goproxy.ProxyCtx{}
	do := func() {
		req, _ := http.NewRequest(http.MethodPost, "https://api.openai.com/v1/chat/completions", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = "127.0.0.1:40000"
		resp, err := s.RoundTrip(req, ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, resp.Body); err != nil || resp.StatusCode != 200 {
			b.Fatalf("status %d, %v", resp.StatusCode, err)
		}
		resp.Body.Close()
	}
	do() // warm: the decision cache
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		do()
	}
	b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
}

// BenchmarkReadLimited reads an 8 KB body as readLimited does, sized by its
// Content-Length, against io.ReadAll's growing buffer (what it did before).
func BenchmarkReadLimited(b *testing.B) {
	body := bytes.Repeat([]byte("x"), 8<<10)
	b.Run("sized", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := readLimited(bytes.NewReader(body), int64(len(body)), 32<<20); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("readall", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := io.ReadAll(io.LimitReader(bytes.NewReader(body), 32<<20+1)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
