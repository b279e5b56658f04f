package proxy

import (
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"

	"github.com/promptwall/promptwall/llmapi"
)

// usageTap feeds a copy of an answer to an llmapi.UsageMeter as it is
// relayed, decoding a compressed answer on the side; the client's bytes are
// never touched or delayed beyond the copy.
type usageTap struct {
	meter *llmapi.UsageMeter
	w     io.Writer      // where the relayed bytes are copied
	pw    *io.PipeWriter // non-nil when the answer is compressed
	done  chan struct{}  // closed when the decoding goroutine ends
	dead  bool           // the decoder failed: stop copying
}

func newUsageTap(resp *http.Response) *usageTap {
	t := &usageTap{meter: llmapi.NewUsageMeter(resp.Header.Get("Content-Type"))}
	ce := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	if ce == "" || ce == "identity" {
		t.w = t.meter
		return t
	}
	pr, pw := io.Pipe()
	t.pw, t.w, t.done = pw, pw, make(chan struct{})
	go func() {
		defer close(t.done)
		var r io.Reader
		var err error
		switch ce {
		case "gzip", "x-gzip":
			r, err = gzip.NewReader(pr)
		case "deflate":
			r, err = zlib.NewReader(pr)
		case "br":
			r = brotli.NewReader(pr)
		case "zstd":
			var d *zstd.Decoder
			if d, err = zstd.NewReader(pr, zstd.WithDecoderMaxMemory(64<<20), zstd.WithDecoderConcurrency(1)); err == nil {
				defer d.Close()
				r = d
			}
		default:
			err = io.ErrUnexpectedEOF
		}
		if err == nil {
			_, err = io.Copy(t.meter, r)
		}
		pr.CloseWithError(err) // unblocks the relay if decoding stopped early
		_, _ = io.Copy(io.Discard, pr)
	}()
	return t
}

// Write copies relayed bytes to the meter; errors only stop metering.
func (t *usageTap) Write(p []byte) {
	if t.dead {
		return
	}
	if _, err := t.w.Write(p); err != nil {
		t.dead = true
	}
}

// Usage ends the tap and returns what the answer reported.
func (t *usageTap) Usage() llmapi.Usage {
	if t.pw != nil {
		t.pw.Close()
		<-t.done
	}
	return t.meter.Usage()
}
