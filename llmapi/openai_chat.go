package llmapi

import "strings"

// OpenAI chat completions (POST …/chat/completions), also spoken by most
// OpenAI-compatible vendors and by Azure OpenAI under
// /openai/deployments/{deployment}/chat/completions.

var openAIChatFields = with(fields{
	"messages": each(obj(chatMessageFields)),
	// Client-chosen strings the vendor receives and may log: scanned.
	"user":              freeF,
	"safety_identifier": freeF,
	"prompt_cache_key":  freeF,
	"metadata":          freeF,
	"tools":             freeF,
	"functions":         freeF,
	"response_format":   freeF,
	"stop":              freeF,
	"prediction":        freeF,
},
	"model", "stream", "stream_options", "temperature", "top_p", "n", "max_tokens",
	"max_completion_tokens", "presence_penalty", "frequency_penalty", "seed", "logprobs",
	"top_logprobs", "logit_bias", "parallel_tool_calls", "store", "service_tier",
	"reasoning_effort", "verbosity", "modalities", "tool_choice", "function_call", "audio",
	"web_search_options",
)

var chatMessageFields = with(fields{
	"content":    each(obj(chatPartFields)),
	"refusal":    freeF,
	"tool_calls": each(obj(chatToolCallFields)),
	"function_call": obj(with(fields{
		"arguments": freeF,
	}, "name")),
	"audio": freeF,
}, "role", "name", "tool_call_id")

var chatPartFields = with(fields{
	"text":    freeF,
	"refusal": freeF,
	"image_url": obj(with(fields{
		"url": dataURLF,
	}, "detail")),
	"input_audio": obj(with(fields{
		"data": opaqueF,
	}, "format")),
	"file": obj(with(fields{
		"file_data": dataURLF,
		"filename":  freeF,
	}, "file_id")),
}, "type", "cache_control")

var chatToolCallFields = with(fields{
	// The arguments string is one segment: it is what the vendor receives.
	"function": obj(with(fields{"arguments": freeF}, "name")),
	"custom":   obj(with(fields{"input": freeF}, "name")),
}, "id", "type", "index")

// azureDeployment returns the deployment of an Azure OpenAI path
// (/openai/deployments/{d}/…).
func azureDeployment(path string) (string, bool) {
	const pre = "/openai/deployments/"
	i := strings.Index(path, pre)
	if i < 0 {
		return "", false
	}
	rest := path[i+len(pre):]
	d, _, _ := strings.Cut(rest, "/")
	return d, d != ""
}
