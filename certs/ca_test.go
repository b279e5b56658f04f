package certs

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestLoadOrCreateCreatesThenLoads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	ca, created, err := LoadOrCreate(dir, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if !created {
		t.Fatal("first run: created = false")
	}
	c := ca.Certificate()
	if !c.IsCA || c.MaxPathLen != 0 || !c.MaxPathLenZero || c.Subject.CommonName != "promptwall CA" {
		t.Fatalf("CA constraints: IsCA=%t MaxPathLen=%d zero=%t CN=%q", c.IsCA, c.MaxPathLen, c.MaxPathLenZero, c.Subject.CommonName)
	}
	if c.KeyUsage != x509.KeyUsageCertSign|x509.KeyUsageCRLSign {
		t.Fatalf("key usage %v", c.KeyUsage)
	}
	if _, ok := c.PublicKey.(*ecdsa.PublicKey); !ok {
		t.Fatalf("public key %T, want ECDSA", c.PublicKey)
	}
	if got := c.NotAfter.Sub(c.NotBefore); got < 9*365*24*time.Hour {
		t.Fatalf("validity %v, want ~10 years", got)
	}
	if runtime.GOOS != "windows" {
		for name, want := range map[string]os.FileMode{".": 0o700, KeyFileName: 0o600} {
			fi, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != want {
				t.Errorf("%s mode %#o, want %#o", name, fi.Mode().Perm(), want)
			}
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("data dir holds %d entries, want 2 (no temp files left)", len(entries))
	}

	again, created, err := LoadOrCreate(dir, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if created {
		t.Fatal("second run created a new CA")
	}
	if !again.Certificate().Equal(c) {
		t.Fatal("second run loaded a different CA")
	}
	if string(again.CertPEM()) != string(ca.CertPEM()) {
		t.Fatal("CertPEM differs after reload")
	}
}

func TestLoadOrCreateRefusesLooseKeyPerms(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX modes")
	}
	dir := t.TempDir()
	if _, _, err := LoadOrCreate(dir, "", ""); err != nil {
		t.Fatal(err)
	}
	keyPath := filepath.Join(dir, KeyFileName)
	if err := os.Chmod(keyPath, 0o640); err != nil {
		t.Fatal(err)
	}
	_, _, err := LoadOrCreate(dir, "", "")
	if err == nil || !strings.Contains(err.Error(), keyPath) || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("err = %v, want one naming %s and chmod 600", err, keyPath)
	}
}

