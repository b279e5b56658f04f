package policy

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
)

func benchFindings() []Finding {
	types := []struct{ t, c string }{
		{"EMAIL", "pii"}, {"PHONE", "pii"}, {"IBAN", "pii"}, {"CREDIT_CARD", "pii"}, {"IP_ADDRESS", "pii"},
		{"US_SSN", "pii"}, {"IT_FISCAL_CODE", "pii"}, {"IT_VAT", "pii"}, {"AWS_ACCESS_KEY", "secret"}, {"JWT", "secret"},
	}
	out := make([]Finding, len(types))
	for i, x := range types {
		out[i] = Finding{Type: x.t, Category: x.c, Severity: "high", Count: 1, Paths: []string{"messages[0].content"}}
	}
	return out
}

// BenchmarkDecide measures one decision: clean prompt and ten findings, with
// the decision cache (the fast path) and without. Request id, time and size
// change every iteration as they do in production. p50-ns is the median.
func BenchmarkDecide(b *testing.B) {
	for _, fast := range []bool{false, true} {
		for _, tc := range []struct {
			name     string
			findings []Finding
		}{{"clean", nil}, {"findings", benchFindings()}} {
			name := tc.name + "/nocache"
			opts := []Option{WithCacheSize(0)}
			if fast {
				name = tc.name + "/cache"
				opts = nil
			}
			b.Run(name, func(b *testing.B) {
				e := newEngine(b, opts...)
				ctx := context.Background()
				in := Input{Request: baseRequest(), Findings: tc.findings}
				lat := make([]time.Duration, 0, b.N)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					in.Request.ID = strconv.Itoa(i)
					in.Request.Bytes = int64(i)
					start := time.Now()
					if _, err := e.Decide(ctx, in); err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(start))
				}
				b.StopTimer()
				slices.Sort(lat)
				b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "p50-ns")
			})
		}
	}
}

func BenchmarkConnect(b *testing.B) {
	for _, size := range []int{0, DefaultCacheSize} {
		b.Run("cache="+strconv.Itoa(size), func(b *testing.B) {
			e := newEngine(b, WithCacheSize(size))
			r := Request{Vendor: "openai", Host: "api.openai.com", Client: Client{IP: "10.0.0.1"}}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := e.Connect(context.Background(), r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzDecide feeds arbitrary inputs to the default policy: never a panic,
// always a valid action or an error, and the cache never changes a decision.
func FuzzDecide(f *testing.F) {
	seeds := []Input{
		{Request: baseRequest()},
		{Request: baseRequest(), Findings: benchFindings()},
		{Request: baseRequest(), Findings: []Finding{{Type: "CONFIDENTIAL_MARKER", Category: "classified"}}, Internal: &Internal{Available: true}},
		{Request: Request{Vendor: "", Host: "x:1"}, Findings: []Finding{{Type: "A", Category: ""}, {Type: "A", Category: "secret"}}},
	}
	for _, s := range seeds {
		bs, _ := json.Marshal(s)
		f.Add(bs)
	}
	cached := newEngine(f)
	plain := newEngine(f, WithCacheSize(0))
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		var in Input
		if json.Unmarshal(data, &in) != nil {
			return
		}
		want, err := plain.Decide(ctx, in)
		if err != nil {
			t.Fatalf("default policy failed: %v", err)
		}
		switch want.Action {
		case ActionAllow, ActionBlock, ActionRedact, ActionReroute:
		default:
			t.Fatalf("action %q", want.Action)
		}
		for range 2 {
			got, err := cached.Decide(ctx, in)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("cached %+v, %v; uncached %+v", got, err, want)
			}
		}
		if _, err := cached.Connect(ctx, in.Request); err != nil {
			t.Fatalf("connect: %v", err)
		}
	})
}

// FuzzParseDecision feeds arbitrary JSON objects to the decision validator:
// never a panic, and whatever it accepts is enforceable without guessing.
func FuzzParseDecision(f *testing.F) {
	for _, s := range []string{
		`{"action": "allow"}`,
		`{"action": "redact", "redact": {"types": ["EMAIL"], "mode": "mask"}, "reasons": [{"rule": "r", "message": "m"}]}`,
		`{"action": "reroute", "route": {"model": "llama"}, "monitor": true}`,
		`{"action": "block", "reasons": [{"rule": ""}]}`,
		`{"action": "redact", "redact": {"types": []}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m map[string]any
		if json.Unmarshal(data, &m) != nil {
			return
		}
		d, err := parseDecision(m)
		if err != nil {
			return
		}
		switch d.Action {
		case ActionAllow, ActionBlock:
			if d.Redact != nil || d.Route != nil {
				t.Fatalf("%s with details: %+v", d.Action, d)
			}
		case ActionRedact:
			if d.Redact == nil || len(d.Redact.Types) == 0 || (d.Redact.Mode != ModePseudonymize && d.Redact.Mode != ModeMask) {
				t.Fatalf("redact: %+v", d.Redact)
			}
		case ActionReroute:
			if d.Route == nil || d.Route.Target != TargetInternal {
				t.Fatalf("reroute: %+v", d.Route)
			}
		default:
			t.Fatalf("action %q accepted", d.Action)
		}
		for _, r := range d.Reasons {
			if r.Rule == "" {
				t.Fatalf("reason without rule accepted: %+v", d.Reasons)
			}
		}
	})
}
