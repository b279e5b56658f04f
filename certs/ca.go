package certs

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// File names of the CA inside the data directory.
const (
	CertFileName = "ca.pem"
	KeyFileName  = "ca-key.pem"
)

// caValidity is the lifetime of a CA created by promptwall.
const caValidity = 10 * 365 * 24 * time.Hour

// ErrCAExists is returned by Init when a CA is already present and force is false.
var ErrCAExists = errors.New("certs: a CA already exists")

// CA is a certificate authority: its certificate and the key that signs leaves.
type CA struct {
	cert    *x509.Certificate
	certPEM []byte
	key     crypto.Signer
}

// Certificate returns the CA certificate.
func (ca *CA) Certificate() *x509.Certificate { return ca.cert }

// CertPEM returns the CA certificate PEM-encoded, for trust stores.
func (ca *CA) CertPEM() []byte { return bytes.Clone(ca.certPEM) }

// Signer returns the CA private key.
func (ca *CA) Signer() crypto.Signer { return ca.key }

// LoadOrCreate returns the CA promptwall should use. With certFile and
// keyFile set it loads that pair (a corporate CA); otherwise it uses
// dataDir/ca.pem and dataDir/ca-key.pem, creating an ECDSA P-256 CA there
// when neither exists. created reports whether a new CA was written.
func LoadOrCreate(dataDir, certFile, keyFile string) (ca *CA, created bool, err error) {
	if certFile != "" || keyFile != "" {
		if certFile == "" || keyFile == "" {
			return nil, false, errors.New("certs: ca.cert_file and ca.key_file must be set together")
		}
		ca, err := LoadFiles(certFile, keyFile)
		return ca, false, err
	}
	if dataDir == "" {
		return nil, false, errors.New("certs: no data directory for the CA")
	}
	certPath, keyPath := filepath.Join(dataDir, CertFileName), filepath.Join(dataDir, KeyFileName)
	certExists, err := exists(certPath)
	if err != nil {
		return nil, false, err
	}
	keyExists, err := exists(keyPath)
	if err != nil {
		return nil, false, err
	}
	switch {
	case certExists && keyExists:
		ca, err := LoadFiles(certPath, keyPath)
		return ca, false, err
	case certExists != keyExists:
		// Never silently replace half a CA: clients may already trust it.
		return nil, false, fmt.Errorf("certs: incomplete CA in %s: %s present=%t, %s present=%t; restore the missing file or run `promptwall ca init --force`",
			dataDir, CertFileName, certExists, KeyFileName, keyExists)
	}
	ca, err = create(dataDir)
	if err != nil {
		return nil, false, err
	}
	return ca, true, nil
}

// Init creates a new CA in dataDir, as `promptwall ca init` does. It refuses
// to replace an existing CA (ErrCAExists) unless force is set.
func Init(dataDir string, force bool) (*CA, error) {
	if dataDir == "" {
		return nil, errors.New("certs: no data directory for the CA")
	}
	if !force {
		for _, name := range []string{CertFileName, KeyFileName} {
			ok, err := exists(filepath.Join(dataDir, name))
			if err != nil {
				return nil, err
			}
			if ok {
				return nil, fmt.Errorf("%w in %s (use --force to replace it; clients trusting the old CA must then trust the new one)", ErrCAExists, dataDir)
			}
		}
	}
	return create(dataDir)
}

// NewCA generates a new ECDSA P-256 CA in memory.
func NewCA() (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("certs: generating CA key: %w", err)
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "promptwall CA", Organization: []string{"promptwall"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(caValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLen:            0,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("certs: self-signing CA: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("certs: parsing new CA: %w", err)
	}
	return &CA{cert: cert, certPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), key: key}, nil
}

func create(dataDir string) (*CA, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("certs: creating data directory: %w", err)
	}
	ca, err := NewCA()
	if err != nil {
		return nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(ca.key)
	if err != nil {
		return nil, fmt.Errorf("certs: encoding CA key: %w", err)
	}
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})
	// Key first: a crash between the two writes leaves a key without a
	// certificate, which LoadOrCreate reports instead of trusting.
	if err := writeAtomic(filepath.Join(dataDir, KeyFileName), keyPEM, 0o600); err != nil {
		return nil, err
	}
	if err := writeAtomic(filepath.Join(dataDir, CertFileName), ca.certPEM, 0o644); err != nil {
		return nil, err
	}
	return ca, nil
}

