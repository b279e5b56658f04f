//go:build !amd64 || purego

package detect

// Other architectures (and -tags purego) classify byte by byte.

func classifyChunks(src *byte, chunks int, masks *uint64) uint64 {
	return classifyChunksGeneric(src, chunks, masks)
}

const haveFlagKernel = false

func classifyFlags(src *byte, chunks int, tail *byte, tailN int, masks *uint64) textFlags {
	panic("detect: no flag kernel")
}

// classifyVariants are the kernels this CPU runs, for tests.
func classifyVariants() map[string]func(*byte, int, *uint64) uint64 {
	return map[string]func(*byte, int, *uint64) uint64{"generic": classifyChunksGeneric}
}

func wordCtx(text string, out []uint64) uint64 { return wordCtxGeneric(text, out) }
