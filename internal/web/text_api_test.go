package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/storage/storagetest"
	"schakel/internal/textlimit"
)

// oddText is text that no engine stores alike, as it appears inside a JSON
// string: an escape for a control character, or raw bytes that are not
// UTF-8. PostgreSQL refused each with SQLSTATE 22021 (a 500, and the text
// gone) where SQLite stored it.
var oddText = []struct {
	name, inJSON, code string
}{
	{"NUL", `\u0000`, "control_character"},
	{"bell", `\u0007`, "control_character"},
	{"backspace escape", `\b`, "control_character"},
	{"unit separator", `\u001f`, "control_character"},
	{"invalid byte", "\xff\xfe", "invalid_utf8"},
	{"truncated sequence", "\xc3", "invalid_utf8"},
	{"surrogate as UTF-8", "\xed\xa0\x80", "invalid_utf8"},
}

// textRoutes are the API's inputs that take free text or a name, each with
// a body that puts %s inside the string of field. Ids need not exist: text
// is checked before anything is looked up.
var textRoutes = []struct {
	method, path, body, field string
}{
	{"POST", "/api/v1/reports", `{"reporter":{"kind":"citizen","name":"x"},"children":[{"given_names":"Daan","family_name":"B%sakker","birth_date":"2016-03-09"}],"municipality":"Rotterdam","concerns":["neglect"],"narrative":"x"}`, "children[0].family_name"},
	{"POST", "/api/v1/reports", `{"reporter":{"kind":"citizen","name":"x"},"children":[],"municipality":"Rotterdam","concerns":["neglect"],"narrative":"Wat %s er gebeurde"}`, "narrative"},
	// A key is named as well as it can be: control characters dropped, invalid bytes as U+FFFD.
	{"POST", "/api/v1/reports", `{"reporter":{"kind":"citizen","name":"x"},"children":[],"municipality":"Rotterdam","concerns":["neglect"],"narrative":"x","finances":{"enough_food%s":"no"}}`, "finances.enough_food"},
	{"POST", "/api/v1/drafts", `{"narrative":"half %s af","children":[{"given_names":"x"}]}`, "narrative"},
	{"PUT", "/api/v1/drafts/1", `{"children":[{"given_names":"D%saan"}]}`, "children[0].given_names"},
	{"POST", "/api/v1/cases/1/rating", `{"color":"orange","reason":"Omdat %s het zo is"}`, "reason"},
	{"POST", "/api/v1/cases/1/findings", `{"column":"worries","text":"Zorg %s om"}`, "text"},
	{"POST", "/api/v1/cases/1/actions", `{"title":"Actie %s x","owner_organisation_id":1,"owner_professional_id":1,"due_date":"2030-01-01","kind":"action"}`, "title"},
	{"POST", "/api/v1/cases/1/plan/reviews", `{"checked":"a","changed":"b%s","why":"c","next_review_date":"2030-01-01"}`, "changed"},
	{"POST", "/api/v1/cases/1/safety-scale", `{"value":5,"reason":"Omdat %s het zo is"}`, "reason"},
	{"POST", "/api/v1/cases/1/conversations", `{"held_at":"2026-01-01T10:00:00Z","professional_ids":[1],"summary":"Gesprek %s samengevat"}`, "summary"},
	{"POST", "/api/v1/cases/1/decisions", `{"kind":"investigate_measure","reason":"Omdat %s het zo is"}`, "reason"},
	{"POST", "/api/v1/cases/1/participations", `{"organisation_id":1,"role":"advies","reason":"Omdat %s het zo is"}`, "reason"},
	{"POST", "/api/v1/cases/1/participations/1/role", `{"role":"advies","reason":"Omdat %s het zo is"}`, "reason"},
	{"POST", "/api/v1/cases/1/participations/1/exit", `{"handover":"Overdracht %s gedaan","next_steps":"verder"}`, "handover"},
	{"POST", "/api/v1/cases/1/regie", `{"organisation_id":1,"reason":"Omdat %s het zo is"}`, "reason"},
	{"POST", "/api/v1/cases/1/experts", `{"expertise":"debt_counselling","reason":"Omdat %s het zo is"}`, "reason"},
	{"POST", "/api/v1/cases/1/consultations", `{"kind":"mdo","scheduled_at":"2030-01-01T10:00:00Z","title":"Overleg","agenda":["Punt %s een"],"invite":{"organisation_ids":[1]}}`, "agenda[0]"},
	{"POST", "/api/v1/cases/1/colleague-requests", `{"to_professional_id":1,"kind":"think_along","at":"2030-01-01T10:00:00Z","message":"Vraag %s aan u"}`, "message"},
	{"POST", "/api/v1/cases/1/events", `{"type":"court_order","at":"2026-01-01","reason":"Correctie %s nodig"}`, "reason"},
	{"POST", "/api/v1/consultations/1/agenda", `{"text":"Punt %s twee"}`, "text"},
	{"POST", "/api/v1/consultations/1/participants", `{"expertises":["debt_counselling"],"reason":"Omdat %s het zo is"}`, "reason"},
	{"POST", "/api/v1/consultations/1/move", `{"scheduled_at":"2030-01-01T10:00:00Z","reason":"Omdat %s het zo is"}`, "reason"},
	{"POST", "/api/v1/consultations/1/cancel", `{"reason":"Omdat %s het zo is"}`, "reason"},
	{"POST", "/api/v1/consultations/1/decline", `{"reason":"Omdat %s het zo is"}`, "reason"},
	{"POST", "/api/v1/colleague-requests/1/accept", `{"answer":"Ja %s graag"}`, "answer"},
	{"POST", "/api/v1/cohorts", `{"name":"Cohort %s A","kind":"cohort"}`, "name"},
	{"POST", "/api/v1/organisations", `{"name":"Wijkteam %s Noord","kind":"wijkteam"}`, "name"},
	{"POST", "/api/v1/professionals", `{"email":"a@example.org","name":"Nieuwe %s collega","roles":["intake"],"password":"lang-genoeg-wachtwoord"}`, "name"},
	{"PATCH", "/api/v1/professionals/1", `{"team":"Team %s Zuid"}`, "team"},
	{"PUT", "/api/v1/norms/vt_investigation", `{"amount":5,"unit":"working_days","source":"Wet %s Wmo"}`, "source"},
	{"POST", "/api/v1/roster", `{"professional_id":1,"start":"2030-01-01T10:00:00Z%s","end":"2030-01-01T12:00:00Z"}`, "start"},
}

