package proxy

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/promptwall/promptwall/llmapi"
)

func TestUsageTapDecodesCompressedAnswers(t *testing.T) {
	body := []byte(`{"object":"chat.completion","usage":{"prompt_tokens":11,"completion_tokens":22}}`)
	var gz, br bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(body)
	w.Close()
	bw := brotli.NewWriter(&br)
	bw.Write(body)
	bw.Close()
	for _, tc := range []struct {
		encoding string
		wire     []byte
		want     llmapi.Usage
	}{
		{"", body, llmapi.Usage{InputTokens: 11, OutputTokens: 22}},
		{"gzip", gz.Bytes(), llmapi.Usage{InputTokens: 11, OutputTokens: 22}},
		{"br", br.Bytes(), llmapi.Usage{InputTokens: 11, OutputTokens: 22}},
		{"gzip", []byte("not gzip at all"), llmapi.Usage{}},
		{"compress", gz.Bytes(), llmapi.Usage{}},
	} {
		resp := &http.Response{Header: http.Header{"Content-Type": {"application/json"}, "Content-Encoding": {tc.encoding}}}
		tap := newUsageTap(resp)
		for i := 0; i < len(tc.wire); i += 7 {
			tap.Write(tc.wire[i:min(i+7, len(tc.wire))])
		}
		if got := tap.Usage(); got != tc.want {
			t.Errorf("%q: %+v, want %+v", tc.encoding, got, tc.want)
		}
	}
}
