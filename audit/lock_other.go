//go:build !unix

package audit

import (
	"fmt"
	"os"
)

// lockFile only creates path+".lock" where flock(2) is missing: one writer
// per trail is then the operator's duty.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit: creating lock file: %w", err)
	}
	return f, nil
}
