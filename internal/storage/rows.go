package storage

// rowScanner is one row of a query: what a scan function reads.
type rowScanner interface {
	Scan(dest ...any) error
}

// eachRow runs q and hands every row to scan, closing the rows before it
// returns: the one loop (query, next, scan, close, err) that the record
// readers otherwise each repeat. scan may not run another query.
func (tx *Tx) eachRow(q string, args []any, scan func(rowScanner) error) error {
	rows, err := tx.query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
