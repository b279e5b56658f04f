package detect

import (
	"regexp"
	"testing"
)

func BenchmarkCalibByteLoop(b *testing.B) {
	text := make([]byte, 64<<10)
	for i := range text {
		text[i] = byte('a' + i%26)
	}
	var class [256]uint8
	for i := range class {
		class[i] = uint8(i % 7)
	}
	b.SetBytes(int64(len(text)))
	c0, ok := processCPU()
	n := 0
	s := 0
	for b.Loop() {
		for _, c := range text {
			s += int(class[c])
		}
		n++
	}
	reportCPUThroughput(b, c0, ok, n*len(text))
	_ = s
}

func BenchmarkCalibRegexpLiteral(b *testing.B) {
	re := regexp.MustCompile(`AKIA[0-9A-Z]{16}`)
	para := "Please summarise the following meeting notes and list the action items for each team. " +
		"We discussed the roadmap for the next quarter, the hiring plan and the budget review. "
	text := ""
	for len(text) < 64<<10 {
		text += para
	}
	b.SetBytes(int64(len(text)))
	c0, ok := processCPU()
	n := 0
	for b.Loop() {
		re.FindAllStringIndex(text, -1)
		n++
	}
	reportCPUThroughput(b, c0, ok, n*len(text))
}
