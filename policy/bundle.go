package policy

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/download"
	"github.com/open-policy-agent/opa/v1/logging"
	"github.com/open-policy-agent/opa/v1/plugins"
	"github.com/open-policy-agent/opa/v1/plugins/rest"
)

// DefaultBundleTimeout bounds one bundle download.
const DefaultBundleTimeout = 30 * time.Second

// MaxBundleBytes bounds a downloaded bundle (and each file in it).
const MaxBundleBytes = 64 << 20

// DefaultKeyID names the verification key when BundleSource.KeyID is empty.
const DefaultKeyID = "promptwall"

// BundleSource is a remote OPA bundle (policy.bundle_url): a tar.gz as
// `opa build` writes it, served by any HTTP server (nginx, S3, an OPA bundle
// service). It is polled with If-None-Match, so an unchanged bundle costs a
// 304.
type BundleSource struct {
	// URL of the bundle, http or https.
	URL string
	// PublicKey, when set, is the PEM public key (or certificate) bundles
	// must be signed with (`opa build --signing-key`): an unsigned bundle or
	// a bad signature is refused. When empty, bundles are not verified and a
	// signed one is refused for want of a key.
	PublicKey []byte
	// KeyID is the key's name in the signature ("kid"); every signature is
	// checked against PublicKey whatever its kid says. Default DefaultKeyID.
	KeyID string
	// Algorithm of the signature: RS256 (RSA keys) or ES256/ES384/ES512 (by
	// the curve) when empty; PS256… must be named.
	Algorithm string
	// Scope, when set, must equal the signature's scope claim.
	Scope string
	// CACertFile is a PEM file of the roots that sign the bundle server's
	// certificate (default: the system roots).
	CACertFile string
	// BearerTokenFile holds a token sent as "Authorization: Bearer …"; it is
	// read on every request, so it can be rotated.
	BearerTokenFile string
	// Timeout bounds one download (default DefaultBundleTimeout).
	Timeout time.Duration
}

// WithBundle loads the policy from a bundle server instead of a directory.
// New then tries one download; if it fails the Engine is not Ready (Decide
// and Connect return ErrNotReady) until Watch gets a good bundle.
func WithBundle(src BundleSource) Option {
	return func(o *options) { o.bundle = &src }
}

// ErrNotReady is returned while no policy has been loaded: the bundle server
// was not reached (or served no valid bundle) since the proxy started.
var ErrNotReady = errors.New("policy: not ready: no policy bundle has been loaded yet")

// remote downloads bundles with OPA's downloader in manual trigger mode, so
// that the poll period is ours (and tests can be fast). The downloader is not
// safe for concurrent use: sem serialises downloads and is released by the
// callback, the downloader's last act on its state.
type remote struct {
	src     BundleSource
	display string // URL without credentials or query, for errors
	dl      *download.Downloader
	sem     chan struct{}
	result  chan fetchResult // this download's, set under sem
	// refused is why the bundle last downloaded was not applied; the server
	// answers 304 for it from then on. Guarded by Engine.reloadMu.
	refused error
}

type fetchResult struct {
	b           *bundle.Bundle
	notModified bool
	err         error
}

func newRemote(src BundleSource) (*remote, error) {
	u, err := url.Parse(src.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("policy: bundle URL %q is not an http(s) URL", redactURL(src.URL))
	}
	display := redactURL(src.URL)
	if src.Timeout <= 0 {
		src.Timeout = DefaultBundleTimeout
	}
	// The REST client joins its base URL and the path with a "/": split at
	// the last one so that the request URL is exactly src.URL.
	ep := u.EscapedPath()
	i := strings.LastIndexByte(ep, '/')
	if i < 0 {
		ep, i = "/"+ep, 0
	}
	origin := *u
	origin.Path, origin.RawPath, origin.RawQuery, origin.Fragment = "", "", "", ""
	base, file := origin.String()+ep[:i], ep[i+1:]
	if u.RawQuery != "" {
		file += "?" + u.RawQuery
	}
	svc := map[string]any{
		"name": "promptwall",
		"url":  base,
		// Headers may take as long as a whole download.
		"response_header_timeout_seconds": int64(max(1, src.Timeout/time.Second)),
	}
	if src.CACertFile != "" {
		svc["tls"] = map[string]any{"ca_cert": src.CACertFile}
	}
	if src.BearerTokenFile != "" {
		svc["credentials"] = map[string]any{"bearer": map[string]any{"token_path": src.BearerTokenFile}}
	}
	raw, err := json.Marshal(svc)
	if err != nil {
		return nil, fmt.Errorf("policy: bundle client: %w", err)
	}
	client, err := rest.New(raw, nil, rest.Logger(logging.NewNoOpLogger()))
	if err != nil {
		return nil, fmt.Errorf("policy: bundle client for %s: %w", display, err)
	}
	trigger := plugins.TriggerManual
	cfg := download.Config{Trigger: &trigger}
	if err := cfg.ValidateAndInjectDefaults(); err != nil {
		return nil, fmt.Errorf("policy: bundle downloader: %w", err)
	}
	vc, err := verification(src)
	if err != nil {
		return nil, err
	}
	r := &remote{src: src, display: display, sem: make(chan struct{}, 1)}
	r.dl = download.New(cfg, client, file).
		WithCallback(r.onUpdate).
		WithBundleVerificationConfig(vc).
		WithSizeLimitBytes(MaxBundleBytes).
		WithBundleParserOpts(ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true})
	return r, nil
}

