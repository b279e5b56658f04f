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

func TestLiveEditAppliesWithoutReload(t *testing.T) {
	dir := teamPolicy(t, func(map[string]any) {})
	e := start(t, fakevendor.Start(t), func(c *config.Config) { c.Policy.Dir = dir })
	ask := func(prompt string) error {
		_, err := e.openai().Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
			Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(prompt)}})
		return err
	}
	if err := ask("hello"); err != nil {
		t.Fatal(err)
	}
	// The security team shuts off OpenAI in data.json; the running proxy
	// picks the edit up by itself (fsnotify).
	b, _ := os.ReadFile(filepath.Join(dir, "data.json"))
	edited := strings.Replace(string(b), `"blocked_vendors": []`, `"blocked_vendors": ["openai"]`, 1)
	if edited == string(b) {
		t.Fatal("data.json has no blocked_vendors list to edit")
	}
	if err := os.WriteFile(filepath.Join(dir, "data.json"), []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for ask("hello again") == nil {
		if time.Now().After(deadline) {
			t.Fatal("the edit did not take effect")
		}
		time.Sleep(100 * time.Millisecond)
	}
	b, _ = os.ReadFile(e.audit)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	first, last := lines[0], lines[len(lines)-1]
	revOf := func(line string) string {
		_, after, _ := strings.Cut(line, `"promptwall.policy_revision":"`)
		rev, _, _ := strings.Cut(after, `"`)
		return rev
	}
	if revOf(first) == "" || revOf(first) == revOf(last) {
		t.Fatalf("audit revisions %q then %q: the new revision is not recorded", revOf(first), revOf(last))
	}
}
