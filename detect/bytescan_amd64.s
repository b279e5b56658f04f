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

// func classifySSE2(src *byte, chunks int, masks *uint64) uint64
TEXT ·classifySSE2(SB), NOSPLIT, $0-32
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

// The byte classes by nibble, for classifyAVX2: a byte's class is
// classHi[its high nibble] & classLo[its low nibble]; bit 7 marks a digit,
// any bit a base64 byte (0x01: A-O a-o, 0x02: P-Z p-z, 0x04: '_',
// 0x08: '+' '-' '/', 0x80: 0-9).
DATA classLo<>+0(SB)/8, $0x8383838383838382
DATA classLo<>+8(SB)/8, $0x0d01090109038383
GLOBL classLo<>(SB), RODATA|NOPTR, $16
DATA classHi<>+0(SB)/8, $0x0201060180080000
DATA classHi<>+8(SB)/8, $0x0000000000000000
GLOBL classHi<>(SB), RODATA|NOPTR, $16

// byteIndex is 0, 1, …, 63: which bytes of a tail are in the text.
DATA byteIndex<>+0(SB)/8, $0x0706050403020100
DATA byteIndex<>+8(SB)/8, $0x0f0e0d0c0b0a0908
DATA byteIndex<>+16(SB)/8, $0x1716151413121110
DATA byteIndex<>+24(SB)/8, $0x1f1e1d1c1b1a1918
DATA byteIndex<>+32(SB)/8, $0x2726252423222120
DATA byteIndex<>+40(SB)/8, $0x2f2e2d2c2b2a2928
DATA byteIndex<>+48(SB)/8, $0x3736353433323130
DATA byteIndex<>+56(SB)/8, $0x3f3e3d3c3b3a3938
GLOBL byteIndex<>(SB), RODATA|NOPTR, $64

// NIBBLECLASS sets each byte of Y0 to its class: the AND of the low
// nibble's table (Y9) and the high nibble's (Y8), Y15 holding 0x0f
// repeated; Y1 is scratch. (HALF's and WCLASS's tables differ.)
#define NIBBLECLASS \
	VPAND	Y15, Y0, Y1 \
	VPSRLW	$4, Y0, Y0 \
	VPAND	Y15, Y0, Y0 \
	VPSHUFB	Y1, Y9, Y1 \
	VPSHUFB	Y0, Y8, Y0 \
	VPAND	Y1, Y0, Y0

// HALF classifies the 32 bytes in Y0: digit bits into d, base64 bits
// inverted into b; the bytes are ORed into Y10, their equality with '%'
// or '&' into Y11, with '\' or '<' into Y7 (tfBackslash).
#define HALF(d, b) \
	VPOR	Y0, Y10, Y10 \
	VPCMPEQB Y13, Y0, Y1 \
	VPOR	Y1, Y11, Y11 \
	VPCMPEQB Y2, Y0, Y1 \
	VPOR	Y1, Y11, Y11 \
	VPCMPEQB Y12, Y0, Y1 \
	VPOR	Y1, Y7, Y7 \
	VPCMPEQB Y3, Y0, Y1 \
	VPOR	Y1, Y7, Y7 \
	NIBBLECLASS \
	VPMOVMSKB Y0, d \
	VPCMPEQB Y14, Y0, Y0 \
	VPMOVMSKB Y0, b

// STORE combines the halves' masks (AX, BX low; R10, R11 high) into
// 0(DI) and 8(DI).
#define STORE \
	SHLQ	$32, R10 \
	ORQ	R10, AX \
	MOVQ	AX, 0(DI) \
	SHLQ	$32, R11 \
	ORQ	R11, BX \
	NOTQ	BX \
	MOVQ	BX, 8(DI)

#define SETUP \
	VBROADCASTI128 classHi<>(SB), Y8 \
	VBROADCASTI128 classLo<>(SB), Y9 \
	MOVL	$0x0f0f0f0f, AX \
	VMOVD	AX, X15 \
	VPBROADCASTD X15, Y15 \
	MOVL	$0x25252525, AX \
	VMOVD	AX, X13 \
	VPBROADCASTD X13, Y13 \
	MOVL	$0x26262626, AX \
	VMOVD	AX, X2 \
	VPBROADCASTD X2, Y2 \
	MOVL	$0x5c5c5c5c, AX \
	VMOVD	AX, X12 \
	VPBROADCASTD X12, Y12 \
	MOVL	$0x3c3c3c3c, AX \
	VMOVD	AX, X3 \
	VPBROADCASTD X3, Y3 \
	VPXOR	Y14, Y14, Y14 \
	VPXOR	Y10, Y10, Y10 \
	VPXOR	Y11, Y11, Y11 \
	VPXOR	Y7, Y7, Y7

// FLAGS sets R9 from Y10, Y11, Y7: bit 0, a byte outside ASCII; bit 1, a
// '%' or a '&'; bit 2, a backslash or a '<'.
#define FLAGS \
	XORQ	R9, R9 \
	VPMOVMSKB Y10, AX \
	TESTL	AX, AX \
	SETNE	R9B \
	XORL	CX, CX \
	VPMOVMSKB Y11, AX \
	TESTL	AX, AX \
	SETNE	CX \
	SHLL	$1, CX \
	ORL	CX, R9 \
	XORL	CX, CX \
	VPMOVMSKB Y7, AX \
	TESTL	AX, AX \
	SETNE	CX \
	SHLL	$2, CX \
	ORL	CX, R9 \
	VZEROUPPER

