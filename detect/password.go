package detect

import (
	"math/bits"
	"slices"
	"strings"
)

// password finds passwords given in the text: the value assigned to, or said
// to be, a password ("password: …", DB_PASSWORD="…", "la password è …",
// <add key="ClearTextPassword" value="…"/>, <password>…</password>,
// --password VALUE, curl -u user:pass, mysql -u root -pVALUE, sshpass -p
// VALUE). Only the value is reported, up to the ';' that ends it in a
// connection string. The word alone proves nothing ("reset your password"),
// so a value must follow an assignment or a copula and must not be a
// template.
type password struct{}

var _ Detector = password{}

func (password) Type() string { return TypePassword }

// German and Spanish are written as their speakers do: "Passwort",
// "contraseña" (and "contrasena", typed without ñ; "CONTRASEÑA" in
// capitals, whose Ñ ASCII case folding does not reach); Portuguese
// "senha", "palavra-passe", Dutch "wachtwoord"; and the misspellings
// typed most (pasword, passwrod: before "pass", which would take them).
var passwordWords = []string{
	"password", "passwd", "pwd", "passphrase", "passcode", "passwort", "passwrod", "pass", "parola d'ordine",
	"parola chiave", "parola segreta", "contrasena", "contraseña", "contraseÑa", "kennwort",
	"mot de passe", "pw", "psw", "senha", "palavra passe", "wachtwoord", "pasword",
}

// passwordKeywords gate the detector: passwordWords but for those another
// keyword starts ("pass" finds "passwort", "contrase" the spellings of
// contraseña, "parola" the Italian words in any joining), so the prefilter
// gains no keyword for them; the French word joined into one identifier
// (mot_de_passe, motDePasse: joinedWordAt); and SQL's "identified by"
// (CREATE USER … IDENTIFIED BY 'x').
var passwordKeywords = []string{
	"-u ", "--user ", "--user=", "password", "passwd", "pwd", "passphrase", "passcode", "pass",
	"parola", "contrase", "kennwort", "mot de passe", "mot_de", "mot-de", "motde",
	"identified", "pw:", "pw ", "psw", "oracle:thin:", "sqlplus ", ".pgpass",
	// Calls that take a password by position (passwordCalls).
	"securestring", "dbi->connect", "new pdo", "mysqli_connect", "new mysqli", "mysql_connect",
	"networkcredential", "username_pw_set", "at+cgauth=", "at+qicsgp=", "at+cstt=",
	// A network device's SNMP community: the password of SNMP v1/v2c.
	"snmp-server community ",
	// A user name and its password given together (credentialPair).
	"credential", "credenzial", "creds",
	// Portuguese and Dutch, and the misspellings typed most.
	"senha", "palavra", "wachtwoord", "pasword",
	// A Wi-Fi network's pre-shared key (wifiKeyWordAt).
	"option key ", "psk=", "wpa-psk ", "pre-shared-key=", "chiave ",
	// A login given as its user and password together (loginPair).
	"login ",
}

func (password) Keywords() []string { return append(slices.Clone(passwordKeywords), toolKeywords...) }

func (password) Find(t *Text) {
	text, hits := t.S, t.Hits
	next := 0
	noCell := 0      // the words before it are on a line too long for a table's
	loginTried := -1 // the line whose login command loginPassword read last
	for _, h := range hits {
		if h < next {
			continue
		}
		var s, e int
		var ok, word bool // word: the hit is a password word's
		if text[h] == '.' {
			next = max(next, pgpassEntries(t, h))
			continue
		}
		if h >= 5 && hasPrefixFold(text, h-5, "sasl_passwd") {
			if end := saslEntries(t, h-5); end > 0 {
				next = max(next, end)
				continue
			}
		}
		if text[h] == '-' {
			if s, e, ok = curlUser(text, h); !ok {
				if s, e, ok = mysqlUser(text, h); !ok {
					if s, e, ok = loginPassword(text, h, &loginTried); !ok {
						s, e, ok = toolPassword(text, h)
					}
				}
			}
		} else if lower(text[h]) == 'n' && hasPrefixFold(text, h, "net use ") {
			s, e, ok = netUsePassword(text, h)
		} else if toolKeywordAt(text, h) {
			s, e, ok = toolPassword(text, h)
		} else if lower(text[h]) == 'i' {
			s, e, ok = identifiedBy(text, h)
		} else if hasPrefixFold(text, h, "snmp-server community ") {
			s, e, ok = snmpCommunity(text, h+len("snmp-server community "))
		} else if n := credentialWordAt(text, h); n > 0 {
			s, e, ok = credentialPair(text, h+n)
		} else if call, isCall := passwordCallAt(text, h); isCall {
			s, e, ok = callPassword(text, h, call)
		} else if n := wifiKeyWordAt(text, h); n > 0 {
			s, e, ok = wifiKey(text, h, n)
		} else if lower(text[h]) == 'c' && hasPrefixFold(text, h, "chiave ") {
			s, e, ok = wifiChiave(text, h)
		} else if lower(text[h]) == 'l' && hasPrefixFold(text, h, "login ") {
			s, e, ok = loginPair(text, h)
		} else if c := lower(text[h]); c == 's' && hasPrefixFold(text, h, "sqlplus ") || c == 'o' && hasPrefixFold(text, h, "oracle:thin:") {
			s, e, ok = oracleLogin(text, h)
		} else {
			word = true
			if s, e, ok = passwordAt(text, h); !ok && strings.IndexByte(text[h:min(len(text), h+pseudoAddressNear)], '@') >= 0 {
				s, e, ok = pseudoAddressAfter(text, h)
			}
		}
		if ok && pwAbbreviation(text, h) && !pwValue(text[s:e]) {
			ok = false
		}
		if !ok && word && h >= noCell && tableCellNear(text, h) {
			// A table's header or field cell (passwordtable.go).
			switch end := passwordCell(t, h); {
			case end > 0:
				next = max(next, end)
				continue
			case end < 0:
				noCell = len(text)
				if k := strings.IndexByte(text[h:], '\n'); k >= 0 {
					noCell = h + k
				}
			}
		}
		if !ok && word {
			// A fixed-width table's column (passwordtable.go).
			if end := passwordFixedColumn(t, h); end > 0 {
				next = max(next, end)
				continue
			}
		}
		if ok && !encodedStandIn(text, s, e) {
			t.Emit(s, e)
			next = e
		}
		// An INSERT's further rows, whether or not the first row's value
		// was one (NULL, a placeholder).
		next = max(next, insertedAfter(t, h))
	}
}

// insertedAfter emits, when the password word at h names a column of an
// INSERT (its identifier passes passwordAt's tests: not inside a word, no
// suffix such as _hash), the column's value in each row of VALUES after
// the first (VALUES (…), (…), …; passwordAt reads the first), and returns
// the last one's end (0 if none).
func insertedAfter(t *Text, h int) int {
	text := t.S
	st := spanClassBack(text, h, h-64, cWordDashDot)
	if p := byteAt(text, st-1); st > 0 && strings.IndexByte(",( \t\n\r`\"[", p) < 0 {
		return 0 // the usual hit: not a column of a list (a cheap test first)
	}
	kw := prefixFoldAmong(text, h, &passwordWordsByFirst)
	if kw == "" {
		return 0
	}
	e := passwordIdentEnd(text, h, len(kw))
	if e < 0 {
		return 0
	}
	row, col := insertColumn(text, st, e)
	if row < 0 {
		return 0
	}
	last := 0
	insertedRows(text, row, col, func(s, e int) {
		if !encodedStandIn(text, s, e) {
			t.Emit(s, e)
			last = e
		}
	})
	return last
}

// pwAbbreviation reports whether the password word at h is "pw" (PW:,
// db_pw:; gated by "pw:" alone: "pw=" costs the byte pass twice as much),
// which also abbreviates power, a part or a product (Power PW: 120W; Pratt
// & Whitney PW: PW4000): its value must look like a password (pwValue).
func pwAbbreviation(text string, h int) bool {
	return hasPrefixFold(text, h, "pw") && !isWord(byteAt(text, h+2))
}

// pwValue reports whether the value of "pw" looks like a password rather
// than a measure, a date, a model number or a word (Reset PW: Settings):
// six bytes or more, with a small letter and a digit or a symbol among
// them.
func pwValue(v string) bool {
	if len(v) < 6 {
		return false
	}
	small, other := false, false
	for i := 0; i < len(v); i++ {
		small = small || isLower(v[i]) || v[i] >= 0x80
		other = other || !isAlpha(v[i]) && v[i] < 0x80
	}
	return small && other
}

// encodedStandIn reports a password value text[s:e] that is percent-encoded
// and decodes to a stand-in or a reference, or is base64 of text
// (decodeBase64Text: a random value, as openssl rand -base64 makes, decodes
// to bytes that are not) which would be no password written plainly: a
// stand-in (a Kubernetes Secret's password: Y2hhbmdlbWU=, "changeme"), a
// template, or, unquoted, a value whose first token (what a bare value is
// read up to) is short or does not look generated. The
// encoding hides nothing there; the value is judged as decoded.
func encodedStandIn(text string, s, e int) bool {
	v := text[s:e]
	if nextPercentEsc(v, 0) >= 0 {
		// Percent-encoded (a form or a query: password=%2A%2A%2A%2A,
		// %7B%7B%20vault_pw%20%7D%7D): judged as decoded too.
		if d := percentDecode(v).nt.text; standIn(d) || isReference(d) {
			return true
		}
	}
	if len(v) < 8 || len(v) > maxBase64Run || !mayBeText(v) {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !b64Class[v[i]] && (v[i] != '=' || i < len(v)-2) {
			return false
		}
	}
	dec, _, ok := decodeBase64Text(v)
	if !ok {
		return false
	}
	if standIn(dec) {
		return true
	}
	if q := byteAt(text, s-1); q == '"' || q == '\'' || q == '`' {
		return false
	}
	// Unquoted, as a bare value is read: its first token.
	tok := dec
	if i := strings.IndexAny(dec, " \t\r\n"); i >= 0 {
		tok = dec[:i]
	}
	return len(tok) < 4 || !looksRandom(tok)
}

// passwordWordsByFirst lists passwordWords by first byte.
var passwordWordsByFirst = byFirstByte(passwordWords)

// copula reports whether a word of prose links a password keyword to its
// value: English and Italian (is, was, è, e', era, sarà), the languages of
// the other keywords (German ist, lautet; Spanish es, fue; French est; Portuguese é), or
// "=", ":" standing alone. The word's bytes, ASCII letters lowered, are
// compared as one number: no list walked per word of prose.
func copula(w string) bool {
	if len(w) > 6 {
		return false
	}
	var x uint64
	for i := 0; i < len(w); i++ {
		x = x<<8 | uint64(lower(w[i]))
	}
	switch x {
	case '=', ':', 'i'<<8 | 's', 'e'<<8 | 's', 0xc3a8 /* è */, 0xc3a9 /* Portuguese é */, 'e'<<8 | '\'',
		'w'<<16 | 'a'<<8 | 's', 'e'<<16 | 'r'<<8 | 'a', 'i'<<16 | 's'<<8 | 't', 'f'<<16 | 'u'<<8 | 'e', 'e'<<16 | 's'<<8 | 't',
		's'<<32 | 'a'<<24 | 'r'<<16 | 0xc3a0 /* sarà */, 'l'<<40 | 'a'<<32 | 'u'<<24 | 't'<<16 | 'e'<<8 | 't':
		return true
	}
	return false
}

// passwordWordAt returns the password word at h (passwordWords) and its
// length, or "" and the length of a joined one (mot_de_passe,
// parolaChiave: joinedWordAt), 0 if none.
func passwordWordAt(text string, h int) (string, int) {
	if kw := prefixFoldAmong(text, h, &passwordWordsByFirst); kw != "" {
		return kw, len(kw)
	}
	return "", joinedWordAt(text, h)
}

// passwordIdentEnd returns where the identifier holding the password word
// of n bytes at h ends, or -1 if the word is no identifier's: it must start
// a word or an identifier part (DB_PASSWORD, dbPassword, ClearTextPassword)
// and end one, but for a short suffix that still names the password
// ("password_hash" is not a password; "passwordValue", "password1" … rarely
// matter), and nothing before it may name a hash (hashed_password).
func passwordIdentEnd(text string, h, n int) int {
	if p := byteAt(text, h-1); isLower(p) && !isUpper(text[h]) && !joinedKeyPrefix(text, h) && !compoundHead(text, h) || isDigit(p) {
		return -1
	}
	if hashKeyBefore(text, h) {
		return -1 // hashed_password, encrypted_password: the hash's field
	}
	i := h + n
	tail := spanClass(text, i, 24, cWordDash)
	if tail > i && !passwordSuffix(text[i:tail]) {
		return -1
	}
	return tail
}

