package llmapi

import (
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestIdentifyWebSocket(t *testing.T) {
	for path, want := range map[string]WSProtocol{
		"/v1/responses":                   WSOpenAIResponses,
		"/v1/responses/":                  WSOpenAIResponses,
		"/v1/realtime?model=gpt-realtime": WSOpenAIRealtime,
		"/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=x":       WSGeminiLive,
		"/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained": WSGeminiLive,
		"/v1/chat/completions": "",
		"/socket.io/":          "",
	} {
		got, ok := IdentifyWebSocket(path)
		if got != want || ok != (want != "") {
			t.Errorf("%s: %q %v, want %q", path, got, ok, want)
		}
	}
}

func TestExtractWebSocket(t *testing.T) {
	type seg struct{ path, text string }
	tests := []struct {
		name  string
		proto WSProtocol
		uri   string
		msg   string
		api   API
		model string
		typ   string
		segs  []seg
		media []string
		asks  bool // Answers
	}{
		{name: "responses create", proto: WSOpenAIResponses, uri: "/v1/responses",
			msg: `{"type":"response.create","model":"gpt-5","instructions":"be brief","input":[{"role":"user","content":[{"type":"input_text","text":"hello there"}]}],"stream_id":"lane-1"}`,
			api: OpenAIResponses, model: "gpt-5", typ: "response.create", asks: true,
			segs: []seg{{"instructions", "be brief"}, {"input[0].content[0].text", "hello there"}}},
		{name: "responses create string input", proto: WSOpenAIResponses, uri: "/v1/responses",
			msg: `{"type":"response.create","model":"gpt-5","input":"Say hi"}`,
			api: OpenAIResponses, model: "gpt-5", typ: "response.create", segs: []seg{{"input", "Say hi"}}, asks: true},
		{name: "realtime response", proto: WSOpenAIRealtime, uri: "/v1/realtime?model=gpt-realtime",
			msg: `{"type":"response.create","event_id":"ev2","response":{"instructions":"short"}}`,
			api: OpenAIRealtime, model: "gpt-realtime", typ: "response.create", segs: []seg{{"response.instructions", "short"}}, asks: true},
		{name: "gemini incomplete turn", proto: WSGeminiLive, uri: "/ws/x.BidiGenerateContent",
			msg: `{"clientContent":{"turns":[{"role":"user","parts":[{"text":"part one"}]}],"turnComplete":false}}`,
			api: GeminiLive, typ: "clientContent", segs: []seg{{"clientContent.turns[0].parts[0].text", "part one"}}},
		{name: "responses steer", proto: WSOpenAIResponses, uri: "/v1/responses",
			msg: `{"type":"response.steer","previous_response_id":"resp_1","input":[{"role":"user","content":"also this"}]}`,
			api: OpenAIResponses, typ: "response.steer", segs: []seg{{"input[0].content", "also this"}}},
		{name: "responses unknown event is walked", proto: WSOpenAIResponses, uri: "/v1/responses",
			msg: `{"type":"response.future","note":"secret words"}`,
			api: OpenAIResponses, typ: "response.future", segs: []seg{{"note", "note"}, {"note", "secret words"}}},
		{name: "realtime item", proto: WSOpenAIRealtime, uri: "/v1/realtime?model=gpt-realtime",
			msg: `{"type":"conversation.item.create","event_id":"ev1","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"what is up"}]}}`,
			api: OpenAIRealtime, model: "gpt-realtime", typ: "conversation.item.create", segs: []seg{{"item.content[0].text", "what is up"}}},
		{name: "realtime session", proto: WSOpenAIRealtime, uri: "/v1/realtime",
			msg: `{"type":"session.update","session":{"type":"realtime","model":"gpt-realtime-mini","instructions":"You are kind"}}`,
			api: OpenAIRealtime, model: "gpt-realtime-mini", typ: "session.update", segs: []seg{{"session.instructions", "You are kind"}}},
		{name: "realtime audio", proto: WSOpenAIRealtime, uri: "/v1/realtime",
			msg: `{"type":"input_audio_buffer.append","audio":"UklGRg=="}`,
			api: OpenAIRealtime, typ: "input_audio_buffer.append", media: []string{MediaAudio}},
		{name: "gemini setup", proto: WSGeminiLive, uri: "/ws/x.BidiGenerateContent",
			msg: `{"setup":{"model":"models/gemini-live-2.5-flash","systemInstruction":{"parts":[{"text":"be terse"}]}}}`,
			api: GeminiLive, model: "gemini-live-2.5-flash", typ: "setup", segs: []seg{{"setup.systemInstruction.parts[0].text", "be terse"}}},
		{name: "gemini turns", proto: WSGeminiLive, uri: "/ws/x.BidiGenerateContent",
			msg: `{"client_content":{"turns":[{"role":"user","parts":[{"text":"hi gemini"}]}],"turn_complete":true}}`,
			api: GeminiLive, typ: "client_content", segs: []seg{{"client_content.turns[0].parts[0].text", "hi gemini"}}, asks: true},
		{name: "gemini realtime text and audio", proto: WSGeminiLive, uri: "/ws/x.BidiGenerateContent",
			msg: `{"realtimeInput":{"text":"typed words","audio":{"data":"AAAA","mimeType":"audio/pcm"}}}`,
			api: GeminiLive, typ: "realtimeInput", segs: []seg{{"realtimeInput.text", "typed words"}}, media: []string{MediaAudio}},
		{name: "not json", proto: WSOpenAIResponses, uri: "/v1/responses", msg: `hello plain`,
			api: Raw, segs: []seg{{"", "hello plain"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ExtractWebSocket(tt.proto, tt.uri, []byte(tt.msg))
			if err != nil {
				t.Fatal(err)
			}
			if m.API != tt.api || m.Model != tt.model || m.Type != tt.typ {
				t.Errorf("api %q model %q type %q", m.API, m.Model, m.Type)
			}
			var got []seg
			for _, s := range m.Segments {
				got = append(got, seg{s.Path, s.Text})
			}
			if !slices.Equal(got, tt.segs) {
				t.Errorf("segments %v, want %v", got, tt.segs)
			}
			if !slices.Equal(m.Media, tt.media) {
				t.Errorf("media %v, want %v", m.Media, tt.media)
			}
			if m.Answers != tt.asks {
				t.Errorf("answers %v, want %v", m.Answers, tt.asks)
			}
		})
	}
}

func TestExtractWebSocketAmbiguous(t *testing.T) {
	_, err := ExtractWebSocket(WSOpenAIResponses, "/v1/responses", []byte(`{"type":"response.create","input":"a","input":"b"}`))
	if !errors.Is(err, ErrAmbiguous) {
		t.Fatalf("err = %v", err)
	}
}

func TestWSErrorEvent(t *testing.T) {
	b, ok := WSErrorEvent(WSOpenAIResponses, WSMessage{StreamID: "lane"}, 403, "promptwall: no")
	var r struct {
		Type     string `json:"type"`
		Status   int    `json:"status"`
		StreamID string `json:"stream_id"`
		Error    struct {
			Type, Code, Message string
			Param               *string
		} `json:"error"`
	}
	if !ok || json.Unmarshal(b, &r) != nil || r.Type != "error" || r.Status != 403 || r.StreamID != "lane" ||
		r.Error.Code != "policy_violation" || r.Error.Message != "promptwall: no" || r.Error.Type != OpenAIErrorType {
		t.Fatalf("responses error event %s", b)
	}
	b, ok = WSErrorEvent(WSOpenAIRealtime, WSMessage{EventID: "ev7"}, 403, "promptwall: no")
	if !ok || !strings.Contains(string(b), `"event_id":"ev7"`) || !strings.Contains(string(b), `"code":"policy_violation"`) {
		t.Fatalf("realtime error event %s", b)
	}
	if _, ok := WSErrorEvent(WSGeminiLive, WSMessage{}, 403, "x"); ok {
		t.Fatal("gemini live has no error event")
	}
}

// FuzzExtractWebSocket: any message, any protocol: no panic, and a message
// that parses never loses its text (every string value it holds is either
// in a segment or skipped as media).
func FuzzExtractWebSocket(f *testing.F) {
	f.Add(uint8(0), []byte(`{"type":"response.create","input":"hi"}`))
	f.Add(uint8(1), []byte(`{"type":"conversation.item.create","item":{"content":[{"type":"input_text","text":"x"}]}}`))
	f.Add(uint8(2), []byte(`{"clientContent":{"turns":[{"parts":[{"text":"x"}]}]}}`))
	f.Add(uint8(2), []byte(`{"realtimeInput":{"audio":{"data":"AAAA"}}}`))
	f.Add(uint8(0), []byte(`{"type":"response.steer","x":{"Secret Word":1}}`))
	f.Add(uint8(1), []byte(`{"type":"session.update","session":{"model":"Secret Word"}}`))
	f.Add(uint8(2), []byte(`{"setup":{"model":"Secret Word"}}`))
	protos := []WSProtocol{WSOpenAIResponses, WSOpenAIRealtime, WSGeminiLive}
	f.Fuzz(func(t *testing.T, p uint8, msg []byte) {
		m, err := ExtractWebSocket(protos[int(p)%len(protos)], "/v1/realtime?model=m", msg)
		if err != nil && !errors.Is(err, ErrAmbiguous) {
			t.Fatalf("unexpected error %v", err)
		}
		if err == nil && len(m.Segments) == 0 && len(m.Media) == 0 && strings.Contains(string(msg), "Secret Word") {
			t.Fatalf("text dropped from %q", msg)
		}
	})
}

func TestTranslateWebSocket(t *testing.T) {
	create := []byte(`{"type":"response.create","model":"gpt-5","stream_id":"l","input":"hello"}`)
	m, err := ExtractWebSocket(WSOpenAIResponses, "/v1/responses", create)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := TranslateWebSocket(WSOpenAIResponses, m, create, "llama")
	if err != nil || !tr.Stream() || tr.Model() != "llama" {
		t.Fatalf("translation %v %v", tr, err)
	}
	var body struct {
		Model    string
		Stream   bool
		Messages []struct{ Role, Content string }
	}
	if err := json.Unmarshal(tr.Body(), &body); err != nil || !body.Stream || body.Model != "llama" ||
		len(body.Messages) != 1 || body.Messages[0].Content != "hello" {
		t.Fatalf("chat body %s %v", tr.Body(), err)
	}
	chat := "data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n" +
		"data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}\n\n" +
		"data: [DONE]\n\n"
	evs := tr.WebSocketEvents(io.NopCloser(strings.NewReader(chat)), "l")
	var types []string
	for {
		data, err := evs.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		var ev struct {
			Type     string `json:"type"`
			StreamID string `json:"stream_id"`
		}
		if err := json.Unmarshal(data, &ev); err != nil || ev.StreamID != "l" {
			t.Fatalf("event %s %v", data, err)
		}
		types = append(types, ev.Type)
	}
	if types[0] != "response.created" || types[len(types)-1] != "response.completed" || !slices.Contains(types, "response.output_text.delta") {
		t.Fatalf("events %v", types)
	}
	if u := tr.Usage(); u.InputTokens != 3 || u.OutputTokens != 1 {
		t.Fatalf("usage %+v", u)
	}

	for _, c := range []struct {
		p    WSProtocol
		msg  string
		want string
	}{
		{WSOpenAIRealtime, `{"type":"conversation.item.create"}`, "Realtime protocol has no translation"},
		{WSGeminiLive, `{"clientContent":{}}`, "Gemini Live protocol has no translation"},
		{WSOpenAIResponses, `{"type":"response.steer","input":"x"}`, "only response.create"},
		{WSOpenAIResponses, `{"type":"response.create","previous_response_id":"resp_1","input":"x"}`, "previous_response_id"},
	} {
		m, _ := ExtractWebSocket(c.p, "/", []byte(c.msg))
		if _, err := TranslateWebSocket(c.p, m, []byte(c.msg), "llama"); !errors.Is(err, ErrUntranslatable) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.msg, err)
		}
	}
}
