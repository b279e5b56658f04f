//go:build !purego

#include "textflag.h"
#include "teddy_amd64.h"

// The byte classes by nibble (as classLo/classHi in bytescan_amd64.s).
DATA pclassLo<>+0(SB)/8, $0x8383838383838382
DATA pclassLo<>+8(SB)/8, $0x0d01090109038383
GLOBL pclassLo<>(SB), RODATA|NOPTR, $16
DATA pclassHi<>+0(SB)/8, $0x0201060180080000
DATA pclassHi<>+8(SB)/8, $0x0000000000000000
GLOBL pclassHi<>(SB), RODATA|NOPTR, $16

// '%' and '\' repeated.
DATA pctBytes<>+0(SB)/8, $0x2525252525252525
DATA pctBytes<>+8(SB)/8, $0x2525252525252525
DATA pctBytes<>+16(SB)/8, $0x2525252525252525
DATA pctBytes<>+24(SB)/8, $0x2525252525252525
GLOBL pctBytes<>(SB), RODATA|NOPTR, $32
DATA bslBytes<>+0(SB)/8, $0x5c5c5c5c5c5c5c5c
DATA bslBytes<>+8(SB)/8, $0x5c5c5c5c5c5c5c5c
DATA bslBytes<>+16(SB)/8, $0x5c5c5c5c5c5c5c5c
DATA bslBytes<>+24(SB)/8, $0x5c5c5c5c5c5c5c5c
GLOBL bslBytes<>(SB), RODATA|NOPTR, $32

// PHALF does the 32 bytes at off(SI): of those valid (a 32-bit mask) it
// ORs the high bits into R12, the '%' into R13, the '\' into R14; it
// stores the digit bits at dst(DI), the base64 bits at 8+dst(DI) and the
// Teddy candidates (with the trigger bytes, if R11 is all ones) at
// 16+dst(DI). p0, p1: the previous 32 bytes' fingerprint sets (positions
// 0 and 1); c0, c1 get this one's. (See teddyAVX2 and classifyAVX2.)
#define PHALF(off, valid, p0, p1, c0, c1, dst) \
	VMOVDQU	off(SI), Y0 \
	VPMOVMSKB Y0, AX \
	ANDL	valid, AX \
	ORL	AX, R12 \
	VPCMPEQB pctBytes<>(SB), Y0, Y5 \
	VPMOVMSKB Y5, AX \
	ANDL	valid, AX \
	ORL	AX, R13 \
	VPCMPEQB bslBytes<>(SB), Y0, Y5 \
	VPMOVMSKB Y5, AX \
	ANDL	valid, AX \
	ORL	AX, R14 \
	VPCMPEQB 96(R8), Y0, Y5 \
	VPCMPEQB 128(R8), Y0, Y4 \
	VPOR	Y4, Y5, Y5 \
	VPMOVMSKB Y5, BX \
	ANDL	R11, BX \
	TEDDY(p0, p1, c0, c1, AX) \
	NOTL	AX \
	ORL	BX, AX \
	MOVL	AX, 16+dst(DI) \
	VBROADCASTI128 pclassLo<>(SB), Y4 \
	VPSHUFB	Y1, Y4, Y4 \
	VBROADCASTI128 pclassHi<>(SB), Y5 \
	VPSHUFB	Y0, Y5, Y5 \
	VPAND	Y4, Y5, Y5 \
	VPMOVMSKB Y5, AX \
	MOVL	AX, dst(DI) \
	VPCMPEQB Y14, Y5, Y5 \
	VPMOVMSKB Y5, AX \
	NOTL	AX \
	MOVL	AX, 8+dst(DI)

// func prescanAVX2(masks *teddyMasks, src *byte, chunks int, tail *byte, valid uint64, out *uint64) uint64
TEXT ·prescanAVX2(SB), NOSPLIT, $0-56
	MOVQ	masks+0(FP), R8
	MOVQ	src+8(FP), SI
	MOVQ	chunks+16(FP), CX
	MOVQ	tail+24(FP), DX
	MOVQ	out+40(FP), DI
	VBROADCASTI128 0(R8), Y8
	VBROADCASTI128 16(R8), Y9
	VBROADCASTI128 32(R8), Y10
	VBROADCASTI128 48(R8), Y11
	VBROADCASTI128 64(R8), Y12
	VBROADCASTI128 80(R8), Y13
	MOVL	$0x0f0f0f0f, AX
	MOVD	AX, X15
	VPBROADCASTD X15, Y15
	VPXOR	Y14, Y14, Y14
	VPXOR	Y6, Y6, Y6
	VPXOR	Y7, Y7, Y7
	XORQ	R12, R12
	XORQ	R13, R13
	XORQ	R14, R14
	// R11: all ones when the trigger bytes count (masks.useTrig).
	MOVBQZX	160(R8), R11
	NEGQ	R11
	MOVL	$0xffffffff, R9
	MOVL	$0xffffffff, R10

ploop:
	TESTQ	CX, CX
	JEQ	ptail
	PHALF(0, R9, Y6, Y7, Y2, Y3, 0)
	PHALF(32, R10, Y2, Y3, Y6, Y7, 4)
	ADDQ	$64, SI
	ADDQ	$24, DI
	DECQ	CX
	JMP	ploop

ptail:
	TESTQ	DX, DX
	JEQ	pdone
	MOVQ	DX, SI
	XORQ	DX, DX
	MOVQ	$1, CX
	MOVQ	valid+32(FP), R9
	MOVQ	R9, R10
	SHRQ	$32, R10
	JMP	ploop

pdone:
	VZEROUPPER
	XORQ	AX, AX
	TESTQ	R12, R12
	SETNE	AL
	XORQ	BX, BX
	TESTQ	R13, R13
	SETNE	BL
	SHLQ	$1, BX
	ORQ	BX, AX
	XORQ	BX, BX
	TESTQ	R14, R14
	SETNE	BL
	SHLQ	$2, BX
	ORQ	BX, AX
	MOVQ	AX, ret+48(FP)
	RET
