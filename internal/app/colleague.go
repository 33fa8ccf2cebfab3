package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// AskColleague asks a colleague along (own organisation or a partner) to
// join a conversation or to think along, on a date. The colleague must be
// someone who may work on a case of this region (access.Eligible). The
// request names the case but carries no family content to the colleague's
// e-mail; the colleague reads the case once their organisation takes part.
func (a *App) AskColleague(ctx context.Context, actor *schakel.Actor, caseID int64, in plan.RequestInput) (schakel.ColleagueRequest, error) {
	var r schakel.ColleagueRequest
	cmd := caseCommand{caseID: caseID, open: true, action: access.Write, event: audit.EventCreate, detail: "colleague request"}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		pros, err := tx.ActiveProfessionals(in.ToProfessionalID)
		if err != nil {
			return err
		}
		_, active := pros[in.ToProfessionalID]
		at, err := plan.ValidateRequest(in, actor.Professional.ID, active, tx.Now())
		if err != nil {
			return err
		}
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		colleague, _, err := tx.CandidateRecord(in.ToProfessionalID)
		if err != nil {
			return err
		}
		if d := access.Eligible(colleague, orgs.Region()); !d.Allowed {
			return &schakel.Error{Code: schakel.EINVALID, Message: d.Reason,
				Fields: []schakel.FieldError{{Field: "to_professional_id", Code: "not_eligible", Message: d.Reason}}}
		}
		id, err := tx.InsertColleagueRequest(storage.ColleagueRequestRecord{CaseID: caseID, From: actor.Professional.ID, To: in.ToProfessionalID,
			Kind: in.Kind, At: at, Message: strings.TrimSpace(in.Message)})
		if err != nil {
			return err
		}
		text := fmt.Sprintf("%s vraagt u %s op %s (casus %d). Antwoord in Mijn werk.", actor.Professional.Name, requestKindDutch(in.Kind),
			at.In(workdays.Location()).Format("02-01-2006 15:04"), caseID)
		if err := tx.MailProfessional(in.ToProfessionalID, "Schakel: een collega vraagt u mee", text+"\n\nOpen Schakel voor de gegevens.\n"); err != nil {
			return err
		}
		if r, err = tx.ColleagueRequest(id); err != nil {
			return err
		}
		r.ColleagueHasCase = orgs.Active(colleague.OrganisationID)
		return nil
	})
	return r, err
}

// AnswerColleague lets the asked colleague accept or decline, with an
// optional note. Only the colleague answers, once; someone else's request
// does not exist for the actor, and the attempt is audited.
func (a *App) AnswerColleague(ctx context.Context, actor *schakel.Actor, requestID int64, accept bool, note string) (schakel.ColleagueRequest, error) {
	var r schakel.ColleagueRequest
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		req, err := tx.ColleagueRequestOf(requestID)
		if err != nil {
			return err
		}
		if actor.Professional == nil || req.To != actor.Professional.ID {
			return tx.RefuseNotFound(actor, audit.EventUpdate, "colleague_request", requestID, "Verzoek")
		}
		if req.Status != schakel.RequestOpen {
			return schakel.Errorf(schakel.ECONFLICT, "U heeft dit verzoek al beantwoord.")
		}
		if trimmedLen(note) > plan.MaxText {
			return &schakel.Error{Code: schakel.EINVALID, Message: "De toelichting is te lang.",
				Fields: []schakel.FieldError{{Field: "answer", Code: "too_long", Message: "Hoogstens 4000 tekens."}}}
		}
		status, word := schakel.RequestDeclined, "afgewezen"
		if accept {
			status, word = schakel.RequestAccepted, "aangenomen"
		}
		answered, err := tx.AnswerColleagueRecord(requestID, status, strings.TrimSpace(note))
		if err != nil {
			return err
		}
		if !answered {
			return schakel.Errorf(schakel.ECONFLICT, "U heeft dit verzoek al beantwoord.")
		}
		if err := notice(tx, req.From, "colleague_answer", req.CaseID, 0, fmt.Sprintf("%s heeft uw verzoek op casus %d %s.", actor.Professional.Name, req.CaseID, word)); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "colleague_request", ResourceID: fmt.Sprint(requestID),
			AccessBasis: audit.BasisSelf, Detail: fmt.Sprintf("case %d, %s", req.CaseID, status)})
		r, err = tx.ColleagueRequest(requestID)
		return err
	})
	return r, err
}
