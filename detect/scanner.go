package detect

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/promptwall/promptwall/llmapi"
)

// Option configures a Scanner.
type Option func(*settings)

type settings struct {
	extra []entry
	errs  []error
}

// WithDetector adds a detector written in Go, reporting findings of its type
// with the given category and severity (a built-in type keeps its own).
func WithDetector(d Detector, cat Category, sev Severity) Option {
	return func(st *settings) {
		if d == nil || d.Type() == "" {
			st.errs = append(st.errs, fmt.Errorf("detect: WithDetector: detector without a type"))
			return
		}
		if c, s, ok := Info(d.Type()); ok {
			cat, sev = c, s
		}
		st.extra = append(st.extra, entry{d: d, cat: cat, sev: sev})
	}
}

// entry is a detector with the category and severity its findings carry.
type entry struct {
	d   Detector
	cat Category
	sev Severity
	// Filled by newScanner: the type (d.Type(), without an interface call
	// per finding); for tidy, the type's place among the scanner's type
	// names in byte order, its overlapRank, whether it is custom.
	typ    string
	order  int
	rank   int
	custom bool
	// token: a vendor's token, kept inside a credential URL that holds
	// it (tokenTypes).
	token bool
	// inRuns: the detector finds values only inside base64 runs (see
	// inRunsDetector); run on every text, it is left to scanInto, which
	// runs it only on a text that has runs.
	inRuns bool
}

// Scanner runs every detector over texts. It is built once (patterns compiled,
// prefilter built) and is safe for concurrent use.
type Scanner struct {
	entries   []entry
	setByID   []int32  // WordSet.id → index in scanState.setHits, or -1
	always    []int    // detectors without keywords
	inRuns    []int    // those of them that look only inside base64 runs (entry.inRuns)
	inRun1    Detector // the detector of inRuns if it has one, else nil
	notInRuns []int    // and the others
	digital   []int    // detectors anchored on DigitRuns
	digitMask []uint16 // for each, the run shapes it can start at
	numPlan   []int    // which detector reads each number format (numberPlan)
	pre       *prefilter
	// The lists (scanState.lists) a hit of keyword kw goes to: own[kw]
	// if it is one (most are), else ownMany[-1-own[kw]]. Detector d's
	// list is d, context-word set i's setBase+i: the sets start at a
	// word of scanState.used, so the detectors' bits are words of their own.
	own     []int32
	ownMany [][]int32
	setBase int
	// digitalBits marks, in the layout of scanState.used, the detectors
	// anchored on DigitRuns: those with keywords too (none built in) get
	// both kinds of hits.
	digitalBits []uint64
	// email is the built-in e-mail detector's entry, -1 if none: its
	// hits ('@') tell the phone detector an address may stand before a
	// number (Text.addressHitList).
	email int
	// enc is the index of encodingWords among the context-word sets, -1
	// if the Scanner has no detectors: where "quoted-printable" occurs,
	// the text from it is decoded as such (qpViews); where "base64" does,
	// short base64 blobs are decoded (shortBlobViews).
	enc  int
	pool sync.Pool // *scanState
	// last holds one idle scanState: taking it is one atomic swap, while
	// sync.Pool's Get and Put cost more than scanning a short text's bytes.
	last atomic.Pointer[scanState]
}

