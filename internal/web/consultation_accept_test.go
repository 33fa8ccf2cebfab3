package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage/storagetest"
)

// TestAcceptInvitation walks "Ik doe mee" on both surfaces: the work list
// offers it (and "Ik kan niet", to the decline form), the form makes the invitee's organisation take part in the
// case, the consultation page then says so, and the API answers the same
// for an invitee and refuses someone who was not invited.
func TestAcceptInvitation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		f := ts.fileReport(t, vtIntake, true)
		if f.Consultation == nil {
			t.Fatal("a red report without a crisis table")
		}
		var jbEmail, raadEmail string
		for _, p := range f.Consultation.Participants {
			pro, err := ts.DB.Professional(t.Context(), p.Professional.ID)
			if err != nil {
				t.Fatal(err)
			}
			switch p.Professional.Organisation.Kind {
			case schakel.Jeugdbescherming:
				jbEmail = pro.Email
			case schakel.Raad:
				raadEmail = pro.Email
			}
		}
		if jbEmail == "" || raadEmail == "" {
			t.Fatalf("no jeugdbescherming or Raad at the table: %+v", f.Consultation.Participants)
		}
		path := "/overleggen/" + itoa(f.Consultation.ID)
		jb := ts.Login(jbEmail)
		wantContains(t, jb.Get("/"), `action="`+path+`/meedoen"`, "Ik doe mee", `href="`+path+`?afmelden=1#afmelden"`, "Ik kan niet")
		// "Ik kan niet" opens the page with the decline form unfolded: a
		// decline needs a reason, so it cannot be one click in the list.
		wantContains(t, jb.Get(path+"?afmelden=1"), `<details open>
    <summary>Afmelden voor dit overleg</summary>`)
		wantStatus(t, jb.PostForm(path+"/meedoen", url.Values{}), http.StatusSeeOther)
		page := jb.Get(path + "?ok=deelname")
		wantContains(t, page, "U doet mee aan dit overleg.")
		if strings.Contains(jb.Get("/").Body, `action="`+path+`/meedoen"`) {
			t.Error("the work list still offers to accept an accepted invitation")
		}
		sanne := &schakel.Actor{Professional: mustProfessional(t, ts, vtIntake), ClientAddr: "127.0.0.1"}
		c, err := app.New(ts.DB).Case(t.Context(), sanne, f.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		joined := false
		for _, p := range c.Participations {
			joined = joined || (p.Organisation.Kind == schakel.Jeugdbescherming && p.Role == schakel.RoleUitvoering && p.Status == "active")
		}
		if !joined {
			t.Errorf("jeugdbescherming does not take part after accepting: %+v", c.Participations)
		}
		api := "/api/v1/consultations/" + itoa(f.Consultation.ID) + "/accept"
		wantStatus(t, ts.Bearer(raadEmail).SendJSON("POST", api, nil), http.StatusOK)
		wantStatus(t, ts.Bearer("rob.schuldhulp@schakel.example").SendJSON("POST", api, nil), http.StatusForbidden)
	})
}
