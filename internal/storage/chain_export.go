package storage

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"schakel/internal/chain"
)

// ExportFilter narrows an event-log export: events From ≤ at < To.
type ExportFilter struct {
	From, To time.Time
	RegionID int64
}

func (f ExportFilter) String() string {
	var parts []string
	if !f.From.IsZero() {
		parts = append(parts, "from "+f.From.Format(time.DateOnly))
	}
	if !f.To.IsZero() {
		parts = append(parts, "to "+f.To.Format(time.DateOnly))
	}
	if f.RegionID != 0 {
		parts = append(parts, fmt.Sprintf("region %d", f.RegionID))
	}
	if len(parts) == 0 {
		return "everything"
	}
	return strings.Join(parts, ", ")
}

// ExportSecret returns the database's pseudonym key for event logs,
// making it on first use.
func (tx *Tx) ExportSecret() ([]byte, error) {
	var s string
	err := tx.queryRow(`SELECT secret FROM chain_secret WHERE id = 1`).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		s = hex.EncodeToString(b)
		if _, err := tx.exec(`INSERT INTO chain_secret (id, secret) VALUES (1, ?)`, s); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	return hex.DecodeString(s)
}

// ExportEvent is one effective chain event for the event log before the
// use case pseudonymises it: the row without its case and iJw fields, the
// case id and the care request it is about (0: none).
type ExportEvent struct {
	Row           chain.LogRow
	CaseID        int64
	CareRequestID int64
}

// StreamEventLog streams the effective chain events, grouped by case and
// in time order, with no names or free text; the use case pseudonymises
// the case ids and adds the iJw fields of care events (app.ExportEventLog).
// The rows are read from the read pool, so that a long export never
// blocks the writers.
func (db *DB) StreamEventLog(ctx contextT, f ExportFilter, emit func(ExportEvent) error) (int64, error) {
	kinds := map[int64]string{}
	orgs, err := db.Organisations(ctx)
	if err != nil {
		return 0, err
	}
	for _, o := range orgs {
		kinds[o.ID] = string(o.Kind)
	}
	conds := []string{"superseded = FALSE", "withdrawn = FALSE"}
	var args []any
	if !f.From.IsZero() {
		conds, args = append(conds, "at >= ?"), append(args, f.From)
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "at < ?"), append(args, f.To)
	}
	if f.RegionID != 0 {
		conds, args = append(conds, "region_id = ?"), append(args, f.RegionID)
	}
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(`SELECT case_id, type, at, ends_at, details, COALESCE(organisation_id, 0), region_id, municipality
		FROM chain_events WHERE `+strings.Join(conds, " AND ")+` ORDER BY case_id, at, id`), args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		var r chain.LogRow
		var caseID int64
		var typ, details string
		var ends sql.NullTime
		if err := rows.Scan(&caseID, &typ, &r.At, &ends, &details, &r.Organisation, &r.Region, &r.Municipality); err != nil {
			return n, err
		}
		r.Activity, r.OrganisationKind = chain.Type(typ), kinds[r.Organisation]
		r.EndsAt = nullTime(ends)
		var det EventDetails
		if err := decodeStored("details of chain event of case", caseID, details, &det); err != nil {
			return n, err
		}
		r.Measure, r.Color = det.Measure, det.Color
		if err := emit(ExportEvent{Row: r, CaseID: caseID, CareRequestID: det.CareRequestID}); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}
