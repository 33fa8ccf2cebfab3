package storage

import (
	"context"
	"fmt"
)

// RowCounts returns the number of rows in every table of the schema, for the
// tests that prove a refused command wrote nothing but its audit entry (they
// compare every table before and after, so a new table is covered without
// anyone remembering to add it). goose's own table is left out.
func (db *DB) RowCounts(ctx context.Context) (map[string]int64, error) {
	list := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'goose_db_version'`
	if db.dialect.engine == Postgres {
		list = `SELECT table_name FROM information_schema.tables
		        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'goose_db_version'`
	}
	counts := map[string]int64{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.queryDirect(list)
		if err != nil {
			return err
		}
		var tables []string
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return err
			}
			tables = append(tables, name)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, name := range tables {
			var n int64
			// The names come from the catalogue, never from input.
			if err := tx.queryRow(`SELECT COUNT(*) FROM "` + name + `"`).Scan(&n); err != nil {
				return fmt.Errorf("count %s: %w", name, err)
			}
			counts[name] = n
		}
		return nil
	})
	return counts, err
}
