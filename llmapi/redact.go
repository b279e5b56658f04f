package llmapi

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Edit replaces the bytes Start:End of the text of segment Segment with New.
type Edit struct {
	Segment    int
	Start, End int
	New        string
}

// ErrRewrite reports a redaction that could not be applied as planned (an
// edit that names no segment, overlaps another, or a segment the body no
// longer holds). The proxy refuses the request rather than send it out
// half-redacted. The error never carries text from the body.
var ErrRewrite = errors.New("llmapi: rewrite")

// Rewrite applies edits to a request body that Extract(api, …) split into
// segs. In a JSON body only the string tokens that carry an edited segment
// (object keys included) are re-encoded; every other byte is kept. A Raw
// body (not JSON) is edited in place. The result is a fresh slice when
// anything changed.
func Rewrite(api API, body []byte, segs []Segment, edits []Edit) ([]byte, error) {
	if len(edits) == 0 {
		return body, nil
	}
	bySeg := map[int][]Edit{}
	for _, e := range edits {
		if e.Segment < 0 || e.Segment >= len(segs) || e.Start < 0 || e.Start > e.End || e.End > len(segs[e.Segment].Text) {
			return nil, fmt.Errorf("%w: edit out of range", ErrRewrite)
		}
		bySeg[e.Segment] = append(bySeg[e.Segment], e)
	}
	for i, es := range bySeg {
		sort.Slice(es, func(a, b int) bool { return es[a].Start < es[b].Start })
		for j := 1; j < len(es); j++ {
			if es[j].Start < es[j-1].End {
				return nil, fmt.Errorf("%w: overlapping edits", ErrRewrite)
			}
		}
		bySeg[i] = es
	}
	if api == Raw {
		if len(segs) != 1 || segs[0].Text != string(body) {
			return nil, fmt.Errorf("%w: raw body does not match its segment", ErrRewrite)
		}
		return []byte(apply(segs[0].Text, bySeg[0])), nil
	}
	type target struct {
		path string
		key  bool
	}
	targets := make(map[target]int, len(bySeg))
	for i := range bySeg {
		targets[target{segs[i].Path, segs[i].Key}] = i
	}
	done := 0
	var mismatch bool
	out, err := rewriteStrings(body, func(path []pathElem, key bool, raw []byte) ([]byte, bool) {
		i, ok := targets[target{formatPath(path), key}]
		if !ok {
			return nil, false
		}
		s, ok := decodeString(raw)
		if !ok || s != segs[i].Text {
			mismatch = true
			return nil, false
		}
		delete(targets, target{segs[i].Path, segs[i].Key})
		done++
		return appendQuoted(nil, apply(s, bySeg[i])), true
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRewrite, err)
	}
	if mismatch || done != len(bySeg) {
		return nil, fmt.Errorf("%w: %d of %d edited segments not found in the body", ErrRewrite, len(bySeg)-done, len(bySeg))
	}
	return out, nil
}

// apply makes sorted, non-overlapping edits to s.
func apply(s string, es []Edit) string {
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, e := range es {
		b.WriteString(s[last:e.Start])
		b.WriteString(e.New)
		last = e.End
	}
	b.WriteString(s[last:])
	return b.String()
}
