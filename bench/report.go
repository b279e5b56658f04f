package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
)

type report struct {
	Time        string  `json:"time"`
	GoVersion   string  `json:"go_version"`
	CPUs        int     `json:"cpus"`
	Workers     int     `json:"workers"`
	CellSeconds float64 `json:"cell_seconds"`
	Rounds      int     `json:"rounds"`
	PromptBytes int     `json:"prompt_bytes"`
	Chunks      int     `json:"chunks"`
	// LoadAvg is /proc/loadavg before and after: other work on the machine
	// shows here, and in the spread of rps_rounds.
	LoadAvg []string `json:"loadavg,omitempty"`

	Rows      []row         `json:"rows"`
	Memory    []memResult   `json:"memory,omitempty"`
	Detection *detectResult `json:"detection,omitempty"`
	Profiles  []profileInfo `json:"profiles,omitempty"`
	Targets   []verdict     `json:"targets"`
	Notes     []string      `json:"notes,omitempty"`
}

// row is one target × mode over every round.
type row struct {
	Target   string `json:"target"`
	Mode     string `json:"mode"`
	Requests int    `json:"requests"`
	Errors   int    `json:"errors"`
	// RPS and P50ms are medians over the rounds: a round hit by other work
	// on the machine does not drag them (RPSPooled and the rounds show it).
	RPS       float64   `json:"rps"`
	RPSPooled float64   `json:"rps_pooled"`
	RPSRounds []float64 `json:"rps_rounds"`
	P50Rounds []float64 `json:"p50_ms_rounds"`
	P50ms     float64   `json:"p50_ms"`
	P99ms     float64   `json:"p99_ms"`
	TTFBp50ms float64   `json:"ttfb_p50_ms"`
	TTFBp99ms float64   `json:"ttfb_p99_ms"`
	// ChunkP50ms is the median transit of one SSE event, vendor write →
	// client read (streams only).
	ChunkP50ms float64 `json:"chunk_transit_p50_ms,omitempty"`
	ChunkP99ms float64 `json:"chunk_transit_p99_ms,omitempty"`
	// CPUms is the server process's CPU time per request (for direct: the
	// vendor's), from /proc/PID/stat over the cells: unlike req/s, it does
	// not depend on what else shares the machine.
	CPUms float64 `json:"server_cpu_ms_per_request"`
	// Ratios against goproxy in the same mode.
	RPSRatio   float64 `json:"rps_vs_goproxy,omitempty"`
	P50Ratio   float64 `json:"p50_vs_goproxy,omitempty"`
	TTFBRatio  float64 `json:"ttfb_vs_goproxy,omitempty"`
	FirstError string  `json:"first_error,omitempty"`
}

func newRow(target, mode string, s *sample, rounds, p50s []float64) row {
	r := row{Target: target, Mode: mode, Requests: s.OK, Errors: s.Errors, RPSRounds: rounds, P50Rounds: p50s, FirstError: s.FirstError,
		RPS: median(rounds), P50ms: median(p50s), P99ms: ms(percentile(s.Latency, 0.99)),
		TTFBp50ms: ms(percentile(s.TTFB, 0.5)), TTFBp99ms: ms(percentile(s.TTFB, 0.99)),
		ChunkP50ms: ms(percentile(s.Transit, 0.5)), ChunkP99ms: ms(percentile(s.Transit, 0.99))}
	if s.Elapsed > 0 {
		r.RPSPooled = math.Round(float64(s.OK) / s.Elapsed.Seconds())
	}
	for i := range r.RPSRounds {
		r.RPSRounds[i] = math.Round(r.RPSRounds[i])
	}
	return r
}

