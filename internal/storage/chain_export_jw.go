package storage

import (
	"database/sql"
	"time"
)

// CareExportFact is what an exported care event carries of its request
// (chain.JW): never the texts, the case or the family.
type CareExportFact struct {
	Products  []string
	Urgency   string
	Provider  int64
	StartedAt *time.Time
	EndReason string
}

// CareExportFacts reads the care requests of a region (0: all) for the
// event-log export, before the events stream: care requests are few
// next to the events, and the stream keeps one cursor.
func (db *DB) CareExportFacts(ctx contextT, regionID int64) (map[int64]CareExportFact, error) {
	where, args := "", []any{}
	if regionID != 0 {
		where, args = " WHERE q.region_id = ?", []any{regionID}
	}
	out := map[int64]CareExportFact{}
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(`SELECT q.id, q.urgency, COALESCE(q.chosen_organisation_id, 0), q.started_at, q.end_reason
		FROM care_requests q`+where), args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var f CareExportFact
		var started sql.NullTime
		if err := rows.Scan(&id, &f.Urgency, &f.Provider, &started, &f.EndReason); err != nil {
			rows.Close()
			return nil, err
		}
		f.StartedAt = nullTime(started)
		out[id] = f
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.read.QueryContext(ctx, db.dialect.rebind(`SELECT n.request_id, n.category FROM care_request_needs n
		JOIN care_requests q ON q.id = n.request_id`+where+` ORDER BY n.request_id, n.category`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var cat string
		if err := rows.Scan(&id, &cat); err != nil {
			return nil, err
		}
		if f, ok := out[id]; ok {
			f.Products = append(f.Products, cat)
			out[id] = f
		}
	}
	return out, rows.Err()
}
