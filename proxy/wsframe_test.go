package proxy

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"testing"
)

// fragments frames payload as a client would: masked, split at the given sizes.
func fragments(op wsOp, payload []byte, sizes ...int) []byte {
	var out []byte
	first := true
	for len(payload) > 0 || first {
		n := len(payload)
		if len(sizes) > 0 && sizes[0] < n {
			n = sizes[0]
			sizes = sizes[1:]
		}
		o := wsContinuation
		if first {
			o = op
		}
		f := wsFrame(o, payload[:n], true)
		if n < len(payload) {
			f[0] &^= 0x80 // not final
		}
		out = append(out, f...)
		payload, first = payload[n:], false
	}
	return out
}

func reader(b []byte, limit int64) *wsReader {
	return &wsReader{r: bufio.NewReader(bytes.NewReader(b)), limit: limit, wantMasked: true}
}

func TestWSReaderMessages(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789"), 7000) // 70 000 bytes: 64-bit length
	var stream []byte
	stream = append(stream, fragments(wsText, []byte(`{"type":"response.create"}`))...)
	stream = append(stream, fragments(wsText, []byte("hello fragmented world"), 5, 1, 7)[:0]...)
	// A fragmented message with a ping in the middle.
	frag := fragments(wsText, []byte("hello fragmented world"), 5, 1)
	ping := wsFrame(wsPing, []byte("p1"), true)
	firstLen := len(wsFrame(wsText, []byte("hello"), true))
	stream = append(stream, frag[:firstLen]...)
	stream = append(stream, ping...)
	stream = append(stream, frag[firstLen:]...)
	stream = append(stream, fragments(wsBinary, big, 300, 65536)...)
	stream = append(stream, wsCloseFrame(wsCloseNormal, "bye", true)...)

	wr := reader(stream, 1<<20)
	want := []struct {
		op wsOp
		p  string
	}{{wsText, `{"type":"response.create"}`}, {wsPing, "p1"}, {wsText, "hello fragmented world"}, {wsBinary, string(big)}, {wsClose, "\x03\xe8bye"}}
	for i, w := range want {
		m, err := wr.next()
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		if m.op != w.op || string(m.payload) != w.p {
			t.Fatalf("%d: op %x payload %.40q", i, m.op, m.payload)
		}
		if m.op.control() && !bytes.Equal(m.raw[:2], []byte{0x80 | byte(m.op), 0x80 | byte(len(m.payload))}) {
			t.Fatalf("%d: raw %x", i, m.raw)
		}
	}
	if _, err := wr.next(); err != io.EOF {
		t.Fatalf("end: %v", err)
	}
}

func TestWSReaderRefuses(t *testing.T) {
	unmasked := wsFrame(wsText, []byte("x"), false)
	rsv := wsFrame(wsText, []byte("x"), true)
	rsv[0] |= 0x40
	badOp := wsFrame(wsText, []byte("x"), true)
	badOp[0] = 0x83
	longPing := wsFrame(wsPing, bytes.Repeat([]byte("x"), 126), true)
	cont := wsFrame(wsContinuation, []byte("x"), true)
	nested := fragments(wsText, []byte("abcdef"), 3)
	nested = append(nested[:len(wsFrame(wsText, []byte("abc"), true))], wsFrame(wsText, []byte("z"), true)...)
	for name, tc := range map[string]struct {
		b    []byte
		want error
	}{
		"unmasked client frame":  {unmasked, errWSProtocol},
		"reserved bits":          {rsv, errWSProtocol},
		"unknown opcode":         {badOp, errWSProtocol},
		"long control frame":     {longPing, errWSProtocol},
		"stray continuation":     {cont, errWSProtocol},
		"message inside message": {nested, errWSProtocol},
		"too big in one frame":   {wsFrame(wsText, make([]byte, 101), true), errWSTooBig},
		"too big over fragments": {fragments(wsText, make([]byte, 150), 60, 60), errWSTooBig},
		"truncated payload":      {wsFrame(wsText, make([]byte, 50), true)[:20], io.ErrUnexpectedEOF},
		"one-byte close payload": {wsFrame(wsClose, []byte{3}, true), errWSProtocol},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := reader(tc.b, 100).next()
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestMaskWSOffsets(t *testing.T) {
	key := [4]byte{1, 2, 3, 4}
	b := bytes.Repeat([]byte{0}, 37)
	maskWS(key, 0, b)
	for i, c := range b {
		if c != key[i%4] {
			t.Fatalf("byte %d = %d", i, c)
		}
	}
	c := make([]byte, 20)
	maskWS(key, 3, c)
	if c[0] != 4 || c[1] != 1 || c[9] != 1 || c[10] != 2 {
		t.Fatalf("offset mask %v", c)
	}
}

func TestWSCloseFrameReasonFits(t *testing.T) {
	f := wsCloseFrame(wsCloseTooBig, string(bytes.Repeat([]byte("é"), 100)), false)
	h, err := readWSHeader(bufio.NewReader(bytes.NewReader(f)))
	if err != nil || h.length > 125 || h.op != wsClose {
		t.Fatalf("%+v %v", h, err)
	}
}

// FuzzWSReader feeds arbitrary bytes to the frame parser: it must never
// panic, never return a message over the limit, and return every message a
// valid stream carries unchanged.
func FuzzWSReader(f *testing.F) {
	f.Add([]byte{}, []byte("hello"), uint8(2))
	f.Add(wsFrame(wsText, []byte("hi"), true), []byte("x"), uint8(1))
	f.Add(fragments(wsBinary, make([]byte, 300), 10, 100), []byte{}, uint8(0))
	f.Add([]byte{0x81, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 1}, []byte("y"), uint8(3))
	f.Fuzz(func(t *testing.T, junk, payload []byte, split uint8) {
		const limit = 1 << 12
		wr := reader(junk, limit)
		for range 64 {
			m, err := wr.next()
			if err != nil {
				break
			}
			if !m.op.control() && len(m.payload) > limit {
				t.Fatalf("message of %d bytes over the limit", len(m.payload))
			}
		}
		if len(payload) > limit {
			payload = payload[:limit]
		}
		s := int(split)%8 + 1
		stream := fragments(wsText, payload, s, s, s)
		m, err := reader(stream, limit).next()
		if err != nil || m.op != wsText || !bytes.Equal(m.payload, payload) {
			t.Fatalf("round trip: %v op %x %q", err, m.op, m.payload)
		}
	})
}
