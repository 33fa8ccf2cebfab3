package plan

import (
	"schakel"
)

// PhaseFacts are the facts that decide a case's phase.
type PhaseFacts struct {
	CaseStatus    string // open, closed, merged
	CrisisPlanned bool   // a crisis consultation is planned
	Actions       int    // actions not cancelled
	PlanAgreed    bool
	ReviewOverdue bool
	RaadKinds     []string // the Raad's decisions, newest first
}

// Phases, in the order a case usually passes them.
var phaseDutch = map[string]string{
	"intake":             "Melding en veiligheidsbeoordeling",
	"crisis":             "Crisisoverleg gepland",
	"plan_draft":         "Plan van aanpak in de maak",
	"plan_running":       "Plan vastgesteld: uitvoeren en evalueren",
	"review_due":         "Evaluatie van het plan is te laat",
	"raad_investigation": "Raad onderzoekt een beschermingsmaatregel",
	"closed":             "Afgesloten",
}

// PhaseOf derives where a case stands. The rule is deliberately simple and
// visible: a closed case is closed; a Raad investigation outranks the plan;
// a late review outranks a running plan; then plan, crisis, intake.
func PhaseOf(f PhaseFacts) schakel.Phase {
	code := "intake"
	switch {
	case f.CaseStatus != "" && f.CaseStatus != "open":
		code = "closed"
	case InvestigationOpen(f.RaadKinds):
		code = "raad_investigation"
	case f.PlanAgreed && f.ReviewOverdue:
		code = "review_due"
	case f.PlanAgreed:
		code = "plan_running"
	case f.Actions > 0:
		code = "plan_draft"
	case f.CrisisPlanned:
		code = "crisis"
	}
	return schakel.Phase{Code: code, Dutch: phaseDutch[code]}
}