// joinedKeyPrefixes are the words a key joins to the password word in one
// case without a separator: libpq's PGPASSWORD written pgpassword, dbpassword,
// adminpassword.
var joinedKeyPrefixes = []string{"pg", "db", "admin", "root", "smtp", "mysql"}

// joinedKeyPrefix reports whether the letters before the word "password" at
// h are a whole word of joinedKeyPrefixes, ignoring case (not before "pass":
// .pgpass is a file).
func joinedKeyPrefix(text string, h int) bool {
	if !hasPrefixFold(text, h, "password") {
		return false
	}
	s := h
	for s > 0 && h-s < 6 && isAlpha(text[s-1]) {
		s--
	}
	return !isAlnum(byteAt(text, s-1)) && amongFold(text[s:h], joinedKeyPrefixes)
}

// compoundHead reports whether the password word at h is German's or
// Dutch's, whose compounds are written as one word with it last:
// Initialpasswort, Datenbankkennwort, beheerderswachtwoord.
func compoundHead(text string, h int) bool {
	return hasPrefixFold(text, h, "passwort") || hasPrefixFold(text, h, "kennwort") || hasPrefixFold(text, h, "wachtwoord")
}

// passwordAt handles a password keyword at h.
func passwordAt(text string, h int) (int, int, bool) {
	// The keyword must start a word or an identifier part (DB_PASSWORD,
	// dbPassword, ClearTextPassword), and end one.
	kw, n := passwordWordAt(text, h)
	if n == 0 {
		return 0, 0, false
	}
	tail := passwordIdentEnd(text, h, n)
	if tail < 0 {
		if kw == "pass" && hasPrefixFold(text, h-3, "ssh") {
			return commandPassword(text, h-3) // sshpass -p SECRET
		}
		if kw == "passwd" && hasPrefixFold(text, h-2, "ht") {
			return htpasswdPassword(text, h-2) // htpasswd -b FILE USER SECRET
		}
		if kw == "password" && byteAt(text, h-1) == '-' && hasPrefixFold(text, h+n, "-stdin") {
			return stdinPassword(text, h) // echo SECRET | docker login --password-stdin
		}
		if kw == "pass" && isLower(byteAt(text, h-1)) {
			// keytool -storepass SECRET -keypass SECRET (toolOptions)
			if o := spanClassBack(text, h, h-16, cAlpha); byteAt(text, o-1) == '-' {
				return toolPassword(text, o-1)
			}
		}
		return 0, 0, false
	}
	if byteAt(text, h-1) == '/' {
		// user/pass admin/Qz7m!kp2, username/password: mrossi / …
		if s, e, ok, pair := slashLabelPair(text, h, tail); pair {
			return s, e, ok
		}
	}
	i := tail
	if byteAt(text, i) == '[' && byteAt(text, i+1) == ']' {
		i += 2 // a C array's declarator: const char WIFI_PASSWORD[] = "…"
	}
	// A value the identifier names elsewhere: a name/value pair's value
	// field, {"key":"DB_PASSWORD","value":"…"}; a column's value in a SQL
	// INSERT (pairvalue.go, sqlinsert.go).
	if s, e, ok := valueNamedBy(text, h, i); ok {
		return s, e, true
	}
	// An XML element's content: <password>…</password> (Maven's
	// settings.xml, <ns:DbPassword>…).
	if byteAt(text, i) == '>' && elementStart(text, h) {
		return elementValue(text, i+1)
	}
	// An HTML label and the element after it: a table's next cell, a
	// definition's <dd>, the text after a bold label.
	if s, e, ok := htmlLabelValue(text, h, i); ok {
		return s, e, true
	}
	// A long option with its value as the next argument: docker login
	// --password VALUE (--password=VALUE is an assignment, below).
	if byteAt(text, h-1) == '-' && byteAt(text, h-2) == '-' && isSpace(byteAt(text, i)) && optionStart(text, h-2) {
		return optionValue(text, skipSpaces(text, i))
	}
	// SQL assigns by keyword: CREATE ROLE r LOGIN PASSWORD 'x', ALTER USER
	// u WITH PASSWORD 'x' (PostgreSQL, Redshift …): a quoted literal right
	// after the keyword, in a CREATE or ALTER of a user or role.
	if tail == h+n && isSpace(byteAt(text, h-1)) {
		if v := skipSQLSpace(text, i); v > i && (byteAt(text, v) == '\'' || byteAt(text, v) == '"') && sqlUserStatement(text, h) {
			if sqlWordBefore(text, h, "by") {
				return 0, 0, false // MySQL's IDENTIFIED BY PASSWORD '*hash'
			}
			return quotedOrBare(text, v, false)
		}
	}
	// A .netrc entry: machine HOST login USER password VALUE, its tokens
	// apart by spaces or line breaks. Prose that does not follow the
	// grammar ("the password reset link") goes on to the tests below.
	if tail == h+len(kw) && kw == "password" && (byteAt(text, i) == ' ' || byteAt(text, i) == '\t') &&
		(h == 0 || isSpace(text[h-1])) && netrcEntry(text, h) {
		if s, e, ok := assignedValue(text, skipSpaces(text, i)); ok {
			return s, e, true
		}
	}
	// The default of a variable read: process.env.DB_PASSWORD || "…",
	// C#'s ?? "…", Kotlin's ?: "…", Python's … or "…".
	if s, e, ok := fallbackValue(text, i); ok {
		return s, e, true
	}
	// Closing quote of a key ("password": …, key="ClearTextPassword" value=…).
	// (Escaped, \"…\", inside a JSON string: a notebook's cell source.)
	callKey := false
	if q := byteAt(text, i); q == '"' || q == '\'' || q == '\\' && isQuote(byteAt(text, i+1)) {
		if q == '\\' {
			q, i = text[i+1], i+1
		}
		callKey = callArgument(text, h, q)
		i++
		if byteAt(text, i) == ']' && keyOpenedBy(text, h, q) == '[' {
			i++ // a subscript's key: os.environ["DB_PASSWORD"] = "…", ENV['X_PASSWORD'] ||= '…'
		}
	}
	// nuget: key="…Password" value="secret"
	j := skipSpaces(text, i)
	// A call's key and value arguments: define('DB_PASSWORD', '…') (PHP,
	// wp-config.php), os.Setenv("DB_PASSWORD", "…"): a quoted value that
	// looks generated (a tuple of field names, ("password", "email"), has
	// the same shape).
	if callKey && byteAt(text, j) == ',' {
		v := skipSpaces(text, j+1)
		if c := byteAt(text, v); isQuote(c) || c == '\\' && isQuote(byteAt(text, v+1)) {
			if s, e, ok := quotedOrBare(text, v, false); ok && looksRandom(text[s:e]) {
				return s, e, true
			}
		}
		return 0, 0, false
	}
	if hasPrefixFold(text, j, "value=") {
		return quotedOrBare(text, j+6, true)
	}
	// Assignment operators: ":", "=", ":=", "=>", "?=", ".=" …
	k, assigns := j, false
	for k < len(text) && k-j < 4 && is(text[k], cAssign) {
		assigns = assigns || text[k] == ':' || text[k] == '='
		k++
	}
	if assigns {
		if c := byteAt(text, k); k-j == 1 && text[j] == ':' && j > i && (c == '\'' || c == '"' || isLower(c) || c == '_') {
			// psql's variable, interpolated: PASSWORD :'app_password',
			// :app_password (a label's colon has no space before it, and
			// one after).
			return 0, 0, false
		}
		if text[k-1] == ':' && byteAt(text, k) == '*' && byteAt(text, k+1) == '*' && byteAt(text, k+2) == ' ' {
			k += 2 // a Markdown label in bold: **Password:** value
		}
		v := skipSpaces(text, k)
		if k-j == 1 && text[j] == ':' {
			v = typedValue(text, v) // const ADMIN_PASSWORD: &str = "…"
			if s, e, ok := nextLineValue(text, v); ok {
				return s, e, true // a form's label, its value below: "Password:\nX"
			}
		}
		if byteAt(text, v) == '!' && k-j == 1 && text[j] == ':' {
			// A YAML tag is not the value: "!!str x" is the string x, but an
			// application's tag makes the value something else (!vault:
			// ciphertext; !Ref, !Sub: CloudFormation references; !secret: a
			// name in secrets.yaml), no password written there.
			t, ok := yamlTag(text, v)
			if ok && text[v:t] != "!!str" {
				return 0, 0, false
			}
			if ok {
				v = skipSpaces(text, t)
			}
		}
		if q := byteAt(text, v); (q == '|' || q == '>') && text[k-1] == ':' {
			// A YAML block scalar: the indicator is no value; the value is
			// the block's content, if that is a single token on one line.
			if c, ok := blockStart(text, v); ok {
				return blockScalarValue(text, h, c)
			}
		}
		s, e, ok := quotedOrBare(text, v, false)
		if ok && (byteAt(text, h-1) == '?' || byteAt(text, h-1) == '&') {
			// A URL query: the value ends at the next parameter.
			if a := strings.IndexAny(text[s:e], "&#"); a >= 0 {
				e = s + a
				ok = e-s >= 4
			}
		}
		if ok && s == v && text[k-1] == '=' {
			// A connection string (ADO.NET, ODBC, JDBC: key=value;key=value):
			// an unquoted value ends at ';'.
			if a := strings.IndexByte(text[s:e], ';'); a >= 0 && connStringValue(text, h, s+a) {
				e = s + a
				ok = e-s >= 4 && !standIn(text[s:e])
			}
		}
		// A bare value must look generated; a quoted one was typed as a string.
		if ok && (s > v || looksRandom(text[s:e])) {
			return s, e, true
		}
		return 0, 0, false
	}
	// A configuration line of a key and its value apart by spaces: Groovy's
	// storePassword 'x', Mosquitto's remote_password x, a C macro's
	// #define WIFI_PASSWORD "x".
	if s, e, ok := spacedKeyValue(text, h, i); ok {
		return s, e, true
	}
	// A network device's configuration statement (Cisco IOS and its kin).
	if kw == "password" && byteAt(text, i) == ' ' {
		if s, e, ok := devicePassword(text, h, i); ok {
			return s, e, true
		}
	}
	// "Log in with password X", "accedi con la password X": the value
	// right after the word, the means of an action; it must look generated
	// ("with password protection" is prose) and be more than a code's
	// few characters.
	if j > i && meansBefore(text, h) {
		if s, e, ok := quotedOrBare(text, j, false); ok && e-s >= 6 && looksRandom(text[s:e]) &&
			!standIn(text[s:e]) {
			return s, e, true
		}
	}
	// "I set the VPN password to X", "ho cambiato la pwd in X", "imposta
	// la password a X": the value it was set to. "to", "in" and "a" lead
	// to other things as often ("send the password to Mario", "salva la
	// password in KeePass", "send the password to Mario.Rossi@acme.it"):
	// the value must look generated beyond doubt (generatedSecret).
	if j > i && (h == 0 || !isAlnum(text[h-1])) { // not KeePass to 1Password
		if w, v := letterWordAfter(text, j); v < len(text) && text[v] == ' ' && setToWord(w) {
			// (A passphrase is words joined, as people choose it:
			// pignolo-puffin-marmotta-37.)
			if s, e, ok := quotedOrBare(text, skipSpaces(text, v), false); ok &&
				(generatedSecret(text[s:e]) || kw == "passphrase" && typedSecret(text[s:e])) &&
				strings.IndexByte(text[s:e], '@') < 0 && !standIn(text[s:e]) {
				return s, e, true
			}
		}
	}
	// A bare value right after the word with no separator, after a user
	// name given the same way: "user anna pass #w9R%Mj&AreC" (a quoted
	// one there is a SQL operand, WHERE password 'x'; the word a word of
	// prose, not .auth.password inside a template). Alone, "the default
	// password Qz7mKp2Lx9vR" is prose about one, not the login.
	if j > i && j < len(text) && text[j] != '\n' && (h == 0 || isSpace(text[h-1])) && strings.IndexByte(text[i:j], '\t') < 0 &&
		userPairBefore(text, h) {
		// (Not after a tab: a TSV header's next cell, "username\tpassword\tRole".)
		if s, e, ok := quotedOrBare(text, j, false); ok && s == j && e-s >= 4 && looksRandom(text[s:e]) &&
			!standIn(text[s:e]) {
			return s, e, true
		}
	}
	// A bare value right after the word, alone: "rete Acme-Guest, password
	// Qz7mKp2Lx9vR". Without a user name or a separator it is as often
	// prose about the password ("password Manager", "password reset123"):
	// only a value that cannot be a word of prose nor a product's name
	// (generatedSecret: not vSX=wJTuqJio either, three kinds and no digit).
	// "pass" is a verb too ("pass AbC123!@x to …"): only as a field after
	// another, "network Ospiti, pass X".
	if j == i+1 && text[i] == ' ' && (kw != "pass" || fieldAfter(text, h)) && (h == 0 || isSpace(text[h-1])) {
		// (After "pwd", "pass" as a field or a word naming which
		// password, a value someone typed: labels, no words of prose.)
		if s, e, ok := quotedOrBare(text, j, false); ok && s == j && (generatedSecret(text[s:e]) ||
			(kw == "pwd" || kw == "pass" || stateBefore(text, h)) && typedSecret(text[s:e])) {
			return s, e, true
		}
	}
	// Prose: "password is X", "la password è X", "the password for the VPN
	// is X", "la password del wifi è: X" — a few words may come between,
	// within the sentence; the value must then look generated. (After
	// white space, or pass/word: not a call's arguments,
	// usernamePassword(credentialsId: 'x'), nor a template's tail,
	// %(DB_PASSWORD)s\",\"type\":…)
	past := false // a copula passed: the sentence went on with words
	for k, words := j, 0; (j > i || byteAt(text, j) == '/') && k < len(text) && k-j < 48 && words <= 5; words++ {
		// Next word of the same sentence (a copula or a word ending in
		// ':' is short: a longer run, no word of prose, is not read to its
		// end, which in a text without white space is the text's).
		w, lim := k, min(len(text), k+64)
		for w < lim && !is(text[w], cStop) {
			w++
		}
		if w == k+64 {
			break
		}
		if w < len(text) && (text[w] == ' ' || text[w] == '\n' || text[w] == '\r') && copula(text[k:w]) {
			// The value after the copula, or on the next line (a line
			// wrapped there: "… portal is\nfalcon16?NV").
			v := skipBlank(text, w)
			s, e, ok := quotedOrBare(text, v, false)
			if ok && looksRandom(text[s:e]) && (v == skipSpaces(text, w) || charKinds(text[s:e]) >= 3) {
				return s, e, true // (on the next line: not a word starting a sentence)
			}
			// A word of the sentence (an article: "la password è la
			// stessa di prima: X"): the value may follow a ':' in it.
			if we := spanClass(text, v, 16, cLower); v != skipSpaces(text, w) || we == v || byteAt(text, we) != ' ' {
				return 0, 0, false
			}
			past = true
		}
		if w > k && text[w-1] == ':' {
			// "password for prod: X" (after a copula and words, "… is the
			// one in the file: config.yaml", a value beyond doubt).
			s, e, ok := quotedOrBare(text, skipSpaces(text, w), false)
			if ok && looksRandom(text[s:e]) && (!past || charKinds(text[s:e]) >= 3) {
				return s, e, true
			}
			return 0, 0, false
		}
		if w >= len(text) || text[w] != ' ' {
			break
		}
		k = skipSpaces(text, w) // a run of spaces is one (text laid out, OCR)
	}
	return 0, 0, false
}

