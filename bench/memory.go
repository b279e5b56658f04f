package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// memResult is one proxy holding many open streams.
type memResult struct {
	Target      string  `json:"target"`
	Streams     int     `json:"streams"`
	Opened      int     `json:"opened"` // streams whose first event arrived
	OpenSeconds float64 `json:"open_seconds"`
	IdleRSSMB   float64 `json:"idle_rss_mb"`
	RSSMB       float64 `json:"rss_mb"`  // VmRSS with every stream open
	PeakMB      float64 `json:"peak_mb"` // VmHWM
	KBPerStream float64 `json:"kb_per_stream"`
	HeapMB      float64 `json:"heap_inuse_mb"`
	Goroutines  int     `json:"goroutines"`
	// GoroutinesAfter is the count once every client has hung up (baseline
	// before: IdleGoroutines).
	IdleGoroutines  int `json:"idle_goroutines"`
	GoroutinesAfter int `json:"goroutines_after"`
	// UpstreamCancelled counts the vendor streams that saw their request
	// end when the clients hung up (want: every one).
	UpstreamCancelled int64  `json:"upstream_cancelled"`
	Error             string `json:"error,omitempty"`
}

const mb = 1 << 20

// runMemory starts a fresh process of the named proxy, opens o.streams
// streams through it from a vendor that sends one event per
// o.streamEvery, measures its RSS with all of them open, then hangs up and
// checks that the vendor saw every request cancelled.
func runMemory(ctx context.Context, o options, e *env, name string) (memResult, error) {
	res := memResult{Target: name, Streams: o.streams}
	c, err := e.spawn(ctx, name)
	if err != nil {
		return res, err
	}
	defer c.stop()
	t, err := newTarget(name, c.ready.Addr, "", c.ready.CA, o.streams, c)
	if err != nil {
		return res, err
	}
	defer t.tr.CloseIdleConnections()
	admin := &http.Client{Timeout: 10 * time.Second}
	vendorPool, err := poolFrom(e.vendor.ready.CA)
	if err != nil {
		return res, err
	}
	vendorClient := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: vendorPool, ServerName: benchHost}}}
	vstats := func() vendorStats {
		var v vendorStats
		_ = getJSON(vendorClient, "https://"+e.vendor.ready.Addr+"/bench/stats", &v)
		return v
	}
	pstats := func(gc bool) procStats {
		var p procStats
		q := ""
		if gc {
			q = "?gc=1"
		}
		_ = getJSON(admin, "http://"+c.ready.Admin+"/bench/stats"+q, &p)
		return p
	}

	ps := newPrompts(2048, 4)
	runLoad(t, ps, loadSpec{workers: 4, duration: 500 * time.Millisecond})
	t.tr.CloseIdleConnections()
	time.Sleep(200 * time.Millisecond)
	idle := pstats(true)
	rss, _ := vmRSS(c.pid())
	res.IdleRSSMB = float64(rss) / 1024
	res.IdleGoroutines = idle.Goroutines
	before := vstats()

	// Every stream holds its own connection: clients open them all at once.
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var opened atomic.Int64
	var firstErr atomic.Value
	var wg, all sync.WaitGroup
	all.Add(o.streams)
	start := time.Now()
	for i := range o.streams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			once := sync.OnceFunc(all.Done)
			defer once()
			req, _ := http.NewRequestWithContext(sctx, http.MethodPost, "https://"+benchHost+"/v1/chat/completions",
				bytes.NewReader(ps.stream[i%len(ps.stream)]))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(hdrChunks, "100000")
			req.Header.Set(hdrInterval, o.streamEvery.String())
			resp, err := t.client.Do(req)
			if err != nil {
				firstErr.CompareAndSwap(nil, err.Error())
				return
			}
			defer resp.Body.Close()
			br := bufio.NewReader(resp.Body)
			for {
				line, err := br.ReadSlice('\n')
				if err != nil {
					return
				}
				if bytes.HasPrefix(line, []byte("data: ")) {
					opened.Add(1)
					once()
					// keep reading until the context ends
					for {
						if _, err := br.ReadSlice('\n'); err != nil {
							return
						}
					}
				}
			}
		}()
	}
	waited := make(chan struct{})
	go func() { all.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(120 * time.Second):
	case <-ctx.Done():
		return res, ctx.Err()
	}
	res.OpenSeconds = round2(time.Since(start).Seconds())
	res.Opened = int(opened.Load())
	time.Sleep(2 * o.streamEvery) // events flowing on every stream
	full := pstats(false)
	if o.profileDir != "" {
		if err := os.MkdirAll(o.profileDir, 0o755); err == nil {
			_ = fetch("http://"+c.ready.Admin+"/debug/pprof/heap", filepath.Join(o.profileDir, name+"-heap-streams.pprof"), 30*time.Second)
		}
	}
	rss, hwm := vmRSS(c.pid())
	res.RSSMB, res.PeakMB = float64(rss)/1024, float64(hwm)/1024
	res.HeapMB = float64(full.HeapInuse) / mb
	res.Goroutines = full.Goroutines
	if res.Opened > 0 {
		res.KBPerStream = round2((res.RSSMB - res.IdleRSSMB) * 1024 / float64(res.Opened))
	}
	if v, ok := firstErr.Load().(string); ok {
		res.Error = v
	}

	// Hang up every client: the proxy must cancel every upstream request.
	cancel()
	wg.Wait()
	t.tr.CloseIdleConnections()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if v := vstats(); v.OpenStreams == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	after := vstats()
	res.UpstreamCancelled = after.Cancelled - before.Cancelled
	time.Sleep(500 * time.Millisecond)
	res.GoroutinesAfter = pstats(true).Goroutines
	fmt.Fprintf(os.Stderr, "  memory %-10s %d/%d streams open in %.1f s: RSS %.1f MB (idle %.1f), goroutines %d → %d after hang-up, upstream cancelled %d\n",
		name, res.Opened, res.Streams, res.OpenSeconds, res.RSSMB, res.IdleRSSMB, res.Goroutines, res.GoroutinesAfter, res.UpstreamCancelled)
	if after.OpenStreams != 0 {
		res.Error += " vendor still has " + strconv.FormatInt(after.OpenStreams, 10) + " open streams 15 s after the clients hung up"
	}
	return res, nil
}
