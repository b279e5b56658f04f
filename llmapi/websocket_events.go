package llmapi

import (
	"bytes"
	"encoding/json"
	"errors"
)

// WSServerEvent is what the proxy needs of one server message of a vendor
// WebSocket: whether it ends the answer to the oldest client message that
// asked for one (WSMessage.Answers), and the token usage it reports.
type WSServerEvent struct {
	// Ends: the answer ended (response.completed, failed or incomplete and
	// an error on the Responses socket; response.done on Realtime; a
	// complete turn on Gemini Live).
	Ends bool
	// ErrorEventID is the client event_id a Realtime error event names
	// (the answer it refused never starts); "" otherwise.
	ErrorEventID string
	// Usage is the usage the message reports (zero when none).
	Usage Usage
}

// markers are the bytes a server message of each protocol must hold to be
// worth parsing: most messages are deltas, passed without a parse.
var wsMarkers = map[WSProtocol][][]byte{
	WSOpenAIResponses: {[]byte(`"response.completed"`), []byte(`"response.failed"`), []byte(`"response.incomplete"`), []byte(`"error"`)},
	WSOpenAIRealtime:  {[]byte(`"response.done"`), []byte(`"error"`)},
	WSGeminiLive:      {[]byte(`sage`), []byte(`urnComplete"`), []byte(`urn_complete"`)},
}

// ParseWSServerEvent reads msg, a server message of protocol p. Messages
// without the protocol's markers are not parsed at all.
func ParseWSServerEvent(p WSProtocol, msg []byte) WSServerEvent {
	var out WSServerEvent
	hit := false
	for _, m := range wsMarkers[p] {
		if bytes.Contains(msg, m) {
			hit = true
			break
		}
	}
	if !hit {
		return out
	}
	// One typed decode: a final event holds the whole answer, and is parsed
	// once. A field of an unexpected type is left at its zero value.
	switch p {
	case WSOpenAIResponses, WSOpenAIRealtime:
		var ev struct {
			Type  string `json:"type"`
			Error struct {
				EventID string `json:"event_id"`
			} `json:"error"`
			Response struct {
				Usage wsUsage `json:"usage"`
			} `json:"response"`
		}
		if err := json.Unmarshal(msg, &ev); err != nil && ev.Type == "" {
			return out
		}
		switch ev.Type {
		case "response.completed", "response.failed", "response.incomplete":
			out.Ends = p == WSOpenAIResponses
		case "response.done":
			out.Ends = p == WSOpenAIRealtime
		case "error":
			if p == WSOpenAIResponses {
				out.Ends = true
			} else {
				out.ErrorEventID = ev.Error.EventID
			}
		}
		out.Usage = Usage{InputTokens: max(0, ev.Response.Usage.InputTokens), OutputTokens: max(0, ev.Response.Usage.OutputTokens)}
	case WSGeminiLive:
		var ev struct {
			ServerContent *liveServerContent `json:"serverContent"`
			SnakeContent  *liveServerContent `json:"server_content"`
			Usage         struct {
				Prompt     int64 `json:"promptTokenCount"`
				Response   int64 `json:"responseTokenCount"`
				Candidates int64 `json:"candidatesTokenCount"`
			} `json:"usageMetadata"`
		}
		if err := json.Unmarshal(msg, &ev); err != nil && !errors.As(err, new(*json.UnmarshalTypeError)) {
			return out
		}
		for _, sc := range []*liveServerContent{ev.ServerContent, ev.SnakeContent} {
			if sc != nil && (sc.TurnComplete || sc.TurnComplete2) {
				out.Ends = true
			}
		}
		out.Usage = Usage{InputTokens: max(0, ev.Usage.Prompt), OutputTokens: max(0, ev.Usage.Response, ev.Usage.Candidates)}
	}
	return out
}

type wsUsage struct {
	InputTokens  int64 `json:"input_tokens"`
	OutputTokens int64 `json:"output_tokens"`
}
