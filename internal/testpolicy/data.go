// Package testpolicy holds policy fixtures that tests of several packages
// share.
package testpolicy

import (
	"encoding/json"
	"testing"

	"github.com/promptwall/promptwall/rego"
)

// DataWithout returns the default bundle's data.json (rego.FS) with the
// given keys of data.promptwall removed, indented: the root data of a
// test bundle that sets those keys in another file.
func DataWithout(tb testing.TB, keys ...string) string {
	tb.Helper()
	raw, err := rego.FS.ReadFile("data.json")
	if err != nil {
		tb.Fatal(err)
	}
	var data map[string]any
	if err := json.Unmarshal(raw, &data); err != nil {
		tb.Fatal(err)
	}
	for _, k := range keys {
		delete(data["promptwall"].(map[string]any), k)
	}
	bs, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	return string(bs)
}
