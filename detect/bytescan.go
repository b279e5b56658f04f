package detect

import (
	"math/bits"
	"slices"
	"strings"
	"unsafe"
)

// byteScan is the pass over a text for what byte classes alone reveal. The
// bytes are classified 64 at a time into bit masks (classifyChunks: on
// amd64 AVX2, two nibble-table lookups per 32 bytes, else SSE2), and the
// masks give, with a few bit operations per 64 bytes:
//
//   - the start of every run of ASCII digits (appended to digits, if not
//     nil), the anchors of every number format;
//   - every maximal run of at least minBase64Run base64 characters
//     (b64Class; appended to runs, if not nil), the only places
//     base64Views has to look at;
//   - whether the text holds a byte outside ASCII (the result).
//
// scratch is space for the masks (two words per 64 bytes), returned,
// grown if it was too small, for the next call.
func byteScan(text string, digits *[]int, runs *[]b64Span, scratch []uint64) ([]uint64, bool) {
	scratch, fl := byteScanFlags(text, digits, runs, scratch)
	return scratch, fl&tfNonASCII != 0
}

// byteScanFlags is byteScan returning the text's flags: tfNonASCII, and
// tfPercent and tfBackslash (looked for in the same pass where the CPU
// has AVX2).
func byteScanFlags(text string, digits *[]int, runs *[]b64Span, scratch []uint64) ([]uint64, textFlags) {
	nch := (len(text) + 63) / 64
	if cap(scratch) < 2*nch+2 {
		scratch = make([]uint64, 2*nch+16)
	}
	masks := scratch[:2*nch+2] // one empty chunk after the last
	masks[2*nch], masks[2*nch+1] = 0, 0
	if len(text) < shortText && !haveFlagKernel {
		return masks, byteScanShort(text, digits, runs, masks)
	}
	full := len(text) / 64
	var fl textFlags
	p := unsafe.StringData(text)
	if haveFlagKernel {
		var tail *byte
		if full < nch {
			tail = (*byte)(unsafe.Add(unsafe.Pointer(p), full*64))
			if uintptr(unsafe.Pointer(tail))&4095 > 4096-64 {
				// The 64 bytes from there may cross into an unmapped
				// page: copy.
				var buf [64]byte
				copy(buf[:], text[full*64:])
				tail = &buf[0]
			}
		}
		if len(text) > 0 {
			fl = classifyFlags(p, full, tail, len(text)-full*64, &masks[0])
		}
	} else {
		var hi uint64
		if full > 0 {
			hi = classifyChunks(p, full, &masks[0])
		}
		if full < nch {
			// The tail, padded with zero bytes (neither digits nor base64).
			var buf [64]byte
			copy(buf[:], text[full*64:])
			hi |= classifyChunks(&buf[0], 1, &masks[2*full])
		}
		if hi != 0 {
			fl |= tfNonASCII
		}
		if strings.IndexByte(text, '%') >= 0 || strings.IndexByte(text, '&') >= 0 {
			fl |= tfPercent
		}
		if strings.IndexByte(text, '\\') >= 0 || strings.IndexByte(text, '<') >= 0 {
			fl |= tfBackslash
		}
	}
	readMasks(masks, 2, nch, digits, runs)
	return masks, fl
}

// readMasks appends to digits (if not nil) the start of every run of
// digits and to runs (if not nil) every base64 run of at least
// minBase64Run bytes, from the masks of nch chunks, stride words a chunk
// (digits, base64, …), followed by an empty chunk.
func readMasks(masks []uint64, stride, nch int, digits *[]int, runs *[]b64Span) {
	if digits != nil {
		ds := *digits
		var carry uint64
		for c := 0; c < nch; c++ {
			d := masks[stride*c]
			for s := d &^ (d<<1 | carry); s != 0; s &= s - 1 {
				ds = append(ds, c*64+bits.TrailingZeros64(s))
			}
			carry = d >> 63
		}
		*digits = ds
	}
	if runs != nil {
		readRuns(masks, stride, nch, runs)
	}
}

