package detect

import (
	"hash/crc32"
	"strings"
)

// githubToken finds GitHub tokens: ghp_ (personal), gho_ (OAuth), ghu_/ghs_
// (app user/server), ghr_ (refresh) followed by 30 random base62 characters
// and a 6-character base62 CRC32 of them; and fine-grained github_pat_ tokens.
type githubToken struct{}

var _ Detector = githubToken{}

func (githubToken) Type() string { return TypeGitHubToken }

func (githubToken) Keywords() []string {
	return []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}
}

func (githubToken) Find(t *Text) {
	text, hits := t.S, t.Hits
	for _, h := range hits {
		if isWord(byteAt(text, h-1)) {
			continue
		}
		if strings.HasPrefix(text[h:], "github_pat_") {
			end := spanClass(text, h+11, 83, aWord)
			if end-h-11 == 82 && !isPlaceholderOf(text[h+11:end], cWord) {
				t.Emit(h, end)
			}
			continue
		}
		if !isLower(text[h]) || !isLower(text[h+1]) || !isLower(text[h+2]) {
			continue // the prefix is lower case; the prefilter ignores case
		}
		end := spanClass(text, h+4, 37, aAlnum)
		if end-h-4 != 36 || isWord(byteAt(text, end)) {
			// Wrapped over lines (wrap.go): only with a good checksum.
			if end-h-4 < 36 && end > h+4 && isLineBreakStart(byteAt(text, end)) {
				e := 0
				if readWrapped(text, h+4, 37, aAlnum, func(body string, end int) bool {
					e = end
					return len(body) == 36 && !isWord(byteAt(text, end)) && githubChecksumOK(body) && !isPlaceholderOf(body, cAlnum)
				}) {
					t.Emit(h, e)
				}
			}
			continue
		}
		// The checksum separates a real token from a look-alike; a token
		// with a bad checksum still counts where a configuration assigns
		// it to a key that names one (test fixtures and hand-made configs
		// are still leaks to stop), not in prose ("the token ghp_… has an
		// invalid checksum").
		body := text[h+4 : end]
		if (githubChecksumOK(body) || assignedAt(text, h) && t.Near(githubContext, h, 64)) && !isPlaceholderOf(body, cAlnum) &&
			!publishedExample(text[h:end]) {
			t.Emit(h, end)
		}
	}
}

// githubContext names a GitHub token: GitHub (in any word it starts:
// githubtoken, githubusercontent), git, a token (not a tokenizer), GH_
// variables; whole words, in identifiers too (gitToken, GH_TOKEN).
var githubContext = NewWordSet("github*", "gh_", "token{,s}", "git").camelCase()

func (githubToken) ContextWords() []*WordSet { return []*WordSet{githubContext} }

// githubChecksumOK checks the last 6 base62 characters of a classic token
// body against the CRC32 (IEEE) of its first 30.
func githubChecksumOK(body string) bool {
	if len(body) != 36 {
		return false
	}
	var b [6]byte
	base62Pad6To(&b, crc32.ChecksumIEEE(readOnlyBytes(body[:30])))
	return string(b[:]) == body[30:]
}

const base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func base62Pad6To(b *[6]byte, n uint32) {
	for i := 5; i >= 0; i-- {
		b[i] = base62Alphabet[n%62]
		n /= 62
	}
}

// assignedAt reports whether the value at h is assigned, as configurations
// and code write it: right after (spaces, line breaks or a form's '+' for
// a space apart) '=', ':', a quote, a backtick, '(', ',', a tag's '>' or
// a YAML list item's '-'.
func assignedAt(text string, h int) bool {
	i := h
	for i > 0 && h-i < 16 && (isSpace(text[i-1]) || text[i-1] == '+') {
		i--
	}
	if i > 0 && text[i-1] == '-' && (i == 1 || isSpace(text[i-2])) {
		return true // a YAML list's item
	}
	return i > 0 && strings.IndexByte("=:\"'`(,>", text[i-1]) >= 0
}
