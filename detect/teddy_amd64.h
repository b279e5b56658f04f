// Included by teddy_amd64.s and prescan_amd64.s: the Teddy step both
// kernels run on each 32 bytes.

// TEDDY takes 32 text bytes in Y0 and leaves their low nibbles in Y1 and
// their high nibbles in Y0. The fingerprint bucket sets of the bytes go to
// c0, c1 (positions 0 and 1 of an anchor) and Y4 (position 2), from the
// nibble tables in Y8–Y13 (Y15: 0x0f bytes, Y14: zero); p0, p1 hold those of
// the previous 32 bytes. The positions where some bucket's three bytes end
// get a 0 bit in out (the candidates, inverted).
#define TEDDY(p0, p1, c0, c1, out) \
	VPAND	Y15, Y0, Y1 \
	VPSRLW	$4, Y0, Y0 \
	VPAND	Y15, Y0, Y0 \
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
	VPAND	Y5, Y4, Y4 \
	VPCMPEQB Y14, Y4, Y4 \
	VPMOVMSKB Y4, out
