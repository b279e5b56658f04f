package audit

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gopkg.in/natefinch/lumberjack.v2"
)

// Defaults of rotation and retention (see doc.go).
const (
	DefaultMaxSizeMB   = 100
	DefaultRotateAfter = 24 * time.Hour
	DefaultFsyncEvery  = time.Second
)

// Option tunes Open.
type Option func(*options)

type options struct {
	maxSizeMB   int
	rotateAfter time.Duration
	fsyncEvery  time.Duration
	maxAgeDays  int
	maxBackups  int
	compress    bool
	now         func() time.Time
}

// WithMaxSize rotates the file before it would grow past mb megabytes
// (default 100).
func WithMaxSize(mb int) Option { return func(o *options) { o.maxSizeMB = mb } }

// WithRotateAfter rotates the file once its first event is older than d
// (default 24h; 0 rotates by size only).
func WithRotateAfter(d time.Duration) Option { return func(o *options) { o.rotateAfter = d } }

// WithMaxAge deletes rotated files older than days (default 0: keep them).
func WithMaxAge(days int) Option { return func(o *options) { o.maxAgeDays = days } }

// WithMaxBackups keeps at most n rotated files (default 0: keep them all).
func WithMaxBackups(n int) Option { return func(o *options) { o.maxBackups = n } }

// WithFsync makes the writer fsync(2) the file every d when it has new
// events (default 1s; 0: never, leaving it to the kernel). It bounds what a
// power cut can take, and a failing disk, which write(2) into the page cache
// does not report, turns Healthy red.
func WithFsync(d time.Duration) Option { return func(o *options) { o.fsyncEvery = d } }

// WithCompress gzips rotated files in the background (default off); verify
// and report read them.
func WithCompress(on bool) Option { return func(o *options) { o.compress = on } }

// Writer appends hash-chained events to the audit file, one JSON line each.
// Write returns the error of the write itself, and Healthy the last one, so
// the proxy can refuse traffic it could not audit. One Writer per trail:
// Open locks it against a second process, which would fork the chain.
type Writer struct {
	mu      sync.Mutex
	out     sink
	opts    options
	maxSize int64
	size    int64     // bytes in the current file
	started time.Time // when the current file got its first event
	prev    [64]byte  // hash of the last event written, hex
	h       hash.Hash // SHA-256 of the chain, reused under mu
	sum     [sha256.Size]byte
	needNL  bool // a write was cut short: end that line before the next
	lastErr error
	closed  bool
	lock    *os.File // held while open: one writer per trail
	path    string
	gzMu    sync.Mutex     // one compression at a time
	gzWG    sync.WaitGroup // compressions under way: Close waits for them

	dirty   atomic.Bool   // events written since the last fsync
	syncMu  sync.Mutex    // guards syncf and syncErr
	syncf   *os.File      // the current file, opened for fsync; nil until needed
	syncErr error         // the last fsync's error
	stop    chan struct{} // ends the fsync loop
	stopped chan struct{}
}

// sink is where lines go: a lumberjack.Logger, or a failing one in tests.
type sink interface {
	Write(p []byte) (int, error)
	Rotate() error
	Close() error
}

var _ sink = (*lumberjack.Logger)(nil)

// Open opens the audit file at path for appending (creating it 0600 and its
// folder 0700) and recovers the chain: the next event links to the last line
// of path, or of its newest rotated file when path is empty. When that line
// does not verify (a crash cut it short, or it was edited), a chain restart
// event starting again from Genesis is written first, saying why.
func Open(path string, opts ...Option) (*Writer, error) {
	o := options{maxSizeMB: DefaultMaxSizeMB, rotateAfter: DefaultRotateAfter, fsyncEvery: DefaultFsyncEvery, now: time.Now}
	for _, opt := range opts {
		opt(&o)
	}
	if o.maxSizeMB <= 0 {
		return nil, fmt.Errorf("audit: maximum file size %d MB is not positive", o.maxSizeMB)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit: creating folder for %s: %w", path, err)
	}
	lock, err := lockFile(path)
	if err != nil {
		return nil, err
	}
	w, err := open(path, o, lock)
	if err != nil {
		lock.Close()
		return nil, err
	}
	return w, nil
}

