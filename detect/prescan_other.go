//go:build !amd64 || purego

package detect

func prescanAVX2(masks *teddyMasks, src *byte, chunks int, tail *byte, valid uint64, out *uint64, text *byte, table *uint64, mul, mask uint32, spans *uint64) (fl textFlags, words, n, nt int) {
	panic("detect: no AVX2 kernel")
}
