package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// target is one thing the load runs against.
type target struct {
	name   string
	client *http.Client
	tr     *http.Transport
	proc   *child // the server process (proxy, or the vendor for direct)
}

// newTarget builds a client for a proxy at proxyAddr (or, with proxyAddr
// empty, straight to the vendor at vendorAddr) trusting caFile.
func newTarget(name, proxyAddr, vendorAddr, caFile string, conns int, proc *child) (*target, error) {
	pool, err := poolFrom(caFile)
	if err != nil {
		return nil, err
	}
	tr := &http.Transport{
		TLSClientConfig:     &tls.Config{RootCAs: pool},
		MaxIdleConns:        conns * 2,
		MaxIdleConnsPerHost: conns,
		IdleConnTimeout:     2 * time.Minute,
		DisableCompression:  true,
		TLSHandshakeTimeout: 30 * time.Second,
	}
	if proxyAddr != "" {
		tr.Proxy = http.ProxyURL(&url.URL{Scheme: "http", Host: proxyAddr})
	} else {
		d := &net.Dialer{Timeout: 10 * time.Second}
		tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, vendorAddr)
		}
	}
	return &target{name: name, client: &http.Client{Transport: tr, Timeout: 2 * time.Minute}, tr: tr, proc: proc}, nil
}

// prompts are clean 8 KB texts (prose with no digits, addresses or tokens:
// promptwall allows them); several, so no layer can cache one answer.
type prompts struct{ whole, stream [][]byte }

var words = strings.Fields(`the team agreed on a plan for next quarter and asked every group to list its action items
before the review meeting so that the budget discussion can start from a shared view of what each project needs
please summarise these notes in plain language keep the tone friendly and point out anything that looks unclear or
contradictory we also talked about hiring onboarding documentation the release process and how to share knowledge
between the product and support teams without adding more meetings to the calendar`)

func newPrompts(size, n int) prompts {
	var p prompts
	r := rand.New(rand.NewPCG(1, 2))
	for range n {
		var b strings.Builder
		for b.Len() < size {
			w := words[r.IntN(len(words))]
			if b.Len()+len(w)+2 > size {
				break
			}
			b.WriteString(w)
			if r.IntN(12) == 0 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		}
		for b.Len() < size {
			b.WriteByte('.')
		}
		text := b.String()
		for _, stream := range []bool{false, true} {
			body, _ := json.Marshal(map[string]any{
				"model": "gpt-4o", "stream": stream,
				"messages": []map[string]string{
					{"role": "system", "content": "You are a helpful assistant."},
					{"role": "user", "content": text},
				},
			})
			if stream {
				p.stream = append(p.stream, body)
			} else {
				p.whole = append(p.whole, body)
			}
		}
	}
	return p
}

// sample is what one cell (target × mode × round) measured.
type sample struct {
	OK, Errors int
	Elapsed    time.Duration
	Latency    []time.Duration
	TTFB       []time.Duration
	Transit    []time.Duration // per SSE event: vendor send → client read
	FirstError string
}

func (s *sample) merge(o *sample) {
	s.OK += o.OK
	s.Errors += o.Errors
	s.Elapsed += o.Elapsed
	s.Latency = append(s.Latency, o.Latency...)
	s.TTFB = append(s.TTFB, o.TTFB...)
	s.Transit = append(s.Transit, o.Transit...)
	if s.FirstError == "" {
		s.FirstError = o.FirstError
	}
}

// loadSpec is one closed-loop run.
type loadSpec struct {
	workers  int
	duration time.Duration
	stream   bool
	chunks   int
	interval time.Duration
}

// runLoad runs spec.workers closed loops against t for spec.duration.
func runLoad(t *target, ps prompts, spec loadSpec) *sample {
	ctx, cancel := context.WithTimeout(context.Background(), spec.duration)
	defer cancel()
	bodies := ps.whole
	if spec.stream {
		bodies = ps.stream
	}
	results := make([]*sample, spec.workers)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range spec.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := &sample{}
			results[w] = s
			for i := w; ctx.Err() == nil; i++ {
				lat, ttfb, err := oneRequest(t.client, bodies[i%len(bodies)], spec, &s.Transit)
				if ctx.Err() != nil && err != nil {
					break // cut by the end of the cell, not a failure
				}
				if err != nil {
					s.Errors++
					if s.FirstError == "" {
						s.FirstError = err.Error()
					}
					time.Sleep(10 * time.Millisecond) // no hot loop on a refusing target
					continue
				}
				s.OK++
				s.Latency = append(s.Latency, lat)
				s.TTFB = append(s.TTFB, ttfb)
			}
		}()
	}
	wg.Wait()
	total := &sample{Elapsed: time.Since(start)}
	for _, s := range results {
		s.Elapsed = 0
		total.merge(s)
	}
	return total
}

// oneRequest sends one prompt and reads the whole answer. ttfb is the time
// to the first byte of the answer's body (for a stream: its first event).
func oneRequest(c *http.Client, body []byte, spec loadSpec, transit *[]time.Duration) (lat, ttfb time.Duration, err error) {
	req, err := http.NewRequest(http.MethodPost, "https://"+benchHost+"/v1/chat/completions", bytes.NewReader(body))
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer bench-not-a-key")
	if spec.stream {
		req.Header.Set(hdrChunks, strconv.Itoa(spec.chunks))
		if spec.interval > 0 {
			req.Header.Set(hdrInterval, spec.interval.String())
		}
	}
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	br := bufio.NewReaderSize(resp.Body, 4096)
	if _, err := br.Peek(1); err != nil {
		return 0, 0, fmt.Errorf("status %d, reading body: %w", resp.StatusCode, err)
	}
	ttfb = time.Since(start)
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(br, 300))
		return 0, 0, fmt.Errorf("status %d: %s", resp.StatusCode, b)
	}
	if !spec.stream {
		n, err := io.Copy(io.Discard, br)
		if err != nil {
			return 0, 0, err
		}
		if n < 100 {
			return 0, 0, fmt.Errorf("short answer (%d bytes)", n+1)
		}
		return time.Since(start), ttfb, nil
	}
	events, done := 0, false
	for {
		line, err := br.ReadSlice('\n')
		if len(line) > 0 {
			if i := bytes.Index(line, []byte(`"ts":`)); i >= 0 {
				j := i + 5
				k := j
				for k < len(line) && line[k] >= '0' && line[k] <= '9' {
					k++
				}
				if ts, perr := strconv.ParseInt(string(line[j:k]), 10, 64); perr == nil {
					*transit = append(*transit, time.Duration(time.Now().UnixNano()-ts))
					events++
				}
			} else if bytes.HasPrefix(line, []byte("data: [DONE]")) {
				done = true
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, err
		}
	}
	if !done || events != spec.chunks {
		return 0, 0, fmt.Errorf("stream ended after %d of %d events (done=%v)", events, spec.chunks, done)
	}
	return time.Since(start), ttfb, nil
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p)
	return s[i]
}
