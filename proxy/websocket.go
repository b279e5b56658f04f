package proxy

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/llmapi"
	"github.com/promptwall/promptwall/policy"
)

// Vendor WebSockets: promptwall performs the upstream handshake itself and
// hands goproxy a 101 whose body is a frame-inspecting pipe. goproxy then
// copies the client's raw bytes into Write and the bytes Read returns to the
// client. Client messages are reassembled, inspected like an HTTP request and
// re-framed to the vendor, or answered with the vendor's own error event;
// server frames are relayed as they arrive.

// webSocketProtocol reports whether req is a WebSocket upgrade to a vendor
// protocol promptwall inspects message by message.
func webSocketProtocol(req *http.Request) (llmapi.WSProtocol, bool) {
	if !strings.EqualFold(req.Header.Get("Upgrade"), "websocket") || req.Header.Get("Sec-WebSocket-Version") != "13" {
		return "", false
	}
	return llmapi.IdentifyWebSocket(req.URL.Path)
}

// webSocket opens the vendor WebSocket for t and returns the answer for the
// client: a 101 whose body inspects every message, or the vendor's refusal
// of the handshake. It releases s.inflight when the connection ends.
func (s *Server) webSocket(t *txn, proto llmapi.WSProtocol) *http.Response {
	t.api = llmapi.API(proto)
	t.ev.API, t.ev.Action, t.ev.Connection = string(proto), policy.ActionAllow, t.id
	up := t.req.Clone(s.life)
	up.RequestURI = ""
	// Frames must stay plain for inspection: offer no extension
	// (permessage-deflate), so none can be negotiated.
	up.Header.Del("Sec-WebSocket-Extensions")
	resp, err := s.tr.RoundTrip(up)
	if err != nil {
		s.log.Warn("websocket upstream failed", zap.String("request_id", t.id), zap.String("host", t.host), zap.Error(upstreamError(err)))
		r := s.respond(t, http.StatusBadGateway, "could not reach "+t.host+"; try again later.")
		r.Body = &auditedBody{ReadCloser: r.Body, done: s.inflight.Done}
		return r
	}
	conn, ok := resp.Body.(io.ReadWriteCloser)
	if resp.StatusCode != http.StatusSwitchingProtocols || !ok {
		// The vendor refused the upgrade (401, 404…): its answer goes back
		// as is, audited like any forwarded request.
		t.ev.Status = resp.StatusCode
		resp.Body = &auditedBody{ReadCloser: resp.Body, done: func() {
			s.inflight.Done()
			t.ev.Duration = time.Since(t.start)
			_ = s.writeAudit(&t.ev)
		}}
		return resp
	}
	if resp.Header.Get("Sec-WebSocket-Extensions") != "" {
		conn.Close()
		t.ev.Action = ""
		r := s.refuse(t, http.StatusBadGateway, "promptwall.ws_extension",
			"The vendor negotiated a WebSocket extension promptwall did not offer, so the connection was closed.")
		r.Body = &auditedBody{ReadCloser: r.Body, done: s.inflight.Done}
		return r
	}
	b := newWSBridge(s, t, proto, conn)
	s.metrics.openStreams.Inc() // a WebSocket is an answer being relayed until it closes
	s.log.Info("websocket opened", zap.String("connection", t.id), zap.String("host", t.host),
		zap.String("path", t.req.URL.Path), zap.String("protocol", string(proto)))
	return &http.Response{
		Status: "101 Switching Protocols", StatusCode: http.StatusSwitchingProtocols,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  resp.Header.Clone(),
		Body:    b,
		Request: t.req,
	}
}

