//go:build !purego

#include "textflag.h"
#include "teddy_amd64.h"

// The byte classes by nibble: those of classLo/classHi in
// bytescan_amd64.s (bits 0x8f: the digit bit 0x80 and the base64
// classes), and the flags: 0x10 for '%' and '&' (0x25, 0x26: see
// tfPercent), 0x20 for '\' and '<' (0x5c, 0x3c: tfBackslash, low nibble
// 12, whose entry alone has 0x20), 0x40 for the non-ASCII bytes (high
// nibble 8 to 15).
DATA pclassLo<>+0(SB)/8, $0xc3d3d3c3c3c3c3c2
DATA pclassLo<>+8(SB)/8, $0x4d4149614943c3c3
GLOBL pclassLo<>(SB), RODATA|NOPTR, $16
DATA pclassHi<>+0(SB)/8, $0x02012601a0180000
DATA pclassHi<>+8(SB)/8, $0x4040404040404040
GLOBL pclassHi<>(SB), RODATA|NOPTR, $16

// 0x8f and 0x7f repeated: the class bits of classLo/classHi, and the
// saturating add that sets the top bit of non-zero bytes.
DATA p8f<>+0(SB)/8, $0x8f8f8f8f8f8f8f8f
DATA p8f<>+8(SB)/8, $0x8f8f8f8f8f8f8f8f
DATA p8f<>+16(SB)/8, $0x8f8f8f8f8f8f8f8f
DATA p8f<>+24(SB)/8, $0x8f8f8f8f8f8f8f8f
GLOBL p8f<>(SB), RODATA|NOPTR, $32
DATA p7f<>+0(SB)/8, $0x7f7f7f7f7f7f7f7f
DATA p7f<>+8(SB)/8, $0x7f7f7f7f7f7f7f7f
DATA p7f<>+16(SB)/8, $0x7f7f7f7f7f7f7f7f
DATA p7f<>+24(SB)/8, $0x7f7f7f7f7f7f7f7f
GLOBL p7f<>(SB), RODATA|NOPTR, $32

// 64 bytes 0xff then 64 zero: from 64-k, the mask of a tail of k bytes.
DATA ptailMask<>+0(SB)/8, $-1
DATA ptailMask<>+8(SB)/8, $-1
DATA ptailMask<>+16(SB)/8, $-1
DATA ptailMask<>+24(SB)/8, $-1
DATA ptailMask<>+32(SB)/8, $-1
DATA ptailMask<>+40(SB)/8, $-1
DATA ptailMask<>+48(SB)/8, $-1
DATA ptailMask<>+56(SB)/8, $-1
DATA ptailMask<>+64(SB)/8, $0
DATA ptailMask<>+72(SB)/8, $0
DATA ptailMask<>+80(SB)/8, $0
DATA ptailMask<>+88(SB)/8, $0
DATA ptailMask<>+96(SB)/8, $0
DATA ptailMask<>+104(SB)/8, $0
DATA ptailMask<>+112(SB)/8, $0
DATA ptailMask<>+120(SB)/8, $0
GLOBL ptailMask<>(SB), RODATA|NOPTR, $128

// ':' repeated.
DATA pcolon<>+0(SB)/8, $0x3a3a3a3a3a3a3a3a
DATA pcolon<>+8(SB)/8, $0x3a3a3a3a3a3a3a3a
DATA pcolon<>+16(SB)/8, $0x3a3a3a3a3a3a3a3a
DATA pcolon<>+24(SB)/8, $0x3a3a3a3a3a3a3a3a
GLOBL pcolon<>(SB), RODATA|NOPTR, $32

