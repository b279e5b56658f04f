package proxy

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/policy"
)

// Transparent mode: TLS connections redirected to transparent_listen by
// iptables/nftables (REDIRECT or TPROXY-less DNAT). The ClientHello's SNI
// names the host; the same CONNECT decision applies. A decrypted connection
// is handed to goproxy as a synthetic CONNECT; a tunnelled one is spliced,
// bytes untouched, to the original destination (SO_ORIGINAL_DST).

type transparentKey struct{}

// helloTimeout bounds how long a redirected client may take to say hello.
const helloTimeout = 10 * time.Second

var errHelloSeen = errors.New("proxy: client hello read")

// serveTransparent accepts redirected connections until l is closed.
func (s *Server) serveTransparent(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				s.log.Error("transparent accept", zap.Error(err))
			}
			return
		}
		go s.handleTransparent(c)
	}
}

func (s *Server) handleTransparent(c net.Conn) {
	if !s.allowed(c.RemoteAddr().String()) {
		c.Close()
		return
	}
	dst, dstErr := originalDst(c)
	sni, hello, err := peekSNI(c)
	if err != nil {
		s.log.Debug("transparent: no TLS client hello", zap.String("client", c.RemoteAddr().String()), zap.Error(err))
		c.Close()
		return
	}
	host := sni
	if host == "" {
		if dstErr != nil {
			c.Close()
			return
		}
		host = dst.Addr().String() // no SNI: the policy sees the address
	}
	port := "443"
	if dstErr == nil {
		port = fmt.Sprint(dst.Port())
	}
	conn := &replayConn{Conn: c, r: io.MultiReader(bytes.NewReader(hello), c)}

	creq := &http.Request{
		Method: http.MethodConnect, URL: &url.URL{Host: net.JoinHostPort(host, port)}, Host: net.JoinHostPort(host, port),
		Proto: "HTTP/1.0", ProtoMajor: 1, ProtoMinor: 0, // goproxy then answers "HTTP/1.0 200 OK", which we swallow
		Header: http.Header{}, RemoteAddr: c.RemoteAddr().String(),
	}
	action, info, reasons := s.decideConnect(creq, creq.Host)
	switch action {
	case policy.ConnectMITM:
		creq = creq.WithContext(context.WithValue(withIdentity(context.Background(), info.id), transparentKey{}, info))
		w := &hijackWriter{conn: conn, swallow: []byte("HTTP/1.0 200 OK\r\n\r\n")}
		s.gp.ServeHTTP(w, creq)
	case policy.ConnectTunnel:
		target := creq.Host
		if dstErr == nil {
			target = dst.String()
		}
		s.splice(conn, target)
	default:
		s.log.Info("transparent connection refused by policy", zap.String("host", host), zap.Strings("rules", ruleIDs(reasons)))
		c.Close()
	}
}

// splice copies bytes both ways between the client and target, untouched.
func (s *Server) splice(client net.Conn, target string) {
	defer client.Close()
	up, err := s.dial.DialContext(context.Background(), "tcp", target)
	if err != nil {
		s.log.Warn("transparent tunnel dial failed", zap.String("target", target), zap.Error(err))
		return
	}
	defer up.Close()
	var wg sync.WaitGroup
	wg.Add(2)
	pipe := func(dst, src net.Conn) {
		defer wg.Done()
		_, _ = io.Copy(dst, src)
		if cw, ok := dst.(interface{ CloseWrite() error }); ok {
			_ = cw.CloseWrite()
		} else {
			_ = dst.Close()
		}
	}
	go pipe(up, client)
	go pipe(client, up)
	wg.Wait()
}

// peekSNI reads the TLS ClientHello and returns the server name and the
// bytes read, which the caller replays.
func peekSNI(c net.Conn) (string, []byte, error) {
	var buf bytes.Buffer
	_ = c.SetReadDeadline(time.Now().Add(helloTimeout))
	defer c.SetReadDeadline(time.Time{})
	var sni string
	var seen bool
	err := tls.Server(readOnlyConn{r: io.TeeReader(c, &buf)}, &tls.Config{
		GetConfigForClient: func(h *tls.ClientHelloInfo) (*tls.Config, error) {
			sni, seen = h.ServerName, true
			return nil, errHelloSeen
		},
	}).Handshake()
	if !seen {
		return "", nil, fmt.Errorf("proxy: reading client hello: %w", err)
	}
	return sni, buf.Bytes(), nil
}

