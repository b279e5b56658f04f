package llmapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/promptwall/promptwall/llmapi"
)

// wsCase is one WebSocket protocol's answer built from text cut into
// deltas, and the reading of the text back out of the restored messages.
type wsCase struct {
	name     string
	api      llmapi.API
	jsonText bool
	build    func(pieces []string) []string
	read     func(t *testing.T, msgs []string) (deltas string, whole []string)
}

func readTyped(t *testing.T, msgs []string, delta, done, doneField string) (string, []string) {
	var b strings.Builder
	var whole []string
	for _, m := range msgs {
		var ev map[string]any
		unmarshal(t, m, &ev)
		switch ev["type"] {
		case delta:
			b.WriteString(ev["delta"].(string))
		case done:
			whole = append(whole, ev[doneField].(string))
		}
	}
	return b.String(), whole
}

var wsCases = []wsCase{
	{
		name: "responses.ws", api: llmapi.OpenAIResponses,
		build: func(pieces []string) []string {
			out := []string{`{"type":"response.created","response":{"id":"r1"}}`}
			full := strings.Join(pieces, "")
			for _, p := range pieces {
				out = append(out, `{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":`+q(p)+`}`)
			}
			return append(out, `{"type":"response.output_text.done","item_id":"msg_1","output_index":0,"content_index":0,"text":`+q(full)+`}`,
				`{"type":"response.completed","response":{"id":"r1","usage":{"input_tokens":3,"output_tokens":4}}}`)
		},
		read: func(t *testing.T, msgs []string) (string, []string) {
			return readTyped(t, msgs, "response.output_text.delta", "response.output_text.done", "text")
		},
	},
	{
		name: "realtime.text", api: llmapi.OpenAIRealtime,
		build: func(pieces []string) []string {
			var out []string
			for _, p := range pieces {
				out = append(out, `{"type":"response.output_text.delta","event_id":"e","response_id":"r","item_id":"item_1","output_index":0,"content_index":0,"delta":`+q(p)+`}`)
			}
			// No done event: the response's end must flush what is held.
			return append(out, `{"type":"response.done","response":{"id":"r","usage":{"input_tokens":1,"output_tokens":2}}}`)
		},
		read: func(t *testing.T, msgs []string) (string, []string) {
			return readTyped(t, msgs, "response.output_text.delta", "", "")
		},
	},
	{
		name: "realtime.transcript", api: llmapi.OpenAIRealtime,
		build: func(pieces []string) []string {
			var out []string
			for _, p := range pieces {
				out = append(out, `{"type":"response.output_audio_transcript.delta","item_id":"item_2","content_index":0,"delta":`+q(p)+`}`)
			}
			return append(out, `{"type":"response.output_audio_transcript.done","item_id":"item_2","content_index":0,"transcript":`+q(strings.Join(pieces, ""))+`}`)
		},
		read: func(t *testing.T, msgs []string) (string, []string) {
			return readTyped(t, msgs, "response.output_audio_transcript.delta", "response.output_audio_transcript.done", "transcript")
		},
	},
	{
		name: "realtime.arguments", api: llmapi.OpenAIRealtime, jsonText: true,
		build: func(pieces []string) []string {
			var out []string
			for _, p := range pieces {
				out = append(out, `{"type":"response.function_call_arguments.delta","item_id":"fc_1","call_id":"c","delta":`+q(p)+`}`)
			}
			return append(out, `{"type":"response.function_call_arguments.done","item_id":"fc_1","call_id":"c","arguments":`+q(strings.Join(pieces, ""))+`}`)
		},
		read: func(t *testing.T, msgs []string) (string, []string) {
			return readTyped(t, msgs, "response.function_call_arguments.delta", "response.function_call_arguments.done", "arguments")
		},
	},
	{
		name: "gemini.live", api: llmapi.GeminiLive,
		build: func(pieces []string) []string {
			var out []string
			for i, p := range pieces {
				if i == len(pieces)-1 && i%2 == 1 { // the last piece may come with the turn's end
					out = append(out, `{"serverContent":{"modelTurn":{"parts":[{"text":`+q(p)+`}]},"turnComplete":true}}`)
					return out
				}
				out = append(out, `{"serverContent":{"modelTurn":{"parts":[{"text":`+q(p)+`}]}}}`)
			}
			return append(out, `{"serverContent":{"turnComplete":true},"usageMetadata":{"promptTokenCount":1}}`)
		},
		read: func(t *testing.T, msgs []string) (string, []string) {
			var b strings.Builder
			for _, m := range msgs {
				var ev struct {
					ServerContent struct {
						ModelTurn struct{ Parts []struct{ Text string } }
					}
				}
				unmarshal(t, m, &ev)
				for _, p := range ev.ServerContent.ModelTurn.Parts {
					b.WriteString(p.Text)
				}
			}
			return b.String(), nil
		},
	},
}