// callArgument reports whether the identifier holding the password keyword
// at h is a string literal, quoted by q, that is a call's first argument:
// '(' before its opening quote.
func callArgument(text string, h int, q byte) bool {
	return keyOpenedBy(text, h, q) == '('
}

// keyOpenedBy returns the byte before the key holding the password word at
// h, quoted by q, and the spaces before it: '(' for a call's argument, '['
// for a subscript's; 0 if the key is not quoted by q.
func keyOpenedBy(text string, h int, q byte) byte {
	s := h
	for s > 0 && (isAlnum(text[s-1]) || text[s-1] == '_') {
		s--
	}
	if byteAt(text, s-1) != q {
		return 0
	}
	o := s - 1
	if byteAt(text, o-1) == '\\' {
		o-- // escaped: \"DB_PASSWORD\"
	}
	return byteAt(text, spacesBefore(text, o)-1)
}

// isQuote reports a string's quote, double or single.
func isQuote(c byte) bool { return c == '"' || c == '\'' }

// connStringValue reports whether the ';' at semi ends the unquoted value
// of the password key at h in a connection string: the key follows a ';'
// (…;Password=x;…), or a key=value pair follows the ';' (Password=x;Encrypt=…).
// In that grammar a value holding ';' is quoted ("…", '…' or {…}).
func connStringValue(text string, h, semi int) bool {
	k := h
	for k > 0 && k > h-32 && is(text[k-1], cWordDashDot) {
		k-- // the key's start: DbPassword, Jdbc.Password
	}
	k = spacesBefore(text, k)
	if byteAt(text, k-1) == ';' {
		return true
	}
	j := skipSpaces(text, semi+1)
	e := j
	for e < len(text) && e-j < 32 && (is(text[e], cWordDashDot) || text[e] == ' ') {
		e++
	}
	return e > j && isAlpha(text[j]) && byteAt(text, e) == '='
}

// elementStart reports whether the identifier holding the password keyword
// at h is an XML start tag's name: '<' before it, and maybe a prefix
// (<ns:password>, <db.password>, <DbPassword>).
func elementStart(text string, h int) bool {
	k := h
	for k > 0 && k > h-32 && (is(text[k-1], cWordDashDot) || text[k-1] == ':') {
		k--
	}
	return byteAt(text, k-1) == '<'
}

// elementValue reads an XML element's text content from i: up to the end
// tag "</", white space around it trimmed, on one line. Like a quoted
// value, it need not look generated.
func elementValue(text string, i int) (int, int, bool) {
	s := i
	for s < len(text) && s-i < 64 && isSpace(text[s]) {
		s++
	}
	lt := strings.IndexByte(text[s:min(len(text), s+256)], '<')
	if lt < 0 || byteAt(text, s+lt+1) != '/' {
		return 0, 0, false
	}
	e := s + lt
	for e > s && isSpace(text[e-1]) {
		e--
	}
	v := text[s:e]
	if len(v) < 4 || strings.IndexByte(v, '\n') >= 0 || standIn(v) || isReference(v) {
		return 0, 0, false
	}
	return s, e, true
}

// htmlLabelValue reads the value an HTML label gives: the keyword at h,
// ending at i, is (with a word before it at most, and a colon after) all
// of an element's text, and the value is the text after the tags that
// follow on the same row: <td>Password</td><td>VALUE</td>,
// <dt>Password</dt><dd>VALUE</dd>, <b>Password:</b> VALUE. A value that
// is not quoted must look generated (a cell may say "Required").
func htmlLabelValue(text string, h, i int) (int, int, bool) {
	j := skipSpaces(text, i)
	if byteAt(text, j) == ':' {
		j = skipSpaces(text, j+1)
	}
	if byteAt(text, j) != '<' || byteAt(text, j+1) != '/' {
		return 0, 0, false
	}
	// The element's text before the keyword: one word at most.
	k, words := h, 0
	for ; k > 0 && h-k < 32 && text[k-1] != '>'; k-- {
		if c := text[k-1]; c == '<' || c == '\n' {
			return 0, 0, false
		} else if c == ' ' && k < h && text[k] != ' ' {
			words++
		}
	}
	if byteAt(text, k-1) != '>' || words > 1 || (words == 1 && text[k] == ' ') {
		return 0, 0, false
	}
	// The tags up to the value: end tags, then start tags (an end tag
	// after a start tag closes an empty element); a row's end or a
	// table's, a paragraph's or a block's after the label's is not crossed.
	v, opened := j, false
	for tags := 0; ; tags++ {
		v = skipBlank(text, v)
		if byteAt(text, v) != '<' {
			break
		}
		gt := strings.IndexByte(text[v:min(len(text), v+128)], '>')
		if tags == 6 || gt < 0 || strings.IndexAny(text[v+1:v+gt], "<\n") >= 0 {
			return 0, 0, false
		}
		name, closing := strings.CutPrefix(text[v+1:v+gt], "/")
		if closing && opened {
			return 0, 0, false
		}
		opened = opened || !closing
		if sp := strings.IndexAny(name, " \t/"); sp >= 0 {
			name = name[:sp]
		}
		switch strings.ToLower(name) {
		case "tr", "table", "tbody", "thead", "tfoot", "p", "div", "li", "ul", "ol", "dl":
			if v > j {
				return 0, 0, false
			}
		}
		v += gt + 1
	}
	if byteAt(text, v) == ':' && !opened {
		v = skipSpaces(text, v+1) // <b>Password</b>: VALUE
	}
	s, e, ok := quotedOrBare(text, v, false)
	if !ok || (s == v && !looksRandom(text[s:e])) || isReference(text[s:e]) {
		return 0, 0, false
	}
	return s, e, true
}

// optionStart reports whether the option at o ("--password") starts a
// command-line argument: after white space, or a quote of one.
func optionStart(text string, o int) bool {
	p := byteAt(text, o-1)
	return o == 0 || isSpace(p) || p == '"' || p == '\'' || p == '`'
}

// optionValue reads the argument after a password option from v: quoted,
// or a bare token that looks generated and is no word of prose or help
// text ("--password Specifies…"); not the next option.
func optionValue(text string, v int) (int, int, bool) {
	if byteAt(text, v) == '-' {
		return 0, 0, false
	}
	s, e, ok := quotedOrBare(text, v, false)
	if !ok || s > v {
		return s, e, ok
	}
	if !looksRandom(text[s:e]) || titleWord(text[s:e]) {
		return 0, 0, false
	}
	return s, e, true
}

// titleWord reports a capital followed by small letters only ("Specifies").
func titleWord(v string) bool {
	if len(v) < 2 || !isUpper(v[0]) {
		return false
	}
	for i := 1; i < len(v); i++ {
		if !isLower(v[i]) {
			return false
		}
	}
	return true
}

// mysqlUser handles a user option at h ("-u ", "--user") that is not
// curl's user:password: if the line's command is a MySQL or MariaDB client
// (mysql, mysqldump, mariadb …), its -p option's value (commandPassword).
// The option keywords gate the search: a -p value with no user given on
// the line (mysql -h db -pSECRET) is not looked for.
func mysqlUser(text string, h int) (int, int, bool) {
	ls, _ := lineStart(text, h, 128) // (or 128 bytes back)
	for _, c := range [...]string{"mysql", "mariadb"} {
		if k := indexFold(text[ls:h], c); k >= 0 {
			return commandPassword(text, ls+k)
		}
	}
	return 0, 0, false
}

