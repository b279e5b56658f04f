package proxy_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/promptwall/promptwall/internal/fakews"
)

// TestWebSocketUsageAfterManyAnswersWaiting: past 32 answers running on
// one connection the oldest message's event is written early, without its
// usage; the answers that end after that must still be credited to their
// own messages, not shifted by one.
func TestWebSocketUsageAfterManyAnswersWaiting(t *testing.T) {
	const n = 36
	gate := make(chan struct{})
	var once sync.Once
	e, _ := startWS(t, nil, fakews.WithOnMessage(func(fakews.Message) {
		once.Do(func() { <-gate }) // the vendor answers nothing until every message is out
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := e.dialWS(t, ctx)
	for i := range n {
		// Each message a different length: the fake vendor's input_tokens is len/4.
		send(t, ctx, c, fmt.Sprintf(`{"type":"response.create","model":"gpt-5","input":"question %d %s"}`, i, strings.Repeat("w", 8*i)))
	}
	decided := func() int {
		k := 0
		for _, l := range e.auditRawLines(t) {
			if typ := anyStrings(l["event.type"]); len(typ) > 0 && typ[0] == "start" {
				k++
			}
		}
		return k
	}
	for deadline := time.Now().Add(10 * time.Second); decided() < n; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d messages decided", decided(), n)
		}
	}
	time.Sleep(200 * time.Millisecond) // the last decided message leaves for the vendor
	close(gate)
	for range n {
		readAnswer(t, ctx, c)
	}
	lines := e.auditLines(t, n)
	early := 0
	for i, l := range lines {
		in := l["promptwall.usage"].(map[string]any)["input_tokens"].(float64)
		if strings.Contains(fmt.Sprint(l["event.reason"]), "too many answers") {
			early++
			continue
		}
		if want := float64(int(l["http.request.body.bytes"].(float64)) / 4); in != want {
			t.Errorf("message %d: input_tokens %v, want %v (its own answer's)", i, in, want)
		}
	}
	if early != n-32 {
		t.Errorf("%d events written early, want %d", early, n-32)
	}
}
