package schakel

import "time"

// ParticipationRole is an organisation's role on a case.
type ParticipationRole string

// Participation roles.
const (
	RoleRegie      ParticipationRole = "regie"      // lead: coordinates the case
	RoleUitvoering ParticipationRole = "uitvoering" // carries out help
	RoleOnderzoek  ParticipationRole = "onderzoek"  // investigates
	RoleAdvies     ParticipationRole = "advies"     // advises
	RoleBesluit    ParticipationRole = "besluit"    // decides (Raad, court)
)

// OrganisationRef names an organisation in API answers.
type OrganisationRef struct {
	ID   int64            `json:"id"`
	Name string           `json:"name"`
	Kind OrganisationKind `json:"kind"`
}

// Contact is whom to call at an organisation that knows a family.
type Contact struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}

// KnownAt says that an organisation knows a family and whom to call: never
// what it knows (the Verwijsindex principle).
type KnownAt struct {
	Organisation OrganisationRef `json:"organisation"`
	Contact      *Contact        `json:"contact"`
}

// Reason is one reason for a crisismeter colour.
type Reason struct {
	Code  string `json:"code"`
	Text  string `json:"text"`
	Color string `json:"color,omitempty"`
}

// Rating is one crisismeter rating of a case, kept with who, when and why.
type Rating struct {
	ID        int64      `json:"id"`
	Color     string     `json:"color"`
	Proposed  string     `json:"proposed"`
	Reasons   []Reason   `json:"reasons"`
	Reason    string     `json:"reason,omitempty"`
	Status    string     `json:"status"` // proposed, confirmed, pending_second, rejected
	RatedBy   *Contact   `json:"rated_by,omitempty"`
	SecondBy  *Contact   `json:"second_by,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	DecidedAt *time.Time `json:"decided_at,omitempty"`
	DueAt     time.Time  `json:"due_at"`
}

// Rating statuses.
const (
	RatingProposed      = "proposed"
	RatingConfirmed     = "confirmed"
	RatingPendingSecond = "pending_second"
	RatingRejected      = "rejected"
)

// ProfessionalRef is a professional in API answers.
type ProfessionalRef struct {
	ID           int64           `json:"id"`
	Name         string          `json:"name"`
	Organisation OrganisationRef `json:"organisation"`
}

// Participant is someone invited to a consultation and what they cover.
type Participant struct {
	Professional ProfessionalRef `json:"professional"`
	Covers       []string        `json:"covers"`
	Reasons      []string        `json:"reasons"`
	// Attendance (plan.go): nil until recorded.
	Attended *bool `json:"attended"`
	// DeclinedAt is set when the invitee said they will not take part; the
	// invitation then no longer gives access to the case.
	DeclinedAt    *time.Time `json:"declined_at,omitempty"`
	DeclineReason string     `json:"decline_reason,omitempty"`
	// AcceptedAt is set when the invitee said they take part; their
	// organisation then takes part in the case.
	AcceptedAt *time.Time `json:"accepted_at,omitempty"`
}

// Consultation is a meeting on a case.
type Consultation struct {
	ID           int64         `json:"id"`
	CaseID       int64         `json:"case_id"`
	Kind         string        `json:"kind"`
	Status       string        `json:"status"`
	ScheduledAt  time.Time     `json:"scheduled_at"`
	DueAt        time.Time     `json:"due_at"`
	Participants []Participant `json:"participants"`
	Missing      []string      `json:"missing"`
	// Needs are what the table needs and why, urgent ones first filled at
	// the table, can_follow ones left for the follow-up MDO.
	Needs []ConsultationNeed `json:"needs"`
	// Filled in by the consultation workspace (plan.go).
	Title string `json:"title"`
	// Location is where and how it meets.
	Location ConsultationLocation `json:"location"`
	Agenda   []AgendaItem         `json:"agenda"`
	HeldAt   *time.Time           `json:"held_at,omitempty"`
	// Sequence counts the changes sent to the invited people's calendars;
	// Changes says when it moved or was cancelled, by whom and why.
	Sequence int                  `json:"sequence"`
	Changes  []ConsultationChange `json:"changes"`
	// InvitationsHeldUntil is set while a proposed crisis table's
	// invitations are held; InvitationsSentAt says when a held table's
	// invitations went out. TableChanges are the changes made to the
	// proposed table, oldest first.
	InvitationsHeldUntil *time.Time    `json:"invitations_held_until,omitempty"`
	InvitationsSentAt    *time.Time    `json:"invitations_sent_at,omitempty"`
	TableChanges         []TableChange `json:"table_changes"`
}

// OnHold says whether the consultation's invitations are still held: its
// invitees are only proposed and have been told nothing.
func (c Consultation) OnHold() bool { return c.InvitationsHeldUntil != nil }

// TableChange is one change to a proposed crisis table before its
// invitations went out: a need removed, a person added, or the
// invitations sent (by a person, or by Schakel when the hold ended).
type TableChange struct {
	Kind      string    `json:"kind"`             // need_removed, person_added, sent
	Need      string    `json:"need,omitempty"`   // need_removed: the need's code
	Person    *Contact  `json:"person,omitempty"` // person_added
	Reason    string    `json:"reason,omitempty"`
	ChangedBy *Contact  `json:"changed_by,omitempty"` // nil: Schakel
	ChangedAt time.Time `json:"changed_at"`
}

// The kinds of table change.
const (
	TableNeedRemoved = "need_removed"
	TablePersonAdded = "person_added"
	TableSent        = "sent"
)

// ConsultationNeed is one need of a consultation with the rule behind it.
type ConsultationNeed struct {
	Need    string   `json:"need"`    // code form, e.g. "organisation:politie"
	Urgency string   `json:"urgency"` // urgent, can_follow
	Rules   []string `json:"rules"`   // e.g. "indicator:threat_to_life", "reporter:police"
	Reason  string   `json:"reason"`  // Dutch
}

// ConsultationChange is one move or cancellation of a consultation.
type ConsultationChange struct {
	Kind      string     `json:"kind"` // moved, cancelled
	From      time.Time  `json:"from"`
	To        *time.Time `json:"to,omitempty"` // moved: the new moment
	Reason    string     `json:"reason"`
	ChangedBy Contact    `json:"changed_by"`
	ChangedAt time.Time  `json:"changed_at"`
}

// Consultation kinds.
const (
	ConsultCrisis = "crisis" // Samen in Crisis
)

// Consultation statuses.
const (
	ConsultationPlanned   = "planned"
	ConsultationHeld      = "held"
	ConsultationCancelled = "cancelled"
)

// Person is a member of a family as the case shows it.
type Person struct {
	ID                int64      `json:"id"`
	Kind              string     `json:"kind"` // child, adult
	GivenNames        string     `json:"given_names"`
	FamilyName        string     `json:"family_name"`
	BirthDate         *time.Time `json:"birth_date,omitempty"`
	BSN               string     `json:"bsn,omitempty"`
	Relation          string     `json:"relation,omitempty"`
	ParentalAuthority bool       `json:"parental_authority"`
}

// Report is a filed report (melding).
type Report struct {
	ID               int64             `json:"id"`
	CaseID           int64             `json:"case_id"`
	FamilyID         int64             `json:"family_id"`
	Organisation     OrganisationRef   `json:"organisation"`
	CreatedBy        Contact           `json:"created_by"`
	FormVersion      int               `json:"form_version"`
	ReporterKind     string            `json:"reporter_kind"`
	ReporterName     string            `json:"reporter_name,omitempty"`
	ReporterOrg      string            `json:"reporter_organisation,omitempty"`
	ReporterPhone    string            `json:"reporter_phone,omitempty"`
	ReceivedAt       time.Time         `json:"received_at"`
	Address          string            `json:"address,omitempty"`
	Postcode         string            `json:"postcode,omitempty"`
	Municipality     string            `json:"municipality"`
	Concerns         []string          `json:"concerns"`
	Indicators       []string          `json:"indicators"`
	Finances         map[string]string `json:"finances"`
	Narrative        string            `json:"narrative"`
	AssessmentDueAt  time.Time         `json:"assessment_due_at"`
	AssessmentDoneAt *time.Time        `json:"assessment_done_at,omitempty"`
	Persons          []Person          `json:"persons"`
	CreatedAt        time.Time         `json:"created_at"`
}

// Match is a proposed link between a report's family and a known family.
type Match struct {
	ID       int64    `json:"id"`
	Score    float64  `json:"score"`
	Reasons  []string `json:"reasons"`
	Status   string   `json:"status"` // linked (BSN), proposed, confirmed, rejected
	PersonID int64    `json:"person_id"`
	FamilyID int64    `json:"family_id"`
	// ProposedBy is the professional whose report proposed the match: they
	// never decide it themselves (access.DecideMatch).
	ProposedBy int64     `json:"proposed_by"`
	Reports    int       `json:"earlier_reports"`
	KnownAt    []KnownAt `json:"known_at"`
}

// IncomingMatch is a proposed match seen from the known family's case: who
// in the new report may be one of this family's people, and who reported.
type IncomingMatch struct {
	Match
	NewPerson     string          `json:"new_person"`      // name as the new report gives it
	NewBirthDate  string          `json:"new_birth_date"`  // YYYY-MM-DD or empty
	KnownPersonID int64           `json:"known_person_id"` // the person on this case it resembles
	ReportedBy    OrganisationRef `json:"reported_by"`
	ReceivedAt    time.Time       `json:"received_at"`
}

// ParticipationView is an organisation on a case.
type ParticipationView struct {
	Organisation OrganisationRef   `json:"organisation"`
	Role         ParticipationRole `json:"role"`
	Status       string            `json:"status"`
	Contact      *Contact          `json:"contact,omitempty"`
	JoinedAt     time.Time         `json:"joined_at"`
	ExitedAt     *time.Time        `json:"exited_at,omitempty"`
}

// Case is one family situation shared by the participating organisations.
type Case struct {
	ID             int64               `json:"id"`
	FamilyID       int64               `json:"family_id"`
	Status         string              `json:"status"`
	Color          string              `json:"color"`
	Version        int64               `json:"version"`
	CreatedAt      time.Time           `json:"created_at"`
	Participations []ParticipationView `json:"participations"`
	Persons        []Person            `json:"persons"`
	Reports        []Report            `json:"reports"`
	Ratings        []Rating            `json:"ratings"`
	Consultations  []Consultation      `json:"consultations"`
	Matches        []Match             `json:"matches"`
	// IncomingMatches are new reports about people that may belong to this
	// case's family, for the organisations on the case to confirm or reject.
	IncomingMatches []IncomingMatch `json:"incoming_matches"`
	AccessBasis     string          `json:"access_basis"`
}
