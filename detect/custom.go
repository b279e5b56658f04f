package detect

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// CustomDetector is a detector defined in policy data rather than Go code
// (data.promptwall.custom_detectors): a regular expression, dictionary terms,
// or both, reported under its own type, category and severity.
type CustomDetector struct {
	// Type names the findings, e.g. "PROJECT_CODENAME": upper-case letters,
	// digits and '_', not a built-in type.
	Type string `json:"type" yaml:"type"`
	// Category names a Category ("secret", "pii", "classified",
	// "custom"; the default); Severity a Severity ("low", "medium", the
	// default, "high", "critical").
	Category string `json:"category,omitempty" yaml:"category,omitempty"`
	Severity string `json:"severity,omitempty" yaml:"severity,omitempty"`
	// Regex is RE2 syntax. With a capturing group, the first group that
	// matched is the value reported (and validated); otherwise the match.
	Regex string `json:"regex,omitempty" yaml:"regex,omitempty"`
	// Keywords gate the regex: it runs only on texts containing one of
	// them (case-insensitive). Without keywords it runs on every text.
	Keywords []string `json:"keywords,omitempty" yaml:"keywords,omitempty"`
	// Validator names a check the regex value must pass (see Validators).
	Validator string `json:"validator,omitempty" yaml:"validator,omitempty"`
	// Terms are dictionary entries (code names, customer names) matched
	// case-insensitively as whole words.
	Terms []string `json:"terms,omitempty" yaml:"terms,omitempty"`
}

// validators are the checks a custom detector can name. Each takes the value
// as found; separators (spaces, dashes, dots) are removed where the format
// allows them.
var validators = map[string]func(string) bool{
	"luhn":           func(v string) bool { return luhn(compact(v)) },
	"credit_card":    func(v string) bool { d := compact(v); return len(d) >= 13 && len(d) <= 19 && validPAN(d) },
	"iban":           func(v string) bool { return ibanValid(strings.ToUpper(compact(v))) },
	"it_fiscal_code": func(v string) bool { return fiscalCodeValid(v) },
	"it_vat":         func(v string) bool { return vatValid(strings.TrimPrefix(strings.ToUpper(compact(v)), "IT")) },
	"us_ssn":         func(v string) bool { return ssnValid(compact(v)) },
	"github_token":   githubTokenValid,
	"jwt":            jwtValid,
	"ip":             ipValid,
	"email":          emailValid,
}

