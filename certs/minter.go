package certs

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"
)

// Minter defaults.
const (
	DefaultCacheSize    = 1024
	DefaultLeafValidity = 7 * 24 * time.Hour
	DefaultRenewBefore  = 24 * time.Hour
	// leafBackdate tolerates clients whose clocks run slightly behind.
	leafBackdate = time.Hour
)

// Minter mints leaf certificates for intercepted hosts, signed by a CA, and
// keeps them in a bounded LRU cache. It is safe for concurrent use.
type Minter struct {
	cacheSize   int
	validity    time.Duration
	renewBefore time.Duration
	now         func() time.Time
	mu          sync.RWMutex
	ca          *CA
	generation  uint64 // bumped by SetCA so in-flight mints of the old CA are not cached
	cache       *lru.Cache[string, *leaf]
	group       singleflight.Group
	hits, mints atomic.Uint64
}

type leaf struct {
	cert       *tls.Certificate
	renewAfter time.Time
}

// MinterOption configures a Minter.
type MinterOption func(*Minter)

// WithCacheSize bounds the number of hosts whose leaves are cached (default 1024).
func WithCacheSize(n int) MinterOption { return func(m *Minter) { m.cacheSize = n } }

// WithLeafValidity sets the lifetime of a leaf (default 7 days; backdated by an hour).
func WithLeafValidity(d time.Duration) MinterOption { return func(m *Minter) { m.validity = d } }

// WithRenewBefore sets how long before NotAfter a cached leaf is replaced (default 24h).
func WithRenewBefore(d time.Duration) MinterOption { return func(m *Minter) { m.renewBefore = d } }

// WithClock replaces time.Now, for tests.
func WithClock(now func() time.Time) MinterOption { return func(m *Minter) { m.now = now } }

// MinterStats counts cache use, e.g. for metrics.
type MinterStats struct {
	Hits   uint64 // leaves served from the cache
	Mints  uint64 // leaves signed
	Cached int    // hosts currently cached
}

// NewMinter returns a Minter signing with ca.
func NewMinter(ca *CA, opts ...MinterOption) *Minter {
	m := &Minter{
		ca:          ca,
		cacheSize:   DefaultCacheSize,
		validity:    DefaultLeafValidity,
		renewBefore: DefaultRenewBefore,
		now:         time.Now,
	}
	for _, o := range opts {
		o(m)
	}
	if m.cacheSize <= 0 {
		m.cacheSize = DefaultCacheSize
	}
	if m.validity <= 0 {
		m.validity = DefaultLeafValidity
	}
	if m.renewBefore < 0 || m.renewBefore >= m.validity {
		// Renewing at or before issue would mint on every call.
		m.renewBefore = m.validity / 7
	}
	cache, err := lru.New[string, *leaf](m.cacheSize)
	if err != nil {
		panic(fmt.Sprintf("certs: cache size %d: %v", m.cacheSize, err)) // unreachable: size > 0
	}
	m.cache = cache
	return m
}

// SetCA replaces the signing CA and drops every cached leaf.
func (m *Minter) SetCA(ca *CA) {
	m.mu.Lock()
	m.ca = ca
	m.generation++
	m.cache.Purge()
	m.mu.Unlock()
}

// CA returns the CA currently signing leaves.
func (m *Minter) CA() *CA {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.ca
}

// Stats returns cache counters.
func (m *Minter) Stats() MinterStats {
	return MinterStats{Hits: m.hits.Load(), Mints: m.mints.Load(), Cached: m.cache.Len()}
}

