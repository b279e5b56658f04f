package detect

import (
	"encoding/base64"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNormalise checks the offset map: every normalised byte maps to a
// non-empty, in-bounds, non-decreasing span of the original, and any
// normalised span maps to a span of the original.
func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"plain ascii", "ＡＫＩＡ１２３", "a\u200bb\u00adc", "e\u0301", "ﬁ ｶ ①", "\xff\xfe", "–—\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		nt := normalise(s)
		if len(nt.edits) == 0 {
			if nt.text != s {
				t.Fatalf("no edits but text changed: %q → %q", s, nt.text)
			}
			return
		}
		prev := 0
		for i := 0; i < len(nt.text); i++ {
			a, b := nt.at(i)
			if a < 0 || a >= b || b > len(s) || a < prev {
				t.Fatalf("byte %d maps to %d-%d of %d (previous start %d)", i, a, b, len(s), prev)
			}
			prev = a
		}
		for a := 0; a < len(nt.text); a += 7 {
			b := min(len(nt.text), a+5)
			x, y := nt.span(a, b)
			if x < 0 || y > len(s) || x >= y {
				t.Fatalf("span %d-%d → %d-%d", a, b, x, y)
			}
		}
		if utf8.ValidString(s) && strings.ContainsRune(nt.text, '\u200b') {
			t.Fatalf("zero-width space kept in %q", nt.text)
		}
	})
}

// FuzzScanText runs the whole pipeline (normalisation, decoded views, every
// detector) on arbitrary input: no panic, spans inside the text, sorted.
func FuzzScanText(f *testing.F) {
	s, err := NewScanner(WithCustom([]CustomDetector{{Type: "CODE", Terms: []string{"orione"}, Regex: `ID-(\d+)`}}))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		"AKIAIOSFODNN7EXAMPLE", "mail a@b.it, tel. +39 02 1234567", "IBAN IT60 X054 2811 1010 0000 0123 456",
		"-----BEGIN RSA PRIVATE KEY-----\nabc", "postgres://u:p4ss!word@h/db", "\\u0041KIA%41", "eyJhbGciOiJub25lIn0.e30.",
		"QUtJQVozU1I0RkUzTE43R1NPVTc=", "::ffff:1.2.3.4/96", "password: Xy7!abc", "ＡＫＩＡ",
		"iban de89 3704 0044 0532 0130 00", "CF MRTMTTVLARVRSLBF", strings.Repeat("lorem ", 600) + "ID-42 orione",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fs := s.ScanText(text)
		for i, fd := range fs {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End {
				t.Fatalf("finding %+v out of %d bytes", fd, len(text))
			}
			if i > 0 && fs[i-1].Start > fd.Start {
				t.Fatalf("findings not sorted: %+v", fs)
			}
		}
	})
}

// Validators must never panic, and must agree with their own definition on
// the inputs they accept.

func FuzzFiscalCode(f *testing.F) {
	f.Add("RSSMRA85T10A562S")
	f.Add("rssmra85t10a562s")
	f.Fuzz(func(t *testing.T, s string) {
		if fiscalCodeValid(s) && len(s) != 16 {
			t.Fatalf("accepted %q", s)
		}
	})
}

func FuzzVAT(f *testing.F) {
	f.Add("01333550323")
	f.Fuzz(func(t *testing.T, s string) {
		if vatValid(s) && !luhn(s) {
			t.Fatalf("accepted %q failing Luhn", s)
		}
	})
}

func FuzzSSN(f *testing.F) {
	f.Add("123456780")
	f.Fuzz(func(t *testing.T, s string) {
		if ssnValid(s) && (len(s) != 9 || s[:3] == "000" || s[:3] == "666") {
			t.Fatalf("accepted %q", s)
		}
	})
}

func FuzzJWTHeader(f *testing.F) {
	f.Add("eyJhbGciOiJIUzI1NiJ9")
	f.Fuzz(func(t *testing.T, s string) {
		jwtHeaderOK(s)
		jwtValid(s)
	})
}

func FuzzIPAndEmail(f *testing.F) {
	f.Add("2001:db8::1")
	f.Add("a@b.it")
	f.Fuzz(func(t *testing.T, s string) {
		ipValid(s)
		emailValid(s)
	})
}

