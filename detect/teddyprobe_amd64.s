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
// in teddy_amd64.go.
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
	// The pair: span R11 (at R8), its keyword R12, R13 of them left.
	MOVQ	(R8), R11
	MOVQ	R11, R12
	SHRQ	$48, R12
	MOVQ	R11, R13
	SHRQ	$32, R13
	ANDL	$0xffff, R13

vloop:
	CMPQ	R8, nspans+24(FP)
	JAE	vdone
	// AX: the keyword's teddyAnchor (96 bytes).
	LEAQ	(R12)(R12*2), AX
	SHLQ	$5, AX
	ADDQ	R10, AX
	// CX: start; R14: the last start the two words fit at.
	MOVL	R11, CX
	MOVLQSX	8(AX), R14
	SUBQ	R14, CX
	MOVQ	DX, R14
	MOVLQSX	20(AX), R15
	SUBQ	R15, R14
	JL	vedge
	CMPQ	CX, R14
	JA	vedge
	MOVQ	(SI)(CX*1), R14
	ORQ	64(AX), R14
	ANDQ	80(AX), R14
	XORQ	48(AX), R14
	MOVLQSX	12(AX), R15
	ADDQ	CX, R15
	MOVQ	(SI)(R15*1), R15
	ORQ	72(AX), R15
	ANDQ	88(AX), R15
	XORQ	56(AX), R15
	ORQ	R14, R15
	SETEQ	R14B
	MOVBQZX	R14B, R14
	// The entry: the anchor's tag | start.
	MOVQ	0(AX), R15
	ORQ	CX, R15
	MOVQ	R15, (DI)(BX*8)
	ADDQ	R14, BX
	JMP	vnext

vedge:
	// Near an end: Go compares, if the keyword may start there.
	TESTQ	CX, CX
	JL	vnext
	MOVQ	0(AX), AX
	ORQ	CX, AX
	BTSQ	$63, AX
	MOVQ	AX, (DI)(BX*8)
	INCQ	BX

vnext:
	// The next pair, without a branch: the next keyword of the span,
	// or (none left) the next span's first.
	MOVQ	8(R8), AX
	LEAQ	1(R12), R14
	MOVQ	AX, R15
	SHRQ	$48, R15
	MOVQ	AX, CX
	SHRQ	$32, CX
	ANDL	$0xffff, CX
	DECQ	R13
	CMOVQEQ	R15, R14
	CMOVQEQ	CX, R13
	CMOVQEQ	AX, R11
	SETEQ	CL
	MOVBQZX	CL, CX
	LEAQ	(R8)(CX*8), R8
	MOVQ	R14, R12
	// Stop at a span's start when hits may not hold its keywords.
	CMPQ	BX, $64
	JA	vfull
	JMP	vloop

vfull:
	TESTQ	CX, CX
	JEQ	vloop

vdone:
	SUBQ	spans+16(FP), R8
	SHRQ	$3, R8
	MOVQ	R8, done+48(FP)
	MOVQ	BX, nh+56(FP)
	RET
