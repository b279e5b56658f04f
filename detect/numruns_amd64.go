//go:build !purego

package detect

import "unsafe"

// haveNumRuns says scan's run loop runs in assembly (numRuns), which uses
// POPCNT and BMI1's TZCNT and BLSR: every AVX2 CPU has them. A variable,
// for the tests that compare it with the Go loop.
var haveNumRuns = haveAVX2

// numRuns goes on through the runs of r's text from where it stopped,
// testing each as numberScan.scan's loop does (the bytes around it, its
// length, the digits after it, the formats' last findings), and stops at
// the next run at must try: its place, shapes, byte before and digit bits
// in r. It returns false at the end of the text, and true with no shapes
// (r.m 0) after numRunsChunks chunks without a stop: the caller goes on
// calling it, and the runtime can stop the goroutine between the calls.
//
//go:noescape
func numRuns(r *numRunState) bool

// numRunsChunks is how many chunks numRuns reads at most a call (its
// assembly spells it too): 4 KB of text, some microseconds.
const numRunsChunks = 512

// The offsets numRuns reads its state and numberScan's at.
const _ = -uint(unsafe.Offsetof(numRunState{}.ctxb) ^ 88 | unsafe.Offsetof(numRunState{}.want) ^ 112 |
	unsafe.Offsetof(numRunState{}.p) ^ 116 | unsafe.Offsetof(numRunState{}.win) ^ 136 | unsafe.Offsetof(numRunState{}.entry) ^ 144 |
	unsafe.Offsetof(numberScan{}.cardNext) ^ 48 | unsafe.Offsetof(numberScan{}.ibanNext) ^ 56 |
	unsafe.Offsetof(numberScan{}.cfNext) ^ 64 | unsafe.Offsetof(numberScan{}.ip) + unsafe.Offsetof(ipScan{}.next) ^ 72 |
	unsafe.Offsetof(numberScan{}.phone) + unsafe.Offsetof(phoneScan{}.next) ^ 96)
