package storage

// "A colleague along": a worker asks a colleague (own organisation or a
// partner) to join a conversation or to think along, on a date; the
// colleague accepts or declines from the work list.

import (
	"database/sql"
	"errors"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/workdays"
)

var requestKindDutch = map[string]string{
	schakel.RequestJoinConversation: "mee te gaan naar een gesprek",
	schakel.RequestThinkAlong:       "mee te denken",
}

// AskColleague asks a colleague along. The request names the case but
// carries no family content to the colleague's e-mail.
func (db *DB) AskColleague(ctx contextT, actor *schakel.Actor, caseID int64, in plan.RequestInput) (schakel.ColleagueRequest, error) {
	var r schakel.ColleagueRequest
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventCreate, "colleague request"); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		pros, err := tx.activeProfessionals(in.ToProfessionalID)
		if err != nil {
			return err
		}
		_, active := pros[in.ToProfessionalID]
		at, err := plan.ValidateRequest(in, actor.Professional.ID, active, tx.now)
		if err != nil {
			return err
		}
		// The colleague must be someone who may work on a case of this
		// region (access.Eligible). Asking carries no family content; the
		// colleague reads the case once their organisation takes part.
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		d, colleagueOrg, err := tx.eligibility(in.ToProfessionalID, orgs.region)
		if err != nil {
			return err
		}
		if !d.Allowed {
			return &schakel.Error{Code: schakel.EINVALID, Message: d.Reason,
				Fields: []schakel.FieldError{{Field: "to_professional_id", Code: "not_eligible", Message: d.Reason}}}
		}

		id, err := tx.insert(`INSERT INTO colleague_requests (case_id, from_professional_id, to_professional_id, kind, at, message, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, 'requested', ?)`, caseID, actor.Professional.ID, in.ToProfessionalID, in.Kind, at, trim(in.Message), tx.now)
		if err != nil {
			return err
		}
		var email string
		if err := tx.queryRow(`SELECT email FROM professionals WHERE id = ?`, in.ToProfessionalID).Scan(&email); err != nil {
			return err
		}
		text := fmt.Sprintf("%s vraagt u %s op %s (casus %d). Antwoord in Mijn werk.", actor.Professional.Name, requestKindDutch[in.Kind],
			at.In(workdays.Location()).Format("02-01-2006 15:04"), caseID)
		if err := tx.mail(in.ToProfessionalID, email, "Schakel: een collega vraagt u mee", text+"\n\nOpen Schakel voor de gegevens.\n", ""); err != nil {
			return err
		}
		rs, err := tx.colleagueRequests(`r.id = ?`, id)
		if err != nil {
			return err
		}
		r = rs[0]
		r.ColleagueHasCase = orgs.status[colleagueOrg] == "active"
		return nil
	})
	return r, err
}

// AnswerColleague lets the asked colleague accept or decline, with an
// optional note. Only the colleague answers, once.
func (db *DB) AnswerColleague(ctx contextT, actor *schakel.Actor, requestID int64, accept bool, note string) (schakel.ColleagueRequest, error) {
	var r schakel.ColleagueRequest
	err := db.Update(ctx, func(tx *Tx) error {
		var to, from, caseID int64
		var status string
		err := tx.queryRow(`SELECT to_professional_id, from_professional_id, case_id, status FROM colleague_requests WHERE id = ?`, requestID).
			Scan(&to, &from, &caseID, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Verzoek")
		} else if err != nil {
			return err
		}
		if to != actor.Professional.ID {
			// Someone else's request does not exist for this actor; the
			// attempt is audited.
			return tx.refuseNotFound(actor, audit.EventUpdate, "colleague_request", requestID, "Verzoek")
		}
		if status != schakel.RequestOpen {
			return schakel.Errorf(schakel.ECONFLICT, "U heeft dit verzoek al beantwoord.")
		}
		if n := runeLen(note); n > plan.MaxText {
			return &schakel.Error{Code: schakel.EINVALID, Message: "De toelichting is te lang.",
				Fields: []schakel.FieldError{{Field: "answer", Code: "too_long", Message: "Hoogstens 4000 tekens."}}}
		}
		newStatus := schakel.RequestDeclined
		if accept {
			newStatus = schakel.RequestAccepted
		}
		res, err := tx.exec(`UPDATE colleague_requests SET status = ?, answer = ?, answered_at = ? WHERE id = ? AND status = 'requested'`,
			newStatus, trim(note), tx.now, requestID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return schakel.Errorf(schakel.ECONFLICT, "U heeft dit verzoek al beantwoord.")
		}
		word := "afgewezen"
		if accept {
			word = "aangenomen"
		}
		if err := tx.tell(from, "colleague_answer", caseID, 0, fmt.Sprintf("%s heeft uw verzoek op casus %d %s.", actor.Professional.Name, caseID, word)); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "colleague_request", ResourceID: fmt.Sprint(requestID),
			AccessBasis: audit.BasisSelf, Detail: fmt.Sprintf("case %d, %s", caseID, newStatus)})
		rs, err := tx.colleagueRequests(`r.id = ?`, requestID)
		if err != nil {
			return err
		}
		r = rs[0]
		return nil
	})
	return r, err
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
