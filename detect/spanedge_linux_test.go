package detect

import (
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// TestWindowReadsAtPageEdges calls the matchers that read a window of 32
// bytes around their position (spanClass on spans shorter than 32, which
// reads the 32 bytes that end where the span may end; the e-mail masks,
// which read the 32 before an '@' or after it, shifted near the text's
// ends) on texts that start right after an unreadable page or end where
// one begins: a read outside the text faults. Results are compared with
// the byte-by-byte forms.
func TestWindowReadsAtPageEdges(t *testing.T) {
	ps := syscall.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, 3*ps, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	defer syscall.Munmap(mem)
	if err := syscall.Mprotect(mem[:ps], syscall.PROT_NONE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	if err := syscall.Mprotect(mem[2*ps:], syscall.PROT_NONE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	src := strings.Repeat("ab.cd-ef@gh.io x_y+z/", 4)
	masks := []uint64{cWordDash, cB64Std, aAlnum, cURL, cAtext, cHookPath}
	for n := 1; n <= 70; n++ {
		for _, b := range [][]byte{mem[ps : ps+n], mem[2*ps-n : 2*ps]} {
			copy(b, src[:n])
			text := unsafe.String(&b[0], n)
			for i := 0; i <= n; i++ {
				for _, mask := range masks {
					for _, max := range []int{1, 7, 31, 32, 100} {
						want := spanWhile(text, i, max, func(c byte) bool { return is(c, mask) })
						if got := spanClass(text, i, max, mask); got != want {
							t.Fatalf("spanClass(%q, %d, %d, %#x) = %d, want %d", text, i, max, mask, got, want)
						}
					}
				}
				if got, want := localStart(text, i), localStartNaive(text, i); got != want {
					t.Fatalf("localStart(%q, %d) = %d, want %d", text, i, got, want)
				}
				e1, ok1 := domainEnd(text, i)
				e2, ok2 := domainEndNaive(text, i)
				if e1 != e2 || ok1 != ok2 {
					t.Fatalf("domainEnd(%q, %d) = %d, %v, want %d, %v", text, i, e1, ok1, e2, ok2)
				}
			}
		}
	}
}
