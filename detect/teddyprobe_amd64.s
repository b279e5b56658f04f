//go:build !purego

#include "textflag.h"
#include "teddy_amd64.h"

// func teddyProbeAsm(p *byte, base int, masks *uint64, words int, stride int, table *uint64, mul, mask uint32, spans *uint64) (done, n, nt int)
//
// teddy.probeGeneric's loop (see it): no global is read, so R15 is free.
TEXT ·teddyProbeAsm(SB), NOSPLIT, $0-88
	MOVQ	p+0(FP), SI
	MOVQ	base+8(FP), DX
	MOVQ	masks+16(FP), R8
	// The end of masks, in words' slot.
	MOVQ	words+24(FP), R10
	LEAQ	(R8)(R10*8), R10
	MOVQ	R10, words+24(FP)
	MOVQ	stride+32(FP), R10
	SHLQ	$3, R10
	MOVQ	R10, stride+32(FP)
	MOVQ	table+40(FP), R11
	MOVL	mul+48(FP), R12
	MOVL	mask+52(FP), CX
	MOVQ	spans+56(FP), DI
	XORQ	BX, BX
	XORQ	R9, R9

	PROBE(words+24(FP), stride+32(FP), done)

done:
	SUBQ	masks+16(FP), R8
	SHRQ	$3, R8
	MOVQ	R8, done+64(FP)
	MOVQ	BX, n+72(FP)
	MOVQ	R9, nt+80(FP)
	RET

// func teddyVerifyAsm(p *byte, n int, spans *uint64, nspans int, anchors *teddyAnchor, hits *uint64) (done, nh int)
//
// teddy.verifyGeneric's loop (see it), with the keywords it cannot
// decide from two words (near the text's ends, or longer than 16 bytes)
// left to Go: flagged (bit 63) in hits. teddyAnchor's layout is checked
// in teddy_amd64.go. (n's slot is VERIFY's scratch.)
TEXT ·teddyVerifyAsm(SB), NOSPLIT, $0-64
	MOVQ	p+0(FP), SI
	MOVQ	n+8(FP), DX
	MOVQ	spans+16(FP), R8
	// The end of spans, in nspans' slot.
	MOVQ	nspans+24(FP), R10
	LEAQ	(R8)(R10*8), R10
	MOVQ	R10, nspans+24(FP)
	MOVQ	anchors+32(FP), R10
	MOVQ	hits+40(FP), DI
	XORQ	BX, BX
	VERIFY(nspans+24(FP), n+8(FP))
	SUBQ	spans+16(FP), R8
	SHRQ	$3, R8
	MOVQ	R8, done+48(FP)
	MOVQ	BX, nh+56(FP)
	RET
