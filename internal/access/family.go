package access

import (
	"slices"
	"time"

	"schakel"
	"schakel/internal/audit"
)

// The family's own view (issue 13). Dutch law (WGBO art. 7:457, Jeugdwet
// art. 7.3.10) gives a child of 12 or older the right to see its own file,
// parents with authority that right for a child under 16, and a child of
// 16 or older the say over whether its parents see its part. These rules
// decide, per family member and per part of the file, what the family's
// own Schakel shows.

// Ages that change what a family member may see.
const (
	OwnFileAge      = 12 // a child sees its own file from this age
	ChildDecidesAge = 16 // from this age a child decides whether its parents see its part
)

// FamilyPerson is a member of the family as the rules see them.
type FamilyPerson struct {
	ID        int64
	Child     bool
	Age       int  // full years on the day of the request; -1 when the birth date is unknown
	Authority bool // an adult with parental authority (gezag)
	InShelter bool // staying in a shelter: whereabouts shown to no one but the person and the professionals
}

// AgeOn returns the full years of someone born on birth, on the day of
// now; -1 for an unknown birth date. Both are read as calendar dates.
func AgeOn(birth *time.Time, now time.Time) int {
	if birth == nil || birth.IsZero() {
		return -1
	}
	by, bm, bd := birth.Date()
	ny, nm, nd := now.Date()
	age := ny - by
	if nm < bm || (nm == bm && nd < bd) {
		age--
	}
	return age
}

// MayInvite decides whether a professional may invite p to the family's
// own view: a child of 12 or older, or an adult with authority.
func MayInvite(p FamilyPerson) Decision {
	switch {
	case p.Child && p.Age < 0:
		return refuse("De geboortedatum van dit kind is niet bekend. Vul die eerst in; pas vanaf 12 jaar kan een kind meekijken.")
	case p.Child && p.Age < OwnFileAge:
		return refuse("Een kind kan pas vanaf 12 jaar zelf meekijken.")
	case !p.Child && !p.Authority:
		return refuse("Deze ouder heeft geen gezag. Zonder gezag kan een ouder niet meekijken; u kunt wel zelf een samenvatting geven.")
	}
	return allow(audit.BasisSelf)
}

// FamilyFacts are the facts for one question: may viewer see subject's
// part of the family's file?
type FamilyFacts struct {
	Viewer  FamilyPerson
	Subject FamilyPerson
	// Consent: the subject (16 or older) lets parents with authority see
	// its part; false when never given or withdrawn.
	Consent bool
	// ViewWithheld: a professional withheld the whole view from the
	// viewer, with a written reason (harm to the child).
	ViewWithheld bool
}

// DecideFamily decides whether the viewer may see the subject's part.
func DecideFamily(f FamilyFacts) Decision {
	v, s := f.Viewer, f.Subject
	switch {
	case f.ViewWithheld:
		return refuseKey("err.family.withheld", "Uw contactpersoon heeft besloten dat u dit nu niet kunt zien. U kunt vragen waarom.")
	case v.Child && v.Age < OwnFileAge:
		return refuseKey("err.family.under_12", "Pas vanaf 12 jaar kun je zelf meekijken.")
	case !v.Child && !v.Authority:
		return refuseKey("err.family.no_authority", "U heeft geen gezag. Daarom kunt u hier niet meekijken. Vraag uw contactpersoon om een samenvatting.")
	case v.ID == s.ID:
		return allow(audit.BasisSelf)
	case v.Child:
		return refuseKey("err.family.only_own", "Je kunt alleen je eigen deel zien, niet dat van iemand anders.")
	case !s.Child:
		return refuseKey("err.family.own_and_children", "U kunt alleen uw eigen deel en dat van uw kinderen zien.")
	case s.Age < 0:
		return refuseKey("err.family.age_unknown", "De leeftijd van dit kind is niet bekend. Daarom laten we dit deel niet zien.")
	case s.Age < ChildDecidesAge:
		return allow(audit.BasisParentalAuthority)
	case f.Consent:
		return allow(audit.BasisChildConsent)
	}
	return refuseKey("err.family.child_decides", "Uw kind is 16 jaar of ouder en beslist zelf of u dit deel mag zien.")
}