// wsBridge is the body of the 101 goproxy relays: Write takes the client's
// bytes, Read gives the bytes for the client.
type wsBridge struct {
	s     *Server
	conn  *txn // the upgrade: who, where, and the connection id (conn.id)
	proto llmapi.WSProtocol
	uri   string
	up    io.ReadWriteCloser

	inR  *io.PipeReader // client bytes, read by clientLoop
	inW  *io.PipeWriter
	outR *io.PipeReader // bytes for the client
	outW *io.PipeWriter

	upMu sync.Mutex // one frame at a time to the vendor

	outMu   sync.Mutex // one frame at a time to the client
	midMsg  bool       // the vendor is inside a fragmented message
	pending [][]byte   // our frames held until that message ends

	rest  io.Reader // the client's unread bytes, drained while closing
	model string    // the last model a message named (Gemini names it once, in setup)

	terminating atomic.Bool // promptwall is closing the connection itself
	closeOnce   sync.Once
	done        chan struct{}
}

var _ io.ReadWriteCloser = (*wsBridge)(nil)

func newWSBridge(s *Server, t *txn, proto llmapi.WSProtocol, up io.ReadWriteCloser) *wsBridge {
	b := &wsBridge{s: s, conn: t, proto: proto, uri: t.req.URL.RequestURI(), up: up, done: make(chan struct{})}
	b.inR, b.inW = io.Pipe()
	b.outR, b.outW = io.Pipe()
	go b.clientLoop()
	go b.upstreamLoop()
	go func() {
		select {
		case <-s.life.Done():
			b.terminate(wsCloseGoingAway, "promptwall is shutting down", nil)
		case <-b.done:
		}
	}()
	return b
}

func (b *wsBridge) Read(p []byte) (int, error)  { return b.outR.Read(p) }
func (b *wsBridge) Write(p []byte) (int, error) { return b.inW.Write(p) }

// Close ends both directions and the vendor connection; goproxy calls it when
// either side ends, and so do the loops.
func (b *wsBridge) Close() error {
	b.closeOnce.Do(func() {
		close(b.done)
		b.inR.CloseWithError(io.ErrClosedPipe)
		b.outW.Close()
		b.up.Close()
		b.s.metrics.openStreams.Dec()
		b.s.inflight.Done()
		b.s.log.Info("websocket closed", zap.String("connection", b.conn.id), zap.Duration("duration", time.Since(b.conn.start)))
	})
	return nil
}

// toClient writes one whole frame to the client; a frame of ours waits while
// the vendor is in the middle of a fragmented message (RFC 6455 §5.4).
func (b *wsBridge) toClient(frame []byte) error {
	b.outMu.Lock()
	defer b.outMu.Unlock()
	if b.midMsg {
		b.pending = append(b.pending, frame)
		return nil
	}
	_, err := b.outW.Write(frame)
	return err
}

func (b *wsBridge) toVendor(frame []byte) error {
	b.upMu.Lock()
	defer b.upMu.Unlock()
	_, err := b.up.Write(frame)
	return err
}

// terminate closes both sides with code: the client learns why, the vendor
// is told the client went away. With rest (the client's unread bytes) it
// then waits a little for the client to take the close frame and hang up,
// discarding what it still sends (the rest of an oversize message), so the
// client reads the close code rather than a reset.
func (b *wsBridge) terminate(code int, reason string, rest io.Reader) {
	b.terminating.Store(true)
	// A client or vendor that stops reading must not hold the connection
	// (or a shutdown) forever.
	timer := time.AfterFunc(5*time.Second, func() { b.Close() })
	defer timer.Stop()
	b.outMu.Lock()
	_, _ = b.outW.Write(wsCloseFrame(code, reason, false))
	b.outMu.Unlock()
	upCode := wsCloseGoingAway
	if code == wsCloseProtocol {
		upCode = wsCloseProtocol
	}
	_ = b.toVendor(wsCloseFrame(upCode, "", true))
	b.up.Close()
	if rest != nil {
		_, _ = io.Copy(io.Discard, rest)
	}
	b.Close()
}

