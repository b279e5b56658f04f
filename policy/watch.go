package policy

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultPoll is the polling period when Watch is given none (the
// policy.poll_seconds default).
const DefaultPoll = 30 * time.Second

// defaultDebounce lets an editor's burst of events (write, rename, chmod)
// settle into one reload.
const defaultDebounce = 100 * time.Millisecond

// firstRetry is how soon a not-ready Engine asks the bundle server again;
// the delay doubles up to the poll period.
const firstRetry = time.Second

// Watch keeps the policy current until ctx ends; run it in a goroutine.
//
// A directory (WithDir) is watched with fsnotify, recursively, and also
// polled every poll for changes fsnotify cannot see (network file systems,
// a directory replaced as a whole). Editors that write a temporary file and
// rename it over the original are handled: directories are watched, not
// files. A bundle (WithBundle) is polled every poll with If-None-Match, and
// sooner while the Engine is not Ready. The embedded bundle never changes:
// Watch returns at once.
//
// onReload (may be nil) is called after each reload attempt that changed
// something or failed: rev is the revision in force afterwards and err, if
// not nil, why the new policy was refused (the old one stays in force) or
// why watching is degraded. The same error is reported once, not at every
// poll.
func (e *Engine) Watch(ctx context.Context, poll time.Duration, onReload func(rev string, err error)) {
	if poll <= 0 {
		poll = DefaultPoll
	}
	rep := &reporter{e: e, fn: onReload}
	switch {
	case e.remote != nil:
		e.watchBundle(ctx, poll, rep)
	case e.opts.dir != "":
		e.watchDir(ctx, poll, rep)
	}
}

// reporter calls onReload, dropping repeats of the last error. Warnings
// (watching degraded) are kept apart from refused reloads, whose recovery
// is reported.
type reporter struct {
	e        *Engine
	fn       func(string, error)
	lastErr  string
	lastWarn string
}

func (r *reporter) warn(err error) {
	if err.Error() == r.lastWarn {
		return
	}
	r.lastWarn = err.Error()
	r.report(err)
}

func (r *reporter) reload(ctx context.Context) {
	changed, err := r.e.Reload(ctx)
	if ctx.Err() != nil {
		return // shutting down: not a policy problem
	}
	switch {
	case err != nil:
		r.fail(err)
	case changed || r.lastErr != "": // new policy, or recovered from an error
		r.lastErr = ""
		r.report(nil)
	}
}

func (r *reporter) fail(err error) {
	if err.Error() == r.lastErr {
		return
	}
	r.lastErr = err.Error()
	r.report(err)
}

func (r *reporter) report(err error) {
	if r.fn != nil {
		r.fn(r.e.Revision(), err)
	}
}

func (e *Engine) watchBundle(ctx context.Context, poll time.Duration, rep *reporter) {
	delay := poll
	if !e.Ready() {
		delay = 0 // New's attempt failed: report it, and retry, now
	}
	retry := firstRetry
	for {
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		rep.reload(ctx)
		if e.Ready() {
			delay, retry = poll, firstRetry
		} else {
			delay, retry = min(retry, poll), min(retry*2, poll)
		}
	}
}

func (e *Engine) watchDir(ctx context.Context, poll time.Duration, rep *reporter) {
	dir := e.opts.dir
	w, err := fsnotify.NewWatcher()
	if e.opts.noNotify && err == nil {
		w.Close()
		err = errors.New("disabled")
	}
	if err != nil {
		rep.warn(fmt.Errorf("policy: cannot watch %s (%w): polling every %s", dir, err, poll))
		w = nil
	} else {
		defer w.Close()
		if err := addTree(w, dir); err != nil {
			rep.warn(fmt.Errorf("policy: watching %s: %w (polling every %s)", dir, err, poll))
		}
	}
	var events chan fsnotify.Event
	var errs chan error
	if w != nil {
		events, errs = w.Events, w.Errors
	}
	lastFP, _ := fingerprint(dir)
	// pending is the fingerprint last seen changed; the reload waits until
	// it holds still for a debounce period, so that a file being written
	// (truncated, then filled) is not compiled half-way. Edits made between
	// New and now were seen by no one: the first look goes the same way
	// (a file being written as the watch starts is not compiled half-way).
	var pending *[sha256.Size]byte
	debounce := time.NewTimer(e.opts.debounce)
	defer debounce.Stop()
	tick := time.NewTicker(poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if ev.Has(fsnotify.Create) && !strings.HasPrefix(filepath.Base(ev.Name), ".") {
				// A new subdirectory (or one renamed in) must be watched too.
				_ = addTree(w, ev.Name)
			}
			if relevant(ev) {
				pending = nil
				debounce.Reset(e.opts.debounce)
			}
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			// Typically an overflow: events were lost, so look again.
			rep.warn(fmt.Errorf("policy: watching %s: %w", dir, err))
			pending = nil
			debounce.Reset(e.opts.debounce)
		case <-debounce.C:
			// Reload only once the tree looked the same twice, a quiet
			// period apart: an editor descheduled between truncating a file
			// and filling it must not get its empty file compiled.
			fp, err := fingerprint(dir)
			if err == nil && (pending == nil || fp != *pending) {
				pending = &fp
				debounce.Reset(e.opts.debounce)
				continue
			}
			pending, lastFP = nil, fp
			rep.reload(ctx)
		case <-tick.C:
			fp, err := fingerprint(dir)
			if err != nil {
				rep.warn(fmt.Errorf("policy: polling %s: %w", dir, err))
				continue
			}
			if fp != lastFP && pending == nil {
				if w != nil {
					_ = addTree(w, dir) // the directory may have been replaced
				}
				pending = &fp
				debounce.Reset(e.opts.debounce)
			}
		}
	}
}

// resolve follows a link at the root (a policy directory deployed as a
// symbolic link to a versioned one), so that the tree below is walked.
func resolve(root string) string {
	if r, err := filepath.EvalSymlinks(root); err == nil {
		return r
	}
	return root
}

// addTree watches root and every directory below it.
func addTree(w *fsnotify.Watcher, root string) error {
	root = resolve(root)
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil // vanished meanwhile: the next event or poll sees it
		}
		if !d.IsDir() {
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") && d.Name() != "." {
			return filepath.SkipDir // .git and the like
		}
		return w.Add(path)
	})
}

// relevant reports whether an event may change the policy: policy and data
// files, the manifest, and removals or renames (which may be directories).
// Editors' swap and backup files are not.
func relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		return true
	}
	base := filepath.Base(ev.Name)
	switch strings.ToLower(filepath.Ext(base)) {
	case ".rego", ".json", ".yaml", ".yml":
		return true
	}
	return base == ".manifest" || !strings.Contains(base, ".") && isDir(ev.Name)
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// fingerprint summarises the tree's names, sizes and modification times:
// polling compares it instead of recompiling every period.
func fingerprint(root string) ([sha256.Size]byte, error) {
	h := sha256.New()
	root = resolve(root)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") && d.Name() != ".manifest" {
			if d.IsDir() {
				return filepath.SkipDir // not loaded (see readBundle): .git and the like
			}
			return nil
		}
		fi, err := os.Stat(path) // follows symlinks: the content is what counts
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00%v\x00", path, fi.Size(), fi.ModTime().UnixNano(), fi.Mode())
		return nil
	})
	var sum [sha256.Size]byte
	copy(sum[:], h.Sum(nil))
	return sum, err
}
