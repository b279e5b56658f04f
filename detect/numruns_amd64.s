//go:build !purego

#include "textflag.h"

#define numRunsChunks 512

// CHUNKWORDS loads chunk R9's digit word into R11 and the next chunk's
// into R12 (clobbers AX, BX, CX).
#define CHUNKWORDS \
	MOVQ	16(DI), AX \
	MOVQ	24(DI), CX \
	MOVQ	R9, BX \
	IMULQ	CX, BX \
	MOVQ	(AX)(BX*1), R11 \
	ADDQ	CX, BX \
	MOVQ	(AX)(BX*1), R12

// func numRuns(r *numRunState) bool
//
// numberScan.scan's run loop (see there for what each test means), with
// its state in registers: DI r, SI the text, R8 its length, R9 the chunk,
// R10 its run starts left, R11 and R12 its digit word and the next
// chunk's, R13 near; per run R14 h, BX e, R15 win, DX the shapes m. Shift
// counts are taken mod 64 by the CPU, as scan masks them.
//
// A call reads at most numRunsChunks chunks before it returns (true, with
// no shapes: at does nothing with them): the runtime cannot preempt
// assembly, and a long text of digits with nothing to try would hold up
// every stop of the world (a collection's) for the whole of it.
TEXT ·numRuns(SB), NOSPLIT, $0-9
	MOVQ	r+0(FP), DI
	MOVQ	0(DI), SI
	MOVQ	8(DI), R8
	MOVQ	48(DI), R9
	MOVQ	56(DI), R10
	MOVQ	80(DI), R13
	MOVQ	R9, 144(DI)
	CMPQ	R9, 40(DI)
	JGE	done // past the last chunk: called again after the end
	TESTQ	R9, R9
	JLT	runs
	// The chunk's digit words again.
	CHUNKWORDS

runs:
	TESTQ	R10, R10
	JEQ	chunk
	// h, and the eight bytes before it (y, in BX), the byte before last.
	TZCNTQ	R10, R14
	MOVQ	R9, AX
	SHLQ	$6, AX
	ADDQ	AX, R14
	CMPQ	R14, $8
	JLT	ystart
	MOVQ	-8(SI)(R14*1), BX

ygot:
	// The shapes the bytes before the run allow: ctxb[key] & want (DX).
	MOVQ	BX, AX
	SHRQ	$56, AX
	LEAQ	·ctxClass(SB), CX
	MOVBLZX	(CX)(AX*1), DX
	MOVQ	BX, AX
	SHRQ	$48, AX
	MOVBLZX	AL, AX
	LEAQ	·c2Class(SB), CX
	MOVBLZX	(CX)(AX*1), AX
	ORL	AX, DX
	LEAQ	·alnumBit(SB), CX
	MOVQ	BX, AX
	SHRQ	$40, AX
	MOVBLZX	AL, AX
	MOVBLZX	(CX)(AX*1), AX
	ADDL	AX, AX
	ORL	AX, DX
	SHRQ	$8, BX
	MOVBLZX	BL, BX
	MOVBLZX	(CX)(BX*1), BX
	ORL	BX, DX
	MOVQ	88(DI), CX
	MOVWLZX	(CX)(DX*2), DX
	MOVWLZX	112(DI), AX
	ANDL	AX, DX
	// win: the digit bits from h (d>>r | dn<<(63-r)<<1), and e.
	MOVQ	R14, CX
	ANDL	$63, CX
	MOVQ	R11, R15
	SHRQ	CX, R15
	MOVQ	R12, AX
	XORL	$63, CX
	SHLQ	CX, AX
	ADDQ	AX, AX
	ORQ	AX, R15
	MOVQ	R15, AX
	NOTQ	AX
	TZCNTQ	AX, BX
	ADDQ	R14, BX
	CMPQ	R15, $-1
	JEQ	long

