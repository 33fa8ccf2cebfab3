package schakel

import "time"

// Consultation kinds besides the crisis consultation (case.go).
const (
	ConsultMDO             = "mdo"              // multidisciplinair overleg
	ConsultPlacementReview = "placement_review" // plaatsingstafel: alternatives before an out-of-home placement
	ConsultCaseConference  = "case_conference"  // casusoverleg
)

// ConsultationKinds lists every consultation kind in a stable order.
var ConsultationKinds = []string{ConsultCrisis, ConsultMDO, ConsultPlacementReview, ConsultCaseConference}

// AgendaItem is one point on a consultation's agenda.
type AgendaItem struct {
	ID        int64     `json:"id"`
	Position  int       `json:"position"`
	Text      string    `json:"text"`
	AddedBy   *Contact  `json:"added_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Action kinds: a task, a safety agreement for immediate safety
// (directe veiligheid), or a goal for lasting safety (stabiele veiligheid).
const (
	ActionTask            = "action"
	ActionSafetyAgreement = "safety_agreement"
	ActionGoal            = "goal"
)

// For whom an action is: the parents, the child, the network, or nobody in
// particular.
const (
	ForParents = "parents"
	ForChild   = "child"
	ForNetwork = "network"
)

// Action statuses.
const (
	ActionOpen      = "open"
	ActionDone      = "done"
	ActionCancelled = "cancelled"
)

// Action is one line of the action plan: what, who (organisation and
// person), for whom, by when.
type Action struct {
	ID                int64           `json:"id"`
	CaseID            int64           `json:"case_id"`
	Title             string          `json:"title"`
	FamilyText        string          `json:"family_text"` // the plain-Dutch text for the family copy; empty: not written yet
	Kind              string          `json:"kind"`
	For               *string         `json:"for"`
	Owner             OrganisationRef `json:"owner_organisation"`
	OwnerProfessional Contact         `json:"owner_professional"`
	DueDate           string          `json:"due_date"` // YYYY-MM-DD
	Status            string          `json:"status"`
	Overdue           bool            `json:"overdue"`
	AfterAgreement    bool            `json:"added_after_agreement"`
	CreatedBy         Contact         `json:"created_by"`
	CreatedAt         time.Time       `json:"created_at"`
	UpdatedAt         time.Time       `json:"updated_at"`
	DoneAt            *time.Time      `json:"done_at,omitempty"`
}

// Plan statuses.
const (
	PlanDraft  = "draft"
	PlanAgreed = "agreed"
)

// Plan is a case's action plan with its agreement and reviews.
type Plan struct {
	CaseID           int64        `json:"case_id"`
	Version          int64        `json:"version"` // the case version; send it back to change the plan
	Status           string       `json:"status"`
	AgreedAt         *time.Time   `json:"agreed_at,omitempty"`
	AgreedBy         *Contact     `json:"agreed_by,omitempty"`
	ConsultationID   *int64       `json:"consultation_id,omitempty"`
	ReviewDate       string       `json:"review_date,omitempty"`
	ReviewOverdue    bool         `json:"review_overdue"`
	TalksWithParents []Contact    `json:"talks_with_parents"`
	TalksWithChild   []Contact    `json:"talks_with_child"`
	Missing          []string     `json:"missing"` // what still blocks agreement: talks_with_parents, talks_with_child
	Actions          []Action     `json:"actions"`
	Reviews          []PlanReview `json:"reviews"`
}

// PlanReview is one check-plan-do review of an agreed plan.
type PlanReview struct {
	ID             int64           `json:"id"`
	ConsultationID *int64          `json:"consultation_id,omitempty"`
	Checked        string          `json:"checked"`
	Changed        string          `json:"changed"`
	Why            string          `json:"why"`
	NextReviewDate string          `json:"next_review_date"`
	By             Contact         `json:"by"`
	Organisation   OrganisationRef `json:"organisation"`
	CreatedAt      time.Time       `json:"created_at"`
}

// Finding columns (Signs of Safety).
const (
	ColumnWorries       = "worries"
	ColumnWorkingWell   = "working_well"
	ColumnNeedsToHappen = "needs_to_happen"
)

// FindingColumns lists the columns in the order the chain uses them.
var FindingColumns = []string{ColumnWorries, ColumnWorkingWell, ColumnNeedsToHappen}

// Finding is one organisation's entry in the shared findings of a case.
type Finding struct {
	ID             int64           `json:"id"`
	CaseID         int64           `json:"case_id"`
	ConsultationID *int64          `json:"consultation_id,omitempty"`
	Organisation   OrganisationRef `json:"organisation"`
	By             Contact         `json:"by"`
	Column         string          `json:"column"`
	Text           string          `json:"text"`
	CreatedAt      time.Time       `json:"created_at"`
}

// SafetyScore is one organisation's safety scale (0 = the child is not
// safe at all, 10 = safe enough to close) with its reason.
type SafetyScore struct {
	ID             int64           `json:"id"`
	CaseID         int64           `json:"case_id"`
	ConsultationID *int64          `json:"consultation_id,omitempty"`
	Organisation   OrganisationRef `json:"organisation"`
	By             Contact         `json:"by"`
	Value          int             `json:"value"`
	Reason         string          `json:"reason"`
	CreatedAt      time.Time       `json:"created_at"`
}

// PersonRef names a family member in a record.
type PersonRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// Conversation is a conversation with the family, logged once for all
// participants: who spoke with whom, when, and whether jointly.
type Conversation struct {
	ID            int64             `json:"id"`
	CaseID        int64             `json:"case_id"`
	HeldAt        time.Time         `json:"held_at"`
	Joint         bool              `json:"joint"`
	Professionals []ProfessionalRef `json:"professionals"`
	Persons       []PersonRef       `json:"persons"`
	Others        string            `json:"others,omitempty"`
	Summary       string            `json:"summary,omitempty"`
	LoggedBy      Contact           `json:"logged_by"`
	Organisation  OrganisationRef   `json:"organisation"`
	CreatedAt     time.Time         `json:"created_at"`
}

// The Raad's decisions.
const (
	DecisionInvestigateMeasure     = "investigate_measure"       // investigate for a child-protection measure
	DecisionNoMeasureVoluntaryHelp = "no_measure_voluntary_help" // no measure; voluntary help continues
	// Urgent requests to the court; an investigation may run beside them.
	DecisionUrgentSupervision = "urgent_supervision_order" // voorlopige ondertoezichtstelling
	DecisionUrgentPlacement   = "urgent_placement_order"   // spoedmachtiging uithuisplaatsing
	// The outcome of the Raad's own investigation; either closes it.
	DecisionOutcomeMeasure   = "outcome_measure_requested" // the Raad asks the court for a measure
	DecisionOutcomeNoMeasure = "outcome_no_measure"        // no measure needed
)

// RaadDecision is the Raad's own, independent decision on a case.
type RaadDecision struct {
	ID           int64           `json:"id"`
	CaseID       int64           `json:"case_id"`
	Kind         string          `json:"kind"`
	Reason       string          `json:"reason"`
	Organisation OrganisationRef `json:"organisation"`
	By           Contact         `json:"by"`
	CreatedAt    time.Time       `json:"created_at"`
}

// Participation events.
const (
	EventJoined        = "joined"
	EventRoleChanged   = "role_changed"
	EventRegieHandover = "regie_handover"
	EventExited        = "exited"
)

// ParticipationEvent is a recorded change of an organisation's place on a
// case: joining, a role change, a regie handover, an exit with handover.
type ParticipationEvent struct {
	ID           int64             `json:"id"`
	Kind         string            `json:"kind"`
	Organisation OrganisationRef   `json:"organisation"`
	To           *OrganisationRef  `json:"to_organisation,omitempty"` // regie handover: who took over
	FromRole     ParticipationRole `json:"from_role,omitempty"`
	ToRole       ParticipationRole `json:"to_role,omitempty"`
	Note         string            `json:"note,omitempty"` // reason, or the handover note of an exit
	NextSteps    string            `json:"next_steps,omitempty"`
	By           Contact           `json:"by"`
	CreatedAt    time.Time         `json:"created_at"`
}

// CaseExpert is an expert added to a case, with the reason.
type CaseExpert struct {
	Professional ProfessionalRef `json:"professional"`
	Expertise    string          `json:"expertise,omitempty"`
	Reason       string          `json:"reason"`
	AddedBy      Contact         `json:"added_by"`
	CreatedAt    time.Time       `json:"created_at"`
}

// Colleague request kinds and statuses.
const (
	RequestJoinConversation = "join_conversation"
	RequestThinkAlong       = "think_along"

	RequestOpen     = "requested"
	RequestAccepted = "accepted"
	RequestDeclined = "declined"
)

// ColleagueRequest asks a colleague (own organisation or a partner) to join
// a conversation or to think along, on a date.
type ColleagueRequest struct {
	ID               int64           `json:"id"`
	CaseID           int64           `json:"case_id"`
	From             ProfessionalRef `json:"from"`
	To               ProfessionalRef `json:"to"`
	Kind             string          `json:"kind"`
	At               time.Time       `json:"at"`
	Message          string          `json:"message"`
	Status           string          `json:"status"`
	Answer           string          `json:"answer,omitempty"`
	AnsweredAt       *time.Time      `json:"answered_at,omitempty"`
	ColleagueHasCase bool            `json:"colleague_has_access"` // the colleague's organisation takes part in the case
	CreatedAt        time.Time       `json:"created_at"`
}

// Phase is where a case stands, derived from its facts (internal/plan).
type Phase struct {
	Code  string `json:"code"`
	Dutch string `json:"dutch"`
}

// Workspace is everything the joint work on a case adds to it: the plan,
// the shared findings, safety scales, family conversations, the Raad's
// decisions, roles and their history, experts and colleague requests.
type Workspace struct {
	CaseID            int64                `json:"case_id"`
	Phase             Phase                `json:"phase"`
	Plan              Plan                 `json:"plan"`
	Findings          []Finding            `json:"findings"`
	Scales            []SafetyScore        `json:"safety_scales"`         // history, newest first
	CurrentScales     []SafetyScore        `json:"current_safety_scales"` // the latest per organisation
	Conversations     []Conversation       `json:"conversations"`
	Decisions         []RaadDecision       `json:"decisions"`
	Events            []ParticipationEvent `json:"participation_events"`
	Experts           []CaseExpert         `json:"experts"`
	ColleagueRequests []ColleagueRequest   `json:"colleague_requests"`
	NextConsultation  *Consultation        `json:"next_consultation"`
	Overdue           []Action             `json:"overdue_actions"`
	// People of the participating organisations, for choosing owners.
	Professionals []ProfessionalRef `json:"professionals"`
	// Planned conversations with the family that have not ended yet (on
	// the screens; not in the API's workspace).
	FamilyMeetings []FamilyMeeting `json:"-"`
}
