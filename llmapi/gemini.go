package llmapi

import "strings"

// Gemini generateContent and streamGenerateContent
// (POST /v1beta/models/{model}:generateContent). The JSON mapping of protobuf
// accepts both lowerCamelCase and snake_case names, so both are known.

var geminiFields = gem(with(fields{
	"contents":          each(obj(geminiContentFields)),
	"systemInstruction": obj(geminiContentFields),
	"tools":             freeF,
	"toolConfig":        freeF,
	"generationConfig":  freeF,
	"labels":            freeF,
}, "model", "safetySettings", "cachedContent"))

var geminiContentFields = gem(with(fields{
	"parts": each(lazyObj(geminiPartFields)),
}, "role"))

var geminiParts fields

func init() {
	geminiParts = gem(with(fields{
		"text":             freeF,
		"thoughtSignature": opaqueF,
		"inlineData":       obj(gem(with(fields{"data": opaqueF, "displayName": freeF}, "mimeType"))),
		"fileData":         obj(gem(with(fields{"fileUri": freeF, "displayName": freeF}, "mimeType"))),
		"functionCall":     obj(gem(with(fields{"args": freeF}, "id", "name"))),
		"functionResponse": obj(gem(with(fields{
			"response": freeF,
			"parts":    each(lazyObj(geminiPartFields)),
		}, "id", "name", "willContinue", "scheduling"))),
		"executableCode":      obj(gem(with(fields{"code": freeF}, "language"))),
		"codeExecutionResult": obj(gem(with(fields{"output": freeF}, "outcome"))),
	}, "thought", "videoMetadata", "mediaResolution"))
}

func geminiPartFields() fields { return geminiParts }

// gem adds the snake_case spelling of every lowerCamelCase key.
func gem(fs fields) fields {
	out := make(fields, 2*len(fs))
	for k, f := range fs {
		out[k] = f
		out[snake(k)] = f
	}
	return out
}

func snake(k string) string {
	var b strings.Builder
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c >= 'A' && c <= 'Z' {
			b.WriteByte('_')
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// geminiMethod parses a …/models/{model}:generateContent or
// :streamGenerateContent path (v1, v1beta, tunedModels, Vertex publishers).
func geminiMethod(path string) (model string, stream, ok bool) {
	i := strings.LastIndexByte(path, '/')
	if i < 0 {
		return "", false, false
	}
	last := path[i+1:]
	name, method, found := strings.Cut(last, ":")
	if !found || name == "" {
		return "", false, false
	}
	switch method {
	case "generateContent":
	case "streamGenerateContent":
		stream = true
	default:
		return "", false, false
	}
	if !strings.HasSuffix(path[:i], "/models") && !strings.HasSuffix(path[:i], "/tunedModels") {
		return "", false, false
	}
	return name, stream, true
}
