package llmapi

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// Per API: which strings of a stream event are pieces of a streamed text,
// which text (a choice, content block, tool call), and which texts end with
// the event. Everything else in an event is restored as a whole string.

func keyAt(path []pathElem, i int, k string) bool {
	return i < len(path) && path[i].index < 0 && path[i].key == k
}

func idxAt(path []pathElem, i int) bool { return i < len(path) && path[i].index >= 0 }

func endsWith(prefixes []string) func(string) bool {
	if len(prefixes) == 0 {
		return nil
	}
	return func(k string) bool {
		for _, p := range prefixes {
			if k == p || strings.HasPrefix(k, p+".") {
				return true
			}
		}
		return false
	}
}

// routeChat: OpenAI chat completion chunks. Texts are choices[].delta
// content, refusal and reasoning, and each tool call's arguments; a choice's
// texts end with its finish_reason, all with [DONE].
func routeChat(data []byte) route {
	if bytes.Equal(bytes.TrimSpace(data), []byte("[DONE]")) {
		return route{endAll: true}
	}
	var info struct {
		Choices []struct {
			Index        int     `json:"index"`
			FinishReason *string `json:"finish_reason"`
			Delta        struct {
				ToolCalls []struct {
					Index int `json:"index"`
				} `json:"tool_calls"`
			} `json:"delta"`
		} `json:"choices"`
	}
	_ = json.Unmarshal(data, &info) // a field of an unexpected type leaves its zero value
	choice := func(i int) string {
		if i < len(info.Choices) {
			i = info.Choices[i].Index
		}
		return "c" + strconv.Itoa(i)
	}
	var ending []string
	for _, c := range info.Choices {
		if c.FinishReason != nil && *c.FinishReason != "" {
			ending = append(ending, "c"+strconv.Itoa(c.Index))
		}
	}
	return route{
		classify: func(path []pathElem) (string, bool, bool) {
			if !keyAt(path, 0, "choices") || !idxAt(path, 1) || !keyAt(path, 2, "delta") || len(path) < 4 {
				return "", false, false
			}
			c := choice(path[1].index)
			if len(path) == 4 {
				switch path[3].key {
				case "content":
					return c, false, true
				case "refusal":
					return c + ".r", false, true
				case "reasoning_content", "reasoning":
					return c + ".x", false, true
				}
				return "", false, false
			}
			if len(path) == 7 && keyAt(path, 3, "tool_calls") && idxAt(path, 4) && keyAt(path, 5, "function") && keyAt(path, 6, "arguments") {
				ti := path[4].index
				if ci := path[1].index; ci < len(info.Choices) && ti < len(info.Choices[ci].Delta.ToolCalls) {
					ti = info.Choices[ci].Delta.ToolCalls[ti].Index
				}
				return c + ".t" + strconv.Itoa(ti), true, true
			}
			return "", false, false
		},
		ends: endsWith(ending),
	}
}

// routeAnthropic: Anthropic message stream events. Texts are content
// blocks (text_delta, thinking_delta, input_json_delta); a block ends with
// content_block_stop, all with message_delta or message_stop.
func routeAnthropic(data []byte) route {
	var info struct {
		Type  string `json:"type"`
		Index int    `json:"index"`
	}
	_ = json.Unmarshal(data, &info)
	block := "b" + strconv.Itoa(info.Index)
	switch info.Type {
	case "content_block_delta":
		return route{classify: func(path []pathElem) (string, bool, bool) {
			if len(path) != 2 || !keyAt(path, 0, "delta") {
				return "", false, false
			}
			switch path[1].key {
			case "text", "thinking":
				return block, false, true
			case "partial_json":
				return block, true, true
			}
			return "", false, false
		}}
	case "content_block_stop":
		return route{ends: endsWith([]string{block})}
	case "message_delta", "message_stop", "error":
		return route{endAll: true}
	}
	return route{}
}

