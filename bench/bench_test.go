package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/promptwall/promptwall/detect"
	"github.com/promptwall/promptwall/llmapi"
)

func TestMedianAndPercentile(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0}, {[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}, {[]float64{9, 1, 1000, 2, 3}, 3},
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	ds := []time.Duration{5, 1, 4, 2, 3, 10, 6, 7, 8, 9}
	if got := percentile(ds, 0.5); got != 5 {
		t.Errorf("p50 = %v", got)
	}
	if got := percentile(ds, 0.99); got != 9 {
		t.Errorf("p99 = %v", got)
	}
	if ds[0] != 5 {
		t.Error("percentile sorted its input in place")
	}
}

func TestCPUSecondsParsesPprofHeader(t *testing.T) {
	for in, want := range map[string]float64{
		"Duration: 10.01s, Total samples = 5.67s (56.67%)":  5.67,
		"Duration: 4s, Total samples = 2270ms (56.75%)":     2.27,
		"go tool pprof: exit status 1: no profile in there": 0,
	} {
		if got := cpuSeconds(in); got != want {
			t.Errorf("cpuSeconds(%q) = %v, want %v", in, got, want)
		}
	}
}

// The bench measures promptwall's allowed path: its prompts must hold
// nothing the detectors report, and be the size asked for.
func TestPromptsAreCleanAndSized(t *testing.T) {
	sc, err := detect.NewScanner()
	if err != nil {
		t.Fatal(err)
	}
	ps := newPrompts(8192, 16)
	if len(ps.whole) != 16 || len(ps.stream) != 16 {
		t.Fatalf("%d whole, %d stream prompts", len(ps.whole), len(ps.stream))
	}
	for i, body := range append(ps.whole, ps.stream...) {
		var m struct {
			Stream   bool `json:"stream"`
			Messages []struct{ Content string }
		}
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		text := m.Messages[1].Content
		if len(text) != 8192 {
			t.Errorf("prompt %d is %d bytes", i, len(text))
		}
		if m.Stream != (i >= 16) {
			t.Errorf("prompt %d: stream=%v", i, m.Stream)
		}
		if fs := sc.ScanText(text); len(fs) != 0 {
			t.Errorf("prompt %d has findings: %+v", i, fs)
		}
	}
}

// TestLoadAgainstVendor runs the closed loop against the fake vendor
// (plain TLS via httptest) in both modes: every answer is read to its end,
// every event's transit is measured.
func TestLoadAgainstVendor(t *testing.T) {
	v := &fakeVendor{}
	srv := httptest.NewTLSServer(v)
	defer srv.Close()
	tr := srv.Client().Transport.(*http.Transport).Clone()
	u, _ := url.Parse(srv.URL)
	tr.DialContext = resolveDialer(u.Host)
	tr.TLSClientConfig.InsecureSkipVerify = true // httptest's certificate names 127.0.0.1, not the vendor host
	tg := &target{name: "direct", client: &http.Client{Transport: tr, Timeout: 10 * time.Second}, tr: tr}
	ps := newPrompts(1024, 2)
	whole := runLoad(tg, ps, loadSpec{workers: 2, duration: 300 * time.Millisecond})
	if whole.OK == 0 || whole.Errors != 0 || len(whole.Transit) != 0 {
		t.Fatalf("whole: %d ok, %d errors (%s), %d transits", whole.OK, whole.Errors, whole.FirstError, len(whole.Transit))
	}
	stream := runLoad(tg, ps, loadSpec{workers: 2, duration: 300 * time.Millisecond, stream: true, chunks: 7})
	if stream.OK == 0 || stream.Errors != 0 {
		t.Fatalf("stream: %d ok, %d errors (%s)", stream.OK, stream.Errors, stream.FirstError)
	}
	if len(stream.Transit) < 7*stream.OK {
		t.Fatalf("%d transits for %d streams of 7 events", len(stream.Transit), stream.OK)
	}
	if v.open.Load() != 0 {
		t.Fatalf("%d streams still open at the vendor", v.open.Load())
	}
}

// BenchmarkStages costs promptwall's per-request stages on the bench's 8 KB
// prompt (run: go test -bench Stages -benchmem ./bench), beside the JSON
// baselines an extractor could be built on.
func BenchmarkStages(b *testing.B) {
	body := newPrompts(8192, 1).whole[0]
	api := llmapi.Identify("openai", http.MethodPost, "/v1/chat/completions")
	sc, err := detect.NewScanner()
	if err != nil {
		b.Fatal(err)
	}
	req, err := llmapi.Extract(api, "/v1/chat/completions", body)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("llmapi.Extract", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			_, _ = llmapi.Extract(api, "/v1/chat/completions", body)
		}
	})
	b.Run("detect.Scan", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			sc.Scan(context.Background(), req.Segments)
		}
	})
	b.Run("baseline/json.Valid", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			json.Valid(body)
		}
	})
	b.Run("baseline/json.Unmarshal-any", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var v any
			_ = json.Unmarshal(body, &v)
		}
	})
}
