package proxy

import (
	"fmt"
	"net"
	"net/http"
	"strings"
)

// pacFile writes a proxy auto-config script: vendor hosts through the proxy
// at addr, everything else DIRECT — staff traffic to other sites never
// touches promptwall.
func pacFile(hosts []string, addr string) string {
	var b strings.Builder
	b.WriteString("// promptwall proxy auto-config: LLM vendors through promptwall, everything else direct.\n")
	b.WriteString("function FindProxyForURL(url, host) {\n  host = host.toLowerCase();\n")
	for _, h := range hosts {
		if suffix, ok := strings.CutPrefix(h, "*."); ok {
			fmt.Fprintf(&b, "  if (dnsDomainIs(host, %q)) return %q;\n", "."+suffix, "PROXY "+addr)
		} else {
			fmt.Fprintf(&b, "  if (host == %q) return %q;\n", h, "PROXY "+addr)
		}
	}
	b.WriteString("  return \"DIRECT\";\n}\n")
	return b.String()
}

// pacAddr is the proxy address written into the PAC file: advertise_addr,
// else listen — with an unspecified host (0.0.0.0) replaced by the name the
// client used to fetch the PAC file.
func (s *Server) pacAddr(r *http.Request) string {
	if s.cfg.AdvertiseAddr != "" {
		return s.cfg.AdvertiseAddr
	}
	addr, _ := s.Addrs()
	if addr == "" {
		addr = s.cfg.Listen
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		if h, _, err := net.SplitHostPort(r.Host); err == nil {
			host = h
		} else if r.Host != "" {
			host = r.Host
		}
	}
	return net.JoinHostPort(host, port)
}