// scanState is the per-call scratch space, pooled so a scan does not allocate
// per keyword hit.
type scanState struct {
	found []rawFinding // every pass's findings, in normalised offsets
	// lists are the hits of the detectors (hits: the first len(entries))
	// then of the context-word sets (setHits).
	lists   [][]int
	hits    [][]int
	setHits [][]int
	// Bit sets: used, over lists, marks those with hits (in order, so
	// the detectors run in the order of entries without a sort); sorted,
	// over setHits, those wordHits has sorted.
	used   []uint64
	sorted []uint64
	large  bool // has held a text (or its normalised form, or a view) longer than largeText
	// small: the usual layout, which reset clears without loops: at most
	// 64 detectors and 8 context-word sets (a word of st.used each).
	small     bool
	digits    []int
	runs      []b64Span  // base64 runs of the text (not of its views)
	runsValid bool       // runs are those of the text being detected
	masks     []uint64   // byteScan's scratch
	gbuf      [256]uint8 // the gram pass's scratch
	text      Text
	hit       func(kw int32, start int) // records a keyword hit in this state
	raw       []rawFinding
	// slab is the last block of findings allocated for results, its
	// first slabUsed taken (see results).
	slab     []Finding
	slabUsed int
	edits    []edit // normaliseInto's scratch
	// tidy's scratch, for a text with many findings (sortByStart).
	keys, keyScratch []uint64
	sorting          []rawFinding
	// The byte pass's masks (masks) are those of the text at maskPtr, of
	// maskLen bytes, maskStride words a chunk (0: not valid); numberScan
	// reads the digit runs from them. nbuf is its scratch.
	maskPtr    uintptr
	maskLen    int
	maskStride int
	nbuf       []uint64
}

type rawFinding struct {
	det        int
	start, end int
}

// NewScanner builds a Scanner with the built-in detectors plus any the options add.
func NewScanner(opts ...Option) (*Scanner, error) {
	var st settings
	for _, o := range opts {
		o(&st)
	}
	if len(st.errs) > 0 {
		return nil, errors.Join(st.errs...) // every problem, one per line
	}
	return newScanner(builtinDetectors(), st.extra)
}

