package detect

import (
	"fmt"
	"regexp"
	"regexp/syntax"
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
	// (?:…) groups without capturing.
	Regex string `json:"regex,omitempty" yaml:"regex,omitempty"`
	// Keywords gate the regex: it runs, over the whole text, only on texts
	// containing one of them, matched as phrases are (term.go: any case,
	// any white space between words, any apostrophe; not necessarily whole
	// words). Without keywords it runs on every text. Keywords need a
	// regex.
	Keywords []string `json:"keywords,omitempty" yaml:"keywords,omitempty"`
	// Validator names a check the regex value must pass (see Validators).
	Validator string `json:"validator,omitempty" yaml:"validator,omitempty"`
	// Terms are dictionary entries (code names, customer names) matched
	// as whole words, in any case, with any white space between their
	// words (term.go).
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
// not compile, an unknown validator, neither regex nor terms, keywords
// without a regex, or a type another entry defines too (its category and
// severity would depend on the order).
func WithCustom(ds []CustomDetector) Option {
	return func(st *settings) {
		first := map[string]int{}
		for i, cd := range ds {
			if j, dup := first[cd.Type]; dup {
				st.errs = append(st.errs, &CustomError{Index: i, Type: cd.Type,
					Err: fmt.Errorf("type already defined by custom detector %d; put its regex and terms in one entry", j)})
				continue
			}
			first[cd.Type] = i
			e, err := compileCustom(cd)
			if err != nil {
				st.errs = append(st.errs, &CustomError{Index: i, Type: cd.Type, Err: err})
				continue
			}
			st.extra = append(st.extra, e...)
		}
	}
}

// CustomError is what is wrong with custom detector Index (of type Type)
// of a WithCustom list; NewScanner returns one for each, joined, so that a
// caller can name each entry where it was written.
type CustomError struct {
	Index int
	Type  string
	Err   error
}

func (e *CustomError) Error() string {
	return fmt.Sprintf("detect: custom detector %d (%s): %v", e.Index, e.Type, e.Err)
}

func (e *CustomError) Unwrap() error { return e.Err }

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
		d := &regexDetector{typ: cd.Type, re: re, check: check}
		if len(cd.Keywords) > 0 {
			if d.gate, err = newPhraseSet(cd.Keywords, false, "keyword"); err != nil {
				return nil, err
			}
		} else {
			d.prefix = literalPrefixGate(re)
		}
		out = append(out, entry{d: d, cat: cat, sev: sev})
	} else {
		if cd.Validator != "" {
			return nil, fmt.Errorf("validator %q needs a regex", cd.Validator)
		}
		if len(cd.Keywords) > 0 {
			// Terms are their own gate; keywords that did nothing would
			// only mislead whoever reads the policy.
			return nil, fmt.Errorf("keywords gate a regex; this entry has none")
		}
	}
	if len(cd.Terms) > 0 {
		ps, err := newPhraseSet(cd.Terms, true, "term")
		if err != nil {
			return nil, err
		}
		out = append(out, entry{d: &termDetector{typ: cd.Type, ps: ps}, cat: cat, sev: sev})
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

// literalPrefixGate returns the keyword that gates a regex without
// keywords of its own: its literal prefix when it has one of three or more
// ASCII bytes and is case-sensitive (a cheap, exact gate); none means the
// regex runs on every text.
func literalPrefixGate(re *regexp.Regexp) []string {
	if p, _ := re.LiteralPrefix(); len(p) >= 3 && isASCII(p) && !caseInsensitive(re) {
		return []string{p}
	}
	return nil
}

func caseInsensitive(re *regexp.Regexp) bool {
	r, err := syntax.Parse(re.String(), syntax.Perl)
	return err != nil || r.Flags&syntax.FoldCase != 0
}

// regexDetector runs a custom regex over a text that passed its gate:
// one of its keywords (gate), else its literal prefix (prefix), else none.
// The regex reads the whole text, once, however many keywords it holds:
// RE2 is linear in the text, and a window around each keyword would miss
// a value far from it (a table's column header, a long form).
type regexDetector struct {
	typ    string
	re     *regexp.Regexp
	gate   *phraseSet
	prefix []string
	check  func(string) bool
}

var _ Detector = (*regexDetector)(nil)

func (d *regexDetector) Type() string { return d.typ }

func (d *regexDetector) Keywords() []string {
	if d.gate != nil {
		return d.gate.keywords()
	}
	return d.prefix
}

func (d *regexDetector) Find(t *Text) {
	// A keyword hit is only a candidate when a keyword has white space,
	// an apostrophe or a letter outside ASCII, or when the gate runs its
	// own prefilter (Hits nil): any makes sure.
	if d.gate != nil && !d.gate.any(t.S, t.Hits) {
		return
	}
	for _, m := range d.re.FindAllStringSubmatchIndex(t.S, -1) {
		s, e := m[0], m[1]
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 && m[g+1] > m[g] {
				s, e = m[g], m[g+1]
				break
			}
		}
		if e <= s || (d.check != nil && !d.check(t.S[s:e])) {
			continue
		}
		t.Emit(s, e)
	}
}

// termDetector matches dictionary terms as whole words (phraseSet).
type termDetector struct {
	typ string
	ps  *phraseSet
}

var _ Detector = (*termDetector)(nil)

func (d *termDetector) Type() string       { return d.typ }
func (d *termDetector) Keywords() []string { return d.ps.keywords() }
func (d *termDetector) Find(t *Text)       { d.ps.find(t.S, t.Hits, t.Emit) }

// compact drops the separators people put inside numbers and codes.
func compact(v string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '.' || r == '/' {
			return -1
		}
		return r
	}, v)
}
