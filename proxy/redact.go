package proxy

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/detect"
	"github.com/promptwall/promptwall/llmapi"
	"github.com/promptwall/promptwall/policy"
	"github.com/promptwall/promptwall/redact"
)

// redactSpans are the findings of the types the decision redacts.
func redactSpans(types []string, findings []detect.Finding) []redact.Span {
	want := make(map[string]bool, len(types))
	for _, typ := range types {
		want[typ] = true
	}
	spans := make([]redact.Span, 0, len(findings))
	for _, f := range findings {
		if want[f.Type] {
			spans = append(spans, redact.Span{Segment: f.Segment, Start: f.Start, End: f.End, Type: f.Type})
		}
	}
	return spans
}

// redact enforces a redact decision: the spans of the listed finding types
// are replaced in the body (placeholders or masks), the rewritten body goes
// upstream, and in pseudonymize mode the answer comes back with the values
// restored, streamed or whole.
//
// The rewritten body is sent decoded: a request that came with a
// Content-Encoding leaves without one (and with a fresh Content-Length).
// When values are to be restored, the request asks for an identity-encoded
// answer; an answer encoded anyway is decoded before it is restored.
//
// Anything that cannot be done as planned refuses the request: a prompt never
// leaves half-redacted.
func (s *Server) redact(t *txn, d policy.Decision, ext llmapi.Request, raw, body []byte, findings []detect.Finding) *http.Response {
	req := t.req
	if d.Redact == nil {
		return s.refuse(t, http.StatusForbidden, "promptwall.redact_unspecified",
			"The policy asked for redaction without saying what to redact, so the request was not sent.")
	}
	vault := redact.NewVault(redact.Mode(d.Redact.Mode))
	edits := vault.Redact(ext.Segments, redactSpans(d.Redact.Types, findings))
	if len(edits) == 0 {
		// Nothing of the listed types: the body goes as it came.
		req.Body = io.NopCloser(bytes.NewReader(raw))
		req.ContentLength = int64(len(raw))
		return s.forward(t)
	}
	out, err := llmapi.Rewrite(ext.API, body, ext.Segments, edits)
	if err != nil {
		s.log.Error("redaction failed", zap.String("request_id", t.id), zap.Int("edits", len(edits)), zap.Error(err))
		return s.refuse(t, http.StatusInternalServerError, "promptwall.redact_failed",
			"The request could not be redacted as the policy asks, so it was not sent.")
	}
	req.Body = io.NopCloser(bytes.NewReader(out))
	req.ContentLength = int64(len(out))
	req.Header.Set("Content-Length", strconv.Itoa(len(out)))
	req.Header.Del("Content-Encoding")
	if vault.Len() == 0 { // mask: nothing to restore
		return s.forward(t)
	}
	req.Header.Set("Accept-Encoding", "identity")
	resp := s.forward(t)
	return s.restoreAnswer(t, resp, ext, vault)
}

// restoreAnswer puts the vault's values back into the answer and drops the
// vault when the answer ends.
func (s *Server) restoreAnswer(t *txn, resp *http.Response, ext llmapi.Request, vault *redact.Vault) *http.Response {
	if resp.Body == nil || resp.Body == http.NoBody {
		vault.Drop()
		return resp
	}
	if ce := resp.Header.Get("Content-Encoding"); ce != "" && ce != "identity" {
		dec, err := llmapi.DecodeReader(ce, resp.Body)
		if err != nil {
			// Not decodable: passed on as it came, placeholders and all
			// (they hold no value), rather than dropped.
			s.log.Warn("answer not restored: undecodable encoding", zap.String("request_id", t.id), zap.Error(err))
			vault.Drop()
			return resp
		}
		resp.Body = dec
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
		resp.ContentLength = -1
	}
	format := llmapi.AnswerFormat(t.api, resp.Header.Get("Content-Type"), ext.Stream)
	if format != llmapi.NotStream {
		resp.Body = &vaultBody{ReadCloser: llmapi.NewStreamRestorer(t.api, format, resp.Body, vault), vault: vault}
		resp.Header.Del("Content-Length")
		resp.ContentLength = -1
		return resp
	}
	limit := s.cfg.Limits.MaxBodyBytes
	whole, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil || int64(len(whole)) > limit {
		// Too large (or cut short) to restore as one document: what was read
		// goes on followed by the rest, placeholders left in place.
		if err != nil && !errors.Is(err, io.EOF) {
			s.log.Warn("answer not restored: read failed", zap.String("request_id", t.id), zap.Error(err))
		}
		resp.Body = &vaultBody{ReadCloser: readCloser{io.MultiReader(bytes.NewReader(whole), resp.Body), resp.Body}, vault: vault}
		resp.Header.Del("Content-Length")
		resp.ContentLength = -1
		return resp
	}
	_ = resp.Body.Close()
	restored := llmapi.RestoreJSON(whole, vault)
	vault.Drop()
	resp.Body = io.NopCloser(bytes.NewReader(restored))
	resp.ContentLength = int64(len(restored))
	resp.Header.Set("Content-Length", strconv.Itoa(len(restored)))
	return resp
}

// vaultBody drops the vault when the answer ends (read to its end, failed
// or closed), so no value outlives its request.
// A Close from another goroutine (a client that hangs up) first closes the
// upstream body, which ends a Read blocked on it, then waits for that Read
// before dropping the vault it uses.
var _ io.ReadCloser = (*vaultBody)(nil)

type vaultBody struct {
	io.ReadCloser
	vault *redact.Vault
	mu    sync.Mutex
	done  bool
}

func (b *vaultBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return 0, io.ErrClosedPipe
	}
	n, err := b.ReadCloser.Read(p)
	if err != nil {
		b.drop()
	}
	return n, err
}

func (b *vaultBody) Close() error {
	err := b.ReadCloser.Close()
	b.mu.Lock()
	b.drop()
	b.mu.Unlock()
	return err
}

func (b *vaultBody) drop() {
	if !b.done {
		b.done = true
		b.vault.Drop()
	}
}

type readCloser struct {
	io.Reader
	io.Closer
}
