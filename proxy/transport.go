package proxy

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"
)

// dialer dials upstream connections, honouring upstream.resolve overrides.
type dialer struct {
	resolve map[string]string
	net     net.Dialer
}

func (d *dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	if to, ok := d.resolve[addr]; ok {
		addr = to
	}
	return d.net.DialContext(ctx, network, addr)
}

// newTransport builds the upstream transport: explicit timeouts, keep-alive,
// no proxy chaining through HTTPS_PROXY, no transparent decompression (bodies
// pass byte for byte), and the system roots plus upstream.ca_files.
func newTransport(d *dialer, caFiles []string) (*http.Transport, error) {
	roots, err := x509.SystemCertPool()
	if err != nil || roots == nil {
		roots = x509.NewCertPool()
	}
	for _, f := range caFiles {
		pem, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("proxy: upstream.ca_files: %w", err)
		}
		if !roots.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("proxy: upstream.ca_files: %s holds no PEM certificate", f)
		}
	}
	return &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		TLSClientConfig:       &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12},
		ForceAttemptHTTP2:     true,
		DisableCompression:    true,
		MaxIdleConns:          512,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		// A long answer may take minutes before its first byte when not streamed.
		ResponseHeaderTimeout: 10 * time.Minute,
	}, nil
}

// upstreamError strips the URL from a transport error: a URL may carry an
// API key in its query (Gemini's ?key=), and errors reach logs.
func upstreamError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("proxy: upstream %s: %w", ue.Op, ue.Err)
	}
	return fmt.Errorf("proxy: upstream: %w", err)
}
