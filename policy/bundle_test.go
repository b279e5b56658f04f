package policy

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/bundle"
)

// bundleServer serves one tar.gz bundle with an ETag and honours
// If-None-Match, like nginx or S3 would.
type bundleServer struct {
	*httptest.Server
	mu          sync.Mutex
	body        []byte
	status      int // non-zero: answer this instead
	ok, notMod  atomic.Int64
	lastQuery   atomic.Value
	lastPath    atomic.Value
	requireAuth string
}

func newBundleServer(t *testing.T, body []byte) *bundleServer {
	t.Helper()
	s := &bundleServer{body: body}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve)) // 127.0.0.1
	t.Cleanup(s.Close)
	return s
}

func (s *bundleServer) set(body []byte, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.body, s.status = body, status
}

func (s *bundleServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	body, status := s.body, s.status
	s.mu.Unlock()
	s.lastPath.Store(r.URL.Path)
	s.lastQuery.Store(r.URL.RawQuery)
	if s.requireAuth != "" && r.Header.Get("Authorization") != "Bearer "+s.requireAuth {
		http.Error(w, "no", http.StatusUnauthorized)
		return
	}
	if status != 0 {
		http.Error(w, "down", status)
		return
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if strings.Contains(r.Header.Get("If-None-Match"), etag) {
		s.notMod.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.ok.Add(1)
	w.Header().Set("Content-Type", "application/gzip")
	_, _ = w.Write(body)
}

type bundleSpec struct {
	revision string
	rego     string         // default: the embedded policy
	data     map[string]any // merged into data.promptwall
	extra    map[string]string
	signKey  any // *ecdsa.PrivateKey or *rsa.PrivateKey
	alg      string
	tamper   bool // change data after signing
}

// buildBundle writes a tar.gz bundle as `opa build` would, with OPA's writer.
func buildBundle(t *testing.T, spec bundleSpec) []byte {
	t.Helper()
	src := spec.rego
	if src == "" {
		bs, err := os.ReadFile(filepath.Join("..", "rego", "promptwall.rego"))
		if err != nil {
			t.Fatal(err)
		}
		src = string(bs)
	}
	raw, err := os.ReadFile(filepath.Join("..", "rego", "data.json"))
	if err != nil {
		t.Fatal(err)
	}
	var data map[string]any
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	for k, v := range spec.data {
		data["promptwall"].(map[string]any)[k] = v
	}
	b := bundle.Bundle{
		Manifest: bundle.Manifest{Revision: spec.revision},
		Data:     data,
		Modules:  []bundle.ModuleFile{{URL: "/promptwall.rego", Path: "/promptwall.rego", Raw: []byte(src)}},
	}
	for name, content := range spec.extra {
		b.Modules = append(b.Modules, bundle.ModuleFile{URL: "/" + name, Path: "/" + name, Raw: []byte(content)})
	}
	if spec.signKey != nil {
		der, err := x509.MarshalPKCS8PrivateKey(spec.signKey)
		if err != nil {
			t.Fatal(err)
		}
		keyPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
		if err := b.GenerateSignature(bundle.NewSigningConfig(keyPEM, spec.alg, ""), "ops-2026", false); err != nil {
			t.Fatal(err)
		}
	}
	if spec.tamper {
		data["promptwall"].(map[string]any)["type_actions"] = map[string]any{"AWS_ACCESS_KEY": "allow"}
	}
	var buf bytes.Buffer
	if err := bundle.NewWriter(&buf).DisableFormat(true).Write(b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func publicPEM(t *testing.T, key any) []byte {
	t.Helper()
	var pub any
	switch k := key.(type) {
	case *ecdsa.PrivateKey:
		pub = k.Public()
	case *rsa.PrivateKey:
		pub = k.Public()
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

func ecKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestBundlePolling(t *testing.T) {
	srv := newBundleServer(t, buildBundle(t, bundleSpec{revision: "v1", extra: map[string]string{
		// Tests travel in bundles too; they are never served.
		"promptwall_test.rego": "package promptwall_test\n\ntest_nothing if true\n",
	}}))
	e := newEngine(t, WithBundle(BundleSource{URL: srv.URL + "/bundles/promptwall.tar.gz?team=sec"}))
	if !e.Ready() || e.Revision() != "v1" {
		t.Fatalf("ready %v revision %q", e.Ready(), e.Revision())
	}
	if p, q := srv.lastPath.Load(), srv.lastQuery.Load(); p != "/bundles/promptwall.tar.gz" || q != "team=sec" {
		t.Fatalf("requested %v ? %v", p, q)
	}
	email := f("EMAIL", "pii")
	if got := decideAction(t, e, email); got != ActionRedact {
		t.Fatalf("v1: %s", got)
	}

	// Unchanged: every poll is a 304 and nothing is reported.
	ch := startWatch(t, e, 20*time.Millisecond)
	waitFor(t, "three 304s", func() bool { return srv.notMod.Load() >= 3 })
	if srv.ok.Load() != 1 {
		t.Fatalf("bundle downloaded %d times", srv.ok.Load())
	}
	noReload(t, ch, 0)

	// A new bundle is picked up at the next poll and decides.
	srv.set(buildBundle(t, bundleSpec{revision: "v2", data: map[string]any{"type_actions": map[string]any{"EMAIL": "block"}}}), 0)
	if ev := nextReload(t, ch); ev.err != nil || ev.rev != "v2" {
		t.Fatalf("v2: %+v", ev)
	}
	if got := decideAction(t, e, email); got != ActionBlock {
		t.Fatalf("v2: %s", got)
	}

	// A broken bundle is refused once; v2 stays in force.
	srv.set(buildBundle(t, bundleSpec{revision: "v3", rego: "package promptwall\n\ndecision := x\n"}), 0)
	ev := nextReload(t, ch)
	if ev.err == nil || ev.rev != "v2" || !strings.Contains(ev.err.Error(), "promptwall.rego:3") {
		t.Fatalf("broken bundle: %+v", ev)
	}
	if strings.Contains(ev.err.Error(), "team=sec") {
		t.Fatalf("error leaks the query string: %v", ev.err)
	}
	noReload(t, ch, 200*time.Millisecond)
	if got := decideAction(t, e, email); got != ActionBlock || e.Revision() != "v2" {
		t.Fatalf("after broken bundle: %s %s", got, e.Revision())
	}

	// The server going away keeps the policy; its return is reported.
	srv.set(nil, http.StatusServiceUnavailable)
	if ev := nextReload(t, ch); ev.err == nil || ev.rev != "v2" {
		t.Fatalf("server down: %+v", ev)
	}
	if !e.Ready() {
		t.Fatal("a ready engine became not ready")
	}
	srv.set(buildBundle(t, bundleSpec{revision: "v4"}), 0)
	if ev := nextReload(t, ch); ev.err != nil || ev.rev != "v4" {
		t.Fatalf("v4: %+v", ev)
	}
}

// A content change under the same manifest revision is still applied.
func TestBundleSameRevisionNewContent(t *testing.T) {
	srv := newBundleServer(t, buildBundle(t, bundleSpec{revision: "v1"}))
	e := newEngine(t, WithBundle(BundleSource{URL: srv.URL + "/b.tar.gz"}))
	srv.set(buildBundle(t, bundleSpec{revision: "v1", data: map[string]any{"type_actions": map[string]any{"EMAIL": "block"}}}), 0)
	changed, err := e.Reload(context.Background())
	if err != nil || !changed || decideAction(t, e, f("EMAIL", "pii")) != ActionBlock {
		t.Fatalf("changed %v err %v", changed, err)
	}
}

func TestBundleNotReady(t *testing.T) {
	// Nothing listens on a port just closed.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	e := newEngine(t, WithBundle(BundleSource{URL: "http://" + addr + "/b.tar.gz", Timeout: time.Second}))
	if e.Ready() || e.Revision() != "" {
		t.Fatalf("ready %v revision %q", e.Ready(), e.Revision())
	}
	if _, err := e.Decide(context.Background(), Input{Request: baseRequest()}); !errors.Is(err, ErrNotReady) {
		t.Fatalf("Decide: %v", err)
	}
	if _, err := e.Connect(context.Background(), baseRequest()); !errors.Is(err, ErrNotReady) {
		t.Fatalf("Connect: %v", err)
	}
	if d := e.CustomDetectors(); d != nil {
		t.Fatalf("detectors %v", d)
	}
	if _, ok := e.Data("promptwall"); ok {
		t.Fatal("data while not ready")
	}

	// A server that is up but failing: Watch reports at once, retries, and
	// the first good bundle makes the engine ready.
	srv := newBundleServer(t, nil)
	srv.set(nil, http.StatusServiceUnavailable)
	e = newEngine(t, WithBundle(BundleSource{URL: srv.URL + "/b.tar.gz"}))
	if e.Ready() {
		t.Fatal("ready on a 503")
	}
	ch := startWatch(t, e, 30*time.Millisecond)
	if ev := nextReload(t, ch); ev.err == nil || ev.rev != "" || !strings.Contains(ev.err.Error(), "Service Unavailable") {
		t.Fatalf("first report: %+v", ev)
	}
	srv.set(buildBundle(t, bundleSpec{revision: "first"}), 0)
	if ev := nextReload(t, ch); ev.err != nil || ev.rev != "first" || !e.Ready() {
		t.Fatalf("ready: %+v", ev)
	}
	if got := decideAction(t, e); got != ActionAllow {
		t.Fatalf("decision %s", got)
	}
}

func TestBundleSignatures(t *testing.T) {
	key, other := ecKey(t), ecKey(t)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		spec    bundleSpec
		src     BundleSource
		wantErr string
	}{
		{name: "signed ES256", spec: bundleSpec{revision: "s1", signKey: key, alg: "ES256"}, src: BundleSource{PublicKey: publicPEM(t, key)}},
		{name: "signed RS256", spec: bundleSpec{revision: "s2", signKey: rsaKey, alg: "RS256"}, src: BundleSource{PublicKey: publicPEM(t, rsaKey), KeyID: "ops"}},
		{name: "wrong key", spec: bundleSpec{revision: "s3", signKey: other, alg: "ES256"}, src: BundleSource{PublicKey: publicPEM(t, key)}, wantErr: "verif"},
		{name: "tampered", spec: bundleSpec{revision: "s4", signKey: key, alg: "ES256", tamper: true}, src: BundleSource{PublicKey: publicPEM(t, key)}, wantErr: "data.json"},
		{name: "unsigned", spec: bundleSpec{revision: "s5"}, src: BundleSource{PublicKey: publicPEM(t, key)}, wantErr: "missing .signatures.json"},
		{name: "signed without a key", spec: bundleSpec{revision: "s6", signKey: key, alg: "ES256"}, wantErr: "verification key not provided"},
		{name: "scope mismatch", spec: bundleSpec{revision: "s7", signKey: key, alg: "ES256"}, src: BundleSource{PublicKey: publicPEM(t, key), Scope: "prod"}, wantErr: "scope"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newBundleServer(t, buildBundle(t, tc.spec))
			tc.src.URL = srv.URL + "/b.tar.gz"
			e := newEngine(t, WithBundle(tc.src))
			_, err := e.Reload(context.Background()) // New's error is not returned: ask again
			if tc.wantErr == "" {
				if err != nil || !e.Ready() || e.Revision() != tc.spec.revision {
					t.Fatalf("err %v ready %v revision %q", err, e.Ready(), e.Revision())
				}
				return
			}
			if e.Ready() || err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("ready %v err %v, want %q", e.Ready(), err, tc.wantErr)
			}
		})
	}
}

func TestBundleBearerToken(t *testing.T) {
	srv := newBundleServer(t, buildBundle(t, bundleSpec{revision: "auth"}))
	srv.requireAuth = "s3cr3t-" + hex.EncodeToString([]byte(t.Name()))
	tokenFile := filepath.Join(t.TempDir(), "token")
	writeFile(t, tokenFile, srv.requireAuth)
	e := newEngine(t, WithBundle(BundleSource{URL: srv.URL + "/b.tar.gz", BearerTokenFile: tokenFile}))
	if !e.Ready() || e.Revision() != "auth" {
		t.Fatalf("ready %v revision %q", e.Ready(), e.Revision())
	}
	e = newEngine(t, WithBundle(BundleSource{URL: srv.URL + "/b.tar.gz"}))
	if _, err := e.Reload(context.Background()); err == nil || !strings.Contains(err.Error(), "Unauthorized") {
		t.Fatalf("without token: %v", err)
	}
}

func TestBundleConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"not http", []Option{WithBundle(BundleSource{URL: "ftp://x/b.tar.gz"})}, "not an http(s) URL"},
		{"no host", []Option{WithBundle(BundleSource{URL: "http:///b.tar.gz"})}, "not an http(s) URL"},
		{"dir and bundle", []Option{WithDir("x"), WithBundle(BundleSource{URL: "http://127.0.0.1:1/b"})}, "alternatives"},
		{"key not PEM", []Option{WithBundle(BundleSource{URL: "http://127.0.0.1:1/b", PublicKey: []byte("nope")})}, "not PEM"},
		{"private key given", []Option{WithBundle(BundleSource{URL: "http://127.0.0.1:1/b", PublicKey: pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: []byte{1}})})}, "want a PUBLIC KEY"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(context.Background(), tc.opts...); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
		})
	}
}

func TestKeyAlgorithm(t *testing.T) {
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key  any
		want string
	}{{ecKey(t), "ES256"}, {p384, "ES384"}, {rsaKey, "RS256"}} {
		if got, err := keyAlgorithm(publicPEM(t, tc.key)); err != nil || got != tc.want {
			t.Errorf("%T: %q, %v", tc.key, got, err)
		}
	}
}

func TestRedactURL(t *testing.T) {
	got := redactURL("https://user:pw@bundles.corp:8443/a/b.tar.gz?sig=abc#x")
	if got != "https://bundles.corp:8443/a/b.tar.gz" {
		t.Fatal(got)
	}
}