// loginPassword handles the -u option at h of a login command (docker,
// podman, buildah, nerdctl or helm registry login; oc, az, cf login … -u
// USER -p PASSWORD): on the command's line, its -p option's value, the
// next argument ("docker login -p" is its password wherever it stands).
// tried keeps the command read last: a line of many -u is read once.
func loginPassword(text string, h int, tried *int) (int, int, bool) {
	ls, _ := lineStart(text, h, 128) // (or 128 bytes back)
	k := strings.Index(text[ls:h], " login ")
	if k < 0 || ls+k == *tried {
		return 0, 0, false // (its line read for an earlier -u: the same answer)
	}
	*tried = ls + k
	end := min(len(text), h+256)
	for i := ls + k + 7; ; {
		tok, e, ok := nextArg(text, i, end)
		if !ok {
			break
		}
		i = e
		if i-tok == 2 && text[tok] == '-' && text[tok+1] == 'p' {
			if v := skipSpaces(text, i); v < end && text[v] != '-' {
				return quotedOrBare(text, v, false)
			}
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// htpasswdPassword handles Apache's htpasswd at h: with -b (batch) the
// password is on its command line, the argument after the file and the
// user (after the user alone with -n, which writes no file).
func htpasswdPassword(text string, h int) (int, int, bool) {
	if !commandStart(text, h) {
		return 0, 0, false
	}
	end := min(len(text), h+256)
	batch, args, skipArg := false, 3, false
	for i, n := h+len("htpasswd"), 0; ; {
		tok, e, ok := nextArg(text, i, end)
		if !ok {
			break
		}
		i = e
		if c := text[tok]; c == '[' || c == '<' || c == '{' {
			return 0, 0, false // a usage line's syntax: htpasswd -b[cmB] [-C cost] file user password
		}
		if text[tok] == '-' && n == 0 {
			batch = batch || strings.IndexByte(text[tok+1:i], 'b') >= 0
			if strings.IndexByte(text[tok+1:i], 'n') >= 0 {
				args = 2
			}
			if text[i-1] == 'C' || text[i-1] == 'r' {
				skipArg = true // -C cost, -r rounds: their value
			}
			continue
		}
		if skipArg {
			skipArg = false
			continue
		}
		if n++; n == args {
			if !batch {
				return 0, 0, false
			}
			return quotedOrBare(text, tok, false)
		}
	}
	return 0, 0, false
}

// commandStart reports whether a command's name may start at h: after
// white space, a quote, '$(', a path's '/' (/usr/bin/mysql), or ';', '|',
// '&' between commands; not inside a word.
func commandStart(text string, h int) bool {
	return h == 0 || isSpace(text[h-1]) || strings.IndexByte("\"'`$(/;|&", text[h-1]) >= 0
}

// nextArg returns the next argument of a command line from i, reading no
// farther than end: its start and end; not ok at the line's end, a pipe,
// ';' or '&' (the next command). Control bytes ('\r', '\v') are no
// argument.
func nextArg(text string, i, end int) (s, e int, ok bool) {
	for {
		i = skipSpaces(text, i)
		if i >= end || text[i] == '\n' || text[i] == '|' || text[i] == ';' || text[i] == '&' {
			return 0, 0, false
		}
		s = i
		for i < end && text[i] > ' ' && text[i] != '|' && text[i] != ';' {
			i++
		}
		if i > s {
			return s, i, true
		}
		i++ // a control byte: no argument
	}
}

// commandPassword handles a MySQL/MariaDB client or sshpass at h: on its
// command line (up to the line's end, a pipe or ';'), the value of its -p
// option: glued to it for mysql and mariadb (there "-p" alone prompts for
// the password, and -P is the port), the next argument for sshpass (whose
// options come before the command it runs: an "ssh -p 2222" after them is
// a port).
func commandPassword(text string, h int) (int, int, bool) {
	if !commandStart(text, h) {
		return 0, 0, false
	}
	ssh := lower(text[h]) == 's'
	end := min(len(text), h+256)
	i := spanClass(text, h, 32, cWordDash) // the command's name: mysqldump, mariadb-dump
	for {
		tok, e, ok := nextArg(text, i, end)
		if !ok {
			break
		}
		i = e
		if text[tok] != '-' {
			if ssh {
				break // the command sshpass runs
			}
			continue
		}
		if byteAt(text, tok+1) != 'p' {
			continue
		}
		if ssh {
			if tok+2 != i {
				continue // -px: no option of sshpass
			}
			i = skipSpaces(text, i)
			if i >= end || text[i] == '-' {
				return 0, 0, false
			}
			return quotedOrBare(text, i, false)
		}
		if tok+2 == i || text[tok+2] == '-' {
			return 0, 0, false // -p alone prompts
		}
		return quotedOrBare(text, tok+2, false)
	}
	return 0, 0, false
}

// credentialWords head a user name and its password given together,
// longest first.
var credentialWords = []string{"credentials", "credenziali", "credenziale", "credential", "creds"}

// credentialWordAt returns the length of the credentials word at h, a word
// of its own (not AWS_CREDENTIALS, credentials.json, credentialsId), or 0.
func credentialWordAt(text string, h int) int {
	if lower(text[h]) != 'c' || h > 0 && (isWord(text[h-1]) || text[h-1] == '-') {
		return 0 // X-Amz-Credential: a header's, a parameter's name
	}
	w := prefixFoldAmong(text, h, &credentialWordsByFirst)
	if n := byteAt(text, h+len(w)); w == "" || isWord(n) || n == '.' && isAlpha(byteAt(text, h+len(w)+1)) {
		return 0
	}
	return len(w)
}

// credentialWordsByFirst lists credentialWords by first byte.
var credentialWordsByFirst = byFirstByte(credentialWords)

// pairCopulas link a credentials word to the pair: "the credentials are
// …", "le credenziali sono …" (and copula's is, è, sono …).
var pairCopulas = []string{"are", "were", "sono", "erano"}

// pairSeparators stand between the user name and the password, as words.
var pairSeparators = []string{"e", "and", "pw", "pwd", "pass", "password"}

// credentialPair reads, after a credentials word ending at i, a user name
// and its password given together, on the line: "credentials: admin/
// Adm1n!2024", "Credenziali CRM: mrossi / Tr4ppola!92", "le credenziali
// sono mario.r e Tr4ppola!92". A few words may come before the ':' or the
// copula; the user is one token; then '/', ':', ',', '-' or a word (e,
// and, pw …). The password must look generated beyond doubt
// (generatedSecret): "credentials: ask the admin / helpdesk", "credentials:
// OAuth2 / OpenID-Connect" are prose.
func credentialPair(text string, i int) (int, int, bool) {
	lim := min(len(text), i+48)
	k, linked := i, false
	for words := 0; words < 5 && !linked; words++ {
		k = skipSpaces(text, k)
		if k >= lim {
			return 0, 0, false
		}
		if text[k] == ':' {
			k++
			linked = true
			break
		}
		e := spanClass(text, k, lim-k, cAlpha)
		if e == k {
			return 0, 0, false
		}
		linked = copula(text[k:e]) || amongFold(text[k:e], pairCopulas)
		k = e
	}
	if !linked {
		return 0, 0, false
	}
	u := skipSpaces(text, k)
	ue := u
	for ue < len(text) && ue-u < 64 && (isWord(text[ue]) || strings.IndexByte(".@-", text[ue]) >= 0) {
		ue++
	}
	for ue > u && strings.IndexByte(".-", text[ue-1]) >= 0 {
		ue-- // a sentence's stop, or a dash separating the pair
	}
	if ue-u < 2 || standIn(text[u:ue]) {
		return 0, 0, false
	}
	p := skipSpaces(text, ue)
	switch c := byteAt(text, p); {
	case c == '/' || c == ':' || c == ',' || c == '-':
		p++
	case p > ue:
		w, e := letterWordAfter(text, p)
		if !amongFold(w, pairSeparators) {
			return 0, 0, false
		}
		p = e
		if byteAt(text, p) == ':' {
			p++
		}
	default:
		return 0, 0, false
	}
	return pairValue(text, u, ue, skipSpaces(text, p))
}

// pairValue reads the password at p of a user name text[u:ue] and its
// password given together. It must look generated beyond doubt
// (generatedSecret), or, after an e-mail address (a login's user beyond
// doubt), as passwords people choose do: six bytes or more, not a word
// alone (pairSecret).
func pairValue(text string, u, ue, p int) (int, int, bool) {
	s, e, ok := quotedOrBare(text, p, false)
	if !ok || standIn(text[s:e]) {
		return 0, 0, false
	}
	if generatedSecret(text[s:e]) {
		return s, e, true
	}
	at := strings.IndexByte(text[u:ue], '@')
	if at > 0 && strings.IndexByte(text[u+at:ue], '.') > 0 && pairSecret(text[s:e]) {
		return s, e, true
	}
	return 0, 0, false
}

// pairSecret reports a password as people choose it: six bytes or more,
// not a word of prose (looksRandom), with a digit or a symbol
// (Primaveraufficio3, estate.2012, monkey-tigre-75).
func pairSecret(v string) bool {
	return len(v) >= 6 && looksRandom(v) && asciiNonLetter(v)
}

// asciiNonLetter reports whether v holds an ASCII byte that is no letter:
// a digit or a symbol.
func asciiNonLetter(v string) bool {
	return strings.IndexFunc(v, func(r rune) bool { return r < 128 && !isAlpha(byte(r)) }) >= 0
}

// loginPair reads "login USER / PASSWORD" at h (login: USER/PASSWORD): a
// user name of one token, '/' and the password, on the line; the value as
// credentialPair's (pairValue). "login page / logout", "login with SSO /
// SAML" are prose: no token, then '/', then a value that looks typed.
func loginPair(text string, h int) (int, int, bool) {
	if letterBefore(text, h) {
		return 0, 0, false
	}
	u := skipSpaces(text, h+len("login"))
	if byteAt(text, u) == ':' {
		u = skipSpaces(text, u+1)
	}
	ue := u
	for ue < len(text) && ue-u <= 96 && text[ue] > ' ' && text[ue] != '/' {
		ue++
	}
	p := skipSpaces(text, ue)
	if ue-u < 2 || ue-u > 96 || byteAt(text, p) != '/' || standIn(text[u:ue]) {
		return 0, 0, false
	}
	p = skipSpaces(text, p+1)
	if strings.ContainsAny(text[h:p], "\n\r") {
		return 0, 0, false
	}
	return pairValue(text, u, ue, p)
}

// passwordCall is a call that takes a password as its argument number arg
// (from 0): a database connection's (Perl's DBI, PHP's PDO and mysqli,
// the password third), .NET's NetworkCredential (user, password) or
// Eclipse Paho's MQTT client's username_pw_set (user, password);
// PowerShell's ConvertTo-SecureString takes it first (arg 0), read with
// -AsPlainText. A name that ends in '=' is a modem's AT command, its
// parameters apart by commas to the line's end: 3GPP TS 27.007's
// AT+CGAUTH=cid,auth,user,password, Quectel's
// AT+QICSGP=cid,type,apn,user,password and SIMCom's AT+CSTT=apn,user,password.
type passwordCall struct {
	name string
	arg  int
}

var passwordCalls = []passwordCall{
	{"securestring", 0}, {"dbi->connect", 2}, {"new pdo", 2}, {"mysqli_connect", 2}, {"new mysqli", 2},
	{"mysql_connect", 2}, {"networkcredential", 1}, {"username_pw_set", 1},
	{"at+cgauth=", 3}, {"at+qicsgp=", 4}, {"at+cstt=", 2},
}

// passwordCallAt reports which of passwordCalls the keyword at h is.
func passwordCallAt(text string, h int) (passwordCall, bool) {
	switch lower(text[h]) {
	case 'a', 'd', 'm', 'n', 's', 'u':
		for _, c := range passwordCalls {
			if hasPrefixFold(text, h, c.name) {
				return c, true
			}
		}
	}
	return passwordCall{}, false
}

// callPassword reads the password a call at h takes by position: a quoted
// literal (a variable, $pw, is none) as the argument c.arg of its list in
// parentheses — or, for ConvertTo-SecureString, the first argument after
// the command (-String "…" or bare "…") with -AsPlainText on its line.
func callPassword(text string, h int, c passwordCall) (int, int, bool) {
	i := h + len(c.name)
	command := c.name[len(c.name)-1] == '='
	if !command && isWord(byteAt(text, i)) || h > 0 && isWord(text[h-1]) {
		return 0, 0, false // inside a longer name: PDOStatement, mysql_connect_timeout
	}
	var a int
	if command {
		le, _ := lineEnd(text, i, i+256)
		if a = nthArgument(text[:le], i, c.arg); a < 0 {
			return 0, 0, false
		}
	} else if c.name == "securestring" {
		if !hasPrefixFold(text, h-len("convertto-"), "convertto-") {
			return 0, 0, false
		}
		le, _ := lineEnd(text, i, i+256)
		if indexFold(text[i:le], "-asplaintext") < 0 {
			return 0, 0, false
		}
		a = skipSpaces(text, i)
		if hasPrefixFold(text, a, "-string ") {
			a = skipSpaces(text, a+len("-string "))
		}
	} else {
		i = skipSpaces(text, i)
		if byteAt(text, i) != '(' {
			return 0, 0, false
		}
		if a = nthArgument(text, i+1, c.arg); a < 0 {
			return 0, 0, false
		}
	}
	if q := byteAt(text, a); q != '"' && q != '\'' {
		return 0, 0, false
	}
	s, e, ok := quotedOrBare(text, a, false)
	if !ok || standIn(text[s:e]) {
		return 0, 0, false
	}
	return s, e, true
}

// nthArgument returns where argument n (from 0) of the list that starts
// at i (after its '(') starts, past spaces: the commas between are those
// outside quotes and brackets. -1 if the list ends first (or runs past
// 512 bytes, or nests four brackets deep: a text of "new PDO(" repeated
// would otherwise read 512 bytes at each).
func nthArgument(text string, i, n int) int {
	if n == 0 {
		return skipSpaces(text, i)
	}
	depth := 0
	for end := min(len(text), i+512); i < end; i++ {
		switch c := text[i]; c {
		case '"', '\'':
			k := strings.IndexByte(text[i+1:end], c)
			if k < 0 {
				return -1
			}
			i += 1 + k
		case '(', '[', '{':
			if depth++; depth > 4 {
				return -1
			}
		case ')', ']', '}':
			if depth == 0 {
				return -1
			}
			depth--
		case ',':
			if depth == 0 {
				n--
				if n == 0 {
					return skipSpaces(text, i+1)
				}
			}
		}
	}
	return -1
}

// userWords name the user of a login given as "user NAME pass SECRET"
// (not "login", which heads .netrc entries and "login page password …";
// "account" too, "l'account svc e la password X"); pairJoins, and an
// article after them, may stand between the name and the password word.
var (
	userWords = []string{"user", "username", "utente", "usr", "account", "utenza"}
	pairJoins = []string{"and", "e", "&"}
	// pairArticles may stand before the password word of a pair ("utente
	// x e la password y", "user x and the password y").
	pairArticles = []string{"the", "la", "its", "sua"}
)

// proseJoins join the words of prose, English and Italian: none is a
// device's user name ("username and password …").
var proseJoins = []string{"and", "or", "e", "o"}

// userPairBefore reports whether the password word at h follows a user
// word and one token, its value (user anna pass …), on the same line.
func userPairBefore(text string, h int) bool {
	name, k := prevToken(text, h, max(0, h-96))
	if amongFold(name, pairArticles) {
		name, k = prevToken(text, k, max(0, h-96)) // … e la password, … and the password
	}
	if amongFold(name, pairJoins) {
		name, k = prevToken(text, k, max(0, h-96)) // user anna and pass …, utente x e password …
	}
	if name == "" || strings.ContainsAny(text[k:h], "\n\r") {
		return false
	}
	w, k2 := prevToken(text, k, max(0, k-32))
	if a := strings.LastIndexByte(w, '\''); a >= 0 && a < len(w)-1 {
		w = w[a+1:] // Italian's elision: l'utente, dell'account
	}
	return w != "" && !strings.ContainsAny(text[k2:k], "\n\r") && amongFold(w, userWords)
}

// slashLabelPair reads a user name and its password after a label that
// names both, a user word, '/' and the password word ending at tail
// ("user/pass admin/Qz7m!kp2", "username/password: mrossi / Tr4p!92",
// "utente/password = ops:Xk29mmQp"): the value after the user name and a
// '/' or ':', on the line. The label says what the value is: it need only
// not read as a word (looksRandom, with a digit or a symbol) nor stand in
// for one; not a second pair either ("user/pass auth: LDAP/AD"). pair
// reports the label and a user name read, whether or not the value is
// one: the label's value is the pair's second part, never the pair.
func slashLabelPair(text string, h, tail int) (s, e int, ok, pair bool) {
	w, _ := prevToken(text, h-1, max(0, h-10))
	if !amongFold(w, userWords) && !strings.EqualFold(w, "login") {
		return 0, 0, false, false
	}
	i := skipSpaces(text, tail)
	if c := byteAt(text, i); c == ':' || c == '=' {
		i = skipSpaces(text, i+1)
	}
	u := i
	for i < len(text) && i-u <= 64 && text[i] > ' ' && text[i] != '/' && text[i] != ':' {
		i++
	}
	if i == u || i-u > 64 {
		return 0, 0, false, false
	}
	i = skipSpaces(text, i)
	if c := byteAt(text, i); c != '/' && c != ':' {
		return 0, 0, false, false
	}
	v := skipSpaces(text, i+1)
	if strings.ContainsAny(text[tail:v], "\n\r") {
		return 0, 0, false, false
	}
	s, e, ok = quotedOrBare(text, v, false)
	if !ok || e-s < 4 || !looksRandom(text[s:e]) || standIn(text[s:e]) || strings.IndexByte(text[s:e], '/') >= 0 ||
		!asciiNonLetter(text[s:e]) {
		return 0, 0, false, true
	}
	return s, e, true, true
}

// generatedSecret reports whether v, eight bytes or more, looks generated
// beyond doubt: it mixes capitals, small letters, digits and symbols, or
// the first three with a digit before a letter; not a name with a version
// after it (PowerShell7, Office365, MySQL8.0) or inside it (iPhone13Pro).
func generatedSecret(v string) bool {
	if len(v) < 8 {
		return false
	}
	name := strings.TrimRight(v, "0123456789.")
	if len(name) < len(v) && strings.IndexAny(name, "0123456789") < 0 && strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") == "" {
		return false
	}
	if productName(v) {
		return false
	}
	switch charKinds(v) {
	case 4:
		return true
	case 3:
		d := strings.IndexAny(v, "0123456789")
		return d >= 0 && strings.IndexFunc(v[d:], func(r rune) bool { return r < 128 && isAlpha(byte(r)) }) >= 0 &&
			strings.IndexFunc(v, func(r rune) bool { return r < 128 && isUpper(byte(r)) }) >= 0 &&
			strings.IndexFunc(v, func(r rune) bool { return r < 128 && isLower(byte(r)) }) >= 0
	}
	return false
}

// productName reports a name with one number inside it, maybe a word after
// it and one after a dash: iPhone13Pro, Win11Pro, Argon2id-hashed (not
// wch3892JNE).
func productName(v string) bool {
	i := 0
	for i < len(v) && isAlpha(v[i]) {
		i++
	}
	j := i
	for j < len(v) && isDigit(v[j]) {
		j++
	}
	if i == 0 || j == i {
		return false
	}
	// The word after the number, if any: Pro, id, Max (not JNE: a
	// generated value's capitals).
	k := j
	if j < len(v) && isUpper(v[j]) {
		j++
	}
	for j < len(v) && isLower(v[j]) {
		j++
	}
	if j-k == 1 && isUpper(v[k]) {
		return false
	}
	if j < len(v) && v[j] == '-' {
		for j++; j < len(v) && isLower(v[j]); j++ {
		}
	}
	return j == len(v)
}

// charKinds counts the kinds of characters v mixes: capitals, small
// letters, digits, others.
func charKinds(v string) int {
	// seen collects the kinds present: the classes cDigit, cUpper and
	// cLower (bits 0–2), and bit 3 for anything else, without a branch
	// per byte (whether a value has a symbol is the text's whim).
	var seen uint64
	for i := 0; i < len(v); i++ {
		c := charClass[v[i]] & cAlnum
		seen |= c | (c-1)>>63<<3
	}
	return bits.OnesCount64(seen)
}

// setToWord reports whether w leads to the value a password was set to:
// "(changed the password) to X", Italian "(cambiata) in X", "(impostata) a
// X". (Asked at most words after a password word: no list walked.)
func setToWord(w string) bool {
	switch len(w) {
	case 1:
		return lower(w[0]) == 'a'
	case 2:
		a, b := lower(w[0]), lower(w[1])
		return a == 't' && b == 'o' || a == 'i' && b == 'n'
	}
	return false
}

// meansWords say that what follows is the means of an action: "with",
// "using" (the password X), Italian "con", "usando", "utilizzando" (la
// password X), German "mit" (dem Passwort X).
var (
	meansWords    = []string{"with", "using", "use", "con", "usando", "utilizzando", "usa", "mit"}
	meansArticles = []string{"the", "la", "il", "dem", "das", "a"}
)

// meansBefore reports whether a word of meansWords, maybe then an article
// (the, la, il, dem, das), stands right before the word at h.
func meansBefore(text string, h int) bool {
	p := h
	for k := 0; k < 2; k++ {
		var w string
		if w, p = lettersBefore(text, p, " "); w == "" || p > 0 && isAlnum(text[p-1]) {
			return false
		}
		if amongFold(w, meansWords) {
			return true
		}
		if k > 0 || !amongFold(w, meansArticles) {
			return false
		}
	}
	return false
}

// fieldAfter reports whether the word at h follows another field, a ','
// or ';' (and spaces) before it.
func fieldAfter(text string, h int) bool {
	p := spacesBefore(text, h)
	return p > 0 && (text[p-1] == ',' || text[p-1] == ';')
}

// stateWords name which of an account's passwords is meant: "the old
// password X", "your temporary password X", "the root password X", "my
// password X", Italian "la nuova password X", "la mia password X".
// After one, the word that follows "password" is that password more often
// than prose about it (the new password policy): typedSecret decides.
var stateWords = []string{"old", "new", "current", "previous", "temporary", "temp", "initial", "one-time",
	"root", "admin", "my", "your", "vecchia", "nuova", "attuale", "precedente", "temporanea", "provvisoria", "mia", "tua"}

// stateBefore reports whether a word of stateWords stands right before the
// word at h.
func stateBefore(text string, h int) bool {
	w, p := lettersBefore(text, h, " ")
	if p > 0 && text[p-1] == '-' && equalFold(w, "time") {
		w, p = lettersBefore(text, p-1, "") // one-time
		return equalFold(w, "one") && (p == 0 || !isAlnum(text[p-1]))
	}
	return w != "" && (p == 0 || !isAlnum(text[p-1])) && amongFold(w, stateWords)
}

// typedSecret reports whether v, eight bytes or more, mixes three kinds of
// characters, as a password someone chose does (a passphrase's words, a
// symbol and digits: falco-velvet-ember-29; a word, digits and a tail:
// Girasole35-mj, which productName would take for a product's), and is
// no stand-in.
func typedSecret(v string) bool {
	return len(v) >= 8 && charKinds(v) >= 3 && !standIn(v)
}

// snmpCommunity reads the community string at i of "snmp-server community
// NAME [RO|RW] …" (Cisco IOS and its kin): SNMP v1/v2c's shared password.
// The factory defaults (public, private) are everyone's.
func snmpCommunity(text string, i int) (int, int, bool) {
	s, e, ok := quotedOrBare(text, skipSpaces(text, i), false)
	if !ok || e-s < 4 || equalFold(text[s:e], "public") || equalFold(text[s:e], "private") ||
		standIn(text[s:e]) {
		return 0, 0, false
	}
	return s, e, true
}

// devicePassword reads the value of a network device's password statement
// whose "password" is at h (its end at i): "enable password X", "username
// NAME [privilege N] password X", a PPP login's ("ppp chap password X"),
// or an indented line's own "password X" (a line vty's; there the value
// must look generated, as "Password reset required" is prose), the value
// ending the line. An encryption type may come first: 0 (clear text) or 7
// (Cisco's reversible scrambling) before a password; 5, 8 and 9 before a
// hash, which is none.
func devicePassword(text string, h, i int) (int, int, bool) {
	ls, ok := lineStart(text, h, 256)
	if !ok {
		return 0, 0, false
	}
	first := skipSpaces(text, ls)
	strong := true
	switch {
	case first == h && first > ls:
		strong = false // an indented line of a sub-mode (line vty 0 4)
	case hasPrefixFold(text, first, "enable ") && skipSpaces(text, first+len("enable ")) == h:
	case hasPrefixFold(text, first, "username ") && h-first < 96 && strings.IndexAny(text[first:h], ":=\"'") < 0 &&
		!amongFold(strings.TrimSpace(text[first+len("username "):h]), proseJoins): // (prose: "username and password")
	case hasPrefixFold(text, first, "ppp ") && h-first < 96 && strings.IndexAny(text[first:h], ":=\"'") < 0 &&
		(hasPrefixFold(text, first, "ppp chap ") || hasPrefixFold(text, first, "ppp pap ")):
		// A dialer's PPP login: ppp chap password 0 X, ppp pap
		// sent-username U password 0 X.
	default:
		return 0, 0, false
	}
	v := skipSpaces(text, i)
	typed := false
	if d := byteAt(text, v); isDigit(d) && byteAt(text, v+1) == ' ' {
		if d != '0' && d != '7' {
			return 0, 0, false // a hash (5: MD5, 8: PBKDF2, 9: scrypt)
		}
		v, typed = skipSpaces(text, v+2), true
	}
	s, e, ok := quotedOrBare(text, v, false)
	if !ok || standIn(text[s:e]) ||
		!strong && !typed && !looksRandom(text[s:e]) {
		return 0, 0, false
	}
	// The statement ends with its value: words after it are prose's
	// ("username and password fields should …", "enable password
	// protection on …").
	if r := skipSpaces(text, e); r < len(text) && text[r] != '\n' && text[r] != '\r' {
		return 0, 0, false
	}
	return s, e, true
}

// stdinPassword handles a --password-stdin option at h (docker, podman,
// helm, oras, crane registry logins): the password is what the command
// reads on its standard input — a literal echoed or printed into the pipe
// before it on the same line (echo "SECRET" | docker login …), or a here
// string after the option (<<< "SECRET"). A variable ($CR_PAT) or a file
// (cat token.txt |) is none.
func stdinPassword(text string, h int) (int, int, bool) {
	i := skipSpaces(text, h+len("password-stdin"))
	if hasPrefixFold(text, i, "<<<") {
		return stdinValue(text, skipSpaces(text, i+3), -1)
	}
	ls, ok := lineStart(text, h, 512)
	if !ok {
		return 0, 0, false
	}
	pipe := strings.LastIndexByte(text[ls:h], '|')
	if pipe < 0 {
		return 0, 0, false
	}
	pipe += ls
	// The command before the pipe: echo or printf, then its arguments.
	for _, cmd := range [...]string{"echo ", "printf "} {
		c := strings.LastIndex(text[ls:pipe], cmd)
		if c < 0 || c > 0 && isWord(text[ls+c-1]) {
			continue
		}
		a := skipSpaces(text, ls+c+len(cmd))
		for byteAt(text, a) == '-' { // echo -n, -e, -ne
			a = skipSpaces(text, spanClass(text, a+1, 4, cAlpha))
		}
		if q := byteAt(text, a); cmd == "printf " && a < pipe && (q == '\'' || q == '"') && hasPrefixFold(text, a+1, "%s") {
			// printf '%s' "SECRET", printf "%s\n" SECRET: the format, then the value.
			if k := strings.IndexByte(text[a+1:pipe], q); k >= 0 {
				a = skipSpaces(text, a+1+k+1)
			}
		}
		return stdinValue(text, a, pipe)
	}
	return 0, 0, false
}

// stdinValue reads the literal at a that stdinPassword found: quoted, or
// bare and looking generated, and (before a pipe, end >= 0) the whole of
// what is piped: nothing but spaces between it and end.
func stdinValue(text string, a, end int) (int, int, bool) {
	s, e, ok := assignedValue(text, a)
	if !ok {
		return 0, 0, false
	}
	if end >= 0 {
		k := e
		if q := byteAt(text, k); q == '"' || q == '\'' {
			k++
		}
		if skipSpaces(text, k) != end {
			return 0, 0, false
		}
	}
	e = beforeEscape(text, s, e) // echo -e "SECRET\n": the line break is no part of it
	if e-s < 4 || standIn(text[s:e]) {
		return 0, 0, false
	}
	return s, e, true
}

// passwordSuffixes are identifier tails after the keyword that still name
// the password itself; b64 and base64 name it encoded (password_b64: a
// Kubernetes Secret's or a script's), which encodedStandIn sees through.
var passwordSuffixes = []string{"", "word", "wd", "value", "val", "str", "string", "text", "plain", "plaintext", "clear", "cleartext",
	"chiaro", "in_chiaro", "1", "2", "s", "b64", "base64"}

// passwordSuffix reports whether s (ASCII letters, digits, '_' and '-') is
// one of passwordSuffixes, ignoring case and leading '_' and '-'.
func passwordSuffix(s string) bool {
	return amongFold(strings.TrimLeft(s, "_-"), passwordSuffixes)
}

// assignedValue reads the value at v as an assignment's: quoted (typed as
// a string), or bare and looking generated.
func assignedValue(text string, v int) (int, int, bool) {
	s, e, ok := quotedOrBare(text, v, false)
	if ok && (s > v || looksRandom(text[s:e])) {
		return s, e, true
	}
	return 0, 0, false
}

// quotedOrBare reads the value starting at i: a quoted string, or a bare
// token up to white space. inXML allows only quoted values. Inside a JSON
// or JavaScript string (a prompt pasted as a request body) quotes and
// white space are escapes: a value quoted by \" … \" is quoted, and a bare
// value ends before \n, \r, \t, \" or \' as it would before the byte
// written.
func quotedOrBare(text string, i int, inXML bool) (int, int, bool) {
	q := byteAt(text, i)
	var s, e int
	if n := byteAt(text, i+1); q == '\\' && (n == '"' || n == '\'') && !inXML {
		q, s = n, i+2
		esc := text[i : i+2] // \" or \'
		k := strings.Index(text[s:min(len(text), s+258)], esc)
		if k < 0 || strings.IndexByte(text[s:s+k], '\n') >= 0 {
			return 0, 0, false
		}
		e = s + k
	} else if q == '"' || q == '\'' || q == '`' {
		s = i + 1
		e = s
		for e < len(text) && e-s < 256 && text[e] != q && text[e] != '\n' {
			e++
		}
		if byteAt(text, e) != q {
			return 0, 0, false
		}
	} else if q == '*' && byteAt(text, i+1) == '*' && !inXML {
		// Markdown's bold (**Qz7mKp2Lx**), as chat answers write values:
		// quotes of a kind.
		// One token: bold in chat answers is emphasis far more often
		// (**Never share it**), and ***x*** is bold italics.
		s = i + 2
		k := strings.Index(text[s:min(len(text), s+258)], "**")
		if k <= 0 || strings.IndexAny(text[s:s+k], " \t\n*") >= 0 {
			return 0, 0, false
		}
		e = s + k
	} else {
		if inXML {
			return 0, 0, false
		}
		s = i
		e = spanClass(text, s, 256, cBare)
		e = beforeEscape(text, s, e)
		// A full stop or comma after the value belongs to the sentence
		// (a colon to a statement: if password is None:).
		for e > s && strings.IndexByte(".,;:)]}", text[e-1]) >= 0 {
			e--
		}
		if e-s >= 1 && isReference(text[s:e]) {
			return 0, 0, false
		}
	}
	v := text[s:e]
	if len(v) < 4 || standIn(v) || urlValue(v) {
		return 0, 0, false
	}
	return s, e, true
}

// beforeEscape returns where a bare value text[s:e] ends if it is inside
// a JSON or JavaScript string: before the first escape of a byte that
// would end it (\n, \r, \t, \", \'); e if there is none. \\ and \/ stand
// for bytes of the value, and \u… is read by the decoded view.
func beforeEscape(text string, s, e int) int {
	for k := s; k < e; k++ {
		b := strings.IndexByte(text[k:e], '\\')
		if b < 0 {
			break
		}
		k += b
		switch byteAt(text, k+1) {
		case 'n', 'r', 't', '"', '\'':
			return k
		case '\\':
			k++ // an escaped backslash: the byte after it starts no escape
		}
	}
	return e
}

// skipSQLSpace skips white space, line breaks included (a SQL statement
// spans lines).
func skipSQLSpace(text string, i int) int {
	for i < len(text) && isSpace(text[i]) {
		i++
	}
	return i
}

// sqlWordBefore reports whether the word before the one at h (white space
// between) is w, ignoring case.
func sqlWordBefore(text string, h int, w string) bool {
	k := h
	for k > 0 && isSpace(text[k-1]) {
		k--
	}
	return k < h && hasPrefixFold(text, k-len(w), w) && !isWord(byteAt(text, k-len(w)-1))
}

// sqlUserStatement reports whether the word at h is in a SQL statement that
// creates or alters a user or role (CREATE ROLE, ALTER USER, CREATE OR
// REPLACE USER, CREATE LOGIN …), or grants (GRANT … IDENTIFIED BY): the
// statement's words from the ';' before it, at most 256 bytes back.
func sqlUserStatement(text string, h int) bool {
	lo := max(0, h-256)
	if k := strings.LastIndexByte(text[lo:h], ';'); k >= 0 {
		lo += k + 1
	}
	verb := false // the last word was CREATE or ALTER (or OR REPLACE after it)
	for i := lo; i < h; {
		if !isAlpha(text[i]) || i > 0 && isWord(text[i-1]) {
			i++
			continue
		}
		j := i
		for j < h && isWord(text[j]) {
			j++
		}
		w := text[i:j]
		switch {
		case equalFold(w, "grant"):
			return true
		case equalFold(w, "create") || equalFold(w, "alter"):
			verb = true
		case verb && (equalFold(w, "user") || equalFold(w, "role") || equalFold(w, "login") || equalFold(w, "group")):
			return true
		case verb && (equalFold(w, "or") || equalFold(w, "replace")):
		default:
			verb = false
		}
		i = j
	}
	return false
}

// equalFold reports whether w is the lower-case ASCII word x, ignoring case.
func equalFold(w, x string) bool { return len(w) == len(x) && hasPrefixFold(w, 0, x) }

// identifiedBy handles SQL's IDENTIFIED BY at h (MySQL, MariaDB, Oracle:
// CREATE USER 'u'@'%' IDENTIFIED BY 'x', ALTER USER u IDENTIFIED WITH
// plugin BY 'x', GRANT … IDENTIFIED BY 'x', CREATE USER u IDENTIFIED BY
// x): the value after BY, quoted or bare (then looking generated). BY
// PASSWORD '*…' and BY VALUES '…' give a hash, not the password.
func identifiedBy(text string, h int) (int, int, bool) {
	const kw = "identified"
	if !hasPrefixFold(text, h, kw) || isWord(byteAt(text, h-1)) || !isSpace(byteAt(text, h+len(kw))) {
		return 0, 0, false
	}
	i := skipSQLSpace(text, h+len(kw))
	if hasPrefixFold(text, i, "with") && isSpace(byteAt(text, i+4)) {
		// The authentication plugin: a name, maybe quoted.
		i = skipSQLSpace(text, i+4)
		for i < len(text) && i < h+128 && !isSpace(text[i]) {
			i++
		}
		i = skipSQLSpace(text, i)
	}
	if !hasPrefixFold(text, i, "by") || !isSpace(byteAt(text, i+2)) {
		return 0, 0, false
	}
	v := skipSQLSpace(text, i+2)
	for _, w := range [...]string{"password", "values"} {
		if hasPrefixFold(text, v, w) && !isWord(byteAt(text, v+len(w))) {
			return 0, 0, false
		}
	}
	if !sqlUserStatement(text, h) {
		return 0, 0, false
	}
	return assignedValue(text, v)
}

// fallbackValue reads, after the name of a variable read at i (and the
// quotes, brackets or parenthesis closing its read: ENV["DB_PASSWORD"],
// GetEnvironmentVariable("DB_PASSWORD")), the default given with an
// operator (||, ??, ?:, or): a quoted literal of three kinds of
// characters.
func fallbackValue(text string, i int) (int, int, bool) {
	for k := 0; k < 3 && strings.IndexByte("\"')]", byteAt(text, i)) >= 0; k++ {
		i++
	}
	o := skipSpaces(text, i)
	if o == i {
		return 0, 0, false
	}
	switch a, b := byteAt(text, o), byteAt(text, o+1); {
	case a == '|' && b == '|', a == '?' && (b == '?' || b == ':'):
	case a == 'o' && b == 'r' && byteAt(text, o+2) == ' ':
	default:
		return 0, 0, false
	}
	v := skipSpaces(text, o+2)
	if q := byteAt(text, v); q != '"' && q != '\'' && q != '`' {
		return 0, 0, false
	}
	// A message or a word is a literal too (password || "required",
	// or "Default", your password or "Forgot password?"): it must mix
	// three kinds of characters, one token.
	if s, e, ok := quotedOrBare(text, v, false); ok && charKinds(text[s:e]) >= 3 && strings.IndexAny(text[s:e], " \t") < 0 {
		return s, e, true
	}
	return 0, 0, false
}

// typedValue returns where the value starts if text[v:] is a type
// annotation and then the assignment of a declaration ("&str = \"…\"":
// Rust's const P: &'static str, TypeScript's and Python's dbPass: string,
// Kotlin's and Swift's password: String); else v.
func typedValue(text string, v int) int {
	t := v
	for t < len(text) && t-v < 40 && typeAnnotationByte[text[t]] {
		t++
	}
	// A space before the '=': a YAML value may hold one ("vSX=wJTuqJio").
	if t == v || byteAt(text, t) != '=' || text[t-1] != ' ' || byteAt(text, t+1) == '=' || byteAt(text, t+1) == '>' ||
		!isAlpha(text[v]) && text[v] != '&' && text[v] != '[' {
		return v
	}
	return skipSpaces(text, t+1)
}

// typeAnnotationByte holds the bytes of a type annotation: identifiers,
// and the marks of references, lifetimes, generics, optionals, arrays,
// paths and unions.
var typeAnnotationByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isWord(byte(c)) || strings.IndexByte("&'<>[]?.:*| ", byte(c)) >= 0
	}
	return
}()