// TestAPIRefusesOddTextByField sends every text input of the API with every
// kind of odd text: a 400 invalid_text that names the field, on both
// engines, and never a 500.
func TestAPIRefusesOddTextByField(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		admin := ts.Bearer(vtAdmin).StepUp()
		for _, rt := range textRoutes {
			for _, odd := range oddText {
				t.Run(rt.method+" "+rt.path+" "+rt.field+" "+odd.name, func(t *testing.T) {
					body := fmt.Sprintf(rt.body, odd.inJSON)
					r := admin.Do(rt.method, rt.path, strings.NewReader(body), "application/json")
					wantStatus(t, r, http.StatusBadRequest)
					p := r.Problem(t)
					if p.Code != "invalid_text" {
						t.Fatalf("code %q, want invalid_text", p.Code)
					}
					if !slices.ContainsFunc(p.Errors, func(f schakel.FieldError) bool { return strings.HasPrefix(f.Field, rt.field) && f.Code == odd.code }) {
						t.Fatalf("errors %+v, want %s with %s", p.Errors, rt.field, odd.code)
					}
				})
			}
		}
	})
}

// TestAddressAndHeadersRefuseOddText sends odd text in the path, the query
// and the headers Schakel keeps, to the API and to screens: a 400 naming
// it, never a 500 (PostgreSQL answered 500 on ?municipality=%00).
func TestAddressAndHeadersRefuseOddText(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		api := ts.Bearer(vtTeamLead)
		web := ts.Login(vtTeamLead)
		tests := []struct {
			name, path, header, value, field string
			screen                           bool
		}{
			{"NUL in a query value", "/api/v1/leadtimes?municipality=%00", "", "", "municipality", false},
			{"invalid UTF-8 in a query value", "/api/v1/dashboard?municipality=Rotter%FFdam", "", "", "municipality", false},
			{"control in a query value", "/api/v1/worklist?team=Team%07A", "", "", "team", false},
			{"odd query name", "/api/v1/audit?ev%00ent=x", "", "", "event", false},
			{"NUL in the path", "/api/v1/cases/1%00", "", "", "path", false},
			{"invalid UTF-8 in a path value", "/api/v1/norms/report%FF", "", "", "path", false},
			{"invalid UTF-8 in the idempotency key", "/api/v1/reports", "Idempotency-Key", "sleutel-\xff", "Idempotency-Key", false},
			{"invalid UTF-8 in the emergency reason", "/api/v1/cases/1", "Schakel-Emergency-Reason", "Kind is nu alleen thuis \xfe\xff", "Schakel-Emergency-Reason", false},
			{"NUL in a screen's query", "/dashboard?municipality=%00", "", "", "municipality", true},
			{"invalid UTF-8 in a screen's query", "/?team=%C3", "", "", "team", true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := api
				if tt.screen {
					c = web
				}
				c.Header = http.Header{}
				if tt.header != "" {
					c.Header.Set(tt.header, tt.value)
				}
				method := "GET"
				switch tt.path {
				case "/api/v1/reports":
					method = "POST"
				case "/api/v1/norms/report%FF":
					method = "PUT"
				}
				r := c.Do(method, tt.path, nil, "")
				wantStatus(t, r, http.StatusBadRequest)
				if tt.screen {
					wantContains(t, r, "Verzoek niet begrepen", tt.field)
					return
				}
				p := r.Problem(t)
				if p.Code != "invalid_text" || !slices.ContainsFunc(p.Errors, func(f schakel.FieldError) bool { return f.Field == tt.field }) {
					t.Fatalf("problem %+v, want invalid_text on %s", p, tt.field)
				}
			})
		}
		t.Run("a query value over its limit", func(t *testing.T) {
			api.Header = http.Header{}
			r := api.Get("/api/v1/leadtimes?municipality=" + strings.Repeat("a", 201))
			wantProblemField(t, r, http.StatusUnprocessableEntity, "municipality")
		})
	})
}

