//go:build unix

package detect

import (
	"syscall"
	"time"
)

// processCPU is the user+system CPU time this process has used. Benchmarks
// report throughput per CPU second beside wall-clock MB/s, so a busy shared
// machine does not distort the figure.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
