package app

import (
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/attendees"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// invitee is one person chosen for a consultation.
type invitee struct {
	id, org int64
	name    string
	covers  []string
	reasons []string
}

type chosenInvitees struct {
	picked  []invitee
	missing []attendees.Need
}

// add puts a candidate on the list once, gathering what they cover and why.
func (c *chosenInvitees) add(cand attendees.Candidate, covers, reasons []string) {
	for i := range c.picked {
		if c.picked[i].id == cand.ID {
			c.picked[i].covers = append(c.picked[i].covers, covers...)
			c.picked[i].reasons = append(c.picked[i].reasons, reasons...)
			return
		}
	}
	c.picked = append(c.picked, invitee{id: cand.ID, org: cand.OrganisationID, name: cand.Name, covers: covers, reasons: reasons})
}

// chooseInvitees resolves an invitation: named people as they are; for an
// organisation its contact person on the case when available, otherwise the
// best available person of it (on duty first, then the least busy); for an
// expertise not yet at the table the smallest set of available people that
// covers it; and likewise for the needs that follow from an earlier table
// (follow, see followUpNeeds). The pool holds only people access.Eligible lets be invited;
// an organisation of another region is refused (access.OrganisationEligible).
func chooseInvitees(tx *storage.Tx, caseID int64, in plan.Invite, at time.Time, follow []attendees.Need) (chosenInvitees, error) {
	var res chosenInvitees
	pool, err := candidatePool(tx, caseID, at.Add(-time.Hour), at.Add(time.Hour))
	if err != nil {
		return res, err
	}
	cands := pool.At(at)
	byID := map[int64]attendees.Candidate{}
	for _, c := range cands {
		byID[c.ID] = c
	}
	var v schakel.Validation
	for i, id := range in.ProfessionalIDs {
		c, ok := byID[id]
		if !ok || !c.Active {
			v.Add(fmt.Sprintf("invite.professional_ids[%d]", i), "unknown", "Deze medewerker bestaat niet, is niet actief, werkt niet met casussen of werkt in een andere regio.")
			continue
		}
		reasons := []string{"Persoonlijk uitgenodigd"}
		if c.Busy {
			reasons = append(reasons, "Let op: heeft rond dat moment al een ander overleg")
		}
		res.add(c, []string{}, reasons)
	}
	if err := chooseForOrganisations(tx, caseID, in.OrganisationIDs, cands, byID, &res, &v); err != nil {
		return res, err
	}
	needs := make([]attendees.Need, 0, len(in.Expertises)+len(follow))
	for _, e := range in.Expertises {
		needs = append(needs, attendees.Need{Kind: attendees.KindExpertise, Value: e})
	}
	chooseForNeeds(append(needs, follow...), cands, byID, &res)
	if in.Reason != "" {
		for i := range res.picked {
			res.picked[i].reasons = append([]string{"Waarom: " + strings.TrimSpace(in.Reason)}, res.picked[i].reasons...)
		}
	}
	return res, v.Err()
}

// chooseForOrganisations picks one available person for each organisation
// asked for: its contact person on the case, or its best available person.
func chooseForOrganisations(tx *storage.Tx, caseID int64, ids []int64, cands []attendees.Candidate,
	byID map[int64]attendees.Candidate, res *chosenInvitees, v *schakel.Validation) error {
	if len(ids) == 0 {
		return nil
	}
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return err
	}
	for i, orgID := range ids {
		field := fmt.Sprintf("invite.organisation_ids[%d]", i)
		kind, region, found, err := tx.OrganisationKindRegion(orgID)
		if err != nil {
			return err
		}
		if !found {
			v.Add(field, "unknown", "Deze organisatie bestaat niet.")
			continue
		}
		if d := access.OrganisationEligible(region, orgs.Region()); !d.Allowed {
			v.Add(field, "other_region", d.Reason)
			continue
		}
		need := attendees.Need{Kind: attendees.KindOrganisation, Value: string(kind)}
		if c, ok := byID[orgs.Contact(orgID)]; ok && orgs.Active(orgID) && c.Active && !c.Busy {
			res.add(c, []string{need.String()}, []string{"Contactpersoon van de organisatie voor deze casus"})
			continue
		}
		var own []attendees.Candidate
		for _, c := range cands {
			if c.OrganisationID == orgID {
				own = append(own, c)
			}
		}
		sel := attendees.Select([]attendees.Need{need}, own)
		if len(sel.Chosen) == 0 {
			res.missing = append(res.missing, need)
			continue
		}
		res.add(sel.Chosen[0].Candidate, []string{need.String()}, sel.Chosen[0].Reasons)
	}
	return nil
}

// chooseForNeeds adds the smallest set of available people that covers
// the needs (expertises asked for, needs that follow from a crisis table)
// nobody already picked covers.
func chooseForNeeds(asked []attendees.Need, cands []attendees.Candidate, byID map[int64]attendees.Candidate, res *chosenInvitees) {
	var needs []attendees.Need
	for _, n := range asked {
		covered := false
		for i, p := range res.picked {
			if byID[p.id].Covers(n) {
				res.picked[i].covers = append(res.picked[i].covers, n.String())
				covered = true
			}
		}
		if !covered {
			needs = append(needs, n)
		}
	}
	if len(needs) == 0 {
		return
	}
	sel := attendees.Select(needs, cands)
	for _, ch := range sel.Chosen {
		var covers []string
		for _, n := range ch.Covers {
			covers = append(covers, n.String())
		}
		res.add(ch.Candidate, covers, ch.Reasons)
	}
	res.missing = append(res.missing, sel.Missing...)
}

// addParticipants writes the chosen people onto a consultation and invites
// them (planned consultations whose invitations are not held). People
// already on it are skipped.
func addParticipants(tx *storage.Tx, ref storage.ConsultationRef, chosen []invitee, addedBy int64) (int, error) {
	n := 0
	for _, p := range chosen {
		added, err := tx.AddParticipant(ref.ID, p.id, p.covers, p.reasons, addedBy)
		if err != nil {
			return n, err
		}
		if !added {
			continue
		}
		n++
		if ref.Status == schakel.ConsultationPlanned && !ref.OnHold {
			if err := invitePlanned(tx, ref, p.id, p.covers); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}
