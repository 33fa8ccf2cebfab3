package plan_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/plan"
)

func ptr[T any](v T) *T { return &v }

var today = plan.Date{Time: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}

// fields returns the field names of err, or the code when it has none.
func fields(err error) []string {
	if err == nil {
		return nil
	}
	var out []string
	for _, f := range schakel.FieldErrors(err) {
		out = append(out, f.Field)
	}
	if len(out) == 0 {
		out = []string{"code:" + schakel.ErrorCode(err)}
	}
	return out
}

func wantFields(t *testing.T, err error, want ...string) {
	t.Helper()
	got := fields(err)
	if !slices.Equal(got, want) {
		t.Fatalf("error %v: fields %v, want %v", err, got, want)
	}
	for _, f := range schakel.FieldErrors(err) {
		if f.Code == "" || f.Message == "" {
			t.Errorf("field error %+v lacks a code or a Dutch message", f)
		}
	}
	if err != nil && schakel.ErrorMessage(err) == "" {
		t.Errorf("error without a message")
	}
}

func TestValidateAction(t *testing.T) {
	facts := plan.Facts{Today: today, OnCase: map[int64]bool{1: true, 2: true}, ProfessionalOrg: map[int64]int64{10: 1, 20: 2}}
	good := plan.ActionInput{Title: "Gesprek met de ouders over de veiligheidsafspraken", OwnerOrganisationID: 1, OwnerProfessionalID: 10,
		DueDate: "2026-11-25", For: ptr(schakel.ForParents), Kind: schakel.ActionTask}
	for _, tc := range []struct {
		name   string
		change func(*plan.ActionInput)
		want   []string
	}{
		{"valid", func(*plan.ActionInput) {}, nil},
		{"due today is fine", func(a *plan.ActionInput) { a.DueDate = "2026-11-23" }, nil},
		{"for nobody in particular", func(a *plan.ActionInput) { a.For = nil }, nil},
		{"a goal for the network", func(a *plan.ActionInput) { a.Kind, a.For = schakel.ActionGoal, ptr(schakel.ForNetwork) }, nil},
		{"safety agreement", func(a *plan.ActionInput) { a.Kind = schakel.ActionSafetyAgreement }, nil},
		{"no title", func(a *plan.ActionInput) { a.Title = "   " }, []string{"title"}},
		{"title too long", func(a *plan.ActionInput) { a.Title = strings.Repeat("x", plan.MaxTitle+1) }, []string{"title"}},
		{"unknown kind", func(a *plan.ActionInput) { a.Kind = "wish" }, []string{"kind"}},
		{"empty kind", func(a *plan.ActionInput) { a.Kind = "" }, []string{"kind"}},
		{"unknown for", func(a *plan.ActionInput) { a.For = ptr("grandmother") }, []string{"for"}},
		{"due date in the past", func(a *plan.ActionInput) { a.DueDate = "2026-11-22" }, []string{"due_date"}},
		{"due date missing", func(a *plan.ActionInput) { a.DueDate = "" }, []string{"due_date"}},
		{"due date unreadable", func(a *plan.ActionInput) { a.DueDate = "25-11-2026" }, []string{"due_date"}},
		{"owner organisation not on the case", func(a *plan.ActionInput) { a.OwnerOrganisationID = 3 }, []string{"owner_organisation_id", "owner_professional_id"}},
		{"owner organisation missing", func(a *plan.ActionInput) { a.OwnerOrganisationID = 0 }, []string{"owner_organisation_id"}},
		{"owner person of another organisation", func(a *plan.ActionInput) { a.OwnerProfessionalID = 20 }, []string{"owner_professional_id"}},
		{"owner person unknown", func(a *plan.ActionInput) { a.OwnerProfessionalID = 99 }, []string{"owner_professional_id"}},
		{"owner person missing", func(a *plan.ActionInput) { a.OwnerProfessionalID = 0 }, []string{"owner_professional_id"}},
		{"everything wrong at once", func(a *plan.ActionInput) { *a = plan.ActionInput{For: ptr("x")} },
			[]string{"title", "kind", "for", "due_date", "owner_organisation_id", "owner_professional_id"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good
			tc.change(&in)
			due, err := plan.ValidateAction(in, facts)
			wantFields(t, err, tc.want...)
			if err == nil && due.String() != in.DueDate {
				t.Errorf("due %s, want %s", due, in.DueDate)
			}
		})
	}
}

