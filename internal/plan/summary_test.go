package plan_test

import (
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/plan"
)

func summaryCase() (schakel.Case, schakel.Workspace) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	at := time.Date(2026, 11, 23, 14, 0, 0, 0, ams)
	yes, no := true, false
	cid := int64(7)
	c := schakel.Case{ID: 1, Persons: []schakel.Person{{Kind: "child", GivenNames: "Noah"}, {Kind: "adult", GivenNames: "Mirjam"}},
		Participations: []schakel.ParticipationView{
			{Organisation: schakel.OrganisationRef{ID: 1, Name: "Veilig Thuis"}, Role: schakel.RoleRegie, Status: "active",
				Contact: &schakel.Contact{Name: "Mohamed El Idrissi", Phone: "010-5550002"}},
			{Organisation: schakel.OrganisationRef{ID: 2, Name: "Jeugdbescherming"}, Role: schakel.RoleUitvoering, Status: "active"},
			{Organisation: schakel.OrganisationRef{ID: 3, Name: "Schuldhulp"}, Role: schakel.RoleAdvies, Status: "exited"},
		},
		Consultations: []schakel.Consultation{
			{ID: 7, Kind: schakel.ConsultCrisis, Status: "held", ScheduledAt: at, Participants: []schakel.Participant{
				{Professional: schakel.ProfessionalRef{ID: 1, Name: "A"}, Attended: &yes},
				{Professional: schakel.ProfessionalRef{ID: 2, Name: "B"}, Attended: &no},
				{Professional: schakel.ProfessionalRef{ID: 3, Name: "C"}}}},
			{ID: 8, Kind: schakel.ConsultMDO, Status: "planned", ScheduledAt: at.AddDate(0, 0, 14)},
			{ID: 9, Kind: schakel.ConsultMDO, Status: "planned", ScheduledAt: at.AddDate(0, 0, 7)},
		}}
	parents, child := schakel.ForParents, schakel.ForChild
	agreed := at.Add(time.Hour)
	w := schakel.Workspace{
		Plan: schakel.Plan{Status: schakel.PlanAgreed, AgreedAt: &agreed, ConsultationID: &cid, ReviewDate: "2027-01-15", Actions: []schakel.Action{
			{Title: "Moeder belt bij ruzie de politie", Kind: schakel.ActionSafetyAgreement, For: &parents, Status: schakel.ActionOpen, DueDate: "2026-11-23",
				Owner: schakel.OrganisationRef{Name: "Veilig Thuis"}, OwnerProfessional: schakel.Contact{Name: "Mohamed"}},
			{Title: "Gesprek met Noah", Kind: schakel.ActionTask, For: &child, Status: schakel.ActionOpen, DueDate: "2026-11-26",
				Owner: schakel.OrganisationRef{Name: "Jeugdbescherming"}, OwnerProfessional: schakel.Contact{Name: "Fatma"}},
			{Title: "Vervallen", Kind: schakel.ActionTask, Status: schakel.ActionCancelled, DueDate: "2026-11-26"},
			{Title: "Noah voelt zich veilig thuis", Kind: schakel.ActionGoal, Status: schakel.ActionOpen, DueDate: "2027-03-01"},
		}},
		Findings:  []schakel.Finding{{Text: "bij overleg", ConsultationID: &cid}, {Text: "los"}},
		Decisions: []schakel.RaadDecision{{Kind: schakel.DecisionInvestigateMeasure, CreatedAt: at}},
	}
	w.NextConsultation = &c.Consultations[2]
	return c, w
}

func TestMinutesOf(t *testing.T) {
	c, w := summaryCase()
	m, ok := plan.MinutesOf(c, w, 7)
	if !ok {
		t.Fatal("consultation 7 not found")
	}
	if len(m.Present) != 1 || len(m.Absent) != 1 || len(m.NotRecorded) != 1 || len(m.Findings) != 1 || !m.PlanAgreedHere {
		t.Fatalf("minutes %+v", m)
	}
	if m.Next == nil || m.Next.ID != 9 {
		t.Fatalf("next consultation %+v, want the earliest planned one after (9)", m.Next)
	}
	if _, ok := plan.MinutesOf(c, w, 99); ok {
		t.Fatal("minutes of a consultation of another case")
	}
}

func TestFamilySummaryOf(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	c, w := summaryCase()
	s := plan.FamilySummaryOf(c, w, time.Date(2026, 11, 23, 15, 0, 0, 0, ams), ams)
	if s.Contact.Organisation != "Veilig Thuis" || s.Contact.Name != "Mohamed El Idrissi" || s.Contact.Phone == "" {
		t.Fatalf("contact %+v", s.Contact)
	}
	if len(s.Children) != 1 || s.Children[0] != "Noah" || !s.PlanAgreed || s.AgreedOn != "23 november 2026" {
		t.Fatalf("summary %+v", s)
	}
	if len(s.Safety) != 1 || len(s.Actions) != 1 || len(s.Goals) != 1 {
		t.Fatalf("lines: %d safety, %d actions, %d goals (cancelled ones left out)", len(s.Safety), len(s.Actions), len(s.Goals))
	}
	if s.Actions[0].For != "voor uw kind" || !strings.Contains(s.Actions[0].When, "26 november 2026") {
		t.Errorf("action line %+v", s.Actions[0])
	}
	if len(s.Organisations) != 2 {
		t.Errorf("an exited organisation is no longer listed: %+v", s.Organisations)
	}
	var whens []string
	for _, n := range s.Next {
		whens = append(whens, n.When)
		if n.What == "" {
			t.Errorf("step without text: %+v", n)
		}
	}
	joined := strings.Join(whens, " | ")
	for _, want := range []string{"30 november 2026", "15 januari 2027", "26 november 2026"} {
		if !strings.Contains(joined, want) {
			t.Errorf("next steps %q lack %s", joined, want)
		}
	}
	// In date order: today's agreement and the Raad's decision, the talk with Noah, the next consultation, the review.
	if !strings.Contains(whens[0], "23 november 2026") || !strings.Contains(whens[len(whens)-1], "januari 2027") {
		t.Errorf("next steps not in date order: %q", joined)
	}
	// Professional notes never reach the parents' copy.
	for _, f := range w.Findings {
		for _, l := range append(append(s.Safety, s.Actions...), s.Goals...) {
			if strings.Contains(l.What, f.Text) {
				t.Errorf("a finding leaked into the family summary")
			}
		}
	}
}
