package proxy

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/crypto/bcrypt"

	"github.com/promptwall/promptwall/config"
)

// identity is who sent a request, as the policy and the audit see it.
type identity struct {
	user   string
	groups []string
}

type identityKey struct{}

func withIdentity(ctx context.Context, id identity) context.Context {
	return context.WithValue(ctx, identityKey{}, id)
}

func identityFrom(ctx context.Context) identity {
	id, _ := ctx.Value(identityKey{}).(identity)
	return id
}

// authenticator checks who is asking, per auth.mode:
//   - none: nobody is named; the client IP identifies the machine.
//   - basic: Proxy-Authorization against an htpasswd file of bcrypt entries.
//   - header: a user header set by a trusted auth proxy, accepted only from trusted_cidrs.
type authenticator struct {
	mode    string
	header  string
	trusted []netip.Prefix

	mu     sync.RWMutex
	users  map[string][]byte   // user → bcrypt hash
	groups map[string][]string // user → groups

	// bcrypt costs ~50 ms a check: remember good credentials for a while.
	okMu sync.Mutex
	ok   map[[32]byte]time.Time
}

// errAuth asks the client for credentials (407); errUntrusted refuses (403).
var (
	errAuth      = errors.New("proxy: authentication required")
	errUntrusted = errors.New("proxy: the user header is only accepted from a trusted auth proxy")
)

const credentialTTL = 5 * time.Minute

func newAuthenticator(cfg config.Auth) (*authenticator, error) {
	a := &authenticator{mode: cfg.Mode, header: cfg.UserHeader, ok: map[[32]byte]time.Time{}}
	for _, c := range cfg.TrustedCIDRs {
		p, err := parsePrefix(c)
		if err != nil {
			return nil, fmt.Errorf("proxy: auth.trusted_cidrs: %w", err)
		}
		a.trusted = append(a.trusted, p)
	}
	if err := a.load(cfg); err != nil {
		return nil, err
	}
	return a, nil
}

// load (re)reads the htpasswd and groups files; on error the old ones stay.
func (a *authenticator) load(cfg config.Auth) error {
	users := map[string][]byte{}
	if cfg.Mode == "basic" {
		var err error
		if users, err = readHtpasswd(cfg.HtpasswdFile); err != nil {
			return err
		}
	}
	groups := map[string][]string{}
	if cfg.GroupsFile != "" {
		b, err := os.ReadFile(cfg.GroupsFile)
		if err != nil {
			return fmt.Errorf("proxy: auth.groups_file: %w", err)
		}
		if err := yaml.Unmarshal(b, &groups); err != nil {
			return fmt.Errorf("proxy: auth.groups_file %s: want `user: [group, …]`: %w", cfg.GroupsFile, err)
		}
	}
	a.mu.Lock()
	a.users, a.groups = users, groups
	a.mu.Unlock()
	a.okMu.Lock()
	clear(a.ok)
	a.okMu.Unlock()
	return nil
}

func readHtpasswd(path string) (map[string][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("proxy: auth.htpasswd_file: %w", err)
	}
	defer f.Close()
	users := map[string][]byte{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		user, hash, ok := strings.Cut(line, ":")
		if !ok || user == "" {
			return nil, fmt.Errorf("proxy: %s:%d: want user:bcrypt-hash", path, n)
		}
		if _, err := bcrypt.Cost([]byte(hash)); err != nil {
			return nil, fmt.Errorf("proxy: %s:%d: user %q: only bcrypt entries are accepted (htpasswd -B)", path, n, user)
		}
		users[user] = []byte(hash)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("proxy: reading %s: %w", path, err)
	}
	return users, nil
}

// identify returns the identity of r, or errAuth / errUntrusted.
func (a *authenticator) identify(r *http.Request) (identity, error) {
	var user string
	switch a.mode {
	case "basic":
		u, pass, ok := parseProxyBasic(r.Header.Get("Proxy-Authorization"))
		if !ok || !a.checkPassword(u, pass) {
			return identity{}, errAuth
		}
		user = u
	case "header":
		ip, err := netip.ParseAddrPort(r.RemoteAddr)
		if err != nil || !containsAddr(a.trusted, ip.Addr()) {
			return identity{}, errUntrusted
		}
		if user = strings.TrimSpace(r.Header.Get(a.header)); user == "" {
			return identity{}, errAuth
		}
	default:
		return identity{groups: []string{}}, nil
	}
	a.mu.RLock()
	groups := append([]string{}, a.groups[user]...)
	a.mu.RUnlock()
	return identity{user: user, groups: groups}, nil
}

func (a *authenticator) checkPassword(user, pass string) bool {
	a.mu.RLock()
	hash, ok := a.users[user]
	a.mu.RUnlock()
	if !ok {
		return false
	}
	key := sha256.Sum256([]byte(user + "\x00" + pass + "\x00" + string(hash)))
	a.okMu.Lock()
	until, cached := a.ok[key]
	a.okMu.Unlock()
	if cached && time.Now().Before(until) {
		return true
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(pass)) != nil {
		return false
	}
	a.okMu.Lock()
	if len(a.ok) > 10000 {
		clear(a.ok)
	}
	a.ok[key] = time.Now().Add(credentialTTL)
	a.okMu.Unlock()
	return true
}

func parseProxyBasic(h string) (user, pass string, ok bool) {
	scheme, cred, found := strings.Cut(h, " ")
	if !found || !strings.EqualFold(scheme, "Basic") {
		return "", "", false
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(cred))
	if err != nil {
		return "", "", false
	}
	return strings.Cut(string(b), ":")
}

func parsePrefix(c string) (netip.Prefix, error) {
	if p, err := netip.ParsePrefix(c); err == nil {
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(c)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not a CIDR or an IP address", c)
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func containsAddr(ps []netip.Prefix, a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
