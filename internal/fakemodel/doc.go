// Package fakemodel is a test helper: a fake OpenAI-compatible internal model
// server on 127.0.0.1 that answers the way vLLM does. POST
// /v1/chat/completions answers a chat.completion, or streams SSE
// chat.completion.chunk events (a role chunk, content or tool call deltas, a
// finish chunk with stop_reason, the usage chunk with empty choices when
// stream_options.include_usage is set, then [DONE]); GET /v1/models lists the
// one served model; errors are vLLM's {"object":"error",…} shape.
//
// It records every request, can require a bearer key, and can be made to
// fail (an HTTP status), to break a stream off, or to go down entirely.
package fakemodel