// routeResponses: OpenAI responses stream events. Texts are the *.delta
// events' delta, keyed by item (and content or summary part); each ends with
// its *.done event (which carries the whole text, restored whole), with its
// item's output_item.done, or with the response's end.
func routeResponses(data []byte) route {
	var info struct {
		Type         string `json:"type"`
		ItemID       string `json:"item_id"`
		ContentIndex int    `json:"content_index"`
		SummaryIndex int    `json:"summary_index"`
	}
	_ = json.Unmarshal(data, &info)
	item := strings.ReplaceAll(info.ItemID, ".", "_") // '.' separates key levels
	ci, si := strconv.Itoa(info.ContentIndex), strconv.Itoa(info.SummaryIndex)
	base, suffix, _ := strings.Cut(info.Type[min(len(info.Type), len("response.")):], ".")
	if !strings.HasPrefix(info.Type, "response.") {
		base, suffix = "", ""
	}
	if info.Type == "error" {
		return route{endAll: true}
	}
	var key string
	jsonText := false
	switch base {
	case "output_text":
		key = item + ".t" + ci
	case "refusal":
		key = item + ".r" + ci
	case "reasoning_text":
		key = item + ".x" + ci
	case "reasoning_summary_text":
		key = item + ".s" + si
	case "function_call_arguments":
		key, jsonText = item+".a", true
	case "custom_tool_call_input":
		key = item + ".a"
	case "output_item":
		if suffix == "done" {
			return route{ends: endsWith([]string{item})}
		}
		return route{}
	case "completed", "failed", "incomplete":
		return route{endAll: true}
	default:
		return route{}
	}
	return textEventRoute(key, jsonText, suffix)
}

// textEventRoute: the route of a *.delta or *.done event of the text named
// key (OpenAI responses and Realtime alike): a delta's "delta" is the next
// piece of the text, a done event ends it.
func textEventRoute(key string, jsonText bool, suffix string) route {
	switch suffix {
	case "delta":
		return route{classify: func(path []pathElem) (string, bool, bool) {
			if len(path) == 1 && keyAt(path, 0, "delta") {
				return key, jsonText, true
			}
			return "", false, false
		}}
	case "done":
		return route{ends: endsWith([]string{key})}
	}
	return route{}
}

// routeGemini: Gemini GenerateContentResponse chunks. Texts are each
// candidate's text parts (thoughts apart); a candidate's texts end with its
// finishReason. Function calls arrive whole and are restored whole.
func routeGemini(data []byte) route {
	var info struct {
		Candidates []struct {
			Index        int    `json:"index"`
			FinishReason string `json:"finishReason"`
			Content      struct {
				Parts []struct {
					Thought bool `json:"thought"`
				} `json:"parts"`
			} `json:"content"`
		} `json:"candidates"`
	}
	_ = json.Unmarshal(data, &info)
	var ending []string
	for i, c := range info.Candidates {
		if c.FinishReason != "" {
			ending = append(ending, "c"+strconv.Itoa(candIndex(i, c.Index)))
		}
	}
	return route{
		classify: func(path []pathElem) (string, bool, bool) {
			if len(path) != 6 || !keyAt(path, 0, "candidates") || !idxAt(path, 1) || !keyAt(path, 2, "content") ||
				!keyAt(path, 3, "parts") || !idxAt(path, 4) || !keyAt(path, 5, "text") {
				return "", false, false
			}
			i, pi := path[1].index, path[4].index
			k := "c" + strconv.Itoa(i)
			if i < len(info.Candidates) {
				c := info.Candidates[i]
				k = "c" + strconv.Itoa(candIndex(i, c.Index))
				if pi < len(c.Content.Parts) && c.Content.Parts[pi].Thought {
					k += ".th"
				}
			}
			return k, false, true
		},
		ends: endsWith(ending),
	}
}

// candIndex: Gemini omits index 0 at times; the array position stands in.
func candIndex(pos, index int) int {
	if index == 0 {
		return pos
	}
	return index
}

