//go:build !purego

package detect

// haveNumRuns says scan's run loop runs in assembly (numRuns), which uses
// POPCNT and BMI1's TZCNT and BLSR: every AVX2 CPU has them. A variable,
// for the tests that compare it with the Go loop.
var haveNumRuns = haveAVX2

// numRuns goes on through the runs of r's text from where it stopped,
// testing each as numberScan.scan's loop does (the bytes around it, its
// length, the digits after it, the formats' last findings), and stops at
// the next run at must try: its place, shapes, byte before and digit bits
// in r. It returns false at the end of the text.
//
//go:noescape
func numRuns(r *numRunState) bool
