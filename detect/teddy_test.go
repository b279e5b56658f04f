package detect

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// teddyHits runs the keyword pass of p over text, hits sorted.
func teddyHits(p *prefilter, text string) [][2]int {
	var out [][2]int
	p.keywords(text, func(kw int32, start int) { out = append(out, [2]int{int(kw), start}) }, false, nil)
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[1] != b[1] {
			return a[1] - b[1]
		}
		return a[0] - b[0]
	})
	return out
}

// teddyEstimateBudget bounds the built-in keywords' estimated candidate
// fraction (teddy.est): each keyword the byte pass looks for costs every
// text, which the corpus benchmark's noise hides but this estimate does
// not (0.2036 at 5bef7b2, 0.2178 with the context words of six languages).
// A keyword that breaks it should be weighed, or replaced by a longer one
// whose rarest three bytes are rarer.
const teddyEstimateBudget = 0.23

// TestTeddyBuiltin checks that the built-in keywords suit teddy (else the
// scanner falls back to the slower gram filter), within the budget.
func TestTeddyBuiltin(t *testing.T) {
	s := newTestScanner(t)
	td := buildTeddy(s.pre.kws)
	if td == nil {
		t.Fatal("the built-in keywords do not suit teddy")
	}
	if td.est > teddyEstimateBudget {
		t.Fatalf("the built-in keywords' candidate estimate is %.4f, over the budget of %.2f", td.est, teddyEstimateBudget)
	}
	if haveAVX2 && s.pre.teddy == nil {
		t.Fatal("the scanner does not use teddy on a CPU with AVX2")
	}
}

// TestTeddyEdges puts keywords, in lower, upper and mixed case, at the
// edges of the kernel: some at every offset of texts of every length up
// to 130 bytes, every built-in one at both ends and across the 16-, 32-
// and 64-byte seams, and across the seam between two kernel batches, over
// filler that is or is not itself made of keyword bytes.
func TestTeddyEdges(t *testing.T) {
	s := newTestScanner(t)
	kws := s.pre.kws
	ps := bothPrefilters(kws)
	if ps["teddy"] == nil {
		t.Fatal("no teddy")
	}
	fillers := []string{".", "e", "s", "0", "-"}
	// The automaton (checked against the naive search elsewhere) is the
	// reference: the naive search is too slow for this many texts.
	check := func(text string) {
		t.Helper()
		want := teddyHits(ps["automaton"], text)
		for _, name := range []string{"teddy", "gram"} {
			if got := teddyHits(ps[name], text); !slices.Equal(got, want) {
				t.Fatalf("%s %q: got %v want %v", name, text, got, want)
			}
		}
	}
	variants := func(k string) []string {
		mixed := []byte(k)
		for i := range mixed {
			if i%2 == 1 && isLower(mixed[i]) {
				mixed[i] -= 'a' - 'A'
			}
		}
		return []string{k, strings.ToUpper(k), string(mixed)}
	}
	place := func(filler string, n, at int, v string) string {
		return strings.Repeat(filler, at) + v + strings.Repeat(filler, n-at-len(v))
	}
	for n := 0; n <= 130; n++ {
		check(strings.Repeat(".", n))
		for _, k := range []string{"@", "§", "tel", "sk-", "://", "akia", "password", "-----begin", "secret_access_key"} {
			for at := 0; at+len(k) <= n; at++ {
				for _, v := range variants(k) {
					check(place(".", n, at, v))
				}
			}
		}
	}
	for id, k := range kws {
		filler := fillers[id%len(fillers)]
		for _, v := range variants(k) {
			for _, n := range []int{len(k), len(k) + 1, 63, 64, 65, 130} {
				if n >= len(k) {
					check(place(filler, n, 0, v))
					check(place(filler, n, n-len(k), v))
				}
			}
			for _, seam := range []int{16, 32, 48, 64, 96, 128, teddyBatch * 64} {
				for at := max(0, seam-len(k)); at <= seam; at++ {
					check(place(filler, seam+70, at, v))
				}
			}
		}
	}
}

