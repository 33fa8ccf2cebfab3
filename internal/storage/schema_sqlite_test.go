package storage_test

import (
	"database/sql"
	"fmt"
	"strings"
)

// sqliteSchema describes a migrated SQLite schema for TestSchemaParity
// from sqlite_master and the table pragmas (never from the migration files).
func sqliteSchema(raw *sql.DB) (parityTables, error) {
	s := parityTables{}
	ddl := map[string]string{}
	err := parityQuery(raw, `SELECT name, sql FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'goose_db_version'`, func(r *sql.Rows) error {
		var name, q string
		if err := r.Scan(&name, &q); err != nil {
			return err
		}
		s.table(name)
		ddl[name] = q
		return nil
	})
	if err != nil {
		return nil, err
	}
	for name, tb := range s {
		pk := map[int]string{}
		err := parityQuery(raw, `SELECT name, type, "notnull", COALESCE(dflt_value, ''), pk FROM pragma_table_info(?)`, func(r *sql.Rows) error {
			var col, typ, dflt string
			var notNull bool
			var pkPos int
			if err := r.Scan(&col, &typ, &notNull, &dflt, &pkPos); err != nil {
				return err
			}
			if pkPos > 0 {
				pk[pkPos] = col
			}
			tb.columns[col] = parityColumn{typ: parityType("sqlite", typ), notNull: notNull || pkPos > 0, dflt: parityDefault(dflt)}
			return nil
		}, name)
		if err != nil {
			return nil, err
		}
		for i := 1; i <= len(pk); i++ {
			tb.primaryKey = append(tb.primaryKey, pk[i])
		}
		code := sqliteCode(ddl[name])
		for _, check := range sqliteChecks(code) {
			tb.checks = append(tb.checks, parityCheck(check, tb.columns))
		}
		if err := sqliteIndexes(raw, name, tb); err != nil {
			return nil, err
		}
		err = parityQuery(raw, `SELECT id, "table", "from", COALESCE("to", ''), on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, func(r *sql.Rows) error {
			var id int
			var ref, from, to, onDelete string
			if err := r.Scan(&id, &ref, &from, &to, &onDelete); err != nil {
				return err
			}
			if to == "" { // REFERENCES t without columns: t's primary key
				to = s.table(ref).primaryKey[0]
			}
			tb.foreignKeys = append(tb.foreignKeys, fmt.Sprintf("(%s) -> %s(%s) on delete %s", from, ref, to, strings.ToUpper(onDelete)))
			return nil
		}, name)
		if err != nil {
			return nil, err
		}
	}
	return s, nil
}

func sqliteIndexes(raw *sql.DB, table string, tb *parityTable) error {
	type index struct {
		name, origin string
		unique       bool
	}
	var idx []index
	err := parityQuery(raw, `SELECT name, "unique", origin FROM pragma_index_list(?)`, func(r *sql.Rows) error {
		var x index
		if err := r.Scan(&x.name, &x.unique, &x.origin); err != nil {
			return err
		}
		if x.origin != "pk" {
			idx = append(idx, x)
		}
		return nil
	}, table)
	if err != nil {
		return err
	}
	for _, x := range idx {
		var cols []string
		err := parityQuery(raw, `SELECT COALESCE(name, '(expression)') FROM pragma_index_info(?) ORDER BY seqno`, func(r *sql.Rows) error {
			var c string
			cols = append(cols, c)
			return r.Scan(&cols[len(cols)-1])
		}, x.name)
		if err != nil {
			return err
		}
		var def sql.NullString
		if err := raw.QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, x.name).Scan(&def); err != nil && err != sql.ErrNoRows {
			return err
		}
		pred := ""
		if code := sqliteCode(def.String); code != "" {
			if i := strings.LastIndex(strings.ToUpper(code), " WHERE "); i >= 0 {
				pred = code[i+len(" WHERE "):]
			}
		}
		name := ""
		if x.origin == "c" {
			name = x.name
		}
		tb.indexes = append(tb.indexes, parityIndex(name, x.unique, cols, pred, tb.primaryKey))
	}
	return nil
}

// sqliteCode returns a statement with its comments blanked out (SQLite
// keeps the statement's text, comments included, in sqlite_master).
func sqliteCode(q string) string {
	b := []byte(q)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '\'':
			for i++; i < len(b) && b[i] != '\''; i++ {
			}
		case b[i] == '-' && i+1 < len(b) && b[i+1] == '-':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// sqliteChecks returns the expressions of every CHECK (…) in a CREATE
// TABLE statement whose comments sqliteCode has blanked.
func sqliteChecks(code string) []string {
	var out []string
	upper := strings.ToUpper(code)
	for i := 0; i < len(code); i++ {
		if code[i] == '\'' {
			for i++; i < len(code) && code[i] != '\''; i++ {
			}
			continue
		}
		if !strings.HasPrefix(upper[i:], "CHECK") || i > 0 && isIdentByte(code[i-1]) ||
			i+5 < len(code) && isIdentByte(code[i+5]) {
			continue
		}
		j := i + 5
		for j < len(code) && code[j] == ' ' {
			j++
		}
		if j >= len(code) || code[j] != '(' {
			continue
		}
		depth, k := 0, j
		for ; k < len(code); k++ {
			switch code[k] {
			case '\'':
				for k++; k < len(code) && code[k] != '\''; k++ {
				}
			case '(':
				depth++
			case ')':
				depth--
			}
			if depth == 0 {
				break
			}
		}
		out = append(out, code[j+1:k])
		i = k
	}
	return out
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// parityDefault normalises a column default; identity and rowid ids have
// none on either engine.
func parityDefault(d string) string {
	if d == "" {
		return ""
	}
	return parityExpr(d)
}
