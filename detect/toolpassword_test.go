package detect

import "testing"

// TestToolPasswords: the password a command-line tool takes by its
// documented option (redis-cli -a, ldapsearch -w, PsExec -p, sqlcmd -P,
// mongosh -p, Samba's -U user%password, net use's positional argument),
// and not another command's option of the same letter.
func TestToolPasswords(t *testing.T) {
	s := newTestScanner(t)
	const pass = "Qz7mKp2Lx9"
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"redis-cli", "redis-cli -h cache01 -a " + pass + " --scan --pattern 'session:*'", []want{{TypePassword, pass}}},
		{"ldapsearch", `ldapsearch -x -H ldaps://dc01 -D "cn=admin,dc=acme,dc=lan" -w ` + pass + " -b dc=acme", []want{{TypePassword, pass}}},
		{"psexec with a path", `C:\Tools\PsExec64.exe \\srv01 -u ACME\svc -p ` + pass + " cmd /c whoami", []want{{TypePassword, pass}}},
		{"sqlcmd", `sqlcmd -S db01 -U sa -P ` + pass + ` -Q "select 1"`, []want{{TypePassword, pass}}},
		{"mongosh", `mongosh "mongodb://db01:27017" -u admin -p ` + pass, []want{{TypePassword, pass}}},
		{"smbclient", "smbclient //fs01/share -U backup%" + pass, []want{{TypePassword, pass}}},
		{"sudo and a prompt", "$ sudo redis-cli -a " + pass + " ping", []want{{TypePassword, pass}}},
		{"net use after the user", `net use \\fs01\ADMIN$ /user:ACME\sa ` + pass, []want{{TypePassword, pass}}},
		{"net use before the user", `net use Z: \\fs01\share ` + pass + ` /user:ACME\bob`, []want{{TypePassword, pass}}},
		{"keytool", "keytool -genkeypair -keystore release.jks -alias upload -storepass " + pass + " -keypass Emb3r38#x -dname CN=x",
			[]want{{TypePassword, pass}, {TypePassword, "Emb3r38#x"}}},
		{"altool", "xcrun altool --upload-app -f app.ipa -u dev -p " + pass, []want{{TypePassword, pass}}},
		{"macos keychain", "$ security unlock-keychain -p " + pass + " build.keychain", []want{{TypePassword, pass}}},
		{"macos new keychain", "security create-keychain -p " + pass + " ci.keychain && security default-keychain -s ci.keychain", []want{{TypePassword, pass}}},
		// Not.
		{"keytool prompts", "keytool -list -keystore release.jks -storepass:env STOREPASS", nil},
		{"redis-cli variable", "redis-cli -a $REDIS_PASSWORD ping", nil},
		{"net use prompts", `net use Z: \\fs01\share * /user:ACME\bob`, nil},
		{"sqlcmd port-like option", "sqlcmd -S db01 -U sa -P -Q x", nil},
		{"another command's -p", "ssh -u deploy -p 2222 host", nil},
		{"tool named later on the line", "mkdir -u x -p build && echo psexec", nil},
		{"smbclient without a password", "smbclient //fs01/share -U backup", nil},
		{"macos keychain prompts", "security unlock-keychain -p \"$KEYCHAIN_PASSWORD\" build.keychain", nil},
		{"macos keychain path", "security add-internet-password -a u -s host -p /login create-keychain", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}
