package detect

import (
	"slices"
	"unsafe"
)

// sortKeys sorts keys ascending, using scratch (grown if short) as the
// merge's other buffer, and returns the sorted keys (keys' memory or
// scratch's) and the other buffer for reuse.
//
// Keys of findings (tidy's, sortedSpans') come a detector at a time, each
// detector's in order: a long text's hundreds are a few ascending runs
// (the corpus joined: 1,045 in 17), merged in pairs in a few passes, without
// a branch on which run a key comes from. slices.Sort's partitions
// mispredict about every other key (the corpus joined: 2.8K a sort, here
// 60). Keys in no such order (more runs than maxMergeRuns) are left to it.
func sortKeys(keys, scratch []uint64) ([]uint64, []uint64) {
	n := len(keys)
	// bounds[r] is where run r starts; bounds[runs] is n.
	var bounds [maxMergeRuns + 1]int
	runs := 1
	for i := 1; i < n; i++ {
		if keys[i] < keys[i-1] {
			if runs == maxMergeRuns {
				slices.Sort(keys)
				return keys, scratch
			}
			bounds[runs] = i
			runs++
		}
	}
	if runs == 1 {
		return keys, scratch
	}
	bounds[runs] = n
	src, dst := keys, slices.Grow(scratch[:0], n)[:n]
	for runs > 1 {
		// Runs r and r+1 become run r/2 (a last odd one is copied);
		// bounds is rewritten in place, behind what is still to read.
		w := 0
		for r := 0; r < runs; r += 2 {
			lo, mid := bounds[r], bounds[r+1]
			if r+1 == runs {
				copy(dst[lo:mid], src[lo:mid])
			} else {
				hi := bounds[r+2]
				mergeKeys(dst[lo:hi], src[lo:mid], src[mid:hi])
			}
			bounds[w] = lo
			w++
		}
		bounds[w] = n
		runs = w
		src, dst = dst, src
	}
	return src, dst
}

// maxMergeRuns is how many ascending runs sortKeys merges; more are keys in
// no useful order.
const maxMergeRuns = 64

// mergeKeys merges the ascending a and b into out (len(a)+len(b) long).
// The choice of which to take is arithmetic, as interleaved runs make it a
// coin toss; the loads and the store are unchecked (i < len(a), j <
// len(b) and i+j < len(out) hold at each step), which halves the loop.
func mergeKeys(out, a, b []uint64) {
	i, j := 0, 0
	if len(a) > 0 && len(b) > 0 {
		_ = out[len(a)+len(b)-1]
		pa, pb := unsafe.Pointer(unsafe.SliceData(a)), unsafe.Pointer(unsafe.SliceData(b))
		po := unsafe.Pointer(unsafe.SliceData(out))
		for {
			x, y := *(*uint64)(unsafe.Add(pa, 8*i)), *(*uint64)(unsafe.Add(pb, 8*j))
			*(*uint64)(unsafe.Add(po, 8*(i+j))) = min(x, y)
			c := 0
			if y < x {
				c = 1
			}
			j += c
			i += 1 - c
			if i == len(a) || j == len(b) {
				break
			}
		}
	}
	k := i + j
	k += copy(out[k:], a[i:])
	copy(out[k:], b[j:])
}
