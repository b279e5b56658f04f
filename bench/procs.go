package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// vmRSS reads VmRSS and VmHWM (KiB) from /proc/PID/status; 0 when unknown.
func vmRSS(pid int) (rss, hwm int64) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		n, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = n
		case "VmHWM:":
			hwm = n
		}
	}
	return rss, hwm
}

// child is a server process: a role of this binary, or mitmdump.
type child struct {
	name  string
	cmd   *exec.Cmd
	stdin io.WriteCloser
	ready ready
}

// spawnRole re-executes this binary as role and waits for its ready line.
func spawnRole(ctx context.Context, role string, args ...string) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, exe, append([]string{"-role", role}, args...)...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{name: role, cmd: cmd, stdin: stdin}
	line := make(chan []byte, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- append([]byte(nil), sc.Bytes()...)
		}
		close(line)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case b, ok := <-line:
		if !ok {
			c.stop()
			return nil, fmt.Errorf("bench: role %s exited before it was ready", role)
		}
		if err := json.Unmarshal(b, &c.ready); err != nil {
			c.stop()
			return nil, fmt.Errorf("bench: role %s: %w", role, err)
		}
	case <-time.After(60 * time.Second):
		c.stop()
		return nil, fmt.Errorf("bench: role %s not ready after 60 s", role)
	}
	return c, nil
}

// stop closes the child's stdin (it exits on its own) and waits; it kills
// the child (by its own pid) only if it does not exit in time.
func (c *child) stop() {
	if c == nil || c.cmd.Process == nil {
		return
	}
	if c.stdin != nil {
		c.stdin.Close()
	}
	done := make(chan struct{})
	go func() { _ = c.cmd.Wait(); close(done) }()
	if c.name == "mitmproxy" {
		_ = c.cmd.Process.Signal(os.Interrupt)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = c.cmd.Process.Kill()
		<-done
	}
}

func (c *child) pid() int { return c.cmd.Process.Pid }

// mitmAddon points every request at the fake vendor (mitmproxy has no
// resolve override) and streams SSE answers through as they arrive, as the
// other proxies do; whole answers stay buffered (mitmproxy's default).
const mitmAddon = `import os
from mitmproxy import http

HOST, PORT = os.environ["BENCH_VENDOR"].rsplit(":", 1)

def request(flow: http.HTTPFlow) -> None:
    host_header = flow.request.host_header
    flow.request.host = HOST
    flow.request.port = int(PORT)
    flow.request.host_header = host_header

def responseheaders(flow: http.HTTPFlow) -> None:
    if flow.response.headers.get("content-type", "").startswith("text/event-stream"):
        flow.response.stream = True
`

// spawnMitmproxy runs mitmdump with its own CA in a fresh confdir, upstream
// verification off (the fake vendor's CA is throwaway), HTTP/1.1 only.
func spawnMitmproxy(ctx context.Context, mitmdump, dir, vendorAddr string) (*child, error) {
	conf := filepath.Join(dir, "mitmproxy")
	if err := os.MkdirAll(conf, 0o700); err != nil {
		return nil, err
	}
	addon := filepath.Join(conf, "bench_addon.py")
	if err := os.WriteFile(addon, []byte(mitmAddon), 0o644); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, mitmdump, "--listen-host", "127.0.0.1", "--listen-port", strconv.Itoa(port),
		"--set", "confdir="+conf, "--ssl-insecure", "--set", "connection_strategy=lazy", "--set", "http2=false",
		"--set", "termlog_verbosity=error", "--set", "flow_detail=0", "-s", addon)
	cmd.Env = append(os.Environ(), "BENCH_VENDOR="+vendorAddr)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{name: "mitmproxy", cmd: cmd}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	caFile := filepath.Join(conf, "mitmproxy-ca-cert.pem")
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(caFile); err == nil {
			if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
				conn.Close()
				break
			}
		}
		if time.Now().After(deadline) || cmd.ProcessState != nil {
			c.stop()
			return nil, fmt.Errorf("bench: mitmdump did not start: %s", strings.TrimSpace(stderr.String()))
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.ready = ready{Addr: addr, CA: caFile, PID: cmd.Process.Pid}
	return c, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	ta, ok := l.Addr().(*net.TCPAddr)
	if !ok {
		return 0, errors.New("bench: not a TCP address")
	}
	return ta.Port, nil
}

// procCPU is the CPU time a process has used (user + system), from
// /proc/PID/stat; 0 when unknown. Clock ticks are 100 Hz on Linux.
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}
