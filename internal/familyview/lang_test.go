package familyview

import (
	"reflect"
	"testing"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/familytext"
	"schakel/internal/plan"
)

// langFacts is a case with one organisation of each role, an agreement
// for each audience due in three days, the next consultation, a review and
// two Raad decisions (one of a kind the family texts do not know), seen by
// a parent with authority.
func langFacts(now time.Time) Facts {
	var parts []schakel.ParticipationView
	for i, r := range []schakel.ParticipationRole{schakel.RoleRegie, schakel.RoleUitvoering, schakel.RoleOnderzoek, schakel.RoleAdvies, schakel.RoleBesluit} {
		parts = append(parts, schakel.ParticipationView{Organisation: schakel.OrganisationRef{ID: int64(i + 1), Name: "Org " + string(r)}, Role: r, Status: "active"})
	}
	c := schakel.Case{ID: 1, Persons: []schakel.Person{{ID: 1, Kind: "adult", GivenNames: "Eva", ParentalAuthority: true}}, Participations: parts}
	w := schakel.Workspace{Plan: schakel.Plan{Status: schakel.PlanAgreed, ReviewDate: "2027-01-04"},
		NextConsultation: &schakel.Consultation{ScheduledAt: time.Date(2026, 12, 8, 13, 0, 0, 0, time.UTC)},
		Decisions: []schakel.RaadDecision{{ID: 1, Kind: schakel.DecisionInvestigateMeasure, CreatedAt: time.Date(2026, 11, 2, 23, 30, 0, 0, time.UTC)},
			{ID: 2, Kind: "unknown_kind", CreatedAt: time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)}}}
	for i, a := range []string{schakel.ForParents, schakel.ForChild, schakel.ForNetwork} {
		w.Plan.Actions = append(w.Plan.Actions, schakel.Action{ID: int64(i + 1), Title: "Eigen titel", FamilyText: "Sanne-tekst.", For: &a,
			DueDate: now.AddDate(0, 0, 3).Format("2006-01-02"), Status: schakel.ActionOpen, Owner: parts[0].Organisation,
			OwnerProfessional: schakel.Contact{Name: "Sanne"}, Kind: []string{schakel.ActionSafetyAgreement, schakel.ActionTask, schakel.ActionGoal}[i]})
	}
	viewer := access.FamilyPerson{ID: 1, Authority: true}
	return Facts{Case: c, Workspace: w, Scope: access.ScopeOf(viewer, []access.FamilyPerson{viewer}, nil, false)}
}

