package detect

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestAVXFunctionsUseOnlyVEX reads the amd64 assembly: a function that uses
// the 256-bit registers must not run a legacy SSE instruction on an XMM
// register (MOVQ AX, X1 rather than VMOVQ) while their upper halves are
// dirty. Some hosts charge a state transition for each — measured at
// ~130 ns here, which made a 25-instruction helper cost 380 ns a call and
// the corpus pass 1.3× slower — while others charge almost nothing, so only
// a reading of the source keeps it out.
func TestAVXFunctionsUseOnlyVEX(t *testing.T) {
	files, _ := filepath.Glob("*_amd64.[sh]")
	if len(files) == 0 {
		t.Fatal("no amd64 assembly found")
	}
	// Blocks: a TEXT function runs to the next TEXT or #define; a macro
	// runs while its lines end in a backslash.
	type block struct {
		file, name string
		macro      bool
		lines      []string
	}
	var blocks []block
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cur *block
		for _, line := range strings.Split(string(b), "\n") {
			code, _, _ := strings.Cut(line, "//")
			code = strings.TrimSpace(code)
			switch {
			case strings.HasPrefix(code, "#define "):
				name, _, _ := strings.Cut(strings.Fields(code)[1], "(")
				blocks = append(blocks, block{file: f, name: name, macro: true})
				cur = &blocks[len(blocks)-1]
			case strings.HasPrefix(code, "TEXT "):
				blocks = append(blocks, block{file: f, name: strings.Fields(code)[1]})
				cur = &blocks[len(blocks)-1]
			case cur != nil:
				cur.lines = append(cur.lines, strings.TrimSpace(strings.TrimSuffix(code, "\\")))
			}
			if cur != nil && cur.macro && !strings.HasSuffix(code, "\\") {
				cur = nil
			}
		}
	}
	macros := map[string][]string{}
	for _, b := range blocks {
		if b.macro {
			macros[b.name] = b.lines
		}
	}
	ymm := regexp.MustCompile(`\bY\d+\b`)
	xmm := regexp.MustCompile(`\bX\d+\b`)
	ident := regexp.MustCompile(`^[A-Z][A-Z0-9_]*`)
	// body expands the macros a function invokes, recursively.
	var body func(lines []string, depth int) []string
	body = func(lines []string, depth int) []string {
		var out []string
		for _, l := range lines {
			out = append(out, l)
			if m := ident.FindString(l); m != "" && depth < 8 {
				if ml, ok := macros[m]; ok {
					out = append(out, body(ml, depth+1)...)
				}
			}
		}
		return out
	}
	checked := 0
	for _, f := range blocks {
		if f.macro {
			continue
		}
		lines := body(f.lines, 0)
		wide := false
		for _, l := range lines {
			if ymm.MatchString(l) {
				wide = true
			}
		}
		if !wide {
			continue
		}
		checked++
		for _, l := range lines {
			op := ident.FindString(l)
			if op == "" || strings.HasPrefix(op, "V") || !xmm.MatchString(l) {
				continue
			}
			if _, isMacro := macros[op]; isMacro {
				continue
			}
			t.Errorf("%s: %s uses 256-bit registers but runs legacy SSE %q (use its VEX form)", f.file, f.name, l)
		}
	}
	if checked == 0 {
		t.Fatal("found no function using 256-bit registers: the reader is broken")
	}
}