// verification builds OPA's verification config for the one configured key.
func verification(src BundleSource) (*bundle.VerificationConfig, error) {
	if len(src.PublicKey) == 0 {
		return nil, nil
	}
	alg := src.Algorithm
	if alg == "" {
		var err error
		if alg, err = keyAlgorithm(src.PublicKey); err != nil {
			return nil, err
		}
	}
	id := src.KeyID
	if id == "" {
		id = DefaultKeyID
	}
	kc := &bundle.KeyConfig{Key: string(src.PublicKey), Algorithm: alg, Scope: src.Scope}
	// KeyID set: every signature is checked against this key, whatever kid
	// the signer wrote.
	return bundle.NewVerificationConfig(map[string]*bundle.KeyConfig{id: kc}, id, src.Scope, nil), nil
}

// keyAlgorithm infers the signature algorithm from a PEM public key.
func keyAlgorithm(pemKey []byte) (string, error) {
	block, _ := pem.Decode(pemKey)
	if block == nil {
		return "", errors.New("policy: bundle verification key is not PEM")
	}
	var pub any
	var err error
	switch block.Type {
	case "CERTIFICATE":
		var cert *x509.Certificate
		if cert, err = x509.ParseCertificate(block.Bytes); err == nil {
			pub = cert.PublicKey
		}
	case "RSA PUBLIC KEY":
		pub, err = x509.ParsePKCS1PublicKey(block.Bytes)
	case "PUBLIC KEY":
		pub, err = x509.ParsePKIXPublicKey(block.Bytes)
	default:
		return "", fmt.Errorf("policy: bundle verification key: want a PUBLIC KEY or CERTIFICATE PEM block, got %q", block.Type)
	}
	if err != nil {
		return "", fmt.Errorf("policy: bundle verification key: %w", err)
	}
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return "RS256", nil
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return "ES256", nil
		case elliptic.P384():
			return "ES384", nil
		case elliptic.P521():
			return "ES512", nil
		}
	}
	return "", fmt.Errorf("policy: bundle verification key: unsupported key type %T: set the algorithm", pub)
}

// fetch downloads the bundle once: a new bundle, not modified, or an error.
func (r *remote) fetch(ctx context.Context) fetchResult {
	select {
	case r.sem <- struct{}{}:
	case <-ctx.Done():
		return fetchResult{err: fmt.Errorf("policy: bundle %s: %w", r.display, ctx.Err())}
	}
	ch := make(chan fetchResult, 1)
	r.result = ch
	ctx, cancel := context.WithTimeout(ctx, r.src.Timeout)
	defer cancel()
	err := r.dl.Trigger(ctx)
	select {
	case res := <-ch:
		return res
	default: // Trigger gave up on ctx; the callback will still release sem
		return fetchResult{err: fmt.Errorf("policy: bundle %s: %w", r.display, err)}
	}
}

// onUpdate is the downloader's callback, called exactly once per download.
func (r *remote) onUpdate(_ context.Context, u download.Update) error {
	var res fetchResult
	switch {
	case u.Error != nil:
		res.err = fmt.Errorf("policy: bundle %s: %w", r.display, u.Error)
	case u.Bundle == nil:
		res.notModified = true
	default:
		res.b = u.Bundle
	}
	r.result <- res
	<-r.sem
	return nil
}

// redactURL keeps scheme, host and path: user info and query strings may
// carry credentials, which never go into errors or logs.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}
