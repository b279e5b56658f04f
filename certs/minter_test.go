package certs

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func newTestCA(t testing.TB) *CA {
	t.Helper()
	ca, err := NewCA()
	if err != nil {
		t.Fatal(err)
	}
	return ca
}

func verifyLeaf(t *testing.T, ca *CA, leaf *x509.Certificate, host string) {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AddCert(ca.Certificate())
	if _, err := leaf.Verify(x509.VerifyOptions{DNSName: host, Roots: pool}); err != nil {
		t.Fatalf("leaf for %q does not verify against the CA: %v", host, err)
	}
}

// fakeClock is a settable clock for renewal tests.
type fakeClock struct{ t atomic.Pointer[time.Time] }

func (c *fakeClock) Now() time.Time      { return *c.t.Load() }
func (c *fakeClock) Set(t time.Time)     { c.t.Store(&t) }
func (c *fakeClock) Add(d time.Duration) { c.Set(c.Now().Add(d)) }

func TestMinterLeaf(t *testing.T) {
	ca := newTestCA(t)
	m := NewMinter(ca)
	tests := []struct {
		in, host string
		ip       bool
	}{
		{"api.openai.com", "api.openai.com", false},
		{"API.OpenAI.com:443", "api.openai.com", false},
		{"api.anthropic.com.", "api.anthropic.com", false},
		{"127.0.0.1:8443", "127.0.0.1", true},
		{"[::1]:443", "::1", true},
		{"::1", "::1", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := m.Certificate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			leaf := c.Leaf
			if tt.ip {
				if len(leaf.IPAddresses) != 1 || !leaf.IPAddresses[0].Equal(net.ParseIP(tt.host)) || len(leaf.DNSNames) != 0 {
					t.Fatalf("IP SANs %v DNS SANs %v, want IP %s only", leaf.IPAddresses, leaf.DNSNames, tt.host)
				}
			} else if len(leaf.DNSNames) != 1 || leaf.DNSNames[0] != tt.host || len(leaf.IPAddresses) != 0 {
				t.Fatalf("DNS SANs %v IP SANs %v, want %s only", leaf.DNSNames, leaf.IPAddresses, tt.host)
			}
			verifyLeaf(t, ca, leaf, tt.host)
			if _, ok := c.PrivateKey.(*ecdsa.PrivateKey); !ok || leaf.PublicKeyAlgorithm != x509.ECDSA {
				t.Fatalf("leaf key %T, want ECDSA P-256", c.PrivateKey)
			}
			if k := c.PrivateKey.(*ecdsa.PrivateKey); k.Curve != elliptic.P256() {
				t.Fatalf("curve %v", k.Curve.Params().Name)
			}
			if len(c.Certificate) != 2 || string(c.Certificate[1]) != string(ca.Certificate().Raw) {
				t.Fatal("chain must be leaf + CA")
			}
			if leaf.IsCA {
				t.Fatal("leaf is a CA")
			}
		})
	}
}

func TestMinterValidity(t *testing.T) {
	clock := &fakeClock{}
	now := time.Now()
	clock.Set(now)
	m := NewMinter(newTestCA(t), WithClock(clock.Now))
	c, err := m.Certificate("api.openai.com")
	if err != nil {
		t.Fatal(err)
	}
	nb, na := c.Leaf.NotBefore, c.Leaf.NotAfter
	if d := now.Sub(nb); d < 59*time.Minute || d > 61*time.Minute {
		t.Errorf("NotBefore %v before now, want 1h backdate", d)
	}
	if d := na.Sub(now); d < DefaultLeafValidity-time.Minute || d > DefaultLeafValidity+time.Minute {
		t.Errorf("NotAfter %v after now, want 7 days", d)
	}
}

func TestMinterLeafNeverOutlivesCA(t *testing.T) {
	ca := newTestCA(t)
	clock := &fakeClock{}
	clock.Set(ca.Certificate().NotAfter.Add(-48 * time.Hour))
	c, err := NewMinter(ca, WithClock(clock.Now)).Certificate("x.example")
	if err != nil {
		t.Fatal(err)
	}
	if c.Leaf.NotAfter.After(ca.Certificate().NotAfter) {
		t.Fatalf("leaf NotAfter %v beyond CA NotAfter %v", c.Leaf.NotAfter, ca.Certificate().NotAfter)
	}
}

func TestMinterCacheHit(t *testing.T) {
	m := NewMinter(newTestCA(t))
	a, err := m.Certificate("api.openai.com")
	if err != nil {
		t.Fatal(err)
	}
	b, err := m.Certificate("API.OPENAI.COM:443")
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Fatal("second request for the same host minted a new leaf")
	}
	if s := m.Stats(); s.Mints != 1 || s.Hits != 1 || s.Cached != 1 {
		t.Fatalf("stats %+v, want 1 mint 1 hit 1 cached", s)
	}
}

func TestMinterSingleflight(t *testing.T) {
	m := NewMinter(newTestCA(t))
	const n = 64
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		got   [n]*tls.Certificate
		errs  [n]error
	)
	for i := range n {
		wg.Go(func() {
			<-start
			got[i], errs[i] = m.Certificate("api.anthropic.com")
		})
	}
	close(start)
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if got[i] != got[0] {
			t.Fatalf("request %d got a different leaf", i)
		}
	}
	if mints := m.Stats().Mints; mints != 1 {
		t.Fatalf("%d concurrent first requests minted %d leaves, want 1", n, mints)
	}
}

