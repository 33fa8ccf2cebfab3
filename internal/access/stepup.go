package access

import (
	"slices"
	"time"

	"schakel"
)

// RiskyAct is an act so harmful in the wrong hands that a stolen session
// must not be enough for it: the actor shows a second factor again.
type RiskyAct string

// The risky acts.
const (
	ActEmergency     RiskyAct = "emergency_access" // reading a case by emergency access
	ActExport        RiskyAct = "export"           // the event log, minutes, the family copy
	ActRoles         RiskyAct = "roles"            // a professional's roles, an organisation's role on a case
	ActOrganisations RiskyAct = "organisations"    // organisations and their login settings
	ActAuditTrail    RiskyAct = "audit_trail"      // reading the access log
	// ActSecondFactor: replacing one's app or making new recovery codes.
	// Without it a stolen session could set up its own factor and pass
	// every other step-up with it.
	ActSecondFactor RiskyAct = "second_factor"
)

// RiskyActs lists every risky act.
var RiskyActs = []RiskyAct{ActEmergency, ActExport, ActRoles, ActOrganisations, ActAuditTrail, ActSecondFactor}

// StepUpWindow is how long a second factor (or a fresh authentication at
// the organisation's provider) counts for a risky act.
const StepUpWindow = 5 * time.Minute

// NeedsStepUp reports whether the actor must show a second factor before
// a risky act: when none was shown in the last StepUpWindow. A proof from
// the future (a clock gone wrong) does not count either.
func NeedsStepUp(act RiskyAct, s schakel.LoginStrength, now time.Time) bool {
	if !slices.Contains(RiskyActs, act) {
		return false
	}
	if s.ProvedAt.IsZero() {
		return true
	}
	age := now.Sub(s.ProvedAt)
	return age > StepUpWindow || age < -time.Minute
}
