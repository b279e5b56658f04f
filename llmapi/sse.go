package llmapi

import (
	"bytes"
	"errors"
)

// SSE framing (text/event-stream, WHATWG HTML §9.2): events are lines ended
// by CRLF, LF or CR, and an event ends at an empty line. The framer hands out
// each complete event as its exact bytes, so an event that needs no change
// passes through unaltered; WithData re-frames one whose data changed.

// ErrEventTooLarge reports a stream event (SSE event or JSON array element)
// larger than the framer's limit; the caller stops rewriting and passes the
// rest of the stream through as it comes.
var ErrEventTooLarge = errors.New("llmapi: stream event too large")

// SSEEvent is one event as received.
type SSEEvent struct {
	Raw  []byte // the event's bytes, its terminating empty line included
	Name string // the event: field ("" when absent)
	Data []byte // the data: lines joined with "\n" (nil when there is none)
}

// SSEFramer splits a byte stream into events. Feed it bytes as they come,
// take complete events with Next, and the unterminated rest with Rest at the
// end of the stream.
type SSEFramer struct {
	buf       []byte
	scan      int // buf[:scan] holds no event end
	lineStart int // start of the current line in buf
	max       int
}

// NewSSEFramer returns a framer that fails with ErrEventTooLarge once an
// event grows past max bytes (max <= 0: 16 MiB).
func NewSSEFramer(max int) *SSEFramer {
	if max <= 0 {
		max = 16 << 20
	}
	return &SSEFramer{max: max}
}

// Feed appends received bytes.
func (f *SSEFramer) Feed(b []byte) { f.buf = append(f.buf, b...) }

// Next returns the next complete event. ok is false when more bytes are
// needed; atEOF says no more will come (a trailing CR then ends its line).
func (f *SSEFramer) Next(atEOF bool) (ev SSEEvent, ok bool, err error) {
	for i := f.scan; i < len(f.buf); i++ {
		c := f.buf[i]
		if c != '\n' && c != '\r' {
			continue
		}
		n := 1
		if c == '\r' {
			if i+1 == len(f.buf) && !atEOF {
				f.scan = i // a CR at the end may be the first half of CRLF
				return SSEEvent{}, false, nil
			}
			if i+1 < len(f.buf) && f.buf[i+1] == '\n' {
				n = 2
			}
		}
		if i == f.lineStart { // an empty line: the event ends here
			end := i + n
			raw := f.buf[:end:end]
			f.buf = append([]byte(nil), f.buf[end:]...)
			f.scan, f.lineStart = 0, 0
			return parseSSE(raw), true, nil
		}
		f.lineStart = i + n
		i += n - 1
	}
	f.scan = len(f.buf)
	if len(f.buf) > f.max {
		return SSEEvent{}, false, ErrEventTooLarge
	}
	return SSEEvent{}, false, nil
}

// Rest returns and forgets the bytes of an unfinished event.
func (f *SSEFramer) Rest() []byte {
	b := f.buf
	f.buf, f.scan, f.lineStart = nil, 0, 0
	return b
}

// sseLines calls fn for each line of raw with its terminator.
func sseLines(raw []byte, fn func(line, term []byte)) {
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "\r\n")
		if i < 0 {
			fn(raw, nil)
			return
		}
		n := 1
		if raw[i] == '\r' && i+1 < len(raw) && raw[i+1] == '\n' {
			n = 2
		}
		fn(raw[:i], raw[i:i+n])
		raw = raw[i+n:]
	}
}

// sseField splits a line into field name and value (one leading space of
// the value dropped, as the spec says).
func sseField(line []byte) (name, value []byte) {
	i := bytes.IndexByte(line, ':')
	if i < 0 {
		return line, nil
	}
	name, value = line[:i], line[i+1:]
	if len(value) > 0 && value[0] == ' ' {
		value = value[1:]
	}
	return name, value
}

func parseSSE(raw []byte) SSEEvent {
	ev := SSEEvent{Raw: raw}
	sseLines(raw, func(line, _ []byte) {
		if len(line) == 0 || line[0] == ':' {
			return
		}
		name, value := sseField(line)
		switch string(name) {
		case "event":
			ev.Name = string(value)
		case "data":
			if ev.Data != nil {
				ev.Data = append(ev.Data, '\n')
			} else {
				ev.Data = make([]byte, 0, len(value))
			}
			ev.Data = append(ev.Data, value...)
		}
	})
	return ev
}

// WithData returns the event re-framed with data in place of its data
// lines: every other line (event:, id:, comments) and the line ends are kept
// as they were; data with newlines becomes several data: lines.
func (e SSEEvent) WithData(data []byte) []byte {
	out := make([]byte, 0, len(e.Raw)+len(data)-len(e.Data)+8)
	wrote := false
	var lastTerm []byte
	sseLines(e.Raw, func(line, term []byte) {
		lastTerm = term
		if len(line) > 0 && line[0] != ':' {
			if name, _ := sseField(line); string(name) == "data" {
				if !wrote {
					wrote = true
					out = appendDataLines(out, data, term)
				}
				return
			}
		}
		out = append(out, line...)
		out = append(out, term...)
	})
	if !wrote {
		// No data line before: add one ahead of the terminating empty line.
		end := len(out) - len(lastTerm)
		out = append(out[:end:end], appendDataLines(nil, data, lastTerm)...)
		out = append(out, lastTerm...)
	}
	return out
}

func appendDataLines(out, data, term []byte) []byte {
	if term == nil {
		term = []byte("\n")
	}
	for {
		i := bytes.IndexByte(data, '\n')
		out = append(out, "data: "...)
		if i < 0 {
			out = append(out, data...)
			return append(out, term...)
		}
		out = append(out, data[:i]...)
		out = append(out, term...)
		data = data[i+1:]
	}
}
