package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// Check loads dir ("" = the embedded bundle) as the proxy would: strict
// compile, both queries prepared, custom detectors decoded. Compile problems
// come back as a *CompileError ("file:line: message" per line). On success
// it returns the revision the proxy would record.
func Check(dir string) (revision string, err error) {
	st, err := compile(context.Background(), dir, 0)
	if err != nil {
		return "", err
	}
	return st.revision, nil
}

// toolTimeout bounds an evaluation by the command-line tools, which run
// beside the proxy's 250 ms bound, not under it.
const toolTimeout = 10 * time.Second

// Eval decides one input document (JSON, as DESIGN.md) against dir
// ("" = the embedded bundle), uncached.
func Eval(ctx context.Context, dir string, input []byte) (Decision, error) {
	in, err := parseInput(input)
	if err != nil {
		return Decision{}, err
	}
	e, err := New(ctx, WithDir(dir), WithCacheSize(0), WithTimeout(toolTimeout))
	if err != nil {
		return Decision{}, err
	}
	return e.Decide(ctx, in)
}

// EvalConnect decides a CONNECT (data.promptwall.connect) for the input
// document's request; findings, if any, are not seen by the policy.
func EvalConnect(ctx context.Context, dir string, input []byte) (ConnectDecision, error) {
	in, err := parseInput(input)
	if err != nil {
		return ConnectDecision{}, err
	}
	e, err := New(ctx, WithDir(dir), WithCacheSize(0), WithTimeout(toolTimeout))
	if err != nil {
		return ConnectDecision{}, err
	}
	return e.Connect(ctx, in.Request)
}

// parseInput reads an input document strictly: a misspelt field would
// otherwise be evaluated as absent and the decision would mislead.
func parseInput(input []byte) (Input, error) {
	dec := json.NewDecoder(bytes.NewReader(input))
	dec.DisallowUnknownFields()
	var in Input
	if err := dec.Decode(&in); err != nil {
		return Input{}, fmt.Errorf("policy: reading input: %w", err)
	}
	if dec.More() {
		return Input{}, errors.New("policy: reading input: more than one JSON document")
	}
	return in, nil
}

// TestOptions tunes Test.
type TestOptions struct {
	// Verbose lists every test and prints the traces of failures.
	Verbose bool
	// Run, when set, is a regular expression: only the tests whose
	// package-qualified name matches run (as `opa test --run`).
	Run string
}

// Test runs the *_test.rego files of dir ("" = the embedded bundle) with
// OPA's tester, writes OPA's report to w (each failure with its location)
// and counts the results. err is for failures to run at all, not for
// failing tests.
func Test(ctx context.Context, dir string, w io.Writer, opts TestOptions) (passed, failed int, err error) {
	results, err := runTests(ctx, dir, nil, opts)
	if err != nil {
		return 0, 0, err
	}
	ch := make(chan *tester.Result, len(results))
	for _, r := range results {
		switch {
		case r.Skip:
		case r.Pass():
			passed++
		default:
			failed++
		}
		ch <- r
	}
	close(ch)
	rep := tester.PrettyReporter{Output: w, Verbose: opts.Verbose, FailureLine: true}
	if err := rep.Report(ch); err != nil {
		return passed, failed, fmt.Errorf("policy: writing test report: %w", err)
	}
	return passed, failed, nil
}

// runTests runs a bundle's tests, optionally under a coverage tracer.
func runTests(ctx context.Context, dir string, cov *cover.Cover, opts TestOptions) ([]*tester.Result, error) {
	if opts.Run != "" {
		if _, err := regexp.Compile(opts.Run); err != nil {
			return nil, fmt.Errorf("policy: test filter: %w", err)
		}
	}
	b, err := readBundle(dir, true)
	if err != nil {
		return nil, err
	}
	modules := make(map[string]*ast.Module, len(b.Modules))
	for _, m := range b.Modules {
		modules[m.Path] = m.Parsed
	}
	data := b.Data
	if data == nil {
		data = map[string]any{}
	}
	store := inmem.NewFromObject(data)
	var out []*tester.Result
	err = storage.Txn(ctx, store, storage.TransactionParams{}, func(txn storage.Transaction) error {
		runner := tester.NewRunner().
			SetCompiler(ast.NewCompiler().WithEnablePrintStatements(true)).
			SetStore(store).
			SetModules(modules).
			CapturePrintOutput(true).
			EnableTracing(opts.Verbose).
			Filter(opts.Run).
			RaiseBuiltinErrors(true)
		if cov != nil {
			runner.SetCoverageQueryTracer(cov)
		}
		ch, err := runner.RunTests(ctx, txn)
		if err != nil {
			return compileError(err)
		}
		for r := range ch {
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("policy: running tests in %s: %w", displayDir(dir), err)
	}
	return out, nil
}

// Coverage runs dir's tests ("" = the embedded bundle) under OPA's coverage
// tracer and returns the line coverage in percent of the policy files (test
// files excluded), as `opa test --coverage` reports it. A failing test is
// an error: coverage of a broken suite means nothing.
func Coverage(ctx context.Context, dir string) (float64, error) {
	cov := cover.New()
	results, err := runTests(ctx, dir, cov, TestOptions{})
	if err != nil {
		return 0, err
	}
	for _, r := range results {
		if !r.Skip && !r.Pass() {
			return 0, fmt.Errorf("policy: test %s.%s failed", r.Package, r.Name)
		}
	}
	b, err := readBundle(dir, false)
	if err != nil {
		return 0, err
	}
	modules := make(map[string]*ast.Module, len(b.Modules))
	for _, m := range b.Modules {
		modules[m.Path] = m.Parsed
	}
	return cov.Report(modules).Coverage, nil
}
