package storage_test

import (
	"database/sql"
	"fmt"
	"strings"
)

// postgresSchema describes a migrated PostgreSQL schema (the connection's
// current schema) for TestSchemaParity from pg_catalog.
func postgresSchema(raw *sql.DB) (parityTables, error) {
	s := parityTables{}
	oids := map[string]int64{}
	err := parityQuery(raw, `SELECT c.oid, c.relname FROM pg_class c
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname <> 'goose_db_version'`, func(r *sql.Rows) error {
		var oid int64
		var name string
		if err := r.Scan(&oid, &name); err != nil {
			return err
		}
		s.table(name)
		oids[name] = oid
		return nil
	})
	if err != nil {
		return nil, err
	}
	for name, tb := range s {
		oid := oids[name]
		err := parityQuery(raw, `SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
				COALESCE(pg_get_expr(d.adbin, d.adrelid), '')
			FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
			WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped`, func(r *sql.Rows) error {
			var col, typ, dflt string
			var notNull bool
			if err := r.Scan(&col, &typ, &notNull, &dflt); err != nil {
				return err
			}
			tb.columns[col] = parityColumn{typ: parityType("postgres", typ), notNull: notNull, dflt: parityDefault(dflt)}
			return nil
		}, oid)
		if err != nil {
			return nil, err
		}
		// The key columns only: columns a primary key INCLUDEs are stored
		// in its index for index-only scans, as SQLite stores every column
		// of a WITHOUT ROWID table in its primary key's tree.
		err = parityQuery(raw, `SELECT a.attname FROM pg_index i
				CROSS JOIN unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
				JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
			WHERE i.indrelid = $1 AND i.indisprimary AND k.ord <= i.indnkeyatts ORDER BY k.ord`, func(r *sql.Rows) error {
			var c string
			tb.primaryKey = append(tb.primaryKey, c)
			return r.Scan(&tb.primaryKey[len(tb.primaryKey)-1])
		}, oid)
		if err != nil {
			return nil, err
		}
		err = parityQuery(raw, `SELECT x.relname, i.indisunique,
				EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid),
				COALESCE(pg_get_expr(i.indpred, i.indrelid), ''),
				(SELECT string_agg(pg_get_indexdef(i.indexrelid, n, true), ',' ORDER BY n) FROM generate_series(1, i.indnatts) n)
			FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
			WHERE i.indrelid = $1 AND NOT i.indisprimary`, func(r *sql.Rows) error {
			var name, pred, cols string
			var unique, constraint bool
			if err := r.Scan(&name, &unique, &constraint, &pred, &cols); err != nil {
				return err
			}
			if constraint {
				name = ""
			}
			// pg_get_indexdef quotes a column named like a keyword ("position").
			cols = strings.ReplaceAll(cols, `"`, "")
			tb.indexes = append(tb.indexes, parityIndex(name, unique, strings.Split(cols, ","), pred, tb.primaryKey))
			return nil
		}, oid)
		if err != nil {
			return nil, err
		}
		err = parityQuery(raw, `SELECT f.relname, c.confdeltype,
				(SELECT string_agg(a.attname, ', ' ORDER BY k.o) FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
					JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n),
				(SELECT string_agg(a.attname, ', ' ORDER BY k.o) FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
					JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n)
			FROM pg_constraint c JOIN pg_class f ON f.oid = c.confrelid
			WHERE c.conrelid = $1 AND c.contype = 'f'`, func(r *sql.Rows) error {
			var ref, del, from, to string
			if err := r.Scan(&ref, &del, &from, &to); err != nil {
				return err
			}
			actions := map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
			tb.foreignKeys = append(tb.foreignKeys, fmt.Sprintf("(%s) -> %s(%s) on delete %s", from, ref, to, actions[del]))
			return nil
		}, oid)
		if err != nil {
			return nil, err
		}
		err = parityQuery(raw, `SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $1 AND contype = 'c'`, func(r *sql.Rows) error {
			var def string
			if err := r.Scan(&def); err != nil {
				return err
			}
			tb.checks = append(tb.checks, parityCheck(strings.TrimPrefix(def, "CHECK "), tb.columns))
			return nil
		}, oid)
		if err != nil {
			return nil, err
		}
	}
	return s, nil
}
