package policy

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/bundle"

	"github.com/promptwall/promptwall/detect"
	"github.com/promptwall/promptwall/internal/testpolicy"
)

// checkProblems checks that err is a *CompileError whose lines are want,
// with "DIR/" standing for the bundle directory dir, and returns them so.
func checkProblems(t *testing.T, err error, dir string, want []string) []string {
	t.Helper()
	w := make([]string, len(want))
	for i, l := range want {
		w[i] = strings.Replace(l, "DIR/", dir+string(filepath.Separator), 1)
	}
	if got := compileProblems(t, err); !slices.Equal(got, w) {
		t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
	}
	return w
}

func compileProblems(t *testing.T, err error) []string {
	t.Helper()
	var ce *CompileError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v (%T), want a *CompileError", err, err)
	}
	return ce.Problems
}

// Every bad custom detector is reported, one line each, named by its place
// in data and by the file and line that wrote it.
func TestCustomDetectorProblems(t *testing.T) {
	const dyaml = "promptwall/data.yaml"
	tests := []struct {
		name  string
		files map[string]string // besides the default policy; "data.json" replaces it
		want  []string          // "DIR" is the policy directory
	}{
		{"three bad entries in a nested yaml file", map[string]string{
			dyaml: "custom_detectors:\n" +
				"  - type: A_X\n    regex: \"a(\"\n" +
				"  - type: OK_ONE\n    terms: [fine]\n" +
				"  - type: lower\n    terms: [x]\n" +
				"  - type: B_Y\n    terms: [y]\n    category: secrets\n",
		}, []string{
			"DIR/promptwall/data.yaml:2: data.promptwall.custom_detectors[0] (A_X): regex: error parsing regexp: missing closing ): `a(`",
			`DIR/promptwall/data.yaml:6: data.promptwall.custom_detectors[2] (lower): type "lower" must be upper-case letters, digits and '_'`,
			`DIR/promptwall/data.yaml:8: data.promptwall.custom_detectors[3] (B_Y): unknown category "secrets" (known: secret, pii, classified, custom)`,
		}},
		{"json at the root", map[string]string{"data.json": `{"promptwall": {
  "custom_detectors": [
    {"type": "X", "regx": "a"},
    {"type": "Y"},
    {"regex": "b"},
    "Z",
    {"type": "W", "terms": "w", "keywords": ["k", 1], "severity": 3},
    {"type": "V", "regex": "v", "validator": "luhnn"}
  ]
}}`}, []string{
			`DIR/data.json:3: data.promptwall.custom_detectors[0] (X): unknown field "regx" (fields: type, category, severity, regex, keywords, validator, terms)`,
			"DIR/data.json:4: data.promptwall.custom_detectors[1] (Y): needs a regex or terms",
			"DIR/data.json:5: data.promptwall.custom_detectors[2]: type is empty",
			"DIR/data.json:6: data.promptwall.custom_detectors[3]: must be an object, got a string",
			"DIR/data.json:7: data.promptwall.custom_detectors[4] (W): severity must be a string, got a number",
			"DIR/data.json:7: data.promptwall.custom_detectors[4] (W): keywords[1] must be a string, got a number",
			"DIR/data.json:7: data.promptwall.custom_detectors[4] (W): terms must be a list of strings, got a string",
			`DIR/data.json:8: data.promptwall.custom_detectors[5] (V): unknown validator "luhnn" (known: ` + "credit_card, email, github_token, iban, ip, it_fiscal_code, it_vat, jwt, luhn, us_ssn)",
		}},
		{"not a list", map[string]string{dyaml: "messages: {}\ncustom_detectors:\n  type: X\n"}, []string{
			"DIR/promptwall/data.yaml:3: data.promptwall.custom_detectors must be a list of objects, got an object",
		}},
		{"a file that is the list", map[string]string{
			"promptwall/custom_detectors/data.json": "[\n  {\"type\": \"OK\", \"terms\": [\"a\"]},\n  {\"type\": \"BUILT\", \"terms\": [\"b\"], \"category\": \"nope\"}\n]\n",
		}, []string{
			`DIR/promptwall/custom_detectors/data.json:3: data.promptwall.custom_detectors[1] (BUILT): unknown category "nope" (known: secret, pii, classified, custom)`,
		}},
		{"files below the list", map[string]string{
			"promptwall/custom_detectors/a/data.json": `{"type": "A", "terms": ["a"]}`,
		}, []string{
			"DIR/promptwall/custom_detectors/a/data.json: data.promptwall.custom_detectors must be a list of objects, got an object",
		}},
		{"shadows a built-in type", map[string]string{dyaml: "custom_detectors: [{type: EMAIL, terms: [a]}]\n"}, []string{
			`DIR/promptwall/data.yaml:1: data.promptwall.custom_detectors[0] (EMAIL): type "EMAIL" is built in`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"data.json": testpolicy.DataWithout(t, "custom_detectors")}
			for k, v := range tt.files {
				files[k] = v
			}
			dir := copyBundle(t, files)
			_, err := Check(dir)
			want := checkProblems(t, err, dir, tt.want)
			// The proxy refuses the policy with the same lines.
			if _, err := New(context.Background(), WithDir(dir)); err == nil || err.Error() != strings.Join(want, "\n") {
				t.Fatalf("New: %v", err)
			}
		})
	}
}

