package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCanonicalForm(t *testing.T) {
	tests := []struct {
		name, line, want, wantErr string
	}{
		{name: "sorted, compact, hash left out",
			line: `{"prev_hash":"` + Genesis + `", "b":1.50, "a":[true,null,{"y":"x","hash":"kept"}],"hash":"x","@timestamp":"2026-11-26T12:00:00Z"}`,
			want: `{"@timestamp":"2026-11-26T12:00:00Z","a":[true,null,{"hash":"kept","y":"x"}],"b":1.50,"prev_hash":"` + Genesis + `"}`},
		{name: "strings re-escaped minimally",
			line: `{"@timestamp":"2026-11-26T12:00:00Z","prev_hash":"` + Genesis + `","s":"\u0041\/\u00e9\b\f\n\r\t\u0001\"\\<\u2028"}`,
			want: `{"@timestamp":"2026-11-26T12:00:00Z","prev_hash":"` + Genesis + `","s":"A/é\b\f\n\r\t\u0001\"\\<` + "\u2028" + `"}`},
		{name: "numbers as written", line: `{"@timestamp":"2026-11-26T12:00:00Z","prev_hash":"` + Genesis + `","n":[1e3,-0,1.0E+2]}`,
			want: `{"@timestamp":"2026-11-26T12:00:00Z","n":[1e3,-0,1.0E+2],"prev_hash":"` + Genesis + `"}`},
		{name: "escaped duplicate key", line: `{"a":1,"\u0061":2}`, wantErr: "duplicate key"},
		{name: "escaped keys sorted by value", line: `{"@timestamp":"2026-11-26T12:00:00Z","prev_hash":"` + Genesis + `","\u0062":1,"a\n":2,"\u00e9":3}`,
			want: `{"@timestamp":"2026-11-26T12:00:00Z","a\n":2,"b":1,"prev_hash":"` + Genesis + `","é":3}`},
		{name: "duplicate in a big object", line: `{"x":{` + bigObject(40) + `,"k7":0}}`, wantErr: "duplicate key"},
		{name: "nested duplicate key", line: `{"a":{"b":1,"b":1}}`, wantErr: "duplicate key"},
		{name: "too deep", line: `{"a":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`, wantErr: "too deep"},
		{name: "array", line: `[1]`, wantErr: "not a JSON object"},
		{name: "two objects", line: `{} {}`, wantErr: "not JSON"},
		{name: "trailing comma", line: `{"a":1,}`, wantErr: "not JSON"},
		{name: "no prev_hash", line: `{"@timestamp":"2026-11-26T12:00:00Z"}`, wantErr: "prev_hash"},
		{name: "upper-case prev_hash", line: `{"@timestamp":"2026-11-26T12:00:00Z","prev_hash":"` + strings.Repeat("A", 64) + `"}`, wantErr: "prev_hash"},
		{name: "prev_hash not a string", line: `{"@timestamp":"2026-11-26T12:00:00Z","prev_hash":0}`, wantErr: "not a string"},
		{name: "bad time", line: `{"@timestamp":"yesterday","prev_hash":"` + Genesis + `"}`, wantErr: "@timestamp"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _, err := canonicalize([]byte(tc.line))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want …%s…", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(r.canonical) != tc.want {
				t.Fatalf("canonical\n got %s\nwant %s", r.canonical, tc.want)
			}
			if got := string(r.canonical[r.prevAt : r.prevAt+64]); got != Genesis {
				t.Fatalf("prevAt points at %q", got)
			}
		})
	}
}

// bigObject is n members "k0":0 … past the size where duplicates are
// looked up in a map.
func bigObject(n int) string {
	var ms []string
	for i := range n {
		ms = append(ms, fmt.Sprintf(`"k%d":%d`, i, i))
	}
	return strings.Join(ms, ",")
}