// Certificate returns a leaf for host (a name or IP literal, optionally with
// a port), from the cache when it is not due for renewal. Concurrent first
// requests for one host sign a single leaf.
func (m *Minter) Certificate(host string) (*tls.Certificate, error) {
	h, err := NormalizeHost(host)
	if err != nil {
		return nil, err
	}
	if l, ok := m.cache.Get(h); ok && m.now().Before(l.renewAfter) {
		m.hits.Add(1)
		return l.cert, nil
	}
	m.mu.RLock()
	ca, gen := m.ca, m.generation
	m.mu.RUnlock()
	v, err, _ := m.group.Do(strconv.FormatUint(gen, 10)+"/"+h, func() (any, error) {
		// Another flight may have filled the cache while this one queued.
		if l, ok := m.cache.Get(h); ok && m.now().Before(l.renewAfter) {
			return l, nil
		}
		l, err := m.mint(ca, h)
		if err != nil {
			return nil, err
		}
		m.mu.RLock()
		if m.generation == gen {
			m.cache.Add(h, l)
		}
		m.mu.RUnlock()
		return l, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*leaf).cert, nil
}

func (m *Minter) mint(ca *CA, host string) (*leaf, error) {
	if ca == nil {
		return nil, errors.New("certs: no CA to mint leaves")
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("certs: minting leaf for %q: %w", host, err)
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	now := m.now()
	notBefore, notAfter := now.Add(-leafBackdate), now.Add(m.validity)
	// A leaf outliving its CA would fail verification anyway; clamp it.
	if caCert := ca.cert; notAfter.After(caCert.NotAfter) {
		notAfter = caCert.NotAfter
	}
	if notBefore.Before(ca.cert.NotBefore) {
		notBefore = ca.cert.NotBefore
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	if ip := net.ParseIP(host); ip != nil {
		tmpl.IPAddresses = []net.IP{ip}
	} else {
		tmpl.DNSNames = []string{host}
	}
	if len(host) <= 64 { // the CN attribute's upper bound; SANs are what clients check
		tmpl.Subject = pkix.Name{CommonName: host}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, key.Public(), ca.key)
	if err != nil {
		return nil, fmt.Errorf("certs: minting leaf for %q: %w", host, err)
	}
	parsed, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("certs: minting leaf for %q: %w", host, err)
	}
	m.mints.Add(1)
	renewAfter := notAfter.Add(-m.renewBefore)
	return &leaf{
		cert: &tls.Certificate{
			Certificate: [][]byte{der, ca.cert.Raw},
			PrivateKey:  key,
			Leaf:        parsed,
		},
		renewAfter: renewAfter,
	}, nil
}

// TLSConfig returns a server config that picks the leaf by SNI. A client
// sending no SNI fails the handshake; use TLSConfigFor when the host is known.
func (m *Minter) TLSConfig() *tls.Config { return m.TLSConfigFor("") }

// TLSConfigFor returns a server config that picks the leaf by SNI, falling
// back to host (e.g. the CONNECT target) when the client sends none.
func (m *Minter) TLSConfigFor(host string) *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS12,
		NextProtos: []string{"http/1.1"},
		GetCertificate: func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
			name := hello.ServerName
			if name == "" {
				name = host
			}
			if name == "" {
				return nil, errors.New("certs: client sent no SNI and no host is known")
			}
			return m.Certificate(name)
		},
	}
}

// NormalizeHost lowercases host, strips a port, IPv6 brackets and a trailing
// dot, and rejects what cannot name a certificate subject.
func NormalizeHost(host string) (string, error) {
	h := strings.TrimSpace(host)
	if hh, _, err := net.SplitHostPort(h); err == nil {
		h = hh
	}
	h = strings.TrimPrefix(strings.TrimSuffix(h, "]"), "[")
	if ip := net.ParseIP(h); ip != nil {
		return ip.String(), nil
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if h == "" || len(h) > 253 {
		return "", fmt.Errorf("certs: invalid host name (length %d)", len(h))
	}
	for i, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 {
			return "", fmt.Errorf("certs: invalid host name: label %d has length %d", i, len(label))
		}
		for j := 0; j < len(label); j++ {
			c := label[j]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return "", fmt.Errorf("certs: invalid host name: byte %#x in label %d", c, i)
			}
		}
	}
	return h, nil
}
