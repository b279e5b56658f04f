package proxy

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/elazarl/goproxy"
	"go.uber.org/zap"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/certs"
	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/detect"
	"github.com/promptwall/promptwall/llmapi"
	"github.com/promptwall/promptwall/policy"
)

// Server is a configured promptwall: the forward proxy and its admin listener.
type Server struct {
	cfg     *config.Config
	log     *zap.Logger
	ca      *certs.CA
	minter  *certs.Minter
	catalog *llmapi.Catalog
	scanner atomic.Pointer[detect.Scanner] // rebuilt when the policy's custom detectors change
	policy  *policy.Engine
	audit   *audit.Writer
	fp      *audit.Fingerprinter
	tr      *http.Transport
	dial    *dialer
	gp      *goproxy.ProxyHttpServer // plain-HTTP proxy requests
	// mitm serves decrypted connections handed to it through mitmL (mitm.go).
	mitm    *http.Server
	mitmL   *connListener
	allow   []netip.Prefix
	metrics *metrics
	// internal is the company's own model rerouted prompts go to (internal.*); nil when unset.
	internal *internalModel
	auth     *authenticator
	// inflight counts inspected requests whose answer is still being relayed.
	inflight sync.WaitGroup

	life context.Context // ends when the server closes: background work (policy watch)
	stop context.CancelFunc

	mu          sync.Mutex
	transparent net.Listener
	listeners   []net.Listener
	servers     []*http.Server
}

// New builds a Server from cfg: it loads or creates the CA, compiles the
// policy and the detectors, and opens the audit file. log may be nil.
func New(ctx context.Context, cfg *config.Config, log *zap.Logger) (*Server, error) {
	if log == nil {
		log = zap.NewNop()
	}
	s := &Server{cfg: cfg, log: log, metrics: newMetrics()}
	s.life, s.stop = context.WithCancel(context.Background())
	var err error
	var created bool
	if s.ca, created, err = certs.LoadOrCreate(cfg.DataDir, cfg.CA.CertFile, cfg.CA.KeyFile); err != nil {
		return nil, err
	}
	if created {
		log.Info("created a new CA: staff machines must trust it", zap.String("data_dir", cfg.DataDir))
	}
	s.minter = certs.NewMinter(s.ca)
	if s.catalog, err = llmapi.NewCatalog(cfg.Vendors); err != nil {
		return nil, fmt.Errorf("proxy: vendors: %w", err)
	}
	if s.policy, err = newPolicy(ctx, cfg); err != nil {
		return nil, err
	}
	if err := s.buildScanner(); err != nil {
		return nil, err
	}
	key, err := audit.LoadKey(cfg.AuditKeyEnv(), cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if s.fp, err = audit.NewFingerprinter(key); err != nil {
		return nil, err
	}
	if s.audit, err = audit.Open(cfg.AuditFile(),
		audit.WithMaxSize(cfg.Audit.MaxSizeMB),
		audit.WithRotateAfter(time.Duration(cfg.Audit.RotateHours)*time.Hour),
		audit.WithMaxAge(cfg.Audit.MaxAgeDays),
		audit.WithCompress(cfg.Audit.Compress)); err != nil {
		return nil, err
	}
	s.dial = &dialer{resolve: cfg.Upstream.Resolve, net: net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}}
	if s.tr, err = newTransport(s.dial, cfg.Upstream.CAFiles); err != nil {
		s.audit.Close()
		return nil, err
	}
	if s.allow, err = allowList(cfg); err != nil {
		s.audit.Close()
		return nil, err
	}
	if s.auth, err = newAuthenticator(cfg.Auth); err != nil {
		s.audit.Close()
		return nil, err
	}
	if s.internal, err = newInternalModel(cfg, s.dial, log); err != nil {
		s.audit.Close()
		return nil, err
	}
	if s.internal != nil {
		s.metrics.reg.MustRegister(s.internalHealthCollectors()...)
	}
	s.metrics.setRevision(s.policy.Revision())
	s.gp = s.newGoproxy()
	s.mitmL = newConnListener()
	s.mitm = s.newMITMServer()
	return s, nil
}

