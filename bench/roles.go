package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/elazarl/goproxy"
	"go.uber.org/zap"

	"github.com/promptwall/promptwall/certs"
	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/proxy"
)

// procStats is what GET /bench/stats on a proxy role's admin listener
// reports about its own process.
type procStats struct {
	RSSKiB     int64  `json:"rss_kib"`
	HWMKiB     int64  `json:"hwm_kib"`
	Goroutines int    `json:"goroutines"`
	HeapInuse  uint64 `json:"heap_inuse"`
	HeapAlloc  uint64 `json:"heap_alloc"`
}

func readProcStats() procStats {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rss, hwm := vmRSS(os.Getpid())
	return procStats{RSSKiB: rss, HWMKiB: hwm, Goroutines: runtime.NumGoroutine(), HeapInuse: ms.HeapInuse, HeapAlloc: ms.HeapAlloc}
}

// serveAdmin serves pprof and /bench/stats on a loopback port.
func serveAdmin() (string, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/bench/stats", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("gc") {
			runtime.GC()
		}
		w.Header().Set("Content-Type", "application/json")
		_ = jsonEncode(w, readProcStats())
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go func() { _ = (&http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}).Serve(l) }()
	return l.Addr().String(), nil
}

// resolveDialer dials benchHost:443 at the fake vendor, anything else as asked
// (nothing else is ever asked: all traffic stays on 127.0.0.1).
func resolveDialer(vendorAddr string) func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == benchHost+":443" {
			addr = vendorAddr
		}
		return d.DialContext(ctx, network, addr)
	}
}

func poolFrom(caFile string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("bench: %s holds no certificate", caFile)
	}
	return pool, nil
}

// certCache is the leaf cache plain goproxy is given (goproxy.CertStorage):
// without one goproxy signs a leaf on every CONNECT.
type certCache struct {
	mu sync.Mutex
	m  map[string]*tls.Certificate
}

func (c *certCache) Fetch(host string, gen func() (*tls.Certificate, error)) (*tls.Certificate, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cert, ok := c.m[host]; ok {
		return cert, nil
	}
	cert, err := gen()
	if err != nil {
		return nil, err
	}
	c.m[host] = cert
	return cert, nil
}

// runGoproxy is the baseline: goproxy decrypting every CONNECT, inspecting
// nothing, with an ECDSA CA, a leaf cache and the same upstream transport
// settings as promptwall's.
func runGoproxy(dir, vendorAddr, vendorCA string) error {
	ca, err := certs.NewCA()
	if err != nil {
		return err
	}
	caFile := filepath.Join(dir, "goproxy-ca.pem")
	if err := os.WriteFile(caFile, ca.CertPEM(), 0o644); err != nil {
		return err
	}
	pool, err := poolFrom(vendorCA)
	if err != nil {
		return err
	}
	tlsCA := tls.Certificate{Certificate: [][]byte{ca.Certificate().Raw}, PrivateKey: ca.Signer(), Leaf: ca.Certificate()}
	dial := resolveDialer(vendorAddr)
	gp := goproxy.NewProxyHttpServer()
	gp.Logger = log.New(io.Discard, "", 0)
	gp.CertStore = &certCache{m: map[string]*tls.Certificate{}}
	gp.Tr = &http.Transport{
		Proxy:                 nil,
		DialContext:           dial,
		TLSClientConfig:       &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
		ForceAttemptHTTP2:     true,
		DisableCompression:    true,
		MaxIdleConns:          512,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 10 * time.Minute,
	}
	gp.ConnectDial = nil
	gp.ConnectDialWithReq = func(_ *http.Request, network, addr string) (net.Conn, error) {
		return dial(context.Background(), network, addr)
	}
	gp.KeepAcceptEncoding = true
	gp.KeepDestinationHeaders = true
	mitm := &goproxy.ConnectAction{Action: goproxy.ConnectMitm, TLSConfig: goproxy.TLSConfigFromCA(&tlsCA)}
	gp.OnRequest().HandleConnectFunc(func(host string, _ *goproxy.ProxyCtx) (*goproxy.ConnectAction, string) {
		return mitm, host
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	admin, err := serveAdmin()
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: gp, ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 5 * time.Minute, ErrorLog: quietLog()}
	go func() { _ = srv.Serve(l) }()
	announce(ready{Addr: l.Addr().String(), CA: caFile, Admin: admin})
	waitParent()
	return nil
}

// runPromptwall runs the proxy package as `promptwall serve` does, on the
// embedded defaults (default policy, audit file in the data dir), with the
// fake vendor's address and CA as upstream overrides.
func runPromptwall(dir, vendorAddr, vendorCA string) error {
	cfg, err := config.Parse(nil)
	if err != nil {
		return err
	}
	cfg.Listen, cfg.AdminListen, cfg.DataDir = "127.0.0.1:0", "127.0.0.1:0", filepath.Join(dir, "promptwall-data")
	cfg.Upstream.CAFiles = []string{vendorCA}
	cfg.Upstream.Resolve = map[string]string{benchHost + ":443": vendorAddr}
	srv, err := proxy.New(context.Background(), cfg, zap.NewNop())
	if err != nil {
		return err
	}
	if err := srv.Start(); err != nil {
		return err
	}
	caFile := filepath.Join(dir, "promptwall-ca.pem")
	if err := os.WriteFile(caFile, srv.CA().CertPEM(), 0o644); err != nil {
		return err
	}
	admin, err := serveAdmin()
	if err != nil {
		return err
	}
	pa, _ := srv.Addrs()
	announce(ready{Addr: pa, CA: caFile, Admin: admin})
	waitParent()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Close(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }
