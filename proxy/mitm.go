package proxy

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/elazarl/goproxy"
	"go.uber.org/zap"

	"github.com/promptwall/promptwall/llmapi"
)

// Decrypted connections (CONNECTs the policy marks "mitm", and transparent
// connections to such hosts) are served by promptwall's own net/http server
// rather than goproxy's MITM loop, which handshakes, reads requests and
// writes answers with no deadlines and never notices a client hanging up.
// net/http gives, for HTTP/1.1 and h2 alike: the TLS handshake and each
// request header bounded by ReadHeaderTimeout, idle keep-alive connections
// closed, a request context cancelled when the client goes away (which
// cancels the upstream request), graceful shutdown, and an answer written as
// one TLS record per streamed chunk.

// clientHeaderTimeout bounds what a client controls before a request is
// whole: the request header on the listener, the TLS handshake and each
// request header inside a decrypted connection.
const clientHeaderTimeout = 30 * time.Second

// maxHeaderBytes bounds a request header inside a decrypted connection
// (net/http's default, stated).
const maxHeaderBytes = 1 << 20

// connInfoKey carries a decrypted connection's *connInfo in the request context.
type connInfoKey struct{}

// newMITMServer builds the server every decrypted connection is handed to
// through s.mitmL (Start serves it). h2 is negotiated by ALPN (net/http's
// own h2 server).
func (s *Server) newMITMServer() *http.Server {
	errLog, err := zap.NewStdLogAt(s.log.Named("mitm"), zap.DebugLevel) // failed handshakes are client chatter
	if err != nil {
		errLog = zap.NewStdLog(s.log.Named("mitm"))
	}
	return &http.Server{
		Handler:           http.HandlerFunc(s.serveDecrypted),
		ReadHeaderTimeout: clientHeaderTimeout, // net/http also bounds the TLS handshake with it
		IdleTimeout:       s.idleTimeout(),
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          errLog,
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			if tc, ok := c.(*tls.Conn); ok {
				if mc, ok := tc.NetConn().(*mitmConn); ok {
					return context.WithValue(ctx, connInfoKey{}, mc)
				}
			}
			return ctx
		},
	}
}

// idleTimeout is limits.idle_timeout_seconds.
func (s *Server) idleTimeout() time.Duration {
	return time.Duration(s.cfg.Limits.IdleTimeoutSeconds) * time.Second
}

// mitmConn is a decrypted connection under its TLS layer: the client's
// connection, the bytes already read from it (a peeked ClientHello, bytes
// sent with the CONNECT), and the CONNECT decision.
type mitmConn struct {
	net.Conn
	r      io.Reader // nil: read Conn directly
	info   *connInfo
	target string // host:port the client asked for
}

func (c *mitmConn) Read(p []byte) (int, error) {
	if c.r != nil {
		return c.r.Read(p)
	}
	return c.Conn.Read(p)
}

// serveMITM decrypts conn for info's host and serves its requests through
// the inspection pipeline. It returns at once; the server owns conn.
func (s *Server) serveMITM(conn net.Conn, early io.Reader, info *connInfo, target string) {
	mc := &mitmConn{Conn: conn, r: early, info: info, target: target}
	if !s.mitmL.push(tls.Server(mc, s.mitmTLS(target))) {
		conn.Close() // shutting down
	}
}

// serveDecrypted is the handler of every decrypted request: the request is
// made a proxy request again and goes through RoundTrip, the pipeline
// goproxy calls for plain-HTTP requests.
func (s *Server) serveDecrypted(w http.ResponseWriter, r *http.Request) {
	mc, _ := r.Context().Value(connInfoKey{}).(*mitmConn)
	if mc == nil {
		http.Error(w, "promptwall: connection state lost", http.StatusInternalServerError)
		return
	}
	if r.Method == http.MethodConnect {
		// A tunnel inside a decrypted vendor connection (an h1 CONNECT or an
		// h2 CONNECT stream) would carry bytes nobody inspects.
		s.log.Warn("refused a CONNECT inside a decrypted connection", zap.String("host", mc.info.host))
		http.Error(w, "promptwall: tunnels inside a connection to an AI service are not allowed", http.StatusMethodNotAllowed)
		return
	}
	r.URL.Scheme = "https"
	if r.URL.Host == "" {
		r.URL.Host = r.Host
	}
	if r.URL.Host == "" {
		r.URL.Host = mc.target
	}
	if got := hostOnly(r.URL.Host); got != mc.info.host {
		// The CONNECT (or SNI) decision was for mc.info.host: a request for
		// another host on this connection would skip that decision, and be
		// inspected as the first host's vendor.
		s.log.Warn("refused a request for another host on a decrypted connection",
			zap.String("host", mc.info.host), zap.String("request_host", got))
		http.Error(w, "promptwall: this connection is for "+mc.info.host+"; open a new one for "+got, http.StatusMisdirectedRequest)
		return
	}
	r.RequestURI = "" // a client request now
	r.Header.Del("Proxy-Connection")
	r.Header.Del("Proxy-Authenticate")
	r.Header.Del("Proxy-Authorization")
	if !isUpgrade(r) {
		r.Header.Del("Connection")
	}
	if r.ContentLength == 0 {
		r.Body = http.NoBody // an empty h2 body must not become a chunked upstream body
	}
	ctx := &goproxy.ProxyCtx{Req: r, Proxy: s.gp, UserData: mc.info, RoundTripper: s}
	resp, err := s.RoundTrip(r, ctx)
	if err != nil {
		s.log.Warn("upstream failed", zap.String("host", hostOnly(r.URL.Host)), zap.Error(err))
		http.Error(w, "promptwall: could not reach "+hostOnly(r.URL.Host)+"; try again later.", http.StatusBadGateway)
		return
	}
	if resp.Body == nil {
		resp.Body = http.NoBody
	}
	if resp.StatusCode == http.StatusSwitchingProtocols {
		s.relaySwitched(w, r, resp)
		return
	}
	defer resp.Body.Close()
	s.writeAnswer(w, r, resp)
}

// hopHeaders are connection-specific: they describe promptwall's connection
// to the vendor, not the client's to promptwall (and h2 forbids them).
var hopHeaders = []string{"Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade"}

// Relay buffers: a whole answer is copied in 32 KiB reads; a stream's reads
// are an event or a frame each (a larger event goes in several reads), and a
// buffer is held for as long as the stream is open (1,000 open streams hold
// 4 MiB, not 32).
var (
	wholeBufs  = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}
	streamBufs = sync.Pool{New: func() any { b := make([]byte, 4<<10); return &b }}
)