// yamlTag returns the end of the YAML tag at v ('!'): "!", "!!" or "!x!",
// then letters, digits and - _ . / :, followed by white space on the same
// line, or by the line's end when the next line is indented (the value goes
// on there). Otherwise v starts a value that begins with '!' (!Qz7mKp2Lx).
func yamlTag(text string, v int) (int, bool) {
	t := v + 1
	for t < len(text) && t-v < 64 && (is(text[t], cWordDashDot) || text[t] == '/' || text[t] == ':' || text[t] == '!') {
		t++
	}
	switch byteAt(text, t) {
	case ' ', '\t':
		return t, true
	case '\r', '\n':
		n := t + 1
		if text[t] == '\r' && byteAt(text, n) == '\n' {
			n++
		}
		if b := byteAt(text, n); b == ' ' || b == '\t' {
			return t, true
		}
	}
	return 0, false
}

// blockStart reports whether v holds a YAML block scalar's indicator (| or
// >, maybe with chomping and indentation indicators) that ends its line,
// and returns where the next line starts. Otherwise "|" or ">" starts a
// value (>Qz7mKp2Lx).
func blockStart(text string, v int) (int, bool) {
	i := v + 1
	for i < len(text) && i-v < 3 && (text[i] == '-' || text[i] == '+' || isDigit(text[i])) {
		i++
	}
	i = skipSpaces(text, i)
	if byteAt(text, i) == '\r' {
		i++
	}
	if byteAt(text, i) != '\n' {
		return 0, false
	}
	return i + 1, true
}

