// Package audit writes promptwall's audit trail: JSON lines with the ECS
// field names of DESIGN.md. A finding's value never appears in it:
// only its type, a count and HMAC-SHA256 fingerprints under the audit key, so
// equal values can be correlated but none read back.
//
// # Records: one line, or a decision and its completion
//
// A request promptwall answers itself (a refusal, a token count, a CONNECT
// refused, a WebSocket message) is one line, complete: event.type
// ["start","end"]. A request forwarded to the vendor or the internal model
// is two lines with the same event.id, so that the trail holds it before it
// leaves (the proxy writes, and checks, the first line before it forwards):
//
//   - the decision line, event.type ["start"]: every key, as a complete
//     line, with what is known at decision time (who, where, findings,
//     rules, action, route, http.request.body.bytes); its completion keys
//     are zero.
//   - the completion line, event.type ["end"], when the answer ended: only
//     @timestamp event.id event.kind event.type event.reason
//     promptwall.end_reason promptwall.route promptwall.rules (those added
//     after the decision, e.g. a refusal by the internal model)
//     http.response.status_code http.response.body.bytes event.duration
//     promptwall.usage, plus the chain.
//
// promptwall.end_reason says how the answer ended: "eof" (relayed to its
// end), "client_gone" (the client left first), "upstream_error" (the vendor
// or internal model failed or broke off) or "refused" (promptwall refused
// after the decision). A decision line without a completion is a request
// whose answer was still running when the trail was read, or when the proxy
// stopped. audit report counts each request once, at its decision line, with
// the usage of its completion; Verify treats every line alike.
//
// # Lines
//
// Each line is one JSON object written in the canonical form below, keys in
// bytewise order at every depth, with hash added last: the writer hashes
// the line as it encoded it, with no canonicalising pass. It encodes lines
// itself rather than through zap's JSON encoder, whose escaping was a third
// of a line's cost; Event.MarshalLogObject gives zap the same content. A
// complete or decision line:
//
//	@timestamp event.action event.duration (ns) event.id event.kind
//	event.reason event.type http.request.body.bytes http.response.body.bytes
//	http.response.status_code prev_hash promptwall.api promptwall.connection
//	promptwall.end_reason promptwall.findings[{count,fingerprints,type}]
//	promptwall.model promptwall.monitor promptwall.policy_revision
//	promptwall.route promptwall.route_model promptwall.rules
//	promptwall.usage{input_tokens,output_tokens} promptwall.vendor source.ip
//	url.domain url.path user.name hash
//
// event.kind is "event" for a request and "pipeline_error" for the one
// event the writer writes of its own: a chain restart (event.action
// "audit-chain-restart", event.type ["info"], event.reason saying why).
// Lines written before the two-line records have no event.type and no
// byte counts, and their keys in another order; they verify as before and
// report reads them as complete.
//
// # Hash chain
//
// prev_hash is the hash of the event before; the first event of a trail has
// prev_hash Genesis (64 zeros). hash is the lowercase hex SHA-256 of the 64
// ASCII characters of prev_hash followed by the event's canonical form:
//
//   - the line's JSON object without its top-level "hash" member;
//   - no whitespace outside strings; members of every object sorted by key,
//     bytewise on the UTF-8 (keys are unique: a line with a duplicate key,
//     at any depth, is invalid); array elements in order;
//   - strings as their decoded value re-escaped: '"' and '\' with a
//     backslash, U+0008 U+000C U+000A U+000D U+0009 as \b \f \n \r \t, other
//     characters below U+0020 as \u00xx with lowercase hex, everything else
//     (including '/', U+007F, U+2028) as its UTF-8 bytes;
//   - numbers exactly as written on the line, true, false and null as such.
//
// A line must be valid UTF-8 and one JSON object with nothing after it,
// hash and prev_hash 64 lowercase hex digits and @timestamp RFC 3339. So the
// canonical form depends on the line's data only: re-indenting or reordering
// a line keeps it valid, any change of a value breaks it. Verification
// recomputes everything from the line alone.
//
// What the chain shows: an edited line (its hash), a removed, inserted or
// moved line (the prev_hash of the line after), a missing rotated file (the
// prev_hash of the first line of the next). What it cannot show alone: the
// loss of the newest lines or of the oldest files, and a trail rewritten
// from some point on, since SHA-256 has no key. Keep the Tail hash that
// audit verify prints somewhere else (a ticket, a SIEM, a daily mail) and
// pass it back later with --anchor (an event must have that hash) to close
// that gap; --genesis requires the set to hold the start of the trail.
//
// # Files
//
// Rotation is lumberjack's: the file is moved aside as
// <name>-<UTC time 2006-01-02T15-04-05.000><ext> and a new one started, when the next line would reach the size limit (default
// 100 MB) or the file's first event is older than the age limit (default
// 24h; checked at each write, so an idle proxy rotates at its next event).
// Rotated files are kept until the security team sets a retention
// (max age in days, max count): deleting audit history is their call.
// Files and rotated files are 0600, their folder 0700 when created. With
// compression on, the writer gzips rotated files in the background (through
// a temporary file renamed into place; Close waits for it); verify and report
// read .gz files as they are.
//
// The chain runs on across files and restarts: Open reads the last line of
// the file, or of the newest rotated file when the file is empty, and links
// the next event to it. When that line does not verify (a crash cut it
// short, or it was edited) Open ends the cut line and writes a chain restart
// event with prev_hash Genesis; audit verify names the bad line and lists the
// restart with its reason. A write cut short at run time (a full disk) is
// ended the same way and the chain goes on from the last whole event. A cut
// line hides no event when the chain links across it or a restart follows
// it: Verify lists those in CutLines, and audit verify --allow-cut-lines
// passes a trail whose only bad lines they are. An edited line never is one.
//
// Each line is one write(2), handed to the kernel before Write returns, so
// it survives a crash of the process; the file is fsynced every second when it
// has new events (WithFsync), so a power cut takes at most the last second,
// and a disk that fails the sync turns Healthy red. One Writer per trail:
// Open takes flock(2) on <file>.lock, so a second process fails to open it
// instead of forking the chain. Rotate with these options only: an outside
// logrotate would move the file under the writer.
package audit
