package plan

import (
	"time"

	"schakel"
)

// Annotate fills in what a plan read derives from its stored rows on day
// today: which actions are overdue, whether the review is, who talks with
// the parents and with the child, and which of those the plan still misses.
func Annotate(p *schakel.Plan, today Date) {
	AnnotateActions(p.Actions, today)
	if d, ok := ParseDate(p.ReviewDate); ok {
		p.ReviewOverdue = p.Status == schakel.PlanAgreed && d.Before(today)
	}
	parents, child := Talkers(p.Actions)
	p.TalksWithParents, p.TalksWithChild = nonNilContacts(parents), nonNilContacts(child)
	p.Missing = Missing(p.Actions)
}

// AnnotateActions marks each action that is overdue on day today.
func AnnotateActions(actions []schakel.Action, today Date) {
	for i := range actions {
		if d, ok := ParseDate(actions[i].DueDate); ok {
			actions[i].Overdue = Overdue(actions[i].Status, d, today)
		}
	}
}

// DeriveWorkspace fills in what follows from a case's workspace records
// at now: the overdue actions (of a plan Annotate has marked), the next
// consultation and the case's phase.
func DeriveWorkspace(c *schakel.Case, w *schakel.Workspace, now time.Time) {
	w.Overdue = []schakel.Action{}
	for _, a := range w.Plan.Actions {
		if a.Overdue {
			w.Overdue = append(w.Overdue, a)
		}
	}
	crisisPlanned := false
	for i, k := range c.Consultations {
		if k.Status == "planned" && !k.ScheduledAt.Before(now.Add(-2*time.Hour)) && w.NextConsultation == nil {
			w.NextConsultation = &c.Consultations[i]
		}
		crisisPlanned = crisisPlanned || (k.Kind == schakel.ConsultCrisis && k.Status == "planned")
	}
	notCancelled := 0
	for _, a := range w.Plan.Actions {
		if a.Status != schakel.ActionCancelled {
			notCancelled++
		}
	}
	var kinds []string
	for _, d := range w.Decisions {
		kinds = append(kinds, d.Kind)
	}
	w.Phase = PhaseOf(PhaseFacts{CaseStatus: c.Status, CrisisPlanned: crisisPlanned, Actions: notCancelled,
		PlanAgreed: w.Plan.Status == schakel.PlanAgreed, ReviewOverdue: w.Plan.ReviewOverdue, RaadKinds: kinds})
}

func nonNilContacts(c []schakel.Contact) []schakel.Contact {
	if c == nil {
		return []schakel.Contact{}
	}
	return c
}
