package access

import (
	"time"

	"schakel"
)

// This file answers the other half of need-to-know: who may be brought to a
// case at all. Every path that puts a professional in front of a case (the
// crisis table's candidate pool, an invitation by person, organisation or
// expertise, an expert added, a team lead alerted about an incomplete crisis
// table, a colleague asked along, an organisation added) asks Eligible, so
// that nobody is ever called to a case they would then be refused.

// Candidate is a professional considered for a case.
type Candidate struct {
	Subject
	Active bool
}

// Eligible decides whether a professional may be invited to, selected for
// or alerted about a case of region caseRegionID. It mirrors decideCase:
// an eligible candidate who holds an invitation can read the case.
func Eligible(c Candidate, caseRegionID int64) Decision {
	switch {
	case !c.Active:
		return refuse("Deze medewerker is niet actief.")
	case !c.hasAny(caseRoles...):
		return refuse("Deze medewerker heeft geen rol die met casussen werkt.")
	case !sameRegion(c.RegionID, caseRegionID):
		return refuse("Deze medewerker werkt in een andere regio dan het gezin.")
	}
	return allow("eligible")
}

// OrganisationEligible decides whether an organisation of region orgRegionID
// may be added to (or invited to) a case of region caseRegionID.
func OrganisationEligible(orgRegionID, caseRegionID int64) Decision {
	if !sameRegion(orgRegionID, caseRegionID) {
		return refuse("Deze organisatie werkt in een andere regio dan het gezin.")
	}
	return allow("eligible")
}

func sameRegion(a, b int64) bool { return a == b }

// DefaultInvitationGrace is how long an invitation keeps giving access after
// the consultation was held, unless the invitee's organisation joined the
// case (then participation gives access).
const DefaultInvitationGrace = 14 * 24 * time.Hour

// Invitation is one call of a professional to a case: an invitation to a
// consultation, or an alert to find someone for an incomplete crisis table.
type Invitation struct {
	InvitedAt          time.Time
	ConsultationStatus string    // planned, held or cancelled
	HeldAt             time.Time // zero until held
	Declined           bool      // the invitee said they will not take part
}

// InvitationHolds reports whether an invitation still gives access at now:
// from the invitation until the consultation is cancelled, the invitee
// declines, or grace after it was held.
func InvitationHolds(inv Invitation, now time.Time, grace time.Duration) bool {
	switch {
	case inv.Declined:
		return false
	case inv.ConsultationStatus == schakel.ConsultationCancelled:
		return false
	case inv.ConsultationStatus == schakel.ConsultationHeld:
		held := inv.HeldAt
		if held.IsZero() {
			held = inv.InvitedAt
		}
		return now.Before(held.Add(grace))
	}
	return true
}
