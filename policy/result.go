package policy

import (
	"errors"
	"fmt"

	"github.com/open-policy-agent/opa/v1/rego"
)

// errUndefined: the policy produced no decision; the proxy fails closed.
var errUndefined = errors.New("undefined")

func single(rs rego.ResultSet) (map[string]any, error) {
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, errUndefined
	}
	m, ok := rs[0].Expressions[0].Value.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not an object but %T", rs[0].Expressions[0].Value)
	}
	return m, nil
}

// parseDecision validates data.promptwall.decision. Anything the proxy could
// not enforce unambiguously is an error, never a guess.
func parseDecision(m map[string]any) (Decision, error) {
	var d Decision
	var err error
	if d.Action, err = stringField(m, "action", true); err != nil {
		return d, err
	}
	switch d.Action {
	case ActionAllow, ActionBlock, ActionRedact, ActionReroute:
	default:
		return d, fmt.Errorf("unknown action %q", d.Action)
	}
	if d.Reasons, err = parseReasons(m["reasons"]); err != nil {
		return d, err
	}
	if v, ok := m["monitor"]; ok && v != nil {
		b, ok := v.(bool)
		if !ok {
			return d, fmt.Errorf("monitor: want a boolean, got %T", v)
		}
		d.Monitor = b
	}
	// redact and route only mean something with their action; ignore them
	// otherwise so the proxy never acts on a stale detail.
	switch d.Action {
	case ActionRedact:
		r, ok := m["redact"].(map[string]any)
		if !ok {
			return d, errors.New("action redact without a redact object")
		}
		d.Redact = &Redact{}
		if d.Redact.Types, err = stringList(r["types"], "redact.types"); err != nil {
			return d, err
		}
		if len(d.Redact.Types) == 0 {
			return d, errors.New("redact.types is empty")
		}
		if d.Redact.Mode, err = stringField(r, "mode", false); err != nil {
			return d, fmt.Errorf("redact.%w", err)
		}
		switch d.Redact.Mode {
		case "":
			d.Redact.Mode = ModePseudonymize
		case ModePseudonymize, ModeMask:
		default:
			return d, fmt.Errorf("unknown redact.mode %q", d.Redact.Mode)
		}
	case ActionReroute:
		r, ok := m["route"].(map[string]any)
		if !ok {
			return d, errors.New("action reroute without a route object")
		}
		d.Route = &Route{}
		if d.Route.Target, err = stringField(r, "target", false); err != nil {
			return d, fmt.Errorf("route.%w", err)
		}
		if d.Route.Target == "" {
			d.Route.Target = TargetInternal
		}
		if d.Route.Target != TargetInternal {
			return d, fmt.Errorf("unknown route.target %q", d.Route.Target)
		}
		if d.Route.Model, err = stringField(r, "model", false); err != nil {
			return d, fmt.Errorf("route.%w", err)
		}
	}
	return d, nil
}

func parseConnect(m map[string]any) (ConnectDecision, error) {
	var d ConnectDecision
	var err error
	if d.Action, err = stringField(m, "action", true); err != nil {
		return d, err
	}
	switch d.Action {
	case ConnectMITM, ConnectTunnel, ConnectBlock:
	default:
		return d, fmt.Errorf("unknown action %q", d.Action)
	}
	d.Reasons, err = parseReasons(m["reasons"])
	return d, err
}

func parseReasons(v any) ([]Reason, error) {
	if v == nil {
		return []Reason{}, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("reasons: want an array, got %T", v)
	}
	out := make([]Reason, 0, len(list))
	for i, x := range list {
		r, ok := x.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("reasons[%d]: want an object, got %T", i, x)
		}
		rule, err := stringField(r, "rule", true)
		if err != nil {
			return nil, fmt.Errorf("reasons[%d].%w", i, err)
		}
		msg, err := stringField(r, "message", false)
		if err != nil {
			return nil, fmt.Errorf("reasons[%d].%w", i, err)
		}
		out = append(out, Reason{Rule: rule, Message: msg})
	}
	return out, nil
}

func stringField(m map[string]any, key string, required bool) (string, error) {
	v, ok := m[key]
	if !ok || v == nil {
		if required {
			return "", fmt.Errorf("%s: missing", key)
		}
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%s: want a string, got %T", key, v)
	}
	if required && s == "" {
		return "", fmt.Errorf("%s: empty", key)
	}
	return s, nil
}

func stringList(v any, name string) ([]string, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s: want an array, got %T", name, v)
	}
	out := make([]string, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("%s[%d]: want a string, got %T", name, i, x)
		}
		out[i] = s
	}
	return out, nil
}