func open(path string, o options, lock *os.File) (*Writer, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit: opening %s: %w", path, err)
	}
	st, err := f.Stat()
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("audit: opening %s: %w", path, err)
	}
	w := &Writer{
		opts:    o,
		maxSize: int64(o.maxSizeMB) << 20,
		size:    st.Size(),
		h:       sha256.New(),
		lock:    lock,
		path:    path,
		// Not lumberjack's Compress: its compressing goroutine outlives
		// Close, and two of them on one file (a writer reopened in the same
		// process) can delete the rotated file. Writer compresses itself.
		out: &lumberjack.Logger{Filename: path, MaxSize: o.maxSizeMB, MaxAge: o.maxAgeDays, MaxBackups: o.maxBackups},
	}
	copy(w.prev[:], Genesis)
	restart, err := w.recover(path)
	if err != nil {
		return nil, err
	}
	if restart != "" {
		if err := w.Write(&Event{kind: KindRestart, Action: ActionChainRestart, Reason: restart}); err != nil {
			w.out.Close()
			return nil, err
		}
	}
	w.compressBackups() // any a crash left uncompressed
	if o.fsyncEvery > 0 {
		w.stop, w.stopped = make(chan struct{}), make(chan struct{})
		go w.fsyncLoop(o.fsyncEvery)
	}
	return w, nil
}

// fsyncLoop syncs the file every d while it has new events, outside the
// write lock so that writers never wait for the disk.
func (w *Writer) fsyncLoop(d time.Duration) {
	defer close(w.stopped)
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			w.fsync()
		}
	}
}

// fsync syncs the current file if it has new events.
func (w *Writer) fsync() {
	if !w.dirty.Swap(false) {
		return
	}
	w.syncMu.Lock()
	defer w.syncMu.Unlock()
	if w.syncf == nil {
		f, err := os.Open(w.path)
		if err != nil {
			w.syncErr = fmt.Errorf("audit: opening for fsync: %w", err)
			return
		}
		w.syncf = f
	}
	w.syncErr = nil
	if err := w.syncf.Sync(); err != nil {
		w.syncErr = fmt.Errorf("audit: fsync: %w", err)
	}
}

// closeSync syncs and forgets the file opened for fsync: it is being rotated
// or closed.
func (w *Writer) closeSync() {
	if w.stop != nil {
		w.fsync()
	}
	w.syncMu.Lock()
	defer w.syncMu.Unlock()
	if w.syncf != nil {
		w.syncf.Close()
		w.syncf = nil
	}
}

// compressBackups gzips the rotated files that are not yet, in the
// background. A file that fails stays as it is, to be tried again at the
// next rotation: compression is never worth an audit event.
func (w *Writer) compressBackups() {
	if !w.opts.compress {
		return
	}
	w.gzWG.Add(1)
	go func() {
		defer w.gzWG.Done()
		w.gzMu.Lock()
		defer w.gzMu.Unlock()
		bs, err := backups(w.path)
		if err != nil {
			return
		}
		for _, b := range bs {
			if !strings.HasSuffix(b, gzSuffix) {
				_ = gzipFile(b)
			}
		}
	}()
}

// gzipFile replaces src with src.gz, through a temporary file renamed into
// place, so that src.gz is whole whenever it exists and src goes only then.
func gzipFile(src string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	dst := src + gzSuffix
	tmp := dst + ".tmp"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, st.Mode().Perm())
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			out.Close()
			os.Remove(tmp)
		}
	}()
	zw := gzip.NewWriter(out)
	if _, err = io.Copy(zw, in); err != nil {
		return err
	}
	if err = zw.Close(); err != nil {
		return err
	}
	if err = out.Sync(); err != nil {
		return err
	}
	if err = out.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, dst); err != nil {
		return err
	}
	return os.Remove(src)
}

// recover sets prev (and started) from the end of the trail. It returns the
// reason for a chain restart, or "".
func (w *Writer) recover(path string) (string, error) {
	first, last, complete, err := edges(path)
	if err != nil {
		return "", err
	}
	from := filepath.Base(path)
	if first != nil {
		if r, err := parseLine(first); err == nil {
			w.started = r.time
		} else {
			w.started = w.opts.now()
		}
	} else {
		bs, err := backups(path)
		if err != nil {
			return "", err
		}
		if len(bs) == 0 {
			return "", nil // a fresh trail
		}
		newest := bs[len(bs)-1]
		if _, last, complete, err = edges(newest); err != nil {
			return "", err
		}
		if last == nil {
			return "", nil
		}
		from = filepath.Base(newest)
	}
	if !complete {
		w.needNL = first != nil // only the current file can be appended to
		return fmt.Sprintf("the last line of %s was cut short; a new chain starts here", from), nil
	}
	r, err := parseLine(last)
	if err != nil {
		return fmt.Sprintf("the last line of %s does not parse (%v); a new chain starts here", from, err), nil
	}
	if !r.valid() {
		return fmt.Sprintf("the hash of the last line of %s does not match its content; a new chain starts here", from), nil
	}
	copy(w.prev[:], r.hash)
	return "", nil
}

