package proxy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/elazarl/goproxy"
	"go.uber.org/zap"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/detect"
	"github.com/promptwall/promptwall/llmapi"
	"github.com/promptwall/promptwall/policy"
)

var _ goproxy.RoundTripper = (*Server)(nil)

// txn is one inspected request on its way through the pipeline.
type txn struct {
	id     string
	start  time.Time
	vendor string
	host   string
	req    *http.Request
	api    llmapi.API
	model  string
	who    identity
	ev     audit.Event
}

// RoundTrip is called by goproxy for every request it proxies: requests to
// vendor hosts (and hosts the connect policy chose to decrypt) go through the
// inspection pipeline; anything else is forwarded untouched.
func (s *Server) RoundTrip(req *http.Request, ctx *goproxy.ProxyCtx) (*http.Response, error) {
	host := hostOnly(req.URL.Host)
	vendor, inspect := s.catalog.Lookup(host)
	id := identityFrom(req.Context())
	if ci, ok := ctx.UserData.(*connInfo); ok {
		inspect, id = true, ci.id
		if vendor == "" {
			vendor = ci.vendor
		}
	}
	if !inspect {
		resp, err := s.tr.RoundTrip(req)
		if err != nil {
			return nil, upstreamError(err)
		}
		return resp, nil
	}
	if vendor == "" {
		vendor = host
	}
	t := &txn{id: newID(), start: time.Now(), vendor: vendor, host: host, req: req, api: llmapi.Generic, who: id}
	t.ev = audit.Event{Time: t.start, ID: t.id, User: id.user, SourceIP: clientIP(req.RemoteAddr), Domain: host, Path: auditPath(req.URL.Path),
		Vendor: vendor, Revision: s.policy.Revision()}
	s.inflight.Add(1)
	var resp *http.Response
	if isUpgrade(req) {
		// A vendor WebSocket promptwall knows is inspected message by
		// message (websocket.go; it releases s.inflight itself). Any other
		// upgrade would carry prompts as frames nobody inspects: the policy
		// refuses it before the upgrade unless it says otherwise, so clients
		// fall back to HTTPS (otherUpgrade releases s.inflight itself).
		if proto, ok := webSocketProtocol(req); ok {
			return s.webSocket(t, proto), nil
		}
		return s.otherUpgrade(t), nil
	} else {
		resp = s.inspect(req.Context(), t)
	}
	resp.Body = &auditedBody{ReadCloser: resp.Body, done: s.inflight.Done}
	return resp, nil
}

