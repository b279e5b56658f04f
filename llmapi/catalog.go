package llmapi

import (
	"fmt"
	"net"
	"slices"
	"strings"
)

// builtinVendors is the built-in catalog: hosts whose TLS is decrypted and
// whose requests are inspected. A leading "*." matches one or more labels
// below the rest of the name (never the bare name itself).
var builtinVendors = map[string]string{
	"api.openai.com":                    "openai",
	"chatgpt.com":                       "openai",
	"chat.openai.com":                   "openai",
	"api.anthropic.com":                 "anthropic",
	"claude.ai":                         "anthropic",
	"generativelanguage.googleapis.com": "gemini",
	"gemini.google.com":                 "gemini",
	"*.openai.azure.com":                "azure-openai",
	"api.mistral.ai":                    "mistral",
	"api.groq.com":                      "groq",
	"api.deepseek.com":                  "deepseek",
	"api.x.ai":                          "xai",
	"api.cohere.com":                    "cohere",
	"api.cohere.ai":                     "cohere",
	"openrouter.ai":                     "openrouter",
	"api.together.xyz":                  "together",
	"api.perplexity.ai":                 "perplexity",
	"api.fireworks.ai":                  "fireworks",
}

// Catalog tells which hosts are LLM vendors. It is immutable once built and
// safe for concurrent use.
type Catalog struct {
	exact map[string]string
	// wild maps the suffix after "*." (e.g. "openai.azure.com") to a vendor.
	wild  map[string]string
	hosts []string
}

// NewCatalog returns the built-in catalog plus the extra hosts of the
// `vendors:` config key ("llm.example.com" or "*.example.com"). An extra host's
// vendor name is the entry itself. Built-in entries keep their vendor names
// when an extra entry repeats them.
func NewCatalog(extra []string) (*Catalog, error) {
	c := &Catalog{exact: map[string]string{}, wild: map[string]string{}}
	for i, raw := range extra {
		h, err := normaliseEntry(raw)
		if err != nil {
			return nil, fmt.Errorf("llmapi: vendors[%d]: %w", i, err)
		}
		c.add(h, h)
	}
	for h, v := range builtinVendors {
		c.add(h, v) // after extras so built-in names win
	}
	for h := range c.exact {
		c.hosts = append(c.hosts, h)
	}
	for s := range c.wild {
		c.hosts = append(c.hosts, "*."+s)
	}
	slices.Sort(c.hosts)
	return c, nil
}

func (c *Catalog) add(entry, vendor string) {
	if s, ok := strings.CutPrefix(entry, "*."); ok {
		c.wild[s] = vendor
		return
	}
	c.exact[entry] = vendor
}

// Lookup reports the vendor of host. host may carry a port ("api.openai.com:443",
// "[::1]:8443"); the match is case-insensitive and ignores a trailing dot.
func (c *Catalog) Lookup(host string) (vendor string, ok bool) {
	h := canonicalHost(host)
	if h == "" {
		return "", false
	}
	if v, ok := c.exact[h]; ok {
		return v, true
	}
	// Try every proper suffix, longest first, so the most specific wildcard wins.
	for i := 0; i < len(h); i++ {
		if h[i] != '.' {
			continue
		}
		if i == 0 || h[i-1] == '.' {
			return "", false // empty label: not a host name
		}
		if v, ok := c.wild[h[i+1:]]; ok {
			return v, true
		}
	}
	return "", false
}

// Hosts lists every catalog entry, wildcards as "*.suffix", sorted; the PAC
// file is built from it.
func (c *Catalog) Hosts() []string { return slices.Clone(c.hosts) }

// canonicalHost strips the port and brackets, lower-cases and drops a
// trailing dot.
func canonicalHost(host string) string {
	host = strings.TrimSpace(host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimPrefix(strings.TrimSuffix(host, "]"), "[")
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// normaliseEntry validates a `vendors:` entry and returns its canonical form.
func normaliseEntry(raw string) (string, error) {
	e := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(raw)), ".")
	switch {
	case e == "":
		return "", fmt.Errorf("empty host")
	case strings.Contains(e, "://") || strings.ContainsAny(e, "/?#@"):
		return "", fmt.Errorf("%q must be a bare host name (no scheme, path or user)", raw)
	}
	if ip := net.ParseIP(strings.Trim(e, "[]")); ip != nil {
		return ip.String(), nil
	}
	if strings.Contains(e, ":") {
		return "", fmt.Errorf("%q must not carry a port: every port of a vendor host is inspected", raw)
	}
	name, wild := strings.CutPrefix(e, "*.")
	if strings.Contains(name, "*") {
		return "", fmt.Errorf("%q: a wildcard is allowed only as a leading \"*.\"", raw)
	}
	labels := strings.Split(name, ".")
	if wild && len(labels) < 2 {
		// "*.com" would decrypt a whole top-level domain.
		return "", fmt.Errorf("%q: a wildcard needs at least two labels after \"*.\"", raw)
	}
	if len(name) > 253 {
		return "", fmt.Errorf("%q: host name longer than 253 bytes", raw)
	}
	for _, l := range labels {
		if !validLabel(l) {
			return "", fmt.Errorf("%q: invalid host name (letters, digits, '-' and '_' only; use the xn-- form for IDNs)", raw)
		}
	}
	return e, nil
}

func validLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
