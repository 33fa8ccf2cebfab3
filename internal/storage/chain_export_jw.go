package storage

import (
	"database/sql"
	"time"

	"schakel/internal/chain"
)

// careExportFact is what an exported care event carries of its request
// (chain.JW): never the texts, the case or the family.
type careExportFact struct {
	products  []string
	urgency   string
	provider  int64
	startedAt *time.Time
	endReason string
}

// careExportFacts reads the care requests of a region (0: all) for the
// event-log export, before the events stream: care requests are few
// next to the events, and the stream keeps one cursor.
func (db *DB) careExportFacts(ctx contextT, regionID int64) (map[int64]careExportFact, error) {
	where, args := "", []any{}
	if regionID != 0 {
		where, args = " WHERE q.region_id = ?", []any{regionID}
	}
	out := map[int64]careExportFact{}
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(`SELECT q.id, q.urgency, COALESCE(q.chosen_organisation_id, 0), q.started_at, q.end_reason
		FROM care_requests q`+where), args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var f careExportFact
		var started sql.NullTime
		if err := rows.Scan(&id, &f.urgency, &f.provider, &started, &f.endReason); err != nil {
			rows.Close()
			return nil, err
		}
		f.startedAt = nullTime(started)
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
			f.products = append(f.products, cat)
			out[id] = f
		}
	}
	return out, rows.Err()
}

// jwOf is the iJw fields of a care event on request id: each message
// carries what it carries in iJw, as of the step it mirrors (the
// provider from the allocation on, the start date on the start and the
// stop, the reason on the stop).
func jwOf(secret []byte, t chain.Type, id int64, facts map[int64]careExportFact) *chain.JW {
	f, ok := facts[id]
	if !ok {
		return nil
	}
	j := &chain.JW{Message: chain.JWMessage(t), Assignment: chain.AssignmentPseudonym(secret, id), Products: f.products}
	switch t {
	case chain.CareRequested, chain.CareAnswered:
		j.Urgency = f.urgency
	case chain.CareAllocated:
		j.Provider = f.provider
	case chain.CareStarted:
		j.Provider, j.StartDate = f.provider, f.startedAt
	case chain.CareEnded:
		j.Provider, j.StartDate, j.EndReason = f.provider, f.startedAt, f.endReason
	}
	return j
}
