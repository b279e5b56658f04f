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
	mem, ps := guardedPage(t)
	s := newTestScanner(t)
	pat := "x PASSWORD 12 a@b sk-ant-api03 %\\ é "
	for n := 1; n <= 200; n++ {
		b := mem[2*ps-n : 2*ps]
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

// TestScanTextAtPageEdges scans texts that end where an unreadable page
// begins, or start right after one, and compares the findings with those of
// a copy on the heap: every detector's word reads (eight bytes at a time,
// some before their position) must stay inside the text, and must not let
// the bytes beyond it change a finding.
func TestScanTextAtPageEdges(t *testing.T) {
	mem, ps := guardedPage(t)
	scanners := []*Scanner{newTestScanner(t), newTestScanner(t, WithCustom([]CustomDetector{{Type: "CODE", Terms: []string{"orione"}, Regex: `ID-(\d+)`}}))}
	texts := []string{
		strings.Repeat("0123456789", 40), strings.Repeat("QUtJQVozU1I0RkUzTE43R1NPVTc", 20),
		strings.Repeat("password token secret api_key AKIA ", 12), strings.Repeat("é€ＡＫＩＡ１２３", 30),
		strings.Repeat("a@b.it +39 02 1234567 ", 20), strings.Repeat("%41\\u0041", 40),
	}
	for i, x := range goldenTexts(t) {
		if i%200 == 0 {
			texts = append(texts, x)
		}
	}
	for _, x := range texts {
		for n := 1; n <= 300 && n <= len(x); n++ {
			for _, at := range []struct {
				where string
				src   string
				b     []byte
			}{
				{"end", x[len(x)-n:], mem[2*ps-n : 2*ps]},
				{"start", x[:n], mem[ps : ps+n]},
			} {
				copy(at.b, at.src)
				text := unsafe.String(&at.b[0], n)
				for _, s := range scanners {
					got, want := s.ScanText(text), s.ScanText(strings.Clone(at.src))
					if !slices.Equal(got, want) {
						t.Fatalf("%d bytes at the page's %s, %q: %v, want %v", n, at.where, at.src, got, want)
					}
				}
			}
		}
	}
}

// guardedPage maps three pages, the first and the last unreadable, and
// returns them and the page size: a text in the middle one that starts
// or ends at its edge faults on a read past it. Unmapped when t ends.
func guardedPage(t *testing.T) ([]byte, int) {
	t.Helper()
	ps := syscall.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, 3*ps, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	t.Cleanup(func() { syscall.Munmap(mem) })
	if err := syscall.Mprotect(mem[:ps], syscall.PROT_NONE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	if err := syscall.Mprotect(mem[2*ps:], syscall.PROT_NONE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	return mem, ps
}

// TestWindowReadsAtPageEdges calls the matchers that read a window of 32
// bytes around their position (spanClass on spans shorter than 32, which
// reads the 32 bytes that end where the span may end; the e-mail masks,
// which read the 32 before an '@' or after it, shifted near the text's
// ends) on texts that start right after an unreadable page or end where
// one begins: a read outside the text faults. Results are compared with
// the byte-by-byte forms.
func TestWindowReadsAtPageEdges(t *testing.T) {
	mem, ps := guardedPage(t)
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
