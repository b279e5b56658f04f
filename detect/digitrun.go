package detect

import (
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"unsafe"
)

// Digit runs are the anchors of every number format. Seven detectors look at
// them, and a prompt has many (dates, prices, versions, digits inside keys
// and hashes), so the runs of a text are read once, in one loop
// (numberScan.scan): each run's length (from the digit masks) and the
// bytes around it are read once, most runs are rejected with a few table
// lookups, and the formats the rest allow are tried there, with no list
// per detector and no call through an interface per run. The detectors' Find
// methods use the same matchers (cardAt, ibanAt …) on the hits they are
// given, so a detector run on its own finds what the scan finds.

// Each built-in number format has a bit: the detector's digitShape, by
// which the Scanner knows it and detectDigits finds it. Bit k is format k.
const (
	runAlpha2Before uint16 = 1 << iota // IBAN: two letters (the country) before the check digits
	runAlphaBefore                     // fiscal code: six letters (or a separator: in groups) before the year
	runLen11                           // partita IVA: eleven digits
	runSSN                             // US SSN: AAA and a separator, or nine digits
	runCard                            // card: 13–19 digits, or a group of 3–11 and a separator
	runIP                              // IP address: an octet followed by '.', or a colon close by
	runPhone                           // phone: after '+' or '(', 7+ digits, or 2+ digits and a separator
	runAny          uint16 = 0xffff
)

// The formats, numbered as their bits.
const (
	numIBAN = iota
	numFiscalCode
	numVAT
	numSSN
	numCard
	numIP
	numPhone
	numFormats
)

// digitShaper is implemented by the built-in detectors anchored on
// DigitRuns: the bit of their format.
type digitShaper interface {
	digitShape() uint16
}

func (creditCard) digitShape() uint16   { return runCard }
func (iban) digitShape() uint16         { return runAlpha2Before }
func (itFiscalCode) digitShape() uint16 { return runAlphaBefore }
func (itVAT) digitShape() uint16        { return runLen11 }
func (usSSN) digitShape() uint16        { return runSSN }
func (ipAddress) digitShape() uint16    { return runIP }
func (phone) digitShape() uint16        { return runPhone }

// The bytes around a run, and its length, say which formats can be there.
// Each condition below is implied by what the format's own matcher
// (cardAt, ibanAt …) requires, so it only saves work, except where noted.
// A format allowed in several shapes has a bit for each.
const (
	nIBAN      uint16 = 1 << iota // after a letter, 2+ digits, before a letter, ' ', '-' or '.' (and more, checked in the loop)
	nFiscal                       // after a letter, ' ' or '-', 1–2 digits, before a month or omocodia letter (and more, checked in the loop)
	nVAT                          // 11 digits
	nSSN3                         // not after a word byte, 3 digits and ' ', '-' or '.'
	nSSN9                         // not after a word byte, 9 digits
	nCardLong                     // not after a word byte, 13–19 digits
	nCardGroup                    // not after a word byte, 3–11 digits and ' ', '-' or '/'
	nIPDot                        // 1–3 digits and '.'
	nIPHexPrev                    // after a hex digit or ':' (then colonNear decides)
	nIPHexNext                    // before a hex digit or ':'
	nPhoneLead                    // after '+' or '('
	nPhoneLong                    // not after a word byte, 7+ digits
	nPhoneSep3                    // not after a word byte, 3 digits and ' ', '-', '.', '/' or ')'
	nPhoneSepX                    // the same with 2 or 4+ digits
	nIBANLong                     // after a letter, 13+ digits (an IBAN's 15 characters at least: any byte may follow)
	nFiscal4                      // fiscal code in fours: after two letters and a separator, 2 digits, before ' ' or '-'

	// Phone numbers other than "+…" and North American ones need a phone
	// word in the text.
	nPhoneWord = nPhoneLong | nPhoneSepX
	nPhone     = nPhoneLead | nPhoneSep3 | nPhoneWord

	nIP = nIPDot | nIPHexPrev | nIPHexNext
)

// numberBits are the bits of each format, indexed by format.
var numberBits = [numFormats]uint16{
	numIBAN:       nIBAN | nIBANLong,
	numFiscalCode: nFiscal | nFiscal4,
	numVAT:        nVAT,
	numSSN:        nSSN3 | nSSN9,
	numCard:       nCardLong | nCardGroup,
	numIP:         nIP,
	numPhone:      nPhone,
}

