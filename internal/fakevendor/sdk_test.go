package fakevendor

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"
	aoption "github.com/anthropics/anthropic-sdk-go/v2/option"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/responses"
)

// These tests call the fake with the official SDKs and no proxy: if the SDKs
// decode its answers, the fake speaks the real wire formats.

func openaiClient(s *Server) (openai.Client, string) {
	key := "sk-test-" + rand.Text()
	return openai.NewClient(
		option.WithBaseURL(s.URL+"/v1/"),
		option.WithHTTPClient(s.HTTPClient()),
		option.WithAPIKey(key),
		option.WithMaxRetries(0),
	), key
}

func anthropicClient(s *Server) anthropic.Client {
	return anthropic.NewClient(
		aoption.WithBaseURL(s.URL+"/"),
		aoption.WithHTTPClient(s.HTTPClient()),
		aoption.WithAPIKey("sk-ant-test-"+rand.Text()),
		aoption.WithMaxRetries(0),
	)
}

func TestOpenAIChatSDK(t *testing.T) {
	s := Start(t, WithReply("Bonjour, ça va?"), WithChunks(4))
	client, key := openaiClient(s)
	params := openai.ChatCompletionNewParams{
		Model:    openai.ChatModelGPT4o,
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("say hi")},
	}
	got, err := client.Chat.Completions.New(t.Context(), params)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Choices) != 1 || got.Choices[0].Message.Content != "Bonjour, ça va?" || got.Choices[0].FinishReason != "stop" {
		t.Fatalf("completion %+v", got.Choices)
	}
	if got.Model != "gpt-4o" || got.Usage.TotalTokens == 0 {
		t.Fatalf("model %q usage %+v", got.Model, got.Usage)
	}
	last := s.Last()
	if last.Method != http.MethodPost || last.Path != "/v1/chat/completions" || last.Header.Get("Authorization") != "Bearer "+key {
		t.Fatalf("recorded %s %s auth-set=%t", last.Method, last.Path, last.Header.Get("Authorization") != "")
	}
	var sent map[string]any
	if err := json.Unmarshal(last.Body, &sent); err != nil || sent["model"] != "gpt-4o" {
		t.Fatalf("recorded body %s (%v)", last.Body, err)
	}

	params.StreamOptions = openai.ChatCompletionStreamOptionsParam{IncludeUsage: openai.Bool(true)}
	stream := client.Chat.Completions.NewStreaming(t.Context(), params)
	var (
		acc    openai.ChatCompletionAccumulator
		deltas []string
	)
	for stream.Next() {
		chunk := stream.Current()
		acc.AddChunk(chunk)
		if len(chunk.Choices) > 0 && chunk.Choices[0].Delta.Content != "" {
			deltas = append(deltas, chunk.Choices[0].Delta.Content)
		}
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	if len(deltas) != 4 || strings.Join(deltas, "") != "Bonjour, ça va?" {
		t.Fatalf("deltas %q, want 4 joining to the reply", deltas)
	}
	if acc.Choices[0].Message.Content != "Bonjour, ça va?" || acc.Usage.CompletionTokens == 0 {
		t.Fatalf("accumulated %q usage %+v", acc.Choices[0].Message.Content, acc.Usage)
	}
}

