package detect

import (
	"slices"
	"testing"
)

// sortKeys merges ascending runs (up to maxMergeRuns) and leaves more to
// slices.Sort: either way the keys come out as slices.Sort puts them,
// with ties, an odd number of runs, empty and one-key input.
func TestSortKeys(t *testing.T) {
	r := rng(t)
	for _, tc := range []struct{ n, runs int }{
		{0, 1}, {1, 1}, {2, 2}, {13, 1}, {13, 13}, {100, 2}, {100, 3}, {1045, 17},
		{1000, maxMergeRuns}, {1000, maxMergeRuns + 1}, {500, 500},
	} {
		for range 20 {
			// tc.runs ascending runs of random lengths, each its own
			// values (ties within and across runs).
			cuts := []int{0}
			for len(cuts) < tc.runs {
				cuts = append(cuts, r.IntN(tc.n+1))
			}
			cuts = append(cuts, tc.n)
			slices.Sort(cuts)
			keys := make([]uint64, tc.n)
			for c := 1; c < len(cuts); c++ {
				run := keys[cuts[c-1]:cuts[c]]
				for i := range run {
					run[i] = uint64(r.IntN(tc.n/2 + 1))
				}
				slices.Sort(run)
			}
			want := slices.Sorted(slices.Values(keys))
			var scratch []uint64
			if r.IntN(2) == 0 {
				scratch = make([]uint64, r.IntN(tc.n+1))
			}
			got, _ := sortKeys(slices.Clone(keys), scratch)
			if !slices.Equal(got, want) {
				t.Fatalf("%d keys in %d runs: sortKeys gave %v, want %v", tc.n, tc.runs, got, want)
			}
		}
	}
}

// mergeKeys stores unchecked: it must write exactly out's len(a)+len(b)
// keys, in order, for runs of any lengths (one empty too), however they
// interleave, and leave the rest of out's memory alone.
func TestMergeKeys(t *testing.T) {
	r := rng(t)
	for range 2000 {
		a := make([]uint64, r.IntN(9))
		b := make([]uint64, r.IntN(9))
		for i := range a {
			a[i] = uint64(r.IntN(12))
		}
		for i := range b {
			b[i] = uint64(r.IntN(12))
		}
		slices.Sort(a)
		slices.Sort(b)
		buf := make([]uint64, len(a)+len(b)+1)
		buf[len(buf)-1] = 99
		mergeKeys(buf[:len(a)+len(b)], a, b)
		want := slices.Sorted(slices.Values(append(slices.Clone(a), b...)))
		if !slices.Equal(buf[:len(want)], want) || buf[len(buf)-1] != 99 {
			t.Fatalf("merge of %v and %v: %v, want %v then 99", a, b, buf, want)
		}
	}
}
