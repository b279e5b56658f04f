//go:build !amd64 || purego

package detect

func prescanAVX2(masks *teddyMasks, src *byte, chunks int, tail *byte, valid uint64, out *uint64) uint64 {
	panic("detect: no AVX2 kernel")
}