// readRuns is readMasks' base64 runs. Whether a chunk holds the start of
// a run is the text's whim, so the usual chunk (at most one start, the
// run ending in it or the next) takes no branch on it: its run is written
// past the list's end whatever, and kept (the length advanced) if there
// is one. (The fused kernel's masks, which hold the runs of 16 too, are
// read by readRuns16.)
func readRuns(masks []uint64, stride, nch int, runs *[]b64Span) {
	rs := *runs
	if cap(rs)-len(rs) < nch {
		rs = slices.Grow(rs, nch)
	}
	n, room := len(rs), rs[:cap(rs)]
	// The masks by pointer, bounds checked once (a check is a branch).
	_ = masks[stride*nch+1]
	m := unsafe.Pointer(unsafe.SliceData(masks))
	var carry uint64
	for c := 0; c < nch; c++ {
		// Bit k of l8 is set when bits k..k+15 of the mask, read on
		// into the next chunk's, are all set: a run of 16 from k.
		lo := *(*uint64)(unsafe.Add(m, 8*(stride*c+1)))
		hn := *(*uint64)(unsafe.Add(m, 8*(stride*c+stride+1)))
		l1, h1 := lo&(lo>>1|hn<<63), hn&(hn>>1)
		l2, h2 := l1&(l1>>2|h1<<62), h1&(h1>>2)
		l4, h4 := l2&(l2>>4|h2<<60), h2&(h2>>4)
		l8 := l4 & (l4>>8 | h4<<56)
		s := l8 &^ (lo<<1 | carry)
		carry = lo >> 63
		// The first start (bit 0 if none) and where its run ends: in
		// this chunk, or else (z is 64) in the next.
		k := bits.TrailingZeros64(s) & 63
		z := bits.TrailingZeros64(^lo >> k << k)
		zn := bits.TrailingZeros64(^hn)
		end := c*64 + z + zn*(z>>6)
		one := (s | -s) >> 63 // 1 if there is a start
		if s&(s-1)|uint64((z+zn)>>7)&one != 0 {
			// Rare: two starts or more in the chunk, or a run past the
			// next chunk.
			rs = appendRuns(room[:n], masks, stride, c, s)
			if cap(rs)-len(rs) < nch {
				rs = slices.Grow(rs, nch)
			}
			n, room = len(rs), rs[:cap(rs)]
			continue
		}
		room[n] = b64Span{c*64 + k, end}
		n += int(one)
	}
	*runs = room[:n]
}

// appendRuns appends to rs the runs of masks (stride words a chunk)
// starting in chunk c where s has a bit, each read to its end.
func appendRuns(rs []b64Span, masks []uint64, stride, c int, s uint64) []b64Span {
	for ; s != 0; s &= s - 1 {
		start := c*64 + bits.TrailingZeros64(s)
		rs = append(rs, b64Span{start, runEnd(masks, stride, start)})
	}
	return rs
}

// fusedStride is the fused kernel's masks' stride (words a chunk).
const fusedStride = 3

// readRuns16 is readRuns over the fused kernel's masks (stride
// fusedStride) and its runs of 16, sixteens: two words a chunk, then the
// empty chunk's; bit k of the first is set when bits k to k+15 of the
// chunk are base64, of the second when bits k to k+15 of the 64 from the
// middle of the previous chunk are. Its loop (runs16) calls nothing, so
// its values stay in registers (with the rare chunk's appends inside,
// half of them went to the stack and back every chunk); it returns at a
// chunk out of the usual, which moreRuns reads.
func readRuns16(masks []uint64, nch int, runs *[]b64Span, sixteens unsafe.Pointer) {
	_ = masks[fusedStride*nch+1] // bounds checked once: runs16 reads by pointer
	rs := *runs
	var carry uint64
	for c := 0; ; c++ {
		if cap(rs)-len(rs) < nch-c {
			rs = slices.Grow(rs, nch)
		}
		c, carry, rs = runs16(masks, nch, c, carry, rs, sixteens)
		if c >= nch {
			break
		}
		rs, carry = moreRuns(masks, c, carry, rs, sixteens)
	}
	*runs = rs
}

// runs16 appends to rs (which has room for a run a chunk) the runs
// starting in chunks c, c+1 … of readRuns16's masks, carry the base64 bit
// before chunk c, up to the first chunk out of the usual: it returns that
// chunk (nch if none), the carry before it and rs.
func runs16(masks []uint64, nch, c int, carry uint64, rs []b64Span, sixteens unsafe.Pointer) (int, uint64, []b64Span) {
	const stride = fusedStride
	m := unsafe.Pointer(unsafe.SliceData(masks))
	room := unsafe.Pointer(unsafe.SliceData(rs))
	n := len(rs)
	for ; c < nch; c++ {
		// The run starting at k lies inside the chunk, or inside the
		// window from the middle of the previous one (k < 32), or of
		// the next (k ≥ 32).
		lo := *(*uint64)(unsafe.Add(m, 8*(stride*c+1)))
		hn := *(*uint64)(unsafe.Add(m, 8*(stride*c+stride+1)))
		w := (*[4]uint64)(unsafe.Add(sixteens, 16*c))
		s := (w[0] | w[1]>>32 | w[3]<<32) &^ (lo<<1 | carry)
		k := bits.TrailingZeros64(s) & 63
		z := bits.TrailingZeros64(^lo >> k << k)
		zn := bits.TrailingZeros64(^hn)
		one := (s | -s) >> 63
		if s&(s-1)|uint64((z+zn)>>7)&one != 0 {
			break
		}
		carry = lo >> 63
		*(*b64Span)(unsafe.Add(room, n*int(unsafe.Sizeof(b64Span{})))) = b64Span{c*64 + k, c*64 + z + zn*(z>>6)}
		n += int(one)
	}
	return c, carry, rs[:n]
}

