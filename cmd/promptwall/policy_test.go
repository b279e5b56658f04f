package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/promptwall/promptwall/internal/testpolicy"
)

// runPolicyCmd runs the root command in-process, as the binary would.
func runPolicyCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(args)
	err = root.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

// policyDir writes a bundle directory: the default policy's files from
// rego/ plus or instead of the given ones.
func policyDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"promptwall.rego", "data.json"} {
		bs, err := os.ReadFile(filepath.Join("..", "..", "rego", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), bs, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPolicyTestCmd(t *testing.T) {
	failing := "package extra_test\n\nimport data.promptwall\n\ntest_clean_is_blocked if promptwall.decision.action == \"block\" with input as {\"findings\": []}\n"
	tests := []struct {
		name     string
		args     []string
		wantErr  string
		wantOut  []string
		notInOut []string
	}{
		{name: "embedded", args: []string{"policy", "test"}, wantOut: []string{"PASS: "}, notInOut: []string{"coverage"}},
		{name: "dir with coverage", args: []string{"policy", "test", filepath.Join("..", "..", "rego"), "--coverage"}, wantOut: []string{"PASS: ", "coverage: 100.0%"}},
		{name: "failing test", args: []string{"policy", "test", policyDir(t, map[string]string{"extra_test.rego": failing})},
			wantErr: "1 of 1 tests failed", wantOut: []string{"test_clean_is_blocked", "FAIL: 1/1", "extra_test.rego:5"}},
		{name: "no tests", args: []string{"policy", "test", policyDir(t, nil)}, wantErr: "no tests found"},
		{name: "run filter", args: []string{"policy", "test", "--run", "test_pii_redacted$"}, wantOut: []string{"PASS: 1/1"}},
		{name: "run filter matching nothing", args: []string{"policy", "test", "-r", "no_such_test"}, wantErr: "no tests found"},
		{name: "threshold missed", args: []string{"policy", "test", "--threshold", "100",
			policyDir(t, map[string]string{"few_test.rego": "package few_test\n\nimport data.promptwall\n\ntest_clean if promptwall.decision.action == \"allow\" with input as {\"findings\": []}\n"})},
			wantErr: "below the threshold 100.0%", wantOut: []string{"coverage: "}},
		{name: "too many args", args: []string{"policy", "test", "a", "b"}, wantErr: "accepts at most 1 arg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := runPolicyCmd(t, "", tc.args...)
			checkCmdErr(t, err, tc.wantErr)
			for _, w := range tc.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.notInOut {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}
}

func checkCmdErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("err = %v", err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Fatalf("err = %v, want %q", err, want)
	case want != "" && exitCode(err) != 1:
		t.Fatalf("exit code %d", exitCode(err))
	}
}

func TestPolicyCheckCmd(t *testing.T) {
	out, _, err := runPolicyCmd(t, "", "policy", "check")
	if err != nil || !strings.HasPrefix(out, "ok: embedded bundle (revision sha256:") {
		t.Fatalf("embedded: %q, %v", out, err)
	}
	dir := policyDir(t, map[string]string{"promptwall.rego": "package promptwall\n\ndecision := y\n\nconnect := {\"action\": \"tunnel\"} if {\n\tx := 1\n}\n"})
	out, errOut, err := runPolicyCmd(t, "", "policy", "check", dir)
	checkCmdErr(t, err, "2 problem(s)")
	if out != "" {
		t.Errorf("stdout %q", out)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	file := filepath.Join(dir, "promptwall.rego")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], file+":3: ") || !strings.HasPrefix(lines[1], file+":6: ") {
		t.Fatalf("stderr:\n%s", errOut)
	}
	_, _, err = runPolicyCmd(t, "", "policy", "check", filepath.Join(t.TempDir(), "missing"))
	checkCmdErr(t, err, "missing")
}

func TestPolicyEvalCmd(t *testing.T) {
	input := func(t *testing.T, doc string) string {
		path := filepath.Join(t.TempDir(), "input.json")
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	secret := `{"request": {"vendor": "openai", "host": "api.openai.com", "client": {"user": "alice", "groups": ["staff"]}},
	 "findings": [{"type": "AWS_ACCESS_KEY", "category": "secret", "severity": "high", "count": 1, "paths": ["messages[0].content"]}]}`
	custom := policyDir(t, map[string]string{"data.json": `{"promptwall": {"blocked_hosts": ["*.deepseek.com"]}}`})
	tests := []struct {
		name    string
		args    []string
		stdin   string
		wantErr string
		want    map[string]any
	}{
		{name: "block", args: []string{"--input", input(t, secret)},
			want: map[string]any{"action": "block", "reasons": []any{map[string]any{"rule": "secret.block",
				"message": "Your prompt contains a credential (AWS_ACCESS_KEY). Remove it and send again."}}}},
		{name: "stdin clean", args: []string{"--input", "-"}, stdin: `{"request": {"vendor": "openai"}, "findings": []}`,
			want: map[string]any{"action": "allow", "reasons": []any{}}},
		{name: "connect mitm", args: []string{"--connect", "--input", "-"}, stdin: `{"request": {"vendor": "openai", "host": "api.openai.com:443"}}`,
			want: map[string]any{"action": "mitm", "reasons": []any{}}},
		{name: "connect blocked by dir policy", args: []string{"--connect", "--policy", custom, "--input", "-"}, stdin: `{"request": {"host": "chat.deepseek.com:443"}}`,
			want: map[string]any{"action": "block", "reasons": []any{map[string]any{"rule": "destination.block", "message": "Blocked by policy rule destination.block (chat.deepseek.com)."}}}},
		{name: "no input", args: nil, wantErr: "--input FILE is required"},
		{name: "missing file", args: []string{"--input", filepath.Join(t.TempDir(), "nope.json")}, wantErr: "no such file"},
		{name: "misspelt field", args: []string{"--input", "-"}, stdin: `{"request": {"vendr": "openai"}}`, wantErr: `unknown field "vendr"`},
		{name: "broken policy", args: []string{"--policy", policyDir(t, map[string]string{"promptwall.rego": "package promptwall\n\ndecision := y\n"}), "--input", "-"},
			stdin: `{}`, wantErr: "1 problem(s)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := runPolicyCmd(t, tc.stdin, append([]string{"policy", "eval"}, tc.args...)...)
			checkCmdErr(t, err, tc.wantErr)
			if tc.wantErr != "" {
				return
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, out)
			}
			if gs, ws := mustJSON(t, got), mustJSON(t, tc.want); gs != ws {
				t.Fatalf("decision\n got %s\nwant %s", gs, ws)
			}
		})
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	bs, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(bs)
}

func TestPolicyInitCmd(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corp-policy")
	out, _, err := runPolicyCmd(t, "", "policy", "init", dir)
	if err != nil || !strings.Contains(out, filepath.Join(dir, "promptwall.rego")) {
		t.Fatalf("init: %q, %v", out, err)
	}
	// What init writes is a working bundle whose tests pass.
	out, _, err = runPolicyCmd(t, "", "policy", "test", dir)
	if err != nil || !strings.Contains(out, "PASS: ") {
		t.Fatalf("test of the new bundle: %q, %v", out, err)
	}
	// Never overwrites the team's files.
	if err := os.WriteFile(filepath.Join(dir, "data.json"), []byte(`{"promptwall": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = runPolicyCmd(t, "", "policy", "init", dir)
	checkCmdErr(t, err, "already exists")
	if bs, _ := os.ReadFile(filepath.Join(dir, "data.json")); string(bs) != `{"promptwall": {}}` {
		t.Fatalf("data.json overwritten: %s", bs)
	}
}

// splitPolicyDir is a bundle whose custom detectors are in
// promptwall/data.yaml, beside the root data.json.
func splitPolicyDir(t *testing.T, detectorsYAML string) string {
	t.Helper()
	dir := policyDir(t, map[string]string{"data.json": testpolicy.DataWithout(t, "custom_detectors")})
	if err := os.MkdirAll(filepath.Join(dir, "promptwall"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "promptwall", "data.yaml"), []byte(detectorsYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tarDir writes dir as `tar -czf dst -C dir .` does: every name starts
// with "./", directories included.
func tarDir(t *testing.T, dir, dst string) {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		h, err := tar.FileInfoHeader(info, "")
		if err != nil {
			return err
		}
		switch {
		case rel == ".":
			h.Name = "./"
		case d.IsDir():
			h.Name = "./" + filepath.ToSlash(rel) + "/"
		default:
			h.Name = "./" + filepath.ToSlash(rel)
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		bs, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = tw.Write(bs)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPolicyCheckCmdCustomDetectors: every bad custom detector is one
// "file:line: message" line on stderr, named by its place in data.
func TestPolicyCheckCmdCustomDetectors(t *testing.T) {
	dir := splitPolicyDir(t, "custom_detectors:\n"+
		"  - type: A_X\n    regex: \"a(\"\n"+
		"  - type: lower\n    terms: [x]\n"+
		"  - type: B_Y\n    terms: [y]\n    category: secrets\n"+
		"  - type: FINE\n    terms: [z]\n")
	tgz := filepath.Join(t.TempDir(), "b.tar.gz")
	tarDir(t, dir, tgz)
	tests := []struct {
		name, bundle, file string
	}{
		{"directory", dir, filepath.Join(dir, "promptwall", "data.yaml")},
		// A tarball's files are named within it, as its Rego files are.
		{"tarball with ./ names", tgz, "promptwall/data.yaml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, err := runPolicyCmd(t, "", "policy", "check", tc.bundle)
			checkCmdErr(t, err, "3 problem(s)")
			if out != "" {
				t.Errorf("stdout %q", out)
			}
			prefix := tc.file
			want := []string{
				prefix + ":2: data.promptwall.custom_detectors[0] (A_X): regex: ",
				prefix + ":4: data.promptwall.custom_detectors[1] (lower): type \"lower\" must be",
				prefix + ":6: data.promptwall.custom_detectors[2] (B_Y): unknown category \"secrets\"",
			}
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			if len(lines) != len(want) {
				t.Fatalf("stderr:\n%s", errOut)
			}
			for i, w := range want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("line %d = %q, want prefix %q", i, lines[i], w)
				}
			}
		})
	}
}

// TestPolicyCheckCmdTarballDotSlash: a bundle tarred with `tar -C dir .`
// loads in policy check and in scan --policy.
func TestPolicyCheckCmdTarballDotSlash(t *testing.T) {
	dir := splitPolicyDir(t, "custom_detectors:\n  - {type: CODENAME, terms: [Orione], category: classified}\n")
	tgz := filepath.Join(t.TempDir(), "b.tar.gz")
	tarDir(t, dir, tgz)
	out, errOut, err := runPolicyCmd(t, "", "policy", "check", tgz)
	if err != nil || !strings.HasPrefix(out, "ok: "+tgz+" (revision sha256:") {
		t.Fatalf("policy check: %q %q %v", out, errOut, err)
	}
	out, _, err = runPolicyCmd(t, "status of Orione?\n", "scan", "--policy", tgz)
	if err != nil || !strings.Contains(out, "CODENAME") {
		t.Fatalf("scan --policy: %q, %v", out, err)
	}
}
