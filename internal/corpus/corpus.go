// Package corpus reads the texts of a labelled corpus (JSON Lines with a
// "text" field, as ../shared/corpus/dev.jsonl), for the detection
// benchmarks: detect's `go test -bench` and the bench harness read the same
// texts the same way.
package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

// ReadTexts returns the non-empty "text" fields of the JSON Lines file at
// path, in order. Lines that are not JSON objects with a text are skipped
// (a corpus may carry comments or other records); a line may be up to
// 64 MiB.
func ReadTexts(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Text != "" {
			texts = append(texts, rec.Text)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus: reading %s: %w", path, err)
	}
	return texts, nil
}
