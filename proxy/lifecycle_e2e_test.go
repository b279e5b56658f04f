package proxy_test

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
)

func TestShutdownDrainsOpenStreams(t *testing.T) {
	gate := make(chan struct{})
	e := start(t, fakevendor.Start(t, fakevendor.WithChunks(4), fakevendor.WithStreamGate(gate)), nil)
	stream := e.openai().Chat.Completions.NewStreaming(context.Background(), openai.ChatCompletionNewParams{
		Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("a long answer please")}})
	if !stream.Next() {
		t.Fatalf("no first event: %v", stream.Err())
	}
	closed := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		closed <- e.srv.Close(ctx)
	}()
	// New clients are turned away while the stream is still open…
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", e.proxyURL.Host, time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the proxy still accepts connections during shutdown")
		}
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case err := <-closed:
		t.Fatalf("Close returned before the stream ended: %v", err)
	default:
	}
	// …and the open stream runs to its end.
	close(gate)
	for stream.Next() {
	}
	if err := stream.Err(); err != nil {
		t.Fatalf("stream cut during drain: %v", err)
	}
	if err := <-closed; err != nil {
		t.Fatalf("Close: %v", err)
	}
}

func TestReloadSwapsPolicyAndKeepsLastGood(t *testing.T) {
	dir := t.TempDir()
	write := func(action string) {
		src := `package promptwall

import rego.v1

decision := {"action": "` + action + `", "reasons": [{"rule": "team.rule", "message": "Team rule says ` + action + `."}]}

default connect := {"action": "mitm"}
`
		if err := os.WriteFile(filepath.Join(dir, "team.rego"), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("allow")
	e := start(t, fakevendor.Start(t), func(c *config.Config) { c.Policy.Dir = dir })
	ask := func() error {
		_, err := e.openai().Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
			Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hello")}})
		return err
	}
	if err := ask(); err != nil {
		t.Fatal(err)
	}
	write("block")
	if err := e.srv.Reload(context.Background(), e.cfg); err != nil {
		t.Fatal(err)
	}
	var apiErr *openai.Error
	if err := ask(); !errors.As(err, &apiErr) || !strings.Contains(apiErr.Message, "Team rule says block") {
		t.Fatalf("after reload: %v", err)
	}
	// A broken edit is refused and the last good policy stays in force.
	os.WriteFile(filepath.Join(dir, "team.rego"), []byte("package promptwall\n\ndecision := {"), 0o600)
	if err := e.srv.Reload(context.Background(), e.cfg); err == nil || !strings.Contains(err.Error(), "team.rego") {
		t.Fatalf("broken policy: err = %v", err)
	}
	if err := ask(); !errors.As(err, &apiErr) || !strings.Contains(apiErr.Message, "Team rule says block") {
		t.Fatalf("after a broken edit: %v", err)
	}
	lines := e.auditLines(t, 3)
	if lines[0]["promptwall.policy_revision"] == lines[1]["promptwall.policy_revision"] {
		t.Error("the audit does not show the new policy revision")
	}
}