// blockScalarValue reads the content of a YAML block scalar whose lines
// start at c, for the key at h: a value if the block is one line, more
// indented than the key's, of one token (a password; not prose, not an
// armoured blob). Like a quoted value it was typed as a string, and need
// not look generated.
func blockScalarValue(text string, h, c int) (int, int, bool) {
	ls := strings.LastIndexByte(text[:h], '\n') + 1
	keyIndent := skipSpaces(text, ls) - ls
	s := skipSpaces(text, c)
	if s-c <= keyIndent {
		return 0, 0, false
	}
	e := s
	for e < len(text) && e-s < 256 && text[e] != '\n' && text[e] != '\r' {
		e++
	}
	// The line after the content must leave the block: less indented, or
	// none.
	if n := strings.IndexByte(text[e:], '\n'); n >= 0 {
		n += e + 1
		if ind := skipSpaces(text, n) - n; ind > keyIndent && n+ind < len(text) && !isSpace(text[n+ind]) {
			return 0, 0, false
		}
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '\t') {
		e--
	}
	val := text[s:e]
	if len(val) < 4 || strings.IndexAny(val, " \t") >= 0 || standIn(val) || isReference(val) {
		return 0, 0, false
	}
	return s, e, true
}

// curlUser handles "-u user:pass" / "--user user:pass" (curl, httpie, wget);
// either part may be quoted on its own, and the user may be empty.
func curlUser(text string, h int) (int, int, bool) {
	if p := byteAt(text, h-1); p != ' ' && p != '\t' {
		return 0, 0, false
	}
	i := h + 3
	if text[h+1] == '-' {
		i = h + 7
	}
	i = skipSpaces(text, i)
	if i >= len(text) {
		return 0, 0, false
	}
	notSpaceQuote := func(b byte) bool { return b > ' ' && b != '"' && b != '\'' }
	// user
	q := text[i]
	us := i
	if q == '"' || q == '\'' {
		us++
	}
	ue := us
	for ue < len(text) && ue-us < 128 && text[ue] != ':' && notSpaceQuote(text[ue]) {
		ue++
	}
	user := text[us:ue]
	userQuoted := q == '"' || q == '\''
	c := ue
	sameQuotes := userQuoted // 'user:pass' in one pair of quotes
	if userQuoted && byteAt(text, c) == q {
		c++ // "user":"pass"
		sameQuotes = false
	}
	if byteAt(text, c) != ':' {
		return 0, 0, false
	}
	ps := c + 1
	var pe int
	switch pq := byteAt(text, ps); {
	case sameQuotes:
		pe = ps
		for pe < len(text) && pe-ps < 256 && text[pe] != q && text[pe] != '\n' {
			pe++
		}
		if byteAt(text, pe) != q {
			return 0, 0, false
		}
	case pq == '"' || pq == '\'':
		ps++
		pe = ps
		for pe < len(text) && pe-ps < 256 && text[pe] != pq && text[pe] != '\n' {
			pe++
		}
		if byteAt(text, pe) != pq {
			return 0, 0, false
		}
	default:
		pe = spanWhile(text, ps, 256, notSpaceQuote)
	}
	pass := text[ps:pe]
	if len(pass) < 4 || isTemplateValue(pass) || (user != "" && isTemplateValue(user)) || placeholderPassword(pass, user) {
		return 0, 0, false
	}
	return ps, pe, true
}

