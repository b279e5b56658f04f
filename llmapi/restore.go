package llmapi

import (
	"bytes"
	"io"
	"mime"
	"strings"
)

// Restorer puts original values back where the answer carries their
// placeholders; redact.Vault implements it.
type Restorer interface {
	// MayContain reports whether raw bytes may hold a placeholder: the
	// fast path that lets most of an answer pass untouched.
	MayContain(raw []byte) bool
	// Restore replaces every placeholder in s. jsonText says s is JSON text
	// (tool-call arguments), so values are escaped for a JSON string.
	Restore(s string, jsonText bool) string
	// Stream returns a restorer for one text that arrives in pieces.
	Stream(jsonText bool) TextStream
}

// TextStream restores one text that arrives in pieces: Write returns what
// can be sent now and holds back a trailing partial placeholder; Flush
// returns what is held when the text ends.
type TextStream interface {
	Write(piece string) string
	Flush() string
	Holding() bool
}

// EscapeJSON appends s escaped for the inside of a JSON string (no quotes).
func EscapeJSON(dst []byte, s string) []byte { return appendEscaped(dst, s) }

// jsonTextField reports a string that holds JSON text (a tool call's
// arguments): restored values inside it must be escaped once more.
func jsonTextField(path []pathElem) bool {
	if len(path) == 0 {
		return false
	}
	k := path[len(path)-1].key
	return k == "arguments" || k == "partial_json"
}

// RestoreJSON restores the placeholders in every string (keys included) of
// a whole JSON answer, re-encoding only the strings that change. A body that
// is not JSON is restored as text.
func RestoreJSON(body []byte, r Restorer) []byte {
	if !r.MayContain(body) {
		return body
	}
	out, err := rewriteStrings(body, func(path []pathElem, key bool, raw []byte) ([]byte, bool) {
		return restoreWhole(r, path, key, raw)
	})
	if err != nil {
		return []byte(r.Restore(string(body), false))
	}
	return out
}

func restoreWhole(r Restorer, path []pathElem, key bool, raw []byte) ([]byte, bool) {
	if !r.MayContain(raw) {
		return nil, false
	}
	s, ok := decodeString(raw)
	if !ok {
		return nil, false
	}
	t := r.Restore(s, !key && jsonTextField(path))
	if t == s {
		return nil, false
	}
	return appendQuoted(nil, t), true
}

// StreamFormat is how a streamed answer is framed.
type StreamFormat int

// The framings of streamed answers.
const (
	NotStream StreamFormat = iota // one JSON document
	SSE                           // text/event-stream
	JSONArray                     // Gemini's streamed JSON array (no alt=sse)
)

// IsEventStream reports a Content-Type of text/event-stream (SSE), whatever
// its case and parameters.
func IsEventStream(contentType string) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return mt == "text/event-stream"
}

// AnswerFormat tells how an answer of api is framed from its Content-Type
// and whether the request asked for a stream.
func AnswerFormat(api API, contentType string, stream bool) StreamFormat {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case IsEventStream(contentType):
		return SSE
	case api == GeminiGenerate && stream && (mt == "application/json" || mt == ""):
		return JSONArray
	}
	return NotStream
}

// NewStreamRestorer returns body with placeholders restored as the answer
// streams: each event is rewritten as it passes, holding back only a
// trailing partial placeholder per text (choice, content block, tool call)
// until the next event for that text, or until the text or stream ends, when
// an event is added to carry the held bytes. Events too large for the framer
// (16 MiB) end the rewriting: the rest of the stream passes as it comes.
func NewStreamRestorer(api API, format StreamFormat, body io.ReadCloser, r Restorer) io.ReadCloser {
	s := &streamRestorer{body: body, er: newEventRewriter(api, r), buf: make([]byte, 8<<10)}
	if format == JSONArray {
		s.arr = NewArrayFramer(0)
	} else {
		s.sse = NewSSEFramer(0)
	}
	return s
}

var _ io.ReadCloser = (*streamRestorer)(nil)

type streamRestorer struct {
	body   io.ReadCloser
	er     *eventRewriter
	sse    *SSEFramer
	arr    *ArrayFramer
	buf    []byte
	out    []byte
	outPos int
	eof    bool
	done   bool
	err    error // upstream's error, returned once out is drained
	raw    bool  // pass-through after a framing failure
	elems  int   // array elements passed
}

