package storage

import (
	"database/sql"

	"schakel"
	"schakel/internal/access"
)

// caseGuardSQL reads, in one statement, what a guarded command needs
// before access.Decide and its audit entry: the professional's calls to
// the case (kind 0: invitations to its consultations, and alerts to find
// someone for an incomplete crisis table, which call a team lead on behalf
// of their organisation), the case's region with the organisation's part
// in it (kind 1, absent for an unknown case), and the persons on the case
// (kind 2, casePersonsSQL). As three statements this cost two round trips
// more on every guarded command (issue 11).
//
// The calls come first: SQLite types a compound statement's columns by its
// first part, and only table columns there carry the timestamp type that
// makes the driver return times.
const caseGuardSQL = `SELECT 0, 0, c.status, p.invited_at, c.held_at, p.declined_at FROM consultation_participants p
	JOIN consultations c ON c.id = p.consultation_id WHERE c.case_id = ? AND p.professional_id = ? AND c.invitations_held_until IS NULL
UNION ALL SELECT 0, 0, c.status, n.created_at, c.held_at, NULL FROM notifications n JOIN consultations c ON c.id = n.consultation_id
	WHERE n.case_id = ? AND n.professional_id = ? AND n.kind = 'incomplete_crisis_table'
UNION ALL SELECT 1, c.region_id, p.status, p.exited_at, NULL, NULL FROM cases c
	LEFT JOIN participations p ON p.case_id = c.id AND p.organisation_id = ? WHERE c.id = ?
UNION ALL SELECT 2, x.person_id, NULL, NULL, NULL, NULL FROM (` + casePersonsSQL + `) x`

// caseGuardThenBatchSQL is caseGuardSQL for a transaction whose batched
// read follows the guard (ReadBatchedNext), on PostgreSQL: its last part
// sets generic plans for the rest of the transaction, as fetchBatch would
// in a round trip of its own (kind 3, read and ignored).
const caseGuardThenBatchSQL = caseGuardSQL + `
UNION ALL SELECT 3, 0, set_config('plan_cache_mode', 'force_generic_plan', true), NULL, NULL, NULL`

// ReadBatchedNext says that a batched read of the case (LoadCase,
// CaseAndWorkspace) follows the guard, so that on PostgreSQL the guard's
// statement prepares its plans (batch.go) instead of a statement of its
// own: the read of a case takes one round trip fewer.
func (tx *Tx) ReadBatchedNext() {
	tx.batchedReadNext = tx.db.dialect.engine == Postgres
}

// CaseAccessFacts loads the facts the case rules weigh about a
// professional, their organisation and a case. It returns a not-found
// error for an unknown case.
func (tx *Tx) CaseAccessFacts(p *schakel.Professional, caseID int64) (access.CaseFacts, error) {
	f, _, err := tx.CaseGuardFacts(p, caseID)
	return f, err
}

// CaseGuardFacts is CaseAccessFacts with the persons on the case, whom
// the guard's audit entry names.
func (tx *Tx) CaseGuardFacts(p *schakel.Professional, caseID int64) (f access.CaseFacts, persons []int64, err error) {
	q := caseGuardSQL
	if tx.batchedReadNext && !tx.genericPlans {
		q = caseGuardThenBatchSQL
	}
	rows, err := tx.query(q, caseID, p.ID, caseID, p.ID, p.Organisation.ID, caseID, caseID, caseID)
	if err != nil {
		return f, nil, err
	}
	defer rows.Close()
	found := false
	for rows.Next() {
		var kind int
		var id int64
		var status sql.NullString
		var at, held, declined sql.NullTime
		if err := rows.Scan(&kind, &id, &status, &at, &held, &declined); err != nil {
			return f, nil, err
		}
		switch kind {
		case 0:
			f.Invitations = append(f.Invitations, access.Invitation{InvitedAt: at.Time.UTC(), ConsultationStatus: status.String,
				HeldAt: held.Time.UTC(), Declined: declined.Valid})
		case 1:
			found, f.RegionID = true, id
			if status.Valid {
				f.Participation, f.ExitedAt = access.Participation(status.String), at.Time.UTC()
			}
		case 2:
			persons = append(persons, id)
		case 3:
			tx.genericPlans = true
		}
	}
	if err := rows.Err(); err != nil {
		return f, nil, err
	}
	if !found {
		return f, nil, notFound("Casus")
	}
	return f, persons, nil
}
