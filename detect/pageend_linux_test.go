package detect

import (
	"slices"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// TestPassesAtPageEnd runs the byte pass and the keyword pass over texts
// that end where an unreadable page begins: the vector kernels read 64
// bytes at a time and must not fault there.
func TestPassesAtPageEnd(t *testing.T) {
	ps := syscall.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, 2*ps, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	defer syscall.Munmap(mem)
	if err := syscall.Mprotect(mem[ps:], syscall.PROT_NONE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	s := newTestScanner(t)
	pat := "x PASSWORD 12 a@b sk-ant-api03 %\\ é "
	for n := 1; n <= 200; n++ {
		b := mem[ps-n : ps]
		copy(b, strings.Repeat(pat, n/len(pat)+1)[:n])
		text := unsafe.String(&b[0], n)
		checkByteScan(t, text)
		var got [][2]int
		s.pre.keywords(text, func(kw int32, start int) { got = append(got, [2]int{int(kw), start}) }, false, nil)
		slices.SortFunc(got, func(a, b [2]int) int {
			if a[1] != b[1] {
				return a[1] - b[1]
			}
			return a[0] - b[0]
		})
		want := naiveHits(text, s.pre.kws)
		if !slices.Equal(got, want) {
			t.Fatalf("%d bytes: %v, want %v", n, got, want)
		}
		// The fused pass.
		got = got[:0]
		s.pre.prescan(text, nil, nil, nil, func(kw int32, start int) { got = append(got, [2]int{int(kw), start}) }, true, nil)
		slices.SortFunc(got, func(a, b [2]int) int {
			if a[1] != b[1] {
				return a[1] - b[1]
			}
			return a[0] - b[0]
		})
		if !slices.Equal(got, want) {
			t.Fatalf("%d bytes, prescan: %v, want %v", n, got, want)
		}
	}
}