// newGoproxy wires goproxy for plain-HTTP proxy requests (CONNECTs are
// promptwall's own, connect.go): our RoundTripper for every request, so that
// inspection, enforcement and errors happen in one place.
func (s *Server) newGoproxy() *goproxy.ProxyHttpServer {
	gp := goproxy.NewProxyHttpServer()
	gp.Logger = zapPrintf{s.log.Named("goproxy")}
	gp.Verbose = false
	// NewProxyHttpServer reads HTTPS_PROXY into both; we never chain.
	gp.Tr = s.tr
	gp.ConnectDial = nil
	gp.ConnectDialWithReq = func(_ *http.Request, network, addr string) (net.Conn, error) {
		return s.dial.DialContext(context.Background(), network, addr)
	}
	gp.KeepAcceptEncoding = true // bodies go through byte for byte
	gp.KeepDestinationHeaders = true
	gp.NonproxyHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "promptwall is a forward proxy: set it as HTTPS_PROXY; its admin endpoints are on "+s.cfg.AdminListen, http.StatusBadRequest)
	})
	gp.OnRequest().DoFunc(func(req *http.Request, ctx *goproxy.ProxyCtx) (*http.Request, *http.Response) {
		ctx.RoundTripper = s
		return req, nil
	})
	return gp
}

// Handler is the forward proxy's handler, behind the client allow-list and
// authentication; the identity travels in the request's context.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.allowed(r.RemoteAddr) {
			http.Error(w, "promptwall: this client may not use the proxy (allow_cidrs)", http.StatusForbidden)
			return
		}
		id, err := s.auth.identify(r)
		switch {
		case errors.Is(err, errAuth):
			w.Header().Set("Proxy-Authenticate", `Basic realm="promptwall"`)
			http.Error(w, "promptwall: proxy authentication required", http.StatusProxyAuthRequired)
			return
		case err != nil:
			http.Error(w, "promptwall: "+strings.TrimPrefix(err.Error(), "proxy: "), http.StatusForbidden)
			return
		}
		r = r.WithContext(withIdentity(r.Context(), id))
		if r.Method == http.MethodConnect {
			s.handleConnect(w, r)
			return
		}
		s.gp.ServeHTTP(w, r)
	})
}

// Start listens on listen and admin_listen and serves until Close. It
// returns once both listeners are bound.
func (s *Server) Start() error {
	pl, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("proxy: listen: %w", err)
	}
	al, err := net.Listen("tcp", s.cfg.AdminListen)
	if err != nil {
		pl.Close()
		return fmt.Errorf("proxy: admin_listen: %w", err)
	}
	s.serve(pl, s.Handler())
	s.serve(al, s.AdminHandler())
	go func() {
		if err := s.mitm.Serve(s.mitmL); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("serving decrypted connections", zap.Error(err))
		}
	}()
	if s.cfg.TransparentListen != "" {
		tl, err := net.Listen("tcp", s.cfg.TransparentListen)
		if err != nil {
			s.Close(context.Background())
			return fmt.Errorf("proxy: transparent_listen: %w", err)
		}
		s.mu.Lock()
		s.transparent = tl
		s.mu.Unlock()
		go s.serveTransparent(tl)
		s.log.Info("transparent interception listening", zap.String("addr", tl.Addr().String()))
	}
	if s.internal != nil {
		s.internal.start() // health polling; stopped in Close
	}
	go s.policy.Watch(s.life, time.Duration(s.cfg.Policy.PollSeconds)*time.Second, s.policyChanged)
	s.log.Info("promptwall listening", zap.String("proxy", pl.Addr().String()), zap.String("admin", al.Addr().String()),
		zap.String("policy_revision", s.policy.Revision()))
	return nil
}

