package audit

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// appendEvent appends e's audit line, without "hash" and its newline, to b:
// the line is written in the canonical form of doc.go (keys in bytewise
// order at every depth, no whitespace, strings escaped as canonical), so
// the writer hashes it as it is, and a verifier computing the canonical
// form from the line finds the same bytes. prevAt is the offset of the
// prev_hash value, written as Genesis for the writer to patch under its
// lock.
//
// Written by hand rather than by zap's JSON encoder, whose key and string
// escaping were a third of a line's cost; the content is the one
// Event.MarshalLogObject gives zap, which TestLineMatchesZap holds.
func appendEvent(b []byte, e *Event) (out []byte, prevAt int) {
	kind := e.kind
	if kind == "" {
		kind = KindEvent
	}
	b = append(b, `{"@timestamp":"`...)
	b = e.Time.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, '"')
	if e.Phase == PhaseEnd {
		b = appendInt(b, `,"event.duration":`, e.Duration.Nanoseconds())
		b = appendStr(b, `,"event.id":`, e.ID)
		b = appendStr(b, `,"event.kind":`, kind)
		b = appendStr(b, `,"event.reason":`, e.Reason)
		b = appendType(b, e)
		b = appendInt(b, `,"http.response.body.bytes":`, e.ResponseBytes)
		b = appendInt(b, `,"http.response.status_code":`, int64(e.Status))
		b, prevAt = appendPrev(b)
		b = appendStr(b, `,"promptwall.end_reason":`, e.EndReason)
		b = appendStr(b, `,"promptwall.route":`, e.Route)
		b = appendStrs(b, `,"promptwall.rules":`, e.Rules)
		b = appendUsage(b, e)
		return append(b, '}'), prevAt
	}
	b = appendStr(b, `,"event.action":`, e.Action)
	b = appendInt(b, `,"event.duration":`, e.Duration.Nanoseconds())
	b = appendStr(b, `,"event.id":`, e.ID)
	b = appendStr(b, `,"event.kind":`, kind)
	b = appendStr(b, `,"event.reason":`, e.Reason)
	b = appendType(b, e)
	b = appendInt(b, `,"http.request.body.bytes":`, e.RequestBytes)
	b = appendInt(b, `,"http.response.body.bytes":`, e.ResponseBytes)
	b = appendInt(b, `,"http.response.status_code":`, int64(e.Status))
	b, prevAt = appendPrev(b)
	b = appendStr(b, `,"promptwall.api":`, e.API)
	b = appendStr(b, `,"promptwall.connection":`, e.Connection)
	b = appendStr(b, `,"promptwall.end_reason":`, e.EndReason)
	b = append(b, `,"promptwall.findings":[`...)
	for i := range e.Findings {
		f := &e.Findings[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = appendInt(b, `{"count":`, int64(f.Count))
		b = appendStrs(b, `,"fingerprints":`, f.Fingerprints)
		b = appendStr(b, `,"type":`, f.Type)
		b = append(b, '}')
	}
	b = append(b, ']')
	b = appendStr(b, `,"promptwall.model":`, e.Model)
	b = append(b, `,"promptwall.monitor":`...)
	b = strconv.AppendBool(b, e.Monitor)
	b = appendStr(b, `,"promptwall.policy_revision":`, e.Revision)
	b = appendStr(b, `,"promptwall.route":`, e.Route)
	b = appendStr(b, `,"promptwall.route_model":`, e.RouteModel)
	b = appendStrs(b, `,"promptwall.rules":`, e.Rules)
	b = appendUsage(b, e)
	b = appendStr(b, `,"promptwall.vendor":`, e.Vendor)
	b = appendStr(b, `,"source.ip":`, e.SourceIP)
	b = appendStr(b, `,"url.domain":`, e.Domain)
	b = appendStr(b, `,"url.path":`, e.Path)
	b = appendStr(b, `,"user.name":`, e.User)
	return append(b, '}'), prevAt
}

func appendPrev(b []byte) ([]byte, int) {
	b = append(b, `,"prev_hash":"`...)
	at := len(b)
	b = append(b, Genesis...)
	return append(b, '"'), at
}

func appendInt(b []byte, key string, n int64) []byte {
	return strconv.AppendInt(append(b, key...), n, 10)
}

func appendStr(b []byte, key, s string) []byte {
	return appendJSONString(append(b, key...), s)
}

func appendStrs(b []byte, key string, ss []string) []byte {
	b = append(b, key...)
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

func appendType(b []byte, e *Event) []byte {
	switch {
	case e.kind == KindRestart:
		return append(b, `,"event.type":["info"]`...)
	case e.Phase == PhaseComplete:
		return append(b, `,"event.type":["start","end"]`...)
	}
	return append(append(append(b, `,"event.type":["`...), e.Phase...), `"]`...)
}

func appendUsage(b []byte, e *Event) []byte {
	b = appendInt(b, `,"promptwall.usage":{"input_tokens":`, e.InputTok)
	b = appendInt(b, `,"output_tokens":`, e.OutputTok)
	return append(b, '}')
}

// safeASCII marks the bytes a canonical string carries as they are.
var safeASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendJSONString appends s as a canonical JSON string (doc.go): '"' and
// '\' escaped with a backslash, \b \f \n \r \t, other controls as \u00xx,
// every other character as its UTF-8 bytes; invalid UTF-8 becomes U+FFFD,
// so that the line is valid UTF-8.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safeASCII[c] {
				i++
				continue
			}
			b = appendEscape(append(b, s[start:i]...), c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\uFFFD"...)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
