package llmapi

import (
	"errors"
	"fmt"
	"io"
)

// eventScanner reads the data of the server-sent events of the internal
// model's stream, with the SSE framer of sse.go: comments, event names and
// ids are ignored, and an event larger than maxEventBytes is an error
// rather than a reason to buffer without bound.
type eventScanner struct {
	r   io.Reader
	f   *SSEFramer
	buf []byte
	eof bool
	err error
}

func newEventScanner(r io.Reader) *eventScanner {
	return &eventScanner{r: r, f: NewSSEFramer(maxEventBytes), buf: make([]byte, 4<<10)} // small reads: events arrive one by one anyway
}

// next returns the data of the next event that has data, or io.EOF at the end.
func (s *eventScanner) next() ([]byte, error) {
	for s.err == nil {
		ev, ok, err := s.f.Next(s.eof)
		if err != nil {
			s.err = fmt.Errorf("llmapi: reading the internal model's stream: %w", err)
			break
		}
		if ok {
			if ev.Data == nil {
				continue // comments and keep-alives
			}
			return ev.Data, nil
		}
		if s.eof {
			if rest := s.f.Rest(); len(rest) > 0 {
				// The last event lacked its blank line: end it.
				s.f.Feed(rest)
				s.f.Feed([]byte("\n\n"))
				continue
			}
			s.err = io.EOF
			break
		}
		n, err := s.r.Read(s.buf)
		s.f.Feed(s.buf[:n])
		switch {
		case errors.Is(err, io.EOF):
			s.eof = true
		case err != nil:
			s.err = fmt.Errorf("llmapi: reading the internal model's stream: %w", err)
		}
	}
	return nil, s.err
}
