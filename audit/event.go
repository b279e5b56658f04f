package audit

import (
	"time"

	"go.uber.org/zap/zapcore"
)

// Event is one audit record. Zero-valued optional fields are still written,
// so every decision line has the same shape for the auditor's tools; a
// completion line (Phase PhaseEnd) has the completion fields only.
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

	// Phase is event.type: which part of a request's record the line is
	// (see doc.go). The zero value is a record complete in one line.
	Phase Phase
	// EndReason is promptwall.end_reason: how the answer ended (EndEOF,
	// EndClientGone, EndUpstreamError, EndRefused); "" on a decision line.
	EndReason string
	// RequestBytes is http.request.body.bytes: the body inspected.
	RequestBytes int64
	// ResponseBytes is http.response.body.bytes: the answer relayed to the
	// client, as it went on the wire (encoded).
	ResponseBytes int64

	kind string // event.kind: "" (written as "event") or "pipeline_error" for a chain restart
}

// Phase says which part of a request's record a line is: event.type.
type Phase string

// Phases of a record. A forwarded request has two lines with one event.id:
// its decision, written before the request leaves, and its completion,
// written when the answer ends. Anything answered by promptwall itself is one
// complete line.
const (
	PhaseComplete Phase = ""      // event.type ["start","end"]: decided and answered
	PhaseStart    Phase = "start" // event.type ["start"]: the decision, before forwarding
	PhaseEnd      Phase = "end"   // event.type ["end"]: the completion, when the answer ended
)

// End reasons (promptwall.end_reason) of a completion line.
const (
	EndEOF           = "eof"            // the answer was relayed to its end
	EndClientGone    = "client_gone"    // the client left before the answer ended
	EndUpstreamError = "upstream_error" // the vendor (or internal model) failed or broke off
	EndRefused       = "refused"        // promptwall refused after the decision (e.g. the internal model's answer was unusable)
)

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
	_ zapcore.ObjectMarshaler = (*usage)(nil)
	_ zapcore.ArrayMarshaler  = (*findings)(nil)
	_ zapcore.ArrayMarshaler  = (*fingerprints)(nil)
	_ zapcore.ArrayMarshaler  = (*rules)(nil)
	_ zapcore.ArrayMarshaler  = (*eventType)(nil)
)

// Finding is what the audit keeps of a finding type: never a value.
type Finding struct {
	Type         string
	Count        int
	Fingerprints []string
}

// MarshalLogObject writes the event with its ECS names, keys in the order
// of its audit line (without the chain), for a zap logger: the audit writer
// encodes lines itself (appendEvent), to the same content.
func (e *Event) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	kind := e.kind
	if kind == "" {
		kind = KindEvent
	}
	if e.Phase == PhaseEnd {
		// A completion line: what is known only when the answer ended.
		enc.AddInt64("event.duration", e.Duration.Nanoseconds())
		enc.AddString("event.id", e.ID)
		enc.AddString("event.kind", kind)
		enc.AddString("event.reason", e.Reason)
		_ = enc.AddArray("event.type", (*eventType)(e))
		enc.AddInt64("http.response.body.bytes", e.ResponseBytes)
		enc.AddInt("http.response.status_code", e.Status)
		enc.AddString("promptwall.end_reason", e.EndReason)
		enc.AddString("promptwall.route", e.Route)
		_ = enc.AddArray("promptwall.rules", (*rules)(e))
		return enc.AddObject("promptwall.usage", (*usage)(e))
	}
	enc.AddString("event.action", e.Action)
	enc.AddInt64("event.duration", e.Duration.Nanoseconds())
	enc.AddString("event.id", e.ID)
	enc.AddString("event.kind", kind)
	enc.AddString("event.reason", e.Reason)
	_ = enc.AddArray("event.type", (*eventType)(e))
	enc.AddInt64("http.request.body.bytes", e.RequestBytes)
	enc.AddInt64("http.response.body.bytes", e.ResponseBytes)
	enc.AddInt("http.response.status_code", e.Status)
	enc.AddString("promptwall.api", e.API)
	enc.AddString("promptwall.connection", e.Connection)
	enc.AddString("promptwall.end_reason", e.EndReason)
	if err := enc.AddArray("promptwall.findings", (*findings)(e)); err != nil {
		return err
	}
	enc.AddString("promptwall.model", e.Model)
	enc.AddBool("promptwall.monitor", e.Monitor)
	enc.AddString("promptwall.policy_revision", e.Revision)
	enc.AddString("promptwall.route", e.Route)
	enc.AddString("promptwall.route_model", e.RouteModel)
	_ = enc.AddArray("promptwall.rules", (*rules)(e))
	if err := enc.AddObject("promptwall.usage", (*usage)(e)); err != nil {
		return err
	}
	enc.AddString("promptwall.vendor", e.Vendor)
	enc.AddString("source.ip", e.SourceIP)
	enc.AddString("url.domain", e.Domain)
	enc.AddString("url.path", e.Path)
	enc.AddString("user.name", e.User)
	return nil
}

// The marshalers below are pointer conversions of the event, so handing
// them to zap allocates nothing.

type eventType Event

func (e *eventType) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	switch {
	case e.kind == KindRestart:
		enc.AppendString("info")
	case e.Phase == PhaseComplete:
		enc.AppendString("start")
		enc.AppendString("end")
	default:
		enc.AppendString(string(e.Phase))
	}
	return nil
}

type findings Event

func (e *findings) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	for i := range e.Findings {
		if err := enc.AppendObject(&e.Findings[i]); err != nil {
			return err
		}
	}
	return nil
}

// MarshalLogObject writes {count, fingerprints, type}.
func (f *Finding) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddInt("count", f.Count)
	if err := enc.AddArray("fingerprints", (*fingerprints)(f)); err != nil {
		return err
	}
	enc.AddString("type", f.Type)
	return nil
}

type fingerprints Finding

func (f *fingerprints) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	for _, s := range f.Fingerprints {
		enc.AppendString(s)
	}
	return nil
}

type rules Event

func (e *rules) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	for _, s := range e.Rules {
		enc.AppendString(s)
	}
	return nil
}

type usage Event

func (e *usage) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddInt64("input_tokens", e.InputTok)
	enc.AddInt64("output_tokens", e.OutputTok)
	return nil
}
