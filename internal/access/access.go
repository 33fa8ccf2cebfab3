// Package access decides who may do what: the need-to-know rules of
// Schakel, in one place and free of HTTP and SQL. Storage calls Decide
// before every read or write of case data and audits the outcome in the same
// transaction; the HTTP layer only turns a refusal into a status.
package access

import (
	"slices"
	"strings"

	"schakel"
	"schakel/internal/audit"
)

// Resource is what an actor wants to reach.
type Resource string

// The resources guarded by Decide.
const (
	Case           Resource = "case"            // a case and everything on it: persons, reports, ratings, plans
	Report         Resource = "report"          // filing a new report (melding) with the shared intake form
	RaadDecision   Resource = "raad_decision"   // the Raad's own, independent decision on a case
	Professionals  Resource = "professionals"   // the directory of professionals and their accounts
	Organisations  Resource = "organisations"   // the organisations of the region
	Roster         Resource = "roster"          // the on-duty (piket) roster
	AuditTrail     Resource = "audit_trail"     // the access log itself
	PersonAccesses Resource = "person_accesses" // "who looked at my file" for one person
	Dashboards     Resource = "dashboards"      // lead-time dashboards: aggregates without personal data
	EventLog       Resource = "event_log"       // the pseudonymised chain event log (CSV, XES) for process mining and research
	Norms          Resource = "norms"           // the region's phases and norms
	Cohorts        Resource = "cohorts"         // cohorts and interventions that cases are tagged with
	OwnRecord      Resource = "own_record"      // what the actor's organisation wrote on a case itself; still readable after it exited
	// IdentityProviders is an organisation's own login: its OpenID Connect
	// provider and the e-mail domains that route to it.
	IdentityProviders Resource = "identity_providers"
	// Membership is the review of who still works at an organisation:
	// its people with their answers, the rounds and the suspensions.
	Membership Resource = "membership"
)

// Resources lists every resource, for the matrix test and documentation.
var Resources = []Resource{Case, Report, RaadDecision, Professionals, Organisations, Roster, AuditTrail, PersonAccesses,
	Dashboards, EventLog, Norms, Cohorts, OwnRecord, IdentityProviders, Membership}

// Action is what the actor wants to do with a resource.
type Action string

// The actions.
const (
	Read   Action = "read"
	Write  Action = "write" // create or change
	Manage Action = "manage"
)

// Actions lists every action.
var Actions = []Action{Read, Write, Manage}

// Subject is the acting principal as far as access rules care. The other
// fields describe a professional.
type Subject struct {
	// Principal is the kind of the actor. The zero value is read as a
	// professional, so that subjects built before principals existed keep
	// their meaning; SubjectOf and SubjectFor always set it.
	Principal      schakel.PrincipalKind
	ProfessionalID int64
	OrganisationID int64
	RegionID       int64 // the region of the professional's organisation
	Kind           schakel.OrganisationKind
	Roles          []schakel.Role
}

// nobody is the principal kind of a request on no one's account.
const nobody schakel.PrincipalKind = "none"

// SubjectOf returns the Subject for a professional; for nil, a subject
// that is refused everything.
func SubjectOf(p *schakel.Professional) Subject {
	if p == nil {
		return Subject{Principal: nobody}
	}
	return Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: p.ID, OrganisationID: p.Organisation.ID,
		RegionID: p.Organisation.RegionID, Kind: p.Organisation.Kind, Roles: p.Roles}
}

// SubjectFor returns the Subject for an actor of any principal kind.
func SubjectFor(a *schakel.Actor) Subject {
	switch a.Kind() {
	case schakel.PrincipalProfessional:
		return SubjectOf(a.Professional)
	case schakel.PrincipalFamilyMember, schakel.PrincipalSystem:
		return Subject{Principal: a.Kind()}
	}
	return Subject{Principal: nobody}
}

// Participation is the state of the actor's organisation on a case.
type Participation string

// Participation states.
const (
	NotParticipating Participation = ""
	Participating    Participation = "active"
	Exited           Participation = "exited"
)

// Context is what Decide needs to know about the target.
type Context struct {
	// For case resources.
	CaseRegionID    int64 // the region of the case's family; another region's professionals never see it
	Participation   Participation
	InvitedToCrisis bool   // an invitation to a consultation on the case still holds (InvitationHolds)
	EmergencyReason string // non-empty when the actor claims emergency access
	// For organisation-scoped resources (professionals, roster, audit trail).
	TargetOrganisationID int64
	// For person_accesses: the actor's organisation takes or took part in
	// a case of the person.
	OrganisationKnowsPerson bool
}

