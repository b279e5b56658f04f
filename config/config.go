package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed defaults.yaml
var defaultsYAML []byte

// Defaults returns the embedded default YAML, for `promptwall config defaults`
// style documentation and tests.
func Defaults() []byte { return bytes.Clone(defaultsYAML) }

// Config is the whole configuration. Field comments give the embedded default.
type Config struct {
	// Listen is the explicit forward proxy's address. Default 127.0.0.1:8080.
	Listen string `yaml:"listen"`
	// AdminListen serves /healthz, /readyz (and later /metrics, /proxy.pac, /ca.pem). Default 127.0.0.1:9090.
	AdminListen string `yaml:"admin_listen"`
	// DataDir holds the CA and the audit file when no other path is set. Default ./promptwall-data.
	DataDir string `yaml:"data_dir"`
	CA      CA     `yaml:"ca"`
	Policy  Policy `yaml:"policy"`
	// Upstream tunes how promptwall reaches the vendors.
	Upstream Upstream `yaml:"upstream"`
	Internal Internal `yaml:"internal"`
	Audit    Audit    `yaml:"audit"`
	// Vendors are extra hosts to inspect beside the built-in catalog ("llm.example.com", "*.example.com").
	Vendors []string `yaml:"vendors"`
	Auth    Auth     `yaml:"auth"`
	// TransparentListen accepts TLS redirected by iptables/nftables. Default "" (off).
	TransparentListen string `yaml:"transparent_listen"`
	// AdvertiseAddr is the host:port written into /proxy.pac. Default "" (the listen address).
	AdvertiseAddr string `yaml:"advertise_addr"`
	// AllowCIDRs limits who may use the proxy. Default empty: loopback only when Listen is loopback, anyone otherwise.
	AllowCIDRs []string `yaml:"allow_cidrs"`
	Limits     Limits   `yaml:"limits"`
	Log        Log      `yaml:"log"`
}

// Log configures the operational log (stderr). The audit trail is separate.
type Log struct {
	// Level: debug, info, warn or error. Default info.
	Level string `yaml:"level"`
	// Format: json (default) or console.
	Format string `yaml:"format"`
}

// CA names a CA to load instead of the one created in DataDir. Both or neither.
type CA struct {
	CertFile string `yaml:"cert_file"`
	KeyFile  string `yaml:"key_file"`
}

// Policy configures the OPA engine.
type Policy struct {
	// Dir replaces the embedded bundle with a directory of .rego and data files. Default "" (embedded).
	Dir string `yaml:"dir"`
	// BundleURL loads OPA bundles from a bundle server. Default "" (off).
	BundleURL string `yaml:"bundle_url"`
	// PollSeconds is the reload polling period. Default 30.
	PollSeconds int `yaml:"poll_seconds"`
	// FailMode is what happens to vendor traffic when the policy cannot decide: closed (refuse, default) or open.
	FailMode string `yaml:"fail_mode"`
	// Monitor decides and audits but does not enforce. Default false.
	Monitor bool `yaml:"monitor"`
	// BundlePublicKeyFile is the PEM key bundles must be signed with (opa build --signing-key). Default "" (unsigned bundles).
	BundlePublicKeyFile string `yaml:"bundle_public_key_file"`
	// BundleCAFile holds the roots of the bundle server's certificate. Default "" (system roots).
	BundleCAFile string `yaml:"bundle_ca_file"`
	// BundleTokenFile holds a bearer token for the bundle server, re-read at each poll. Default "".
	BundleTokenFile string `yaml:"bundle_token_file"`
	// TimeoutMS bounds one policy evaluation; past it, the fail mode applies. Default 1000.
	TimeoutMS int `yaml:"timeout_ms"`
}

// Upstream tunes the connections to the vendors.
type Upstream struct {
	// CAFiles are extra PEM roots trusted for upstream TLS (a corporate CA, tests). Default none.
	CAFiles []string `yaml:"ca_files"`
	// Resolve overrides where a host:port is dialled: {"api.openai.com:443": "127.0.0.1:18443"}. Default none.
	Resolve map[string]string `yaml:"resolve"`
}

// Internal is the in-house OpenAI-compatible model.
type Internal struct {
	BaseURL   string            `yaml:"base_url"`
	APIKeyEnv string            `yaml:"api_key_env"`
	Models    map[string]string `yaml:"models"`
}