func median(fs []float64) float64 {
	if len(fs) == 0 {
		return 0
	}
	s := slices.Clone(fs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func (rep *report) row(target, mode string) *row {
	for i := range rep.Rows {
		if rep.Rows[i].Target == target && rep.Rows[i].Mode == mode {
			return &rep.Rows[i]
		}
	}
	return nil
}

func (rep *report) ratios() {
	for i := range rep.Rows {
		r := &rep.Rows[i]
		b := rep.row("goproxy", r.Mode)
		if b == nil || b.RPS == 0 {
			continue
		}
		r.RPSRatio = round2(r.RPS / b.RPS)
		r.P50Ratio = round2(r.P50ms / b.P50ms)
		r.TTFBRatio = round2(r.TTFBp50ms / b.TTFBp50ms)
	}
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// verdict is one of issue 9's targets, measured.
type verdict struct {
	Target   string `json:"target"`
	Measured string `json:"measured"`
	Met      bool   `json:"met"`
}

func (rep *report) judge() {
	add := func(target, measured string, met bool) {
		rep.Targets = append(rep.Targets, verdict{target, measured, met})
	}
	for _, mode := range []string{"whole", "stream"} { // paced mode is rate-bound: its throughput says nothing
		pw, gp := rep.row("promptwall", mode), rep.row("goproxy", mode)
		if pw == nil || gp == nil {
			continue
		}
		add("throughput ≥ 0.9× plain MITM ("+mode+")", fmt.Sprintf("%.2f× (%.0f vs %.0f req/s)", pw.RPSRatio, pw.RPS, gp.RPS), pw.RPSRatio >= 0.9)
		add("median latency ≤ 1.1× plain MITM ("+mode+")", fmt.Sprintf("%.2f× (%.2f vs %.2f ms)", pw.P50Ratio, pw.P50ms, gp.P50ms), pw.P50Ratio <= 1.1)
	}
	chunkMode := "paced" // relay latency off saturation; back-to-back streams measure queueing
	if rep.row("promptwall", chunkMode) == nil {
		chunkMode = "stream"
	}
	if pw, gp := rep.row("promptwall", chunkMode), rep.row("goproxy", chunkMode); pw != nil && gp != nil {
		d := rep.row("direct", chunkMode)
		added := pw.ChunkP50ms - gp.ChunkP50ms
		m := fmt.Sprintf("%+.3f ms/chunk vs plain MITM (transit p50 %.3f vs %.3f ms", added, pw.ChunkP50ms, gp.ChunkP50ms)
		if d != nil {
			m += fmt.Sprintf("; %.3f direct", d.ChunkP50ms)
		}
		add("streams add ≤ 1 ms per chunk ("+chunkMode+")", m+")", added <= 1)
	}
	for _, m := range rep.Memory {
		if m.Target == "promptwall" {
			add(fmt.Sprintf("%d open streams ≤ 150 MB RSS", m.Streams), fmt.Sprintf("%.1f MB RSS (%.1f MB idle)", m.RSSMB, m.IdleRSSMB),
				m.Opened == m.Streams && m.RSSMB <= 150)
		}
	}
	for _, mode := range []string{"whole", "stream"} {
		pw, mp := rep.row("promptwall", mode), rep.row("mitmproxy", mode)
		if pw == nil || mp == nil || mp.RPS == 0 {
			continue
		}
		x := pw.RPS / mp.RPS
		add("≥ 10× mitmproxy's throughput ("+mode+")", fmt.Sprintf("%.1f× (%.0f vs %.0f req/s)", x, pw.RPS, mp.RPS), x >= 10)
		if pw.CPUms > 0 && mp.CPUms > 0 {
			e := mp.CPUms / pw.CPUms
			add("≥ 10× mitmproxy per CPU second ("+mode+")", fmt.Sprintf("%.1f× (%.3f vs %.3f CPU ms per request)", e, pw.CPUms, mp.CPUms), e >= 10)
		}
	}
}

func (rep *report) print(w io.Writer) {
	fmt.Fprintf(w, "\npromptwall bench — %s, %s, %d CPUs, %d workers, %d-byte prompts, %d rounds × %.0f s per cell, %d events per stream\n",
		rep.Time, rep.GoVersion, rep.CPUs, rep.Workers, rep.PromptBytes, rep.Rounds, rep.CellSeconds, rep.Chunks)
	if len(rep.LoadAvg) > 0 {
		fmt.Fprintf(w, "load average before → after: %s\n", strings.Join(rep.LoadAvg, " → "))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "target\tmode\treq/s\t× goproxy\tp50 ms\t× goproxy\tp99 ms\tTTFB p50\tTTFB p99\tchunk p50\tchunk p99\tCPU ms/req\terrors\t")
	for _, r := range rep.Rows {
		chunk50, chunk99 := "", ""
		if r.Mode != "whole" {
			chunk50, chunk99 = fmt.Sprintf("%.3f", r.ChunkP50ms), fmt.Sprintf("%.3f", r.ChunkP99ms)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t%s\t%.3f\t%d\t\n", r.Target, r.Mode, r.RPS, r.RPSRatio,
			r.P50ms, r.P50Ratio, r.P99ms, r.TTFBp50ms, r.TTFBp99ms, chunk50, chunk99, r.CPUms, r.Errors)
	}
	tw.Flush()
	for _, r := range rep.Rows {
		if r.FirstError != "" {
			fmt.Fprintf(w, "  %s %s first error: %s\n", r.Target, r.Mode, r.FirstError)
		}
	}
	if len(rep.Memory) > 0 {
		fmt.Fprintln(w, "\nmemory: open streams held by a slow vendor")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "target\tstreams\topened in\tidle RSS MB\tRSS MB\tpeak MB\tKB/stream\theap MB\tgoroutines\tafter close\tupstream cancelled\t")
		for _, m := range rep.Memory {
			fmt.Fprintf(tw, "%s\t%d/%d\t%.1f s\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d/%d\t\n", m.Target, m.Opened, m.Streams, m.OpenSeconds,
				m.IdleRSSMB, m.RSSMB, m.PeakMB, m.KBPerStream, m.HeapMB, m.Goroutines, m.GoroutinesAfter, m.UpstreamCancelled, m.Opened)
		}
		tw.Flush()
	}
	if d := rep.Detection; d != nil {
		fmt.Fprintf(w, "\ndetection on %s (%d texts, %.1f KB, one goroutine)\n", d.Corpus, d.Texts, float64(d.Bytes)/1024)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "what\tMB/s\t\t")
		for _, x := range d.Rows {
			fmt.Fprintf(tw, "%s\t%.3f\t%s\t\n", x.Name, x.MBps, x.Note)
		}
		tw.Flush()
	}
	if len(rep.Profiles) > 0 {
		fmt.Fprintln(w, "\nCPU per request under the same load (whole then streamed answers; CPU time, so other work on the machine does not count)")
		for _, p := range rep.Profiles {
			fmt.Fprintf(w, "  %-10s %6d requests, %5.2f s CPU: %.3f ms per request\n", p.Target, p.Requests, p.CPUSeconds, p.CPUPerReqMs)
		}
		p := rep.Profiles[0]
		fmt.Fprintf(w, "\nCPU profile of %s under load (cumulative; all profiles in %s)\n%s\n", p.Target, p.Dir, p.TopCPU)
	}
	if len(rep.Targets) > 0 {
		fmt.Fprintln(w, "\ntargets (issue 9)")
		for _, v := range rep.Targets {
			mark := "MET "
			if !v.Met {
				mark = "MISS"
			}
			fmt.Fprintf(w, "  [%s] %s: %s\n", mark, v.Target, v.Measured)
		}
	}
	for _, n := range rep.Notes {
		fmt.Fprintln(w, "note:", strings.TrimSpace(n))
	}
}