// func classifyAVX2(src *byte, chunks int, masks *uint64) uint64
TEXT ·classifyAVX2(SB), NOSPLIT, $0-32
	MOVQ	src+0(FP), SI
	MOVQ	chunks+8(FP), DX
	MOVQ	masks+16(FP), DI
	SETUP

cloop:
	TESTQ	DX, DX
	JEQ	cdone
	VMOVDQU	0(SI), Y0
	HALF(AX, BX)
	VMOVDQU	32(SI), Y0
	HALF(R10, R11)
	STORE
	ADDQ	$64, SI
	ADDQ	$16, DI
	DECQ	DX
	JMP	cloop

cdone:
	FLAGS
	MOVQ	R9, ret+24(FP)
	RET

// func classifyTailAVX2(src *byte, n int, masks *uint64) uint64
TEXT ·classifyTailAVX2(SB), NOSPLIT, $0-32
	MOVQ	src+0(FP), SI
	MOVQ	masks+16(FP), DI
	SETUP
	// Y6, Y5: 0xff for the bytes before n, 0 after.
	MOVQ	n+8(FP), AX
	VMOVD	AX, X6
	VPBROADCASTB X6, Y6
	VMOVDQU	byteIndex<>+32(SB), Y5
	VPCMPGTB Y5, Y6, Y5
	VMOVDQU	byteIndex<>+0(SB), Y4
	VPCMPGTB Y4, Y6, Y6
	VMOVDQU	0(SI), Y0
	VPAND	Y6, Y0, Y0
	HALF(AX, BX)
	VMOVDQU	32(SI), Y0
	VPAND	Y5, Y0, Y0
	HALF(R10, R11)
	STORE
	FLAGS
	MOVQ	R9, ret+24(FP)
	RET

// wordCtxAVX2's byte classes by nibble (as classLo/classHi): bits 0x83 an
// alphanumeric byte, 0x87 a word byte (0x04: '_'). WCLASS sets na and nw
// to the bits of the 32 bytes at off(SI) that are not alphanumeric, not
// word bytes, and nc to those that are ':'.
#define WCLASS(off, na, nw, nc) \
	VMOVDQU	off(SI), Y0 \
	VPCMPEQB Y11, Y0, Y2 \
	VPMOVMSKB Y2, nc \
	NIBBLECLASS \
	VPAND	Y13, Y0, Y1 \
	VPCMPEQB Y14, Y1, Y1 \
	VPMOVMSKB Y1, na \
	VPAND	Y12, Y0, Y0 \
	VPCMPEQB Y14, Y0, Y0 \
	VPMOVMSKB Y0, nw

// WCTX stores at 0(DI) the context bits of the chunk at SI (see
// wordCtxGeneric) and at 8(DI) its ':' bits, those of valid only; R8, R9
// hold the previous chunk's alphanumeric and word bits and get this one's;
// the ':' bits are ORed into R14.
#define WCTX(valid) \
	WCLASS(0, AX, BX, R12) \
	WCLASS(32, CX, DX, R13) \
	SHLQ	$32, R13 \
	ORQ	R13, R12 \
	ANDQ	valid, R12 \
	MOVQ	R12, 8(DI) \
	ORQ	R12, R14 \
	SHLQ	$32, CX \
	ORQ	CX, AX \
	NOTQ	AX \
	SHLQ	$32, DX \
	ORQ	DX, BX \
	NOTQ	BX \
	SHRQ	$63, R9 \
	MOVQ	BX, CX \
	SHLQ	$1, CX \
	ORQ	R9, CX \
	MOVQ	AX, DX \
	SHLQ	$3, DX \
	MOVQ	R8, R10 \
	SHRQ	$61, R10 \
	ORQ	R10, DX \
	ANDQ	DX, CX \
	MOVQ	AX, DX \
	SHLQ	$7, DX \
	SHRQ	$57, R8 \
	ORQ	R8, DX \
	ANDQ	DX, CX \
	MOVQ	CX, 0(DI) \
	MOVQ	AX, R8 \
	MOVQ	BX, R9

// func wordCtxAVX2(src *byte, chunks int, tail *byte, valid uint64, out *uint64) uint64
TEXT ·wordCtxAVX2(SB), NOSPLIT, $0-48
	MOVQ	src+0(FP), SI
	MOVQ	chunks+8(FP), R11
	MOVQ	out+32(FP), DI
	VBROADCASTI128 classHi<>(SB), Y8
	VBROADCASTI128 classLo<>(SB), Y9
	MOVL	$0x0f0f0f0f, AX
	VMOVD	AX, X15
	VPBROADCASTD X15, Y15
	MOVL	$0x83838383, AX
	VMOVD	AX, X13
	VPBROADCASTD X13, Y13
	MOVL	$0x87878787, AX
	VMOVD	AX, X12
	VPBROADCASTD X12, Y12
	MOVL	$0x3a3a3a3a, AX
	VMOVD	AX, X11
	VPBROADCASTD X11, Y11
	VPXOR	Y14, Y14, Y14
	XORQ	R8, R8
	XORQ	R9, R9
	XORQ	R14, R14
	MOVQ	$-1, R15

wloop:
	TESTQ	R11, R11
	JEQ	wtail
	WCTX(R15)
	ADDQ	$64, SI
	ADDQ	$16, DI
	DECQ	R11
	JMP	wloop

wtail:
	MOVQ	tail+16(FP), SI
	TESTQ	SI, SI
	JEQ	wdone
	MOVQ	valid+24(FP), R15
	WCTX(R15)

wdone:
	VZEROUPPER
	XORQ	AX, AX
	TESTQ	R14, R14
	SETNE	AL
	SHLQ	$1, AX
	MOVQ	AX, ret+40(FP)
	RET
