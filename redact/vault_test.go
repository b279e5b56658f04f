package redact

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/promptwall/promptwall/llmapi"
)

func TestReplace(t *testing.T) {
	v := NewVault(Pseudonymize)
	steps := []struct{ typ, value, want string }{
		{"EMAIL", "a@example.com", "<EMAIL_1>"},
		{"EMAIL", "b@example.com", "<EMAIL_2>"},
		{"IBAN", "DE00", "<IBAN_1>"},
		{"EMAIL", "a@example.com", "<EMAIL_1>"}, // same value, same placeholder
		{"custom type", "x", "<CUSTOM_TYPE_1>"},
		{"", "y", "<VALUE_1>"},
	}
	for _, s := range steps {
		if got := v.Replace(s.typ, s.value); got != s.want {
			t.Errorf("Replace(%q, %q) = %q, want %q", s.typ, s.value, got, s.want)
		}
	}
	if v.Len() != 5 {
		t.Errorf("Len %d, want 5", v.Len())
	}
	m := NewVault(Mask)
	if got := m.Replace("EMAIL", "a@example.com"); got != "[REDACTED:EMAIL]" || m.Len() != 0 {
		t.Errorf("mask: %q, %d values kept", got, m.Len())
	}
	if NewVault("bogus").Mode() != Mask {
		t.Error("an unknown mode must mask")
	}
}

func TestRedactSpans(t *testing.T) {
	segs := []llmapi.Segment{
		{Path: "a", Text: "mail a@example.com or <EMAIL_1> now"},
		{Path: "b", Text: "again a@example.com"},
	}
	v := NewVault(Pseudonymize)
	edits := v.Redact(segs, []Span{
		{Segment: 1, Start: 6, End: 19, Type: "EMAIL"},
		{Segment: 0, Start: 5, End: 18, Type: "EMAIL"},
		{Segment: 0, Start: 7, End: 18, Type: "DOMAINISH"}, // inside the first: merged
		{Segment: 0, Start: 3, End: 99, Type: "BAD"},       // out of range: ignored
	})
	// <EMAIL_1> is already in the prompt: the vault must not hand it out.
	want := []llmapi.Edit{{Segment: 0, Start: 5, End: 18, New: "<EMAIL_2>"}, {Segment: 1, Start: 6, End: 19, New: "<EMAIL_2>"}}
	if fmt.Sprint(edits) != fmt.Sprint(want) {
		t.Fatalf("edits %v, want %v", edits, want)
	}
	if got := v.Restore("to <EMAIL_1> and <EMAIL_2>", false); got != "to <EMAIL_1> and a@example.com" {
		t.Fatalf("restore %q", got)
	}
}

func TestRestore(t *testing.T) {
	v := NewVault(Pseudonymize)
	v.Replace("EMAIL", "a@example.com")
	v.Replace("NAME", `Jo "JJ" \ O'Neil`)
	cases := []struct {
		in       string
		jsonText bool
		want     string
	}{
		{"hi <EMAIL_1>.", false, "hi a@example.com."},
		{"<EMAIL_1><EMAIL_1>", false, "a@example.coma@example.com"},
		{"<EMAIL_2> <EMAIL_1 <EMAIL_1>>", false, "<EMAIL_2> <EMAIL_1 a@example.com>"},
		{"<<NAME_1>", false, `<Jo "JJ" \ O'Neil`},
		{`{"to":"<NAME_1>"}`, true, `{"to":"Jo \"JJ\" \\ O'Neil"}`},
		{"no placeholder", false, "no placeholder"},
	}
	for _, c := range cases {
		if got := v.Restore(c.in, c.jsonText); got != c.want {
			t.Errorf("Restore(%q, %v) = %q, want %q", c.in, c.jsonText, got, c.want)
		}
	}
	var args map[string]string
	if err := json.Unmarshal([]byte(v.Restore(`{"to":"<NAME_1>"}`, true)), &args); err != nil || args["to"] != `Jo "JJ" \ O'Neil` {
		t.Fatalf("restored arguments %v, %v", args, err)
	}
}

func TestStreamHoldsOnlyPlaceholderPrefixes(t *testing.T) {
	v := NewVault(Pseudonymize)
	v.Replace("EMAIL", "a@example.com")
	s := v.Stream(false)
	steps := []struct{ in, out string }{
		{"Hello <", "Hello "},
		{"EMA", ""},
		{"IL_1", ""},
		{"> and <b>", "a@example.com and <b>"}, // "<b>" starts no placeholder: not held
		{" x <EMAIL_", " x "},
		{"2>", "<EMAIL_2>"}, // not a placeholder of this vault
		{"<EMAIL_1", ""},
	}
	for _, st := range steps {
		if got := s.Write(st.in); got != st.out {
			t.Fatalf("Write(%q) = %q, want %q", st.in, got, st.out)
		}
	}
	if !s.Holding() || s.Flush() != "<EMAIL_1" || s.Holding() {
		t.Fatal("Flush must return the held prefix and reset")
	}
}

func TestVaultPrintsNoValue(t *testing.T) {
	v := NewVault(Pseudonymize)
	secret := "secret-value@example.com"
	v.Replace("EMAIL", secret)
	j, _ := json.Marshal(v)
	out := fmt.Sprintf("%v %+v %#v %s %q %x", v, v, v, v, v, v) + string(j) + fmt.Sprint(*v)
	if strings.Contains(out, secret) || strings.Contains(out, "<EMAIL_1>") && strings.Contains(out, "secret") {
		t.Fatalf("a printed vault shows its value: %s", out)
	}
	if !strings.Contains(out, "1 values") {
		t.Fatalf("printed vault %q does not say how many values it holds", out)
	}
	v.Drop()
	if v.Len() != 0 || v.Restore("<EMAIL_1>", false) != "<EMAIL_1>" || v.Stream(false).Write("<EMAIL_1") != "<EMAIL_1" {
		t.Fatal("a dropped vault still restores")
	}
}

// FuzzStream: however a text is cut into pieces, the pieces restored as a
// stream give the same text as the whole restored at once.
func FuzzStream(f *testing.F) {
	f.Add("Mail <EMAIL_1> or <EMAIL_12> about <IBAN_1>, <<EMAIL_1>>", []byte{3, 1, 7, 2, 9}, false)
	f.Add(`{"to":"<EMAIL_1>","x":"<EMAIL_"}`, []byte{1, 1, 1, 1, 1, 1, 1, 1, 1}, true)
	f.Add("<EMAIL_1", []byte{0, 4}, false)
	f.Fuzz(func(t *testing.T, text string, cuts []byte, jsonText bool) {
		v := NewVault(Pseudonymize)
		v.Replace("EMAIL", "a@example.com")
		v.Replace("EMAIL", `q"u\ote`)
		for i := 3; i <= 12; i++ {
			v.Replace("EMAIL", fmt.Sprint("v", i, "@example.com"))
		}
		v.Replace("IBAN", "DE89370400440532013000")
		want := v.Restore(text, jsonText)
		s := v.Stream(jsonText)
		var got strings.Builder
		rest := text
		for _, c := range cuts {
			n := min(int(c)%8, len(rest))
			got.WriteString(s.Write(rest[:n]))
			rest = rest[n:]
		}
		got.WriteString(s.Write(rest))
		got.WriteString(s.Flush())
		if got.String() != want {
			t.Fatalf("streamed %q, whole %q", got.String(), want)
		}
	})
}