// prevBits, nextBits and lenBits give the shapes a run allows by the byte
// before it, the byte after it (0 at either end of the text) and its
// length (capped at 31: no format tells 20 digits from more).
var prevBits, nextBits, lenBits = func() (pb, nb [256]uint16, lb [32]uint16) {
	for c := range 256 {
		b := byte(c)
		pb[c] = nVAT | nIPDot | nIPHexNext
		nb[c] = nIBANLong | nIPHexPrev
		if !isAlnum(b) {
			// Not part of a longer code: a partita IVA (vatAt), a card
			// of 13–19 digits (cardAt) and nine bare SSN digits (ssnAt)
			// end at a byte that is not alphanumeric.
			nb[c] |= nVAT | nSSN9 | nCardLong
		}
		if !isAlpha(b) && b != '_' {
			// A phone number's first group is the run (phone.at), and
			// ends before a letter or '_' only where phoneSpan fails, or
			// with 16 digits or more, too many for phoneOK.
			nb[c] |= nPhoneLead | nPhoneLong
		}
		if isAlpha(b) {
			pb[c] |= nIBAN | nIBANLong | nFiscal | nFiscal4
		}
		if isAlnum(b) {
			// An IBAN of 15 characters or more goes on after its check
			// digits and a run of 12 or fewer, with a letter or a group
			// separator (ibanAt).
			nb[c] |= nIBAN
		}
		if isAlpha(b) && strings.IndexByte("ABCDEHLMNPQRSTUV", b&^0x20) >= 0 {
			// A fiscal code's year is followed by its month or an
			// omocodia letter (fiscalCodeValid's places 7 and 8).
			nb[c] |= nFiscal
		}
		if !isWord(b) {
			pb[c] |= nSSN3 | nSSN9 | nCardLong | nCardGroup | nPhoneLong | nPhoneSep3 | nPhoneSepX
		}
		switch b {
		case '+':
			// An international phone number: not a card (cardAt) nor a
			// partita IVA (vatAt).
			pb[c] &^= nCardLong | nCardGroup | nVAT
			pb[c] |= nPhoneLead
		case '(':
			pb[c] |= nPhoneLead
		case ' ', '-':
			// A fiscal code in groups: its year after the separator
			// (fiscalGroupedAt).
			pb[c] |= nFiscal
		case '/', '@':
			pb[c] &^= nPhoneLong | nPhoneSep3 | nPhoneSepX // phone.at: not after them
		}
		if isHexDigit(b) || b == ':' {
			pb[c] |= nIPHexPrev
			nb[c] |= nIPHexNext
		}
		switch b {
		case ' ', '-':
			// (A fiscal code in fours: the year ends its group.)
			nb[c] |= nSSN3 | nCardGroup | nPhoneSep3 | nPhoneSepX | nIBAN | nFiscal4
		case '.':
			// (An IBAN printed with dots between its groups: ibanSepAt;
			// a card typed so: cardMixed.)
			nb[c] |= nSSN3 | nIPDot | nPhoneSep3 | nPhoneSepX | nIBAN | nCardGroup
		case '/':
			nb[c] |= nPhoneSep3 | nPhoneSepX | nCardGroup // (cardAt: "6577/2508/3707/5259")
		case ')':
			nb[c] |= nPhoneSep3 | nPhoneSepX
		}
	}
	for n := range 32 {
		l := nIPHexPrev | nIPHexNext | nPhoneLead
		if n >= 2 {
			l |= nIBAN
			if n == 3 {
				l |= nPhoneSep3
			} else {
				l |= nPhoneSepX
			}
		}
		if n <= 2 {
			l |= nFiscal
		}
		if n == 2 {
			l |= nFiscal4
		}
		if n <= 3 {
			l |= nIPDot
		}
		if n >= 3 && n <= 11 {
			l |= nCardGroup
		}
		if n >= 13 && n <= 19 {
			l |= nCardLong
		}
		if n >= 13 {
			l |= nIBANLong
		}
		if n >= 7 {
			l |= nPhoneLong
		}
		switch n {
		case 3:
			l |= nSSN3
		case 9:
			l |= nSSN9
		case 11:
			l |= nVAT
		}
		if n > 17 {
			// The run is a phone number's first group: 18 digits or
			// more are too many (phoneOK: 15, or 17 after the
			// international prefix 00; phoneSpan reads them all, 16 a
			// group).
			l &^= nPhone
		}
		lb[n] = l
	}
	return
}()

// wordClass classifies the bytes before a run.
var wordClass = func() (t [256]uint8) {
	for c := range 256 {
		if isAlpha(byte(c)) {
			t[c] |= wcAlpha
		}
		if isAlnum(byte(c)) {
			t[c] |= wcAlnum
		}
		if isWord(byte(c)) {
			t[c] |= wcWord
		}
		if isDigit(byte(c)) {
			t[c] |= wcDigit
		}
		switch c {
		case '-', '.', ',', ':':
			t[c] |= wcJoin
		}
	}
	return
}()

const (
	wcAlpha = 1 << iota
	wcAlnum
	wcWord
	wcDigit
	wcJoin // '-', '.', ',', ':': joins the parts of a token
)

