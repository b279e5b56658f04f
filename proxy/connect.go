package proxy

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/policy"
)

// connInfo travels from the CONNECT decision to every request of a
// decrypted connection.
type connInfo struct {
	host   string
	vendor string
	id     identity
	reqID  string // the CONNECT decision's id
}

// handleConnect decides what to do with a CONNECT: decrypt (vendor hosts),
// tunnel blind (everything else) or refuse, as data.promptwall.connect says.
// promptwall answers CONNECTs itself (goproxy serves plain-HTTP proxy
// requests only): decrypted connections go to its own server (mitm.go),
// tunnels to a relay with an idle timeout.
func (s *Server) handleConnect(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Host
	if target == "" {
		target = r.Host
	}
	action, info, reasons := s.decideConnect(r, target)
	switch action {
	case policy.ConnectMITM:
		conn, early, err := hijackConnect(w, r)
		if err != nil {
			s.log.Debug("connect: hijack failed", zap.Error(err))
			return
		}
		s.serveMITM(conn, early, info, target)
		return
	case policy.ConnectTunnel:
		if _, _, err := net.SplitHostPort(target); err != nil {
			target = net.JoinHostPort(target, "443")
		}
		up, err := s.dial.DialContext(r.Context(), "tcp", target)
		if err != nil {
			s.log.Info("tunnel dial failed", zap.String("host", info.host), zap.Error(err))
			http.Error(w, "promptwall: could not reach "+info.host, http.StatusBadGateway)
			return
		}
		conn, early, err := hijackConnect(w, r)
		if err != nil {
			up.Close()
			s.log.Debug("connect: hijack failed", zap.Error(err))
			return
		}
		if early != nil {
			conn = &replayConn{Conn: conn, r: early}
		}
		go relay(conn, up, s.idleTimeout())
		return
	}
	msg := "promptwall: connections to " + info.host + " are not allowed by company policy"
	for _, rs := range reasons {
		if rs.Message != "" {
			msg = "promptwall: " + rs.Message
			break
		}
	}
	msg += " (request id " + info.reqID + ")\n"
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Promptwall-Request-Id", info.reqID)
	h.Set("Connection", "close")
	h.Set("Content-Length", strconv.Itoa(len(msg)))
	w.WriteHeader(http.StatusForbidden)
	_, _ = io.WriteString(w, msg)
}

// hijackConnect takes the client's connection and answers the CONNECT. early
// replays bytes the client sent before the answer (nil if none).
func hijackConnect(w http.ResponseWriter, r *http.Request) (net.Conn, io.Reader, error) {
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return nil, nil, fmt.Errorf("proxy: hijacking the CONNECT: %w", err)
	}
	_ = conn.SetDeadline(time.Time{})
	var early io.Reader
	if n := brw.Reader.Buffered(); n > 0 {
		b, _ := brw.Reader.Peek(n)
		early = io.MultiReader(bytes.NewReader(bytes.Clone(b)), conn)
	}
	major, minor := r.ProtoMajor, r.ProtoMinor
	if major == 0 {
		major, minor = 1, 1
	}
	if _, err := fmt.Fprintf(conn, "HTTP/%d.%d 200 Connection established\r\n\r\n", major, minor); err != nil {
		conn.Close()
		return nil, nil, fmt.Errorf("proxy: answering the CONNECT: %w", err)
	}
	return conn, early, nil
}

// mitmTLS serves the client a leaf for the host it asked for (SNI first),
// offering h2 first: h2 requests go through the same RoundTrip pipeline.
func (s *Server) mitmTLS(host string) *tls.Config {
	c := s.minter.TLSConfigFor(hostOnly(host)).Clone()
	c.NextProtos = []string{"h2", "http/1.1"}
	return c
}

func ruleIDs(rs []policy.Reason) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.Rule)
	}
	return out
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return strings.ToLower(h)
	}
	return strings.ToLower(hostport)
}

func clientIP(remote string) string {
	if h, _, err := net.SplitHostPort(remote); err == nil {
		return h
	}
	return remote
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// relay copies bytes both ways between a client and an upstream connection,
// untouched (splice(2) between TCP sockets), until both directions end. A
// tunnel that moves no byte either way for an idle period is closed, within
// two periods; so is one whose writer has been stuck that long (a peer that
// stops reading). A direction that is quiet while the other one is busy (an
// answer downloading, nothing uploading) keeps the tunnel open.
func relay(client, up net.Conn, idle time.Duration) {
	t := &tunnel{idle: idle}
	done := make(chan struct{})
	go func() { t.pipe(&t.dirs[0], &t.dirs[1], up, client); close(done) }()
	t.pipe(&t.dirs[1], &t.dirs[0], client, up)
	<-done
	client.Close()
	up.Close()
}

type tunnel struct {
	idle time.Duration
	dirs [2]direction
}

// direction is what one copy loop tells the other about itself.
type direction struct {
	period atomic.Int64 // start of the current copy period (unix ns); 0 once ended
	quiet  atomic.Bool  // the last period moved no byte
}

// idle reports whether d moved nothing in its last period, has ended, or
// has been stuck writing for an idle period (its period overran its read
// deadline by that much).
func (d *direction) idle(idle time.Duration) bool {
	p := d.period.Load()
	return p == 0 || d.quiet.Load() || time.Since(time.Unix(0, p)) > 2*idle
}

// pipe copies src to dst in periods of one idle timeout each: the read
// deadline ends a period; the loop goes on while either direction is busy.
// On src's end it half-closes dst so the other direction can finish; on an
// error or when both directions are idle it closes both.
func (t *tunnel) pipe(me, other *direction, dst, src net.Conn) {
	for {
		now := time.Now()
		me.period.Store(now.UnixNano())
		_ = src.SetReadDeadline(now.Add(t.idle))
		// A read ends within the period; a write still blocked long after it
		// is a peer that stopped reading (also once the other direction has
		// ended, when no other loop is watching).
		_ = dst.SetWriteDeadline(now.Add(2 * t.idle))
		n, err := io.Copy(dst, src)
		me.quiet.Store(n == 0)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() && (n > 0 || !other.idle(t.idle)) {
			continue
		}
		me.period.Store(0)
		if err == nil { // src's end of stream
			if cw, ok := dst.(interface{ CloseWrite() error }); ok && cw.CloseWrite() == nil {
				return
			}
		}
		dst.Close()
		src.Close()
		return
	}
}
