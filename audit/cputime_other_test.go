//go:build !unix

package audit

func cpuTime() int64 { return 0 }

func sysTime() int64 { return 0 }
