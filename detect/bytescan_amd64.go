//go:build !purego

package detect

// classifyChunks classifies chunks 64-byte chunks from src (SSE2): for
// chunk i, masks[2i] gets a bit per ASCII digit and masks[2i+1] a bit per
// base64 byte (b64Class), bit k for byte k. It returns a value that is not
// 0 when a byte is outside ASCII. See classifyChunksGeneric.
//
//go:noescape
func classifyChunks(src *byte, chunks int, masks *uint64) uint64
