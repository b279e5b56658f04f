package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"
)

// DefaultTimeout bounds one evaluation; past it the decision is an error and
// the proxy fails closed.
const DefaultTimeout = 250 * time.Millisecond

// DefaultCacheSize is how many distinct inputs per policy revision keep
// their decision.
const DefaultCacheSize = 4096

// initialFetchTimeout bounds New's first bundle download.
const initialFetchTimeout = 10 * time.Second

// Option configures an Engine.
type Option func(*options)

type options struct {
	dir       string
	monitor   bool
	timeout   time.Duration
	cacheSize int
	internal  *bool
	bundle    *BundleSource
	debounce  time.Duration
	noNotify  bool // tests: polling only
}

// WithDir loads the bundle directory dir (or a bundle tarball) instead of
// the embedded one; Watch applies its edits live.
func WithDir(dir string) Option { return func(o *options) { o.dir = dir } }

// WithMonitor turns on global monitor mode: every decision has Monitor set.
func WithMonitor(on bool) Option { return func(o *options) { o.monitor = on } }

// WithTimeout bounds each evaluation (default DefaultTimeout).
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithCacheSize sets the decision cache size per revision; 0 turns the
// cache off.
func WithCacheSize(n int) Option { return func(o *options) { o.cacheSize = n } }

// WithInternal sets input.internal.available for inputs that leave
// Input.Internal nil: whether an internal model is configured.
func WithInternal(available bool) Option {
	return func(o *options) { o.internal = &available }
}

// Engine evaluates promptwall policies. It is safe for concurrent use.
type Engine struct {
	opts     options
	internal *Internal
	remote   *remote // nil unless WithBundle
	// cur is the policy in force; nil only while a bundle has not arrived.
	cur      atomic.Pointer[compiled]
	reloadMu sync.Mutex
}

// New loads, strictly compiles and prepares the policy. With WithBundle it
// tries one download; a failure leaves the Engine not Ready rather than
// failing New (a bad URL or key still does).
func New(ctx context.Context, opts ...Option) (*Engine, error) {
	o := options{timeout: DefaultTimeout, cacheSize: DefaultCacheSize, debounce: defaultDebounce}
	for _, opt := range opts {
		opt(&o)
	}
	e := &Engine{opts: o}
	if o.internal != nil {
		e.internal = &Internal{Available: *o.internal}
	}
	if o.bundle != nil {
		if o.dir != "" {
			return nil, errors.New("policy: a directory and a bundle URL are alternatives: set one")
		}
		var err error
		if e.remote, err = newRemote(*o.bundle); err != nil {
			return nil, err
		}
		// A slow bundle server must not hold the proxy's start for long:
		// not ready, it refuses vendor traffic clearly, and Watch retries.
		fctx, cancel := context.WithTimeout(ctx, initialFetchTimeout)
		defer cancel()
		_, _ = e.Reload(fctx) // not ready on error: Watch retries and reports
		return e, nil
	}
	st, err := compile(ctx, o.dir, o.cacheSize)
	if err != nil {
		return nil, err
	}
	e.cur.Store(st)
	return e, nil
}

// Reload loads the policy again from its source (the directory, or one
// download of the bundle) and swaps it in if its content changed. On error
// the policy in force stays and the error says why the new one was refused.
func (e *Engine) Reload(ctx context.Context) (changed bool, err error) {
	e.reloadMu.Lock()
	defer e.reloadMu.Unlock()
	var st *compiled
	if e.remote != nil {
		res := e.remote.fetch(ctx)
		switch {
		case res.err != nil:
			return false, res.err
		case res.notModified:
			// Still the bundle we refused, if we did: not a recovery.
			return false, e.remote.refused
		}
		if st, err = compileBundle(ctx, res.b, e.opts.cacheSize, nil); err != nil {
			e.remote.refused = fmt.Errorf("policy: bundle %s refused: %w", e.remote.display, err)
			return false, e.remote.refused
		}
		e.remote.refused = nil
	} else if st, err = compile(ctx, e.opts.dir, e.opts.cacheSize); err != nil {
		return false, err
	}
	if old := e.cur.Load(); old != nil && old.hash == st.hash {
		return false, nil // keep the warm cache
	}
	e.cur.Store(st)
	return true, nil
}

// Ready reports whether a policy is in force. Only an Engine WithBundle can
// be not ready: until its first bundle arrives every decision is
// ErrNotReady, and the proxy fails closed (or open, if so configured).
func (e *Engine) Ready() bool { return e.cur.Load() != nil }

