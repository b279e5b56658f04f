package llmapi

import "testing"

func TestWideEncoding(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{`{"a":1}`, ""},
		{"\xef\xbb\xbf{\"a\":1}", ""}, // UTF-8 with a BOM is UTF-8
		{"{\x00\"\x00", "UTF-16LE"},
		{"\x00{\x00\"", "UTF-16BE"},
		{"{\x00\x00\x00", "UTF-32LE"},
		{"\x00\x00\x00{", "UTF-32BE"},
		{"\xff\xfe{\x00", "UTF-16LE"}, // BOMs
		{"\xfe\xff\x00{", "UTF-16BE"},
		{"\xff\xfe\x00\x00{\x00\x00\x00", "UTF-32LE"},
		{"\x00\x00\xfe\xff\x00\x00\x00{", "UTF-32BE"},
		{"ab", ""},
		{"RIFF\x24\x00\x00\x00WAVE", ""}, // binary that is not text at all
	} {
		if got := WideEncoding([]byte(tc.body)); got != tc.want {
			t.Errorf("WideEncoding(%q) = %q, want %q", tc.body, got, tc.want)
		}
	}
}
