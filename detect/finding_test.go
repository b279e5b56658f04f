package detect

import (
	"encoding/json"
	"strings"
	"testing"
)

// Policies, the audit log and the CLI see categories and severities by
// name: each one's name parses back to it and marshals as that name.
func TestCategorySeverityNames(t *testing.T) {
	cats := map[Category]string{CategorySecret: "secret", CategoryPII: "pii", CategoryClassified: "classified", CategoryCustom: "custom"}
	for c, name := range cats {
		got, err := ParseCategory(name)
		if err != nil || got != c || c.String() != name {
			t.Errorf("category %d: String %q, ParseCategory(%q) = %d, %v", c, c.String(), name, got, err)
		}
		if b, err := json.Marshal(c); err != nil || string(b) != `"`+name+`"` {
			t.Errorf("json.Marshal(%s) = %s, %v", name, b, err)
		}
	}
	sevs := map[Severity]string{SeverityLow: "low", SeverityMedium: "medium", SeverityHigh: "high", SeverityCritical: "critical"}
	for s, name := range sevs {
		got, err := ParseSeverity(name)
		if err != nil || got != s || s.String() != name {
			t.Errorf("severity %d: String %q, ParseSeverity(%q) = %d, %v", s, s.String(), name, got, err)
		}
		if b, err := json.Marshal(s); err != nil || string(b) != `"`+name+`"` {
			t.Errorf("json.Marshal(%s) = %s, %v", name, b, err)
		}
	}
	// Names are exact: no case folding, no empty name, nothing unknown.
	for _, bad := range []string{"", "Secret", "PII", "top", "none"} {
		if _, err := ParseCategory(bad); err == nil || !strings.Contains(err.Error(), "known: secret, pii") {
			t.Errorf("ParseCategory(%q): error %v", bad, err)
		}
	}
	for _, bad := range []string{"", "HIGH", "extreme"} {
		if _, err := ParseSeverity(bad); err == nil || !strings.Contains(err.Error(), "known: low, medium") {
			t.Errorf("ParseSeverity(%q): error %v", bad, err)
		}
	}
	// The zero value is none; a value past the last has no name to marshal.
	if Category(0).String() != "" || Severity(0).String() != "" || Category(9).String() != "category(9)" {
		t.Errorf("names of 0 and 9: %q %q %q", Category(0), Severity(0), Category(9))
	}
	if _, err := json.Marshal(Severity(9)); err == nil {
		t.Error("json.Marshal(Severity(9)) succeeded")
	}
}
