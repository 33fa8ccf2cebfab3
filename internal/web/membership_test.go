package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// openMembershipRound moves the clock a quarter and a day on and runs the
// review job once, as serve does: every organisation's round opens.
func openMembershipRound(t *testing.T, ts *testServer) {
	t.Helper()
	ts.Clock.Advance(92 * 24 * time.Hour)
	if run, err := app.New(ts.DB).ReviewMembership(context.Background()); err != nil || run.Opened == 0 {
		t.Fatalf("open rounds: %+v, %v", run, err)
	}
}

// TestMembershipScreen: Veilig Thuis's administrator confirms a
// colleague on /beheer/wie-werkt-hier, marks one as gone (whose session
// ends at once), and is told clearly what cannot be; nobody else sees the
// screen; after the deadline an unconfirmed colleague is told at login
// that the account is paused, and the administrator turns it on again.
func TestMembershipScreen(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		openMembershipRound(t, ts)
		admin := ts.Login(vtAdmin)
		sanne, ruud, mohamed := ts.ProfessionalID(vtIntake), ts.ProfessionalID(demo.Email("Ruud", "vt")), ts.ProfessionalID(demo.Email("Mohamed", "vt"))
		page := admin.Get("/beheer/wie-werkt-hier")
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "<h1>Wie werkt hier nog?</h1>", "Bevestig uiterlijk", "Sanne de Wit", "Nog niet bevestigd", "Alles bevestigen",
			`name="still_here" value="`+itoa(sanne)+`"`, `name="left" value="`+itoa(ruud)+`"`)
		wantStatus(t, ts.Login(vtIntake).Get("/beheer/wie-werkt-hier"), http.StatusForbidden)
		wantStatus(t, ts.Login(jbAdmin).PostForm("/beheer/wie-werkt-hier", url.Values{"left": {itoa(sanne)}}), http.StatusUnprocessableEntity) // their own list: Sanne is not on it
		ruudSession := ts.Login(demo.Email("Ruud", "vt"))

		wantStatus(t, admin.PostForm("/beheer/wie-werkt-hier", url.Values{"still_here": {itoa(sanne)}, "confirm": {"1"}}), http.StatusSeeOther)
		wantContains(t, admin.Get("/beheer/wie-werkt-hier?ok=bevestigd"), "Opgeslagen.", "door Joost de Boer")
		wantStatus(t, admin.PostForm("/beheer/wie-werkt-hier", url.Values{"left": {itoa(ruud)}, "still_here": {itoa(mohamed)}}), http.StatusSeeOther)
		wantStatus(t, ruudSession.Get("/api/v1/me"), http.StatusUnauthorized)
		wantContains(t, admin.Get("/beheer/wie-werkt-hier"), "Werkt hier niet meer (uitgezet)")

		for _, c := range []struct {
			name string
			form url.Values
			want string
		}{
			{"nobody ticked", url.Values{"confirm": {"1"}}, "Vink aan wie hier nog werkt"},
			{"not a number", url.Values{"still_here": {"abc"}}, "Kies een medewerker uit de lijst."},
			{"someone of another organisation", url.Values{"left": {itoa(ts.ProfessionalID(jbAdmin))}}, "hoort niet bij uw organisatie"},
			{"oneself gone", url.Values{"left": {itoa(ts.ProfessionalID(vtAdmin))}}, "U kunt uzelf niet als vertrokken melden."},
			{"an interval of 13 months", nil, "Kies een aantal maanden tussen 1 en 12."},
		} {
			t.Run(c.name, func(t *testing.T) {
				path := "/beheer/wie-werkt-hier"
				if c.form == nil {
					path, c.form = path+"/tussentijd", url.Values{"interval_months": {"13"}}
				}
				res := admin.PostForm(path, c.form)
				if res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusConflict {
					t.Fatalf("status %d, want 422 or 409", res.StatusCode)
				}
				wantContains(t, res, "Dit is niet opgeslagen", c.want)
			})
		}
		wantStatus(t, admin.PostForm("/beheer/wie-werkt-hier/tussentijd", url.Values{"interval_months": {"6"}}), http.StatusSeeOther)
		wantContains(t, admin.Get("/beheer/wie-werkt-hier"), "Elke 6 maanden controleert", `<option value="6" selected>`)

		// After the deadline: Mohamed was confirmed, Pieter was not.
		ts.Clock.Advance(20 * 24 * time.Hour)
		if run, err := app.New(ts.DB).ReviewMembership(context.Background()); err != nil || run.Suspended == 0 {
			t.Fatalf("close rounds: %+v, %v", run, err)
		}
		ts.Login(demo.Email("Mohamed", "vt"))
		pieter := demo.Email("Pieter", "vt")
		res := ts.Anonymous().PostForm("/login", url.Values{"email": {pieter}, "password": {demo.Password}, "next": {"/"}})
		wantStatus(t, res, http.StatusUnauthorized)
		wantContains(t, res, "Uw account is gepauzeerd", "Vraag uw beheerder")
		res = ts.Anonymous().PostForm("/login", url.Values{"email": {pieter}, "password": {"niet-het-wachtwoord"}, "next": {"/"}})
		wantContains(t, res, "Het e-mailadres of wachtwoord klopt niet.")
		admin = ts.Login(vtAdmin)
		wantContains(t, admin.Get("/beheer/wie-werkt-hier"), "Gepauzeerd: niet op tijd bevestigd", `name="activate" value="`+itoa(ts.ProfessionalID(pieter))+`"`)
		wantStatus(t, admin.PostForm("/beheer/wie-werkt-hier", url.Values{"activate": {itoa(ts.ProfessionalID(pieter))}}), http.StatusSeeOther)
		ts.Login(pieter)
	})
}

