package access

import (
	"time"

	"schakel"
	"schakel/internal/audit"
)

// This file decides the placement-prevention network's access (issue 16):
// who may join the network, and who may read a review's minimal extract.
// The case itself stays behind Decide; a panel member never gets the case,
// only the extract, and only for a while.

// DecideNetworkMember decides whether s may put member in the network: a
// professional joins or leaves themselves, if their role works with case
// content (the network reviews cases), or their organisation's team lead
// does it for them.
func DecideNetworkMember(s Subject, member Candidate) Decision {
	self := s.ProfessionalID == member.ProfessionalID
	lead := s.hasAny(schakel.RoleTeamLead) && s.OrganisationID == member.OrganisationID
	switch {
	case !professional(s):
		return refuse("Alleen professionals kunnen lid zijn van het netwerk.")
	case !self && !lead:
		return refuse("Alleen de medewerker zelf of de teamleider van de eigen organisatie kan iemand aanmelden voor het netwerk.")
	case !member.Active:
		return refuse("Deze medewerker is niet actief.")
	case !member.hasAny(caseRoles...):
		return refuse("Deze medewerker heeft geen rol die met casussen werkt.")
	}
	return allow(audit.BasisSelf)
}

// ReviewSeat is what Decide needs to know about a reader of a review.
type ReviewSeat struct {
	OnPanel     bool      // the reader sits on this review's panel
	AccessUntil time.Time // zero while the review is open
	CaseRegion  int64
}

// DecideReviewExtract decides whether s may read a review's minimal extract
// (the worries, what works, the scale, the plan, first names only) at now:
// a panel member of the case's region, from the proposal until the end of
// their access (the outcome plus 14 days). Professionals on the case read
// the case itself, under Decide.
func DecideReviewExtract(s Subject, seat ReviewSeat, now time.Time) Decision {
	switch {
	case !professional(s):
		return refuse("Alleen de professionals aan de plaatsingstafel zien dit overzicht.")
	case !seat.OnPanel:
		return refuse("U zit niet aan deze plaatsingstafel.")
	case !sameRegion(s.RegionID, seat.CaseRegion):
		return refuse("Deze plaatsingstafel hoort bij een andere regio.")
	case !seat.AccessUntil.IsZero() && !now.Before(seat.AccessUntil):
		return refuse("Uw toegang tot deze plaatsingstafel is afgelopen: 14 dagen na de uitkomst.")
	}
	return allow(audit.BasisReview)
}

func professional(s Subject) bool {
	return s.Principal == "" || s.Principal == schakel.PrincipalProfessional
}

// DecideNetworkList decides whether s may see its region's network: who is
// in it, their organisation, expertise and number of panels. Every
// professional may: it is a directory, like the colleagues one can invite,
// and it holds nothing about families.
func DecideNetworkList(s Subject) Decision {
	if !professional(s) || s.ProfessionalID == 0 {
		return refuse("Alleen professionals zien het netwerk.")
	}
	return allow(audit.BasisRole)
}

// DecideLibrary decides whether s may read or add to the network's case
// library: members of the region's network only (the library is for
// learning from each other's reviews, seed 004).
func DecideLibrary(s Subject, member bool) Decision {
	switch {
	case !professional(s) || s.ProfessionalID == 0:
		return refuse("Alleen leden van het netwerk lezen de bibliotheek.")
	case !member:
		return refuse("De bibliotheek is voor leden van het netwerk. Meld u aan op de pagina Netwerk.")
	}
	return allow(audit.BasisRole)
}
