package storage

// The role history and what one organisation keeps of a case: its own
// record (what it wrote itself), which it reads also after its exit.

import (
	"database/sql"
	"time"

	"schakel"
)

func (tx *Tx) participationEvent(caseID, orgID int64, kind string, to int64, from, toRole schakel.ParticipationRole, note, next string, by int64) error {
	var toOrg any
	if to > 0 {
		toOrg = to
	}
	_, err := tx.exec(`INSERT INTO participation_events (case_id, organisation_id, kind, to_organisation_id, from_role, to_role, note, next_steps, professional_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, caseID, orgID, kind, toOrg, string(from), string(toRole), note, next, by, tx.now)
	return err
}

// participationEvents returns the recorded role history, newest first.
func (tx *Tx) participationEvents(where string, args ...any) ([]schakel.ParticipationEvent, error) {
	rows, err := tx.query(`SELECT e.id, e.kind, o.id, o.name, o.kind, t.id, t.name, t.kind, e.from_role, e.to_role, e.note, e.next_steps,
		COALESCE(p.id, 0), COALESCE(p.name, ''), e.created_at
		FROM participation_events e JOIN organisations o ON o.id = e.organisation_id LEFT JOIN organisations t ON t.id = e.to_organisation_id
		LEFT JOIN professionals p ON p.id = e.professional_id WHERE `+where+` ORDER BY e.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.ParticipationEvent{}
	for rows.Next() {
		var e schakel.ParticipationEvent
		var tid sql.NullInt64
		var tname, tkind sql.NullString
		if err := rows.Scan(&e.ID, &e.Kind, &e.Organisation.ID, &e.Organisation.Name, &e.Organisation.Kind, &tid, &tname, &tkind,
			&e.FromRole, &e.ToRole, &e.Note, &e.NextSteps, &e.By.ID, &e.By.Name, &e.CreatedAt); err != nil {
			return nil, err
		}
		if tid.Valid {
			e.To = &schakel.OrganisationRef{ID: tid.Int64, Name: tname.String, Kind: schakel.OrganisationKind(tkind.String)}
		}
		e.CreatedAt = e.CreatedAt.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

func (tx *Tx) caseExperts(caseID int64) ([]schakel.CaseExpert, error) {
	rows, err := tx.query(`SELECT p.id, p.name, o.id, o.name, o.kind, e.expertise, e.reason, a.id, a.name, e.created_at
		FROM case_experts e JOIN professionals p ON p.id = e.professional_id JOIN organisations o ON o.id = p.organisation_id
		JOIN professionals a ON a.id = e.added_by WHERE e.case_id = ? ORDER BY e.id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.CaseExpert{}
	for rows.Next() {
		var e schakel.CaseExpert
		if err := rows.Scan(&e.Professional.ID, &e.Professional.Name, &e.Professional.Organisation.ID, &e.Professional.Organisation.Name,
			&e.Professional.Organisation.Kind, &e.Expertise, &e.Reason, &e.AddedBy.ID, &e.AddedBy.Name, &e.CreatedAt); err != nil {
			return nil, err
		}
		e.CreatedAt = e.CreatedAt.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// OwnRecord is what one organisation wrote on a case itself.
type OwnRecord struct {
	CaseID        int64                        `json:"case_id"`
	Organisation  schakel.OrganisationRef      `json:"organisation"`
	Participation string                       `json:"participation"` // active or exited
	ExitedAt      *string                      `json:"exited_at,omitempty"`
	Findings      []schakel.Finding            `json:"findings"`
	Scales        []schakel.SafetyScore        `json:"safety_scales"`
	Conversations []schakel.Conversation       `json:"conversations"`
	Actions       []schakel.Action             `json:"actions"` // actions the organisation owned
	Decisions     []schakel.RaadDecision       `json:"decisions"`
	Events        []schakel.ParticipationEvent `json:"participation_events"`
}

// LoadOwnRecord fills in what the record's organisation wrote on its case:
// its findings, safety scales, the conversations it logged, its decisions,
// its own participation events and the actions it owned created up to until.
func (tx *Tx) LoadOwnRecord(rec *OwnRecord, until time.Time) error {
	caseID, org := rec.CaseID, rec.Organisation.ID
	var err error
	if rec.Findings, err = tx.findings(`f.case_id = ? AND f.organisation_id = ?`, caseID, org); err != nil {
		return err
	}
	if rec.Scales, err = tx.scales(`s.case_id = ? AND s.organisation_id = ?`, caseID, org); err != nil {
		return err
	}
	if rec.Conversations, err = tx.conversationsWhere(`fc.case_id = ? AND fc.organisation_id = ?`, caseID, org); err != nil {
		return err
	}
	if rec.Actions, err = tx.actions(`a.case_id = ? AND a.owner_organisation_id = ? AND a.created_at <= ?`, caseID, org, until); err != nil {
		return err
	}
	if rec.Decisions, err = tx.decisions(`d.case_id = ? AND d.organisation_id = ?`, caseID, org); err != nil {
		return err
	}
	rec.Events, err = tx.participationEvents(`e.case_id = ? AND e.organisation_id = ?`, caseID, org)
	return err
}

// ParticipationStatus reads an organisation's participation on a case
// (active, exited; "" when it never took part) outside a transaction. It
// reads no case content.
func (db *DB) ParticipationStatus(ctx contextT, caseID, orgID int64) (string, error) {
	var status string
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT status FROM participations WHERE case_id = ? AND organisation_id = ?`),
		caseID, orgID).Scan(&status)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return status, err
}
