package schakel

import (
	"slices"
	"time"
)

// OrganisationKind is the kind of a chain organisation.
type OrganisationKind string

// The organisation kinds of a region's child-safety chain.
const (
	VeiligThuis      OrganisationKind = "veilig_thuis"
	Jeugdbescherming OrganisationKind = "jeugdbescherming"
	Raad             OrganisationKind = "raad"
	Rechtbank        OrganisationKind = "rechtbank"
	BlijfGroep       OrganisationKind = "blijf_groep"
	Wijkteam         OrganisationKind = "wijkteam"
	Schuldhulp       OrganisationKind = "schuldhulp"
	Zorgaanbieder    OrganisationKind = "zorgaanbieder"
	Gemeente         OrganisationKind = "gemeente"
	Politie          OrganisationKind = "politie"
)

// OrganisationKinds lists every kind in a stable order.
var OrganisationKinds = []OrganisationKind{
	VeiligThuis, Jeugdbescherming, Raad, Rechtbank, BlijfGroep,
	Wijkteam, Schuldhulp, Zorgaanbieder, Gemeente, Politie,
}

var orgKindDutch = map[OrganisationKind]string{
	VeiligThuis:      "Veilig Thuis",
	Jeugdbescherming: "Jeugdbescherming (gecertificeerde instelling)",
	Raad:             "Raad voor de Kinderbescherming",
	Rechtbank:        "Rechtbank",
	BlijfGroep:       "Vrouwenopvang",
	Wijkteam:         "Wijkteam",
	Schuldhulp:       "Schuldhulpverlening",
	Zorgaanbieder:    "Zorgaanbieder",
	Gemeente:         "Gemeente",
	Politie:          "Politie",
}

// Valid reports whether k is a known kind.
func (k OrganisationKind) Valid() bool { _, ok := orgKindDutch[k]; return ok }

// Dutch returns the kind's name for screens.
func (k OrganisationKind) Dutch() string { return orgKindDutch[k] }

// Role is what a professional may do.
type Role string

// The professional roles.
const (
	RoleIntake            Role = "intake"
	RoleCaseWorker        Role = "case_worker"
	RoleBehaviouralExpert Role = "behavioural_expert"
	RoleConfidentialDoc   Role = "confidential_doctor"
	RoleLawyer            Role = "lawyer"
	RoleCareCoordinator   Role = "care_coordinator"
	RoleTeamLead          Role = "team_lead"
	RolePrivacyOfficer    Role = "privacy_officer"
	RoleAdmin             Role = "admin"
	// RoleSupportWorker does supporting work on request of a case holder
	// of the team (issue 14, item 4). It gives no access to cases: only
	// to the task the worker claimed, while it runs (access basis task).
	RoleSupportWorker Role = "support_worker"
)

// Roles lists every role in a stable order.
var Roles = []Role{
	RoleIntake, RoleCaseWorker, RoleBehaviouralExpert, RoleConfidentialDoc, RoleLawyer,
	RoleCareCoordinator, RoleTeamLead, RolePrivacyOfficer, RoleAdmin, RoleSupportWorker,
}

var roleDutch = map[Role]string{
	RoleIntake:            "Intake",
	RoleCaseWorker:        "Casusregisseur / hulpverlener",
	RoleBehaviouralExpert: "Gedragswetenschapper",
	RoleConfidentialDoc:   "Vertrouwensarts",
	RoleLawyer:            "Jurist",
	RoleCareCoordinator:   "Zorgcoördinator",
	RoleTeamLead:          "Teamleider",
	RolePrivacyOfficer:    "Privacy officer",
	RoleAdmin:             "Beheerder",
	RoleSupportWorker:     "Ondersteuner",
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := roleDutch[r]; return ok }

// Dutch returns the role's name for screens.
func (r Role) Dutch() string { return roleDutch[r] }

// Expertise is a specialism a professional brings to a consultation.
type Expertise string

// The known expertises.
const (
	ExpHonourRelated  Expertise = "honour_related_violence"
	ExpSexualViolence Expertise = "sexual_violence"
	ExpDebt           Expertise = "debt_counselling"
	ExpDomestic       Expertise = "domestic_violence"
	ExpAddiction      Expertise = "addiction"
	ExpPsychiatry     Expertise = "psychiatry"
	ExpIntellectual   Expertise = "intellectual_disability"
)

// Expertises lists every expertise in a stable order.
var Expertises = []Expertise{
	ExpHonourRelated, ExpSexualViolence, ExpDebt, ExpDomestic, ExpAddiction, ExpPsychiatry, ExpIntellectual,
}

var expertiseDutch = map[Expertise]string{
	ExpHonourRelated:  "Eergerelateerd geweld",
	ExpSexualViolence: "Seksueel geweld",
	ExpDebt:           "Schulden",
	ExpDomestic:       "Huiselijk geweld",
	ExpAddiction:      "Verslaving",
	ExpPsychiatry:     "Psychiatrie",
	ExpIntellectual:   "Licht verstandelijke beperking",
}

// Valid reports whether e is a known expertise.
func (e Expertise) Valid() bool { _, ok := expertiseDutch[e]; return ok }

// Dutch returns the expertise's name for screens.
func (e Expertise) Dutch() string { return expertiseDutch[e] }

// Region is a youth-care region (jeugdregio) whose organisations share Schakel.
type Region struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Organisation is a chain organisation in a region.
type Organisation struct {
	ID       int64            `json:"id"`
	RegionID int64            `json:"region_id"`
	Name     string           `json:"name"`
	Kind     OrganisationKind `json:"kind"`
}

// Professional is a user of Schakel: a worker of one organisation.
type Professional struct {
	ID           int64        `json:"id"`
	Email        string       `json:"email"`
	Name         string       `json:"name"`
	Organisation Organisation `json:"organisation"`
	Team         string       `json:"team"`
	Roles        []Role       `json:"roles"`
	Expertises   []Expertise  `json:"expertises"`
	Phone        string       `json:"phone,omitempty"`
	// EmployeeNumber is the organisation's own number for the person,
	// when its identity provider names people by it.
	EmployeeNumber string    `json:"employee_number,omitempty"`
	Active         bool      `json:"active"`
	CreatedAt      time.Time `json:"created_at"`
}

// HasRole reports whether p has role r.
func (p *Professional) HasRole(r Role) bool { return slices.Contains(p.Roles, r) }

// HasExpertise reports whether p has expertise e.
func (p *Professional) HasExpertise(e Expertise) bool { return slices.Contains(p.Expertises, e) }

// DutyShift is one entry of the on-duty (piket) roster.
type DutyShift struct {
	ID             int64     `json:"id"`
	ProfessionalID int64     `json:"professional_id"`
	Start          time.Time `json:"start"`
	End            time.Time `json:"end"`
}
