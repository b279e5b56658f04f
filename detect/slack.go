package detect

import "strings"

// slackToken finds Slack API tokens: xoxb (bot), xoxp (user), xoxa/xoxr
// (workspace, refresh), xoxs/xoxo (legacy), xoxc (a browser session's
// client token, which acts as its user), xapp (app-level) and the xoxe
// configuration tokens. They are dash-separated: an optional one-digit
// version, one or more numeric (or upper-case ID) parts of 8–14 characters,
// then a random part; configuration tokens are a version and one long part.
type slackToken struct{}

var _ Detector = slackToken{}

func (slackToken) Type() string { return TypeSlackToken }

func (slackToken) Keywords() []string {
	return []string{"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxc-", "xoxe-", "xoxe.", "xapp-"}
}

func (slackToken) Find(t *Text) {
	text, hits := t.S, t.Hits
	next := 0
	for _, h := range hits {
		if h < next || isWord(byteAt(text, h-1)) || byteAt(text, h-1) == '.' {
			continue
		}
		p := h
		if strings.HasPrefix(text[p:], "xoxe.") {
			p += 5
		}
		if p+5 > len(text) || !(strings.HasPrefix(text[p:], "xox") || strings.HasPrefix(text[p:], "xapp")) || text[p+4] != '-' {
			continue
		}
		end := spanClass(text, p+5, 400, cAlnumDash)
		for end > p+5 && text[end-1] == '-' {
			end--
		}
		if isWord(byteAt(text, end)) || byteAt(text, end) == '-' || !slackBodyOK(text[p:p+4], text[p+5:end]) {
			continue
		}
		t.Emit(h, end)
		next = end
	}
}

func slackBodyOK(kind, body string) bool {
	// Dash-separated parts, without allocating: an optional one-digit
	// version, IDs, then the random part (last).
	if len(body) >= 2 && isDigit(body[0]) && body[1] == '-' {
		body = body[2:] // version
	}
	lastDash := strings.LastIndexByte(body, '-')
	if lastDash < 0 {
		p := body
		switch {
		case kind == "xoxe" || len(p) >= 100:
			// Configuration tokens: one long random part.
			return len(p) >= 100 && !isPlaceholderOf(p, cAlnumDash)
		case kind == "xoxa" || kind == "xoxr":
			// Workspace access and refresh tokens: 8–48 random characters.
			return len(p) >= 8 && len(p) <= 48 && mixesLettersDigits(p) && !isPlaceholderOf(p, cAlnumDash)
		}
		return false
	}
	for ids := body[:lastDash+1]; ids != ""; {
		// Team, user and app IDs: numeric (5+ digits in legacy tokens) or
		// upper-case alphanumeric of 8–14 characters.
		n := strings.IndexByte(ids, '-')
		id := ids[:n]
		ids = ids[n+1:]
		if len(id) > 14 || len(id) < 5 {
			return false
		}
		numeric := true
		for i := 0; i < len(id); i++ {
			if !isDigit(id[i]) {
				numeric = false
				if !isUpper(id[i]) {
					return false
				}
			}
		}
		if !numeric && len(id) < 8 {
			return false
		}
	}
	last := body[lastDash+1:]
	return len(last) >= 10 && hasLetter(last) && !isPlaceholderOf(last, cAlnumDash)
}

// mixesLettersDigits reports a random-looking part: letters and digits both.
func mixesLettersDigits(s string) bool {
	var l, d bool
	for i := 0; i < len(s); i++ {
		l = l || isAlpha(s[i])
		d = d || isDigit(s[i])
	}
	return l && d
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if isAlpha(s[i]) {
			return true
		}
	}
	return false
}
