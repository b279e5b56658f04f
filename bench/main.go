package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"
)

type options struct {
	workers     int
	duration    time.Duration
	warmup      time.Duration
	rounds      int
	promptBytes int
	chunks      int
	targets     []string
	modes       []string
	jsonOut     string
	mitmdump    string
	paced       time.Duration
	streams     int
	streamEvery time.Duration
	memTargets  []string
	detect      bool
	detectGo    bool
	corpus      string
	detectTime  time.Duration
	profileDir  string
	profileSecs int
	profTargets []string
}

func main() {
	var o options
	role := flag.String("role", "", "internal: run as a server role (vendor, goproxy, promptwall)")
	dir := flag.String("dir", "", "internal: the role's working directory")
	vendor := flag.String("vendor", "", "internal: the fake vendor's address")
	vendorCA := flag.String("vendor-ca", "", "internal: the fake vendor's CA file")
	flag.IntVar(&o.workers, "c", 16, "closed-loop workers (fixed concurrency)")
	flag.DurationVar(&o.duration, "duration", 2*time.Second, "length of one cell (target × mode × round)")
	flag.DurationVar(&o.warmup, "warmup", time.Second, "warm-up per target and mode before the rounds")
	flag.IntVar(&o.rounds, "rounds", 5, "interleaved rounds (A B A B …); req/s and p50 are medians over rounds")
	flag.IntVar(&o.promptBytes, "prompt", 8192, "prompt text size in bytes")
	flag.IntVar(&o.chunks, "chunks", 20, "SSE text events per streamed answer")
	targets := flag.String("targets", "direct,goproxy,promptwall,mitmproxy", "targets, in round order")
	modes := flag.String("modes", "whole,stream,paced", "answer modes: whole JSON, stream (events back to back), paced (events -paced apart: relay latency per chunk off saturation)")
	flag.DurationVar(&o.paced, "paced", 5*time.Millisecond, "the vendor's pause between events in paced mode")
	flag.StringVar(&o.jsonOut, "json", "bench-results.json", "write the results here as JSON (\"\" for none)")
	flag.StringVar(&o.mitmdump, "mitmdump", "", "mitmdump binary (default: from PATH; the row is skipped when absent)")
	flag.IntVar(&o.streams, "streams", 1000, "open streams held for the memory measurement (0: skip)")
	flag.DurationVar(&o.streamEvery, "stream-interval", time.Second, "the slow vendor's pause between events in the memory measurement")
	memTargets := flag.String("mem-targets", "promptwall,goproxy", "processes measured holding -streams streams")
	flag.BoolVar(&o.detect, "detect", true, "measure detection throughput on the corpus")
	flag.BoolVar(&o.detectGo, "detect-gotest", true, "also run detect's own prefilter benchmark (go test -bench; needs the source tree)")
	flag.StringVar(&o.corpus, "corpus", "../shared/corpus/dev.jsonl", "JSONL corpus with a \"text\" field")
	flag.DurationVar(&o.detectTime, "detect-time", 3*time.Second, "time per detection measurement")
	flag.StringVar(&o.profileDir, "profile", "", "write promptwall CPU/heap profiles under load to this directory and print the top costs")
	flag.IntVar(&o.profileSecs, "profile-seconds", 10, "length of each CPU profile")
	profTargets := flag.String("profile-targets", "promptwall,goproxy", "processes profiled with -profile (the first is printed)")
	flag.Parse()
	o.targets = splitList(*targets)
	o.modes = splitList(*modes)
	o.memTargets = splitList(*memTargets)
	o.profTargets = splitList(*profTargets)

	var err error
	switch *role {
	case "":
		err = run(o)
	case "vendor":
		err = runVendor(*dir)
	case "goproxy":
		err = runGoproxy(*dir, *vendor, *vendorCA)
	case "promptwall":
		err = runPromptwall(*dir, *vendor, *vendorCA)
	default:
		err = fmt.Errorf("bench: unknown role %q", *role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// env is the set of running servers the phases share.
type env struct {
	dir      string
	vendor   *child
	children []*child
}

func (e *env) spawn(ctx context.Context, role string) (*child, error) {
	dir, err := os.MkdirTemp(e.dir, role+"-")
	if err != nil {
		return nil, err
	}
	c, err := spawnRole(ctx, role, "-dir", dir, "-vendor", e.vendor.ready.Addr, "-vendor-ca", e.vendor.ready.CA)
	if err != nil {
		return nil, err
	}
	e.children = append(e.children, c)
	return c, nil
}

func (e *env) stopAll() {
	for i := len(e.children) - 1; i >= 0; i-- {
		e.children[i].stop()
	}
	e.children = nil
}

func run(o options) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir, err := os.MkdirTemp("", "promptwall-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	e := &env{dir: dir}
	defer e.stopAll()

	rep := &report{
		Time: time.Now().UTC().Format(time.RFC3339), GoVersion: runtime.Version(), CPUs: runtime.NumCPU(),
		Workers: o.workers, CellSeconds: o.duration.Seconds(), Rounds: o.rounds, PromptBytes: o.promptBytes, Chunks: o.chunks,
	}
	rep.LoadAvg = append(rep.LoadAvg, loadAvg())
	if e.vendor, err = spawnRole(ctx, "vendor", "-dir", dir); err != nil {
		return err
	}
	e.children = append(e.children, e.vendor)

	if len(o.targets) > 0 && len(o.modes) > 0 {
		if err := runMatrix(ctx, o, e, rep); err != nil {
			return err
		}
	}
	if o.profileDir != "" && ctx.Err() == nil {
		for _, name := range o.profTargets {
			if err := runProfile(ctx, o, e, rep, name); err != nil {
				fmt.Fprintln(os.Stderr, "profile:", err)
			}
		}
	}
	if o.streams > 0 && ctx.Err() == nil {
		for _, name := range o.memTargets {
			m, err := runMemory(ctx, o, e, name)
			if err != nil {
				fmt.Fprintf(os.Stderr, "memory %s: %v\n", name, err)
				continue
			}
			rep.Memory = append(rep.Memory, m)
		}
	}
	if o.detect && ctx.Err() == nil {
		d, err := runDetect(ctx, o)
		if err != nil {
			fmt.Fprintln(os.Stderr, "detection:", err)
		} else {
			rep.Detection = d
		}
	}
	rep.judge()
	rep.LoadAvg = append(rep.LoadAvg, loadAvg())
	rep.print(os.Stdout)
	if o.jsonOut != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(o.jsonOut, append(b, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Printf("\nJSON: %s\n", o.jsonOut)
	}
	return ctx.Err()
}

// runMatrix starts every target and runs the interleaved rounds.
func runMatrix(ctx context.Context, o options, e *env, rep *report) error {
	ps := newPrompts(o.promptBytes, 16)
	var ts []*target
	for _, name := range o.targets {
		var t *target
		var err error
		switch name {
		case "direct":
			t, err = newTarget(name, "", e.vendor.ready.Addr, e.vendor.ready.CA, o.workers, e.vendor)
		case "goproxy", "promptwall":
			var c *child
			if c, err = e.spawn(ctx, name); err == nil {
				t, err = newTarget(name, c.ready.Addr, "", c.ready.CA, o.workers, c)
			}
		case "mitmproxy":
			bin := o.mitmdump
			if bin == "" {
				bin, _ = exec.LookPath("mitmdump")
			}
			if bin == "" {
				rep.Notes = append(rep.Notes, "mitmproxy: mitmdump not found (apt-get install mitmproxy); row skipped")
				continue
			}
			var c *child
			if c, err = spawnMitmproxy(ctx, bin, e.dir, e.vendor.ready.Addr); err == nil {
				e.children = append(e.children, c)
				t, err = newTarget(name, c.ready.Addr, "", c.ready.CA, o.workers, c)
				rep.Notes = append(rep.Notes, "mitmproxy: "+mitmVersion(bin))
			}
		default:
			err = fmt.Errorf("bench: unknown target %q", name)
		}
		if err != nil {
			return err
		}
		ts = append(ts, t)
	}
	spec := func(mode string, d time.Duration) loadSpec {
		s := loadSpec{workers: o.workers, duration: d, stream: mode != "whole", chunks: o.chunks}
		if mode == "paced" {
			s.interval = o.paced
		}
		return s
	}
	fmt.Fprintf(os.Stderr, "bench: %d targets × %d modes × %d rounds × %s, %d workers, %d-byte prompts\n",
		len(ts), len(o.modes), o.rounds, o.duration, o.workers, o.promptBytes)
	for _, t := range ts {
		for _, m := range o.modes {
			if s := runLoad(t, ps, spec(m, o.warmup)); s.OK == 0 {
				return fmt.Errorf("bench: %s %s: no request succeeded in warm-up: %s", t.name, m, s.FirstError)
			}
		}
	}
	cells := map[string]*sample{}
	perRound := map[string][]float64{}
	p50Round := map[string][]float64{}
	cpu := map[string]time.Duration{} // the server process's CPU over the key's cells
	for r := range o.rounds {
		for _, t := range ts {
			for _, m := range o.modes {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				cpu0 := procCPU(t.proc.pid())
				s := runLoad(t, ps, spec(m, o.duration))
				key := t.name + "/" + m
				cpu[key] += procCPU(t.proc.pid()) - cpu0
				if cells[key] == nil {
					cells[key] = &sample{}
				}
				cells[key].merge(s)
				rps := float64(s.OK) / s.Elapsed.Seconds()
				perRound[key] = append(perRound[key], rps)
				p50Round[key] = append(p50Round[key], ms(percentile(s.Latency, 0.5)))
				fmt.Fprintf(os.Stderr, "  round %d %-10s %-6s %8.0f req/s  p50 %6.2f ms  errors %d\n", r+1, t.name, m, rps,
					ms(percentile(s.Latency, 0.5)), s.Errors)
			}
		}
	}
	for _, t := range ts {
		for _, m := range o.modes {
			key := t.name + "/" + m
			r := newRow(t.name, m, cells[key], perRound[key], p50Round[key])
			if r.Requests > 0 {
				r.CPUms = math.Round(float64(cpu[key].Microseconds())/float64(r.Requests)) / 1000
			}
			rep.Rows = append(rep.Rows, r)
		}
		t.tr.CloseIdleConnections()
	}
	rep.ratios()
	return nil
}

func mitmVersion(bin string) string {
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		return bin
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func jsonEncode(w io.Writer, v any) error { return json.NewEncoder(w).Encode(v) }

// loadAvg is the 1, 5 and 15 minute load averages, or "".
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