// Audit configures the audit trail.
type Audit struct {
	// File is the audit log. Default "" (DataDir/audit.log).
	File string `yaml:"file"`
	// HMACKeyEnv names the environment variable holding the fingerprint key. Default "" (PROMPTWALL_AUDIT_KEY).
	HMACKeyEnv string `yaml:"hmac_key_env"`
	// FailMode: closed (refuse vendor traffic when the audit cannot be written, default) or open.
	FailMode string `yaml:"fail_mode"`
	// MaxSizeMB rotates the file at this size. Default 100.
	MaxSizeMB int `yaml:"max_size_mb"`
	// RotateHours rotates the file when its first event is this old; 0 turns age rotation off. Default 24.
	RotateHours int `yaml:"rotate_hours"`
	// MaxAgeDays deletes rotated files older than this. Default 0 (keep all: auditors decide).
	MaxAgeDays int `yaml:"max_age_days"`
	// Compress gzips rotated files. Default false.
	Compress bool `yaml:"compress"`
}

// Auth identifies the staff member behind a request.
type Auth struct {
	Mode         string   `yaml:"mode"`
	HtpasswdFile string   `yaml:"htpasswd_file"`
	UserHeader   string   `yaml:"user_header"`
	TrustedCIDRs []string `yaml:"trusted_cidrs"`
	GroupsFile   string   `yaml:"groups_file"`
}

// Limits bounds what the proxy reads.
type Limits struct {
	// MaxBodyBytes is the largest request body inspected, after decoding. Default 32 MiB; larger is refused (413).
	MaxBodyBytes int64 `yaml:"max_body_bytes"`
	// IdleTimeoutSeconds closes a connection with no traffic for this long: a blind tunnel with no byte
	// either way, a decrypted connection between requests, a client that stops reading an answer.
	// An answer that is still arriving, however slowly, is never cut. Default 300.
	IdleTimeoutSeconds int `yaml:"idle_timeout_seconds"`
}

// Fail modes.
const (
	FailClosed = "closed"
	FailOpen   = "open"
)

