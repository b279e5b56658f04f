//go:build !amd64 || purego

package detect

// Other architectures (and -tags purego) classify byte by byte.

func classifyChunks(src *byte, chunks int, masks *uint64) uint64 {
	return classifyChunksGeneric(src, chunks, masks)
}
