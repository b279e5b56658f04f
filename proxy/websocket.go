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
	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/llmapi"
	"github.com/promptwall/promptwall/policy"
	"github.com/promptwall/promptwall/redact"
)

// Vendor WebSockets: promptwall performs the upstream handshake itself and
// hands goproxy a 101 whose body is a frame-inspecting pipe. goproxy then
// copies the client's raw bytes into Write and the bytes Read returns to the
// client. Client messages are reassembled, inspected like an HTTP request and
// re-framed to the vendor (rewritten when redacted: wsredact.go), answered
// with the vendor's own error event, or answered by the internal model
// (wsreroute.go). Server frames are relayed as they arrive; while redacted
// values must be restored or an answer's usage is awaited (wsusage.go),
// each server message is read whole first.

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
	// Frames must stay plain for inspection: offer no extension
	// (permessage-deflate), so none can be negotiated.
	resp, failed := s.upgradeUpstream(t, "websocket", "Sec-WebSocket-Extensions")
	if failed != nil {
		return failed
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

	// What the vendor's messages are read for (wsredact.go, wsusage.go):
	// the values redacted on this connection, restored in its answers, and
	// the messages whose answers are running (their audit events wait for
	// the usage). Guarded by stateMu: the client loop adds, the upstream
	// loop reads.
	stateMu  sync.Mutex
	vault    *redact.Vault         // pseudonymised values of this connection (nil: none yet)
	restorer *llmapi.EventRestorer // restores them in the vendor's events
	waiting  []waitingAnswer       // oldest first
	evicted  int                   // answers still running whose events were written early (maxWaiting)
	watching atomic.Bool           // vault or waiting non-empty: server messages are read whole

	ctx       context.Context // ends with the connection (internal model requests)
	cancel    context.CancelFunc
	rerouting chan struct{} // closed when the internal model's answer has been relayed

	terminating atomic.Bool // promptwall is closing the connection itself
	closeOnce   sync.Once
	done        chan struct{}
}

var _ io.ReadWriteCloser = (*wsBridge)(nil)

func newWSBridge(s *Server, t *txn, proto llmapi.WSProtocol, up io.ReadWriteCloser) *wsBridge {
	b := &wsBridge{s: s, conn: t, proto: proto, uri: t.req.URL.RequestURI(), up: up, done: make(chan struct{})}
	b.ctx, b.cancel = context.WithCancel(s.life)
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
		b.cancel()
		b.inR.CloseWithError(io.ErrClosedPipe)
		b.outW.Close()
		b.up.Close()
		b.endState()
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
// streaming payloads without holding them. While a redaction must be undone
// or an answer's usage is awaited, data messages are read whole first
// (serverMessage), within the size limit.
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
		if err == nil && !h.op.control() && !b.midMsg && b.watching.Load() {
			err = b.serverMessage(br, h)
			if err == nil {
				continue
			}
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
		err = b.flushPending(err)
		b.outMu.Unlock()
		if err != nil {
			return
		}
	}
}

// flushPending writes our frames held during a fragmented vendor message,
// once it has ended. Called with outMu held.
func (b *wsBridge) flushPending(err error) error {
	for !b.midMsg && len(b.pending) > 0 && err == nil {
		_, err = b.outW.Write(b.pending[0])
		b.pending = b.pending[1:]
	}
	return err
}

