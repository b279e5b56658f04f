package llmapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// treeEqual compares two trees, kinds, strings and key order included.
func treeEqual(a, b *node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.kind != b.kind || a.str != b.str || a.truth != b.truth || len(a.vals) != len(b.vals) || len(a.keys) != len(b.keys) {
		return false
	}
	for i := range a.keys {
		if a.keys[i] != b.keys[i] {
			return false
		}
	}
	for i := range a.vals {
		if !treeEqual(a.vals[i], b.vals[i]) {
			return false
		}
	}
	return true
}

// toAny converts a tree to what json.Unmarshal (with UseNumber) gives, bar
// number spellings, which the tree does not keep.
func toAny(n *node) any {
	switch n.kind {
	case kNull:
		return nil
	case kBool:
		return n.truth
	case kNumber:
		return json.Number("0")
	case kString:
		return n.str
	case kArray:
		out := make([]any, len(n.vals))
		for i, v := range n.vals {
			out[i] = toAny(v)
		}
		return out
	}
	out := make(map[string]any, len(n.keys))
	for i, k := range n.keys {
		out[k] = toAny(n.vals[i])
	}
	return out
}

func zeroNumbers(v any) any {
	switch t := v.(type) {
	case json.Number:
		return json.Number("0")
	case []any:
		for i := range t {
			t[i] = zeroNumbers(t[i])
		}
	case map[string]any:
		for k := range t {
			t[k] = zeroNumbers(t[k])
		}
	}
	return v
}

