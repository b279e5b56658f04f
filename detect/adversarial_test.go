package detect

import (
	"strings"
	"testing"
	"time"
)

// TestAdversarialInputsStayLinear scans 1 MiB texts built to make a careless
// matcher quadratic (many keyword hits each searching far ahead). Linear
// work takes well under a second; the bound only catches blow-ups.
func TestAdversarialInputsStayLinear(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing bound; skipped under -race and -short")
	}
	s := newTestScanner(t)
	const size = 1 << 20
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	for name, text := range map[string]string{
		"pem begins":      fill("-----BEGIN PRIVATE KEY-----..."),
		"url schemes":     fill("a://b"),
		"jwt prefixes":    fill("eyJ"),
		"emails":          fill("a@b."),
		"digits":          fill("1"),
		"digit groups":    fill("1234 "),
		"password words":  fill("password: "),
		"markers":         fill("SECRET STRICTLY "),
		"base64 runs":     fill("QUtJQVozU1I0RkUzTE43R1NPVTc "),
		"percent escapes": fill("%41"),
		"escapes":         fill(`\u0041`),
		"ipv6 colons":     fill("1:"),
		"aws keywords":    fill("akia"),
	} {
		start := time.Now()
		s.ScanText(text)
		d := time.Since(start)
		t.Logf("%s: %v", name, d)
		if d > 5*time.Second {
			t.Errorf("%s: %v for 1 MiB", name, d)
		}
	}
}
