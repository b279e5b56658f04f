// Package reqlog keeps what a fake server received, in order, for tests to
// inspect while the server goes on serving.
package reqlog

import "sync"

// Log is a goroutine-safe, append-only list. The zero value is ready to use.
type Log[T any] struct {
	mu    sync.Mutex
	items []T
}

// Add appends v.
func (l *Log[T]) Add(v T) {
	l.mu.Lock()
	l.items = append(l.items, v)
	l.mu.Unlock()
}

// All returns a copy of everything added so far, in order.
func (l *Log[T]) All() []T {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]T(nil), l.items...)
}

// Last returns the most recent item, or the zero T if none was added.
func (l *Log[T]) Last() T {
	l.mu.Lock()
	defer l.mu.Unlock()
	var zero T
	if len(l.items) == 0 {
		return zero
	}
	return l.items[len(l.items)-1]
}
