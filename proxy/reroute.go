package proxy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/audit"
	"github.com/promptwall/promptwall/llmapi"
	"github.com/promptwall/promptwall/policy"
)

// RouteHeader marks an answer given by the company's internal model.
const RouteHeader = "X-Promptwall-Route"

// maxInternalAnswer bounds a whole (non-streamed) answer of the internal model.
const maxInternalAnswer = 64 << 20

// reroute answers a request with the company's internal model instead of
// the vendor: the request (body, decoded) is translated to chat completions,
// sent to internal.base_url, and the answer translated back into the
// client's format, streamed when the client streams. Nothing reaches the
// vendor, whatever happens: a failure of the internal model is a refusal.
func (s *Server) reroute(ctx context.Context, t *txn, d policy.Decision, body []byte) *http.Response {
	if s.internal == nil {
		return s.refuse(t, http.StatusServiceUnavailable, "promptwall.internal_unconfigured",
			"Company policy sends this request to the company's internal model, but none is configured, so it was not sent.")
	}
	if answer, ok := llmapi.CountTokensAnswer(t.req.URL.Path, body); ok {
		// Agents count tokens before each turn: estimated here, never asked of the vendor.
		t.ev.Route, t.ev.Status, t.ev.Duration = "internal", http.StatusOK, time.Since(t.start)
		s.metrics.requests.WithLabelValues(t.vendor, string(t.api), t.ev.Action).Inc()
		_ = s.writeAudit(&t.ev)
		hdr := http.Header{"Content-Type": {"application/json"}, "Content-Length": {strconv.Itoa(len(answer))},
			"X-Promptwall-Request-Id": {t.id}, RouteHeader: {"internal"}}
		return internalResponse(t, hdr, io.NopCloser(bytes.NewReader(answer)), int64(len(answer)))
	}
	model, ref := s.internalModelFor(t, d, "request")
	if ref != nil {
		return s.refuse(t, ref.status, ref.rule, ref.message)
	}
	tr, err := llmapi.Translate(t.api, t.req.URL.RequestURI(), body, model)
	if err != nil {
		return s.refuse(t, http.StatusBadRequest, "promptwall.reroute_untranslatable",
			"Company policy sends this request to the company's internal model, but it cannot be answered there ("+
				strings.TrimPrefix(err.Error(), "llmapi: ")+"), so it was not sent.")
	}
	// The prompt leaves for the internal model: the decision line first.
	t.ev.Route = "internal"
	if ref := s.auditDecision(t); ref != nil {
		return s.refuse(t, ref.status, ref.rule, ref.message)
	}
	start := time.Now()
	resp, err := s.internal.send(ctx, tr)
	if err != nil {
		s.log.Warn("internal model unreachable", zap.String("request_id", t.id), zap.Error(err))
		t.ev.EndReason = audit.EndUpstreamError
		return s.refuse(t, http.StatusBadGateway, "promptwall.internal_unreachable",
			"Company policy sends this request to the company's internal model, which could not be reached. It was not sent anywhere else; try again later.")
	}
	s.metrics.upstream.WithLabelValues("internal").Observe(time.Since(start).Seconds())
	if resp.StatusCode != http.StatusOK {
		detail := internalErrorMessage(resp)
		s.log.Warn("internal model failed", zap.String("request_id", t.id), zap.Int("status", resp.StatusCode))
		t.ev.EndReason = audit.EndUpstreamError
		return s.refuse(t, http.StatusBadGateway, "promptwall.internal_failed",
			fmt.Sprintf("Company policy sends this request to the company's internal model, which failed (HTTP %d%s). It was not sent anywhere else.", resp.StatusCode, detail))
	}
	hdr := http.Header{
		"Content-Type":            {tr.ContentType()},
		"X-Promptwall-Request-Id": {t.id},
		RouteHeader:               {"internal"},
	}
	s.metrics.requests.WithLabelValues(t.vendor, string(t.api), t.ev.Action).Inc()
	// Answered inside (the audit's route); a refusal clears it.
	t.ev.Status = http.StatusOK
	if !tr.Stream() {
		chat, err := io.ReadAll(io.LimitReader(resp.Body, maxInternalAnswer+1))
		resp.Body.Close()
		if err == nil && len(chat) > maxInternalAnswer {
			err = errors.New("answer too large")
		}
		var out []byte
		if err == nil {
			out, err = tr.Answer(chat)
		}
		if err != nil {
			s.log.Warn("internal model answer unusable", zap.String("request_id", t.id), zap.Error(err))
			t.ev.EndReason = audit.EndUpstreamError
			return s.refuse(t, http.StatusBadGateway, "promptwall.internal_invalid_answer",
				"The company's internal model gave an answer promptwall could not read. It was not sent anywhere else.")
		}
		u := tr.Usage()
		t.ev.InputTok, t.ev.OutputTok = u.InputTokens, u.OutputTokens
		t.ev.EndReason, t.ev.ResponseBytes = audit.EndEOF, int64(len(out))
		t.ev.Duration = time.Since(t.start)
		_ = s.writeAudit(&t.ev)
		hdr.Set("Content-Length", strconv.Itoa(len(out)))
		return internalResponse(t, hdr, io.NopCloser(bytes.NewReader(out)), int64(len(out)))
	}
	stream := s.completionBody(t, &auditedBody{ReadCloser: tr.StreamAnswer(resp.Body), ctx: ctx},
		tr.Usage, "the internal model's answer broke off before its end")
	hdr.Set("Cache-Control", "no-cache")
	return internalResponse(t, hdr, stream, -1)
}

