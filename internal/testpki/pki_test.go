package testpki

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"net"
	"os"
	"testing"
)

func TestServerTLSHandshake(t *testing.T) {
	ca := NewCA(t)
	other := NewCA(t)
	tests := []struct {
		name, serverName string
		roots            *x509.CertPool
		wantErr          bool
	}{
		{"dns name", "api.openai.com", ca.Pool(), false},
		{"ip SAN", "127.0.0.1", ca.Pool(), false},
		{"unlisted name", "evil.example", ca.Pool(), true},
		{"other CA", "api.openai.com", other.Pool(), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ln, err := tls.Listen("tcp", "127.0.0.1:0", ca.ServerTLS(t, "api.openai.com"))
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			go func() {
				c, err := ln.Accept()
				if err == nil {
					_ = c.(*tls.Conn).Handshake()
					_ = c.Close()
				}
			}()
			conn, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			err = tls.Client(conn, &tls.Config{ServerName: tt.serverName, RootCAs: tt.roots}).Handshake()
			if (err != nil) != tt.wantErr {
				t.Fatalf("handshake err = %v, wantErr %t", err, tt.wantErr)
			}
		})
	}
}

func TestWritePEM(t *testing.T) {
	ca := NewCA(t)
	data, err := os.ReadFile(ca.WritePEM(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatal("no CERTIFICATE block")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil || !cert.Equal(ca.Cert) {
		t.Fatalf("written PEM is not the CA: %v", err)
	}
}