// inspect runs extract → detect → decide → enforce and returns the answer
// for the client: the vendor's, or promptwall's own refusal.
func (s *Server) inspect(ctx context.Context, t *txn) *http.Response {
	req := t.req
	t.api = llmapi.Identify(t.vendor, req.Method, req.URL.Path)
	t.ev.API = string(t.api)
	limit := s.cfg.Limits.MaxBodyBytes

	raw, err := readLimited(req.Body, req.ContentLength, limit)
	if err != nil {
		if errors.Is(err, llmapi.ErrTooLarge) {
			return s.refuse(t, http.StatusRequestEntityTooLarge, "promptwall.too_large",
				fmt.Sprintf("The request body is larger than the %d bytes promptwall inspects, so it was not sent. Send a smaller prompt.", limit))
		}
		return s.refuse(t, http.StatusBadRequest, "promptwall.unreadable", "The request body could not be read, so it was not sent.")
	}
	t.ev.RequestBytes = int64(len(raw))
	body := raw
	if ce := req.Header.Get("Content-Encoding"); ce != "" && len(raw) > 0 {
		if body, err = llmapi.DecodeBody(ce, raw, limit); err != nil {
			if errors.Is(err, llmapi.ErrTooLarge) {
				return s.refuse(t, http.StatusRequestEntityTooLarge, "promptwall.too_large",
					fmt.Sprintf("The decoded request body is larger than the %d bytes promptwall inspects, so it was not sent.", limit))
			}
			return s.refuse(t, http.StatusBadRequest, "promptwall.undecodable",
				"The request body could not be decoded (Content-Encoding), so it was not sent.")
		}
	}
	var ext llmapi.Request
	if len(body) > 0 {
		ext, err = llmapi.Extract(t.api, req.URL.Path, body)
		if err != nil {
			if errors.Is(err, llmapi.ErrAmbiguous) {
				return s.refuse(t, http.StatusBadRequest, "promptwall.ambiguous_json",
					"The request body repeats a JSON key, so its meaning is ambiguous; promptwall did not send it.")
			}
			return s.refuse(t, http.StatusBadRequest, "promptwall.unparsable", "The request body could not be parsed, so it was not sent.")
		}
		t.api = ext.API
	}
	if ext.API != llmapi.Raw && !utf8.Valid(body) {
		// JSON must be UTF-8 (RFC 8259). Invalid bytes become U+FFFD in what
		// we scan but reach the vendor as sent: a secret split by one would
		// pass unseen.
		return s.refuse(t, http.StatusBadRequest, "promptwall.invalid_utf8",
			"The request body is JSON with invalid UTF-8, so promptwall cannot inspect it reliably; it was not sent.")
	}
	if ext.API == llmapi.Raw && textual(req.Header.Get("Content-Type")) && llmapi.WideEncoding(body) != "" {
		// UTF-16/32 text scans as letters between NULs, where nothing
		// matches, yet a vendor may decode it (Python's json.loads does).
		return s.refuse(t, http.StatusBadRequest, "promptwall.not_utf8",
			"The request body is text in UTF-16 or UTF-32, which promptwall cannot inspect; send it as UTF-8, as JSON requires. It was not sent.")
	}
	t.model = ext.Model
	t.ev.API, t.ev.Model = string(t.api), t.model

	s.metrics.bytes.Add(float64(len(body)))
	findings, d, ref := s.decide(ctx, t, policy.Request{Method: req.Method, Path: req.URL.Path, API: string(t.api),
		Model: ext.Model, Stream: ext.Stream, Bytes: int64(len(body))}, ext.Segments)
	if ref != nil {
		return s.refuse(t, ref.status, ref.rule, ref.message)
	}
	action := d.Action
	if d.Monitor {
		action = policy.ActionAllow // monitor: audited as decided, not enforced
	}
	switch action {
	case policy.ActionAllow:
		req.Body = io.NopCloser(bytes.NewReader(raw))
		req.ContentLength = int64(len(raw))
		return s.forward(t)
	case policy.ActionBlock:
		return s.refuseDecision(t, http.StatusForbidden, d)
	case policy.ActionRedact:
		return s.redact(t, d, ext, raw, body, findings)
	case policy.ActionReroute:
		return s.reroute(ctx, t, d, body)
	default:
		// Redaction and rerouting are not built yet: refuse rather than let
		// the prompt out unredacted.
		t.ev.Rules = append(t.ev.Rules, "promptwall.unsupported_action")
		return s.respond(t, http.StatusForbidden, userMessage(d.Reasons,
			fmt.Sprintf("The policy asks promptwall to %s this request, which this version cannot do yet, so it was not sent.", action)))
	}
}

// refusal is promptwall refusing on its own account: the status, the rule
// recorded in the audit, and the message for the user.
type refusal struct {
	status        int
	rule, message string
}

// decide runs detect → policy for one request or WebSocket message and
// records the decision on t's audit event. r needs only the fields of the
// request itself; who, where and when come from t. A refusal means the
// policy or the audit trail is unavailable and the fail mode is closed.
func (s *Server) decide(ctx context.Context, t *txn, r policy.Request, segs []llmapi.Segment) ([]detect.Finding, policy.Decision, *refusal) {
	findings := s.scanner.Load().Scan(ctx, segs)
	r.ID, r.Time = t.id, t.start.UTC().Format(time.RFC3339)
	r.Client = policy.Client{IP: t.ev.SourceIP, User: t.who.user, Groups: nonNil(t.who.groups)}
	r.Vendor, r.Host = t.vendor, t.host
	in := policy.Input{Request: r, Findings: s.aggregate(&t.ev, segs, findings)}
	evalStart := time.Now()
	d, err := s.policy.Decide(ctx, in)
	s.metrics.policyEval.Observe(time.Since(evalStart).Seconds())
	s.metrics.decision.Observe(time.Since(t.start).Seconds())
	if err != nil {
		s.log.Error("policy decision failed", zap.String("request_id", t.id), zap.Error(err))
		if !s.failOpen() {
			msg := "The policy could not be evaluated, so nothing was sent. Try again, or tell the security team."
			if errors.Is(err, policy.ErrNotReady) {
				msg = "promptwall has not loaded its policy yet (the policy bundle server was not reached), so nothing was sent. Try again shortly."
			}
			return findings, d, &refusal{http.StatusServiceUnavailable, "promptwall.policy_error", msg}
		}
		d = policy.Decision{Action: policy.ActionAllow, Reasons: []policy.Reason{{Rule: "promptwall.policy_error_fail_open"}}}
	}
	t.ev.Action, t.ev.Rules, t.ev.Monitor = d.Action, ruleIDs(d.Reasons), d.Monitor
	if d.Revision != "" {
		t.ev.Revision = d.Revision // the revision that decided, even if a reload happened since
	}
	if err := s.audit.Healthy(); err != nil && s.cfg.Audit.FailMode != config.FailOpen {
		s.log.Error("audit trail unwritable: refusing vendor traffic (audit.fail_mode: closed)", zap.Error(err))
		return findings, d, &refusal{http.StatusServiceUnavailable, "promptwall.audit_unavailable", auditUnavailable}
	}
	return findings, d, nil
}

