package llmapi

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
)

// Vendor WebSocket protocols: each client message is one JSON event, and the
// text it carries is taken out the same way as from the HTTP body it mirrors.

// WSProtocol names a vendor WebSocket protocol promptwall inspects.
type WSProtocol string

// The WebSocket protocols promptwall recognises.
const (
	// WSOpenAIResponses is the Responses API WebSocket mode (GET …/v1/responses):
	// response.create carries the fields of POST /v1/responses.
	WSOpenAIResponses WSProtocol = "openai.responses.ws"
	// WSOpenAIRealtime is the Realtime API (GET …/v1/realtime).
	WSOpenAIRealtime WSProtocol = "openai.realtime"
	// WSGeminiLive is Gemini Live (…GenerativeService.BidiGenerateContent).
	WSGeminiLive WSProtocol = "gemini.live"
)

// APIs of the WebSocket messages that have no HTTP twin (input.request.api).
// response.create is reported as OpenAIResponses: it is the same request.
const (
	OpenAIRealtime API = "openai.realtime"
	GeminiLive     API = "gemini.live"
)

// Media kinds a message may carry that text detection cannot see.
const (
	MediaAudio  = "audio"
	MediaImage  = "image"
	MediaVideo  = "video"
	MediaBinary = "binary"
)

// IdentifyWebSocket names the protocol of a WebSocket upgrade to path (a query
// string is ignored), or reports false for one promptwall does not inspect.
func IdentifyWebSocket(path string) (WSProtocol, bool) {
	p := strings.TrimSuffix(stripQuery(path), "/")
	switch {
	case strings.HasSuffix(p, "/v1/responses"):
		return WSOpenAIResponses, true
	case strings.HasSuffix(p, "/v1/realtime"):
		return WSOpenAIRealtime, true
	case strings.HasSuffix(p, ".BidiGenerateContent"), strings.HasSuffix(p, ".BidiGenerateContentConstrained"):
		return WSGeminiLive, true
	}
	return "", false
}

// WSMessage is what inspection needs of one client message.
type WSMessage struct {
	Request
	// Type is the client event type ("response.create", "clientContent", …).
	Type string
	// EventID is the client's event_id (Realtime), echoed in an error event.
	EventID string
	// StreamID is the Responses lane (stream_id), echoed in an error event.
	StreamID string
	// Media lists what the message carries that was not inspected as text
	// (MediaAudio, …); empty when everything was.
	Media []string
	// Answers says the message asks the vendor for an answer (response.create,
	// a Gemini clientContent that completes the turn): the server events
	// that follow, up to the answer's end (WSServerEvent), belong to it.
	Answers bool
}

// API is the API whose events the protocol's server messages are: the
// Responses WebSocket sends the Responses streaming events.
func (p WSProtocol) API() API { return wsAPI(p) }

// ExtractWebSocket takes the segments out of one client message of protocol
// p; uri is the upgrade's request URI (Realtime names the model in its query).
// As with Extract, a message that is not JSON is one raw segment and a
// repeated key yields ErrAmbiguous.
func ExtractWebSocket(p WSProtocol, uri string, msg []byte) (WSMessage, error) {
	out := WSMessage{}
	root, err := parseTree(msg)
	if errors.Is(err, ErrAmbiguous) {
		out.Request = Request{API: wsAPI(p), Segments: []Segment{}}
		return out, err
	}
	if err != nil || root.kind != kObject {
		r, err := Extract(Generic, uri, msg)
		out.Request = r
		return out, err
	}
	w := &walker{segs: []Segment{}}
	out.API = wsAPI(p)
	out.Type, _ = root.getString("type")
	out.EventID, _ = root.getString("event_id")
	out.StreamID, _ = root.getString("stream_id")
	out.Stream = true
	media := map[string]bool{}
	switch p {
	case WSOpenAIResponses:
		out.Model, _ = root.getString("model")
		switch out.Type {
		case "response.create":
			out.API, out.Answers = OpenAIResponses, true
			w.object("", root, with(openAIResponsesFields, "type", "stream_id"))
		case "response.steer":
			out.API = OpenAIResponses
			w.object("", root, with(fields{"input": each(obj(responsesItemFields))}, "type", "stream_id", "previous_response_id"))
		default:
			w.object("", root, with(fields{}, "type", "stream_id", "event_id"))
		}
	case WSOpenAIRealtime:
		if u, err := url.Parse(uri); err == nil {
			out.Model = u.Query().Get("model")
		}
		realtimeEvent(w, root, &out, media)
	case WSGeminiLive:
		geminiLiveMessage(w, root, &out, media)
	}
	out.Segments = w.segs
	for _, k := range []string{MediaAudio, MediaImage, MediaVideo, MediaBinary} {
		if media[k] {
			out.Media = append(out.Media, k)
		}
	}
	return out, nil
}

func wsAPI(p WSProtocol) API {
	switch p {
	case WSOpenAIRealtime:
		return OpenAIRealtime
	case WSGeminiLive:
		return GeminiLive
	}
	return OpenAIResponses
}

// mediaF marks kind as present when the value is a non-empty payload, and
// skips it (base64 audio is not text).
func mediaF(media map[string]bool, kind string) field {
	return func(w *walker, path string, v *node) {
		if v.kind == kString {
			if v.str != "" {
				media[kind] = true
			}
			return
		}
		if v.kind == kNull {
			return
		}
		media[kind] = true
		w.free(path, v)
	}
}

