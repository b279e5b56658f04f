package detect

// Category groups finding types for policy decisions.
type Category string

// The categories a finding type belongs to.
const (
	CategorySecret     Category = "secret"
	CategoryPII        Category = "pii"
	CategoryClassified Category = "classified"
	CategoryCustom     Category = "custom"
)

// Severity is the default weight of a finding type; policies may override it.
type Severity string

// The severities, from least to most serious.
const (
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

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
