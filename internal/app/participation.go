package app

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// AddParticipation makes an organisation take part in a case with a role
// (never regie: that moves only by handover), on the word of someone who
// may write the case. Only an organisation of the case's region may join
// (access.OrganisationEligible), and joining opens the family's file to a
// whole organisation, so a reason is required. An organisation that exited
// may be added again; that is a new, recorded act.
func (a *App) AddParticipation(ctx context.Context, actor *schakel.Actor, caseID int64, in schakel.ParticipationInput) ([]schakel.ParticipationView, error) {
	var out []schakel.ParticipationView
	cmd := caseCommand{caseID: caseID, open: true, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("add organisation %d", in.OrganisationID)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		if err := checkParticipation(tx, orgs.Region(), in); err != nil {
			return err
		}
		if orgs.Active(in.OrganisationID) {
			return schakel.Errorf(schakel.ECONFLICT, "%s doet al mee aan deze casus.", orgs.Name(in.OrganisationID))
		}
		again := orgs.Status(in.OrganisationID) != ""
		if err := tx.PutParticipation(caseID, in.OrganisationID, in.ContactProfessionalID, in.Role, again); err != nil {
			return err
		}
		me := actor.Professional
		if err := tx.InsertParticipationEvent(storage.ParticipationEvent{CaseID: caseID, OrganisationID: in.OrganisationID,
			Kind: schakel.EventJoined, To: in.Role, Note: strings.TrimSpace(in.Reason), By: me.ID}); err != nil {
			return err
		}
		if c := in.ContactProfessionalID; c > 0 && c != me.ID {
			if err := notice(tx, c, "joined_case", caseID, 0,
				fmt.Sprintf("%s heeft uw organisatie aan casus %d toegevoegd, met u als contactpersoon.", me.Name, caseID)); err != nil {
				return err
			}
		}
		out, err = tx.Participations(caseID)
		return err
	})
	return out, err
}

// checkParticipation validates the organisation (known, of the case's
// region), its role, its contact person and the reason, all at once.
func checkParticipation(tx *storage.Tx, caseRegion int64, in schakel.ParticipationInput) error {
	var v schakel.Validation
	kind, orgRegion, found, err := tx.OrganisationPlace(in.OrganisationID)
	if err != nil {
		return err
	}
	switch {
	case !found:
		v.Add("organisation_id", "unknown", "Kies een organisatie uit de regio van de casus.")
	case !access.OrganisationEligible(orgRegion, caseRegion).Allowed:
		v.Add("organisation_id", "other_region", "Kies een organisatie uit de regio van de casus.")
	default:
		if err := plan.CheckRole("role", in.Role, kind); err != nil {
			v.Fields = append(v.Fields, schakel.FieldErrors(err)...)
		}
	}
	if in.ContactProfessionalID > 0 {
		pros, err := tx.ActiveProfessionals(in.ContactProfessionalID)
		if err != nil {
			return err
		}
		if pros[in.ContactProfessionalID] != in.OrganisationID {
			v.Add("contact_professional_id", "not_in_organisation", "Deze contactpersoon werkt niet (meer) bij die organisatie.")
		}
	}
	switch n := trimmedLen(in.Reason); {
	case n == 0:
		v.Add("reason", "required", "Schrijf op waarom deze organisatie bij de casus moet.")
	case n > plan.MaxText:
		v.Add("reason", "too_long", "Deze toelichting is te lang.")
	}
	return v.Err()
}

// trimmedLen counts the characters of s without the spaces around it.
func trimmedLen(s string) int { return utf8.RuneCountInString(strings.TrimSpace(s)) }