// Revision is the bundle revision of the policy in force, or the content
// hash "sha256:…" of its files; "" while not Ready.
func (e *Engine) Revision() string {
	if st := e.cur.Load(); st != nil {
		return st.revision
	}
	return ""
}

// Data returns a copy of the policy's data document at path, e.g.
// Data("promptwall", "blocked_hosts").
func (e *Engine) Data(path ...string) (any, bool) {
	st := e.cur.Load()
	if st == nil {
		return nil, false
	}
	v, ok := lookup(st.data, path)
	if !ok {
		return nil, false
	}
	bs, err := json.Marshal(v)
	if err != nil {
		return nil, false
	}
	var out any
	if err := json.Unmarshal(bs, &out); err != nil {
		return nil, false
	}
	return out, true
}

// CustomDetectors returns data.promptwall.custom_detectors, validated at
// load (nil while not Ready). They change with the policy: re-read them
// after a reload.
func (e *Engine) CustomDetectors() []CustomDetector {
	st := e.cur.Load()
	if st == nil {
		return nil
	}
	src := st.detectors
	out := make([]CustomDetector, len(src))
	copy(out, src)
	return out
}

// Decide evaluates data.promptwall.decision. Any error means no decision:
// the caller must fail closed (or open when so configured).
func (e *Engine) Decide(ctx context.Context, in Input) (Decision, error) {
	st := e.cur.Load()
	if st == nil {
		return Decision{}, ErrNotReady
	}
	in.Findings = aggregate(in.Findings)
	if in.Internal == nil {
		in.Internal = e.internal
	}
	var key string
	if st.cache != nil {
		var buf [1024]byte
		if k := appendInputKey(buf[:0], &in, st.keys); len(k) <= maxKeyLen {
			key = string(k)
			if d, ok := st.cache.decisions.Get(key); ok {
				return e.finish(d.clone(), st), nil
			}
		}
	}
	ctx, cancel := context.WithTimeout(ctx, e.opts.timeout)
	defer cancel()
	rs, err := st.decision.Eval(ctx, rego.EvalParsedInput(inputValue(&in)))
	if err != nil {
		return Decision{}, fmt.Errorf("policy: evaluating decision (revision %s): %w", st.revision, err)
	}
	m, err := single(rs)
	if err != nil {
		return Decision{}, fmt.Errorf("policy: decision (revision %s): %w", st.revision, err)
	}
	d, err := parseDecision(m)
	if err != nil {
		return Decision{}, fmt.Errorf("policy: invalid decision (revision %s): %w", st.revision, err)
	}
	if key != "" {
		st.cache.decisions.Add(key, d.clone())
	}
	return e.finish(d, st), nil
}

func (e *Engine) finish(d Decision, st *compiled) Decision {
	d.Monitor = d.Monitor || e.opts.monitor
	d.Revision = st.revision
	return d
}

// Connect evaluates data.promptwall.connect for a CONNECT (or transparent
// TLS) to r.Host: mitm, tunnel or block.
func (e *Engine) Connect(ctx context.Context, r Request) (ConnectDecision, error) {
	st := e.cur.Load()
	if st == nil {
		return ConnectDecision{}, ErrNotReady
	}
	var key string
	if st.cache != nil {
		var buf [256]byte
		if k := appendRequestKey(buf[:0], &r, st.keys); len(k) <= maxKeyLen {
			key = string(k)
			if d, ok := st.cache.connects.Get(key); ok {
				d = d.clone()
				d.Revision = st.revision
				return d, nil
			}
		}
	}
	ctx, cancel := context.WithTimeout(ctx, e.opts.timeout)
	defer cancel()
	rs, err := st.connect.Eval(ctx, rego.EvalParsedInput(connectValue(&r)))
	if err != nil {
		return ConnectDecision{}, fmt.Errorf("policy: evaluating connect (revision %s): %w", st.revision, err)
	}
	m, err := single(rs)
	if err != nil {
		return ConnectDecision{}, fmt.Errorf("policy: connect (revision %s): %w", st.revision, err)
	}
	d, err := parseConnect(m)
	if err != nil {
		return ConnectDecision{}, fmt.Errorf("policy: invalid connect decision (revision %s): %w", st.revision, err)
	}
	if key != "" {
		st.cache.connects.Add(key, d.clone())
	}
	d.Revision = st.revision
	return d, nil
}
