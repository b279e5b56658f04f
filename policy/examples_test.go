package policy

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/promptwall/promptwall/detect"
	"github.com/promptwall/promptwall/llmapi"
)

var update = flag.Bool("update", false, "rewrite golden files: the examples' decisions and their copies of the default policy")

const examplesDir = "../docs/examples"

// The worked examples of docs/policy.md are real bundles: each compiles
// strictly, its Rego tests pass, its input decides as its golden file says,
// its prompt trips its custom detectors, and it runs on the default policy
// as it is today.
func TestExamples(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(examplesDir, "*", "policy"))
	if err != nil || len(dirs) < 5 {
		t.Fatalf("examples: %v %v", dirs, err)
	}
	defaultRego, err := os.ReadFile("../rego/promptwall.rego")
	if err != nil {
		t.Fatal(err)
	}
	defaultData := readData(t, "../rego/data.json")
	ctx := context.Background()
	for _, dir := range dirs {
		example := filepath.Dir(dir)
		t.Run(filepath.Base(example), func(t *testing.T) {
			// Examples built on the default policy carry a copy of it (the
			// others are policies written from scratch).
			copyPath := filepath.Join(dir, "promptwall.rego")
			if _, err := os.Stat(copyPath); err == nil {
				if got, err := os.ReadFile(copyPath); err != nil || !bytes.Equal(got, defaultRego) {
					if !*update {
						t.Fatalf("%s is not rego/promptwall.rego: run go test ./policy -run TestExamples -update", copyPath)
					}
					writeFile(t, copyPath, string(defaultRego))
				}
				data := readData(t, filepath.Join(dir, "data.json"))
				for k := range defaultData {
					if _, ok := data[k]; !ok {
						t.Errorf("data.json lacks promptwall.%s of the default data", k)
					}
				}
			}
			if _, err := Check(dir); err != nil {
				t.Fatalf("check: %v", err)
			}
			var out strings.Builder
			passed, failed, err := Test(ctx, dir, &out, TestOptions{})
			if err != nil || failed > 0 || passed == 0 {
				t.Fatalf("tests: passed %d failed %d err %v\n%s", passed, failed, err, out.String())
			}
			evalGolden(t, example, "input.json", "decision.json", func(in []byte) (any, error) { return Eval(ctx, dir, in) })
			evalGolden(t, example, "connect-input.json", "connect-decision.json", func(in []byte) (any, error) { return EvalConnect(ctx, dir, in) })
			checkPrompt(t, example, newEngine(t, WithDir(dir)))
		})
	}
}

func readData(t *testing.T, path string) map[string]any {
	t.Helper()
	bs, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Promptwall map[string]any `json:"promptwall"`
	}
	if err := json.Unmarshal(bs, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc.Promptwall
}

// evalGolden decides example/input (when present) and compares with
// example/want, as `promptwall policy eval` prints it.
func evalGolden(t *testing.T, example, input, want string, eval func([]byte) (any, error)) {
	t.Helper()
	in, err := os.ReadFile(filepath.Join(example, input))
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	d, err := eval(in)
	if err != nil {
		t.Fatalf("%s: %v", input, err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(example, want)
	if *update {
		writeFile(t, path, buf.String())
	}
	golden, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(golden, buf.Bytes()) {
		t.Fatalf("%s decides\n%s\nbut %s says\n%s", input, buf.String(), want, golden)
	}
}

// checkPrompt scans example/prompt.txt (when present) with the scanner the
// proxy would build from the policy's custom detectors: each must fire.
func checkPrompt(t *testing.T, example string, e *Engine) {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(example, "prompt.txt"))
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	var cds []detect.CustomDetector
	for _, d := range e.CustomDetectors() {
		cds = append(cds, detect.CustomDetector{Type: d.Type, Category: d.Category, Severity: d.Severity,
			Regex: d.Regex, Keywords: d.Keywords, Validator: d.Validator, Terms: d.Terms})
	}
	sc, err := detect.NewScanner(detect.WithCustom(cds))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]int{}
	for _, f := range sc.ScanText(string(text)) {
		found[f.Type]++
	}
	for _, d := range cds {
		if found[d.Type] == 0 {
			t.Errorf("prompt.txt: no %s finding (found %v)", d.Type, found)
		}
	}
}

// snippetMarker introduces a block of docs/policy.md that must appear in a
// file of the examples: <!-- from: examples/NAME/FILE -->.
var snippetMarker = regexp.MustCompile(`^<!-- from: (\S+) -->$`)

// TestDocSnippets keeps docs/policy.md honest: every code block marked as
// coming from an example file appears in that file, line for line
// (indentation aside).
func TestDocSnippets(t *testing.T) {
	f, err := os.Open("../docs/policy.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var from string
	var block []string
	inBlock, n := false, 0
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !inBlock && snippetMarker.MatchString(line):
			from = snippetMarker.FindStringSubmatch(line)[1]
		case !inBlock && from != "" && strings.HasPrefix(line, "```"):
			inBlock, block = true, nil
		case inBlock && strings.HasPrefix(line, "```"):
			inBlock = false
			n++
			checkSnippet(t, filepath.Join("../docs", from), block)
			from = ""
		case inBlock:
			block = append(block, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Fatalf("only %d checked snippets in docs/policy.md", n)
	}
}

func checkSnippet(t *testing.T, path string, block []string) {
	t.Helper()
	bs, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("docs/policy.md quotes %s: %v", path, err)
		return
	}
	trim := func(ls []string) []string {
		out := make([]string, 0, len(ls))
		for _, l := range ls {
			out = append(out, strings.TrimSpace(l))
		}
		return out
	}
	want := strings.Join(trim(block), "\n")
	have := strings.Join(trim(strings.Split(string(bs), "\n")), "\n")
	if !strings.Contains(have, want) {
		t.Errorf("docs/policy.md quotes %s, but the file no longer says:\n%s", path, strings.Join(block, "\n"))
	}
}

// The table of built-in finding types in docs/policy.md is detect's.
func TestDocFindingTypes(t *testing.T) {
	bs, err := os.ReadFile("../docs/policy.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `(secret|pii|classified)` \\| `([A-Z_ ]+)`")
	documented := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(string(bs), -1) {
		for _, typ := range strings.Fields(m[2]) {
			documented[typ] = m[1]
		}
	}
	for _, typ := range detect.Types() {
		cat, _, _ := detect.Info(typ)
		if documented[typ] != cat.String() {
			t.Errorf("%s: category %q, docs/policy.md says %q", typ, cat, documented[typ])
		}
		delete(documented, typ)
	}
	for typ := range documented {
		t.Errorf("docs/policy.md lists %s, which detect does not know", typ)
	}
}

// The vendor names docs/policy.md lists for request.vendor are the catalog's.
func TestDocVendors(t *testing.T) {
	bs, err := os.ReadFile("../docs/policy.md")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile("(?m)^\\| `request\\.vendor` \\|.*$").FindString(string(bs))
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("`([a-z-]+)`").FindAllStringSubmatch(line, -1) {
		documented[m[1]] = true
	}
	cat, err := llmapi.NewCatalog(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range cat.Hosts() {
		v, _ := cat.Lookup(strings.TrimPrefix(h, "*."))
		if v == "" {
			v, _ = cat.Lookup("x." + strings.TrimPrefix(h, "*."))
		}
		if !documented[v] {
			t.Errorf("vendor %q (%s) is not in docs/policy.md's request.vendor row", v, h)
		}
	}
}