// Load reads the file at path over the embedded defaults. An empty path means
// the defaults alone.
func Load(path string) (*Config, error) {
	if path == "" {
		return Parse(nil)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	c, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// Parse lays the YAML document b over the embedded defaults and validates the result.
func Parse(b []byte) (*Config, error) {
	var c Config
	if err := yaml.Unmarshal(defaultsYAML, &c); err != nil {
		return nil, fmt.Errorf("config: embedded defaults: %w", err)
	}
	if len(bytes.TrimSpace(b)) > 0 {
		var doc yaml.Node
		if err := yaml.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
		if len(doc.Content) > 0 {
			if err := checkKeys(doc.Content[0], reflect.TypeOf(c), ""); err != nil {
				return nil, err
			}
			if err := doc.Content[0].Decode(&c); err != nil {
				return nil, fmt.Errorf("config: %w", err)
			}
		}
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// checkKeys walks a YAML mapping against the struct type t and names the
// first key the struct does not know, with its full dotted path and line.
func checkKeys(n *yaml.Node, t reflect.Type, prefix string) error {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return nil
		}
		where := strings.TrimSuffix(prefix, ".")
		if where == "" {
			where = "the document"
		}
		return fmt.Errorf("config: line %d: %s must be a mapping of keys", n.Line, where)
	}
	fields := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		fields[name] = f
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		f, ok := fields[k.Value]
		if !ok {
			return fmt.Errorf("config: line %d: unknown key %q", k.Line, key)
		}
		if err := checkKeys(v, f.Type, key+"."); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks every value and returns the first problem, naming its key.
func (c *Config) Validate() error {
	var errs []error
	bad := func(key, format string, a ...any) {
		errs = append(errs, fmt.Errorf("config: %s: %s", key, fmt.Sprintf(format, a...)))
	}
	hostPort := func(key, v string, optional bool) {
		if v == "" {
			if !optional {
				bad(key, "must be host:port")
			}
			return
		}
		if _, port, err := net.SplitHostPort(v); err != nil || port == "" {
			bad(key, "%q is not host:port", v)
		}
	}
	cidrs := func(key string, vs []string) {
		for _, v := range vs {
			if _, err := netip.ParsePrefix(v); err != nil {
				if _, err2 := netip.ParseAddr(v); err2 != nil {
					bad(key, "%q is not a CIDR (e.g. 10.0.0.0/8) or an IP address", v)
				}
			}
		}
	}
	failMode := func(key, v string) {
		if v != FailClosed && v != FailOpen {
			bad(key, "%q is neither %q nor %q", v, FailClosed, FailOpen)
		}
	}
	hostPort("listen", c.Listen, false)
	hostPort("admin_listen", c.AdminListen, false)
	hostPort("transparent_listen", c.TransparentListen, true)
	hostPort("advertise_addr", c.AdvertiseAddr, true)
	if c.DataDir == "" {
		bad("data_dir", "must not be empty")
	}
	if (c.CA.CertFile == "") != (c.CA.KeyFile == "") {
		bad("ca", "cert_file and key_file go together: set both or neither")
	}
	if c.Policy.PollSeconds <= 0 {
		bad("policy.poll_seconds", "must be a positive number of seconds, got %d", c.Policy.PollSeconds)
	}
	failMode("policy.fail_mode", c.Policy.FailMode)
	if c.Policy.TimeoutMS <= 0 {
		bad("policy.timeout_ms", "must be a positive number of milliseconds, got %d", c.Policy.TimeoutMS)
	}
	if c.Policy.BundleURL == "" && (c.Policy.BundlePublicKeyFile != "" || c.Policy.BundleCAFile != "" || c.Policy.BundleTokenFile != "") {
		bad("policy", "bundle_public_key_file, bundle_ca_file and bundle_token_file need bundle_url")
	}
	if c.Policy.Dir != "" && c.Policy.BundleURL != "" {
		bad("policy", "dir and bundle_url are alternatives: set one")
	}
	if u := c.Policy.BundleURL; u != "" {
		if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			bad("policy.bundle_url", "%q is not an http(s) URL", u)
		}
	}
	for from, to := range c.Upstream.Resolve {
		hostPort("upstream.resolve key", from, false)
		hostPort(fmt.Sprintf("upstream.resolve[%q]", from), to, false)
	}
	if u := c.Internal.BaseURL; u != "" {
		if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			bad("internal.base_url", "%q is not an http(s) URL", u)
		}
	}
	failMode("audit.fail_mode", c.Audit.FailMode)
	if c.Audit.MaxSizeMB <= 0 {
		bad("audit.max_size_mb", "must be positive, got %d", c.Audit.MaxSizeMB)
	}
	if c.Audit.RotateHours < 0 || c.Audit.MaxAgeDays < 0 {
		bad("audit", "rotate_hours and max_age_days must not be negative")
	}
	switch c.Auth.Mode {
	case "none":
	case "basic":
		if c.Auth.HtpasswdFile == "" {
			bad("auth.htpasswd_file", "is required when auth.mode is basic")
		}
	case "header":
		if c.Auth.UserHeader == "" {
			bad("auth.user_header", "is required when auth.mode is header")
		}
		if len(c.Auth.TrustedCIDRs) == 0 {
			bad("auth.trusted_cidrs", "is required when auth.mode is header: only a trusted auth proxy may set the user")
		}
	default:
		bad("auth.mode", "%q is not one of none, basic, header", c.Auth.Mode)
	}
	cidrs("auth.trusted_cidrs", c.Auth.TrustedCIDRs)
	cidrs("allow_cidrs", c.AllowCIDRs)
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "%q is not one of debug, info, warn, error", c.Log.Level)
	}
	if c.Log.Format != "json" && c.Log.Format != "console" {
		bad("log.format", "%q is neither json nor console", c.Log.Format)
	}
	if c.Limits.MaxBodyBytes <= 0 {
		bad("limits.max_body_bytes", "must be positive, got %d", c.Limits.MaxBodyBytes)
	}
	if c.Limits.IdleTimeoutSeconds <= 0 {
		bad("limits.idle_timeout_seconds", "must be positive, got %d", c.Limits.IdleTimeoutSeconds)
	}
	return errors.Join(errs...)
}

// AuditFile is the audit log path: audit.file, or audit.log in the data dir.
func (c *Config) AuditFile() string {
	if c.Audit.File != "" {
		return c.Audit.File
	}
	return filepath.Join(c.DataDir, "audit.log")
}

// AuditKeyEnv is the environment variable that holds the audit HMAC key.
func (c *Config) AuditKeyEnv() string {
	if c.Audit.HMACKeyEnv != "" {
		return c.Audit.HMACKeyEnv
	}
	return "PROMPTWALL_AUDIT_KEY"
}