// newScanner builds a Scanner over the given built-in detectors and extras.
func newScanner(builtins []Detector, extra []entry) (*Scanner, error) {
	s := &Scanner{}
	for _, d := range builtins {
		ti, ok := builtinTypes[d.Type()]
		if !ok {
			return nil, fmt.Errorf("detect: built-in detector has unknown type %q", d.Type())
		}
		s.entries = append(s.entries, entry{d: d, cat: ti.cat, sev: ti.sev})
	}
	s.entries = append(s.entries, extra...)
	var names []string
	for _, e := range s.entries {
		names = append(names, e.d.Type())
	}
	slices.Sort(names)
	names = slices.Compact(names)
	for i := range s.entries {
		e := &s.entries[i]
		e.order, _ = slices.BinarySearch(names, e.d.Type())
		_, builtin := builtinTypes[e.d.Type()]
		e.rank, e.custom, e.typ = overlapRank[e.d.Type()], !builtin, e.d.Type()
		e.token = tokenTypes[e.typ]
		_, e.inRuns = e.d.(inRunsDetector)
	}

	var keywords []string
	var owners [][]int
	index := map[string]int{}
	addKeyword := func(k string, owner int) {
		k = lowerASCII(k)
		j, ok := index[k]
		if !ok {
			j = len(keywords)
			index[k] = j
			keywords = append(keywords, k)
			owners = append(owners, nil)
		}
		if !slices.Contains(owners[j], owner) {
			owners[j] = append(owners[j], owner)
		}
	}
	sets := map[*WordSet]int{} // context word sets → index in scanState.setHits
	n := len(s.entries)
	s.setBase = (n + 63) &^ 63
	s.digitalBits = make([]uint64, s.setBase/64)
	s.email = -1
	for i, e := range s.entries {
		if _, ok := e.d.(email); ok {
			s.email = i
		}
		if cd, ok := e.d.(ContextDetector); ok {
			for _, ws := range cd.ContextWords() {
				if _, seen := sets[ws]; !seen {
					sets[ws] = len(sets)
					for _, w := range ws.words {
						if w == "" {
							return nil, fmt.Errorf("detect: detector %s has an empty context word", e.d.Type())
						}
						addKeyword(w, s.setBase+sets[ws])
					}
				}
			}
		}
		kws := e.d.Keywords()
		if len(kws) == 0 {
			s.always = append(s.always, i)
			if e.inRuns {
				s.inRuns = append(s.inRuns, i)
			} else {
				s.notInRuns = append(s.notInRuns, i)
			}
			continue
		}
		for _, k := range kws {
			if k == DigitRuns {
				if !slices.Contains(s.digital, i) {
					s.digital = append(s.digital, i)
					s.digitalBits[i>>6] |= 1 << (i & 63)
					mask := runAny
					if ds, ok := e.d.(digitShaper); ok {
						mask = ds.digitShape()
					}
					s.digitMask = append(s.digitMask, mask)
				}
				continue
			}
			if k == "" {
				return nil, fmt.Errorf("detect: detector %s has an empty keyword", e.d.Type())
			}
			addKeyword(k, i)
		}
	}
	s.enc = -1
	if len(s.entries) > 0 {
		if _, seen := sets[encodingWords]; !seen {
			sets[encodingWords] = len(sets)
			for _, w := range encodingWords.words {
				addKeyword(w, s.setBase+sets[encodingWords])
			}
		}
		s.enc = sets[encodingWords]
	}
	if len(s.inRuns) == 1 {
		s.inRun1 = s.entries[s.inRuns[0]].d
	}
	s.numPlan = s.numberPlan(nil)
	pre, err := buildPrefilter(keywords, owners, false)
	if err != nil {
		return nil, err
	}
	s.pre = pre
	nsets := len(sets)
	for ws, i := range sets {
		for int(ws.id) >= len(s.setByID) {
			s.setByID = append(s.setByID, -1)
		}
		s.setByID[ws.id] = int32(i)
	}
	s.own = make([]int32, len(owners))
	for kw, o := range owners {
		if len(o) == 1 {
			s.own[kw] = int32(o[0])
			continue
		}
		s.own[kw] = int32(-1 - len(s.ownMany))
		var m []int32
		for _, d := range o {
			m = append(m, int32(d))
		}
		s.ownMany = append(s.ownMany, m)
	}
	s.pool.New = func() any {
		setCap := (nsets + 7) &^ 7 // see reset
		lists := make([][]int, s.setBase+setCap)
		st := &scanState{lists: lists, hits: lists[:n:n], setHits: lists[s.setBase : s.setBase+nsets : s.setBase+setCap],
			used: make([]uint64, (s.setBase+nsets+63)/64), sorted: make([]uint64, (nsets+63)/64)}
		st.text.st, st.text.sc = st, s
		st.small = len(st.used) == 2 && len(st.hits) <= 64 && len(st.sorted) == 1 && cap(st.setHits) == 8
		// The slices the hits go to, captured as they are (they never
		// change), so a hit does not load them through s and st.
		own, lists, used := s.own, st.lists, st.used
		st.hit = func(kw int32, start int) {
			// record's usual case (one list wants the keyword) here, as
			// record is too large to inline.
			d := own[kw]
			if d < 0 {
				s.record(st, kw, start)
				return
			}
			l := &lists[d]
			*l = append(*l, start)
			used[d>>6] |= 1 << (d & 63)
		}
		return st
	}
	return s, nil
}

// ScanText scans one text; findings have Segment 0.
func (s *Scanner) ScanText(text string) []Finding {
	return s.scanInto(nil, 0, text)
}

// Scan scans every segment and returns the findings sorted by segment and
// start offset. It stops early, returning what it has, when ctx is done.
func (s *Scanner) Scan(ctx context.Context, segs []llmapi.Segment) []Finding {
	var out []Finding
	for i, seg := range segs {
		if ctx.Err() != nil {
			break
		}
		out = s.scanInto(out, i, seg.Text)
	}
	return out
}