func (s *Server) serve(l net.Listener, h http.Handler) {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: clientHeaderTimeout,
		IdleTimeout:       s.idleTimeout(),
		ErrorLog:          zap.NewStdLog(s.log.Named("http")),
	}
	s.mu.Lock()
	s.listeners = append(s.listeners, l)
	s.servers = append(s.servers, srv)
	s.mu.Unlock()
	go func() {
		if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("serving", zap.String("addr", l.Addr().String()), zap.Error(err))
		}
	}()
}

// Addrs returns the bound proxy and admin addresses (useful with port 0).
func (s *Server) Addrs() (proxyAddr, adminAddr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.listeners) < 2 {
		return "", ""
	}
	return s.listeners[0].Addr().String(), s.listeners[1].Addr().String()
}

// Close stops accepting connections, closes idle decrypted connections,
// lets in-flight answers (streams and WebSockets included) finish until the
// context's deadline, cuts what is left, and closes the audit file.
func (s *Server) Close(ctx context.Context) error {
	s.stop()
	s.mu.Lock()
	servers := s.servers
	if s.transparent != nil {
		s.transparent.Close()
	}
	s.mu.Unlock()
	var errs []error
	for _, srv := range servers {
		if err := srv.Shutdown(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	drained := make(chan struct{})
	s.mitmL.Close() // also when Start never served it
	go func() {
		_ = s.mitm.Shutdown(ctx) // its error is ctx's, reported below
		s.inflight.Wait()
		close(drained)
	}()
	select {
	case <-drained:
	case <-ctx.Done():
		s.log.Warn("shutdown: in-flight answers cut at the drain deadline")
		errs = append(errs, fmt.Errorf("proxy: draining: %w", ctx.Err()))
		_ = s.mitm.Close()
	}
	s.internal.close()
	s.tr.CloseIdleConnections()
	errs = append(errs, s.audit.Close())
	return errors.Join(errs...)
}

// TransparentAddr is the bound transparent_listen address, or "".
func (s *Server) TransparentAddr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.transparent == nil {
		return ""
	}
	return s.transparent.Addr().String()
}

// CA is the certificate authority staff machines must trust.
func (s *Server) CA() *certs.CA { return s.ca }

// allowList turns allow_cidrs into prefixes. Empty: loopback only when the
// proxy listens on loopback, else loopback and the private ranges — never an
// open relay on a public address by default.
func allowList(cfg *config.Config) ([]netip.Prefix, error) {
	list := cfg.AllowCIDRs
	if len(list) == 0 {
		list = []string{"127.0.0.0/8", "::1/128"}
		host, _, _ := net.SplitHostPort(cfg.Listen)
		if ip, err := netip.ParseAddr(host); err != nil || !ip.IsLoopback() {
			if host != "localhost" {
				list = append(list, "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fe80::/10")
			}
		}
	}
	out := make([]netip.Prefix, 0, len(list))
	for _, c := range list {
		p, err := parsePrefix(c)
		if err != nil {
			return nil, fmt.Errorf("proxy: allow_cidrs: %w", err)
		}
		out = append(out, p)
	}
	return out, nil
}

func (s *Server) allowed(remote string) bool {
	ap, err := netip.ParseAddrPort(remote)
	return err == nil && containsAddr(s.allow, ap.Addr())
}

// failOpen reports whether vendor traffic goes on when the policy cannot decide.
func (s *Server) failOpen() bool { return s.cfg.Policy.FailMode == config.FailOpen }

// newID returns a request id the user can quote to the security team.
func newID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "pw-" + hex.EncodeToString(b[:])
}

// zapPrintf adapts goproxy's Printf logger to zap at debug level: goproxy's
// messages are connection chatter, and our own errors are logged by us.
type zapPrintf struct{ l *zap.Logger }

func (z zapPrintf) Printf(format string, v ...any) { z.l.Debug(fmt.Sprintf(format, v...)) }
