package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// riskyCall is one risky act through the API, by someone allowed to do it.
type riskyCall struct {
	name, email  string
	method, path string
	header       map[string]string
	body         func(round int) any // nil: no body
	want         int
}

// TestStepUpGuardsEveryRiskyAct: each risky act is refused (403
// step_up_required, only the refusal audited) without a second factor,
// passes within 5 minutes of one (and its audit entry records the login's
// strength), and is refused again once they passed.
func TestStepUpGuardsEveryRiskyAct(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		ts := f.ts
		ts.Clock.Freeze()
		parent := f.parent(t)
		jbOrg := itoa(mustProfessional(t, ts, jbAdmin).Organisation.ID)
		roles := func(round int) any {
			// Refused, then allowed (a change of Mohamed's roles), then
			// another change: an unchanged set is no change of roles.
			return map[string]any{"roles": [][]string{{"case_worker", "intake"}, {"case_worker", "intake"}, {"case_worker"}}[round]}
		}
		calls := []riskyCall{
			{"emergency access to a case", politieCaseWorker, "GET", f.path(""),
				map[string]string{"Schakel-Emergency-Reason": "Politie staat bij de woning, het kind is alleen thuis."}, nil, http.StatusOK},
			{"event log as CSV", vtTeamLead, "GET", "/api/v1/eventlog.csv", nil, nil, http.StatusOK},
			{"event log as XES", vtTeamLead, "GET", "/api/v1/eventlog.xes", nil, nil, http.StatusOK},
			{"minutes", vtIntake, "GET", "/api/v1/consultations/" + itoa(f.consultID) + "/minutes", nil, nil, http.StatusOK},
			{"family copy", vtIntake, "GET", f.path("/family-summary?person=" + itoa(parent)), nil, nil, http.StatusOK},
			{"a professional's roles", vtAdmin, "PATCH", "/api/v1/professionals/" + itoa(f.pros[vtMohamed]), nil, roles, http.StatusOK},
			{"a new professional", vtAdmin, "POST", "/api/v1/professionals", nil, func(int) any {
				return map[string]any{"email": "stap@schakel.example", "name": "Stap Collega", "roles": []string{"intake"}, "password": "lang-genoeg-wachtwoord"}
			}, http.StatusCreated},
			{"a new organisation", vtAdmin, "POST", "/api/v1/organisations", nil, func(int) any {
				return map[string]any{"name": "Wijkteam Stap", "kind": "wijkteam"}
			}, http.StatusCreated},
			{"an organisation's login", jbAdmin, "PUT", "/api/v1/organisations/" + jbOrg + "/identity-provider", nil, func(int) any {
				return map[string]any{"issuer": "https://login.jeugdbescherming.example", "client_id": "schakel", "secret_ref": "file:jb-client-secret",
					"domains": []string{"jeugdbescherming.example"}}
			}, http.StatusOK},
			{"the audit trail", vtPrivacy, "GET", "/api/v1/audit", nil, nil, http.StatusOK},
			{"who looked at a file", vtPrivacy, "GET", "/api/v1/persons/" + itoa(parent) + "/accesses", nil, nil, http.StatusOK},
		}
		for _, c := range calls {
			t.Run(c.name, func(t *testing.T) {
				cl := ts.Bearer(c.email)
				round := 0
				send := func() response {
					t.Helper()
					for k, v := range c.header {
						cl.Header.Set(k, v)
					}
					defer func() { cl.Header = http.Header{}; round++ }()
					if c.body == nil {
						return cl.Do(c.method, c.path, nil, "")
					}
					return cl.SendJSON(c.method, c.path, c.body(round))
				}
				onlyAuditGrows(t, ts, func() { wantStepUp(t, send()) })
				cl.StepUp()
				wantStatus(t, send(), c.want)
				wantLoginRecorded(t, ts, c.email, "login api_token+totp")
				ts.Clock.Advance(stepUpWindowPassed)
				onlyAuditGrows(t, ts, func() { wantStepUp(t, send()) })
			})
		}
	})
}

// wantStepUp checks a 403 step_up_required.
func wantStepUp(t *testing.T, r response) {
	t.Helper()
	wantStatus(t, r, http.StatusForbidden)
	if p := r.Problem(t); p.Code != "step_up_required" {
		t.Errorf("code %q, want step_up_required", p.Code)
	}
}

// onlyAuditGrows runs a refused request: one audit entry, nothing else.
func onlyAuditGrows(t *testing.T, ts *testServer, refused func()) {
	t.Helper()
	ctx := context.Background()
	before, err := ts.DB.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	refused()
	after, err := ts.DB.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range after {
		switch grew := n - before[table]; {
		case table == "audit_log" && grew != 1:
			t.Errorf("audit_log grew by %d, want 1 (the refusal)", grew)
		case table != "audit_log" && grew != 0:
			t.Errorf("table %s changed by %d rows after a refused risky act", table, grew)
		}
	}
}

// wantLoginRecorded checks that the newest allowed entries of email's
// account record the strength of the login.
func wantLoginRecorded(t *testing.T, ts *testServer, email, want string) {
	t.Helper()
	// Read as a privacy officer of the account's own organisation would.
	officer := *mustProfessional(t, ts, email)
	officer.Roles = []schakel.Role{schakel.RolePrivacyOfficer}
	entries, err := app.New(ts.DB).ListAudit(context.Background(), &schakel.Actor{Professional: &officer},
		storage.AuditFilter{OrganisationID: officer.Organisation.ID, UserID: officer.ID, Outcome: "allowed", Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range entries {
		if en.ResourceType != "step_up" && strings.Contains(en.Detail, want) {
			return
		}
	}
	t.Errorf("no recent entry of %s records %q: %+v", email, want, entries)
}
