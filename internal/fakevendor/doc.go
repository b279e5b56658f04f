// Package fakevendor is a test helper: an HTTPS server on 127.0.0.1 that
// speaks the real wire formats of OpenAI (chat completions, responses),
// Anthropic (messages) and Gemini (generateContent, streamGenerateContent),
// JSON and streaming, and records every request byte for byte.
//
// Answers are deterministic (ids from a per-server counter, a fixed
// "created" time) so tests can compare them with golden files. Streams are
// flushed event by event; WithStreamGate holds back the last text delta so a
// test can prove that earlier events reached the client first.
package fakevendor