func (s *Scanner) scanInto(out []Finding, seg int, text string) []Finding {
	if text == "" {
		return out
	}
	st := s.get()
	st.large = st.large || len(text) > largeText

	// The byte pass says whether a byte is outside ASCII: plain ASCII (the
	// usual prompt) needs no normalising. The keywords are looked for in
	// the same pass; the rare text that normalising changes is passed
	// over again, as the detectors will see it. A long text with bytes
	// outside ASCII is normalised first instead (see normaliseFirst): one
	// byte pass.
	nt := normText{text: text}
	var fl textFlags
	if len(text) >= normaliseFirst && nextNonASCII(text[:min(len(text), normaliseSample)]) >= 0 {
		nt = st.normalise(text)
		fl = s.prescan(st, nt.text, true, true)
	} else if fl = s.prescan(st, text, true, true); fl&tfNonASCII != 0 {
		if nt = st.normalise(text); len(nt.edits) > 0 {
			st.reset()
			fl = s.prescan(st, nt.text, true, true)
		}
	}
	s.detect(st, nt.text)
	// The text's base64 runs, tested once: the detectors that look only
	// inside them (detect leaves them here) and whether one may decode
	// to text.
	textRun := len(st.runs) // the first that may decode to text
	if len(st.runs) > 0 {
		t := &st.text // as detect left it
		if s.inRun1 != nil {
			// The one such detector (the built-ins'), without a loop.
			t.det, t.Hits = s.inRuns[0], nil
			s.inRun1.Find(t)
		} else {
			for _, d := range s.inRuns {
				t.det, t.Hits = d, nil
				s.entries[d].d.Find(t)
			}
		}
		if k := firstTextRun(nt.text, st.runs); k >= 0 {
			textRun = k
		}
	}
	found := st.raw
	// Values hidden by an encoding: scan each decoded view and report on the
	// encoded span. Blobs inside a value already found are not decoded (the
	// payload of a JWT, the body of a key). The prefilter's flags and runs
	// say whether the text holds anything to decode; most runs are words
	// or hashes that nextTextRun drops. A form body (a=b+c&d=e) has a '&',
	// which tfPercent counts.
	qpAt, short := -1, false
	if s.enc >= 0 && len(st.setHits[s.enc]) > 0 {
		qpAt, short = s.encodings(st, nt.text)
	}
	if fl&(tfPercent|tfBackslash) != 0 || textRun < len(st.runs) || qpAt >= 0 || short {
		views := decodeViews(nt.text, st.runs[textRun:], st.raw, fl)
		if qpAt >= 0 {
			views = qpViews(nt.text, qpAt, views)
		}
		if short {
			views = shortBlobViews(nt.text, st.raw, views)
		}
		if len(views) > 0 {
			st.raw = dropAcrossFields(nt.text, st.raw, views)
			found = s.scanViews(st, views)
		}
	}
	if len(found) > 0 {
		if len(nt.edits) > 0 {
			nt.spans(found)
		}
		if len(found) > 1 {
			found = s.tidy(st, found)
		}
		base := len(out)
		out = st.results(out, len(found))
		out = out[:base+len(found)]
		for i, r := range found {
			s.entries[r.det].fill(&out[base+i], seg, r)
		}
	}
	// Not deferred: a panic in a detector leaves st to the collector.
	s.put(st)
	return out
}

// encodings reads the words of encodingWords in text (scanned into st,
// which holds some of their stems, s.enc >= 0): where it first says it is
// quoted-printable, or -1, and whether it speaks of base64.
func (s *Scanner) encodings(st *scanState, text string) (qpAt int, short bool) {
	qpAt = -1
	for _, p := range st.setHits[s.enc] {
		if !encodingWords.at(text, p) {
			continue
		}
		if lower(text[p]) != 'q' {
			short = true
		} else if qpAt < 0 || p < qpAt {
			qpAt = p
		}
	}
	return
}

// normalise normalises text with st's edits as scratch, keeping them if it
// changed. Normalising can make a text longer (U+FDFA: 3 bytes → 33), and
// its edits take up to 16 bytes a character: st may become large.
func (st *scanState) normalise(text string) normText {
	nt := normaliseInto(text, st.edits)
	if len(nt.edits) > 0 {
		st.edits = nt.edits
		st.large = st.large || len(nt.text) > largeText || len(nt.edits) > largeText/16
	}
	return nt
}

// normaliseFirst is the length from which scanInto normalises a text with
// a byte outside ASCII among its first normaliseSample before its byte
// pass, rather than after (when the pass says it is not ASCII). A short
// text (most prompts: 20 corpus texts in 1,200 change) is ASCII or needs
// no change nearly always, so the pass's flag is the cheaper test. A long
// one that is not ASCII (a pasted document) often holds a character to
// fold (a dash, a no-break space, an ellipsis), and a second byte pass
// costs about a quarter of its scan. The sample keeps the look through an
// ASCII document to a few hundred cycles (the whole of a 64 KB one cost
// 2 %); a document whose first such byte comes later is passed over
// again, as a short text is.
const (
	normaliseFirst  = 1 << 10
	normaliseSample = 4 << 10
)