// Write appends one event as a JSON line chained to the one before. A zero
// e.Time is set to now. Write returns once the line is handed to the kernel,
// with the error of that write: the proxy calls it before it forwards a
// request.
func (w *Writer) Write(e *Event) error {
	if e.Time.IsZero() {
		e.Time = w.opts.now()
	}
	lb := linePool.Get().(*lineBuf)
	defer linePool.Put(lb)
	// Encoding happens outside the lock with Genesis in prev_hash: the real
	// one, of the same length, is patched in under it.
	lb.line, lb.prevAt = appendEvent(lb.line[:0], e)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errors.New("audit: writer closed")
	}
	err := w.append(e.ID, lb)
	w.lastErr = err
	return err
}

// lineBuf is one line on its way to the file; pooled, so that a steady
// stream of events allocates nothing.
type lineBuf struct {
	line   []byte // the line in canonical form, without "hash" and newline
	prevAt int    // offset of the prev_hash value in line
}

var linePool = sync.Pool{New: func() any { return &lineBuf{line: make([]byte, 0, 1024)} }}

// append writes the encoded line with its prev_hash and hash, rotating first
// when the file is full or old.
func (w *Writer) append(id string, lb *lineBuf) error {
	copy(lb.line[lb.prevAt:], w.prev[:])
	w.h.Reset()
	w.h.Write(w.prev[:])
	w.h.Write(lb.line)        // the line is its own canonical form
	sum := w.h.Sum(w.sum[:0]) // into the Writer: a local array would escape through the interface
	var hash [64]byte
	hex.Encode(hash[:], sum)

	out := lb.line[:len(lb.line)-1] // without the closing brace
	out = append(out, `,"hash":"`...)
	out = append(out, hash[:]...)
	out = append(out, "\"}\n"...)
	lb.line = out[:0] // keep what append grew for the next use of the buffer
	if w.needNL {
		out = append([]byte{'\n'}, out...)
	}

	now := w.opts.now()
	if w.size > 0 && (w.size+int64(len(out)) >= w.maxSize ||
		w.opts.rotateAfter > 0 && !w.started.IsZero() && now.Sub(w.started) >= w.opts.rotateAfter) {
		w.closeSync() // the events of the file going aside reach the disk first
		if err := w.out.Rotate(); err != nil {
			return fmt.Errorf("audit: rotating: %w", err)
		}
		w.size, w.started = 0, time.Time{}
		w.compressBackups()
		if w.needNL { // the cut line is in the rotated file now
			out, w.needNL = out[1:], false
		}
	}
	n, err := w.out.Write(out)
	w.size += int64(n)
	if err != nil {
		w.needNL = w.needNL || n > 0
		if n > 0 && out[n-1] == '\n' {
			w.needNL = false // only the separator made it
		}
		return fmt.Errorf("audit: writing event %s: %w", id, err)
	}
	w.needNL = false
	w.dirty.Store(true)
	if w.started.IsZero() {
		w.started = now
	}
	w.prev = hash
	return nil
}

// Healthy returns nil when the last write succeeded, else its error: the
// proxy turns /readyz red and, with audit.fail_mode closed, refuses traffic.
func (w *Writer) Healthy() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errors.New("audit: writer closed")
	}
	if w.lastErr != nil {
		return w.lastErr
	}
	w.syncMu.Lock()
	defer w.syncMu.Unlock()
	return w.syncErr
}

// Head is the hash of the last event written (Genesis before the first).
// Published somewhere the host cannot rewrite (a SIEM, the admin API scraped
// elsewhere), it is the anchor that audit verify --anchor checks later.
func (w *Writer) Head() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return string(w.prev[:])
}

// Close syncs and closes the file, waits for any compression under way and
// releases the trail for another writer. Events are written as they come:
// there is nothing to flush.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	if w.stop != nil {
		close(w.stop)
		<-w.stopped
	}
	w.closeSync()
	err := w.out.Close()
	w.gzWG.Wait()
	w.lock.Close() // releases the lock
	if err != nil {
		return fmt.Errorf("audit: closing: %w", err)
	}
	return nil
}
