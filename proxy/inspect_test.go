package proxy

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"testing"
	"testing/iotest"

	"github.com/promptwall/promptwall/llmapi"
)

func TestReadLimited(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 1000) // 10,000 bytes
	for _, tc := range []struct {
		name    string
		r       io.Reader
		size    int64 // Content-Length, -1 unknown
		limit   int64
		want    []byte
		wantErr error
	}{
		{"exact length", bytes.NewReader(body), 10000, 1 << 20, body, nil},
		{"unknown length", bytes.NewReader(body), -1, 1 << 20, body, nil},
		{"longer than announced", bytes.NewReader(body), 10, 1 << 20, body, nil},
		{"shorter than announced", bytes.NewReader(body[:5]), 10000, 1 << 20, body[:5], nil},
		{"announced past the limit", bytes.NewReader(body[:100]), 1 << 40, 1000, body[:100], nil},
		{"announced huge", bytes.NewReader(body[:100]), 1 << 40, 1 << 40, body[:100], nil},
		{"one byte at a time", iotest.OneByteReader(bytes.NewReader(body)), 10000, 1 << 20, body, nil},
		{"at the limit", bytes.NewReader(body), 10000, 10000, body, nil},
		{"past the limit", bytes.NewReader(body), 10000, 9999, nil, llmapi.ErrTooLarge},
		{"past the limit, unannounced", bytes.NewReader(body), -1, 9999, nil, llmapi.ErrTooLarge},
		{"empty", bytes.NewReader(nil), 0, 1 << 20, []byte{}, nil},
		{"no body", http.NoBody, 0, 1 << 20, nil, nil},
		{"nil", nil, -1, 1 << 20, nil, nil},
		{"read error", iotest.ErrReader(errors.New("boom")), 100, 1 << 20, nil, errors.New("boom")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readLimited(tc.r, tc.size, tc.limit)
			switch {
			case tc.wantErr == nil && err != nil:
				t.Fatalf("error %v", err)
			case tc.wantErr != nil && (err == nil || !errors.Is(err, tc.wantErr) && err.Error() != "proxy: reading request body: "+tc.wantErr.Error()):
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			case !bytes.Equal(got, tc.want) || (got == nil) != (tc.want == nil):
				t.Fatalf("read %d bytes, want %d", len(got), len(tc.want))
			}
			if cap(got) > preallocMax+1 {
				t.Errorf("allocated %d bytes on the word of a Content-Length", cap(got))
			}
			if tc.size > 0 && tc.size <= preallocMax && cap(got) > int(tc.size)+1 && len(got) <= int(tc.size) {
				t.Errorf("buffer grew to %d for a %d-byte body", cap(got), tc.size)
			}
		})
	}
}
