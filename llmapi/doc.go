// Package llmapi knows the wire formats of the LLM vendors' APIs: it recognises
// which API a request speaks, extracts the text segments a prompt is made of
// (with their JSON paths), decodes compressed bodies within limits, and shapes
// errors the way each vendor's own SDKs expect them.
package llmapi