// TestMembershipAPI: the same through the API, with its stable codes.
func TestMembershipAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		vt := itoa(mustProfessional(t, ts, vtAdmin).Organisation.ID)
		path := "/api/v1/organisations/" + vt + "/membership"
		admin := ts.Bearer(vtAdmin)
		var v struct {
			Round  *struct{ ID int64 } `json:"round"`
			Months int                 `json:"interval_months"`
			Next   *time.Time          `json:"next_round_at"`
			People []struct {
				ID   int64  `json:"id"`
				Mark string `json:"mark"`
			} `json:"people"`
		}
		admin.Get(path).JSON(t, &v)
		if v.Round != nil || v.Months != 3 || v.Next == nil || len(v.People) < 5 {
			t.Fatalf("before a round: %+v", v)
		}
		sanne := ts.ProfessionalID(vtIntake)
		for _, c := range []struct {
			name   string
			who    *client
			method string
			path   string
			body   any
			status int
			code   string
		}{
			{"another organisation's administrator reads", ts.Bearer(jbAdmin), "GET", path, nil, http.StatusForbidden, "forbidden"},
			{"a colleague reads", ts.Bearer(vtIntake), "GET", path, nil, http.StatusForbidden, "forbidden"},
			{"another organisation's administrator marks", ts.Bearer(jbAdmin), "POST", path, map[string]any{"left": []int64{sanne}}, http.StatusForbidden, "forbidden"},
			{"still here without a round", admin, "POST", path, map[string]any{"still_here": []int64{sanne}}, http.StatusConflict, "conflict"},
			{"oneself gone", admin, "POST", path, map[string]any{"left": []int64{ts.ProfessionalID(vtAdmin)}}, http.StatusConflict, "conflict"},
			{"nobody", admin, "POST", path, map[string]any{}, http.StatusUnprocessableEntity, "invalid"},
			{"an unknown field", admin, "POST", path, map[string]any{"weg": []int64{sanne}}, http.StatusUnprocessableEntity, "invalid"},
			{"interval 0", admin, "PUT", path + "/interval", map[string]any{"interval_months": 0}, http.StatusUnprocessableEntity, "invalid"},
			{"interval by an outsider", ts.Bearer(jbAdmin), "PUT", path + "/interval", map[string]any{"interval_months": 6}, http.StatusForbidden, "forbidden"},
		} {
			t.Run(c.name, func(t *testing.T) {
				var res response
				if c.body == nil {
					res = c.who.Get(c.path)
				} else {
					res = c.who.SendJSON(c.method, c.path, c.body)
				}
				wantStatus(t, res, c.status)
				if p := res.Problem(t); p.Code != c.code {
					t.Fatalf("code %q, want %q", p.Code, c.code)
				}
			})
		}
		openMembershipRound(t, ts)
		admin = ts.Bearer(vtAdmin)
		var saved struct{ Saved int }
		admin.SendJSON("POST", path, map[string]any{"still_here": []int64{sanne}, "left": []int64{ts.ProfessionalID(demo.Email("Ruud", "vt"))}}).JSON(t, &saved)
		if saved.Saved != 2 {
			t.Fatalf("saved %+v", saved)
		}
		wantStatus(t, admin.SendJSON("PUT", path+"/interval", map[string]any{"interval_months": 12}), http.StatusNoContent)
		v.Next = nil
		admin.Get(path).JSON(t, &v)
		if v.Round == nil || v.Months != 12 || v.Next != nil {
			t.Fatalf("during the round: %+v", v)
		}
		for _, p := range v.People {
			if p.ID == sanne && p.Mark != "confirmed" {
				t.Fatalf("Sanne's mark %q", p.Mark)
			}
		}
	})
}

// TestMembershipSuspendedAtTheProvider: a suspended account that logs in
// through its organisation's identity provider gets its own page (not the
// page of a disabled account), and logs in again once re-activated.
func TestMembershipSuspendedAtTheProvider(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := startSSO(t, e, func(*web.Config) {})
		ctx := context.Background()
		err := f.ts.DB.Update(ctx, func(tx *storage.Tx) error {
			now := tx.Now()
			round, _, err := tx.OpenMembershipRound(f.jbOrgID, now, now)
			if err != nil {
				return err
			}
			return tx.SuspendProfessional(f.workerID, round)
		})
		if err != nil {
			t.Fatal(err)
		}
		_, res := f.login(t, ssoWorker)
		wantStatus(t, res, http.StatusForbidden)
		wantContains(t, res, "<h1>Uw account is gepauzeerd</h1>", "Vraag uw beheerder om uw account weer aan te zetten.")
		jb := &schakel.Actor{Professional: mustProfessional(t, f.ts, jbAdmin)}
		if err := app.New(f.ts.DB).SetProfessionalActive(ctx, jb, f.workerID, true); err != nil {
			t.Fatal(err)
		}
		_, res = f.login(t, ssoWorker)
		wantStatus(t, res, http.StatusSeeOther)
	})
}
