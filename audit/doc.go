// Package audit writes promptwall's audit trail: one JSON line per decision,
// through zap, with the ECS field names of DESIGN.md. A finding's value never
// appears in it: only its type, a count and HMAC-SHA256 fingerprints under
// the audit key, so equal values can be correlated but none read back.
package audit
