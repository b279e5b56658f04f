package audit

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// lumberjack names a rotated file <prefix>-<UTC time in this layout><ext>,
// optionally followed by .gz.
const (
	backupTimeFormat = "2006-01-02T15-04-05.000"
	gzSuffix         = ".gz"
)

// maxLine bounds one audit line; events are a few hundred bytes.
const maxLine = 1 << 20

// backups lists the rotated files of the audit file path, oldest first. When
// a crash left both x.log and x.log.gz, the uncompressed one is kept.
func backups(path string) ([]string, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	ext := filepath.Ext(base)
	prefix := strings.TrimSuffix(base, ext) + "-"
	ents, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("audit: listing rotated files: %w", err)
	}
	type backup struct {
		t    time.Time
		name string
	}
	var bs []backup
	seen := map[time.Time]bool{}
	for _, gz := range []bool{false, true} {
		for _, e := range ents {
			name := e.Name()
			if !e.Type().IsRegular() || !strings.HasPrefix(name, prefix) {
				continue
			}
			rest := name[len(prefix):]
			if gz != strings.HasSuffix(rest, gzSuffix) {
				continue
			}
			rest = strings.TrimSuffix(rest, gzSuffix)
			if !strings.HasSuffix(rest, ext) {
				continue
			}
			t, err := time.Parse(backupTimeFormat, strings.TrimSuffix(rest, ext))
			if err != nil || seen[t] {
				continue
			}
			seen[t] = true
			bs = append(bs, backup{t, filepath.Join(dir, name)})
		}
	}
	slices.SortFunc(bs, func(a, b backup) int { return a.t.Compare(b.t) })
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.name
	}
	return out, nil
}

// ExpandFiles turns the arguments of audit verify and audit report into
// files: a file is itself; a directory gives its *.log and *.log.gz files; an
// argument that does not exist but holds a glob pattern is expanded.
// Duplicates are dropped, and x.log.gz when x.log is there too (a
// compression under way); the order does not matter to Verify.
func ExpandFiles(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if c := filepath.Clean(p); !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, a := range args {
		st, err := os.Stat(a)
		switch {
		case err == nil && st.IsDir():
			ents, err := os.ReadDir(a)
			if err != nil {
				return nil, fmt.Errorf("audit: reading %s: %w", a, err)
			}
			n := 0
			for _, e := range ents {
				if e.Type().IsRegular() && (strings.HasSuffix(e.Name(), ".log") || strings.HasSuffix(e.Name(), ".log"+gzSuffix)) {
					add(filepath.Join(a, e.Name()))
					n++
				}
			}
			if n == 0 {
				return nil, fmt.Errorf("audit: no *.log or *.log.gz files in %s", a)
			}
		case err == nil:
			add(a)
		case errors.Is(err, fs.ErrNotExist) && strings.ContainsAny(a, "*?["):
			ms, gerr := filepath.Glob(a)
			if gerr != nil {
				return nil, fmt.Errorf("audit: pattern %s: %w", a, gerr)
			}
			if len(ms) == 0 {
				return nil, fmt.Errorf("audit: no files match %s", a)
			}
			for _, m := range ms {
				add(m)
			}
		default:
			return nil, fmt.Errorf("audit: %w", err)
		}
	}
	// x.log.gz beside x.log is lumberjack compressing it right now.
	return slices.DeleteFunc(out, func(p string) bool {
		return strings.HasSuffix(p, gzSuffix) && seen[strings.TrimSuffix(p, gzSuffix)]
	}), nil
}

// openLines opens an audit file for reading, gunzipping *.gz.
func openLines(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	if !strings.HasSuffix(path, gzSuffix) {
		return f, nil
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("audit: %s: %w", path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{z, f}, nil
}

// lineReader yields the lines of an audit file without their "\n". A line
// longer than maxLine is yielded cut, with tooLong set, so that the caller
// can report it and go on.
type lineReader struct {
	r       *bufio.Reader
	buf     []byte
	n       int  // number of the line last read, from 1
	tooLong bool // the line last read was longer than maxLine
	partial bool // the line last read had no "\n": the file ends mid-line
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next line; io.EOF at the end.
func (lr *lineReader) next() ([]byte, error) {
	lr.buf, lr.tooLong, lr.partial = lr.buf[:0], false, false
	for {
		chunk, err := lr.r.ReadSlice('\n')
		if len(lr.buf)+len(chunk) > maxLine+1 {
			lr.tooLong = true
			chunk = chunk[:max(0, maxLine+1-len(lr.buf))]
		}
		lr.buf = append(lr.buf, chunk...)
		switch {
		case err == nil:
			lr.n++
			return bytes.TrimSuffix(lr.buf, []byte("\n")), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(lr.buf) == 0 {
				return nil, io.EOF
			}
			lr.n++
			lr.partial = true
			return lr.buf, nil
		default:
			return nil, err
		}
	}
}

// eachLine calls fn with every line of the audit file at path (gunzipped if
// *.gz) and the reader, which tells the line's number and whether it was too
// long or cut short.
func eachLine(path string, fn func(lr *lineReader, line []byte)) error {
	rc, err := openLines(path)
	if err != nil {
		return err
	}
	defer rc.Close()
	lr := newLineReader(rc)
	for {
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("audit: reading %s: %w", path, err)
		}
		fn(lr, line)
	}
}

// edges reads the first and the last line of an audit file. complete is
// false when the file does not end with "\n" (a write cut short). Plain files
// are read from both ends; gzipped ones through.
func edges(path string) (first, last []byte, complete bool, err error) {
	if strings.HasSuffix(path, gzSuffix) {
		complete = true // an empty file
		err := eachLine(path, func(lr *lineReader, l []byte) {
			if first == nil {
				first = slices.Clone(l)
			}
			last = append(last[:0], l...)
			complete = !lr.partial
		})
		if err != nil {
			return nil, nil, false, err
		}
		return first, last, complete, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, false, fmt.Errorf("audit: %w", err)
	}
	defer f.Close()
	lr := newLineReader(f)
	l, err := lr.next()
	if err == io.EOF {
		return nil, nil, true, nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("audit: reading %s: %w", path, err)
	}
	first = slices.Clone(l)
	last, complete, err = lastLine(f)
	if err != nil {
		return nil, nil, false, fmt.Errorf("audit: reading %s: %w", path, err)
	}
	return first, last, complete, nil
}

// lastLine reads backwards from the end of f to its last line.
func lastLine(f *os.File) ([]byte, bool, error) {
	end, err := f.Seek(0, io.SeekEnd)
	if err != nil || end == 0 {
		return nil, true, err
	}
	var tail []byte
	const chunk = 64 << 10
	complete := false
	for off := end; off > 0 && len(tail) <= maxLine+1; {
		n := min(int64(chunk), off)
		off -= n
		b := make([]byte, n)
		if _, err := f.ReadAt(b, off); err != nil {
			return nil, false, err
		}
		tail = append(b, tail...)
		if off+n == end {
			complete = tail[len(tail)-1] == '\n'
		}
		body := tail
		if complete {
			body = tail[:len(tail)-1]
		}
		if i := bytes.LastIndexByte(body, '\n'); i >= 0 {
			return body[i+1:], complete, nil
		}
		if off == 0 {
			return body, complete, nil
		}
	}
	// Longer than a line may be: its end does not parse, so the writer
	// starts a new chain after it rather than refusing to open the trail.
	if complete {
		tail = tail[:len(tail)-1]
	}
	return tail, complete, nil
}