func (s *streamRestorer) Read(p []byte) (int, error) {
	for s.outPos >= len(s.out) {
		s.out, s.outPos = s.out[:0], 0
		if s.done {
			return 0, s.err
		}
		s.drain()
		if len(s.out) > 0 {
			break
		}
		if s.eof {
			s.finish()
			s.done = true
			if s.err == nil {
				s.err = io.EOF
			}
			continue
		}
		n, err := s.body.Read(s.buf)
		if n > 0 {
			if s.raw {
				s.out = append(s.out, s.buf[:n]...)
			} else if s.sse != nil {
				s.sse.Feed(s.buf[:n])
			} else {
				s.arr.Feed(s.buf[:n])
			}
		}
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.err = err
			}
		}
	}
	n := copy(p, s.out[s.outPos:])
	s.outPos += n
	return n, nil
}

func (s *streamRestorer) Close() error { return s.body.Close() }

// drain rewrites every complete event buffered so far into out.
func (s *streamRestorer) drain() {
	if s.raw {
		return
	}
	for {
		if s.sse != nil {
			ev, ok, err := s.sse.Next(s.eof)
			if err != nil {
				s.passThrough(s.sse.Rest())
				return
			}
			if !ok {
				return
			}
			s.out = s.er.sseEvent(s.out, ev)
			continue
		}
		part, ok, err := s.arr.Next()
		if err != nil {
			s.passThrough(s.arr.Rest())
			return
		}
		if !ok {
			return
		}
		switch {
		case part.Elem:
			s.out = s.er.arrayElem(s.out, part.Raw)
			s.elems++
		case part.End:
			s.out = s.er.flushAll(s.out, arrayLead)
			s.out = append(s.out, part.Raw...)
		default:
			s.out = append(s.out, part.Raw...)
		}
	}
}

// passThrough gives up rewriting: what is held goes out, then the rest raw.
func (s *streamRestorer) passThrough(rest []byte) {
	kind := s.synthKind()
	if kind == arrayLead && len(rest) > 0 {
		kind = arrayTrail // rest is the start of an element: the comma before it has gone out
	}
	s.out = s.er.flushAll(s.out, kind)
	s.out = append(s.out, rest...)
	s.raw = true
}

func (s *streamRestorer) synthKind() synthKind {
	if s.sse != nil {
		return sseSynth
	}
	return arrayLead
}

// finish runs at the end of the upstream body.
func (s *streamRestorer) finish() {
	if s.raw {
		return
	}
	s.out = s.er.flushAll(s.out, s.synthKind())
	if s.sse != nil {
		s.out = append(s.out, s.sse.Rest()...)
	} else {
		s.out = append(s.out, s.arr.Rest()...)
	}
}

// synthKind is how an added event carrying held bytes is framed.
type synthKind int

const (
	sseSynth   synthKind = iota // a copy of the text's last event
	arrayLead                   // ",\n" + element: before the array's end
	arrayTrail                  // element + ",\n": before an element whose comma has gone out
	wsSynth                     // a message of its own (WebSocket): collected in eventRewriter.synth
)

// textState is one text of the stream being restored.
type textState struct {
	ts       TextStream
	tmpl     []byte   // data of the text's last delta event
	tmplSSE  SSEEvent // its framing (SSE)
	jsonText bool
}

// eventRewriter holds the per-text state of one streamed answer.
type eventRewriter struct {
	api   API
	r     Restorer
	texts map[string]*textState
	order []string
	synth [][]byte // wsSynth events added so far, in order
}

func newEventRewriter(api API, r Restorer) *eventRewriter {
	return &eventRewriter{api: api, r: r, texts: map[string]*textState{}}
}

func (er *eventRewriter) holding() bool {
	for _, t := range er.texts {
		if t.ts.Holding() {
			return true
		}
	}
	return false
}

func (er *eventRewriter) sseEvent(out []byte, ev SSEEvent) []byte {
	if ev.Data == nil || (!er.r.MayContain(ev.Data) && !er.holding()) {
		return append(out, ev.Raw...)
	}
	data, changed := er.rewrite(&out, ev.Data, ev, sseSynth)
	if !changed {
		return append(out, ev.Raw...)
	}
	return append(out, ev.WithData(data)...)
}

func (er *eventRewriter) arrayElem(out []byte, raw []byte) []byte {
	if !er.r.MayContain(raw) && !er.holding() {
		return append(out, raw...)
	}
	data, _ := er.rewrite(&out, raw, SSEEvent{}, arrayTrail)
	return append(out, data...)
}

