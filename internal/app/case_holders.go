package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/caseload"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// HolderInput gives an organisation's case holder position on a case to
// one of its professionals, with the reason.
type HolderInput struct {
	ProfessionalID int64
	Position       schakel.HolderPosition
	Reason         string
	Expected       int64    // the case version the caller saw; 0 skips the check
	Override       Override // the team lead assigns above the norm
}

// AssignCaseHolder fills a case holder position of the new holder's
// organisation, or hands it over when someone holds it. The organisation
// must take part in the case; the team lead assigns, the holder may hand
// over (access.DecideCaseHolder). Every refusal, also of bad input, is
// audited and leaves nothing else.
func (a *App) AssignCaseHolder(ctx context.Context, actor *schakel.Actor, caseID int64, in HolderInput) ([]schakel.CaseHolder, error) {
	var out []schakel.CaseHolder
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, expected: in.Expected,
		detail: fmt.Sprintf("assign case holder (%s)", in.Position)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		holder, err := tx.ProfessionalRecord(in.ProfessionalID)
		if err != nil {
			return refuseHolder(tx, actor, caseID, "professional_id", "not_found", "Deze medewerker bestaat niet.")
		}
		org := holder.Organisation.ID
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		if !orgs.Active(org) {
			return refuseHolder(tx, actor, caseID, "professional_id", "not_on_case",
				fmt.Sprintf("%s neemt niet deel aan deze casus. Een casushouder werkt bij een organisatie die deelneemt.", holder.Organisation.Name))
		}
		if d := access.Eligible(access.Candidate{Subject: access.SubjectOf(&holder), Active: holder.Active}, orgs.Region()); !d.Allowed {
			return refuseHolder(tx, actor, caseID, "professional_id", "not_eligible", d.Reason)
		}
		current, err := tx.CaseHolders(caseID)
		if err != nil {
			return err
		}
		act, fe := caseload.Assignment(current, org, in.Position, in.ProfessionalID)
		if fe != nil {
			return refuseHolder(tx, actor, caseID, fe.Field, fe.Code, fe.Message)
		}
		reason, fe := holderReason(in.Reason)
		if fe != nil {
			return refuseHolder(tx, actor, caseID, fe.Field, fe.Code, fe.Message)
		}
		accessAct := access.AssignHolder
		if act == caseload.HandOver {
			accessAct = access.HandOverHolder
		}
		if err := decideHolder(tx, actor, caseID, accessAct, org, holds(current, actor, org, in.Position)); err != nil {
			return err
		}
		by := actor.Professional.ID
		if act == caseload.HandOver {
			if err := tx.EndHolder(caseID, org, in.Position, "hand_over", reason, by); err != nil {
				return err
			}
		}
		h := schakel.CaseHolder{CaseID: caseID, OrganisationID: org, ProfessionalID: holder.ID, Position: in.Position, Reason: reason}
		if err := tx.InsertHolder(h, by); err != nil {
			return err
		}
		if err := a.checkNorm(tx, actor, caseID, org, holder, in.Override); err != nil {
			return err
		}
		if holder.ID != by {
			if err := notice(tx, holder.ID, "case_holder", caseID, 0, fmt.Sprintf("U bent nu %s van casus %d. Reden: %s", holderWord(in.Position), caseID, reason)); err != nil {
				return err
			}
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "case_holder", ResourceID: fmt.Sprint(caseID), AccessBasis: audit.BasisParticipation,
			Detail: fmt.Sprintf("%s %s: professional %d, organisation %d", act, in.Position, holder.ID, org)})
		out, err = tx.CaseHolders(caseID)
		return err
	})
	return out, err
}

