package detect

import "testing"

// TestPasswordSQLInsertColumns: in SQL's INSERT INTO t (col, …) VALUES
// (v, …) a value's name is its column's, by position: a password column's
// quoted literal is the password (a hash's '$2b$…' is a template's shape,
// a bare NULL, DEFAULT, number or call is no literal), in every row of
// VALUES once the first row's was taken.
func TestPasswordSQLInsertColumns(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	pass := genPassword(r, 12)
	pass2, pass3 := genPassword(r, 14), genPassword(r, 10)
	p := []want{{TypePassword, pass}}
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"insert", "INSERT INTO users (id, full_name, db_password) VALUES (77358, 'Elena Dubois', '" + pass + "');", p},
		{"middle column", "INSERT INTO customers (id, full_name, admin_pass, region) VALUES (82645, 'Sara, Greco', '" + pass + "', 'eu');", p},
		{"quoted columns", "insert into `app`.`users` (`name`, `password`, `created`) values ('Ann', '" + pass + "', NOW());", p},
		{"over lines", "INSERT INTO users\n  (id, password)\nVALUES\n  (1, '" + pass + "'),\n  (2, 'x');", p},
		{"call before", "INSERT INTO users (id, created, password) VALUES (1, DATE('2024-01-01', 'utc'), '" + pass + "');", p},
		{"escaped quote before", "INSERT INTO users (note, password) VALUES ('it''s, ok', '" + pass + "');", p},
		{"double quoted idents", `INSERT INTO "users" ("id", "password") VALUES (1, '` + pass + `');`, p},
		{"bcrypt hash", "INSERT INTO users (id, password) VALUES (1, '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW');", nil},
		{"null", "INSERT INTO users (id, password) VALUES (1, NULL);", nil},
		{"bare", "INSERT INTO users (id, password) VALUES (1, " + pass + ");", nil},
		{"call", "INSERT INTO users (id, password) VALUES (1, crypt('" + pass + "', gen_salt('bf')));", nil},
		{"placeholder", "INSERT INTO users (id, password) VALUES (1, 'changeme');", nil},
		{"bind parameter", "INSERT INTO users (id, password) VALUES (?, ?);", nil},
		{"hash column", "INSERT INTO users (id, password_hash) VALUES (1, '" + pass + "');", nil},
		{"fewer values", "INSERT INTO users (id, name, password) VALUES (1, 'x');", nil},
		{"rows", "INSERT INTO users (name, password) VALUES ('alice', '" + pass + "'), ('bob', '" + pass2 + "'),\n ('carl', NULL), ('dan', 'changeme'), ('eve', f('" + pass3 + "')), ('fay', '" + pass3 + "');",
			[]want{{TypePassword, pass}, {TypePassword, pass2}, {TypePassword, pass3}}},
		{"rows after a null first", "INSERT INTO users (name, password) VALUES ('a', NULL), ('b', '" + pass2 + "'), ('c', '" + pass3 + "');",
			[]want{{TypePassword, pass2}, {TypePassword, pass3}}},
		{"rows of a hash column", "INSERT INTO users (name, password_hash) VALUES ('a', NULL), ('b', '" + pass2 + "');", nil},
		{"statements after", "INSERT INTO users (id, password) VALUES (1, '" + pass + "'); INSERT INTO notes (id, body) VALUES (2, '" + pass2 + "'), (3, 'x');", p},
		{"select", "INSERT INTO users (id, password) SELECT id, '" + pass + "' FROM t;", nil},
		{"no insert", "CALL f(id, password) VALUES (1, '" + pass + "');", nil},
		{"prose list", "Fields (user, password) and values (bob, '" + pass + "')", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}
