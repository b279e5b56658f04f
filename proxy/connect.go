package proxy

import (
	"bytes"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"strings"

	"github.com/elazarl/goproxy"

	"github.com/promptwall/promptwall/policy"
)

// connInfo travels from the CONNECT to every request of a MITM'd connection
// (goproxy copies ProxyCtx.UserData).
type connInfo struct {
	host   string
	vendor string
	id     identity
	reqID  string // the CONNECT decision's id
}

// handleConnect decides what to do with a CONNECT: decrypt (vendor hosts),
// tunnel blind (everything else) or refuse, as data.promptwall.connect says.
// A synthetic CONNECT from transparent mode arrives decided.
func (s *Server) handleConnect(host string, ctx *goproxy.ProxyCtx) (*goproxy.ConnectAction, string) {
	ctx.RoundTripper = s
	if info, ok := ctx.Req.Context().Value(transparentKey{}).(*connInfo); ok {
		ctx.UserData = info
		return &goproxy.ConnectAction{Action: goproxy.ConnectMitm, TLSConfig: s.mitmTLS}, host
	}
	action, info, reasons := s.decideConnect(ctx.Req, host)
	switch action {
	case policy.ConnectMITM:
		ctx.UserData = info
		return &goproxy.ConnectAction{Action: goproxy.ConnectMitm, TLSConfig: s.mitmTLS}, host
	case policy.ConnectTunnel:
		return &goproxy.ConnectAction{Action: goproxy.ConnectAccept}, host
	}
	msg := "promptwall: connections to " + info.host + " are not allowed by company policy"
	for _, r := range reasons {
		if r.Message != "" {
			msg = "promptwall: " + r.Message
			break
		}
	}
	msg += " (request id " + info.reqID + ")\n"
	ctx.Resp = &http.Response{
		StatusCode: http.StatusForbidden, Status: "403 Forbidden",
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "X-Promptwall-Request-Id": {info.reqID}, "Connection": {"close"}},
		Body:          io.NopCloser(bytes.NewReader([]byte(msg))),
		ContentLength: int64(len(msg)),
		Close:         true,
	}
	return &goproxy.ConnectAction{Action: goproxy.ConnectReject}, host
}

// mitmTLS serves the client a leaf for the host it asked for (SNI first),
// offering h2 first: h2 requests go through the same RoundTrip pipeline.
func (s *Server) mitmTLS(host string, _ *goproxy.ProxyCtx) (*tls.Config, error) {
	c := s.minter.TLSConfigFor(hostOnly(host)).Clone()
	c.NextProtos = []string{"h2", "http/1.1"}
	return c, nil
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
