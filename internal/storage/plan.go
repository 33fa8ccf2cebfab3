package storage

// The joint workspace on a case (issue 4): what every command on it
// reads first (the case's state and organisations, active professionals)
// and the case lock. The plan's records are in plan_records.go, the
// workspace read in workspace_records.go; the commands are use cases in
// internal/app and the rules live in internal/plan.

import (
	"database/sql"
	"strings"
	"time"

	"schakel"
)

// lockCase raises the case version and so takes the case's row lock for the
// rest of the transaction: writers on one case queue instead of deciding on
// facts another writer is changing. With an expected version (> 0) it
// refuses when someone else changed the case since the client read it (409:
// no lost update). It returns the new version. Call it after the checks that
// may refuse (a refusal commits what was written before it).
func (tx *Tx) lockCase(caseID, expected int64) (int64, error) {
	var v int64
	if err := tx.queryRow(`UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ? RETURNING version`, tx.now, caseID).Scan(&v); err != nil {
		return 0, err
	}
	if expected > 0 && v-1 != expected {
		return 0, schakel.Errorf(schakel.ECONFLICT, "Iemand anders heeft deze casus net gewijzigd. Laad de casus opnieuw en probeer het nog eens.")
	}
	return v, nil
}

// CaseOrgs is the organisations on a case.
type CaseOrgs struct {
	status  map[int64]string // active, exited
	role    map[int64]schakel.ParticipationRole
	kind    map[int64]schakel.OrganisationKind
	name    map[int64]string
	contact map[int64]int64
	exited  map[int64]time.Time
	regie   int64 // the organisation that holds regie now, 0 for none
	region  int64 // the case's region
}

func (o CaseOrgs) active() map[int64]bool {
	m := map[int64]bool{}
	for id, s := range o.status {
		if s == "active" {
			m[id] = true
		}
	}
	return m
}

func (tx *Tx) CaseOrganisations(caseID int64) (CaseOrgs, error) {
	o := CaseOrgs{status: map[int64]string{}, role: map[int64]schakel.ParticipationRole{}, kind: map[int64]schakel.OrganisationKind{},
		name: map[int64]string{}, contact: map[int64]int64{}, exited: map[int64]time.Time{}}
	if err := tx.queryRow(`SELECT region_id FROM cases WHERE id = ?`, caseID).Scan(&o.region); err != nil {
		return o, err
	}
	rows, err := tx.query(`SELECT p.organisation_id, p.status, p.role, o.kind, o.name, COALESCE(p.contact_id, 0), p.exited_at
		FROM participations p JOIN organisations o ON o.id = p.organisation_id WHERE p.case_id = ?`, caseID)
	if err != nil {
		return o, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, contact int64
		var status string
		var role schakel.ParticipationRole
		var kind schakel.OrganisationKind
		var name string
		var exited sql.NullTime
		if err := rows.Scan(&id, &status, &role, &kind, &name, &contact, &exited); err != nil {
			return o, err
		}
		o.status[id], o.role[id], o.kind[id], o.name[id], o.contact[id] = status, role, kind, name, contact
		if exited.Valid {
			o.exited[id] = exited.Time.UTC()
		}
		if status == "active" && role == schakel.RoleRegie {
			o.regie = id
		}
	}
	return o, rows.Err()
}

// activeProfessionals returns the organisation of each active professional
// among ids.
func (tx *Tx) activeProfessionals(ids ...int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	var args []any
	for _, id := range ids {
		if id > 0 {
			args = append(args, id)
		}
	}
	if len(args) == 0 {
		return out, nil
	}
	rows, err := tx.query(`SELECT id, organisation_id FROM professionals WHERE active = TRUE AND id IN (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, org int64
		if err := rows.Scan(&id, &org); err != nil {
			return nil, err
		}
		out[id] = org
	}
	return out, rows.Err()
}

// ensurePlan creates the case's plan (draft) when it has none yet.
func (tx *Tx) ensurePlan(caseID int64) error {
	_, err := tx.exec(`INSERT INTO plans (case_id, status, created_at) VALUES (?, 'draft', ?) ON CONFLICT DO NOTHING`, caseID, tx.now)
	return err
}

func trim(s string) string { return strings.TrimSpace(s) }
