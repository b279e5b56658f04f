//go:build !purego

#include "textflag.h"

// func asciiPrefixAVX2(p *byte, n int) int
//
// Four loads ORed a block: a byte outside ASCII sets its top bit in the
// OR, which VPMOVMSKB gathers.
TEXT ·asciiPrefixAVX2(SB), NOSPLIT, $0-24
	MOVQ	p+0(FP), SI
	MOVQ	n+8(FP), DX
	XORQ	AX, AX

loop:
	LEAQ	128(AX), CX
	CMPQ	CX, DX
	JA	done
	VMOVDQU	(SI)(AX*1), Y0
	VPOR	32(SI)(AX*1), Y0, Y0
	VMOVDQU	64(SI)(AX*1), Y1
	VPOR	96(SI)(AX*1), Y1, Y1
	VPOR	Y1, Y0, Y0
	VPMOVMSKB	Y0, BX
	TESTL	BX, BX
	JNZ	done
	MOVQ	CX, AX
	JMP	loop

done:
	VZEROUPPER
	MOVQ	AX, ret+16(FP)
	RET
