package reqlog

import (
	"sync"
	"testing"
)

func TestLog(t *testing.T) {
	var l Log[int]
	if got := l.Last(); got != 0 {
		t.Fatalf("Last of empty log = %d, want 0", got)
	}
	var wg sync.WaitGroup
	for i := 1; i <= 100; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); l.Add(i) }()
	}
	wg.Wait()
	all := l.All()
	if len(all) != 100 {
		t.Fatalf("All holds %d items, want 100", len(all))
	}
	all[0] = -1 // a copy: the log must not change
	if l.All()[0] == -1 {
		t.Fatal("All returned the log's own slice")
	}
	l.Add(7)
	if got := l.Last(); got != 7 {
		t.Fatalf("Last = %d, want 7", got)
	}
}
