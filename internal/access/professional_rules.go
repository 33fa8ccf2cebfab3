package access

import (
	"slices"

	"schakel"
	"schakel/internal/audit"
)

// professionalRules holds the need-to-know rule of each resource for
// professionals; a resource without one is refused.
var professionalRules = map[Resource]func(Subject, Action, Context) Decision{
	Case:              decideCase,
	Report:            decideReport,
	RaadDecision:      decideRaadDecision,
	Professionals:     decideProfessionals,
	Organisations:     decideOrganisations,
	Roster:            decideRoster,
	IdentityProviders: decideIdentityProviders,
	Membership:        decideMembership,
	AuditTrail:        decideAuditTrail,
	PersonAccesses:    decidePersonAccesses,
	OwnRecord:         decideOwnRecord,
	Dashboards:        decideDashboards,
	EventLog:          decideEventLog,
	Norms:             decideNorms,
	Cohorts:           decideCohorts,
}

// decideProfessional applies the need-to-know rules for professionals.
func decideProfessional(s Subject, r Resource, a Action, c Context) Decision {
	if rule, ok := professionalRules[r]; ok {
		return rule(s, a, c)
	}
	return noSuchAction()
}

func noSuchAction() Decision { return refuse("Deze handeling bestaat niet.") }

// decideReport: filing a report is for the chain's reporting
// organisations, by roles that take in or work with reports.
func decideReport(s Subject, a Action, _ Context) Decision {
	if a != Write {
		return noSuchAction()
	}
	if !slices.Contains(reportingKinds, s.Kind) || !s.hasAny(schakel.RoleIntake, schakel.RoleCaseWorker, schakel.RoleConfidentialDoc, schakel.RoleBehaviouralExpert, schakel.RoleCareCoordinator) {
		return refuse("Uw rol of organisatie kan geen meldingen invoeren.")
	}
	return allow(audit.BasisRole)
}

// decideRaadDecision: the Raad decides as a participant of the case, by
// people who investigate or weigh the case, never on crisis duty alone;
// reading it is reading the case.
func decideRaadDecision(s Subject, a Action, c Context) Decision {
	if a == Read {
		return decideCase(s, a, c)
	}
	if s.Kind != schakel.Raad {
		return refuse("Alleen de Raad voor de Kinderbescherming legt zijn eigen besluit vast.")
	}
	if c.Participation != Participating {
		return refuse("De Raad legt een besluit vast als betrokken organisatie bij de casus.")
	}
	if !s.hasAny(schakel.RoleCaseWorker, schakel.RoleBehaviouralExpert, schakel.RoleLawyer, schakel.RoleTeamLead) {
		return refuse("Uw rol kan geen besluit van de Raad vastleggen.")
	}
	return decideCase(s, a, c)
}

// decideProfessionals: the directory (names, organisation, roles) is
// needed to invite colleagues; accounts are managed by the organisation's
// own administrator.
func decideProfessionals(s Subject, a Action, c Context) Decision {
	switch a {
	case Read:
		return allow(audit.BasisRole)
	case Write, Manage:
		if s.hasAny(schakel.RoleAdmin) && c.TargetOrganisationID == s.OrganisationID {
			return allow(audit.BasisRole)
		}
		return refuse("Alleen een beheerder van de eigen organisatie beheert medewerkers.")
	}
	return noSuchAction()
}

func decideOrganisations(s Subject, a Action, _ Context) Decision {
	switch a {
	case Read:
		return allow(audit.BasisRole)
	case Write, Manage:
		if s.hasAny(schakel.RoleAdmin) {
			return allow(audit.BasisRole)
		}
		return refuse("Alleen een beheerder beheert organisaties.")
	}
	return noSuchAction()
}

func decideRoster(s Subject, a Action, c Context) Decision {
	switch a {
	case Read:
		return allow(audit.BasisRole)
	case Write, Manage:
		if s.hasAny(schakel.RoleAdmin, schakel.RoleTeamLead) && c.TargetOrganisationID == s.OrganisationID {
			return allow(audit.BasisRole)
		}
		return refuse("Alleen een teamleider of beheerder van de eigen organisatie past het piketrooster aan.")
	}
	return noSuchAction()
}