// digitsEnd returns the end of the run of digits from i (i if none). It
// reads eight bytes a step: a loop that stops at the first non-digit byte
// mispredicts its exit about once a call.
func digitsEnd(text string, i int) int {
	for i >= 0 && i+8 <= len(text) {
		if nd := nonDigits(load64(unsafe.Add(unsafe.Pointer(unsafe.StringData(text)), i))); nd != 0 {
			return i + bits.TrailingZeros64(nd)>>3
		}
		i += 8
	}
	for i < len(text) && text[i]-'0' < 10 {
		i++
	}
	return i
}

// nonDigits sets the high bit of each byte of x that is not an ASCII digit.
func nonDigits(x uint64) uint64 {
	const lo7, six, hi = 0x7f7f7f7f7f7f7f7f, 0x7676767676767676, 0x8080808080808080
	a := x ^ 0x3030303030303030 // digits are now 0–9
	// a byte is 10 or more: its high bit, or its low seven plus 0x76 carry into it
	return ((a & lo7) + six | a) & hi
}

// colonNear reports a ':' within the hex token around the run [i, e): the
// quick test for an IPv6 address.
func colonNear(text string, i, e int) bool {
	f := e
	for f < len(text) && f-e < 5 && isHexDigit(text[f]) {
		f++
	}
	if byteAt(text, f) == ':' {
		return true
	}
	b := i
	for b > 0 && i-b < 5 && isHexDigit(text[b-1]) {
		b--
	}
	return byteAt(text, b-1) == ':'
}

// detectDigits runs the detectors anchored on DigitRuns over the digit runs
// of text: the number formats over the byte pass's masks, the others over
// st.digits. A built-in number format's detector has no other keyword, so
// it never has keyword hits of its own; another detector with DigitRuns
// gets every run, or, if it has keyword hits too, is left to the caller,
// which merges the two lists.
func (s *Scanner) detectDigits(st *scanState, text string, run func(d int, hits []int)) {
	plan := s.numPlan // which detector reads which format: made by newScanner
	if len(plan) == planWant+planScan && plan[planScans] == 1 {
		// The usual plan: one scan, no other detector anchored on runs.
		dm, stride, ctx, colon := st.numberMasks(text)
		if ctx == nil {
			return // no digit
		}
		// t and colons set here, where nb is known to be on the stack:
		// scan's stores of them would have write barriers. Field by
		// field: a composite literal is built in a temporary and copied
		// 16 bytes at a time, loads that span two of its 8-byte stores
		// and so wait for them (no store forwarding), once a text.
		var nb numberScan
		nb.t, nb.colons = &st.text, ctx
		nb.want, nb.det = uint16(plan[planWant]), (*[numFormats]int)(plan[planWant+1:])
		nb.scan(dm, stride, colon)
		return
	}
	if len(st.digits) > 0 {
		for _, d := range plan[plan[planOthers]:] {
			if len(st.hits[d]) == 0 {
				run(d, st.digits)
			}
		}
	}
	if plan[planScans] == 0 {
		return
	}
	dm, stride, ctx, colon := st.numberMasks(text)
	for i := 0; ctx != nil && i < plan[planScans]; i++ {
		scan := plan[planWant+i*planScan : planWant+(i+1)*planScan]
		nb := numberScan{t: &st.text, colons: ctx, want: uint16(scan[0]), det: (*[numFormats]int)(scan[1:])}
		nb.scan(dm, stride, colon)
	}
}

// setMasks records that st.masks are the byte pass's over text, stride
// words a chunk (prefilter.prescan's), and an empty chunk after the last.
func (st *scanState) setMasks(text string, stride int) {
	st.maskPtr, st.maskLen, st.maskStride = uintptr(unsafe.Pointer(unsafe.StringData(text))), len(text), stride
}

// numberMasks returns the digit masks of text, stride words a chunk, then
// an empty chunk (the byte pass's, or made here if st does not hold them),
// and its word contexts and ':' bits (wordCtx; the fused kernel's, made in
// the byte pass, where prescan ran it), two words a chunk (nil if the text
// has no digit), and 2 if it holds a ':', else 0.
func (st *scanState) numberMasks(text string) (dm []uint64, stride int, ctx []uint64, colon uint64) {
	nch := (len(text) + 63) / 64
	p := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	if st.maskStride == 3 && st.maskLen == len(text) && st.maskPtr == p {
		// The fused kernel's (prescan; never over an empty text): it made
		// the word contexts too. By pointer, as prescan sized the masks:
		// a bounds check is a branch per text (as is unsafe.Slice's).
		dm = st.masks[:3*nch+3]
		m := unsafe.Pointer(unsafe.SliceData(dm))
		// Whether the text has a digit, as below.
		any := *(*uint64)(m) | *(*uint64)(unsafe.Add(m, 24*(nch-1))) | uint64((2-nch)>>63)
		if any == 0 {
			return dm, 3, nil, 0
		}
		ctx, colon = fusedCtx(st.masks, nch)
		return dm, 3, ctx, colon
	}
	if cap(st.nbuf) < 3*nch+1 {
		st.nbuf = make([]uint64, 3*nch+16)
	}
	if st.maskStride != 0 && st.maskLen == len(text) && st.maskPtr == p {
		// st.masks's length is not kept up to date (see prescan).
		dm, stride = st.masks[:st.maskStride*(nch+1)], st.maskStride
	} else {
		// Not the text of the last byte pass (tests and benchmarks call
		// detect directly): its digits byte by byte.
		dm, stride = st.nbuf[2*nch:3*nch+1], 1
		clear(dm)
		for i := 0; i < len(text); i++ {
			if isDigit(text[i]) {
				dm[i>>6] |= 1 << (i & 63)
			}
		}
	}
	// Whether the text has a digit, without a loop for the usual texts of
	// one or two chunks (a longer one is taken to have one).
	if nch == 0 {
		return dm, stride, nil, 0
	}
	any := dm[0] | dm[(nch-1)*stride] | uint64((2-nch)>>63)
	if any == 0 {
		return dm, stride, nil, 0
	}
	ctx = st.nbuf[:2*nch]
	return dm, stride, ctx, wordCtx(text, ctx)
}

