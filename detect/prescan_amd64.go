//go:build !purego

package detect

// prescanAVX2 is the byte pass and teddy's kernel and probe in one: for
// chunks 64-byte chunks from src, then, if tail is not nil, the 64 bytes
// at tail (of which the bits of valid say which count), it stores three
// words a chunk in out: the digit bits, the base64 bits (as
// classifyChunks) and the Teddy candidates (as teddyChunks, from the start
// of the text, the tail's masked by valid, but for the first two bytes').
// It returns the text's flags (tfPercent, tfBackslash, tfNonASCII) with,
// in bits 6 and 7, the candidates among the first two bytes, and probes
// the others as teddy.probeGeneric does (text, the text; table, mul and
// mask, teddy's; spans, candidates' buffers), returning what it does.
//
//go:noescape
func prescanAVX2(masks *teddyMasks, src *byte, chunks int, tail *byte, valid uint64, out *uint64, text *byte, table *uint64, mul, mask uint32, spans *uint64) (fl textFlags, words, n, nt int)
