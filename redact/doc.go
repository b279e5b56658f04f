// Package redact keeps sensitive values from leaving in a prompt and puts
// them back in the answer.
//
// A Vault lives for one request. In mask mode it hands out irreversible
// markers ([REDACTED:EMAIL]) and remembers nothing. In pseudonymize mode it
// hands out placeholders unique per value within the request (<EMAIL_1>;
// the same value gets the same placeholder wherever it appears in the
// conversation) and remembers which value each stands for, so the answer can
// be restored: whole strings with Restore, text that arrives in pieces (a
// stream) with a Stream, which holds back only the few trailing bytes that
// could be the start of a placeholder split across pieces.
//
// Values never leave a Vault other than through Restore: it has no exported
// fields, prints as a count (String, GoString, Format, MarshalJSON), and its
// errors carry no text. Drop forgets every value; the proxy calls it when the
// answer ends. A Vault is not shared between requests, so concurrent requests
// never see each other's values.
package redact