// A number plan: [scans, others, then for each scan want and a detector
// per format, then the other detectors anchored on DigitRuns].
const (
	planScans  = 0
	planOthers = 1
	planWant   = 2
	planScan   = 1 + numFormats
)

// numberPlan appends to plan which detector reads each number format. A
// format whose detector is listed twice (only in tests) needs a second
// scan; a detector that is not a built-in number format gets every run.
// Built-in formats have no other keyword, so they never have keyword
// hits of their own; another detector's are merged by the caller.
func (s *Scanner) numberPlan(plan []int) []int {
	plan = append(plan[:0], 0, 0)
	var others []int
	for k, d := range s.digital {
		f := numFormat(s.digitMask[k])
		if f < 0 {
			others = append(others, d)
			continue
		}
		i := 0
		for ; i < plan[planScans]; i++ {
			if uint16(plan[planWant+i*planScan])&numberBits[f] == 0 {
				break
			}
		}
		if i == plan[planScans] {
			plan = append(plan, make([]int, planScan)...)
			plan[planScans]++
		}
		plan[planWant+i*planScan] |= int(numberBits[f])
		plan[planWant+i*planScan+1+f] = d
	}
	plan[planOthers] = len(plan)
	return append(plan, others...)
}

// numFormat is the built-in number format of a detector's shape mask, or -1.
func numFormat(mask uint16) int {
	if mask >= 1<<numFormats || mask&(mask-1) != 0 || mask == 0 {
		return -1
	}
	return bits.TrailingZeros16(mask)
}

// numberScan is one pass of the number formats over a text's digit runs.
type numberScan struct {
	t        *Text
	det      *[numFormats]int // each format's detector
	want     uint16           // the shapes of the formats scanned for
	colons   []uint64         // word contexts and ':' bits (wordCtx)
	cardNext int              // where the last finding of each format ends
	ibanNext int
	cfNext   int
	ip       ipScan
	phone    phoneScan
	ssnTable tableSeen // the table an SSN's column was looked for in last (ssnColumn)
}

// scan reads the runs of nb.t once, from the digit masks dm (stride
// words a chunk, then an empty chunk) and word contexts nb.colons
// (numberMasks). Runs inside words (most: keys, hashes) are dropped a
// chunk at a time, by bit operations; the others are rejected here, from
// their length (the digit bits) and the bytes around them (the eight
// before read at once), or go to at. (Where the CPU has AVX2, the loop
// runs in assembly: numRuns.)
func (nb *numberScan) scan(dm []uint64, stride int, colon uint64) {
	nb.scanRuns(dm, stride, colon)
	if nb.want&nPhone != 0 && !nb.phone.context {
		phonesAfterAddresses(nb.t, nb.det[numPhone])
	}
}

