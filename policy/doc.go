// Package policy is promptwall's OPA engine: it loads a Rego bundle (the
// embedded default of package rego, or a directory), compiles it strictly,
// prepares data.promptwall.decision and data.promptwall.connect once, and
// answers them for the proxy.
//
// # Input
//
// The input document is DESIGN.md's, built by Engine.Decide from Input:
//
//	{"request": {"id","time","client":{"ip","user","groups"},"vendor","host","method",
//	             "path","api","model","stream","bytes"},
//	 "findings": [{"type","category","severity","count","paths"}],
//	 "internal": {"available": true}}
//
// Two additions, both recorded here as decisions:
//   - input.internal.available says whether an internal model is configured,
//     so that the policy can reroute or, without one, block. The proxy sets it
//     once with WithInternal; an Input may override it. It is absent when
//     neither says anything, and the default policy then blocks what it would
//     reroute (fail closed).
//   - Findings are aggregated per type before evaluation (counts summed,
//     paths merged, worst severity kept) and sorted by type. Nil lists are
//     empty arrays, never null.
//
// For CONNECT, data.promptwall.connect sees only input.request (no body, no
// findings) and answers mitm, tunnel or block.
//
// # Decisions
//
// Decisions are validated before they are returned: an unknown action, a
// redact without types, a reroute without route, an undefined result, a
// builtin error (evaluation is strict) or a timeout (WithTimeout, default
// 250 ms) is an error, and the proxy fails closed on every error. Global
// monitor mode (WithMonitor) sets Decision.Monitor; a policy may also set
// "monitor": true itself.
//
// # Fast path
//
// Clean prompts and repeated inputs do not pay for OPA: each compiled policy
// revision carries an LRU of validated decisions keyed on the input without
// its volatile fields (request.id, request.time, request.bytes). The key is
// only sound if the policy cannot see those fields, so the compiled modules
// are inspected: a reference to input.request.id or .time, to input or
// input.request as a whole or by a variable key, or a call to a
// non-deterministic builtin (time.now_ns, http.send, rand.intn…) disables
// the cache for that revision; a reference to request.bytes keeps bytes in
// the key. A reload builds a fresh cache, so no decision outlives the policy
// and data that produced it.
//
// # Revision
//
// Revision is the bundle manifest's revision when a .manifest sets one, else
// "sha256:" and the hash of the policy files (paths relative to the bundle
// root, contents) and of the data document. *_test.rego files are never
// served and do not count. Every Decision and ConnectDecision carries the
// revision that made it. Reloads compare the content hash, not the
// revision: an edit that forgets to bump the manifest still applies.
//
// # Sources and reload
//
// The policy comes from the embedded bundle, a directory or bundle tarball
// (WithDir) or a bundle server (WithBundle). In a directory, hidden files and
// directories (but .manifest) are skipped and links to files are followed,
// so that .git, editors' lock files and Kubernetes ConfigMap mounts work. A
// tarball's member names may start with "./" (tar -C dir .) or "/" (opa
// build); a name that leaves the bundle through ".." refuses it.
//
// # Problems
//
// Compile problems and bad custom detectors come back as a *CompileError,
// one "file:line: message" per line. Every bad entry of
// data.promptwall.custom_detectors is listed, as
// "FILE:LINE: data.promptwall.custom_detectors[i] (TYPE): problem", FILE
// being the data file that wrote the list (named as the Rego files are;
// left out for downloaded bundles).
//
// Engine.Reload recompiles the source (or downloads the bundle once) and
// swaps the prepared queries behind an atomic pointer; a policy that fails
// to compile is refused and the last good one stays in force. Engine.Watch
// drives it: fsnotify on the directory tree with a polling fallback, or
// ETag polling of the bundle server, reporting each new revision and each
// refusal (once) to its callback.
//
// # Bundles
//
// Bundles are fetched with OPA's own downloader (v1/download, in manual
// trigger mode so that the poll period is ours) and read by OPA's bundle
// reader, which verifies signatures when a public key is configured. If the
// first download fails, New still succeeds but the Engine is not Ready:
// Decide and Connect return ErrNotReady, and the proxy fails closed (or
// open) until Watch gets a good bundle.
//
// # Tooling
//
// Check, Test, Eval and Coverage back `promptwall policy check|test|eval`:
// dir "" means the embedded bundle.
package policy
