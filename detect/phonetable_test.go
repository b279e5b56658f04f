package detect

import (
	"strings"
	"testing"
)

// A phone word heading a table column names the numbers of its cells,
// however far below it they are; only there.
func TestPhoneTableColumn(t *testing.T) {
	s := newTestScanner(t)
	// Rows enough that the last are far (over 40 bytes) from the header.
	rows := func(sep string, nums ...string) string {
		var b strings.Builder
		for i, n := range nums {
			b.WriteString([]string{"Rossi Mario", "Bianchi Anna", "Verdi Luca", "Neri Sara", "Gallo Piero"}[i%5] + sep + n + sep + "Milano\n")
		}
		return b.String()
	}
	far := []string{"02 8736 4410", "347 123 4567", "0521 123456", "06 1234 5678", "333 987 6543"}
	phones := func(nums ...string) []want {
		var w []want
		for _, n := range nums {
			w = append(w, want{TypePhone, n})
		}
		return w
	}
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		{"markdown", "Nome | Telefono | Città\n---|---|---\n" + rows(" | ", far...), phones(far...)},
		{"markdown, outer pipes in some lines", "| Nome | Telefono | Città |\n|---|---|---|\n" + strings.ReplaceAll(rows(" | ", far...), "\n", " |\n"), phones(far...)},
		{"markdown with outer pipes", "| Nome | Telefono | Città |\n| --- | --- | --- |\n" +
			"| " + strings.ReplaceAll(strings.TrimSuffix(rows(" | ", far...), "\n"), "\n", " |\n| ") + " |\n", phones(far...)},
		{"tsv", "Name\tPhone\tCity\n" + rows("\t", far...), phones(far...)},
		{"csv", "name,cell,city\n" + rows(",", far...), phones(far...)},
		{"csv semicolons", "Nome;Cellulare;Città\n" + rows(";", far...), phones(far...)},
		{"csv quoted", "\"name\",\"phone\",\"city\"\n" + strings.ReplaceAll(rows("\",\"", far...), "\n", "\"\n"), phones(far...)},
		{"weak header", "Cliente;Numero;Città\n" + rows(";", far...), phones(far...)},
		// Another column, another header.
		{"other column", "Nome | Codice | Città\n" + rows(" | ", far...), phones()},
		{"phone column, number elsewhere", "Phone | Code | City\n--- | --- | ---\n" + rows(" | ", far...), phones()},
		// The table ends at a blank line, or at a line of another shape.
		{"after a blank line", "Name | Phone\nRossi | 02 8736 4410\n\nIn the shipment list, the item code for the fourth box reads\nA | 0521 123456\n",
			phones("02 8736 4410")},
		{"after prose", "Name | Phone\nRossi | 02 8736 4410\nThe codes of the shipment are listed here for the record:\nBox | 0521 123456\n",
			phones("02 8736 4410")},
		{"paragraph below", "| Name | Phone |\n|---|---|\n| Rossi | 02 8736 4410 |\n\nOrder reference for the quarterly invoice of the year:\n0521 123456 was paid.\n",
			phones("02 8736 4410")},
		{"inside a cell", "Name | Phone\nRossi | 02 8736 4410\nBianchi | the lot of the year 0521 123456\n", phones("02 8736 4410")},
		{"header only in the first line", "Rossi | 02 8736 4410 | Phone\n", phones()},
		// A phone word near, but the column is another kind of number's.
		{"imei column after a phone column", "phone,imei\n+1 415 555 2671,356938035643809\n", phones("+1 415 555 2671")},
		{"order column", "Telefono | Ordine\n02 8736 4410 | 0521 123456\n", phones("02 8736 4410")},
		{"device imei header", "Tel;Device IMEI\n347 123 4567;356938035643809\n", phones("347 123 4567")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// The phone matcher with table columns against the reference, over texts
// of table-like lines.
func TestPhoneTableMatchesReference(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	cells := []string{"Phone", "Telefono", "cell", "Numero", "Name", "Telegram", "02 8736 4410", "347 123 4567", "0521 123456",
		"12345678", "\"06 1234 5678\"", " 333 987 6543", "x 0521 123456", "+39 02 1234 5678", "", "Code 123", "IMEI", "Order-",
		"Phone IMEI", "tel \"Iva\"", "imei2", "Ordine tel"}
	seps := []string{"|", "\t", ";", ",", " | "}
	for range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(6) {
			sep := seps[r.IntN(len(seps))]
			for k := range 1 + r.IntN(4) {
				if k > 0 {
					b.WriteString(sep)
				}
				b.WriteString(cells[r.IntN(len(cells))])
			}
			b.WriteString([]string{"\n", "\n", "\n\n", "\r\n"}[r.IntN(4)])
		}
		checkPhoneReference(t, s, b.String())
	}
}