// isUpgrade reports an HTTP/1.1 protocol upgrade request (WebSocket, h2c).
func isUpgrade(r *http.Request) bool {
	if r.Header.Get("Upgrade") == "" {
		return false
	}
	for _, v := range r.Header.Values("Connection") {
		for _, tok := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(tok), "upgrade") {
				return true
			}
		}
	}
	return false
}

// textual reports a Content-Type that says text or JSON, or none at all
// (binary uploads say what they are: audio/*, multipart/…).
func textual(contentType string) bool {
	ct := strings.ToLower(contentType)
	return ct == "" || strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json")
}

// maxFingerprints bounds the fingerprints an audit event lists per type.
const maxFingerprints = 100

// aggregate turns findings into the policy's per-type view and fills the
// audit event's findings with counts and fingerprints (never values).
func (s *Server) aggregate(ev *audit.Event, segs []llmapi.Segment, fs []detect.Finding) []policy.Finding {
	if len(fs) == 0 {
		return []policy.Finding{}
	}
	byType := map[string]*policy.Finding{}
	fps := map[string][]string{}
	seen := map[[2]string]bool{} // {type, path or fingerprint} already listed
	var order []string
	for _, f := range fs {
		pf := byType[f.Type]
		if pf == nil {
			pf = &policy.Finding{Type: f.Type, Category: f.Category.String(), Severity: f.Severity.String(), Paths: []string{}}
			byType[f.Type] = pf
			order = append(order, f.Type)
		}
		pf.Count++
		if path := segs[f.Segment].Path; !seen[[2]string{f.Type, "p" + path}] {
			seen[[2]string{f.Type, "p" + path}] = true
			pf.Paths = append(pf.Paths, path)
		}
		// A pasted customer list can hold thousands of values: the event
		// keeps the first maxFingerprints distinct ones (Count stays true),
		// so that an audit line stays far below the reader's 1 MiB.
		if len(fps[f.Type]) >= maxFingerprints {
			continue
		}
		fp := s.fp.Fingerprint(detect.Normalize(segs[f.Segment].Text[f.Start:f.End]))
		if !seen[[2]string{f.Type, "f" + fp}] {
			seen[[2]string{f.Type, "f" + fp}] = true
			fps[f.Type] = append(fps[f.Type], fp)
		}
	}
	sort.Strings(order)
	out := make([]policy.Finding, 0, len(order))
	for _, typ := range order {
		out = append(out, *byType[typ])
		s.metrics.findings.WithLabelValues(typ).Add(float64(byType[typ].Count))
		ev.Findings = append(ev.Findings, audit.Finding{Type: typ, Count: byType[typ].Count, Fingerprints: fps[typ]})
	}
	return out
}

// forward sends the request upstream and hands the answer back as it
// arrives. The decision line is written before the request leaves; the
// completion line when the answer ends (auditedBody).
func (s *Server) forward(t *txn) *http.Response {
	t.ev.Route = "vendor"
	if ref := s.auditDecision(t); ref != nil {
		return s.refuse(t, ref.status, ref.rule, ref.message)
	}
	upStart := time.Now()
	resp, err := s.tr.RoundTrip(t.req)
	if err != nil {
		s.log.Warn("upstream failed", zap.String("request_id", t.id), zap.String("host", t.host), zap.Error(upstreamError(err)))
		t.ev.EndReason, t.ev.Reason = audit.EndUpstreamError, "the vendor could not be reached"
		return s.respond(t, http.StatusBadGateway, "could not reach "+t.host+"; try again later.")
	}
	s.metrics.upstream.WithLabelValues(t.vendor).Observe(time.Since(upStart).Seconds())
	s.metrics.requests.WithLabelValues(t.vendor, string(t.api), t.ev.Action).Inc()
	t.ev.Status = resp.StatusCode
	tap := newUsageTap(resp)
	resp.Body = s.completionBody(t, &auditedBody{ReadCloser: resp.Body, tap: tap.Write, ctx: t.req.Context()},
		tap.Usage, "the vendor's answer broke off before its end")
	return resp
}