// serverMessage reads the vendor's data message that starts with header h
// whole (control frames in between are relayed at once), restores the
// placeholders it carries and takes its usage, then relays it: unchanged,
// as the frames it came in; changed, as one frame per message to send. A
// message larger than the limit is relayed as it comes, unread.
func (b *wsBridge) serverMessage(br *bufio.Reader, h wsHeader) error {
	limit := b.s.cfg.Limits.MaxBodyBytes
	op := h.op
	var raw, payload []byte
	for {
		if h.length > limit-int64(len(payload)) {
			// Too large to hold: what was read goes out, then the rest as it comes.
			b.outMu.Lock()
			_, err := b.outW.Write(raw)
			if err == nil {
				_, err = b.outW.Write(appendWSHeader(nil, h))
			}
			if err == nil {
				_, err = io.CopyN(b.outW, br, h.length)
			}
			b.midMsg = !h.fin
			err = b.flushPending(err)
			b.outMu.Unlock()
			return err
		}
		start := len(payload)
		payload = append(payload, make([]byte, h.length)...)
		if _, err := io.ReadFull(br, payload[start:]); err != nil {
			return unexpected(err)
		}
		raw = appendWSHeader(raw, h)
		raw = append(raw, payload[start:]...)
		if h.fin {
			break
		}
		for {
			var err error
			if h, err = readWSHeader(br); err != nil {
				return err
			}
			if h.masked {
				return fmt.Errorf("%w: masked server frame", errWSProtocol)
			}
			if !h.op.control() {
				break
			}
			frame := appendWSHeader(nil, h)
			frame = append(frame, make([]byte, h.length)...)
			if _, err := io.ReadFull(br, frame[len(frame)-int(h.length):]); err != nil {
				return unexpected(err)
			}
			if err := b.toClient(frame); err != nil {
				return err
			}
		}
		if h.op != wsContinuation {
			return fmt.Errorf("%w: new message inside a fragmented one", errWSProtocol)
		}
	}
	out := [][]byte{raw}
	if op == wsText || looksLikeJSON(payload) {
		if msgs, changed := b.restore(payload); changed {
			out = out[:0]
			for _, m := range msgs {
				out = append(out, wsFrame(op, m, false))
			}
		}
		// The answer's event is written before the client sees its end.
		b.answerEvent(llmapi.ParseWSServerEvent(b.proto, payload))
	}
	b.outMu.Lock()
	var err error
	for _, f := range out {
		if err == nil {
			_, err = b.outW.Write(f)
		}
	}
	err = b.flushPending(err)
	b.outMu.Unlock()
	return err
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
	if r := b.rerouting; r != nil {
		// The internal model is still answering the previous message: its
		// events and the vendor's must not interleave.
		select {
		case <-r:
		case <-b.done:
			return false
		}
		b.rerouting = nil
	}
	s := b.s
	t := b.txn()
	ctx := context.WithoutCancel(t.req.Context())
	var msg llmapi.WSMessage
	var err error
	if m.op == wsBinary && !looksLikeJSON(m.payload) {
		// Audio or other binary: nothing text detection can see.
		msg = llmapi.WSMessage{Request: llmapi.Request{API: b.proto.API(), Segments: []llmapi.Segment{}}, Media: []string{llmapi.MediaBinary}}
	} else {
		msg, err = llmapi.ExtractWebSocket(b.proto, b.uri, m.payload)
	}
	if msg.Model != "" {
		b.model = msg.Model
	}
	msg.Model = b.model
	t.api, t.model = msg.API, msg.Model
	t.ev.API, t.ev.Model = string(msg.API), msg.Model
	t.ev.RequestBytes = int64(len(m.payload)) // the message, as an HTTP request's body
	if errors.Is(err, llmapi.ErrAmbiguous) {
		return b.refuse(t, msg, policy.ActionBlock, http.StatusBadRequest, "promptwall.ambiguous_json",
			"The message repeats a JSON key, so its meaning is ambiguous; promptwall did not send it.")
	}
	if m.op == wsText && !utf8.Valid(m.payload) {
		// Invalid bytes become U+FFFD in what is scanned but would reach the
		// vendor as sent (as on HTTP: inspect.go).
		return b.refuse(t, msg, policy.ActionBlock, http.StatusBadRequest, "promptwall.invalid_utf8",
			"The message is text with invalid UTF-8, so promptwall cannot inspect it reliably; it was not sent.")
	}
	s.metrics.bytes.Add(float64(len(m.payload)))
	// What cannot be inspected (audio, binary frames) reaches the policy as
	// input.request.media, which decides whether it leaves.
	findings, d, ref := s.decide(ctx, t, policy.Request{Method: t.req.Method, Path: t.req.URL.Path, API: string(msg.API),
		Model: msg.Model, Stream: msg.Stream, Bytes: int64(len(m.payload)), Media: nonNil(msg.Media)}, msg.Segments)
	if ref != nil {
		return b.refuse(t, msg, policy.ActionBlock, ref.status, ref.rule, ref.message)
	}
	action := d.Action
	if d.Monitor {
		action = policy.ActionAllow
	}
	switch action {
	case policy.ActionAllow:
		return b.forward(t, msg, m.op, m.payload)
	case policy.ActionBlock:
		return b.refuse(t, msg, policy.ActionBlock, http.StatusForbidden, "",
			userMessage(d.Reasons, "Company policy does not allow this message to be sent."))
	case policy.ActionRedact:
		return b.redact(t, msg, m, d, findings)
	case policy.ActionReroute:
		return b.reroute(t, msg, m.payload, d)
	default: // the policy package validates actions: cannot happen
		return b.refuse(t, msg, policy.ActionBlock, http.StatusForbidden, "promptwall.unsupported_action",
			"The policy asked for an action promptwall does not know, so the message was not sent.")
	}
}

