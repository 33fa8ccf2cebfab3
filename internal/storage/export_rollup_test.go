package storage

// RollupShardsInUse counts the shards of event_rollup that hold rows.
func (db *DB) RollupShardsInUse(ctx contextT) (int, error) {
	var n int
	err := db.View(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT COUNT(DISTINCT shard) FROM event_rollup`).Scan(&n)
	})
	return n, err
}