// pgpassEntries emits the passwords of a PostgreSQL password file named
// at h (~/.pgpass, PGPASSFILE=/etc/app/.pgpass): its lines after the
// name's, each host:port:database:user:password ('*' a wildcard, '\:' an
// escaped colon), up to a line of another shape or a blank one. It returns
// the end of the last password emitted, 0 if none.
func pgpassEntries(t *Text, h int) int {
	if e := pgpassInline(t, h); e > 0 {
		return e
	}
	return fileEntries(t, h, len(".pgpass"), pgpassLine)
}

// pgpassInline reports an entry written on the line that names .pgpass at
// h, as a word of its own (maybe quoted) within 128 bytes of the name:
// "~/.pgpass has db:5432:app:u:SECRET but …", "echo 'db:5432:*:u:SECRET'
// >> ~/.pgpass". It returns the end of the password, 0 if none.
func pgpassInline(t *Text, h int) int {
	text := t.S
	lo, hi := max(0, h-128), min(len(text), h+len(".pgpass")+128)
	if i := strings.LastIndexByte(text[lo:h], '\n'); i >= 0 {
		lo += i + 1
	}
	if i := strings.IndexByte(text[h:hi], '\n'); i >= 0 {
		hi = h + i
	}
	for i := lo; i < hi; {
		i = skipSpaces(text, i)
		e := i
		for e < hi && text[e] != ' ' && text[e] != '\t' {
			e++
		}
		s, w := i, e
		for s < w && strings.IndexByte("'\"`", text[s]) >= 0 {
			s++
		}
		for w > s && strings.IndexByte("'\"`.,;)", text[w-1]) >= 0 {
			w--
		}
		if ps, pe, ok := pgpassLine(text[s:w]); ok && pe-ps >= 4 && !standIn(text[s+ps:s+pe]) {
			t.Emit(s+ps, s+pe)
			return s + pe
		}
		i = e
	}
	return 0
}

// saslEntries is pgpassEntries for Postfix's SMTP client password table
// named at h (/etc/postfix/sasl_passwd): each line "[host]:port
// user:password" (or "host user:password").
func saslEntries(t *Text, h int) int {
	return fileEntries(t, h, len("sasl_passwd"), saslLine)
}

// saslLine returns the password of a sasl_passwd line: after the first ':'
// of its second field, the first field a host ([relay]:587, relay.acme.it).
func saslLine(line string) (int, int, bool) {
	sp := strings.IndexAny(line, " \t")
	if sp < 1 {
		return 0, 0, false
	}
	host := line[:sp]
	if strings.Trim(host, "[]:.-") == "" || strings.IndexFunc(host, func(r rune) bool {
		return !(r < 0x80 && (isAlnum(byte(r)) || strings.IndexByte("[]:.-", byte(r)) >= 0))
	}) >= 0 {
		return 0, 0, false
	}
	v := skipSpaces(line, sp)
	c := strings.IndexByte(line[v:], ':')
	if c < 1 || strings.IndexAny(line[v:], " \t") >= 0 {
		return 0, 0, false
	}
	return v + c + 1, len(line), v+c+1 < len(line)
}

// fileEntries emits the passwords of a credential file whose name (n
// bytes) is at h: its lines after the name's, each read by entry (the
// password's span in the line), past a blank line or a Markdown fence
// first and comment lines ('#'), up to a line of another shape. It returns
// the end of the last password emitted, 0 if none.
func fileEntries(t *Text, h, n int, entry func(line string) (int, int, bool)) int {
	text := t.S
	if isWord(byteAt(text, h+n)) {
		return 0
	}
	// The name's line ends soon (a search to the text's end at every name
	// would make a text of names quadratic).
	nl := strings.IndexByte(text[h:min(len(text), h+256)], '\n')
	if nl < 0 {
		return 0
	}
	last := 0
	ls := h + nl + 1
	// A blank line, or a Markdown fence, may stand before the entries.
	for k := 0; k < 2 && ls < len(text); k++ {
		le, ok := lineEnd(text, ls, ls+256)
		if !ok {
			break
		}
		if l := strings.TrimRight(text[ls:le], " \t\r"); l != "" && !strings.HasPrefix(l, "```") {
			break
		}
		ls = le + 1
	}
	for n := 0; ls < len(text) && n < 256; n++ {
		le, _ := lineEnd(text, ls, len(text))
		line := strings.TrimRight(text[ls:le], "\r")
		if strings.HasPrefix(line, "#") {
			ls = le + 1 // a comment
			continue
		}
		s, e, ok := entry(line)
		if !ok {
			break
		}
		if pass := line[s:e]; len(pass) >= 4 && !standIn(pass) {
			t.Emit(ls+s, ls+e)
			last = ls + e
		}
		ls = le + 1
	}
	return last
}

// pgpassLine returns the password field of a .pgpass line: the fifth of
// five ':'-separated fields ('\:' and '\\' escaped), the port's digits or
// '*'.
func pgpassLine(line string) (int, int, bool) {
	var at [4]int // the four separators
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case ':':
			if n == 4 {
				return 0, 0, false
			}
			at[n] = i
			n++
		case ' ', '\t':
			return 0, 0, false
		}
	}
	if n != 4 || at[0] == 0 {
		return 0, 0, false
	}
	if port := line[at[0]+1 : at[1]]; port != "*" && (port == "" || strings.TrimLeft(port, "0123456789") != "") {
		return 0, 0, false
	}
	return at[3] + 1, len(line), at[3]+1 < len(line)
}

// oracleLogin handles Oracle's user/password logins: in a thin JDBC URL
// (jdbc:oracle:thin:scott/SECRET@//db:1521/svc; the keyword at h is
// "oracle:thin:"), and as SQL*Plus's first argument (sqlplus -s
// scott/SECRET@orcl; the keyword is "sqlplus "). The password runs from the
// '/' to the '@' of the connect identifier (required in a URL; SQL*Plus
// may log in locally without one); Oracle's documented defaults
// (scott/tiger, system/manager …) are none.
func oracleLogin(text string, h int) (int, int, bool) {
	var i int
	if lower(text[h]) == 's' {
		if h > 0 && !isSpace(text[h-1]) && strings.IndexByte("\"'`$(;|&", text[h-1]) < 0 {
			return 0, 0, false // not the command's name
		}
		i = skipSpaces(text, h+len("sqlplus "))
		for k := 0; k < 4 && byteAt(text, i) == '-'; k++ { // -s, -L, -M "…"
			i = skipSpaces(text, spanWhile(text, i, 64, func(b byte) bool { return b > ' ' }))
		}
	} else {
		i = h + len("oracle:thin:")
	}
	us := i
	ue := spanClass(text, us, 128, cWordDash)
	if ue == us || byteAt(text, ue) != '/' {
		return 0, 0, false
	}
	ps := ue + 1
	pe := spanWhile(text, ps, 128, func(b byte) bool {
		return b > ' ' && strings.IndexByte("@\"'/;|&)", b) < 0
	})
	if at := byteAt(text, pe) == '@'; !at && (lower(text[h]) != 's' || pe < len(text) && !isSpace(text[pe]) && strings.IndexByte(";|&)", text[pe]) < 0) {
		return 0, 0, false
	}
	pass, user := text[ps:pe], text[us:ue]
	if len(pass) < 4 || isTemplateValue(pass) || isTemplateValue(user) || placeholderPassword(pass, user) ||
		oracleDefaults[strings.ToLower(user)+"/"+strings.ToLower(pass)] {
		return 0, 0, false
	}
	return ps, pe, true
}

// oracleDefaults are the logins Oracle's documentation and images give
// (the demo schema's, the installers' and the XE images' defaults).
var oracleDefaults = map[string]bool{
	"scott/tiger": true, "sys/change_on_install": true, "system/manager": true, "system/oracle": true,
	"sys/oracle": true, "dbsnmp/dbsnmp": true, "hr/hr": true,
}

// skipBlank skips spaces and tabs, and one line break among them.
func skipBlank(text string, i int) int {
	i = skipSpaces(text, i)
	if byteAt(text, i) == '\r' {
		i++
	}
	if byteAt(text, i) == '\n' {
		i = skipSpaces(text, i+1)
	}
	return i
}

// nextLineValue reads, where a label's colon ends its line at v, the value
// on the next line if it is all that line holds and looks generated
// ("Password:\nXk8#qL2v"; not a YAML mapping's next key, nor prose).
func nextLineValue(text string, v int) (int, int, bool) {
	if c := byteAt(text, v); c != '\n' && c != '\r' {
		return 0, 0, false
	}
	a := skipBlank(text, v)
	if a == v || byteAt(text, a) == '\n' || byteAt(text, a) == '\r' {
		return 0, 0, false
	}
	s, e, ok := quotedOrBare(text, a, false)
	if !ok || !looksRandom(text[s:e]) {
		return 0, 0, false
	}
	q := e
	if q < len(text) && (text[q] == '"' || text[q] == '\'' || text[q] == '`') {
		q++ // a quoted value's closing quote
	}
	if r := skipSpaces(text, q); r < len(text) && text[r] != '\n' && text[r] != '\r' {
		return 0, 0, false
	}
	return s, e, true
}

// isTemplateValue reports values that stand for a secret instead of being
// one: variables and template expressions ($X, ${x}, %X%, {{x}}, <x>, [X]),
// printf formats (%s, %(password)s), references into a secret store
// (vault:secret/data/app#password, op://vault/item/field), masks
// (********, **ab, *123: a '*' then at most four others; a password may
// start with one, *mE7b_5I0xD94) and Markdown's *italics*.
func isTemplateValue(v string) bool {
	if v == "" {
		return true
	}
	switch lower(v[0]) {
	case '$':
		// A variable ($DB_PASS, ${…}, $(…), $1, $HOME/.pgpass) or a
		// shell's special parameter alone ($@, $?); "$=AKCZ!!n8B…" and
		// "$jSx!uR?E8eVNr" are passwords that start with '$' (a name
		// that stops at a byte no path or expansion goes on with).
		c := byteAt(v, 1)
		if len(v) <= 2 || c == '{' || c == '(' {
			return true
		}
		if !isAlnum(c) && c != '_' {
			return false
		}
		k := 1
		for k < len(v) && (isAlnum(v[k]) || v[k] == '_') {
			k++
		}
		return k == len(v) || strings.IndexByte("/.:-}", v[k]) >= 0
	case '<', '[', '{':
		return true
	case '*':
		return len(v) <= 5 || v[1] == '*' || v[len(v)-1] == '*' // a mask, or *italics*
	case '%':
		return strings.HasSuffix(v, "%") || printfVerb(v)
	case 'a', 'g', 'k', 'o', 'r', 's', 'v':
		if secretStoreRef(v) {
			return true
		}
	}
	// "${", "$(" or "{{": one search for each first byte (most values have
	// neither), not one per pair.
	return pairAt(v, '$', '{', '(') || pairAt(v, '{', '{', '{')
}