// TestTeddyKeywordSets builds teddy over assorted keyword sets (1- and
// 2-byte keywords, several trigger bytes, none, non-ASCII, shared anchors,
// many keywords) and compares it with the naive search over random texts made
// of the keywords' bytes.
func TestTeddyKeywordSets(t *testing.T) {
	sets := [][]string{
		prefilterKeywords,
		{"abc"},
		{"a", "b", "c", "xyz"},
		{"x9", "§", "città", "ørsted ab", "zz", "q"},
		{"secret", "secretkey", "secret_key", "sec", "cret"},
		{"aaa", "aaaa", "aaaaaaaaaaaaaaaaaaaa"},
	}
	var many []string
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		b := make([]byte, 3+r.IntN(10))
		for i := range b {
			b[i] = "abcdefghijklmnopqrstuvwxyz0123456789-_ @."[r.IntN(41)]
		}
		many = append(many, string(b))
	}
	sets = append(sets, dedupe(many))
	for _, kws := range sets {
		ps := bothPrefilters(kws)
		// (0xff: the kernels' trigger byte when the keywords have none.)
		alphabet := []byte(strings.Join(kws, "") + "ABCXYZ .\xc3\xff")
		for range 300 {
			b := make([]byte, r.IntN(300))
			for i := range b {
				b[i] = alphabet[r.IntN(len(alphabet))]
			}
			text := string(b)
			want := naiveHits(text, kws)
			for name, p := range ps {
				if got := teddyHits(p, text); !slices.Equal(got, want) {
					t.Fatalf("%v %s %q: got %v want %v", kws, name, text, got, want)
				}
			}
		}
	}
}

func dedupe(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// FuzzTeddyKernel compares the kernel this CPU runs with the generic one:
// the candidate masks, chunk by chunk, over batches that carry their state.
func FuzzTeddyKernel(f *testing.F) {
	s, err := NewScanner()
	if err != nil {
		f.Fatal(err)
	}
	tds := []*teddy{buildTeddy(s.pre.kws), buildTeddy(prefilterKeywords), buildTeddy([]string{"@", "§", "abc"})}
	f.Add([]byte("ushers PASSWORD sk-ant- @x §"), uint8(0), uint8(1))
	f.Add(bytes.Repeat([]byte("akia-----BEGIN "), 20), uint8(1), uint8(2))
	f.Fuzz(func(t *testing.T, b []byte, which, split uint8) {
		td := tds[int(which)%len(tds)]
		if td == nil {
			t.Skip()
		}
		nch := (len(b) + 63) / 64
		buf := make([]byte, nch*64)
		copy(buf, b)
		got, want := make([]uint64, nch+1), make([]uint64, nch+1)
		var sg, sw teddyState
		// Two calls: the first split chunks, then the rest, the last as a
		// tail.
		first := min(int(split), nch)
		run := func(kernel func(*teddyMasks, *byte, int, *byte, *uint64, *teddyState, bool), out []uint64, st *teddyState) {
			if nch == 0 {
				return
			}
			kernel(&td.masks, &buf[0], first, nil, &out[0], st, true)
			if first < nch {
				rest := nch - first - 1
				kernel(&td.masks, &buf[first*64], rest, &buf[(nch-1)*64], &out[first], st, first == 0)
			}
		}
		run(teddyChunks, got, &sg)
		run(teddyChunksGeneric, want, &sw)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: kernel %x, generic %x", b, got, want)
		}
		if sg[30] != sw[30] || sg[31] != sw[31] || sg[63] != sw[63] {
			t.Fatalf("%q: states differ", b)
		}
	})
}

