package proxy

import (
	"bufio"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// A small RFC 6455 frame reader and writer: promptwall sits between a
// WebSocket client and the vendor and must see whole messages (to inspect
// them) while relaying frames it does not change as they are. Extensions are
// negotiated away in the handshake, so RSV bits must be zero.

// wsOp is a frame opcode.
type wsOp byte

const (
	wsContinuation wsOp = 0x0
	wsText         wsOp = 0x1
	wsBinary       wsOp = 0x2
	wsClose        wsOp = 0x8
	wsPing         wsOp = 0x9
	wsPong         wsOp = 0xA
)

func (o wsOp) control() bool { return o&0x8 != 0 }

// Close codes promptwall sends (RFC 6455 §7.4.1).
const (
	wsCloseNormal      = 1000
	wsCloseGoingAway   = 1001
	wsCloseProtocol    = 1002
	wsClosePolicy      = 1008
	wsCloseTooBig      = 1009
	wsCloseInternalErr = 1011
)

// wsHeader is a frame header.
type wsHeader struct {
	fin    bool
	rsv    byte // RSV1-3 as the top bits of the first byte (0x70 mask)
	op     wsOp
	masked bool
	mask   [4]byte
	length int64
}

// errWSProtocol marks a frame that breaks RFC 6455.
var errWSProtocol = errors.New("proxy: websocket protocol error")

// readWSHeader reads one frame header. It checks what can be checked on the
// header alone: known opcode, no RSV bits, control frames short and final.
func readWSHeader(r *bufio.Reader) (wsHeader, error) {
	var h wsHeader
	var b [8]byte
	if _, err := io.ReadFull(r, b[:2]); err != nil {
		return h, err
	}
	h.fin = b[0]&0x80 != 0
	h.rsv = b[0] & 0x70
	h.op = wsOp(b[0] & 0x0F)
	h.masked = b[1]&0x80 != 0
	n := int64(b[1] & 0x7F)
	switch n {
	case 126:
		if _, err := io.ReadFull(r, b[:2]); err != nil {
			return h, unexpected(err)
		}
		n = int64(binary.BigEndian.Uint16(b[:2]))
	case 127:
		if _, err := io.ReadFull(r, b[:8]); err != nil {
			return h, unexpected(err)
		}
		u := binary.BigEndian.Uint64(b[:8])
		if u>>63 != 0 {
			return h, fmt.Errorf("%w: frame length has its top bit set", errWSProtocol)
		}
		n = int64(u)
	}
	h.length = n
	if h.masked {
		if _, err := io.ReadFull(r, h.mask[:]); err != nil {
			return h, unexpected(err)
		}
	}
	switch {
	case h.rsv != 0:
		return h, fmt.Errorf("%w: reserved bits set (no extension was negotiated)", errWSProtocol)
	case h.op > wsBinary && h.op < wsClose, h.op > wsPong:
		return h, fmt.Errorf("%w: unknown opcode %#x", errWSProtocol, byte(h.op))
	case h.op.control() && (!h.fin || h.length > 125):
		return h, fmt.Errorf("%w: fragmented or long control frame", errWSProtocol)
	}
	return h, nil
}

func unexpected(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// appendWSHeader appends the wire form of h.
func appendWSHeader(dst []byte, h wsHeader) []byte {
	b0 := byte(h.op) | h.rsv
	if h.fin {
		b0 |= 0x80
	}
	var m byte
	if h.masked {
		m = 0x80
	}
	switch {
	case h.length < 126:
		dst = append(dst, b0, m|byte(h.length))
	case h.length <= 0xFFFF:
		dst = append(dst, b0, m|126)
		dst = binary.BigEndian.AppendUint16(dst, uint16(h.length))
	default:
		dst = append(dst, b0, m|127)
		dst = binary.BigEndian.AppendUint64(dst, uint64(h.length))
	}
	if h.masked {
		dst = append(dst, h.mask[:]...)
	}
	return dst
}

// wsFrame returns one final frame carrying payload; masked frames (client to
// server) get a fresh random key. payload is not modified.
func wsFrame(op wsOp, payload []byte, masked bool) []byte {
	h := wsHeader{fin: true, op: op, masked: masked, length: int64(len(payload))}
	if masked {
		_, _ = rand.Read(h.mask[:]) // crypto/rand never fails
	}
	out := appendWSHeader(make([]byte, 0, len(payload)+14), h)
	start := len(out)
	out = append(out, payload...)
	if masked {
		maskWS(h.mask, 0, out[start:])
	}
	return out
}

// wsCloseFrame returns a close frame with code and a reason cut to fit the
// 125-byte control payload.
func wsCloseFrame(code int, reason string, masked bool) []byte {
	p := binary.BigEndian.AppendUint16(nil, uint16(code))
	if len(reason) > 123 {
		reason = reason[:123]
		for len(reason) > 0 && reason[len(reason)-1]&0xC0 == 0x80 { // do not cut a rune
			reason = reason[:len(reason)-1]
		}
		if len(reason) > 0 && reason[len(reason)-1] >= 0xC0 {
			reason = reason[:len(reason)-1]
		}
	}
	return wsFrame(wsClose, append(p, reason...), masked)
}

// maskWS XORs b with the key, starting at offset pos of the payload (masking
// and unmasking are the same operation).
func maskWS(key [4]byte, pos int64, b []byte) {
	k := uint32(key[0]) | uint32(key[1])<<8 | uint32(key[2])<<16 | uint32(key[3])<<24
	// Rotate the key so that b[0] lines up with key[pos%4].
	if r := pos % 4; r != 0 {
		k = k>>(8*r) | k<<(32-8*r)
	}
	i := 0
	if len(b) >= 8 {
		k8 := uint64(k) | uint64(k)<<32
		for ; i+8 <= len(b); i += 8 {
			binary.LittleEndian.PutUint64(b[i:], binary.LittleEndian.Uint64(b[i:])^k8)
		}
	}
	for ; i < len(b); i++ {
		b[i] ^= byte(k >> (8 * (i % 4)))
	}
}

// wsMessage is a whole data message, or one control frame, as read from a
// client.
type wsMessage struct {
	op      wsOp
	payload []byte // unmasked
	raw     []byte // a control frame exactly as received (relayed unchanged)
}

// errWSTooBig is a message larger than the reader's limit.
var errWSTooBig = errors.New("proxy: websocket message too large")

// wsReader assembles messages from frames. Control frames come back as they
// arrive, even in the middle of a fragmented message (RFC 6455 §5.4).
type wsReader struct {
	r          *bufio.Reader
	limit      int64 // largest data message, in bytes
	wantMasked bool  // client frames must be masked, server frames must not
	partial    []byte
	partialOp  wsOp
	inMessage  bool
}

// next returns the next whole data message or control frame. It fails with
// errWSTooBig before reading a payload that would pass the limit, and with
// errWSProtocol on a frame that breaks RFC 6455.
func (wr *wsReader) next() (wsMessage, error) {
	for {
		h, err := readWSHeader(wr.r)
		if err != nil {
			return wsMessage{}, err
		}
		if h.masked != wr.wantMasked {
			return wsMessage{}, fmt.Errorf("%w: frame masking is wrong for its direction", errWSProtocol)
		}
		if h.op.control() {
			p := make([]byte, h.length)
			if _, err := io.ReadFull(wr.r, p); err != nil {
				return wsMessage{}, unexpected(err)
			}
			raw := appendWSHeader(make([]byte, 0, len(p)+6), h)
			raw = append(raw, p...)
			if h.masked {
				maskWS(h.mask, 0, p)
			}
			if h.op == wsClose && len(p) == 1 {
				return wsMessage{}, fmt.Errorf("%w: one-byte close payload", errWSProtocol)
			}
			return wsMessage{op: h.op, payload: p, raw: raw}, nil
		}
		switch {
		case h.op == wsContinuation && !wr.inMessage:
			return wsMessage{}, fmt.Errorf("%w: continuation without a message", errWSProtocol)
		case h.op != wsContinuation && wr.inMessage:
			return wsMessage{}, fmt.Errorf("%w: new message inside a fragmented one", errWSProtocol)
		}
		if h.length > wr.limit-int64(len(wr.partial)) {
			return wsMessage{}, errWSTooBig
		}
		if !wr.inMessage {
			wr.partialOp, wr.inMessage, wr.partial = h.op, true, wr.partial[:0]
		}
		start := len(wr.partial)
		wr.partial = append(wr.partial, make([]byte, h.length)...)
		if _, err := io.ReadFull(wr.r, wr.partial[start:]); err != nil {
			return wsMessage{}, unexpected(err)
		}
		if h.masked {
			maskWS(h.mask, 0, wr.partial[start:])
		}
		if h.fin {
			wr.inMessage = false
			msg := wsMessage{op: wr.partialOp, payload: wr.partial}
			wr.partial = nil // the caller owns the payload now
			return msg, nil
		}
	}
}