// Valid Unicode that must come back exactly as typed on both engines:
// emoji with joiners, Arabic (right to left) with a directional override,
// a combining accent, Turkish and Serbian letters.
const (
	unicodeName = "Zoë-Ağaoğlu Đoković فاطمة e\u0301 👶"
	unicodeText = "Gezin 👨\u200d👩\u200d👧 zegt: \u202eالعائلة بخير\u202c — café e\u0301, \"çok güzel\" ❤️\nNieuwe regel\tmet tab."
)

// TestAPIStoresValidUnicode files a report, a draft, a finding and a
// cohort with emoji, right-to-left text and combining characters, and
// reads each back unchanged, on both engines.
func TestAPIStoresValidUnicode(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		sanne := ts.Bearer(vtIntake)

		rep := benchReport()
		rep.Children[0].GivenNames, rep.Children[0].FamilyName = unicodeName, unicodeName
		rep.Narrative, rep.Finances = unicodeText, map[string]string{}
		r := sanne.SendJSON("POST", "/api/v1/reports", rep)
		wantStatus(t, r, http.StatusCreated)
		var filed struct {
			CaseID int64 `json:"case_id"`
		}
		r.JSON(t, &filed)
		var c schakel.Case
		sanne.Get("/api/v1/cases/"+itoa(filed.CaseID)).JSON(t, &c)
		if !slices.ContainsFunc(c.Persons, func(p schakel.Person) bool {
			return p.GivenNames == unicodeName && p.FamilyName == unicodeName
		}) {
			t.Errorf("persons %+v lack the name %q", c.Persons, unicodeName)
		}
		if !slices.ContainsFunc(c.Reports, func(rp schakel.Report) bool { return rp.Narrative == unicodeText }) {
			t.Errorf("the narrative did not come back as typed")
		}

		draft := map[string]any{"narrative": unicodeText, "children": []map[string]string{{"given_names": unicodeName}}}
		r = sanne.SendJSON("POST", "/api/v1/drafts", draft)
		wantStatus(t, r, http.StatusCreated)
		var d struct {
			ID   int64  `json:"id"`
			Data string `json:"data"`
		}
		r.JSON(t, &d)
		sanne.Get("/api/v1/drafts/"+itoa(d.ID)).JSON(t, &d)
		var back map[string]any
		if err := json.Unmarshal([]byte(d.Data), &back); err != nil || back["narrative"] != unicodeText {
			t.Errorf("draft came back as %q (%v)", d.Data, err)
		}

		r = sanne.SendJSON("POST", "/api/v1/cases/"+itoa(filed.CaseID)+"/findings", map[string]string{"column": "worries", "text": unicodeText})
		wantStatus(t, r, http.StatusCreated)
		var ws schakel.Workspace
		sanne.Get("/api/v1/cases/"+itoa(filed.CaseID)+"/workspace").JSON(t, &ws)
		if !slices.ContainsFunc(ws.Findings, func(f schakel.Finding) bool { return f.Text == unicodeText }) {
			t.Errorf("the finding did not come back as typed")
		}

		lead := ts.Bearer(vtTeamLead)
		r = lead.SendJSON("POST", "/api/v1/cohorts", map[string]string{"name": unicodeName, "kind": "cohort", "description": unicodeText})
		wantStatus(t, r, http.StatusCreated)
		wantContains(t, lead.Get("/api/v1/cohorts"), jsonString(t, unicodeName), jsonString(t, unicodeText))
	})
}

