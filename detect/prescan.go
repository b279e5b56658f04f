package detect

import "unsafe"

// prescan runs the byte pass (byteScanFlags) over text and, if the text is
// all ASCII or always is set, the keyword pass (keywords: hits to hit;
// buf is the gram filter's scratch, nil for a fresh one). It returns the
// scratch space and the text's flags.
//
// With teddy on AVX2 the two passes share one kernel (prescanAVX2), which
// reads the text once and pays the per-call costs once: short texts
// dominate.
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
	if cap(scratch) < 3*nch+3 {
		scratch = make([]uint64, 3*nch+24)
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
	f := prescanAVX2(&t.masks, ptr, full, tail, valid, &masks[0])
	if rem != 0 {
		masks[3*full] &= valid
		masks[3*full+1] &= valid
		masks[3*full+2] &= valid
	}
	// The kernel's bits (non-ASCII, '%', '\') as textFlags, without a
	// branch.
	fl := textFlags(f>>1&3 | f&1<<2)
	readMasks(masks, 3, nch, digits, runs)
	if fl&tfNonASCII != 0 && !always {
		return masks, fl
	}
	if t.short != nil && !t.masks.useTrig {
		t.short.triggers(text, hit, fl&tfNonASCII == 0)
	}
	if m := masks[2]; m&7 != 0 {
		t.start(text, m, hit)
		masks[2] = m &^ 7
	}
	for c := 0; c < nch; c++ {
		if m := masks[3*c+2]; m != 0 {
			t.chunk(text, c*64, m, hit)
		}
	}
	return masks, fl
}

// The flags' bits, as prescan maps the kernel's onto them.
const _ = -uint(tfPercent ^ 1 | tfBackslash ^ 2 | tfNonASCII ^ 4)
