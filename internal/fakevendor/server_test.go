package fakevendor

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

type call struct {
	name, path, body string
}

var calls = []call{
	{"chat", "/v1/chat/completions", `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}`},
	{"chat_stream", "/v1/chat/completions", `{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}`},
	{"chat_stream_usage", "/v1/chat/completions", `{"model":"mistral-large-latest","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}`},
	{"responses", "/v1/responses", `{"model":"gpt-4o","input":"hi"}`},
	{"responses_stream", "/v1/responses", `{"model":"gpt-4o","input":"hi","stream":true}`},
	{"messages", "/v1/messages", `{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}`},
	{"messages_stream", "/v1/messages", `{"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}`},
	{"gemini", "/v1beta/models/gemini-2.5-flash:generateContent", `{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}`},
	{"gemini_stream_sse", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", `{"contents":[{"parts":[{"text":"hi"}]}]}`},
	{"gemini_stream_array", "/v1beta/models/gemini-2.5-flash:streamGenerateContent", `{"contents":[{"parts":[{"text":"hi"}]}]}`},
}

func post(t *testing.T, s *Server, path, body string, hdr map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// TestGolden pins the exact bytes of every answer; run with -update after a
// deliberate format change and review the diff against the vendors' docs.
func TestGolden(t *testing.T) {
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			s := Start(t)
			resp := post(t, s, c.path, c.body, nil)
			got, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, got)
			}
			file := filepath.Join("testdata", c.name+".golden")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("answer differs from %s:\n got: %s\nwant: %s", file, got, want)
			}
			wantCT := "application/json"
			switch {
			case strings.HasSuffix(c.name, "_stream_array"):
				wantCT = "application/json; charset=UTF-8"
			case strings.Contains(c.name, "stream"):
				wantCT = "text/event-stream"
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, wantCT) {
				t.Fatalf("Content-Type %q, want %q", ct, wantCT)
			}
		})
	}
}

// TestGeminiStreams checks both Gemini stream framings decode to the reply.
func TestGeminiStreams(t *testing.T) {
	type chunk struct {
		Candidates []struct {
			Content struct {
				Parts []struct {
					Text string `json:"text"`
				} `json:"parts"`
				Role string `json:"role"`
			} `json:"content"`
			FinishReason string `json:"finishReason"`
		} `json:"candidates"`
	}
	join := func(t *testing.T, cs []chunk) string {
		var b strings.Builder
		for i, c := range cs {
			if c.Candidates[0].Content.Role != "model" {
				t.Fatalf("chunk %d role %q", i, c.Candidates[0].Content.Role)
			}
			if last := i == len(cs)-1; last != (c.Candidates[0].FinishReason == "STOP") {
				t.Fatalf("chunk %d finishReason %q", i, c.Candidates[0].FinishReason)
			}
			b.WriteString(c.Candidates[0].Content.Parts[0].Text)
		}
		return b.String()
	}
	s := Start(t, WithChunks(4))
	body := `{"contents":[{"parts":[{"text":"hi"}]}]}`

	resp := post(t, s, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", body, nil)
	var sse []chunk
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			var c chunk
			if err := json.Unmarshal([]byte(data), &c); err != nil {
				t.Fatal(err)
			}
			sse = append(sse, c)
		}
	}
	if len(sse) != 4 || join(t, sse) != DefaultReply {
		t.Fatalf("sse: %d chunks", len(sse))
	}

	resp = post(t, s, "/v1beta/models/gemini-2.5-flash:streamGenerateContent", body, nil)
	var arr []chunk
	if err := json.NewDecoder(resp.Body).Decode(&arr); err != nil {
		t.Fatal(err)
	}
	if len(arr) != 4 || join(t, arr) != DefaultReply {
		t.Fatalf("array: %d chunks", len(arr))
	}
	if got := s.Last().RawQuery; got != "" {
		t.Fatalf("RawQuery %q", got)
	}
	if got := s.Requests()[0].RawQuery; got != "alt=sse" {
		t.Fatalf("RawQuery %q, want alt=sse", got)
	}
}

// TestStreamGate proves the last text delta is held until the gate opens
// while every earlier event has already been flushed to the client.
func TestStreamGate(t *testing.T) {
	for _, c := range calls {
		if !strings.Contains(c.name, "stream") {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			gate := make(chan struct{})
			// "one ", "two ", "three": the last piece is unique to the last delta.
			s := Start(t, WithReply("one two three"), WithChunks(3), WithStreamGate(gate))
			resp := post(t, s, c.path, c.body, nil)
			got := make(chan []byte)
			go func() {
				defer close(got)
				buf := make([]byte, 4096)
				for {
					n, err := resp.Body.Read(buf)
					if n > 0 {
						got <- bytes.Clone(buf[:n])
					}
					if err != nil {
						return
					}
				}
			}()
			var seen []byte
			deadline := time.After(5 * time.Second)
			for !bytes.Contains(seen, []byte("two ")) {
				select {
				case b := <-got:
					seen = append(seen, b...)
				case <-deadline:
					t.Fatalf("second delta never arrived; got %q", seen)
				}
			}
			select {
			case b := <-got:
				seen = append(seen, b...)
			case <-time.After(100 * time.Millisecond):
			}
			if bytes.Contains(seen, []byte("three")) {
				t.Fatal("last delta sent before the gate opened")
			}
			close(gate)
			for b := range got {
				seen = append(seen, b...)
			}
			if !bytes.Contains(seen, []byte("three")) {
				t.Fatalf("last delta missing after the gate opened: %q", seen)
			}
		})
	}
}

