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
)

// ChangeRole changes an organisation's role on a case. The organisation
// itself or the one holding regie changes it, with a reason; regie never
// moves this way (plan.CheckRoleChange).
func (a *App) ChangeRole(ctx context.Context, actor *schakel.Actor, caseID, orgID int64, in plan.RoleChange) ([]schakel.ParticipationView, error) {
	var out []schakel.ParticipationView
	cmd := caseCommand{caseID: caseID, open: true, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("role of organisation %d: %s", orgID, in.Role)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		if orgs.Status(orgID) == "" {
			return schakel.Errorf(schakel.ENOTFOUND, "%s niet gevonden.", "Deze organisatie op de casus")
		}
		if mine := actor.Professional.Organisation.ID; mine != orgID && mine != orgs.RegieHolder() {
			return tx.RefuseRule(actor, caseID, audit.EventUpdate, "Alleen de organisatie zelf, of de organisatie met de regie, verandert een rol.")
		}
		if err := plan.CheckRoleChange(in, orgs.Role(orgID), orgs.Active(orgID), orgs.Kind(orgID)); err != nil {
			return err
		}
		if err := tx.SetParticipationRole(caseID, orgID, in.Role); err != nil {
			return err
		}
		if err := tx.InsertParticipationEvent(storage.ParticipationEvent{CaseID: caseID, OrganisationID: orgID, Kind: schakel.EventRoleChanged,
			From: orgs.Role(orgID), To: in.Role, Note: strings.TrimSpace(in.Reason), By: actor.Professional.ID}); err != nil {
			return err
		}
		out, err = tx.Participations(caseID)
		return err
	})
	return out, err
}
