//go:build !purego

package detect

import "unsafe"

// classifyChunks classifies chunks 64-byte chunks from src (AVX2 where the
// CPU has it, else SSE2): for chunk i, masks[2i] gets a bit per ASCII
// digit and masks[2i+1] a bit per base64 byte (b64Class), bit k for byte
// k. It returns a value that is not 0 when a byte is outside ASCII. See
// classifyChunksGeneric.
func classifyChunks(src *byte, chunks int, masks *uint64) uint64 {
	if haveAVX2 {
		return classifyAVX2(src, chunks, masks) & 1
	}
	return classifySSE2(src, chunks, masks)
}

// classifyAVX2 is classifyChunks in AVX2, 32 bytes a step. Its result
// has bit 0 set when a byte is outside ASCII, bit 1 when one is '%' or '&', bit 2
// when one is '\\' or '<'.
//
//go:noescape
func classifyAVX2(src *byte, chunks int, masks *uint64) uint64

// classifyTailAVX2 is classifyAVX2 over one chunk of which only the first
// n bytes count: it reads all 64, and takes the others for zero bytes.
//
//go:noescape
func classifyTailAVX2(src *byte, n int, masks *uint64) uint64

// classifySSE2 is classifyChunks in SSE2, 16 bytes a step.
//
//go:noescape
func classifySSE2(src *byte, chunks int, masks *uint64) uint64

// haveFlagKernel says classifyFlags works (AVX2).
var haveFlagKernel = haveAVX2

// classifyFlags is classifyChunks, and then, if tail is not nil, the same
// for the tailN < 64 bytes at tail (all 64 of which must be readable),
// into the masks after; it returns the text's flags (tfNonASCII,
// tfPercent, tfBackslash). Only where haveFlagKernel.
func classifyFlags(src *byte, chunks int, tail *byte, tailN int, masks *uint64) textFlags {
	var f uint64
	if chunks > 0 {
		f = classifyAVX2(src, chunks, masks)
	}
	if tail != nil {
		f |= classifyTailAVX2(tail, tailN, (*uint64)(unsafe.Add(unsafe.Pointer(masks), chunks*16)))
	}
	var fl textFlags
	if f&1 != 0 {
		fl |= tfNonASCII
	}
	if f&2 != 0 {
		fl |= tfPercent
	}
	if f&4 != 0 {
		fl |= tfBackslash
	}
	return fl
}

// classifyVariants are the kernels this CPU runs, for tests.
func classifyVariants() map[string]func(*byte, int, *uint64) uint64 {
	m := map[string]func(*byte, int, *uint64) uint64{"sse2": classifySSE2}
	if haveAVX2 {
		m["avx2"] = func(src *byte, chunks int, masks *uint64) uint64 { return classifyAVX2(src, chunks, masks) & 1 }
	}
	return m
}

// wordCtxAVX2 is wordCtxGeneric in AVX2 for chunks 64-byte chunks from
// src and then, if tail is not nil, the 64 bytes at tail, of which the
// bits of valid say which count (bytes past the text's end change only
// context bits past it).
//
//go:noescape
func wordCtxAVX2(src *byte, chunks int, tail *byte, valid uint64, out *uint64) uint64

// wordCtx is wordCtxGeneric (AVX2 where the CPU has it).
func wordCtx(text string, out []uint64) uint64 {
	if !haveAVX2 {
		return wordCtxGeneric(text, out)
	}
	full := len(text) / 64
	p := unsafe.StringData(text)
	var tail *byte
	if full*64 < len(text) {
		tail = (*byte)(unsafe.Add(unsafe.Pointer(p), full*64))
		if uintptr(unsafe.Pointer(tail))&4095 > 4096-64 {
			// The 64 bytes from there may cross into an unmapped page.
			var buf [64]byte
			copy(buf[:], text[full*64:])
			tail = &buf[0]
		}
	}
	if len(text) == 0 {
		return 0
	}
	return wordCtxAVX2(p, full, tail, uint64(1)<<(len(text)&63)-1, unsafe.SliceData(out))
}
