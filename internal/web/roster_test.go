package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

type rosterJSON struct {
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
	Shifts []struct {
		ID             int64     `json:"id"`
		ProfessionalID int64     `json:"professional_id"`
		Name           string    `json:"name"`
		Organisation   string    `json:"organisation"`
		Kind           string    `json:"organisation_kind"`
		Start          time.Time `json:"start"`
		End            time.Time `json:"end"`
	} `json:"shifts"`
}

func TestRoster(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		lead := ts.Bearer(vtTeamLead)
		workerID := ts.ProfessionalID(vtCaseWorker)
		otherOrgID := ts.ProfessionalID(jbCaseWorker)
		start := time.Date(2031, 3, 3, 8, 0, 0, 0, time.UTC)

		t.Run("list", func(t *testing.T) {
			r := ts.Bearer(rbLawyer).Get("/api/v1/roster")
			wantStatus(t, r, http.StatusOK)
			var ro rosterJSON
			r.JSON(t, &ro)
			if len(ro.Shifts) == 0 {
				t.Fatal("no demo shifts")
			}
			kinds := map[string]bool{}
			for _, s := range ro.Shifts {
				if s.Name == "" || s.Organisation == "" || !s.End.After(s.Start) || s.End.Before(ro.From) || s.Start.After(ro.To) {
					t.Errorf("odd shift %+v in [%v, %v)", s, ro.From, ro.To)
				}
				kinds[s.Kind] = true
			}
			if !kinds["veilig_thuis"] {
				t.Errorf("no Veilig Thuis piket in %v", kinds)
			}
			// An empty window.
			r = lead.Get("/api/v1/roster?from=2040-01-01T00:00:00Z&to=2040-01-02T00:00:00Z")
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, `"shifts":[]`)
		})

		for _, tc := range []struct {
			name     string
			c        *client
			body     map[string]any
			status   int
			code     string
			field    string
			listedAs string
		}{
			{"team lead, own organisation", lead, map[string]any{"professional_id": workerID, "start": start, "end": start.Add(24 * time.Hour)}, 201, "", "", "Mohamed El Idrissi"},
			{"admin, own organisation", ts.Bearer(vtAdmin), map[string]any{"professional_id": workerID, "start": start.Add(24 * time.Hour), "end": start.Add(48 * time.Hour)}, 201, "", "", ""},
			{"team lead, other organisation", lead, map[string]any{"professional_id": otherOrgID, "start": start, "end": start.Add(time.Hour)}, 403, "forbidden", "", ""},
			{"case worker, own shift", ts.Bearer(vtCaseWorker), map[string]any{"professional_id": workerID, "start": start, "end": start.Add(time.Hour)}, 403, "forbidden", "", ""},
			{"end before start", lead, map[string]any{"professional_id": workerID, "start": start, "end": start.Add(-time.Hour)}, 422, "invalid", "end", ""},
			{"end equals start", lead, map[string]any{"professional_id": workerID, "start": start, "end": start}, 422, "invalid", "end", ""},
			{"no times", lead, map[string]any{"professional_id": workerID}, 422, "invalid", "start", ""},
			{"no professional", lead, map[string]any{"start": start, "end": start.Add(time.Hour)}, 422, "invalid", "professional_id", ""},
			{"bad time", lead, map[string]any{"professional_id": workerID, "start": "maandag", "end": start}, 422, "invalid", "start", ""},
			{"unknown field", lead, map[string]any{"professional_id": workerID, "start": start, "end": start.Add(time.Hour), "dienst": "nacht"}, 422, "invalid", "dienst", ""},
			{"unknown professional", lead, map[string]any{"professional_id": 999999, "start": start, "end": start.Add(time.Hour)}, 404, "not_found", "", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := tc.c.SendJSON("POST", "/api/v1/roster", tc.body)
				wantStatus(t, r, tc.status)
				if tc.status >= 400 {
					p := r.Problem(t)
					if p.Code != tc.code {
						t.Errorf("code = %q, want %q", p.Code, tc.code)
					}
					if tc.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != tc.field) {
						t.Errorf("errors = %+v, want field %q", p.Errors, tc.field)
					}
					return
				}
				var created struct {
					ID int64 `json:"id"`
				}
				r.JSON(t, &created)
				if created.ID == 0 {
					t.Errorf("no id in %s", r.Body)
				}
				if tc.listedAs != "" {
					var ro rosterJSON
					lead.Get("/api/v1/roster?from=2031-03-03T09:00:00Z&to=2031-03-03T10:00:00Z").JSON(t, &ro)
					if len(ro.Shifts) != 1 || ro.Shifts[0].Name != tc.listedAs || !ro.Shifts[0].Start.Equal(start) {
						t.Errorf("roster = %+v", ro.Shifts)
					}
				}
			})
		}

		t.Run("form", func(t *testing.T) {
			c := ts.Login(vtTeamLead)
			page := c.Get("/piket")
			wantStatus(t, page, http.StatusOK)
			wantContains(t, page, "<h1>Piketrooster</h1>", "Dienst toevoegen")
			day := time.Date(2031, 4, 1, 8, 0, 0, 0, workdays.Location())
			r := c.PostForm("/piket", url.Values{"professional_id": {itoa(workerID)},
				"start": {day.Format("2006-01-02T15:04")}, "end": {day.Add(24 * time.Hour).Format("2006-01-02T15:04")}})
			wantStatus(t, r, http.StatusSeeOther)
			// End before start: the form again, with what was typed.
			r = c.PostForm("/piket", url.Values{"professional_id": {itoa(workerID)},
				"start": {"2031-04-02T08:00"}, "end": {"2031-04-01T08:00"}})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			wantContains(t, r, "Kies een eindtijd na de begintijd.", `value="2031-04-02T08:00"`, `value="2031-04-01T08:00"`)
			r = c.PostForm("/piket", url.Values{"professional_id": {"x"}, "start": {"morgen"}, "end": {""}})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			wantContains(t, r, "Kies een medewerker.", "Vul een geldige begintijd in.")
			// Someone of another organisation.
			r = c.PostForm("/piket", url.Values{"professional_id": {itoa(otherOrgID)},
				"start": {"2031-04-02T08:00"}, "end": {"2031-04-03T08:00"}})
			wantStatus(t, r, http.StatusForbidden)
			// Not a team lead: no form, and posting is refused.
			worker := ts.Login(vtCaseWorker)
			page = worker.Get("/piket")
			wantStatus(t, page, http.StatusOK)
			if strings.Contains(page.Body, "Dienst toevoegen") {
				t.Errorf("a case worker sees the add-shift form")
			}
			r = worker.PostForm("/piket", url.Values{"professional_id": {itoa(workerID)},
				"start": {"2031-04-02T08:00"}, "end": {"2031-04-03T08:00"}})
			wantStatus(t, r, http.StatusForbidden)
		})
	})
}
