//go:build !purego

#include "textflag.h"

// STEP ORs into Y5 the lanes of the 32 bytes at off(SI)(DI*1) that are
// eight bytes of 0x40–0x5F: a byte is if its top three bits are 010; a lane
// of eight compares equal to all ones as a quadword.
#define STEP \
	VPAND	(SI)(DI*1), Y6, Y0 \
	VPCMPEQB	Y7, Y0, Y0 \
	VPCMPEQQ	Y8, Y0, Y0 \
	VPOR	Y0, Y5, Y5

// func capitalsAVX2(p *byte, n int) bool
//
// The steps at 0, 32 and 64 (each at most at n-32) and at n-32 are read
// without a branch: most spans are no longer. Only a longer span loops.
TEXT ·capitalsAVX2(SB), NOSPLIT, $0-17
	MOVQ	p+0(FP), SI
	MOVQ	n+8(FP), DX
	MOVL	$0xe0, AX
	VMOVQ	AX, X6
	VPBROADCASTB	X6, Y6
	MOVL	$0x40, AX
	VMOVQ	AX, X7
	VPBROADCASTB	X7, Y7
	VPCMPEQB	Y8, Y8, Y8
	VPXOR	Y5, Y5, Y5
	LEAQ	-32(DX), R9 // the last step's offset
	XORQ	DI, DI
	STEP
	MOVQ	$32, DI
	CMPQ	DI, R9
	CMOVQGT	R9, DI
	STEP
	MOVQ	$64, DI
	CMPQ	DI, R9
	CMOVQGT	R9, DI
	STEP
	MOVQ	$96, DI

loop:
	CMPQ	DI, R9
	JGE	last
	STEP
	ADDQ	$32, DI
	JMP	loop

last:
	MOVQ	R9, DI
	STEP
	VPTEST	Y5, Y5
	SETNE	ret+16(FP)
	VZEROUPPER
	RET
