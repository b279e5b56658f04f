package llmapi

// OpenAI responses (POST …/responses): instructions, and input as a string or
// as items (messages, function calls and their outputs, reasoning…).

var openAIResponsesFields = with(fields{
	"instructions":      freeF,
	"input":             each(obj(responsesItemFields)),
	"user":              freeF,
	"safety_identifier": freeF,
	"prompt_cache_key":  freeF,
	"metadata":          freeF,
	"tools":             freeF,
	"text":              freeF,
	"prompt":            freeF,
},
	"model", "stream", "stream_options", "temperature", "top_p", "top_logprobs",
	"max_output_tokens", "max_tool_calls", "parallel_tool_calls", "store", "service_tier",
	"background", "truncation", "include", "reasoning", "tool_choice",
	"previous_response_id", "conversation",
)

var responsesItemFields = with(fields{
	"content":           each(obj(responsesPartFields)),
	"arguments":         freeF, // function_call: one segment
	"input":             freeF, // custom_tool_call
	"output":            each(obj(responsesPartFields)),
	"summary":           each(obj(responsesPartFields)),
	"encrypted_content": opaqueF,
}, "type", "role", "id", "status", "call_id", "name")

var responsesPartFields = with(fields{
	"text":        freeF,
	"refusal":     freeF,
	"annotations": freeF,
	"image_url":   dataURLF,
	"file_data":   dataURLF,
	"file_url":    freeF,
	"filename":    freeF,
}, "type", "file_id", "detail", "logprobs")
