package storage

// The records of support work on request (issue 14, item 4). The use case
// (internal/app/support.go) decides who may do what; these statements
// change a task only from the state the act expects, so that two support
// workers claiming at once leave one claimant.

import (
	"database/sql"
	"errors"
	"time"

	"schakel"
)

// SupportTaskRecord is a new task.
type SupportTaskRecord struct {
	CaseID, TeamID, OrganisationID, PostedBy int64
	Kind                                     string
	DueOn                                    time.Time
	Brief                                    string
	ShareAddress                             bool
}

// InsertSupportTask keeps a new, open task.
func (tx *Tx) InsertSupportTask(r SupportTaskRecord) (int64, error) {
	return tx.insert(`INSERT INTO support_tasks (case_id, team_id, organisation_id, posted_by, kind, due_on, brief, share_address, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`, r.CaseID, r.TeamID, r.OrganisationID, r.PostedBy, r.Kind, r.DueOn.UTC(), r.Brief, r.ShareAddress, tx.now)
}

// SupportTask loads one task and its brief; a task that does not exist is
// not found.
func (tx *Tx) SupportTask(id int64) (schakel.SupportTask, string, error) {
	ts, briefs, err := tx.supportTasks(`s.id = ?`, id)
	if err != nil {
		return schakel.SupportTask{}, "", err
	}
	if len(ts) == 0 {
		return schakel.SupportTask{}, "", notFound("Taak")
	}
	return ts[0], briefs[0], nil
}

// TeamSupportTasks lists a team's running tasks (open and claimed), the
// soonest due first.
func (tx *Tx) TeamSupportTasks(teamID int64) ([]schakel.SupportTask, error) {
	ts, _, err := tx.supportTasks(`s.team_id = ? AND s.status IN ('open', 'claimed')`, teamID)
	return ts, err
}

// SupportTasksClaimedBy lists the tasks a support worker holds now.
func (tx *Tx) SupportTasksClaimedBy(professionalID int64) ([]schakel.SupportTask, error) {
	ts, _, err := tx.supportTasks(`s.claimed_by = ? AND s.status = 'claimed'`, professionalID)
	return ts, err
}

// SupportTasksPostedBy lists the tasks a case holder posted that still
// run or ended since since.
func (tx *Tx) SupportTasksPostedBy(professionalID int64, since time.Time) ([]schakel.SupportTask, error) {
	ts, _, err := tx.supportTasks(`s.posted_by = ? AND (s.status IN ('open', 'claimed') OR s.created_at >= ?)`, professionalID, since.UTC())
	return ts, err
}

// ClaimSupportTask gives an open task to by; claimed is false when it was
// no longer open.
func (tx *Tx) ClaimSupportTask(id, by int64) (claimed bool, err error) {
	return tx.changed(`UPDATE support_tasks SET status = 'claimed', claimed_by = ?, claimed_at = ? WHERE id = ? AND status = 'open'`, by, tx.now, id)
}

// HandBackSupportTask puts a task by holds back in the pool.
func (tx *Tx) HandBackSupportTask(id, by int64) (bool, error) {
	return tx.changed(`UPDATE support_tasks SET status = 'open', claimed_by = NULL, claimed_at = NULL, handed_back = handed_back + 1
		WHERE id = ? AND status = 'claimed' AND claimed_by = ?`, id, by)
}

// FinishSupportTask marks a task by holds done with the hours it saved.
func (tx *Tx) FinishSupportTask(id, by int64, hours float64) (bool, error) {
	return tx.changed(`UPDATE support_tasks SET status = 'done', hours_saved = ?, done_at = ? WHERE id = ? AND status = 'claimed' AND claimed_by = ?`,
		hours, tx.now, id, by)
}

// WithdrawSupportTask ends a running task on its poster's word.
func (tx *Tx) WithdrawSupportTask(id int64) (bool, error) {
	return tx.changed(`UPDATE support_tasks SET status = 'withdrawn', claimed_by = NULL, claimed_at = NULL
		WHERE id = ? AND status IN ('open', 'claimed')`, id)
}

func (tx *Tx) changed(q string, args ...any) (bool, error) {
	res, err := tx.exec(q, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// TeamSupportWorkers lists the active support workers of a team.
func (tx *Tx) TeamSupportWorkers(teamID int64) ([]int64, error) {
	return tx.queryIDs(`SELECT p.id FROM team_members m JOIN professionals p ON p.id = m.professional_id
		JOIN professional_roles r ON r.professional_id = p.id AND r.role = 'support_worker'
		WHERE m.team_id = ? AND p.active = TRUE ORDER BY p.id`, teamID)
}

// CaseAddress is the family's address as the latest report on the case
// with one gave it; ok is false when no report gave one.
func (tx *Tx) CaseAddress(caseID int64) (schakel.TaskPlace, bool, error) {
	var p schakel.TaskPlace
	err := tx.queryRow(`SELECT address, postcode, municipality FROM reports WHERE case_id = ? AND address <> ''
		ORDER BY received_at DESC, id DESC LIMIT 1`, caseID).Scan(&p.Address, &p.Postcode, &p.Municipality)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	return p, err == nil, err
}

func (tx *Tx) supportTasks(where string, args ...any) ([]schakel.SupportTask, []string, error) {
	rows, err := tx.query(`SELECT s.id, s.case_id, s.team_id, s.organisation_id, s.kind, s.due_on, s.status, p.id, p.name, p.phone, p.email,
		COALESCE(c.id, 0), COALESCE(c.name, ''), COALESCE(c.phone, ''), COALESCE(c.email, ''), s.share_address, s.hours_saved, s.handed_back,
		s.created_at, s.done_at, s.brief
		FROM support_tasks s JOIN professionals p ON p.id = s.posted_by LEFT JOIN professionals c ON c.id = s.claimed_by
		WHERE `+where+` ORDER BY s.due_on, s.id`, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	out, briefs := []schakel.SupportTask{}, []string{}
	for rows.Next() {
		var t schakel.SupportTask
		var c schakel.Contact
		var hours sql.NullFloat64
		var done sql.NullTime
		var brief string
		if err := rows.Scan(&t.ID, &t.CaseID, &t.TeamID, &t.OrganisationID, &t.Kind, &t.DueOn, &t.Status, &t.PostedBy.ID, &t.PostedBy.Name,
			&t.PostedBy.Phone, &t.PostedBy.Email, &c.ID, &c.Name, &c.Phone, &c.Email, &t.ShareAddress, &hours, &t.HandedBack,
			&t.CreatedAt, &done, &brief); err != nil {
			return nil, nil, err
		}
		if c.ID != 0 {
			t.ClaimedBy = &c
		}
		if hours.Valid {
			t.HoursSaved = &hours.Float64
		}
		t.DueOn, t.CreatedAt, t.DoneAt = t.DueOn.UTC(), t.CreatedAt.UTC(), nullTime(done)
		out, briefs = append(out, t), append(briefs, brief)
	}
	return out, briefs, rows.Err()
}
