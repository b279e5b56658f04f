package detect

import (
	"slices"
	"testing"
)

// naiveHits finds every keyword occurrence the slow way.
func naiveHits(text string, kws []string) [][2]int {
	var out [][2]int
	b := []byte(text)
	for i := range b {
		b[i] = lower(b[i]) // ASCII only, byte for byte, like the prefilter
	}
	l := string(b)
	for id, k := range kws {
		for i := 0; i+len(k) <= len(l); i++ {
			if l[i:i+len(k)] == k {
				out = append(out, [2]int{id, i})
			}
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[1] != b[1] {
			return a[1] - b[1]
		}
		return a[0] - b[0]
	})
	return out
}

func prefilterHits(p *prefilter, text string) ([][2]int, []int, int) {
	var out [][2]int
	var digits []int
	na := p.scan(text, func(kw int32, start int) { out = append(out, [2]int{int(kw), start}) }, &digits)
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[1] != b[1] {
			return a[1] - b[1]
		}
		return a[0] - b[0]
	})
	return out, digits, na
}

var prefilterKeywords = []string{"he", "she", "his", "hers", "akia", "a3t", "-----begin", "@", "://", "pass", "password", "sk-", "sk-ant-"}

func TestPrefilterMatchesNaive(t *testing.T) {
	p := newPrefilter(prefilterKeywords, make([][]int, len(prefilterKeywords)))
	for _, text := range []string{
		"", "ushers", "HIS hers SHE", "my Password: x; pass", "sk-ant-api03 and sk-x", "a@b://c",
		"-----BEGIN RSA PRIVATE KEY-----", "AKIAA3T akia", "é@ü 12 ab345",
	} {
		got, _, _ := prefilterHits(p, text)
		if want := naiveHits(text, prefilterKeywords); !slices.Equal(got, want) {
			t.Errorf("%q: got %v want %v", text, got, want)
		}
	}
}

func TestPrefilterDigitsAndNonASCII(t *testing.T) {
	p := newPrefilter(nil, nil)
	_, digits, na := prefilterHits(p, "a1b22 333é4")
	if want := []int{1, 3, 6, 11}; !slices.Equal(digits, want) {
		t.Errorf("digit runs %v, want %v", digits, want)
	}
	if na != 9 {
		t.Errorf("first non-ASCII at %d, want 9", na)
	}
}

func FuzzPrefilter(f *testing.F) {
	p := newPrefilter(prefilterKeywords, make([][]int, len(prefilterKeywords)))
	f.Add("ushers PASSWORD sk-ant-")
	f.Fuzz(func(t *testing.T, text string) {
		got, _, _ := prefilterHits(p, text)
		if want := naiveHits(text, prefilterKeywords); !slices.Equal(got, want) {
			t.Fatalf("%q: got %v want %v", text, got, want)
		}
	})
}
