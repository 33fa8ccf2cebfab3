package app

import (
	"schakel"
	"schakel/internal/attendees"
	"schakel/internal/storage"
)

// followUpNeeds are what a case's crisis tables left for the follow-up
// MDO: every need they recorded as can_follow (at a night-time table, debt
// counselling, for example), once each. An MDO planned on a case that had
// a crisis table (not cancelled) picks them up as needs of its own, filled
// now, with the crisis table's rules and reason; other kinds pick up
// nothing.
func followUpNeeds(tx *storage.Tx, caseID int64, kind string) ([]schakel.ConsultationNeed, error) {
	if kind != schakel.ConsultMDO {
		return nil, nil
	}
	crises, err := tx.Consultations(`c.case_id = ? AND c.kind = ? AND c.status <> ?`, caseID, schakel.ConsultCrisis, schakel.ConsultationCancelled)
	if err != nil {
		return nil, err
	}
	var out []schakel.ConsultationNeed
	seen := map[string]bool{}
	for _, c := range crises {
		for _, n := range c.Needs {
			if n.Urgency != attendees.CanFollow || seen[n.Need] {
				continue
			}
			if _, ok := attendees.ParseNeed(n.Need); !ok {
				continue
			}
			seen[n.Need] = true
			out = append(out, schakel.ConsultationNeed{Need: n.Need, Urgency: attendees.Urgent, Rules: n.Rules,
				Reason: "Volgt uit het crisisoverleg: " + n.Reason})
		}
	}
	return out, nil
}

// needsOf turns recorded needs into needs for attendee selection.
func needsOf(recorded []schakel.ConsultationNeed) []attendees.Need {
	out := make([]attendees.Need, 0, len(recorded))
	for _, r := range recorded {
		if n, ok := attendees.ParseNeed(r.Need); ok {
			out = append(out, n)
		}
	}
	return out
}
