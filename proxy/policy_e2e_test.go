package proxy_test

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openai/openai-go/v3"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakevendor"
	policybundle "github.com/promptwall/promptwall/rego"
)

// teamPolicy copies the default bundle into a directory, as a security team
// starting from it would, and lets edit change its data.
func teamPolicy(t *testing.T, edit func(data map[string]any)) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(policybundle.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := policybundle.FS.ReadFile(p)
		if err != nil {
			return err
		}
		if p == "data.json" {
			var data map[string]any
			if err := json.Unmarshal(b, &data); err != nil {
				return err
			}
			edit(data["promptwall"].(map[string]any))
			if b, err = json.MarshalIndent(data, "", "  "); err != nil {
				return err
			}
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCustomDetectorFromPolicyData(t *testing.T) {
	dir := teamPolicy(t, func(d map[string]any) {
		d["custom_detectors"] = []any{map[string]any{
			"type": "CODE_NAME", "category": "custom", "severity": "high",
			"terms": []any{"Project Nightingale"},
		}}
	})
	e := start(t, fakevendor.Start(t), func(c *config.Config) { c.Policy.Dir = dir })
	_, err := e.openai().Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Draft the launch plan for project nightingale.")}})
	var apiErr *openai.Error
	// No internal model is configured, so custom terms are blocked.
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 403 || !strings.Contains(apiErr.Message, "CODE_NAME") {
		t.Fatalf("err = %v", err)
	}
	if len(e.vendor.Requests()) != 0 {
		t.Fatal("the code name reached the vendor")
	}
	// "Nightingales" is another word: whole words only.
	if _, err := e.openai().Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Write a poem about nightingales.")}}); err != nil {
		t.Fatalf("clean prompt: %v", err)
	}
}

func TestMonitorModeDecidesButDoesNotEnforce(t *testing.T) {
	e := start(t, fakevendor.Start(t), func(c *config.Config) { c.Policy.Monitor = true })
	key := fakeAWSKey(t)
	if _, err := e.openai().Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("key " + key)}}); err != nil {
		t.Fatalf("monitor mode enforced: %v", err)
	}
	if len(e.vendor.Requests()) != 1 {
		t.Fatal("the request did not reach the vendor in monitor mode")
	}
	l := e.auditLines(t, 1)[0]
	if l["event.action"] != "block" || l["promptwall.monitor"] != true {
		t.Fatalf("audit %v: want the would-be action block, monitor true", l)
	}
}

func TestBundleServerDownAtStartFailsClosed(t *testing.T) {
	dead, _ := net.Listen("tcp", "127.0.0.1:0")
	url := "http://" + dead.Addr().String() + "/bundles/promptwall.tar.gz"
	dead.Close()
	e := start(t, fakevendor.Start(t), func(c *config.Config) { c.Policy.BundleURL = url })
	_, err := e.openai().Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: "gpt-4o", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hello")}})
	var apiErr *openai.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || !strings.Contains(apiErr.Message, "has not loaded its policy yet") {
		t.Fatalf("err = %v", err)
	}
	if len(e.vendor.Requests()) != 0 {
		t.Fatal("a request went out with no policy loaded")
	}
	resp, err := http.Get("http://" + e.admin + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("/readyz %d while no policy is loaded", resp.StatusCode)
	}
}