func TestValidateChange(t *testing.T) {
	facts := plan.Facts{Today: today, OnCase: map[int64]bool{1: true, 2: true}, ProfessionalOrg: map[int64]int64{10: 1, 20: 2}}
	open := plan.CurrentAction{Status: schakel.ActionOpen, OwnerOrganisationID: 1, OwnerProfessionalID: 10}
	for _, tc := range []struct {
		name string
		cur  plan.CurrentAction
		ch   plan.ActionChange
		want []string
	}{
		{"done", open, plan.ActionChange{Status: ptr(schakel.ActionDone)}, nil},
		{"reassign to another organisation", open, plan.ActionChange{OwnerOrganisationID: ptr(int64(2)), OwnerProfessionalID: ptr(int64(20))}, nil},
		{"reassign the organisation but keep a person of the old one", open, plan.ActionChange{OwnerOrganisationID: ptr(int64(2))}, []string{"owner_professional_id"}},
		{"reassign to an organisation off the case", open, plan.ActionChange{OwnerOrganisationID: ptr(int64(3))}, []string{"owner_organisation_id", "owner_professional_id"}},
		{"new due date in the past", open, plan.ActionChange{DueDate: ptr("2026-01-01")}, []string{"due_date"}},
		{"unknown status", open, plan.ActionChange{Status: ptr("paused")}, []string{"status"}},
		{"nothing to change", open, plan.ActionChange{}, []string{"status"}},
		{"a closed action stays closed", plan.CurrentAction{Status: schakel.ActionDone, OwnerOrganisationID: 1, OwnerProfessionalID: 10},
			plan.ActionChange{Status: ptr(schakel.ActionOpen)}, []string{"code:conflict"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := plan.ValidateChange(tc.cur, tc.ch, facts)
			wantFields(t, err, tc.want...)
		})
	}
}

func action(forWhom string, owner int64, status string) schakel.Action {
	a := schakel.Action{Kind: schakel.ActionTask, Status: status, OwnerProfessional: schakel.Contact{ID: owner, Name: "P"}}
	if forWhom != "" {
		a.For = &forWhom
	}
	return a
}

func TestCheckAgree(t *testing.T) {
	both := []schakel.Action{action(schakel.ForParents, 10, schakel.ActionOpen), action(schakel.ForChild, 20, schakel.ActionOpen)}
	good := plan.AgreeInput{ConsultationID: 5, ReviewDate: "2027-01-15", Version: 3}
	okFacts := plan.AgreeFacts{Today: today, Actions: both, ConsultationOnCase: true, ConsultationStatus: "held", HoldsRegie: true}
	for _, tc := range []struct {
		name string
		in   plan.AgreeInput
		f    func(*plan.AgreeFacts)
		want []string
	}{
		{"agreed", good, func(*plan.AgreeFacts) {}, nil},
		{"at a consultation not held yet", good, func(f *plan.AgreeFacts) { f.ConsultationStatus = "planned" }, []string{"consultation_id"}},
		{"without regie and without its consent", good, func(f *plan.AgreeFacts) { f.HoldsRegie = false }, []string{"regie_consent"}},
		{"without regie, with its recorded consent", plan.AgreeInput{ConsultationID: 5, ReviewDate: "2027-01-15", Version: 3,
			RegieConsent: "Sanne de Wit (Veilig Thuis) stemde in tijdens het overleg."}, func(f *plan.AgreeFacts) { f.HoldsRegie = false }, nil},
		{"a finished talk with the child still counts", good, func(f *plan.AgreeFacts) {
			f.Actions = []schakel.Action{both[0], action(schakel.ForChild, 20, schakel.ActionDone)}
		}, nil},
		{"nobody talks with the child", good, func(f *plan.AgreeFacts) { f.Actions = both[:1] }, []string{"talks_with_child"}},
		{"nobody talks with the parents", good, func(f *plan.AgreeFacts) { f.Actions = both[1:] }, []string{"talks_with_parents"}},
		{"no actions at all", good, func(f *plan.AgreeFacts) { f.Actions = nil }, []string{"talks_with_parents", "talks_with_child"}},
		{"a cancelled talk does not count", good, func(f *plan.AgreeFacts) {
			f.Actions = []schakel.Action{both[0], action(schakel.ForChild, 20, schakel.ActionCancelled)}
		}, []string{"talks_with_child"}},
		{"network actions are no talk with the child", good, func(f *plan.AgreeFacts) {
			f.Actions = []schakel.Action{both[0], action(schakel.ForNetwork, 20, schakel.ActionOpen)}
		}, []string{"talks_with_child"}},
		{"agreeing twice", good, func(f *plan.AgreeFacts) { f.AlreadyAgree = true }, []string{"code:conflict"}},
		{"no consultation", plan.AgreeInput{ReviewDate: "2027-01-15", Version: 3}, func(*plan.AgreeFacts) {}, []string{"consultation_id"}},
		{"consultation of another case", good, func(f *plan.AgreeFacts) { f.ConsultationOnCase = false }, []string{"consultation_id"}},
		{"cancelled consultation", good, func(f *plan.AgreeFacts) { f.ConsultationStatus = "cancelled" }, []string{"consultation_id"}},
		{"review today", plan.AgreeInput{ConsultationID: 5, ReviewDate: "2026-11-23", Version: 3}, func(*plan.AgreeFacts) {}, []string{"review_date"}},
		{"review beyond a year", plan.AgreeInput{ConsultationID: 5, ReviewDate: "2028-01-01", Version: 3}, func(*plan.AgreeFacts) {}, []string{"review_date"}},
		{"no version", plan.AgreeInput{ConsultationID: 5, ReviewDate: "2027-01-15"}, func(*plan.AgreeFacts) {}, []string{"version"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := okFacts
			tc.f(&f)
			_, err := plan.CheckAgree(tc.in, f)
			wantFields(t, err, tc.want...)
		})
	}
}

