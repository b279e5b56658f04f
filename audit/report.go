package audit

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Report sums up a trail for an auditor: what was decided for which vendor,
// what was found, who was refused most, and how many tokens stayed in-house.
type Report struct {
	From          time.Time     `json:"from,omitzero"` // first and last event counted
	To            time.Time     `json:"to,omitzero"`
	Requests      int           `json:"requests"`
	Restarts      int           `json:"chain_restarts"`
	SkippedLines  int           `json:"skipped_lines"` // lines that are not audit events
	ByAction      []Count       `json:"by_action"`
	ByVendor      []VendorCount `json:"by_vendor"`
	FindingTypes  []TypeCount   `json:"finding_types"` // most found first
	RefusedUsers  []Count       `json:"refused_users"` // most refused first
	TokensKept    Tokens        `json:"tokens_in_house"`
	TokensSentOut Tokens        `json:"tokens_sent_out"`
	// EndReasons counts how forwarded answers ended (promptwall.end_reason
	// of the completion lines joined to a counted request).
	EndReasons []Count `json:"end_reasons"`
	// Unfinished are requests whose decision line has no completion line in
	// the files: the answer was still running, or the proxy stopped.
	Unfinished int `json:"unfinished"`
	// UnmatchedEnds are completion lines whose decision line is not in the
	// files given (an older file left out): their tokens count when they
	// ended in the window, the request does not.
	UnmatchedEnds int `json:"unmatched_completions"`
}

// Count is a name and how often it came up.
type Count struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// VendorCount is the requests to one vendor by action.
type VendorCount struct {
	Vendor   string         `json:"vendor"`
	Total    int            `json:"total"`
	ByAction map[string]int `json:"by_action"`
}

// TypeCount is a finding type: values found and requests they were found in.
type TypeCount struct {
	Type     string `json:"type"`
	Findings int    `json:"findings"`
	Requests int    `json:"requests"`
}

// Tokens is token usage: requests that reported some, and their sums.
type Tokens struct {
	Requests int   `json:"requests"`
	Input    int64 `json:"input_tokens"`
	Output   int64 `json:"output_tokens"`
}

// Total is input and output tokens together.
func (t Tokens) Total() int64 { return t.Input + t.Output }

// reportLine is what a report reads of an event.
type reportLine struct {
	Time      time.Time `json:"@timestamp"`
	Kind      string    `json:"event.kind"`
	ID        string    `json:"event.id"`
	Type      []string  `json:"event.type"` // absent on lines written before the two-line records: complete
	EndReason string    `json:"promptwall.end_reason"`
	Action    string    `json:"event.action"`
	User      string    `json:"user.name"`
	Vendor    string    `json:"promptwall.vendor"`
	Domain    string    `json:"url.domain"`
	Route     string    `json:"promptwall.route"`
	Monitor   bool      `json:"promptwall.monitor"`
	Findings  []struct {
		Type  string `json:"type"`
		Count int    `json:"count"`
	} `json:"promptwall.findings"`
	Usage struct {
		Input  int64 `json:"input_tokens"`
		Output int64 `json:"output_tokens"`
	} `json:"promptwall.usage"`
}