// clientLoop reads the client's frames: control frames go to the vendor as
// they are, data messages are inspected first.
func (b *wsBridge) clientLoop() {
	defer b.Close()
	limit := b.s.cfg.Limits.MaxBodyBytes
	wr := &wsReader{r: bufio.NewReaderSize(b.inR, 32<<10), limit: limit, wantMasked: true}
	b.rest = wr.r
	for {
		m, err := wr.next()
		switch {
		case errors.Is(err, errWSTooBig):
			t := b.txn()
			t.api = llmapi.API(b.proto)
			t.ev.API = string(b.proto)
			msg := fmt.Sprintf("The message is larger than the %d bytes promptwall inspects, so it was not sent. Send a smaller one.", limit)
			b.audit(t, policy.ActionBlock, http.StatusRequestEntityTooLarge, "promptwall.too_large")
			b.terminate(wsCloseTooBig, "promptwall "+t.id+": "+msg, wr.r)
			return
		case errors.Is(err, errWSProtocol):
			b.s.log.Info("websocket client protocol error", zap.String("connection", b.conn.id), zap.Error(err))
			b.terminate(wsCloseProtocol, "promptwall: WebSocket protocol error", wr.r)
			return
		case err != nil:
			return // the client went away
		}
		if m.op.control() {
			if b.toVendor(m.raw) != nil {
				return
			}
			continue
		}
		if !b.handle(m) {
			return
		}
	}
}

// upstreamLoop relays the vendor's frames to the client as they arrive,
// streaming payloads without holding them.
func (b *wsBridge) upstreamLoop() {
	defer func() {
		if !b.terminating.Load() { // terminate closes when it is done
			b.Close()
		}
	}()
	br := bufio.NewReaderSize(b.up, 32<<10)
	var hdr []byte
	for {
		h, err := readWSHeader(br)
		if err == nil && h.masked {
			err = fmt.Errorf("%w: masked server frame", errWSProtocol)
		}
		if errors.Is(err, errWSProtocol) {
			b.s.log.Warn("websocket vendor protocol error", zap.String("connection", b.conn.id), zap.Error(err))
			b.terminate(wsCloseProtocol, "promptwall: the vendor broke the WebSocket protocol", nil)
			return
		}
		if err != nil {
			return
		}
		b.outMu.Lock()
		hdr = appendWSHeader(hdr[:0], h)
		_, err = b.outW.Write(hdr)
		if err == nil {
			_, err = io.CopyN(b.outW, br, h.length)
		}
		if !h.op.control() {
			b.midMsg = !h.fin
		}
		for !b.midMsg && len(b.pending) > 0 && err == nil {
			_, err = b.outW.Write(b.pending[0])
			b.pending = b.pending[1:]
		}
		b.outMu.Unlock()
		if err != nil {
			return
		}
	}
}

// txn starts the record of one message on this connection.
func (b *wsBridge) txn() *txn {
	c := b.conn
	t := &txn{id: newID(), start: time.Now(), vendor: c.vendor, host: c.host, req: c.req, api: c.api, who: c.who}
	t.ev = audit.Event{Time: t.start, ID: t.id, User: c.ev.User, SourceIP: c.ev.SourceIP, Domain: c.host, Path: c.req.URL.Path,
		Vendor: c.vendor, Revision: b.s.policy.Revision(), Connection: c.id}
	return t
}