// EndCaseHolder leaves a position empty, with the reason: the holder
// leaves the case or the team lead takes them off it. A first holder
// leaves only after the second has gone, so that a second never stays
// alone.
func (a *App) EndCaseHolder(ctx context.Context, actor *schakel.Actor, caseID int64, pos schakel.HolderPosition, reason string) ([]schakel.CaseHolder, error) {
	var out []schakel.CaseHolder
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("end case holder (%s)", pos)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		org := actorOrg(actor)
		current, err := tx.CaseHolders(caseID)
		if err != nil {
			return err
		}
		if !pos.Valid() {
			return refuseHolder(tx, actor, caseID, "position", "invalid", "Kies casushouder (first) of tweede casushouder (second).")
		}
		held, second := false, false
		for _, h := range current {
			held = held || (h.OrganisationID == org && h.Position == pos)
			second = second || (h.OrganisationID == org && h.Position == schakel.SecondHolder)
		}
		if !held {
			return refuseHolder(tx, actor, caseID, "position", "empty", "Uw organisatie heeft op deze positie geen casushouder.")
		}
		if pos == schakel.FirstHolder && second {
			return refuseHolder(tx, actor, caseID, "position", "second_remains", "Er is nog een tweede casushouder. Draag de casus over aan een nieuwe casushouder, of beëindig eerst de tweede.")
		}
		r, fe := holderReason(reason)
		if fe != nil {
			return refuseHolder(tx, actor, caseID, fe.Field, fe.Code, fe.Message)
		}
		if err := decideHolder(tx, actor, caseID, access.EndHolder, org, holds(current, actor, org, pos)); err != nil {
			return err
		}
		if err := tx.EndHolder(caseID, org, pos, "end", r, actor.Professional.ID); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "case_holder", ResourceID: fmt.Sprint(caseID), AccessBasis: audit.BasisParticipation,
			Detail: fmt.Sprintf("end %s, organisation %d", pos, org)})
		out, err = tx.CaseHolders(caseID)
		return err
	})
	return out, err
}

// holds reports whether the actor holds the position now.
func holds(current []schakel.CaseHolder, actor *schakel.Actor, org int64, pos schakel.HolderPosition) bool {
	for _, h := range current {
		if h.OrganisationID == org && h.Position == pos && h.ProfessionalID == actor.Professional.ID {
			return true
		}
	}
	return false
}

// decideHolder asks access who may do the act and audits a refusal.
func decideHolder(tx *storage.Tx, actor *schakel.Actor, caseID int64, act access.HolderAct, org int64, holdsPosition bool) error {
	d := access.DecideCaseHolder(access.SubjectFor(actor), act, org, holdsPosition)
	if d.Allowed {
		return nil
	}
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "case_holder", ResourceID: fmt.Sprint(caseID), Detail: string(act)})
	return tx.Refuse(d)
}

// refuseHolder refuses bad input on a case holder act: the attempt is
// audited with what was wrong, nothing else is kept, and the caller gets
// the field error.
func refuseHolder(tx *storage.Tx, actor *schakel.Actor, caseID int64, field, code, message string) error {
	d := access.Decision{Basis: audit.BasisNone, Reason: message}
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "case_holder", ResourceID: fmt.Sprint(caseID), Detail: "refused: " + field + " " + code})
	var v schakel.Validation
	v.Add(field, code, message)
	return tx.RefuseWith(d, v.Err())
}

// holderReason checks the reason every case holder act needs.
func holderReason(reason string) (string, *schakel.FieldError) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", &schakel.FieldError{Field: "reason", Code: "required", Message: "Schrijf op waarom: bijvoorbeeld nieuwe casus, verlof, vertrek of verdeling van het werk."}
	}
	if textlimit.Over(reason, textlimit.Reason) {
		return "", &schakel.FieldError{Field: "reason", Code: "too_long", Message: textlimit.TooLongMessage(textlimit.Reason, textlimit.Len(reason))}
	}
	return reason, nil
}

func holderWord(p schakel.HolderPosition) string {
	if p == schakel.SecondHolder {
		return "tweede casushouder"
	}
	return "casushouder"
}

// CaseHolderList returns the current case holders of a case for whoever
// may read the case; the read is audited.
func (a *App) CaseHolderList(ctx context.Context, actor *schakel.Actor, caseID int64) ([]schakel.CaseHolder, error) {
	var out []schakel.CaseHolder
	cmd := caseCommand{caseID: caseID, action: access.Read, event: audit.EventRead, detail: "case holders"}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		var err error
		out, err = tx.CaseHolders(caseID)
		return err
	})
	return out, err
}
