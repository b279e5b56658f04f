package llmapi

import (
	"encoding/json"
	"strconv"
	"strings"
)

// The extractors are schema-guided walks over the parsed body. Each API knows
// which keys are structure (no text), which hold text and which are opaque
// binary payloads; any key it does not know is scanned — its name and every
// string below it — so an unexpected shape never hides text.

// walker collects segments.
type walker struct {
	segs  []Segment
	paths strings.Builder // arena of the paths handed to fields
}

// newWalker returns a walker sized for a tree of count nodes, so that its
// arena and segments rarely grow.
func newWalker(count int) *walker {
	w := &walker{segs: make([]Segment, 0, min(count/3+4, 1024))}
	w.paths.Grow(min(count*24, 64<<10))
	return w
}

// field handles the value of one known key.
type field func(w *walker, path string, v *node)

// fields maps the known keys of an object to their handlers.
type fields map[string]field

func (w *walker) text(path, s string) {
	if s != "" {
		w.segs = append(w.segs, Segment{Path: path, Text: s})
	}
}

func (w *walker) key(path, k string) {
	if k != "" {
		w.segs = append(w.segs, Segment{Path: path, Text: k, Key: true})
	}
}

// free walks every string value and every object key below n.
func (w *walker) free(path string, n *node) {
	switch n.kind {
	case kString:
		w.text(path, n.str)
	case kArray:
		for i, v := range n.vals {
			if v.kind < kString {
				continue // no text, no path needed (arrays of numbers are common)
			}
			w.free(w.index(path, i), v)
		}
	case kObject:
		for i, k := range n.keys {
			p := w.member(path, k)
			w.key(p, k)
			w.free(p, n.vals[i])
		}
	}
}

// object walks n with the known keys fs; anything else is walked freely,
// including a value that is not an object at all.
func (w *walker) object(path string, n *node, fs fields) {
	if n.kind != kObject {
		w.free(path, n)
		return
	}
	for i, k := range n.keys {
		p := w.member(path, k)
		if f, ok := fs[k]; ok {
			f(w, p, n.vals[i])
			continue
		}
		w.key(p, k)
		w.free(p, n.vals[i])
	}
}

// freeF scans a text field (or whatever shape it has).
func freeF(w *walker, path string, v *node) { w.free(path, v) }

// inertF handles a structural field (role, id, enum, model, flags, small
// settings objects): values that are plain lower-case tokens are skipped,
// anything else — a long or mixed-case string, an e-mail, a key — is still
// scanned, so a misplaced secret in a structural field is not waved through.
// Object keys below it are scanned only when they are not plain either.
func inertF(w *walker, path string, v *node) {
	switch v.kind {
	case kString:
		if !plain(v.str) {
			w.text(path, v.str)
		}
	case kArray:
		for i, e := range v.vals {
			if e.kind < kString {
				continue
			}
			inertF(w, w.index(path, i), e)
		}
	case kObject:
		for i, k := range v.keys {
			p := w.member(path, k)
			if !plain(k) {
				w.key(p, k)
			}
			inertF(w, p, v.vals[i])
		}
	}
}

// plain reports a short lower-case token ("user", "tool_use", "image/png",
// "gpt-4o-mini", "llama3:8b"): the vocabulary of structure, which carries no
// finding any detector looks for (secrets mix case or carry digits and
// upper case; personal data carries spaces, '@' or '+').
func plain(s string) bool {
	if s == "" || len(s) > 64 {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '/' || c == ':') {
			return false
		}
	}
	return true
}

// opaqueF skips a base64 payload (image, audio, signature); a non-string is
// walked.
func opaqueF(w *walker, path string, v *node) {
	if v.kind != kString {
		w.free(path, v)
	}
}

// dataURLF skips a base64 data: URL and scans any other URL (which may carry
// credentials or personal data).
func dataURLF(w *walker, path string, v *node) {
	if v.kind == kString && isBase64DataURL(v.str) {
		return
	}
	w.free(path, v)
}

func isBase64DataURL(s string) bool {
	if len(s) < 5 || !strings.EqualFold(s[:5], "data:") {
		return false
	}
	comma := strings.IndexByte(s, ',')
	return comma > 0 && strings.HasSuffix(strings.ToLower(s[:comma]), ";base64")
}

// obj walks an object with known keys.
func obj(fs fields) field {
	return func(w *walker, path string, v *node) { w.object(path, v, fs) }
}

// lazyObj is obj for recursive schemas (a block that contains blocks).
func lazyObj(fs func() fields) field {
	return func(w *walker, path string, v *node) { w.object(path, v, fs()) }
}

// each applies f to every element of an array; a string (e.g. content given
// as plain text) or any other shape is walked freely.
func each(f field) field {
	return func(w *walker, path string, v *node) {
		if v.kind != kArray {
			w.free(path, v)
			return
		}
		for i, e := range v.vals {
			f(w, w.index(path, i), e)
		}
	}
}

// with returns fs plus the given keys as inert.
func with(fs fields, inert ...string) fields {
	out := make(fields, len(fs)+len(inert))
	for _, k := range inert {
		out[k] = inertF
	}
	for k, f := range fs {
		out[k] = f
	}
	return out
}

func member(path, k string) string { return string(appendMember([]byte(path), k)) }

// appendMember appends the step to member k to the path in dst.
func appendMember(dst []byte, k string) []byte {
	if !isIdent(k) {
		q, _ := json.Marshal(k) // cannot fail for a string
		dst = append(dst, '[')
		dst = append(dst, q...)
		return append(dst, ']')
	}
	if len(dst) > 0 {
		dst = append(dst, '.')
	}
	return append(dst, k...)
}

// index and member of the walker build paths in its arena: a walk visits
// every value, and a string per path would cost an allocation each. The
// arena only grows, so a path handed out never changes.
func (w *walker) index(path string, i int) string {
	var buf [128]byte
	b := append(buf[:0], path...)
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(i), 10)
	return w.keep(append(b, ']'))
}

func (w *walker) member(path, k string) string {
	if !isIdent(k) {
		return member(path, k) // rare: keys with spaces, dots, quotes
	}
	var buf [128]byte
	return w.keep(appendMember(append(buf[:0], path...), k))
}

// keep copies a path built on the stack into the arena (one write, where
// writing its pieces would cost a call each).
func (w *walker) keep(b []byte) string {
	start := w.paths.Len()
	w.paths.Write(b)
	return w.paths.String()[start:]
}

func isIdent(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
