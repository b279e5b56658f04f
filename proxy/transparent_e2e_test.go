//go:build linux

package proxy_test

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
)

// netnsClient is a client host in a network namespace of its own, linked to
// this one by a veth pair; its TLS to port 8443 of its gateway is redirected
// by an iptables rule (scoped to the veth) to promptwall's transparent port.
type netnsClient struct {
	ns, hostIf, gw, subnet string
}

func newNetnsClient(t *testing.T) *netnsClient {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("transparent mode test needs root to create network namespaces and iptables rules")
	}
	for _, tool := range []string{"ip", "iptables", "curl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is required (apt-get install iproute2 iptables curl)", tool)
		}
	}
	var b [3]byte
	rand.Read(b[:])
	tag := hex.EncodeToString(b[:])
	n, _ := rand.Int(rand.Reader, big.NewInt(250))
	octet := n.Int64() + 1
	c := &netnsClient{ns: "pwt" + tag, hostIf: "pwh" + tag, gw: fmt.Sprintf("10.213.%d.1", octet), subnet: fmt.Sprintf("10.213.%d.0/30", octet)}
	client := fmt.Sprintf("10.213.%d.2", octet)
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	t.Cleanup(func() {
		exec.Command("ip", "link", "del", c.hostIf).Run()
		exec.Command("ip", "netns", "del", c.ns).Run()
	})
	run("ip", "netns", "add", c.ns)
	run("ip", "link", "add", c.hostIf, "type", "veth", "peer", "name", "pwc"+tag)
	run("ip", "link", "set", "pwc"+tag, "netns", c.ns)
	run("ip", "addr", "add", c.gw+"/30", "dev", c.hostIf)
	run("ip", "link", "set", c.hostIf, "up")
	run("ip", "netns", "exec", c.ns, "ip", "addr", "add", client+"/30", "dev", "pwc"+tag)
	run("ip", "netns", "exec", c.ns, "ip", "link", "set", "pwc"+tag, "up")
	run("ip", "netns", "exec", c.ns, "ip", "link", "set", "lo", "up")
	return c
}

func (c *netnsClient) redirect(t *testing.T, toPort string) {
	rule := []string{"-t", "nat", "PREROUTING", "-i", c.hostIf, "-p", "tcp", "--dport", "8443", "-j", "REDIRECT", "--to-ports", toPort}
	add := append([]string{"-t", "nat", "-A"}, rule[2:]...)
	if out, err := exec.Command("iptables", add...).CombinedOutput(); err != nil {
		t.Fatalf("iptables: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("iptables", append([]string{"-t", "nat", "-D"}, rule[2:]...)...).Run() })
}

// curl runs curl inside the client's namespace, resolving host to the gateway.
func (c *netnsClient) curl(t *testing.T, host, cacert string, args ...string) string {
	t.Helper()
	base := []string{"netns", "exec", c.ns, "curl", "-sS", "--max-time", "15", "--cacert", cacert,
		"--resolve", host + ":8443:" + c.gw, "-w", "\n%{http_code}"}
	out, err := exec.Command("ip", append(base, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("curl in %s: %v: %s", c.ns, err, out)
	}
	return string(out)
}

func TestTransparentInterception(t *testing.T) {
	nc := newNetnsClient(t)
	fv := fakevendor.Start(t)
	origin := fakevendor.StartOrigin(t, "intranet.example.org")
	e := start(t, fv, func(cfg *config.Config) {
		cfg.TransparentListen = net.JoinHostPort(nc.gw, "0")
		cfg.AllowCIDRs = []string{"127.0.0.0/8", nc.subnet}
		// Upstream of the decrypted vendor connection, and the tunnelled
		// connection's original destination: both dial overrides to loopback.
		cfg.Upstream.Resolve["api.openai.com:8443"] = fv.Addr
		cfg.Upstream.Resolve[nc.gw+":8443"] = origin.Addr
	})
	_, port, _ := net.SplitHostPort(e.srv.TransparentAddr())
	nc.redirect(t, port)

	key := fakeAWSKey(t)
	out := nc.curl(t, "api.openai.com", e.caFile, "https://api.openai.com:8443/v1/chat/completions",
		"-H", "Content-Type: application/json", "-d", `{"model":"gpt-4o","messages":[{"role":"user","content":"deploy with `+key+`"}]}`)
	if !strings.HasSuffix(out, "\n403") || !strings.Contains(out, "AWS_ACCESS_KEY") {
		t.Fatalf("credential through transparent mode: %s", out)
	}
	out = nc.curl(t, "api.openai.com", e.caFile, "https://api.openai.com:8443/v1/chat/completions",
		"-H", "Content-Type: application/json", "-d", `{"model":"gpt-4o","messages":[{"role":"user","content":"hello"}]}`)
	if !strings.HasSuffix(out, "\n200") || !strings.Contains(out, "chat.completion") {
		t.Fatalf("clean prompt through transparent mode: %s", out)
	}
	if n := len(fv.Requests()); n != 1 {
		t.Fatalf("vendor received %d requests, want 1", n)
	}
	lines := e.auditLines(t, 2)
	if lines[0]["source.ip"] == "127.0.0.1" || lines[0]["url.domain"] != "api.openai.com" {
		t.Errorf("audit %v", lines[0])
	}
	// Not a vendor: spliced to the original destination, the origin's own
	// certificate (curl trusts only the origin's CA here).
	out = nc.curl(t, "intranet.example.org", origin.CAFile, "https://intranet.example.org:8443/")
	if out != "origin ok\n200" {
		t.Fatalf("tunnel through transparent mode: %q", out)
	}
}
