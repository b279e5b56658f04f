package fakews

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

func TestResponsesStream(t *testing.T) {
	s := Start(t, WithReply("one two three four"), WithChunks(4))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: s.CA.ClientTLS()}}
	c, _, err := websocket.Dial(ctx, "wss://"+s.Addr+"/v1/responses", &websocket.DialOptions{HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	msg := `{"type":"response.create","model":"gpt-5","input":"hi","stream_id":"l1"}`
	if err := c.Write(ctx, websocket.MessageText, []byte(msg)); err != nil {
		t.Fatal(err)
	}
	var types []string
	var text strings.Builder
	for len(types) == 0 || types[len(types)-1] != "response.completed" {
		_, b, err := c.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ev struct{ Type, Delta string }
		if err := json.Unmarshal(b, &ev); err != nil {
			t.Fatal(err)
		}
		var raw map[string]any
		_ = json.Unmarshal(b, &raw)
		if raw["stream_id"] != "l1" {
			t.Fatalf("event without its lane: %s", b)
		}
		types = append(types, ev.Type)
		text.WriteString(ev.Delta)
	}
	if len(types) != 6 || types[0] != "response.created" || text.String() != "one two three four" {
		t.Fatalf("events %v text %q", types, text.String())
	}
	if err := c.Write(ctx, websocket.MessageText, []byte(`{"type":"nope"}`)); err != nil {
		t.Fatal(err)
	}
	if _, b, err := c.Read(ctx); err != nil || !strings.Contains(string(b), `"unknown_event"`) {
		t.Fatalf("unknown event answer %s %v", b, err)
	}
	if m := s.Messages(); len(m) != 2 || string(m[0].Data) != msg {
		t.Fatalf("recorded %+v", m)
	}
	if h := s.Handshakes(); len(h) != 1 || h[0].Path != "/v1/responses" {
		t.Fatalf("handshakes %+v", h)
	}
}
