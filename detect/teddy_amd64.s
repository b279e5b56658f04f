//go:build !purego

#include "textflag.h"
#include "teddy_amd64.h"

// func cpuHasAVX2() bool
TEXT ·cpuHasAVX2(SB), NOSPLIT, $0-1
	XORL	AX, AX
	XORL	CX, CX
	CPUID
	CMPL	AX, $7
	JB	no
	MOVL	$1, AX
	XORL	CX, CX
	CPUID
	// OSXSAVE (bit 27) and AVX (bit 28).
	ANDL	$0x18000000, CX
	CMPL	CX, $0x18000000
	JNE	no
	// The OS saves the XMM and YMM registers.
	XORL	CX, CX
	XGETBV
	ANDL	$6, AX
	CMPL	AX, $6
	JNE	no
	MOVL	$7, AX
	XORL	CX, CX
	CPUID
	BTL	$5, BX
	JCC	no
	// BMI1 (the probe's BLSR).
	BTL	$3, BX
	JCC	no
	MOVB	$1, ret+0(FP)
	RET
no:
	MOVB	$0, ret+0(FP)
	RET

// VEC tests the 32 bytes at off(SI): the fingerprint bucket sets of their
// bytes go to c0, c1 (positions 0 and 1) and Y4 (position 2); p0, p1 hold
// those of the previous 32 bytes. The positions where some bucket's three
// bytes end get a 0 bit in out (the candidates, inverted).
#define VEC(off, p0, p1, c0, c1, out) \
	VMOVDQU	off(SI), Y0 \
	TEDDY(p0, p1, c0, c1, out)

// TRIG clears in out (the inverted candidates of the 32 bytes at off(SI))
// the bits of the bytes equal to a trigger byte (masks.trig).
#define TRIG(off, out) \
	VMOVDQU	off(SI), Y0 \
	VPCMPEQB 96(DI), Y0, Y1 \
	VPCMPEQB 128(DI), Y0, Y0 \
	VPOR	Y1, Y0, Y0 \
	VPMOVMSKB Y0, R10 \
	NOTL	R10 \
	ANDL	R10, out

// func teddyAVX2(masks *teddyMasks, src *byte, chunks int, tail *byte, cand *uint64, state *teddyState, first bool)
TEXT ·teddyAVX2(SB), NOSPLIT, $0-49
	MOVQ	masks+0(FP), DI
	MOVQ	src+8(FP), SI
	MOVQ	chunks+16(FP), CX
	MOVQ	tail+24(FP), DX
	MOVQ	cand+32(FP), BX
	MOVQ	state+40(FP), R8
	VBROADCASTI128 0(DI), Y8
	VBROADCASTI128 16(DI), Y9
	VBROADCASTI128 32(DI), Y10
	VBROADCASTI128 48(DI), Y11
	VBROADCASTI128 64(DI), Y12
	VBROADCASTI128 80(DI), Y13
	MOVL	$0x0f0f0f0f, AX
	VMOVD	AX, X15
	VPBROADCASTD X15, Y15
	VPXOR	Y14, Y14, Y14
	CMPB	first+48(FP), $0
	JNE	zero
	VMOVDQU	0(R8), Y6
	VMOVDQU	32(R8), Y7
	JMP	start

zero:
	VPXOR	Y6, Y6, Y6
	VPXOR	Y7, Y7, Y7

start:
	// With the trigger bytes (masks.trig, whatever masks.useTrig).
tloop:
	TESTQ	CX, CX
	JEQ	ttail
	VEC(0, Y6, Y7, Y2, Y3, AX)
	TRIG(0, AX)
	VEC(32, Y2, Y3, Y6, Y7, R9)
	TRIG(32, R9)
	SHLQ	$32, R9
	ORQ	R9, AX
	NOTQ	AX
	MOVQ	AX, 0(BX)
	ADDQ	$64, SI
	ADDQ	$8, BX
	DECQ	CX
	JMP	tloop

ttail:
	TESTQ	DX, DX
	JEQ	done
	MOVQ	DX, SI
	XORQ	DX, DX
	MOVQ	$1, CX
	JMP	tloop

done:
	VMOVDQU	Y6, 0(R8)
	VMOVDQU	Y7, 32(R8)
	VZEROUPPER
	RET
