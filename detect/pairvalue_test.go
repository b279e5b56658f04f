package detect

import (
	"strings"
	"testing"
)

// TestPasswordNameValuePairs: where a list of entries gives each one's name
// and value as two fields of one object (Postman and Insomnia environments
// and collections {"key":"DB_PASSWORD","value":"…"}, HAR params and
// Kubernetes env lists {"name":"password","value":"…"}, CloudFormation
// ParameterKey/ParameterValue, a Terraform block's name and value), the
// password word is the name field's value and the password is its sibling
// value field, in either order, other fields between, in the same object
// only; the value is judged as an assigned one (a quoted value need not
// look generated, templates and placeholders are not passwords).
func TestPasswordNameValuePairs(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	pass := genPassword(r, 12)
	p := []want{{TypePassword, pass}}
	var pct strings.Builder // every byte percent-encoded but a few
	for i := 0; i < len(pass); i++ {
		if i%3 == 1 {
			pct.WriteByte(pass[i])
		} else {
			pct.WriteString("%" + string("0123456789ABCDEF"[pass[i]>>4]) + string("0123456789ABCDEF"[pass[i]&15]))
		}
	}
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"postman", `{"key":"DB_PASSWORD","value":"` + pass + `"}`, p},
		{"postman value first", `{"value":"` + pass + `","key":"REDIS_PASSWORD"}`, p},
		{"postman fields between", `[{"key":"ADMIN_PASS","type":"secret","enabled":true,"value":"` + pass + `"}]`, p},
		{"value first, fields between", `{"value":"` + pass + `","type":"secret","enabled":true,"key":"DB_PASSWORD"}`, p},
		{"nested field between", `{"key":"DB_PASSWORD","meta":{"k":"v","list":[1,{"a":"}"}]},"value":"` + pass + `"}`, p},
		{"pretty printed", "{\n  \"key\": \"LDAP_BIND_PASSWORD\",\n  \"value\": \"" + pass + "\",\n  \"enabled\": true\n}", p},
		{"in a collection", `{"item":[{"request":{"header":[{"key":"X-Id","value":"42"},{"key":"DB_PASSWORD","value":"` + pass + `"}]}}]}`, p},
		{"har params", `"params":[{"name":"username","value":"bob"},{"name":"password","value":"` + pass + `"}]`, p},
		{"k8s json env", `"env":[{"name":"SPRING_DATASOURCE_PASSWORD","value":"` + pass + `"}]`, p},
		{"cloudformation", `[{"ParameterKey":"DBPassword","ParameterValue":"` + pass + `"}]`, p},
		{"js object", `{ key: 'DB_PASSWORD', value: '` + pass + `' }`, p},
		{"percent-encoded", `{"key":"LDAP_BIND_PASSWORD","value":"` + pct.String() + `"}`, []want{{TypePassword, pct.String()}}},
		{"k8s yaml", "env:\n  - name: DB_PASSWORD\n    value: \"" + pass + "\"\n  - name: LOG_LEVEL\n    value: info\n", p},
		{"k8s yaml bare", "env:\n- name: DB_PASSWORD\n  value: " + pass + "\n", p},
		{"k8s yaml value first", "env:\n  - value: '" + pass + "'\n    name: DB_PASSWORD\n", p},
		{"k8s yaml field between", "  - name: DB_PASSWORD\n    description: |\n      the db\n    value: " + pass + "\n", p},
		{"terraform", "setting {\n  namespace = \"aws:elasticbeanstalk:application:environment\"\n  name      = \"DB_PASSWORD\"\n  value     = \"" + pass + "\"\n}\n", p},
		// Look-alikes and values that are not passwords.
		{"other entry's value", `[{"key":"DB_PASSWORD","value":""},{"key":"DB_USER","value":"` + pass + `"}]`, nil},
		{"value in the next object", `[{"key":"DB_PASSWORD"},{"value":"` + pass + `"}]`, nil},
		{"value nested deeper", `{"key":"DB_PASSWORD","meta":{"value":"` + pass + `"}}`, nil},
		{"password policy", `{"key":"password_policy","value":"strict"}`, nil},
		{"template", `{"key":"DB_PASSWORD","value":"{{db_password}}"}`, nil},
		{"masked", `{"key":"password","value":"********","type":"secret"}`, nil},
		{"placeholder", `{"key":"DB_PASSWORD","value":"<password>"}`, nil},
		{"boolean", `{"name":"password","value":true}`, nil},
		{"number", `{"name":"password","value":12345678}`, nil},
		{"prose name", `{"name":"Reset password","value":"` + pass + `"}`, nil},
		{"other name field", `{"label":"DB_PASSWORD","value":"` + pass + `"}`, nil},
		{"name field in a string", `{"note":"key: password","value":"` + pass + `"}`, nil},
		{"k8s yaml secret ref", "  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        value: " + pass + "\n", nil},
		{"k8s yaml next item", "- name: DB_PASSWORD\n  value: \"\"\n- name: DB_USER\n  value: " + pass + "\n", nil},
		{"k8s yaml word", "- name: DB_PASSWORD\n  value: hunter\n", nil},
		{"k8s yaml vault tag", "- name: DB_PASSWORD\n  value: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n", nil},
		{"terraform reference", "setting {\n  name  = \"DB_PASSWORD\"\n  value = var.db_password\n}\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// FuzzPasswordPairs runs the readers of a value named elsewhere (a name/value
// pair's value field, a SQL INSERT's column) and the joined words at every
// place of any text: no panic, spans inside the text, a value that is not
// the name it was found for, a value field on another line than the name's
// in a block.
func FuzzPasswordPairs(f *testing.F) {
	for _, seed := range []string{
		`{"key":"DB_PASSWORD","type":"secret","value":"Qz7mKp2Lx"}`, `[{"value":"Qz7","name":"password"}]`,
		`{"key":"password","value":{"a":[1,"]"]}}`, "{ key: 'pwd', value: 'x\\'y' }", `{"name":"password","value":`,
		"env:\n  - name: DB_PASSWORD\n    value: \"Qz7mKp2Lx\"\n", "- value: Qz7mKp2Lx\n  # c\n\n  name: password\n",
		"setting {\n  name  = \"DB_PASSWORD\"\n  value = \"Qz7mKp2Lx\"\n}", "name: password\r\nvalue: !x |",
		"INSERT INTO `t` (id, [password]) VALUES (1, 'Qz7mKp2Lx'), (2, 'y');", "insert into t (password) values ('",
		"motDePasse", "parola_d_ordine", "www.x", "jdbc:mysql://h", "a+b-c.d://[",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		check := func(name string, i, s, e int, ok bool) {
			if ok && (s < 0 || s >= e || e > len(text)) {
				t.Fatalf("%s(%q, %d) = %d, %d", name, text, i, s, e)
			}
		}
		for i := 0; i < len(text); i++ {
			end := spanClass(text, i, 24, cWordDash)
			s, e, ok := valueNamedBy(text, i, end)
			check("valueNamedBy", i, s, e, ok)
			if ok && s <= i && i < e {
				t.Fatalf("valueNamedBy(%q, %d) = %q: the name itself", text, i, text[s:e])
			}
			s, e, ok = pairedValue(text, i, end)
			check("pairedValue", i, s, e, ok)
			if ok && s <= i && i < e {
				t.Fatalf("pairedValue(%q, %d) = %q: the name itself", text, i, text[s:e])
			}
			s, e, ok = insertedValue(text, i, end)
			check("insertedValue", i, s, e, ok)
			if ok && s <= i {
				t.Fatalf("insertedValue(%q, %d) = %q: not after the column", text, i, text[s:e])
			}
			s, e, ok = bracedPairValue(text, i)
			check("bracedPairValue", i, s, e, ok)
			if i == 0 || text[i-1] == '\n' {
				for _, col := range []int{0, 2, 4} {
					s, e, ok = blockPairValue(text, i, col, col == 2)
					check("blockPairValue", i, s, e, ok)
					if ok && !strings.Contains(text[min(s, i):max(s, i)], "\n") {
						t.Fatalf("blockPairValue(%q, %d, %d) = %q: on the name's line", text, i, col, text[s:e])
					}
				}
			}
			if k, end := sqlRowWalk(text, i, i%3-1); k >= 0 && (k < i || k > len(text)) || end >= 0 && (end < i || end >= len(text) || text[end] != ')') {
				t.Fatalf("sqlRowWalk(%q, %d) = %d, %d", text, i, k, end)
			}
			if n := joinedWordAt(text, i); n < 0 || i+n > len(text) {
				t.Fatalf("joinedWordAt(%q, %d) = %d", text, i, n)
			}
			urlValue(text[i:])
		}
	})
}

// TestPasswordPairsStayLinear: texts of many password words each read as a
// pair's name, a column or a joined word (each search bounded) take linear
// time.
func TestPasswordPairsStayLinear(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing bound; skipped under -race and -short")
	}
	stayLinear(t, newTestScanner(t), map[string]string{
		"pair names":       fillMiB(`{"key":"password","k":[`),
		"pair names open":  fillMiB(`"name":"DB_PASSWORD",`),
		"block names":      fillMiB("- name: password\n  x: 1\n"),
		"bare names":       fillMiB("name=password "),
		"block line names": fillMiB("  value: x\n" + strings.Repeat("y", 600) + "\nname: password\n"),
		"insert columns":   fillMiB("(password,"),
		"insert into":      fillMiB("INSERT INTO t (id, password) VALUES ('x', "),
		"joined words":     fillMiB("mot_de_parola_"),
		"aws secret names": fillMiB("aws_secret_access_key "),
	})
}
