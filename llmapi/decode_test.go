package llmapi

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
)

func compress(t testing.TB, coding string, in []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	var w interface {
		Write([]byte) (int, error)
		Close() error
	}
	switch coding {
	case "gzip":
		w = gzip.NewWriter(&b)
	case "zlib":
		w = zlib.NewWriter(&b)
	case "flate":
		fw, err := flate.NewWriter(&b, flate.BestSpeed)
		if err != nil {
			t.Fatal(err)
		}
		w = fw
	case "br":
		w = brotli.NewWriter(&b)
	case "zstd":
		zw, err := zstd.NewWriter(&b)
		if err != nil {
			t.Fatal(err)
		}
		w = zw
	default:
		t.Fatalf("unknown coding %s", coding)
	}
	if _, err := w.Write(in); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDecodeBody(t *testing.T) {
	plain := []byte(`{"messages":[{"role":"user","content":"hello hello hello hello"}]}`)
	tests := []struct {
		name, header string
		body         []byte
	}{
		{"none", "", plain},
		{"identity", "identity", plain},
		{"gzip", "gzip", compress(t, "gzip", plain)},
		{"x-gzip upper", "X-GZIP", compress(t, "gzip", plain)},
		{"deflate zlib", "deflate", compress(t, "zlib", plain)},
		{"deflate raw", "deflate", compress(t, "flate", plain)},
		{"br", "br", compress(t, "br", plain)},
		{"zstd", "zstd", compress(t, "zstd", plain)},
		{"stacked gzip then br", "gzip, br", compress(t, "br", compress(t, "gzip", plain))},
		{"stacked with identity", "zstd,identity, deflate", compress(t, "zlib", compress(t, "zstd", plain))},
	}
	for _, tt := range tests {
		got, err := DecodeBody(tt.header, tt.body, 0)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !bytes.Equal(got, plain) {
			t.Errorf("%s: got %q", tt.name, got)
		}
	}
}

func TestDecodeBodyLimits(t *testing.T) {
	const limit = 256 << 10
	zeros := make([]byte, 1<<20)
	// A bomb: 64 gzip members of 1 MiB of zeros each decode to 64 MiB from
	// about 64 KiB (gzip readers concatenate members).
	bomb := bytes.Repeat(compress(t, "gzip", zeros), 64)
	if len(bomb) > 128<<10 {
		t.Fatalf("bomb is %d bytes, expected a high ratio", len(bomb))
	}
	tests := []struct {
		name, header string
		body         []byte
		limit        int64
	}{
		{"gzip bomb", "gzip", bomb, limit},
		{"zstd bomb", "zstd", compress(t, "zstd", zeros), limit},
		{"br bomb", "br", compress(t, "br", zeros), limit},
		{"deflate bomb", "deflate", compress(t, "zlib", zeros), limit},
		{"raw deflate bomb", "deflate", compress(t, "flate", zeros), limit},
		{"identity over limit", "", zeros[:limit+1], limit},
		{"identity over default limit", "identity", make([]byte, DefaultMaxBody+1), 0},
		{"stacked bomb", "gzip, gzip", compress(t, "gzip", bomb), limit},
	}
	for _, tt := range tests {
		_, err := DecodeBody(tt.header, tt.body, tt.limit)
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: err = %v, want ErrTooLarge", tt.name, err)
		}
	}
	// Exactly at the limit is fine.
	if got, err := DecodeBody("gzip", compress(t, "gzip", zeros[:limit]), limit); err != nil || len(got) != limit {
		t.Errorf("at limit: %d bytes, %v", len(got), err)
	}
}

func TestDecodeBodyErrors(t *testing.T) {
	plain := []byte("hello")
	tests := []struct {
		name, header string
		body         []byte
		unsupported  bool
	}{
		{"compress", "compress", plain, true},
		{"unknown in stack", "gzip, snappy", compress(t, "gzip", plain), true},
		{"too many", "gzip,gzip,gzip,gzip,gzip", plain, true},
		{"corrupt gzip", "gzip", []byte("not gzip"), false},
		{"truncated gzip", "gzip", compress(t, "gzip", bytes.Repeat(plain, 100))[:20], false},
		{"corrupt br", "br", []byte("\xff\xff\xff\xff"), false},
		{"corrupt zstd", "zstd", []byte("not zstd at all"), false},
		{"corrupt deflate", "deflate", []byte("\xff\xff\xff\xff\xff"), false},
	}
	for _, tt := range tests {
		_, err := DecodeBody(tt.header, tt.body, 0)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if errors.Is(err, ErrUnsupportedEncoding) != tt.unsupported {
			t.Errorf("%s: err = %v, unsupported want %v", tt.name, err, tt.unsupported)
		}
		if errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: err = %v, not a size problem", tt.name, err)
		}
	}
}

func FuzzDecodeBody(f *testing.F) {
	plain := []byte(`{"model":"m","messages":[]}`)
	for _, c := range []struct{ header, coding string }{{"gzip", "gzip"}, {"deflate", "zlib"}, {"deflate", "flate"}, {"br", "br"}, {"zstd", "zstd"}} {
		f.Add(c.header, compress(f, c.coding, plain))
	}
	f.Add("", plain)
	f.Add("gzip, br", compress(f, "br", compress(f, "gzip", plain)))
	const limit = 1 << 16
	f.Fuzz(func(t *testing.T, header string, body []byte) {
		out, err := DecodeBody(header, body, limit)
		if err == nil && len(out) > limit {
			t.Fatalf("decoded %d bytes past the %d limit", len(out), limit)
		}
	})
}

func TestDecodeReader(t *testing.T) {
	payload := bytes.Repeat([]byte("data: {\"x\":1}\n\n"), 100)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(payload)
	zw.Close()
	r, err := DecodeReader("gzip", io.NopCloser(bytes.NewReader(gz.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("decoded %d bytes, %v", len(got), err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeReader("compress", io.NopCloser(bytes.NewReader(nil))); !errors.Is(err, ErrUnsupportedEncoding) {
		t.Fatalf("err %v", err)
	}
}
