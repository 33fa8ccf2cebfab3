package familyview_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/familycopy"
	"schakel/internal/familytext"
	"schakel/internal/familyview"
)

func fixture() familyview.Facts {
	child := schakel.ForChild
	vt := schakel.OrganisationRef{ID: 1, Name: "Veilig Thuis", Kind: schakel.VeiligThuis}
	blijf := schakel.OrganisationRef{ID: 2, Name: "Blijf Groep", Kind: schakel.BlijfGroep}
	c := schakel.Case{ID: 9, Persons: []schakel.Person{{ID: 1, Kind: "adult", GivenNames: "Kim"}, {ID: 2, Kind: "adult", GivenNames: "Rob"},
		{ID: 3, Kind: "child", GivenNames: "Sem"}},
		Participations: []schakel.ParticipationView{
			{Organisation: vt, Role: schakel.RoleRegie, Status: "active", Contact: &schakel.Contact{Name: "Sanne", Phone: "010-1"}},
			{Organisation: blijf, Role: schakel.RoleUitvoering, Status: "active", Contact: &schakel.Contact{Name: "Yasmina"}},
		}}
	due := time.Now().AddDate(0, 0, 3).Format("2006-01-02")
	w := schakel.Workspace{Plan: schakel.Plan{Actions: []schakel.Action{
		{ID: 10, Title: "Gesprek", FamilyText: "We praten met u.", Owner: vt, DueDate: due, Status: schakel.ActionOpen},
		{ID: 11, Title: "Opvang", FamilyText: "U woont in de opvang.", Owner: blijf, DueDate: due, Status: schakel.ActionOpen},
		{ID: 12, Title: "Nog zonder tekst", Owner: vt, DueDate: due, Status: schakel.ActionOpen},
		{ID: 13, Title: "Voor Sem", FamilyText: "Sem krijgt hulp op school.", For: &child, Owner: vt, DueDate: due, Status: schakel.ActionOpen},
		{ID: 14, Title: "Niet voor Rob", FamilyText: "Alleen voor Kim bedoeld.", Owner: vt, DueDate: due, Status: schakel.ActionOpen},
	}}}
	return familyview.Facts{Case: c, Workspace: w,
		Marks:        []familycopy.Mark{{ActionID: 14, Person: schakel.PersonRef{ID: 2}, Kind: familycopy.MarkWithhold}},
		Withholdings: []familyview.Withholding{{PersonID: 1, ActionID: 13}}}
}

// TestBuild checks what each family member's view holds: the professional
// title never, a text without family text never, the shelter only for the
// one who stays there, a "niet delen met" and a withheld item never for
// that person.
func TestBuild(t *testing.T) {
	persons := []access.FamilyPerson{{ID: 1, Authority: true, InShelter: true}, {ID: 2, Authority: true}, {ID: 3, Child: true, Age: 13}}
	for _, c := range []struct {
		viewer     int
		want, hide []string
	}{
		{0, []string{"We praten met u.", "U woont in de opvang.", "Blijf Groep", "Yasmina", "Alleen voor Kim"}, []string{"Sem krijgt hulp", "Nog zonder tekst", "Gesprek"}},
		{1, []string{"We praten met u.", "Sem krijgt hulp op school.", "Sanne"}, []string{"opvang", "Blijf", "Yasmina", "Alleen voor Kim"}},
		{2, []string{"We praten met u.", "Sem krijgt hulp op school.", "Alleen voor Kim"}, []string{"opvang", "Blijf", "Yasmina"}},
	} {
		f := fixture()
		f.Scope = access.ScopeOf(persons[c.viewer], persons, nil, false)
		v := familyview.Build(f, nil, time.Now(), time.UTC)
		b, _ := json.Marshal(v)
		for _, w := range c.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("viewer %d lacks %q: %s", persons[c.viewer].ID, w, b)
			}
		}
		for _, h := range c.hide {
			if strings.Contains(string(b), h) {
				t.Errorf("viewer %d sees %q", persons[c.viewer].ID, h)
			}
		}
	}
	f := fixture()
	f.Scope = access.ScopeOf(persons[1], persons, nil, true)
	if v := familyview.Build(f, nil, time.Now(), time.UTC); len(v.Actions)+len(v.Contacts)+len(v.Parts) != 0 {
		t.Errorf("a withheld view shows %+v", v)
	}
}

// TestMeetingTimesInTheLanguage: a planned conversation's time and the
// time it moved from are told in the viewer's language, and the same as
// data; an unknown language is Dutch.
func TestMeetingTimesInTheLanguage(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	ms := []schakel.FamilyMeeting{{ID: 1, StartsAt: time.Date(2026, 3, 3, 9, 30, 0, 0, time.UTC), Minutes: 45, PersonIDs: []int64{1}, MovedFrom: &from}}
	viewer := access.FamilyPerson{ID: 1, Authority: true}
	scope := access.ScopeOf(viewer, []access.FamilyPerson{viewer}, nil, false)
	for _, tc := range []struct{ lang, when, from string }{
		{"nl", "dinsdag 3 maart 2026, 10:30 tot 11:15", "maandag 2 maart 2026, 10:00"},
		{"en", "Tuesday 3 March 2026, 10:30 to 11:15", "Monday 2 March 2026, 10:00"},
		{"xx", "dinsdag 3 maart 2026, 10:30 tot 11:15", "maandag 2 maart 2026, 10:00"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			l := familyview.Meetings(ms, scope, familytext.Get(tc.lang), ams)
			if len(l) != 1 || l[0].When != tc.when || l[0].MovedFrom != tc.from {
				t.Fatalf("%+v, want %q moved from %q", l, tc.when, tc.from)
			}
			if l[0].StartsAt != "2026-03-03T09:30:00Z" || l[0].EndsAt != "2026-03-03T10:15:00Z" || l[0].MovedFromAt != "2026-03-02T09:00:00Z" {
				t.Errorf("data %+v", l[0])
			}
		})
	}
}
