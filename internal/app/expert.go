package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/attendees"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// AddExpert adds an expert to a case at any moment, with the reason: a
// named person, or an available person with the expertise (on duty first).
// Only someone access.Eligible for the case counts (the candidate pool:
// active, a role that works with case content, the case's region). The
// expert's organisation takes part in the case with role advies when it did
// not yet, so that the expert can read what they advise on.
func (a *App) AddExpert(ctx context.Context, actor *schakel.Actor, caseID int64, in schakel.ExpertInput) (schakel.CaseExpert, error) {
	var ex schakel.CaseExpert
	err := a.onCase(ctx, actor, caseCommand{caseID: caseID, open: true, action: access.Write, event: audit.EventUpdate, detail: "add expert"}, func(tx *storage.Tx) error {
		inv := plan.Invite{Reason: in.Reason}
		if in.ProfessionalID > 0 {
			inv.ProfessionalIDs = []int64{in.ProfessionalID}
		}
		if in.Expertise != "" {
			inv.Expertises = []string{in.Expertise}
		}
		if err := plan.ValidateAddParticipant(inv); err != nil {
			return renameInviteFields(err)
		}
		expert, err := chooseExpert(tx, caseID, in)
		if err != nil {
			return err
		}
		me, reason := actor.Professional, strings.TrimSpace(in.Reason)
		if err := tx.InsertCaseExpert(caseID, expert.ID, in.Expertise, reason, me.ID); err != nil {
			return err
		}
		if err := joinAsAdvisor(tx, caseID, expert, reason, me.ID); err != nil {
			return err
		}
		if expert.ID != me.ID {
			if err := notice(tx, expert.ID, "expert_added", caseID, 0, fmt.Sprintf("%s heeft u als deskundige aan casus %d toegevoegd.", me.Name, caseID)); err != nil {
				return err
			}
		}
		exs, err := tx.CaseExperts(caseID)
		if err != nil {
			return err
		}
		ex = exs[len(exs)-1]
		return nil
	})
	return ex, err
}

// chooseExpert picks the named person when they may be called to the case
// now, or else the best available person with the expertise.
func chooseExpert(tx *storage.Tx, caseID int64, in schakel.ExpertInput) (attendees.Candidate, error) {
	now := tx.Now()
	pool, err := candidatePool(tx, caseID, now.Add(-time.Hour), now.Add(time.Hour))
	if err != nil {
		return attendees.Candidate{}, err
	}
	cands := pool.At(now)
	if in.ProfessionalID > 0 {
		i := slices.IndexFunc(cands, func(c attendees.Candidate) bool { return c.ID == in.ProfessionalID && c.Active })
		if i < 0 {
			return attendees.Candidate{}, &schakel.Error{Code: schakel.EINVALID, Message: "Niet alle velden zijn goed ingevuld.",
				Fields: []schakel.FieldError{{Field: "professional_id", Code: "unknown",
					Message: "Deze medewerker bestaat niet, is niet actief, werkt niet met casussen of werkt in een andere regio."}}}
		}
		return cands[i], nil
	}
	sel := attendees.Select([]attendees.Need{{Kind: attendees.KindExpertise, Value: in.Expertise}}, cands)
	if len(sel.Chosen) == 0 {
		return attendees.Candidate{}, &schakel.Error{Code: schakel.EINVALID, Message: "Niemand beschikbaar.",
			Fields: []schakel.FieldError{{Field: "expertise", Code: "unavailable", Message: "Niemand met deze deskundigheid is beschikbaar, of de medewerker is niet actief."}}}
	}
	return sel.Chosen[0].Candidate, nil
}

// joinAsAdvisor makes the expert's organisation take part in the case with
// role advies, unless it already does.
func joinAsAdvisor(tx *storage.Tx, caseID int64, expert attendees.Candidate, reason string, by int64) error {
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil || orgs.Active(expert.OrganisationID) {
		return err
	}
	if err := tx.JoinCase(caseID, expert.OrganisationID, expert.ID); err != nil {
		return err
	}
	if err := tx.SetAdvisory(caseID, expert.OrganisationID); err != nil {
		return err
	}
	return tx.InsertParticipationEvent(storage.ParticipationEvent{CaseID: caseID, OrganisationID: expert.OrganisationID, Kind: schakel.EventJoined,
		To: schakel.RoleAdvies, Note: "Deskundige toegevoegd: " + reason, By: by})
}

// renameInviteFields maps the invite's field names to the single-expert
// request's.
func renameInviteFields(err error) error {
	var se *schakel.Error
	if !errors.As(err, &se) {
		return err
	}
	out := *se
	out.Fields = slices.Clone(se.Fields)
	for i, f := range out.Fields {
		switch {
		case f.Field == "invite":
			out.Fields[i].Field = "professional_id"
			out.Fields[i].Message = "Kies een medewerker of een deskundigheid."
		case strings.HasPrefix(f.Field, "invite.expertises["):
			out.Fields[i].Field = "expertise"
		case strings.HasPrefix(f.Field, "invite.professional_ids["):
			out.Fields[i].Field = "professional_id"
		}
	}
	return &out
}