func TestStreamGateReleasedAtCleanup(t *testing.T) {
	// A test that never opens its gate must not hang the server's Close.
	t.Run("inner", func(t *testing.T) {
		s := Start(t, WithStreamGate(make(chan struct{})))
		resp := post(t, s, "/v1/chat/completions", calls[1].body, nil)
		if _, err := bufio.NewReader(resp.Body).ReadString('\n'); err != nil {
			t.Fatal(err)
		}
	})
}

func TestChunkDelay(t *testing.T) {
	s := Start(t, WithChunks(3), WithChunkDelay(30*time.Millisecond))
	start := time.Now()
	resp := post(t, s, "/v1/messages", calls[6].body, nil)
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Fatalf("3 chunks with 30ms delay took %v", d)
	}
}

func TestRecordsRawRequest(t *testing.T) {
	s := Start(t)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(calls[0].body))
	_ = zw.Close()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL+"/v1/chat/completions?trace=1", bytes.NewReader(gz.Bytes()))
	req.Host = "api.openai.com"
	req.Header.Set("Content-Encoding", "gzip")
	req.Header.Set("X-Custom", "kept")
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Choices []struct {
			Message struct{ Content string }
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 || out.Choices[0].Message.Content != DefaultReply {
		t.Fatalf("gzip request: status %d err %v", resp.StatusCode, err)
	}
	r := s.Last()
	if r.Host != "api.openai.com" || r.Path != "/v1/chat/completions" || r.RawQuery != "trace=1" || r.Header.Get("X-Custom") != "kept" {
		t.Fatalf("recorded %+v", r)
	}
	if !bytes.Equal(r.Body, gz.Bytes()) {
		t.Fatal("recorded body is not the raw gzip bytes")
	}
	if n := len(s.Requests()); n != 1 {
		t.Fatalf("%d requests recorded", n)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, path, body string
		opts             []Option
		status           int
		want             string
	}{
		{"openai bad json", "/v1/chat/completions", "{", nil, 400, `{"error":{"message":"fakevendor: body is not valid JSON`},
		{"anthropic bad json", "/v1/messages", "{", nil, 400, `{"type":"error","error":{"type":"invalid_request_error"`},
		{"gemini bad json", "/v1beta/models/g:generateContent", "{", nil, 400, `"status":"INVALID_ARGUMENT"`},
		{"gemini unknown method", "/v1beta/models/g:countTokens", "{}", nil, 404, `"status":"NOT_FOUND"`},
		{"unknown path", "/v2/nothing", "{}", nil, 404, `"code":"unknown_url"`},
		{"openai 500", "/v1/responses", "{}", []Option{WithStatus(500)}, 500, `"type":"server_error"`},
		{"anthropic 529", "/v1/messages", "{}", []Option{WithStatus(529)}, 529, `"overloaded_error"`},
		{"gemini 429", "/v1beta/models/g:streamGenerateContent", "{}", []Option{WithStatus(429)}, 429, `"status":"RESOURCE_EXHAUSTED"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Start(t, tt.opts...)
			resp := post(t, s, tt.path, tt.body, nil)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
				t.Fatalf("status %d body %s; want %d containing %s", resp.StatusCode, body, tt.status, tt.want)
			}
			if len(s.Requests()) != 1 {
				t.Fatal("request not recorded")
			}
		})
	}
}

func TestSplitText(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want []string
	}{
		{"abcdef", 3, []string{"ab", "cd", "ef"}},
		{"abc", 5, []string{"a", "b", "c"}},
		{"héllo", 2, []string{"hé", "llo"}},
		{"", 3, []string{""}},
		{"abc", 0, []string{"abc"}},
	}
	for _, tt := range tests {
		got := splitText(tt.text, tt.n)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitText(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
		}
	}
}

func TestOrigin(t *testing.T) {
	o := StartOrigin(t, "example.org")
	conn, err := tls.Dial("tcp", o.Addr, &tls.Config{ServerName: "example.org", RootCAs: o.CA.Pool()})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if !conn.ConnectionState().PeerCertificates[0].Equal(o.Cert) {
		t.Fatal("origin presented a certificate other than o.Cert")
	}
	if _, err := conn.Write([]byte("GET / HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(body) != OriginBody {
		t.Fatalf("origin answered %d %q", resp.StatusCode, body)
	}
	if _, err := os.Stat(o.CAFile); err != nil {
		t.Fatal(err)
	}
}