// writeAnswer relays resp to the client. A stream (SSE, or an answer of
// unknown length) is flushed after every chunk read from the vendor, one TLS
// record each; a whole answer is written as net/http buffers it. A vendor
// that breaks off aborts the answer, so the client sees it truncated.
func (s *Server) writeAnswer(w http.ResponseWriter, r *http.Request, resp *http.Response) {
	h := w.Header()
	for k, vv := range resp.Header {
		h[k] = vv
	}
	for _, k := range hopHeaders {
		h.Del(k)
	}
	// The length is the field's, as goproxy wrote it: a pipeline step that
	// rewrites the body sets the field and may leave the vendor's header.
	h.Del("Content-Length")
	if resp.ContentLength >= 0 && resp.StatusCode >= 200 && resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusNotModified {
		h.Set("Content-Length", strconv.FormatInt(resp.ContentLength, 10))
	}
	if _, ok := h["Content-Type"]; !ok {
		h["Content-Type"] = nil // no sniffing: the answer goes as the vendor sent it
	}
	announced := len(resp.Trailer)
	if announced > 0 {
		keys := make([]string, 0, announced)
		for k := range resp.Trailer {
			keys = append(keys, k)
		}
		h.Add("Trailer", strings.Join(keys, ", "))
	}
	w.WriteHeader(resp.StatusCode)

	rc := http.NewResponseController(w)
	stream := resp.ContentLength < 0 || llmapi.IsEventStream(resp.Header.Get("Content-Type"))
	guard := newStallGuard(rc, s.idleTimeout())
	defer guard.stop()
	pool := &wholeBufs
	if stream {
		pool = &streamBufs
	}
	bp := pool.Get().(*[]byte)
	defer pool.Put(bp)
	buf := *bp
	for {
		n, rerr := resp.Body.Read(buf)
		if n > 0 {
			guard.begin()
			_, werr := w.Write(buf[:n])
			if werr == nil && stream {
				werr = rc.Flush()
			}
			guard.end()
			if werr != nil {
				return // the client left; the deferred Close ends the upstream answer
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			if r.Context().Err() == nil {
				s.log.Debug("answer broke off", zap.String("host", hostOnly(r.URL.Host)), zap.Error(rerr))
			}
			panic(http.ErrAbortHandler) // no clean end: the client must see the answer truncated
		}
	}
	if len(resp.Trailer) == 0 {
		// What net/http still buffers goes out here, under the guard, not
		// after the handler returns with no deadline.
		guard.begin()
		_ = rc.Flush()
		guard.end()
	} else {
		_ = rc.Flush() // trailers need a chunked (or h2) answer
		for k, vv := range resp.Trailer {
			if len(resp.Trailer) != announced {
				k = http.TrailerPrefix + k
			}
			for _, v := range vv {
				h.Add(k, v)
			}
		}
	}
}

// stallGuard cuts an answer whose write to the client has not gone through
// for the idle timeout: a client that stopped reading would otherwise hold
// the vendor's stream forever. Only a write in progress counts, never the
// vendor's silence; a write deadline cannot say that on h2, where it bounds
// the whole stream, so one timer per answer checks every idle/2.
type stallGuard struct {
	since atomic.Int64 // start of the write in progress (unix ns), 0 if none
	timer atomic.Pointer[time.Timer]
	done  atomic.Bool
}

func newStallGuard(rc *http.ResponseController, idle time.Duration) *stallGuard {
	g := &stallGuard{}
	g.timer.Store(time.AfterFunc(idle/2, func() {
		if st := g.since.Load(); st != 0 && time.Since(time.Unix(0, st)) >= idle {
			_ = rc.SetWriteDeadline(time.Now()) // fails the write; the answer is aborted
			return
		}
		if !g.done.Load() {
			g.timer.Load().Reset(idle / 2)
		}
	}))
	return g
}

func (g *stallGuard) begin() { g.since.Store(time.Now().UnixNano()) }
func (g *stallGuard) end()   { g.since.Store(0) }
func (g *stallGuard) stop() {
	g.done.Store(true)
	g.timer.Load().Stop()
}

// relaySwitched answers a 101 (a vendor WebSocket, its body the inspecting
// bridge) on the client's HTTP/1.1 connection and relays bytes both ways
// until one side ends, as goproxy did.
func (s *Server) relaySwitched(w http.ResponseWriter, r *http.Request, resp *http.Response) {
	up, ok := resp.Body.(io.ReadWriteCloser)
	if !ok || r.ProtoMajor != 1 {
		resp.Body.Close()
		http.Error(w, "promptwall: the upgrade cannot be relayed on this connection", http.StatusBadGateway)
		return
	}
	defer up.Close()
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		s.log.Debug("upgrade: hijack failed", zap.Error(err))
		return
	}
	defer conn.Close()
	head := *resp
	head.Body = nil
	head.Proto, head.ProtoMajor, head.ProtoMinor = "HTTP/1.1", 1, 1
	if err := head.Write(brw.Writer); err != nil {
		return
	}
	if err := brw.Flush(); err != nil {
		return
	}
	done := make(chan struct{}, 2)
	go func() {
		_, _ = io.Copy(up, brw.Reader) // bytes sent with the upgrade request first
		done <- struct{}{}
	}()
	go func() {
		_, _ = io.Copy(stallBound{conn, s.idleTimeout()}, up)
		done <- struct{}{}
	}()
	<-done // the deferred closes end the other direction
}

// stallBound is a client connection each write to which must go through
// within d: a WebSocket client that stops reading is cut, while one that is
// merely quiet (no write pending; Realtime sessions idle for long) is not.
type stallBound struct {
	net.Conn
	d time.Duration
}

func (c stallBound) Write(p []byte) (int, error) {
	_ = c.Conn.SetWriteDeadline(time.Now().Add(c.d))
	return c.Conn.Write(p)
}

// connListener hands connections to an http.Server one at a time.
type connListener struct {
	addr   net.Addr
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

var _ net.Listener = (*connListener)(nil)

func newConnListener() *connListener {
	return &connListener{addr: mitmAddr{}, conns: make(chan net.Conn), closed: make(chan struct{})}
}

// push hands c to the server; false once the listener is closed.
func (l *connListener) push(c net.Conn) bool {
	select {
	case <-l.closed:
		return false
	default:
	}
	select {
	case l.conns <- c:
		return true
	case <-l.closed:
		return false
	}
}

func (l *connListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *connListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *connListener) Addr() net.Addr { return l.addr }

type mitmAddr struct{}

func (mitmAddr) Network() string { return "mitm" }
func (mitmAddr) String() string  { return "promptwall-mitm" }
