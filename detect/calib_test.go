package detect

import "testing"

// BenchmarkCalibByteLoop is a yardstick, not a test of this package: a
// table lookup per byte, the cheapest useful loop. Compare the scanner's
// cpu-MB/s with it to judge a figure taken on a busy or slow machine.
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
