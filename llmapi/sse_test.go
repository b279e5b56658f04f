package llmapi

import (
	"bytes"
	"fmt"
	"testing"
)

// frameSSE runs the framer over in, fed in the given piece sizes.
func frameSSE(in []byte, sizes []byte) (events []SSEEvent, rest []byte) {
	f := NewSSEFramer(0)
	take := func(atEOF bool) {
		for {
			ev, ok, err := f.Next(atEOF)
			if err != nil || !ok {
				return
			}
			events = append(events, ev)
		}
	}
	for _, n := range sizes {
		k := min(int(n)%16+1, len(in))
		f.Feed(in[:k])
		in = in[k:]
		take(false)
	}
	f.Feed(in)
	take(false)
	take(true)
	return events, f.Rest()
}

func TestSSEFramer(t *testing.T) {
	in := "event: a\ndata: {\"x\":1}\n\n" +
		": comment\r\ndata: one\r\ndata:two\r\n\r\n" +
		"data: cr\r\r" +
		"id: 7\n\n" +
		"data: unterminated"
	events, rest := frameSSE([]byte(in), []byte{2, 5, 1, 0, 9})
	want := []struct{ name, data string }{{"a", `{"x":1}`}, {"", "one\ntwo"}, {"", "cr"}, {"", ""}}
	if len(events) != len(want) {
		t.Fatalf("%d events, want %d", len(events), len(want))
	}
	var all []byte
	for i, ev := range events {
		if ev.Name != want[i].name || string(ev.Data) != want[i].data {
			t.Errorf("event %d: %q %q, want %q %q", i, ev.Name, ev.Data, want[i].name, want[i].data)
		}
		all = append(all, ev.Raw...)
	}
	if events[3].Data != nil {
		t.Error("an event without data lines has nil Data")
	}
	if string(append(all, rest...)) != in {
		t.Fatal("events and rest do not add up to the input")
	}
	if got := string(events[1].WithData([]byte("A\nB"))); got != ": comment\r\ndata: A\r\ndata: B\r\n\r\n" {
		t.Errorf("WithData %q", got)
	}
	if got := string(events[0].WithData([]byte(`{"x":2}`))); got != "event: a\ndata: {\"x\":2}\n\n" {
		t.Errorf("WithData %q", got)
	}
	if got := string(events[3].WithData([]byte(`z`))); got != "id: 7\ndata: z\n\n" {
		t.Errorf("WithData without data line %q", got)
	}
}

func TestSSEFramerLimit(t *testing.T) {
	f := NewSSEFramer(8)
	f.Feed([]byte("data: 0123456789"))
	if _, _, err := f.Next(false); err != ErrEventTooLarge {
		t.Fatalf("err %v", err)
	}
}

// FuzzSSEFramer: however the stream is cut, the framer finds the same
// events, and their bytes plus the rest are the input; WithData with the
// event's own data re-frames a data-only event to itself.
func FuzzSSEFramer(f *testing.F) {
	f.Add([]byte("event: x\ndata: {}\n\ndata: a\r\ndata: b\r\n\r\n:c\r\rdata: z"), []byte{1, 2, 3})
	f.Add([]byte("\r\n\r\n\n\r"), []byte{0, 0, 0})
	f.Fuzz(func(t *testing.T, in, sizes []byte) {
		whole, wrest := frameSSE(in, nil)
		parts, prest := frameSSE(in, sizes)
		if fmt.Sprint(whole) != fmt.Sprint(parts) || !bytes.Equal(wrest, prest) {
			t.Fatalf("cut stream framed differently:\n%q\n%q", whole, parts)
		}
		var all []byte
		for _, ev := range parts {
			all = append(all, ev.Raw...)
			if ev.Data != nil {
				re := parseSSE(ev.WithData(ev.Data))
				if !bytes.Equal(re.Data, ev.Data) || re.Name != ev.Name {
					t.Fatalf("WithData(own data) changed the event: %q → %q", ev.Raw, ev.WithData(ev.Data))
				}
			}
		}
		if !bytes.Equal(append(all, prest...), in) {
			t.Fatal("events and rest do not add up to the input")
		}
	})
}