func FuzzDecodeViews(f *testing.F) {
	f.Add("%41%4B \\u0041\\uD83D\\uDE00 QUtJQVozU1I0RkUzTE43R1NPVTc=")
	f.Add("%DB_PASS% Societ%C3%A0 %E2%82 %F0%9F%98%80 %C3%28 %41%DB")
	// Blobs with a context: a key, a header's Basic credential.
	f.Add("data:\n  AWS_SECRET_ACCESS_KEY: d0phbHJYVXRuRkVNSS9LN01ERU5HK2JQeFJmaUNZenExWGszVHA5UQ==\n  username: YWRtaW4=\n")
	f.Add(`curl -H "Authorization: Basic YWxpY2U6UXo3bUtwMkx4OXZS" https://x`)
	f.Add("Authorization: basic J2FsaWNlOiJRejdtS3AyTHg5dlI= z")
	// HTML character references, JSON's escaped slash.
	f.Add("mario&#64;example&period;com &#x1F600; &amp; https:\\/\\/x.io")
	// Form bodies, nested JSON escapes.
	f.Add("first_name=luca&tel=0039+351+1573141 x?q=a+b&r=%2B1&s=%EF%BC%95 a+b@x.com")
	f.Add(`{"p":"{\"k\":\"a\\u200d\\ufeff\\\\\\u0041\"}"} C:\\new`)
	// Quoted-printable, short padded blobs.
	f.Add("attivit=C3=A0 wrapped=\nhere =EF=BC=\r\n=91 ID: NDQ1LTY0LTc2NjE= x: aW5mbw== AB= Q==")
	// Percent-encoded twice, among bytes encoded once.
	f.Add("x%3Fdsn%3Dpg%253A%252F%252Fu%253Ap%2540h%26y%3D1 %25%2541 %252")
	// Line continuations inside values and between arguments.
	f.Add("export T=\"ghp_ab\\\ncd\\\r\nef\" \\\n  --x a\\\\\nb \\")
	f.Add("curl -d 'tel=%2b%31+%37%37' key=-----BEGIN+X-----%0AQQ a=%41+b=c x?t=0+6%20")
	f.Add("a<b>1</b>2 x<!-- -->y <span style=\"display:none\">z</span>@q.it <wbr/> <font color=<b>> </i")
	f.Fuzz(func(t *testing.T, s string) {
		_, runs, fl := naiveScan(s)
		// With the views the encoding words gate, as if the text held
		// them.
		views := shortBlobViews(s, nil, qpViews(s, 0, decodeViews(s, runs, nil, fl)))
		for _, v := range views {
			for a := 0; a < len(v.nt.text); a += 3 {
				x, y, ok := v.span(a, min(len(v.nt.text), a+4))
				if ok && (x < 0 || y > len(s) || x >= y) {
					t.Fatalf("view span %d → %d-%d of %d", a, x, y, len(s))
				}
			}
			if v.hi == math.MaxInt || len(v.nt.edits) > 0 || v.lo >= v.hi {
				continue
			}
			// A base64 view: spans of the decoded bytes map into the
			// blob, and those of the context nowhere.
			bs, _ := v.back(v.lo, v.lo+1)
			_, be := v.back(v.hi-1, v.hi)
			for a := v.lo; a < v.hi; a++ {
				x, y, ok := v.span(a, min(v.hi, a+5))
				if !ok || x < bs || y > be || x >= y {
					t.Fatalf("%q: decoded span %d → %d-%d, %v; blob %d-%d", s, a, x, y, ok, bs, be)
				}
			}
			if _, _, ok := v.span(0, v.lo); ok && v.lo > 0 {
				t.Fatalf("%q: the context before the blob is the view's", s)
			}
			if _, _, ok := v.span(v.hi, len(v.nt.text)); ok && v.hi < len(v.nt.text) {
				t.Fatalf("%q: the context after the blob is the view's", s)
			}
		}
	})
}

// base64RunsNaive lists the maximal runs of at least minBase64Run base64
// characters, with up to two '=' of padding after them: the runs
// base64Views must consider.
func base64RunsNaive(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		if !b64Class[text[i]] {
			i++
			continue
		}
		e := i
		for e < len(text) && b64Class[text[e]] {
			e++
		}
		end := e
		for k := 0; k < 2 && end < len(text) && text[end] == '='; k++ {
			end++
		}
		if e-i >= minBase64Run {
			out = append(out, [2]int{i, end})
		}
		i = end
	}
	return out
}

// base64BlobsNaive groups base64RunsNaive's runs as base64Views decodes
// them: from each run that may be text (mayBeText), with the lines it is
// wrapped over (wrappedBlob's, written out: lines of the first run's
// width, a multiple of four and at least 32, the last one shorter, and a
// shorter first line of whole groups before it; maxBase64Run characters
// at most), a blob.
func base64BlobsNaive(text string) [][2]int {
	runs := base64RunsNaive(text)
	var out [][2]int
	lineBreak := func(a, b int) bool { return text[a:b] == "\n" || text[a:b] == "\r\n" }
	for i := 0; i < len(runs); i++ {
		s, e := runs[i][0], runs[i][1]
		if e-s > maxBase64Run || !mayBeText(text[s:e]) {
			continue
		}
		w := e - s
		if w >= 32 && w%4 == 0 && text[e-1] != '=' {
			// A first line of whole groups, its line break before s
			// ("\r\n" tried first: its "\n" alone is no line's end).
			for _, nl := range []int{2, 1} {
				f := s - nl
				if f < 0 || !lineBreak(f, s) {
					continue
				}
				k := f
				for f > 0 && b64Class[text[f-1]] {
					f--
				}
				if n := k - f; n >= 4 && n%4 == 0 && n < w && (i == 0 || runs[i-1][1] <= f || runs[i-1][0] == f) {
					s = f
				}
				break
			}
			for i+1 < len(runs) {
				n := runs[i+1]
				if !(n[0]-e == 1 || n[0]-e == 2) || !lineBreak(e, n[0]) || n[1]-n[0] > w || n[1]-s > maxBase64Run {
					break
				}
				i, e = i+1, n[1]
				if n[1]-n[0] < w || text[n[1]-1] == '=' {
					break
				}
			}
		}
		out = append(out, [2]int{s, e})
	}
	return out
}

