package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runScan runs the scan command in-process with stdin and flags.
func runScan(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	cmd := newScanCmd()
	var out, errOut bytes.Buffer
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), err
}

// scanLines decodes jsonl output.
func scanLines(t *testing.T, out string) []scanOutput {
	t.Helper()
	var res []scanOutput
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		var o scanOutput
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatalf("output line %q: %v", line, err)
		}
		res = append(res, o)
	}
	return res
}

func jsonlInput(t *testing.T, texts ...string) string {
	t.Helper()
	var b strings.Builder
	for i, text := range texts {
		line, err := json.Marshal(scanInput{ID: json.RawMessage(`"t` + string(rune('0'+i)) + `"`), Text: text})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// Test values are built from their definitions here, not copied from
// anywhere: a Luhn-valid card, an IBAN with its mod-97 check digits.
const (
	testCard  = "4111111111111111"
	testEmail = "mario.rossi@example.com"
)

func testIBAN(t *testing.T) string {
	t.Helper()
	bban := "370400440532013000"
	// Check digits: 98 - (BBAN + "DE00" as digits) mod 97.
	digits := bban + "1314" + "00" // D=13, E=14
	rem := 0
	for _, c := range digits {
		rem = (rem*10 + int(c-'0')) % 97
	}
	check := 98 - rem
	return "DE" + string(rune('0'+check/10)) + string(rune('0'+check%10)) + bban
}

func TestScanJSONL(t *testing.T) {
	iban := testIBAN(t)
	// Evasion: full-width digits and a zero-width space inside the card, so
	// the original bytes differ from what the detectors see.
	fullwidth := strings.Map(func(r rune) rune { return r + 0xFEE0 }, testCard[:4])
	evasive := fullwidth + "\u200b" + testCard[4:]
	texts := []string{
		"write to " + testEmail + " about IBAN " + iban + ".",
		"Nothing sensitive in this sentence, version 1.2.3 on 2024-05-01.",
		"città: è pagata con la carta " + evasive + " ieri",
	}
	out, err := runScan(t, jsonlInput(t, texts...)+"\n", "--format", "jsonl")
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	res := scanLines(t, out)
	if len(res) != len(texts) {
		t.Fatalf("%d output lines for %d inputs (blank lines are skipped):\n%s", len(res), len(texts), out)
	}
	type span struct {
		typ, value string
	}
	wants := [][]span{
		{{"EMAIL", testEmail}, {"IBAN", iban}},
		nil,
		{{"CREDIT_CARD", evasive}},
	}
	for i, r := range res {
		if want := `"t` + string(rune('0'+i)) + `"`; string(r.ID) != want {
			t.Errorf("line %d: id %s, want %s (input order)", i, r.ID, want)
		}
		if r.Findings == nil {
			t.Errorf("line %d: findings is null, want a list", i)
		}
		var got []span
		for _, f := range r.Findings {
			if f.Start < 0 || f.End > len(texts[i]) || f.Start >= f.End {
				t.Fatalf("line %d: span %d-%d outside the text", i, f.Start, f.End)
			}
			got = append(got, span{f.Type, texts[i][f.Start:f.End]})
		}
		if len(got) != len(wants[i]) {
			t.Errorf("line %d: findings %q, want %q", i, got, wants[i])
			continue
		}
		for k := range got {
			if got[k] != wants[i][k] {
				t.Errorf("line %d finding %d: %q, want %q (offsets are bytes of the original text)", i, k, got[k], wants[i][k])
			}
		}
	}
	// The clean line is written with an empty list, not omitted.
	if !strings.Contains(out, `{"id":"t1","findings":[]}`) {
		t.Errorf("no empty findings list for the clean line:\n%s", out)
	}
}

func TestScanJSONLErrors(t *testing.T) {
	tests := []struct {
		name, stdin, wantErr string
		args                 []string
	}{
		{"not json", "{\"id\":1,\"text\":\"ok\"}\nnot json\n", "line 2", []string{"--format", "jsonl"}},
		{"unknown format", "x", `unknown --format "xml"`, []string{"--format", "xml"}},
		{"missing policy dir", "x", "loading policy", []string{"--policy", filepath.Join(t.TempDir(), "none")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runScan(t, tc.stdin, tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
	// An id that is missing is written as null, the line still answered.
	out, err := runScan(t, `{"text":"mail `+testEmail+`"}`+"\n", "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if res := scanLines(t, out); len(res) != 1 || string(res[0].ID) != "null" || len(res[0].Findings) != 1 {
		t.Errorf("missing id: %s", out)
	}
}

func TestScanText(t *testing.T) {
	text := "line one\nmail " + testEmail + " and card " + testCard + "\n"
	out, err := runScan(t, text)
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want two findings and a count, got:\n%s", out)
	}
	emailAt := strings.Index(text, testEmail)
	cardAt := strings.Index(text, testCard)
	for _, w := range []struct {
		line int
		has  []string
	}{
		{0, []string{"EMAIL", "pii", "bytes " + itoa(emailAt) + "-" + itoa(emailAt+len(testEmail)), "(line 2, col 6)", "(23 chars)"}},
		{1, []string{"CREDIT_CARD", "bytes " + itoa(cardAt) + "-" + itoa(cardAt+len(testCard)), "(16 chars)"}},
		{2, []string{"2 finding(s)"}},
	} {
		for _, h := range w.has {
			if !strings.Contains(lines[w.line], h) {
				t.Errorf("line %d %q lacks %q", w.line, lines[w.line], h)
			}
		}
	}
	// The preview never shows the value: at most a quarter of it.
	if strings.Contains(out, testEmail[:8]) || strings.Contains(out, testCard[:8]) {
		t.Errorf("output shows too much of a value:\n%s", out)
	}
	out, err = runScan(t, "nothing here")
	if err != nil || out != "0 finding(s)\n" {
		t.Errorf("clean text: %q, %v", out, err)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestScanPolicyCustomDetectors: --policy DIR adds the policy's custom
// detectors (a regex with keywords, a regex whose group is validated,
// dictionary terms as whole words in any case) to the built-in ones.
func TestScanPolicyCustomDetectors(t *testing.T) {
	dir := t.TempDir()
	rego, err := os.ReadFile(filepath.Join("..", "..", "rego", "promptwall.rego"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "promptwall.rego"), rego, 0o644); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "rego", "data.json"))
	if err != nil {
		t.Fatal(err)
	}
	var data map[string]map[string]any
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	data["promptwall"]["custom_detectors"] = []map[string]any{
		{"type": "EMPLOYEE_ID", "category": "custom", "severity": "medium", "regex": `\bEMP-[0-9]{6}\b`, "keywords": []string{"emp-"}},
		{"type": "LOYALTY_CARD", "category": "pii", "severity": "low", "regex": `\bLC([0-9]{16})\b`, "validator": "luhn"},
		{"type": "CODE_NAME", "category": "classified", "severity": "high", "terms": []string{"Project Falcon", "Bluebird"}},
	}
	raw, err = json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	badLoyalty := "LC" + testCard[:15] + "2" // fails Luhn
	texts := []string{
		"badge EMP-123456 works on project falcon with " + testEmail,
		"cards LC" + testCard + " and " + badLoyalty + "; bluebirds are birds, BLUEBIRD is not",
	}
	out, err := runScan(t, jsonlInput(t, texts...), "--format", "jsonl", "--policy", dir)
	if err != nil {
		t.Fatalf("scan --policy: %v", err)
	}
	res := scanLines(t, out)
	want := [][]string{
		{"EMPLOYEE_ID=EMP-123456", "CODE_NAME=project falcon", "EMAIL=" + testEmail},
		{"LOYALTY_CARD=" + testCard, "CODE_NAME=BLUEBIRD"}, // the group, validated
	}
	for i, r := range res {
		var got []string
		for _, f := range r.Findings {
			if f.Type == "CREDIT_CARD" {
				continue // the built-in card detector may also see the digits
			}
			got = append(got, f.Type+"="+texts[i][f.Start:f.End])
		}
		if strings.Join(got, "|") != strings.Join(want[i], "|") {
			t.Errorf("line %d: %q, want %q", i, got, want[i])
		}
	}
	// Without the policy the custom types are unknown.
	out, err = runScan(t, jsonlInput(t, texts[0]), "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "EMPLOYEE_ID") || strings.Contains(out, "CODE_NAME") {
		t.Errorf("custom types without --policy: %s", out)
	}
}
