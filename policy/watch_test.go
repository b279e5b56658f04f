package policy

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

type reloadEvent struct {
	rev string
	err error
}

// startWatch runs Watch until the test ends and returns its reports.
func startWatch(t *testing.T, e *Engine, poll time.Duration) <-chan reloadEvent {
	t.Helper()
	ch := make(chan reloadEvent, 16)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		e.Watch(ctx, poll, func(rev string, err error) { ch <- reloadEvent{rev, err} })
	}()
	t.Cleanup(func() { cancel(); wg.Wait() })
	return ch
}

func nextReload(t *testing.T, ch <-chan reloadEvent) reloadEvent {
	t.Helper()
	select {
	case ev := <-ch:
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no reload reported")
		return reloadEvent{}
	}
}

func noReload(t *testing.T, ch <-chan reloadEvent, wait time.Duration) {
	t.Helper()
	select {
	case ev := <-ch:
		t.Fatalf("unexpected report %q, %v", ev.rev, ev.err)
	case <-time.After(wait):
	}
}

func decideAction(t *testing.T, e *Engine, fs ...Finding) string {
	t.Helper()
	d, err := e.Decide(context.Background(), Input{Request: baseRequest(), Findings: fs})
	if err != nil {
		t.Fatalf("Decide: %v", err)
	}
	return d.Action
}

// writeAtomic writes like vim and most editors: a temporary file renamed
// over the original.
func writeAtomic(t *testing.T, path, content string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".swp")
	writeFile(t, tmp, content)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestWatchDir(t *testing.T) {
	dir := copyBundle(t, nil)
	e := newEngine(t, WithDir(dir))
	rev0 := e.Revision()
	ch := startWatch(t, e, time.Hour) // fsnotify only
	email := f("EMAIL", "pii")
	if got := decideAction(t, e, email); got != ActionRedact {
		t.Fatalf("before: %s", got)
	}

	// An in-place data edit applies: the new revision decides.
	setData(t, dir, func(pw map[string]any) { pw["type_actions"] = map[string]any{"EMAIL": "block"} })
	ev := nextReload(t, ch)
	if ev.err != nil || ev.rev == rev0 || ev.rev != e.Revision() {
		t.Fatalf("reload: %+v (before %s)", ev, rev0)
	}
	if got := decideAction(t, e, email); got != ActionBlock {
		t.Fatalf("after data edit: %s", got)
	}
	rev1 := ev.rev

	// A broken edit, written over by rename, is refused: the last good
	// revision stays in force and the error names file and line.
	good, err := os.ReadFile(filepath.Join(dir, "promptwall.rego"))
	if err != nil {
		t.Fatal(err)
	}
	writeAtomic(t, filepath.Join(dir, "promptwall.rego"), string(good)+"\nbroken := \n")
	ev = nextReload(t, ch)
	if ev.err == nil || !strings.Contains(ev.err.Error(), "promptwall.rego:") || ev.rev != rev1 {
		t.Fatalf("broken edit: %+v", ev)
	}
	if e.Revision() != rev1 || decideAction(t, e, email) != ActionBlock {
		t.Fatal("the broken edit replaced the policy")
	}

	// Fixing it (again by rename) brings a new revision.
	writeAtomic(t, filepath.Join(dir, "promptwall.rego"), string(good)+"\n# fixed\n")
	ev = nextReload(t, ch)
	if ev.err != nil || ev.rev == rev1 {
		t.Fatalf("fix: %+v", ev)
	}

	// A subdirectory created after Watch started is watched too.
	writeFile(t, filepath.Join(dir, "extra", "extra.rego"), "package promptwall.extra\n\nversion := 1\n")
	ev = nextReload(t, ch)
	if ev.err != nil || ev.rev == e.Revision() && ev.rev == rev1 {
		t.Fatalf("subdir: %+v", ev)
	}
	rev3 := ev.rev
	writeFile(t, filepath.Join(dir, "extra", "extra.rego"), "package promptwall.extra\n\nversion := 2\n")
	ev = nextReload(t, ch)
	if ev.err != nil || ev.rev == rev3 {
		t.Fatalf("edit in subdir: %+v", ev)
	}

	// Editor litter does not reload anything.
	writeFile(t, filepath.Join(dir, "notes.txt~"), "x")
	noReload(t, ch, 300*time.Millisecond)
}

