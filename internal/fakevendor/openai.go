package fakevendor

import (
	"net/http"
	"strings"
)

var openaiHeaders = map[string]string{"openai-processing-ms": "12", "openai-version": "2020-10-01"}

func openaiError(w http.ResponseWriter, status int, reqID, typ, msg string) {
	writeJSON(w, status, map[string]string{"x-request-id": reqID}, obj{{"error", obj{
		{"message", msg}, {"type", typ}, {"param", nil}, {"code", nil},
	}}})
}

func (s *Server) openaiPrelude(w http.ResponseWriter, r *http.Request, defModel string) (*parsed, string, bool) {
	id := s.nextID()
	reqID := "req_fake" + id
	var p parsed
	if err := readBody(r, &p); err != nil {
		openaiError(w, http.StatusBadRequest, reqID, "invalid_request_error", "fakevendor: "+err.Error())
		return nil, "", false
	}
	if s.cfg.status != 0 {
		openaiError(w, s.cfg.status, reqID, "server_error", "fakevendor: configured failure")
		return nil, "", false
	}
	if p.Model == "" {
		p.Model = defModel
	}
	return &p, id, true
}

func headersWith(base map[string]string, k, v string) map[string]string {
	h := map[string]string{k: v}
	for bk, bv := range base {
		h[bk] = bv
	}
	return h
}

// chatCompletions serves POST /v1/chat/completions (OpenAI and the many
// OpenAI-compatible vendors such as Mistral).
func (s *Server) chatCompletions(w http.ResponseWriter, r *http.Request) {
	p, id, ok := s.openaiPrelude(w, r, "gpt-4o")
	if !ok {
		return
	}
	s.answerText(p, "chat")
	hdr := headersWith(openaiHeaders, "x-request-id", "req_fake"+id)
	u := s.usageFor(p)
	chatUsage := obj{
		{"prompt_tokens", u.in}, {"completion_tokens", u.out}, {"total_tokens", u.in + u.out},
		{"prompt_tokens_details", obj{{"cached_tokens", 0}, {"audio_tokens", 0}}},
		{"completion_tokens_details", obj{{"reasoning_tokens", 0}, {"audio_tokens", 0}, {"accepted_prediction_tokens", 0}, {"rejected_prediction_tokens", 0}}},
	}
	cid := "chatcmpl-fake" + id
	callID := "call_fake" + id
	if !p.Stream {
		msg, finish := obj{{"role", "assistant"}, {"content", p.reply}, {"refusal", nil}, {"annotations", []any{}}}, "stop"
		if s.cfg.tool != "" {
			msg[1].v, finish = nil, "tool_calls"
			msg = append(msg, kv{"tool_calls", []any{obj{{"id", callID}, {"type", "function"},
				{"function", obj{{"name", s.cfg.tool}, {"arguments", toolArgs(p.reply)}}}}}})
		}
		writeJSON(w, http.StatusOK, hdr, obj{
			{"id", cid}, {"object", "chat.completion"}, {"created", Created}, {"model", p.Model},
			{"choices", []any{obj{
				{"index", 0},
				{"message", msg},
				{"logprobs", nil}, {"finish_reason", finish},
			}}},
			{"usage", chatUsage}, {"service_tier", "default"}, {"system_fingerprint", "fp_fake"},
		})
		return
	}
	includeUsage := p.StreamOptions != nil && p.StreamOptions.IncludeUsage
	chunk := func(choices []any) obj {
		o := obj{
			{"id", cid}, {"object", "chat.completion.chunk"}, {"created", Created}, {"model", p.Model},
			{"service_tier", "default"}, {"system_fingerprint", "fp_fake"}, {"choices", choices},
		}
		if includeUsage {
			o = append(o, kv{"usage", nil}) // the real API sends null until the last chunk
		}
		return o
	}
	choice := func(delta obj, finish any) []any {
		return []any{obj{{"index", 0}, {"delta", delta}, {"logprobs", nil}, {"finish_reason", finish}}}
	}
	st := s.startStream(w, r, "text/event-stream; charset=utf-8", hdr)
	first, finish := obj{{"role", "assistant"}, {"content", ""}, {"refusal", nil}}, "stop"
	text := p.reply
	delta := func(piece string) obj { return obj{{"content", piece}} }
	if s.cfg.tool != "" {
		first[1].v, finish, text = nil, "tool_calls", toolArgs(p.reply)
		first = append(first, kv{"tool_calls", []any{obj{{"index", 0}, {"id", callID}, {"type", "function"},
			{"function", obj{{"name", s.cfg.tool}, {"arguments", ""}}}}}})
		delta = func(piece string) obj {
			return obj{{"tool_calls", []any{obj{{"index", 0}, {"function", obj{{"arguments", piece}}}}}}}
		}
	}
	if st.event("", chunk(choice(first, nil))) != nil {
		return
	}
	pieces := s.pieces(text)
	for i, piece := range pieces {
		if st.beforeDelta(i, len(pieces)) != nil || st.event("", chunk(choice(delta(piece), nil))) != nil {
			return
		}
	}
	if st.event("", chunk(choice(obj{}, finish))) != nil {
		return
	}
	if includeUsage {
		last := chunk([]any{})
		last[len(last)-1].v = chatUsage
		if st.event("", last) != nil {
			return
		}
	}
	_ = st.raw([]byte("data: [DONE]\n\n"))
}

