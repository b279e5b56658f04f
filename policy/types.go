package policy

// Actions of a prompt decision (data.promptwall.decision).
const (
	ActionAllow   = "allow"
	ActionBlock   = "block"
	ActionRedact  = "redact"
	ActionReroute = "reroute"
)

// Actions of a CONNECT decision (data.promptwall.connect).
const (
	ConnectMITM   = "mitm"
	ConnectTunnel = "tunnel"
	ConnectBlock  = "block"
)

// Redaction modes and the one route target.
const (
	ModePseudonymize = "pseudonymize"
	ModeMask         = "mask"
	TargetInternal   = "internal"
)

// Input is the policy input document (`input`) of DESIGN.md.
type Input struct {
	Request  Request   `json:"request"`
	Findings []Finding `json:"findings"`
	// Internal tells the policy whether an internal model can take rerouted
	// prompts. Nil means "as configured on the Engine" (WithInternal).
	Internal *Internal `json:"internal,omitempty"`
}

// Request describes the intercepted request; for a CONNECT only the
// connection-level fields are known.
type Request struct {
	ID     string `json:"id"`
	Time   string `json:"time"` // RFC 3339
	Client Client `json:"client"`
	Vendor string `json:"vendor"`
	Host   string `json:"host"`
	Method string `json:"method"`
	Path   string `json:"path"`
	API    string `json:"api"`
	Model  string `json:"model"`
	Stream bool   `json:"stream"`
	Bytes  int64  `json:"bytes"`
	// Media lists what the message carries that text detection cannot see
	// ("audio", "image", "video", "binary"): set for WebSocket messages,
	// [] otherwise. The policy decides what happens to them.
	Media []string `json:"media"`
	// Upgrade is the protocol of an HTTP upgrade promptwall cannot inspect
	// (the Upgrade header, lower case: "websocket", "h2c"), set only when
	// the policy decides whether to relay it uninspected; "" otherwise.
	Upgrade string `json:"upgrade"`
}

// Client is who sent the request.
type Client struct {
	IP     string   `json:"ip"`
	User   string   `json:"user"`
	Groups []string `json:"groups"`
}

// Finding is what a detector found, aggregated per type: never the value.
type Finding struct {
	Type     string   `json:"type"`
	Category string   `json:"category"`
	Severity string   `json:"severity"`
	Count    int      `json:"count"`
	Paths    []string `json:"paths"`
}

// Internal is input.internal.
type Internal struct {
	Available bool `json:"available"`
}

// Decision is data.promptwall.decision, validated.
type Decision struct {
	Action  string   `json:"action"`
	Reasons []Reason `json:"reasons"`
	Redact  *Redact  `json:"redact,omitempty"`
	Route   *Route   `json:"route,omitempty"`
	// Monitor means: audit the action, do not enforce it.
	Monitor bool `json:"monitor,omitempty"`
	// Revision is the policy revision that made the decision, for the audit
	// event: the policy in force may have changed by the time it is written.
	Revision string `json:"-"`
}

// Reason is one triggered rule: a stable id and a message for the user.
type Reason struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// Redact says which finding types to redact and how.
type Redact struct {
	Types []string `json:"types"`
	Mode  string   `json:"mode"`
}

// Route says where a rerouted prompt goes. An empty Model leaves the choice
// to the proxy's internal.models mapping.
type Route struct {
	Target string `json:"target"`
	Model  string `json:"model"`
}

// ConnectDecision is data.promptwall.connect, validated.
type ConnectDecision struct {
	Action  string   `json:"action"`
	Reasons []Reason `json:"reasons"`
	// Revision is the policy revision that made the decision.
	Revision string `json:"-"`
}

// CustomDetector is one entry of data.promptwall.custom_detectors, for the
// detect package to compile.
type CustomDetector struct {
	Type      string   `json:"type"`
	Category  string   `json:"category"`
	Severity  string   `json:"severity"`
	Regex     string   `json:"regex,omitempty"`
	Keywords  []string `json:"keywords,omitempty"`
	Validator string   `json:"validator,omitempty"`
	Terms     []string `json:"terms,omitempty"`
}
