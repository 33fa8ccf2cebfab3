package intake

import "time"

// Policy holds the configurable norms of the intake.
type Policy struct {
	CrisisWithin     time.Duration // red → joint consultation within this time (default 4 h)
	AssessmentDays   int           // safety assessment within this many working days (default 5)
	ConsultationLead time.Duration // how soon after the rating a crisis consultation is scheduled
}

// DefaultPolicy follows the legal norm (safety assessment within five
// working days) and Schakel's red norm (a crisis table within four hours).
var DefaultPolicy = Policy{CrisisWithin: 4 * time.Hour, AssessmentDays: 5, ConsultationLead: time.Hour}
