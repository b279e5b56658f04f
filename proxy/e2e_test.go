package proxy_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
	aoption "github.com/anthropics/anthropic-sdk-go/v2/option"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/responses"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
	"github.com/promptwall/promptwall/proxy"
)

// env is a running promptwall in front of a fake vendor, all on 127.0.0.1.
type env struct {
	vendor   *fakevendor.Server
	proxyURL *url.URL
	caFile   string // promptwall's CA, as a staff machine trusts it
	caPool   *x509.CertPool
	audit    string
	admin    string // admin listener host:port
	srv      *proxy.Server
	cfg      *config.Config
	logs     *syncBuffer // every operational log line, debug level included
}

var vendorHosts = []string{"api.openai.com", "api.anthropic.com", "generativelanguage.googleapis.com", "api.mistral.ai"}

func start(t testing.TB, fv *fakevendor.Server, tweak func(*config.Config)) *env {
	t.Helper()
	cfg, err := config.Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Listen, cfg.AdminListen, cfg.DataDir = "127.0.0.1:0", "127.0.0.1:0", t.TempDir()
	// The test machine is loaded (-race, parallel packages): a policy
	// evaluation timing out is not what these tests are about.
	cfg.Policy.TimeoutMS = 10000
	cfg.Upstream.CAFiles = []string{fv.CAFile}
	cfg.Upstream.Resolve = map[string]string{}
	for _, h := range vendorHosts {
		cfg.Upstream.Resolve[h+":443"] = fv.Addr
	}
	if tweak != nil {
		tweak(cfg)
	}
	logs := &syncBuffer{}
	logger := zaptest.NewLogger(t).WithOptions(zap.WrapCore(func(c zapcore.Core) zapcore.Core {
		return zapcore.NewTee(c, zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewDevelopmentEncoderConfig()), zapcore.AddSync(logs), zap.DebugLevel))
	}))
	if _, bench := t.(*testing.B); bench {
		logger = zap.NewNop() // a benchmark measures the proxy, not its debug log
	}
	srv, err := proxy.New(context.Background(), cfg, logger)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Close(ctx)
	})
	pa, aa := srv.Addrs()
	caFile := filepath.Join(t.TempDir(), "promptwall-ca.pem")
	if err := os.WriteFile(caFile, srv.CA().CertPEM(), 0o644); err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(srv.CA().Certificate())
	return &env{vendor: fv, proxyURL: &url.URL{Scheme: "http", Host: pa}, caFile: caFile, caPool: pool, audit: cfg.AuditFile(), admin: aa, srv: srv, cfg: cfg, logs: logs}
}

// syncBuffer collects log output from many goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// client is a staff machine: HTTPS_PROXY set, promptwall's CA trusted.
func (e *env) client() *http.Client {
	return &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{
		Proxy:           http.ProxyURL(e.proxyURL),
		TLSClientConfig: &tls.Config{RootCAs: e.caPool},
	}}
}

func (e *env) openai() *openai.Client {
	c := openai.NewClient(optionsFor(e.client())...)
	return &c
}

func optionsFor(hc *http.Client) []option.RequestOption {
	return []option.RequestOption{option.WithBaseURL("https://api.openai.com/v1/"), option.WithAPIKey("sk-test-not-a-real-key"),
		option.WithHTTPClient(hc), option.WithMaxRetries(0)}
}

func (e *env) anthropic() *anthropic.Client {
	c := anthropic.NewClient(aoption.WithBaseURL("https://api.anthropic.com/"), aoption.WithAPIKey("test-not-a-real-key"),
		aoption.WithHTTPClient(e.client()), aoption.WithMaxRetries(0))
	return &c
}

// chatParams is a gpt-4o chat completion request of one user message.
func chatParams(prompt string) openai.ChatCompletionNewParams {
	return openai.ChatCompletionNewParams{Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(prompt)}}
}

// responsesParams is a gpt-4o Responses request with prompt as its input.
func responsesParams(prompt string) responses.ResponseNewParams {
	return responses.ResponseNewParams{Model: "gpt-4o", Input: responses.ResponseNewParamsInputUnion{OfString: openai.String(prompt)}}
}

