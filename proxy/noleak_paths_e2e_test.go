package proxy_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/openai/openai-go/v3"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakemodel"
	"github.com/promptwall/promptwall/internal/fakevendor"
)

// TestNoValueInOutputsOnRedactAndReroute covers the two paths where
// sensitive values legitimately travel on (to the user's own answer, or to
// the internal model): they must still appear in no audit line, log line
// or metric.
func TestNoValueInOutputsOnRedactAndReroute(t *testing.T) {
	var b [6]byte
	rand.Read(b[:])
	email := "user" + hex.EncodeToString(b[:]) + "@example.com"
	model := fakemodel.Start(t)
	e := start(t, fakevendor.Start(t, fakevendor.WithEcho()), func(c *config.Config) {
		c.Internal.BaseURL = model.URL
		c.Internal.Models = map[string]string{"*": fakemodel.DefaultModel}
	})
	ask := func(prompt string) {
		t.Helper()
		if _, err := e.openai().Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
			Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(prompt)}}); err != nil {
			t.Fatal(err)
		}
	}
	ask("Write to " + email + " about the invoice.")                                   // redact: pseudonymised to the vendor, restored
	ask("CONFIDENTIAL - internal only. Summarise the plan and copy " + email + " in.") // reroute: answered in-house
	lines := e.auditLines(t, 2)
	if lines[0]["event.action"] != "redact" || lines[1]["event.action"] != "reroute" {
		t.Fatalf("actions %v then %v, want redact then reroute", lines[0]["event.action"], lines[1]["event.action"])
	}
	if strings.Contains(string(e.vendor.Last().Body), email) {
		t.Fatal("the vendor received the address")
	}
	audit, _ := os.ReadFile(e.audit)
	resp, err := http.Get("http://" + e.admin + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for name, out := range map[string]string{"audit": string(audit), "log": e.logs.String(), "metrics": string(metrics)} {
		if strings.Contains(out, email) {
			t.Errorf("the %s output holds the address", name)
		}
	}
}
