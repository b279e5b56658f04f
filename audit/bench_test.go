package audit

import (
	"path/filepath"
	"testing"
	"time"
)

// benchEvent is a typical audited request: one finding type, two rules.
func benchEvent() *Event {
	return &Event{Time: time.Now(), ID: "01JDXK7Q8ZB3V6W2N4M5P7R9TA", Action: "redact", User: "alice@example.com",
		SourceIP: "10.1.2.3", Domain: "api.openai.com", Path: "/v1/chat/completions", Vendor: "openai",
		API: "openai.chat", Model: "gpt-4o", Route: "vendor",
		Findings: []Finding{{Type: "EMAIL", Count: 2, Fingerprints: []string{"9f86d081884c7d659a2feaa0c55ad015", "a665a45920422f9d417e4867efdc4fb8"}}},
		Rules:    []string{"pii.redact_email", "default.allow"}, Revision: "rev-3f2a", Status: 200,
		Duration: 1234 * time.Microsecond, InputTok: 812, OutputTok: 230}
}

// BenchmarkWrite is the cost of auditing one request: encode, canonicalise,
// hash, append to the file.
func BenchmarkWrite(b *testing.B) {
	w, err := Open(filepath.Join(b.TempDir(), "audit.log"))
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	ev := benchEvent()
	b.ReportAllocs()
	cpu, sys := cpuTime(), sysTime()
	for b.Loop() {
		if err := w.Write(ev); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(sysTime()-sys)/float64(b.N), "sys-ns/op")
}

// BenchmarkWriteParallel is the same with 8 requests at a time per CPU: the
// chain serialises writes.
func BenchmarkWriteParallel(b *testing.B) {
	w, err := Open(filepath.Join(b.TempDir(), "audit.log"))
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	b.ReportAllocs()
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		ev := benchEvent()
		for pb.Next() {
			if err := w.Write(ev); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkVerify is the cost of checking one line of a trail: an auditor's
// week of rotated files is this times the events.
func BenchmarkVerify(b *testing.B) {
	p := filepath.Join(b.TempDir(), "audit.log")
	w, err := Open(p)
	if err != nil {
		b.Fatal(err)
	}
	const n = 2000
	for range n {
		if err := w.Write(benchEvent()); err != nil {
			b.Fatal(err)
		}
	}
	w.Close()
	b.ResetTimer()
	for b.Loop() {
		res, err := Verify([]string{p})
		if err != nil || !res.OK() {
			b.Fatal(err, res.Problems)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/line")
}

// BenchmarkWriteParts splits one line's cost: encoding (canonical form,
// by hand) and hashing (SHA-256 of prev_hash and the line); the rest of
// BenchmarkWrite is the write(2).
func BenchmarkWriteParts(b *testing.B) {
	ev := benchEvent()
	b.Run("encode", func(b *testing.B) {
		var line []byte
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			line, _ = appendEvent(line[:0], ev)
		}
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64(len(line)), "bytes/line")
	})
	b.Run("hash", func(b *testing.B) {
		line, _ := appendEvent(nil, ev)
		cpu := cpuTime()
		for b.Loop() {
			chainHash(Genesis, line)
		}
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	})
}

// BenchmarkWriteForwarded is the audit cost of one forwarded request: its
// decision line and its completion line.
func BenchmarkWriteForwarded(b *testing.B) {
	w, err := Open(filepath.Join(b.TempDir(), "audit.log"))
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	start := benchEvent()
	start.Phase, start.Status, start.InputTok, start.OutputTok, start.Duration = PhaseStart, 0, 0, 0, 0
	end := &Event{ID: start.ID, Phase: PhaseEnd, Route: "vendor", Status: 200, EndReason: EndEOF, ResponseBytes: 2048,
		InputTok: 812, OutputTok: 230, Duration: 1234 * time.Microsecond}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if err := w.Write(start); err != nil {
			b.Fatal(err)
		}
		if err := w.Write(end); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(cpuTime()-cpu)/float64(2*b.N), "cpu-ns/line")
}
