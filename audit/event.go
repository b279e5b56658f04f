package audit

import (
	"time"

	"go.uber.org/zap/zapcore"
)

// Event is one audit record. Zero-valued optional fields are still written,
// so every line has the same shape for the auditor's tools.
type Event struct {
	Time       time.Time
	ID         string // event.id: the request id the user sees in a refusal
	Action     string // event.action: allow | block | redact | reroute
	User       string // user.name
	SourceIP   string // source.ip
	Domain     string // url.domain
	Path       string // url.path
	Vendor     string
	API        string
	Model      string
	Findings   []Finding
	Rules      []string
	Revision   string // promptwall.policy_revision
	Monitor    bool
	Status     int // http.response.status_code
	Duration   time.Duration
	InputTok   int64
	OutputTok  int64
	Connection string // promptwall.connection: the id of the client connection (CONNECT tunnel) the request came through
	// Route is promptwall.route: where the prompt was answered, "internal"
	// for the in-house model, "vendor" or "" otherwise. audit report counts
	// the usage of "internal" events as tokens kept in-house.
	Route string
	// RouteModel is promptwall.route_model: the internal model that answered a rerouted prompt.
	RouteModel string
	// Reason is event.reason: a fixed, human-readable why (e.g. "request
	// body too large"). Never user text or a finding's value.
	Reason string

	kind string // event.kind: "" (written as "event") or "pipeline_error" for a chain restart
}

// Kinds of event (event.kind): a decision, or the writer's own note that the
// chain restarts.
const (
	KindEvent   = "event"
	KindRestart = "pipeline_error"
	// ActionChainRestart is the event.action of a chain restart marker.
	ActionChainRestart = "audit-chain-restart"
)

var (
	_ zapcore.ObjectMarshaler = (*Event)(nil)
	_ zapcore.ObjectMarshaler = (*Finding)(nil)
	_ zapcore.ArrayMarshaler  = findings(nil)
	_ zapcore.ArrayMarshaler  = strs(nil)
)

// Finding is what the audit keeps of a finding type: never a value.
type Finding struct {
	Type         string
	Count        int
	Fingerprints []string
}

// MarshalLogObject writes the event with its ECS names.
func (e *Event) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	kind := e.kind
	if kind == "" {
		kind = KindEvent
	}
	enc.AddString("event.kind", kind)
	enc.AddString("event.id", e.ID)
	enc.AddString("event.action", e.Action)
	enc.AddString("event.reason", e.Reason)
	enc.AddString("user.name", e.User)
	enc.AddString("source.ip", e.SourceIP)
	enc.AddString("url.domain", e.Domain)
	enc.AddString("url.path", e.Path)
	enc.AddString("promptwall.vendor", e.Vendor)
	enc.AddString("promptwall.api", e.API)
	enc.AddString("promptwall.model", e.Model)
	enc.AddString("promptwall.route", e.Route)
	enc.AddString("promptwall.route_model", e.RouteModel)
	enc.AddString("promptwall.connection", e.Connection)
	if err := enc.AddArray("promptwall.findings", findings(e.Findings)); err != nil {
		return err
	}
	if err := enc.AddArray("promptwall.rules", strs(e.Rules)); err != nil {
		return err
	}
	enc.AddString("promptwall.policy_revision", e.Revision)
	enc.AddBool("promptwall.monitor", e.Monitor)
	enc.AddInt("http.response.status_code", e.Status)
	enc.AddInt64("event.duration", e.Duration.Nanoseconds())
	if err := enc.AddObject("promptwall.usage", usage{e.InputTok, e.OutputTok}); err != nil {
		return err
	}
	return nil
}

type findings []Finding

func (fs findings) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	for i := range fs {
		if err := enc.AppendObject(&fs[i]); err != nil {
			return err
		}
	}
	return nil
}

// MarshalLogObject writes {type, count, fingerprints}.
func (f *Finding) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddString("type", f.Type)
	enc.AddInt("count", f.Count)
	return enc.AddArray("fingerprints", strs(f.Fingerprints))
}

type strs []string

func (ss strs) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	for _, s := range ss {
		enc.AppendString(s)
	}
	return nil
}

type usage struct{ in, out int64 }

func (u usage) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddInt64("input_tokens", u.in)
	enc.AddInt64("output_tokens", u.out)
	return nil
}
