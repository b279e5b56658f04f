package proxy

import (
	"context"
	"fmt"
	"os"
	"time"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/detect"
	"github.com/promptwall/promptwall/policy"
)

// newPolicy builds the engine from the policy.* keys: the embedded bundle, a
// directory, or a bundle server.
func newPolicy(ctx context.Context, cfg *config.Config) (*policy.Engine, error) {
	opts := []policy.Option{
		policy.WithMonitor(cfg.Policy.Monitor),
		policy.WithInternal(cfg.Internal.BaseURL != ""),
		policy.WithTimeout(time.Duration(cfg.Policy.TimeoutMS) * time.Millisecond),
	}
	switch {
	case cfg.Policy.Dir != "":
		opts = append(opts, policy.WithDir(cfg.Policy.Dir))
	case cfg.Policy.BundleURL != "":
		src := policy.BundleSource{URL: cfg.Policy.BundleURL, CACertFile: cfg.Policy.BundleCAFile, BearerTokenFile: cfg.Policy.BundleTokenFile}
		if f := cfg.Policy.BundlePublicKeyFile; f != "" {
			key, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("proxy: policy.bundle_public_key_file: %w", err)
			}
			src.PublicKey = key
		}
		opts = append(opts, policy.WithBundle(src))
	}
	return policy.New(ctx, opts...)
}

// buildScanner compiles the built-in detectors plus the custom detectors the
// policy data defines (data.promptwall.custom_detectors).
func (s *Server) buildScanner() error {
	custom := s.policy.CustomDetectors()
	ds := make([]detect.CustomDetector, len(custom))
	for i, c := range custom {
		ds[i] = detect.CustomDetector{Type: c.Type, Category: c.Category, Severity: c.Severity,
			Regex: c.Regex, Keywords: c.Keywords, Validator: c.Validator, Terms: c.Terms}
	}
	sc, err := detect.NewScanner(detect.WithCustom(ds))
	if err != nil {
		return fmt.Errorf("proxy: policy revision %s: %w", s.policy.Revision(), err)
	}
	s.scanner.Store(sc)
	return nil
}

// policyChanged follows a new policy revision: metrics, and the detectors
// its data defines. A custom detector that does not compile leaves the
// previous detectors in force, loudly.
func (s *Server) policyChanged(rev string, err error) {
	if err != nil {
		s.log.Error("policy update refused; the policy in force stays", zap.String("policy_revision", rev), zap.Error(err))
		return
	}
	s.metrics.setRevision(rev)
	if err := s.buildScanner(); err != nil {
		s.log.Error("custom detectors of the new policy refused; the previous detectors stay", zap.Error(err))
		return
	}
	s.log.Info("policy in force", zap.String("policy_revision", rev))
}