func TestTalkersAndMissing(t *testing.T) {
	acts := []schakel.Action{action(schakel.ForParents, 10, schakel.ActionOpen), action(schakel.ForParents, 10, schakel.ActionOpen),
		action(schakel.ForParents, 11, schakel.ActionOpen), action("", 12, schakel.ActionOpen)}
	p, c := plan.Talkers(acts)
	if len(p) != 2 || len(c) != 0 {
		t.Fatalf("talkers %v %v", p, c)
	}
	if m := plan.Missing(acts); !slices.Equal(m, []string{"talks_with_child"}) {
		t.Fatalf("missing %v", m)
	}
}

func TestCheckReview(t *testing.T) {
	good := plan.ReviewInput{Checked: "Acties nagelopen", Changed: "Niets", Why: "Alles loopt", NextReviewDate: "2027-02-01"}
	wantFields(t, func() error { _, err := plan.CheckReview(good, true, today); return err }())
	_, err := plan.CheckReview(good, false, today)
	wantFields(t, err, "code:conflict")
	_, err = plan.CheckReview(plan.ReviewInput{NextReviewDate: "2026-11-01"}, true, today)
	wantFields(t, err, "checked", "changed", "why", "next_review_date")
}

func TestValidateScale(t *testing.T) {
	reason := "De ouders houden zich aan de afspraken"
	for _, tc := range []struct {
		name   string
		value  *int
		reason string
		want   []string
	}{
		{"zero", ptr(0), reason, nil},
		{"ten", ptr(10), reason, nil},
		{"five", ptr(5), reason, nil},
		{"minus one", ptr(-1), reason, []string{"value"}},
		{"eleven", ptr(11), reason, []string{"value"}},
		{"missing value", nil, reason, []string{"value"}},
		{"no reason", ptr(4), "  ", []string{"reason"}},
		{"reason too short", ptr(4), "omdat", []string{"reason"}},
	} {
		t.Run(tc.name, func(t *testing.T) { wantFields(t, plan.ValidateScale(tc.value, tc.reason), tc.want...) })
	}
}

func TestValidateFinding(t *testing.T) {
	wantFields(t, plan.ValidateFinding(schakel.ColumnWorries, "Vader drinkt"))
	wantFields(t, plan.ValidateFinding(schakel.ColumnWorkingWell, "Oma helpt"))
	wantFields(t, plan.ValidateFinding(schakel.ColumnNeedsToHappen, "Vader in behandeling"))
	wantFields(t, plan.ValidateFinding("ideas", ""), "column", "text")
	wantFields(t, plan.ValidateFinding(schakel.ColumnWorries, strings.Repeat("x", plan.MaxText+1)), "text")
}