// FuzzPrescanKernel compares the fused kernel (prescanAVX2) with the
// generic byte classification and Teddy kernel, chunk by chunk, the last
// chunk as a tail of which only the text's bytes count.
func FuzzPrescanKernel(f *testing.F) {
	if !haveAVX2 {
		f.Skip("no AVX2")
	}
	s, err := NewScanner()
	if err != nil {
		f.Fatal(err)
	}
	tds := []*teddy{buildTeddy(s.pre.kws), buildTeddy([]string{"@", "§", "abc", "%\\"})}
	f.Add([]byte("ushers PASSWORD sk-ant- @x § 12 QUtJQVoz %41 \\u"), uint8(0))
	f.Add(bytes.Repeat([]byte("akia-----BEGIN é"), 20), uint8(1))
	f.Add([]byte("first_name=luca&tel=0039+351+1573141"), uint8(0)) // '&' without '%'
	// Past teddyFusedChunks chunks.
	f.Add(bytes.Repeat([]byte("@akia sk-ant- § 12 ushers"), 40), uint8(0))
	// Long texts (the kernel's loop for 8 chunks or more skips a chunk's
	// run work when it has no run of 16): prose with runs of base64
	// bytes, capitals and small letters of random lengths, at random
	// places (across chunks and their middles too).
	// Half without small letters in runs (a space after each piece):
	// sixteen capitals alone set kfRunUse there.
	rng := rand.New(rand.NewPCG(5, 5))
	for i := range 24 {
		var b []byte
		alpha := "AZ09+/-_7Kazx"[:13-3*(i&1)]
		for len(b) < 512+rng.IntN(1024) {
			k := rng.IntN(4)
			if i&1 == 1 && k == 2 {
				k = 1
			}
			switch k {
			case 0:
				b = append(b, "the notes and the plan "...)
			case 1:
				b = append(b, strings.Repeat("Q", 8+rng.IntN(20))...)
			case 2:
				b = append(b, strings.Repeat("q", 8+rng.IntN(20))...)
			default:
				for range 8 + rng.IntN(40) {
					b = append(b, alpha[rng.IntN(len(alpha))])
				}
			}
			if i&1 == 1 || rng.IntN(3) == 0 {
				b = append(b, ' ')
			}
		}
		f.Add(b, uint8(0))
	}
	f.Fuzz(func(t *testing.T, b []byte, which uint8) {
		td := tds[int(which)%len(tds)]
		if len(b) == 0 || td == nil {
			return
		}
		nch := (len(b) + 63) / 64
		rem := len(b) - (nch-1)*64
		// Junk after the text, to be ignored.
		buf := append(append([]byte{}, b...), bytes.Repeat([]byte("é%\\@7"), 13)...)
		valid := uint64(1)<<rem - 1
		if rem == 64 {
			valid = ^uint64(0)
		}
		out := make([]uint64, fusedWords(nch))
		bufs := new(teddyFused)
		fl, more, n, nt, nh, vdone := prescanAVX2(td, &buf[0], len(b), &out[0], bufs)
		// The first two bytes' candidates are in the flags.
		out[2] |= uint64(fl >> 6)
		// The word contexts and ':' bits, as wordCtxGeneric's (the
		// context bits up to the text's end), and whether there is a
		// base64 run of 16.
		ctx := out[3*nch+3 : 5*nch+3]
		wctx := make([]uint64, 2*nch)
		wc := wordCtxGeneric(string(b), wctx)
		for c := range nch {
			keep := ^uint64(0)
			if c == nch-1 && rem < 64 {
				keep = uint64(1)<<(rem+1) - 1
			}
			if ctx[2*c]&keep != wctx[2*c]&keep || ctx[2*c+1] != wctx[2*c+1] {
				t.Fatalf("%q chunk %d: contexts %x %x, generic %x %x", b, c, ctx[2*c], ctx[2*c+1], wctx[2*c], wctx[2*c+1])
			}
		}
		var rs []b64Span
		byteScanShortRuns(b, &rs)
		// The runs of 16 give the runs.
		var fr []b64Span
		readRuns16(out, nch, &fr, unsafe.Pointer(&out[5*nch+4]))
		if !slices.Equal(fr, rs) {
			t.Fatalf("%q: runs %v, want %v", b, fr, rs)
		}
		if uint64(fl&kfColon)>>2 != wc || fl&kfRun16 != 0 != (len(rs) > 0) || fl&kfRunUse != 0 != runsWanted(string(b), rs) {
			t.Fatalf("%q: flags %b, ':' %d, runs %v", b, fl, wc, rs)
		}
		fl &= 7
		pad := make([]byte, nch*64)
		copy(pad, b)
		cls := make([]uint64, 2*nch)
		classifyChunksGeneric(&pad[0], nch, &cls[0])
		cand := make([]uint64, nch)
		var st teddyState
		teddyChunksGeneric(&td.masks, &pad[0], nch, nil, &cand[0], &st, true)
		// The probe, as probeGeneric's word by word, over the words the
		// kernel probes.
		gc := slices.Clone(cand)
		gc[nch-1] &= valid
		gc[0] &^= 3
		var gs, gt []uint64
		for c := range min(nch, teddyFusedChunks) {
			gen := make([]uint64, teddyBufs)
			_, ng, ntg := td.probeGeneric(unsafe.Pointer(&buf[0]), c*64, gc[c:c+1], 1, (*[teddySpanBuf]teddySpan)(gen))
			gs = append(gs, gen[:ng]...)
			gt = append(gt, gen[teddySpanBuf:][:ntg]...)
		}
		if more != nch-min(nch, teddyFusedChunks) || !slices.Equal(bufs.spans[:n], gs) || !slices.Equal(bufs.trigs[:nt], gt) {
			t.Fatalf("%q: probe %d %x %x, generic %x %x", b, more, bufs.spans[:n], bufs.trigs[:nt], gs, gt)
		}
		// The verification, as verifyGeneric's: the hits of the spans
		// done, and all of them unless hits filled up.
		var gh []uint64
		for i := 0; i < vdone; {
			var hg [teddyHitBuf]uint64
			sp := make([]uint64, teddySpanBuf)
			k := copy(sp, gs[i:vdone])
			d, nhg := td.verifyGeneric(unsafe.Pointer(&buf[0]), len(b), sp[:k], &hg)
			gh = append(gh, hg[:nhg]...)
			i += d
		}
		if vdone > n || vdone < n && nh <= teddyHitBuf-maxTeddyGroup || !slices.Equal(bufs.hits[:nh], gh) {
			t.Fatalf("%q: verify %d of %d, %x, generic %x", b, vdone, n, bufs.hits[:nh], gh)
		}
		for c := range nch {
			keep := ^uint64(0)
			if c == nch-1 {
				keep = valid
			}
			if out[3*c]&keep != cls[2*c] || out[3*c+1]&keep != cls[2*c+1] || out[3*c+2]&keep != cand[c]&keep {
				t.Fatalf("%q chunk %d: fused %x %x %x, generic %x %x %x", b, c, out[3*c], out[3*c+1], out[3*c+2], cls[2*c], cls[2*c+1], cand[c])
			}
		}
		var want textFlags
		if !isASCII(string(b)) {
			want |= tfNonASCII
		}
		if bytes.IndexAny(b, "%&") >= 0 {
			want |= tfPercent
		}
		if bytes.IndexAny(b, "\\<") >= 0 {
			want |= tfBackslash
		}
		if fl != want {
			t.Fatalf("%q: flags %b, want %b", b, fl, want)
		}
	})
}

