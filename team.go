package schakel

import "time"

// Team is a team of one organisation, with its team lead and members
// (issue 14). The caseload norm uses each member's hours per week.
type Team struct {
	ID             int64        `json:"id"`
	OrganisationID int64        `json:"organisation_id"`
	Name           string       `json:"name"`
	LeadID         int64        `json:"lead_id,omitempty"`
	Members        []TeamMember `json:"members"`
}

// TeamMember is a professional in a team.
type TeamMember struct {
	ProfessionalID int64     `json:"professional_id"`
	Name           string    `json:"name"`
	HoursPerWeek   int       `json:"hours_per_week"`
	StartedOn      time.Time `json:"started_on"` // when they started in this work: the ramp-up counts from here
	// SupportOnly: a support worker without a case role. They hold no
	// cases, so their hours are no caseload capacity.
	SupportOnly bool `json:"support_only"`
}

// HolderPosition is a case holder's position: the case holder or the
// second one.
type HolderPosition string

// The positions.
const (
	FirstHolder  HolderPosition = "first"
	SecondHolder HolderPosition = "second"
)

// Valid reports whether p is a known position.
func (p HolderPosition) Valid() bool { return p == FirstHolder || p == SecondHolder }

// CaseHolder is one organisation's case holder (casushouder) on a case.
type CaseHolder struct {
	CaseID         int64          `json:"case_id"`
	OrganisationID int64          `json:"organisation_id"`
	ProfessionalID int64          `json:"professional_id"`
	Name           string         `json:"name"`
	Position       HolderPosition `json:"position"`
	AssignedAt     time.Time      `json:"assigned_at"`
	Reason         string         `json:"reason"`
}
