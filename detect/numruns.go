package detect

import "unsafe"

// numRunState is numberScan.scan's run loop between calls of numRuns,
// which runs the loop in assembly, its state in registers (in Go, the
// call of at in the loop makes the compiler keep most of it on the stack,
// stored and reloaded at every run): the text, the digit masks and word
// contexts, the current chunk and its run starts not yet visited, and
// the run the loop stopped at, for at. numRuns reads the fields at fixed
// offsets (asserted in numruns_amd64.go).
type numRunState struct {
	text    *byte        // 0
	n       int          // 8: len(text)
	dm      *uint64      // 16: the first chunk's digit word
	stride  int          // 24: bytes from a chunk's digit word to the next's
	ctx     *uint64      // 32: word contexts and ':' bits, two words a chunk
	nch     int          // 40: chunks
	c       int          // 48: the chunk whose run starts are s (-1 before the first)
	s       uint64       // 56
	carry   uint64       // 64: the chunk's last bit of digits, for the next
	colPrev uint64       // 72: the chunk's ':' bits, for the next
	near    uint64       // 80: the chunk's near (scan)
	ctxb    *[256]uint16 // 88: ctxBits or ctxBitsNoV6
	nb      *numberScan  // 96: the last findings' ends (cardNext …)
	ipHex   uint64       // 104: 1 if an IPv6 address is looked for
	want    uint16       // 112
	m       uint16       // 114: out: the run's shapes
	p       byte         // 116: out: the byte before it
	h, e    int          // 120, 128: out: the run
	win     uint64       // 136: out: its digit bits
	entry   int          // 144: the chunk the call began at (numRuns's own)
}

// The shape bits numRuns spells as numbers.
const _ = -uint(nIBAN ^ 1 | nFiscal ^ 2 | nSSN3 ^ 8 | nCardGroup ^ 0x40 | nIPDot ^ 0x80 |
	(nIPHexPrev | nIPHexNext) ^ 0x300 | (nCardLong | nCardGroup) ^ 0x60 | (nIBAN | nIBANLong) ^ 0x4001 |
	nIP ^ 0x380 | nPhone ^ 0x3c00)

// init readies r for numRuns over the text of r.nb (set by the caller:
// stored through r, nb would escape, as if r were on the heap): its digit
// masks dm (stride words a chunk) and word contexts (nb.colons), with
// scan's want and ctxb. (Field by field, in place: a composite literal is
// built aside and copied.)
func (r *numRunState) init(dm []uint64, stride int, ctxb *[256]uint16, want uint16) {
	nb := r.nb
	text := nb.t.S
	r.text, r.n = unsafe.StringData(text), len(text)
	r.dm, r.stride = unsafe.SliceData(dm), 8*stride
	r.ctx, r.nch = unsafe.SliceData(nb.colons), len(nb.colons)/2
	r.c = -1
	r.ctxb, r.want = ctxb, want
	r.ipHex = uint64(want>>8|want>>9) & 1 // nIPHexPrev, nIPHexNext
}