func TestOpenAIChatSDKStreamWithoutUsage(t *testing.T) {
	s := Start(t)
	client, _ := openaiClient(s)
	stream := client.Chat.Completions.NewStreaming(t.Context(), openai.ChatCompletionNewParams{
		Model:    openai.ChatModelGPT4o,
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hi")},
	})
	var acc openai.ChatCompletionAccumulator
	for stream.Next() {
		if c := stream.Current(); c.JSON.Usage.Valid() {
			t.Fatal("usage sent without stream_options.include_usage")
		}
		acc.AddChunk(stream.Current())
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	if acc.Choices[0].Message.Content != DefaultReply {
		t.Fatalf("accumulated %q", acc.Choices[0].Message.Content)
	}
}

func TestOpenAIResponsesSDK(t *testing.T) {
	s := Start(t, WithChunks(5))
	client, _ := openaiClient(s)
	params := responses.ResponseNewParams{
		Model: "gpt-4o",
		Input: responses.ResponseNewParamsInputUnion{OfString: openai.String("hi")},
	}
	got, err := client.Responses.New(t.Context(), params)
	if err != nil {
		t.Fatal(err)
	}
	if got.OutputText() != DefaultReply || got.Status != "completed" || got.Usage.OutputTokens == 0 {
		t.Fatalf("response text %q status %q usage %+v", got.OutputText(), got.Status, got.Usage)
	}
	stream := client.Responses.NewStreaming(t.Context(), params)
	var (
		deltas    []string
		completed string
		types     []string
	)
	for stream.Next() {
		ev := stream.Current()
		types = append(types, ev.Type)
		switch ev.Type {
		case "response.output_text.delta":
			deltas = append(deltas, ev.AsResponseOutputTextDelta().Delta)
		case "response.completed":
			completed = ev.AsResponseCompleted().Response.OutputText()
		}
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	if len(deltas) != 5 || strings.Join(deltas, "") != DefaultReply || completed != DefaultReply {
		t.Fatalf("deltas %q completed %q", deltas, completed)
	}
	if types[0] != "response.created" || types[len(types)-1] != "response.completed" {
		t.Fatalf("event order %v", types)
	}
}

func TestAnthropicMessagesSDK(t *testing.T) {
	s := Start(t, WithChunks(3))
	client := anthropicClient(s)
	params := anthropic.MessageNewParams{
		MaxTokens: 256,
		Model:     "claude-sonnet-4-5",
		Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("say hi"))},
	}
	msg, err := client.Messages.New(t.Context(), params)
	if err != nil {
		t.Fatal(err)
	}
	if len(msg.Content) != 1 || msg.Content[0].Text != DefaultReply || msg.StopReason != "end_turn" || msg.Usage.OutputTokens == 0 {
		t.Fatalf("message %+v", msg)
	}
	if last := s.Last(); last.Path != "/v1/messages" || last.Header.Get("X-Api-Key")+last.Header.Get("Authorization") == "" || last.Header.Get("Anthropic-Version") == "" {
		t.Fatalf("recorded %s with credentials set=%t", last.Path, last.Header.Get("X-Api-Key")+last.Header.Get("Authorization") != "")
	}

	stream := client.Messages.NewStreaming(t.Context(), params)
	var (
		acc    anthropic.Message
		deltas int
	)
	for stream.Next() {
		ev := stream.Current()
		if err := acc.Accumulate(ev); err != nil {
			t.Fatal(err)
		}
		if ev.Type == "content_block_delta" {
			deltas++
		}
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	if deltas != 3 || len(acc.Content) != 1 || acc.Content[0].Text != DefaultReply || acc.StopReason != "end_turn" || acc.Usage.OutputTokens == 0 {
		t.Fatalf("deltas %d accumulated %+v", deltas, acc)
	}
}

func TestSDKErrorShapes(t *testing.T) {
	s := Start(t, WithStatus(http.StatusTooManyRequests))
	oc, _ := openaiClient(s)
	_, err := oc.Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: openai.ChatModelGPT4o, Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hi")},
	})
	var oerr *openai.Error
	if !errors.As(err, &oerr) || oerr.StatusCode != 429 || !strings.Contains(oerr.Message, "configured failure") {
		t.Fatalf("openai error %v", err)
	}
	ac := anthropicClient(s)
	_, err = ac.Messages.New(context.Background(), anthropic.MessageNewParams{
		MaxTokens: 10, Model: "claude-sonnet-4-5",
		Messages: []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("hi"))},
	})
	var aerr *anthropic.Error
	if !errors.As(err, &aerr) || aerr.StatusCode != 429 || !strings.Contains(err.Error(), "rate_limit_error") {
		t.Fatalf("anthropic error %v", err)
	}
}
