package proxy_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// soakDuration is 10 s by default (CI), or PROMPTWALL_SOAK (e.g. "60s").
func soakDuration(t *testing.T) time.Duration {
	v := os.Getenv("PROMPTWALL_SOAK")
	if v == "" {
		return 10 * time.Second
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		t.Fatalf("PROMPTWALL_SOAK=%q: want a duration such as 60s", v)
	}
	return d
}

// soakRate is 50 requests a second (10 in a -race build, which sustains
// about 25 on two cores), or PROMPTWALL_SOAK_RATE.
func soakRate(t *testing.T) int {
	v := os.Getenv("PROMPTWALL_SOAK_RATE")
	if v == "" {
		if raceBuild() {
			return 10
		}
		return 50
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("PROMPTWALL_SOAK_RATE=%q: want requests per second", v)
	}
	return n
}

func raceBuild() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// soakVendor answers whole or streamed, with no request log (heap stays flat).
func soakVendor() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if !strings.Contains(string(b), `"stream":true`) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"id":"chatcmpl-soak","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}`)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		rc := http.NewResponseController(w)
		for i := range 5 {
			if _, err := io.WriteString(w, `data: {"choices":[{"index":0,"delta":{"content":"w`+string(rune('0'+i))+`"}}]}`+"\n\n"); err != nil {
				return
			}
			_ = rc.Flush()
			time.Sleep(2 * time.Millisecond)
		}
		_, _ = io.WriteString(w, "data: [DONE]\n\n")
	}
}

// TestSoak sends prompts at a fixed rate — whole, streamed, refused, and
// streams the client abandons — and checks every answer, the audit count,
// and that goroutines and heap are back where they started.
func TestSoak(t *testing.T) {
	d := soakDuration(t)
	up := startUpstream(t, soakVendor())
	e := startBehind(t, up, nil)
	hc := e.client()
	key := fakeAWSKey(t)
	kinds := []struct {
		name, body string
		status     int
		abandon    bool
	}{
		{"whole", cleanChat, 200, false},
		{"stream", `{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Tell me a story."}]}`, 200, false},
		{"refused", `{"model":"gpt-4o","messages":[{"role":"user","content":"key ` + key + `"}]}`, 403, false},
		{"abandoned", `{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Another story."}]}`, 200, true},
	}
	send := func(i int) error {
		k := kinds[i%len(kinds)]
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		resp, err := hc.Do(chatRequest(ctx, k.body))
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != k.status {
			return &statusError{k.name, resp.StatusCode}
		}
		if k.abandon {
			_, err := bufio.NewReader(resp.Body).ReadString('\n')
			return err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		return err
	}
	rate := soakRate(t)
	soak := func(d time.Duration) (sent, failed int64, firstErr any, took time.Duration) {
		// A fixed schedule, not a ticker: a ticker drops ticks when the
		// machine is busy, and the rate would sag exactly under stress.
		start := time.Now()
		end := start.Add(d)
		var wg sync.WaitGroup
		var nSent, nFailed atomic.Int64
		var first atomic.Value
		for i := 0; ; i++ {
			at := start.Add(time.Duration(i) * time.Second / time.Duration(rate))
			if !at.Before(end) {
				break
			}
			time.Sleep(time.Until(at))
			wg.Add(1)
			nSent.Add(1)
			go func() {
				defer wg.Done()
				if err := send(i); err != nil {
					nFailed.Add(1)
					first.CompareAndSwap(nil, err.Error())
				}
			}()
		}
		wg.Wait()
		return nSent.Load(), nFailed.Load(), first.Load(), time.Since(start)
	}
	// Warm up at the same rate: pools, leaf cache, the policy's decision
	// cache and the upstream keep-alive pool reach their working size.
	warm, f, first, _ := soak(2 * time.Second)
	if f > 0 {
		t.Fatalf("warm-up: %d of %d requests failed; first: %v", f, warm, first)
	}
	hc.CloseIdleConnections()
	up.dropIdle()
	base := goroutineBaseline()
	heap0 := heapAfterGC()

	sent, failed, first, took := soak(d)
	n := int(sent)
	if failed > 0 {
		t.Fatalf("%d of %d requests failed; first: %v", failed, n, first)
	}
	// The proxy kept up: the last answers came soon after the last request.
	if took > d+max(5*time.Second, d/2) {
		t.Fatalf("%d requests at %d/s took %s to answer, scheduled over %s", n, rate, took.Round(time.Millisecond), d)
	}
	e.auditLines(t, n+int(warm))
	hc.CloseIdleConnections()
	up.dropIdle()
	if got := settle(base+5, 10*time.Second); got > base+5 {
		t.Fatalf("goroutines: %d before, %d after %d requests\n%s", base, got, n, goroutineDump())
	}
	// Heap: a few MiB of slack for pools and caches that fill once.
	heap1 := heapAfterGC()
	if heap1 > heap0+8<<20 {
		t.Fatalf("heap in use: %d KiB before, %d KiB after %d requests", heap0>>10, heap1>>10, n)
	}
	t.Logf("soak: %d requests in %s at %d/s (answered in %s); goroutines %d → %d; heap in use %d → %d KiB",
		n, d, rate, took.Round(time.Millisecond), base, runtime.NumGoroutine(), heap0>>10, heap1>>10)
}

type statusError struct {
	kind   string
	status int
}

func (e *statusError) Error() string {
	return e.kind + ": unexpected status " + http.StatusText(e.status)
}

func heapAfterGC() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
