package detect

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// NewScanner reports every invalid option, one per line, not just the first:
// `promptwall policy check` lists each bad custom detector.
func TestNewScannerAllErrors(t *testing.T) {
	tests := []struct {
		name  string
		opts  []Option
		wants []string // in each line, in order
	}{
		{"one", []Option{WithCustom([]CustomDetector{{Type: "A_X", Regex: "a("}})},
			[]string{"(A_X): regex: "}},
		{"three in one list", []Option{WithCustom([]CustomDetector{
			{Type: "A_X", Regex: "a("},
			{Type: "OK", Terms: []string{"fine"}},
			{Type: "lower", Terms: []string{"x"}},
			{Type: "B_Y", Terms: []string{"y"}, Category: "secrets"},
		})}, []string{
			"(A_X): regex: ",
			`(lower): type "lower"`,
			`(B_Y): unknown category "secrets"`,
		}},
		{"across options", []Option{
			WithDetector(nil, CategoryCustom, SeverityLow),
			WithCustom([]CustomDetector{{Type: "C"}}),
		}, []string{
			"detect: WithDetector: detector without a type",
			"(C): needs a regex or terms",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewScanner(tt.opts...)
			if err == nil || s != nil {
				t.Fatalf("NewScanner = %v, %v; want an error", s, err)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.wants) {
				t.Fatalf("err has %d lines, want %d:\n%v", len(lines), len(tt.wants), err)
			}
			for i, want := range tt.wants {
				if !strings.HasPrefix(lines[i], "detect: ") || !strings.Contains(lines[i], want) {
					t.Errorf("line %d = %q, want %q in it", i, lines[i], want)
				}
			}
			if u, ok := err.(interface{ Unwrap() []error }); !ok || len(u.Unwrap()) != len(tt.wants) {
				t.Errorf("err %T does not unwrap to its %d errors", err, len(tt.wants))
			}
		})
	}
	// Each custom detector's error says which entry it is, for callers
	// that name the entry where it was written (policy check).
	_, err := NewScanner(WithCustom([]CustomDetector{{Type: "A", Terms: []string{"a"}}, {Type: "B", Regex: "b("}, {Type: "A", Terms: []string{"c"}}}))
	var idx []int
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		if ce, ok := errors.AsType[*CustomError](e); ok {
			idx = append(idx, ce.Index)
		}
	}
	if !slices.Equal(idx, []int{1, 2}) {
		t.Errorf("custom errors for entries %v, want [1 2]: %v", idx, err)
	}
	if _, err := NewScanner(WithCustom([]CustomDetector{{Type: "FINE", Terms: []string{"x"}}})); err != nil {
		t.Fatalf("valid detector: %v", err)
	}
}
