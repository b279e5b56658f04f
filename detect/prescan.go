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
	// The masks, then candidates' buffers.
	if cap(scratch) < 3*nch+3+teddyBufs {
		scratch = make([]uint64, 3*nch+24+teddyBufs)
	}
	masks := scratch[:3*nch+3] // one empty chunk after the last
	masks[3*nch], masks[3*nch+1], masks[3*nch+2] = 0, 0, 0
	full := len(text) / 64
	rem := len(text) - full*64
	ptr := unsafe.StringData(text)
	var tail *byte
	if rem != 0 {
		tail = (*byte)(unsafe.Add(unsafe.Pointer(ptr), full*64))
		if uintptr(unsafe.Pointer(tail))&4095 > 4096-64 {
			// The 64 bytes from there may cross into an unmapped page:
			// copy.
			var pad [64]byte
			copy(pad[:], text[full*64:])
			tail = &pad[0]
		}
	}
	valid := uint64(1)<<rem - 1
	bufs := scratch[3*nch+3 : 3*nch+3+teddyBufs]
	fl, words, n, nt := prescanAVX2(&t.masks, ptr, full, tail, valid, &masks[0], ptr, unsafe.SliceData(t.table), t.mul, t.mask, &bufs[0])
	first := uint64(fl >> 6)
	fl &= tfPercent | tfBackslash | tfNonASCII
	readMasks(masks, 3, nch, digits, runs)
	if fl&tfNonASCII != 0 && !always {
		return masks, fl
	}
	if t.short != nil && !t.masks.useTrig {
		t.short.triggers(text, hit, fl&tfNonASCII == 0)
	}
	// The kernel probed the candidates (but the first two bytes'), up to
	// masks[2+words].
	if first != 0 {
		t.firstTwo(text, first, hit)
	}
	t.found(text, n, nt, bufs, hit)
	if c := 2 + words; c < 3*nch {
		t.candidates(text, words/3*64, masks[c:3*nch], 3, bufs, hit)
	}
	return masks, fl
}

// The flags' bits, as prescanAVX2 returns them.
const _ = -uint(tfPercent ^ 1 | tfBackslash ^ 2 | tfNonASCII ^ 4)
