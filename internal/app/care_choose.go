package app

import (
	"context"
	"fmt"
	"slices"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/care"
	"schakel/internal/chain"
	"schakel/internal/storage"
)

// ChooseCare records the provider chosen with the family (issue 15, item
// 4). The chosen provider joins the case as uitvoering, with the person who
// answered as its contact, through the need-to-know rules (it must be of
// the case's region); the others are told, without any family data.
func (a *App) ChooseCare(ctx context.Context, actor *schakel.Actor, id, orgID int64) (schakel.CareRequest, error) {
	var out schakel.CareRequest
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		r, _, err := tx.CareRequestByID(id)
		if err != nil {
			return err
		}
		if _, err := guardCase(tx, actor, r.CaseID, access.Write, audit.EventUpdate, fmt.Sprintf("care request %d: choose", id)); err != nil {
			return err
		}
		if err := care.ValidateChoice(r.Answers, orgID); err != nil {
			return tx.RefuseWith(access.Decision{Basis: audit.BasisNone, Reason: "invalid choice"}, err)
		}
		orgs, err := tx.CaseOrganisations(r.CaseID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(r.Answers, func(x schakel.CareAnswer) bool { return x.Organisation.ID == orgID })
		chosen := r.Answers[i]
		region, err := tx.OrganisationRegionOf(orgID)
		if err != nil {
			return err
		}
		if d := access.OrganisationEligible(region, orgs.Region()); !d.Allowed {
			return tx.RefuseWith(d, schakel.Errorf(schakel.EFORBIDDEN, "%s", d.Reason))
		}
		if err := tx.ChooseCareProvider(id, orgID); err != nil {
			return err
		}
		if err := tx.RecordAuto(actor, r.CaseID, chain.CareAllocated, tx.Now(), storage.EventDetails{CareRequestID: id}, 0); err != nil {
			return err
		}
		if _, err := tx.BumpCase(r.CaseID, 0); err != nil {
			return err
		}
		reason := fmt.Sprintf("Gekozen op zorgvraag %d, samen met het gezin.", id)
		if err := tx.JoinCaseAs(r.CaseID, orgID, chosen.By.ID, schakel.RoleUitvoering, reason, actor.Professional.ID); err != nil {
			return err
		}
		for _, o := range r.Asked {
			text := fmt.Sprintf("Zorgvraag %d: er is een aanbieder gekozen. Dank voor uw antwoord.", id)
			if o.ID == orgID {
				text = fmt.Sprintf("Zorgvraag %d: het gezin koos voor uw organisatie. U neemt nu deel aan de casus.", id)
			}
			if err := tx.NotifyOrganisationCare(o.ID, text); err != nil {
				return err
			}
		}
		out, _, err = tx.CareRequestByID(id)
		return err
	})
	return out, err
}
