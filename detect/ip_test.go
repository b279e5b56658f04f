package detect

import "testing"

// TestIPv4Parts: an address has four parts; a dotted number going on past
// them from a root arc 0, 1 or 2 is an object identifier (X.660).
func TestIPv4Parts(t *testing.T) {
	s := newTestScanner(t)
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"snmp oid", "SNMP OID 1.3.6.1.2.1.2.2.1.12 returns ifInOctets", nil},
		{"oid leading dot", "snmpget -v2c host .1.3.6.1.2.1.1.3.0", nil},
		{"oid five parts", "arc 2.5.4.3.1 here", nil},
		{"oid iso", "OID 1.2.250.1.223", nil},
		{"oid of four arcs", "The extension with OID 2.5.29.32 (certificatePolicies)", nil},
		{"oids", "OIDs: 2.5.29.15, 2.5.29.37", nil},
		{"void is no oid", "void connect() { dial(\"10.2.3.4\"); }", []want{{TypeIPAddress, "10.2.3.4"}}},
		{"address", "host 1.3.6.1 is up", []want{{TypeIPAddress, "1.3.6.1"}}},
		{"address then a sentence", "host 1.3.6.1. Then", []want{{TypeIPAddress, "1.3.6.1"}}},
		{"typed-on part", "192.168.1.1.1", []want{{TypeIPAddress, "192.168.1.1"}}},
		{"inside a dotted number", "v 9.1.3.6.1.2", []want{{TypeIPAddress, "9.1.3.6"}}},
		{"version", "version 1.2.3.4 is out", nil},
		{"firmware", "Il firmware 20.9.0.118 del router ha un bug noto.", nil},
		{"firmware en", "Firmware 8.9.1.6 has a known bug.", nil},
		{"revision", "revisione 3.1.0.2 del documento", nil},
		{"user agent", `10.1.2.3 - - "GET / HTTP/1.1" 200 "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0"`, []want{{TypeIPAddress, "10.1.2.3"}}},
		{"user agent mobile", "UA: Mozilla/5.0 (Linux; Android 14) Chrome/126.0.0.0 Mobile Safari/537.36, HeadlessChrome/120.0.0.0", nil},
		{"address in a url path", "GET /api/hosts/10.20.30.40 and https://10.20.30.41/x", []want{{TypeIPAddress, "10.20.30.40"}, {TypeIPAddress, "10.20.30.41"}}},
		{"firmware to an address", "Upload the firmware to 192.168.1.10 via TFTP", []want{{TypeIPAddress, "192.168.1.10"}}},
		{"revision server", "Revision server 10.20.30.40 is down", []want{{TypeIPAddress, "10.20.30.40"}}},
		{"firmware word far before", "firmware updated on the router reachable at 10.20.0.118", []want{{TypeIPAddress, "10.20.0.118"}}},
		{"version on the line above", "-app_version: 5.14.20\n+host: 79.55.141.234", []want{{TypeIPAddress, "79.55.141.234"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}