// routeRealtime: OpenAI Realtime server events. Texts are the deltas of
// response.output_text / output_audio_transcript (and their beta names
// response.text / audio_transcript) per item and content part, and of
// response.function_call_arguments per item; each ends with its *.done
// event or its item's output_item.done, all with response.done.
func routeRealtime(data []byte) route {
	var info struct {
		Type         string `json:"type"`
		ItemID       string `json:"item_id"`
		ContentIndex int    `json:"content_index"`
	}
	_ = json.Unmarshal(data, &info)
	item := strings.ReplaceAll(info.ItemID, ".", "_")
	ci := strconv.Itoa(info.ContentIndex)
	switch info.Type {
	case "response.done":
		return route{endAll: true}
	case "response.output_item.done":
		return route{ends: endsWith([]string{item})}
	}
	rest, ok := strings.CutPrefix(info.Type, "response.")
	if !ok {
		return route{}
	}
	i := strings.LastIndexByte(rest, '.')
	if i < 0 {
		return route{}
	}
	base, suffix := rest[:i], rest[i+1:]
	var key string
	jsonText := false
	switch base {
	case "output_text", "text":
		key = item + ".t" + ci
	case "output_audio_transcript", "audio_transcript":
		key = item + ".a" + ci
	case "function_call_arguments":
		key, jsonText = item+".f", true
	default:
		return route{}
	}
	return textEventRoute(key, jsonText, suffix)
}

// routeGeminiLive: Gemini Live server messages. Each serverContent carries
// the next piece of the model's turn: its text parts (thoughts apart) and
// its output transcription are texts of the turn, which all end with
// turnComplete, generationComplete or interrupted. Tool calls arrive whole
// and are restored whole.
func routeGeminiLive(data []byte) route {
	var info struct {
		ServerContent *liveServerContent `json:"serverContent"`
		SnakeContent  *liveServerContent `json:"server_content"`
	}
	_ = json.Unmarshal(data, &info)
	sc := info.ServerContent
	if sc == nil {
		sc = info.SnakeContent
	}
	if sc == nil {
		return route{}
	}
	r := route{classify: func(path []pathElem) (string, bool, bool) {
		if len(path) < 3 || !liveKey(path, 0, "serverContent", "server_content") {
			return "", false, false
		}
		if len(path) == 5 && liveKey(path, 1, "modelTurn", "model_turn") && keyAt(path, 2, "parts") && idxAt(path, 3) && keyAt(path, 4, "text") {
			if pi := path[3].index; pi < len(sc.turn().Parts) && sc.turn().Parts[pi].Thought {
				return "th", false, true
			}
			return "t", false, true
		}
		if len(path) == 3 && liveKey(path, 1, "outputTranscription", "output_transcription") && keyAt(path, 2, "text") {
			return "o", false, true
		}
		return "", false, false
	}}
	if sc.TurnComplete || sc.TurnComplete2 || sc.GenerationComplete || sc.GenerationComplete2 || sc.Interrupted {
		r.ends = func(string) bool { return true }
	}
	return r
}

type liveServerContent struct {
	ModelTurn           *liveTurn `json:"modelTurn"`
	ModelTurn2          *liveTurn `json:"model_turn"`
	TurnComplete        bool      `json:"turnComplete"`
	TurnComplete2       bool      `json:"turn_complete"`
	GenerationComplete  bool      `json:"generationComplete"`
	GenerationComplete2 bool      `json:"generation_complete"`
	Interrupted         bool      `json:"interrupted"`
}

type liveTurn struct {
	Parts []struct {
		Thought bool `json:"thought"`
	} `json:"parts"`
}

func (c *liveServerContent) turn() *liveTurn {
	switch {
	case c.ModelTurn != nil:
		return c.ModelTurn
	case c.ModelTurn2 != nil:
		return c.ModelTurn2
	}
	return &liveTurn{}
}

func liveKey(path []pathElem, i int, camel, snake string) bool {
	return keyAt(path, i, camel) || keyAt(path, i, snake)
}
