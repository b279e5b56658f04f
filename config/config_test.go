package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaults(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != "127.0.0.1:8080" || c.AdminListen != "127.0.0.1:9090" || c.DataDir != "./promptwall-data" {
		t.Errorf("listen=%q admin=%q data_dir=%q", c.Listen, c.AdminListen, c.DataDir)
	}
	if c.Policy.FailMode != FailClosed || c.Audit.FailMode != FailClosed || c.Auth.Mode != "none" {
		t.Errorf("fail modes %q %q auth %q", c.Policy.FailMode, c.Audit.FailMode, c.Auth.Mode)
	}
	if c.Policy.PollSeconds != 30 || c.Limits.MaxBodyBytes != 32<<20 || c.Limits.IdleTimeoutSeconds != 300 {
		t.Errorf("poll=%d max_body=%d idle=%d", c.Policy.PollSeconds, c.Limits.MaxBodyBytes, c.Limits.IdleTimeoutSeconds)
	}
	if got := c.AuditFile(); got != filepath.Join("promptwall-data", "audit.log") {
		t.Errorf("AuditFile = %q", got)
	}
	if c.AuditKeyEnv() != "PROMPTWALL_AUDIT_KEY" {
		t.Errorf("AuditKeyEnv = %q", c.AuditKeyEnv())
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		wantErr string // substring; "" means success
		check   func(*testing.T, *Config)
	}{
		{name: "empty document", yaml: "", check: func(t *testing.T, c *Config) {
			if c.Listen != "127.0.0.1:8080" {
				t.Errorf("listen %q", c.Listen)
			}
		}},
		{name: "override keeps other defaults", yaml: "listen: 0.0.0.0:3128\npolicy: {monitor: true}\n", check: func(t *testing.T, c *Config) {
			if c.Listen != "0.0.0.0:3128" || !c.Policy.Monitor || c.Policy.PollSeconds != 30 || c.Policy.FailMode != "closed" {
				t.Errorf("got %+v", c.Policy)
			}
		}},
		{name: "resolve and ca files", yaml: "upstream:\n  ca_files: [a.pem]\n  resolve: {\"api.openai.com:443\": \"127.0.0.1:18443\"}\n", check: func(t *testing.T, c *Config) {
			if c.Upstream.Resolve["api.openai.com:443"] != "127.0.0.1:18443" || len(c.Upstream.CAFiles) != 1 {
				t.Errorf("got %+v", c.Upstream)
			}
		}},
		{name: "unknown top-level key", yaml: "listne: 1.2.3.4:5\n", wantErr: `line 1: unknown key "listne"`},
		{name: "unknown nested key", yaml: "policy:\n  fial_mode: open\n", wantErr: `line 2: unknown key "policy.fial_mode"`},
		{name: "bad fail mode", yaml: "policy: {fail_mode: maybe}\n", wantErr: `policy.fail_mode: "maybe"`},
		{name: "bad audit fail mode", yaml: "audit: {fail_mode: x}\n", wantErr: `audit.fail_mode`},
		{name: "bad listen", yaml: "listen: localhost\n", wantErr: `listen: "localhost" is not host:port`},
		{name: "wrong type", yaml: "policy: {poll_seconds: often}\n", wantErr: "cannot unmarshal"},
		{name: "zero poll", yaml: "policy: {poll_seconds: 0}\n", wantErr: "policy.poll_seconds"},
		{name: "zero idle timeout", yaml: "limits: {idle_timeout_seconds: 0}\n", wantErr: "limits.idle_timeout_seconds"},
		{name: "bad cidr", yaml: "allow_cidrs: [10.0.0.0/33]\n", wantErr: `allow_cidrs: "10.0.0.0/33"`},
		{name: "half a CA", yaml: "ca: {cert_file: x.pem}\n", wantErr: "ca: cert_file and key_file go together"},
		{name: "basic needs htpasswd", yaml: "auth: {mode: basic}\n", wantErr: "auth.htpasswd_file"},
		{name: "header needs trusted cidrs", yaml: "auth: {mode: header, user_header: X-User}\n", wantErr: "auth.trusted_cidrs"},
		{name: "bad auth mode", yaml: "auth: {mode: kerberos}\n", wantErr: `auth.mode: "kerberos"`},
		{name: "bad internal url", yaml: "internal: {base_url: llm.internal:8000}\n", wantErr: "internal.base_url"},
		{name: "bad resolve target", yaml: "upstream: {resolve: {\"a:443\": nowhere}}\n", wantErr: `upstream.resolve["a:443"]`},
		{name: "bad log level", yaml: "log: {level: loud}\n", wantErr: `log.level: "loud"`},
		{name: "console log", yaml: "log: {format: console, level: debug}\n", check: func(t *testing.T, c *Config) {
			if c.Log.Format != "console" || c.Log.Level != "debug" {
				t.Errorf("log %+v", c.Log)
			}
		}},
		{name: "not a mapping", yaml: "- a\n- b\n", wantErr: "must be a mapping"},
		{name: "section not a mapping", yaml: "policy: 3\n", wantErr: "line 1: policy must be a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.yaml))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

func TestLoadNamesFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pw.yaml")
	if err := os.WriteFile(p, []byte("bogus: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), `"bogus"`) {
		t.Fatalf("err = %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Fatal("missing file: no error")
	}
}
