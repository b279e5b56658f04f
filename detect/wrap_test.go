package detect

import (
	"slices"
	"testing"
)

// TestWrappedTokens: a token wrapped over lines is read across the break
// where its format checks itself (Anthropic's "AA" end, GitHub's CRC32, a
// fixed length), not where only a length range would (GitLab), nor where
// the next line merely goes on with a word.
func TestWrappedTokens(t *testing.T) {
	r := rng(t)
	ant := "sk-ant-api03-" + randFrom(r, base62+"-_", 93) + "AA"
	gh := genGitHubToken(r, "ghp_")
	badGH := gh[:len(gh)-1] + string("ab"[min(1, int(gh[len(gh)-1]-'a'+1))%2])
	goog := "AIza" + randFrom(r, base62+"-_", 35)
	gl := "glpat-" + randFrom(r, base62, 20)
	for _, tc := range []struct {
		text string
		want []string // the tokens as found
	}{
		{"ANTHROPIC_API_KEY=" + ant[:50] + "\n    " + ant[50:] + "\ndocker compose up", []string{ant[:50] + "\n    " + ant[50:]}},
		{"export KEY=" + ant[:30] + "\\\n" + ant[30:70] + "\\\n" + ant[70:], []string{ant[:30] + "\\\n" + ant[30:70] + "\\\n" + ant[70:]}},
		{"GITHUB_TOKEN=" + gh[:26] + "\\\n" + gh[26:], []string{gh[:26] + "\\\n" + gh[26:]}},
		{"token\r\n" + gh[:20] + "\r\n" + gh[20:] + " ok", []string{gh[:20] + "\r\n" + gh[20:]}},
		{"key: " + goog[:25] + "\n  " + goog[25:], []string{goog[:25] + "\n  " + goog[25:]}},
		// Not read across: a bad checksum, a length range only, a word.
		{"GITHUB_TOKEN=" + badGH[:26] + "\n" + badGH[26:], nil},
		{"GITLAB_TOKEN=" + gl[:15] + "\n" + gl[15:], nil},
		{"key " + ant[:60] + "\nand then we deploy", nil},
		{"key: " + goog[:25] + "\nplease", nil},
		// Whole on its line: as before, the next line not taken.
		{"key " + ant + "\nAAAA", []string{ant}},
		{gh + "\nabc", []string{gh}},
	} {
		var got []string
		for _, f := range newTestScanner(t).ScanText(tc.text) {
			if f.Type != TypeEmail && f.Type != TypePassword {
				got = append(got, tc.text[f.Start:f.End])
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: found %q, want %q", tc.text, got, tc.want)
		}
	}
}