egot:
	// The byte after the run (0 at the text's end, e <= n).
	LEAQ	-1(R8), CX
	CMPQ	BX, CX
	CMOVQLT	BX, CX
	MOVBLZX	(SI)(CX*1), AX
	XORL	CX, CX
	CMPQ	BX, R8
	CMOVQGE	CX, AX
	LEAQ	·nextBits(SB), CX
	MOVWLZX	(CX)(AX*2), AX
	ANDL	AX, DX
	// The run's length, capped at 31.
	MOVQ	BX, AX
	SUBQ	R14, AX
	MOVL	$31, CX
	CMPQ	AX, CX
	CMOVQGT	CX, AX
	LEAQ	·lenBits(SB), CX
	MOVWLZX	(CX)(AX*2), AX
	ANDL	AX, DX
	// far: no ':' near h and at most six digits: no IPv6 shape.
	MOVQ	R13, AX
	NOTQ	AX
	MOVQ	R14, CX
	SHRQ	CX, AX
	LEAQ	-7(BX), CX
	SUBQ	R14, CX
	SHRQ	$63, CX
	ANDL	CX, AX
	NEGL	AX
	ANDL	$0x300, AX
	NOTL	AX
	ANDL	AX, DX
	TESTL	$0x300, DX
	JNE	colon

colondone:
	TESTL	DX, DX
	JEQ	next
	// The run's bits out (at wants them), then the shapes at need not
	// try: the formats whose last finding covers h, those without the
	// digits after h they need (fewDigits), a card group without a next
	// group of three digits after one byte or two (w).
	MOVQ	R14, 120(DI)
	MOVQ	BX, 128(DI)
	MOVQ	R15, 136(DI)
	MOVQ	BX, CX
	SUBQ	R14, CX
	INCQ	CX
	MOVQ	R15, AX
	SHRQ	CX, AX
	MOVQ	AX, CX
	SHRQ	$1, CX
	ANDQ	CX, AX
	SHRQ	$1, CX
	ANDQ	CX, AX
	ANDL	$3, AX
	ADDL	$3, AX
	SHRL	$2, AX
	XORL	$1, AX
	SHLL	$6, AX
	MOVQ	96(DI), CX
	MOVQ	R14, BX
	SUBQ	48(CX), BX
	SHRQ	$63, BX
	NEGL	BX
	ANDL	$0x60, BX
	ORL	BX, AX
	LEAQ	-2(R14), BX
	SUBQ	56(CX), BX
	SHRQ	$63, BX
	NEGL	BX
	ANDL	$0x4001, BX
	ORL	BX, AX
	LEAQ	-6(R14), BX
	SUBQ	64(CX), BX
	SHRQ	$63, BX
	SHLL	$1, BX
	ORL	BX, AX
	MOVQ	R14, BX
	SUBQ	72(CX), BX
	SHRQ	$63, BX
	NEGL	BX
	ANDL	$0x380, BX
	ORL	BX, AX
	MOVQ	R14, BX
	SUBQ	96(CX), BX
	SHRQ	$63, BX
	NEGL	BX
	ANDL	$0x3c00, BX
	ORL	BX, AX
	// fewDigits(win).
	MOVL	R15, BX
	ANDL	$0xffffff, BX
	POPCNTQ	BX, BX
	SUBQ	$13, BX
	SHRQ	$63, BX
	SHLL	$6, BX
	ORL	BX, AX
	MOVQ	$0xffffffffffff, BX
	ANDQ	R15, BX
	POPCNTQ	BX, BX
	SUBQ	$7, BX
	SHRQ	$63, BX
	NEGL	BX
	ANDL	$0x3c00, BX
	ORL	BX, AX
	MOVL	R15, BX
	ANDL	$0x7b7, BX
	XORL	$0x7b7, BX
	ADDL	$0x7ff, BX
	SHRL	$11, BX
	SHLL	$3, BX
	ORL	BX, AX
	NOTL	AX
	ANDL	AX, DX
	JNE	found

next:
	BLSRQ	R10, R10
	JMP	runs

found:
	MOVW	DX, 114(DI)
	XORL	AX, AX
	TESTQ	R14, R14
	JEQ	foundp
	MOVBLZX	-1(SI)(R14*1), AX

