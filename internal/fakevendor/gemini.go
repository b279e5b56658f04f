package fakevendor

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

func geminiError(w http.ResponseWriter, status int, statusName, msg string) {
	writeJSON(w, status, nil, obj{{"error", obj{{"code", status}, {"message", msg}, {"status", statusName}}}})
}

// gemini serves POST /v1beta/models/{model}:generateContent and
// :streamGenerateContent (SSE with ?alt=sse, else a streamed JSON array).
func (s *Server) gemini(w http.ResponseWriter, r *http.Request) {
	model, method, ok := strings.Cut(r.PathValue("call"), ":")
	if !ok || (method != "generateContent" && method != "streamGenerateContent") {
		geminiError(w, http.StatusNotFound, "NOT_FOUND", "fakevendor: unknown method "+method)
		return
	}
	id := s.nextID()
	var p parsed
	if err := readBody(r, &p); err != nil {
		geminiError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "fakevendor: "+err.Error())
		return
	}
	if s.cfg.status != 0 {
		name := "INTERNAL"
		if s.cfg.status == http.StatusTooManyRequests {
			name = "RESOURCE_EXHAUSTED"
		}
		geminiError(w, s.cfg.status, name, "fakevendor: configured failure")
		return
	}
	s.answerText(&p, "gemini")
	u := s.usageFor(&p)
	respID := "fake" + id
	// Usage is cumulative on every chunk, as the real API reports it.
	chunk := func(text string, last bool, outSoFar int) obj {
		part := obj{{"text", text}}
		if s.cfg.tool != "" {
			part = obj{{"functionCall", obj{{"name", s.cfg.tool}, {"args", obj{{"text", text}}}}}}
		}
		cand := obj{{"content", obj{{"parts", []any{part}}, {"role", "model"}}}}
		if last {
			cand = append(cand, kv{"finishReason", "STOP"})
		}
		cand = append(cand, kv{"index", 0})
		return obj{
			{"candidates", []any{cand}},
			{"usageMetadata", obj{{"promptTokenCount", u.in}, {"candidatesTokenCount", outSoFar}, {"totalTokenCount", u.in + outSoFar}}},
			{"modelVersion", model}, {"responseId", respID},
		}
	}
	if method == "generateContent" {
		writeJSON(w, http.StatusOK, nil, chunk(p.reply, true, u.out))
		return
	}
	pieces := s.pieces(p.reply)
	if s.cfg.tool != "" {
		pieces = []string{p.reply} // Gemini sends a function call whole
	}
	sse := r.URL.Query().Get("alt") == "sse"
	ct := "application/json; charset=UTF-8"
	if sse {
		ct = "text/event-stream"
	}
	st := s.startStream(w, r, ct, nil)
	for i, piece := range pieces {
		if st.beforeDelta(i, len(pieces)) != nil {
			return
		}
		c := chunk(piece, i == len(pieces)-1, max(1, u.out*(i+1)/len(pieces)))
		var b bytes.Buffer
		if sse {
			// Google frames its SSE with CRLF line ends.
			b.WriteString("data: ")
			b.Write(marshal(c))
			b.WriteString("\r\n\r\n")
		} else {
			// A pretty-printed JSON array, one element per flush: "[{…}\n,\r\n{…}\n]".
			if i == 0 {
				b.WriteByte('[')
			} else {
				b.WriteString(",\r\n")
			}
			_ = json.Indent(&b, marshal(c), "", "  ")
			b.WriteByte('\n')
			if i == len(pieces)-1 {
				b.WriteByte(']')
			}
		}
		if st.raw(b.Bytes()) != nil {
			return
		}
	}
}