// Summarize reads the events of files (in any order; run Verify for their
// integrity) at or after since (zero: all) and sums them up. top bounds the
// finding types and users listed (0: all).
func Summarize(files []string, since time.Time, top int) (*Report, error) {
	// Write order (as verify finds it), so that a completion line comes
	// after its decision line and only requests in flight wait to be joined.
	ordered, _, _, err := order(files)
	if err != nil {
		return nil, err
	}
	sm := &summary{rep: &Report{EndReasons: []Count{}}, since: since, actions: map[string]int{}, vendors: map[string]*VendorCount{},
		types: map[string]*TypeCount{}, refused: map[string]int{}, ends: map[string]int{}, open: map[string]openRequest{}}
	for _, f := range ordered {
		if err := sm.file(f); err != nil {
			return nil, err
		}
	}
	rep := sm.rep
	actions, vendors, types, refused := sm.actions, sm.vendors, sm.types, sm.refused
	for _, o := range sm.open {
		if o.counted {
			rep.Unfinished++
		}
	}
	for r, n := range sm.ends {
		rep.EndReasons = append(rep.EndReasons, Count{r, n})
	}
	slices.SortFunc(rep.EndReasons, func(a, b Count) int { return cmp.Or(b.Count-a.Count, strings.Compare(a.Name, b.Name)) })
	for a, n := range actions {
		rep.ByAction = append(rep.ByAction, Count{a, n})
	}
	slices.SortFunc(rep.ByAction, func(a, b Count) int {
		return cmp.Or(actionRank(a.Name)-actionRank(b.Name), strings.Compare(a.Name, b.Name))
	})
	for _, v := range vendors {
		rep.ByVendor = append(rep.ByVendor, *v)
	}
	slices.SortFunc(rep.ByVendor, func(a, b VendorCount) int { return cmp.Or(b.Total-a.Total, strings.Compare(a.Vendor, b.Vendor)) })
	for _, tc := range types {
		rep.FindingTypes = append(rep.FindingTypes, *tc)
	}
	slices.SortFunc(rep.FindingTypes, func(a, b TypeCount) int {
		return cmp.Or(b.Findings-a.Findings, b.Requests-a.Requests, strings.Compare(a.Type, b.Type))
	})
	for u, n := range refused {
		rep.RefusedUsers = append(rep.RefusedUsers, Count{u, n})
	}
	slices.SortFunc(rep.RefusedUsers, func(a, b Count) int { return cmp.Or(b.Count-a.Count, strings.Compare(a.Name, b.Name)) })
	if top > 0 {
		rep.FindingTypes = rep.FindingTypes[:min(top, len(rep.FindingTypes))]
		rep.RefusedUsers = rep.RefusedUsers[:min(top, len(rep.RefusedUsers))]
	}
	return rep, nil
}

// actionRank orders the actions from most to least permissive.
func actionRank(a string) int {
	switch a {
	case "allow":
		return 0
	case "redact":
		return 1
	case "reroute":
		return 2
	case "block":
		return 3
	}
	return 4
}

// summary is a report being summed up.
type summary struct {
	rep     *Report
	since   time.Time
	actions map[string]int
	vendors map[string]*VendorCount
	types   map[string]*TypeCount
	refused map[string]int
	ends    map[string]int
	open    map[string]openRequest // decision lines waiting for their completion, by event.id
}

// openRequest is a decision line waiting for its completion line.
type openRequest struct {
	counted bool   // in the window: its completion's tokens count
	route   string // the decision's route, should the completion have none
}

func (sm *summary) file(path string) error {
	return eachLine(path, func(lr *lineReader, line []byte) {
		var ev reportLine
		if lr.tooLong || json.Unmarshal(line, &ev) != nil || ev.Time.IsZero() {
			sm.rep.SkippedLines++
			return
		}
		sm.line(&ev)
	})
}

// line counts one event. A request is counted once, at its decision line
// (event.type "start"); its tokens come from its completion line ("end"),
// joined by event.id. A line that is both (or, written before the two-line
// records, neither) is a whole request.
func (sm *summary) line(ev *reportLine) {
	rep := sm.rep
	inWindow := !ev.Time.Before(sm.since)
	if ev.Kind == KindRestart {
		if inWindow {
			rep.Restarts++
		}
		return
	}
	start, end := len(ev.Type) == 0, len(ev.Type) == 0
	for _, t := range ev.Type {
		start = start || t == string(PhaseStart)
		end = end || t == string(PhaseEnd)
	}
	if !start {
		if !end {
			return
		}
		o, ok := sm.open[ev.ID]
		if ok {
			delete(sm.open, ev.ID)
		} else {
			rep.UnmatchedEnds++
			o.counted = inWindow
		}
		if o.counted {
			if ok {
				sm.ends[cmp.Or(ev.EndReason, "(none)")]++
			}
			sm.tokens(cmp.Or(ev.Route, o.route), ev)
		}
		return
	}
	if !end {
		sm.open[ev.ID] = openRequest{counted: inWindow, route: ev.Route}
	}
	if !inWindow {
		return
	}
	if rep.From.IsZero() || ev.Time.Before(rep.From) {
		rep.From = ev.Time
	}
	if ev.Time.After(rep.To) {
		rep.To = ev.Time
	}
	rep.Requests++
	action := cmp.Or(ev.Action, "(none)")
	if ev.Monitor {
		// Decided in monitor mode: audited as decided, but forwarded.
		action += " (monitor)"
	}
	sm.actions[action]++
	vendor := cmp.Or(ev.Vendor, ev.Domain, "(none)")
	v := sm.vendors[vendor]
	if v == nil {
		v = &VendorCount{Vendor: vendor, ByAction: map[string]int{}}
		sm.vendors[vendor] = v
	}
	v.Total++
	v.ByAction[action]++
	for _, f := range ev.Findings {
		tc := sm.types[f.Type]
		if tc == nil {
			tc = &TypeCount{Type: f.Type}
			sm.types[f.Type] = tc
		}
		tc.Findings += f.Count
		tc.Requests++
	}
	if ev.Action == "block" && !ev.Monitor {
		sm.refused[cmp.Or(ev.User, "(anonymous)")]++
	}
	if end {
		sm.tokens(ev.Route, ev)
	}
}

