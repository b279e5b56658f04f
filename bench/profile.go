package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

type profileInfo struct {
	Target      string  `json:"target"`
	Requests    int     `json:"requests"`
	CPUSeconds  float64 `json:"cpu_seconds"`
	CPUPerReqMs float64 `json:"cpu_ms_per_request"`
	Dir         string  `json:"dir"`
	TopCPU      string  `json:"top_cpu"`
	TopHeap     string  `json:"top_alloc"`
}

// runProfile loads a fresh process of the named proxy (whole answers, then
// streams, half the time each) while taking a CPU profile from it, then an
// allocation profile.
func runProfile(ctx context.Context, o options, e *env, rep *report, name string) error {
	if err := os.MkdirAll(o.profileDir, 0o755); err != nil {
		return err
	}
	c, err := e.spawn(ctx, name)
	if err != nil {
		return err
	}
	defer c.stop()
	t, err := newTarget(name, c.ready.Addr, "", c.ready.CA, o.workers, c)
	if err != nil {
		return err
	}
	defer t.tr.CloseIdleConnections()
	ps := newPrompts(o.promptBytes, 16)
	runLoad(t, ps, loadSpec{workers: o.workers, duration: o.warmup, chunks: o.chunks})

	secs := o.profileSecs
	cpuFile := filepath.Join(o.profileDir, name+"-cpu.pprof")
	allocFile := filepath.Join(o.profileDir, name+"-allocs.pprof")
	got := make(chan error, 1)
	go func() {
		got <- fetch(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", c.ready.Admin, secs), cpuFile, time.Duration(secs+30)*time.Second)
	}()
	half := time.Duration(secs) * time.Second / 2
	w := runLoad(t, ps, loadSpec{workers: o.workers, duration: half, chunks: o.chunks})
	st := runLoad(t, ps, loadSpec{workers: o.workers, duration: half, stream: true, chunks: o.chunks})
	if err := <-got; err != nil {
		return err
	}
	if err := fetch("http://"+c.ready.Admin+"/debug/pprof/allocs", allocFile, 30*time.Second); err != nil {
		return err
	}
	exe, _ := os.Executable()
	info := profileInfo{Target: name, Dir: o.profileDir, Requests: w.OK + st.OK}
	info.CPUSeconds = cpuSeconds(pprofTop(exe, cpuFile, "-top", "-nodecount=1"))
	if info.Requests > 0 {
		info.CPUPerReqMs = math.Round(info.CPUSeconds*1e6/float64(info.Requests)) / 1000
	}
	info.TopCPU = pprofTop(exe, cpuFile, "-top", "-cum", "-nodecount=40")
	info.TopHeap = pprofTop(exe, allocFile, "-sample_index=alloc_space", "-top", "-nodecount=20")
	_ = os.WriteFile(filepath.Join(o.profileDir, name+"-top-cpu.txt"), []byte(info.TopCPU), 0o644)
	_ = os.WriteFile(filepath.Join(o.profileDir, name+"-top-alloc.txt"), []byte(info.TopHeap), 0o644)
	// A copy of the binary, so the profiles can be read again later.
	if b, err := os.ReadFile(exe); err == nil {
		_ = os.WriteFile(filepath.Join(o.profileDir, "bench.bin"), b, 0o755)
	}
	rep.Profiles = append(rep.Profiles, info)
	rep.Notes = append(rep.Notes, "profile: go tool pprof -top "+filepath.Join(o.profileDir, "bench.bin")+" "+cpuFile)
	return nil
}

func fetch(url, file string, timeout time.Duration) error {
	c := &http.Client{Timeout: timeout}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("bench: %s: %s", url, resp.Status)
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func pprofTop(exe, file string, args ...string) string {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return "go tool pprof unavailable: " + err.Error()
	}
	out, err := exec.Command(gobin, append(append([]string{"tool", "pprof"}, args...), exe, file)...).CombinedOutput()
	if err != nil {
		return "go tool pprof: " + err.Error() + ": " + strconv.Quote(string(out))
	}
	return strings.TrimSpace(string(out))
}

var totalSamples = regexp.MustCompile(`Total samples = ([\d.]+)(ms|s)`)

// cpuSeconds reads "Total samples = 5.67s" from pprof's header.
func cpuSeconds(top string) float64 {
	m := totalSamples.FindStringSubmatch(top)
	if m == nil {
		return 0
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	if m[2] == "ms" {
		v /= 1000
	}
	return v
}