// fill sets *f, an element of a results block (zero, on the heap), to a
// finding of e's type at r. Field by field: copied whole, a struct with
// pointers goes through typedmemmove, which, while the collector marks,
// takes its bulk write barrier (bulkBarrierPreWrite walks the type's
// pointer bitmap); three pointer stores take the batched barrier.
func (e *entry) fill(f *Finding, seg int, r rawFinding) {
	f.Type, f.Category, f.Severity = e.typ, e.cat, e.sev
	f.Segment, f.Start, f.End = seg, r.start, r.end
}

// scanViews scans the decoded views of the text whose findings are in
// st.raw and returns those and the views' (on their encoded spans), in
// st.found.
func (s *Scanner) scanViews(st *scanState, views []view) []rawFinding {
	st.found = append(st.found[:0], st.raw...)
	for _, v := range views {
		st.reset()
		st.large = st.large || len(v.nt.text) > largeText
		s.prescan(st, v.nt.text, false, true)
		s.detect(st, v.nt.text)
		for _, r := range st.raw {
			if v.lines && s.entries[r.det].typ == TypeConfidentialMarker {
				continue // the text's own rules judge markings by escapes
			}
			// A finding wholly in a blob's context is the text's own.
			var ok bool
			if r.start, r.end, ok = v.span(r.start, r.end); ok {
				st.found = append(st.found, r)
			}
		}
	}
	return st.found
}

// findingSlab is how many findings one allocation for results holds.
// Most texts have no finding or one or two: carving their results out of a
// shared block saves an allocation (and the collector's work) per text, at
// the cost that a result kept alive keeps its block (4 KB) alive too.
// 85 findings (48 bytes each) and the allocator's 8-byte header of a block
// with pointers fill its 4 KB size class to within 8 bytes: the results of a
// corpus pass take a fraction of the allocations and fewer bytes, so
// collections, than a small block a text would. TestFindingSlabSize keeps
// the fit.
const findingSlab = 85

// results returns out with room for n more findings. A first result (out
// has no room at all) of a few findings is carved from st.slab, capacity
// exactly n so that a caller's append copies rather than writes into the
// next result.
func (st *scanState) results(out []Finding, n int) []Finding {
	if cap(out) > 0 || n > findingSlab/4 {
		return slices.Grow(out, n)
	}
	if len(st.slab)-st.slabUsed < n {
		st.slab, st.slabUsed = make([]Finding, findingSlab), 0
	}
	out = st.slab[st.slabUsed : st.slabUsed : st.slabUsed+n]
	st.slabUsed += n
	return out
}

// prescan runs the byte pass and the prefilter over text, recording
// keyword, context-word and digit-run hits in st, and, if runs, the base64
// runs a decoded view may come from. The keyword pass is left out for a
// text outside ASCII unless keywordsAnyway (the caller normalises it first).
// It returns the text's flags (tfNonASCII: it may need normalising).
func (s *Scanner) prescan(st *scanState, text string, runs, keywordsAnyway bool) textFlags {
	// The list of digit runs only for a detector that is not a built-in
	// number format: the number formats read the masks.
	var digits *[]int
	st.digits = st.digits[:0]
	if len(s.numPlan) > s.numPlan[planOthers] {
		digits = &st.digits
	}
	var rs *[]b64Span
	st.runsValid = runs
	if runs {
		st.runs = st.runs[:0]
		rs = &st.runs
	}
	masks, stride, fl := s.pre.prescan(text, digits, rs, st.masks, st.hit, keywordsAnyway, &st.gbuf)
	if unsafe.SliceData(masks) != unsafe.SliceData(st.masks) {
		st.masks = masks // grown: a pointer store (and its write barrier) only then
	}
	st.setMasks(text, stride)
	return fl
}

