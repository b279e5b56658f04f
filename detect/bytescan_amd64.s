//go:build !purego

#include "textflag.h"

// BLOCK classifies the 16 bytes at off(SI): digit bits into R10 and base64
// bits into R11 (shifted left by sh), high bits into R9.
#define BLOCK(off, sh) \
	MOVOU	off(SI), X0 \
	PMOVMSKB X0, AX \
	ORQ	AX, R9 \
	MOVOU	X0, X1 \
	PSUBB	X8, X1 \
	MOVOU	X1, X2 \
	PMINUB	X9, X2 \
	PCMPEQB	X1, X2 \
	PMOVMSKB X2, BX \
	SHLQ	$sh, BX \
	ORQ	BX, R10 \
	MOVOU	X0, X3 \
	POR	X10, X3 \
	PSUBB	X11, X3 \
	MOVOU	X3, X4 \
	PMINUB	X12, X4 \
	PCMPEQB	X3, X4 \
	POR	X4, X2 \
	MOVOU	X0, X3 \
	PSUBB	X13, X3 \
	MOVOU	X3, X4 \
	PMINUB	X14, X4 \
	PCMPEQB	X3, X4 \
	MOVOU	X0, X5 \
	PAND	X6, X5 \
	PCMPEQB	X6, X5 \
	PAND	X5, X4 \
	POR	X4, X2 \
	PCMPEQB	X7, X0 \
	POR	X0, X2 \
	PMOVMSKB X2, CX \
	SHLQ	$sh, CX \
	ORQ	CX, R11

#define BROADCAST(v, x) \
	MOVQ	$v, AX \
	MOVQ	AX, x \
	PUNPCKLQDQ x, x

// func classifyChunks(src *byte, chunks int, masks *uint64) uint64
TEXT ·classifyChunks(SB), NOSPLIT, $0-32
	MOVQ	src+0(FP), SI
	MOVQ	chunks+8(FP), DX
	MOVQ	masks+16(FP), DI
	BROADCAST(0x3030303030303030, X8)  // '0'
	BROADCAST(0x0909090909090909, X9)  // 9
	BROADCAST(0x2020202020202020, X10) // 0x20: ASCII lower case
	BROADCAST(0x6161616161616161, X11) // 'a'
	BROADCAST(0x1919191919191919, X12) // 25
	BROADCAST(0x2b2b2b2b2b2b2b2b, X13) // '+'
	BROADCAST(0x0404040404040404, X14) // 4: '+'..'/'
	BROADCAST(0x0101010101010101, X6)  // odd bytes: '+', '-', '/'
	BROADCAST(0x5f5f5f5f5f5f5f5f, X7)  // '_'
	XORQ	R9, R9

loop:
	TESTQ	DX, DX
	JEQ	done
	XORQ	R10, R10
	XORQ	R11, R11
	BLOCK(0, 0)
	BLOCK(16, 16)
	BLOCK(32, 32)
	BLOCK(48, 48)
	MOVQ	R10, 0(DI)
	MOVQ	R11, 8(DI)
	ADDQ	$64, SI
	ADDQ	$16, DI
	DECQ	DX
	JMP	loop

done:
	MOVQ	R9, ret+24(FP)
	RET
