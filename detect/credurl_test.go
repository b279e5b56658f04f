package detect

import "testing"

// TestCredentialURLUserinfo covers the userinfo forms of RFC 3986
// (user[:password]): a password with an empty user (Redis's
// redis://:password@host) is one, a user alone or an empty password is not,
// and the host inside is not reported on its own.
func TestCredentialURLUserinfo(t *testing.T) {
	s := newTestScanner(t)
	const pass = "Zq8vT2pLmN4x"
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"empty user", "REDIS_URL=redis://:" + pass + "@cache.acme.it:6379/0", []want{{TypeCredentialURL, "redis://:" + pass + "@cache.acme.it:6379/0"}}},
		{"empty user tls, ip host", "use rediss://:" + pass + "@10.0.72.77:6380/0 now", []want{{TypeCredentialURL, "rediss://:" + pass + "@10.0.72.77:6380/0"}}},
		{"empty user, escaped at", "rediss://:1TQuKvToi8%40Byfk@ftp.acme.com/0", []want{{TypeCredentialURL, "rediss://:1TQuKvToi8%40Byfk@ftp.acme.com/0"}}},
		{"user and password", "redis://default:" + pass + "@cache.acme.it:6379", []want{{TypeCredentialURL, "redis://default:" + pass + "@cache.acme.it:6379"}}},
		{"empty user placeholder", "redis://:password@localhost:6379", nil},
		{"empty user template", "redis://:${REDIS_PASSWORD}@cache:6379", nil},
		{"empty user and password", "redis://:@cache.acme.it:6379", nil},
		// Inside an escaped string (a tool's output quoted in JSON, pasted):
		// the URL ends before the escape of a line break or a quote.
		{"escaped line breaks", `"env":"DB=postgres://etl:` + pass + `@db.acme.it:5432/orders\nREDIS=redis://:` + pass + `@h:6379/0\n"`,
			[]want{{TypeCredentialURL, "postgres://etl:" + pass + "@db.acme.it:5432/orders"}, {TypeCredentialURL, "redis://:" + pass + "@h:6379/0"}}},
		{"escaped quote", `"cmd":"psql \"postgresql://u:` + pass + `@db/app\" -c"`, []want{{TypeCredentialURL, "postgresql://u:" + pass + "@db/app"}}},
		{"escape in the authority", `redis://:` + pass + `\n@x`, nil},
		{"user only", "ssh://git@github.com/org/repo.git", nil},
		{"port, no userinfo", "http://:8080/path", nil},
		// SQL Server's JDBC URL: host:port;properties, an '@' in one of them.
		{"jdbc properties", "jdbc:sqlserver://db.acme.lan:1433;databaseName=HIS;user=sa;password=M@r3@53_;encrypt=false",
			[]want{{TypePassword, "M@r3@53_"}}},
		{"a password starting with digits", "redis://u:1433x;y@h:6379", []want{{TypeCredentialURL, "redis://u:1433x;y@h:6379"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestTokenInsideCredentialURL: a vendor's token given as a URL's password
// is reported with its own type as well as the URL (a policy may act on
// either); a password that is no token is the URL's alone.
func TestTokenInsideCredentialURL(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	gh := genGitHubToken(r, "ghs_")
	gl := "glpat-" + randFrom(r, base62, 20)
	ghURL := "https://x-access-token:" + gh + "@github.com/acme/infra.git"
	glURL := "https://oauth2:" + gl + "@gitlab.acme.it/crm/web.git"
	checkFindings(t, s, "git clone "+ghURL, []want{{TypeCredentialURL, ghURL}, {TypeGitHubToken, gh}})
	checkFindings(t, s, "origin\t"+glURL+" (fetch)", []want{{TypeCredentialURL, glURL}, {TypeGitLabToken, gl}})
	plain := "https://deploy:Zq8vT2pLmN4x@git.acme.it/web.git"
	checkFindings(t, s, "git clone "+plain, []want{{TypeCredentialURL, plain}})
}
