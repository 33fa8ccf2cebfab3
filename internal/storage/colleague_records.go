package storage

// The records of "a colleague along": a worker asks a colleague (own
// organisation or a partner) to join a conversation or to think along, on
// a date; the colleague accepts or declines from the work list. The use
// case (internal/app/colleague.go) decides.

import (
	"database/sql"
	"errors"
	"time"

	"schakel"
)

// ColleagueRequestRecord is a new request for a colleague.
type ColleagueRequestRecord struct {
	CaseID, From, To int64
	Kind             string
	At               time.Time
	Message          string
}

// InsertColleagueRequest keeps a new, open request.
func (tx *Tx) InsertColleagueRequest(r ColleagueRequestRecord) (int64, error) {
	return tx.insert(`INSERT INTO colleague_requests (case_id, from_professional_id, to_professional_id, kind, at, message, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, 'requested', ?)`, r.CaseID, r.From, r.To, r.Kind, r.At, r.Message, tx.now)
}

// ColleagueRequestState is who a request is between, on which case, and
// whether it was answered.
type ColleagueRequestState struct {
	To, From, CaseID int64
	Status           string
}

// ColleagueRequestOf loads a request's state; a request that does not
// exist is not found.
func (tx *Tx) ColleagueRequestOf(id int64) (ColleagueRequestState, error) {
	var s ColleagueRequestState
	err := tx.queryRow(`SELECT to_professional_id, from_professional_id, case_id, status FROM colleague_requests WHERE id = ?`, id).
		Scan(&s.To, &s.From, &s.CaseID, &s.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return s, notFound("Verzoek")
	}
	return s, err
}

// AnswerColleagueRecord stores the answer to an open request; answered is
// false when the request was no longer open.
func (tx *Tx) AnswerColleagueRecord(id int64, status, answer string) (answered bool, err error) {
	res, err := tx.exec(`UPDATE colleague_requests SET status = ?, answer = ?, answered_at = ? WHERE id = ? AND status = 'requested'`,
		status, answer, tx.now, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ColleagueRequest loads one request as the work list shows it.
func (tx *Tx) ColleagueRequest(id int64) (schakel.ColleagueRequest, error) {
	rs, err := tx.colleagueRequests(`r.id = ?`, id)
	if err != nil {
		return schakel.ColleagueRequest{}, err
	}
	if len(rs) == 0 {
		return schakel.ColleagueRequest{}, notFound("Verzoek")
	}
	return rs[0], nil
}

// MailProfessional puts an e-mail to a professional in the outbox.
func (tx *Tx) MailProfessional(professionalID int64, subject, body string) error {
	var email string
	if err := tx.queryRow(`SELECT email FROM professionals WHERE id = ?`, professionalID).Scan(&email); err != nil {
		return err
	}
	return tx.mail(professionalID, email, subject, body, "")
}

// RefuseNotFound ends a transaction function that found an object of
// someone else (a draft, a colleague request): the attempt is audited as
// refused, everything else is rolled back, and the caller gets the same
// not-found answer as for an object that does not exist.
func (tx *Tx) RefuseNotFound(actor *schakel.Actor, event, resourceType string, id int64, what string) error {
	return tx.refuseNotFound(actor, event, resourceType, id, what)
}

func (tx *Tx) colleagueRequests(where string, args ...any) ([]schakel.ColleagueRequest, error) {
	rows, err := tx.query(`SELECT r.id, r.case_id, f.id, f.name, fo.id, fo.name, fo.kind, t.id, t.name, tor.id, tor.name, tor.kind,
		r.kind, r.at, r.message, r.status, r.answer, r.answered_at, r.created_at
		FROM colleague_requests r JOIN professionals f ON f.id = r.from_professional_id JOIN organisations fo ON fo.id = f.organisation_id
		JOIN professionals t ON t.id = r.to_professional_id JOIN organisations tor ON tor.id = t.organisation_id
		WHERE `+where+` ORDER BY r.at DESC, r.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.ColleagueRequest{}
	for rows.Next() {
		var r schakel.ColleagueRequest
		var answered sql.NullTime
		if err := rows.Scan(&r.ID, &r.CaseID, &r.From.ID, &r.From.Name, &r.From.Organisation.ID, &r.From.Organisation.Name, &r.From.Organisation.Kind,
			&r.To.ID, &r.To.Name, &r.To.Organisation.ID, &r.To.Organisation.Name, &r.To.Organisation.Kind,
			&r.Kind, &r.At, &r.Message, &r.Status, &r.Answer, &answered, &r.CreatedAt); err != nil {
			return nil, err
		}
		r.At, r.CreatedAt, r.AnsweredAt = r.At.UTC(), r.CreatedAt.UTC(), nullTime(answered)
		out = append(out, r)
	}
	return out, rows.Err()
}