// 0x0f repeated (prescanAVX2 keeps the class tables in Y14, Y15).
DATA pnib<>+0(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA pnib<>+8(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA pnib<>+16(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA pnib<>+24(SB)/8, $0x0f0f0f0f0f0f0f0f
GLOBL pnib<>(SB), RODATA|NOPTR, $32
// PMASKS does the 32 bytes in Y0: it stores the digit bits at dst(DI),
// the base64 bits at 8+dst(DI), the ':' bits at 8+dst(R12) and the
// bytes' 0x20 bits (of the high nibbles in Y0: small letters, not
// capitals) at dst(SP), ORs the bytes' classes into acc-32(SP) (the
// flags), leaves the Teddy candidates (with the trigger bytes,
// masks.trig) in BX for its caller to store at 16+dst(DI) (see
// CANDWORD), and leaves the top bits of the '_' bytes set in Y0 and of
// the '+', '-' and '/' bytes in Y1 (class bits 0x04 and 0x08, shifted there: the word
// bytes are the other base64 bytes, the alphanumeric ones the word bytes
// but '_'). p0, p1: the previous 32 bytes' fingerprint
// sets (positions 0 and 1); c0, c1 get this one's. (See teddyAVX2 and
// classifyAVX2.)
#define PMASKS(p0, p1, c0, c1, dst) \
	VPCMPEQB pcolon<>(SB), Y0, Y5 \
	VPMOVMSKB Y5, AX \
	MOVL	AX, 8+dst(R12) \
	VPCMPEQB 96(R8), Y0, Y5 \
	VPCMPEQB 128(R8), Y0, Y4 \
	VPOR	Y4, Y5, Y5 \
	VPMOVMSKB Y5, BX \
	TEDDYP(p0, p1, c0, c1, AX, pnib<>(SB), p7f<>(SB)) \
	ORL	AX, BX \
	VPSHUFB	Y1, Y14, Y4 \
	VPSHUFB	Y0, Y15, Y5 \
	VPAND	Y4, Y5, Y5 \
	VPSLLW	$6, Y0, Y4 \
	VPMOVMSKB Y4, AX \
	MOVL	AX, dst(SP) \
	VPMOVMSKB Y5, AX \
	MOVL	AX, dst(DI) \
	VPSLLW	$5, Y5, Y0 \
	VPSLLW	$4, Y5, Y1 \
	VPOR	acc-32(SP), Y5, Y4 \
	VMOVDQU	Y4, acc-32(SP) \
	VPAND	p8f<>(SB), Y5, Y5 \
	VPADDUSB p7f<>(SB), Y5, Y5 \
	VPMOVMSKB Y5, AX \
	MOVL	AX, 8+dst(DI)

// PHALF does the 32 bytes at off(SI).
#define PHALF(off, p0, p1, c0, c1, dst) \
	VMOVDQU	off(SI), Y0 \
	PMASKS(p0, p1, c0, c1, dst)

// LOWBITS and HIGHBITS take the '_' and the '+', '-', '/' bits PMASKS
// left of the first and the second 32 bytes of a chunk into R9 and R10.
#define LOWBITS \
	VPMOVMSKB Y0, R9 \
	VPMOVMSKB Y1, R10

#define HIGHBITS \
	VPMOVMSKB Y0, AX \
	SHLQ	$32, AX \
	ORQ	AX, R9 \
	VPMOVMSKB Y1, AX \
	SHLQ	$32, AX \
	ORQ	AX, R10

// CANDWORD leaves in BX the chunk's Teddy candidates: the second 32
// bytes' PMASKS left in BX, the first's stored at 16(DI). Stored whole,
// the probe reads them in one load (which two 32-bit stores still in the
// store buffer could not forward: see WIDEN). (Long texts' chunks, but
// for the last seven, keep the two stores: the probe reads them long
// after.)
#define CANDWORD \
	SHLQ	$32, BX \
	MOVL	16(DI), AX \
	ORQ	AX, BX

// WIDEN rewrites the two 32-bit halves PMASKS stored at off(DI) as one
// 64-bit word, left in AX: a 64-bit load of two 32-bit stores still in
// the store buffer cannot be forwarded from them and waits until they are
// written (CHUNKEND and readRuns read the base64 words at once; the probe
// the candidate words, which CANDWORD stores whole).
#define WIDEN(off) \
	MOVL	4+off(DI), AX \
	SHLQ	$32, AX \
	MOVL	off(DI), BX \
	ORQ	BX, AX \
	MOVQ	AX, off(DI)

// SPREAD16 leaves bit k of each 64-bit lane of x set when bits k to k+15
// of the lane are all set (op VPAND) or any is (op VPOR); t is scratch.
#define SPREAD16(op, x, t) \
	VPSRLQ	$1, x, t \
	op	t, x, x \
	VPSRLQ	$2, x, t \
	op	t, x, x \
	VPSRLQ	$4, x, t \
	op	t, x, x \
	VPSRLQ	$8, x, t \
	op	t, x, x

// RUNWINDOWS puts the chunk's base64 word (at 8(DI)) and the 64 bits
// from the middle of the previous chunk (R11: its base64 word, then this
// one's) side by side in X0, the windows a run of 16 may lie in.
#define RUNWINDOWS \
	MOVQ	8(DI), AX \
	MOVQ	AX, BX \
	SHLQ	$32, R11, BX \
	MOVQ	AX, R11 \
	VMOVQ	AX, X0 \
	VPINSRQ	$1, BX, X0, X0

// CHUNKSTART is the first part of CHUNKEND and CHUNKENDALL: the base64
// word rewritten whole, the word contexts stored, the ':' bits ORed in,
// R9 left holding the chunk's letters (alphanumeric bytes but the
// digits) and AX the bytes' 0x20 bits (which tell small letters from
// capitals).
#define CHUNKSTART \
	WIDEN(8) \
	ANDNQ	AX, R10, R10 \
	ANDNQ	R10, R9, R9 \
	MOVQ	R10, AX \
	SHLQ	$1, R14, AX \
	MOVQ	R9, BX \
	SHLQ	$3, R13, BX \
	ANDQ	BX, AX \
	MOVQ	R9, BX \
	SHLQ	$7, R13, BX \
	ANDQ	BX, AX \
	MOVQ	AX, 0(R12) \
	MOVQ	R9, R13 \
	MOVQ	R10, R14 \
	MOVL	8(R12), AX \
	ORL	12(R12), AX \
	ORQ	AX, colons-48(SP) \
	ADDQ	$16, R12 \
	MOVL	4(DI), AX \
	SHLQ	$32, AX \
	MOVL	0(DI), BX \
	ORQ	BX, AX \
	ANDNQ	R9, AX, R9 \
	MOVL	4(SP), AX \
	SHLQ	$32, AX \
	MOVL	0(SP), BX \
	ORQ	BX, AX

// CHUNKEND finishes the chunk at DI and R12 (then advanced): the word
// contexts (as wordCtxGeneric: bit k when byte k-1 is a word byte and
// bytes k-3 and k-7 alphanumeric) from the alphanumeric bits (made in R9)
// and the word bits (made in R10), R13 and R14 holding the previous
// chunk's (then this one's); the ':' bits ORed into colons-48(SP); and
// the runs of 16 in the base64 bits (R11: the previous chunk's, then this
// one's), stored at R15 (then advanced): a run of 16 lies inside the
// chunk or inside the 64 bits from the middle of the previous one (the
// two windows side by side in X0, bit k of each left set when bits k to
// k+15 are). The base64 word is rewritten whole (WIDEN) first. The
// capitals (U) and small letters (L) of the chunk (the alphanumeric bytes
// but the digits, split by their 0x20 bits) are kept at 8(SP) and 16(SP)
// for the next chunk's middle window.
//
// Only a chunk with a run of 16 (rare in prose: X0 not zero) goes on,
// past done otherwise, to the rest: its runs ORed into runs-64(SP) and,
// for kfRunUse, an AND-spread over [U, Umid] in X1 leaves the runs of 16
// capitals, an OR-spread over [U, Umid, L, Lmid] in Y4 the windows of 16
// holding a capital, a small letter; those inside runs of 16, and the
// runs of 16 capitals in all four lanes, are ORed into 48(SP): a
// capital's lanes and a small letter's both non-zero (or sixteen capitals
// in a row) sets kfRunUse. (The capitals are base64 bytes: without a run
// of 16 base64 bytes the rest would OR in nothing.)
#define CHUNKEND(done) \
	CHUNKSTART \
	ANDNQ	R9, AX, R10 \
	ANDQ	AX, R9 \
	RUNWINDOWS \
	SPREAD16(VPAND, X0, X1) \
	VMOVDQU	X0, (R15) \
	ADDQ	$16, R15 \
	MOVQ	8(SP), AX \
	MOVQ	R10, 8(SP) \
	MOVQ	16(SP), BX \
	MOVQ	R9, 16(SP) \
	VPTEST	X0, X0 \
	JEQ	done \
	VPOR	runs-64(SP), X0, X1 \
	VMOVDQU	X1, runs-64(SP) \
	VMOVQ	R10, X4 \
	SHLQ	$32, AX, R10 \
	VPINSRQ	$1, R10, X4, X4 \
	VMOVQ	R9, X5 \
	SHLQ	$32, BX, R9 \
	VPINSRQ	$1, R9, X5, X5 \
	VMOVDQU	X4, X1 \
	VINSERTI128 $1, X5, Y4, Y4 \
	SPREAD16(VPAND, X1, X5) \
	SPREAD16(VPOR, Y4, Y5) \
	VPERMQ	$0x44, Y0, Y5 \
	VPAND	Y5, Y4, Y4 \
	VPERMQ	$0x44, Y1, Y5 \
	VPOR	Y5, Y4, Y4 \
	VPOR	48(SP), Y4, Y4 \
	VMOVDQU	Y4, 48(SP) \
done:

// CHUNKENDALL is CHUNKEND without the branch: the same outputs, all of
// the rest done in every chunk (the AND-spread over [B, Bmid, U, Umid] in
// Y0 leaves the runs of 16 capitals in its high lanes). For short texts
// and the tail, whose chunks have runs of 16 as often as not (a branch
// there mispredicts); CHUNKEND's for the chunks of long texts, mostly
// prose, where it is predictable.
#define CHUNKENDALL \
	CHUNKSTART \
	ANDNQ	R9, AX, BX \
	ANDQ	AX, R9 \
	VMOVQ	BX, X4 \
	MOVQ	8(SP), AX \
	MOVQ	BX, 8(SP) \
	SHLQ	$32, AX, BX \
	VPINSRQ	$1, BX, X4, X4 \
	VMOVQ	R9, X5 \
	MOVQ	16(SP), AX \
	MOVQ	R9, 16(SP) \
	SHLQ	$32, AX, R9 \
	VPINSRQ	$1, R9, X5, X5 \
	RUNWINDOWS \
	VINSERTI128 $1, X4, Y0, Y0 \
	VINSERTI128 $1, X5, Y4, Y4 \
	SPREAD16(VPAND, Y0, Y1) \
	SPREAD16(VPOR, Y4, Y5) \
	VMOVDQU	X0, (R15) \
	ADDQ	$16, R15 \
	VPOR	runs-64(SP), X0, X1 \
	VMOVDQU	X1, runs-64(SP) \
	VPERMQ	$0x44, Y0, Y1 \
	VPAND	Y1, Y4, Y4 \
	VPERMQ	$0xee, Y0, Y1 \
	VPOR	Y1, Y4, Y4 \
	VPOR	48(SP), Y4, Y4 \
	VMOVDQU	Y4, 48(SP)

// func prescanAVX2(t *teddy, text *byte, n int, out *uint64, bufs *teddyFused) (fl textFlags, more, nspans, nt, nh, vdone int)
//
// The result slots serve as scratch space until the results are stored:
// more's holds valid (the tail's bytes) until the probe, nspans' the
// probe's limit, nt's the word there.
TEXT ·prescanAVX2(SB), NOSPLIT, $160-88
	MOVQ	t+0(FP), R8
	MOVQ	text+8(FP), SI
	MOVQ	out+24(FP), DI
	// CX: the whole chunks; DX: the tail (nil if none), copied to
	// bufs.pad if its 64 bytes may cross into an unmapped page; valid:
	// its bytes'.
	MOVQ	n+16(FP), CX
	MOVQ	$1, R10
	SHLQ	CX, R10
	DECQ	R10
	MOVQ	R10, more+48(FP)
	SHRQ	$6, CX
	MOVQ	CX, DX
	SHLQ	$6, DX
	ADDQ	SI, DX
	TESTQ	R10, R10
	CMOVQEQ	R10, DX
	MOVL	DX, R9
	ANDL	$4095, R9
	CMPL	R9, $4032
	JA	pcopy

pcopied:
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
	VMOVDQU	Y6, acc-32(SP)
	XORQ	R11, R11
	MOVQ	R11, runs-64(SP)
	MOVQ	R11, runs-56(SP)
	MOVQ	R11, colons-48(SP)
	MOVQ	R11, 8(SP)
	MOVQ	R11, 16(SP)
	VMOVDQU	Y6, 48(SP)
	XORQ	R13, R13
	XORQ	R14, R14
	// R12: the word contexts, after the masks (3 words a chunk and the
	// empty chunk's); R15: the runs of 16, after them and a word.
	MOVQ	n+16(FP), R12
	ADDQ	$63, R12
	SHRQ	$6, R12
	MOVQ	R12, R15
	SHLQ	$4, R15
	LEAQ	3(R12)(R12*2), R12
	LEAQ	(DI)(R12*8), R12
	LEAQ	8(R12)(R15*1), R15
	JMP	ploop

pcopy:
	// The tail's bytes to bufs.pad (the bytes after them are ignored).
	MOVQ	bufs+32(FP), R9
	LEAQ	9216(R9), R9
	MOVQ	n+16(FP), R13
	ANDQ	$63, R13
	XORQ	R14, R14

pcopyb:
	MOVB	(DX)(R14*1), R15
	MOVB	R15, (R9)(R14*1)
	INCQ	R14
	CMPQ	R14, R13
	JB	pcopyb
	MOVQ	R9, DX
	JMP	pcopied

ploop:
	TESTQ	CX, CX
	JEQ	ptail
	CMPQ	CX, $8
	JAE	plong

pchunk:
	PHALF(0, Y6, Y7, Y2, Y3, 0)
	MOVL	BX, 16(DI)
	LOWBITS
	PHALF(32, Y2, Y3, Y6, Y7, 4)
	HIGHBITS
	CANDWORD
	MOVQ	BX, 16(DI)
	CHUNKENDALL
	ADDQ	$64, SI
	ADDQ	$24, DI
	DECQ	CX
	JNE	pchunk

ptail:
	TESTQ	DX, DX
	JEQ	pdone
	// The bytes past the text read as zero (no class, no flag); only
	// the candidates need masking.
	MOVQ	DX, SI
	MOVQ	n+16(FP), R9
	ANDQ	$63, R9
	LEAQ	ptailMask<>+64(SB), DX
	SUBQ	R9, DX
	VMOVDQU	0(SI), Y0
	VPAND	0(DX), Y0, Y0
	PMASKS(Y6, Y7, Y2, Y3, 0)
	MOVL	BX, 16(DI)
	LOWBITS
	VMOVDQU	32(SI), Y0
	VPAND	32(DX), Y0, Y0
	PMASKS(Y2, Y3, Y6, Y7, 4)
	HIGHBITS
	CANDWORD
	ANDQ	more+48(FP), BX
	MOVQ	BX, 16(DI)
	CHUNKENDALL

pdone:
	// The flags, as textFlags: '%', '\\' or '<', non-ASCII (class bits 0x10,
	// 0x20, 0x40 moved to the top); above, the first two bytes'
	// candidates (trigger bytes), cleared for PROBE.
	VMOVDQU	acc-32(SP), Y0
	VPSLLW	$3, Y0, Y1
	VPMOVMSKB Y1, R12
	VPSLLW	$2, Y0, Y1
	VPMOVMSKB Y1, R13
	VPSLLW	$1, Y0, Y1
	VPMOVMSKB Y1, R14
	VZEROUPPER
	// The runs of 16 of the chunk after the last: none.
	MOVQ	$0, (R15)
	MOVQ	$0, 8(R15)
	// Bit 3: a ':'; bit 4: a base64 run of 16.
	XORL	R9, R9
	XORL	R10, R10
	MOVQ	colons-48(SP), AX
	TESTQ	AX, AX
	SETNE	R9B
	SHLL	$3, R9
	MOVQ	runs-64(SP), AX
	ORQ	runs-56(SP), AX
	SETNE	R10B
	SHLL	$4, R10
	ORL	R10, R9
	// Bit 5: a run of 16 that holds a capital and one (maybe another)
	// that holds a small letter, or sixteen capitals in a row.
	MOVQ	48(SP), AX
	ORQ	56(SP), AX
	MOVQ	64(SP), BX
	ORQ	72(SP), BX
	XORL	R10, R10
	XORL	R11, R11
	TESTQ	AX, AX
	SETNE	R10B
	TESTQ	BX, BX
	SETNE	R11B
	ANDL	R11, R10
	SHLL	$5, R10
	ORL	R10, R9
	// NEGL sets the carry when its operand is not zero.
	XORL	AX, AX
	NEGL	R14
	ADCL	AX, AX
	NEGL	R13
	ADCL	AX, AX
	NEGL	R12
	ADCL	AX, AX
	MOVQ	out+24(FP), R8
	MOVQ	16(R8), BX
	MOVQ	BX, CX
	ANDL	$3, BX
	SHLL	$6, BX
	ORL	BX, AX
	ORL	R9, AX
	ANDQ	$~3, CX
	MOVQ	CX, 16(R8)
	MOVB	AL, fl+40(FP)

	// The probe (teddy.probeGeneric) over the candidate words, from
	// 16(out), 24 bytes apart, to the end or teddyFusedChunks words (the
	// limit, kept in nspans' slot), in one loop: when a word runs out,
	// the next is loaded without a branch (but for an empty word), and
	// the word at the limit reads as zero (it is kept in nt's slot
	// meanwhile), which ends it. Spans and trigger bytes each have room
	// for teddyFusedChunks words' candidates.
	MOVQ	n+16(FP), AX
	ADDQ	$63, AX
	SHRQ	$6, AX
	// The chunks left to the caller: those past teddyFusedChunks.
	LEAQ	-8(AX), BX
	XORQ	R10, R10
	TESTQ	BX, BX
	CMOVQLT	R10, BX
	MOVQ	BX, more+48(FP)
	MOVQ	$8, BX
	CMPQ	AX, BX
	CMOVQGT	BX, AX
	LEAQ	(AX)(AX*2), AX
	LEAQ	16(R8)(AX*8), AX
	MOVQ	AX, nspans+56(FP)
	MOVQ	(AX), BX
	MOVQ	BX, nt+64(FP)
	MOVQ	$0, (AX)
	ADDQ	$16, R8
	MOVQ	text+8(FP), SI
	MOVQ	$-64, DX
	MOVQ	t+0(FP), R11
	MOVL	192(R11), R12
	MOVL	196(R11), CX
	MOVQ	168(R11), R11
	MOVQ	bufs+32(FP), DI
	XORQ	BX, BX
	XORQ	R9, R9
	// From the first word (there is one).

fskip:
	// The next word, if any (DX: its offset in the text).
	CMPQ	R8, nspans+56(FP)
	JAE	fdone
	MOVQ	(R8), AX
	ADDQ	$24, R8
	ADDQ	$64, DX
	TESTQ	AX, AX
	JEQ	fskip

fcand:
	BSFQ	AX, R13
	ADDQ	DX, R13
	MOVBLZX	(SI)(R13*1), R15
	MOVBLZX	-256(R11)(R15*1), R10
	MOVQ	R13, 4096(DI)(R9*8)
	ADDQ	R10, R9
	MOVWLZX	-2(SI)(R13*1), R14
	SHLL	$16, R15
	ORL	R15, R14
	ORL	$0x202020, R14
	MOVL	R14, R15
	IMULL	R12, R15
	SHRL	$19, R15
	ANDL	CX, R15
	MOVQ	(R11)(R15*8), R15
	XORQ	R14, R15
	// The span if its low half is 0 (LEAQ leaves the carry alone).
	CMPL	R15, $1
	LEAQ	(R15)(R13*1), R14
	MOVQ	R14, (DI)(BX*8)
	ADCQ	$0, BX
	// The word's next candidate, or the next word's (R8, DX advanced).
	MOVQ	(R8), R10
	LEAQ	24(R8), R14
	LEAQ	64(DX), R15
	BLSRQ	AX, AX
	CMOVQEQ	R10, AX
	CMOVQEQ	R14, R8
	CMOVQEQ	R15, DX
	TESTQ	AX, AX
	JNE	fcand
	JMP	fskip

fdone:
	MOVQ	nspans+56(FP), AX
	MOVQ	nt+64(FP), R10
	MOVQ	R10, (AX)
	MOVQ	BX, nspans+56(FP)
	MOVQ	R9, nt+64(FP)

	// The verification (teddy.verifyGeneric) of the spans, the hits at
	// 8192(bufs); the end of the spans kept in vdone's slot.
	MOVQ	n+16(FP), DX
	MOVQ	bufs+32(FP), R8
	LEAQ	(R8)(BX*8), AX
	MOVQ	AX, vdone+80(FP)
	MOVQ	t+0(FP), R10
	MOVQ	200(R10), R10
	LEAQ	8192(R8), DI
	XORQ	BX, BX

	// (8(SP), the kernel's, is free now: VERIFY's scratch.)
	VERIFY(vdone+80(FP), 8(SP))

	SUBQ	bufs+32(FP), R8
	SHRQ	$3, R8
	MOVQ	R8, vdone+80(FP)
	MOVQ	BX, nh+72(FP)
	RET

plong:
	// Long texts (8 whole chunks or more): CHUNKEND's branch.
	PHALF(0, Y6, Y7, Y2, Y3, 0)
	MOVL	BX, 16(DI)
	LOWBITS
	PHALF(32, Y2, Y3, Y6, Y7, 4)
	MOVL	BX, 20(DI)
	HIGHBITS
	CHUNKEND(plongdone)
	ADDQ	$64, SI
	ADDQ	$24, DI
	DECQ	CX
	JNE	plong
	JMP	ptail
