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

// StreamEventLog streams the effective chain events as an event log,
// grouped by case and in time order, with case ids pseudonymised with
// secret and no names or free text; care events carry the fields of the
// iJw messages they mirror (chain.JW). The rows are read from the read pool,
// so that a long export never blocks the writers.
func (db *DB) StreamEventLog(ctx contextT, secret []byte, f ExportFilter, emit func(chain.LogRow) error) (int64, error) {
	kinds := map[int64]string{}
	orgs, err := db.Organisations(ctx)
	if err != nil {
		return 0, err
	}
	for _, o := range orgs {
		kinds[o.ID] = string(o.Kind)
	}
	care, err := db.careExportFacts(ctx, f.RegionID)
	if err != nil {
		return 0, err
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
	var lastCase int64 = -1
	var pseudo string
	for rows.Next() {
		var r chain.LogRow
		var caseID int64
		var typ, details string
		var ends sql.NullTime
		if err := rows.Scan(&caseID, &typ, &r.At, &ends, &details, &r.Organisation, &r.Region, &r.Municipality); err != nil {
			return n, err
		}
		if caseID != lastCase {
			pseudo, lastCase = chain.Pseudonym(secret, caseID), caseID
		}
		r.Case, r.Activity, r.OrganisationKind = pseudo, chain.Type(typ), kinds[r.Organisation]
		r.EndsAt = nullTime(ends)
		var det EventDetails
		if err := decodeStored("details of chain event of case", caseID, details, &det); err != nil {
			return n, err
		}
		r.Measure, r.Color = det.Measure, det.Color
		if det.CareRequestID != 0 {
			r.JW = jwOf(secret, r.Activity, det.CareRequestID, care)
		}
		if err := emit(r); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}