// scanRuns is scan's pass over the runs.
func (nb *numberScan) scanRuns(dm []uint64, stride int, colon uint64) {
	want, ctxb := nb.prepare(colon)
	if haveNumRuns {
		// The loop below in assembly: it stops at each run at must try.
		var r numRunState
		r.nb = nb
		r.init(dm, stride, ctxb, want)
		for numRuns(&r) {
			if r.m == 0 {
				// A pause after numRunsChunks chunks: the loop has no
				// preemption point of its own (numRuns is assembly,
				// and at is not called), so yield here for a stop of
				// the world that may be waiting.
				runtime.Gosched()
				continue
			}
			nb.at(r.h, r.e, r.p, r.m, r.win)
		}
		return
	}
	t, ctx := nb.t, nb.colons
	text := t.S
	// After a letter or '_' (inside a word) only the country code of an
	// IBAN or a partita IVA, two letters back, or the start of a fiscal
	// code, six back, can be there, or an IPv6 address with a ':' close
	// by: a run after a word byte with alphanumerics three and seven back
	// (ctx) is dropped, unless an IPv6 address is looked for.
	ipHex := want&(nIPHexPrev|nIPHexNext) != 0
	var carry, colPrev uint64
	for c := 0; 2*c < len(ctx); c++ {
		cx := ctx[2*c]
		d, dn := dm[c*stride], dm[(c+1)*stride]
		s := d &^ (d<<1 | carry)
		carry = d >> 63
		in := s & cx
		// Bit k of near: a ':' within [k-7, k+11] (this chunk's bits
		// and its neighbours'), where an IPv6 test (colonNear, or
		// ipv6Token for a run before a '.') of a run of at most six
		// digits from k needs one (within [h-6, e+5]). By bit
		// operations, once a chunk, not a search for the next ':' (a
		// branch per run and per chunk, each the text's whim).
		var near uint64
		if ipHex {
			cc := ctx[2*c+1]
			cn := ctx[min(2*c+3, len(ctx)-1)] & -(uint64(2*c+3-len(ctx)) >> 63) // 0 after the last chunk
			near = colonsAfter(cc, cn) | colonsBefore(colPrev, cc)
			colPrev = cc
			if in != 0 {
				// Bit k of r6: bits k+1 … k+6 of the digits (and the
				// next chunk's) all set: a run of seven digits or more
				// from k.
				r1, h1 := d>>1|dn<<63, dn>>1
				r2, h2 := r1&(r1>>1|h1<<63), h1&(h1>>1)
				r4 := r2 & (r2>>2 | h2<<62)
				r6 := r4 & (r2>>4 | h2<<60)
				in &= ^r6 &^ near
			}
		}
		for s &^= in; s != 0; s &= s - 1 {
			h := c*64 + bits.TrailingZeros64(s)
			// The eight bytes before the run, the byte before it last.
			var y uint64
			if h >= 8 {
				y = textLoad64(text, h-8)
			} else {
				y = wordBefore(text, h)
			}
			// The run's length from the digit bits (64 of them from h; a
			// longer run is read on from there), not from its bytes: no
			// branch on whether the run ends within the eight bytes loaded.
			// (Shift counts masked to 63, which they do not exceed, so the
			// compiler adds no test for larger ones.)
			r := uint(h-c*64) & 63
			win := d>>r | dn<<((63-r)&63)<<1
			e := h + bits.TrailingZeros64(^win)
			if win == ^uint64(0) {
				e = digitsEnd(text, e)
			}
			p := byte(y >> 56)
			// The byte after the run, 0 at the text's end (e <= len(text)).
			nx := *(*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(text)), min(e, len(text)-1))) &
				-byte(uint(e-len(text))>>63)
			// The shapes the bytes before the run allow (ctxBits: prevBits,
			// and the tests of the bytes two, three and seven back), by table,
			// not branches: which runs follow letters or "1." is the text's whim.
			key := ctxClass[p] | c2Class[byte(y>>48)] | alnumBit[byte(y>>40)]<<1 | alnumBit[byte(y>>8)]
			m := want & ctxb[key] & nextBits[nx] & lenBits[min(uint(e-h), 31)]
			// colonNear (and at's colonIn for a run before a '.') needs a
			// ':' within [h-6, e+5]: for a run of at most six digits, near.
			far := uint16(^near>>(uint(h)&63)) & uint16(uint(e-h-7)>>63)
			m &^= (nIPHexPrev | nIPHexNext) * far
			if m&(nIPHexPrev|nIPHexNext) != 0 && m&nIPDot == 0 && !colonNear(text, h, e) {
				m &^= nIPHexPrev | nIPHexNext
			}
			if m == 0 {
				continue
			}
			// The shapes at need not try are dropped here, by arithmetic,
			// not to call at for nothing. Those of a format whose last
			// finding covers h: its matcher is not tried there (at's
			// tests, and ipScan.at's and phoneScan.at's first one, which
			// return before changing any state); a run inside a finding
			// (a card's, a phone number's or an address's later groups)
			// is common and its place the text's whim. And those without
			// the digits after h their matcher needs (fewDigits); cardAt
			// wants a next group of at least three digits, after a
			// separator of one byte or two ("4341  0965 …"): bits e+1 to
			// e+3 or e+2 to e+4 of win (the card group shape has at most 11
			// digits: e+4 is within win; for a longer run w does not
			// matter, so its shift count may be masked).
			x := win >> (uint(e+1-h) & 63)
			w := x & (x >> 1) & (x >> 2) & 3
			m &^= (nCardLong|nCardGroup)*uint16(uint(h-nb.cardNext)>>63) |
				(nIBAN|nIBANLong)*uint16(uint(h-2-nb.ibanNext)>>63) | nFiscal*uint16(uint(h-6-nb.cfNext)>>63) |
				nIP*uint16(uint(h-nb.ip.next)>>63) | nPhone*uint16(uint(h-nb.phone.next)>>63) |
				fewDigits(win) | nCardGroup*uint16((w+3)>>2^1)
			if m != 0 {
				nb.at(h, e, p, m, win)
			}
		}
	}
}

