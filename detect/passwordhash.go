package detect

import "strings"

// passwordHash reports whether a password field's value is the password's
// hash, as user tables and configuration files store it, not the password:
// the modular crypt format ($2b$…, $argon2id$…, $6$…, $y$…: an algorithm's
// name between two '$'), Django's "algorithm$…" (pbkdf2_sha256$600000$…,
// argon2$argon2id$…, bcrypt_sha256$$2b$…) and a hash's hex or base64
// after its algorithm's name (sha256:7181ec…, as Docker and Gitea print
// digests), also as a password file's line gives it after the user.
func passwordHash(v string) bool {
	if len(v) < 20 {
		return false
	}
	if _, rest, ok := strings.Cut(v, ":$"); ok && v[0] != '$' && passwordHash("$"+rest) {
		return true // a password file's line, user:$7$… (Mosquitto, htpasswd)
	}
	if v[0] == '$' {
		// $id$: the identifier is short, small letters, digits and '-'.
		for i := 1; i < len(v) && i <= 17; i++ {
			switch c := v[i]; {
			case c == '$':
				return i > 1
			case !isLower(c) && !isDigit(c) && c != '-':
				return false
			}
		}
		return false
	}
	name, rest, ok := strings.Cut(v, "$")
	if !ok {
		if name, rest, ok = strings.Cut(v, ":"); !ok || !amongFold(name, digestNames) {
			return false
		}
		// The digest: hex or base64, long enough for the shortest (MD5).
		if len(rest) < 22 {
			return false
		}
		for i := 0; i < len(rest); i++ {
			if c := rest[i]; !isAlnum(c) && c != '+' && c != '/' && c != '=' {
				return false
			}
		}
		return true
	}
	return amongFold(name, djangoHashers) && strings.IndexByte(rest, '$') >= 0
}

// djangoHashers are the names Django's password hashers write before the
// first '$' (and passlib's Django-compatible ones).
var djangoHashers = []string{
	"pbkdf2_sha256", "pbkdf2_sha1", "argon2", "bcrypt_sha256", "bcrypt", "scrypt", "sha1", "md5",
	"unsalted_sha1", "unsalted_md5", "crypt", "django_pbkdf2_sha256", "django_argon2", "django_bcrypt",
}

// digestNames are the algorithm names written before a digest and ':'.
var digestNames = []string{"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3-256", "sha3-512", "blake2b", "ssha", "pbkdf2"}

// hashKeyBefore reports whether the identifier ending right before the
// password word at h names a hash of it (passwordIdentEnd's test, for the
// keys and table headers both): hashed_password, HashPassword,
// encrypted_password (Devise's column), crypted_password.
func hashKeyBefore(text string, h int) bool {
	if p := byteAt(text, h-1); !isWord(p) && p != '-' {
		return false // the usual: the word starts its identifier
	}
	id := text[spanClassBack(text, h, h-24, cWordDash):h]
	if indexFold(id, "hash") >= 0 {
		return true
	}
	// Not decrypted_password, unencrypted_password: the plain one.
	c := indexFold(id, "crypt")
	return c >= 0 && !hasPrefixFold(id, max(c-2, 0), "de") && !hasPrefixFold(id, max(c-4, 0), "unen")
}
