// Included by teddy_amd64.s, prescan_amd64.s and teddyprobe_amd64.s: the
// Teddy step both kernels run on each 32 bytes, and the probe loop
// (PROBE) prescanAVX2 and teddyProbeAsm run on the candidates.

// TEDDY takes 32 text bytes in Y0 and leaves their low nibbles in Y1 and
// their high nibbles in Y0. The fingerprint bucket sets of the bytes go to
// c0, c1 (positions 0 and 1 of an anchor) and Y4 (position 2), from the
// nibble tables in Y8–Y13 (Y15: 0x0f bytes, Y14: zero); p0, p1 hold those of
// the previous 32 bytes. The positions where some bucket's three bytes end
// get a 0 bit in out (the candidates, inverted). TEDDYM takes the 0x0f
// bytes and the zero vector as operands (registers or memory). TEDDYP
// gives the candidates as 1 bits: a saturating add of 0x7f (sat) sets the
// top bit of the non-zero sets.
#define TEDDYM(p0, p1, c0, c1, out, nib, zero) \
	TEDDYSETS(p0, p1, c0, c1, nib) \
	VPCMPEQB zero, Y4, Y4 \
	VPMOVMSKB Y4, out

#define TEDDYP(p0, p1, c0, c1, out, nib, sat) \
	TEDDYSETS(p0, p1, c0, c1, nib) \
	VPADDUSB sat, Y4, Y4 \
	VPMOVMSKB Y4, out

// TEDDYSETS leaves in Y4 the bucket sets of the anchors ending at each
// byte (see TEDDY).
#define TEDDYSETS(p0, p1, c0, c1, nib) \
	VPAND	nib, Y0, Y1 \
	VPSRLW	$4, Y0, Y0 \
	VPAND	nib, Y0, Y0 \
	VPSHUFB	Y1, Y8, c0 \
	VPSHUFB	Y0, Y9, Y5 \
	VPAND	Y5, c0, c0 \
	VPSHUFB	Y1, Y10, c1 \
	VPSHUFB	Y0, Y11, Y5 \
	VPAND	Y5, c1, c1 \
	VPSHUFB	Y1, Y12, Y4 \
	VPSHUFB	Y0, Y13, Y5 \
	VPAND	Y5, Y4, Y4 \
	VPERM2I128 $0x21, c1, p1, Y5 \
	VPALIGNR $15, Y5, c1, Y5 \
	VPAND	Y5, Y4, Y4 \
	VPERM2I128 $0x21, c0, p0, Y5 \
	VPALIGNR $14, Y5, c0, Y5 \
	VPAND	Y5, Y4, Y4

// TEDDY is TEDDYM with the 0x0f bytes in Y15 and zero in Y14.
#define TEDDY(p0, p1, c0, c1, out) TEDDYM(p0, p1, c0, c1, out, Y15, Y14)

// PROBE is teddy.probeGeneric's loop: SI the text, DX the offset of the
// chunk at R8 (its candidates), end the end of the candidate words
// (an operand), stride the bytes between them (an operand), R11 the
// table, R12 the multiplier, CX the mask, DI the spans; BX and R9 count
// the spans and the trigger bytes (after the spans: teddySpanBuf and
// teddyHitBuf are 128). It jumps to done when through.
#define PROBE(end, stride, done) \
chunk: \
	CMPQ	R8, end \
	JAE	done \
	LEAQ	(BX)(R9*1), R10 \
	CMPQ	R10, $64 \
	JA	done \
	MOVQ	(R8), AX \
	ADDQ	stride, R8 \
	TESTQ	AX, AX \
	JEQ	next \
cand: \
	BSFQ	AX, R13 \
	ADDQ	DX, R13 \
	MOVBLZX	(SI)(R13*1), R15 \
	MOVBLZX	-256(R11)(R15*1), R10 \
	MOVQ	R13, 1024(DI)(R9*8) \
	ADDQ	R10, R9 \
	MOVWLZX	-2(SI)(R13*1), R14 \
	SHLL	$16, R15 \
	ORL	R15, R14 \
	ORL	$0x202020, R14 \
	MOVL	R14, R15 \
	IMULL	R12, R15 \
	SHRL	$19, R15 \
	ANDL	CX, R15 \
	MOVQ	(R11)(R15*8), R15 \
	XORQ	R14, R15 \
	CMPL	R15, $1 \
	LEAQ	(R15)(R13*1), R14 \
	MOVQ	R14, (DI)(BX*8) \
	ADCQ	$0, BX \
	BLSRQ	AX, AX \
	JNE	cand \