// tokens adds the usage an answer reported: kept in-house when the internal
// model gave it.
func (sm *summary) tokens(route string, ev *reportLine) {
	if ev.Usage.Input == 0 && ev.Usage.Output == 0 {
		return
	}
	tok := &sm.rep.TokensSentOut
	if route == "internal" {
		tok = &sm.rep.TokensKept
	}
	tok.Requests++
	tok.Input += ev.Usage.Input
	tok.Output += ev.Usage.Output
}

// WriteTable prints the report for a terminal.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	p := func(format string, a ...any) { fmt.Fprintf(tw, format, a...) }
	if r.Requests == 0 {
		p("no requests\n")
	} else {
		p("%d requests from %s to %s\n", r.Requests, r.From.UTC().Format(time.RFC3339), r.To.UTC().Format(time.RFC3339))
	}
	if r.Restarts > 0 || r.SkippedLines > 0 {
		p("chain restarts: %d, lines that are not events: %d (run audit verify)\n", r.Restarts, r.SkippedLines)
	}
	if r.Unfinished > 0 || r.UnmatchedEnds > 0 {
		p("requests without a completion line: %d, completion lines without their request: %d\n", r.Unfinished, r.UnmatchedEnds)
	}
	var acts []string
	for _, a := range r.ByAction {
		acts = append(acts, a.Name)
	}
	p("\nREQUESTS BY VENDOR AND ACTION\nvendor\t%s\ttotal\n", strings.Join(acts, "\t"))
	for _, v := range r.ByVendor {
		p("%s\t", v.Vendor)
		for _, a := range acts {
			p("%d\t", v.ByAction[a])
		}
		p("%d\n", v.Total)
	}
	p("all\t")
	for _, a := range r.ByAction {
		p("%d\t", a.Count)
	}
	p("%d\n", r.Requests)
	p("\nTOP FINDING TYPES\ntype\tfindings\trequests\n")
	for _, t := range r.FindingTypes {
		p("%s\t%d\t%d\n", t.Type, t.Findings, t.Requests)
	}
	p("\nUSERS WITH MOST REFUSALS\nuser\trefusals\n")
	for _, u := range r.RefusedUsers {
		p("%s\t%d\n", u.Name, u.Count)
	}
	p("\nTOKENS\t\trequests\tinput\toutput\ttotal\n")
	p("kept in-house\t\t%d\t%d\t%d\t%d\n", r.TokensKept.Requests, r.TokensKept.Input, r.TokensKept.Output, r.TokensKept.Total())
	p("sent out\t\t%d\t%d\t%d\t%d\n", r.TokensSentOut.Requests, r.TokensSentOut.Input, r.TokensSentOut.Output, r.TokensSentOut.Total())
	if len(r.EndReasons) > 0 {
		p("\nFORWARDED ANSWERS BY END\nend\tanswers\n")
		for _, e := range r.EndReasons {
			p("%s\t%d\n", e.Name, e.Count)
		}
	}
	return tw.Flush()
}