// A downloaded bundle has no files to point at: the problems are the same,
// without the file prefix.
func TestCustomDetectorProblemsInBundle(t *testing.T) {
	body := buildBundle(t, bundleSpec{revision: "r1", data: map[string]any{
		"custom_detectors": []any{map[string]any{"type": "A_X", "regex": "a("}, map[string]any{"type": "B", "terms": []any{"b"}, "category": "x"}},
	}})
	srv := newBundleServer(t, body)
	e := newEngine(t, WithBundle(BundleSource{URL: srv.URL + "/b.tar.gz", Timeout: 5 * time.Second}))
	if e.Ready() {
		t.Fatal("bad bundle applied")
	}
	_, err := e.Reload(context.Background())
	want := []string{
		"data.promptwall.custom_detectors[0] (A_X): regex: error parsing regexp: missing closing ): `a(`",
		`data.promptwall.custom_detectors[1] (B): unknown category "x" (known: secret, pii, classified, custom)`,
	}
	if got := compileProblems(t, err); !slices.Equal(got, want) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
}

func TestCustomDetectorsValid(t *testing.T) {
	dir := copyBundle(t, map[string]string{
		"data.json":            testpolicy.DataWithout(t, "custom_detectors"),
		"promptwall/data.yaml": "custom_detectors:\n  - {type: CODENAME, terms: [Orione], category: classified}\n  - {type: EMP_ID, regex: 'EMP-\\d{6}', keywords: [emp-]}\n",
	})
	e := newEngine(t, WithDir(dir))
	want := []CustomDetector{
		{Type: "CODENAME", Category: "classified", Terms: []string{"Orione"}},
		{Type: "EMP_ID", Regex: `EMP-\d{6}`, Keywords: []string{"emp-"}},
	}
	if got := e.CustomDetectors(); !reflect.DeepEqual(got, want) {
		t.Fatalf("detectors %+v", got)
	}
}

// Problems only the whole list shows (detect.WithCustom refusing two
// entries of one type) are named by the later entry, beside the others'
// problems; the list is compiled once, valid or not.
func TestCustomDetectorsTogether(t *testing.T) {
	orig := compileDetectors
	t.Cleanup(func() { compileDetectors = orig })
	calls := 0
	compileDetectors = func(ds []detect.CustomDetector) error {
		calls++
		return orig(ds)
	}
	tests := []struct {
		name  string
		yaml  string
		want  []string
		calls int
	}{
		{"valid", "custom_detectors:\n  - {type: A, terms: [a]}\n  - {type: B, terms: [b]}\n", nil, 1},
		{"duplicate", "custom_detectors:\n  - {type: A, terms: [a]}\n  - {type: A, terms: [b]}\n", []string{
			"DIR/promptwall/data.yaml:3: data.promptwall.custom_detectors[1] (A): type already defined by custom detector 0; put its regex and terms in one entry",
		}, 1},
		{"duplicate and bad", "custom_detectors:\n  - {type: A, terms: [a]}\n  - {type: A, terms: [b]}\n  - {type: C, regex: 'c('}\n", []string{
			"DIR/promptwall/data.yaml:3: data.promptwall.custom_detectors[1] (A): type already defined by custom detector 0; put its regex and terms in one entry",
			"DIR/promptwall/data.yaml:4: data.promptwall.custom_detectors[2] (C): regex: error parsing regexp: missing closing ): `c(`",
		}, 1},
		{"malformed and bad", "custom_detectors:\n  - {type: A, terms: a}\n  - {type: C, regex: 'c('}\n", []string{
			"DIR/promptwall/data.yaml:2: data.promptwall.custom_detectors[0] (A): terms must be a list of strings, got a string",
			"DIR/promptwall/data.yaml:3: data.promptwall.custom_detectors[1] (C): regex: error parsing regexp: missing closing ): `c(`",
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyBundle(t, map[string]string{"data.json": testpolicy.DataWithout(t, "custom_detectors"), "promptwall/data.yaml": tt.yaml})
			calls = 0
			_, err := Check(dir)
			if calls != tt.calls {
				t.Errorf("%d compilations, want %d", calls, tt.calls)
			}
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			checkProblems(t, err, dir, tt.want)
		})
	}
}