// prepare drops from nb.want the shapes the text rules out as a whole
// and returns them, and the table of the shapes the bytes before a run
// allow (ctxTables), given whether the text has a ':' (colon 2) or not (0).
func (nb *numberScan) prepare(colon uint64) (uint16, *[256]uint16) {
	t := nb.t
	// Without a ':' in the text no IPv6 address can be found. (Without
	// branches: whether a text has a ':' is its whim.)
	has := int(colon >> 1) // 0 or 1
	nb.ip.noV6 = has == 0
	nb.want &^= (nIPHexPrev | nIPHexNext) * uint16(1-has)
	// Phone numbers other than "+…" and North American ones need a phone
	// word in the text (phoneScan.at): whether one may be (its stems) is
	// known now. (Without one, those after an address are looked for
	// apart: phonesAfterAddresses.)
	if nb.want&nPhone != 0 {
		nb.phone.asked = true
		nb.phone.context = t.stemsFound(phoneWords) || t.stemsFound(phoneWeakWords)
		nb.phone.addrs = len(t.addressHitList()) > 0
		words := nPhoneLong // (a number in groups may start with 00: intlPrefix)
		if nb.phone.context {
			words = 0
		}
		nb.want &^= words
	}
	return nb.want, ctxTables[has&1]
}

// wordBefore returns the eight bytes of text before i as a little-endian
// word, zero bytes before the text's start.
func wordBefore(text string, i int) uint64 {
	var w uint64
	for k := i - 8; k < i; k++ {
		w = w>>8 | uint64(byteAt(text, k))<<56
	}
	return w
}

// ctxBits is indexed by ctxClass of the byte before a run (bits 4–7:
// bytes alike before a run share a class) | c2Class of the byte two before
// (bits 2–3) | alnumBit of the bytes three (bit 1) and seven (bit 0)
// before; it gives the shapes the bytes before a run allow (ctxShape).
var (
	ctxClass, c2Class, alnumBit [256]uint8
	ctxBits                     [256]uint16
	// ctxBitsNoV6 is ctxBits for a text without a ':': no IPv4 address
	// after a word byte or a digit and '.' (ipv4At), nor an IPv6 one (no
	// ':').
	ctxBitsNoV6 [256]uint16
	ctxTables   = [2]*[256]uint16{&ctxBitsNoV6, &ctxBits} // by whether a ':'
)

func init() {
	// Bytes with the same prevBits, word and join behaviour share a class.
	type pkey struct {
		bits       uint16
		word, join bool
		b          byte
	}
	var classes []pkey
	for c := range 256 {
		b := byte(c)
		k := pkey{bits: prevBits[c], word: isWord(b), join: wordClass[c]&wcJoin != 0}
		if k.join {
			k.b = b // '-', '.', ',' and ':' differ
		}
		i := slices.Index(classes, k)
		if i < 0 {
			i = len(classes)
			classes = append(classes, k)
		}
		ctxClass[c] = uint8(i) << 4
		if isAlnum(b) {
			alnumBit[c] = 1
		}
		switch {
		case isDigit(b):
			c2Class[c] = 2 << 2
		case isAlpha(b):
			c2Class[c] = 1 << 2
		case b == ' ':
			c2Class[c] = 3 << 2 // a fiscal code's two-space separator
		}
	}
	if len(classes) > 16 {
		panic("detect: too many byte classes before a run")
	}
	for pc, k := range classes {
		for c2 := range 4 {
			for a3 := range 2 {
				for a7 := range 2 {
					m := ctxShape(k.bits, k.word, k.b, c2, a3 == 1, a7 == 1)
					ctxBits[pc<<4|c2<<2|a3<<1|a7] = m
					if k.word || k.b == '.' && c2 == 2 {
						m &^= nIPDot // ipv4At: not after a word byte nor "1."
					}
					ctxBitsNoV6[pc<<4|c2<<2|a3<<1|a7] = m
				}
			}
		}
	}
}