// readOnlyConn lets crypto/tls parse a ClientHello without answering it.
type readOnlyConn struct{ r io.Reader }

func (c readOnlyConn) Read(p []byte) (int, error)       { return c.r.Read(p) }
func (readOnlyConn) Write(p []byte) (int, error)        { return 0, io.ErrClosedPipe }
func (readOnlyConn) Close() error                       { return nil }
func (readOnlyConn) LocalAddr() net.Addr                { return nil }
func (readOnlyConn) RemoteAddr() net.Addr               { return nil }
func (readOnlyConn) SetDeadline(time.Time) error        { return nil }
func (readOnlyConn) SetReadDeadline(time.Time) error    { return nil }
func (readOnlyConn) SetWriteDeadline(t time.Time) error { return nil }

// replayConn reads the peeked hello first, then the connection.
type replayConn struct {
	net.Conn
	r io.Reader
}

func (c *replayConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// hijackWriter is the ResponseWriter of a synthetic CONNECT: goproxy
// hijacks it at once; the one status line it writes for the CONNECT is
// dropped, since the client never sent a CONNECT.
type hijackWriter struct {
	conn    net.Conn
	swallow []byte
	mu      sync.Mutex
}

func (w *hijackWriter) Header() http.Header { return http.Header{} }
func (w *hijackWriter) WriteHeader(int)     {}
func (w *hijackWriter) Write(p []byte) (int, error) {
	return w.conn.Write(p)
}

func (w *hijackWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c := &swallowConn{Conn: w.conn, swallow: w.swallow}
	return c, bufio.NewReadWriter(bufio.NewReader(c), bufio.NewWriter(c)), nil
}

// swallowConn drops the first write if it is exactly the swallowed bytes.
type swallowConn struct {
	net.Conn
	once    sync.Once
	swallow []byte
}

func (c *swallowConn) Write(p []byte) (int, error) {
	dropped := false
	c.once.Do(func() { dropped = bytes.Equal(p, c.swallow) })
	if dropped {
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// decideConnect is the CONNECT decision shared by explicit and transparent
// mode: data.promptwall.connect, the fail mode on error, and the audit of a
// refusal.
func (s *Server) decideConnect(r *http.Request, host string) (string, *connInfo, []policy.Reason) {
	start := time.Now()
	vendor, _ := s.catalog.Lookup(host)
	id := identityFrom(r.Context())
	req := policy.Request{
		ID:     newID(),
		Time:   start.UTC().Format(time.RFC3339),
		Client: policy.Client{IP: clientIP(r.RemoteAddr), User: id.user, Groups: nonNil(id.groups)},
		Vendor: vendor,
		Host:   hostOnly(host),
		Method: http.MethodConnect,
	}
	cctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	d, err := s.policy.Connect(cctx, req)
	action := d.Action
	if err != nil {
		s.log.Error("connect decision failed", zap.String("host", req.Host), zap.Error(err))
		// Closed: refuse, but decrypt vendor hosts so that each request is
		// refused in the vendor's own error shape, which tools show. Open:
		// what the catalog says.
		switch {
		case vendor != "":
			action = policy.ConnectMITM
		case s.failOpen():
			action = policy.ConnectTunnel
		default:
			action = policy.ConnectBlock
		}
		d.Reasons = []policy.Reason{{Rule: "promptwall.policy_error", Message: "the connection policy could not be evaluated"}}
	}
	switch action {
	case policy.ConnectMITM, policy.ConnectTunnel:
	default:
		action = policy.ConnectBlock
		ev := &audit.Event{Time: start, ID: req.ID, Action: policy.ConnectBlock, User: id.user, SourceIP: req.Client.IP, Domain: req.Host,
			Vendor: vendor, Rules: ruleIDs(d.Reasons), Revision: d.Revision, Status: http.StatusForbidden,
			Duration: time.Since(start)}
		_ = s.writeAudit(ev)
	}
	s.metrics.connects.WithLabelValues(action).Inc()
	return action, &connInfo{host: req.Host, vendor: vendor, id: id, reqID: req.ID}, d.Reasons
}