// realtimeEvent walks an OpenAI Realtime client event.
func realtimeEvent(w *walker, root *node, out *WSMessage, media map[string]bool) {
	part := func() fields {
		return with(fields{
			"text":       freeF,
			"transcript": freeF,
			"audio":      mediaF(media, MediaAudio),
			"image_url":  realtimeImageF(media),
		}, "type", "detail", "id")
	}
	item := with(fields{
		"content":   each(obj(part())),
		"arguments": freeF,
		"output":    freeF,
	}, "type", "role", "id", "status", "call_id", "name", "object", "previous_item_id")
	session := with(fields{
		"instructions": freeF,
		"tools":        freeF,
		"prompt":       freeF,
		"metadata":     freeF,
	}, "type", "model", "modalities", "output_modalities", "voice", "audio", "input_audio_format", "output_audio_format",
		"input_audio_transcription", "turn_detection", "tool_choice", "temperature", "max_response_output_tokens",
		"max_output_tokens", "tracing", "truncation", "include", "input_audio_noise_reduction", "speed", "id", "object",
		"expires_at", "client_secret")
	response := with(fields{
		"instructions": freeF,
		"input":        each(obj(item)),
		"tools":        freeF,
		"metadata":     freeF,
		"prompt":       freeF,
	}, "conversation", "modalities", "output_modalities", "voice", "audio", "output_audio_format", "tool_choice",
		"temperature", "max_output_tokens", "max_response_output_tokens")
	top := with(fields{
		"session":  obj(session),
		"item":     obj(item),
		"response": obj(response),
		"audio":    mediaF(media, MediaAudio),
		"image":    mediaF(media, MediaImage),
	}, "type", "event_id", "previous_item_id", "item_id", "content_index", "audio_end_ms", "response_id")
	out.Answers = out.Type == "response.create"
	if s := root.get("session"); s != nil && s.kind == kObject {
		if m, ok := s.getString("model"); ok && m != "" {
			out.Model = m
		}
	}
	w.object("", root, top)
}

// realtimeImageF skips a base64 data URL as media and scans any other URL.
func realtimeImageF(media map[string]bool) field {
	return func(w *walker, path string, v *node) {
		if v.kind == kString && isBase64DataURL(v.str) {
			media[MediaImage] = true
			return
		}
		w.free(path, v)
	}
}

// geminiLiveMessage walks a Gemini Live BidiGenerateContentClientMessage
// (lowerCamelCase or snake_case).
func geminiLiveMessage(w *walker, root *node, out *WSMessage, media map[string]bool) {
	blob := obj(gem(with(fields{"data": mediaF(media, MediaAudio)}, "mimeType")))
	blobOf := func(kind string) field { return obj(gem(with(fields{"data": mediaF(media, kind)}, "mimeType"))) }
	setup := gem(with(fields{
		"systemInstruction": obj(geminiContentFields),
		"tools":             freeF,
		"generationConfig":  freeF,
	}, "model", "realtimeInputConfig", "sessionResumption", "contextWindowCompression",
		"inputAudioTranscription", "outputAudioTranscription", "proactivity"))
	clientContent := gem(with(fields{"turns": each(obj(geminiContentFields))}, "turnComplete"))
	realtime := gem(with(fields{
		"text":        freeF,
		"audio":       blob,
		"video":       blobOf(MediaVideo),
		"mediaChunks": each(blobOf(MediaAudio)),
	}, "activityStart", "activityEnd", "audioStreamEnd"))
	top := gem(fields{
		"setup":         obj(setup),
		"clientContent": obj(clientContent),
		"realtimeInput": obj(realtime),
		"toolResponse":  freeF,
	})
	for i, k := range root.keys {
		switch k {
		case "setup":
			if m, ok := root.vals[i].getString("model"); ok {
				out.Model = strings.TrimPrefix(m, "models/")
			}
			out.Type = k
		case "clientContent", "client_content":
			out.Type = k
			if c := root.vals[i]; c.kind == kObject {
				for j, ck := range c.keys {
					if (ck == "turnComplete" || ck == "turn_complete") && c.vals[j].kind == kBool && c.vals[j].truth {
						out.Answers = true
					}
				}
			}
		case "realtimeInput", "realtime_input", "toolResponse", "tool_response":
			out.Type = k
		}
	}
	w.object("", root, top)
}

// WSErrorEvent is the server event the vendor itself sends when it refuses a
// client message, so the client shows message and the connection stays
// usable; ok is false for a protocol that has no such event (Gemini Live
// closes the connection instead). status is the HTTP status the refusal
// would have had.
func WSErrorEvent(p WSProtocol, m WSMessage, status int, message string) (event []byte, ok bool) {
	detail := openAIErrorDetail{Message: message, Type: OpenAIErrorType, Code: openAIErrorCode(status)}
	var v any
	switch p {
	case WSOpenAIResponses:
		v = responsesWSError{Type: "error", Status: status, StreamID: m.StreamID, Error: detail}
	case WSOpenAIRealtime:
		e := realtimeError{Type: "error", EventID: "event_promptwall"}
		e.Error.openAIErrorDetail = detail
		if m.EventID != "" {
			e.Error.EventID = &m.EventID
		}
		v = e
	default:
		return nil, false
	}
	b, err := json.Marshal(v)
	if err != nil { // cannot happen: strings and ints
		panic("llmapi: marshalling error event: " + err.Error())
	}
	return b, true
}

// responsesWSError is the Responses WebSocket "error" server event.
type responsesWSError struct {
	Type     string            `json:"type"`
	Status   int               `json:"status"`
	StreamID string            `json:"stream_id,omitempty"`
	Error    openAIErrorDetail `json:"error"`
}

// realtimeError is the Realtime "error" server event; error.event_id names
// the client event that caused it.
type realtimeError struct {
	Type    string `json:"type"`
	EventID string `json:"event_id"`
	Error   struct {
		openAIErrorDetail
		EventID *string `json:"event_id"`
	} `json:"error"`
}
