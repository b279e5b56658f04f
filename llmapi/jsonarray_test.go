package llmapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

func frameArray(in []byte, sizes []byte) (parts []ArrayPart, rest []byte) {
	f := NewArrayFramer(0)
	take := func() {
		for {
			p, ok, err := f.Next()
			if err != nil || !ok {
				return
			}
			parts = append(parts, p)
		}
	}
	for _, n := range sizes {
		k := min(int(n)%16+1, len(in))
		f.Feed(in[:k])
		in = in[k:]
		take()
	}
	f.Feed(in)
	take()
	return parts, f.Rest()
}

func TestArrayFramer(t *testing.T) {
	in := "[{\n  \"a\": \"x]}\\\"\"\n}\n,\r\n{\"b\":[1,{}]}, 7 ,\"s\"\n]"
	parts, rest := frameArray([]byte(in), []byte{3, 1, 4, 1, 5, 9, 2, 6})
	var elems []string
	var all []byte
	for _, p := range parts {
		all = append(all, p.Raw...)
		if p.Elem {
			elems = append(elems, string(p.Raw))
		}
	}
	want := []string{"{\n  \"a\": \"x]}\\\"\"\n}", `{"b":[1,{}]}`, "7", `"s"`}
	if fmt.Sprint(elems) != fmt.Sprint(want) {
		t.Fatalf("elements %q, want %q", elems, want)
	}
	if !parts[len(parts)-1].End || string(append(all, rest...)) != in {
		t.Fatalf("parts do not add up: %q", all)
	}
}

// normalise merges adjacent separator parts: where a cut falls decides how
// separators are grouped, not what the elements are.
func normalise(parts []ArrayPart) []string {
	var out []string
	var sep []byte
	for _, p := range parts {
		if p.Elem {
			out = append(out, "sep:"+string(sep), "elem:"+string(p.Raw))
			sep = nil
			continue
		}
		sep = append(sep, p.Raw...)
	}
	return append(out, "sep:"+string(sep))
}

// FuzzArrayFramer: however the stream is cut, the same elements come out,
// each a valid JSON value when the stream is valid JSON, and all the parts
// add up to the input.
func FuzzArrayFramer(f *testing.F) {
	f.Add([]byte("[{\"a\":\"]\"}\n,\r\n{\"b\":2}\n]"), []byte{1, 2})
	f.Add([]byte(`[1, "x", [2], {}]`), []byte{0})
	f.Fuzz(func(t *testing.T, in, sizes []byte) {
		whole, wrest := frameArray(in, nil)
		parts, prest := frameArray(in, sizes)
		if fmt.Sprint(normalise(whole)) != fmt.Sprint(normalise(parts)) || !bytes.Equal(append(flat(whole), wrest...), append(flat(parts), prest...)) {
			t.Fatalf("cut stream framed differently:\n%q\n%q", normalise(whole), normalise(parts))
		}
		if !bytes.Equal(append(flat(parts), prest...), in) {
			t.Fatal("parts and rest do not add up to the input")
		}
		var arr []json.RawMessage
		if json.Unmarshal(in, &arr) == nil {
			for _, p := range parts {
				if p.Elem && !json.Valid(p.Raw) {
					t.Fatalf("element %q of a valid array is not valid JSON", p.Raw)
				}
			}
		}
	})
}

func flat(parts []ArrayPart) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p.Raw...)
	}
	return b
}