// refCanonical is the canonical form computed the slow, obvious way, with
// json.Decoder's tokens: the oracle of FuzzParseLine.
func refCanonical(line []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var value func(tok json.Token, depth int) ([]byte, error)
	value = func(tok json.Token, depth int) ([]byte, error) {
		switch v := tok.(type) {
		case json.Delim:
			if depth+1 > maxDepth {
				return nil, errors.New("nested too deep")
			}
			if v == '[' {
				var parts [][]byte
				for dec.More() {
					t, err := dec.Token()
					if err != nil {
						return nil, err
					}
					p, err := value(t, depth+1)
					if err != nil {
						return nil, err
					}
					parts = append(parts, p)
				}
				if _, err := dec.Token(); err != nil {
					return nil, err
				}
				return slices.Concat([]byte("["), bytes.Join(parts, []byte(",")), []byte("]")), nil
			}
			ms := map[string][]byte{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key := k.(string)
				if _, dup := ms[key]; dup {
					return nil, errors.New("duplicate key")
				}
				t, err := dec.Token()
				if err != nil {
					return nil, err
				}
				if ms[key], err = value(t, depth+1); err != nil {
					return nil, err
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			if depth == 0 {
				delete(ms, "hash")
			}
			var parts [][]byte
			for _, k := range slices.Sorted(func(yield func(string) bool) {
				for k := range ms {
					if !yield(k) {
						return
					}
				}
			}) {
				parts = append(parts, slices.Concat(appendString(nil, k), []byte(":"), ms[k]))
			}
			return slices.Concat([]byte("{"), bytes.Join(parts, []byte(",")), []byte("}")), nil
		case string:
			return appendString(nil, v), nil
		case json.Number:
			return []byte(v), nil
		case bool:
			return []byte(fmt.Sprint(v)), nil
		case nil:
			return []byte("null"), nil
		}
		return nil, fmt.Errorf("token %T", tok)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	out, err := value(tok, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data")
	}
	return out, nil
}

// FuzzParseLine checks the line parser of audit verify against the slow
// oracle: it never panics, accepts only valid JSON, agrees with the oracle
// on the canonical form and on duplicate keys, and the canonical form of a
// canonical form is itself.
func FuzzParseLine(f *testing.F) {
	for _, l := range writeTrail(f, filepath.Join(f.TempDir(), "seed.log"), 3) {
		f.Add(bytes.TrimSuffix(l, []byte("\n")))
	}
	f.Add([]byte(`{"@timestamp":"2026-11-26T12:00:00Z","prev_hash":"` + Genesis + `","hash":"` + Genesis + `","x":{"a":[1,"\ud800",{"b":-0.5e-3}]}}`))
	f.Add([]byte(`{"a":1,"\u0061":2}`))
	f.Add([]byte(`{"@timestamp":"2026-11-26T12:00:00Z","prev_hash":"` + Genesis + `","x":{` + bigObject(40) + `,"\u006b7":0}}`))
	f.Add([]byte(`{"a":[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]}`))
	f.Add([]byte("{\"a\":\"\xff\"}"))
	f.Fuzz(func(t *testing.T, line []byte) {
		r, hasHash, err := canonicalize(line)
		_, perr := parseLine(line)
		if (perr == nil) != (err == nil && hasHash && isHash(r.hash)) {
			t.Fatalf("parseLine and canonicalize disagree: %v / %v", perr, err)
		}
		ref, rerr := refCanonical(line)
		if err != nil {
			if strings.Contains(err.Error(), "duplicate key") && rerr == nil {
				t.Fatalf("duplicate key the oracle does not see: %v", err)
			}
			return
		}
		if !json.Valid(line) {
			t.Fatal("accepted invalid JSON")
		}
		if rerr != nil {
			t.Fatalf("accepted what the oracle refuses: %v", rerr)
		}
		if !bytes.Equal(r.canonical, ref) {
			t.Fatalf("canonical form\n got %s\nwant %s", r.canonical, ref)
		}
		r2, _, err := canonicalize(r.canonical)
		if err != nil || !bytes.Equal(r2.canonical, r.canonical) {
			t.Fatalf("canonical form not a fixed point: %v\n%s\n%s", err, r.canonical, r2.canonical)
		}
	})
}

// FuzzWriterLines writes events with arbitrary field text through a Writer
// and checks that every line verifies: zap's escaping and the canonical form
// agree on every string (controls, invalid UTF-8, U+2028, quotes…).
func FuzzWriterLines(f *testing.F) {
	f.Add("alice", "gpt-4o", "EMAIL", "\x00\"\\\u2028<>&\xff\x7f\t", int64(5))
	f.Add("", "", "", "", int64(-1))
	f.Fuzz(func(t *testing.T, user, model, typ, reason string, n int64) {
		p := filepath.Join(t.TempDir(), "audit.log")
		w, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, ph := range []Phase{PhaseComplete, PhaseStart, PhaseEnd} {
			ev := &Event{User: user, Model: model, Reason: reason, InputTok: n, Rules: []string{reason, typ}, Phase: ph,
				EndReason: typ, ResponseBytes: n, Findings: []Finding{{Type: typ, Count: int(n), Fingerprints: []string{user}}}}
			if err := w.Write(ev); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()
		res, err := Verify([]string{p})
		if err != nil || !res.OK() || res.Events != 3 {
			t.Fatalf("%v %v", err, res.Problems)
		}
	})
}