// anthropicParams is a Claude Messages request of one user message.
func anthropicParams(prompt string, maxTokens int64) anthropic.MessageNewParams {
	return anthropic.MessageNewParams{Model: "claude-sonnet-4-5", MaxTokens: maxTokens,
		Messages: []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock(prompt))}}
}

// chatWhole sends p with c and returns the completion; an error fails t.
func chatWhole(t testing.TB, c *openai.Client, p openai.ChatCompletionNewParams) *openai.ChatCompletion {
	t.Helper()
	cc, err := c.Chat.Completions.New(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return cc
}

// chatStream streams p with c and returns the chunks accumulated; each, if
// not nil, sees every chunk once it is added. An error fails t.
func chatStream(t testing.TB, c *openai.Client, p openai.ChatCompletionNewParams, each func(openai.ChatCompletionChunk)) openai.ChatCompletionAccumulator {
	t.Helper()
	s := c.Chat.Completions.NewStreaming(context.Background(), p)
	var acc openai.ChatCompletionAccumulator
	for s.Next() {
		acc.AddChunk(s.Current())
		if each != nil {
			each(s.Current())
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return acc
}

// responsesStream streams p with c, handing each event to each; an error
// fails t.
func responsesStream(t testing.TB, c *openai.Client, p responses.ResponseNewParams, each func(responses.ResponseStreamEventUnion)) {
	t.Helper()
	s := c.Responses.NewStreaming(context.Background(), p)
	for s.Next() {
		each(s.Current())
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
}

// anthropicWhole sends p with c and returns the message; an error fails t.
func anthropicWhole(t testing.TB, c *anthropic.Client, p anthropic.MessageNewParams) *anthropic.Message {
	t.Helper()
	m, err := c.Messages.New(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// anthropicStream streams p with c and returns the message accumulated;
// each, if not nil, sees every event once it is added. An error fails t.
func anthropicStream(t testing.TB, c *anthropic.Client, p anthropic.MessageNewParams, each func(anthropic.MessageStreamEventUnion)) anthropic.Message {
	t.Helper()
	s := c.Messages.NewStreaming(context.Background(), p)
	var m anthropic.Message
	for s.Next() {
		if err := m.Accumulate(s.Current()); err != nil {
			t.Fatal(err)
		}
		if each != nil {
			each(s.Current())
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// roundTrip sends req with c and returns the answer, its body read and
// closed; an error sending or reading fails t.
func roundTrip(t testing.TB, c *http.Client, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer (status %d): %v", resp.StatusCode, err)
	}
	return resp, b
}

// auditLines waits for n audit records and returns them parsed, one per
// request: a forwarded request's decision and completion lines (joined by
// event.id) count as one record, the completion's fields (status, duration,
// usage, reason, route) over the decision's and its rules added to them. A
// record counts once its completion is written (when the answer ends).
func (e *env) auditLines(t *testing.T, n int) []map[string]any {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		out, complete := joinAudit(t, e.auditRawLines(t))
		if len(out) >= n && complete || time.Now().After(deadline) {
			if len(out) != n {
				t.Fatalf("audit has %d records, want %d", len(out), n)
			}
			return out
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// auditRawLines returns the audit file's lines as they are, parsed.
func (e *env) auditRawLines(t testing.TB) []map[string]any {
	t.Helper()
	b, _ := os.ReadFile(e.audit)
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("audit line is not JSON: %v", err)
		}
		out = append(out, m)
	}
	return out
}

// joinAudit folds completion lines into their decision lines; complete is
// false while a decision still waits for its completion.
func joinAudit(t testing.TB, lines []map[string]any) (out []map[string]any, complete bool) {
	t.Helper()
	open := map[any]map[string]any{}
	for _, l := range lines {
		typ := anyStrings(l["event.type"])
		switch {
		case slices.Equal(typ, []string{"start"}):
			open[l["event.id"]] = l
			out = append(out, l)
		case slices.Equal(typ, []string{"end"}):
			d := open[l["event.id"]]
			if d == nil {
				t.Fatalf("audit completion line without its decision line: %v", l)
			}
			delete(open, l["event.id"])
			rules := append(anyStrings(d["promptwall.rules"]), anyStrings(l["promptwall.rules"])...)
			for k, v := range l {
				d[k] = v
			}
			d["promptwall.rules"] = toAnys(rules)
			d["event.type"] = []any{"start", "end"}
		default:
			out = append(out, l)
		}
	}
	return out, len(open) == 0
}

func toAnys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// fakeAWSKey makes an access key id of the documented shape, fresh per run.
func fakeAWSKey(t *testing.T) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	b := []byte("AKIA")
	for range 16 {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, alphabet[n.Int64()])
	}
	return string(b)
}

func TestCleanPromptReachesVendorByteForByte(t *testing.T) {
	e := start(t, fakevendor.Start(t), nil)
	// Odd spacing, key order and escapes: promptwall must not re-encode anything.
	body := []byte("{ \"messages\" :[{\"role\":\"user\",\"content\":\"Summarise the \\u00e9t\\u00e9 report, please.\"}],\n\t\"model\":\"gpt-4o\" }")
	req, _ := http.NewRequest(http.MethodPost, "https://api.openai.com/v1/chat/completions", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer sk-test-not-a-real-key")
	resp, err := e.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, got)
	}
	last := e.vendor.Last()
	if !bytes.Equal(last.Body, body) {
		t.Fatalf("vendor received %q, want %q", last.Body, body)
	}
	if last.Header.Get("Authorization") != "Bearer sk-test-not-a-real-key" {
		t.Errorf("Authorization header not forwarded")
	}

	// And through the official SDK.
	c, err := e.openai().Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model:    "gpt-4o",
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("What is the capital of Italy?")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Choices) == 0 || c.Choices[0].Message.Content == "" {
		t.Fatalf("empty answer: %+v", c)
	}
	lines := e.auditLines(t, 2)
	if u := lines[1]["promptwall.usage"].(map[string]any); u["input_tokens"].(float64) != float64(c.Usage.PromptTokens) ||
		u["output_tokens"].(float64) != float64(c.Usage.CompletionTokens) || c.Usage.PromptTokens == 0 {
		t.Errorf("audit usage %v, the answer said %d/%d", u, c.Usage.PromptTokens, c.Usage.CompletionTokens)
	}
	for _, l := range lines {
		if l["event.action"] != "allow" || l["url.domain"] != "api.openai.com" || l["promptwall.api"] != "openai.chat" ||
			l["http.response.status_code"].(float64) != 200 || l["promptwall.model"] != "gpt-4o" {
			t.Errorf("audit line %v", l)
		}
	}
}

func TestCredentialRefusedOpenAISDK(t *testing.T) {
	e := start(t, fakevendor.Start(t), nil)
	key := fakeAWSKey(t)
	_, err := e.openai().Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: "gpt-4o",
		Messages: []openai.ChatCompletionMessageParamUnion{
			openai.SystemMessage("You are a helpful assistant."),
			openai.UserMessage("Why does this fail? aws configure set aws_access_key_id " + key),
		},
	})
	var apiErr *openai.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *openai.Error", err)
	}
	if apiErr.StatusCode != 403 || !strings.Contains(apiErr.Message, "AWS_ACCESS_KEY") || !strings.Contains(apiErr.Message, "Request id: pw-") {
		t.Fatalf("status %d message %q", apiErr.StatusCode, apiErr.Message)
	}
	if strings.Contains(err.Error(), key) {
		t.Fatal("the refusal repeats the credential")
	}
	if n := len(e.vendor.Requests()); n != 0 {
		t.Fatalf("vendor received %d requests", n)
	}
	l := e.auditLines(t, 1)[0]
	if l["event.action"] != "block" || l["http.response.status_code"].(float64) != 403 {
		t.Fatalf("audit %v", l)
	}
	fs := l["promptwall.findings"].([]any)
	if len(fs) != 1 || fs[0].(map[string]any)["type"] != "AWS_ACCESS_KEY" {
		t.Fatalf("audit findings %v", fs)
	}
	raw, _ := os.ReadFile(e.audit)
	if bytes.Contains(raw, []byte(key)) {
		t.Fatal("the audit holds the credential")
	}
}

func TestCredentialRefusedAnthropicSDK(t *testing.T) {
	e := start(t, fakevendor.Start(t), nil)
	key := fakeAWSKey(t)
	_, err := e.anthropic().Messages.New(context.Background(), anthropic.MessageNewParams{
		Model:     "claude-sonnet-4-5",
		MaxTokens: 256,
		System:    []anthropic.TextBlockParam{{Text: "Be brief."}},
		Messages: []anthropic.MessageParam{
			anthropic.NewUserMessage(anthropic.NewTextBlock("Deploy with key " + key + " please")),
		},
	})
	var apiErr *anthropic.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *anthropic.Error", err)
	}
	if apiErr.StatusCode != 403 || !strings.Contains(apiErr.Error(), "AWS_ACCESS_KEY") {
		t.Fatalf("status %d: %v", apiErr.StatusCode, apiErr)
	}
	if n := len(e.vendor.Requests()); n != 0 {
		t.Fatalf("vendor received %d requests", n)
	}
	if l := e.auditLines(t, 1)[0]; l["promptwall.api"] != "anthropic.messages" || l["event.action"] != "block" {
		t.Fatalf("audit %v", l)
	}
}

