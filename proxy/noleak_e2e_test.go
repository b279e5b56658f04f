package proxy_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/openai/openai-go/v3"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
)

// TestNoValueInAnyOutput pushes generated credentials through every refusal
// and failure path and searches every output promptwall produces — audit
// trail, operational log (debug level), metrics, the answers it writes — for
// them.
func TestNoValueInAnyOutput(t *testing.T) {
	// An allow-everything policy, so that credentials also take the
	// forwarding path, where the vendor is down.
	allowAll := t.TempDir()
	os.WriteFile(filepath.Join(allowAll, "p.rego"), []byte(`package promptwall

import rego.v1

decision := {"action": "allow", "reasons": []}

default connect := {"action": "mitm"}
`), 0o600)
	dead, _ := net.Listen("tcp", "127.0.0.1:0")
	deadAddr := dead.Addr().String()
	dead.Close()

	var secrets []string
	fresh := func() string { k := fakeAWSKey(t); secrets = append(secrets, k); return k }
	var answers bytes.Buffer
	post := func(e *env, url, contentType string, body []byte) {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		resp, err := e.client().Do(req)
		if err != nil {
			answers.WriteString(err.Error())
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		answers.Write(b)
	}

	// Default policy: refusals.
	e := start(t, fakevendor.Start(t), nil)
	_, err := e.openai().Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("key " + fresh())}})
	answers.WriteString(err.Error())
	_, err = e.anthropic().Messages.New(context.Background(), anthropic.MessageNewParams{Model: "claude-sonnet-4-5", MaxTokens: 10,
		Messages: []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("key " + fresh()))}})
	answers.WriteString(err.Error())
	post(e, "https://api.openai.com/v1/chat/completions", "application/json",
		[]byte(`{"model":"gpt-4o","model":"`+fresh()+`","messages":[]}`)) // duplicate keys
	post(e, "https://api.openai.com/v1/chat/completions", "text/plain", []byte("raw "+fresh()))
	post(e, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key="+fresh(), "application/json",
		[]byte(`{"contents":[{"parts":[{"text":"`+fresh()+`"}]}]}`))
	outputs := []*env{e}

	// Allow-all policy, vendor down: the forwarding error path.
	e2 := start(t, fakevendor.Start(t), func(c *config.Config) {
		c.Policy.Dir = allowAll
		for _, h := range vendorHosts {
			c.Upstream.Resolve[h+":443"] = deadAddr
		}
	})
	post(e2, "https://api.openai.com/v1/chat/completions", "application/json",
		[]byte(`{"model":"gpt-4o","messages":[{"role":"user","content":"`+fresh()+`"}]}`))
	post(e2, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key="+fresh(), "application/json",
		[]byte(`{"contents":[{"parts":[{"text":"hello"}]}]}`))
	outputs = append(outputs, e2)

	for i, e := range outputs {
		audit, _ := os.ReadFile(e.audit)
		resp, err := http.Get("http://" + e.admin + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		metrics, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if len(audit) == 0 || !strings.Contains(e.logs.String(), "promptwall listening") {
			t.Fatalf("env %d: nothing captured", i)
		}
		for _, s := range secrets {
			for name, out := range map[string]string{"audit": string(audit), "log": e.logs.String(), "metrics": string(metrics), "answers": answers.String()} {
				if strings.Contains(out, s) {
					t.Errorf("env %d: the %s output holds a credential", i, name)
				}
			}
		}
	}
	if n := strings.Count(answers.String(), "Request id: pw-"); n < 6 {
		t.Errorf("only %d refusals named their request id:\n%s", n, answers.String())
	}
}