// setIndex returns the index of ws in scanState.setHits, or -1 if no
// detector of s asked for it.
func (s *Scanner) setIndex(ws *WordSet) int {
	if int(ws.id) >= len(s.setByID) {
		return -1
	}
	return int(s.setByID[ws.id])
}

// record notes an occurrence of keyword kw at start for the detectors and
// context-word sets that asked for it.
func (s *Scanner) record(st *scanState, kw int32, start int) {
	if d := s.own[kw]; d >= 0 {
		s.add(st, d, start)
		return
	}
	for _, d := range s.ownMany[-1-s.own[kw]] {
		s.add(st, d, start)
	}
}

// add appends start to list d (a detector's or, from setBase, a
// context-word set's) and marks it used, without a branch. Several
// keywords of one detector can start at the same place: detect drops the
// repeats (a set's would not change Near or Anywhere).
func (s *Scanner) add(st *scanState, d int32, start int) {
	l := &st.lists[d]
	*l = append(*l, start)
	st.used[d>>6] |= 1 << (d & 63)
}

// detect runs the detectors the prescan gated over (normalised) text,
// leaving raw findings (normalised offsets) in st.raw.
func (s *Scanner) detect(st *scanState, text string) {
	t := &st.text // t.st and t.sc are set once, when st is made
	t.S = text
	run := func(d int, hits []int) {
		t.det, t.Hits = d, hits
		s.entries[d].d.Find(t)
	}
	// The detectors that run on every text, at a call site of their own
	// (the gated ones' targets vary from text to text, these do not).
	// Those that look only inside base64 runs are left to scanInto when
	// the runs are known (it tests for runs once for them and decoding).
	always := s.always
	if st.runsValid {
		always = s.notInRuns // none, built in
	}
	for _, d := range always {
		t.det, t.Hits = d, nil
		s.entries[d].d.Find(t)
	}
	if len(s.digital) > 0 {
		s.detectDigits(st, text, run)
	}
	if len(s.digitalBits) == 1 && st.used[0]&s.digitalBits[0] == 0 {
		// The usual layout (at most 64 detectors, none anchored on digit
		// runs with keyword hits too): one word, no merging.
		u := st.used[0]
		st.used[0] = 0
		for ; u != 0; u &= u - 1 {
			d := bits.TrailingZeros64(u)
			h := &st.hits[d]
			if len(*h) > 1 {
				slices.Sort(*h)
				*h = slices.Compact(*h)
			}
			t.det, t.Hits = d, *h
			s.entries[d].d.Find(t)
			*h = (*h)[:0]
		}
		return
	}
	for w, dig := range s.digitalBits {
		u := st.used[w]
		for m := u & dig; m != 0; m &= m - 1 {
			// Both kinds of hits: merge them.
			h := &st.hits[w<<6+bits.TrailingZeros64(m)]
			*h = append(*h, st.digits...)
		}
		for ; u != 0; u &= u - 1 {
			d := w<<6 + bits.TrailingZeros64(u)
			h := &st.hits[d]
			// Hits arrive in order of keyword end; detectors want starts
			// ascending, once each.
			if len(*h) > 1 {
				slices.Sort(*h)
				*h = slices.Compact(*h)
			}
			run(d, *h)
			*h = (*h)[:0] // reset's work, done here where the list is at hand
		}
		st.used[w] = 0
	}
}

// get takes a scanState: the idle one, else one from the pool.
func (s *Scanner) get() *scanState {
	if st := s.last.Swap(nil); st != nil {
		return st
	}
	return s.pool.Get().(*scanState)
}

// largeText is the length past which a text's scratch space is left to
// the pool, which frees it at the next collections, rather than kept idle.
const largeText = 64 << 10

// put returns st, cleared, to the idle slot or, if it is taken or st grew
// large, to the pool.
func (s *Scanner) put(st *scanState) {
	st.reset()
	st.found = st.found[:0]
	if st.large || !s.last.CompareAndSwap(nil, st) {
		s.pool.Put(st)
	}
}

