package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/intake"
)

// familyCase is a family filed by Veilig Thuis's intake worker (the regie
// holder's contact): a mother with authority and a child of 13.
type familyCase struct {
	caseID, mother, child int64
	birth                 map[int64]string
}

func (ts *testServer) fileFamily(t *testing.T, name string) familyCase {
	t.Helper()
	p := mustProfessional(t, ts, vtIntake)
	childBirth := ts.Clock.Now().AddDate(-13, 0, -20).Format("2006-01-02")
	rep := intake.Report{
		Reporter:     intake.Reporter{Kind: "police", Name: "Agent Gezin"},
		Children:     []intake.Person{{GivenNames: "Mila", FamilyName: name, BirthDate: childBirth, Relation: "child"}},
		Adults:       []intake.Person{{GivenNames: "Eva", FamilyName: name, BirthDate: "1985-04-12", Relation: "parent", ParentalAuthority: true}},
		Municipality: "Rotterdam", Concerns: []string{"domestic_violence"}, Indicators: []string{"witnessed_domestic_violence"},
		Narrative: "Buren hoorden ruzie. Moeder en dochter zijn veilig.",
	}
	res, err := app.New(ts.DB).CreateReport(t.Context(), &schakel.Actor{Professional: p, ClientAddr: "127.0.0.1"}, rep, "")
	if err != nil {
		t.Fatalf("file report: %v", err)
	}
	f := familyCase{caseID: res.CaseID, birth: map[int64]string{}}
	c, _, err := app.New(ts.DB).CaseWorkspace(t.Context(), &schakel.Actor{Professional: p}, res.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	for _, per := range c.Persons {
		f.birth[per.ID] = per.BirthDate.Format("2006-01-02")
		if per.Kind == "child" {
			f.child = per.ID
		} else {
			f.mother = per.ID
		}
	}
	return f
}

var activationCode = regexp.MustCompile(`class="activation-code"[^>]*>([A-Z0-9-]+)<`)

// invite asks for a code on the professional's page and returns it.
func (f familyCase) invite(t *testing.T, pro *client, person int64) string {
	t.Helper()
	r := pro.PostForm("/casussen/"+itoa(f.caseID)+"/gezinsleden/"+itoa(person)+"/uitnodigen", url.Values{})
	wantStatus(t, r, http.StatusOK)
	m := activationCode.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no code on the invitation page:\n%s", truncateBody(r.Body))
	}
	return m[1]
}

// member invites a person and activates their account in a new browser,
// with the code and an app; the returned client holds the family session.
func (f familyCase) member(t *testing.T, ts *testServer, pro *client, person int64, username string) *client {
	t.Helper()
	c := f.activateOnly(t, ts, pro, person, username)
	enrolApp(t, c, "/gezin/tweede-stap")
	return c
}

// activateOnly invites a person and types the code in a new browser, which
// then waits on the screen that sets up the app.
func (f familyCase) activateOnly(t *testing.T, ts *testServer, pro *client, person int64, username string) *client {
	t.Helper()
	code := f.invite(t, pro, person)
	c := ts.Anonymous()
	r := c.PostForm("/gezin/activeren", url.Values{"code": {strings.ToLower(code)}, "birth_date": {f.birth[person]},
		"username": {username}, "password": {"blauwe fiets op de dijk"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/gezin/tweede-stap" {
		t.Fatalf("activation: %d %s\n%s", r.StatusCode, r.Header.Get("Location"), truncateBody(r.Body))
	}
	return c
}
