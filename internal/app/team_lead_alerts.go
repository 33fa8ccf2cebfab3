package app

import (
	"fmt"
	"maps"
	"slices"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/storage"
)

// An alert names a case, so only team leads who could be called to it
// (access.Eligible: active, the case's region) are told about it.

// notifyTeamLeads tells the team leads of one organisation about a case.
func notifyTeamLeads(tx *storage.Tx, orgID, caseID, consultationID int64, kind, text string) error {
	region, leads, err := tx.TeamLeadsOf(caseID, orgID)
	if err != nil {
		return err
	}
	return alertLeads(tx, eligibleLeads(leads, region), kind, caseID, consultationID, text)
}

// notifyTeamLeadsOfKinds tells the team leads of every organisation of
// the kinds that a crisis table misses someone of theirs; a lead is told
// once, in three statements however many kinds.
func notifyTeamLeadsOfKinds(tx *storage.Tx, caseID, consultationID int64, text string, kinds ...schakel.OrganisationKind) error {
	region, leads, err := tx.TeamLeadsOfKinds(caseID, kinds...)
	if err != nil {
		return err
	}
	return alertLeads(tx, eligibleLeads(leads, region), "incomplete_crisis_table", caseID, consultationID, text)
}

// eligibleLeads are the ids of the leads access.Eligible lets be alerted
// about a case of region.
func eligibleLeads(leads []access.Candidate, region int64) []int64 {
	var ids []int64
	for _, l := range leads {
		if access.Eligible(l, region).Allowed {
			ids = append(ids, l.ProfessionalID)
		}
	}
	return ids
}

// tellCaseOrganisations puts a line in the work list of each organisation
// active on a case: its contact person on the case, or its team leads
// (those access.Eligible lets be alerted) when it has none.
func tellCaseOrganisations(tx *storage.Tx, orgs storage.CaseOrgs, caseID int64, kind, text string) error {
	for _, org := range slices.Sorted(maps.Keys(orgs.ActiveOrganisations())) {
		if c := orgs.Contact(org); c > 0 {
			if err := notice(tx, c, kind, caseID, 0, text); err != nil {
				return err
			}
			continue
		}
		if err := notifyTeamLeads(tx, org, caseID, 0, kind, text); err != nil {
			return err
		}
	}
	return nil
}

// tellMatchProposed asks the organisations on a known family's open case
// to decide on a proposed match with a new report.
func tellMatchProposed(tx *storage.Tx, familyID int64, reporter string) error {
	caseID, err := tx.OpenCaseOf(familyID)
	if err != nil || caseID == 0 {
		return err // no open case: no one works with the family now, Veilig Thuis intake decides
	}
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return err
	}
	return tellCaseOrganisations(tx, orgs, caseID, "match_proposed",
		fmt.Sprintf("Een nieuwe melding van %s lijkt over het gezin van casus %d te gaan. Bevestig of wijs de match af in de casus.", reporter, caseID))
}
