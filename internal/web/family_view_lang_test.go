package web_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/familytext"
	"schakel/internal/familyview"
	"schakel/internal/plan"
	"schakel/internal/workdays"
)

// everyFixedViewText is a family view with every fixed text the view
// builds: each role of an organisation, each audience, a due date, the
// next consultation and review, each Raad decision, a moved meeting; built
// for a member who reads lang.
func everyFixedViewText(t *testing.T, now time.Time, lang *familytext.Lang) familyview.View {
	t.Helper()
	var parts []schakel.ParticipationView
	for i, r := range []schakel.ParticipationRole{schakel.RoleRegie, schakel.RoleUitvoering, schakel.RoleOnderzoek, schakel.RoleAdvies, schakel.RoleBesluit} {
		parts = append(parts, schakel.ParticipationView{Organisation: schakel.OrganisationRef{ID: int64(i + 1), Name: "Org " + string(r)}, Role: r, Status: "active"})
	}
	c := schakel.Case{ID: 1, Persons: []schakel.Person{{ID: 1, Kind: "adult", GivenNames: "Eva", ParentalAuthority: true}}, Participations: parts}
	due := now.AddDate(0, 0, 3).Format("2006-01-02")
	w := schakel.Workspace{Plan: schakel.Plan{Status: schakel.PlanAgreed, ReviewDate: now.AddDate(0, 1, 0).Format("2006-01-02")},
		NextConsultation: &schakel.Consultation{ScheduledAt: now.AddDate(0, 0, 7)}}
	for i, a := range []string{schakel.ForParents, schakel.ForChild, schakel.ForNetwork} {
		for_ := a
		w.Plan.Actions = append(w.Plan.Actions, schakel.Action{ID: int64(i + 1), FamilyText: "Sanne-tekst-1.", For: &for_, DueDate: due,
			Status: schakel.ActionOpen, Owner: parts[0].Organisation, Kind: []string{schakel.ActionSafetyAgreement, "", schakel.ActionGoal}[i]})
	}
	for i, k := range append(plan.FamilyDecisionKinds(), "unknown_kind") {
		w.Decisions = append(w.Decisions, schakel.RaadDecision{ID: int64(i + 1), Kind: k, CreatedAt: now.AddDate(0, -1, -i)})
	}
	from := now.AddDate(0, 0, 2)
	w.FamilyMeetings = []schakel.FamilyMeeting{{ID: 1, StartsAt: now.AddDate(0, 0, 5), Minutes: 60, PersonIDs: []int64{1}, MovedFrom: &from,
		Location: schakel.ConsultationLocation{Mode: schakel.MeetInPerson, Place: "Stadhuis"}, About: "Afspraken-gesprek."}}
	viewer := access.FamilyPerson{ID: 1, Authority: true}
	v := familyview.Build(familyview.Facts{Case: c, Workspace: w, Scope: access.ScopeOf(viewer, []access.FamilyPerson{viewer}, nil, false)}, lang, now, workdays.Location())
	if len(v.Contacts) != 5 || len(v.Next) < 4 || len(v.Decisions) != 7 || len(v.Meetings) != 1 || len(v.Safety)+len(v.Actions)+len(v.Goals) != 3 {
		t.Fatalf("the fixture does not build every text: %+v", v)
	}
	return v
}

// TestFamilyViewLanguage: the family view that the screen and the family
// API show (internal/familyview tells it in the member's language) holds
// no Dutch fixed word in English, and what the professional wrote stays as
// written. internal/familyview's own tests check each text in both
// languages, and that the Dutch is the printed family copy's.
func TestFamilyViewLanguage(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	en := everyFixedViewText(t, now, familytext.Get("en"))
	b, err := json.Marshal(en)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "Raad voor de Kinderbescherming", "") // the Board's own name, given once in brackets
	for _, dutch := range dutchFixedWords {
		if strings.Contains(strings.ToLower(text), dutch) {
			t.Errorf("English view holds %q: %s", dutch, b)
		}
	}
	for _, want := range []string{"Sanne-tekst-1.", "Stadhuis", "Afspraken-gesprek.", "On or before 4 December 2026", "Keeps the overview.", "for your child", "Sunday 6 December 2026, 10:00 to 11:00"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("English view lacks %q: %s", want, b)
		}
	}
}