// FuzzBase64Views checks the skipping search of base64Views against the
// naive list of runs: every run that decodes to text gets a view, and no
// other.
func FuzzBase64Views(f *testing.F) {
	f.Add("QUtJQVozU1I0RkUzTE43R1NPVTc= and bWFyaW8ucm9zc2lAZXhhbXBsZS5jb20gc2Vj==x")
	f.Add("short abcdefghijklmno abcdefghijklmnop")
	// Wrapped blobs: at 32, with a shorter first and last line, CRLF.
	f.Add("data: bWFy\naW8ucm9zc2lAZXhhbXBsZS5jb20gc2VjcmV0IG\r\nlzIGhlcmUgYW5kIG1vcmUgdGV4dCB0byByZWFk\nIGFuZCB0aGVu")
	f.Fuzz(func(t *testing.T, s string) {
		var want [][2]int
		for _, r := range base64BlobsNaive(s) {
			if _, ok := decodeBase64TextRef(strings.NewReplacer("\r", "", "\n", "").Replace(s[r[0]:r[1]])); ok && len(want) < maxDecodedViews {
				want = append(want, r)
			}
		}
		views := base64Views(s, runsOf(s), nil, nil, maxDecodedBytes)
		if len(views) != len(want) {
			t.Fatalf("%q: %d views, want %d (%v)", s, len(views), len(want), want)
		}
		for i, v := range views {
			a, _ := v.back(v.lo, v.lo+1)
			if a != want[i][0] {
				t.Fatalf("%q: view %d starts at %d, want %d", s, i, a, want[i][0])
			}
		}
	})
}

// runsOf returns the base64 runs byteScan finds in s.
func runsOf(s string) []b64Span {
	var runs []b64Span
	byteScan(s, nil, &runs, nil)
	return runs
}

// FuzzByteScan checks the word-at-a-time pass against byte-by-byte
// definitions: digit-run starts, base64 runs (base64RunsNaive without
// padding) and the non-ASCII flag.
func FuzzByteScan(f *testing.F) {
	f.Add("a1b22 333é4 QUtJQVozU1I0RkUzTE43R1NPVTc= x_y-z+/w0123456789abcdefABCDEF")
	f.Add("0123456789012345")
	f.Add("é" + strings.Repeat("Ab+/_-", 9) + "@")
	f.Add(strings.Repeat("x", 64) + strings.Repeat("Q", 40) + strings.Repeat(" 9", 20))
	f.Add("\x00\x7f\x80\xff*,.:;<=>?[]^`{|}~09AZaz+-/_")
	f.Fuzz(func(t *testing.T, s string) {
		var digits []int
		var runs []b64Span
		_, na := byteScan(s, &digits, &runs, nil)
		wantDigits, wantRuns, _ := naiveScan(s)
		if !slices.Equal(digits, wantDigits) {
			t.Fatalf("%q: digit runs %v, want %v", s, digits, wantDigits)
		}
		if !slices.Equal(runs, wantRuns) {
			t.Fatalf("%q: base64 runs %v, want %v", s, runs, wantRuns)
		}
		if na != !isASCII(s) {
			t.Fatalf("%q: non-ASCII %v", s, na)
		}
		// The assembly agrees with the byte-by-byte reference.
		buf := make([]byte, (len(s)+64)/64*64)
		copy(buf, s)
		n := len(buf) / 64
		got, want := make([]uint64, 2*n), make([]uint64, 2*n)
		h1 := classifyChunks(&buf[0], n, &got[0])
		h2 := classifyChunksGeneric(&buf[0], n, &want[0])
		if !slices.Equal(got, want) || (h1 != 0) != (h2 != 0) {
			t.Fatalf("%q: classifyChunks %x %d, want %x %d", s, got, h1, want, h2)
		}
	})
}

// TestBase64RunAfterPadding: a blob that starts right after another's '='
// padding is decoded too (the byte pass lists every run; a skipping search
// used to step over a 16-character one there).
func TestBase64RunAfterPadding(t *testing.T) {
	s := newTestScanner(t)
	first := base64.StdEncoding.EncodeToString([]byte("hello world!!")) // ends in "=="
	second := base64.StdEncoding.EncodeToString([]byte(" mario@ab.it")) // 16 characters
	checkFindings(t, s, "blob "+first+second+" end", []want{{TypeEmail, second}})
}