// perfectHash must give every anchor a slot of its own (verify looks in
// one slot only), for sets up to the largest teddy takes.
func TestPerfectHash(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 7, 40, 150, maxTeddyKeywords} {
		seen := map[uint32]bool{}
		var keys []uint32
		for len(keys) < n {
			k := teddyKey(byte(r.IntN(256)), byte(r.IntN(256)), byte(r.IntN(256)))
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
		size, mul := perfectHash(keys)
		if size < 4*n || size > 1<<teddyHashBits || size&(size-1) != 0 {
			t.Fatalf("%d keys: table of %d slots", n, size)
		}
		slots := map[uint32]bool{}
		for _, k := range keys {
			i := teddyHash(k, mul, uint32(size-1))
			if slots[i] {
				t.Fatalf("%d keys: two share slot %d", n, i)
			}
			slots[i] = true
		}
	}
}

// FuzzTeddyProbe compares the assembly probe and verify (where there are
// some) with their Go references over the candidates of the generic
// kernel: spans, trigger bytes and hits, entry for entry.
func FuzzTeddyProbe(f *testing.F) {
	if !haveProbeAsm {
		f.Skip("no assembly")
	}
	s, err := NewScanner()
	if err != nil {
		f.Fatal(err)
	}
	tds := []*teddy{buildTeddy(s.pre.kws), buildTeddy([]string{"@", "§", "abc", "secret", "secret_access_key", "aaa", "aaaa"})}
	f.Add([]byte("ushers PASSWORD sk-ant- @x § secret_access_key: SECRET_ACCESS_KEY"), uint8(0))
	f.Add(bytes.Repeat([]byte("aaaa@secret "), 40), uint8(1))
	f.Fuzz(func(t *testing.T, b []byte, which uint8) {
		td := tds[int(which)%len(tds)]
		if len(b) == 0 || td == nil {
			return
		}
		checkTeddyProbe(t, td, b)
	})
}