func TestStreamArrivesEventByEvent(t *testing.T) {
	gate := make(chan struct{})
	e := start(t, fakevendor.Start(t, fakevendor.WithChunks(5), fakevendor.WithStreamGate(gate)), nil)
	defer func() {
		select {
		case <-gate:
		default:
			close(gate)
		}
	}()
	stream := e.openai().Chat.Completions.NewStreaming(context.Background(), openai.ChatCompletionNewParams{
		Model:    "gpt-4o",
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Tell me a story.")},
	})
	// The vendor holds its last event until the gate opens: the first must
	// reach us before that, or promptwall is buffering the stream.
	got := make(chan bool, 1)
	go func() { got <- stream.Next() }()
	select {
	case ok := <-got:
		if !ok {
			t.Fatalf("stream ended early: %v", stream.Err())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("first event did not arrive while the vendor held the last one")
	}
	close(gate)
	n := 1
	for stream.Next() {
		n++
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Fatalf("%d events, want at least 5", n)
	}
	if l := e.auditLines(t, 1)[0]; l["event.action"] != "allow" || l["http.response.status_code"].(float64) != 200 {
		t.Fatalf("audit %v", l)
	}
}

func TestAnthropicStreamThroughProxy(t *testing.T) {
	e := start(t, fakevendor.Start(t, fakevendor.WithReply("Rome is the capital.")), nil)
	stream := e.anthropic().Messages.NewStreaming(context.Background(), anthropic.MessageNewParams{
		Model: "claude-sonnet-4-5", MaxTokens: 64,
		Messages: []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("Capital of Italy?"))},
	})
	var msg anthropic.Message
	for stream.Next() {
		if err := msg.Accumulate(stream.Current()); err != nil {
			t.Fatal(err)
		}
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, b := range msg.Content {
		text.WriteString(b.Text)
	}
	if text.String() != "Rome is the capital." {
		t.Fatalf("answer %q", text.String())
	}
	u := e.auditLines(t, 1)[0]["promptwall.usage"].(map[string]any)
	if u["input_tokens"].(float64) != float64(msg.Usage.InputTokens) || u["output_tokens"].(float64) != float64(msg.Usage.OutputTokens) || msg.Usage.OutputTokens == 0 {
		t.Errorf("audit usage %v, the stream said %d/%d", u, msg.Usage.InputTokens, msg.Usage.OutputTokens)
	}
}

