package llmapi

// API names the wire format of a request, as it appears in the policy input
// (input.request.api) and the audit event (promptwall.api).
type API string

// The APIs promptwall recognises. Generic and Raw are the fallbacks: any other
// JSON on a vendor host is walked string by string, and a body that is not JSON
// is scanned as one text segment.
const (
	OpenAIChat        API = "openai.chat"
	OpenAIResponses   API = "openai.responses"
	AnthropicMessages API = "anthropic.messages"
	GeminiGenerate    API = "gemini.generate"
	Generic           API = "generic.json"
	Raw               API = "raw.text"
)

// Segment is one piece of user-controlled text taken out of a request body.
// Path is the JSON path of the string that holds it, in the form
// `messages[2].content[0].text` (empty for a raw, non-JSON body); a key that
// is not a plain identifier is written `input["a b"]`, JSON-quoted.
//
// Key is set when Text is an object key rather than a value: free-form
// objects (tool inputs, metadata, unknown fields) carry text in their keys
// too. Path is then the path of the member that key names.
type Segment struct {
	Path string `json:"path"`
	Text string `json:"text"`
	Key  bool   `json:"key,omitempty"`
}
