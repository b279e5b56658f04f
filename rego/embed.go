// Package rego holds promptwall's default policy bundle: the Rego policy
// (package promptwall), its configuration data (data.json) and the Rego unit
// tests, embedded so that the binary runs on day one without any files.
//
// The directory is also a plain OPA bundle: `opa test rego/` and
// `promptwall policy test rego/` run the same tests. The serving engine
// (package policy) loads everything except *_test.rego files.
package rego

import "embed"

// FS is the default bundle: promptwall.rego, data.json and the *_test.rego
// unit tests, at the root of the file system.
//
//go:embed *.rego data.json
var FS embed.FS