// ctxShape returns the shapes a run allows after the bytes p (of prevBits
// pb, a word byte or not, join byte j or 0), b2 (c2: 0 not alphanumeric,
// 1 a letter, 2 a digit, 3 a space), b3 and b7 (alphanumeric or not).
func ctxShape(pb uint16, word bool, j byte, c2 int, a3, a7 bool) uint16 {
	m := pb
	// A fiscal code's year: in the compact form after its six letters (a
	// letter two back, a letter three back, none seven back: fiscalCodeAt);
	// in groups after a space or dash and the name's last letters, or two
	// spaces and them (fiscalGroupedAt; prevBits: only after a letter, ' '
	// or '-'); in fours after the second group's first two letters (a
	// letter two back, the separator three back, the first group seven
	// back).
	switch {
	case word && c2 == 1 && a3 && !a7, !word && a3 && (c2 == 1 || c2 == 3 && j == 0):
		m &^= nFiscal4
	case word && c2 == 1 && !a3 && a7:
		m &^= nFiscal
	default:
		m &^= nFiscal | nFiscal4
	}
	if c2 == 3 {
		c2 = 0 // otherwise as any byte that is not alphanumeric
	}
	// Inside a word (after a word byte, alphanumerics three and seven
	// back) only an IPv6 address can be there: not an IBAN (ibanAt: no
	// alphanumeric before the country code), a fiscal code (fiscalCodeAt:
	// none before its six letters), a partita IVA (vatAt: "IT" alone) nor
	// the formats prevBits rules out after a word byte.
	if word && a3 && a7 {
		m &= nIP
	}
	// An IBAN's country code is a word of two letters; a fiscal code
	// starts a word six letters back (fiscalCodeValid: letters there); a
	// partita IVA touches only "IT" (vatAt).
	if c2 != 1 || a3 {
		m &^= nIBAN | nIBANLong
		if word {
			m &^= nVAT
		}
	}
	// After "x-", "1.", "1:" …: inside a longer token, a phone number
	// (phone.atRun) cannot start, except three digits after a lone digit
	// and '-' or '.' (NANP's trunk prefix, "1-415-555-0132"), or any after
	// a label glued to it ("Tel:3459211249": phoneStart asks for a phone
	// word); nor, after
	// a digit and '.', a card or an SSN (numberStart); nor an SSN after
	// "x-" (ssnAt), nor a partita IVA after a digit and '.' or '-'
	// (vatAt). After "x," any of them can: the comma separates fields
	// (numberStart).
	if j != 0 && j != ',' {
		if c2 != 0 && (j != ':' || c2 != 1) {
			m &^= nPhoneLong | nPhoneSepX
			if c2 != 2 || a3 || j == ':' {
				m &^= nPhoneSep3
			}
		}
		if c2 != 0 {
			if j == '-' {
				m &^= nSSN3 | nSSN9
			}
		}
		if c2 == 2 && j != ':' {
			m &^= nVAT
			if j != '-' {
				m &^= nSSN3 | nSSN9 | nCardLong | nCardGroup
			}
		}
	}
	return m
}

// colonsAfter and colonsBefore give the bits k of a chunk with a ':'
// within [k-7, k+11] (their OR), from the ':' bits of the chunk before
// (prev), the chunk (cur) and the one after (next). (Two functions, each
// small enough to be inlined.)
//
// colonsAfter: bits k … k+11 (k+1, k+3, k+7, then k+11), the next chunk's
// above 63.
func colonsAfter(cur, next uint64) uint64 {
	lo1, hi1 := cur|cur>>1|next<<63, next|next>>1
	lo2, hi2 := lo1|lo1>>2|hi1<<62, hi1|hi1>>2
	lo4, hi4 := lo2|lo2>>4|hi2<<60, hi2|hi2>>4
	return lo4 | lo4>>4 | hi4<<60
}

// colonsBefore: bits k-7 … k (k-1, k-3, then k-7), the chunk before's
// below 0.
func colonsBefore(prev, cur uint64) uint64 {
	u1, p1 := cur|cur<<1|prev>>63, prev|prev<<1
	u2, p2 := u1|u1<<2|p1>>62, p1|p1<<2
	return u2 | u2<<4 | p2>>60
}

// colonIn reports a ':' in text[lo:hi+1], hi-lo < 64, from the ':' bits
// of nb.colons.
func (nb *numberScan) colonIn(lo, hi int) bool {
	lo = max(lo, 0)
	c := lo >> 6
	var w uint64
	if 2*c+1 < len(nb.colons) {
		w = nb.colons[2*c+1] >> (lo & 63)
	}
	if r := 64 - lo&63; r < 64 && 2*c+3 < len(nb.colons) {
		w |= nb.colons[2*c+3] << r
	}
	return hi >= lo && w&(^uint64(0)>>uint(63-(hi-lo))) != 0
}