foundp:
	MOVB	AL, 116(DI)
	BLSRQ	R10, R10
	MOVQ	R9, 48(DI)
	MOVQ	R10, 56(DI)
	MOVQ	R13, 80(DI)
	MOVB	$1, ret+8(FP)
	RET

chunk:
	// The next chunk: its run starts but those inside words (scan).
	INCQ	R9
	CMPQ	R9, 40(DI)
	JGE	done
	MOVQ	R9, AX
	SUBQ	144(DI), AX
	CMPQ	AX, $numRunsChunks
	JGT	pause
	CHUNKWORDS
	MOVQ	R11, AX
	SHLQ	$1, AX
	ORQ	64(DI), AX
	NOTQ	AX
	ANDQ	R11, AX
	MOVQ	AX, R10
	MOVQ	R11, AX
	SHRQ	$63, AX
	MOVQ	AX, 64(DI)
	MOVQ	32(DI), CX
	MOVQ	R9, BX
	SHLQ	$4, BX
	MOVQ	(CX)(BX*1), AX
	ANDQ	R10, AX
	XORL	R13, R13
	CMPQ	104(DI), $0
	JEQ	chunkdone
	// near: colonsAfter(cc, cn) | colonsBefore(colPrev, cc), cn 0
	// after the last chunk (by CMOV: a branch would mispredict at the
	// end of most texts; cc read again there, not past the words).
	MOVQ	8(CX)(BX*1), R13
	LEAQ	8(CX)(BX*1), R15
	LEAQ	24(CX)(BX*1), R14
	LEAQ	1(R9), DX
	CMPQ	DX, 40(DI)
	CMOVQGE	R15, R14
	MOVQ	(R14), DX
	MOVL	$0, R15
	CMOVQGE	R15, DX
	MOVQ	R13, R14
	SHRQ	$1, DX, R14
	ORQ	R14, R13
	MOVQ	DX, R14
	SHRQ	$1, R14
	ORQ	R14, DX
	MOVQ	R13, R14
	SHRQ	$2, DX, R14
	ORQ	R14, R13
	MOVQ	DX, R14
	SHRQ	$2, R14
	ORQ	R14, DX
	MOVQ	R13, R14
	SHRQ	$4, DX, R14
	ORQ	R14, R13
	MOVQ	DX, R14
	SHRQ	$4, R14
	ORQ	R14, DX
	MOVQ	R13, R14
	SHRQ	$4, DX, R14
	ORQ	R14, R13
	MOVQ	8(CX)(BX*1), DX
	MOVQ	72(DI), R15
	MOVQ	DX, 72(DI)
	MOVQ	DX, R14
	SHLQ	$1, R15, R14
	ORQ	R14, DX
	MOVQ	R15, R14
	SHLQ	$1, R14
	ORQ	R14, R15
	MOVQ	DX, R14
	SHLQ	$2, R15, R14
	ORQ	R14, DX
	MOVQ	R15, R14
	SHLQ	$2, R14
	ORQ	R14, R15
	MOVQ	DX, R14
	SHLQ	$4, R15, R14
	ORQ	R14, DX
	ORQ	DX, R13
	// r6: runs of seven digits or more from k; in &^= r6 | near.
	MOVQ	R11, DX
	SHRQ	$1, R12, DX
	MOVQ	R12, R15
	SHRQ	$1, R15
	MOVQ	DX, R14
	SHRQ	$1, R15, R14
	ANDQ	R14, DX
	MOVQ	R15, R14
	SHRQ	$1, R14
	ANDQ	R14, R15
	MOVQ	DX, R14
	SHRQ	$2, R15, R14
	ANDQ	DX, R14
	SHRQ	$4, R15, DX
	ANDQ	R14, DX
	ORQ	R13, DX
	NOTQ	DX
	ANDQ	DX, AX

chunkdone:
	NOTQ	AX
	ANDQ	AX, R10
	JMP	runs

done:
	MOVQ	R9, 48(DI)
	MOVB	$0, ret+8(FP)
	RET

