package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/care"
	"schakel/internal/chain"
	"schakel/internal/prevention"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// CareInbox lists the extracts of the requests that reached the actor's
// organisation, newest first (issue 15, item 3).
func (a *App) CareInbox(ctx context.Context, actor *schakel.Actor) ([]schakel.CareExtract, error) {
	out := []schakel.CareExtract{}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		s := access.SubjectFor(actor)
		d := access.DecideCareExtract(s, true)
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "care_request", ResourceID: "inbox"})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		ids, err := tx.CareRequestsFor(s.OrganisationID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			r, x, err := tx.CareRequestByID(id)
			if err != nil {
				return err
			}
			terms, err := careTerms(tx, r.CaseID)
			if err != nil {
				return err
			}
			out = append(out, extractOf(r, x, s.OrganisationID, terms))
		}
		return nil
	})
	return out, err
}

// CareExtract returns one request's extract to a provider it reached;
// anyone else is refused and audited.
func (a *App) CareExtract(ctx context.Context, actor *schakel.Actor, id int64) (schakel.CareExtract, error) {
	var out schakel.CareExtract
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		r, x, err := a.reachedRequest(tx, actor, id, audit.EventRead, "care request extract")
		if err != nil {
			return err
		}
		terms, err := careTerms(tx, r.CaseID)
		out = extractOf(r, x, access.SubjectFor(actor).OrganisationID, terms)
		return err
	})
	return out, err
}

// AnswerCare records a provider's answer: its approach and earliest start,
// or no capacity with the date it expects room. An answer after the
// deadline is kept and marked late; the requester is told.
func (a *App) AnswerCare(ctx context.Context, actor *schakel.Actor, id int64, in care.Answer) (schakel.CareExtract, error) {
	var out schakel.CareExtract
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		r, x, err := a.reachedRequest(tx, actor, id, audit.EventCreate, "care answer")
		if err != nil {
			return err
		}
		if r.Status != "open" {
			return tx.RefuseWith(access.Decision{Basis: audit.BasisNone, Reason: "request closed"},
				schakel.Errorf(schakel.ECONFLICT, "Voor deze zorgvraag is al gekozen; een antwoord is niet meer nodig."))
		}
		now := tx.Now()
		if err := care.ValidateAnswer(in, now.In(workdays.Location()).Format(time.DateOnly)); err != nil {
			return tx.RefuseWith(access.Decision{Basis: audit.BasisNone, Reason: "invalid care answer"}, err)
		}
		org := actor.Professional.Organisation
		ans := schakel.CareAnswer{Approach: in.Approach, EarliestStart: in.EarliestStart, Conditions: in.Conditions, NoCapacity: in.NoCapacity,
			ExpectedRoom: in.ExpectedRoom, Late: care.Late(now, r.Deadline)}
		if err := tx.InsertCareAnswer(id, org.ID, actor.Professional.ID, ans); err != nil {
			return err
		}
		if len(r.Answers) == 0 {
			if err := tx.RecordAuto(actor, r.CaseID, chain.CareAnswered, now, storage.EventDetails{CareRequestID: id}, 0); err != nil {
				return err
			}
		}
		text := fmt.Sprintf("%s antwoordde op zorgvraag %d.", org.Name, id)
		if err := tx.TellProfessional(r.CreatedBy.ID, "care_answer", r.CaseID, text); err != nil {
			return err
		}
		r.Answers = append(r.Answers, schakel.CareAnswer{Organisation: schakel.OrganisationRef{ID: org.ID}})
		terms, err := careTerms(tx, r.CaseID)
		out = extractOf(r, x, org.ID, terms)
		return err
	})
	return out, err
}

// reachedRequest loads a request and lets in only providers it reached;
// the attempt is audited with the request, naming no one of the family.
func (a *App) reachedRequest(tx *storage.Tx, actor *schakel.Actor, id int64, event, detail string) (schakel.CareRequest, storage.CareExtractFacts, error) {
	r, x, err := tx.CareRequestByID(id)
	if err != nil {
		return r, x, err
	}
	s := access.SubjectFor(actor)
	reached := slices.ContainsFunc(r.Asked, func(o schakel.OrganisationRef) bool { return o.ID == s.OrganisationID })
	d := access.DecideCareExtract(s, reached)
	tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: "care_request", ResourceID: fmt.Sprint(id), Detail: detail})
	if !d.Allowed {
		return r, x, tx.Refuse(d)
	}
	return r, x, nil
}

// extractOf is what a provider sees: never the case, the family or the
// other providers' answers; a name or address the coordinator typed in a
// text is hidden (terms: careTerms).
func extractOf(r schakel.CareRequest, x storage.CareExtractFacts, org int64, terms []string) schakel.CareExtract {
	hide := func(s string) string { return prevention.Redact(s, terms) }
	needs := make([]schakel.CareNeed, len(r.Needs))
	for i, n := range r.Needs {
		needs[i] = schakel.CareNeed{Category: n.Category, Text: hide(n.Text)}
	}
	return schakel.CareExtract{RequestID: r.ID, AgeBands: x.AgeBands, Municipality: x.Municipality, Needs: needs, Urgency: r.Urgency,
		Wants: hide(r.Wants), DoesNotWant: hide(r.DoesNotWant), Place: hide(r.Place), Language: r.Language, Times: hide(r.Times),
		Deadline: r.Deadline, Status: r.Status, Answered: slices.ContainsFunc(r.Answers, func(a schakel.CareAnswer) bool { return a.Organisation.ID == org })}
}

// careTerms are the names (given and family) and addresses of a case's
// family, which a provider's extract never shows.
func careTerms(tx *storage.Tx, caseID int64) ([]string, error) {
	src, err := tx.ReviewExtractSource(caseID)
	if err != nil {
		return nil, err
	}
	return prevention.ForbiddenTerms(slices.Concat(src.FamilyNames, src.GivenNames), src.Places, nil), nil
}