func TestValidateConversation(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	persons := map[int64]bool{1: true, 2: true}
	pros := map[int64]bool{10: true, 20: true}
	good := plan.ConversationInput{HeldAt: "2026-11-23T09:30:00+01:00", Joint: true, ProfessionalIDs: []int64{10, 20}, PersonIDs: []int64{1, 2}}
	for _, tc := range []struct {
		name   string
		change func(*plan.ConversationInput)
		want   []string
	}{
		{"joint", func(*plan.ConversationInput) {}, nil},
		{"alone with the network", func(c *plan.ConversationInput) {
			c.Joint, c.ProfessionalIDs, c.PersonIDs, c.Others = false, []int64{10}, nil, "Oma en buurvrouw"
		}, nil},
		{"in the future", func(c *plan.ConversationInput) { c.HeldAt = "2026-11-24T09:30:00+01:00" }, []string{"held_at"}},
		{"unreadable time", func(c *plan.ConversationInput) { c.HeldAt = "gisteren" }, []string{"held_at"}},
		{"joint with one professional", func(c *plan.ConversationInput) { c.ProfessionalIDs = []int64{10, 10} }, []string{"joint"}},
		{"nobody of the family", func(c *plan.ConversationInput) { c.PersonIDs = nil }, []string{"person_ids"}},
		{"a person of another case", func(c *plan.ConversationInput) { c.PersonIDs = []int64{1, 3} }, []string{"person_ids[1]"}},
		{"an unknown professional", func(c *plan.ConversationInput) { c.ProfessionalIDs = []int64{10, 30} }, []string{"professional_ids[1]"}},
		{"no professional", func(c *plan.ConversationInput) { c.ProfessionalIDs, c.Joint = nil, false }, []string{"professional_ids"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good
			tc.change(&in)
			_, err := plan.ValidateConversation(in, now, persons, pros)
			wantFields(t, err, tc.want...)
		})
	}
	a := time.Date(2026, 11, 23, 8, 30, 10, 0, time.UTC)
	if !plan.SameConversation(a, []int64{2, 1}, a.Add(20*time.Second), []int64{1, 2, 2}) {
		t.Error("the same minute with the same people is the same conversation")
	}
	if plan.SameConversation(a, []int64{1}, a, []int64{1, 2}) || plan.SameConversation(a, []int64{1}, a.Add(time.Hour), []int64{1}) {
		t.Error("other people or another time is another conversation")
	}
}

func TestValidateDecision(t *testing.T) {
	wantFields(t, plan.ValidateDecision(schakel.DecisionInvestigateMeasure, "Ouders werken niet mee aan de veiligheidsafspraken."))
	wantFields(t, plan.ValidateDecision(schakel.DecisionNoMeasureVoluntaryHelp, "Vrijwillige hulp is op gang gekomen."))
	wantFields(t, plan.ValidateDecision("court_order", "kort"), "kind", "reason")
}

func TestCheckRole(t *testing.T) {
	for _, tc := range []struct {
		role schakel.ParticipationRole
		kind schakel.OrganisationKind
		ok   bool
	}{
		{schakel.RoleUitvoering, schakel.Wijkteam, true},
		{schakel.RoleOnderzoek, schakel.Raad, true},
		{schakel.RoleAdvies, schakel.Schuldhulp, true},
		{schakel.RoleBesluit, schakel.Raad, true},
		{schakel.RoleBesluit, schakel.Rechtbank, true},
		{schakel.RoleBesluit, schakel.VeiligThuis, false},
		{schakel.RoleRegie, schakel.Jeugdbescherming, false},
		{"boss", schakel.VeiligThuis, false},
	} {
		if err := plan.CheckRole("role", tc.role, tc.kind); (err == nil) != tc.ok {
			t.Errorf("%s for %s: %v", tc.role, tc.kind, err)
		}
	}
	r := "De Raad start het onderzoek"
	wantFields(t, plan.CheckRoleChange(plan.RoleChange{Role: schakel.RoleBesluit, Reason: r}, schakel.RoleOnderzoek, true, schakel.Raad))
	wantFields(t, plan.CheckRoleChange(plan.RoleChange{Role: schakel.RoleAdvies, Reason: r}, schakel.RoleRegie, true, schakel.VeiligThuis), "code:conflict")
	wantFields(t, plan.CheckRoleChange(plan.RoleChange{Role: schakel.RoleAdvies, Reason: r}, schakel.RoleAdvies, false, schakel.VeiligThuis), "code:conflict")
	wantFields(t, plan.CheckRoleChange(plan.RoleChange{Role: schakel.RoleAdvies, Reason: "x"}, schakel.RoleAdvies, true, schakel.VeiligThuis), "role", "reason")
}