next: \
	ADDQ	$64, DX \
	JMP	chunk

// VERIFY is teddy.verifyGeneric's loop (see teddyVerifyAsm): SI the text,
// DX its length, R8 the spans, end the end of them (an operand), R10 the
// anchors, DI the hits; BX counts the hits; lim (an operand, scratch) gets
// the last start whose 16 bytes are in the text, plus one (0 if none). It
// falls through when done, R8 at the first span not done. The pair in
// hand: the anchor's end R11 (of span R8), its keyword R12 (the offset of
// its teddyAnchor in anchors; AX: its address, R9: its tag), R13 of them
// left; CX the start. A keyword whose 16 bytes from its start are in the
// text compares in one VPTEST (the bytes past its first 16, or past it,
// masked); the others (vnear, near the text's ends) as verifyGeneric
// does, in two words, unless those do not fit (then Go compares: vedge).
// R14, R15 are scratch.
//
// (The next pair's keyword is found by counting, not from a field of
// this one's: a load there would chain the pairs' loads.)
#define VERIFY(end, lim) \
	MOVQ	DX, R13 \
	SUBQ	$15, R13 \
	MOVL	$0, R14 \
	CMOVQLT	R14, R13 \
	MOVQ	R13, lim \
	MOVL	(R8), R11 \
	MOVWQZX	6(R8), R12 \
	MOVWQZX	4(R8), R13 \
	JMP	vmore \
vloop: \
	LEAQ	(R10)(R12*1), AX \
	MOVQ	0(AX), R9 \
	MOVQ	8(AX), CX \
	ADDQ	R11, CX \
	CMPQ	CX, lim \
	JAE	vnear \
	ORQ	CX, R9 \
	MOVQ	R9, (DI)(BX*8) \
	VMOVDQU	(SI)(CX*1), X0 \
	VPOR	64(AX), X0, X0 \
	VPXOR	48(AX), X0, X0 \
	VPTEST	80(AX), X0 \
	ADCQ	$0, BX \
vnext: \
	MOVL	8(R8), AX \
	MOVWQZX	14(R8), R15 \
	MOVWQZX	12(R8), CX \
	LEAQ	8(R8), R9 \
	LEAQ	96(R12), R12 \
	DECQ	R13 \
	CMOVQEQ	R15, R12 \
	CMOVQEQ	CX, R13 \
	CMOVQEQ	AX, R11 \
	CMOVQEQ	R9, R8 \
	CMPQ	BX, $64 \
	JA	vfull \
vmore: \
	CMPQ	R8, end \
	JB	vloop \
	JMP	vdone \
vnear: \
	TESTQ	CX, CX \
	JL	vnext \
	MOVLQSX	16(AX), R14 \
	ADDQ	CX, R14 \
	CMPQ	R14, DX \
	JA	vedge \
	ORQ	CX, R9 \
	MOVQ	R9, (DI)(BX*8) \
	MOVQ	(SI)(CX*1), R14 \
	ORQ	64(AX), R14 \
	XORQ	48(AX), R14 \
	ANDQ	80(AX), R14 \
	XORQ	80(AX), R14 \
	MOVLQSX	20(AX), R15 \
	ADDQ	CX, R15 \
	MOVQ	(SI)(R15*1), R15 \
	ORQ	72(AX), R15 \
	XORQ	56(AX), R15 \
	ANDQ	88(AX), R15 \
	XORQ	88(AX), R15 \
	ORQ	R14, R15 \
	CMPQ	R15, $1 \
	ADCQ	$0, BX \
	JMP	vnext \
vedge: \
	ORQ	CX, R9 \
	BTSQ	$63, R9 \
	MOVQ	R9, (DI)(BX*8) \
	INCQ	BX \
	JMP	vnext \
vfull: \
	MOVWQZX	6(R8), AX \
	CMPQ	AX, R12 \
	JNE	vmore \
vdone:
