package fakevendor

import "net/http"

func anthropicError(w http.ResponseWriter, status int, reqID, typ, msg string) {
	writeJSON(w, status, map[string]string{"request-id": reqID}, obj{
		{"type", "error"}, {"error", obj{{"type", typ}, {"message", msg}}}, {"request_id", reqID},
	})
}

// messages serves POST /v1/messages (the Anthropic Messages API).
func (s *Server) messages(w http.ResponseWriter, r *http.Request) {
	id := s.nextID()
	reqID := "req_fake" + id
	var p parsed
	if err := readBody(r, &p); err != nil {
		anthropicError(w, http.StatusBadRequest, reqID, "invalid_request_error", "fakevendor: "+err.Error())
		return
	}
	if s.cfg.status != 0 {
		typ := "api_error"
		switch s.cfg.status {
		case http.StatusTooManyRequests:
			typ = "rate_limit_error"
		case 529:
			typ = "overloaded_error"
		}
		anthropicError(w, s.cfg.status, reqID, typ, "fakevendor: configured failure")
		return
	}
	if p.Model == "" {
		p.Model = "claude-sonnet-4-5"
	}
	s.answerText(&p, "messages")
	hdr := map[string]string{"request-id": reqID, "anthropic-organization-id": "00000000-0000-0000-0000-000000000000"}
	u := s.usageFor(&p)
	msgID := "msg_fake" + id
	usage := func(out int) obj {
		return obj{
			{"input_tokens", u.in}, {"cache_creation_input_tokens", 0}, {"cache_read_input_tokens", 0},
			{"output_tokens", out}, {"service_tier", "standard"},
		}
	}
	message := func(content []any, stop any, out int) obj {
		return obj{
			{"id", msgID}, {"type", "message"}, {"role", "assistant"}, {"model", p.Model},
			{"content", content}, {"stop_reason", stop}, {"stop_sequence", nil}, {"usage", usage(out)},
		}
	}
	toolID := "toolu_fake" + id
	block, stop := obj{{"type", "text"}, {"text", p.reply}}, "end_turn"
	if s.cfg.tool != "" {
		block, stop = obj{{"type", "tool_use"}, {"id", toolID}, {"name", s.cfg.tool}, {"input", obj{{"text", p.reply}}}}, "tool_use"
	}
	if !p.Stream {
		writeJSON(w, http.StatusOK, hdr, message([]any{block}, stop, u.out))
		return
	}
	st := s.startStream(w, r, "text/event-stream; charset=utf-8", hdr)
	start, text := obj{{"type", "text"}, {"text", ""}}, p.reply
	delta := func(piece string) obj { return obj{{"type", "text_delta"}, {"text", piece}} }
	if s.cfg.tool != "" {
		start, text = obj{{"type", "tool_use"}, {"id", toolID}, {"name", s.cfg.tool}, {"input", obj{}}}, toolArgs(p.reply)
		delta = func(piece string) obj { return obj{{"type", "input_json_delta"}, {"partial_json", piece}} }
	}
	if st.event("message_start", obj{{"type", "message_start"}, {"message", message([]any{}, nil, 1)}}) != nil ||
		st.event("content_block_start", obj{{"type", "content_block_start"}, {"index", 0}, {"content_block", start}}) != nil ||
		st.raw([]byte("event: ping\ndata: {\"type\": \"ping\"}\n\n")) != nil {
		return
	}
	pieces := s.pieces(text)
	for i, piece := range pieces {
		if st.beforeDelta(i, len(pieces)) != nil ||
			st.event("content_block_delta", obj{{"type", "content_block_delta"}, {"index", 0}, {"delta", delta(piece)}}) != nil {
			return
		}
	}
	tail := []struct {
		name string
		v    obj
	}{
		{"content_block_stop", obj{{"type", "content_block_stop"}, {"index", 0}}},
		{"message_delta", obj{{"type", "message_delta"}, {"delta", obj{{"stop_reason", stop}, {"stop_sequence", nil}}}, {"usage", obj{{"output_tokens", u.out}}}}},
		{"message_stop", obj{{"type", "message_stop"}}},
	}
	for _, e := range tail {
		if st.event(e.name, e.v) != nil {
			return
		}
	}
}
