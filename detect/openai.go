package detect

import "strings"

// openAIKey finds OpenAI API keys: project, service-account and admin keys
// (sk-proj-, sk-svcacct-, sk-admin-: long URL-safe bodies), and legacy user
// keys, sk- + 20 + "T3BlbkFJ" (base64 of "OpenAI") + 20. A bare sk- + 48
// alphanumerics counts only when the text names OpenAI: the shape alone is
// shared with other vendors.
type openAIKey struct{}

var _ Detector = openAIKey{}

func (openAIKey) Type() string { return TypeOpenAIKey }

func (openAIKey) Keywords() []string { return []string{"sk-"} }

const openAIMarker = "T3BlbkFJ"

// openAIContext names OpenAI: OpenAI and ChatGPT in any word they start
// (openaikey, chatgptplus), "gpt" whole (gpt-4o, GPT4, GPTs; not gptq),
// in identifiers too (openaiKey, OpenAIKey, myGPT).
var openAIContext = NewWordSet("openai*", "chatgpt*", "gpt{,s}").camelCase()

func (openAIKey) ContextWords() []*WordSet { return []*WordSet{openAIContext} }

func (openAIKey) Find(t *Text) {
	text, hits := t.S, t.Hits
	next := 0
	for _, h := range hits {
		if h < next || isWord(byteAt(text, h-1)) || byteAt(text, h-1) == '-' || !strings.HasPrefix(text[h:], "sk-") {
			continue
		}
		b := h + 3
		if strings.HasPrefix(text[b:], "ant-") {
			continue // Anthropic's format: no need to read the body
		}
		end := spanClass(text, b, 400, cWordDash)
		if isWord(byteAt(text, end)) {
			continue
		}
		body := text[b:end]
		ok := false
		switch {
		case hasAnyPrefix(body, "proj-", "svcacct-", "admin-", "None-"):
			rest := body[strings.IndexByte(body, '-')+1:]
			ok = len(rest) >= 40 && !isPlaceholderOf(rest, cWordDash)
		case len(body) == 48 && allAlnum(body):
			ok = body[20:28] == openAIMarker ||
				(t.Near(openAIContext, h, 80) && !isPlaceholderOf(body, cWordDash))
		case len(body) >= 40 && strings.Contains(body, openAIMarker):
			ok = !isPlaceholderOf(body, cWordDash)
		}
		if ok {
			t.Emit(h, end)
			next = end
		}
	}
}

func hasAnyPrefix(s string, ps ...string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func allAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if charClass[s[i]]&cAlnum == 0 {
			return false
		}
	}
	return true
}