// checkTeddyProbe compares teddyProbeAsm and teddyVerifyAsm with
// probeGeneric and verifyGeneric over b (not empty), entry for entry.
func checkTeddyProbe(t *testing.T, td *teddy, b []byte) {
	t.Helper()
	nch := (len(b) + 63) / 64
	pad := make([]byte, nch*64)
	copy(pad, b)
	cand := make([]uint64, nch)
	var st teddyState
	teddyChunksGeneric(&td.masks, &pad[0], nch, nil, &cand[0], &st, true)
	if r := len(b) % 64; r != 0 {
		cand[nch-1] &= 1<<r - 1
	}
	cand[0] &^= 3 // as candidates leaves them
	text := string(b)
	p := unsafe.Pointer(unsafe.StringData(text))
	ga, gg := make([]uint64, teddyBufs), make([]uint64, teddyBufs)
	sa, sg := (*[teddySpanBuf]teddySpan)(ga), (*[teddySpanBuf]teddySpan)(gg)
	ha, hg := (*[teddyHitBuf]uint64)(ga[teddySpanBuf:]), (*[teddyHitBuf]uint64)(gg[teddySpanBuf:])
	for c := 0; c < nch; {
		wa, na, nta := teddyProbeAsm((*byte)(p), c*64, &cand[c], nch-c, 1, unsafe.SliceData(td.table), td.mul, td.mask, &sa[0])
		wg, ng, ntg := td.probeGeneric(p, c*64, cand[c:], 1, sg)
		if wa != wg || na != ng || nta != ntg || !slices.Equal(sa[:na], sg[:ng]) || !slices.Equal(ha[:nta], hg[:ntg]) {
			t.Fatalf("%q chunk %d: probe %d %d %d %x %x, generic %d %d %d %x %x", b, c, wa, na, nta, sa[:na], ha[:nta], wg, ng, ntg, sg[:ng], hg[:ntg])
		}
		c += wa
		for i := 0; i < na; {
			da, nha := teddyVerifyAsm((*byte)(p), len(text), &sa[i], na-i, unsafe.SliceData(td.anchors), &ha[0])
			dg, nhg := td.verifyGeneric(p, len(text), sg[i:ng], hg)
			if da != dg || nha != nhg || !slices.Equal(ha[:nha], hg[:nhg]) {
				t.Fatalf("%q: verify %d %x, generic %d %x", b, da, ha[:nha], dg, hg[:nhg])
			}
			i += da
		}
	}
}

// TestTeddyVerifyEdges puts each keyword, in both cases, at every offset
// of texts of a few lengths (most of all near their ends, where the
// verification compares 16 bytes at once, two words, or leaves it to Go),
// also cut short, and compares the assembly probe and verification with
// the generic ones.
func TestTeddyVerifyEdges(t *testing.T) {
	if !haveProbeAsm {
		t.Skip("no assembly")
	}
	s, err := NewScanner()
	if err != nil {
		t.Fatal(err)
	}
	td := buildTeddy(s.pre.kws)
	if td == nil {
		t.Skip("the built-in keywords do not suit teddy")
	}
	for _, k := range td.kws {
		for _, n := range []int{len(k), len(k) + 1, 15, 16, 17, 24, 31, 33, 70} {
			for i := 0; i+len(k) <= n; i++ {
				for _, kw := range []string{k, strings.ToUpper(k)} {
					b := bytes.Repeat([]byte{'.'}, n)
					copy(b[i:], kw)
					checkTeddyProbe(t, td, b)
					if m := i + len(k) - 1; m > 0 {
						checkTeddyProbe(t, td, b[:m])
					}
				}
			}
		}
	}
}

// byteScanShortRuns appends the base64 runs of b (byteScanShort's, at any
// length), for tests.
func byteScanShortRuns(b []byte, runs *[]b64Span) {
	run := 0
	for i, c := range b {
		if b64Class[c] {
			run++
			continue
		}
		if run >= minBase64Run {
			*runs = append(*runs, b64Span{i - run, i})
		}
		run = 0
	}
	if run >= minBase64Run {
		*runs = append(*runs, b64Span{len(b) - run, len(b)})
	}
}