func TestParseTree(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	var wide strings.Builder
	wide.WriteString("{")
	for i := range 40 {
		fmt.Fprintf(&wide, `"k%d":%d,`, i, i)
	}
	keysObj := func(keys ...int) string {
		var b strings.Builder
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"k%d":{"k%d":%d}`, k, k, i)
		}
		return "{" + b.String() + "}"
	}
	seq := func(n int, then ...int) []int {
		out := make([]int, 0, n+len(then))
		for i := range n {
			out = append(out, i)
		}
		return append(out, then...)
	}
	tests := []struct {
		name, in string
		err      error
		want     any // compared with toAny; nil to skip
	}{
		{"escapes", `{"a":"\"\\\/\b\f\n\r\t"}`, nil, map[string]any{"a": "\"\\/\b\f\n\r\t"}},
		{"unicode escape", `"\u0041KIA"`, nil, "AKIA"},
		{"surrogate pair", `"\ud83d\ude00 x"`, nil, "😀 x"},
		{"upper-case hex", `"\uD83D\uDE00"`, nil, "😀"},
		{"lone high surrogate", `"\ud800x"`, nil, "\ufffdx"},
		{"lone low surrogate", `"\udc00"`, nil, "\ufffd"},
		{"high then non-surrogate", `"\ud800\u0041"`, nil, "\ufffdA"},
		{"two highs", `"\ud800\ud800\udc00"`, nil, "\ufffd𐀀"},
		{"invalid UTF-8", "\"a\xffb\xc3\"", nil, "a\ufffdb\ufffd"},
		{"UTF-8 surrogate bytes", "\"\xed\xa0\x80\"", nil, "\ufffd\ufffd\ufffd"},
		{"raw UTF-8", `"résumé 日本"`, nil, "résumé 日本"},
		{"numbers", `[0,-0,1.5,-2e10,3E+2,4e-1,123456789012345678901234567890]`, nil, []any{json.Number("0"), json.Number("0"), json.Number("0"), json.Number("0"), json.Number("0"), json.Number("0"), json.Number("0")}},
		{"literals", ` {"t":true,"f":false,"n":null} `, nil, map[string]any{"t": true, "f": false, "n": nil}},
		{"empty containers", `{"a":{},"b":[],"c":""}`, nil, map[string]any{"a": map[string]any{}, "b": []any{}, "c": ""}},
		{"max depth", deep(maxDepth + 1), nil, nil},
		{"too deep", deep(maxDepth + 2), errNotJSON, nil},

		{"duplicate", `{"a":1,"a":2}`, ErrAmbiguous, nil},
		{"duplicate escaped", `{"model":1,"\u006dodel":2}`, ErrAmbiguous, nil},
		{"duplicate deep", `{"a":[{"b":{"c":[{"d":1,"e":{"f":1,"f":1}}]}}]}`, ErrAmbiguous, nil},
		{"duplicate in wide object", wide.String() + `"k3":0}`, ErrAmbiguous, nil},
		{"duplicate of last in wide object", wide.String() + `"k39":0}`, ErrAmbiguous, nil},
		{"duplicate invalid UTF-8", "{\"\xff\":1,\"\xfe\":2}", ErrAmbiguous, nil},
		{"duplicate before a syntax error", `{"a":1,"a":`, ErrAmbiguous, nil},
		{"16 keys", keysObj(seq(16)...), nil, nil},
		{"17 keys", keysObj(seq(17)...), nil, nil},
		{"17th repeats the 1st", keysObj(seq(16, 0)...), ErrAmbiguous, nil},
		{"17th repeats the 16th", keysObj(seq(16, 15)...), ErrAmbiguous, nil},
		{"16th repeats the 15th", keysObj(seq(15, 14)...), ErrAmbiguous, nil},
		{"18th repeats the 17th", keysObj(seq(17, 16)...), ErrAmbiguous, nil},
		{"same key, other objects", `{"a":{"k":1},"b":{"k":2}}`, nil, nil},
		{"wide object", wide.String() + `"x":0}`, nil, nil},

		{"truncated", `{"a":"b`, errNotJSON, nil},
		{"truncated escape", `"\u00`, errNotJSON, nil},
		{"bad escape", `"\x"`, errNotJSON, nil},
		{"single quote escape", `"\'"`, errNotJSON, nil},
		{"bad hex", `"\u00g0"`, errNotJSON, nil},
		{"control character", "\"a\nb\"", errNotJSON, nil},
		{"trailing comma", `[1,]`, errNotJSON, nil},
		{"trailing comma object", `{"a":1,}`, errNotJSON, nil},
		{"missing colon", `{"a" 1}`, errNotJSON, nil},
		{"missing comma", `[1 2]`, errNotJSON, nil},
		{"leading zero", `01`, errNotJSON, nil},
		{"bare minus", `-`, errNotJSON, nil},
		{"bad fraction", `1.`, errNotJSON, nil},
		{"bad exponent", `1e+`, errNotJSON, nil},
		{"plus sign", `+1`, errNotJSON, nil},
		{"literal prefix", `tru`, errNotJSON, nil},
		{"literal suffix", `truex`, errNotJSON, nil},
		{"two values", `{} {}`, errNotJSON, nil},
		{"non-string key", `{1:2}`, errNotJSON, nil},
		{"nbsp is not space", "\u00a0{}", errNotJSON, nil},
		{"mismatched", `[}`, errNotJSON, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := parseTree([]byte(tt.in))
			if !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			ref, refErr := parseTreeDecoder([]byte(tt.in))
			if !errors.Is(refErr, tt.err) || !treeEqual(n, ref) {
				t.Errorf("reference parser disagrees: err %v", refErr)
			}
			if tt.want != nil && !reflect.DeepEqual(toAny(n), tt.want) {
				t.Errorf("got %#v, want %#v", toAny(n), tt.want)
			}
		})
	}
}

// TestParseTreeCopies: the tree holds copies, so a caller that reuses its
// body buffer cannot change segments already taken out of it.
func TestParseTreeCopies(t *testing.T) {
	body := []byte(`{"a":"plain text","b\n":"esc\naped"}`)
	n, err := parseTree(body)
	if err != nil {
		t.Fatal(err)
	}
	for i := range body {
		body[i] = 'x'
	}
	if n.keys[0] != "a" || n.vals[0].str != "plain text" || n.keys[1] != "b\n" || n.vals[1].str != "esc\naped" {
		t.Errorf("tree changed with its input: %q %q %q %q", n.keys[0], n.vals[0].str, n.keys[1], n.vals[1].str)
	}
}

