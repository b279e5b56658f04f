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
package llmapi
