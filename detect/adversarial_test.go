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
	stayLinear(t, newTestScanner(t), map[string]string{
		"pem begins":       fillMiB("-----BEGIN PRIVATE KEY-----..."),
		"url schemes":      fillMiB("a://b"),
		"jwt prefixes":     fillMiB("eyJ"),
		"emails":           fillMiB("a@b."),
		"digits":           fillMiB("1"),
		"digit groups":     fillMiB("1234 "),
		"password words":   fillMiB("password: "),
		"markers":          fillMiB("SECRET STRICTLY "),
		"base64 runs":      fillMiB("QUtJQVozU1I0RkUzTE43R1NPVTc "),
		"percent escapes":  fillMiB("%41"),
		"one form field":   "a=" + fillMiB("%41"),
		"form fields":      fillMiB("a=%41+"),
		"escapes":          fillMiB(`\u0041`),
		"ipv6 colons":      fillMiB("1:"),
		"aws keywords":     fillMiB("akia"),
		"ssn column":       "Name,SSN\n" + fillMiB("Anna Bell,234567891\n"),
		"credentials":      fillMiB("credentials for the a b: x/"),
		"login commands":   fillMiB("docker login -u ci -u "),
		"htpasswd":         fillMiB("htpasswd -b f u "),
		"labels, lines":    fillMiB("Password:\n"),
		"phones in parens": fillMiB("tel (3939838414) "),
		"short blobs":      "base64:\n" + fillMiB("a@b.it zzzzzzz=\n"),
	})
}

// fillMiB repeats unit to fill about a MiB.
func fillMiB(unit string) string { return strings.Repeat(unit, (1<<20)/len(unit)) }

// stayLinear scans each text (about a MiB) once with s and fails one that
// takes over 5 s: linear work takes well under a second, so the bound only
// catches blow-ups.
func stayLinear(t *testing.T, s *Scanner, texts map[string]string) {
	t.Helper()
	for name, text := range texts {
		start := time.Now()
		s.ScanText(text)
		d := time.Since(start)
		t.Logf("%s: %v", name, d)
		if d > 5*time.Second {
			t.Errorf("%s: %v for 1 MiB", name, d)
		}
	}
}
