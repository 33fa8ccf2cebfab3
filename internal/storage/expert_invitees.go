package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/attendees"
	"schakel/internal/plan"
)

// invitee is one person chosen for a consultation or as an expert.
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

// chooseInvitees resolves an invitation for AddExpert (plan_roles.go); the
// consultation commands use internal/app's chooser, and this one goes
// when AddExpert moves there too. It resolves an invitation: named people as they are; for an
// organisation its contact person on the case when available, otherwise the
// best available person of it (on duty first, then the least busy); for an
// expertise not yet at the table the smallest set of available people that
// covers it. Only people whose role lets them work with case content count.
func (tx *Tx) chooseInvitees(caseID int64, in plan.Invite, at time.Time) (chosenInvitees, error) {
	var res chosenInvitees
	pool, err := tx.CandidatePool(caseID, at.Add(-time.Hour), at.Add(time.Hour))
	if err != nil {
		return res, err
	}
	cands := pool.At(at)
	byID := map[int64]attendees.Candidate{}
	for i := range cands {
		byID[cands[i].ID] = cands[i]
	}
	picked := map[int64]int{}
	add := func(c attendees.Candidate, covers, reasons []string) {
		if i, ok := picked[c.ID]; ok {
			res.picked[i].covers = append(res.picked[i].covers, covers...)
			res.picked[i].reasons = append(res.picked[i].reasons, reasons...)
			return
		}
		picked[c.ID] = len(res.picked)
		res.picked = append(res.picked, invitee{id: c.ID, org: c.OrganisationID, name: c.Name, covers: covers, reasons: reasons})
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
		add(c, []string{}, reasons)
	}
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return res, err
	}
	for i, orgID := range in.OrganisationIDs {
		var kind string
		var orgRegion int64
		err := tx.queryRow(`SELECT kind, region_id FROM organisations WHERE id = ?`, orgID).Scan(&kind, &orgRegion)
		if errors.Is(err, sql.ErrNoRows) {
			v.Add(fmt.Sprintf("invite.organisation_ids[%d]", i), "unknown", "Deze organisatie bestaat niet.")
			continue
		} else if err != nil {
			return res, err
		}
		if d := access.OrganisationEligible(orgRegion, orgs.region); !d.Allowed {
			v.Add(fmt.Sprintf("invite.organisation_ids[%d]", i), "other_region", d.Reason)
			continue
		}
		need := attendees.Need{Kind: attendees.KindOrganisation, Value: kind}
		if c, ok := byID[orgs.contact[orgID]]; ok && orgs.status[orgID] == "active" && c.Active && !c.Busy {
			add(c, []string{need.String()}, []string{"Contactpersoon van de organisatie voor deze casus"})
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
		add(sel.Chosen[0].Candidate, []string{need.String()}, sel.Chosen[0].Reasons)
	}
	var needs []attendees.Need
	for _, e := range in.Expertises {
		n := attendees.Need{Kind: attendees.KindExpertise, Value: e}
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
	if len(needs) > 0 {
		sel := attendees.Select(needs, cands)
		for _, ch := range sel.Chosen {
			var covers []string
			for _, n := range ch.Covers {
				covers = append(covers, n.String())
			}
			add(ch.Candidate, covers, ch.Reasons)
		}
		res.missing = append(res.missing, sel.Missing...)
	}
	if in.Reason != "" {
		for i := range res.picked {
			res.picked[i].reasons = append([]string{"Waarom: " + trim(in.Reason)}, res.picked[i].reasons...)
		}
	}
	return res, v.Err()
}