// moreRuns appends to rs the runs starting in chunk c of readRuns16's
// masks (carry: the base64 bit before it), and returns rs and the carry
// after the chunk.
func moreRuns(masks []uint64, c int, carry uint64, rs []b64Span, sixteens unsafe.Pointer) ([]b64Span, uint64) {
	lo := masks[fusedStride*c+1]
	w := (*[4]uint64)(unsafe.Add(sixteens, 16*c))
	return appendRuns(rs, masks, fusedStride, c, (w[0]|w[1]>>32|w[3]<<32)&^(lo<<1|carry)), lo >> 63
}

// shortText is the length under which byteScan reads byte by byte (but
// with AVX2): the vector classification costs about as much as a 64-byte
// chunk whatever the text's length.
const shortText = 32

// byteScanShort is byteScanFlags byte by byte, for a text shorter than
// 64 bytes: its masks (two words, then the empty chunk's) go to masks.
func byteScanShort(text string, digits *[]int, runs *[]b64Span, masks []uint64) textFlags {
	var hi byte
	var dm, bm uint64
	run := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		hi |= c
		if isDigit(c) {
			dm |= 1 << i
			if digits != nil && (i == 0 || !isDigit(text[i-1])) {
				*digits = append(*digits, i)
			}
		}
		if b64Class[c] {
			bm |= 1 << i
			run++
			continue
		}
		if runs != nil && run >= minBase64Run {
			*runs = append(*runs, b64Span{i - run, i})
		}
		run = 0
	}
	if runs != nil && run >= minBase64Run {
		*runs = append(*runs, b64Span{len(text) - run, len(text)})
	}
	if len(text) > 0 {
		masks[0], masks[1] = dm, bm
	}
	var fl textFlags
	if hi >= 0x80 {
		fl |= tfNonASCII
	}
	if strings.IndexByte(text, '%') >= 0 || strings.IndexByte(text, '&') >= 0 {
		fl |= tfPercent
	}
	if strings.IndexByte(text, '\\') >= 0 || strings.IndexByte(text, '<') >= 0 {
		fl |= tfBackslash
	}
	return fl
}

// runEnd returns the end of the base64 run holding byte i, from the masks
// of byteScan, stride words a chunk (the zero padding ends every run).
func runEnd(masks []uint64, stride, i int) int {
	for c := i / 64; stride*c+1 < len(masks); c++ {
		if free := ^masks[stride*c+1] >> (i % 64) << (i % 64); free != 0 {
			return c*64 + bits.TrailingZeros64(free)
		}
		i = (c + 1) * 64
	}
	return i
}

// classifyChunksGeneric is classifyChunks byte by byte, for other
// architectures and as the reference the assembly is tested against.
func classifyChunksGeneric(src *byte, chunks int, masks *uint64) uint64 {
	b := unsafe.Slice(src, chunks*64)
	m := unsafe.Slice(masks, 2*chunks)
	var hi uint64
	for c := 0; c < chunks; c++ {
		var d, b64 uint64
		for k, x := range b[c*64 : c*64+64] {
			if isDigit(x) {
				d |= 1 << k
			}
			if b64Class[x] {
				b64 |= 1 << k
			}
			hi |= uint64(x >> 7)
		}
		m[2*c], m[2*c+1] = d, b64
	}
	return hi
}

// b64Span is a run of base64 characters, text[s:e].
type b64Span struct{ s, e int }

// wordCtxGeneric sets, for each 64-byte chunk c of text, out[2c] to the
// bits k for which byte k-1 (of the text) is a word byte and bytes k-3 and
// k-7 are alphanumeric (a digit run starting there is inside a word), and
// out[2c+1] to the bits of the bytes that are ':'. It returns 2 if the
// text has a ':', else 0.
func wordCtxGeneric(text string, out []uint64) uint64 {
	var colons uint64
	for c := 0; c*64 < len(text); c++ {
		var m, col uint64
		for k := range 64 {
			i := c*64 + k
			if isWord(byteAt(text, i-1)) && isAlnum(byteAt(text, i-3)) && isAlnum(byteAt(text, i-7)) {
				m |= 1 << k
			}
			if i < len(text) && text[i] == ':' {
				col |= 1 << k
			}
		}
		out[2*c], out[2*c+1] = m, col
		colons |= col
	}
	if colons != 0 {
		return 2
	}
	return 0
}
