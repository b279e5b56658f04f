// Package fakews is a test helper: a fake vendor WebSocket endpoint over TLS
// on 127.0.0.1 speaking the OpenAI Responses WebSocket events. On
// response.create it streams response.created, response.output_text.delta…
// and response.completed; any other event gets the vendor's error event.
// Minimal Realtime and Gemini Live endpoints answer with text events and
// usage, and WithEcho makes every answer repeat what the vendor received.
// Every handshake and every message it receives is recorded, so tests can
// prove what reached the vendor (and what did not).
//
// It accepts permessage-deflate when offered, so a test can tell whether the
// proxy in front negotiated compression away.
package fakews
