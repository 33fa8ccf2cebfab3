package web_test

import (
	"encoding/csv"
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// fileReportAt files an orange report received at t (at most 90 days ago)
// and returns its case id.
func (ts *testServer) fileReportAt(t *testing.T, email string, at time.Time, family string) int64 {
	t.Helper()
	p := mustProfessional(t, ts, email)
	rep := benchReport()
	rep.ReceivedAt = &at
	rep.Children[0].FamilyName, rep.Adults[0].FamilyName = family, family
	res, err := app.New(ts.DB).CreateReport(t.Context(), &schakel.Actor{Professional: p, ClientAddr: "127.0.0.1"}, rep, "")
	if err != nil {
		t.Fatalf("file report: %v", err)
	}
	return res.CaseID
}

func event(typ string, at time.Time) map[string]any {
	return map[string]any{"type": typ, "at": at.UTC().Format(time.RFC3339)}
}

func courtOrder(at, ends time.Time, measure string) map[string]any {
	e := event("court_order", at)
	e["details"] = map[string]any{"measure": measure, "ends_at": ends.Format(time.DateOnly)}
	return e
}

func problemFields(t *testing.T, r response) []string {
	t.Helper()
	var out []string
	for _, f := range r.Problem(t).Errors {
		out = append(out, f.Field)
	}
	return out
}

type timelineJSON struct {
	CaseID int64 `json:"case_id"`
	Events []struct {
		ID         int64  `json:"id"`
		Type       string `json:"type"`
		Superseded bool   `json:"superseded"`
		Effective  bool   `json:"effective"`
		Corrects   int64  `json:"corrects"`
		Source     string `json:"source"`
	} `json:"events"`
	Phases []struct {
		Phase  string `json:"phase"`
		Status string `json:"status"`
		Within *bool  `json:"within_norm"`
	} `json:"phases"`
	Orders []struct {
		Measure string `json:"measure"`
	} `json:"court_orders"`
}

func TestChainAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		now := ts.Clock.Now()
		received := now.AddDate(0, 0, -60)
		caseID := ts.fileReportAt(t, vtIntake, received, "Tijdlijn")
		api := ts.Bearer(vtIntake)
		base := "/api/v1/cases/" + itoa(caseID)

		r := api.Get(base + "/timeline")
		wantStatus(t, r, http.StatusOK)
		var tl timelineJSON
		r.JSON(t, &tl)
		if tl.CaseID != caseID || len(tl.Events) != 2 || tl.Events[0].Type != "report_received" || tl.Events[1].Type != "rated" || tl.Events[0].Source != "schakel" {
			t.Fatalf("timeline after intake: %+v", tl)
		}

		// Bad input: clear errors with field names, nothing stored.
		noEnd := event("court_order", received.AddDate(0, 0, 5))
		noEnd["details"] = map[string]any{"measure": "supervision"}
		bad := []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"help before the report", event("help_started", received.AddDate(0, 0, -3)), "at"},
			{"a date in the future", event("help_started", now.Add(72*time.Hour)), "at"},
			{"an unknown type", event("birthday", received.AddDate(0, 0, 1)), "type"},
			{"a court order without an end date", noEnd, "details.ends_at"},
			{"a step Schakel records itself", event("safety_assessment_done", received.AddDate(0, 0, 1)), "type"},
			{"a guardian before any order", event("guardian_started", received.AddDate(0, 0, 1)), "type"},
			{"no date", map[string]any{"type": "help_started"}, "at"},
		}
		for _, tc := range bad {
			r := api.SendJSON("POST", base+"/events", tc.body)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			if f := problemFields(t, r); !slices.Contains(f, tc.field) {
				t.Errorf("%s: fields %v, want %s", tc.name, f, tc.field)
			}
		}
		r = api.Do("POST", base+"/events", strings.NewReader(`{"type": `), "application/json")
		wantStatus(t, r, http.StatusBadRequest)

		// The chain to the family guardian, by API.
		steps := []map[string]any{
			event("investigation_started", received.AddDate(0, 0, 2)),
			event("investigation_ended", received.AddDate(0, 0, 20)),
			event("raad_requested", received.AddDate(0, 0, 21)),
			event("raad_investigation_started", received.AddDate(0, 0, 25)),
			event("raad_investigation_ended", received.AddDate(0, 0, 40)),
			event("court_petition", received.AddDate(0, 0, 41)),
			courtOrder(received.AddDate(0, 0, 50), received.AddDate(0, 0, 50).AddDate(0, 3, 0), "interim_supervision"),
		}
		for _, s := range steps {
			r := api.SendJSON("POST", base+"/events", s)
			wantStatus(t, r, http.StatusCreated)
			if r.Header.Get("Location") != base+"/timeline" {
				t.Errorf("Location %q", r.Header.Get("Location"))
			}
		}
		r = api.SendJSON("POST", base+"/events", event("guardian_started", received.AddDate(0, 0, 55)))
		wantStatus(t, r, http.StatusCreated)
		var g struct {
			ID int64 `json:"id"`
		}
		r.JSON(t, &g)

		// A correction is a new fact; the old one stays visible.
		fix := event("guardian_started", received.AddDate(0, 0, 53))
		fix["corrects"], fix["reason"] = g.ID, "Het eerste huisbezoek was twee dagen eerder."
		wantStatus(t, api.SendJSON("POST", base+"/events", fix), http.StatusCreated)
		r = api.Get(base + "/timeline")
		wantStatus(t, r, http.StatusOK)
		tl = timelineJSON{}
		r.JSON(t, &tl)
		old := slices.IndexFunc(tl.Events, func(e struct {
			ID         int64  `json:"id"`
			Type       string `json:"type"`
			Superseded bool   `json:"superseded"`
			Effective  bool   `json:"effective"`
			Corrects   int64  `json:"corrects"`
			Source     string `json:"source"`
		}) bool {
			return e.ID == g.ID
		})
		if old < 0 || !tl.Events[old].Superseded || tl.Events[old].Effective {
			t.Errorf("the corrected event must stay visible as superseded: %+v", tl.Events)
		}
		chainDone := false
		for _, p := range tl.Phases {
			if p.Phase == "chain" && p.Status == "done" && p.Within != nil && *p.Within {
				chainDone = true
			}
		}
		if !chainDone || len(tl.Orders) != 1 || tl.Orders[0].Measure != "interim_supervision" {
			t.Errorf("phases %+v orders %+v", tl.Phases, tl.Orders)
		}

		// Need to know: an organisation not on the case sees nothing of it.
		other := ts.Bearer(jbCaseWorker)
		wantStatus(t, other.Get(base+"/timeline"), http.StatusForbidden)
		wantStatus(t, other.SendJSON("POST", base+"/events", event("help_started", received.AddDate(0, 0, 60))), http.StatusForbidden)
		wantStatus(t, api.Get("/api/v1/cases/999999/timeline"), http.StatusNotFound)

		// Norms: read by all, changed by an administrator, never ≤ 0.
		r = api.Get("/api/v1/norms")
		wantStatus(t, r, http.StatusOK)
		var norms struct {
			Norms []struct {
				ID     string `json:"id"`
				Amount int    `json:"amount"`
				Unit   string `json:"unit"`
				Source string `json:"source"`
			} `json:"norms"`
		}
		r.JSON(t, &norms)
		if i := slices.IndexFunc(norms.Norms, func(n struct {
			ID     string `json:"id"`
			Amount int    `json:"amount"`
			Unit   string `json:"unit"`
			Source string `json:"source"`
		}) bool {
			return n.ID == "safety_assessment"
		}); i < 0 || norms.Norms[i].Amount != 5 || norms.Norms[i].Unit != "working_days" || !strings.Contains(norms.Norms[i].Source, "4.1.7") {
			t.Errorf("norms %+v", norms)
		}
		norm := map[string]any{"amount": 8, "unit": "weeks", "target": 0.8, "source": "Afspraak regio Rijnmond 2026"}
		wantStatus(t, api.SendJSON("PUT", "/api/v1/norms/vt_investigation", norm), http.StatusForbidden)
		admin := ts.Bearer(vtAdmin)
		for _, amount := range []int{0, -5} {
			r := admin.SendJSON("PUT", "/api/v1/norms/vt_investigation", map[string]any{"amount": amount, "unit": "weeks", "source": "x"})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			if f := problemFields(t, r); !slices.Contains(f, "amount") {
				t.Errorf("amount %d: fields %v", amount, f)
			}
		}
		wantStatus(t, admin.SendJSON("PUT", "/api/v1/norms/no_such_phase", norm), http.StatusNotFound)
		r = admin.SendJSON("PUT", "/api/v1/norms/vt_investigation", norm)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"text":"8 weken"`, `"default":false`)

		// Lead times.
		r = api.Get("/api/v1/leadtimes")
		wantStatus(t, r, http.StatusOK)
		var lt struct {
			Phases []map[string]any `json:"phases"`
			Chain  map[string]any   `json:"chain"`
		}
		r.JSON(t, &lt)
		for _, k := range []string{"count", "median_days", "p80_days", "p90_days", "within_norm"} {
			if _, ok := lt.Chain[k]; !ok {
				t.Errorf("chain lacks %s: %v", k, lt.Chain)
			}
		}
		// One family: its count, but no figures that would be its own.
		if lt.Chain["count"].(float64) != 1 || lt.Chain["suppressed"] != true || lt.Chain["median_days"] != nil || lt.Chain["within_norm"] != nil {
			t.Errorf("chain %v", lt.Chain)
		}
		q := url.Values{"from": {received.Format(time.DateOnly)}, "to": {now.Format(time.DateOnly)}, "region": {"1"}, "municipality": {"Rotterdam"}}
		wantStatus(t, api.Get("/api/v1/leadtimes?"+q.Encode()), http.StatusOK)
		for _, bad := range []string{"from=gisteren", "region=-1", "cohort=x", "from=2026-05-01&to=2026-04-01"} {
			r := api.Get("/api/v1/leadtimes?" + bad)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			if len(r.Problem(t).Errors) == 0 {
				t.Errorf("%s: no field named", bad)
			}
		}
		wantStatus(t, api.Get("/api/v1/dashboard?trend=chain"), http.StatusOK)
		wantStatus(t, api.Get("/api/v1/dashboard?trend=nope"), http.StatusUnprocessableEntity)

		// Cohorts: made by a team lead, cases tagged by their organisation.
		lead := ts.Bearer(vtTeamLead).StepUp()
		wantStatus(t, api.SendJSON("POST", "/api/v1/cohorts", map[string]any{"name": "Pilot"}), http.StatusForbidden)
		r = lead.SendJSON("POST", "/api/v1/cohorts", map[string]any{"name": "Pilot 50 gezinnen", "kind": "cohort"})
		wantStatus(t, r, http.StatusCreated)
		var k struct {
			ID int64 `json:"id"`
		}
		r.JSON(t, &k)
		wantStatus(t, lead.SendJSON("POST", "/api/v1/cohorts", map[string]any{"name": "Pilot 50 gezinnen"}), http.StatusConflict)
		wantStatus(t, api.SendJSON("POST", base+"/cohorts", map[string]any{"cohort_id": k.ID}), http.StatusNoContent)
		r = api.Get("/api/v1/leadtimes?cohort=" + itoa(k.ID))
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"chain":{"phase":"chain","label":"Hele keten: melding tot gezinsvoogd","count":1`)
		wantStatus(t, api.Do("DELETE", base+"/cohorts/"+itoa(k.ID), nil, ""), http.StatusNoContent)
		r = api.Get("/api/v1/cohorts")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"cases":0`)

		// The event log: pseudonymised, no names, audited; team leads only.
		wantStatus(t, api.StepUp().Get("/api/v1/eventlog.csv"), http.StatusForbidden)
		r = lead.Get("/api/v1/eventlog.csv")
		wantStatus(t, r, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("Content-Type %q", ct)
		}
		recs, err := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
		if err != nil || len(recs) < 10 || recs[0][0] != "case_id" {
			t.Fatalf("csv: %v %v", err, recs)
		}
		for _, rec := range recs[1:] {
			if rec[0] == itoa(caseID) || strings.Contains(strings.Join(rec, ","), "Tijdlijn") || strings.Contains(strings.Join(rec, ","), "twee dagen") {
				t.Errorf("not pseudonymised, or names or free text: %v", rec)
			}
		}
		r = lead.Get("/api/v1/eventlog.xes?from=" + received.Format(time.DateOnly))
		wantStatus(t, r, http.StatusOK)
		var log struct {
			Traces []struct {
				Events []struct{} `xml:"event"`
			} `xml:"trace"`
		}
		if err := xml.Unmarshal([]byte(r.Body), &log); err != nil || len(log.Traces) != 1 {
			t.Fatalf("xes: %v %d traces", err, len(log.Traces))
		}
		wantStatus(t, lead.Get("/api/v1/eventlog.csv?from=2026-99-01"), http.StatusUnprocessableEntity)
		entries, err := app.New(ts.DB).ListAudit(t.Context(), &schakel.Actor{Professional: mustProfessional(t, ts, vtPrivacy)}, storage.AuditFilter{OrganisationID: mustProfessional(t, ts, vtPrivacy).Organisation.ID, Event: "export"})
		if err != nil || len(entries) != 3 {
			t.Errorf("export audit entries: %d %v", len(entries), err)
		}
	})
}