// Validators lists the validator names a CustomDetector may use.
func Validators() []string {
	out := make([]string, 0, len(validators))
	for k := range validators {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

// WithCustom adds custom detectors. NewScanner fails, naming the detector,
// when one is invalid: a bad type, category or severity, a regex that does
// not compile, an unknown validator, or neither regex nor terms.
func WithCustom(ds []CustomDetector) Option {
	return func(st *settings) {
		for i, cd := range ds {
			e, err := compileCustom(cd)
			if err != nil {
				st.errs = append(st.errs, fmt.Errorf("detect: custom detector %d (%s): %w", i, cd.Type, err))
				continue
			}
			st.extra = append(st.extra, e...)
		}
	}
}

func compileCustom(cd CustomDetector) ([]entry, error) {
	if !validTypeName(cd.Type) {
		return nil, fmt.Errorf("type %q must be upper-case letters, digits and '_'", cd.Type)
	}
	if _, _, builtin := Info(cd.Type); builtin {
		return nil, fmt.Errorf("type %q is built in", cd.Type)
	}
	cat, sev := CategoryCustom, SeverityMedium
	var err error
	if cd.Category != "" {
		if cat, err = ParseCategory(cd.Category); err != nil {
			return nil, err
		}
	}
	if cd.Severity != "" {
		if sev, err = ParseSeverity(cd.Severity); err != nil {
			return nil, err
		}
	}
	if cd.Regex == "" && len(cd.Terms) == 0 {
		return nil, fmt.Errorf("needs a regex or terms")
	}
	var out []entry
	if cd.Regex != "" {
		re, err := regexp.Compile(cd.Regex)
		if err != nil {
			return nil, fmt.Errorf("regex: %w", err)
		}
		var check func(string) bool
		if cd.Validator != "" {
			v, ok := validators[cd.Validator]
			if !ok {
				return nil, fmt.Errorf("unknown validator %q (known: %s)", cd.Validator, strings.Join(Validators(), ", "))
			}
			check = v
		}
		for _, k := range cd.Keywords {
			if strings.TrimSpace(k) == "" {
				return nil, fmt.Errorf("empty keyword")
			}
		}
		out = append(out, entry{d: &regexDetector{typ: cd.Type, re: re, keywords: regexKeywords(re, cd.Keywords), check: check, anchored: anchoredRegex(re)}, cat: cat, sev: sev})
	} else if cd.Validator != "" {
		return nil, fmt.Errorf("validator %q needs a regex", cd.Validator)
	}
	if len(cd.Terms) > 0 {
		var terms []string
		for _, t := range cd.Terms {
			n := normalise(strings.TrimSpace(t)).text
			if n == "" {
				return nil, fmt.Errorf("empty term")
			}
			terms = append(terms, strings.ToLower(n))
		}
		out = append(out, entry{d: newTermDetector(cd.Type, terms), cat: cat, sev: sev})
	}
	return out, nil
}

func validTypeName(t string) bool {
	if t == "" || len(t) > 64 || !isUpper(t[0]) {
		return false
	}
	for i := 0; i < len(t); i++ {
		if !isUpper(t[i]) && !isDigit(t[i]) && t[i] != '_' {
			return false
		}
	}
	return true
}

// regexKeywords returns the keywords that gate a custom regex: the ones
// given, else the regex's literal prefix when it has one of three or more
// bytes (a cheap, exact gate); none means the regex runs on every text.
func regexKeywords(re *regexp.Regexp, given []string) []string {
	if len(given) > 0 {
		return given
	}
	if p, _ := re.LiteralPrefix(); len(p) >= 3 && isASCII(p) && !caseInsensitive(re) {
		return []string{p}
	}
	return nil
}

func caseInsensitive(re *regexp.Regexp) bool {
	r, err := syntax.Parse(re.String(), syntax.Perl)
	return err != nil || r.Flags&syntax.FoldCase != 0
}

// regexDetector runs a custom regex over a text that passed its keywords.
type regexDetector struct {
	typ      string
	re       *regexp.Regexp
	keywords []string
	check    func(string) bool
	anchored bool // anchoredRegex: always read the whole text
}

var _ Detector = (*regexDetector)(nil)

func (d *regexDetector) Type() string       { return d.typ }
func (d *regexDetector) Keywords() []string { return d.keywords }

// A gated regex reads windows around its keyword hits, not the whole text:
// from regexBefore bytes before a hit to regexAfter bytes after it, each end
// moved to white space close by (so \b means the same at the edge), and
// overlapping windows merged. A text shorter than a window, a regex without
// keywords and one anchored on the text's start or end read the whole text.
const (
	regexBefore = 512
	regexAfter  = 2048
	regexSlack  = 64
)

func (d *regexDetector) Find(t *Text) {
	text := t.S
	if len(t.Hits) == 0 || d.anchored || len(text) <= regexBefore+regexAfter {
		d.findIn(t, text, 0)
		return
	}
	for i := 0; i < len(t.Hits); {
		lo := windowStart(text, t.Hits[i]-regexBefore)
		hi := windowEnd(text, t.Hits[i]+regexAfter)
		for i++; i < len(t.Hits) && windowStart(text, t.Hits[i]-regexBefore) <= hi; i++ {
			hi = windowEnd(text, t.Hits[i]+regexAfter)
		}
		d.findIn(t, text[lo:hi], lo)
	}
}

// findIn reports the matches in window, which starts at offset base of t.S.
func (d *regexDetector) findIn(t *Text, window string, base int) {
	for _, m := range d.re.FindAllStringSubmatchIndex(window, -1) {
		s, e := m[0], m[1]
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 && m[g+1] > m[g] {
				s, e = m[g], m[g+1]
				break
			}
		}
		if e <= s || (d.check != nil && !d.check(window[s:e])) {
			continue
		}
		t.Emit(base+s, base+e)
	}
}

// windowStart moves p back to just after white space, if some is close.
func windowStart(text string, p int) int {
	if p <= 0 {
		return 0
	}
	for k := p; k > 0 && k > p-regexSlack; k-- {
		if isSpace(text[k-1]) {
			return k
		}
	}
	return p
}

// windowEnd moves p on to white space, if some is close.
func windowEnd(text string, p int) int {
	if p >= len(text) {
		return len(text)
	}
	for k := p; k < len(text) && k < p+regexSlack; k++ {
		if isSpace(text[k]) {
			return k
		}
	}
	return p
}

// anchoredRegex reports a regex using ^, $, \A or \z, whose meaning a
// window would change.
func anchoredRegex(re *regexp.Regexp) bool {
	r, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return true
	}
	var walk func(*syntax.Regexp) bool
	walk = func(r *syntax.Regexp) bool {
		switch r.Op {
		case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
			return true
		}
		for _, s := range r.Sub {
			if walk(s) {
				return true
			}
		}
		return false
	}
	return walk(r)
}

