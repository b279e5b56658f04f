package detect

import "strings"

// tokenRule describes one vendor credential format: a literal, case-sensitive
// prefix followed by a body of a given alphabet and length.
type tokenRule struct {
	prefix   string
	body     uint64 // the body's byte classes (charClass bits)
	min, max int
	// check, if set, validates the whole token (prefix included).
	check func(tok string) bool
	// value, if set, reports only the part after the prefix (a cookie or
	// setting name is not itself secret).
	value bool
}

// tokenDetector finds credentials whose format starts with a fixed prefix.
// The prefixes double as prefilter keywords, so it runs only where one occurs
// and then anchors each match at the keyword hit.
type tokenDetector struct {
	typ   string
	rules []tokenRule
}

var _ Detector = (*tokenDetector)(nil)

func (d *tokenDetector) Type() string { return d.typ }

func (d *tokenDetector) Keywords() []string {
	var kws []string
	for _, r := range d.rules {
		kws = append(kws, strings.ToLower(r.prefix))
	}
	return kws
}

func (d *tokenDetector) Find(t *Text) {
	text, hits := t.S, t.Hits
	next := 0
	for _, h := range hits {
		if h < next || isWord(byteAt(text, h-1)) {
			continue
		}
		for i := range d.rules {
			r := &d.rules[i]
			// The prefilter ignores case; prefixes do not.
			if byteAt(text, h) != r.prefix[0] || !strings.HasPrefix(text[h:], r.prefix) {
				continue
			}
			b := h + len(r.prefix)
			run := spanClass(text, b, r.max+1, r.body)
			end := run
			for end > b && text[end-1] == '.' {
				end-- // a full stop (or an ellipsis) after the token, not part of it
			}
			n := end - b
			body := text[b:end]
			// (What follows the run, not the full stops it ends with, says
			// whether the token goes on.)
			if n < r.min || n > r.max || is(byteAt(text, run), r.body|cAlnum) || r.check != nil && !r.check(text[h:end]) {
				// Wrapped over lines (wrap.go): only where the format
				// checks itself, by a check or a fixed length.
				if !isLineBreakStart(byteAt(text, end)) || r.check == nil && r.min != r.max || n == 0 {
					continue
				}
				if !readWrapped(text, b, r.max+1, r.body, func(run string, e int) bool {
					body, end = run, e
					return r.min <= len(run) && len(run) <= r.max && !is(byteAt(text, e), r.body|cAlnum) &&
						(r.check == nil || r.check(r.prefix+run))
				}) {
					continue
				}
			}
			if isPlaceholderOf(body, r.body) || publishedExample(text[h:end]) {
				continue
			}
			if r.value {
				t.Emit(b, end)
			} else {
				t.Emit(h, end)
			}
			next = end
			break
		}
	}
}

// Body alphabets (see charClass).
func isWordDash(b byte) bool    { return is(b, cWordDash) }
func isWordDashDot(b byte) bool { return is(b, cWordDashDot) }

// gitlabToken: GitLab's prefixed tokens (personal, deploy, runner, trigger,
// feed, incoming mail, agent, OAuth secret, CI job, feature flag, SCIM, runner
// registration) and the session cookie.
func gitlabToken() *tokenDetector {
	r := func(p string, min, max int) tokenRule {
		return tokenRule{prefix: p, body: cWordDashDot, min: min, max: max}
	}
	return &tokenDetector{typ: TypeGitLabToken, rules: []tokenRule{
		r("glpat-", 20, 300), r("gldt-", 20, 300), r("glrt-", 20, 300), r("glft-", 20, 300),
		r("glimt-", 25, 300), r("glagent-", 50, 300), r("gloas-", 64, 300), r("glffct-", 20, 300),
		r("glsoat-", 20, 300), r("glcbt-", 20, 300), r("glrtr-", 20, 300), r("glsa-", 20, 300),
		{prefix: "glptt-", body: cLowerHex, min: 40, max: 40},
		{prefix: "GR1348941", body: cWordDash, min: 20, max: 20},
		{prefix: "_gitlab_session=", body: cLowerAlnum, min: 32, max: 32, value: true},
	}}
}

// stripeKey: secret and restricted keys; publishable keys are public by design.
func stripeKey() *tokenDetector {
	var rules []tokenRule
	for _, p := range []string{"sk_live_", "rk_live_", "sk_test_", "rk_test_", "sk_prod_", "rk_prod_"} {
		rules = append(rules, tokenRule{prefix: p, body: aAlnum, min: 10, max: 247})
	}
	return &tokenDetector{typ: TypeStripeKey, rules: rules}
}

// anthropicKey: sk-ant-<kind><version>- then 93 URL-safe base64 characters
// ending in "AA".
func anthropicKey() *tokenDetector {
	endsAA := func(tok string) bool { return strings.HasSuffix(tok, "AA") }
	var rules []tokenRule
	for _, p := range []string{"sk-ant-api03-", "sk-ant-admin01-", "sk-ant-oat01-", "sk-ant-ort01-"} {
		rules = append(rules, tokenRule{prefix: p, body: cWordDash, min: 80, max: 120, check: endsAA})
	}
	return &tokenDetector{typ: TypeAnthropicKey, rules: rules}
}

// googleAPIKey: "AIza" and 35 URL-safe base64 characters.
func googleAPIKey() *tokenDetector {
	return &tokenDetector{typ: TypeGoogleAPIKey, rules: []tokenRule{
		{prefix: "AIza", body: cWordDash, min: 35, max: 35},
	}}
}

// slackWebhook: incoming webhook, workflow and trigger URLs. The scheme is
// optional in the text; the reported span includes it when present.
type slackWebhook struct{}

var _ Detector = slackWebhook{}

func (slackWebhook) Type() string { return TypeSlackWebhook }

func (slackWebhook) Keywords() []string { return []string{"hooks.slack.com/"} }

func (slackWebhook) Find(t *Text) {
	text, hits := t.S, t.Hits
	for _, h := range hits {
		start := h
		// ASCII case folding, as strings.EqualFold's was here: bytes of a
		// multibyte rune among the eight make fewer than eight runes.
		if hasPrefixFold(text, h-8, "https://") {
			start = h - 8
		} else if hasPrefixFold(text, h-7, "http://") {
			start = h - 7
		}
		if start == h && isWordDashDot(byteAt(text, h-1)) {
			continue
		}
		p := h + len("hooks.slack.com/")
		kind := ""
		for _, k := range []string{"services/", "workflows/", "triggers/"} {
			if strings.HasPrefix(text[p:], k) {
				kind = k
			}
		}
		if kind == "" {
			continue
		}
		b := p + len(kind)
		end := spanClass(text, b, 200, cHookPath)
		for end > b && text[end-1] == '/' {
			end--
		}
		if end-b < 24 || isPlaceholderOf(text[b:end], cWordDash|cSlash|cPlus) {
			continue
		}
		t.Emit(start, end)
	}
}
