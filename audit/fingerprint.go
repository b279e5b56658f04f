package audit

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Fingerprinter turns a finding's value into an HMAC-SHA256 fingerprint under
// the audit key.
type Fingerprinter struct{ key []byte }

// NewFingerprinter uses key, which must be at least 16 bytes.
func NewFingerprinter(key []byte) (*Fingerprinter, error) {
	if len(key) < 16 {
		return nil, errors.New("audit: the HMAC key must be at least 16 bytes")
	}
	return &Fingerprinter{key: key}, nil
}

// Fingerprint returns the first 128 bits of HMAC-SHA256(key, value) in hex.
func (f *Fingerprinter) Fingerprint(value string) string {
	m := hmac.New(sha256.New, f.key)
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// LoadKey returns the audit HMAC key: the value of the environment variable
// env when set, else the key kept in dataDir/audit.key, created (0600) with 32
// random bytes on first use so fingerprints stay comparable across restarts.
func LoadKey(env, dataDir string) ([]byte, error) {
	if v := strings.TrimSpace(os.Getenv(env)); v != "" {
		if len(v) < 16 {
			return nil, fmt.Errorf("audit: %s must hold at least 16 characters", env)
		}
		return []byte(v), nil
	}
	p := filepath.Join(dataDir, "audit.key")
	b, err := os.ReadFile(p)
	if err == nil {
		k, derr := hex.DecodeString(strings.TrimSpace(string(b)))
		if derr != nil || len(k) < 16 {
			return nil, fmt.Errorf("audit: %s does not hold a hex key of at least 16 bytes", p)
		}
		return k, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("audit: reading key: %w", err)
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("audit: creating %s: %w", dataDir, err)
	}
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		return nil, fmt.Errorf("audit: generating key: %w", err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit: creating key file: %w", err)
	}
	if _, err := f.WriteString(hex.EncodeToString(k) + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("audit: writing key file: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("audit: writing key file: %w", err)
	}
	return k, nil
}