pause:
	// numRunsChunks read: back to the chunk just done (its runs all
	// visited, R10 0), to go on from the next at the next call.
	DECQ	R9
	MOVQ	R9, 48(DI)
	MOVQ	R10, 56(DI)
	MOVQ	R13, 80(DI)
	MOVW	$0, 114(DI)
	MOVB	$1, ret+8(FP)
	RET

ystart:
	// h < 8: the bytes before it, zeros before the text.
	XORL	BX, BX
	MOVQ	R14, CX

yloop:
	TESTQ	CX, CX
	JEQ	yshift
	DECQ	CX
	SHLQ	$8, BX
	MOVBLZX	(SI)(CX*1), AX
	ORQ	AX, BX
	JMP	yloop

yshift:
	MOVQ	$8, CX
	SUBQ	R14, CX
	SHLQ	$3, CX
	SHLQ	CX, BX
	JMP	ygot

long:
	// A run of 64 digits or more: digitsEnd from e.
	LEAQ	8(BX), AX
	CMPQ	AX, R8
	JGT	longtail
	MOVQ	(SI)(BX*1), AX
	MOVQ	$0x3030303030303030, CX
	XORQ	CX, AX
	MOVQ	$0x7f7f7f7f7f7f7f7f, CX
	ANDQ	AX, CX
	MOVQ	$0x7676767676767676, R14
	ADDQ	R14, CX
	ORQ	AX, CX
	MOVQ	$0x8080808080808080, AX
	ANDQ	AX, CX
	// (R14, h, again from the run's start bit.)
	TZCNTQ	R10, R14
	MOVQ	R9, AX
	SHLQ	$6, AX
	ADDQ	AX, R14
	TESTQ	CX, CX
	JNE	longfound
	ADDQ	$8, BX
	JMP	long

longfound:
	TZCNTQ	CX, CX
	SHRQ	$3, CX
	ADDQ	CX, BX
	JMP	egot

longtail:
	CMPQ	BX, R8
	JGE	egot
	MOVBLZX	(SI)(BX*1), AX
	SUBL	$48, AX
	CMPL	AX, $10
	JAE	egot
	INCQ	BX
	JMP	longtail

colon:
	// An IPv6 shape without IPv4's: colonNear(h, e) decides (R15 kept
	// in r meanwhile).
	TESTL	$0x80, DX
	JNE	colondone
	MOVQ	R15, 136(DI)
	MOVQ	BX, CX

colonf:
	CMPQ	CX, R8
	JGE	colonb
	MOVQ	CX, AX
	SUBQ	BX, AX
	CMPQ	AX, $5
	JGE	colonfend
	MOVBLZX	(SI)(CX*1), AX
	MOVL	AX, R15
	SUBL	$48, R15
	CMPL	R15, $10
	JB	colonfnext
	ORL	$0x20, AX
	SUBL	$97, AX
	CMPL	AX, $6
	JAE	colonfend

colonfnext:
	INCQ	CX
	JMP	colonf

colonfend:
	MOVBLZX	(SI)(CX*1), AX
	CMPL	AX, $58
	JEQ	colonyes

colonb:
	MOVQ	R14, CX

colonbl:
	TESTQ	CX, CX
	JEQ	colonbend
	MOVQ	R14, AX
	SUBQ	CX, AX
	CMPQ	AX, $5
	JGE	colonbend
	MOVBLZX	-1(SI)(CX*1), AX
	MOVL	AX, R15
	SUBL	$48, R15
	CMPL	R15, $10
	JB	colonbnext
	ORL	$0x20, AX
	SUBL	$97, AX
	CMPL	AX, $6
	JAE	colonbend

colonbnext:
	DECQ	CX
	JMP	colonbl

colonbend:
	TESTQ	CX, CX
	JEQ	colonno
	MOVBLZX	-1(SI)(CX*1), AX
	CMPL	AX, $58
	JEQ	colonyes

colonno:
	ANDL	$~0x300, DX

colonyes:
	MOVQ	136(DI), R15
	JMP	colondone