// termDetector matches dictionary terms as whole words, case-insensitively.
// The terms are prefilter keywords, so a text without any costs nothing; at
// a hit, one map lookup per distinct term length finds the term, so a
// dictionary of thousands of names costs no more than a few.
type termDetector struct {
	typ    string
	terms  []string            // normalised, lower case
	ascii  map[string]struct{} // the ASCII terms
	lens   []int               // their distinct lengths, longest first
	others []string            // non-ASCII terms, compared with EqualFold
}

var _ Detector = (*termDetector)(nil)

func newTermDetector(typ string, terms []string) *termDetector {
	d := &termDetector{typ: typ, terms: terms, ascii: map[string]struct{}{}}
	for _, t := range terms {
		if !isASCII(t) {
			d.others = append(d.others, t)
			continue
		}
		if _, dup := d.ascii[t]; !dup && !slices.Contains(d.lens, len(t)) {
			d.lens = append(d.lens, len(t))
		}
		d.ascii[t] = struct{}{}
	}
	slices.SortFunc(d.lens, func(a, b int) int { return b - a })
	return d
}

func (d *termDetector) Type() string { return d.typ }

func (d *termDetector) Keywords() []string {
	// The prefilter folds ASCII case only; give it the other cases of
	// accented terms as well.
	var kws []string
	for _, t := range d.terms {
		kws = append(kws, t)
		if !isASCII(t) {
			kws = append(kws, strings.ToUpper(t), strings.ToUpper(t[:1])+t[1:])
		}
	}
	return kws
}

func (d *termDetector) Find(t *Text) {
	var buf [256]byte
	next := 0
	for _, h := range t.Hits {
		if h < next || isWord(byteAt(t.S, h-1)) && isWord(t.S[h]) {
			continue
		}
		// Several terms can start here ("Acme", "Acme Corp"): take the
		// longest that ends at a word boundary.
		best := -1
		for _, l := range d.lens {
			e := h + l
			if e > len(t.S) || l > len(buf) || wordContinues(t.S, e) {
				continue
			}
			for i := 0; i < l; i++ {
				buf[i] = lower(t.S[h+i])
			}
			if _, ok := d.ascii[string(buf[:l])]; ok {
				best = e
				break
			}
		}
		for _, term := range d.others {
			e := h + len(term)
			if e > best && e <= len(t.S) && strings.EqualFold(t.S[h:e], term) && !wordContinues(t.S, e) {
				best = e
			}
		}
		if best > h {
			t.Emit(h, best)
			next = best
		}
	}
}

// wordContinues reports whether a match ending at e would end inside a word.
func wordContinues(s string, e int) bool {
	return e > 0 && isWord(byteAt(s, e)) && isWord(s[e-1])
}

// compact drops the separators people put inside numbers and codes.
func compact(v string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '.' || r == '/' {
			return -1
		}
		return r
	}, v)
}