func TestMinterRenewal(t *testing.T) {
	clock := &fakeClock{}
	clock.Set(time.Now())
	m := NewMinter(newTestCA(t), WithClock(clock.Now), WithLeafValidity(48*time.Hour), WithRenewBefore(12*time.Hour))
	first, err := m.Certificate("api.openai.com")
	if err != nil {
		t.Fatal(err)
	}
	clock.Add(35 * time.Hour) // 13h left: still outside the renewal window
	if c, _ := m.Certificate("api.openai.com"); c != first {
		t.Fatal("renewed too early")
	}
	clock.Add(2 * time.Hour) // 11h left: inside it
	renewed, err := m.Certificate("api.openai.com")
	if err != nil {
		t.Fatal(err)
	}
	if renewed == first {
		t.Fatal("leaf within renew-before was not renewed")
	}
	if !renewed.Leaf.NotAfter.After(first.Leaf.NotAfter) {
		t.Fatal("renewed leaf does not extend NotAfter")
	}
	if c, _ := m.Certificate("api.openai.com"); c != renewed {
		t.Fatal("renewed leaf was not cached")
	}
}

func TestMinterLRUBound(t *testing.T) {
	m := NewMinter(newTestCA(t), WithCacheSize(3))
	hosts := []string{"a.example", "b.example", "c.example"}
	first := map[string]*tls.Certificate{}
	for _, h := range hosts {
		c, err := m.Certificate(h)
		if err != nil {
			t.Fatal(err)
		}
		first[h] = c
	}
	if _, err := m.Certificate("a.example"); err != nil { // a becomes most recent; b is now oldest
		t.Fatal(err)
	}
	if _, err := m.Certificate("d.example"); err != nil {
		t.Fatal(err)
	}
	if s := m.Stats(); s.Cached != 3 {
		t.Fatalf("cache holds %d, want 3", s.Cached)
	}
	if c, _ := m.Certificate("a.example"); c != first["a.example"] {
		t.Fatal("recently used host was evicted")
	}
	if c, _ := m.Certificate("b.example"); c == first["b.example"] {
		t.Fatal("least recently used host was not evicted")
	}
}

func TestMinterSetCAFlushes(t *testing.T) {
	oldCA, newCA := newTestCA(t), newTestCA(t)
	m := NewMinter(oldCA)
	before, err := m.Certificate("api.openai.com")
	if err != nil {
		t.Fatal(err)
	}
	m.SetCA(newCA)
	if m.Stats().Cached != 0 {
		t.Fatal("SetCA kept cached leaves")
	}
	after, err := m.Certificate("api.openai.com")
	if err != nil {
		t.Fatal(err)
	}
	if after == before {
		t.Fatal("leaf from the old CA served after SetCA")
	}
	verifyLeaf(t, newCA, after.Leaf, "api.openai.com")
}

func TestNormalizeHostRejects(t *testing.T) {
	for _, h := range []string{"", ":443", "..", "a..b", "*.example", "a b.example", "a/b", "ex\x00ample", "fe80::1%eth0", string(make([]byte, 300))} {
		if got, err := NormalizeHost(h); err == nil {
			t.Errorf("NormalizeHost(%q) = %q, want error", h, got)
		}
	}
}

func TestTLSConfigHandshake(t *testing.T) {
	ca := newTestCA(t)
	m := NewMinter(ca)
	pool := x509.NewCertPool()
	pool.AddCert(ca.Certificate())
	tests := []struct {
		name       string
		cfg        *tls.Config
		sni        string
		verifyName string
		wantErr    bool
	}{
		{"sni", m.TLSConfig(), "api.openai.com", "api.openai.com", false},
		{"no sni, no host", m.TLSConfig(), "", "api.openai.com", true},
		{"no sni, host fallback", m.TLSConfigFor("api.mistral.ai:443"), "", "api.mistral.ai", false},
		{"sni wins over host", m.TLSConfigFor("api.mistral.ai"), "api.openai.com", "api.openai.com", false},
		{"ip host", m.TLSConfigFor("127.0.0.1:443"), "", "127.0.0.1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cfg.NextProtos; len(got) != 1 || got[0] != "http/1.1" {
				t.Fatalf("NextProtos %v", got)
			}
			cConn, sConn := net.Pipe()
			defer cConn.Close()
			defer sConn.Close()
			srv := tls.Server(sConn, tt.cfg)
			go func() {
				if srv.Handshake() == nil {
					_, _ = io.Copy(io.Discard, srv)
				}
				_ = srv.Close()
			}()
			// ServerName "" suppresses SNI; verification then checks verifyName ourselves.
			cli := tls.Client(cConn, &tls.Config{
				ServerName:         tt.sni,
				InsecureSkipVerify: true,
				VerifyConnection: func(cs tls.ConnectionState) error {
					_, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{DNSName: tt.verifyName, Roots: pool})
					return err
				},
			})
			err := cli.Handshake()
			if (err != nil) != tt.wantErr {
				t.Fatalf("handshake err = %v, wantErr %t", err, tt.wantErr)
			}
			if err == nil && cli.ConnectionState().NegotiatedProtocol != "" && cli.ConnectionState().NegotiatedProtocol != "http/1.1" {
				t.Fatalf("ALPN %q", cli.ConnectionState().NegotiatedProtocol)
			}
		})
	}
}

func FuzzNormalizeHost(f *testing.F) {
	for _, s := range []string{"api.openai.com", "API.OpenAI.com:443", "[::1]:443", "127.0.0.1", "", "a..b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		h, err := NormalizeHost(in)
		if err != nil {
			return
		}
		again, err := NormalizeHost(h)
		if err != nil || again != h {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", in, h, again, err)
		}
	})
}

func BenchmarkMint(b *testing.B) {
	m := NewMinter(newTestCA(b))
	ca := m.CA()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := m.mint(ca, fmt.Sprintf("h%d.example", i)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkCacheHit(b *testing.B) {
	m := NewMinter(newTestCA(b))
	if _, err := m.Certificate("api.openai.com"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := m.Certificate("api.openai.com"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
