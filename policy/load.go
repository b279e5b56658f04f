package policy

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	pathpkg "path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	policybundle "github.com/promptwall/promptwall/rego"
)

// The two queries the proxy asks.
const (
	decisionQuery = "data.promptwall.decision"
	connectQuery  = "data.promptwall.connect"
)

// CompileError lists the problems of a policy, one "file:line: message" per
// line, so that editors and CI can jump to them.
type CompileError struct {
	Problems []string
}

func (e *CompileError) Error() string { return strings.Join(e.Problems, "\n") }

// compileError turns OPA's errors into a CompileError, keeping other errors.
func compileError(err error) error {
	var astErrs ast.Errors
	if !errors.As(err, &astErrs) {
		var one *ast.Error
		if !errors.As(err, &one) {
			return err
		}
		astErrs = ast.Errors{one}
	}
	ce := &CompileError{}
	for _, e := range astErrs {
		if e.Location != nil {
			ce.Problems = append(ce.Problems, fmt.Sprintf("%s:%d: %s", e.Location.File, e.Location.Row, e.Message))
		} else {
			ce.Problems = append(ce.Problems, e.Message)
		}
	}
	return ce
}

func isTestFile(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// readBundle reads dir ("" = the embedded bundle) as an OPA bundle directory
// or bundle tarball, with or without its *_test.rego files.
//
// Hidden files and directories (but .manifest) are skipped: .git, editors'
// lock files (Emacs's dangling .#x.rego links) and the timestamped
// directories of a Kubernetes ConfigMap mount are not policy. Symbolic links
// to files are followed (a ConfigMap's files are links into its hidden
// directory), and so is a link at the root. A tarball's member names may
// start with "./" (`tar -czf b.tar.gz -C dir .`) or "/" (`opa build`); one
// that leaves the bundle through ".." is refused.
func readBundle(dir string, withTests bool) (*bundle.Bundle, error) {
	src := openSource(dir, func(info fs.FileInfo) bool {
		return !withTests && !info.IsDir() && isTestFile(info.Name())
	})
	b, err := src.fl.AsBundle(src.path)
	if *src.escaped != "" {
		return nil, fmt.Errorf("policy: bundle %s: member %q leaves the bundle (\"..\")", displayDir(dir), *src.escaped)
	}
	if err != nil {
		return nil, compileError(err)
	}
	if len(b.Modules) == 0 {
		return nil, fmt.Errorf("policy: no .rego files in %q", displayDir(dir))
	}
	return b, nil
}

// source is how OPA's loader reads a bundle directory or tarball.
type source struct {
	fl      loader.FileLoader
	path    string // what to load: dir, its links resolved ("." = embedded)
	tarball bool
	// escaped is, after loading, the first tarball member refused for a
	// name that leaves the bundle.
	escaped *string
}

// openSource prepares the loader for dir; skip filters files and directories
// beyond the hidden ones.
func openSource(dir string, skip func(info fs.FileInfo) bool) source {
	src := source{path: dir, escaped: new(string)}
	if dir == "" {
		src.path = "."
	} else if resolved, err := filepath.EvalSymlinks(dir); err == nil {
		src.path = resolved
	}
	if dir != "" {
		if fi, err := os.Stat(src.path); err == nil && !fi.IsDir() {
			src.tarball = true
		}
	}
	// A tarball's members come to the filter by their names in the archive,
	// a directory's files by their paths under root.
	root := filepath.ToSlash(filepath.Clean(src.path))
	src.fl = loader.NewFileLoader().
		WithRegoVersion(ast.RegoV1).
		WithProcessAnnotation(true).
		WithFollowSymlinks(true).
		WithFilter(func(p string, info fs.FileInfo, _ int) bool {
			if p == root && !src.tarball {
				return false
			}
			if src.tarball {
				// A leading "/" is the bundle's root (`opa build` writes
				// "/data.json"), "./" too (`tar -C dir .`); ".." would
				// leave the bundle. A member is hidden by any hidden
				// directory in its name: the archive need not list the
				// directory, and OPA's matching of those it lists misses
				// "./" names.
				c := pathpkg.Clean(strings.TrimLeft(p, "/"))
				if c == ".." || strings.HasPrefix(c, "../") {
					if *src.escaped == "" {
						*src.escaped = p
					}
					return true
				}
				if parent, _ := pathpkg.Split(c); slices.ContainsFunc(strings.Split(parent, "/"), hidden) {
					return true
				}
			}
			if hidden(info.Name()) && info.Name() != ".manifest" {
				return true
			}
			return skip(info)
		})
	if dir == "" {
		src.fl = src.fl.WithFS(policybundle.FS)
	}
	return src
}

// hidden is a file or directory name starting with "." ("." itself, the
// root of a tarball written with "tar -C dir .", is not).
func hidden(name string) bool { return strings.HasPrefix(name, ".") && name != "." }

func displayDir(dir string) string {
	if dir == "" {
		return "embedded bundle"
	}
	return dir
}

// compiled is one loaded, strictly compiled and prepared policy: everything
// a decision needs, swapped as a whole on reload.
type compiled struct {
	revision  string // what the audit trail records
	hash      string // content hash: a change of content is a reload even if the manifest revision stayed
	decision  rego.PreparedEvalQuery
	connect   rego.PreparedEvalQuery
	data      map[string]any
	detectors []CustomDetector
	keys      keyPolicy
	cache     *decisionCache
}

// compile loads dir, compiles it strictly and prepares both queries.
func compile(ctx context.Context, dir string, cacheSize int) (*compiled, error) {
	b, err := readBundle(dir, false)
	if err != nil {
		return nil, err
	}
	return compileBundle(ctx, b, cacheSize, func() []dataFile { return readDataFiles(dir) })
}

// compileBundle compiles a bundle read from a directory or downloaded. Its
// *_test.rego modules are left out: tests are never served. files, when not
// nil, reads the bundle's data files again, to say where a problem in data
// was written.
func compileBundle(ctx context.Context, b *bundle.Bundle, cacheSize int, files func() []dataFile) (*compiled, error) {
	if b.Type() == bundle.DeltaBundleType {
		return nil, errors.New("policy: delta bundles are not supported: serve snapshot bundles")
	}
	data := b.Data
	if data == nil {
		data = map[string]any{}
	}
	modules := make(map[string]*ast.Module, len(b.Modules))
	var served []bundle.ModuleFile
	for _, m := range b.Modules {
		if isTestFile(m.Path) {
			continue
		}
		modules[m.Path] = m.Parsed
		served = append(served, m)
	}
	if len(modules) == 0 {
		return nil, errors.New("policy: the bundle has no .rego files (besides tests)")
	}
	c := ast.NewCompiler().
		WithStrict(true).
		WithPathConflictsCheck(func(path []string) (bool, error) {
			_, ok := lookup(data, path)
			return ok, nil
		})
	if c.Compile(modules); c.Failed() {
		return nil, compileError(c.Errors)
	}
	detectors, err := customDetectors(data, files)
	if err != nil {
		return nil, err
	}
	store := inmem.NewFromObject(data)
	prepare := func(q string) (rego.PreparedEvalQuery, error) {
		pq, err := rego.New(
			rego.Query(q),
			rego.Compiler(c),
			rego.Store(store),
			// A builtin error must fail the decision (closed), not make a
			// blocking rule silently undefined.
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx)
		if err != nil {
			return pq, fmt.Errorf("policy: preparing %s: %w", q, compileError(err))
		}
		return pq, nil
	}
	st := &compiled{data: data, detectors: detectors, keys: analyse(c)}
	if st.decision, err = prepare(decisionQuery); err != nil {
		return nil, err
	}
	if st.connect, err = prepare(connectQuery); err != nil {
		return nil, err
	}
	if st.hash, err = contentHash(served, data, b.Manifest.Revision); err != nil {
		return nil, err
	}
	st.revision = cmp.Or(b.Manifest.Revision, st.hash)
	if cacheSize > 0 && st.keys.cacheable {
		st.cache = newDecisionCache(cacheSize)
	}
	return st, nil
}

// contentHash is "sha256:" and the hash of the served modules (paths
// relative to the bundle root, so the same files hash the same wherever
// they are checked out or served from), the data document and the manifest
// revision. It is the revision when the manifest sets none, so that every
// change to the policy or its data shows in the audit trail.
func contentHash(mods []bundle.ModuleFile, data map[string]any, manifestRevision string) (string, error) {
	h := sha256.New()
	mods = slices.Clone(mods)
	rel := func(m bundle.ModuleFile) string {
		// Cleaned: a tarball's "./x.rego" is the directory's "/x.rego".
		return pathpkg.Clean(strings.TrimLeft(filepath.ToSlash(cmp.Or(m.RelativePath, m.Path)), "/"))
	}
	slices.SortFunc(mods, func(a, b bundle.ModuleFile) int { return strings.Compare(rel(a), rel(b)) })
	for _, m := range mods {
		fmt.Fprintf(h, "%s\x00%d\x00", rel(m), len(m.Raw))
		h.Write(m.Raw)
	}
	bs, err := json.Marshal(data) // map keys sorted: canonical
	if err != nil {
		return "", fmt.Errorf("policy: hashing data: %w", err)
	}
	h.Write(bs)
	if manifestRevision != "" {
		fmt.Fprintf(h, "\x00revision\x00%s", manifestRevision)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// lookup walks a JSON document.
func lookup(doc any, path []string) (any, bool) {
	for _, p := range path {
		m, ok := doc.(map[string]any)
		if !ok {
			return nil, false
		}
		if doc, ok = m[p]; !ok {
			return nil, false
		}
	}
	return doc, true
}