// reset clears st for the next text.
func (st *scanState) reset() {
	if st.small {
		// The usual layout (at most 64 detectors and 8 context-word
		// sets), without loops: a word of detectors' bits, one of sets'.
		if u := st.used[0]; u != 0 {
			st.clearHits(0, u) // a prescan without detect
		}
		emptyEight(st.setHits[:8:8])
		st.used[0], st.used[1], st.sorted[0] = 0, 0, 0
	} else {
		// The detectors' lists: detect empties those it ran, so this
		// loop seldom finds any (a prescan without detect leaves them).
		dw := (len(st.hits) + 63) >> 6
		for w, u := range st.used[:dw] {
			st.clearHits(w, u)
			st.used[w] = 0
		}
		// The context-word sets' lists, eight at a time (setHits'
		// capacity is a multiple of eight), without a branch on which
		// have hits: a loop over those that have mispredicts its end as
		// often as not.
		for h := st.setHits[:cap(st.setHits)]; len(h) >= 8; h = h[8:] {
			emptyEight(h)
		}
		// Not clear(): a call to memclr costs more than a word or two.
		for w := dw; w < len(st.used); w++ {
			st.used[w] = 0
		}
		for w := 0; w < len(st.sorted); w++ {
			st.sorted[w] = 0
		}
	}
	st.raw = st.raw[:0]
	st.runsValid = false
	st.text.S = "" // not kept alive by an idle state
}

// emptyEight empties the first eight lists of h, one statement each (a
// tuple assignment would store the pointers too).
func emptyEight(h [][]int) {
	h = h[:8]
	h[0] = h[0][:0]
	h[1] = h[1][:0]
	h[2] = h[2][:0]
	h[3] = h[3][:0]
	h[4] = h[4][:0]
	h[5] = h[5][:0]
	h[6] = h[6][:0]
	h[7] = h[7][:0]
}

// clearHits empties the lists of word w of st.used whose bits u has.
func (st *scanState) clearHits(w int, u uint64) {
	for ; u != 0; u &= u - 1 {
		l := &st.lists[w<<6+bits.TrailingZeros64(u)]
		*l = (*l)[:0]
	}
}

// tidy sorts findings (original offsets) by start and resolves overlaps:
// the same value found twice, or two built-in types claiming the same bytes
// (a card number inside an IBAN, a host inside a credential URL), keeps the
// finding whose type ranks higher in overlapRank, then the longer one.
// Custom types never displace or get displaced: a code name inside an
// e-mail is both. It works in place and returns the findings kept.
func (s *Scanner) tidy(st *scanState, fs []rawFinding) []rawFinding {
	if len(fs) < 2 {
		return fs
	}
	es := s.entries
	cmp := func(a, b rawFinding) int {
		if a.start != b.start {
			return a.start - b.start
		}
		if a.end != b.end {
			return b.end - a.end // longer first
		}
		return es[a.det].order - es[b.det].order
	}
	if len(fs) == 2 {
		// The usual case of several: put the two in order without a
		// branch; apart (nearly always), they are done.
		a, b := &fs[0], &fs[1]
		k := 0
		if b.start < a.start {
			k = 1 // a SETcc, not a branch
		}
		if b.start == a.start && cmp(*b, *a) < 0 {
			k = 1
		}
		lo, hi := fs[k], fs[1-k]
		fs[0], fs[1] = lo, hi
		if lo.end <= hi.start {
			return fs
		}
	}
	if len(fs) > 12 && !st.sortByStart(fs) {
		slices.SortFunc(fs, cmp)
	} else {
		// An insertion sort by cmp: for a few findings what
		// slices.SortFunc does for so few (so ties stay as they were),
		// without a call per comparison; for many, sorted by start with
		// ties in the order they came (sortByStart), it only puts each
		// run of equal starts (rare) in cmp's order. (cmp < 0 needs a
		// start at or before the one it passes: tested first, cheaply.)
		for i := 1; i < len(fs); i++ {
			for j := i; j > 0 && fs[j].start <= fs[j-1].start && cmp(fs[j], fs[j-1]) < 0; j-- {
				fs[j], fs[j-1] = fs[j-1], fs[j]
			}
		}
	}
	// A displaced finding is marked with end = -1. reach bounds the ends
	// of the findings before f: one that starts at or past it overlaps
	// none of them (the usual case, in a long text nearly every time),
	// and the look-back is skipped.
	reach := 0
	for i := range fs {
		f := &fs[i]
		if f.start >= reach {
			reach = f.end
			continue
		}
		reach = max(reach, f.end)
		// Kept findings that can overlap f start before it; bound the look-back
		// so a text with thousands of findings stays linear.
		for j := i - 1; j >= 0 && j >= i-64 && f.end >= 0; j-- {
			if g := &fs[j]; g.end > f.start {
				displace(es, f, g)
			}
		}
	}
	out := fs[:0]
	for _, f := range fs {
		if f.end >= 0 {
			out = append(out, f)
		}
	}
	return out
}

