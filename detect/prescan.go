package detect

import "unsafe"

// prescan runs the byte pass (byteScanFlags) over text and, if the text is
// all ASCII or always is set, the keyword pass (keywords: hits to hit;
// buf is the gram filter's scratch, nil for a fresh one). It returns the
// scratch space and the text's flags.
//
// With teddy on AVX2 the two passes share one kernel (prescanAVX2), which
// reads the text once, probes teddy's candidates too and pays the
// per-call costs once: short texts dominate.
func (p *prefilter) prescan(text string, digits *[]int, runs *[]b64Span, scratch []uint64, hit func(kw int32, start int), always bool, buf *[256]uint8) ([]uint64, textFlags) {
	t := p.teddy
	if t == nil || !haveAVX2 || len(text) == 0 {
		scratch, fl := byteScanFlags(text, digits, runs, scratch)
		if fl&tfNonASCII == 0 || always {
			p.keywords(text, hit, fl&tfNonASCII == 0, buf)
		}
		return scratch, fl
	}
	nch := (len(text) + 63) / 64
	// The masks (one empty chunk after the last), then the kernel's
	// scratch space.
	if cap(scratch) < 3*nch+3+teddyFusedWords {
		scratch = make([]uint64, 3*nch+24+teddyFusedWords)
	}
	masks := scratch[:3*nch+3]
	at := unsafe.Pointer(unsafe.SliceData(scratch))
	*(*[3]uint64)(unsafe.Add(at, 8*3*nch)) = [3]uint64{}
	bufs := (*teddyFused)(unsafe.Add(at, 8*(3*nch+3)))
	fl, more, n, nt, nh, vdone := prescanAVX2(t, unsafe.StringData(text), len(text), &masks[0], bufs)
	first := uint64(fl >> 6)
	fl &= tfPercent | tfBackslash | tfNonASCII
	readMasks(masks, 3, nch, digits, runs)
	if fl&tfNonASCII != 0 && !always {
		return masks, fl
	}
	if t.short != nil && !t.masks.useTrig {
		t.short.triggers(text, hit, fl&tfNonASCII == 0)
	}
	// The kernel probed and verified the candidates (but the first two
	// bytes') of the first chunks, but for more chunks and the spans past
	// vdone (one branch for both: both are rare).
	if first != 0 {
		t.firstTwo(text, first, hit)
	}
	for _, j := range bufs.trigs[:nt] {
		t.short.trigger(text, int(j), hit)
	}
	t.report(text, bufs.hits[:nh], hit)
	if more|(n-vdone) != 0 {
		if vdone < n {
			t.verify(text, bufs.spans[vdone:n], &bufs.hits, hit)
		}
		if more != 0 {
			c := 3 * (nch - more)
			t.candidates(text, (nch-more)*64, masks[c+2:3*nch], 3, unsafe.Slice(&bufs.spans[0], teddyBufs), hit)
		}
	}
	return masks, fl
}

// The flags' bits, as prescanAVX2 returns them.
const _ = -uint(tfPercent ^ 1 | tfBackslash ^ 2 | tfNonASCII ^ 4)
