package llmapi

// Gemini's streamGenerateContent without alt=sse answers one JSON array and
// flushes it element by element ("[{…}\n,\r\n{…}\n]"). The framer hands out
// the bytes between elements (brackets, commas, whitespace) as they come and
// each element once it is complete, so elements can be rewritten one by one.

// ArrayPart is one piece of an array stream.
type ArrayPart struct {
	Raw  []byte
	Elem bool // Raw is one complete element (else: separators, brackets)
	End  bool // Raw holds the array's closing bracket (and what follows)
}

// ArrayFramer splits a streamed JSON array.
type ArrayFramer struct {
	buf     []byte
	state   uint8 // 0 before '[', 1 between elements, 2 in an element, 3 after ']'
	scan    int   // element scan position in buf
	sep     int   // separator bytes at the start of buf already scanned
	depth   int
	inStr   bool
	escaped bool
	max     int
}

// NewArrayFramer returns a framer that fails with ErrEventTooLarge once an
// element grows past max bytes (max <= 0: 16 MiB).
func NewArrayFramer(max int) *ArrayFramer {
	if max <= 0 {
		max = 16 << 20
	}
	return &ArrayFramer{max: max}
}

// Feed appends received bytes.
func (f *ArrayFramer) Feed(b []byte) { f.buf = append(f.buf, b...) }

// Next returns the next part, or ok false when more bytes are needed.
func (f *ArrayFramer) Next() (p ArrayPart, ok bool, err error) {
	switch f.state {
	case 0, 1:
		i := f.sep
		for i < len(f.buf) {
			c := f.buf[i]
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',':
				i++
				continue
			case c == '[' && f.state == 0:
				f.state = 1
				i++
				continue
			case c == ']' && f.state == 1:
				f.state = 3
				return f.take(len(f.buf), ArrayPart{End: true}), true, nil
			}
			if f.state == 0 {
				// Not an array at all: hand the rest through as is.
				f.state = 3
				return f.take(len(f.buf), ArrayPart{End: true}), true, nil
			}
			f.state, f.scan, f.depth, f.inStr, f.escaped = 2, i, 0, false, false
			if i > 0 {
				return f.take(i, ArrayPart{}), true, nil
			}
			return f.Next()
		}
		// Separators are held until what follows them is known, so that
		// where the stream was cut never changes what comes out.
		f.sep = i
		if len(f.buf) > f.max {
			return ArrayPart{}, false, ErrEventTooLarge
		}
		return ArrayPart{}, false, nil
	case 2:
		for i := f.scan; i < len(f.buf); i++ {
			c := f.buf[i]
			if f.inStr {
				switch {
				case f.escaped:
					f.escaped = false
				case c == '\\':
					f.escaped = true
				case c == '"':
					f.inStr = false
					if f.depth == 0 {
						f.state = 1
						return f.take(i+1, ArrayPart{Elem: true}), true, nil
					}
				}
				continue
			}
			switch c {
			case '"':
				f.inStr = true
			case '{', '[':
				f.depth++
			case '}', ']':
				if f.depth == 0 { // a scalar element ends at the array's end
					f.state = 1
					// A stray closer is an element of its own (the stream is
					// not valid JSON; it passes as it is).
					return f.take(max(i, 1), ArrayPart{Elem: true}), true, nil
				}
				f.depth--
				if f.depth == 0 {
					f.state = 1
					return f.take(i+1, ArrayPart{Elem: true}), true, nil
				}
			case ',', ' ', '\t', '\r', '\n':
				if f.depth == 0 {
					f.state = 1
					return f.take(i, ArrayPart{Elem: true}), true, nil
				}
			}
		}
		f.scan = len(f.buf)
		if len(f.buf) > f.max {
			return ArrayPart{}, false, ErrEventTooLarge
		}
		return ArrayPart{}, false, nil
	default:
		if len(f.buf) > 0 {
			return f.take(len(f.buf), ArrayPart{End: true}), true, nil
		}
		return ArrayPart{}, false, nil
	}
}

func (f *ArrayFramer) take(n int, p ArrayPart) ArrayPart {
	p.Raw = f.buf[:n:n]
	f.buf = append([]byte(nil), f.buf[n:]...)
	f.scan, f.sep = 0, 0
	return p
}

// Rest returns and forgets the bytes of an unfinished element.
func (f *ArrayFramer) Rest() []byte {
	b := f.buf
	f.buf, f.scan, f.sep = nil, 0, 0
	return b
}
