package plan

import (
	"slices"

	"schakel"
)

// DecisionKinds are the Raad's possible decisions: a request for an
// investigation, advice for voluntary help, an urgent request to the court,
// and the outcome of its own investigation.
var DecisionKinds = []string{schakel.DecisionInvestigateMeasure, schakel.DecisionNoMeasureVoluntaryHelp,
	schakel.DecisionUrgentSupervision, schakel.DecisionUrgentPlacement,
	schakel.DecisionOutcomeMeasure, schakel.DecisionOutcomeNoMeasure}

// InvestigationOpen reports whether the Raad's own investigation is open,
// given its decisions newest first: the newest request for an
// investigation has no outcome after it. Urgent requests to the court
// neither open nor close it.
func InvestigationOpen(kindsNewestFirst []string) bool {
	for _, k := range kindsNewestFirst {
		switch k {
		case schakel.DecisionInvestigateMeasure:
			return true
		case schakel.DecisionOutcomeMeasure, schakel.DecisionOutcomeNoMeasure:
			return false
		}
	}
	return false
}

// InvestigationOutcome reports whether kind is an outcome of an investigation.
func InvestigationOutcome(kind string) bool {
	return kind == schakel.DecisionOutcomeMeasure || kind == schakel.DecisionOutcomeNoMeasure
}

// ValidateDecision checks the Raad's decision: a known kind and a reason.
// Who may record it is decided by access (resource RaadDecision), before this.
func ValidateDecision(kind, why string) error {
	var v schakel.Validation
	if !slices.Contains(DecisionKinds, kind) {
		v.Add("kind", "unknown", "Kies een besluit: onderzoek, advies vrijwillige hulp, een spoedverzoek aan de rechter of de uitkomst van het onderzoek.")
	}
	reason(&v, "reason", why, "Schrijf op waarom de Raad zo besluit.")
	return v.Err()
}
