package plan_test

import (
	"testing"
	"time"

	"schakel"
	"schakel/internal/plan"
)

// TestAnnotateAndDeriveWorkspace: what a plan and a workspace read derive
// from their records on a day (the use case's part since storage returns
// rows only).
func TestAnnotateAndDeriveWorkspace(t *testing.T) {
	due := func(a schakel.Action, d string) schakel.Action { a.DueDate = d; return a }
	p := schakel.Plan{Status: schakel.PlanAgreed, ReviewDate: "2026-11-22", Actions: []schakel.Action{
		due(action(schakel.ForParents, 10, schakel.ActionOpen), "2026-11-22"),
		due(action(schakel.ForChild, 11, schakel.ActionOpen), "2026-11-23"),
		due(action("", 12, schakel.ActionDone), "2026-11-01"),
		due(action("", 13, schakel.ActionCancelled), "2026-11-01"),
	}}
	plan.Annotate(&p, today)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	c := schakel.Case{Status: "open", Consultations: []schakel.Consultation{
		{ID: 1, Kind: schakel.ConsultMDO, Status: "planned", ScheduledAt: now.Add(-3 * time.Hour)},
		{ID: 2, Kind: schakel.ConsultMDO, Status: "cancelled", ScheduledAt: now.Add(time.Hour)},
		{ID: 3, Kind: schakel.ConsultMDO, Status: "planned", ScheduledAt: now.Add(-time.Hour)},
	}}
	w := schakel.Workspace{Plan: p}
	plan.DeriveWorkspace(&c, &w, now)
	tests := []struct {
		name      string
		got, want any
	}{
		{"open action due yesterday is overdue", p.Actions[0].Overdue, true},
		{"open action due today is not", p.Actions[1].Overdue, false},
		{"done action is never overdue", p.Actions[2].Overdue, false},
		{"cancelled action is never overdue", p.Actions[3].Overdue, false},
		{"agreed plan's review of yesterday is overdue", p.ReviewOverdue, true},
		{"who talks with the parents", len(p.TalksWithParents), 1},
		{"who talks with the child", len(p.TalksWithChild), 1},
		{"nothing missing", len(p.Missing), 0},
		{"the overdue list", len(w.Overdue), 1},
		{"next consultation: began within two hours", w.NextConsultation != nil && w.NextConsultation.ID == 3, true},
		{"phase", w.Phase.Code != "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
	draft := schakel.Plan{Status: schakel.PlanDraft, ReviewDate: "2026-11-01"}
	plan.Annotate(&draft, today)
	if draft.ReviewOverdue || draft.TalksWithParents == nil || draft.TalksWithChild == nil || len(draft.Missing) != 2 {
		t.Errorf("draft plan annotated as %+v", draft)
	}
}
