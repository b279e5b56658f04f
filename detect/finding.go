package detect

import (
	"fmt"
	"strconv"
	"strings"
)

// Category groups finding types for policy decisions. Policies, the audit
// log and the CLI see its name (String, MarshalText); in a Finding it is one
// byte, not a string: a scan fills a Finding per value found, and three
// pointers a Finding were a third of its bytes and of the write barriers
// the collector makes a scan pay.
type Category uint8

// The categories a finding type belongs to; the zero Category is none.
const (
	CategorySecret     Category = iota + 1 // "secret"
	CategoryPII                            // "pii"
	CategoryClassified                     // "classified"
	CategoryCustom                         // "custom"
)

var categoryNames = [...]string{"", "secret", "pii", "classified", "custom"}

// String returns the category's name ("secret", …), "" for the zero one.
func (c Category) String() string { return enumName(categoryNames[:], c, "category") }

// MarshalText returns the category's name.
func (c Category) MarshalText() ([]byte, error) { return enumText(categoryNames[:], c, "category") }

// ParseCategory returns the category named s ("secret", "pii",
// "classified" or "custom").
func ParseCategory(s string) (Category, error) {
	return parseEnum[Category](categoryNames[:], s, "category")
}

// Severity is the default weight of a finding type; policies may override
// it. Like Category, a byte with a name.
type Severity uint8

// The severities, from least to most serious; the zero Severity is none.
const (
	SeverityLow      Severity = iota + 1 // "low"
	SeverityMedium                       // "medium"
	SeverityHigh                         // "high"
	SeverityCritical                     // "critical"
)

var severityNames = [...]string{"", "low", "medium", "high", "critical"}

// String returns the severity's name ("low", …), "" for the zero one.
func (s Severity) String() string { return enumName(severityNames[:], s, "severity") }

// MarshalText returns the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return enumText(severityNames[:], s, "severity") }

// ParseSeverity returns the severity named s ("low", "medium", "high" or
// "critical").
func ParseSeverity(s string) (Severity, error) {
	return parseEnum[Severity](severityNames[:], s, "severity")
}

// enumName is the name of v, or "what(v)" for a value without one.
func enumName[E ~uint8](names []string, v E, what string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return what + "(" + strconv.Itoa(int(v)) + ")"
}

func enumText[E ~uint8](names []string, v E, what string) ([]byte, error) {
	if int(v) >= len(names) {
		return nil, fmt.Errorf("detect: no %s %d", what, v)
	}
	return []byte(names[v]), nil
}

func parseEnum[E ~uint8](names []string, s, what string) (E, error) {
	for i := 1; i < len(names); i++ {
		if names[i] == s {
			return E(i), nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q (known: %s)", what, s, strings.Join(names[1:], ", "))
}

// Finding is one sensitive value found in a text. It never holds the value
// itself: Start and End are byte offsets into the segment's Text as given
// (before normalisation), so a caller that needs the value can slice it.
type Finding struct {
	Type     string
	Category Category
	Severity Severity
	Segment  int // index into the segments passed to Scan (0 for ScanText)
	Start    int
	End      int
}

// The built-in finding types (DESIGN.md).
const (
	TypeEmail              = "EMAIL"
	TypePhone              = "PHONE"
	TypeCreditCard         = "CREDIT_CARD"
	TypeIBAN               = "IBAN"
	TypeITFiscalCode       = "IT_FISCAL_CODE"
	TypeITVAT              = "IT_VAT"
	TypeUSSSN              = "US_SSN"
	TypeIPAddress          = "IP_ADDRESS"
	TypeAWSAccessKey       = "AWS_ACCESS_KEY"
	TypeAWSSecretKey       = "AWS_SECRET_KEY"
	TypeGitHubToken        = "GITHUB_TOKEN"
	TypeGitLabToken        = "GITLAB_TOKEN"
	TypeSlackToken         = "SLACK_TOKEN"
	TypeSlackWebhook       = "SLACK_WEBHOOK"
	TypeStripeKey          = "STRIPE_KEY"
	TypeOpenAIKey          = "OPENAI_KEY"
	TypeAnthropicKey       = "ANTHROPIC_KEY"
	TypeGoogleAPIKey       = "GOOGLE_API_KEY"
	TypePrivateKey         = "PRIVATE_KEY"
	TypeJWT                = "JWT"
	TypeCredentialURL      = "CREDENTIAL_URL"
	TypePassword           = "PASSWORD"
	TypeConfidentialMarker = "CONFIDENTIAL_MARKER"
)

type typeInfo struct {
	cat Category
	sev Severity
}

// builtinTypes is the taxonomy with each type's category and default severity.
// Credentials that grant access on their own are critical; identifiers that
// need other data to be abused are lower.
var builtinTypes = map[string]typeInfo{
	TypeEmail:              {CategoryPII, SeverityMedium},
	TypePhone:              {CategoryPII, SeverityMedium},
	TypeCreditCard:         {CategoryPII, SeverityHigh},
	TypeIBAN:               {CategoryPII, SeverityHigh},
	TypeITFiscalCode:       {CategoryPII, SeverityHigh},
	TypeITVAT:              {CategoryPII, SeverityLow},
	TypeUSSSN:              {CategoryPII, SeverityHigh},
	TypeIPAddress:          {CategoryPII, SeverityLow},
	TypeAWSAccessKey:       {CategorySecret, SeverityHigh},
	TypeAWSSecretKey:       {CategorySecret, SeverityCritical},
	TypeGitHubToken:        {CategorySecret, SeverityCritical},
	TypeGitLabToken:        {CategorySecret, SeverityCritical},
	TypeSlackToken:         {CategorySecret, SeverityHigh},
	TypeSlackWebhook:       {CategorySecret, SeverityHigh},
	TypeStripeKey:          {CategorySecret, SeverityCritical},
	TypeOpenAIKey:          {CategorySecret, SeverityCritical},
	TypeAnthropicKey:       {CategorySecret, SeverityCritical},
	TypeGoogleAPIKey:       {CategorySecret, SeverityHigh},
	TypePrivateKey:         {CategorySecret, SeverityCritical},
	TypeJWT:                {CategorySecret, SeverityHigh},
	TypeCredentialURL:      {CategorySecret, SeverityCritical},
	TypePassword:           {CategorySecret, SeverityCritical},
	TypeConfidentialMarker: {CategoryClassified, SeverityHigh},
}

// Info returns the category and default severity of a built-in finding type.
// ok is false for a type that is not built in (custom types carry their own).
func Info(typ string) (Category, Severity, bool) {
	ti, ok := builtinTypes[typ]
	return ti.cat, ti.sev, ok
}

// Types lists the built-in finding types.
func Types() []string {
	out := make([]string, 0, len(builtinTypes))
	for t := range builtinTypes {
		out = append(out, t)
	}
	sortStrings(out)
	return out
}
