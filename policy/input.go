package policy

import (
	"cmp"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
)

// severityRank orders severities so that aggregation keeps the worst.
var severityRank = map[string]int{"low": 1, "medium": 2, "high": 3, "critical": 4}

// aggregate merges findings of the same type (counts summed, paths merged
// and sorted, the worst severity kept) and sorts them by type. The policy
// then sees one entry per type, and equal prompts share a cache key
// whatever order the detectors reported in. The caller's slice is not
// modified.
func aggregate(fs []Finding) []Finding {
	if sortedUnique(fs) {
		return fs
	}
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b Finding) int { return cmp.Compare(a.Type, b.Type) })
	w := 0
	merged := false
	for i := range out {
		if w == 0 || out[w-1].Type != out[i].Type {
			out[w] = out[i]
			w++
			continue
		}
		g, f := &out[w-1], &out[i]
		g.Count += f.Count
		g.Paths = slices.Concat(g.Paths, f.Paths) // a new slice: never the caller's
		if severityRank[f.Severity] > severityRank[g.Severity] {
			g.Severity = f.Severity
		}
		if g.Category == "" {
			g.Category = f.Category
		}
		merged = true
	}
	out = out[:w]
	if merged {
		for i := range out {
			if !slices.IsSorted(out[i].Paths) {
				out[i].Paths = slices.Clone(out[i].Paths)
				slices.Sort(out[i].Paths)
			}
			out[i].Paths = slices.Compact(out[i].Paths)
		}
	}
	return out
}

func sortedUnique(fs []Finding) bool {
	for i := 1; i < len(fs); i++ {
		if fs[i-1].Type >= fs[i].Type {
			return false
		}
	}
	return true
}

// The input is built as an AST value directly: it skips the JSON round trip
// that ast.InterfaceToValue does for structs. Nil slices become empty
// arrays, never null, so rules can iterate them without guards.

func str(s string) *ast.Term { return ast.StringTerm(s) }

func strs(ss []string) *ast.Term {
	ts := make([]*ast.Term, len(ss))
	for i, s := range ss {
		ts[i] = str(s)
	}
	return ast.ArrayTerm(ts...)
}

func requestTerm(r *Request) *ast.Term {
	return ast.ObjectTerm(
		ast.Item(str("id"), str(r.ID)),
		ast.Item(str("time"), str(r.Time)),
		ast.Item(str("client"), ast.ObjectTerm(
			ast.Item(str("ip"), str(r.Client.IP)),
			ast.Item(str("user"), str(r.Client.User)),
			ast.Item(str("groups"), strs(r.Client.Groups)),
		)),
		ast.Item(str("vendor"), str(r.Vendor)),
		ast.Item(str("host"), str(r.Host)),
		ast.Item(str("method"), str(r.Method)),
		ast.Item(str("path"), str(r.Path)),
		ast.Item(str("api"), str(r.API)),
		ast.Item(str("model"), str(r.Model)),
		ast.Item(str("stream"), ast.BooleanTerm(r.Stream)),
		ast.Item(str("bytes"), ast.IntNumberTerm(int(r.Bytes))),
		ast.Item(str("media"), strs(r.Media)),
		ast.Item(str("upgrade"), str(r.Upgrade)),
	)
}

func inputValue(in *Input) ast.Value {
	fs := make([]*ast.Term, len(in.Findings))
	for i := range in.Findings {
		f := &in.Findings[i]
		fs[i] = ast.ObjectTerm(
			ast.Item(str("type"), str(f.Type)),
			ast.Item(str("category"), str(f.Category)),
			ast.Item(str("severity"), str(f.Severity)),
			ast.Item(str("count"), ast.IntNumberTerm(f.Count)),
			ast.Item(str("paths"), strs(f.Paths)),
		)
	}
	items := [][2]*ast.Term{
		ast.Item(str("request"), requestTerm(&in.Request)),
		ast.Item(str("findings"), ast.ArrayTerm(fs...)),
	}
	if in.Internal != nil {
		items = append(items, ast.Item(str("internal"), ast.ObjectTerm(
			ast.Item(str("available"), ast.BooleanTerm(in.Internal.Available)),
		)))
	}
	return ast.NewObject(items...)
}

func connectValue(r *Request) ast.Value {
	return ast.NewObject(ast.Item(str("request"), requestTerm(r)))
}
