// Package fakevendor is a test helper: an HTTPS server on 127.0.0.1 that
// speaks the real wire formats of OpenAI (chat completions, responses),
// Anthropic (messages) and Gemini (generateContent, streamGenerateContent),
// JSON and streaming, and records every request byte for byte.
//
// Answers are deterministic (ids from a per-server counter, a fixed
// "created" time) so tests can compare them with golden files. Streams are
// flushed event by event; WithStreamGate holds back the last text delta so a
// test can prove that earlier events reached the client first.
//
// For redaction tests: WithEcho answers with the last user message
// (EchoPrefix + text), so whatever the vendor received comes back;
// WithToolCall answers with a tool call carrying that text in its arguments;
// WithChunks(n) with a large n and WithWriteSize(a few bytes) cut streams so
// that placeholders straddle both events and network writes;
// WithGzipAnswers encodes answers even when identity was asked for.
package fakevendor
