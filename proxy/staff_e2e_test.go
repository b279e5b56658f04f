package proxy_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"golang.org/x/crypto/bcrypt"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
)

func TestPACSendsOnlyVendorsThroughTheProxy(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is required to evaluate the PAC file (apt-get install nodejs)")
	}
	e := start(t, fakevendor.Start(t), func(c *config.Config) {
		c.AdvertiseAddr = "promptwall.corp.example:3128"
		c.Vendors = []string{"llm.corp.example", "*.ai.example.net"}
	})
	resp, err := http.Get("http://" + e.admin + "/proxy.pac")
	if err != nil {
		t.Fatal(err)
	}
	pac, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/x-ns-proxy-autoconfig" {
		t.Errorf("Content-Type %q", ct)
	}
	// Evaluate it as a browser would, with the PAC helper it uses.
	script := `function dnsDomainIs(h, d) { return h.length >= d.length && h.substring(h.length - d.length) == d; }
` + string(pac) + `
for (const h of process.argv.slice(1)) console.log(h + " " + FindProxyForURL("https://" + h + "/", h));`
	hosts := map[string]string{
		"api.openai.com":                    "PROXY promptwall.corp.example:3128",
		"API.Anthropic.com":                 "PROXY promptwall.corp.example:3128",
		"myco.openai.azure.com":             "PROXY promptwall.corp.example:3128",
		"generativelanguage.googleapis.com": "PROXY promptwall.corp.example:3128",
		"llm.corp.example":                  "PROXY promptwall.corp.example:3128",
		"x.ai.example.net":                  "PROXY promptwall.corp.example:3128",
		"openai.azure.com.evil.example":     "DIRECT",
		"example.org":                       "DIRECT",
		"www.google.com":                    "DIRECT",
	}
	args := []string{"-e", script}
	for h := range hosts {
		args = append(args, h)
	}
	out, err := exec.Command(node, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s\n%s", err, out, pac)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		h, got, _ := strings.Cut(line, " ")
		if got != hosts[h] {
			t.Errorf("%s → %q, want %q", h, got, hosts[h])
		}
	}
	resp, err = http.Get("http://" + e.admin + "/ca.pem")
	if err != nil {
		t.Fatal(err)
	}
	pem, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if b, _ := os.ReadFile(e.caFile); string(pem) != string(b) {
		t.Error("/ca.pem is not the CA promptwall signs with")
	}
}

func TestBasicAuthNamesTheUser(t *testing.T) {
	dir := t.TempDir()
	hash, err := bcrypt.GenerateFromPassword([]byte("correct horse"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	htpasswd := filepath.Join(dir, "htpasswd")
	groups := filepath.Join(dir, "groups.yaml")
	os.WriteFile(htpasswd, []byte("# staff\nalice:"+string(hash)+"\n"), 0o600)
	os.WriteFile(groups, []byte("alice: [legal, staff]\n"), 0o600)
	e := start(t, fakevendor.Start(t), func(c *config.Config) {
		c.Auth = config.Auth{Mode: "basic", HtpasswdFile: htpasswd, GroupsFile: groups}
	})
	clientAs := func(userinfo *url.Userinfo) *http.Client {
		pu := *e.proxyURL
		pu.User = userinfo
		return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
			Proxy: http.ProxyURL(&pu), TLSClientConfig: &tls.Config{RootCAs: e.caPool}}}
	}
	post := func(c *http.Client) error {
		resp, err := c.Post("https://api.openai.com/v1/chat/completions", "application/json",
			strings.NewReader(`{"model":"gpt-4o","messages":[{"role":"user","content":"hello"}]}`))
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}
	// No credentials, wrong password: the CONNECT is answered 407.
	for _, u := range []*url.Userinfo{nil, url.UserPassword("alice", "wrong"), url.UserPassword("mallory", "correct horse")} {
		err := post(clientAs(u))
		if err == nil || !strings.Contains(err.Error(), "Proxy Authentication Required") {
			t.Errorf("%v: err = %v, want 407", u, err)
		}
	}
	if err := post(clientAs(url.UserPassword("alice", "correct horse"))); err != nil {
		t.Fatal(err)
	}
	l := e.auditLines(t, 1)[0]
	if l["user.name"] != "alice" {
		t.Fatalf("audit user.name = %v", l["user.name"])
	}
	// curl sees the 407 and its challenge.
	if curl, err := exec.LookPath("curl"); err == nil {
		out, _ := exec.Command(curl, "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--proxy", e.proxyURL.String(),
			"--cacert", e.caFile, "https://api.openai.com/v1/models").CombinedOutput()
		if !strings.Contains(string(out), "407") {
			t.Errorf("curl without credentials: %s", out)
		}
	}
}

func TestGroupsReachThePolicy(t *testing.T) {
	dir := t.TempDir()
	// A team policy: only the legal group may talk to the vendor at all.
	os.WriteFile(filepath.Join(dir, "p.rego"), []byte(`package promptwall

import rego.v1

default decision := {"action": "block", "reasons": [{"rule": "legal.only", "message": "Only the legal team may use this service."}]}

decision := {"action": "allow", "reasons": []} if "legal" in input.request.client.groups

default connect := {"action": "mitm"}
`), 0o600)
	groups := filepath.Join(dir, "groups.yaml")
	os.WriteFile(groups, []byte("carol: [legal]\ndave: [sales]\n"), 0o600)
	e := start(t, fakevendor.Start(t), func(c *config.Config) {
		c.Policy.Dir = dir
		c.Auth = config.Auth{Mode: "header", UserHeader: "X-Authenticated-User", TrustedCIDRs: []string{"127.0.0.1/32"}, GroupsFile: groups}
	})
	for user, wantErr := range map[string]bool{"carol": false, "dave": true} {
		hc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
			Proxy:              http.ProxyURL(e.proxyURL),
			TLSClientConfig:    &tls.Config{RootCAs: e.caPool},
			ProxyConnectHeader: http.Header{"X-Authenticated-User": {user}},
		}}
		oc := openai.NewClient(optionsFor(hc)...)
		_, err := oc.Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
			Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hi")}})
		var apiErr *openai.Error
		if wantErr != (err != nil) || (wantErr && (!errors.As(err, &apiErr) || !strings.Contains(apiErr.Message, "Only the legal team"))) {
			t.Errorf("%s: err = %v", user, err)
		}
	}
	// Without the header the auth proxy did not vouch for anyone: 407.
	if _, err := e.client().Get("https://api.openai.com/v1/models"); err == nil || !strings.Contains(err.Error(), "Proxy Authentication Required") {
		t.Errorf("no user header: err = %v", err)
	}
}

func TestNotAnOpenRelay(t *testing.T) {
	e := start(t, fakevendor.Start(t), func(c *config.Config) { c.AllowCIDRs = []string{"10.0.0.0/8"} })
	resp, err := e.client().Get("https://api.openai.com/v1/models")
	if err == nil {
		resp.Body.Close()
		t.Fatal("a client outside allow_cidrs was served")
	}
	if !strings.Contains(err.Error(), "Forbidden") {
		t.Fatalf("err = %v, want the CONNECT refused with 403", err)
	}
	if n := len(e.vendor.Requests()); n != 0 {
		t.Fatalf("vendor received %d requests", n)
	}
}
