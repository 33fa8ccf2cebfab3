package web_test

import (
	"net/http"
	"net/url"
	"schakel/internal/app"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestSmallThings covers the screens' small fixes of issue 10: the logout
// notice, the piket roster without past shifts, owner lists that make you
// choose, and invitations in the work list marked new with the family's
// name.
func TestSmallThings(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)

		t.Run("logging out says so", func(t *testing.T) {
			c := ts.Login(vtTeamLead)
			r := c.PostForm("/logout", nil)
			wantStatus(t, r, http.StatusSeeOther)
			page := c.Get(r.Header.Get("Location"))
			wantStatus(t, page, http.StatusOK)
			wantContains(t, page, `<div class="alert ok" role="status"><p>U bent uitgelogd.</p></div>`)
			if strings.Contains(ts.Anonymous().Get("/login").Body, "U bent uitgelogd") {
				t.Error("the plain login page says you logged out")
			}
		})

		t.Run("the roster lists current and future shifts only", func(t *testing.T) {
			now := ts.Clock.Now()
			shift := func(email string, from, to time.Duration) {
				t.Helper()
				err := ts.DB.Update(t.Context(), func(tx *storage.Tx) error {
					_, err := app.AddDutyShiftIn(tx, nil, ts.ProfessionalID(email), now.Add(from), now.Add(to))
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			shift(vtAdmin, -5*time.Hour, -time.Hour)    // over
			shift(vtPrivacy, -time.Hour, 2*time.Hour)   // now
			shift(rbLawyer, 20*time.Hour, 30*time.Hour) // tomorrow
			page := ts.Login(vtIntake).Get("/piket")
			wantStatus(t, page, http.StatusOK)
			wantContains(t, page, "Karin Mulder", "Gerard Brouwer", "Diensten die voorbij zijn, staan er niet meer bij.")
			if strings.Contains(page.Body, "Joost de Boer") {
				t.Error("a shift that is over is still listed")
			}
			// Adding a shift: no colleague is chosen for you.
			lead := ts.Login(vtTeamLead)
			wantContains(t, lead.Get("/piket"), `name="professional_id" required><option value="">Kies een medewerker</option>`)
			r := lead.PostForm("/piket", url.Values{"professional_id": {""}, "start": {"2030-01-01T08:00"}, "end": {"2030-01-01T17:00"}})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			wantContains(t, r, "Kies een medewerker.", `value="2030-01-01T08:00"`)
		})

		res := ts.fileReport(t, vtIntake, true)
		caseURL := "/casussen/" + itoa(res.CaseID)

		t.Run("owner lists start empty and must be chosen", func(t *testing.T) {
			sanne := ts.Login(vtIntake)
			page := sanne.Get(caseURL + "/plan")
			wantStatus(t, page, http.StatusOK)
			wantContains(t, page, `<select id="action-owner" name="owner" required`, `<option value="" selected>Kies wie het uitvoert</option>`)
			form := url.Values{"title": {"Gesprek met moeder"}, "kind": {schakel.ActionTask}, "for": {schakel.ForParents},
				"owner": {""}, "due_date": {ts.Clock.Now().Add(48 * time.Hour).Format("2006-01-02")}}
			r := sanne.PostForm(caseURL+"/acties", form)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			if n := strings.Count(r.Body, `<p class="field-error" id="action-owner-error"><span class="visually-hidden">Fout: </span>Kies wie de actie uitvoert.</p>`); n != 1 {
				t.Errorf("want one 'Kies wie de actie uitvoert.' next to the owner, found %d", n)
			}
			if strings.Contains(r.Body, "Kies de organisatie die de actie uitvoert.") {
				t.Error("the screen asks for an organisation it has no field for")
			}
			wantContains(t, r, `value="Gesprek met moeder"`)
			orgs := sanne.Get(caseURL + "/organisaties")
			wantContains(t, orgs, `<option value="" selected>Kies een organisatie</option>`)
		})

		t.Run("an invitation is new in the work list, with the family's name", func(t *testing.T) {
			if res.Consultation == nil || len(res.Consultation.Participants) == 0 {
				t.Fatal("a red report without invitees")
			}
			var invitee string
			for _, p := range res.Consultation.Participants {
				if p.Professional.ID != ts.ProfessionalID(vtIntake) {
					invitee = mustEmail(t, ts, p.Professional.ID)
					break
				}
			}
			c := ts.Login(invitee)
			family := "Gezin " + res.Case.Persons[0].FamilyName
			row := workRow(t, c.Get("/?scope=mine"), "/overleggen/"+itoa(res.Consultation.ID))
			for _, want := range []string{`<span class="badge small new">Nieuw</span>`, family} {
				if !strings.Contains(row, want) {
					t.Errorf("the invitation's row lacks %q:\n%s", want, row)
				}
			}
			wantStatus(t, c.Get("/overleggen/"+itoa(res.Consultation.ID)), http.StatusOK)
			row = workRow(t, c.Get("/?scope=mine"), "/overleggen/"+itoa(res.Consultation.ID))
			if strings.Contains(row, "Nieuw") || !strings.Contains(row, family) {
				t.Errorf("after opening, the row is still new or lost the family:\n%s", row)
			}
		})
	})
}

// workRow returns the work-list row that links to href.
func workRow(t *testing.T, page response, href string) string {
	t.Helper()
	wantStatus(t, page, http.StatusOK)
	for _, row := range strings.Split(page.Body, "<tr") {
		if strings.Contains(row, `href="`+href+`"`) {
			return row
		}
	}
	t.Fatalf("no row links to %s", href)
	return ""
}

// mustEmail is the address of a professional.
func mustEmail(t *testing.T, ts *testServer, id int64) string {
	t.Helper()
	p, err := ts.DB.Professional(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Email
}
