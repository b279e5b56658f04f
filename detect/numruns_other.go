//go:build !amd64 || purego

package detect

// haveNumRuns says scan's run loop runs in assembly (numRuns).
const haveNumRuns = false

func numRuns(r *numRunState) bool { panic("detect: numRuns without assembly") }