func TestLeaves(t *testing.T) {
	a, b := errors.New("a"), errors.New("b")
	for _, tt := range []struct {
		name string
		err  error
		want []error
	}{
		{"nil", nil, nil},
		{"plain", a, []error{a}},
		{"joined", errors.Join(a, b), []error{a, b}},
		{"nested join", errors.Join(errors.Join(a), b), []error{a, b}},
		{"wrapped join is a leaf", fmt.Errorf("x: %w", errors.Join(a, b)), nil},
	} {
		got := leaves(tt.err)
		if tt.name == "wrapped join is a leaf" {
			if len(got) != 1 {
				t.Errorf("%s: %d leaves", tt.name, len(got))
			}
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: leaves = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// The line of data.promptwall.custom_detectors and of each entry, in the
// file that wrote it.
func TestCustomDetectorLocate(t *testing.T) {
	key := []string{"promptwall", "custom_detectors"}
	tests := []struct {
		name  string
		files []dataFile
		want  origin
	}{
		{"json root", []dataFile{{name: "data.json", raw: []byte("{\"promptwall\": {\"x\": [1, {\"custom_detectors\": 2}],\n\"custom_detectors\":\n\n [{\"a\": 1},\n\n  \"b\", [3]]}}")}},
			origin{"data.json", 4, []int{4, 6, 6}}},
		{"json nested", []dataFile{
			{name: "data.json", raw: []byte(`{"other": 1}`)},
			{name: "promptwall/data.json", path: []string{"promptwall"}, raw: []byte("{\n\"custom_detectors\": []\n}")},
		}, origin{"promptwall/data.json", 2, nil}},
		{"json is the list", []dataFile{{name: "l/data.json", path: key, raw: []byte("\n[1,\n2]")}}, origin{"l/data.json", 2, []int{2, 3}}},
		{"yaml", []dataFile{{name: "promptwall/data.yml", path: []string{"promptwall"}, raw: []byte("a: 1\ncustom_detectors:\n- type: X\n  terms: [a]\n- {type: Y}\n")}},
			origin{"promptwall/data.yml", 3, []int{3, 5}}},
		{"yaml alias", []dataFile{{name: "data.yaml", raw: []byte("base: &d\n  - x\n  - y\npromptwall:\n  custom_detectors: *d\n")}},
			origin{"data.yaml", 1, []int{2, 3}}},
		{"yaml flow in json syntax", []dataFile{{name: "data.yaml", raw: []byte(`{"promptwall": {"custom_detectors": {}}}`)}},
			origin{"data.yaml", 1, nil}},
		{"below", []dataFile{{name: "x/data.json", path: []string{"promptwall", "custom_detectors", "x"}, raw: []byte(`{}`)}},
			origin{file: "x/data.json"}},
		{"elsewhere", []dataFile{
			{name: "data.json", raw: []byte(`{"promptwall": {"messages": {}}}`)},
			{name: "a/data.json", path: []string{"a"}, raw: []byte(`{"promptwall": {"custom_detectors": []}}`)},
			{name: "p/data.json", path: []string{"p"}, raw: []byte(`{}`)},
		}, origin{}},
		{"unparsable", []dataFile{{name: "data.json", raw: []byte(`{"promptwall": `)}}, origin{}},
		{"none", nil, origin{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := locate(tt.files, key); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("locate = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// tarMember is one entry of a test tarball: a directory when its name ends
// with "/".
type tarMember struct{ name, body string }

func writeTarball(t testing.TB, path string, members []tarMember) {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, m := range members {
		h := &tar.Header{Name: m.name, Mode: 0o644, Size: int64(len(m.body)), Typeflag: tar.TypeReg}
		if strings.HasSuffix(m.name, "/") {
			h.Mode, h.Size, h.Typeflag = 0o755, 0, tar.TypeDir
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(m.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, buf.String())
}

// A bundle tarball is loaded whatever the style of its member names:
// "x" (tar of the files), "./x" (tar -C dir .), "/x" (opa build). Hidden
// files are skipped as in a directory; a name leaving the bundle is refused.
func TestLoadBundleTarball(t *testing.T) {
	rego, err := os.ReadFile(filepath.Join("..", "rego", "promptwall.rego"))
	if err != nil {
		t.Fatal(err)
	}
	data := testpolicy.DataWithout(t, "custom_detectors")
	detectors := "custom_detectors:\n  - {type: CODENAME, terms: [Orione]}\n"
	badDetectors := "custom_detectors:\n  - {type: CODENAME, terms: [Orione]}\n  - {type: A_X, regex: 'a('}\n"
	files := func(prefix, dets string) []tarMember {
		return []tarMember{
			{prefix + "promptwall.rego", string(rego)},
			{prefix + "data.json", data},
			{prefix + "promptwall/", ""},
			{prefix + "promptwall/data.yaml", dets},
			{prefix + "promptwall_test.rego", "package promptwall_test\n\ntest_x if false\n"},
		}
	}
	withDir := func(dir string, ms []tarMember) []tarMember { return append([]tarMember{{dir, ""}}, ms...) }
	tests := []struct {
		name    string
		members []tarMember
		err     string // "": loads, with the one detector
	}{
		{"plain", files("", detectors), ""},
		{"dot slash", withDir("./", files("./", detectors)), ""},
		{"dot slash without dir entry", files("./", detectors), ""},
		{"slash rooted", files("/", detectors), ""},
		{"hidden skipped", append(withDir("./", files("./", detectors)),
			tarMember{"./.git/", ""}, tarMember{"./.git/x.rego", "package broken {"}, tarMember{"./.#promptwall.rego", "x"}), ""},
		{"dot slash bad detector", withDir("./", files("./", badDetectors)),
			"promptwall/data.yaml:3: data.promptwall.custom_detectors[1] (A_X): regex: error parsing regexp: missing closing ): `a(`"},
		{"dot dot", append(files("", detectors), tarMember{"../evil.rego", "package evil\n"}), `member "../evil.rego" leaves the bundle`},
		{"dot dot inside", append(files("./", detectors), tarMember{"./a/../../evil.rego", "package evil\n"}), `member "./a/../../evil.rego" leaves the bundle`},
		{"rooted dot dot", append(files("/", detectors), tarMember{"/../data.json", "{}"}), `member "/../data.json" leaves the bundle`},
		{"only hidden", []tarMember{{"./", ""}, {"./.p.rego", string(rego)}}, "no .rego files"},
	}
	revisions := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "b.tar.gz")
			writeTarball(t, path, tt.members)
			rev, err := Check(path)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Check: %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			revisions[tt.name] = rev
			e := newEngine(t, WithDir(path)) // as serve and scan --policy load it
			if d := e.CustomDetectors(); len(d) != 1 || d[0].Type != "CODENAME" {
				t.Fatalf("detectors %+v", d)
			}
			if got := decideAction(t, e); got != ActionAllow {
				t.Fatalf("decision %s", got)
			}
		})
	}
	// The same files are the same revision, whatever their names' style.
	for name, rev := range revisions {
		if rev != revisions["plain"] {
			t.Errorf("%s: revision %s, plain %s", name, rev, revisions["plain"])
		}
	}
}

// A bundle server may serve a tarball written with "tar -C dir .".
func TestBundleDotSlashNames(t *testing.T) {
	var b bytes.Buffer
	path := filepath.Join(t.TempDir(), "b.tar.gz")
	rego, err := os.ReadFile(filepath.Join("..", "rego", "promptwall.rego"))
	if err != nil {
		t.Fatal(err)
	}
	writeTarball(t, path, []tarMember{
		{"./", ""}, {"./.manifest", `{"revision": "dot"}`}, {"./promptwall.rego", string(rego)},
		{"./data.json", testpolicy.DataWithout(t, "custom_detectors")}, {"./promptwall/", ""},
		{"./promptwall/data.json", `{"custom_detectors": [{"type": "CODENAME", "terms": ["Orione"]}]}`},
	})
	bs, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b.Write(bs)
	// The tarball is a valid bundle for OPA's own reader too.
	if _, err := bundle.NewReader(bytes.NewReader(bs)).Read(); err != nil {
		t.Fatalf("OPA reader: %v", err)
	}
	srv := newBundleServer(t, b.Bytes())
	e := newEngine(t, WithBundle(BundleSource{URL: srv.URL + "/b.tar.gz", Timeout: 5 * time.Second}))
	if !e.Ready() || e.Revision() != "dot" {
		t.Fatalf("ready %v revision %q", e.Ready(), e.Revision())
	}
	if d := e.CustomDetectors(); len(d) != 1 || d[0].Type != "CODENAME" {
		t.Fatalf("detectors %+v", d)
	}
	if rev, err := Check(path); err != nil || rev != "dot" {
		t.Fatalf("Check: %q, %v", rev, err)
	}
}