// Decision is the outcome of Decide. Basis is recorded in the audit trail;
// Reason (Dutch) explains a refusal to the user.
type Decision struct {
	Allowed   bool
	Basis     string
	Emergency bool
	Reason    string
	// Key names Reason in the family's translation catalogue, for a
	// reason a family member reads.
	Key string
}

// caseRoles may work with case content. Privacy officers and administrators
// deliberately may not: they see who did what, never what a family said.
var caseRoles = []schakel.Role{
	schakel.RoleIntake, schakel.RoleCaseWorker, schakel.RoleBehaviouralExpert, schakel.RoleConfidentialDoc,
	schakel.RoleLawyer, schakel.RoleCareCoordinator, schakel.RoleTeamLead,
}

// reportingKinds are the organisations that file reports with the shared
// intake form. The court and the municipality receive, they do not report.
var reportingKinds = []schakel.OrganisationKind{
	schakel.VeiligThuis, schakel.Jeugdbescherming, schakel.Raad, schakel.BlijfGroep, schakel.Wijkteam,
	schakel.Schuldhulp, schakel.Zorgaanbieder, schakel.Politie,
}

// MinEmergencyReason is the minimum length of a written emergency reason.
const MinEmergencyReason = 20

func (s Subject) hasAny(roles ...schakel.Role) bool {
	for _, r := range roles {
		if slices.Contains(s.Roles, r) {
			return true
		}
	}
	return false
}

func refuse(reason string) Decision {
	return Decision{Allowed: false, Basis: audit.BasisNone, Reason: reason}
}

func allow(basis string) Decision { return Decision{Allowed: true, Basis: basis} }

// Decide applies the need-to-know rules.
func Decide(s Subject, r Resource, a Action, c Context) Decision {
	switch s.Principal {
	case "", schakel.PrincipalProfessional:
		return decideProfessional(s, r, a, c)
	case schakel.PrincipalFamilyMember:
		// The family's own view will have rules of its own; the
		// professional rules never give a family member anything.
		return refuse("Als gezinslid ziet u uw eigen dossier alleen via de gezinsomgeving, niet via de schermen voor professionals.")
	case schakel.PrincipalSystem:
		return decideSystem(r, a)
	}
	return refuse("U bent niet aangemeld.")
}

// decideSystem lets Schakel itself (the command line on the server, run by
// the operator, and scheduled jobs) administer organisations, accounts and
// the roster. It never reaches case content or the access log: those are
// for professionals with need to know and for privacy officers.
func decideSystem(r Resource, a Action) Decision {
	if !slices.Contains(Actions, a) {
		return refuse("Deze handeling bestaat niet.")
	}
	switch r {
	case Professionals, Organisations, Roster, IdentityProviders, Membership:
		return allow(audit.BasisSystem)
	case AuditTrail, PersonAccesses:
		return refuse("Schakel zelf (opdrachtregel of geplande taak) bekijkt het toegangslogboek niet; dat doet de privacy officer.")
	}
	return refuse("Schakel zelf (opdrachtregel of geplande taak) krijgt geen toegang tot de inhoud van casussen of overzichten.")
}

func decideCase(s Subject, a Action, c Context) Decision {
	if a != Read && a != Write {
		return refuse("Deze handeling bestaat niet.")
	}
	if !s.hasAny(caseRoles...) {
		return refuse("Uw rol geeft geen toegang tot de inhoud van casussen.")
	}
	if c.CaseRegionID != 0 && !sameRegion(s.RegionID, c.CaseRegionID) {
		return refuse("Deze casus hoort bij een andere regio.")
	}
	switch {
	case c.Participation == Participating:
		return allow(audit.BasisParticipation)
	case c.InvitedToCrisis:
		return allow(audit.BasisDuty)
	case strings.TrimSpace(c.EmergencyReason) != "":
		if len([]rune(strings.TrimSpace(c.EmergencyReason))) < MinEmergencyReason {
			return refuse("Geef een duidelijke reden voor noodtoegang (minstens 20 tekens).")
		}
		// Emergency access is for reading what is needed to act; writing
		// still needs the organisation to join the case.
		if a != Read {
			return refuse("Met noodtoegang kunt u alleen lezen. Laat uw organisatie aansluiten bij de casus om iets vast te leggen.")
		}
		return Decision{Allowed: true, Basis: audit.BasisEmergency, Emergency: true}
	case c.Participation == Exited:
		return refuse("Uw organisatie is uit deze casus gestapt. U ziet geen nieuwe informatie meer.")
	}
	return refuse("Uw organisatie is niet betrokken bij deze casus.")
}