func TestWatchDirPolling(t *testing.T) {
	dir := copyBundle(t, nil)
	e := newEngine(t, WithDir(dir), func(o *options) { o.noNotify = true })
	ch := startWatch(t, e, 50*time.Millisecond)
	if ev := nextReload(t, ch); ev.err == nil || !strings.Contains(ev.err.Error(), "polling every 50ms") {
		t.Fatalf("degraded watch not reported: %+v", ev)
	}
	rev0 := e.Revision()
	setData(t, dir, func(pw map[string]any) { pw["redact_mode"] = "mask" })
	ev := nextReload(t, ch)
	if ev.err != nil || ev.rev == rev0 {
		t.Fatalf("poll reload: %+v", ev)
	}
	// A broken edit is reported once, not at every poll.
	writeFile(t, filepath.Join(dir, "data.json"), "{")
	if ev := nextReload(t, ch); ev.err == nil || ev.rev != e.Revision() {
		t.Fatalf("broken data: %+v", ev)
	}
	noReload(t, ch, 300*time.Millisecond)
	// Restoring the last good content is reported as a recovery.
	setDataFile(t, dir, `{"promptwall": {"redact_mode": "mask"}}`)
	if ev := nextReload(t, ch); ev.err != nil {
		t.Fatalf("recovery: %+v", ev)
	}
}

func setDataFile(t *testing.T, dir, content string) {
	t.Helper()
	writeFile(t, filepath.Join(dir, "data.json"), content)
}

// Decisions keep flowing, race-free, while Watch swaps policies.
func TestWatchConcurrentDecide(t *testing.T) {
	dir := copyBundle(t, nil)
	e := newEngine(t, WithDir(dir))
	ch := startWatch(t, e, time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if _, err := e.Decide(context.Background(), Input{Request: baseRequest(), Findings: []Finding{f("EMAIL", "pii")}}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for i := range 3 {
		setData(t, dir, func(pw map[string]any) { pw["redact_mode"] = []string{"mask", "pseudonymize"}[i%2] })
		if ev := nextReload(t, ch); ev.err != nil {
			t.Fatal(ev.err)
		}
	}
	cancel()
	wg.Wait()
}

func TestWatchEmbeddedReturns(t *testing.T) {
	done := make(chan struct{})
	go func() { newEngine(t).Watch(context.Background(), time.Millisecond, nil); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Watch on the embedded bundle did not return")
	}
}

// Kubernetes mounts a ConfigMap as symlinks into a hidden, timestamped
// directory and swaps a "..data" symlink on update: the swap is seen.
func TestWatchDirSymlinkSwap(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "rego", "promptwall.rego"))
	if err != nil {
		t.Fatal(err)
	}
	version := func(name, data string) {
		writeFile(t, filepath.Join(dir, name, "promptwall.rego"), string(src))
		writeFile(t, filepath.Join(dir, name, "data.json"), data)
	}
	version("..v1", `{"promptwall": {}}`)
	if err := os.Symlink("..v1", filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"promptwall.rego", "data.json"} {
		if err := os.Symlink(filepath.Join("..data", name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	e := newEngine(t, WithDir(dir))
	rev0 := e.Revision()
	ch := startWatch(t, e, time.Hour)
	version("..v2", `{"promptwall": {"type_actions": {"EMAIL": "block"}}}`)
	if err := os.Symlink("..v2", filepath.Join(dir, "..data_tmp")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "..data_tmp"), filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	ev := nextReload(t, ch)
	if ev.err != nil || ev.rev == rev0 || decideAction(t, e, f("EMAIL", "pii")) != ActionBlock {
		t.Fatalf("swap: %+v %v", ev, ev.err)
	}
}

// A policy directory deployed as a link to a versioned directory: edits in
// the target are seen, and so is the link moving to another version.
func TestWatchDirRootLink(t *testing.T) {
	base := t.TempDir()
	v1 := copyBundle(t, nil)
	v2 := copyBundle(t, nil)
	setData(t, v2, func(pw map[string]any) { pw["type_actions"] = map[string]any{"EMAIL": "block"} })
	link := filepath.Join(base, "current")
	if err := os.Symlink(v1, link); err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, WithDir(link))
	ch := startWatch(t, e, 50*time.Millisecond)
	rev0 := e.Revision()
	setData(t, v1, func(pw map[string]any) { pw["redact_mode"] = "mask" })
	if ev := nextReload(t, ch); ev.err != nil || ev.rev == rev0 {
		t.Fatalf("edit in target: %+v (%v)", ev, ev.err)
	}
	tmp := filepath.Join(base, "next")
	if err := os.Symlink(v2, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, link); err != nil {
		t.Fatal(err)
	}
	if ev := nextReload(t, ch); ev.err != nil || decideAction(t, e, f("EMAIL", "pii")) != ActionBlock {
		t.Fatalf("link moved: %+v", ev)
	}
}