func checkWS(t *testing.T, c wsCase, text string, cuts []byte) {
	t.Helper()
	if c.jsonText {
		text = `{"to":` + q(text) + `}`
	}
	v := testVault()
	want := v.Restore(text, c.jsonText)
	er := llmapi.NewEventRestorer(c.api, v)
	var out []string
	for _, m := range c.build(cutRunes(text, cuts)) {
		for _, r := range er.Event([]byte(m)) {
			if !json.Valid(r) {
				t.Fatalf("message is not JSON: %s", r)
			}
			out = append(out, string(r))
		}
	}
	for _, r := range er.Flush() {
		out = append(out, string(r))
	}
	if er.Holding() {
		t.Fatal("still holding after Flush")
	}
	deltas, whole := c.read(t, out)
	checkReadBack(t, deltas, whole, want, "messages:\n"+strings.Join(out, "\n"))
}

func TestEventRestorer(t *testing.T) {
	for _, c := range wsCases {
		eachCutText(t, c.name, func(t *testing.T, text string, cuts []byte) { checkWS(t, c, text, cuts) })
	}
}

// A message that needs no change is handed back as it came, unparsed.
func TestEventRestorerPassesUntouched(t *testing.T) {
	er := llmapi.NewEventRestorer(llmapi.OpenAIResponses, testVault())
	in := []byte(`{"type":"response.output_text.delta","item_id":"m","delta":"plain"}`)
	out := er.Event(in)
	if len(out) != 1 || &out[0][0] != &in[0] {
		t.Fatalf("changed: %q", out)
	}
}

// FuzzEventRestorer: for every WebSocket protocol, wherever the text is cut
// into deltas, the client reads it restored as a whole.
func FuzzEventRestorer(f *testing.F) {
	f.Add("Mail <EMAIL_1> and <NAME_1>.", []byte{1, 2, 3})
	f.Add("<EMAIL_1<EMAIL_1>", []byte{0})
	f.Add("tail <NAME_", []byte{4, 4})
	f.Fuzz(func(t *testing.T, text string, cuts []byte) {
		text = strings.ToValidUTF8(text, "?")
		for _, c := range wsCases {
			checkWS(t, c, text, cuts)
		}
	})
}

func TestParseWSServerEvent(t *testing.T) {
	cases := []struct {
		p    llmapi.WSProtocol
		msg  string
		want llmapi.WSServerEvent
	}{
		{llmapi.WSOpenAIResponses, `{"type":"response.output_text.delta","delta":"\"response.completed\""}`, llmapi.WSServerEvent{}},
		{llmapi.WSOpenAIResponses, `{"type":"response.completed","response":{"usage":{"input_tokens":12,"output_tokens":7}}}`,
			llmapi.WSServerEvent{Ends: true, Usage: llmapi.Usage{InputTokens: 12, OutputTokens: 7}}},
		{llmapi.WSOpenAIResponses, `{"type":"error","status":400,"error":{"message":"x"}}`, llmapi.WSServerEvent{Ends: true}},
		{llmapi.WSOpenAIRealtime, `{"type":"response.done","response":{"usage":{"input_tokens":3,"output_tokens":4}}}`,
			llmapi.WSServerEvent{Ends: true, Usage: llmapi.Usage{InputTokens: 3, OutputTokens: 4}}},
		{llmapi.WSOpenAIRealtime, `{"type":"response.completed"}`, llmapi.WSServerEvent{}},
		{llmapi.WSOpenAIRealtime, `{"type":"error","error":{"event_id":"ev_1"}}`, llmapi.WSServerEvent{ErrorEventID: "ev_1"}},
		{llmapi.WSGeminiLive, `{"serverContent":{"modelTurn":{"parts":[{"text":"hi"}]}}}`, llmapi.WSServerEvent{}},
		{llmapi.WSGeminiLive, `{"serverContent":{"turnComplete":true},"usageMetadata":{"promptTokenCount":9,"responseTokenCount":2}}`,
			llmapi.WSServerEvent{Ends: true, Usage: llmapi.Usage{InputTokens: 9, OutputTokens: 2}}},
		{llmapi.WSGeminiLive, `{"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":3}}`,
			llmapi.WSServerEvent{Usage: llmapi.Usage{InputTokens: 9, OutputTokens: 3}}},
		{llmapi.WSGeminiLive, `not json usageMetadata`, llmapi.WSServerEvent{}},
	}
	for _, c := range cases {
		if got := llmapi.ParseWSServerEvent(c.p, []byte(c.msg)); got != c.want {
			t.Errorf("%s %s: got %+v, want %+v", c.p, c.msg, got, c.want)
		}
	}
}

func FuzzParseWSServerEvent(f *testing.F) {
	f.Add(`{"type":"response.completed","response":{"usage":{"input_tokens":1}}}`)
	f.Add(`{"serverContent":{"turnComplete":true},"usageMetadata":{"responseTokenCount":2}}`)
	f.Fuzz(func(t *testing.T, msg string) {
		for _, p := range []llmapi.WSProtocol{llmapi.WSOpenAIResponses, llmapi.WSOpenAIRealtime, llmapi.WSGeminiLive} {
			ev := llmapi.ParseWSServerEvent(p, []byte(msg))
			if ev.Usage.InputTokens < 0 || ev.Usage.OutputTokens < 0 {
				t.Fatalf("negative usage %+v", ev)
			}
		}
	})
}
