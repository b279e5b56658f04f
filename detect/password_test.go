package detect

import (
	"slices"
	"strings"
	"testing"
)

// TestPasswordASCIIFastPaths checks that the ASCII versions of the value
// checks agree with the Unicode-folding ones they stand in for.
func TestPasswordASCIIFastPaths(t *testing.T) {
	r := rng(t)
	words := []string{"password", "PassWord", "none", "NULL", "xxxx", "your_", "redacted", "Example", "process.env.X",
		"os.getenv(", "VAR.db", "env.", "admin", "<pw>", "****", "s3cr3t", "Tr0ub4dor&3", "aaa", "ab"}
	for range 20000 {
		v := words[r.IntN(len(words))]
		if r.IntN(2) == 0 {
			v += randFrom(r, "aB1_.x(*<", r.IntN(6))
		}
		user := ""
		if r.IntN(3) == 0 {
			user = strings.ToUpper(v)
		}
		if got, want := placeholderPassword(v, user), placeholderPasswordUnicode(v, user); got != want {
			t.Fatalf("placeholderPassword(%q, %q) = %v, want %v", v, user, got, want)
		}
		if got, want := isReference(v), isReferenceUnicode(v); got != want {
			t.Fatalf("isReference(%q) = %v, want %v", v, got, want)
		}
	}
	for _, s := range []string{"", "_", "-_word", "WD", "Value", "_plainText", "hash", "1", "_2", "s", "ss", "_B64", "_base64", "_b6",
		"_Clear", "_chiaro", "_in_chiaro", "_in"} {
		want := false
		switch strings.ToLower(strings.TrimLeft(s, "_-")) {
		case "", "word", "wd", "value", "val", "str", "string", "text", "plain", "plaintext", "clear", "cleartext", "chiaro", "in_chiaro",
			"1", "2", "s", "b64", "base64":
			want = true
		}
		if got := passwordSuffix(s); got != want {
			t.Errorf("passwordSuffix(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestMaxNonPassword(t *testing.T) {
	for w := range commonNonPasswords {
		if len(w) > maxNonPassword || w != strings.ToLower(w) {
			t.Errorf("commonNonPasswords: %q is longer than maxNonPassword or not lower case", w)
		}
	}
}

// TestEnvReference compares envReference's one pass with looking for
// each word on its own.
func TestEnvReference(t *testing.T) {
	r := rng(t)
	pieces := []string{"process.", "PROCESS.", "get", "GeT", "env", "EnV", "e", "n", "v", ".", "x", "proc"}
	found := 0
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		v := b.String()
		want := indexFold(v, "process.env") >= 0 || indexFold(v, "getenv") >= 0
		if got := envReference(v); got != want {
			t.Fatalf("envReference(%q) = %v, want %v", v, got, want)
		}
		if want {
			found++
		}
	}
	if found < 1000 {
		t.Fatalf("only %d references generated", found)
	}
}

// TestNonPasswordEnds checks the first/last-byte gate before the map of
// commonNonPasswords: every word, in any case, is still found, and values
// of no length or too long are let through.
func TestNonPasswordEnds(t *testing.T) {
	for w := range commonNonPasswords {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			if !placeholderPassword(v, "") {
				t.Errorf("placeholderPassword(%q) = false, want true", v)
			}
		}
	}
	for _, v := range []string{"", "Xk9#mQ2p", "tX9#mQ2pwA1bC3dE5fG7"} {
		if placeholderPassword(v, "") != (v == "") {
			t.Errorf("placeholderPassword(%q) = %v", v, !(v == ""))
		}
	}
}

// looksRandomSimple is looksRandom's definition: two or more of lower
// case, upper case, digits and other bytes, and not capitals alone.
func looksRandomSimple(v string) bool {
	var lower, upper, digit, other bool
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isLower(c):
			lower = true
		case isUpper(c):
			upper = true
		case isDigit(c):
			digit = true
		default:
			other = true
		}
	}
	n := 0
	for _, k := range []bool{lower, upper, digit, other} {
		if k {
			n++
		}
	}
	return n >= 2 && !(upper && !lower && !digit && !other) && strings.Trim(v, "abcdefghijklmnopqrstuvwxyz-") != ""
}

