package llmapi

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRewrite(t *testing.T) {
	cases := []struct {
		name  string
		api   API
		body  string
		edits func(segs []Segment) []Edit // edits by segment text
		want  string
		err   error
	}{
		{
			name: "only the edited string changes, escapes elsewhere kept",
			api:  OpenAIChat,
			body: "{ \"model\":\"gpt-4o\" ,\"messages\":[{\"role\":\"user\",\"content\":\"Caf\\u00e9 mail a@example.com\"},\n{\"role\":\"user\",\"content\":\"keep \\u00e9\"}], \"temperature\":1.50}",
			edits: func(segs []Segment) []Edit {
				return []Edit{editOf(segs, "a@example.com", "<EMAIL_1>")}
			},
			want: "{ \"model\":\"gpt-4o\" ,\"messages\":[{\"role\":\"user\",\"content\":\"Café mail <EMAIL_1>\"},\n{\"role\":\"user\",\"content\":\"keep \\u00e9\"}], \"temperature\":1.50}",
		},
		{
			name: "object keys",
			api:  AnthropicMessages,
			body: `{"messages":[{"role":"user","content":[{"type":"tool_use","id":"t","name":"n","input":{"a@example.com":"a@example.com","x y":1}}]}]}`,
			edits: func(segs []Segment) []Edit {
				var es []Edit
				for i, s := range segs {
					if s.Text == "a@example.com" {
						es = append(es, Edit{Segment: i, Start: 0, End: len(s.Text), New: "<EMAIL_1>"})
					}
				}
				return es
			},
			want: `{"messages":[{"role":"user","content":[{"type":"tool_use","id":"t","name":"n","input":{"<EMAIL_1>":"<EMAIL_1>","x y":1}}]}]}`,
		},
		{
			name: "values with quotes are escaped",
			api:  Generic,
			body: `["say a@example.com"]`,
			edits: func(segs []Segment) []Edit {
				return []Edit{editOf(segs, "a@example.com", "\"q\\\n")}
			},
			want: `["say \"q\\\n"]`,
		},
		{
			name: "raw body",
			api:  Raw,
			body: "not json: a@example.com, bye",
			edits: func(segs []Segment) []Edit {
				return []Edit{editOf(segs, "a@example.com", "[REDACTED:EMAIL]")}
			},
			want: "not json: [REDACTED:EMAIL], bye",
		},
		{
			name: "overlapping edits are refused",
			api:  OpenAIChat,
			body: `{"messages":[{"role":"user","content":"abcdef"}]}`,
			edits: func(segs []Segment) []Edit {
				return []Edit{{Segment: 0, Start: 0, End: 3, New: "x"}, {Segment: 0, Start: 2, End: 4, New: "y"}}
			},
			err: ErrRewrite,
		},
		{
			name: "out of range",
			api:  OpenAIChat,
			body: `{"messages":[{"role":"user","content":"abcdef"}]}`,
			edits: func(segs []Segment) []Edit {
				return []Edit{{Segment: 5, Start: 0, End: 3, New: "x"}}
			},
			err: ErrRewrite,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := Extract(c.api, "/v1/x", []byte(c.body))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Rewrite(req.API, []byte(c.body), req.Segments, c.edits(req.Segments))
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("err %v, want %v", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Fatalf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestRewriteMismatchRefused(t *testing.T) {
	body := []byte(`{"messages":[{"role":"user","content":"abc"}]}`)
	segs := []Segment{{Path: "messages[0].content", Text: "abd"}}
	if _, err := Rewrite(OpenAIChat, body, segs, []Edit{{Segment: 0, Start: 0, End: 1, New: "x"}}); !errors.Is(err, ErrRewrite) {
		t.Fatalf("err %v", err)
	}
	segs = []Segment{{Path: "messages[1].content", Text: "abc"}}
	if _, err := Rewrite(OpenAIChat, body, segs, []Edit{{Segment: 0, Start: 0, End: 1, New: "x"}}); !errors.Is(err, ErrRewrite) {
		t.Fatalf("err %v", err)
	}
}

func editOf(segs []Segment, value, repl string) Edit {
	for i, s := range segs {
		if j := strings.Index(s.Text, value); j >= 0 {
			return Edit{Segment: i, Start: j, End: j + len(value), New: repl}
		}
	}
	return Edit{Segment: -1}
}

// FuzzRewriteStrings: the rewriter walks any JSON the standard library
// accepts; re-encoding every string keeps the document's meaning, and
// replacing nothing keeps its bytes.
func FuzzRewriteStrings(f *testing.F) {
	for _, s := range []string{`{"a":["x\u00e9\"",1.5e3,true,null,{"k\n":"v"}]}`, `"s"`, `[]`, `{}`, ` 1 `, `{"a":}`, `["\ud800"]`, "[\"\xff\"]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		same, err := rewriteStrings(in, func([]pathElem, bool, []byte) ([]byte, bool) { return nil, false })
		valid := json.Valid(in)
		if valid != (err == nil) {
			t.Fatalf("valid %v but err %v", valid, err)
		}
		if !valid {
			return
		}
		if string(same) != string(in) {
			t.Fatal("an unchanged rewrite altered the bytes")
		}
		out, err := rewriteStrings(in, func(_ []pathElem, _ bool, raw []byte) ([]byte, bool) {
			s, ok := decodeString(raw)
			if !ok {
				t.Fatalf("undecodable string token %q", raw)
			}
			return appendQuoted(nil, s), true
		})
		if err != nil {
			t.Fatal(err)
		}
		var a, b any
		if json.Unmarshal(in, &a) != nil || json.Unmarshal(out, &b) != nil || !reflect.DeepEqual(a, b) {
			t.Fatalf("re-encoding changed the meaning: %q → %q", in, out)
		}
	})
}