// jsonString is s as the server's JSON writes it.
func jsonString(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAPILimitsEveryText sends texts one character over their limit (a
// 422 too_long naming the field, which the OpenAPI document refuses too)
// and at their limit (accepted), on both engines.
func TestAPILimitsEveryText(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		ts := f.ts
		admin, lead := ts.Bearer(vtAdmin).StepUp(), ts.Bearer(vtTeamLead)
		long := func(n int) string { return strings.Repeat("é", n) }
		report := func(edit func(r map[string]any, s string)) func(string) any {
			return func(s string) any {
				r := map[string]any{"reporter": map[string]any{"kind": "citizen", "name": "Buurman"}, "municipality": "Rotterdam",
					"children": []map[string]any{{"given_names": "Daan", "family_name": "Limiet", "birth_date": "2016-03-09"}},
					"concerns": []string{"neglect"}, "narrative": "Buurman hoort geschreeuw."}
				edit(r, s)
				return r
			}
		}
		tests := []struct {
			name         string
			c            *client
			method, path string
			body         func(s string) any
			field        string
			max          int
			status       int // at the limit
		}{
			{"child's given names", f.sanne, "POST", "/api/v1/reports", report(func(r map[string]any, s string) {
				r["children"].([]map[string]any)[0]["given_names"] = s
			}), "children[0].given_names", textlimit.Name, http.StatusCreated},
			{"narrative", f.sanne, "POST", "/api/v1/reports", report(func(r map[string]any, s string) { r["narrative"] = s }),
				"narrative", textlimit.Narrative, http.StatusCreated},
			{"finding", f.sanne, "POST", f.path("/findings"), func(s string) any { return map[string]string{"column": "worries", "text": s} },
				"text", textlimit.Text, http.StatusCreated},
			{"rating reason", f.sanne, "POST", f.path("/rating"), func(s string) any { return map[string]any{"color": "red", "reason": s} },
				"reason", textlimit.Reason, http.StatusCreated},
			{"agenda item", f.sanne, "POST", "/api/v1/consultations/" + itoa(f.consultID) + "/agenda", func(s string) any { return map[string]string{"text": s} },
				"text", textlimit.Agenda, http.StatusCreated},
			{"cohort name", lead, "POST", "/api/v1/cohorts", func(s string) any { return map[string]string{"name": s, "kind": "cohort"} },
				"name", textlimit.Name, http.StatusCreated},
			{"organisation name", admin, "POST", "/api/v1/organisations", func(s string) any { return map[string]string{"name": s, "kind": "wijkteam"} },
				"name", textlimit.Name, http.StatusCreated},
			{"professional's phone", admin, "PATCH", "/api/v1/professionals/" + itoa(f.pros[vtMohamed]), func(s string) any {
				return map[string]string{"phone": strings.Repeat("0", len([]rune(s)))}
			}, "phone", textlimit.Short, http.StatusOK},
			{"norm source", admin, "PUT", "/api/v1/norms/vt_investigation", func(s string) any {
				return map[string]any{"amount": 10, "unit": "weeks", "source": s}
			}, "source", textlimit.Reason, http.StatusOK},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := tt.c.SendJSON(tt.method, tt.path, tt.body(long(tt.max+1)))
				wantProblemField(t, r, http.StatusUnprocessableEntity, tt.field)
				if p := r.Problem(t); !slices.ContainsFunc(p.Errors, func(f schakel.FieldError) bool { return f.Code == "too_long" }) {
					t.Errorf("errors %+v lack too_long", p.Errors)
				}
				wantStatus(t, tt.c.SendJSON(tt.method, tt.path, tt.body(long(tt.max))), tt.status)
			})
		}
	})
}
