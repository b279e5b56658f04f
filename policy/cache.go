package policy

import (
	"strconv"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/open-policy-agent/opa/v1/ast"
)

// maxKeyLen bounds what one cache entry may hold; larger inputs (thousands
// of finding paths) are simply evaluated.
const maxKeyLen = 8 << 10

// keyPolicy says whether decisions of a compiled policy may be cached and
// which volatile request fields the key must keep.
//
// The cache is keyed on the whole input except request.id, request.time and
// request.bytes, which change on every request. That is only correct if the
// policy cannot see them, so analyse inspects the compiled policy: any read
// of id or time, of input or input.request as a whole, of a dynamic key, or a
// call to a non-deterministic builtin (time.now_ns, http.send, rand.intn…)
// turns the cache off. A read of bytes keeps bytes in the key instead.
type keyPolicy struct {
	cacheable bool
	keepBytes bool
}

func analyse(c *ast.Compiler) keyPolicy {
	readAll, readBytes, nondet := false, false, false
	for _, m := range c.Modules {
		ast.WalkRefs(m, func(r ast.Ref) bool {
			all, bytes := inputReads(r)
			readAll = readAll || all
			readBytes = readBytes || bytes
			return false
		})
		ast.WalkExprs(m, func(e *ast.Expr) bool {
			if e.IsCall() && nondeterministic(e.Operator()) {
				nondet = true
			}
			return false
		})
		ast.WalkTerms(m, func(t *ast.Term) bool {
			if call, ok := t.Value.(ast.Call); ok && len(call) > 0 {
				if r, ok := call[0].Value.(ast.Ref); ok && nondeterministic(r) {
					nondet = true
				}
			}
			return false
		})
	}
	return keyPolicy{cacheable: !readAll && !nondet, keepBytes: readBytes}
}

// inputReads reports whether ref may read request.id or request.time (all)
// or request.bytes.
func inputReads(r ast.Ref) (all, bytes bool) {
	if len(r) == 0 || !r[0].Equal(ast.InputRootDocument) {
		return false, false
	}
	if len(r) == 1 {
		return true, false
	}
	top, ok := r[1].Value.(ast.String)
	if !ok {
		return true, false
	}
	if top != "request" {
		return false, false
	}
	if len(r) == 2 {
		return true, false
	}
	field, ok := r[2].Value.(ast.String)
	if !ok {
		return true, false
	}
	switch field {
	case "id", "time":
		return true, false
	case "bytes":
		return false, true
	}
	return false, false
}

func nondeterministic(op ast.Ref) bool {
	b, ok := ast.BuiltinMap[op.String()]
	return ok && b.Nondeterministic
}

// decisionCache holds validated results of one compiled policy; it dies with
// it on reload, so a key never outlives the policy and data that produced it.
type decisionCache struct {
	decisions *lru.Cache[string, Decision]
	connects  *lru.Cache[string, ConnectDecision]
}

func newDecisionCache(size int) *decisionCache {
	d, _ := lru.New[string, Decision](size) // errors only for size <= 0
	c, _ := lru.New[string, ConnectDecision](size)
	return &decisionCache{decisions: d, connects: c}
}

// appendStr writes s length-prefixed: unambiguous, and cheaper than quoting.
func appendStr(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	return append(b, s...)
}

// appendRequestKey writes every field of r the policy may read. The
// encoding is unambiguous (length-prefixed strings, fixed order), so two
// inputs share a key only if the policy sees the same document.
func appendRequestKey(b []byte, r *Request, kp keyPolicy) []byte {
	b = appendStr(b, r.Client.IP)
	b = appendStr(b, r.Client.User)
	b = strconv.AppendInt(b, int64(len(r.Client.Groups)), 10)
	for _, g := range r.Client.Groups {
		b = appendStr(b, g)
	}
	for _, s := range [...]string{r.Vendor, r.Host, r.Method, r.Path, r.API, r.Model} {
		b = appendStr(b, s)
	}
	b = strconv.AppendBool(b, r.Stream)
	b = strconv.AppendInt(b, int64(len(r.Media)), 10)
	for _, m := range r.Media {
		b = appendStr(b, m)
	}
	b = appendStr(b, r.Upgrade)
	if kp.keepBytes {
		b = strconv.AppendInt(b, r.Bytes, 10)
	}
	return b
}

func appendInputKey(b []byte, in *Input, kp keyPolicy) []byte {
	b = appendRequestKey(b, &in.Request, kp)
	switch {
	case in.Internal == nil:
		b = append(b, 'n')
	case in.Internal.Available:
		b = append(b, 't')
	default:
		b = append(b, 'f')
	}
	b = strconv.AppendInt(b, int64(len(in.Findings)), 10)
	for i := range in.Findings {
		f := &in.Findings[i]
		b = appendStr(b, f.Type)
		b = appendStr(b, f.Category)
		b = appendStr(b, f.Severity)
		b = strconv.AppendInt(b, int64(f.Count), 10)
		b = strconv.AppendInt(b, int64(len(f.Paths)), 10)
		for _, p := range f.Paths {
			b = appendStr(b, p)
		}
	}
	return b
}

// Cached values are shared between callers: hand out copies.
func (d Decision) clone() Decision {
	d.Reasons = append(make([]Reason, 0, len(d.Reasons)), d.Reasons...)
	if d.Redact != nil {
		r := *d.Redact
		r.Types = append([]string(nil), r.Types...)
		d.Redact = &r
	}
	if d.Route != nil {
		r := *d.Route
		d.Route = &r
	}
	return d
}

func (d ConnectDecision) clone() ConnectDecision {
	d.Reasons = append(make([]Reason, 0, len(d.Reasons)), d.Reasons...)
	return d
}