// LoadFiles loads a CA from a PEM certificate and a PEM private key (PKCS#8,
// SEC 1 EC or PKCS#1 RSA). The key file must not be readable by group or others.
func LoadFiles(certFile, keyFile string) (*CA, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return nil, fmt.Errorf("certs: reading CA certificate: %w", err)
	}
	if err := checkKeyPerm(keyFile); err != nil {
		return nil, err
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("certs: reading CA key: %w", err)
	}
	ca, err := Parse(certPEM, keyPEM)
	if err != nil {
		return nil, fmt.Errorf("%w (certificate %s, key %s)", err, certFile, keyFile)
	}
	return ca, nil
}

// Parse builds a CA from PEM-encoded certificate and key, checking that the
// certificate is a valid CA and that the key belongs to it.
func Parse(certPEM, keyPEM []byte) (*CA, error) {
	cert, der, err := parseCertPEM(certPEM)
	if err != nil {
		return nil, err
	}
	if !cert.BasicConstraintsValid || !cert.IsCA {
		return nil, errors.New("certs: the certificate is not a CA (basicConstraints CA:TRUE missing)")
	}
	if cert.KeyUsage != 0 && cert.KeyUsage&x509.KeyUsageCertSign == 0 {
		return nil, errors.New("certs: the CA certificate does not allow certificate signing (keyUsage keyCertSign missing)")
	}
	if now := time.Now(); now.After(cert.NotAfter) {
		return nil, fmt.Errorf("certs: the CA certificate expired on %s", cert.NotAfter.UTC().Format(time.RFC3339))
	}
	key, err := ParseKeyPEM(keyPEM)
	if err != nil {
		return nil, err
	}
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(cert.PublicKey) {
		return nil, errors.New("certs: the CA key does not match the CA certificate")
	}
	return &CA{cert: cert, certPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), key: key}, nil
}

func parseCertPEM(data []byte) (*x509.Certificate, []byte, error) {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return nil, nil, errors.New("certs: no CERTIFICATE block in the CA certificate file")
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, nil, fmt.Errorf("certs: parsing CA certificate: %w", err)
		}
		return cert, block.Bytes, nil
	}
}

// ParseKeyPEM parses the first private key in PEM data: PKCS#8 ("PRIVATE
// KEY"), SEC 1 ("EC PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY"). Other blocks
// such as "EC PARAMETERS" are skipped. Errors never include key material.
func ParseKeyPEM(data []byte) (crypto.Signer, error) {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return nil, errors.New("certs: no private key block in the CA key file")
		}
		if _, encrypted := block.Headers["Proc-Type"]; encrypted || block.Type == "ENCRYPTED PRIVATE KEY" {
			return nil, errors.New("certs: the CA key is encrypted; provide an unencrypted key file (mode 0600)")
		}
		var (
			key any
			err error
		)
		switch block.Type {
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(block.Bytes)
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		default:
			continue
		}
		if err != nil {
			// The parse error describes structure, not key bytes.
			return nil, fmt.Errorf("certs: parsing CA key (%s): %w", block.Type, err)
		}
		switch k := key.(type) {
		case *ecdsa.PrivateKey:
			return k, nil
		case *rsa.PrivateKey:
			return k, nil
		case ed25519.PrivateKey:
			return k, nil
		default:
			return nil, fmt.Errorf("certs: unsupported CA key type %T", key)
		}
	}
}

// checkKeyPerm refuses a key file that group or others may access.
func checkKeyPerm(path string) error {
	if runtime.GOOS == "windows" {
		return nil // POSIX modes mean nothing there; ACLs are the admin's job.
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("certs: CA key file: %w", err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("certs: CA key file %s has mode %#o, readable beyond its owner; run `chmod 600 %s`", path, perm, path)
	}
	return nil
}

func exists(path string) (bool, error) {
	_, err := os.Stat(path)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	default:
		return false, fmt.Errorf("certs: %w", err)
	}
}

// writeAtomic writes data to a temporary file created with perm in the same
// directory and renames it into place, so readers never see a partial file
// and the key is never briefly world-readable.
func writeAtomic(path string, data []byte, perm os.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("certs: writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(perm); err != nil {
		return fmt.Errorf("certs: writing %s: %w", path, err)
	}
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("certs: writing %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("certs: writing %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("certs: writing %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("certs: writing %s: %w", path, err)
	}
	return nil
}

func randomSerial() (*big.Int, error) {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("certs: generating serial: %w", err)
	}
	return n.Add(n, big.NewInt(1)), nil // never zero
}