func TestCheckHandover(t *testing.T) {
	reason := "Jeugdbescherming neemt de begeleiding over"
	ok := plan.HandoverFacts{ActorHoldsRegie: true, RegieExists: true, ToActive: true, FromKind: schakel.VeiligThuis}
	h := plan.Handover{ToOrganisationID: 2, Reason: reason}
	if err := plan.CheckHandover(&h, ok); err != nil || h.FormerRole != schakel.RoleUitvoering {
		t.Fatalf("handover: %v, former role %q", err, h.FormerRole)
	}
	notMine := ok
	notMine.ActorHoldsRegie = false
	wantFields(t, plan.CheckHandover(&plan.Handover{ToOrganisationID: 2, Reason: reason}, notMine), "code:forbidden")
	self := ok
	self.ToIsSelf = true
	wantFields(t, plan.CheckHandover(&plan.Handover{ToOrganisationID: 1, Reason: reason}, self), "organisation_id")
	off := ok
	off.ToActive = false
	wantFields(t, plan.CheckHandover(&plan.Handover{ToOrganisationID: 3, Reason: "x", FormerRole: schakel.RoleBesluit}, off), "organisation_id", "former_role", "reason")
}

func TestCheckExit(t *testing.T) {
	in := plan.ExitInput{Handover: "Schuldhulp heeft de schulden in kaart gebracht.", NextSteps: "Wijkteam begeleidt het budgetplan vanaf december."}
	for _, tc := range []struct {
		name string
		in   plan.ExitInput
		f    plan.ExitFacts
		want []string
		msg  string
	}{
		{"free to go", in, plan.ExitFacts{Active: true}, nil, ""},
		{"holds regie", in, plan.ExitFacts{Active: true, HoldsRegie: true}, []string{"code:conflict"}, "regie"},
		{"owns an open action", in, plan.ExitFacts{Active: true, OpenActions: 1}, []string{"code:conflict"}, "1 open actie"},
		{"owns open actions and regie", in, plan.ExitFacts{Active: true, OpenActions: 3, HoldsRegie: true}, []string{"code:conflict"}, "3 open acties"},
		{"already gone", in, plan.ExitFacts{}, []string{"code:conflict"}, "niet (meer)"},
		{"Raad with its investigation open", in, plan.ExitFacts{Active: true, InvestigationOpen: true}, []string{"code:conflict"}, "leg eerst de uitkomst vast"},
		{"no handover or next steps", plan.ExitInput{}, plan.ExitFacts{Active: true}, []string{"handover", "next_steps"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := plan.CheckExit(tc.in, tc.f)
			wantFields(t, err, tc.want...)
			if tc.msg != "" && !strings.Contains(schakel.ErrorMessage(err), tc.msg) {
				t.Errorf("message %q lacks %q", schakel.ErrorMessage(err), tc.msg)
			}
		})
	}
}

func TestInvestigationOpen(t *testing.T) {
	for _, tc := range []struct {
		name  string
		kinds []string // newest first
		want  bool
	}{
		{"no decisions", nil, false},
		{"advice only", []string{schakel.DecisionNoMeasureVoluntaryHelp}, false},
		{"investigation requested", []string{schakel.DecisionInvestigateMeasure}, true},
		{"urgent request beside it keeps it open", []string{schakel.DecisionUrgentPlacement, schakel.DecisionInvestigateMeasure}, true},
		{"outcome closes it", []string{schakel.DecisionOutcomeMeasure, schakel.DecisionInvestigateMeasure}, false},
		{"a new investigation after an outcome", []string{schakel.DecisionInvestigateMeasure, schakel.DecisionOutcomeNoMeasure, schakel.DecisionInvestigateMeasure}, true},
		{"urgent request alone opens nothing", []string{schakel.DecisionUrgentSupervision}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := plan.InvestigationOpen(tc.kinds); got != tc.want {
				t.Errorf("InvestigationOpen(%v) = %v, want %v", tc.kinds, got, tc.want)
			}
		})
	}
	for _, k := range plan.DecisionKinds {
		wantFields(t, plan.ValidateDecision(k, "Omdat het gezin de afspraken niet nakomt."))
	}
	wantFields(t, plan.ValidateDecision("court_hearing", ""), "kind", "reason")
}

