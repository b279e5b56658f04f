//go:build !purego

#include "textflag.h"

// func indexPairAVX2(p *byte, n int, b0, b1 byte) (off int, mask uint32)
TEXT ·indexPairAVX2(SB), NOSPLIT, $0-36
	MOVQ	p+0(FP), SI
	MOVQ	n+8(FP), DX
	MOVBLZX	b0+16(FP), AX
	MOVBLZX	b1+17(FP), BX
	VMOVQ	AX, X1
	VPBROADCASTB	X1, Y1
	VMOVQ	BX, X2
	VPBROADCASTB	X2, Y2
	MOVL	$0x20, CX
	VMOVQ	CX, X3
	VPBROADCASTB	X3, Y3
	XORQ	DI, DI

loop:
	LEAQ	33(DI), R8
	CMPQ	R8, DX
	JA	none
	VMOVDQU	(SI)(DI*1), Y4
	VMOVDQU	1(SI)(DI*1), Y5
	VPOR	Y3, Y4, Y4
	VPOR	Y3, Y5, Y5
	VPCMPEQB	Y1, Y4, Y4
	VPCMPEQB	Y2, Y5, Y5
	VPAND	Y4, Y5, Y4
	VPMOVMSKB	Y4, R9
	TESTL	R9, R9
	JNZ	found
	ADDQ	$32, DI
	JMP	loop

found:
	MOVQ	DI, off+24(FP)
	MOVL	R9, mask+32(FP)
	VZEROUPPER
	RET

none:
	MOVQ	DI, off+24(FP)
	MOVL	$0, mask+32(FP)
	VZEROUPPER
	RET
