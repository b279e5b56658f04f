package llmapi

import (
	"bytes"
	"errors"
	"strings"
)

// Request is what inspection needs to know of a request body.
type Request struct {
	API      API       `json:"api"`
	Model    string    `json:"model,omitempty"`
	Stream   bool      `json:"stream,omitempty"`
	Segments []Segment `json:"segments"`
}

// Identify names the API a request speaks from its method and path (a query
// string is ignored). Paths are matched by suffix, whatever the vendor, since
// many vendors serve the OpenAI format under their own prefixes
// (/openai/v1/…, /api/v1/…, /inference/v1/…). Anything else is Generic.
func Identify(vendor, method, path string) API {
	_ = vendor // the path decides; vendor is kept for vendor-specific APIs to come
	if method != "" && !strings.EqualFold(method, "POST") {
		return Generic
	}
	p := stripQuery(path)
	p = strings.TrimSuffix(p, "/")
	switch {
	case strings.HasSuffix(p, "/chat/completions"):
		return OpenAIChat
	case strings.HasSuffix(p, "/responses"):
		return OpenAIResponses
	case strings.HasSuffix(p, "/v1/messages"):
		return AnthropicMessages
	}
	if _, _, ok := geminiMethod(p); ok {
		return GeminiGenerate
	}
	return Generic
}

// Extract takes the text segments, model and stream flag out of a request
// body of the given API; path is the request path (Gemini and Azure name the
// model there).
//
// It never drops text: a body of a known API with an unexpected shape is
// walked string by string (a top-level value that is not an object turns the
// API into Generic), and a body that is not JSON comes back as API Raw with
// one segment holding the whole body. A duplicate object key anywhere yields
// ErrAmbiguous: the vendor might read the value we did not inspect.
func Extract(api API, path string, body []byte) (Request, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return Request{API: Raw, Segments: []Segment{}}, nil
	}
	root, count, err := parseDoc(body)
	if errors.Is(err, ErrAmbiguous) {
		return Request{API: api, Segments: []Segment{}}, err
	}
	if err != nil {
		return Request{API: Raw, Segments: []Segment{{Text: string(body)}}}, nil
	}
	w := newWalker(count)
	req := Request{API: api}
	if root.kind != kObject {
		req.API = Generic
		w.free("", root)
		req.Segments = w.segs
		return req, nil
	}
	req.Model, _ = root.getString("model")
	if s := root.get("stream"); s != nil && s.kind == kBool {
		req.Stream = s.truth
	}
	switch api {
	case OpenAIChat:
		if d, ok := azureDeployment(path); ok {
			req.Model = d // Azure serves the deployment, whatever the body says
		}
		w.object("", root, openAIChatFields)
	case OpenAIResponses:
		w.object("", root, openAIResponsesFields)
	case AnthropicMessages:
		w.object("", root, anthropicFields)
	case GeminiGenerate:
		if m, stream, ok := geminiMethod(stripQuery(path)); ok {
			req.Model, req.Stream = m, stream
		}
		w.object("", root, geminiFields)
	default:
		req.API = Generic
		w.free("", root)
	}
	req.Segments = w.segs
	return req, nil
}

func stripQuery(path string) string {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		return path[:i]
	}
	return path
}
