// Package attendees chooses who is invited to a joint crisis consultation
// ("Samen in Crisis") when a report is rated red.
//
// The package is pure: it takes the needs of a consultation and a list of
// candidates (professionals with their organisation, roles, expertises and
// availability) and returns the smallest set of available people that covers
// the needs, preferring people on duty (piket), plus the needs nobody can
// cover so team leads can be told at once. Loading candidates from storage
// and sending invitations belong to other packages.
package attendees

import (
	"slices"
	"strings"
)

// Need kinds.
const (
	KindOrganisation = "organisation"
	KindRole         = "role"
	KindExpertise    = "expertise"
	KindPerson       = "person" // one named professional, Value is their ID
)

// Organisation kinds, roles and expertises this package refers to by name.
const (
	OrgVeiligThuis      = "veilig_thuis"
	OrgJeugdbescherming = "jeugdbescherming"
	OrgRaad             = "raad"
	OrgPolitie          = "politie"
	OrgBlijfGroep       = "blijf_groep"

	RoleConfidentialDoctor = "confidential_doctor"
	RoleLawyer             = "lawyer"

	ExpertiseSexualViolence        = "sexual_violence"
	ExpertiseHonourRelatedViolence = "honour_related_violence"
	ExpertiseDebtCounselling       = "debt_counselling"
)

// Concern categories and crisismeter indicator codes that add an expert.
const (
	ConcernSexualAbuse           = "sexual_abuse"
	ConcernHonourRelatedViolence = "honour_related_violence"
	ConcernFinancialProblems     = "financial_problems"

	IndicatorSexualAbuseSuspectHasAccess = "sexual_abuse_suspect_has_access"
	IndicatorHonourRelatedThreat         = "honour_related_threat"
	IndicatorSeriousDebtsOrHousingRisk   = "serious_debts_or_housing_risk"
)

// Need is one thing the consultation must have at the table: someone from an
// organisation kind, someone with a role, or someone with an expertise.
type Need struct {
	Kind  string // KindOrganisation, KindRole or KindExpertise
	Value string // e.g. "veilig_thuis", "confidential_doctor", "sexual_violence"
}

// String returns the stable code form, e.g. "organisation:veilig_thuis".
func (n Need) String() string { return n.Kind + ":" + n.Value }

var organisationDutch = map[string]string{
	"veilig_thuis":     "iemand van Veilig Thuis",
	"jeugdbescherming": "iemand van de jeugdbescherming",
	"raad":             "iemand van de Raad voor de Kinderbescherming",
	"rechtbank":        "iemand van de rechtbank",
	"blijf_groep":      "iemand van Blijf Groep",
	"wijkteam":         "iemand van het wijkteam",
	"schuldhulp":       "iemand van de schuldhulpverlening",
	"zorgaanbieder":    "iemand van een zorgaanbieder",
	"gemeente":         "iemand van de gemeente",
	"politie":          "iemand van de politie",
}

var roleDutch = map[string]string{
	"intake":              "een intakemedewerker",
	"case_worker":         "een casemanager",
	"behavioural_expert":  "een gedragsdeskundige",
	"confidential_doctor": "een vertrouwensarts",
	"lawyer":              "een jurist",
	"care_coordinator":    "een zorgcoördinator",
	"team_lead":           "een teamleider",
	"privacy_officer":     "een privacyfunctionaris",
	"admin":               "een beheerder",
}

var expertiseDutch = map[string]string{
	"honour_related_violence": "expertise eergerelateerd geweld",
	"sexual_violence":         "expertise seksueel geweld",
	"debt_counselling":        "expertise schulden",
	"domestic_violence":       "expertise huiselijk geweld",
	"addiction":               "expertise verslaving",
	"psychiatry":              "expertise psychiatrie",
	"intellectual_disability": "expertise verstandelijke beperking",
}

// Dutch returns the need as shown to users, e.g. "iemand van Veilig Thuis",
// "een vertrouwensarts", "een jurist", "expertise eergerelateerd geweld".
// Unknown values fall back to a readable form with the code in it.
func (n Need) Dutch() string {
	switch n.Kind {
	case KindOrganisation:
		if s, ok := organisationDutch[n.Value]; ok {
			return s
		}
		return "iemand van organisatie " + n.Value
	case KindRole:
		if s, ok := roleDutch[n.Value]; ok {
			return s
		}
		return "iemand met de rol " + n.Value
	case KindExpertise:
		if s, ok := expertiseDutch[n.Value]; ok {
			return s
		}
		return "expertise " + n.Value
	case KindPerson:
		return "de intakemedewerker die de melding aannam"
	}
	return n.String()
}

// dutchList joins the Dutch forms of needs with ", ".
func dutchList(needs []Need) string {
	parts := make([]string, len(needs))
	for i, n := range needs {
		parts[i] = n.Dutch()
	}
	return strings.Join(parts, ", ")
}

// ParseNeed reads a need in its code form ("organisation:veilig_thuis").
func ParseNeed(s string) (Need, bool) {
	kind, value, ok := strings.Cut(s, ":")
	if !ok || value == "" {
		return Need{}, false
	}
	switch kind {
	case KindOrganisation, KindRole, KindExpertise, KindPerson:
		return Need{Kind: kind, Value: value}, true
	}
	return Need{}, false
}

// Uncovered returns, in the order of left, the needs in code form that an
// invitee who leaves covered and none of the remaining invitees covers:
// the seats that are empty once they are gone.
func Uncovered(left []string, remaining [][]string) []string {
	var out []string
	for _, n := range left {
		covered := slices.ContainsFunc(remaining, func(r []string) bool { return slices.Contains(r, n) })
		if !covered && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