// printfVerb reports whether v is one printf verb: %s, %v, %-8s, %[1]s,
// Python's %(password)s.
func printfVerb(v string) bool {
	i := 1
	if byteAt(v, i) == '(' {
		k := strings.IndexByte(v, ')')
		if k < 0 {
			return false
		}
		i = k + 1
	} else if byteAt(v, i) == '[' {
		i = spanClass(v, i+1, 3, cDigit)
		if byteAt(v, i) != ']' {
			return false
		}
		i++
	}
	for i < len(v) && strings.IndexByte("-+ #0123456789.", v[i]) >= 0 {
		i++
	}
	return i == len(v)-1 && strings.IndexByte("sdvqrx", v[i]) >= 0
}

// secretStores are the prefixes of references into secret stores that
// configuration files give instead of a secret (HashiCorp Vault and the
// vals/helm-secrets "ref+" forms, 1Password's op://, AWS Secrets Manager
// and Parameter Store, Azure Key Vault, Google Secret Manager).
var secretStores = []string{
	"vault:", "ref+", "op://", "arn:aws:secretsmanager:", "arn:aws:ssm:", "secretsmanager:", "ssm:",
	"ssm://", "awssm:", "azurekeyvault:", "keyvault:", "akv:", "sm://", "gcpsm:", "gsm:",
}

// secretStoreRef reports whether v names a secret in a store
// (secretStores) rather than holding one: a path after the prefix ('/' or
// '#': vault:secret/data/app#password, ssm:/prod/db), or an ARN. A
// password may start like one ("Vault:Summer2024!", "ssm:MyPassw0rd!").
func secretStoreRef(v string) bool {
	// Every prefix holds a ':' or a '+' within its first 16 bytes (a
	// test checks): most values have neither there, and no prefix is
	// compared.
	if strings.IndexAny(v[:min(len(v), 16)], ":+") < 0 {
		return false
	}
	for _, p := range secretStores {
		if len(v) > len(p) && hasPrefixFold(v, 0, p) {
			return strings.HasPrefix(p, "arn:") || strings.ContainsAny(v[len(p):], "/#")
		}
	}
	return false
}

// standIn reports a value that stands for a password rather than being
// one: a template or reference (isTemplateValue), a placeholder or
// common non-password (placeholderPassword), its hash (passwordHash), or a
// tool's word for a hidden value (parenthesised).
func standIn(v string) bool {
	return isTemplateValue(v) || placeholderPassword(v, "") || passwordHash(v) || parenthesised(v)
}

// parenthesised reports a word or a few in parentheses, as tools print in
// place of a value they hide or lack: (hidden), (not set), (redacted).
func parenthesised(v string) bool {
	if len(v) < 3 || v[0] != '(' || v[len(v)-1] != ')' {
		return false
	}
	for i := 1; i < len(v)-1; i++ {
		if c := v[i]; !isAlpha(c) && c != ' ' && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// pairAt reports whether v holds the byte a followed by b or c.
func pairAt(v string, a, b, c byte) bool {
	for i := strings.IndexByte(v, a); i >= 0; {
		if n := byteAt(v, i+1); n == b || n == c {
			return true
		}
		k := strings.IndexByte(v[i+1:], a)
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// isReference reports a bare value that names something else
// (var.db_password, process.env.PASS, os.Getenv(…)), or is code that reads
// it: a member or a subscript (req.body.password, request.form["password"],
// settings.DATABASES[…]).
func isReference(v string) bool {
	if !isASCII(v) {
		return isReferenceUnicode(v)
	}
	return hasPrefixFold(v, 0, "var.") || hasPrefixFold(v, 0, "env.") || hasPrefixFold(v, 0, "os.") ||
		strings.IndexByte(v, '(') >= 0 || envReference(v) || memberPath(v) || filePath(v)
}

// filePath reports whether v names a file that holds the password rather
// than being one: @file (Vault's, curl's), a path from the root, the home
// or here (/run/secrets/db, ~/.pgpass, ./pw.txt), or a relative path in
// small letters without digits (secrets/db_password).
func filePath(v string) bool {
	if v == "" {
		return false
	}
	rest := v
	switch {
	case v[0] == '@' || v[0] == '/':
		rest = v[1:]
	case strings.HasPrefix(v, "./") || strings.HasPrefix(v, "~/"):
		rest = v[2:]
	case strings.HasPrefix(v, "../"):
		rest = v[3:]
	case strings.IndexByte(v, '/') > 0:
		// Small letters and no digits (p4ss/w0rd is a password), with a
		// '_', a '.' or two '/' (secrets/db_password, run/secrets/db).
		for i := 0; i < len(v); i++ {
			if c := v[i]; !isLower(c) && strings.IndexByte("_./-", c) < 0 {
				return false
			}
		}
		return strings.ContainsAny(v, "_.") || strings.Count(v, "/") >= 2
	default:
		return false
	}
	if rest == "" || rest[0] == '/' {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; !isWord(c) && strings.IndexByte("./-", c) < 0 {
			return false
		}
	}
	return true
}

// codeRoots are the objects code reads a password from (req.body.password,
// settings.DATABASES, this.password): a path of small words from another
// root is a passphrase (correct.horse.battery.staple).
var codeRoots = newWordList(`req request res response this self settings config conf cfg params param args
	opts options env environ process os app ctx context data form body props state user secrets vars values
	input payload creds credentials auth db database window document`)

// memberPath reports whether v is code reading a member or an element: a
// path of identifiers joined by '.', the first starting with a small
// letter, '_' or '$' (req.body, this.password, settings.DATABASES), from a
// root code reads (codeRoots) or with a capital in it, ending there or in
// a subscript's '[' — without digits, but before a '[' (a password spelled
// "Summer.Time", "mario.rossi2024" or zebra.apple.kiwi is none of these);
// or a borrowed type or an address taken: '&' and a word (&str, &buf).
func memberPath(v string) bool {
	if len(v) > 1 && v[0] == '&' {
		return spanClass(v, 1, len(v), cAlpha) == len(v)
	}
	sub := strings.HasSuffix(v, "[")
	if sub {
		v = v[:len(v)-1]
	}
	if v == "" || !(isLower(v[0]) || v[0] == '_' || v[0] == '$') {
		return false
	}
	if root, _, _ := strings.Cut(v, "."); !sub && !codeRoots.has(strings.TrimLeft(root, "$_")) && !hasUpper(v) {
		return false // correct.horse.battery.staple: a passphrase's words
	}
	parts := 1
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '.':
			if i == 0 || v[i-1] == '.' || i == len(v)-1 || isDigit(v[i+1]) {
				return false
			}
			parts++
		case isDigit(c):
			if !sub {
				return false
			}
		case !isAlpha(c) && c != '_' && c != '$':
			return false
		}
	}
	return parts > 1 || sub
}

// envReference reports whether v contains "process.env" or "getenv",
// ignoring case: one pass for their common "env", and a look before it.
func envReference(v string) bool {
	for i := 0; i < len(v); {
		k := indexFold(v[i:], "env")
		if k < 0 {
			return false
		}
		k += i
		if hasPrefixFold(v, k-8, "process.") || hasPrefixFold(v, k-3, "get") {
			return true
		}
		i = k + 1
	}
	return false
}

// isReferenceUnicode is isReference for a value outside ASCII, where case
// folding is Unicode's.
func isReferenceUnicode(v string) bool {
	l := strings.ToLower(v)
	return strings.HasPrefix(l, "var.") || strings.HasPrefix(l, "env.") || strings.Contains(l, "process.env") ||
		strings.Contains(l, "getenv") || strings.Contains(l, "(") || strings.HasPrefix(l, "os.") || memberPath(v)
}

// commonNonPasswords are words that follow "password:" in prose and forms.
var commonNonPasswords = map[string]bool{
	"password": true, "passwd": true, "pass": true, "pwd": true, "secret": true, "token": true,
	"required": true, "optional": true, "none": true, "null": true, "nil": true, "empty": true,
	"true": true, "false": true, "hidden": true, "redacted": true, "changeme": true, "string": true,
	"test": true, "example": true, "sample": true, "dummy": true, "placeholder": true, "username": true,
	"user": true, "reset": true, "forgotten": true, "expired": true, "invalid": true, "incorrect": true,
	"wrong": true, "obbligatoria": true, "scaduta": true, "errata": true, "yyy": true, "xxx": true,
	"mypassword": true, "yourpassword": true, "your_password": true, "secretpassword": true,
	// wp-config-sample.php's placeholder, pasted with every WordPress question.
	"password_here": true,
	// Stand-ins a template asks to replace.
	"replace_me": true, "replaceme": true, "replace-me": true, "change_me": true, "change-me": true,
	"changeit": true, "fixme": true, "todo": true, "tbd": true,
}

// maxNonPassword bounds the length of commonNonPasswords' words (a test
// checks it).
const maxNonPassword = 16

// nonPasswordFirst[c] (nonPasswordLast[c]) has bit n set where a word of
// commonNonPasswords of n bytes starts (ends) with c: a value whose first
// and last bytes do not both fit its length is not a word there, told
// without hashing it for the map (most values, which are passwords).
var nonPasswordFirst, nonPasswordLast = func() (f, l [256]uint32) {
	for w := range commonNonPasswords {
		f[w[0]] |= 1 << len(w)
		l[w[len(w)-1]] |= 1 << len(w)
	}
	return
}()

// passwordMarkList are pieces of stand-ins for a password.
var passwordMarkList = []string{"xxxx", "****", "your_", "your-", "<", "placeholder", "redacted", "example",
	"change_me", "change-me", "replace_me", "replace-me"}

var passwordMarks = newMarkSet(passwordMarkList)

// placeholderPassword reports a value that is a stand-in for a password: a
// known word, a run of one character, or the user name again.
func placeholderPassword(v, user string) bool {
	if !isASCII(v) {
		return placeholderPasswordUnicode(v, user)
	}
	if n := len(v); uint(n-1) < maxNonPassword && // 1 <= n <= maxNonPassword
		nonPasswordFirst[lower(v[0])]&nonPasswordLast[lower(v[n-1])]>>n&1 != 0 {
		var buf [maxNonPassword]byte
		for i := 0; i < len(v); i++ {
			buf[i] = lower(v[i])
		}
		if commonNonPasswords[string(buf[:len(v)])] {
			return true
		}
	}
	if user != "" && strings.EqualFold(v, user) {
		return true
	}
	return fewDistinctFold(v, 3) || passwordMarks.in(v)
}

// placeholderPasswordUnicode is placeholderPassword for a value outside
// ASCII, where case folding is Unicode's.
func placeholderPasswordUnicode(v, user string) bool {
	l := strings.ToLower(v)
	if commonNonPasswords[l] || (user != "" && strings.EqualFold(v, user)) {
		return true
	}
	if fewDistinct(l, 3) {
		return true
	}
	for _, m := range passwordMarkList {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// looksRandom reports whether a prose value looks like a password rather
// than a word: it mixes letters with digits or symbols, or cases.
func looksRandom(v string) bool {
	k := charKinds(v) // capitals alone are one kind
	return k >= 3 || k == 2 && !hyphenatedWord(v)
}

// hyphenatedWord reports whether v is small letters joined by dashes
// (case-sensitive, well-known): a word of prose.
func hyphenatedWord(v string) bool {
	for i := 0; i < len(v); i++ {
		if !isLower(v[i]) && v[i] != '-' {
			return false
		}
	}
	return true
}

// netrcEntry reports whether the password keyword at h (a token: white
// space before it) ends the tokens of a .netrc entry (ftp(1), curl): back
// from it, pairs "login USER" or "account ACCT", then "machine HOST", or
// "default" after at least one pair or at a line's start ("default login
// u password p"). Tokens are apart by spaces, tabs or line breaks (an
// entry may take a line per pair); the look back is bounded.
func netrcEntry(text string, h int) bool {
	lo := max(0, h-256)
	k, pairs := h, 0
	for range 8 {
		v, vs := prevToken(text, k, lo)
		if v == "" {
			return false
		}
		if equalFold(v, "default") {
			p := spacesBefore(text, vs)
			return pairs > 0 || p == 0 || text[p-1] == '\n'
		}
		w, ws := prevToken(text, vs, lo)
		switch {
		case equalFold(w, "machine"):
			return true
		case equalFold(w, "login") || equalFold(w, "account"):
			pairs++
			k = ws
		default:
			return false
		}
	}
	return false
}

// prevToken returns the token (bytes above ' ') that ends before k, white
// space between, and its start; "" if there is none from lo.
func prevToken(text string, k, lo int) (string, int) {
	for k > lo && isSpace(text[k-1]) {
		k--
	}
	e := k
	for k > lo && text[k-1] > ' ' {
		k--
	}
	if k == lo && k > 0 && text[k-1] > ' ' {
		return "", k // cut by the bound: not a whole token
	}
	return text[k:e], k
}
