package proxy

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/elazarl/goproxy"
	"go.uber.org/zap"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/policy"
)

// connInfo travels from the CONNECT to every request of a MITM'd connection
// (goproxy copies ProxyCtx.UserData).
type connInfo struct {
	host   string
	vendor string
	id     identity
}

// handleConnect decides what to do with a CONNECT: decrypt (vendor hosts),
// tunnel blind (everything else) or refuse, as data.promptwall.connect says.
func (s *Server) handleConnect(host string, ctx *goproxy.ProxyCtx) (*goproxy.ConnectAction, string) {
	start := time.Now()
	ctx.RoundTripper = s
	vendor, _ := s.catalog.Lookup(host)
	id := identityFrom(ctx.Req.Context())
	req := policy.Request{
		ID:     newID(),
		Time:   start.UTC().Format(time.RFC3339),
		Client: policy.Client{IP: clientIP(ctx.Req.RemoteAddr), User: id.user, Groups: nonNil(id.groups)},
		Vendor: vendor,
		Host:   hostOnly(host),
		Method: http.MethodConnect,
	}
	cctx, cancel := context.WithTimeout(ctx.Req.Context(), 5*time.Second)
	defer cancel()
	d, err := s.policy.Connect(cctx, req)
	action := d.Action
	if err != nil {
		s.log.Error("connect decision failed", zap.String("host", req.Host), zap.Error(err))
		action = policy.ConnectBlock
		if s.cfg.Policy.FailMode == config.FailOpen {
			action = policy.ConnectTunnel
			if vendor != "" {
				action = policy.ConnectMITM
			}
		}
		d.Reasons = []policy.Reason{{Rule: "promptwall.policy_error", Message: "the connection policy could not be evaluated"}}
	}
	switch action {
	case policy.ConnectMITM, policy.ConnectTunnel:
		s.metrics.connects.WithLabelValues(action).Inc()
	default:
		s.metrics.connects.WithLabelValues(policy.ConnectBlock).Inc()
	}
	switch action {
	case policy.ConnectMITM:
		ctx.UserData = &connInfo{host: req.Host, vendor: vendor, id: id}
		return &goproxy.ConnectAction{Action: goproxy.ConnectMitm, TLSConfig: s.mitmTLS}, host
	case policy.ConnectTunnel:
		return &goproxy.ConnectAction{Action: goproxy.ConnectAccept}, host
	default: // block, and anything unexpected: refuse
		msg := "promptwall: connections to " + req.Host + " are not allowed by company policy"
		for _, r := range d.Reasons {
			if r.Message != "" {
				msg = "promptwall: " + r.Message
				break
			}
		}
		msg += " (request id " + req.ID + ")\n"
		ctx.Resp = &http.Response{
			StatusCode: http.StatusForbidden, Status: "403 Forbidden",
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header:        http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "X-Promptwall-Request-Id": {req.ID}, "Connection": {"close"}},
			Body:          io.NopCloser(bytes.NewReader([]byte(msg))),
			ContentLength: int64(len(msg)),
			Close:         true,
		}
		ev := &audit.Event{Time: start, ID: req.ID, Action: policy.ConnectBlock, User: id.user, SourceIP: req.Client.IP, Domain: req.Host,
			Vendor: vendor, Rules: ruleIDs(d.Reasons), Revision: s.policy.Revision(), Status: http.StatusForbidden,
			Duration: time.Since(start)}
		_ = s.writeAudit(ev)
		return &goproxy.ConnectAction{Action: goproxy.ConnectReject}, host
	}
}

// mitmTLS serves the client a leaf for the host it asked for (SNI first).
func (s *Server) mitmTLS(host string, _ *goproxy.ProxyCtx) (*tls.Config, error) {
	return s.minter.TLSConfigFor(hostOnly(host)), nil
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
