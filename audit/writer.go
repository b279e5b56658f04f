package audit

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.uber.org/zap/zapcore"
)

// Writer appends events to the audit file. Write returns the error of the
// write itself, so the proxy can refuse traffic it could not audit.
type Writer struct {
	mu   sync.Mutex
	core zapcore.Core
	file *os.File
}

// Open opens (creating 0600, and its folder 0700) the audit file for appending.
func Open(path string) (*Writer, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit: creating folder for %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit: opening %s: %w", path, err)
	}
	return &Writer{core: newCore(zapcore.AddSync(f)), file: f}, nil
}

// newCore is a JSON core with @timestamp first and no level or message keys:
// each line is one event and nothing else.
func newCore(ws zapcore.WriteSyncer) zapcore.Core {
	enc := zapcore.NewJSONEncoder(zapcore.EncoderConfig{
		TimeKey:        "@timestamp",
		LineEnding:     zapcore.DefaultLineEnding,
		EncodeTime:     zapcore.TimeEncoderOfLayout(time.RFC3339Nano),
		EncodeDuration: zapcore.NanosDurationEncoder,
	})
	return zapcore.NewCore(enc, ws, zapcore.InfoLevel)
}

// Write appends one event as a JSON line.
func (w *Writer) Write(e *Event) error {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	ent := zapcore.Entry{Level: zapcore.InfoLevel, Time: e.Time.UTC()}
	if err := w.core.Write(ent, []zapcore.Field{zapcore.Field{Key: "", Type: zapcore.InlineMarshalerType, Interface: e}}); err != nil {
		return fmt.Errorf("audit: writing event %s: %w", e.ID, err)
	}
	return nil
}

// Close flushes and closes the file.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.core.Sync(); err != nil {
		w.file.Close()
		return fmt.Errorf("audit: syncing: %w", err)
	}
	return w.file.Close()
}
