package detect

import (
	"strings"
	"testing"
)

// A phone word names the number of its own field: another field's label
// (a key and ':' or '=') between the word and a number takes the number
// over (a timestamp, an IMEI, an ISBN after a phone field); the phone
// field's own label ("Phone number:", "Tel. ufficio:"), its list of
// numbers, and the sub-fields of its value (a nested object, a YAML
// block, a parenthesis) leave the word applying.
func TestPhoneOtherFieldLabel(t *testing.T) {
	s := newTestScanner(t)
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		// Another field's label after the phone field's value.
		{"json timestamp", `{"support_phone":"07632 086112","ts":1715668683}`, []want{{TypePhone, "07632 086112"}}},
		{"env imei", "+SUPPORT_PHONE=+44 (0)161 420 5074\n-IMEI=\n+IMEI=351170558628471\n", []want{{TypePhone, "+44 (0)161 420 5074"}}},
		{"ini isbn", "support_phone = \"030 8168 8564\"\nisbn = \"978-88-26-0328-3\"", []want{{TypePhone, "030 8168 8564"}}},
		{"double json", `{"payload":"{\"support_phone\":\"0049 40 0456636\"}","ts":1729059212}`, []want{{TypePhone, "0049 40 0456636"}}},
		{"yaml", "phone: 02 8736 4410\nimei: 351170558628471", []want{{TypePhone, "02 8736 4410"}}},
		{"yaml list item", "- phone: 02 8736 4410\n  imei: 351170558628471", []want{{TypePhone, "02 8736 4410"}}},
		{"logfmt", "phone=0287364410 ts=1715668683", []want{{TypePhone, "0287364410"}}},
		{"form", "tel=0287364410&ts=1715668683", []want{{TypePhone, "0287364410"}}},
		{"empty json value", `{"phone":"","ts":1715668683}`, nil},
		{"empty env value", "PHONE=\nIMEI=351170558628471", nil},
		{"boolean value", `{"phone_verified":true,"ts":1715668683}`, nil},
		{"object closed", `{"contact":{"phone":"02 8736 4410"},"order":1715668683}`, []want{{TypePhone, "02 8736 4410"}}},
		{"pretty json", "{\"phone\": \"02 8736 4410\",\n    \"ts\": 1715668683}", []want{{TypePhone, "02 8736 4410"}}},
		{"prose label", "Tel: 02 8736 4410, IMEI: 351170558628471", []want{{TypePhone, "02 8736 4410"}}},
		{"phrase then a line's label", "Call us anytime\nTicket: 1715668683", nil},
		{"a key with '#'", "Phone: (on file)   DL#: 069918901 (OH); Phone: n/a  Account #: 0287364410", nil},
		{"the phone's own key with '#'", "Tel #: 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		// The phone field's own label, its numbers and its sub-fields.
		{"two numbers", "Tel: 02 1234 5678 / 347 1234567", []want{{TypePhone, "02 1234 5678"}, {TypePhone, "347 1234567"}}},
		{"json list", `phones: ["02 1234 5678", "347 1234567"]`, []want{{TypePhone, "02 1234 5678"}, {TypePhone, "347 1234567"}}},
		{"second word", "Telefono: 02 1234567, cell. 347 1234567", []want{{TypePhone, "02 1234567"}, {TypePhone, "347 1234567"}}},
		{"label phrase", "Phone number: 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"qualified label", "Tel. ufficio: 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"parenthesis in the label", "Phone (office hours): 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"prose before a colon", "Call our desk, Monday to Friday: 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"yaml block", "phone:\n  office: 02 8736 4410\n  home: 06 1234 5678\n", []want{{TypePhone, "02 8736 4410"}, {TypePhone, "06 1234 5678"}}},
		{"json object", `{"phone":{"office":"02 8736 4410","home":"06 1234 5678"}}`, []want{{TypePhone, "02 8736 4410"}, {TypePhone, "06 1234 5678"}}},
		{"json objects list", `{"phones":[{"type":"home","value":"06 1234 5678"}]}`, []want{{TypePhone, "06 1234 5678"}}},
		{"parenthesis", "Phone: 02 8736 4410 (home: 06 1234 5678)", []want{{TypePhone, "02 8736 4410"}, {TypePhone, "06 1234 5678"}}},
		{"parameters", "TEL;TYPE=HOME: 02 8736 4410", []want{{TypePhone, "02 8736 4410"}}},
		{"url in the value", "Phone: https://wa.me/x 0287364410", []want{{TypePhone, "0287364410"}}},
		{"time in the value", "Phone: ore 09:30 0287364410", []want{{TypePhone, "0287364410"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// FuzzPhoneOtherFieldLabel: otherFieldLabel reads only the gap between a
// word and a number (and the number's first byte: "10:30" is no label),
// and finds no label where the gap after the word's key holds no ':' or
// '='; a phone field's value and then a line's label, after the gap, is
// one.
func FuzzPhoneOtherFieldLabel(f *testing.F) {
	for _, seed := range []string{
		`{"support_phone":"07632 086112","ts":`, "SUPPORT_PHONE=+44 (0)161 420 5074\nIMEI=", "phone:\n  office: 02 8736 4410\n  home: ",
		`{"phone":{"office":"02 8736 4410","home":"`, "Phone number: ", "Tel. ufficio: ", "Phone: 02 8736 4410 (home: ", "tel=1&ts=",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, gap string) {
		if len(gap) > 200 {
			return
		}
		text := gap + "0287364410"
		at := len(gap)
		for w := range at {
			got := otherFieldLabel(text, w, at)
			if got != otherFieldLabel(gap+"0", w, at) {
				t.Fatalf("%q from %d: depends on the bytes after the gap", gap, w)
			}
			k := w
			for k < at && isFieldKeyByte(text[k]) {
				k++
			}
			if got && !strings.ContainsAny(text[k:at], ":=") {
				t.Fatalf("%q from %d: a label without ':' or '='", gap, w)
			}
		}
		// The gap as a phone field's value, closed, then another field.
		if !strings.ContainsAny(gap, "{}[]()\n") {
			lbl := "phone=" + strings.ReplaceAll(gap, "=", "") + "0\nimei="
			if !otherFieldLabel(lbl, 0, len(lbl)) {
				t.Fatalf("%q: no label", lbl)
			}
		}
	})
}