func internalResponse(t *txn, hdr http.Header, body io.ReadCloser, length int64) *http.Response {
	return &http.Response{
		Status: "200 OK", StatusCode: http.StatusOK,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: hdr, Body: body, ContentLength: length, Request: t.req,
	}
}

// send posts the translated request to the internal model. None of the
// client's headers go along: they hold the vendor's credentials.
func (m *internalModel) send(ctx context.Context, tr *llmapi.Translation) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.base+"/chat/completions", bytes.NewReader(tr.Body()))
	if err != nil {
		return nil, fmt.Errorf("proxy: internal model: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if tr.Stream() {
		req.Header.Set("Accept", "text/event-stream")
	} else {
		req.Header.Set("Accept", "application/json")
	}
	if m.key != "" {
		req.Header.Set("Authorization", "Bearer "+m.key)
	}
	resp, err := m.client.Do(req)
	if err != nil {
		return nil, upstreamError(err)
	}
	return resp, nil
}

// internalErrorMessage reads the message of an error answer (vLLM's
// {"object":"error","message"} or OpenAI's {"error":{"message"}}), bounded,
// for the user whose request it concerns; it is never logged.
func internalErrorMessage(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 16<<10))
	var e struct {
		Message string `json:"message"`
		Error   *struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(b, &e) != nil {
		return ""
	}
	msg := e.Message
	if e.Error != nil && e.Error.Message != "" {
		msg = e.Error.Message
	}
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return ""
	}
	if len(msg) > 300 {
		msg = msg[:300]
		for !utf8.ValidString(msg) {
			msg = msg[:len(msg)-1]
		}
		msg += "…"
	}
	return ": " + strings.TrimSuffix(msg, ".")
}

// internalModelFor picks the internal model for t (the decision's route
// model first, else internal.models) and records it on the audit event; a
// refusal when none is mapped. what names the refused thing ("request",
// "message").
func (s *Server) internalModelFor(t *txn, d policy.Decision, what string) (string, *refusal) {
	routeModel := ""
	if d.Route != nil {
		routeModel = d.Route.Model
	}
	model := s.internal.model(routeModel, t.model)
	t.ev.RouteModel = model
	if model == "" {
		return "", &refusal{http.StatusServiceUnavailable, "promptwall.internal_no_model",
			"Company policy sends this " + what + " to the company's internal model, but no internal model is mapped for " +
				quoteModel(t.model) + " (internal.models), so it was not sent."}
	}
	return model, nil
}

func quoteModel(m string) string {
	if m == "" {
		return "this request's model"
	}
	return strconv.Quote(m)
}