// rewrite restores one event's data; events that carry held bytes of texts
// ending here without a delta of their own are appended to out first.
func (er *eventRewriter) rewrite(out *[]byte, data []byte, frame SSEEvent, kind synthKind) ([]byte, bool) {
	rt := routeEvent(er.api, data)
	if rt.endAll {
		*out = er.flushAll(*out, kind)
	}
	seen := map[string]bool{}
	res, err := rewriteStrings(data, func(path []pathElem, key bool, raw []byte) ([]byte, bool) {
		k, jsonText, delta := "", false, false
		if !key && rt.classify != nil {
			k, jsonText, delta = rt.classify(path)
		}
		if !delta {
			return restoreWhole(er.r, path, key, raw)
		}
		s, ok := decodeString(raw)
		if !ok {
			return nil, false
		}
		t := er.texts[k]
		if t == nil {
			t = &textState{ts: er.r.Stream(jsonText), jsonText: jsonText}
			er.texts[k] = t
			er.order = append(er.order, k)
		}
		t.tmpl, t.tmplSSE = data, frame
		seen[k] = true
		w := t.ts.Write(s)
		if rt.ends != nil && rt.ends(k) {
			w += t.ts.Flush()
		}
		if w == s {
			return nil, false
		}
		return appendQuoted(nil, w), true
	})
	if err != nil {
		// Not JSON (e.g. "[DONE]"): restore as text.
		t := er.r.Restore(string(data), false)
		return []byte(t), t != string(data)
	}
	if rt.ends != nil {
		for _, k := range er.order {
			if !seen[k] && rt.ends(k) {
				*out = er.flushText(*out, k, kind)
			}
		}
		er.forget(rt.ends)
	}
	if rt.endAll {
		er.forget(func(string) bool { return true })
	}
	return res, !bytes.Equal(res, data)
}

// forget drops the state of the texts that ended (all flushed by now): a
// WebSocket's rewriter lives as long as the connection, and must not keep
// or scan every text it ever restored.
func (er *eventRewriter) forget(ended func(string) bool) {
	kept := er.order[:0]
	for _, k := range er.order {
		if ended(k) {
			delete(er.texts, k)
		} else {
			kept = append(kept, k)
		}
	}
	clear(er.order[len(kept):])
	er.order = kept
}

// flushAll emits added events for every text holding bytes.
func (er *eventRewriter) flushAll(out []byte, kind synthKind) []byte {
	for _, k := range er.order {
		out = er.flushText(out, k, kind)
	}
	return out
}

// flushText emits, if text k holds bytes, a copy of its last delta event
// carrying them (and no other text).
func (er *eventRewriter) flushText(out []byte, k string, kind synthKind) []byte {
	t := er.texts[k]
	if t == nil || !t.ts.Holding() {
		return out
	}
	held := t.ts.Flush()
	rt := routeEvent(er.api, t.tmpl)
	data, err := rewriteStrings(t.tmpl, func(path []pathElem, key bool, raw []byte) ([]byte, bool) {
		if key || rt.classify == nil {
			return restoreWhole(er.r, path, key, raw)
		}
		pk, _, delta := rt.classify(path)
		switch {
		case !delta:
			return restoreWhole(er.r, path, key, raw)
		case pk == k:
			return appendQuoted(nil, held), true
		default:
			return []byte(`""`), true
		}
	})
	if err != nil {
		return out
	}
	switch kind {
	case sseSynth:
		return append(out, t.tmplSSE.WithData(data)...)
	case wsSynth:
		er.synth = append(er.synth, data)
		return out
	case arrayTrail:
		out = append(out, data...)
		return append(out, ",\n"...)
	}
	out = append(out, ",\n"...)
	return append(out, data...)
}

// route says how to restore one event: which strings are pieces of a
// streamed text (and of which), and which texts end with it.
type route struct {
	classify func(path []pathElem) (key string, jsonText, delta bool)
	ends     func(key string) bool
	endAll   bool
}

func routeEvent(api API, data []byte) route {
	switch api {
	case OpenAIChat:
		return routeChat(data)
	case OpenAIResponses:
		return routeResponses(data)
	case AnthropicMessages:
		return routeAnthropic(data)
	case GeminiGenerate:
		return routeGemini(data)
	case OpenAIRealtime:
		return routeRealtime(data)
	case GeminiLive:
		return routeGeminiLive(data)
	}
	// Unknown APIs: every string is restored whole.
	if strings.TrimSpace(string(data)) == "[DONE]" {
		return route{endAll: true}
	}
	return route{}
}