func TestValidateRequest(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	good := plan.RequestInput{ToProfessionalID: 2, Kind: schakel.RequestJoinConversation, At: "2026-11-25T10:00:00+01:00", Message: "Gaat u mee naar het gesprek met vader?"}
	_, err := plan.ValidateRequest(good, 1, true, now)
	wantFields(t, err)
	_, err = plan.ValidateRequest(good, 2, true, now)
	wantFields(t, err, "to_professional_id")
	bad := plan.RequestInput{ToProfessionalID: 3, Kind: "lunch", At: "2026-11-01T10:00:00+01:00"}
	_, err = plan.ValidateRequest(bad, 1, false, now)
	wantFields(t, err, "to_professional_id", "kind", "at", "message")
}

func TestValidateConsultation(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	good := plan.ConsultationInput{Kind: schakel.ConsultMDO, ScheduledAt: "2026-11-30T10:00:00+01:00", Agenda: []string{"Veiligheid", "Plan"},
		Invite: plan.Invite{OrganisationIDs: []int64{1}, Expertises: []string{"debt_counselling"}}}
	at, err := plan.ValidateConsultation(good, now)
	wantFields(t, err)
	if !at.Equal(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("at %v", at)
	}
	for _, kind := range schakel.ConsultationKinds {
		in := good
		in.Kind = kind
		if _, err := plan.ValidateConsultation(in, now); err != nil {
			t.Errorf("kind %s: %v", kind, err)
		}
	}
	_, err = plan.ValidateConsultation(plan.ConsultationInput{Kind: "party", ScheduledAt: "2026-11-01T10:00:00Z", Agenda: []string{""},
		Invite: plan.Invite{Expertises: []string{"magic"}}}, now)
	wantFields(t, err, "kind", "scheduled_at", "agenda[0]", "invite.expertises[0]")
	_, err = plan.ValidateConsultation(plan.ConsultationInput{Kind: schakel.ConsultCrisis, ScheduledAt: "2026-11-23T10:00:00Z"}, now)
	wantFields(t, err, "invite")
	wantFields(t, plan.ValidateAddParticipant(plan.Invite{ProfessionalIDs: []int64{1}, Reason: "Eergerelateerd geweld speelt mee"}))
	wantFields(t, plan.ValidateAddParticipant(plan.Invite{ProfessionalIDs: []int64{1}}), "reason")
	wantFields(t, plan.ValidateAgendaItem(""), "text")
}

func TestPhaseOf(t *testing.T) {
	for _, tc := range []struct {
		f    plan.PhaseFacts
		want string
	}{
		{plan.PhaseFacts{CaseStatus: "open"}, "intake"},
		{plan.PhaseFacts{CaseStatus: "open", CrisisPlanned: true}, "crisis"},
		{plan.PhaseFacts{CaseStatus: "open", CrisisPlanned: true, Actions: 2}, "plan_draft"},
		{plan.PhaseFacts{CaseStatus: "open", Actions: 2, PlanAgreed: true}, "plan_running"},
		{plan.PhaseFacts{CaseStatus: "open", Actions: 2, PlanAgreed: true, ReviewOverdue: true}, "review_due"},
		{plan.PhaseFacts{CaseStatus: "open", PlanAgreed: true, RaadKinds: []string{schakel.DecisionInvestigateMeasure}}, "raad_investigation"},
		{plan.PhaseFacts{CaseStatus: "open", PlanAgreed: true, RaadKinds: []string{schakel.DecisionUrgentPlacement, schakel.DecisionInvestigateMeasure}}, "raad_investigation"},
		{plan.PhaseFacts{CaseStatus: "open", PlanAgreed: true, RaadKinds: []string{schakel.DecisionOutcomeNoMeasure, schakel.DecisionInvestigateMeasure}}, "plan_running"},
		{plan.PhaseFacts{CaseStatus: "open", PlanAgreed: true, RaadKinds: []string{schakel.DecisionNoMeasureVoluntaryHelp}}, "plan_running"},
		{plan.PhaseFacts{CaseStatus: "merged", PlanAgreed: true}, "closed"},
	} {
		p := plan.PhaseOf(tc.f)
		if p.Code != tc.want || p.Dutch == "" {
			t.Errorf("%+v: phase %+v, want %s", tc.f, p, tc.want)
		}
	}
}

