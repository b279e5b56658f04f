package audit

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// MaxProblems is how many problems Verify describes; it counts the rest.
const MaxProblems = 100

// Problem is a line that breaks a chain, or a chain restart event.
type Problem struct {
	File   string `json:"file"`
	Line   int    `json:"line"` // from 1
	Reason string `json:"reason"`
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Reason) }

// Chain is one unbroken run of linked events.
type Chain struct {
	Files       []string  `json:"files"` // the files it spans, in order
	Events      int       `json:"events"`
	FromGenesis bool      `json:"from_genesis"` // its first event links to Genesis: it holds the start of a trail
	Head        string    `json:"head"`         // prev_hash of its first event
	Tail        string    `json:"tail"`         // hash of its last event: kept elsewhere, it shows a truncated trail
	First       time.Time `json:"first"`
	Last        time.Time `json:"last"`
}

// Result is what Verify found.
type Result struct {
	Files        []string  `json:"files"`         // the files with events, in the order verified
	Events       int       `json:"events"`        // lines that parsed as audit events
	Chains       []Chain   `json:"chains"`        // in order
	Restarts     []Problem `json:"restarts"`      // chain restart events the writer wrote, with their reason
	Problems     []Problem `json:"problems"`      // the first MaxProblems problems, first bad line first
	MoreProblems int       `json:"more_problems"` // problems beyond MaxProblems
	// MissingAnchors are the anchors given to Verify that no event has as
	// its hash.
	MissingAnchors []string `json:"missing_anchors"`
	// CutLines are the Problems that hide no event: lines that do not parse
	// (writes cut short by a full disk or a crash) where the chain links
	// across them, or that a chain restart event or the end follows.
	CutLines []Problem `json:"cut_lines"`
}

// OnlyCutLines reports whether every problem is a cut line: the events are
// all there, in order, unedited (anchors aside).
func (r *Result) OnlyCutLines() bool {
	return r.MoreProblems == 0 && len(r.CutLines) == len(r.Problems)
}

// OK reports whether every chain is intact and every anchor found.
func (r *Result) OK() bool { return len(r.Problems) == 0 && len(r.MissingAnchors) == 0 }

// fileEdge is what ordering needs of a file: its first and last link.
type fileEdge struct {
	path       string
	head, tail string // "" when the line does not parse
	first      time.Time
	empty      bool
}

// Verify checks the hash chain across files, given in any order: it puts them
// in write order by their links (prev_hash of a file's first line = hash of
// another's last line), then by first timestamp, and checks every line. It
// returns an error only when a file cannot be read; a broken chain is in the
// Result. anchors are hashes kept elsewhere from an earlier verification
// (a Chain's Tail): each must be the hash of an event in files, else it is
// in MissingAnchors and the trail lost lines or was rewritten.
func Verify(files []string, anchors ...string) (*Result, error) {
	ordered, starts, forks, err := order(files)
	if err != nil {
		return nil, err
	}
	v := &verifier{res: &Result{Files: []string{}, Chains: []Chain{}, Restarts: []Problem{}, Problems: []Problem{},
		MissingAnchors: []string{}, CutLines: []Problem{}}, anchors: map[string]bool{}, forks: forks}
	for _, a := range anchors {
		v.anchors[strings.ToLower(strings.TrimSpace(a))] = false
	}
	for _, f := range ordered {
		if err := v.file(f, starts[f]); err != nil {
			return nil, err
		}
	}
	v.endChain()
	v.res.CutLines = append(v.res.CutLines, v.cut...) // at the very end
	for _, a := range anchors {
		if !v.anchors[strings.ToLower(strings.TrimSpace(a))] {
			v.res.MissingAnchors = append(v.res.MissingAnchors, a)
		}
	}
	return v.res, nil
}

