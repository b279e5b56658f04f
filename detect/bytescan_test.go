package detect

import (
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// prescanTeddy is a prefilter with teddy, for the fused pass.
var prescanTeddy = func() *prefilter {
	p, err := buildPrefilterMode(prefilterKeywords, make([][]int, len(prefilterKeywords)), pfTeddy)
	if err != nil {
		panic(err)
	}
	return p
}()

// checkByteScan compares byteScanFlags on s with byte-by-byte definitions.
func checkByteScan(t *testing.T, s string) {
	t.Helper()
	var digits []int
	var runs []b64Span
	_, fl := byteScanFlags(s, &digits, &runs, nil)
	wantDigits, wantRuns, want := naiveScan(s)
	if fl != want {
		t.Fatalf("%q: flags %b, want %b", s, fl, want)
	}
	// The fused pass (prescan with teddy) finds the same.
	var digits2 []int
	var runs2 []b64Span
	_, _, fl2 := prescanTeddy.prescan(s, &digits2, &runs2, nil, func(int32, int) {}, true, nil)
	fusedRuns := runs
	if haveAVX2 && len(s) > 0 && !runsWanted(s, runs) {
		fusedRuns = nil // the fused pass lists only runs a reader may want (kfRunUse)
	}
	if fl2 != fl || !slices.Equal(digits2, digits) || !slices.Equal(runs2, fusedRuns) {
		t.Fatalf("%q: prescan %b %v %v, byteScanFlags %b %v %v", s, fl2, digits2, runs2, fl, digits, runs)
	}
	if !slices.Equal(digits, wantDigits) {
		t.Fatalf("%q: digit runs %v, want %v", s, digits, wantDigits)
	}
	if !slices.Equal(runs, wantRuns) {
		t.Fatalf("%q: base64 runs %v, want %v", s, runs, wantRuns)
	}
	checkWordCtx(t, s)
}

// checkWordCtx compares wordCtx on s with wordCtxGeneric, on the bits of
// the text's bytes (context bits past its end may differ).
func checkWordCtx(t *testing.T, s string) {
	t.Helper()
	nch := (len(s) + 63) / 64
	got, want := make([]uint64, 2*nch), make([]uint64, 2*nch)
	gc, wc := wordCtx(s, got), wordCtxGeneric(s, want)
	if gc != wc || (wc == 2) != strings.Contains(s, ":") || wc&^2 != 0 {
		t.Fatalf("%q: a ':' %v, want %v", s, gc, wc)
	}
	for c := range nch {
		valid := ^uint64(0)
		if n := len(s) - c*64; n < 64 {
			valid = 1<<n - 1
		}
		if got[2*c]&valid != want[2*c]&valid || got[2*c+1] != want[2*c+1] {
			t.Fatalf("%q: chunk %d: word context %x %x, want %x %x", s, c, got[2*c]&valid, got[2*c+1], want[2*c]&valid, want[2*c+1])
		}
	}
}

// TestByteScanEdges puts each kind of byte at every offset of texts of
// every length up to 130 (the tails, the 32- and 64-byte seams), in texts
// whose bytes after the end (in the same backing array) would change the
// answer if they were read as part of the text.
func TestByteScanEdges(t *testing.T) {
	const junk = "%\\é7QQQQQQQQQQQQQQQQQQQQ%\\:"
	for n := 0; n <= 130; n++ {
		for _, c := range []string{"%", "\\", "\xc3", "5", "Q", "_", "-", ":"} {
			for at := 0; at < n; at++ {
				b := []byte(strings.Repeat(".", n) + junk)
				copy(b[at:], c)
				checkByteScan(t, unsafe.String(&b[0], n))
			}
		}
		// A base64 run and a digit run ending at the end.
		checkByteScan(t, strings.Repeat(" ", n/2)+strings.Repeat("A", n-n/2))
		checkByteScan(t, strings.Repeat(" ", n/2)+strings.Repeat("a", max(0, n-n/2-1))+"Q")
		checkByteScan(t, strings.Repeat(" ", n/2)+strings.Repeat("9", n-n/2))
	}
}

// TestClassifyKernels checks the kernels this CPU runs (SSE2, used on
// CPUs without AVX2, and AVX2) against the byte-by-byte reference.
func TestClassifyKernels(t *testing.T) {
	buf := make([]byte, 256)
	for i := range buf {
		buf[i] = byte(i * 7)
	}
	want := make([]uint64, 8)
	hw := classifyChunksGeneric(&buf[0], 4, &want[0])
	for name, f := range classifyVariants() {
		got := make([]uint64, 8)
		h := f(&buf[0], 4, &got[0])
		if !slices.Equal(got, want) || (h != 0) != (hw != 0) {
			t.Errorf("%s: %x %d, want %x %d", name, got, h, want, hw)
		}
	}
}

// FuzzByteScanFlags checks byteScanFlags (the AVX2 pass reading past a
// text's end where that is safe) against byte-by-byte definitions.
func FuzzByteScanFlags(f *testing.F) {
	f.Add("a1b22 333é4 %41 \\u0041 QUtJQVozU1I0RkUzTE43R1NPVTc=", 3)
	f.Add(strings.Repeat("x", 63)+"%", 0)
	f.Add(strings.Repeat("q=1", 30)+"&r=2+3", 0) // '&' without '%'
	f.Fuzz(func(t *testing.T, s string, cut int) {
		checkByteScan(t, s)
		if cut > 0 && cut < len(s) {
			checkByteScan(t, s[:cut])
		}
	})
}

// TestWordCtx checks wordCtx on texts dense in word, alphanumeric and
// other bytes, at every length up to 200 (every seam and tail).
func TestWordCtx(t *testing.T) {
	const alphabet = "a9Z_-+/ .:é\x00"
	r := uint64(1)
	for n := 0; n <= 200; n++ {
		for range 8 {
			b := make([]byte, n, n+64)
			for i := range b {
				r = r*6364136223846793005 + 1442695040888963407
				b[i] = alphabet[r>>33%uint64(len(alphabet))]
			}
			checkWordCtx(t, string(b))
		}
	}
}

// runsWanted is the kernel's kfRunUse test (see there), byte by byte, over
// text and its base64 runs (byteScan's): whether a run holds a capital and
// one (maybe another) a small letter, or sixteen capitals are in a row.
func runsWanted(text string, runs []b64Span) bool {
	upper, lower := false, false
	for _, r := range runs {
		for i := r.s; i < r.e; i++ {
			upper = upper || isUpper(text[i])
			lower = lower || isLower(text[i])
		}
	}
	caps := 0
	for i := 0; i < len(text); i++ {
		if !isUpper(text[i]) {
			caps = 0
			continue
		}
		if caps++; caps >= 16 {
			return true
		}
	}
	return upper && lower
}

// TestRunsWantedSeams puts runs that a reader of the runs wants or not
// (a capital or sixteen at one end, small letters at the other, and the
// like) across the fused pass's 32- and 64-byte seams: prescan lists them
// exactly when runsWanted says so (checkByteScan).
func TestRunsWantedSeams(t *testing.T) {
	runs := []string{
		"Q" + strings.Repeat("a", 15), strings.Repeat("a", 15) + "Q", strings.Repeat("a", 39) + "Q",
		"Q" + strings.Repeat("9", 30) + "a", strings.Repeat("Q", 16), strings.Repeat("Q", 15) + "9",
		strings.Repeat("Q", 15), strings.Repeat("a", 16), "Q" + strings.Repeat("-", 20),
	}
	for _, r := range runs {
		for at := 0; at < 140; at++ {
			checkByteScan(t, strings.Repeat(".", at)+r+".....")
			checkByteScan(t, strings.Repeat(".", at)+r)
			// Two runs, the capital in one, the small letter in the other.
			checkByteScan(t, strings.Repeat(".", at)+strings.Repeat("Q", 16)+" "+strings.Repeat("a", 16)[:at%17])
		}
	}
}

// TestRunsManyShapes lists the runs of texts with many runs of every
// length (several starting in one chunk, some reaching past the next
// chunk, some ending at a seam) between separators of every length:
// readRuns16's usual chunks and the ones it hands to moreRuns, in every
// order.
func TestRunsManyShapes(t *testing.T) {
	r := rng(t)
	const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_"
	for range 400 {
		var sb strings.Builder
		for n := 1 + r.IntN(12); n > 0; n-- {
			sb.WriteString(strings.Repeat(" ", 1+r.IntN(20)))
			switch r.IntN(3) {
			case 0:
				sb.WriteString(randFrom(r, b64, 16+r.IntN(20)))
			case 1:
				sb.WriteString(randFrom(r, b64, 1+r.IntN(300)))
			default:
				sb.WriteString("aQ" + randFrom(r, b64, r.IntN(60)))
			}
		}
		checkByteScan(t, sb.String())
	}
}
