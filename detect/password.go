package detect

import (
	"math/bits"
	"strings"
)

// password finds passwords given in the text: the value assigned to, or said
// to be, a password ("password: …", DB_PASSWORD="…", "la password è …",
// <add key="ClearTextPassword" value="…"/>, curl -u user:pass). Only the value
// is reported. The word alone proves nothing ("reset your password"), so a
// value must follow an assignment or a copula and must not be a template.
type password struct{}

var _ Detector = password{}

func (password) Type() string { return TypePassword }

var passwordWords = []string{
	"password", "passwd", "pwd", "passphrase", "passcode", "pass", "parola d'ordine",
	"parola chiave", "parola segreta", "contrasena", "kennwort", "mot de passe",
}

func (password) Keywords() []string {
	return append([]string{"-u ", "--user ", "--user="}, passwordWords...)
}

func (password) Find(t *Text) {
	text, hits := t.S, t.Hits
	next := 0
	for _, h := range hits {
		if h < next {
			continue
		}
		var s, e int
		var ok bool
		if text[h] == '-' {
			s, e, ok = curlUser(text, h)
		} else {
			s, e, ok = passwordAt(text, h)
		}
		if ok {
			t.Emit(s, e)
			next = e
		}
	}
}

// passwordWordsByFirst lists passwordWords by first byte.
var passwordWordsByFirst = byFirstByte(passwordWords)

// copulas link a password keyword to its value in prose.
var copulas = byFirstByte([]string{"is ", "was ", "è ", "e' ", "era ", "sarà ", "= ", ": "})

// passwordAt handles a password keyword at h.
func passwordAt(text string, h int) (int, int, bool) {
	// The keyword must start a word or an identifier part (DB_PASSWORD,
	// dbPassword, ClearTextPassword), and end one.
	kw := prefixFoldAmong(text, h, &passwordWordsByFirst)
	if kw == "" {
		return 0, 0, false
	}
	if p := byteAt(text, h-1); isLower(p) && !isUpper(text[h]) || isDigit(p) {
		return 0, 0, false
	}
	i := h + len(kw)
	// The rest of the identifier: "password_hash" is not a password, but
	// "passwordValue", "password1" … rarely matter; allow a short tail.
	tail := spanClass(text, i, 24, cWordDash)
	if tail > i && !passwordSuffix(text[i:tail]) {
		return 0, 0, false
	}
	i = tail
	// Closing quote of a key ("password": …, key="ClearTextPassword" value=…).
	if q := byteAt(text, i); q == '"' || q == '\'' {
		i++
	}
	// nuget: key="…Password" value="secret"
	j := skipSpaces(text, i)
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
		v := skipSpaces(text, k)
		s, e, ok := quotedOrBare(text, v, false)
		if ok && (byteAt(text, h-1) == '?' || byteAt(text, h-1) == '&') {
			// A URL query: the value ends at the next parameter.
			if a := strings.IndexAny(text[s:e], "&#"); a >= 0 {
				e = s + a
				ok = e-s >= 4
			}
		}
		// A bare value must look generated; a quoted one was typed as a string.
		if ok && (s > v || looksRandom(text[s:e])) {
			return s, e, true
		}
		return 0, 0, false
	}
	// Prose: "password is X", "la password è X", "the password for the VPN
	// is X", "la password del wifi è: X" — a few words may come between,
	// within the sentence; the value must then look generated.
	for k, words := j, 0; k < len(text) && k-j < 48 && words <= 5; words++ {
		if cop := prefixFoldAmong(text, k, &copulas); cop != "" {
			s, e, ok := quotedOrBare(text, skipSpaces(text, k+len(cop)), false)
			if ok && looksRandom(text[s:e]) {
				return s, e, true
			}
			return 0, 0, false
		}
		// Next word of the same sentence.
		w := k
		for w < len(text) && !is(text[w], cStop) {
			w++
		}
		if w > k && text[w-1] == ':' {
			// "password for prod: X"
			s, e, ok := quotedOrBare(text, skipSpaces(text, w), false)
			if ok && looksRandom(text[s:e]) {
				return s, e, true
			}
			return 0, 0, false
		}
		if w >= len(text) || text[w] != ' ' {
			break
		}
		k = w + 1
	}
	return 0, 0, false
}

// passwordSuffixes are identifier tails after the keyword that still name
// the password itself.
var passwordSuffixes = []string{"", "word", "wd", "value", "val", "str", "string", "text", "plain", "plaintext", "1", "2", "s"}

// passwordSuffix reports whether s (ASCII letters, digits, '_' and '-') is
// one of passwordSuffixes, ignoring case and leading '_' and '-'.
func passwordSuffix(s string) bool {
	s = strings.TrimLeft(s, "_-")
	for _, w := range passwordSuffixes {
		if len(w) == len(s) && hasPrefixFold(s, 0, w) {
			return true
		}
	}
	return false
}

// quotedOrBare reads the value starting at i: a quoted string, or a bare
// token up to white space. inXML allows only quoted values.
func quotedOrBare(text string, i int, inXML bool) (int, int, bool) {
	q := byteAt(text, i)
	var s, e int
	if q == '"' || q == '\'' || q == '`' {
		s = i + 1
		e = s
		for e < len(text) && e-s < 256 && text[e] != q && text[e] != '\n' {
			e++
		}
		if byteAt(text, e) != q {
			return 0, 0, false
		}
	} else {
		if inXML {
			return 0, 0, false
		}
		s = i
		e = spanClass(text, s, 256, cBare)
		// A full stop or comma after the value belongs to the sentence.
		for e > s && strings.IndexByte(".,;)]}", text[e-1]) >= 0 {
			e--
		}
		if e-s >= 1 && isReference(text[s:e]) {
			return 0, 0, false
		}
	}
	v := text[s:e]
	if len(v) < 4 || isTemplateValue(v) || placeholderPassword(v, "") {
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

func skipSpaces(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// isTemplateValue reports values that stand for a secret instead of being
// one: variables and template expressions ($X, ${x}, %X%, {{x}}, <x>, [X]).
func isTemplateValue(v string) bool {
	if v == "" {
		return true
	}
	switch v[0] {
	case '$', '<', '[', '{', '*':
		return true
	case '%':
		return strings.HasSuffix(v, "%")
	}
	// "${", "$(" or "{{": one search for each first byte (most values have
	// neither), not one per pair.
	return pairAt(v, '$', '{', '(') || pairAt(v, '{', '{', '{')
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
// (var.db_password, process.env.PASS, os.Getenv(…)).
func isReference(v string) bool {
	if !isASCII(v) {
		return isReferenceUnicode(v)
	}
	return hasPrefixFold(v, 0, "var.") || hasPrefixFold(v, 0, "env.") || hasPrefixFold(v, 0, "os.") ||
		strings.IndexByte(v, '(') >= 0 || envReference(v)
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
		strings.Contains(l, "getenv") || strings.Contains(l, "(") || strings.HasPrefix(l, "os.")
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
var passwordMarkList = []string{"xxxx", "****", "your_", "your-", "<", "placeholder", "redacted", "example"}

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
	// seen collects the kinds present: the classes cDigit, cUpper and
	// cLower (bits 0–2), and bit 3 for anything else, without a branch
	// per byte (whether a value has a symbol is the text's whim).
	var seen uint64
	for i := 0; i < len(v); i++ {
		c := charClass[v[i]] & cAlnum
		seen |= c | (c-1)>>63<<3
	}
	return bits.OnesCount64(seen) >= 2 // capitals alone are one kind
}