// FamilyScope is what one viewer may see of the family: the whole view,
// and per person whether their part is open to the viewer.
type FamilyScope struct {
	Viewer   FamilyPerson
	View     Decision           // the view itself (the viewer's own part)
	Parts    map[int64]Decision // per person of the family, including the viewer
	Children []int64            // the children of the family
	Shelter  bool               // someone of the family stays in a shelter
}

// ScopeOf decides the viewer's scope over the family. consent holds the
// children (16+) whose consent stands; withheld whether the whole view is
// withheld from the viewer.
func ScopeOf(viewer FamilyPerson, family []FamilyPerson, consent map[int64]bool, withheld bool) FamilyScope {
	s := FamilyScope{Viewer: viewer, Parts: map[int64]Decision{}}
	s.View = DecideFamily(FamilyFacts{Viewer: viewer, Subject: viewer, ViewWithheld: withheld})
	for _, p := range family {
		if p.Child {
			s.Children = append(s.Children, p.ID)
		}
		s.Shelter = s.Shelter || p.InShelter
		s.Parts[p.ID] = DecideFamily(FamilyFacts{Viewer: viewer, Subject: p, Consent: consent[p.ID], ViewWithheld: withheld})
	}
	return s
}

// Sees reports whether the viewer may see the part of person id.
func (s FamilyScope) Sees(id int64) bool { return s.View.Allowed && s.Parts[id].Allowed }

// FamilyItem describes one item of the view (an agreement of the plan, an
// organisation, a meeting) by what the rules care about.
type FamilyItem struct {
	WithholdFrom  []int64 // marked "niet delen met" these persons
	WhereaboutsOf []int64 // tells where these persons stay
	WithheldFrom  []int64 // a professional withheld it from these persons with a written reason
	ForChildren   bool    // meant for the children: shown only to whom may see every child's part
	ByShelter     bool    // names a shelter organisation or its people
}

// ItemShown decides whether the item may be shown to the scope's viewer.
// The whereabouts of anyone are shown to that person only; in a family
// where someone stays in a shelter, the shelter itself (its name, its
// people) is shown only to those who stay there.
func ItemShown(s FamilyScope, it FamilyItem) bool {
	v := s.Viewer.ID
	switch {
	case !s.View.Allowed:
		return false
	case slices.Contains(it.WithholdFrom, v), slices.Contains(it.WithheldFrom, v):
		return false
	case slices.ContainsFunc(it.WhereaboutsOf, func(p int64) bool { return p != v }):
		return false
	case it.ByShelter && !ShelterNamed(s.Shelter, s.Viewer.InShelter):
		return false
	case it.ForChildren:
		for _, c := range s.Children {
			if !s.Parts[c].Allowed {
				return false
			}
		}
	}
	return true
}

// ShelterNamed decides whether a shelter (its name, its people, what it
// does) may be named to a family member: always when no one of the family
// stays in one, otherwise only to those who stay there. Knowing that the
// shelter is involved tells a violent partner where to look.
func ShelterNamed(anyoneInShelter, viewerInShelter bool) bool {
	return !anyoneInShelter || viewerInShelter
}

// refuseKey refuses with a reason a family member reads: key names it in
// the family's translation catalogue.
func refuseKey(key, reason string) Decision {
	d := refuse(reason)
	d.Key = key
	return d
}

// DecideFamilySurface decides who may use the family's own screens: only
// a family member. A professional has their own screens, with their own
// need-to-know rules; the family's screens never open a case to them.
func DecideFamilySurface(kind schakel.PrincipalKind) Decision {
	if kind == schakel.PrincipalFamilyMember {
		return allow(audit.BasisSelf)
	}
	d := refuse("Deze pagina's zijn voor gezinsleden. Als medewerker gebruikt u uw eigen schermen.")
	d.Key = "err.family_only"
	return d
}

// DecideWithholdingReview decides who reviews a professional's decision
// to withhold something from a family member: a team lead of the
// organisation of whoever withheld it.
func DecideWithholdingReview(s Subject, withheldByOrg int64) Decision {
	if s.Principal != schakel.PrincipalProfessional && s.Principal != "" {
		return refuse("Alleen een teamleider beoordeelt dit.")
	}
	if !s.hasAny(schakel.RoleTeamLead) || s.OrganisationID != withheldByOrg {
		return refuse("Alleen een teamleider van de organisatie die het achterhield, beoordeelt dit.")
	}
	return allow(audit.BasisRole)
}
