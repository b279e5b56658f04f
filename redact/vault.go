package redact

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/promptwall/promptwall/llmapi"
)

// Mode says how values are replaced.
type Mode string

// The two modes of DESIGN.md's decision.redact.mode.
const (
	// Pseudonymize replaces each value with a placeholder (<EMAIL_1>) that
	// the answer's restore turns back into the value.
	Pseudonymize Mode = "pseudonymize"
	// Mask replaces each value with a marker ([REDACTED:EMAIL]); nothing is
	// kept and nothing is restored.
	Mask Mode = "mask"
)

// maxTypeLen bounds the type name inside a placeholder.
const maxTypeLen = 48

// Vault is the per-request memory of replaced values. It is not safe for
// concurrent use: one request, one goroutine at a time.
type Vault struct {
	mode    Mode
	byValue map[string]string // value → placeholder
	byPH    map[string]string // placeholder → value
	next    map[string]int    // type → last number handed out
	taken   map[string]bool   // placeholder-shaped tokens the prompt already holds
	prefix  map[string]bool   // proper prefixes of the placeholders handed out
	maxLen  int               // longest placeholder handed out
}

var (
	_ llmapi.Restorer   = (*Vault)(nil)
	_ llmapi.TextStream = (*Stream)(nil)
	_ fmt.Formatter     = Vault{}
	_ fmt.GoStringer    = Vault{}
)

// NewVault returns an empty vault; an unknown mode is treated as Mask, which
// keeps nothing and so cannot leak.
func NewVault(mode Mode) *Vault {
	if mode != Pseudonymize {
		mode = Mask
	}
	return &Vault{mode: mode, byValue: map[string]string{}, byPH: map[string]string{}, next: map[string]int{}, prefix: map[string]bool{}}
}

// Mode returns the vault's mode.
func (v *Vault) Mode() Mode { return v.mode }

// Len returns how many distinct values the vault holds.
func (v *Vault) Len() int { return len(v.byPH) }

// Drop forgets every value. The vault restores nothing afterwards.
func (v *Vault) Drop() {
	clear(v.byValue)
	clear(v.byPH)
	clear(v.prefix)
	clear(v.taken)
	v.maxLen = 0
}

// String, GoString, Format and MarshalJSON (value receivers, so a copy
// prints the same way) print a count, never a value, so
// a vault that ends up in a log line or an error leaks nothing.
func (v Vault) String() string {
	return "redact.Vault{" + string(v.mode) + ", " + strconv.Itoa(len(v.byPH)) + " values}"
}

// GoString implements fmt.GoStringer (%#v).
func (v Vault) GoString() string { return v.String() }

// Format implements fmt.Formatter for every verb.
func (v Vault) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(v.String())) }

// MarshalJSON implements json.Marshaler (zap.Any and friends).
func (v Vault) MarshalJSON() ([]byte, error) {
	return []byte(`{"mode":"` + string(v.mode) + `","values":` + strconv.Itoa(len(v.byPH)) + `}`), nil
}

// Span is one value to replace: the bytes Start:End of segment Segment's
// text, found as Type.
type Span struct {
	Segment    int
	Start, End int
	Type       string
}

