package llmapi

// EventRestorer restores placeholders in the server messages of a vendor
// WebSocket (each message one JSON event), with the same per-text streaming
// restore as NewStreamRestorer: a placeholder split across two deltas is
// held back from the first and restored in the second. Not safe for
// concurrent use.
type EventRestorer struct {
	er *eventRewriter
}

// NewEventRestorer returns a restorer for the server events of api
// (OpenAIResponses for the Responses WebSocket, OpenAIRealtime, GeminiLive;
// any other API restores every string whole).
func NewEventRestorer(api API, r Restorer) *EventRestorer {
	return &EventRestorer{er: newEventRewriter(api, r)}
}

// Event returns the messages to send in place of the server message data,
// in order. Held bytes of texts that end with data, without a piece of
// their own in it, come first, each in a copy of its text's last delta
// event; then data, restored. A message that needs no change is returned
// as it is (the same slice).
func (e *EventRestorer) Event(data []byte) [][]byte {
	er := e.er
	if !er.r.MayContain(data) && !er.holding() {
		return [][]byte{data}
	}
	var none []byte
	res, _ := er.rewrite(&none, data, SSEEvent{}, wsSynth)
	out := append(er.synth, res)
	er.synth = nil
	return out
}

// Flush returns messages carrying every held byte: the connection is
// ending, so no later piece will say how they end.
func (e *EventRestorer) Flush() [][]byte {
	e.er.flushAll(nil, wsSynth)
	out := e.er.synth
	e.er.synth = nil
	return out
}

// Holding reports whether bytes are held back.
func (e *EventRestorer) Holding() bool { return e.er.holding() }
