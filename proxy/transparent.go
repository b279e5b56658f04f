package proxy

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/policy"
)

// Transparent mode: TLS connections redirected to transparent_listen by
// iptables/nftables (REDIRECT or TPROXY-less DNAT). The ClientHello's SNI
// names the host; the same CONNECT decision applies. A decrypted connection
// is served like a decrypted CONNECT (mitm.go); a tunnelled one is spliced,
// bytes untouched, to the original destination (SO_ORIGINAL_DST).

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
	early := io.MultiReader(bytes.NewReader(hello), c)
	creq := &http.Request{
		Method: http.MethodConnect, URL: &url.URL{Host: net.JoinHostPort(host, port)}, Host: net.JoinHostPort(host, port),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{}, RemoteAddr: c.RemoteAddr().String(),
	}
	action, info, reasons := s.decideConnect(creq, creq.Host)
	switch action {
	case policy.ConnectMITM:
		s.serveMITM(c, early, info, creq.Host)
	case policy.ConnectTunnel:
		target := creq.Host
		if dstErr == nil {
			target = dst.String()
		}
		s.splice(&replayConn{Conn: c, r: early}, target)
	default:
		s.log.Info("transparent connection refused by policy", zap.String("host", host), zap.Strings("rules", ruleIDs(reasons)))
		c.Close()
	}
}

// splice copies bytes both ways between the client and target, untouched,
// until both ends close or the tunnel idles (relay).
func (s *Server) splice(client net.Conn, target string) {
	up, err := s.dial.DialContext(s.life, "tcp", target)
	if err != nil {
		s.log.Warn("transparent tunnel dial failed", zap.String("target", target), zap.Error(err))
		client.Close()
		return
	}
	relay(client, up, s.idleTimeout())
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

// CloseWrite half-closes the connection when it can (a tunnel passes on
// one side's end of stream while the other still talks).
func (c *replayConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return errors.ErrUnsupported
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
