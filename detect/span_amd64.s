//go:build !purego

#include "textflag.h"

// NONMEMBERS sets R9's bit k for each byte k of the 32 at (SI)(DI*1) that
// is out of the class: lo[low nibble] & hi[high nibble] is zero.
#define NONMEMBERS \
	VMOVDQU	(SI)(DI*1), Y0 \
	VPSRLW	$4, Y0, Y5 \
	VPAND	Y3, Y5, Y5 \
	VPAND	Y3, Y0, Y0 \
	VPSHUFB	Y0, Y1, Y0 \
	VPSHUFB	Y5, Y2, Y5 \
	VPAND	Y5, Y0, Y0 \
	VPCMPEQB	Y4, Y0, Y0 \
	VPMOVMSKB	Y0, R9

// func spanAVX2(p *byte, n int, t *[32]byte) int
//
// t holds lo, then hi (see spanTables). The bytes past the last whole
// step (all n of them if n < 32) are read as the 32 bytes that end at
// p+n, their mask shifted down, with a bit set just past n so that the
// count stops there.
TEXT ·spanAVX2(SB), NOSPLIT, $0-32
	MOVQ	p+0(FP), SI
	MOVQ	n+8(FP), DX
	MOVQ	t+16(FP), AX
	VBROADCASTI128	(AX), Y1
	VBROADCASTI128	16(AX), Y2
	MOVL	$0x0f, CX
	VMOVQ	CX, X3
	VPBROADCASTB	X3, Y3
	VPXOR	Y4, Y4, Y4
	XORQ	DI, DI

loop:
	LEAQ	32(DI), R8
	CMPQ	R8, DX
	JA	tail
	NONMEMBERS
	TESTL	R9, R9
	JNZ	found
	MOVQ	R8, DI
	JMP	loop

tail:
	MOVQ	DX, R11
	SUBQ	DI, R11 // bytes left, 0–31 (none: a shift by 32 is by 0, harmless)
	MOVQ	DI, R10
	LEAQ	-32(DX), DI
	NONMEMBERS
	MOVQ	R10, DI
	MOVL	$32, CX
	SUBL	R11, CX
	SHRL	CX, R9 // the left bytes' bits, from bit 0
	BTSL	R11, R9 // stop after them

found:
	BSFL	R9, R9
	ADDQ	R9, DI
	MOVQ	DI, ret+24(FP)
	VZEROUPPER
	RET

// func hostMasks32(p *byte, t *[32]byte) (in, dash, dot uint32)
//
// Bit k of each mask is for byte k of the 32 at p: in the class whose
// nibble tables t holds (as NONMEMBERS tests, inverted), '-', '.'.
TEXT ·hostMasks32(SB), NOSPLIT, $0-28
	MOVQ	p+0(FP), SI
	MOVQ	t+8(FP), AX
	VMOVDQU	(SI), Y0
	VBROADCASTI128	(AX), Y1
	VBROADCASTI128	16(AX), Y2
	MOVL	$0x0f, CX
	VMOVQ	CX, X3
	VPBROADCASTB	X3, Y3
	VPSRLW	$4, Y0, Y5
	VPAND	Y3, Y5, Y5
	VPAND	Y3, Y0, Y6
	VPSHUFB	Y6, Y1, Y6
	VPSHUFB	Y5, Y2, Y5
	VPAND	Y5, Y6, Y6
	VPXOR	Y4, Y4, Y4
	VPCMPEQB	Y4, Y6, Y6
	VPMOVMSKB	Y6, R9
	NOTL	R9
	MOVL	R9, in+16(FP)
	MOVL	$0x2d, CX
	VMOVQ	CX, X7
	VPBROADCASTB	X7, Y7
	VPCMPEQB	Y0, Y7, Y7
	VPMOVMSKB	Y7, R9
	MOVL	R9, dash+20(FP)
	MOVL	$0x2e, CX
	VMOVQ	CX, X7
	VPBROADCASTB	X7, Y7
	VPCMPEQB	Y0, Y7, Y7
	VPMOVMSKB	Y7, R9
	MOVL	R9, dot+24(FP)
	VZEROUPPER
	RET
