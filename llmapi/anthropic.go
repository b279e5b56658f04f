package llmapi

// Anthropic messages (POST /v1/messages): system as a string or blocks,
// messages whose content is a string or blocks (text, image, document,
// tool_use, tool_result, thinking).

var anthropicFields = with(fields{
	"system":         each(lazyObj(anthropicBlockFields)),
	"messages":       each(obj(anthropicMessageFields)),
	"tools":          freeF,
	"metadata":       freeF,
	"stop_sequences": freeF,
	"mcp_servers":    freeF,
},
	"model", "stream", "max_tokens", "temperature", "top_k", "top_p", "thinking",
	"tool_choice", "service_tier", "container", "context_management",
)

var anthropicMessageFields = with(fields{
	"content": each(lazyObj(anthropicBlockFields)),
}, "role")

var anthropicBlocks fields

func init() {
	anthropicBlocks = with(fields{
		"text":      freeF,
		"thinking":  freeF,
		"title":     freeF,
		"context":   freeF,
		"citations": freeF,
		"input":     freeF, // tool_use: free-form, keys included
		"content":   each(lazyObj(anthropicBlockFields)),
		"source":    anthropicSource,
		"signature": opaqueF,
		"data":      opaqueF, // redacted_thinking
	}, "type", "id", "name", "tool_use_id", "is_error", "cache_control")
}

func anthropicBlockFields() fields { return anthropicBlocks }

var (
	anthropicBase64Source = with(fields{
		"data": opaqueF,
	}, "type", "media_type", "file_id")
	anthropicOtherSource = with(fields{
		"data":    freeF, // type "text": a plain-text document
		"url":     freeF,
		"content": each(lazyObj(anthropicBlockFields)),
	}, "type", "media_type", "file_id")
)

// anthropicSource skips base64 payloads but scans text documents and URLs.
func anthropicSource(w *walker, path string, v *node) {
	if t, _ := v.getString("type"); t == "base64" {
		w.object(path, v, anthropicBase64Source)
		return
	}
	w.object(path, v, anthropicOtherSource)
}
