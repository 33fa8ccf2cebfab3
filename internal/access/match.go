package access

import (
	"schakel"
	"schakel/internal/audit"
)

// MatchFacts is what deciding a proposed family match depends on. A match
// proposes that a person in a new report is someone a known family's case
// already holds; confirming it moves the report into that case.
type MatchFacts struct {
	ProposedBy   int64         // the professional whose report proposed the match
	Matched      Participation // the decider's organisation on the known family's open case
	CaseRegionID int64         // the known family's region
}

// DecideMatch decides who may confirm or reject a proposed match: a
// professional of an organisation already on the known family's case, or
// Veilig Thuis intake (the chain's front door), never the person whose
// report proposed it. Otherwise someone who knows only a child's name and
// birth date could file a report, confirm its match and read the case.
func DecideMatch(s Subject, f MatchFacts) Decision {
	switch {
	case !s.hasAny(caseRoles...):
		return refuse("Uw rol geeft geen toegang tot de inhoud van casussen.")
	case f.CaseRegionID != 0 && !sameRegion(s.RegionID, f.CaseRegionID):
		return refuse("Dit gezin hoort bij een andere regio.")
	case s.ProfessionalID == f.ProposedBy:
		return refuse("U heeft deze melding zelf ingevoerd. Een organisatie die het gezin al kent, of Veilig Thuis, beslist over de match.")
	case f.Matched == Participating:
		return allow(audit.BasisParticipation)
	case s.Kind == schakel.VeiligThuis && s.hasAny(schakel.RoleIntake):
		return allow(audit.BasisRole)
	}
	return refuse("Alleen een organisatie die het gezin al kent, of de intake van Veilig Thuis, beslist over deze match.")
}