// decideIdentityProviders: who may log in as the organisation's people is
// the organisation's own business: its administrator alone.
func decideIdentityProviders(s Subject, _ Action, c Context) Decision {
	if s.hasAny(schakel.RoleAdmin) && c.TargetOrganisationID == s.OrganisationID {
		return allow(audit.BasisRole)
	}
	return refuse("Alleen een beheerder van de eigen organisatie stelt het inloggen via de organisatie in.")
}

// decideMembership: who still works at an organisation is confirmed,
// seen and changed by that organisation's own administrators alone; a
// region's other administrators neither see its people's answers nor
// suspend or re-activate them.
func decideMembership(s Subject, a Action, c Context) Decision {
	if !slices.Contains(Actions, a) {
		return noSuchAction()
	}
	if s.hasAny(schakel.RoleAdmin) && c.TargetOrganisationID != 0 && c.TargetOrganisationID == s.OrganisationID {
		return allow(audit.BasisRole)
	}
	return refuse("Alleen een beheerder van de eigen organisatie bevestigt wie er nog werkt.")
}

func decideAuditTrail(s Subject, a Action, c Context) Decision {
	if a == Read && s.hasAny(schakel.RolePrivacyOfficer) && c.TargetOrganisationID == s.OrganisationID {
		return allow(audit.BasisRole)
	}
	return refuse("Alleen de privacy officer van de eigen organisatie bekijkt het toegangslogboek.")
}

// decidePersonAccesses: answering a family's request "who looked at my
// file" needs every organisation's accesses to that person; it is a
// privacy officer's task. Only a privacy officer of an organisation that
// knows the person (takes or took part in one of their cases) answers it:
// others would learn which organisations know a family.
func decidePersonAccesses(s Subject, a Action, c Context) Decision {
	if a == Read && s.hasAny(schakel.RolePrivacyOfficer) {
		if !c.OrganisationKnowsPerson {
			return refuse("Uw organisatie kent deze persoon niet. Verwijs het verzoek naar een organisatie die het gezin kent.")
		}
		return allow(audit.BasisRole)
	}
	return refuse("Alleen een privacy officer kan opvragen wie een dossier heeft bekeken.")
}

// decideOwnRecord: an organisation keeps reading what it wrote itself,
// also after it exited the case: nothing written by others, nothing new.
func decideOwnRecord(s Subject, a Action, c Context) Decision {
	if a != Read {
		return noSuchAction()
	}
	if !s.hasAny(caseRoles...) {
		return refuse("Uw rol geeft geen toegang tot de inhoud van casussen.")
	}
	switch c.Participation {
	case Participating:
		return allow(audit.BasisParticipation)
	case Exited:
		return allow(audit.BasisOwnRecord)
	}
	return refuse("Uw organisatie is niet betrokken bij deze casus.")
}

// decideDashboards: aggregates without personal data: the chain sees its
// own lead times every day.
func decideDashboards(s Subject, a Action, _ Context) Decision {
	if a != Read {
		return noSuchAction()
	}
	if len(s.Roles) > 0 {
		return allow(audit.BasisRole)
	}
	return refuse("U heeft nog geen rol in Schakel.")
}

// decideEventLog: pseudonymised, but still a copy of every step of every
// family: only team leads and administrators export it (audited).
func decideEventLog(s Subject, a Action, _ Context) Decision {
	if a != Read {
		return noSuchAction()
	}
	if s.hasAny(schakel.RoleTeamLead, schakel.RoleAdmin) {
		return allow(audit.BasisRole)
	}
	return refuse("Alleen een teamleider of beheerder kan het gebeurtenissenlogboek exporteren.")
}

func decideNorms(s Subject, a Action, _ Context) Decision {
	switch a {
	case Read:
		return anyRole(s)
	case Write:
		if s.hasAny(schakel.RoleAdmin) {
			return allow(audit.BasisRole)
		}
		return refuse("Alleen een beheerder past de normen van de regio aan.")
	}
	return noSuchAction()
}

func decideCohorts(s Subject, a Action, _ Context) Decision {
	switch a {
	case Read:
		return anyRole(s)
	case Write:
		if s.hasAny(schakel.RoleTeamLead, schakel.RoleAdmin) {
			return allow(audit.BasisRole)
		}
		return refuse("Alleen een teamleider of beheerder maakt cohorten en interventies aan.")
	}
	return noSuchAction()
}

// anyRole allows everyone with a role in Schakel.
func anyRole(s Subject) Decision {
	if len(s.Roles) > 0 {
		return allow(audit.BasisRole)
	}
	return refuse("U heeft nog geen rol in Schakel.")
}