// at tries the formats of shapes m at the run text[h:e], after p; bit k
// of win is whether byte h+k is a digit (k < 64). scan has dropped the
// shapes whose matcher would fail at once (no finding follows from them).
func (nb *numberScan) at(h, e int, p byte, m uint16, win uint64) {
	t := nb.t
	text := t.S
	// Shapes that cannot lead to a finding, from what their matchers
	// require of the bytes after the run (above: a card group without
	// three digits next).
	if m&nIPDot != 0 && (wordClass[p]&wcWord != 0 || !dottedQuad(win)) {
		// No IPv4 address starts here (ipv4At: not after a word byte,
		// and four groups of one to three digits). Nor an IPv6 address,
		// without a ':' within [h-6, e+5] (ipv6Token stops at the '.').
		if nb.ip.noV6 || !nb.colonIn(h-6, e+5) {
			m &^= nIP // and colonNear fails too
		}
	}
	if m&nIP != 0 {
		// The IP detector remembers how far it examined IPv6 tokens, so it
		// must see exactly these runs, not a superset.
		if a, b := nb.ip.at(t, h); b > a {
			t.emitAs(nb.det[numIP], a, b)
		}
	}
	if m&nVAT != 0 {
		if a, ok := vatAt(t, h, e); ok {
			t.emitAs(nb.det[numVAT], a, e)
		}
	}
	if m&(nIBAN|nIBANLong) != 0 { // h-2 >= nb.ibanNext (above)
		if j, ok := ibanPrinted(text, h); ok {
			t.emitAs(nb.det[numIBAN], h-2, j)
			nb.ibanNext = j
		}
	}
	// (scan drops nFiscal, not nFiscal4, where h-6 < nb.cfNext.)
	if m&(nFiscal|nFiscal4) != 0 && h-6 >= nb.cfNext {
		// fiscalAt, but the code in fours only where its shape is.
		s, e, ok := h-6, h+10, false
		if wordClass[p]&wcAlpha != 0 {
			ok = fiscalCodeAt(text, h)
		}
		if !ok && (wordClass[p]&wcAlpha == 0 || m&nFiscal4 != 0) {
			s, e, ok = fiscalGroupedAt(text, h)
		}
		if ok {
			t.emitAs(nb.det[numFiscalCode], s, e)
			nb.cfNext = e
		}
	}
	// A card or SSN shape implies numberStart: not after a word byte
	// (prevBits), nor after a digit and '.' (ctxShape).
	if m&(nCardLong|nCardGroup|nSSN3|nSSN9) != 0 {
		if m&(nCardLong|nCardGroup) != 0 { // h >= nb.cardNext (above)
			if j, ok := cardAt(text, h, e); ok && !productCodeBefore(text, h) {
				t.emitAs(nb.det[numCard], h, j)
				nb.cardNext = j
			}
		}
		if m&(nSSN3|nSSN9) != 0 {
			if j, ok := ssnAt(t, h, e, &nb.ssnTable); ok {
				t.emitAs(nb.det[numSSN], h, j)
			}
		}
	}
	// Unlike the others, this shape decides: a single digit after a space
	// is never where a phone number is looked for.
	if m&nPhone != 0 { // h >= nb.phone.next (above)
		if a, b := nb.phone.atRun(t, h, e); b > a {
			t.emitAs(nb.det[numPhone], a, b)
		}
	}
}

// dottedQuad reports whether the digits from a run's start, bit k of win
// being whether byte k is a digit, have an IPv4 address's shape: four
// runs of one to three digits, one byte between each (ipv4At requires
// it). By bit counts, not branches.
func dottedQuad(win uint64) bool {
	n1 := uint(bits.TrailingZeros64(^win))
	x := win >> n1 >> 1
	n2 := uint(bits.TrailingZeros64(^x))
	x = x >> n2 >> 1
	n3 := uint(bits.TrailingZeros64(^x))
	x = x >> n3 >> 1
	n4 := uint(bits.TrailingZeros64(^x))
	return max(n1-1, n2-1, n3-1, n4-1) < 3 // none 0 (wraps) nor over 3
}

// fewDigits returns the shapes whose matcher cannot find enough digits
// after a run at h, bit k of win being whether byte h+k is a digit: a card
// in groups has 13 digits within 24 bytes of h (cardAt: at most six
// groups, 19 digits), an SSN in groups digits at h … h+2, h+4, h+5 and
// h+7 … h+10 (ssnAt), a phone number 7 within 48 (phoneOK, over
// phoneSpan: groups start within 32 bytes of the number's start, h-2 at
// the earliest, and hold 16 digits at most). The matchers change no
// state where they fail, so at drops these shapes and nothing else
// differs. By bit counts, not branches.
func fewDigits(win uint64) uint16 {
	const ssnDigits = 0b111_1011_0111
	// Population counts (one instruction where the CPU has it, as amd64
	// CPUs since 2008 do), compared by the sign of the difference.
	card := uint(bits.OnesCount64(win&(1<<24-1))) - 13 // below 13: wraps
	phone := uint(bits.OnesCount64(win&(1<<48-1))) - 7
	return nCardGroup*uint16(card>>63) | nPhone*uint16(phone>>63) |
		nSSN3*uint16((win&ssnDigits^ssnDigits+0x7ff)>>11)
}

// emitAs is Emit for detector det.
func (t *Text) emitAs(det, start, end int) {
	if 0 <= start && start < end && end <= len(t.S) {
		t.st.raw = append(t.st.raw, rawFinding{det: det, start: start, end: end})
	}
}
