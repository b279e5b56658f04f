// Package proxy is promptwall's forward proxy. It composes the other
// packages into one pipeline per request:
//
//	CONNECT → connect decision (mitm | tunnel | block)
//	request → llmapi.Extract → detect.Scanner.Scan → policy.Engine.Decide → enforce → audit
//
// Hosts outside the vendor catalog are tunnelled blind and never decrypted.
// Every refusal, whatever its cause, is turned into an HTTP response in one
// place (respond.go), shaped like the vendor's own errors so that the official
// SDKs show the message to the user.
package proxy