// completionBody makes body, an answer on its way to the client, write
// t's completion line when it ends: the tokens usage counts, how it ended
// (broke is the reason for an upstream that broke off), its bytes and the
// transaction's duration. It counts as an open stream until then.
func (s *Server) completionBody(t *txn, body *auditedBody, usage func() llmapi.Usage, broke string) *auditedBody {
	s.metrics.openStreams.Inc()
	body.done = func() {
		s.metrics.openStreams.Dec()
		u := usage()
		t.ev.InputTok, t.ev.OutputTok = u.InputTokens, u.OutputTokens
		t.ev.Reason, t.ev.EndReason = body.end(broke)
		t.ev.ResponseBytes = body.n
		t.ev.Duration = time.Since(t.start)
		_ = s.writeAudit(&t.ev)
	}
	return body
}

// auditedBody calls done once, when the answer has been read to its end or
// closed (a client that hangs up mid-stream closes it).
type auditedBody struct {
	io.ReadCloser
	once sync.Once
	done func()
	tap  func([]byte) // optional: sees every byte read

	eof     bool  // read to its end
	readErr error // the read failed before the end (upstream broke off)
	n       int64 // bytes read
	// ctx, optional, is the upstream request's: once it is done (the
	// client hung up), a failed read — or an EOF, which the cancelled
	// transport may report — is the client's leaving, whatever the
	// transport chose to say.
	ctx context.Context
}

// end says how the answer ended, for the completion line: event.reason
// (broke is the words for an upstream that broke off) and end reason.
func (b *auditedBody) end(broke string) (reason, endReason string) {
	switch {
	case b.readErr != nil && !errors.Is(b.readErr, context.Canceled) && (b.ctx == nil || b.ctx.Err() == nil):
		return broke, audit.EndUpstreamError
	case !b.eof: // or the read was cancelled: the client hung up, which cancels the upstream request
		return "the client left before the answer ended", audit.EndClientGone
	}
	return "", audit.EndEOF
}

func (b *auditedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n += int64(n)
	if n > 0 && b.tap != nil {
		b.tap(p[:n])
	}
	if err != nil {
		switch {
		case err != io.EOF:
			b.readErr = err
		case b.ctx == nil || b.ctx.Err() == nil:
			b.eof = true
			// else the client had hung up: the upstream request was cancelled
			// and the transport may report the cut-off answer as a clean EOF.
		}
		b.once.Do(b.done)
	}
	return n, err
}

func (b *auditedBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.done)
	return err
}

// preallocMax bounds the buffer readLimited allocates on the word of a
// Content-Length: a client announcing a large body and sending none holds
// no more than this.
const preallocMax = 256 << 10

// readLimited reads r whole, or fails with llmapi.ErrTooLarge past limit.
// size is the Content-Length (-1 when unknown): the buffer starts there
// (bounded by limit and preallocMax), so a prompt is read without the copies
// of a growing buffer (io.ReadAll's doubling cost ~23 µs on 8 KB); one byte
// more lets the read that finds EOF happen without growing.
func readLimited(r io.Reader, size, limit int64) ([]byte, error) {
	if r == nil || r == http.NoBody {
		return nil, nil
	}
	n := int64(512)
	if size >= 0 {
		n = min(size, limit, preallocMax) + 1
	}
	b := make([]byte, 0, n)
	lr := io.LimitedReader{R: r, N: limit + 1}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // a body longer than announced: grow
		}
		m, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("proxy: reading request body: %w", err)
		}
	}
	if int64(len(b)) > limit {
		return nil, llmapi.ErrTooLarge
	}
	return b, nil
}

// userMessage joins the policy's messages for the user, or falls back.
func userMessage(rs []policy.Reason, fallback string) string {
	var msgs []string
	for _, r := range rs {
		if m := strings.TrimSpace(r.Message); m != "" && !slices.Contains(msgs, m) {
			msgs = append(msgs, m)
		}
	}
	if len(msgs) == 0 {
		return fallback
	}
	return strings.Join(msgs, " ")
}
