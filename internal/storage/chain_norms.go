package storage

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
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

func normView(p chain.Phase, n *chain.Norm, regionID int64, isDefault bool) *NormView {
	v := &NormView{ID: p.Code, RegionID: regionID, Label: p.Label, StartEvent: p.Start, EndEvent: p.End, Responsible: p.Responsible, Default: isDefault}
	if n != nil {
		v.Amount, v.Unit, v.Target, v.Source, v.Text, v.Days = n.Amount, n.Unit, n.Target, n.Source, n.String(), n.ApproxDays()
	} else {
		v.Text, v.Source = "geen norm afgesproken", "Geen publieke norm gevonden; de regio kan er een vastleggen."
	}
	return v
}

// regionNorms returns the norms in force in a region: the defaults from
// public sources, replaced where the region set its own.
func (tx *Tx) regionNorms(regionID int64) (map[chain.PhaseID]*chain.Norm, error) {
	out := map[chain.PhaseID]*chain.Norm{}
	for _, p := range chain.Phases() {
		if p.Default != nil {
			n := *p.Default
			out[p.ID] = &n
		}
	}
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
		if p, ok := chain.PhaseByCode(code); ok {
			out[p.ID] = &n
		}
	}
	return out, rows.Err()
}

// Norms lists the phases and norms of a region (0: the actor's region).
// Norms are no personal data; reading them is not audited.
func (db *DB) Norms(ctx contextT, actor *schakel.Actor, regionID int64) ([]NormView, error) {
	if d := access.Decide(access.SubjectOf(actor.Professional), access.Norms, access.Read, access.Context{}); !d.Allowed {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "%s", d.Reason)
	}
	if regionID == 0 {
		regionID = actor.Professional.Organisation.RegionID
	}
	var out []NormView
	err := db.View(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM regions WHERE id = ?`, regionID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound("Regio")
		}
		changed := map[string]time.Time{}
		rows, err := tx.query(`SELECT phase, changed_at FROM chain_norms WHERE region_id = ?`, regionID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var code string
			var at time.Time
			if err := rows.Scan(&code, &at); err != nil {
				rows.Close()
				return err
			}
			changed[code] = at.UTC()
		}
		rows.Close()
		norms, err := tx.regionNorms(regionID)
		if err != nil {
			return err
		}
		for _, p := range chain.Phases() {
			at, own := changed[p.Code]
			v := normView(p, norms[p.ID], regionID, !own)
			if own {
				v.ChangedAt = &at
			}
			out = append(out, *v)
		}
		return nil
	})
	return out, err
}

// SetNorm sets a norm of the actor's region (administrators). Zero and
// negative lengths are refused. The deadlines of the region's runs of that
// phase are recomputed in the same transaction, so that the dashboards and
// alerts follow the new norm at once.
func (db *DB) SetNorm(ctx contextT, actor *schakel.Actor, phaseCode string, n chain.Norm) (NormView, error) {
	var out NormView
	p, ok := chain.PhaseByCode(phaseCode)
	err := db.Update(ctx, func(tx *Tx) error {
		d := access.Decide(access.SubjectOf(actor.Professional), access.Norms, access.Write, access.Context{})
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "norm", ResourceID: truncateText(phaseCode, 40),
			Detail: fmt.Sprintf("%d %s, target %.2f", n.Amount, n.Unit, n.Target)})
		if !d.Allowed {
			return tx.commitRefusal(d)
		}
		if !ok {
			return notFound("Norm")
		}
		n.Source = strings.TrimSpace(n.Source)
		if err := n.Validate(); err != nil {
			return err
		}
		region := actor.Professional.Organisation.RegionID
		res, err := tx.exec(`UPDATE chain_norms SET amount = ?, unit = ?, target = ?, source = ?, changed_by = ?, changed_at = ? WHERE region_id = ? AND phase = ?`,
			n.Amount, string(n.Unit), n.Target, n.Source, actor.Professional.ID, tx.now, region, p.Code)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			if _, err := tx.exec(`INSERT INTO chain_norms (region_id, phase, amount, unit, target, source, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				region, p.Code, n.Amount, string(n.Unit), n.Target, n.Source, actor.Professional.ID, tx.now); err != nil {
				return err
			}
		}
		if err := tx.redue(region, p, n); err != nil {
			return err
		}
		out = *normView(p, &n, region, false)
		now := tx.now
		out.ChangedAt = &now
		return nil
	})
	return out, err
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
		start := fromMin(r.start)
		due := unixMin(n.Due(start))
		var within any
		if chain.Status(r.status) == chain.Done && r.end.Valid {
			w := 0
			if n.Within(start, fromMin(r.end.Int64)) {
				w = 1
			}
			within = w
		}
		if _, err := tx.exec(`UPDATE case_phases SET due_min = ?, warn_min = ?, within = ? WHERE case_id = ? AND phase = ? AND seq = ?`,
			due, warnMin(r.start, due), within, r.caseID, int(p.ID), r.seq); err != nil {
			return err
		}
	}
	return tx.rebuildPhaseRollup(regionID, p.ID)
}