// TestLooksRandom compares looksRandom (kinds as bits, no branch per byte)
// with its definition; the table holds one value of each mix.
func TestLooksRandom(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"", false}, {"password", false}, {"PASSWORD", false}, {"12345678", false}, {"!!--..", false},
		{"Password", true}, {"passw0rd", true}, {"PASS1234", true}, {"pass-word", false}, {"case-sensitive", false}, {"Case-sensitive", true}, {"case-2", true}, {"PASS!", true},
		{"1234-5678", true}, {"\x00a", true}, {"é", false}, {"aé", true},
	} {
		if got := looksRandom(c.v); got != c.want || got != looksRandomSimple(c.v) {
			t.Errorf("looksRandom(%q) = %v, want %v", c.v, got, c.want)
		}
	}
	r := rng(t)
	for range 20000 {
		v := randFrom(r, "aZ5-\x00\xff"[:1+r.IntN(6)], r.IntN(12))
		if got, want := looksRandom(v), looksRandomSimple(v); got != want {
			t.Fatalf("looksRandom(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestPasswordAssignmentForms covers assignments beyond key: value: an XML
// element's content, a long option's separate argument, the -p option of
// clients where it is unambiguous, and the ';' that ends an unquoted value
// in a connection string; with the look-alikes each must leave alone.
func TestPasswordAssignmentForms(t *testing.T) {
	s := newTestScanner(t)
	const pass = "Qz7mKp2Lx9"
	tests := []struct {
		name, text string
		wants      []want
	}{
		// A call's key and value arguments (wp-config.php, os.Setenv).
		{"php define", "define( 'DB_PASSWORD', '" + pass + "' );", []want{{TypePassword, pass}}},
		{"go setenv", `os.Setenv("DB_PASSWORD", "` + pass + `")`, []want{{TypePassword, pass}}},
		{"php define placeholder", "define( 'DB_PASSWORD', 'password_here' );", nil},
		{"php define empty", "define('DB_PASSWORD', '');", nil},
		{"tuple of field names", `fields = ("password", "email")`, nil},
		{"list of keys", `keys = ['password', '` + pass + `']`, nil},
		// XML element content (Maven settings.xml, app configs).
		{"xml element", "<password>" + pass + "</password>", []want{{TypePassword, pass}}},
		{"xml in settings.xml", "<server><id>nexus</id><username>ci</username><password>" + pass + "</password></server>", []want{{TypePassword, pass}}},
		{"xml prefixed name", "<db:DbPassword> " + pass + " </db:DbPassword>", []want{{TypePassword, pass}}},
		{"xml word value", "<password>hunter</password>", []want{{TypePassword, "hunter"}}},
		{"xml template", "<password>${env.NEXUS_PASSWORD}</password>", nil},
		{"xml maven encrypted", "<password>{COQLCE6DU6GtcS5P=}</password>", nil},
		{"xml placeholder", "<password>changeme</password>", nil},
		{"xml soap sample", "<password>string</password>", nil},
		{"xml hash element", "<passwordHash>" + pass + "</passwordHash>", nil},
		{"angle brackets in prose", "type your <password> here and press enter", nil},
		{"xml empty", "<password></password><user>" + pass + "</user>", nil},
		// An HTML label and the element after it: a table's cells, a
		// definition list, a bold label (a page or an e-mail pasted as HTML).
		{"html cells", "<tr><td>Password</td><td>" + pass + "</td></tr>", []want{{TypePassword, pass}}},
		{"html header cell", "<tr><th>Admin password:</th> <td class=\"v\">" + pass + "</td></tr>", []want{{TypePassword, pass}}},
		{"html cells on lines", "<tr>\n  <td>pwd</td>\n  <td>\n    " + pass + "\n  </td>\n</tr>", []want{{TypePassword, pass}}},
		{"html definition list", "<dl><dt>Password</dt><dd><code>" + pass + "</code></dd></dl>", []want{{TypePassword, pass}}},
		{"html bold label", "<p><b>Password:</b> " + pass + "<br>", []want{{TypePassword, pass}}},
		{"html colon after the label", "<strong>Password</strong>: " + pass + "\n", []want{{TypePassword, pass}}},
		{"html label and span", "<label>Password</label><span>" + pass + "</span>", []want{{TypePassword, pass}}},
		{"html cell word", "<td>Password</td><td>Required</td>", nil},
		{"html cell prose", "<td>Password</td><td>See the vault entry</td>", nil},
		{"html cell placeholder", "<td>Password</td><td>********</td>", nil},
		{"html next row", "<tr><td>Password</td></tr><tr><td>" + pass + "</td></tr>", nil},
		{"html label inside prose", "<p>Reset your password</p><p>" + pass + "</p>", nil},
		{"html empty cell", "<td>Password</td><td></td><td>" + pass + "</td>", nil},
		// A long option and its value as the next argument.
		{"option next argument", "docker login registry.acme.it --username ci --password " + pass, []want{{TypePassword, pass}}},
		{"option quoted argument", `az login -u ci --password "correct horse"`, []want{{TypePassword, "correct horse"}}},
		{"option equals", "docker login --password=" + pass + " reg", []want{{TypePassword, pass}}},
		{"option template", "docker login --password $REGISTRY_TOKEN", nil},
		{"option next option", "cmd --password --verbose", nil},
		{"option stdin", "echo $P | docker login --password-stdin", nil},
		{"option in help text", "  --password string   Password", nil},
		{"option in prose", "Use the --password Option to pass it", nil},
		{"option word", "set the --password flag", nil},
		{"option inside a word", "x--password " + pass, nil},
		// -p of clients where it takes the password.
		{"mysql glued", "mysql -h db.acme.it -u root -p" + pass + " app", []want{{TypePassword, pass}}},
		{"mysqldump quoted", "mysqldump -u app -p'" + pass + "' app > dump.sql", []want{{TypePassword, pass}}},
		{"mariadb", "mariadb --user=root -p" + pass, []want{{TypePassword, pass}}},
		{"mysql user after", "mysql -p" + pass + " -u root app", []want{{TypePassword, pass}}},
		{"mysql prompts", "mysql -u root -p app", nil},
		{"mysql port", "mysql -h db -P 3306 -u root -p", nil},
		{"mysql in a url", "jdbc:mysql://db:3306/app -p" + pass, nil},
		{"mysql next command", "mysql -u root; ssh -p2222 host", nil},
		{"mysql other line", "mysql -u root\nssh -p2222 host", nil},
		{"curl, mysql in prose", "curl -u admin https://x -pfoo mysql", nil},
		{"sshpass", "sshpass -p '" + pass + "' ssh -p 2222 me@host", []want{{TypePassword, pass}}},
		{"sshpass bare", "sshpass -p " + pass + " scp f host:", []want{{TypePassword, pass}}},
		{"sshpass env", "sshpass -e ssh -p 2222 me@host", nil},
		{"sshpass placeholder", "sshpass -p password ssh host", nil},
		// Connection strings: ';' ends an unquoted value.
		{"ado.net", "Server=tcp:acme.database.windows.net,1433;User ID=admin;Password=" + pass + ";Encrypt=True", []want{{TypePassword, pass}}},
		{"ado.net password first", "Password=" + pass + ";Encrypt=True", []want{{TypePassword, pass}}},
		{"odbc pwd", "Driver={ODBC Driver 18};Server=db;UID=sa;PWD=" + pass + ";", []want{{TypePassword, pass}}},
		{"jdbc sqlserver", "jdbc:sqlserver://db:1433;user=sa;password=" + pass + ";encrypt=true", []want{{TypePassword, pass}}},
		{"quoted value keeps ';'", `Server=db;Password="Qz7;mKp2Lx";Encrypt=True`, []want{{TypePassword, "Qz7;mKp2Lx"}}},
		{"';' inside a lone value", "PASSWORD=Qz7;mKp2Lx", []want{{TypePassword, "Qz7;mKp2Lx"}}},
		{"short after the cut", "Server=db;Pwd=ab;cd", nil},
		// A subscript's key, then an assignment (Python's os.environ,
		// Ruby's ENV and ||=, a dict or a map).
		{"python environ subscript", `os.environ["SMTP_PASSWORD"] = "` + pass + `"`, []want{{TypePassword, pass}}},
		{"ruby env or-assign", `ENV['SMTP_PASSWORD'] ||= '` + pass + `'`, []want{{TypePassword, pass}}},
		{"dict subscript", `settings["db_password"] = "` + pass + `"`, []want{{TypePassword, pass}}},
		{"subscript read", `pw = os.environ["DB_PASSWORD"]`, nil},
		{"subscript compared", `if form["password"]:` + "\n  login()", nil},
		{"list element", `["password"] = x`, nil},
		// The same, escaped inside a JSON string (a notebook's cell source).
		{"escaped subscript", `"os.environ[\"SMTP_PASSWORD\"] = \"` + pass + `\"\n"`, []want{{TypePassword, pass}}},
		{"escaped call", `os.environ.setdefault(\"ADMIN_PASSWORD\", \"` + pass + `\")`, []want{{TypePassword, pass}}},
		{"escaped tuple of field names", `fields = (\"password\", \"email\")`, nil},
		// One case, no separator: libpq's PGPASSWORD as pgpassword.
		{"pgpassword", `pgpassword = "` + pass + `"`, []want{{TypePassword, pass}}},
		{"Pgpassword constant", `private const string Pgpassword = "` + pass + `";`, []want{{TypePassword, pass}}},
		{"dbpassword", "dbpassword=" + pass, []want{{TypePassword, pass}}},
		{"joined unknown word", `xpassword = "` + pass + `"`, nil},
		// The plain password named as such (password_clear, Italian
		// password_chiaro).
		{"password clear", "password_clear: '" + pass + "'", []want{{TypePassword, pass}}},
		{"password chiaro", "passwordChiaro: '" + pass + "'", []want{{TypePassword, pass}}},
		{"password in chiaro", "password_in_chiaro = " + pass, []want{{TypePassword, pass}}},
		// A hash where the password would be: its field's name says so, or
		// its format (modular crypt, Django's hashers, algorithm:digest).
		{"hashed_password field", `hashed_password = "7181ecba4c3e1f0b9d2a6c5e8f7a1b3c4d5e6f708192a3b4c5d6e7f8091a2b3c"`, nil},
		{"encrypted_password column", `encrypted_password: "` + pass + `"`, nil},
		{"decrypted password", `DECRYPTED_PASSWORD="` + pass + `"`, []want{{TypePassword, pass}}},
		{"django pbkdf2", "password = pbkdf2_sha256$600000$g6ETkq3LxbR9$Zr8aH2sVq1nq0Yj6pTz7kC3fM9dLwE5uXbQ4nR8sT2o=", nil},
		{"django argon2", "password: argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdHNhbHQ$Zr8aH2sVq1nq0Yj6pTz7kC", nil},
		{"bcrypt", "password: $2b$12$KIXQJxk1pHmqOBhbqJ2VYeQe7cOe5Cq5Fv3mR4q2zq9cUdpW7aHq2", nil},
		{"digest", `password: "sha256:7181ecba4c3e1f0b9d2a6c5e8f7a1b3c4d5e6f708192a3b4c5d6e7f8091a2b3c"`, nil},
		{"dollars in a password", "password: pbkdf$" + pass + "$x", []want{{TypePassword, "pbkdf$" + pass + "$x"}}},
		// Portuguese and Dutch words, German and Dutch compounds, the
		// misspellings typed most, Portuguese's copula.
		{"senha", "utilizador isimoes, Senha: " + pass, []want{{TypePassword, pass}}},
		{"palavra-passe", "palavra-passe: " + pass, []want{{TypePassword, pass}}},
		{"wachtwoord", "het wachtwoord M@r3@95?", []want{{TypePassword, "M@r3@95?"}}},
		{"dutch compound and copula", "Zijn Windows-wachtwoord is " + pass, []want{{TypePassword, pass}}},
		{"german compound", "Benutzer abecker, Initialpasswort: " + pass, []want{{TypePassword, pass}}},
		{"portuguese copula", "A senha do Windows dele é " + pass, []want{{TypePassword, pass}}},
		{"misspelled", "pasword: " + pass, []want{{TypePassword, pass}}},
		{"misspelled transposed", "la passwrod del server è " + pass, []want{{TypePassword, pass}}},
		{"senha in prose", "esqueci a senha do e-mail, como recupero?", nil},
		// A configuration line of a key and its value apart by spaces: the
		// key starts the line (or follows #define), the value ends it.
		{"groovy signing config", "signingConfigs {\n  release {\n    storePassword '" + pass + "'\n  }\n}", []want{{TypePassword, pass}}},
		{"mosquitto bridge", "connection cloud\nremote_username gw\nremote_password " + pass + "\n", []want{{TypePassword, pass}}},
		{"tasmota", "MqttPassword " + pass, []want{{TypePassword, pass}}},
		{"tasmota backlog", "Backlog SSID1 IoT_Q04F; MqttUser tasmota; MqttPassword " + pass + "; Topic garage", []want{{TypePassword, pass}}},
		{"tasmota backlog, the bare word", "Backlog Power1 on; Password Manager", nil},
		{"a command after a ';', not a backlog", "cd x; MqttPassword " + pass, nil},
		{"c macro", `#define WIFI_PASSWORD "` + pass + `"`, []want{{TypePassword, pass}}},
		{"c array", `const char WIFI_PASSWORD[] = "` + pass + `";`, []want{{TypePassword, pass}}},
		{"bare word and a word", "Password Manager", nil},
		{"bare word and a quoted phrase", `Password "Enter your password"`, nil},
		{"bare word and a quoted value", `password "` + pass + `"`, []want{{TypePassword, pass}}},
		{"key and two words", "remote_password is " + pass + " for now", []want{{TypePassword, pass}}},
		{"key, value and more", "storePassword 'x' is wrong here", nil},
		{"heading", "## Password Policy", nil},
		// A password file's line holds the hash.
		{"mosquitto passwd", "/etc/mosquitto/passwd:\nsensor:$7$101$sGUjqWyKE650swoQ$S/UV9Fuu6wnkYJkqf0JSyxXwvhbxr7uynYFdlp8Foj==", nil},
		// A password may start with '$' where no variable can.
		{"dollar then symbol", "the old password $=AKCZ!!n8BbD@hM, can someone reset it?", []want{{TypePassword, "$=AKCZ!!n8BbD@hM"}}},
		{"variable", "password: $DB_PASS", nil},
		{"dollar then a name and symbols", "username mferrari password $jSx!uR?E8eVNr", []want{{TypePassword, "$jSx!uR?E8eVNr"}}},
		{"variables and paths", "password=$HOME/.secret password: $1 password: ${DB_PASS} password: $PW_FILE.txt", nil},
		{"an instruction for a value", "password: CHANGE_ME_IN_ENV - dove si imposta quella vera? pwd=replace-me-before-deploy", nil},
		{"shell special parameter", "password: $@", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestCopula compares copula's packed compare with the list of copulas.
func TestCopula(t *testing.T) {
	list := []string{"is", "was", "è", "é", "e'", "era", "sarà", "ist", "lautet", "es", "fue", "est", "=", ":"}
	for _, w := range append(slices.Clone(list), "IS", "Ist", "LAUTET", "i", "s", "iss", "lautete", "sara", "È", "wa", "wass", "", "e", "==", "password") {
		want := slices.ContainsFunc(list, func(c string) bool { return strings.EqualFold(c, w) && (c == w || isASCII(c)) })
		if got := copula(w); got != want {
			t.Errorf("copula(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestPasswordKeywordsAndSyntaxes covers the German and Spanish keywords
// as written, SQL's assignment by keyword, YAML tags and block scalars, and
// values inside JSON strings.
func TestPasswordKeywordsAndSyntaxes(t *testing.T) {
	s := newTestScanner(t)
	const pass = "Xk8#qL2vR9pz"
	p := []want{{TypePassword, pass}}
	tests := []struct {
		name, text string
		wants      []want
	}{
		// German and Spanish.
		{"passwort", "Benutzer: admin\nPasswort: " + pass, p},
		{"passwort ist", "Das Passwort ist " + pass + ".", p},
		{"passwort lautet", "Das Passwort lautet " + pass, p},
		{"passwort prose", "Passwort vergessen? Hier klicken.", nil},
		{"contraseña", "tu usuario es jose y tu contraseña: " + pass, p},
		{"contraseña es", "Tu contraseña es " + pass, p},
		{"contraseña capitals", "USUARIO: jose\nCONTRASEÑA: " + pass, p},
		{"contrasena ascii", "contrasena=" + pass, p},
		{"contraseña prose", "¿Olvidaste tu contraseña? La contraseña es incorrecta.", nil},
		{"contraseñas", "Contraseñas: " + pass, p}, // as "Passwords:"
		// "pw", an abbreviation of more than the password: its value must
		// look like one (six bytes or more, a small letter).
		{"pw colon", "user: admin\npw: " + pass, p},
		{"pw identifier", "DB_PW: " + pass, p},
		{"pw quoted", "MYSQL_ROOT_PW: '" + pass + "'", p},
		{"pw word value", "wifi pw: hunter22", []want{{TypePassword, "hunter22"}}},
		{"pw power", "Power PW: 120W at 5V", nil},
		{"pw date", "PW: 2024-03-01 release", nil},
		{"pw model number", "Pratt & Whitney PW: PW4000-112", nil},
		{"pw inside a word", "npw: " + pass, nil},
		{"pw placeholder", "pw: ********", nil},
		{"pw word", "Reset PW: Settings", nil},
		{"pw capitalised word", "PW: Standard", nil},
		// Markdown, as chat answers format credentials.
		{"bold label", "- **Username:** admin\n- **Password:** " + pass + "\n", p},
		{"bold value", "password: **" + pass + "**", p},
		{"bold value in prose", "The password is **" + pass + "**.", p},
		{"bold label and value", "**Password:** **" + pass + "**", p},
		{"bold placeholder", "**Password:** **required**", nil},
		{"bold label, prose after", "**Password:** see the vault", nil},
		{"bold across lines", "password: **" + pass + "\nmore**", nil},
		{"bold emphasis", "Password: **Never share it**", nil},
		{"bold path", "Reset your password: **Settings > Security**", nil},
		{"bold italics", "Password: ***Hunter2x9***", nil},
		{"italics", "password: *hidden*", nil},
		{"quoted italics", `password = "*changeme*"`, nil},
		// Oracle's user/password logins.
		{"oracle thin", "url=jdbc:oracle:thin:app_ro/" + pass + "@//ora-prod:1521/ORCLPDB1", p},
		{"oracle thin sid", "jdbc:oracle:thin:SYSTEM/" + pass + "@db01:1521:XE", p},
		{"sqlplus", "sqlplus -s app/" + pass + "@orcl <<EOF", p},
		{"sqlplus local", "$ sqlplus app/" + pass, p},
		{"oracle demo login", "sqlplus scott/tiger@orcl", nil},
		{"oracle default logins", "sqlplus sys/change_on_install as sysdba; sqlplus system/manager; jdbc:oracle:thin:system/oracle@xe", nil},
		{"sqlplus then a separator", "sqlplus app/" + pass + "; echo done", p},
		{"oracle thin without password", "jdbc:oracle:thin:@//ora-prod:1521/ORCLPDB1", nil},
		{"oracle thin template", "jdbc:oracle:thin:${DB_USER}/${DB_PASS}@//db:1521/svc", nil},
		{"sqlplus slash login", "sqlplus / as sysdba", nil},
		{"sqlplus in prose", "run sqlplus to connect", nil},
		// PostgreSQL's password file.
		{"pgpass", "# ~/.pgpass\ndb-prod.internal:5432:ehr:app:" + pass + "\n*:5432:*:readonly:Zq8mWv2Lp7\n", []want{{TypePassword, pass}, {TypePassword, "Zq8mWv2Lp7"}}},
		{"pgpass escaped colon", "cat .pgpass\nlocalhost:*:db:u\\:x:" + pass + "\r\n", p},
		{"pgpass ends at prose", "my .pgpass is\nh:5432:d:u:" + pass + "\nbut psql still asks: why?\nh:5432:d:u:Zq8mWv2Lp7", p},
		{"pgpass placeholder", "~/.pgpass:\nhostname:port:database:username:password\n", nil},
		{"pgpass in prose", "the .pgpass file has five fields", nil},
		{"pgpass entry on its line", "~/.pgpass has db-01.lan:5432:sales:report:" + pass + " but psql still prompts", p},
		{"pgpass entry echoed", "echo 'db:5432:*:app:" + pass + "' >> ~/.pgpass && chmod 600 ~/.pgpass", p},
		{"pgpass format on its line", "each .pgpass line is hostname:port:database:username:password, see the docs", nil},
		{"sasl_passwd", "# /etc/postfix/sasl_passwd\n[smtp.relay.it]:587 app:" + pass + "\nsmtp.acme.it   ops:Zq8mWv2Lp7\n", []want{{TypePassword, pass}, {TypePassword, "Zq8mWv2Lp7"}}},
		{"sasl_passwd placeholder", "/etc/postfix/sasl_passwd:\n[smtp.example.com]:587 username:password\n", nil},
		{"sasl_passwd in prose", "edit sasl_passwd then run postmap on it: done", nil},
		{"pgpass fenced", "My ~/.pgpass:\n```\nlocalhost:5432:db:app:" + pass + "\n```\n", p},
		{"pgpass after a blank line", "cat ~/.pgpass\n\nlocalhost:5432:db:app:" + pass + "\n", p},
		// A leading '*' starts a password as well as a mask.
		{"leading star", "password: *mE7b_5I0xD94", []want{{TypePassword, "*mE7b_5I0xD94"}}},
		{"partial mask", "password: ****1234", nil},
		{"short mask", "password: *abc", nil},
		// SQL.
		{"create role login password", "CREATE ROLE reporting LOGIN PASSWORD '" + pass + "';", p},
		{"alter role with password", "ALTER ROLE etl WITH PASSWORD '" + pass + "';", p},
		{"create user lower case", "create user app with encrypted password '" + pass + "';", p},
		{"statement over lines", "CREATE ROLE app\n  WITH LOGIN\n  PASSWORD '" + pass + "'\n  VALID UNTIL 'infinity';", p},
		{"psql prompt", "postgres=# CREATE USER app PASSWORD '" + pass + "';", p},
		{"mysql identified by", "CREATE USER 'app'@'%' IDENTIFIED BY '" + pass + "';", p},
		{"mysql alter user", "ALTER USER 'root'@'localhost' IDENTIFIED BY '" + pass + "';", p},
		{"mysql with plugin", "CREATE USER 'u'@'%' IDENTIFIED WITH mysql_native_password BY '" + pass + "';", p},
		{"mysql grant", "GRANT ALL ON app.* TO 'u'@'%' IDENTIFIED BY '" + pass + "';", p},
		{"oracle bare", "CREATE USER scott IDENTIFIED BY " + pass + ";", p},
		{"oracle bare word", "CREATE USER scott IDENTIFIED BY tiger;", nil},
		{"mysql hash", "CREATE USER 'u'@'%' IDENTIFIED BY PASSWORD '*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9';", nil},
		{"oracle hash", "ALTER USER u IDENTIFIED BY VALUES 'S:8F2D6C1B';", nil},
		{"sql template", "CREATE ROLE app LOGIN PASSWORD '${DB_PASSWORD}';", nil},
		{"sql null", "ALTER ROLE app WITH PASSWORD NULL;", nil},
		{"sql other statement", "SELECT id FROM users WHERE password '" + pass + "';", nil},
		{"identified by in prose", "The issue was identified by 'Qz7 team' last week.", nil},
		{"quoted word after password in prose", "the password 'hunter2' was leaked", nil},
		// YAML tags and block scalars.
		{"ansible vault", "db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  3835343364363133356265643838616436\n", nil},
		{"vault tag at line end", "db_password: !vault\n  $ANSIBLE_VAULT;1.1;AES256\n  3835343364363133\n", nil},
		{"cloudformation ref", "MasterUserPassword: !Ref DbPassword", nil},
		{"cloudformation sub", "MasterUserPassword: !Sub '{{resolve:secretsmanager:${Secret}}}'", nil},
		{"home assistant secret", "password: !secret mqtt_password", nil},
		// References into secret stores and printf formats stand for a
		// password; a value that merely starts like one is a password.
		{"vault reference", "DB_PASSWORD: \"vault:secret/data/app#password\"", nil},
		{"vault reference bare", "username=ops&password=vault:secret/data/app#password", nil},
		{"vals reference", "password: ref+vault://secret/app#/db/password", nil},
		{"1password reference", "DB_PASSWORD=op://Prod/Postgres/password", nil},
		{"aws secrets manager arn", "password = \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\"", nil},
		{"parameter store", "db_password: ssm:/prod/db/password", nil},
		{"azure key vault", "\"password\": \"azurekeyvault://kv-prod/db-pass\"", nil},
		{"python format", "\"password\": \"%(PASSWORD)s\"", nil},
		{"printf verb", "conn = sprintf(\"password=%s\", pw)", nil},
		{"printf verb width", "password: '%-12s'", nil},
		{"store-like password", "password: \"vault" + pass + "\"", []want{{TypePassword, "vault" + pass}}},
		{"store prefix, no path", "password: \"Vault:Summer2024!\"", []want{{TypePassword, "Vault:Summer2024!"}}},
		{"ssm prefix, no path", "password: \"ssm:MyPassw0rd!\"", []want{{TypePassword, "ssm:MyPassw0rd!"}}},
		// A registry login's password read on standard input: the literal
		// echoed into its pipe, or a here string.
		{"stdin echo", "echo \"" + pass + "\" | docker login ghcr.io -u ci --password-stdin", p},
		{"stdin yaml step", "- run: echo '" + pass + "' | docker login -u ci --password-stdin registry.acme.it", p},
		{"stdin echo -n bare", "echo -n Xk8qL2vR9pz | podman login --username u --password-stdin", []want{{TypePassword, "Xk8qL2vR9pz"}}},
		{"stdin printf", "printf '%s\\n' '" + pass + "' | helm registry login --password-stdin reg.acme.it", p},
		{"stdin echo -e", "echo -e \"" + pass + "\\n\" | docker login --password-stdin", p},
		{"stdin here string", "docker login -u u --password-stdin <<< '" + pass + "'", p},
		{"stdin variable", "echo $CR_PAT | docker login ghcr.io -u ci --password-stdin", nil},
		{"stdin template", "echo \"${{ secrets.GHCR_TOKEN }}\" | docker login --password-stdin", nil},
		{"stdin file", "cat ~/token.txt | docker login --password-stdin", nil},
		{"stdin other command", "echo done; cat f | docker login --password-stdin", nil},
		{"stdin word", "echo password | docker login --password-stdin", nil},
		{"stdin option alone", "Use --password-stdin to read it from a pipe.", nil},
		// The means of an action.
		{"with password", "Login with password " + pass + " and change it.", p},
		{"con la password", "Puoi accedere con la password " + pass, p},
		{"using the password", "connect using the password " + pass, p},
		{"with password prose", "Protect the file with password protection enabled", nil},
		{"con la password prose", "Accedi con la password corretta, grazie", nil},
		{"with password short", "sign in with password 2FA", nil},
		// Declarations with a type.
		{"rust const", "const ADMIN_PASSWORD: &str = \"" + pass + "\";", p},
		{"rust static lifetime", "static DB_PASS: &'static str = \"" + pass + "\";", p},
		{"typescript", "export const dbPass: string = '" + pass + "';", p},
		{"kotlin", "val password: String = \"" + pass + "\"", p},
		{"python hint", "password: str = \"" + pass + "\"", p},
		{"typed, no value", "fn login(password: &str) -> bool {", nil},
		{"yaml value with =", "password: vSX=wJTuqJio", []want{{TypePassword, "vSX=wJTuqJio"}}},
		// Code that reads it.
		{"subscript", "password = request.form[\"password\"]", nil},
		{"settings subscript", "db_password = settings.DATABASES[\"default\"][\"PASSWORD\"]", nil},
		{"destructured", "const { username, password } = req.body;", nil},
		{"member", "const password = req.body.password;", nil},
		{"dotted password", "password = Summer.Time2024", []want{{TypePassword, "Summer.Time2024"}}},
		// A read's default.
		{"js or default", "const pw = process.env.LDAP_BIND_PASSWORD || \"" + pass + "\";", p},
		{"c# coalesce", "var pw = Environment.GetEnvironmentVariable(\"DB_PASSWORD\") ?? \"" + pass + "\";", p},
		{"kotlin elvis", "val pw = System.getenv(\"DB_PASSWORD\") ?: \"" + pass + "\"", p},
		{"ruby or", "pw = ENV[\"DB_PASSWORD\"] || '" + pass + "'", p},
		{"python or", "pw = os.environ.get(\"DB_PASSWORD\") or \"" + pass + "\"", p},
		{"message default", "err = password || \"required\"", nil},
		{"prose or", "Enter your password or \"Forgot password?\" to reset it", nil},
		{"variable default", "pw = process.env.DB_PASSWORD || defaultPassword", nil},
		// A login command's -p.
		{"docker login -p", "docker login registry.acme.local -u ci-bot -p " + pass, p},
		{"docker login -p first", "docker login -p " + pass + " -u ci-bot registry.acme.local", p},
		{"oc login", "oc login https://api.ocp.acme.it:6443 -u admin -p '" + pass + "'", p},
		{"login -p variable", "docker login -u ci -p $CI_REGISTRY_PASSWORD $CI_REGISTRY", nil},
		{"not a login", "ssh -u x -p 2222 host", nil},
		// Stand-ins a template asks to replace.
		{"replace me", "password = \"REPLACE_ME\"", nil},
		{"changeit", "keystore.password=changeit", nil},
		// Code and prose about a password, none given.
		{"is None", "db_password = os.getenv(\"DB_PASSWORD\")\nif db_password is None:\n    raise RuntimeError()", nil},
		{"case-sensitive", "Remember: the password is case-sensitive and the username is your number.", nil},
		{"file from", "kubectl create secret generic db --from-file=password=.secrets/db_password", nil},
		{"at file", "vault kv put secret/prod/db password=@password.txt", nil},
		{"root path", "password_file: /run/secrets/db_password", nil},
		{"psql variable", "ALTER ROLE app WITH LOGIN PASSWORD :'app_password' VALID UNTIL '2024-08-12';", nil},
		{"psql label", "PASSWORD : " + pass, p},
		{"call arguments", "withCredentials([usernamePassword(credentialsId: 'nexus-deploy', usernameVariable: 'U')])", nil},
		{"glued word", "pass/word: " + pass, p},
		{"template's tail", `{\"password\":\"%(DB_PASSWORD)s\",\"type\":\"function_call_output\"}`, nil},
		{"product names", "We are migrating the team from KeePass to 1Password next month.", nil},
		{"htpasswd batch", "htpasswd -b -B /etc/nginx/.htpasswd admin " + pass, p},
		{"htpasswd -nb", "htpasswd -nb admin " + pass, p},
		{"htpasswd prompt", "htpasswd -c /etc/nginx/.htpasswd admin", nil},
		{"psw", "Psw della casella PEC: " + pass, p},
		{"pw pair", "user luca.mancini pw marco3481", []want{{TypePassword, "marco3481"}}},
		{"account pair with an article", "con l'account svc-backup e la password ThistleBrezza55: preparagli una guida", []want{{TypePassword, "ThistleBrezza55"}}},
		{"user pair with an article", "user anna and the password ThistleBrezza55 ok", []want{{TypePassword, "ThistleBrezza55"}}},
		{"account prose", "the account is locked and the password expired", nil},
		{"pw power", "motor 5 pw 300", nil},
		// Laid out over lines and spaces.
		{"copula then a wrap", "Your password for the HR self-service portal is\nfalcon16?NV — you will be asked", []want{{TypePassword, "falcon16?NV"}}},
		{"doubled spaces", "Your password for the HR self-service  portal  is gatto68!KM today", []want{{TypePassword, "gatto68!KM"}}},
		{"label then the value below", "Username:\nmario\nPassword:\n" + pass + "\n", p},
		{"label then a key below", "password:\n  vault: secret/app#password\n", nil},
		{"label then prose below", "Password:\nReset link sent by e-mail", nil},
		{"label then a blank line", "Password:\n\n" + pass, nil},
		// A Wi-Fi network's pre-shared key (wifiKey), and a router's logins.
		{"uci option password", "config interface 'wan'\n\toption username 'rtl44128657'\n\toption password 'jae76uzn'\n", []want{{TypePassword, "jae76uzn"}}},
		{"uci wifi key", "config wifi-iface 'default_radio0'\n\toption ssid 'Casa'\n\toption key 'lampo-casa-blu91'\n", []want{{TypePassword, "lampo-casa-blu91"}}},
		{"uci tls key file", "config uhttpd 'main'\n\toption key '/etc/uhttpd.key'\n", nil},
		{"uci wep key index", "config wifi-iface\n\toption key '1'\n", nil},
		{"uci key template", "\toption key 'YOUR_WIFI_KEY'\n", nil},
		{"wpa_supplicant psk", "network={\n    ssid=\"Casa\"\n    psk=\"lampo casa blu\"\n}\n", []want{{TypePassword, "lampo casa blu"}}},
		{"hostapd raw psk", "wpa_psk=4f1c9a0b4f1c9a0b4f1c9a0b4f1c9a0b4f1c9a0b4f1c9a0b4f1c9a0b4f1c9a0b\n", []want{{TypePassword, "4f1c9a0b4f1c9a0b4f1c9a0b4f1c9a0b4f1c9a0b4f1c9a0b4f1c9a0b4f1c9a0b"}}},
		{"psk= in prose", "the psk= parameter takes the passphrase", nil},
		{"debian wpa-psk", "iface wlan0 inet dhcp\n    wpa-ssid Casa\n    wpa-psk lampo-casa-blu91\n", []want{{TypePassword, "lampo-casa-blu91"}}},
		{"routeros psk", "set [ find default=yes ] mode=dynamic-keys wpa2-pre-shared-key=Luna465# supplicant-identity=x", []want{{TypePassword, "Luna465#"}}},
		{"ppp chap", "interface Dialer1\n ppp chap hostname rtl04419329\n ppp chap password 0 qqlo977p\n", []want{{TypePassword, "qqlo977p"}}},
		{"ppp pap", " ppp pap sent-username rtl1 password 0 Xk29mmQp7\n", []want{{TypePassword, "Xk29mmQp7"}}},
		{"ppp chap hash", " ppp chap password 5 $1$abcd$0123456789abcdefghij\n", nil},
		{"rete chiave", "Credenziali del wifi ospiti: rete Sala-Riunioni, chiave Estate2019$6; wifi interno chiave SMYG*yknv163_PV. Fai due cartelli",
			[]want{{TypePassword, "Estate2019$6"}, {TypePassword, "SMYG*yknv163_PV"}}},
		{"chiave wpa2 è", "la chiave WPA2 è Qz7mKp2Lx9vR", []want{{TypePassword, "Qz7mKp2Lx9vR"}}},
		{"chiave di volta", "la chiave di volta del progetto è Roma2024", nil},
		{"chiave api", "usa la chiave API sk-test nella rete interna", nil},
		{"chiave in prose", "rete aziendale: la chiave è nel cassetto", nil},
		{"passphrase set to words", "I set the warehouse Wi-Fi passphrase to pignolo-puffin-marmotta-37 — strong enough?", []want{{TypePassword, "pignolo-puffin-marmotta-37"}}},
		{"passphrase set to prose", "change the passphrase to at-least-twelve-chars", nil},
		// A user name and its password given together.
		{"credentials slash", "credentials: admin/Adm1n!2024", []want{{TypePassword, "Adm1n!2024"}}},
		{"credenziali crm", "Credenziali CRM: mrossi / " + pass, p},
		{"credenziali sono", "le credenziali sono mario.r e " + pass + ", grazie", p},
		{"credentials are", "The credentials for the VPN are anna@acme.it and " + pass + ".", []want{{TypeEmail, "anna@acme.it"}, {TypePassword, pass}}},
		{"creds colon", "creds: deploy:" + pass, p},
		{"credentials prose", "credentials: ask the admin / helpdesk", nil},
		{"creds mail then a chosen password", "creds for the shared inbox: amy-parker@studenti.unibo.it / estate.2012 - write the note",
			[]want{{TypeEmail, "amy-parker@studenti.unibo.it"}, {TypePassword, "estate.2012"}}},
		{"creds name then a chosen password", "creds for the shared inbox: amy / estate.2012 - write the note", nil},
		// login USER / PASSWORD (loginPair).
		{"login mail pair", "login m.giordano@outlook.it / UAGMwxtc62 fails", []want{{TypeEmail, "m.giordano@outlook.it"}, {TypePassword, "UAGMwxtc62"}}},
		{"login name pair", "login admin / Zx9!pq7Lw2", []want{{TypePassword, "Zx9!pq7Lw2"}}},
		{"login default pair", "login admin / admin", nil},
		{"login prose", "login page / logout button", nil},
		{"login sso", "login with SSO / SAML2 federation", nil},
		{"login across lines", "login admin\n/ Zx9!pq7Lw2", nil},
		{"pass field typed", "wifi for the offsite: network Ospiti, pass MNVTp#tccx - make a nice card", []want{{TypePassword, "MNVTp#tccx"}}},
		{"credentials file", "credentials.json: admin/" + pass, nil},
		{"credentials identifier", "AWS_CREDENTIALS: admin/" + pass, nil},
		{"credentials template", "credentials: ${USER}/${PASS}", nil},
		// A label naming both, user/pass, then the pair (slashLabelPair).
		{"user/pass label", "user/pass imarchetti/Pizza2025! for the staging", []want{{TypePassword, "Pizza2025!"}}},
		{"user/pass colon", "user/pass: admin/" + pass, p},
		{"username/password spaced", "username/password: mrossi / " + pass, p},
		{"utente/password colon pair", "utente/password = ops:" + pass, p},
		{"login/password", "login/password deploy / hN7#kd92Lq", []want{{TypePassword, "hN7#kd92Lq"}}},
		{"user/pass words", "user/pass combo: admin/admin", nil},
		{"user/pass second pair", "user/pass auth: LDAP/AD", nil},
		{"user/pass default", "user/pass: admin/changeme", nil},
		{"user/pass template", "user/pass: <user>/<password>", nil},
		{"user/password prose", "the user/password authentication is disabled", nil},
		{"bad credentials", "it says bad credentials: token expired", nil},
		{"sigv4 credential", "X-Amz-Credential=AKIAQ7EXAMPLEKEY2345/20240512/eu-south-1/s3/aws4_request&X-Amz-Date=1", nil},
		{"percent-encoded mask", "login?user=anna&password=%2A%2A%2A%2A%2A%2A%2A%2A&next=/", nil},
		{"percent-encoded template", "db?password=%7B%7B%20vault_db_password%20%7D%7D", nil},
		{"percent-encoded printf", "password=%25%28DB_PASSWORD%29s", nil},
		{"percent-encoded value", "login?user=anna&password=Xk8%23qL2vR9pz&next=/", []want{{TypePassword, "Xk8%23qL2vR9pz"}}},
		// A Terraform variable's default.
		{"terraform default", "variable \"db_password\" {\n  type      = string\n  sensitive = true\n  default   = \"quartz-lampone-velvet-13\"\n}", []want{{TypePassword, "quartz-lampone-velvet-13"}}},
		{"terraform no default", "variable \"db_password\" {\n  type = string\n}\nresource \"x\" \"y\" {\n  default = \"abc\"\n}", nil},
		{"terraform template default", "variable \"db_password\" {\n  default = \"${var.x}\"\n}", nil},
		// The value it was set to.
		{"set to", "I set the VPN password to wch3892JNE, write the onboarding email.", []want{{TypePassword, "wch3892JNE"}}},
		{"changed in", "Ho cambiato la pwd in " + pass + ", scrivi la mail al team.", p},
		{"set a", "imposta la password a " + pass + " per tutti", p},
		{"set to quoted", "reset the password to '" + pass + "'", p},
		{"to a person", "send the password to Mario tomorrow", nil},
		{"to a user id", "give the password to user42 please", nil},
		{"in a vault", "salva la password in KeePass", nil},
		{"to a template", "set the password to ${DB_PASSWORD_PROD}", nil},
		{"to the length", "raise the password to 12 characters", nil},
		// A bare value right after the word.
		{"user pass pair", "access for Anna: user anna pass #w9R%Mj&AreC", []want{{TypePassword, "#w9R%Mj&AreC"}}},
		{"username password pair", "username mario password " + pass, p},
		{"user and password", "con utente ops e password fUBC$OWri ma ricevo un errore", []want{{TypePassword, "fUBC$OWri"}}},
		{"user and, a word", "user anna and password reset", nil},
		{"alone", "password Winter681*", []want{{TypePassword, "Winter681*"}}},
		{"alone, no symbol", "rete Acme-Guest, password Qz7mKp2Lx9vR", []want{{TypePassword, "Qz7mKp2Lx9vR"}}},
		{"alone, a name and a number", "open the password PowerShell7 module", nil},
		// After a word naming which password: one a person chose.
		{"old, a passphrase", "the mailbox still has the old password falco-velvet-ember-29, can someone reset it?", []want{{TypePassword, "falco-velvet-ember-29"}}},
		{"old, no digit", "still has the old password GIgGL#XHWLTqKgw, reset it", []want{{TypePassword, "GIgGL#XHWLTqKgw"}}},
		{"one-time", "your one-time password Kx-77-plume, valid 10 minutes", []want{{TypePassword, "Kx-77-plume"}}},
		{"nuova", "la nuova password falco-marea-quartz-96 non funziona", []want{{TypePassword, "falco-marea-quartz-96"}}},
		{"new, prose", "the new password policy needs 12 characters", nil},
		{"new, a hyphenated word", "the new password-reset flow, the new password self-service portal", nil},
		{"new, two kinds", "the old password abc12345 was leaked", nil},
		{"new, a word and a number", "the temporary password Girasole35-mj expires today", []want{{TypePassword, "Girasole35-mj"}}},
		{"root", "Server 172.16.217.107 has root password Copper.548 - write the handover", []want{{TypeIPAddress, "172.16.217.107"}, {TypePassword, "Copper.548"}}},
		{"my", "and my password c!nLVCevzHg but it says locked", []want{{TypePassword, "c!nLVCevzHg"}}},
		{"my, prose", "my password manager and your password-reset link, my password Manager", nil},
		{"pwd alone", "pwd Qwerty!eNWz", []want{{TypePassword, "Qwerty!eNWz"}}},
		{"pwd, the command", "run pwd /home/user to see where you are", nil},
		{"new, a stand-in", "the new password <your-password> goes here", nil},
		{"not a state word", "a password falco-velvet-ember-29 and the renewed password falco-velvet-ember-29", nil},
		{"alone, no capitals", "password xk29!mqa7 maybe", nil},
		{"alone, short", "password Ab1!x", nil},
		{"alone, a product's version", "the password MySQL8.0 uses by default", nil},
		{"alone, the verb", "pass AbC123!@x to the constructor", nil},
		{"pass after a field", "network Ospiti, pass Magazzino-Winter-90! ok", []want{{TypePassword, "Magazzino-Winter-90!"}}},
		{"pass after a field, a word", "we met, pass Manager and go", nil},
		{"alone, a product with a number inside", "Forgot password iPhone13Pro user", nil},
		{"alone, an algorithm", "each password Argon2id-hashed", nil},
		{"set to an address", "Please send the password to Mario.Rossi@acme.it", []want{{TypeEmail, "Mario.Rossi@acme.it"}}},
		{"set to a product", "We moved the password to AWS-SecretsManager", nil},
		{"credentials list", "Supported credentials: LDAP, OAuth2.0, SAML", nil},
		{"credentials names", "credentials: client-id / Client-Secret", nil},
		{"default word", `pw = cfg.password || "Default"`, nil},
		{"passphrase dotted", "DB_PASSWORD=correct.horse.battery.staple", []want{{TypePassword, "correct.horse.battery.staple"}}},
		{"password with a slash", "password: p4ss/w0rd", []want{{TypePassword, "p4ss/w0rd"}}},
		{"label glued, no psql", "Password :Xk8#qL2v!", []want{{TypePassword, "Xk8#qL2v!"}}},
		{"htpasswd usage", "Usage: htpasswd -b[cmBdpsDv] [-C cost] passwordfile username password", nil},
		{"copula then a sentence", "The default password is\nConfigured by the installer.", nil},
		{"copula, words, then a label", "la password è la stessa di prima: C4s4$484", []want{{TypePassword, "C4s4$484"}}},
		{"copula, words, then a file", "the password is in the file: config.yaml, not required: see the docs", nil},
		{"alone, inside a word", "mypassword Winter681*", nil},
		{"two kinds", "password reset123 is needed", nil},
		{"title case product", "Password Manager 2024 Edition", nil},
		{"user pass pair, word", "user anna pass ok", nil},
		// Network device configurations.
		{"cisco username", "username admin privilege 15 password 0 " + pass, p},
		{"cisco enable", "enable password " + pass, p},
		{"cisco enable word", "enable password cisco", []want{{TypePassword, "cisco"}}},
		{"cisco-like prose", "username and password fields should be 64 chars max\nusername and password fields\nenable password protection on the router", nil},
		{"cisco type 7", "enable password 7 0822455D0A16", []want{{TypePassword, "0822455D0A16"}}},
		{"cisco hash", "username ops password 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0", nil},
		{"snmp community", "snmp-server community c0mm-IMhjO92n RO 10", []want{{TypePassword, "c0mm-IMhjO92n"}}},
		{"snmp community default", "snmp-server community public RO", nil},
		{"line vty", "line vty 0 4\n password " + pass + "\n login", p},
		{"line start prose", "Password reset required for all users", nil},
		{"enable in prose", "We enable password rotation every 90 days", nil},
		// Calls that take a password by position.
		{"securestring", "$secure = ConvertTo-SecureString \"" + pass + "\" -AsPlainText -Force", p},
		{"securestring -String", "$s = ConvertTo-SecureString -String '" + pass + "' -AsPlainText -Force", p},
		{"securestring variable", "$s = ConvertTo-SecureString $plain -AsPlainText -Force", nil},
		{"securestring encrypted", "$s = ConvertTo-SecureString \"01000000d08c9ddf0115d1118c7a00c04fc297eb\" -Key $k", nil},
		{"perl dbi", "my $dbh = DBI->connect('DBI:mysql:database=crm;host=db', 'report', '" + pass + "');", p},
		{"perl dbi variables", "my $dbh = DBI->connect($dsn, $user, $password, { RaiseError => 1 });", nil},
		{"php pdo", "$pdo = new PDO(\"mysql:host=db;dbname=app\", \"app\", \"" + pass + "\", [PDO::ATTR_ERRMODE => 1]);", p},
		{"php pdo statement", "$st = new PDOStatement('a', 'b', '" + pass + "');", nil},
		{"php mysqli", "$c = mysqli_connect(\"db\", \"root\", \"" + pass + "\", \"app\");", p},
		{"php mysqli object", "$m = new mysqli('db', 'root', '" + pass + "', 'app');", p},
		{"php mysqli nested call", "$m = new mysqli(getenv('DB_HOST'), 'root', '" + pass + "');", p},
		{"php mysqli empty", "$c = mysqli_connect('localhost', 'root', '');", nil},
		{"dotnet credential", "var cred = new NetworkCredential(\"svc\", \"" + pass + "\");", p},
		{"dotnet credential variable", "var cred = new NetworkCredential(user, secret);", nil},
		{"paho mqtt", "c.username_pw_set(\"sensor\", \"" + pass + "\")", p},
		{"paho mqtt variable", "client.username_pw_set(USER, password=PW)", nil},
		{"paho mqtt longer name", "c.my_username_pw_setter('a', '" + pass + "')", nil},
		{"modem cgauth", "AT+CGDCONT=1,\"IP\",\"apn.m2m\"\r\nOK\r\nAT+CGAUTH=1,1,\"iotuser\",\"" + pass + "\"\r\nOK", p},
		{"modem quectel", "AT+QICSGP=1,1,\"apn.m2m\",\"u\",\"" + pass + "\",1", p},
		{"modem simcom", "at+cstt=\"apn.m2m\",\"u\",\"" + pass + "\"", p},
		{"modem cgauth without a password", "AT+CGAUTH=1,0\r\nOK\r\nAT+CGACT=1,1,\"x\",\"" + pass + "\"", nil},
		{"modem cgauth query", "AT+CGAUTH=?", nil},
		{"percent password", "password: \"%" + pass + "\"", []want{{TypePassword, "%" + pass}}},
		{"core str tag", "password: !!str " + pass, p},
		{"value starting with !", "password: !" + pass[1:] + "\nuser: x", []want{{TypePassword, "!" + pass[1:]}}},
		{"literal block", "password: |\n  " + pass + "\nuser: x", p},
		{"folded block stripped", "  password: >-\n    " + pass + "\n  user: x", p},
		{"value starting with >", "password: >" + pass[1:], []want{{TypePassword, ">" + pass[1:]}}},
		{"value starting with |", "password: |" + pass[1:] + " ok", []want{{TypePassword, "|" + pass[1:]}}},
		{"block of lines", "password: |\n  first line\n  second line\n", nil},
		{"block of prose", "password: >\n  Ask the admin\n", nil},
		// Inside a JSON string.
		{"json newline escape", `{"prompt": "password: ` + pass + `\nuser: bob"}`, p},
		{"json tab escape", `{"prompt": "pwd=` + pass + `\tok"}`, p},
		{"json string end", `{"prompt": "DB_PASSWORD=` + pass + `"}`, p},
		{"json escaped quote end", `{"prompt": "password=` + pass + `\"}"`, p},
		{"json escaped quotes", `{"prompt": "password: \"` + pass + `\" ok"}`, p},
		{"json escaped backslash kept", `{"prompt": "password=Qz7\\mKp2Lx"}`, []want{{TypePassword, `Qz7\\mKp2Lx`}}},
		{"value starting with a backslash", `password=\Qz7mKp2Lx`, []want{{TypePassword, `\Qz7mKp2Lx`}}},
		{"json escaped single quotes", `{"q": "PWD=\'` + pass + `\'"}`, p},
		{"json escaped newline value", `{"prompt": "password:\nQz7mKp2Lx"}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// FuzzPasswordForms runs the value readers of the assignment forms at every
// place of any text: no panic, spans inside the text, an element's value
// just before its end tag, a -p value after "-p".
func FuzzPasswordForms(f *testing.F) {
	for _, seed := range []string{
		`{"key":"DB_PASSWORD","value":"Qz7mKp2Lx"}`, `{"value":"x\"}","k":[{}],"name":'password'}`, "- name: DB_PASSWORD\n  value: Qz7mKp2Lx\n",
		"  value: Qz7mKp2Lx\n  name: pwd\n", "mot_de_passe=Qz7mKp2Lx", "PAROLA-D'ORDINE: x", "password: https://x.io/r?t=Qz7",
		"INSERT INTO t (id, `password`) VALUES (1, 'Qz7mKp2Lx');", "INSERT INTO t (a,password) VALUES (f('x,y'), 'it''s')",
		"<password>Qz7mKp2Lx</password>", "<ns:DbPassword> x y </ns:DbPassword>", "<password>\n</password>",
		"docker login --password Qz7mKp2Lx", "--password", "--password \"a b\"",
		"login a@b.it / estate.2012", "login x /", "user/pass: admin/Qz7m!kp2 username/password: u : v",
		"rete Ospiti, chiave Estate2019$6; chiave wifi: Qz7mKp2Lx chiave WPA2 è", "\toption key 'lampo-casa-blu91'\npsk=\"x y\" wpa-psk",
		"wpa2-pre-shared-key=Luna465# ppp chap password 0 qqlo977p",
		"mysql -u root -pQz7mKp2Lx app", "mysqldump -u a -p'x y'", "sshpass -p 'Qz7' ssh -p 22 h", "sshpass -p",
		"Server=db;Password=Qz7mKp2Lx9;Encrypt=True", "Password=a;b=c;", ";pwd=;",
		"00\xa2)\v", "mysql -u root\r\n", // a control byte after the command: no token, no endless loop
		"CREATE ROLE r LOGIN PASSWORD 'Qz7mKp2Lx'", "ALTER USER u IDENTIFIED WITH p BY 'x y'", "IDENTIFIED BY",
		"PASSWORD '", "password: !vault |\n  $ANSIBLE_VAULT;1.1", "password: !x\r\n y", "password: |-\n  Qz7mKp2Lx\n",
		"password: >", "pwd=Qz7mKp2Lx\\n", `password: \"Qz7mKp2Lx\"`, `password: \"`, `x=\\\`,
		"machine h.it login u password Qz7mKp2Lx", "default\n login u\n password 'a b'", "login password",
		"password: Y2hhbmdlbWU=", "password: 'YWRtaW4='", "Password:\n vou@T5Nq.UlTWo.", "password → 'a@b.c' x@y..Z",
	} {
		f.Add(seed)
	}
	f.Add("<tr><th>DB password:</th>\n<td class=x><code>Qz7mKp2Lx</code></td><td>pass</td></tr><b>pwd</b>: <")
	f.Add("jdbc:oracle:thin:u/Qz7mKp2Lx@//db:1521/x sqlplus -s a/b")
	f.Add("h:5432:d\\:x:u:Qz7mKp2Lx")
	f.Add("echo -n 'Qz7' | docker login --password-stdin <<<\"x\" printf '%s")
	f.Add("ConvertTo-SecureString -String 'Qz7' -AsPlainText DBI->connect('a', (b, 'c'), 'Qz7') new PDO(")
	f.Add("mysqli_connect(\"a\", 'b\", [')")
	f.Add("username a password 0 x\n password 7 \nenable password ")
	f.Add("credentials: admin/Adm1n!2024 le credenziali sono mario.r e Tr4ppola!92, creds: a:b")
	f.Add("variable \"db_password\" {\n default = \"Qz7\"\n}\nvariable \"pwd\" {\n  default =\n")
	f.Add("htpasswd -nb admin Qz7 | docker login -p Qz7 -u ci r; oc login -u a -p")
	f.Add("process.env.DB_PASSWORD || \"Qz7!\" ?? 'x' ?: or \"")
	f.Add("const P: &'static str = \"Qz7\"; password: str =\nPassword:\n  Qz7mKp2Lx\r\n")
	f.Add("one-time password a-b-1 -time password x one-time password nuova password ")
	f.Fuzz(func(t *testing.T, text string) {
		check := func(name string, i, s, e int, ok bool) {
			if ok && (s < 0 || s > e || e > len(text)) {
				t.Fatalf("%s(%q, %d) = %d, %d", name, text, i, s, e)
			}
		}
		if s, e, ok := pgpassLine(text); ok && (s == 0 || s >= e || e != len(text) || text[s-1] != ':') {
			t.Fatalf("pgpassLine(%q) = %d, %d", text, s, e)
		}
		for i := 0; i < len(text); i++ {
			s, e, ok := passwordAt(text, i)
			check("passwordAt", i, s, e, ok)
			s, e, ok = elementValue(text, i)
			check("elementValue", i, s, e, ok)
			if ok && !strings.HasPrefix(strings.TrimLeft(text[e:], " \t\r\n"), "</") {
				t.Fatalf("elementValue(%q, %d) = %q, not before an end tag", text, i, text[s:e])
			}
			s, e, ok = optionValue(text, i)
			check("optionValue", i, s, e, ok)
			s, e, ok = commandPassword(text, i)
			check("commandPassword", i, s, e, ok)
			if hasPrefixFold(text, i, "password-stdin") {
				s, e, ok = stdinPassword(text, i)
				check("stdinPassword", i, s, e, ok)
			}
			if c, isCall := passwordCallAt(text, i); isCall {
				s, e, ok = callPassword(text, i, c)
				check("callPassword", i, s, e, ok)
			}
			if text[i] == '-' {
				s, e, ok = mysqlUser(text, i)
				check("mysqlUser", i, s, e, ok)
				tried := -1
				s, e, ok = loginPassword(text, i, &tried)
				check("loginPassword", i, s, e, ok)
			}
			s, e, ok = credentialPair(text, i)
			check("credentialPair", i, s, e, ok)
			s, e, ok = htpasswdPassword(text, i)
			check("htpasswdPassword", i, s, e, ok)
			s, e, ok = fallbackValue(text, i)
			check("fallbackValue", i, s, e, ok)
			s, e, ok = nextLineValue(text, i)
			check("nextLineValue", i, s, e, ok)
			if v := typedValue(text, i); v < i || v > len(text) {
				t.Fatalf("typedValue(%q, %d) = %d", text, i, v)
			}
			if text[i] == ';' {
				connStringValue(text, max(0, i-8), i)
			}
			s, e, ok = identifiedBy(text, i)
			check("identifiedBy", i, s, e, ok)
			if hasPrefixFold(text, i, "oracle:thin:") || hasPrefixFold(text, i, "sqlplus ") {
				s, e, ok = oracleLogin(text, i)
				check("oracleLogin", i, s, e, ok)
				if ok && (s <= i || text[s-1] != '/') {
					t.Fatalf("oracleLogin(%q, %d) = %q: not after a '/'", text, i, text[s:e])
				}
			}
			s, e, ok = quotedOrBare(text, i, false)
			check("quotedOrBare", i, s, e, ok)
			if ok && s == i && beforeEscape(text, s, e) != e {
				t.Fatalf("quotedOrBare(%q, %d) = %q, holding an escape that ends it", text, i, text[s:e])
			}
			if text[i] == '!' {
				if t2, ok := yamlTag(text, i); ok && (t2 <= i || t2 > len(text)) {
					t.Fatalf("yamlTag(%q, %d) = %d", text, i, t2)
				}
			}
			if c, ok := blockStart(text, i); ok && (text[i] == '|' || text[i] == '>') {
				if c <= i || c > len(text) || text[c-1] != '\n' {
					t.Fatalf("blockStart(%q, %d) = %d", text, i, c)
				}
				for h := range min(i, 8) {
					s, e, ok = blockScalarValue(text, h, c)
					check("blockScalarValue", i, s, e, ok)
					if ok && s < c {
						t.Fatalf("blockScalarValue(%q, %d, %d) = %d, %d: not in the block", text, h, c, s, e)
					}
				}
			}
			sqlUserStatement(text, i)
			netrcEntry(text, i)
			s, e, ok = pseudoAddressAfter(text, i)
			check("pseudoAddressAfter", i, s, e, ok)
			if ok && (s < i || strings.IndexByte(text[s:e], '@') < 0) {
				t.Fatalf("pseudoAddressAfter(%q, %d) = %q", text, i, text[s:e])
			}
			if tok, k := prevToken(text, i, max(0, i-16)); k < max(0, i-16) || k+len(tok) > i || strings.ContainsAny(tok, " \t\r\n") {
				t.Fatalf("prevToken(%q, %d) = %q at %d", text, i, tok, k)
			}
			for e := i; e <= len(text) && e <= i+40; e += 4 {
				encodedStandIn(text, i, e)
			}
		}
	})
}

// TestNetrcPassword: a .netrc entry's password token (machine HOST login
// USER password VALUE, one line or a pair a line, or a default entry) is a
// password; prose that does not follow the grammar is not.
func TestNetrcPassword(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	pass := genPassword(r, 14)
	p := []want{{TypePassword, pass}}
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"one line", "machine github.com login octocat password " + pass, p},
		{"pairs a line", "machine api.example.com\n  login bob\n  password " + pass + "\n", p},
		{"tabs and crlf", "machine\tgit.acme.it\r\n\tlogin\tdeploy\r\n\tpassword\t" + pass + "\r\n", p},
		{"account before", "machine ftp.acme.it login anon account acct1 password " + pass, p},
		{"no login", "machine ftp.acme.it password " + pass, p},
		{"default entry", "default login anonymous password " + pass, p},
		{"default at line start", "machine a.it login x password " + pass + "\ndefault password " + genPassword(r, 12), []want{{TypePassword, pass}, {TypePassword, ""}}},
		{"quoted value", `machine h.it login u password "` + pass + ` x"`, []want{{TypePassword, pass + " x"}}},
		{"in a shell heredoc", "cat > ~/.netrc <<EOF\nmachine registry.acme.it login ci password " + pass + "\nEOF", p},
		{"placeholder", "machine github.com login octocat password YOUR_TOKEN", nil},
		{"template", "machine github.com login octocat password ${GITHUB_TOKEN}", nil},
		{"word value", "machine github.com login octocat password secret", nil},
		{"reset link", "the password reset link expired", nil},
		{"policy", "password policy requires 12 characters", nil},
		{"default in prose", "the default password policy requires 12 characters", nil},
		{"default in prose value", "we changed the default password Qz7mKp2Lx9vR", []want{{TypePassword, "Qz7mKp2Lx9vR"}}},
		{"login prose", "use the login page password reset2024 form", nil},
		{"copula still", "the default password is " + pass, p},
		{"passwort is no netrc word", "machine h.it login u passwort yu3r2pzm9bbgc!", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.wants) == 2 { // the second value is generated inside the text
				tt.wants[1].value = tt.text[strings.LastIndexByte(tt.text, ' ')+1:]
			}
			checkFindings(t, s, tt.text, tt.wants)
		})
	}
}

// TestSecretStoresMarkEarly: secretStoreRef looks for a prefix only where a
// ':' or '+' stands within the value's first 16 bytes; each prefix has one
// there.
func TestSecretStoresMarkEarly(t *testing.T) {
	for _, p := range secretStores {
		if strings.IndexAny(p[:min(len(p), 16)], ":+") < 0 {
			t.Errorf("secret store prefix %q has no ':' or '+' in its first 16 bytes", p)
		}
		if !secretStoreRef(p + "x/y") {
			t.Errorf("secretStoreRef(%q) = false", p+"x/y")
		}
	}
}