func TestNonVendorHostIsTunnelled(t *testing.T) {
	origin := fakevendor.StartOrigin(t, "intranet.example.org")
	e := start(t, fakevendor.Start(t), func(c *config.Config) {
		c.Upstream.Resolve["intranet.example.org:443"] = origin.Addr
	})
	pool := origin.CA.Pool()
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		Proxy:           http.ProxyURL(e.proxyURL),
		TLSClientConfig: &tls.Config{RootCAs: pool}, // trusts the origin only, not promptwall
	}}
	resp, err := c.Get("https://intranet.example.org/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "origin ok" {
		t.Fatalf("body %q", body)
	}
	if !resp.TLS.PeerCertificates[0].Equal(origin.Cert) {
		t.Fatal("the client did not see the origin's own certificate: the tunnel was decrypted")
	}
	if b, _ := os.ReadFile(e.audit); len(b) != 0 {
		t.Fatalf("a tunnelled request was audited as inspected: %s", b)
	}
}

func TestCurlSeesCredentialRefused(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Fatal("curl is required (apt-get install curl)")
	}
	e := start(t, fakevendor.Start(t), nil)
	key := fakeAWSKey(t)
	out, err := exec.Command(curl, "-sS", "--proxy", e.proxyURL.String(), "--cacert", e.caFile,
		"https://api.openai.com/v1/chat/completions", "-H", "Content-Type: application/json",
		"-d", `{"model":"gpt-4o","messages":[{"role":"user","content":"my key is `+key+`"}]}`,
		"-w", "\n%{http_code}").CombinedOutput()
	if err != nil {
		t.Fatalf("curl: %v: %s", err, out)
	}
	s := string(out)
	if !strings.HasSuffix(s, "\n403") || !strings.Contains(s, `"error"`) || !strings.Contains(s, "AWS_ACCESS_KEY") || strings.Contains(s, key) {
		t.Fatalf("curl printed %s", s)
	}
}