func TestDates(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	// 23:30 UTC on 23 November is already 24 November in Amsterdam.
	d := plan.DateOf(time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC), ams)
	if d.String() != "2026-11-24" {
		t.Fatalf("DateOf = %s", d)
	}
	if !plan.Overdue(schakel.ActionOpen, today, plan.Date{Time: today.AddDate(0, 0, 1)}) {
		t.Error("an open action due yesterday is overdue")
	}
	if plan.Overdue(schakel.ActionOpen, today, today) || plan.Overdue(schakel.ActionDone, today, plan.Date{Time: today.AddDate(0, 0, 5)}) {
		t.Error("due today, or done, is not overdue")
	}
}

func TestValidateMove(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	current := now.Add(3 * time.Hour)
	why := "De vertrouwensarts kan pas om twee uur."
	for _, tc := range []struct {
		name string
		in   plan.ConsultationChange
		want []string
	}{
		{"later today", plan.ConsultationChange{ScheduledAt: "2026-11-23T15:00:00+01:00", Reason: why}, nil},
		{"same moment", plan.ConsultationChange{ScheduledAt: current.Format(time.RFC3339), Reason: why}, []string{"scheduled_at"}},
		{"in the past", plan.ConsultationChange{ScheduledAt: "2026-11-22T15:00:00+01:00", Reason: why}, []string{"scheduled_at"}},
		{"not a moment", plan.ConsultationChange{ScheduledAt: "morgen", Reason: why}, []string{"scheduled_at"}},
		{"no reason", plan.ConsultationChange{ScheduledAt: "2026-11-24T09:00:00+01:00", Reason: " kan niet"}, []string{"reason"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at, err := plan.ValidateMove(tc.in, current, now)
			wantFields(t, err, tc.want...)
			if tc.want == nil && at.IsZero() {
				t.Error("no moment returned")
			}
		})
	}
}

func TestValidateCancel(t *testing.T) {
	why := plan.ConsultationChange{Reason: "Het gezin is verhuisd naar een andere regio."}
	for _, tc := range []struct {
		name string
		in   plan.ConsultationChange
		kind string
		red  bool
		code string
	}{
		{"an MDO", why, schakel.ConsultMDO, true, ""},
		{"crisis, no longer red", why, schakel.ConsultCrisis, false, ""},
		{"crisis of a red case", why, schakel.ConsultCrisis, true, schakel.ECONFLICT},
		{"without a reason", plan.ConsultationChange{Reason: "nee"}, schakel.ConsultMDO, false, schakel.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := schakel.ErrorCode(plan.ValidateCancel(tc.in, tc.kind, tc.red)); got != tc.code {
				t.Errorf("code %q, want %q", got, tc.code)
			}
		})
	}
}

// TestDateFieldsSayWhatIsWrong pins what the due date of an action and
// the review date of a plan say for an empty field and one that is no
// date: the code the API gives and the Dutch the screen shows.
func TestDateFieldsSayWhatIsWrong(t *testing.T) {
	facts := plan.Facts{Today: today, OnCase: map[int64]bool{1: true}, ProfessionalOrg: map[int64]int64{10: 1}}
	action := func(due string) error {
		_, err := plan.ValidateAction(plan.ActionInput{Title: "Gesprek met de ouders over de veiligheidsafspraken",
			OwnerOrganisationID: 1, OwnerProfessionalID: 10, DueDate: due, For: ptr(schakel.ForParents), Kind: schakel.ActionTask}, facts)
		return err
	}
	review := func(date string) error {
		_, err := plan.CheckReview(plan.ReviewInput{Checked: "De afspraken zijn nagekomen door beide ouders.",
			Changed: "Niets veranderd aan de afspraken.", Why: "Het gaat goed, we houden dit vast.", NextReviewDate: date}, true, today)
		return err
	}
	for _, tc := range []struct {
		name, field, code, message string
		err                        error
	}{
		{"due date empty", "due_date", "required", "Vul een datum in.", action(" ")},
		{"due date no date", "due_date", "format", "Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-12-01.", action("25-11-2026")},
		{"review date empty", "next_review_date", "required", "Vul de datum van de evaluatie in.", review("")},
		{"review date no date", "next_review_date", "format", "Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2027-01-15.", review("volgende week")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := schakel.FieldErrors(tc.err)
			if len(fs) != 1 || fs[0].Field != tc.field || fs[0].Code != tc.code || fs[0].Message != tc.message {
				t.Fatalf("field errors %+v, want one on %s: %s %q", fs, tc.field, tc.code, tc.message)
			}
		})
	}
}