func TestLoadOrCreateIncompleteCA(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := LoadOrCreate(dir, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, CertFileName)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadOrCreate(dir, "", ""); err == nil || !strings.Contains(err.Error(), "incomplete CA") {
		t.Fatalf("err = %v, want incomplete CA", err)
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	first, err := Init(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Init(dir, false); !errors.Is(err, ErrCAExists) {
		t.Fatalf("second Init without force: err = %v, want ErrCAExists", err)
	}
	second, err := Init(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if second.Certificate().Equal(first.Certificate()) {
		t.Fatal("forced Init kept the old CA")
	}
	loaded, created, err := LoadOrCreate(dir, "", "")
	if err != nil || created {
		t.Fatalf("LoadOrCreate after Init: created=%t err=%v", created, err)
	}
	if !loaded.Certificate().Equal(second.Certificate()) {
		t.Fatal("LoadOrCreate did not load the forced CA")
	}
}

// writeCA writes a CA certificate and key in the given PEM key form.
func writeCA(t *testing.T, dir string, isCA bool, keyType string) (certFile, keyFile string) {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(42),
		Subject:               pkix.Name{CommonName: "Corp Root"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  isCA,
	}
	var (
		signer  any
		pub     any
		keyPEM  []byte
		marshal = func(typ string, der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}) }
	)
	switch keyType {
	case "rsa-pkcs1", "rsa-pkcs8":
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		signer, pub = k, &k.PublicKey
		if keyType == "rsa-pkcs1" {
			keyPEM = marshal("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(k))
		} else {
			der, _ := x509.MarshalPKCS8PrivateKey(k)
			keyPEM = marshal("PRIVATE KEY", der)
		}
	case "ec-sec1", "ec-pkcs8":
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		signer, pub = k, &k.PublicKey
		if keyType == "ec-sec1" {
			der, _ := x509.MarshalECPrivateKey(k)
			// openssl ecparam -genkey emits an EC PARAMETERS block first.
			keyPEM = append(marshal("EC PARAMETERS", []byte{6, 8, 42, 134, 72, 206, 61, 3, 1, 7}), marshal("EC PRIVATE KEY", der)...)
		} else {
			der, _ := x509.MarshalPKCS8PrivateKey(k)
			keyPEM = marshal("PRIVATE KEY", der)
		}
	default:
		t.Fatalf("key type %q", keyType)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, signer)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "corp.pem"), filepath.Join(dir, "corp-key.pem")
	if err := os.WriteFile(certFile, marshal("CERTIFICATE", der), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, keyPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

func TestLoadUserProvidedCA(t *testing.T) {
	for _, kt := range []string{"rsa-pkcs1", "rsa-pkcs8", "ec-sec1", "ec-pkcs8"} {
		t.Run(kt, func(t *testing.T) {
			certFile, keyFile := writeCA(t, t.TempDir(), true, kt)
			dataDir := filepath.Join(t.TempDir(), "unused")
			ca, created, err := LoadOrCreate(dataDir, certFile, keyFile)
			if err != nil {
				t.Fatal(err)
			}
			if created || ca.Certificate().Subject.CommonName != "Corp Root" {
				t.Fatalf("created=%t CN=%q", created, ca.Certificate().Subject.CommonName)
			}
			if _, err := os.Stat(dataDir); err == nil {
				t.Error("a user-provided CA must not create files in the data dir")
			}
			// The loaded CA must actually sign usable leaves.
			leaf, err := NewMinter(ca).Certificate("api.openai.com")
			if err != nil {
				t.Fatal(err)
			}
			verifyLeaf(t, ca, leaf.Leaf, "api.openai.com")
		})
	}
}

func TestLoadUserProvidedCAErrors(t *testing.T) {
	dir := t.TempDir()
	certA, keyA := writeCA(t, filepath.Join(mkdir(t, dir, "a")), true, "ec-pkcs8")
	_, keyB := writeCA(t, filepath.Join(mkdir(t, dir, "b")), true, "ec-pkcs8")
	certLeaf, keyLeaf := writeCA(t, filepath.Join(mkdir(t, dir, "c")), false, "ec-sec1")
	garbage := filepath.Join(dir, "garbage.pem")
	if err := os.WriteFile(garbage, []byte("not pem"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, cert, key, want string
	}{
		{"mismatched key", certA, keyB, "does not match"},
		{"not a CA", certLeaf, keyLeaf, "not a CA"},
		{"cert only", certA, "", "set together"},
		{"garbage key", certA, garbage, "no private key"},
		{"garbage cert", garbage, keyA, "no CERTIFICATE"},
		{"missing key", certA, filepath.Join(dir, "nope.pem"), "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := LoadOrCreate(t.TempDir(), tt.cert, tt.key)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseKeyPEMEncrypted(t *testing.T) {
	block := pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{1, 2, 3}})
	if _, err := ParseKeyPEM(block); err == nil || !strings.Contains(err.Error(), "encrypted") {
		t.Fatalf("err = %v, want encrypted", err)
	}
}

func mkdir(t *testing.T, parent, name string) string {
	t.Helper()
	p := filepath.Join(parent, name)
	if err := os.Mkdir(p, 0o700); err != nil {
		t.Fatal(err)
	}
	return p
}

func FuzzParseKeyPEM(f *testing.F) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	f.Add(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	f.Add([]byte("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		key, err := ParseKeyPEM(data)
		if (key == nil) == (err == nil) {
			t.Fatalf("key=%v err=%v: exactly one must be set", key != nil, err)
		}
	})
}
