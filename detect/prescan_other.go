//go:build !amd64 || purego

package detect

func prescanAVX2(t *teddy, text *byte, n int, out *uint64, bufs *teddyFused) (fl textFlags, more, nspans, nt, nh, vdone int) {
	panic("detect: no AVX2 kernel")
}
