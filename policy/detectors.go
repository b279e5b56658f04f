package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	pathpkg "path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/bundle"
	yaml "go.yaml.in/yaml/v3"

	"github.com/promptwall/promptwall/detect"
)

// detectorsName is the custom detectors' place in data, as problems name it.
const detectorsName = "data.promptwall.custom_detectors"

var detectorsPath = []string{"promptwall", "custom_detectors"}

// detectorFields are the fields of a custom detector, in the order of docs.
var detectorFields = []string{"type", "category", "severity", "regex", "keywords", "validator", "terms"}

// customDetectors decodes data.promptwall.custom_detectors strictly, so that
// a typo is a load error rather than a detector that never fires, and
// compiles them as the scanner will, so that a bad regex, validator or
// category refuses the policy instead of failing the proxy later.
//
// Every problem is reported, one per line of a *CompileError, as
// "FILE:LINE: data.promptwall.custom_detectors[i] (TYPE): problem". files,
// when not nil, reads the bundle's data files to find FILE and LINE; without
// it, or when the list's file cannot be told, the prefix is left out.
func customDetectors(data map[string]any, files func() []dataFile) ([]CustomDetector, error) {
	raw, ok := lookup(data, detectorsPath)
	if !ok || raw == nil {
		return nil, nil
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, detectorProblems(files, []problem{{-1, detectorsName + " must be a list of objects, got " + describe(raw)}})
	}
	var probs []problem
	out := make([]CustomDetector, 0, len(list))
	wellFormed := make([]bool, len(list))
	for i, item := range list {
		d, msgs := decodeDetector(item)
		if len(msgs) == 0 && d.Type == "" {
			msgs = append(msgs, "type is empty")
		}
		wellFormed[i] = len(msgs) == 0
		for _, m := range msgs {
			probs = append(probs, problem{i, label(i, d) + ": " + m})
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return out, nil
	}
	// All together, as the scanner will compile them: detect names each
	// bad entry by its index, which is the list's. (A malformed entry's
	// problems are those above.)
	for _, e := range leaves(compileDetectors(toDetect(out...))) {
		if ce, ok := errors.AsType[*detect.CustomError](e); ok && ce.Index < len(out) {
			if wellFormed[ce.Index] {
				probs = append(probs, problem{ce.Index, label(ce.Index, out[ce.Index]) + ": " + ce.Err.Error()})
			}
			continue
		}
		probs = append(probs, problem{-1, detectorsName + ": " + e.Error()})
	}
	if len(probs) == 0 {
		return out, nil
	}
	slices.SortStableFunc(probs, func(a, b problem) int { return a.index - b.index })
	return nil, detectorProblems(files, probs)
}

// label names entry i of the list, with its type when it has one.
func label(i int, d CustomDetector) string {
	if d.Type == "" {
		return fmt.Sprintf("%s[%d]", detectorsName, i)
	}
	return fmt.Sprintf("%s[%d] (%s)", detectorsName, i, d.Type)
}

// problem is one line about the custom detectors: of entry index, or of the
// list as a whole (-1).
type problem struct {
	index int
	msg   string
}

func detectorProblems(files func() []dataFile, probs []problem) error {
	var o origin
	if files != nil {
		o = locate(files(), detectorsPath)
	}
	ce := &CompileError{}
	for _, p := range probs {
		ce.Problems = append(ce.Problems, o.prefix(p.index)+p.msg)
	}
	return ce
}

// decodeDetector reads one entry, naming in the policy's terms each field
// that is unknown or of the wrong kind.
func decodeDetector(item any) (CustomDetector, []string) {
	obj, ok := item.(map[string]any)
	if !ok {
		return CustomDetector{}, []string{"must be an object, got " + describe(item)}
	}
	var d CustomDetector
	var msgs []string
	str := func(key string, dst *string) {
		switch v := obj[key].(type) {
		case nil:
		case string:
			*dst = v
		default:
			msgs = append(msgs, fmt.Sprintf("%s must be a string, got %s", key, describe(v)))
		}
	}
	strs := func(key string, dst *[]string) {
		switch v := obj[key].(type) {
		case nil:
		case []any:
			for j, e := range v {
				s, ok := e.(string)
				if !ok {
					msgs = append(msgs, fmt.Sprintf("%s[%d] must be a string, got %s", key, j, describe(e)))
					continue
				}
				*dst = append(*dst, s)
			}
		default:
			msgs = append(msgs, fmt.Sprintf("%s must be a list of strings, got %s", key, describe(v)))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if !slices.Contains(detectorFields, k) {
			msgs = append(msgs, fmt.Sprintf("unknown field %q (fields: %s)", k, strings.Join(detectorFields, ", ")))
		}
	}
	str("type", &d.Type)
	str("category", &d.Category)
	str("severity", &d.Severity)
	str("regex", &d.Regex)
	strs("keywords", &d.Keywords)
	str("validator", &d.Validator)
	strs("terms", &d.Terms)
	return d, msgs
}

// compileDetectors compiles custom detectors as the scanner will; a
// variable for tests.
var compileDetectors = func(ds []detect.CustomDetector) error {
	_, err := detect.NewScanner(detect.WithCustom(ds))
	return err
}

func toDetect(ds ...CustomDetector) []detect.CustomDetector {
	out := make([]detect.CustomDetector, len(ds))
	for i, d := range ds {
		out[i] = detect.CustomDetector{Type: d.Type, Category: d.Category, Severity: d.Severity,
			Regex: d.Regex, Keywords: d.Keywords, Validator: d.Validator, Terms: d.Terms}
	}
	return out
}

// leaves flattens joined errors; nil has none.
func leaves(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// describe names the kind of a JSON value, for "got …".
func describe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case json.Number, float64, float32, int, int64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "an unsupported value"
}

// dataFile is a data.json or data.yaml of a bundle.
type dataFile struct {
	name string   // as problems show it: like the bundle's Rego files
	path []string // where its document goes in data (its directory)
	raw  []byte
}

func isDataFile(name string) bool {
	return name == "data.json" || bundle.IsYAMLDataFile(name)
}

// readDataFiles reads the data files of dir ("" = the embedded bundle) as
// OPA's loader finds them, unparsed; nil if it cannot. It is for error
// messages only: the files were already loaded once.
func readDataFiles(dir string) []dataFile {
	src := openSource(dir, func(info fs.FileInfo) bool {
		return !info.IsDir() && !isDataFile(info.Name())
	})
	b, err := src.fl.WithBundleLazyLoadingMode(true).AsBundle(src.path)
	if err != nil {
		return nil
	}
	var out []dataFile
	for _, r := range b.Raw {
		p := filepath.ToSlash(r.Path)
		if !isDataFile(pathpkg.Base(p)) {
			continue
		}
		rel := pathpkg.Clean(strings.TrimLeft(p, "/"))
		name := rel
		if dir != "" && !src.tarball {
			name = filepath.Join(src.path, filepath.FromSlash(rel)) // as OPA names the Rego files
		}
		var key []string
		// As OPA places it: by its directory, leading "/" and "." trimmed.
		if d := strings.TrimLeft(pathpkg.Dir(p), "/."); d != "" {
			key = strings.Split(d, "/")
		}
		out = append(out, dataFile{name: name, path: key, raw: r.Value})
	}
	slices.SortFunc(out, func(a, b dataFile) int { return strings.Compare(a.name, b.name) })
	return out
}

// origin is where a value of data was written: its file, the line of the
// value and those of its elements when it is a list (0: unknown).
type origin struct {
	file  string
	line  int
	items []int
}

// prefix is "file:line: " for element i (-1: the value), or less when less
// is known.
func (o origin) prefix(i int) string {
	if o.file == "" {
		return ""
	}
	line := o.line
	if i >= 0 && i < len(o.items) {
		line = o.items[i]
	}
	if line > 0 {
		return fmt.Sprintf("%s:%d: ", o.file, line)
	}
	return o.file + ": "
}

// locate finds the data file that wrote the value at key. OPA merges data
// files by their directories and refuses two that write the same value, so
// at most one does.
func locate(files []dataFile, key []string) origin {
	for _, f := range files {
		switch n := len(f.path); {
		case n <= len(key) && slices.Equal(f.path, key[:n]):
			var line int
			var items []int
			var ok bool
			if strings.HasSuffix(f.name, ".json") {
				line, items, ok = findJSON(f.raw, key[n:])
			} else {
				line, items, ok = findYAML(f.raw, key[n:])
			}
			if ok {
				return origin{file: f.name, line: line, items: items}
			}
		case n > len(key) && slices.Equal(f.path[:len(key)], key):
			// A file below the value: the value is an object of files.
			return origin{file: f.name}
		}
	}
	return origin{}
}

// findJSON finds the value at key in a JSON document: its line and, for a
// list, its elements' lines.
func findJSON(bs []byte, key []string) (line int, items []int, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(bs))
	for _, k := range key {
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			return 0, nil, false
		}
		for {
			if !dec.More() {
				return 0, nil, false
			}
			t, err := dec.Token()
			if err != nil {
				return 0, nil, false
			}
			if t == k {
				break
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return 0, nil, false
			}
		}
	}
	line = lineAt(bs, dec.InputOffset())
	t, err := dec.Token()
	if err != nil {
		return 0, nil, false
	}
	if t == json.Delim('[') {
		for dec.More() {
			items = append(items, lineAt(bs, dec.InputOffset()))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				break
			}
		}
	}
	return line, items, true
}

// lineAt is the line of the first value byte at or after off, skipping
// blanks and the ':' or ',' before it.
func lineAt(bs []byte, off int64) int {
	i := int(off)
	for i < len(bs) && strings.IndexByte(" \t\r\n:,", bs[i]) >= 0 {
		i++
	}
	return 1 + bytes.Count(bs[:min(i, len(bs))], []byte{'\n'})
}

// findYAML is findJSON for a YAML document.
func findYAML(bs []byte, key []string) (line int, items []int, ok bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(bs, &doc); err != nil || len(doc.Content) == 0 {
		return 0, nil, false
	}
	n := doc.Content[0]
	for _, k := range key {
		n = unalias(n)
		if n.Kind != yaml.MappingNode {
			return 0, nil, false
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
			}
		}
		if next == nil {
			return 0, nil, false
		}
		n = next
	}
	n = unalias(n)
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			items = append(items, c.Line)
		}
	}
	return n.Line, items, true
}

func unalias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}
