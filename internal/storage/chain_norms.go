package storage

import (
	"database/sql"
	"time"

	"schakel"
	"schakel/internal/chain"
)

// NormView is a phase with its norm in a region, as the API shows it.
type NormView struct {
	ID          string                   `json:"id"` // the phase code; PUT /api/v1/norms/{id}
	RegionID    int64                    `json:"region_id"`
	Label       string                   `json:"label"`
	StartEvent  chain.Type               `json:"start_event"`
	EndEvent    chain.Type               `json:"end_event"`
	Responsible schakel.OrganisationKind `json:"responsible,omitempty"`
	Amount      int                      `json:"amount"` // 0: no norm agreed
	Unit        chain.Unit               `json:"unit,omitempty"`
	Target      float64                  `json:"target"`
	Source      string                   `json:"source"`
	Text        string                   `json:"text"` // "5 werkdagen"
	Days        float64                  `json:"days"` // about, for charts
	Default     bool                     `json:"default"`
	ChangedAt   *time.Time               `json:"changed_at,omitempty"`
}

// regionNorms returns the norms in force in a region: the defaults from
// public sources, replaced where the region set its own.
func (tx *Tx) regionNorms(regionID int64) (map[chain.PhaseID]*chain.Norm, error) {
	if n, ok := tx.norms[regionID]; ok {
		return n, nil
	}
	out, err := tx.readNorms(regionID)
	if err == nil {
		if tx.norms == nil {
			tx.norms = map[int64]map[chain.PhaseID]*chain.Norm{}
		}
		tx.norms[regionID] = out
	}
	return out, err
}

// readNorms reads the norms a region set itself and has the rules merge
// them with the defaults; regionNorms keeps them for the rest of the
// transaction.
func (tx *Tx) readNorms(regionID int64) (map[chain.PhaseID]*chain.Norm, error) {
	own := map[string]chain.Norm{}
	rows, err := tx.query(`SELECT phase, amount, unit, target, source FROM chain_norms WHERE region_id = ?`, regionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		var n chain.Norm
		if err := rows.Scan(&code, &n.Amount, &n.Unit, &n.Target, &n.Source); err != nil {
			return nil, err
		}
		own[code] = n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return tx.db.phases.Norms(own), nil
}

// RegionExists tells whether the region exists.
func (tx *Tx) RegionExists(regionID int64) (bool, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM regions WHERE id = ?`, regionID).Scan(&n)
	return n > 0, err
}

// NormChanges returns when a region last set its own norm, per phase code.
func (tx *Tx) NormChanges(regionID int64) (map[string]time.Time, error) {
	changed := map[string]time.Time{}
	rows, err := tx.query(`SELECT phase, changed_at FROM chain_norms WHERE region_id = ?`, regionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		var at time.Time
		if err := rows.Scan(&code, &at); err != nil {
			return nil, err
		}
		changed[code] = at.UTC()
	}
	return changed, rows.Err()
}

// SaveNorm writes a region's own norm for a phase and recomputes the
// deadlines of the region's runs of that phase in the same transaction, so
// that the dashboards and alerts follow the new norm at once.
func (tx *Tx) SaveNorm(region int64, p chain.Phase, n chain.Norm, by int64) error {
	delete(tx.norms, region)
	res, err := tx.exec(`UPDATE chain_norms SET amount = ?, unit = ?, target = ?, source = ?, changed_by = ?, changed_at = ? WHERE region_id = ? AND phase = ?`,
		n.Amount, string(n.Unit), n.Target, n.Source, by, tx.now, region, p.Code)
	if err != nil {
		return err
	}
	if k, err := res.RowsAffected(); err != nil {
		return err
	} else if k == 0 {
		if _, err := tx.exec(`INSERT INTO chain_norms (region_id, phase, amount, unit, target, source, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			region, p.Code, n.Amount, string(n.Unit), n.Target, n.Source, by, tx.now); err != nil {
			return err
		}
	}
	return tx.redue(region, p, n)
}

// redue recomputes deadline and within-norm of a region's runs of a phase.
func (tx *Tx) redue(regionID int64, p chain.Phase, n chain.Norm) error {
	type run struct {
		caseID      int64
		seq, status int
		start       int64
		end         sql.NullInt64
	}
	rows, err := tx.query(`SELECT case_id, seq, status, start_min, end_min FROM case_phases WHERE region_id = ? AND phase = ?`, regionID, int(p.ID))
	if err != nil {
		return err
	}
	var runs []run
	for rows.Next() {
		var r run
		if err := rows.Scan(&r.caseID, &r.seq, &r.status, &r.start, &r.end); err != nil {
			rows.Close()
			return err
		}
		runs = append(runs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range runs {
		run := chain.Run{Phase: p.ID, Seq: r.seq, Status: chain.Status(r.status), Start: fromMin(r.start)}
		if r.end.Valid {
			end := fromMin(r.end.Int64)
			run.End = &end
		}
		// Only deadline, warning and within-norm follow the norm; the rest
		// of the row stays as the events made it.
		row := tx.db.phaseRow(r.caseID, run, &n, regionID, "")
		if _, err := tx.exec(`UPDATE case_phases SET due_min = ?, warn_min = ?, within = ? WHERE case_id = ? AND phase = ? AND seq = ?`,
			row.dueMin, row.warnMin, row.within, r.caseID, int(p.ID), r.seq); err != nil {
			return err
		}
	}
	return tx.rebuildPhaseRollup(regionID, p.ID)
}