// responses serves POST /v1/responses (the OpenAI Responses API).
func (s *Server) responses(w http.ResponseWriter, r *http.Request) {
	p, id, ok := s.openaiPrelude(w, r, "gpt-4o")
	if !ok {
		return
	}
	s.answerText(p, "responses")
	hdr := headersWith(openaiHeaders, "x-request-id", "req_fake"+id)
	u := s.usageFor(p)
	respID, msgID := "resp_fake"+id, "msg_fake"+id
	textPart := func(text string) obj {
		return obj{{"type", "output_text"}, {"annotations", []any{}}, {"logprobs", []any{}}, {"text", text}}
	}
	message := func(status string, content []any) obj {
		return obj{{"id", msgID}, {"type", "message"}, {"status", status}, {"content", content}, {"role", "assistant"}}
	}
	response := func(status string, output []any, usage any) obj {
		return obj{
			{"id", respID}, {"object", "response"}, {"created_at", Created}, {"status", status},
			{"background", false}, {"error", nil}, {"incomplete_details", nil}, {"instructions", nil},
			{"max_output_tokens", nil}, {"model", p.Model}, {"output", output},
			{"parallel_tool_calls", true}, {"previous_response_id", nil},
			{"reasoning", obj{{"effort", nil}, {"summary", nil}}}, {"service_tier", "default"},
			{"store", true}, {"temperature", 1.0},
			{"text", obj{{"format", obj{{"type", "text"}}}, {"verbosity", "medium"}}},
			{"tool_choice", "auto"}, {"tools", []any{}}, {"top_p", 1.0}, {"truncation", "disabled"},
			{"usage", usage}, {"user", nil}, {"metadata", obj{}},
		}
	}
	respUsage := obj{
		{"input_tokens", u.in}, {"input_tokens_details", obj{{"cached_tokens", 0}}},
		{"output_tokens", u.out}, {"output_tokens_details", obj{{"reasoning_tokens", 0}}},
		{"total_tokens", u.in + u.out},
	}
	done := response("completed", []any{message("completed", []any{textPart(p.reply)})}, respUsage)
	fcID, callID := "fc_fake"+id, "call_fake"+id
	call := func(status, args string) obj {
		return obj{{"id", fcID}, {"type", "function_call"}, {"status", status}, {"arguments", args}, {"call_id", callID}, {"name", s.cfg.tool}}
	}
	if s.cfg.tool != "" {
		done = response("completed", []any{call("completed", toolArgs(p.reply))}, respUsage)
	}
	if !p.Stream {
		writeJSON(w, http.StatusOK, hdr, done)
		return
	}
	st := s.startStream(w, r, "text/event-stream; charset=utf-8", hdr)
	seq := 0
	ev := func(typ string, fields ...kv) error {
		o := append(obj{{"type", typ}, {"sequence_number", seq}}, fields...)
		seq++
		return st.event(typ, o)
	}
	item := kv{"item_id", msgID}
	if s.cfg.tool != "" {
		s.responsesToolStream(st, p, fcID, call, ev, response, done)
		return
	}
	steps := []func() error{
		func() error { return ev("response.created", kv{"response", response("in_progress", []any{}, nil)}) },
		func() error { return ev("response.in_progress", kv{"response", response("in_progress", []any{}, nil)}) },
		func() error {
			return ev("response.output_item.added", kv{"output_index", 0}, kv{"item", message("in_progress", []any{})})
		},
		func() error {
			return ev("response.content_part.added", item, kv{"output_index", 0}, kv{"content_index", 0}, kv{"part", textPart("")})
		},
	}
	for _, step := range steps {
		if step() != nil {
			return
		}
	}
	pieces := s.pieces(p.reply)
	for i, piece := range pieces {
		if st.beforeDelta(i, len(pieces)) != nil ||
			ev("response.output_text.delta", item, kv{"output_index", 0}, kv{"content_index", 0}, kv{"delta", piece}, kv{"logprobs", []any{}}) != nil {
			return
		}
	}
	full := strings.Join(pieces, "")
	steps = []func() error{
		func() error {
			return ev("response.output_text.done", item, kv{"output_index", 0}, kv{"content_index", 0}, kv{"text", full}, kv{"logprobs", []any{}})
		},
		func() error {
			return ev("response.content_part.done", item, kv{"output_index", 0}, kv{"content_index", 0}, kv{"part", textPart(full)})
		},
		func() error {
			return ev("response.output_item.done", kv{"output_index", 0}, kv{"item", message("completed", []any{textPart(full)})})
		},
		func() error { return ev("response.completed", kv{"response", done}) },
	}
	for _, step := range steps {
		if step() != nil {
			return
		}
	}
}

// responsesToolStream streams a function call as the Responses API does.
func (s *Server) responsesToolStream(st *stream, p *parsed, fcID string, call func(status, args string) obj,
	ev func(typ string, fields ...kv) error, response func(status string, output []any, usage any) obj, done obj) {
	args := toolArgs(p.reply)
	item := kv{"item_id", fcID}
	if ev("response.created", kv{"response", response("in_progress", []any{}, nil)}) != nil ||
		ev("response.in_progress", kv{"response", response("in_progress", []any{}, nil)}) != nil ||
		ev("response.output_item.added", kv{"output_index", 0}, kv{"item", call("in_progress", "")}) != nil {
		return
	}
	pieces := s.pieces(args)
	for i, piece := range pieces {
		if st.beforeDelta(i, len(pieces)) != nil ||
			ev("response.function_call_arguments.delta", item, kv{"output_index", 0}, kv{"delta", piece}) != nil {
			return
		}
	}
	if ev("response.function_call_arguments.done", item, kv{"output_index", 0}, kv{"arguments", args}) != nil ||
		ev("response.output_item.done", kv{"output_index", 0}, kv{"item", call("completed", args)}) != nil {
		return
	}
	_ = ev("response.completed", kv{"response", done})
}
