package schakel

// PrincipalKind is the kind of party on whose account Schakel acts. Sessions,
// API tokens and audit entries belong to a principal of one of these kinds.
type PrincipalKind string

// The principal kinds.
const (
	// PrincipalProfessional is a professional of a chain organisation.
	PrincipalProfessional PrincipalKind = "professional"
	// PrincipalFamilyMember is a member of a family who looks at the
	// family's own file (the family's own view).
	PrincipalFamilyMember PrincipalKind = "family_member"
	// PrincipalSystem is Schakel itself: the command line on the server and
	// scheduled jobs, acting with the operator's rights on the machine.
	PrincipalSystem PrincipalKind = "system"
)

// PrincipalKinds lists every kind in a stable order.
var PrincipalKinds = []PrincipalKind{PrincipalProfessional, PrincipalFamilyMember, PrincipalSystem}

// Valid reports whether k is a known kind.
func (k PrincipalKind) Valid() bool {
	return k == PrincipalProfessional || k == PrincipalFamilyMember || k == PrincipalSystem
}

// FamilyMember is a person of a family acting on their own account: a
// parent with authority or a child of 12 or older. The account is linked
// to one person in one family.
type FamilyMember struct {
	ID       int64  `json:"id"` // the family member's account
	PersonID int64  `json:"person_id"`
	FamilyID int64  `json:"family_id"`
	Name     string `json:"name"`
}

// SystemActor returns the actor for Schakel itself, named after the
// command or job that acts ("schakel user add", "schakel demo"). The name
// is recorded as "on whose behalf" in the audit trail.
func SystemActor(name string) *Actor {
	return &Actor{System: name, OnBehalfOf: name, Workstation: name}
}

// Kind returns the kind of the actor's principal, or "" when no one is
// logged in (a failed login attempt).
func (a *Actor) Kind() PrincipalKind {
	switch {
	case a == nil:
		return ""
	case a.Professional != nil:
		return PrincipalProfessional
	case a.FamilyMember != nil:
		return PrincipalFamilyMember
	case a.System != "":
		return PrincipalSystem
	}
	return ""
}

// PrincipalID returns the id of the actor's principal within its kind: the
// professional's or family member's account id; 0 for the system.
func (a *Actor) PrincipalID() int64 {
	switch a.Kind() {
	case PrincipalProfessional:
		return a.Professional.ID
	case PrincipalFamilyMember:
		return a.FamilyMember.ID
	}
	return 0
}

// IsSystem reports whether Schakel itself acts.
func (a *Actor) IsSystem() bool { return a.Kind() == PrincipalSystem }
