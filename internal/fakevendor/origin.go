package fakevendor

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/promptwall/promptwall/internal/testpki"
)

// Origin is a plain HTTPS site (not an LLM vendor), for tunnel tests: a
// client tunnelled blind must see Cert, the origin's own certificate.
type Origin struct {
	Addr   string            // host:port on 127.0.0.1
	URL    string            // "https://" + Addr
	Cert   *x509.Certificate // the leaf the origin presents
	CA     *testpki.CA
	CAFile string
}

// OriginBody is what GET / answers.
const OriginBody = "origin ok"

// StartOrigin serves GET / → 200 "origin ok" over TLS with a certificate for
// host and 127.0.0.1, until the test ends.
func StartOrigin(t testing.TB, host string) *Origin {
	t.Helper()
	ca := testpki.NewCA(t)
	leaf := ca.Leaf(t, host)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte(OriginBody))
	})
	srv := httptest.NewUnstartedServer(mux)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{leaf}, NextProtos: []string{"http/1.1"}, MinVersion: tls.VersionTLS12}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	addr := srv.Listener.Addr().String()
	return &Origin{Addr: addr, URL: "https://" + addr, Cert: leaf.Leaf, CA: ca, CAFile: ca.WritePEM(t, t.TempDir())}
}
