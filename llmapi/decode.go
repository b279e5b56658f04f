package llmapi

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
)

// DefaultMaxBody is the default limit on a decoded request body (32 MiB).
const DefaultMaxBody = 32 << 20

// maxCodings bounds stacked Content-Encodings ("gzip, br, …").
const maxCodings = 4

var (
	// ErrTooLarge reports a body whose decoded size exceeds the limit; the
	// proxy answers 413 and never passes the body on.
	ErrTooLarge = errors.New("llmapi: decoded body too large")
	// ErrUnsupportedEncoding reports a Content-Encoding that cannot be decoded,
	// so the body cannot be inspected.
	ErrUnsupportedEncoding = errors.New("llmapi: unsupported content encoding")
)

// DecodeBody undoes the Content-Encoding of a request body: identity, gzip,
// x-gzip, deflate (zlib, or raw deflate as some clients send), br and zstd,
// stacked encodings in reverse order of application. Every stage, and the
// result, is bounded by limit (DefaultMaxBody when limit <= 0): beyond it the
// error is ErrTooLarge, so a decompression bomb costs at most limit bytes.
func DecodeBody(contentEncoding string, body []byte, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	var codings []string
	for c := range strings.SplitSeq(contentEncoding, ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		switch c {
		case "", "identity":
			continue
		case "gzip", "x-gzip", "deflate", "br", "zstd":
			codings = append(codings, c)
		default:
			return nil, fmt.Errorf("%w %q", ErrUnsupportedEncoding, truncate(c, 32))
		}
	}
	if len(codings) > maxCodings {
		return nil, fmt.Errorf("%w: %d stacked encodings (at most %d)", ErrUnsupportedEncoding, len(codings), maxCodings)
	}
	out := body
	for i := len(codings) - 1; i >= 0; i-- {
		var err error
		if out, err = decodeOne(codings[i], out, limit); err != nil {
			return nil, err
		}
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("%w (limit %d bytes)", ErrTooLarge, limit)
	}
	return out, nil
}

func decodeOne(coding string, in []byte, limit int64) ([]byte, error) {
	switch coding {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(in))
		if err != nil {
			return nil, fmt.Errorf("llmapi: decoding gzip body: %w", err)
		}
		defer zr.Close()
		return readLimited("gzip", zr, limit)
	case "deflate":
		// RFC 9110 says zlib; some clients send raw deflate. Try both.
		out, zerr := decodeZlib(in, limit)
		if zerr == nil || errors.Is(zerr, ErrTooLarge) {
			return out, zerr
		}
		fr := flate.NewReader(bytes.NewReader(in))
		defer fr.Close()
		out, ferr := readLimited("deflate", fr, limit)
		if ferr == nil || errors.Is(ferr, ErrTooLarge) {
			return out, ferr
		}
		return nil, zerr
	case "br":
		return readLimited("br", brotli.NewReader(bytes.NewReader(in)), limit)
	case "zstd":
		zr, err := zstd.NewReader(bytes.NewReader(in),
			zstd.WithDecoderConcurrency(1),
			zstd.WithDecoderLowmem(true),
			// Bounds the window, hence the decoder's memory, by the body limit.
			zstd.WithDecoderMaxMemory(uint64(max(limit, 1<<20))))
		if err != nil {
			return nil, fmt.Errorf("llmapi: decoding zstd body: %w", err)
		}
		defer zr.Close()
		out, err := readLimited("zstd", zr, limit)
		if errors.Is(err, zstd.ErrWindowSizeExceeded) || errors.Is(err, zstd.ErrDecoderSizeExceeded) {
			// The frame asks for more memory than the body may decode to.
			return nil, fmt.Errorf("%w (zstd window above limit %d bytes)", ErrTooLarge, limit)
		}
		return out, err
	}
	return nil, fmt.Errorf("%w %q", ErrUnsupportedEncoding, coding)
}

func decodeZlib(in []byte, limit int64) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(in))
	if err != nil {
		return nil, fmt.Errorf("llmapi: decoding deflate body: %w", err)
	}
	defer zr.Close()
	return readLimited("deflate", zr, limit)
}

// readLimited reads r to its end, failing with ErrTooLarge past limit bytes.
func readLimited(coding string, r io.Reader, limit int64) ([]byte, error) {
	out, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("llmapi: decoding %s body: %w", coding, err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("%w (limit %d bytes)", ErrTooLarge, limit)
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// DecodeReader undoes the Content-Encoding of a streamed body (an answer
// read as it arrives): gzip, x-gzip, deflate (zlib), br, zstd, one layer.
// Decoders keep bounded windows, so memory stays bounded however long the
// stream; Close closes body too.
func DecodeReader(contentEncoding string, body io.ReadCloser) (io.ReadCloser, error) {
	c := strings.ToLower(strings.TrimSpace(contentEncoding))
	var r io.Reader
	var closeDec func()
	switch c {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, fmt.Errorf("llmapi: decoding gzip stream: %w", err)
		}
		r = zr
	case "deflate":
		zr, err := zlib.NewReader(body)
		if err != nil {
			return nil, fmt.Errorf("llmapi: decoding deflate stream: %w", err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(body)
	case "zstd":
		zr, err := zstd.NewReader(body, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(8<<20))
		if err != nil {
			return nil, fmt.Errorf("llmapi: decoding zstd stream: %w", err)
		}
		r, closeDec = zr, zr.Close
	default:
		return nil, fmt.Errorf("%w %q", ErrUnsupportedEncoding, truncate(c, 32))
	}
	return &decodedBody{Reader: r, body: body, closeDec: closeDec}, nil
}

type decodedBody struct {
	io.Reader
	body     io.ReadCloser
	closeDec func()
}

func (d *decodedBody) Close() error {
	if d.closeDec != nil {
		d.closeDec()
	}
	return d.body.Close()
}