// TestParseTreeConcurrent: parsers share pooled scratch space, never a tree.
func TestParseTreeConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				want := fmt.Sprintf("g%d-i%d", g, i)
				body := fmt.Sprintf(`{"m":[{"k":%q,"n":[1,2,{"x":"\n%s"}]}],"z":%q}`, want, want, want)
				n, err := parseTree([]byte(body))
				if err != nil {
					t.Error(err)
					return
				}
				if got := toAny(n); !reflect.DeepEqual(got, map[string]any{"m": []any{map[string]any{"k": want,
					"n": []any{json.Number("0"), json.Number("0"), map[string]any{"x": "\n" + want}}}}, "z": want}) {
					t.Errorf("got %v", got)
					return
				}
			}
		})
	}
	wg.Wait()
}

// FuzzParseTreeDifferential holds the parser to encoding/json: the same
// verdict as the json.Decoder-based reference (valid, ambiguous, not JSON),
// the same tree, the same strings as json.Unmarshal, and validity exactly
// json.Valid's (bar nesting beyond maxDepth).
func FuzzParseTreeDifferential(f *testing.F) {
	for _, s := range []string{
		`{"a":["x\u00e9\"",1.5e3,true,null,{"k\n":"v"}]}`, `"\ud83d\ude00\ud800\u0041"`, "[\"\xff\xed\xa0\x80\"]",
		`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `{"a":1,"a"`, `[1,]`, `01`, `-0.0e-0`, ` {} `, `{}x`,
		`{"messages":[{"role":"user","content":"\u0041KIA\n\t"}]}`, "\"a\u2028b\"", `[[[[[]]]]]`, `"\/"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		n, err := parseTree(in)
		ref, refErr := parseTreeDecoder(in)
		if !errors.Is(err, refErr) || (err == nil) != (refErr == nil) {
			t.Fatalf("verdict %v, reference %v", err, refErr)
		}
		if !treeEqual(n, ref) {
			t.Fatalf("trees differ: %#v vs %#v", toAny(n), toAny(ref))
		}
		if err == nil && !json.Valid(in) {
			t.Fatal("accepted invalid JSON")
		}
		if err == nil {
			dec := json.NewDecoder(strings.NewReader(string(in)))
			dec.UseNumber()
			var want any
			if err := dec.Decode(&want); err != nil {
				t.Fatal(err)
			}
			if got := toAny(n); !reflect.DeepEqual(got, zeroNumbers(want)) {
				t.Fatalf("decoded %#v, encoding/json %#v", got, want)
			}
		}
	})
}

// FuzzDecodeString: one string token, scanned and decoded, against
// encoding/json.
func FuzzDecodeString(f *testing.F) {
	for _, s := range []string{`a`, `\u0041KIA`, `\ud83d\ude00`, `\ud800`, `\ud800\udc00\udc00`, "\xff", `\"`, `\`, `\u12`, "a\tb", `\'`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, inner []byte) {
		tok := append(append([]byte{'"'}, inner...), '"')
		var want string
		wantOK := json.Unmarshal(tok, &want) == nil
		end, _, ok := scanString(tok, 0)
		if (ok && end == len(tok)) != wantOK {
			t.Fatalf("scanString valid %v (end %d of %d), encoding/json %v", ok, end, len(tok), wantOK)
		}
		got, gotOK := decodeString(tok)
		if gotOK != wantOK || got != want {
			t.Fatalf("decodeString = %q %v, encoding/json %q %v", got, gotOK, want, wantOK)
		}
	})
}

// TestPathSpellings: the rewriter (formatPath) and the walker's arena spell
// every path alike, or Rewrite could not find the segments Extract named.
func TestPathSpellings(t *testing.T) {
	keys := []string{"messages", "a b", `q"x`, "<b>&", "9x", "", "é", "\xff", "a.b", "_x9", "\u2028"}
	for i, k1 := range keys {
		for _, k2 := range keys {
			path := []pathElem{{key: k1, index: -1}, {index: i}, {key: k2, index: -1}, {index: 10 * i}}
			var w walker
			p := w.index(w.member(w.index(w.member("", k1), i), k2), 10*i)
			slow := member(member("", k1)+fmt.Sprintf("[%d]", i), k2) + fmt.Sprintf("[%d]", 10*i)
			if got := formatPath(path); got != p || got != slow {
				t.Errorf("formatPath %q, walker %q, by hand %q", got, p, slow)
			}
		}
	}
}