func TestBodyEncodingsAndLimits(t *testing.T) {
	e := start(t, fakevendor.Start(t), func(c *config.Config) { c.Limits.MaxBodyBytes = 64 << 10 })
	key := fakeAWSKey(t)
	post := func(body []byte, encoding, contentType string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, "https://api.openai.com/v1/chat/completions", bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		if encoding != "" {
			req.Header.Set("Content-Encoding", encoding)
		}
		resp, err := e.client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(b)
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	secret := []byte(`{"model":"gpt-4o","messages":[{"role":"user","content":"key ` + key + `"}]}`)
	if st, b := post(gz(secret), "gzip", "application/json"); st != 403 || !strings.Contains(b, "AWS_ACCESS_KEY") {
		t.Errorf("gzip secret: %d %s", st, b)
	}
	// A zip bomb: small on the wire, over the limit decoded.
	bomb := gz(bytes.Repeat([]byte(" "), 1<<20))
	if st, _ := post(bomb, "gzip", "application/json"); st != 413 {
		t.Errorf("decoded over limit: %d, want 413", st)
	}
	if st, _ := post(bytes.Repeat([]byte("a"), 65<<10), "", "text/plain"); st != 413 {
		t.Errorf("raw over limit: %d, want 413", st)
	}
	// Not JSON: scanned as text, never waved through.
	if st, b := post([]byte("plain text with "+key), "", "text/plain"); st != 403 || !strings.Contains(b, "AWS_ACCESS_KEY") {
		t.Errorf("raw secret: %d %s", st, b)
	}
	if st, _ := post([]byte("x"), "compress", "text/plain"); st != 400 {
		t.Errorf("unknown encoding: %d, want 400", st)
	}
	if n := len(e.vendor.Requests()); n != 0 {
		t.Fatalf("vendor received %d requests", n)
	}
	e.auditLines(t, 5)
}

func TestAdminEndpoints(t *testing.T) {
	e := start(t, fakevendor.Start(t), nil)
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + e.admin + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if st, b := get("/healthz"); st != 200 || b != "ok\n" {
		t.Errorf("/healthz %d %q", st, b)
	}
	if st, b := get("/readyz"); st != 200 || !strings.Contains(b, `"ready":true`) || !strings.Contains(b, "sha256:") {
		t.Errorf("/readyz %d %s", st, b)
	}
	key := fakeAWSKey(t)
	_, err := e.openai().Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("key " + key)}})
	if err == nil {
		t.Fatal("credential not refused")
	}
	st, b := get("/metrics")
	if st != 200 {
		t.Fatalf("/metrics %d", st)
	}
	for _, want := range []string{
		`promptwall_requests_total{action="block",api="openai.chat",vendor="openai"} 1`,
		`promptwall_findings_total{type="AWS_ACCESS_KEY"} 1`,
		`promptwall_connects_total{action="mitm"} 1`,
		`promptwall_policy_revision_info{revision="sha256:`,
		"promptwall_decision_duration_seconds_count 1",
	} {
		if !strings.Contains(b, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(b, key) {
		t.Fatal("/metrics holds the credential")
	}
}
