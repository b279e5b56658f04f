package detect

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
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
		{"html", "<table>\n<tr><th>Name</th><th>Email</th><th>Phone</th></tr>\n<tr><td>Ethan Underwood</td><td>x</td><td>020 4261 4758</td></tr>\n" +
			"<TR><TD class=\"n\">Anna Neri</TD><TD>y</TD><TD> 347 123 4567</TD></TR></table>", phones("020 4261 4758", "347 123 4567")},
		{"html, thead", "<table><thead><tr><th scope=col>Nome</th><th>Cellulare</th></tr></thead><tbody>" +
			"<tr><td>Rossi Mario</td><td>347 123 4567</td></tr><tr><td>Bianchi Anna</td><td>0521 123456</td></tr></tbody></table>", phones("347 123 4567", "0521 123456")},
		{"html, another column", "<tr><th>Name</th><th>Phone</th><th>Order</th></tr>\n<tr><td>Ethan Underwood</td><td>n/a</td><td>0204261475</td></tr>", nil},
		{"html, header row too short", "<tr><th>Name</th><th>Phone</th></tr>\n<tr><td>Ethan Underwood</td><td>n/a</td><td>0204261475</td></tr>", nil},
		{"html, another table", "<table><tr><th>Phone</th></tr></table>\n<table><tr><td>Ethan Underwood</td><td>0204261475</td></tr></table>", nil},
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
		// An empty header cell names nothing, whatever the cell before it.
		{"empty header cell after imei", "IMEI\t\tCity\nRossi\t\tRoma\ntel\t0521 123456\tRoma\n", phones("0521 123456")},
		// Query output, rules between its lines.
		{"mysql", "+-------------+--------------+\n| name        | phone        |\n+-------------+--------------+\n" +
			"| Emily Ricci | 0521/665906  |\n| Anna Verdi  | 030 95723429 |\n+-------------+--------------+\n", phones("0521/665906", "030 95723429")},
		{"psql", "    name     |    telefono\n-------------+--------------\n Emily Ricci | 0521/665906\n Anna Verdi  | 030 95723429\n(2 rows)\n",
			phones("0521/665906", "030 95723429")},
		// "Number" after another kind's name: that kind's column.
		{"vat number column", " company | vat_number\n---------+-------------\n Sarti   | 02932890113\n", phones()},
		{"order no column", "Name | Order No\nRossi | 0521 123456\n", phones()},
		{"contact number column", "Name | Contact number\nRossi | 0521 123456\n", phones("0521 123456")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// fixedRows lays rows out as a fixed-width report does: each cell but the
// last padded with spaces to its column's width (in characters).
func fixedRows(widths []int, rows ...[]string) string {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", max(widths[i]-utf8.RuneCountInString(c), 1)))
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// A phone word heading a column of a fixed-width table (columns aligned by
// spaces under a header line) names the numbers that start at its column
// and fill their cell, however far below.
func TestPhoneFixedWidthColumn(t *testing.T) {
	s := newTestScanner(t)
	w := []int{15, 11, 16}
	header := []string{"COGNOME", "NOME", "TELEFONO", "CITTA"}
	nums := []string{"339 8129593", "368-2846521", "347 123 4567", "0521 123456", "02 8736 4410"}
	// rows returns n rows with the numbers in column col (others: names
	// and cities), and the numbers.
	rows := func(n, col int) ([][]string, []string) {
		var rs [][]string
		var ns []string
		for i := range n {
			r := []string{[]string{"CONTI", "FONTANA", "RICCI", "GALLO", "NERI"}[i%5], []string{"OLIVIA", "CHIARA", "LUCA"}[i%3], "", "ROMA"}
			r[col] = nums[i%len(nums)]
			rs = append(rs, r)
			ns = append(ns, r[col])
		}
		return rs, ns
	}
	phones := func(nums []string) []want {
		var ws []want
		for _, n := range nums {
			ws = append(ws, want{TypePhone, n})
		}
		return ws
	}
	table := func(pre string, h []string, n, col int) (string, []want) {
		rs, ns := rows(n, col)
		return pre + fixedRows(w, append([][]string{h}, rs...)...), phones(ns)
	}
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		{"audit shape", "COGNOME        NOME       TELEFONO        CITTA\nCONTI          OLIVIA     +393750112564   ROMA\nFONTANA        CHIARA     339 8129593     BARI\n",
			[]want{{TypePhone, "+393750112564"}, {TypePhone, "339 8129593"}}},
		{"dashed", "COGNOME        NOME       TELEFONO        CITTA\nFONTANA        CHIARA     368-2846521     BARI\n", []want{{TypePhone, "368-2846521"}}},
	}
	add := func(name string, text string, wants []want) {
		tests = append(tests, struct {
			name  string
			text  string
			wants []want
		}{name, text, wants})
	}
	text, wants := table("", header, 60, 2)
	add("60 rows", text, wants)
	text, wants = table("Elenco clienti al 12 marzo:\n", header, 8, 2)
	add("a title line above the header", text, wants)
	text, wants = table("", []string{"TELEFONO", "NOME", "COGNOME", "CITTA"}, 8, 0)
	add("first column", text, wants)
	text, wants = table("", []string{"COGNOME", "NOME", "CELL", "CITTA"}, 8, 2)
	add("cell", text, wants)
	text, wants = table("", header, 8, 2)
	add("indented", "    "+strings.ReplaceAll(strings.TrimSuffix(text, "\n"), "\n", "\n    ")+"\n", wants)
	add("crlf", strings.ReplaceAll(text, "\n", "\r\n"), wants)
	// Columns are counted in characters: a name with an accent before
	// the number takes one column, two bytes.
	add("accented cells", fixedRows([]int{10, 10}, []string{"CITTÀ", "NOME", "TELEFONO"}, []string{"FORLÌ", "NICOLÒ", "0521 123456"},
		[]string{"ROMA", "LUCA", "02 8736 4410"}, []string{"ROMA", "LUCA", "06 1234 5678"}, []string{"ROMA", "LUCA", "333 987 6543"}),
		phones([]string{"0521 123456", "02 8736 4410", "06 1234 5678", "333 987 6543"}))
	// Another column, or not at a header word's column.
	text, _ = table("", header, 8, 3)
	add("city column", text, nil)
	// (The phone column first: a number close below the header's last
	// word has that word near, which nearWord reads.)
	text, _ = table("", []string{"TELEFONO", "COGNOME", "CODICE", "CITTA"}, 8, 2)
	add("code column", text, nil)
	text, _ = table("", header, 8, 2)
	h, body, _ := strings.Cut(text, "\n")
	add("one byte to the right", h+"\n "+strings.ReplaceAll(strings.TrimSuffix(body, "\n"), "\n", "\n ")+"\n", wants)
	add("three to the left", strings.Replace(h, "TELEFONO", "   TELEFONO", 1)+"\n"+body, wants)
	add("four to the right", h+"\n    "+strings.ReplaceAll(strings.TrimSuffix(body, "\n"), "\n", "\n    ")+"\n", nil)
	add("flattened from a PDF", "N.  Cognome  e nome            Codice  fiscale      Cellulare           E-mail\n"+
		"1   FABBRI Luca               FBB**********14D    348 6264486       lfabbri@libero.it\n"+
		"2   SANTORO Nicola           SNT**********37G    380 984 9163       nsantoro@libero.it\n",
		[]want{{TypePhone, "348 6264486"}, {TypeEmail, "lfabbri@libero.it"}, {TypePhone, "380 984 9163"}, {TypeEmail, "nsantoro@libero.it"}})
	add("header word inside a header cell", fixedRows([]int{12, 10}, []string{"COGNOME", "NOME", "NUM TELEFONO"},
		[]string{"ROSSI", "MARIO", "X"}, []string{"BIANCHI", "ANNA", "X"})+"GALLO       PIERO     Z   0521 123456  ROMA\n", nil)
	add("a number inside a cell", fixedRows([]int{15, 11, 16}, [][]string{header,
		{"CONTI", "OLIVIA", "ROMA", "ROMA"}, {"FONTANA", "CHIARA", "ROMA", "ROMA"}, {"RICCI", "LUCA", "ROMA", "ROMA"}}...)+
		"GALLO          LUCA       casa 0521 123456  ROMA\n", nil)
	add("a number with more in its cell", fixedRows([]int{15, 11, 16}, [][]string{header,
		{"CONTI", "OLIVIA", "ROMA", "ROMA"}, {"FONTANA", "CHIARA", "ROMA", "ROMA"}, {"RICCI", "LUCA", "ROMA", "ROMA"}}...)+
		"GALLO          LUCA       0521 123456 ufficio  ROMA\n", nil)
	add("a number alone on its line", fixedRows([]int{15, 11, 16}, [][]string{header,
		{"CONTI", "OLIVIA", "ROMA", "ROMA"}, {"FONTANA", "CHIARA", "ROMA", "ROMA"}, {"RICCI", "LUCA", "ROMA", "ROMA"}}...)+
		"                           0521 123456\n", nil)
	text, _ = table("", header, 8, 2)
	add("after a blank line", strings.Join(strings.SplitN(text, "\n", 2), "\n\n"), nil)
	add("header words one space apart", fixedRows([]int{15, 11}, []string{"COGNOME NOME", "TELEFONO"},
		[]string{"ROSSI MARIO", "X"}, []string{"BIANCHI ANNA", "X"}, []string{"GALLO PIERO", "X"})+
		"NERI SARA          0521 123456  ROMA\n", nil)
	add("prose with double spaces", "Thanks for the report.  Call me on Monday, or the office in the afternoon.\n"+
		"The old codes were printed on the labels of the boxes in the storeroom.\n"+
		"We checked them all.    0521 123456 was the last one of the list, I think.\n"+
		"Regards,  Mario\n", nil)
	// The column of another kind of number holds none.
	add("imei column", fixedRows([]int{16}, []string{"TELEFONO", "IMEI"}, []string{"347 123 4567", "356938035643809"},
		[]string{"0521 123456", "490154203237518"}, []string{"02 8736 4410", "356938035643809"}),
		phones([]string{"347 123 4567", "0521 123456", "02 8736 4410"}))
	add("order column", fixedRows([]int{16, 16}, []string{"NOME", "TELEFONO", "ORDINE"}, []string{"ROSSI", "347 123 4567", "0521 123456"},
		[]string{"BIANCHI", "0521 123456", "02 8736 4410"}),
		phones([]string{"347 123 4567", "0521 123456"}))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// A pg_dump COPY block's rows are named by the column list of its COPY
// line, the first row too, up to its "\." line.
func TestPhoneCopyColumn(t *testing.T) {
	s := newTestScanner(t)
	nums := []string{"329 2045186", "330-9428300", "347 123 4567", "0521 123456", "02 8736 4410"}
	// rows returns n rows (id, name, phone, city), the phone in column
	// col, and the numbers.
	rows := func(n, col int) (string, []want) {
		var b strings.Builder
		var ws []want
		for i := range n {
			r := []string{strconv.Itoa(2558 + i*7), []string{"Noah Dubois", "Andrea Ricci", "Sara Neri"}[i%3], "\\N", "Roma"}
			r[col] = nums[i%len(nums)]
			ws = append(ws, want{TypePhone, r[col]})
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		return b.String(), ws
	}
	const copyLine = "COPY public.pazienti (id, nome, telefono, citta) FROM stdin;\n"
	text, wants := rows(60, 2)
	text3, wants3 := rows(3, 2)
	textCity, _ := rows(6, 3)
	tests := []struct {
		name  string
		text  string
		wants []want
	}{
		{"audit shape", "COPY public.pazienti (id, nome, email, codice_fiscale, telefono) FROM stdin;\n" +
			"2558\tNoah Dubois\tnoahd64\tJSUKAJ47E55G224\t329 2045186\n4252\tAndrea Ricci\tandrea.r\tZBEHIN82L48H703\t330-9428300\n\\.\n",
			[]want{{TypePhone, "329 2045186"}, {TypePhone, "330-9428300"}}},
		{"60 rows", copyLine + text + "\\.\n", wants},
		{"quoted names", "COPY public.\"Pazienti\" (\"Id\", \"Nome\", \"Telefono\", \"Citta\") FROM stdin;\n" + text3 + "\\.\n", wants3},
		{"lower case", "copy pazienti (id, nome, phone_number, citta) from stdin;\n" + text3 + "\\.\n", wants3},
		{"crlf", strings.ReplaceAll(copyLine+text3+"\\.\n", "\n", "\r\n"), wants3},
		{"in a dump", "--\n-- Data for Name: pazienti; Type: TABLE DATA\n--\n\n" + copyLine + text3 + "\\.\n\n\n" +
			"COPY public.ordini (id, paziente, ordine, note) FROM stdin;\n" + strings.ReplaceAll(textCity, "Roma", "consegnato") + "\\.\n", wants3},
		// Another column, another list, or rows that are not the COPY's.
		{"other column", copyLine + textCity + "\\.\n", nil},
		{"not from stdin", "COPY public.pazienti (id, nome, telefono, citta) FROM '/srv/export/pazienti.tsv';\n" + textCity + text + "\\.\n", nil},
		{"after the end", copyLine + "1\tRossi\t\\N\tRoma\n\\.\n" + text, nil},
		{"more cells than names", "COPY public.pazienti (id, telefono, citta) FROM stdin;\n" + textCity + "\\.\n", nil},
		{"imei column", "COPY public.device (id, nome, telefono, imei) FROM stdin;\n1\tRossi\t347 123 4567\t356938035643809\n" +
			"2\tBianchi\t0521 123456\t490154203237518\n\\.\n", []want{{TypePhone, "347 123 4567"}, {TypePhone, "0521 123456"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// The phone matcher with table columns against the reference, over texts
// of table-like lines: tables of separators, fixed-width tables (cells
// padded to their column, some a character off) and COPY blocks, with
// lines of other shapes among them.
func TestPhoneTableMatchesReference(t *testing.T) {
	s := newTestScanner(t)
	r := rng(t)
	cells := []string{"Phone", "Telefono", "cell", "Numero", "Name", "Telegram", "02 8736 4410", "347 123 4567", "0521 123456",
		"12345678", "\"06 1234 5678\"", " 333 987 6543", "x 0521 123456", "+39 02 1234 5678", "", "Code 123", "IMEI", "Order-",
		"Phone IMEI", "tel \"Iva\"", "imei2", "Ordine tel", "TELEFONO", "CITTÀ", "368-2846521 casa", "\\N",
		"COPY public.t (id, telefono) FROM stdin;", "\\.", "VAT number", "order_no", "Numero tel", "+----+----+", "----", ":--"}
	seps := []string{"|", "\t", ";", ",", " | ", "  ", "   "}
	// The reference reads its regular expressions at every digit, which
	// the race detector slows tenfold: a third of the texts there.
	texts := 3000
	if raceEnabled {
		texts = 1000
	}
	for range texts {
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
	// HTML tables: tags and cells in any order the generator draws.
	tags := []string{"<tr>", "</tr>\n<tr>", "<th>", "<TH scope=col>", "</th>", "<td>", "<td class=x>", "</td>", "<table>", "</table>", "<thead>", "<tbody>", "<b>", "</b>"}
	for range texts / 2 {
		var b strings.Builder
		for range 2 + r.IntN(16) {
			if r.IntN(3) == 0 {
				b.WriteString(cells[r.IntN(len(cells))])
			} else {
				b.WriteString(tags[r.IntN(len(tags))])
			}
		}
		checkPhoneReference(t, s, b.String())
	}
	names := []string{"id", "nome", "telefono", "\"Phone\"", "imei", "ordine", "citta", "numero"}
	ends := []string{" FROM stdin;", " from STDIN", " FROM  stdin WITH (FORMAT text);", " FROM '/srv/t.tsv';", " FROM stdinx;", " TO stdout;"}
	for range texts {
		var b strings.Builder
		widths := []int{4 + r.IntN(12), 4 + r.IntN(12), 4 + r.IntN(12), 4 + r.IntN(12)}
		indent := strings.Repeat(" ", r.IntN(3))
		cols := 1 + r.IntN(4) // the last COPY line's names
		for range 1 + r.IntN(8) {
			switch k := r.IntN(10); {
			case k == 0:
				// A COPY line.
				var list []string
				cols = 1 + r.IntN(4)
				for range cols {
					list = append(list, names[r.IntN(len(names))])
				}
				b.WriteString([]string{"COPY public.t (", "copy t ("}[r.IntN(2)] + strings.Join(list, []string{", ", ","}[r.IntN(2)]) + ")" + ends[r.IntN(len(ends))])
			case k == 1:
				b.WriteString([]string{"\\.", "", "  ", "Elenco:", "Call me.  Or write, 0521 123456"}[r.IntN(5)])
			case k < 4:
				// A COPY row, of its cells mostly.
				n := cols
				if r.IntN(4) == 0 {
					n = 1 + r.IntN(4)
				}
				for j := range n {
					if j > 0 {
						b.WriteByte('\t')
					}
					b.WriteString(cells[r.IntN(len(cells))])
				}
			default:
				// A fixed-width row, its cells a character off at times.
				b.WriteString(indent)
				n := 1 + r.IntN(4)
				for j := range n {
					c := cells[r.IntN(len(cells))]
					b.WriteString(c)
					if j < n-1 {
						b.WriteString(strings.Repeat(" ", max(widths[j]-utf8.RuneCountInString(c)+r.IntN(7)/3-1+r.IntN(7)/6, 1)))
					}
				}
			}
			b.WriteString([]string{"\n", "\n", "\n", "\r\n"}[r.IntN(4)])
		}
		checkPhoneReference(t, s, b.String())
	}
}

// Tables of many rows, or many lines that are nearly rows, cost each
// number its own line (the header, once found or not, is kept for the
// table's next rows).
func TestPhoneTablesStayLinear(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing bound; skipped under -race and -short")
	}
	rows := strings.Repeat("x\ty\n", maxTableLines+10) // no header within reach of the numbers below
	stayLinear(t, newTestScanner(t), map[string]string{
		"fixed-width rows":         "TELEFONO      NOME\n" + fillMiB("0521 123456   x\n"),
		"fixed-width, no header":   "tel\n" + strings.Repeat("x  y\n", maxTableLines+10) + fillMiB("0521 123456   x\n"),
		"fixed-width, one line":    "tel\nA  B\n" + fillMiB("  0521 123456"),
		"fixed-width, blank lines": "tel\n" + fillMiB("0521 123456  x\n\n"),
		"fixed-width, many words":  "CODICE       " + strings.Repeat("tel ", 5000) + "\n" + fillMiB("0521 123456  x\n"),
		"copy, other count":        "COPY t (telefono) FROM stdin;\n" + fillMiB("1\t0521 123456\n"),
		"tsv, no header":           "tel\n" + rows + fillMiB("x\t0521 123456\n"),
		"tsv, many words":          "Code\t" + strings.Repeat("tel ", 5000) + "\n" + fillMiB("0521 123456\tx\n"),
		"one line of cells":        "tel " + fillMiB("|0212345678"),
		"header, one line of rows": "phone,x\n" + fillMiB("0212345678,"),
	})
}
