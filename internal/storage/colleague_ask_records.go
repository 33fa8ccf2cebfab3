package storage

// The records of asking the team along and quick questions (issue 14,
// item 5). The use case (internal/app/colleague_ask.go) decides who may do
// what; these statements change an ask only from the state the act
// expects, so that two colleagues taking one ask at once leave one taker.

import (
	"database/sql"
	"time"

	"schakel"
)

// ColleagueAskRecord is a new ask.
type ColleagueAskRecord struct {
	CaseID, OrganisationID, From, TeamID, To int64
	Kind, PlaceKind, Message                 string
	At                                       *time.Time
}

// InsertColleagueAsk keeps a new, open ask.
func (tx *Tx) InsertColleagueAsk(r ColleagueAskRecord) (int64, error) {
	return tx.insert(`INSERT INTO colleague_asks (case_id, organisation_id, from_professional_id, team_id, to_professional_id, kind, at, place_kind,
		message, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`, r.CaseID, r.OrganisationID, r.From, nullID(r.TeamID), nullID(r.To),
		r.Kind, nullTimePtr(r.At), r.PlaceKind, r.Message, tx.now)
}

// ColleagueAsk loads one ask; one that does not exist is not found.
func (tx *Tx) ColleagueAsk(id int64) (schakel.ColleagueAsk, error) {
	as, err := tx.colleagueAsks(`a.id = ?`, id)
	if err != nil {
		return schakel.ColleagueAsk{}, err
	}
	if len(as) == 0 {
		return schakel.ColleagueAsk{}, notFound("Vraag")
	}
	return as[0], nil
}

// TakeColleagueAsk gives an open ask to by, as accepted (a join) or
// answered (a question, with the answer); taken is false when it was no
// longer open: someone else was first, or the asker withdrew it.
func (tx *Tx) TakeColleagueAsk(id, by int64, status, answer string) (taken bool, err error) {
	return tx.changed(`UPDATE colleague_asks SET status = ?, taken_by = ?, answer = ?, answered_at = ? WHERE id = ? AND status = 'open'`,
		status, by, answer, tx.now, id)
}

// WithdrawColleagueAsk ends an open ask of from.
func (tx *Tx) WithdrawColleagueAsk(id, from int64) (bool, error) {
	return tx.changed(`UPDATE colleague_asks SET status = 'withdrawn', withdrawn_at = ? WHERE id = ? AND status = 'open' AND from_professional_id = ?`,
		tx.now, id, from)
}

// CaseColleagueAsks lists the asks on a case, newest first.
func (tx *Tx) CaseColleagueAsks(caseID int64) ([]schakel.ColleagueAsk, error) {
	return tx.colleagueAsks(`a.case_id = ?`, caseID)
}

// ColleagueAsksFrom lists the asks a worker made that are open, or ended
// since since.
func (tx *Tx) ColleagueAsksFrom(professionalID int64, since time.Time) ([]schakel.ColleagueAsk, error) {
	return tx.colleagueAsks(`a.from_professional_id = ? AND (a.status = 'open' OR a.created_at >= ? OR a.answered_at >= ?)`,
		professionalID, since.UTC(), since.UTC())
}

// OpenColleagueAsksFor lists the open asks addressed to a worker or to
// their team (not their own); the use case keeps those they may take.
func (tx *Tx) OpenColleagueAsksFor(professionalID, teamID int64) ([]schakel.ColleagueAsk, error) {
	return tx.colleagueAsks(`a.status = 'open' AND a.from_professional_id <> ? AND (a.to_professional_id = ? OR a.team_id = ?)`,
		professionalID, professionalID, teamID)
}

// TeamMemberIDs lists the active members of a team.
func (tx *Tx) TeamMemberIDs(teamID int64) ([]int64, error) {
	return tx.queryIDs(`SELECT p.id FROM team_members m JOIN professionals p ON p.id = m.professional_id
		WHERE m.team_id = ? AND p.active = TRUE ORDER BY p.id`, teamID)
}

func (tx *Tx) colleagueAsks(where string, args ...any) ([]schakel.ColleagueAsk, error) {
	rows, err := tx.query(`SELECT a.id, a.case_id, a.organisation_id, a.kind, f.id, f.name, f.phone, f.email, COALESCE(a.team_id, 0), COALESCE(t.name, ''),
		COALESCE(p.id, 0), COALESCE(p.name, ''), COALESCE(p.phone, ''), COALESCE(p.email, ''), a.at, a.place_kind, a.message, a.status,
		COALESCE(k.id, 0), COALESCE(k.name, ''), COALESCE(k.phone, ''), COALESCE(k.email, ''), a.answer, a.answered_at, a.created_at
		FROM colleague_asks a JOIN professionals f ON f.id = a.from_professional_id LEFT JOIN teams t ON t.id = a.team_id
		LEFT JOIN professionals p ON p.id = a.to_professional_id LEFT JOIN professionals k ON k.id = a.taken_by
		WHERE `+where+` ORDER BY a.created_at DESC, a.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.ColleagueAsk{}
	for rows.Next() {
		var a schakel.ColleagueAsk
		var to, taker schakel.Contact
		var at, answered sql.NullTime
		if err := rows.Scan(&a.ID, &a.CaseID, &a.OrganisationID, &a.Kind, &a.From.ID, &a.From.Name, &a.From.Phone, &a.From.Email, &a.TeamID, &a.TeamName,
			&to.ID, &to.Name, &to.Phone, &to.Email, &at, &a.PlaceKind, &a.Message, &a.Status,
			&taker.ID, &taker.Name, &taker.Phone, &taker.Email, &a.Answer, &answered, &a.CreatedAt); err != nil {
			return nil, err
		}
		if to.ID != 0 {
			a.To = &to
		}
		if taker.ID != 0 {
			a.TakenBy = &taker
		}
		a.At, a.AnsweredAt, a.CreatedAt = nullTime(at), nullTime(answered), a.CreatedAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}
