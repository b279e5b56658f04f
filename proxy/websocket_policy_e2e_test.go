package proxy_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakemodel"
	"github.com/promptwall/promptwall/internal/fakews"
)

// fakeEmail is an address made fresh for each run.
func fakeEmail(t *testing.T) string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return "mario.rossi." + hex.EncodeToString(b[:]) + "@example.com"
}

// readUntil reads events until one whose type is last, and returns them all.
func readUntil(t *testing.T, ctx context.Context, c *websocket.Conn, last string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for {
		_, b, err := c.Read(ctx)
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		var ev map[string]any
		if err := json.Unmarshal(b, &ev); err != nil {
			t.Fatalf("not a JSON event: %q", b)
		}
		out = append(out, ev)
		if ev["type"] == last {
			return out
		}
	}
}

// deltaText joins the delta of every event of type typ.
func deltaText(evs []map[string]any, typ string) (string, int) {
	var b strings.Builder
	n := 0
	for _, ev := range evs {
		if ev["type"] == typ {
			b.WriteString(ev["delta"].(string))
			n++
		}
	}
	return b.String(), n
}

// waitMessages waits a little for the vendor to have received n messages
// (a message it gets no answer for is recorded after the proxy sent it).
func waitMessages(t *testing.T, ws *fakews.Server, n int) []fakews.Message {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		msgs := ws.Messages()
		if len(msgs) >= n || time.Now().After(deadline) {
			return msgs
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func usageOf(l map[string]any) (in, out float64) {
	u, _ := l["promptwall.usage"].(map[string]any)
	in, _ = u["input_tokens"].(float64)
	out, _ = u["output_tokens"].(float64)
	return in, out
}

// Redaction over the Responses WebSocket: the vendor sees a placeholder, the
// client reads its own value back in the streamed deltas, even though the
// placeholder is cut across many of them, and in the final response.
func TestWebSocketRedactRestoresInDeltas(t *testing.T) {
	e, ws := startWS(t, nil, fakews.WithEcho(), fakews.WithChunks(60))
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c := e.dialWS(t, ctx)
	email := fakeEmail(t)
	prompt := "Write to " + email + " about the invoice"
	for range 2 {
		send(t, ctx, c, `{"type":"response.create","model":"gpt-5","input":[{"role":"user","content":[{"type":"input_text","text":"`+prompt+`"}]}]}`)
		evs := readUntil(t, ctx, c, "response.completed")
		text, n := deltaText(evs, "response.output_text.delta")
		if text != "You said: "+prompt || n < 30 {
			t.Fatalf("deltas (%d) read %q", n, text)
		}
		final, _ := json.Marshal(evs[len(evs)-1])
		if !bytes.Contains(final, []byte(email)) || bytes.Contains(final, []byte("<EMAIL_")) {
			t.Fatalf("response.completed %s", final)
		}
	}
	msgs := ws.Messages()
	if len(msgs) != 2 {
		t.Fatalf("vendor received %d messages", len(msgs))
	}
	for _, m := range msgs {
		// The same value keeps its placeholder for the whole connection.
		if bytes.Contains(m.Data, []byte(email)) || !bytes.Contains(m.Data, []byte("Write to <EMAIL_1> about")) {
			t.Fatalf("vendor received %s", m.Data)
		}
	}
	for _, l := range e.auditLines(t, 2) {
		in, out := usageOf(l)
		if l["event.action"] != "redact" || l["promptwall.route"] != "vendor" || in == 0 || out == 0 || l["promptwall.connection"] == "" {
			t.Fatalf("audit %v", l)
		}
	}
}

// Realtime and Gemini Live: a redacted text item or turn, restored in the
// server's text deltas; the usage of response.done and usageMetadata goes
// into the audit event of the message that asked for the answer.
func TestWebSocketRedactRealtimeAndGeminiLive(t *testing.T) {
	e, ws := startWS(t, func(c *config.Config) {
		c.Upstream.Resolve["generativelanguage.googleapis.com:443"] = c.Upstream.Resolve["api.openai.com:443"]
	}, fakews.WithEcho(), fakews.WithChunks(50))
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	email := fakeEmail(t)

	rt := e.dialURL(t, ctx, realtimeURL)
	send(t, ctx, rt, `{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"mail `+email+` now"}]}}`)
	readUntil(t, ctx, rt, "conversation.item.created")
	send(t, ctx, rt, `{"type":"response.create","event_id":"ev_2"}`)
	evs := readUntil(t, ctx, rt, "response.done")
	if text, n := deltaText(evs, "response.output_text.delta"); text != "You said: mail "+email+" now" || n < 20 {
		t.Fatalf("realtime deltas (%d) %q", n, text)
	}
	for _, ev := range evs {
		if ev["type"] == "response.output_text.done" && ev["text"] != "You said: mail "+email+" now" {
			t.Fatalf("realtime done %v", ev)
		}
	}

	live := e.dialURL(t, ctx, geminiLiveURL)
	send(t, ctx, live, `{"setup":{"model":"models/gemini-live-2.5-flash"}}`)
	if _, b, err := live.Read(ctx); err != nil || !bytes.Contains(b, []byte("setupComplete")) {
		t.Fatalf("live setup %s %v", b, err)
	}
	send(t, ctx, live, `{"clientContent":{"turns":[{"role":"user","parts":[{"text":"mail `+email+`"}]}],"turnComplete":true}}`)
	var text strings.Builder
	for {
		_, b, err := live.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			ServerContent struct {
				ModelTurn struct {
					Parts []struct{ Text string }
				}
				TurnComplete bool
			}
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, p := range m.ServerContent.ModelTurn.Parts {
			text.WriteString(p.Text)
		}
		if m.ServerContent.TurnComplete {
			break
		}
	}
	if text.String() != "You said: mail "+email {
		t.Fatalf("live text %q", text.String())
	}

	for _, m := range ws.Messages() {
		if bytes.Contains(m.Data, []byte(email)) {
			t.Fatalf("vendor received %s", m.Data)
		}
	}
	lines := e.auditLines(t, 4)
	byAction := map[string][]map[string]any{}
	for _, l := range lines {
		byAction[l["event.action"].(string)] = append(byAction[l["event.action"].(string)], l)
	}
	if len(byAction["redact"]) != 2 || len(byAction["allow"]) != 2 {
		t.Fatalf("audit %v", lines)
	}
	for _, l := range lines {
		in, out := usageOf(l)
		switch {
		case l["promptwall.api"] == "openai.realtime" && l["event.action"] == "allow": // response.create
			if in != 21 || out != 9 {
				t.Fatalf("realtime usage %v", l)
			}
		case l["promptwall.api"] == "gemini.live" && l["event.action"] == "redact": // the turn
			if in != 17 || out != 5 {
				t.Fatalf("live usage %v", l)
			}
		case in != 0 || out != 0:
			t.Fatalf("usage on a message that asked for no answer: %v", l)
		}
	}
}

// Media: audio and binary frames reach the policy as input.request.media.
// The default bundle refuses them (media.block); a team's data lets audio
// through uninspected, audited.
func TestWebSocketMediaDecidedByPolicy(t *testing.T) {
	audio := `{"type":"input_audio_buffer.append","audio":"UklGRiQAAABXQVZF"}`
	t.Run("default", func(t *testing.T) {
		e, ws := startWS(t, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		c := e.dialURL(t, ctx, realtimeURL)
		send(t, ctx, c, audio)
		if ev := readEvent(t, ctx, c); ev.Type != "error" || !strings.Contains(ev.Error.Message, "carries audio") {
			t.Fatalf("event %+v", ev)
		}
		if n := len(ws.Messages()); n != 0 {
			t.Fatalf("vendor received %d messages", n)
		}
		l := e.auditLines(t, 1)[0]
		if l["event.action"] != "block" || strings.Join(anyStrings(l["promptwall.rules"]), ",") != "media.block" {
			t.Fatalf("audit %v", l)
		}
	})
	t.Run("allowed by data", func(t *testing.T) {
		dir := teamPolicy(t, func(d map[string]any) { d["media_actions"].(map[string]any)["audio"] = "allow" })
		e, ws := startWS(t, func(c *config.Config) { c.Policy.Dir = dir })
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		c := e.dialURL(t, ctx, realtimeURL)
		send(t, ctx, c, audio)
		// Binary frames are still refused: only audio was allowed.
		if err := c.Write(ctx, websocket.MessageBinary, []byte{0, 1, 2, 3}); err != nil {
			t.Fatal(err)
		}
		if ev := readEvent(t, ctx, c); ev.Type != "error" || !strings.Contains(ev.Error.Message, "carries binary") {
			t.Fatalf("event %+v", ev)
		}
		msgs := waitMessages(t, ws, 1)
		if len(msgs) != 1 || string(msgs[0].Data) != audio {
			t.Fatalf("vendor received %+v", msgs)
		}
		lines := e.auditLines(t, 2)
		if lines[0]["event.action"] != "allow" || lines[1]["event.action"] != "block" {
			t.Fatalf("audit %v", lines)
		}
	})
}

// An upgrade promptwall cannot inspect is refused by the default policy
// (channels_e2e_test.go); a team may let one through, relayed uninspected.
func TestWebSocketUnknownUpgradeAllowedByPolicy(t *testing.T) {
	dir := teamPolicy(t, func(d map[string]any) {
		d["allowed_upgrades"] = []any{map[string]any{"host": "api.openai.com", "path": "/ws/echo", "upgrade": "websocket"}}
	})
	e, _ := startWS(t, func(c *config.Config) { c.Policy.Dir = dir })
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, "wss://api.openai.com/ws/echo", &websocket.DialOptions{HTTPClient: e.client()})
	if err != nil {
		t.Fatalf("dial: %v %v", err, resp)
	}
	defer c.CloseNow()
	send(t, ctx, c, "ping over an allowed socket")
	if _, b, err := c.Read(ctx); err != nil || string(b) != "ping over an allowed socket" {
		t.Fatalf("echo %q %v", b, err)
	}
	// Another path on the same host is still refused before the upgrade.
	_, resp, err = websocket.Dial(ctx, "wss://api.openai.com/ws/other", &websocket.DialOptions{HTTPClient: e.client()})
	if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("other path: %v %v", err, resp)
	}
	// The allowed upgrade's decision line was written before the handshake
	// left; its completion line waits for the socket to close.
	raw := e.auditRawLines(t)
	if len(raw) == 0 || !slices.Equal(anyStrings(raw[0]["event.type"]), []string{"start"}) || raw[0]["event.action"] != "allow" ||
		raw[0]["promptwall.route"] != "vendor" {
		t.Fatalf("first audit line %v", raw)
	}
	c.Close(websocket.StatusNormalClosure, "")
	lines := e.auditLines(t, 2)
	if lines[0]["event.action"] != "allow" || lines[0]["http.response.status_code"] != float64(101) || lines[0]["promptwall.route"] != "vendor" ||
		lines[0]["promptwall.end_reason"] != "eof" {
		t.Fatalf("audit %v", lines[0])
	}
	if rules := strings.Join(anyStrings(lines[1]["promptwall.rules"]), ","); lines[1]["event.action"] != "block" || rules != "upgrade.block,promptwall.upgrade_refused" {
		t.Fatalf("audit %v", lines[1])
	}
}

// Reroute over the Responses WebSocket: the internal model answers in the
// socket's own events; the vendor never sees the message. Realtime has no
// translation, so the message is refused, saying why.
func TestWebSocketRerouteAnswersFromInternalModel(t *testing.T) {
	fm := fakemodel.Start(t, fakemodel.WithChunks(4))
	e, ws := startWS(t, func(c *config.Config) {
		c.Internal.BaseURL = fm.URL
		c.Internal.Models = map[string]string{"*": fakemodel.DefaultModel}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c := e.dialWS(t, ctx)
	send(t, ctx, c, `{"type":"response.create","model":"gpt-5","stream_id":"lane-b","input":"`+confidentialPrompt+`"}`)
	evs := readUntil(t, ctx, c, "response.completed")
	if text, n := deltaText(evs, "response.output_text.delta"); text != fakemodel.DefaultReply || n != 4 {
		t.Fatalf("internal answer (%d) %q", n, text)
	}
	if evs[0]["type"] != "response.created" || evs[0]["stream_id"] != "lane-b" {
		t.Fatalf("first event %v", evs[0])
	}
	// The connection goes on: a clean message reaches the vendor.
	send(t, ctx, c, `{"type":"response.create","model":"gpt-5","input":"hello"}`)
	if got := readAnswer(t, ctx, c); got != fakews.DefaultReply {
		t.Fatalf("answer %q", got)
	}

	rt := e.dialURL(t, ctx, realtimeURL)
	send(t, ctx, rt, `{"type":"conversation.item.create","event_id":"ev_9","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"`+confidentialPrompt+`"}]}}`)
	if ev := readEvent(t, ctx, rt); ev.Type != "error" || !strings.Contains(ev.Error.Message, "Realtime protocol has no translation") {
		t.Fatalf("realtime reroute %+v", ev)
	}

	msgs := ws.Messages()
	if len(msgs) != 1 || !bytes.Contains(msgs[0].Data, []byte(`"hello"`)) {
		t.Fatalf("vendor received %+v", msgs)
	}
	if n := len(fm.Requests()); n != 1 {
		t.Fatalf("internal model received %d requests", n)
	}
	lines := e.auditLines(t, 3)
	var rerouted, refused map[string]any
	for _, l := range lines {
		switch {
		case l["event.action"] == "reroute" && l["promptwall.route"] == "internal":
			rerouted = l
		case l["promptwall.api"] == "openai.realtime":
			refused = l
		}
	}
	if rerouted == nil || rerouted["promptwall.route_model"] != fakemodel.DefaultModel {
		t.Fatalf("audit %v", lines)
	}
	if in, out := usageOf(rerouted); in == 0 || out == 0 {
		t.Fatalf("rerouted usage %v", rerouted)
	}
	if refused == nil || refused["event.action"] != "block" || !strings.Contains(strings.Join(anyStrings(refused["promptwall.rules"]), ","), "promptwall.reroute_untranslatable") {
		t.Fatalf("audit %v", lines)
	}
}

// TestWebSocketClientThatStopsReadingIsCut: a WebSocket client that keeps
// sending but stops reading would hold the vendor's socket forever; its
// connection is cut once a write to it has been stuck for the idle timeout.
func TestWebSocketClientThatStopsReadingIsCut(t *testing.T) {
	dir := teamPolicy(t, func(d map[string]any) {
		d["allowed_upgrades"] = []any{map[string]any{"host": "api.openai.com", "path": "/ws/echo", "upgrade": "websocket"}}
	})
	e, _ := startWS(t, func(c *config.Config) {
		c.Policy.Dir = dir
		c.Limits.IdleTimeoutSeconds = 1
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, "wss://api.openai.com/ws/echo", &websocket.DialOptions{HTTPClient: e.client()})
	if err != nil {
		t.Fatalf("dial: %v %v", err, resp)
	}
	defer c.CloseNow()
	c.SetReadLimit(-1)
	chunk := make([]byte, 256<<10)
	start := time.Now()
	for {
		// The echo comes back and is never read: the proxy's writes to this
		// client stall once the socket buffers are full.
		if err = c.Write(ctx, websocket.MessageBinary, chunk); err != nil {
			break
		}
	}
	if ctx.Err() != nil {
		t.Fatalf("still connected after %s of not reading", time.Since(start).Round(time.Second))
	}
}
