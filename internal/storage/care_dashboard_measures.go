package storage

import (
	"time"

	"schakel/internal/care"
	"schakel/internal/workdays"
)

// careMeasureRows reads, for the 3-month norm of help after a measure, the
// first effective court order of every case in the region (and
// municipality, and with the organisation taking part in the case) whose
// first order falls in the period, with the children of its family and
// the first start of care asked for on the case on or after the day of
// that order (Europe/Amsterdam).
func (tx *Tx) careMeasureRows(f LeadtimeFilter) ([]care.MeasureRow, error) {
	type first struct {
		at       time.Time
		muni     string
		children int
	}
	where, args := "e.type = 'court_order' AND e.superseded = FALSE AND e.withdrawn = FALSE", []any{}
	if f.RegionID != 0 {
		where, args = where+" AND e.region_id = ?", append(args, f.RegionID)
	}
	if f.OrganisationID != 0 {
		where, args = where+" AND EXISTS (SELECT 1 FROM participations p WHERE p.case_id = e.case_id AND p.organisation_id = ?)", append(args, f.OrganisationID)
	}
	if !f.To.IsZero() { // a case's first order is before the period's end when any is
		where, args = where+" AND e.at < ?", append(args, f.To.UTC())
	}
	rows, err := tx.query(`SELECT e.case_id, e.at, e.municipality,
		(SELECT COUNT(*) FROM persons pe JOIN cases c ON pe.family_id = c.family_id WHERE c.id = e.case_id AND pe.kind = 'child')
		FROM chain_events e WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	firsts := map[int64]first{}
	for rows.Next() {
		var id int64
		var x first
		if err := rows.Scan(&id, &x.at, &x.muni, &x.children); err != nil {
			rows.Close()
			return nil, err
		}
		if cur, ok := firsts[id]; !ok || x.at.Before(cur.at) {
			firsts[id] = x
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for id, x := range firsts {
		if x.at.Before(f.From) || f.Municipality != "" && x.muni != f.Municipality {
			delete(firsts, id)
		}
	}
	starts, err := tx.careStartsOfCases(f.RegionID)
	if err != nil {
		return nil, err
	}
	out := make([]care.MeasureRow, 0, len(firsts))
	for id, x := range firsts {
		r := care.MeasureRow{Children: max(1, x.children), MeasureStart: x.at.UTC()}
		day := x.at.In(workdays.Location()).Format(time.DateOnly)
		for _, s := range starts[id] {
			if s.asked.In(workdays.Location()).Format(time.DateOnly) >= day && (r.CareStarted == nil || s.started.Before(*r.CareStarted)) {
				st := s.started
				r.CareStarted = &st
			}
		}
		out = append(out, r)
	}
	return out, nil
}

type careStart struct{ asked, started time.Time }

// careStartsOfCases lists per case when care was asked for and started, of
// every started request in the region (0: all). The region is a condition
// of its own, so that the index on it serves a region's figures.
func (tx *Tx) careStartsOfCases(regionID int64) (map[int64][]careStart, error) {
	q, args := `SELECT q.case_id, q.created_at, q.started_at FROM care_requests q
		WHERE q.started_at IS NOT NULL AND q.status <> 'cancelled'`, []any{}
	if regionID != 0 {
		q, args = q+` AND q.region_id = ?`, append(args, regionID)
	}
	rows, err := tx.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]careStart{}
	for rows.Next() {
		var id int64
		var s careStart
		if err := rows.Scan(&id, &s.asked, &s.started); err != nil {
			return nil, err
		}
		out[id] = append(out[id], careStart{s.asked.UTC(), s.started.UTC()})
	}
	return out, rows.Err()
}