// Redact turns spans into edits of the segments: overlapping spans are
// merged (the earliest, longest one names the type), and each value gets its
// placeholder (the same one for the same value everywhere) or mask.
func (v *Vault) Redact(segs []llmapi.Segment, spans []Span) []llmapi.Edit {
	if len(spans) == 0 {
		return nil
	}
	if v.mode == Pseudonymize && v.taken == nil {
		v.taken = map[string]bool{}
		for _, s := range segs {
			collectTaken(s.Text, v.taken)
		}
	}
	ss := make([]Span, 0, len(spans))
	for _, s := range spans {
		if s.Segment >= 0 && s.Segment < len(segs) && s.Start >= 0 && s.Start < s.End && s.End <= len(segs[s.Segment].Text) {
			ss = append(ss, s)
		}
	}
	sort.Slice(ss, func(i, j int) bool {
		a, b := ss[i], ss[j]
		if a.Segment != b.Segment {
			return a.Segment < b.Segment
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End > b.End
	})
	var merged []Span
	for _, s := range ss {
		if n := len(merged); n > 0 && merged[n-1].Segment == s.Segment && s.Start < merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	edits := make([]llmapi.Edit, 0, len(merged))
	for _, s := range merged {
		edits = append(edits, llmapi.Edit{Segment: s.Segment, Start: s.Start, End: s.End,
			New: v.Replace(s.Type, segs[s.Segment].Text[s.Start:s.End])})
	}
	return edits
}

// Replace returns what value, found as typ, is sent as instead.
func (v *Vault) Replace(typ, value string) string {
	t := placeholderType(typ)
	if v.mode != Pseudonymize {
		return "[REDACTED:" + t + "]"
	}
	if ph, ok := v.byValue[value]; ok {
		return ph
	}
	var ph string
	for {
		v.next[t]++
		ph = "<" + t + "_" + strconv.Itoa(v.next[t]) + ">"
		if !v.taken[ph] {
			break
		}
	}
	v.byValue[value], v.byPH[ph] = ph, value
	v.maxLen = max(v.maxLen, len(ph))
	for i := 1; i < len(ph); i++ {
		v.prefix[ph[:i]] = true
	}
	return ph
}

// placeholderType spells a finding type for a placeholder: upper case
// letters, digits and '_' only, so a placeholder never holds '<' or '>'
// inside and never needs escaping in JSON.
func placeholderType(typ string) string {
	var b strings.Builder
	for i := 0; i < len(typ) && b.Len() < maxTypeLen; i++ {
		c := typ[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_':
			b.WriteByte(c)
		case c >= 'a' && c <= 'z':
			b.WriteByte(c - 'a' + 'A')
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "VALUE"
	}
	return b.String()
}

// collectTaken records the placeholder-shaped tokens (<WORD_1>) in s, so
// that a placeholder handed out is never one the user wrote: restoring it
// would otherwise turn the user's own text into a value.
func collectTaken(s string, taken map[string]bool) {
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return
		}
		s = s[i:]
		j := strings.IndexByte(s[1:], '>')
		if j < 0 {
			return
		}
		if tok := s[:j+2]; j <= maxTypeLen+24 && placeholderShaped(tok) {
			taken[tok] = true
		}
		s = s[1:]
	}
}

func placeholderShaped(tok string) bool {
	if len(tok) < 3 {
		return false
	}
	for i := 1; i < len(tok)-1; i++ {
		c := tok[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// MayContain reports whether the raw bytes of a JSON document or text may
// hold a placeholder ('<' as is or JSON-escaped). It is the fast path: an
// answer event without one passes untouched.
func (v *Vault) MayContain(raw []byte) bool {
	if len(v.byPH) == 0 {
		return false
	}
	if bytes.IndexByte(raw, '<') >= 0 {
		return true
	}
	i := bytes.Index(raw, []byte(`\u003`))
	for i >= 0 {
		if i+5 < len(raw) && (raw[i+5] == 'c' || raw[i+5] == 'C') {
			return true
		}
		j := bytes.Index(raw[i+1:], []byte(`\u003`))
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// Restore returns s with every placeholder of the vault replaced by its
// value. jsonText says s is JSON text (a tool call's arguments): the value
// then lands inside a JSON string there and is escaped for it.
func (v *Vault) Restore(s string, jsonText bool) string {
	if len(v.byPH) == 0 || strings.IndexByte(s, '<') < 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
		k := strings.IndexByte(s[i+1:min(len(s), i+v.maxLen)], '>')
		if k < 0 {
			i++
			continue
		}
		val, ok := v.byPH[s[i:i+k+2]]
		if !ok {
			i++
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s) + len(val))
		}
		b.WriteString(s[last:i])
		if jsonText {
			b.Write(llmapi.EscapeJSON(nil, val))
		} else {
			b.WriteString(val)
		}
		i += k + 2
		last = i
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// Stream returns a restorer for one text that arrives in pieces.
func (v *Vault) Stream(jsonText bool) llmapi.TextStream { return &Stream{v: v, jsonText: jsonText} }

// Stream restores one text that arrives in pieces (the deltas of one
// choice, content block or tool call).
type Stream struct {
	v        *Vault
	jsonText bool
	held     string
}

// Write takes the next piece and returns what can be sent now: everything
// restored, except a trailing proper prefix of a placeholder, which is held
// until the next piece (or Flush) says how it ends.
func (s *Stream) Write(piece string) string {
	buf := piece
	if s.held != "" {
		buf = s.held + piece
		s.held = ""
	}
	if s.v.maxLen == 0 {
		return buf
	}
	cut := len(buf)
	for i := max(0, len(buf)-s.v.maxLen+1); i < len(buf); i++ {
		if buf[i] == '<' && s.v.prefix[buf[i:]] {
			cut = i
			break
		}
	}
	s.held = buf[cut:]
	return s.v.Restore(buf[:cut], s.jsonText)
}

// Flush returns the held bytes (they began no placeholder after all: the
// text ended) and resets the stream.
func (s *Stream) Flush() string {
	h := s.held
	s.held = ""
	return h
}

// Holding reports whether bytes are held back.
func (s *Stream) Holding() bool { return s.held != "" }