// forward sends a message to the vendor. A message that asks for an answer
// is audited when the answer ends, with its usage (wsusage.go); any other
// at once.
func (b *wsBridge) forward(t *txn, msg llmapi.WSMessage, op wsOp, payload []byte) bool {
	t.ev.Route = "vendor"
	// The message's event is in the trail before the frame leaves: its
	// decision line when an answer follows (completed in wsusage.go), the
	// whole event otherwise.
	if msg.Answers {
		if ref := b.s.auditDecision(t); ref != nil {
			return b.refuse(t, msg, policy.ActionBlock, ref.status, ref.rule, ref.message)
		}
		b.await(t, msg.EventID)
	} else if err := b.audit(t, "", http.StatusSwitchingProtocols, ""); err != nil && b.s.cfg.Audit.FailMode != config.FailOpen {
		return b.refuse(t, msg, policy.ActionBlock, http.StatusServiceUnavailable, "promptwall.audit_unavailable", auditUnavailable)
	}
	return b.toVendor(wsFrame(op, payload, true)) == nil
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
func (b *wsBridge) audit(t *txn, action string, status int, rule string) error {
	if action != "" {
		t.ev.Action = action
	}
	if rule != "" {
		t.ev.Rules = append(t.ev.Rules, rule)
	}
	t.ev.Status = status
	t.ev.Duration = time.Since(t.start)
	b.s.metrics.requests.WithLabelValues(t.vendor, string(t.api), t.ev.Action).Inc()
	return b.s.writeAudit(&t.ev)
}

// looksLikeJSON reports a binary frame that carries a JSON object (Gemini
// Live clients may send their JSON messages as binary frames).
func looksLikeJSON(p []byte) bool {
	p = bytes.TrimLeft(p, " \t\r\n")
	return len(p) > 0 && p[0] == '{' && utf8.Valid(p)
}

// otherUpgrade decides an upgrade on a vendor host that promptwall cannot
// inspect (a WebSocket to a path it does not know, h2c, …): the policy sees
// it as input.request.upgrade and refuses it by default, so that clients
// fall back to HTTPS; a policy that allows it has it relayed uninspected,
// audited. It releases s.inflight when the answer or the connection ends.
func (s *Server) otherUpgrade(t *txn) *http.Response {
	req := t.req
	t.api = llmapi.Generic
	t.ev.API = string(t.api)
	upgrade := strings.ToLower(strings.TrimSpace(req.Header.Get("Upgrade")))
	_, d, ref := s.decide(req.Context(), t, policy.Request{Method: req.Method, Path: req.URL.Path, API: string(t.api),
		Media: []string{}, Upgrade: upgrade}, nil)
	var resp *http.Response
	switch {
	case ref != nil:
		resp = s.refuse(t, ref.status, ref.rule, ref.message)
	case d.Action == policy.ActionAllow || d.Monitor:
		return s.relayUninspected(t)
	default:
		t.ev.Action = policy.ActionBlock
		resp = s.refuse(t, http.StatusForbidden, "promptwall.upgrade_refused", userMessage(d.Reasons,
			"promptwall inspects WebSockets only for the vendor protocols it knows (Responses, Realtime, Gemini Live) and does not let this upgrade through; the client should use HTTPS requests."))
	}
	resp.Body = &auditedBody{ReadCloser: resp.Body, done: s.inflight.Done}
	return resp
}

// relayUninspected passes an upgrade the policy allows to the vendor; once
// switched, goproxy relays the connection's bytes as they are. Its decision
// line is written before the handshake leaves (refused under
// audit.fail_mode closed if it cannot be), its completion line when the
// relayed connection closes.
func (s *Server) relayUninspected(t *txn) *http.Response {
	t.ev.Route = "vendor"
	if ref := s.auditDecision(t); ref != nil {
		resp := s.refuse(t, ref.status, ref.rule, ref.message)
		resp.Body = &auditedBody{ReadCloser: resp.Body, done: s.inflight.Done}
		return resp
	}
	resp, failed := s.upgradeUpstream(t, "upgrade")
	if failed != nil {
		return failed
	}
	t.ev.Status = resp.StatusCode
	s.metrics.requests.WithLabelValues(t.vendor, string(t.api), t.ev.Action).Inc()
	if conn, ok := resp.Body.(io.ReadWriteCloser); ok && resp.StatusCode == http.StatusSwitchingProtocols {
		s.log.Info("uninspected upgrade relayed by policy", zap.String("connection", t.id), zap.String("host", t.host),
			zap.String("path", t.req.URL.Path))
		resp.Body = &relayedConn{ReadWriteCloser: conn, done: func() {
			s.inflight.Done()
			t.ev.Duration, t.ev.EndReason = time.Since(t.start), audit.EndEOF
			_ = s.writeAudit(&t.ev) // errors are logged and counted there
		}}
		return resp
	}
	body := &auditedBody{ReadCloser: resp.Body}
	body.done = func() {
		s.inflight.Done()
		t.ev.Duration = time.Since(t.start)
		t.ev.Reason, t.ev.EndReason = body.end("the vendor broke off its answer")
		_ = s.writeAudit(&t.ev)
	}
	resp.Body = body
	return resp
}

// upgradeUpstream sends t's upgrade request to the vendor, without the
// headers named in drop. When the vendor cannot be reached, failed is the
// client's answer instead (502, audited; it releases s.inflight).
func (s *Server) upgradeUpstream(t *txn, what string, drop ...string) (resp, failed *http.Response) {
	up := t.req.Clone(s.life)
	up.RequestURI = ""
	for _, h := range drop {
		up.Header.Del(h)
	}
	resp, err := s.tr.RoundTrip(up)
	if err != nil {
		s.log.Warn(what+" upstream failed", zap.String("request_id", t.id), zap.String("host", t.host), zap.Error(upstreamError(err)))
		t.ev.EndReason, t.ev.Reason = audit.EndUpstreamError, "the vendor could not be reached"
		r := s.respond(t, http.StatusBadGateway, "could not reach "+t.host+"; try again later.")
		r.Body = &auditedBody{ReadCloser: r.Body, done: s.inflight.Done}
		return nil, r
	}
	return resp, nil
}

// relayedConn calls done once, when the relayed connection is closed.
type relayedConn struct {
	io.ReadWriteCloser
	once sync.Once
	done func()
}

func (c *relayedConn) Close() error {
	err := c.ReadWriteCloser.Close()
	c.once.Do(c.done)
	return err
}
