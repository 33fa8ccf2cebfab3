package schakel

// ParticipationInput adds an organisation to a case.
type ParticipationInput struct {
	OrganisationID        int64             `json:"organisation_id"`
	Role                  ParticipationRole `json:"role"`
	ContactProfessionalID int64             `json:"contact_professional_id,omitempty"`
	Reason                string            `json:"reason,omitempty"`
}

// ExpertInput adds an expert to a case: a named person, or an expertise
// for which Schakel picks an available person.
type ExpertInput struct {
	ProfessionalID int64  `json:"professional_id,omitempty"`
	Expertise      string `json:"expertise,omitempty"`
	Reason         string `json:"reason"`
}

// ChainEventInput is a chain event (a court order, a measure, a
// placement, …) registered by hand or API, or a correction of one.
type ChainEventInput struct {
	Type    string `json:"type"`
	At      string `json:"at"` // RFC 3339, or a date (YYYY-MM-DD, Europe/Amsterdam)
	Details struct {
		Measure string `json:"measure"`
		EndsAt  string `json:"ends_at"`
		Urgent  bool   `json:"urgent"` // a petition for a spoedmachtiging (emergency)
	} `json:"details"`
	Corrects int64  `json:"corrects"` // the event this one corrects
	Withdraw bool   `json:"withdraw"` // the corrected event did not happen
	Reason   string `json:"reason"`   // why the correction; required for corrections
}