// order reads the edges of every file and returns the non-empty ones in
// write order, with the set of those that do not continue another and the
// set of those that continue a file another one continues already.
func order(files []string) (out []string, starts, forks map[string]bool, err error) {
	var es []*fileEdge
	tails := map[string]bool{}
	for _, p := range files {
		first, last, _, err := edges(p)
		if err != nil {
			return nil, nil, nil, err
		}
		e := &fileEdge{path: p, empty: first == nil}
		if e.empty {
			continue
		}
		if r, err := parseLine(first); err == nil {
			e.head, e.first = r.prev, r.time
		}
		if r, err := parseLine(last); err == nil {
			e.tail = r.hash
			tails[r.hash] = true
		}
		es = append(es, e)
	}
	slices.SortStableFunc(es, func(a, b *fileEdge) int {
		if c := a.first.Compare(b.first); c != 0 {
			return c
		}
		return strings.Compare(a.path, b.path)
	})
	byHead := map[string][]*fileEdge{}
	for _, e := range es {
		if e.head != "" {
			byHead[e.head] = append(byHead[e.head], e)
		}
	}
	used := map[*fileEdge]bool{}
	starts, forks = map[string]bool{}, map[string]bool{}
	follow := func(e *fileEdge) {
		starts[e.path] = true
		for e != nil && !used[e] {
			used[e] = true
			out = append(out, e.path)
			var next *fileEdge
			if e.tail != "" {
				for _, c := range byHead[e.tail] {
					if !used[c] {
						next = c
						break
					}
				}
			}
			e = next
		}
	}
	for _, e := range es { // files nothing leads to start the chains
		if e.head == "" || !tails[e.head] || e.head == Genesis {
			if !used[e] {
				follow(e)
			}
		}
	}
	for _, e := range es { // the rest: forks (and cycles, which SHA-256 rules out)
		if !used[e] {
			forks[e.path] = true
			follow(e)
		}
	}
	return out, starts, forks, nil
}

type verifier struct {
	forks   map[string]bool // files that continue a file another one continues
	cut     []Problem       // lines since the last event that did not parse
	res     *Result
	anchors map[string]bool // anchor → seen
	prev    string          // hash of the last event; "" before the first
	chain   *Chain
}

func (v *verifier) problem(file string, line int, reason string) {
	if len(v.res.Problems) < MaxProblems {
		v.res.Problems = append(v.res.Problems, Problem{file, line, reason})
	} else {
		v.res.MoreProblems++
	}
}

func (v *verifier) endChain() {
	if v.chain != nil && v.chain.Events > 0 {
		v.res.Chains = append(v.res.Chains, *v.chain)
	}
	v.chain = nil
}

func (v *verifier) file(path string, start bool) error {
	err := eachLine(path, func(lr *lineReader, line []byte) {
		n := lr.n
		if lr.tooLong {
			v.problem(path, n, "line longer than 1 MiB")
			return
		}
		r, err := parseLine(line)
		if err != nil {
			reason := err.Error()
			if lr.partial {
				reason += " (the file ends mid-line: a write was cut short)"
			}
			v.problem(path, n, reason)
			if len(v.cut) <= MaxProblems {
				v.cut = append(v.cut, Problem{path, n, reason})
			}
			return
		}
		v.res.Events++
		cut := v.cut
		v.cut = nil
		switch {
		case v.prev == "":
			v.newChain(r)
		case r.prev == v.prev:
			v.res.CutLines = append(v.res.CutLines, cut...)
		case r.prev == Genesis && r.kind == KindRestart:
			v.res.CutLines = append(v.res.CutLines, cut...)
			v.endChain()
			v.newChain(r)
		case r.prev == Genesis && n == 1 && start:
			v.endChain()
			v.newChain(r)
		case n == 1 && start && v.forks[path]:
			v.problem(path, n, "prev_hash continues a file that another file given continues too: a copy, or a forked trail")
			v.endChain()
			v.newChain(r)
		case n == 1 && start:
			v.problem(path, n, "prev_hash does not continue any file given: a file, or lines at its start, are missing before this one")
			v.endChain()
			v.newChain(r)
		default:
			v.problem(path, n, "prev_hash does not match the hash of the event before: an event was removed, inserted or moved before this line")
			v.endChain()
			v.newChain(r)
		}
		if r.kind == KindRestart {
			v.res.Restarts = append(v.res.Restarts, Problem{path, n, r.reason})
		}
		if !r.valid() {
			v.problem(path, n, "hash does not match the line's content: the line was edited")
		}
		c := v.chain
		if len(c.Files) == 0 || c.Files[len(c.Files)-1] != path {
			c.Files = append(c.Files, path)
		}
		c.Events++
		c.Tail, c.Last = r.hash, r.time
		v.prev = r.hash
		if _, ok := v.anchors[r.hash]; ok && r.valid() {
			v.anchors[r.hash] = true
		}
	})
	if err != nil {
		return err
	}
	v.res.Files = append(v.res.Files, path)
	return nil
}

func (v *verifier) newChain(r *record) {
	v.chain = &Chain{FromGenesis: r.prev == Genesis, Head: r.prev, First: r.time}
}