// displace resolves the overlap of f with g, a kept finding before it (by
// tidy's order) whose bytes f's reach: it marks the one displaced (end -1),
// or neither.
func displace(es []entry, f, g *rawFinding) {
	ef, eg := &es[f.det], &es[g.det]
	switch {
	case eg.order == ef.order:
		if f.end <= g.end {
			f.end = -1
		} else {
			g.end = -1
		}
	case ef.custom || eg.custom:
	case ef.token && eg.typ == TypeCredentialURL && f.end <= g.end:
		// A token as a URL's password (https://oauth2:glpat-…@host): the
		// URL and the token, whose own type a policy may act on.
	case eg.rank > ef.rank:
		f.end = -1
	case eg.rank < ef.rank:
		g.end = -1
	case g.end-g.start >= f.end-f.start:
		f.end = -1
	default:
		g.end = -1
	}
}

// sortByStart sorts fs by start, findings with equal starts in the order
// they came, and reports whether it did (not for offsets past 1<<32).
// Keys of start and index sort as plain integers (sortKeys) at a fraction
// of the cost of slices.SortFunc calling tidy's comparison: a long text
// has hundreds of findings.
func (st *scanState) sortByStart(fs []rawFinding) bool {
	keys := st.keys[:0]
	for i, f := range fs {
		if uint64(f.start) >= 1<<32 {
			return false
		}
		keys = append(keys, uint64(f.start)<<32|uint64(i))
	}
	keys, st.keyScratch = sortKeys(keys, st.keyScratch)
	tmp := append(st.sorting[:0], fs...)
	for i, k := range keys {
		fs[i] = tmp[uint32(k)]
	}
	st.keys, st.sorting = keys, tmp
	return true
}

// tokenTypes are the vendors' tokens that a credential URL may hold as its
// password, reported inside it as well.
var tokenTypes = map[string]bool{
	TypeAnthropicKey: true, TypeOpenAIKey: true, TypeStripeKey: true, TypeGitHubToken: true, TypeGitLabToken: true,
	TypeSlackToken: true, TypeGoogleAPIKey: true, TypeAWSAccessKey: true,
}

// overlapRank orders the built-in types for overlap resolution: containers
// (a key block, a URL with credentials) over what they contain, checksummed
// formats over loose ones.
var overlapRank = map[string]int{
	TypePrivateKey:         100,
	TypeCredentialURL:      95,
	TypeSlackWebhook:       94,
	TypeJWT:                90,
	TypeAnthropicKey:       85,
	TypeOpenAIKey:          84,
	TypeStripeKey:          83,
	TypeGitHubToken:        82,
	TypeGitLabToken:        81,
	TypeSlackToken:         80,
	TypeGoogleAPIKey:       79,
	TypeAWSAccessKey:       78,
	TypeAWSSecretKey:       70,
	TypePassword:           60,
	TypeIBAN:               55,
	TypeCreditCard:         54,
	TypeITFiscalCode:       53,
	TypeUSSSN:              52,
	TypeITVAT:              51,
	TypeEmail:              40,
	TypeIPAddress:          35,
	TypePhone:              30,
	TypeConfidentialMarker: 10,
}

func sortStrings(s []string) { slices.Sort(s) }
