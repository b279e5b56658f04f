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

// 0x0f and 0x00 repeated (prescanAVX2 keeps the class tables in Y14, Y15).
DATA pnib<>+0(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA pnib<>+8(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA pnib<>+16(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA pnib<>+24(SB)/8, $0x0f0f0f0f0f0f0f0f
GLOBL pnib<>(SB), RODATA|NOPTR, $32
DATA pzero<>+0(SB)/8, $0
DATA pzero<>+8(SB)/8, $0
DATA pzero<>+16(SB)/8, $0
DATA pzero<>+24(SB)/8, $0
GLOBL pzero<>(SB), RODATA|NOPTR, $32

// PFLAGS ORs the high bits of the 32 bytes in Y0 into R12, the '%' into
// R13 and the '\' into R14; PFLAGSV only those of the bytes valid (a
// 32-bit mask).
#define PFLAGS \
	VPMOVMSKB Y0, AX \
	ORL	AX, R12 \
	VPCMPEQB pctBytes<>(SB), Y0, Y5 \
	VPMOVMSKB Y5, AX \
	ORL	AX, R13 \
	VPCMPEQB bslBytes<>(SB), Y0, Y5 \
	VPMOVMSKB Y5, AX \
	ORL	AX, R14

#define PFLAGSV(valid) \
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
	ORL	AX, R14

// PMASKS does the rest for the 32 bytes in Y0: it stores the digit bits
// at dst(DI), the base64 bits at 8+dst(DI) and the Teddy candidates (with
// the trigger bytes, if R11 is all ones) at 16+dst(DI). p0, p1: the
// previous 32 bytes' fingerprint sets (positions 0 and 1); c0, c1 get this
// one's. (See teddyAVX2 and classifyAVX2.)
#define PMASKS(p0, p1, c0, c1, dst) \
	VPCMPEQB 96(R8), Y0, Y5 \
	VPCMPEQB 128(R8), Y0, Y4 \
	VPOR	Y4, Y5, Y5 \
	VPMOVMSKB Y5, BX \
	ANDL	R11, BX \
	TEDDYM(p0, p1, c0, c1, AX, pnib<>(SB), pzero<>(SB)) \
	NOTL	AX \
	ORL	BX, AX \
	MOVL	AX, 16+dst(DI) \
	VPSHUFB	Y1, Y14, Y4 \
	VPSHUFB	Y0, Y15, Y5 \
	VPAND	Y4, Y5, Y5 \
	VPMOVMSKB Y5, AX \
	MOVL	AX, dst(DI) \
	VPCMPEQB pzero<>(SB), Y5, Y5 \
	VPMOVMSKB Y5, AX \
	NOTL	AX \
	MOVL	AX, 8+dst(DI)

// PHALF does the 32 bytes at off(SI) (PFLAGS, PMASKS); PHALFV those of
// them valid.
#define PHALF(off, p0, p1, c0, c1, dst) \
	VMOVDQU	off(SI), Y0 \
	PFLAGS \
	PMASKS(p0, p1, c0, c1, dst)

#define PHALFV(off, valid, p0, p1, c0, c1, dst) \
	VMOVDQU	off(SI), Y0 \
	PFLAGSV(valid) \
	PMASKS(p0, p1, c0, c1, dst)

// func prescanAVX2(masks *teddyMasks, src *byte, chunks int, tail *byte, valid uint64, out *uint64, text *byte, table *uint64, mul, mask uint32, spans *uint64) (fl textFlags, words, n, nt int)
TEXT ·prescanAVX2(SB), NOSPLIT, $0-112
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
	VBROADCASTI128 pclassLo<>(SB), Y14
	VBROADCASTI128 pclassHi<>(SB), Y15
	VPXOR	Y6, Y6, Y6
	VPXOR	Y7, Y7, Y7
	XORQ	R12, R12
	XORQ	R13, R13
	XORQ	R14, R14
	// R11: all ones when the trigger bytes count (masks.useTrig).
	MOVBQZX	160(R8), R11
	NEGQ	R11

ploop:
	TESTQ	CX, CX
	JEQ	ptail
	PHALF(0, Y6, Y7, Y2, Y3, 0)
	PHALF(32, Y2, Y3, Y6, Y7, 4)
	ADDQ	$64, SI
	ADDQ	$24, DI
	DECQ	CX
	JMP	ploop

ptail:
	TESTQ	DX, DX
	JEQ	pdone
	MOVQ	DX, SI
	MOVQ	valid+32(FP), R9
	MOVQ	R9, R10
	SHRQ	$32, R10
	PHALFV(0, R9, Y6, Y7, Y2, Y3, 0)
	PHALFV(32, R10, Y2, Y3, Y6, Y7, 4)
	// Only the text's bytes count.
	MOVQ	valid+32(FP), R9
	ANDQ	R9, 0(DI)
	ANDQ	R9, 8(DI)
	ANDQ	R9, 16(DI)

pdone:
	VZEROUPPER
	// The flags, as textFlags: '%', '\\', non-ASCII; above, the first two
	// bytes' candidates (trigger bytes), cleared for PROBE.
	XORQ	AX, AX
	TESTQ	R13, R13
	SETNE	AL
	XORQ	BX, BX
	TESTQ	R14, R14
	SETNE	BL
	LEAQ	(AX)(BX*2), AX
	XORQ	BX, BX
	TESTQ	R12, R12
	SETNE	BL
	LEAQ	(AX)(BX*4), AX
	MOVQ	out+40(FP), R8
	MOVQ	16(R8), BX
	MOVQ	BX, CX
	ANDQ	$3, BX
	SHLQ	$6, BX
	ORQ	BX, AX
	ANDQ	$~3, CX
	MOVQ	CX, 16(R8)
	MOVB	AL, fl+80(FP)

	// The probe (teddy.probeGeneric) over the candidate words: from
	// 16(out), 24 bytes apart, to the end (kept in chunks' slot).
	MOVQ	chunks+16(FP), AX
	CMPQ	tail+24(FP), $0
	SETNE	BX
	MOVBQZX	BX, BX
	ADDQ	BX, AX
	LEAQ	(AX)(AX*2), AX
	LEAQ	16(R8)(AX*8), AX
	MOVQ	AX, chunks+16(FP)
	ADDQ	$16, R8
	MOVQ	text+48(FP), SI
	XORQ	DX, DX
	MOVQ	table+56(FP), R11
	MOVL	mul+64(FP), R12
	MOVL	mask+68(FP), CX
	MOVQ	spans+72(FP), DI
	XORQ	BX, BX
	XORQ	R9, R9

	PROBE(chunks+16(FP), $24, probed)

probed:
	SUBQ	out+40(FP), R8
	SUBQ	$16, R8
	SHRQ	$3, R8
	MOVQ	R8, words+88(FP)
	MOVQ	BX, n+96(FP)
	MOVQ	R9, nt+104(FP)
	RET
