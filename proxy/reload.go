package proxy

import (
	"context"
	"errors"
	"fmt"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/config"
)

// Reload applies a re-read configuration (SIGHUP): the policy is loaded
// again from its source and the htpasswd and groups files are re-read. Keys
// that shape listeners, the CA or the data dir take effect only on restart;
// a change to them is reported, not applied. On error what was in force stays.
func (s *Server) Reload(ctx context.Context, cfg *config.Config) error {
	var errs []error
	if changed, err := s.policy.Reload(ctx); err != nil {
		errs = append(errs, fmt.Errorf("proxy: policy kept at revision %s: %w", s.policy.Revision(), err))
	} else if changed {
		s.policyChanged(s.policy.Revision(), nil)
	}
	if cfg.Auth.Mode != s.cfg.Auth.Mode || cfg.Auth.UserHeader != s.cfg.Auth.UserHeader {
		errs = append(errs, errors.New("proxy: auth.mode and auth.user_header change only on restart"))
	} else if err := s.auth.load(cfg.Auth); err != nil {
		errs = append(errs, err)
	} else {
		s.log.Info("auth files reloaded")
	}
	for _, k := range restartOnly(s.cfg, cfg) {
		s.log.Warn("config key changed; it takes effect on restart", zap.String("key", k))
	}
	return errors.Join(errs...)
}

// restartOnly names the keys that differ between a and b and need a restart.
func restartOnly(a, b *config.Config) []string {
	var keys []string
	check := func(key string, same bool) {
		if !same {
			keys = append(keys, key)
		}
	}
	check("listen", a.Listen == b.Listen)
	check("admin_listen", a.AdminListen == b.AdminListen)
	check("data_dir", a.DataDir == b.DataDir)
	check("ca", a.CA == b.CA)
	check("policy.dir", a.Policy.Dir == b.Policy.Dir)
	check("policy.bundle_url", a.Policy.BundleURL == b.Policy.BundleURL)
	check("audit.file", a.Audit.File == b.Audit.File)
	check("internal.base_url", a.Internal.BaseURL == b.Internal.BaseURL)
	check("transparent_listen", a.TransparentListen == b.TransparentListen)
	return keys
}
