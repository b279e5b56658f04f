package llmapi

import (
	"encoding/json"
	"net/http"
)

// ErrorContentType is the content type of the bodies ErrorBody returns.
const ErrorContentType = "application/json"

// OpenAIErrorType is the "type" of the OpenAI-shaped refusals promptwall
// returns (4xx), so clients can tell a policy refusal from a vendor error;
// OpenAIUnavailableType is that of its 5xx answers (the vendor, the internal
// model, the policy or the audit trail unavailable), which are not refusals
// of the prompt and may be retried.
const (
	OpenAIErrorType       = "promptwall_policy"
	OpenAIUnavailableType = "promptwall_unavailable"
)

// ErrorBody returns an error body in the shape the client's SDK parses, so
// the SDK shows message: the API decides the shape, then the vendor; any
// other vendor gets the OpenAI shape, which OpenAI-compatible SDKs read.
//
//   - OpenAI: {"error":{"message","type","param":null,"code"}} with type
//     promptwall_policy and code policy_violation (403), request_too_large
//     (413) or invalid_request (other 4xx); type and code
//     promptwall_unavailable for 5xx.
//   - Anthropic: {"type":"error","error":{"type","message"}} with Anthropic's
//     error type for the status (403 permission_error, 413 request_too_large…).
//   - Gemini: {"error":{"code","message","status"}} with the Google canonical
//     status name (403 PERMISSION_DENIED…).
func ErrorBody(vendor string, api API, status int, message string) []byte {
	var v any
	switch errorShape(vendor, api) {
	case "anthropic":
		v = anthropicError{Type: "error", Error: anthropicErrorDetail{Type: anthropicErrorType(status), Message: message}}
	case "gemini":
		v = geminiError{Error: geminiErrorDetail{Code: status, Message: message, Status: googleStatus(status)}}
	default:
		typ := OpenAIErrorType
		if status >= 500 {
			typ = OpenAIUnavailableType
		}
		v = openAIError{Error: openAIErrorDetail{Message: message, Type: typ, Code: openAIErrorCode(status)}}
	}
	b, err := json.Marshal(v)
	if err != nil { // cannot happen: plain structs of strings and ints
		panic("llmapi: marshalling error body: " + err.Error())
	}
	return b
}

func errorShape(vendor string, api API) string {
	switch api {
	case OpenAIChat, OpenAIResponses:
		return "openai"
	case AnthropicMessages:
		return "anthropic"
	case GeminiGenerate:
		return "gemini"
	}
	switch vendor {
	case "anthropic":
		return "anthropic"
	case "gemini":
		return "gemini"
	}
	return "openai"
}

type openAIError struct {
	Error openAIErrorDetail `json:"error"`
}

type openAIErrorDetail struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"` // always null
	Code    string  `json:"code"`
}

func openAIErrorCode(status int) string {
	switch {
	case status == http.StatusForbidden:
		return "policy_violation"
	case status == http.StatusRequestEntityTooLarge:
		return "request_too_large"
	case status >= 500:
		return "promptwall_unavailable"
	}
	return "invalid_request"
}

type anthropicError struct {
	Type  string               `json:"type"`
	Error anthropicErrorDetail `json:"error"`
}

type anthropicErrorDetail struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}

// anthropicErrorType maps a status to Anthropic's documented error types.
func anthropicErrorType(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return "authentication_error"
	case http.StatusForbidden:
		return "permission_error"
	case http.StatusNotFound:
		return "not_found_error"
	case http.StatusRequestEntityTooLarge:
		return "request_too_large"
	case http.StatusTooManyRequests:
		return "rate_limit_error"
	case 529:
		return "overloaded_error"
	}
	if status >= 500 {
		return "api_error"
	}
	return "invalid_request_error"
}

type geminiError struct {
	Error geminiErrorDetail `json:"error"`
}

type geminiErrorDetail struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Status  string `json:"status"`
}

// googleStatus maps an HTTP status to the google.rpc.Code name Google APIs
// return beside it.
func googleStatus(status int) string {
	switch status {
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		return "INVALID_ARGUMENT"
	case http.StatusUnauthorized:
		return "UNAUTHENTICATED"
	case http.StatusForbidden:
		return "PERMISSION_DENIED"
	case http.StatusNotFound:
		return "NOT_FOUND"
	case http.StatusConflict:
		return "ABORTED"
	case http.StatusPreconditionFailed:
		return "FAILED_PRECONDITION"
	case http.StatusTooManyRequests:
		return "RESOURCE_EXHAUSTED"
	case 499:
		return "CANCELLED"
	case http.StatusInternalServerError:
		return "INTERNAL"
	case http.StatusNotImplemented:
		return "UNIMPLEMENTED"
	case http.StatusBadGateway, http.StatusServiceUnavailable:
		return "UNAVAILABLE"
	case http.StatusGatewayTimeout:
		return "DEADLINE_EXCEEDED"
	}
	if status >= 500 {
		return "UNKNOWN"
	}
	return "FAILED_PRECONDITION"
}