// TestViewInTheLanguage: every fixed text of the view in Dutch and in
// English (a decision, a due date, an audience, what an organisation does,
// each kind of next step); the professional's words stay as written.
func TestViewInTheLanguage(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang                                string
		due, audience, does                 string
		decisionWhen, decision, mildest     string
		consultation, consultationWhat      string
		review, reviewWhat, decided, action string
	}{
		{lang: "nl", due: "Vóór of op 4 december 2026", audience: "voor uw kind", does: "Houdt het overzicht. Hier is uw contactpersoon.",
			decisionWhen: "3 november 2026", // 23:30 UTC is the next day in Amsterdam
			decision:     "De Raad voor de Kinderbescherming gaat onderzoeken of uw kind extra bescherming nodig heeft. De Raad neemt daarover zelf contact met u op.",
			mildest:      "De Raad voor de Kinderbescherming vindt een maatregel nu niet nodig. De hulp gaat door, in overleg met u.",
			consultation: "8 december 2026", consultationWhat: "De mensen die u helpen, praten weer samen over uw gezin. Uw contactpersoon vertelt u daarna wat er is besproken.",
			review: "4 januari 2027", reviewWhat: "We kijken samen met u of de afspraken werken, en passen ze aan als dat nodig is.",
			decided: "Besloten op 3 november 2026", action: "Vóór of op 4 december 2026"},
		{lang: "en", due: "On or before 4 December 2026", audience: "for your child", does: "Keeps the overview. Your contact person works here.",
			decisionWhen: "3 November 2026",
			decision:     "The Child Protection Board (Raad voor de Kinderbescherming) will look into whether your child needs extra protection. The Board will contact you about this itself.",
			mildest:      "The Child Protection Board (Raad voor de Kinderbescherming) finds a measure not needed now. The help goes on, in agreement with you.",
			consultation: "8 December 2026", consultationWhat: "The care workers meet again about your family. After that, your contact person tells you what they talked about.",
			review: "4 January 2027", reviewWhat: "Together with you, we check if the agreements work, and change them if needed.",
			decided: "Decided on 3 November 2026", action: "On or before 4 December 2026"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			lang := familytext.Get(tc.lang)
			v := Build(langFacts(now), lang, now, ams)
			if len(v.Actions) != 1 || len(v.Safety) != 1 || len(v.Goals) != 1 || len(v.Decisions) != 2 || len(v.Contacts) != 5 {
				t.Fatalf("view %+v", v)
			}
			check := func(what, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s: %q, want %q", what, got, want)
				}
			}
			check("due date", v.Actions[0].When, tc.due)
			check("agreement", v.Actions[0].What, "Sanne-tekst.")
			check("audience", v.Actions[0].For, tc.audience)
			check("main contact", v.Contacts[0].Does, tc.does)
			check("decision date", v.Decisions[0].When, tc.decisionWhen)
			check("decision", v.Decisions[0].What, tc.decision)
			check("unknown decision", v.Decisions[1].What, tc.mildest)
			check("decision data", v.Decisions[0].Date+" "+v.Decisions[0].Kind, "2026-11-03 "+schakel.DecisionInvestigateMeasure)
			// The view lists decisions on their own lines; a step of
			// every kind is told here, the decision's among them.
			steps := tellSteps(lang, []plan.FamilyStep{
				{Kind: plan.StepConsultation, Date: "2026-12-08", When: "8 december 2026", What: "Nederlands"},
				{Kind: plan.StepReview, Date: "2027-01-04", When: "4 januari 2027", What: "Nederlands"},
				{Kind: plan.StepDecision, Date: "2026-11-03", Decision: schakel.DecisionInvestigateMeasure, When: "Besloten op 3 november 2026", What: "Nederlands"},
				{Kind: plan.StepAction, Date: "2026-12-04", When: "Vóór of op 4 december 2026", What: "Sanne: Sanne-tekst."},
			})
			for i, want := range [][2]string{{tc.consultation, tc.consultationWhat}, {tc.review, tc.reviewWhat}, {tc.decided, tc.decision}, {tc.action, "Sanne: Sanne-tekst."}} {
				check(steps[i].Kind+" when", steps[i].When, want[0])
				check(steps[i].Kind+" what", steps[i].What, want[1])
			}
			var kinds []string
			for _, s := range v.Next {
				kinds = append(kinds, s.Kind)
				if s.Kind == plan.StepAction {
					check("action step", s.When+" / "+s.What, tc.action+" / Sanne: Sanne-tekst.")
				}
			}
			if want := []string{plan.StepAction, plan.StepAction, plan.StepAction, plan.StepConsultation, plan.StepReview}; !reflect.DeepEqual(kinds, want) {
				t.Errorf("next steps %v, want %v", kinds, want)
			}
			check("consultation step", v.Next[3].When+" / "+v.Next[3].What, tc.consultation+" / "+tc.consultationWhat)
			check("review step", v.Next[4].When+" / "+v.Next[4].What, tc.review+" / "+tc.reviewWhat)
		})
	}
}

// TestDutchAsTheFamilyCopy: in Dutch the view says what the printed family
// copy says (internal/plan's FamilySummaryOf), word for word, so a parent
// reads the same on paper and on their screen.
func TestDutchAsTheFamilyCopy(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	f := langFacts(now)
	v := Build(f, familytext.Get(familytext.Dutch), now, time.UTC)
	w := f.Workspace
	for i := range w.Plan.Actions {
		w.Plan.Actions[i].Title = w.Plan.Actions[i].FamilyText
	}
	w.Decisions = nil // the view tells them on their own lines
	s := plan.FamilySummaryOf(f.Case, w, now, time.UTC)
	for name, pair := range map[string][2]any{"safety": {v.Safety, s.Safety}, "actions": {v.Actions, s.Actions}, "goals": {v.Goals, s.Goals}, "next": {v.Next, s.Next}} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s: view %+v, copy %+v", name, pair[0], pair[1])
		}
	}
	for i, c := range v.Contacts {
		if c.Does != s.Organisations[i].Does {
			t.Errorf("%s does %q, the copy %q", c.Organisation, c.Does, s.Organisations[i].Does)
		}
	}
	for i, d := range f.Workspace.Decisions {
		if v.Decisions[i].What != plan.FamilyDecision(d.Kind) || v.Decisions[i].When != plan.DateNL(d.CreatedAt, time.UTC) {
			t.Errorf("decision %+v, the copy says %q on %q", v.Decisions[i], plan.FamilyDecision(d.Kind), plan.DateNL(d.CreatedAt, time.UTC))
		}
	}
}