// handle runs one client data message through extract → detect → decide and
// forwards it or answers it. It returns false when the connection is over.
func (b *wsBridge) handle(m wsMessage) bool {
	s := b.s
	t := b.txn()
	ctx := context.WithoutCancel(t.req.Context())
	var msg llmapi.WSMessage
	var err error
	if m.op == wsBinary && !looksLikeJSON(m.payload) {
		// Audio or other binary: nothing text detection can see.
		msg = llmapi.WSMessage{Request: llmapi.Request{API: llmapi.API(b.proto)}, Media: []string{llmapi.MediaBinary}}
	} else {
		msg, err = llmapi.ExtractWebSocket(b.proto, b.uri, m.payload)
	}
	if msg.Model != "" {
		b.model = msg.Model
	}
	msg.Model = b.model
	t.api, t.model = msg.API, msg.Model
	t.ev.API, t.ev.Model = string(msg.API), msg.Model
	if errors.Is(err, llmapi.ErrAmbiguous) {
		return b.refuse(t, msg, policy.ActionBlock, http.StatusBadRequest, "promptwall.ambiguous_json",
			"The message repeats a JSON key, so its meaning is ambiguous; promptwall did not send it.")
	}
	if len(msg.Media) > 0 {
		// policy.Input has no input.request.media yet: what cannot be
		// inspected does not leave.
		return b.refuse(t, msg, policy.ActionBlock, http.StatusForbidden, "promptwall.ws_media_uninspectable",
			fmt.Sprintf("The message carries %s, which promptwall cannot inspect, so it was not sent. Send text instead.", strings.Join(msg.Media, ", ")))
	}
	s.metrics.bytes.Add(float64(len(m.payload)))
	_, d, ref := s.decide(ctx, t, policy.Request{Method: t.req.Method, Path: t.req.URL.Path, API: string(msg.API),
		Model: msg.Model, Stream: msg.Stream, Bytes: int64(len(m.payload))}, msg.Segments)
	if ref != nil {
		return b.refuse(t, msg, policy.ActionBlock, ref.status, ref.rule, ref.message)
	}
	action := d.Action
	if d.Monitor {
		action = policy.ActionAllow
	}
	switch action {
	case policy.ActionAllow:
		t.ev.Action = d.Action
		err := b.toVendor(wsFrame(m.op, m.payload, true))
		b.audit(t, "", http.StatusSwitchingProtocols, "")
		return err == nil
	case policy.ActionBlock:
		return b.refuse(t, msg, policy.ActionBlock, http.StatusForbidden, "",
			userMessage(d.Reasons, "Company policy does not allow this message to be sent."))
	default:
		// Redaction and rerouting are built for HTTP only: refuse rather
		// than let the message out as it is.
		types := make([]string, 0, len(t.ev.Findings))
		for _, f := range t.ev.Findings {
			types = append(types, f.Type)
		}
		return b.refuse(t, msg, policy.ActionBlock, http.StatusForbidden, "promptwall.ws_unsupported_action",
			fmt.Sprintf("The policy asks promptwall to %s this message (%s), which promptwall does not do over WebSockets yet, so it was not sent. Remove the sensitive data, or send the request over HTTPS.",
				action, strings.Join(types, ", ")))
	}
}

// refuse audits a message that was not sent and answers it with the
// vendor's error event; for a protocol without one (Gemini Live) the
// connection is closed with 1008, as the vendor itself does.
func (b *wsBridge) refuse(t *txn, msg llmapi.WSMessage, action string, status int, rule, message string) bool {
	b.audit(t, action, status, rule)
	text := "promptwall: " + message + " Request id: " + t.id + "."
	ev, ok := llmapi.WSErrorEvent(b.proto, msg, status, text)
	if !ok {
		b.terminate(wsClosePolicy, "promptwall "+t.id+": "+message, b.rest)
		return false
	}
	return b.toClient(wsFrame(wsText, ev, false)) == nil
}

// audit writes the message's event: action and rule when set.
func (b *wsBridge) audit(t *txn, action string, status int, rule string) {
	if action != "" {
		t.ev.Action = action
	}
	if rule != "" {
		t.ev.Rules = append(t.ev.Rules, rule)
	}
	t.ev.Status = status
	t.ev.Duration = time.Since(t.start)
	b.s.metrics.requests.WithLabelValues(t.vendor, string(t.api), t.ev.Action).Inc()
	_ = b.s.writeAudit(&t.ev)
}

// looksLikeJSON reports a binary frame that carries a JSON object (Gemini
// Live clients may send their JSON messages as binary frames).
func looksLikeJSON(p []byte) bool {
	p = bytes.TrimLeft(p, " \t\r\n")
	return len(p) > 0 && p[0] == '{' && utf8.Valid(p)
}
