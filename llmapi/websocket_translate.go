package llmapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// TranslateWebSocket translates a client message of protocol p for the
// internal model, as Translate does for an HTTP request. Only the Responses
// WebSocket's response.create has a translation: it carries the fields of
// POST /v1/responses and its answer is the Responses streaming events, so
// the translation always streams. Anything else (response.steer, which
// steers an answer the vendor is giving, Realtime and Gemini Live, whose
// server events have no translation) is ErrUntranslatable, with why.
func TranslateWebSocket(p WSProtocol, m WSMessage, msg []byte, model string) (*Translation, error) {
	switch {
	case p == WSOpenAIRealtime:
		return nil, fmt.Errorf("%w: the OpenAI Realtime protocol has no translation to the internal model's chat format", ErrUntranslatable)
	case p == WSGeminiLive:
		return nil, fmt.Errorf("%w: the Gemini Live protocol has no translation to the internal model's chat format", ErrUntranslatable)
	case p != WSOpenAIResponses || m.Type != "response.create":
		return nil, fmt.Errorf("%w: only response.create can be answered by the internal model, not %q", ErrUntranslatable, m.Type)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(msg, &fields); err != nil {
		return nil, fmt.Errorf("%w: the message is not a JSON object: %v", ErrUntranslatable, jsonErrorKind(err))
	}
	fields["stream"] = json.RawMessage("true") // the socket's answer is always its events
	body, err := json.Marshal(fields)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUntranslatable, err)
	}
	return Translate(OpenAIResponses, "/v1/responses", body, model)
}

// WSEvents hands out a streamed answer of the internal model as the
// server messages of a WebSocket, one event at a time.
type WSEvents struct {
	body     io.ReadCloser
	sc       *eventScanner
	streamID string
}

// WebSocketEvents translates the internal model's stream read from src, as
// StreamAnswer does, and returns its events as WebSocket messages; streamID
// (the Responses lane of the client message, "" for none) is set on each.
// Closing it closes src.
func (t *Translation) WebSocketEvents(src io.ReadCloser, streamID string) *WSEvents {
	body := t.StreamAnswer(src)
	return &WSEvents{body: body, sc: newEventScanner(body), streamID: streamID}
}

// Next returns the next server message, or io.EOF after the last. The
// stream always ends with an event of its own (response.completed, or
// response.failed when the internal model broke off).
func (w *WSEvents) Next() ([]byte, error) {
	data, err := w.sc.next()
	if err != nil {
		return nil, err
	}
	if w.streamID != "" && len(data) > 2 && data[0] == '{' {
		lane := append(append([]byte(`{"stream_id":`), marshalJSON(w.streamID)...), ',')
		data = append(lane, bytes.TrimPrefix(data, []byte("{"))...)
	}
	return data, nil
}

// Close closes the internal model's stream.
func (w *WSEvents) Close() error { return w.body.Close() }
