package detect

import (
	"strings"
	"testing"
)

// TestPasswordTableCells: a table column headed by a password word holds
// passwords, and in a table of fields the cell after one's is its value;
// each judged as an assigned bare value.
func TestPasswordTableCells(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	p1, p2 := genPassword(r, 12), genPassword(r, 14)
	both := []want{{TypePassword, p1}, {TypePassword, p2}}
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"markdown column", "| User | Password |\n|---|---|\n| admin | " + p1 + " |\n| bob | " + p2 + " |", both},
		{"csv column", "username,password,role\nadmin," + p1 + ",root\nbob," + p2 + ",user\ncarl,N/A,user\n", both},
		{"tsv quoted", "user\tpwd\nadmin\t`" + p1 + "`\nbob\t\"" + p2 + "\"\n", both},
		// A table copied from a web page or a mail: cells by tabs.
		{"tsv field table", "Field\tValue\nsmtp_user\talerts\nsmtp_password\t" + p1 + "\n", []want{{TypePassword, p1}}},
		{"tsv fields without a header", "smtp_password\t" + p1 + "\nsmtp_user\tbob\n", []want{{TypePassword, p1}}},
		{"tsv column not last", "Password\tUser\n" + p1 + "\tadmin\n" + p2 + "\tbob", both},
		{"bold header", "| Host | **Password** |\n| --- | --- |\n| db01 | " + p1 + " |", []want{{TypePassword, p1}}},
		{"many rows down", "user;password\n" + strings.Repeat("x;-\n", 60) + "admin;" + p1 + "\n", []want{{TypePassword, p1}}},
		{"field table", "| Field | Value |\n|---|---|\n| user | admin |\n| password | " + p1 + " |", []want{{TypePassword, p1}}},
		{"prefixed field", "| Key | Value |\n|---|---|\n| db_password | " + p1 + " |", []want{{TypePassword, p1}}},
		{"fields without a header", "| db_password | Zanzara$ezYA |\n| db_user | app |", []want{{TypePassword, "Zanzara$ezYA"}}},
		{"prefixed column", "user,db_password\nadmin," + p1 + "\n", []want{{TypePassword, p1}}},
		// Not.
		{"key rows, prose value", "| db_password | rotated weekly |\n| db_host | db_prod |", nil},
		{"key rows csv", "DB_PASSWORD,required,string\nDB_HOST,required,string", nil},
		{"hash column", "| user | password_hash |\n|---|---|\n| a | 5f4dcc3b5aa765d61d8327deb882cf99 |", nil},
		{"header with a word beside", "| Password | Role |\n| " + p1 + " | admin |", []want{{TypePassword, p1}}},
		{"column of prose", "| Field | Notes |\n|---|---|\n| Password | must be 12 characters long |", nil},
		{"column of placeholders", "| User | Password |\n|---|---|\n| admin | ******** |\n| bob | <password> |\n| carl | ${PASS} |", nil},
		{"word in a cell", "| Step | What |\n|---|---|\n| 1 | reset the password |\n| 2 | " + p1 + " |", nil},
		{"table ends", "user,password\nadmin," + p1 + "\n\nlater,Qz7mKp2Lx9 in another list", []want{{TypePassword, p1}}},
		{"other column", "| User | Password | Role |\n|---|---|---|\n| admin | ******** | " + p2 + " |", nil},
		{"not a table", "Password\n" + p1, nil},
		{"prose under a csv header", "username,password\nalice," + p1 + "\nalso the admin password: " + p2 + ", rotate it\n", both},
		// Query output: rules between the lines (mysql, psql), columns
		// aligned by spaces under a rule (sqlite's .mode column, SQL*Plus,
		// a report).
		{"mysql", "+----+-------+------------------+\n| id | user  | password         |\n+----+-------+------------------+\n" +
			"|  1 | admin | " + p1 + "     |\n|  2 | bob   | " + p2 + "   |\n+----+-------+------------------+\n2 rows in set", both},
		{"psql", " id | user  |     password\n----+-------+------------------\n  1 | admin | " + p1 + "\n  2 | bob   | " + p2 + "\n(2 rows)", both},
		{"psql fields", "   key    | value\n----------+------------\n user     | admin\n password | " + p1, []want{{TypePassword, p1}}},
		{"fixed width", "ID  UTENTE    PASSWORD_CHIARO   RUOLO\n==  ========  ================  =======\n1   Cgreco    " + p1 + "      admin\n" +
			"2   Gjohnson  " + p2 + "    billing\n", both},
		{"sqlite column", "id    email              passwd\n----  -----------------  ---------------\n1042  anna.rossi         " + p1 + "\n", []want{{TypePassword, p1}}},
		{"fixed width ends at a blank line", "user   pwd\n-----  ------------\nadmin  " + p1 + "\n\nbob    " + p2 + "\n", []want{{TypePassword, p1}}},
		{"fixed width without a rule", "user   pwd\nadmin  " + p1 + "\n", nil},
		{"fixed width other column", "user   pwd            role\n-----  -------------  ------------\nadmin  ********       " + p2 + "\n", nil},
		// Hashes, and a tool's word for a hidden value.
		{"column of md5 hashes", " id | username |             password\n----+----------+----------------------------------\n" +
			"  1 | skzyab   | 683a4c22dfce173f57fb73e2d78fb9f6\n", nil},
		{"hashed_password column", "| id | hashed_password |\n|---|---|\n| 1 | " + p1 + " |", nil},
		{"django hashes", "username,password\nadmin,pbkdf2_sha256$870000$g6ETF6iHaZvkhjMz9qzRFB$T8wkk11/y3aBJVQ5GNcKiwM0xYFK0GIPzqfxMnbcGv4=\n", nil},
		{"hidden", "| user | password |\n|---|---|\n| admin | (hidden) |\n| bob | (not set) |", nil},
		{"tsv header after the word", "Which rows?\n\nid\tUsername\tPasswd\tRole\n100\tJconti\t" + p1 + "\tadmin\n", []want{{TypePassword, p1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestPasswordTableStaysLinear: a tall table of password columns, and a
// text of header-like lines, take linear time (1 MiB well within
// stayLinear's bound).
func TestPasswordTableStaysLinear(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing")
	}
	stayLinear(t, newTestScanner(t), map[string]string{
		"password columns":  "password,password,password\n" + fillMiB("Qz7mKp2Lx9,Qz7mKp2Lx9,Qz7mKp2Lx9\n"),
		"header lines":      fillMiB("| password | password |\n"),
		"field rows":        fillMiB("password|x\n"),
		"long header":       strings.Repeat("password,", 400) + "\n" + fillMiB(strings.Repeat("********,", 400)+"\n"),
		"long rows":         "a|b\n" + fillMiB("password|"),
		"after a long line": fillMiB("x") + "\n" + strings.Repeat("password|password\n", 200),
		"pgpass names":      fillMiB(".pgpass "),
		"putty headers":     fillMiB("PuTTY-User-Key-File-\n"),
		"fixed headers":     fillMiB("  password  x\n"),
		"fixed, one line":   fillMiB("  password"),
		"fixed columns":     "user   pwd\n-----  ------------\n" + fillMiB("admin  Qz7mKp2Lx9\n"),
		"fixed rules":       fillMiB("a  password\n--  --------\n"),
	})
}
