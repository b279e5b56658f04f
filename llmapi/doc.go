// Package llmapi knows the wire formats of the LLM vendors' APIs: it recognises
// which API a request speaks, extracts the text segments a prompt is made of
// (with their JSON paths), decodes compressed bodies within limits, and shapes
// errors the way each vendor's own SDKs expect them.
//
// Extraction is schema-guided but never drops text: each API's known text
// fields give segments with meaningful paths, structural fields (roles, ids,
// enums, model names) are skipped only when they hold plain lower-case
// tokens, base64 payloads (images, audio, encrypted reasoning, signatures) are
// skipped, and everything else — unknown fields, unexpected shapes, free-form
// objects such as tool inputs, keys included — is walked string by string. A
// body that is not JSON is one Raw segment; a body with a duplicate object key
// is refused (ErrAmbiguous), since the vendor may read the copy we did not.
//
// Redaction and restore: Rewrite applies edits to the segments of a request
// body, re-encoding only the JSON strings (keys included) that carry them and
// keeping every other byte. RestoreJSON restores placeholders in every string
// of a whole answer; NewStreamRestorer does it in a streamed answer as it
// passes, event by event (SSEFramer for text/event-stream, ArrayFramer for
// Gemini's streamed JSON array), knowing per API which strings are pieces of
// one streamed text (a choice's content, a content block, a tool call's
// arguments) so that a placeholder split across events is still restored.
// The values themselves live elsewhere (package redact, behind Restorer).
package llmapi
