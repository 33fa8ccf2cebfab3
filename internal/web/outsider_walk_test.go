package web_test

import (
	"database/sql"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// notWalked are the routes the walk leaves out, with the reason: none of
// them reaches a case, and logging out would end the walker's session.
var notWalked = map[string]string{
	"GET /healthz": "machine", "GET /metrics": "machine", "GET /api/openapi.json": "machine", "GET /static/": "files",
	"GET /login": "session", "POST /login": "session", "POST /logout": "session",
	"POST /login/start": "session", "GET /login/oidc/callback": "session",
	"GET /gezin/inloggen": "session", "POST /gezin/inloggen": "session", "GET /gezin/activeren": "session",
	"POST /gezin/activeren": "session", "POST /gezin/uitloggen": "session",
}

// caseRoles are every role that may work with case content.
var caseRoles = []schakel.Role{schakel.RoleIntake, schakel.RoleCaseWorker, schakel.RoleBehaviouralExpert, schakel.RoleConfidentialDoc,
	schakel.RoleLawyer, schakel.RoleCareCoordinator, schakel.RoleTeamLead}

// TestOutsiderWalk walks every route of both surfaces, taken from the
// server's own mux, as professionals of organisations that are not on a
// case, with every path parameter filled with an id of that case's
// objects. Nothing of the case may come back, nothing of it may change,
// and every refused or not-found attempt leaves exactly one refusal in the
// audit trail for the walker.
//
// Some walkers reach the case by ways issue 8 closes (an expired
// invitation, a report with the child's BSN, the crisis pool without a
// region filter): their subtests name the way and fail until it is closed.
func TestOutsiderWalk(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts, raw := startWalkServer(t, e)
		other := addRegion(t, ts, "Jeugdregio Elders (walk)")
		all := append([]schakel.Role{}, caseRoles...)
		// A confidential doctor or lawyer of the region is a rightful
		// candidate for a crisis seat, and the load balance may pick one
		// (a lawful way onto the case, not the leak this walk looks for);
		// every other role grants the same paths in access.
		noSeat := slices.DeleteFunc(slices.Clone(all), func(r schakel.Role) bool {
			return r == schakel.RoleConfidentialDoc || r == schakel.RoleLawyer
		})
		walkers := []walkOutsider{
			addOutsider(t, ts, "zorg", 0, schakel.Wijkteam, false, noSeat...),
			addOutsider(t, ts, "beheer", 0, schakel.Gemeente, false, schakel.RoleAdmin, schakel.RolePrivacyOfficer),
			// On duty, so that a crisis pool without a region filter may pick them.
			addOutsider(t, ts, "elders-op-piket", other, schakel.VeiligThuis, true, all...),
			addOutsider(t, ts, "uitgenodigd-afgezegd", 0, schakel.Zorgaanbieder, false, schakel.RoleCareCoordinator),
			addOutsider(t, ts, "melder-met-bsn", 0, schakel.Politie, false, schakel.RoleCaseWorker),
			addOutsider(t, ts, "ondersteuner-elders", 0, schakel.Jeugdbescherming, false, schakel.RoleSupportWorker),
		}
		w := buildWalkCase(t, ts)
		// A support worker of an organisation on the case, in no team and
		// with no task: the role alone reaches nothing of the case.
		walkers = append(walkers, addSupportWorker(t, ts, "ondersteuner-binnen", w.jbOrgID))
		w.inviteAndCancel(t, ts, walkers[3])
		// A report by someone who only knows the child's BSN.
		wantStatus(t, walkers[4].api.SendJSON("POST", "/api/v1/reports", walkReport(walkChildBSN)), http.StatusCreated)
		var walkerIDs []string
		for _, o := range walkers {
			walkerIDs = append(walkerIDs, itoa(o.id))
		}
		w.noticeID = queryInt(t, raw, "SELECT MIN(id) FROM notifications WHERE case_id = "+itoa(w.caseID)+
			" AND professional_id NOT IN ("+strings.Join(walkerIDs, ",")+")")
		w.childID = queryInt(t, raw, "SELECT MIN(person_id) FROM report_persons WHERE report_id = "+itoa(w.reportID))
		if w.noticeID == 0 || w.childID == 0 {
			t.Fatalf("fixture without a notification (%d) or a person (%d)", w.noticeID, w.childID)
		}
		w.planMeeting(t, ts, raw)
		// A mark on the action, for the routes that change or remove one.
		var mark struct{ ID int64 }
		r := w.fatma.SendJSON("POST", "/api/v1/cases/"+itoa(w.caseID)+"/actions/"+itoa(w.actionID)+"/marks", map[string]any{"person_id": w.childID, "kind": "whereabouts"})
		wantStatus(t, r, http.StatusCreated)
		r.JSON(t, &mark)
		w.markID = mark.ID
		w.readVersion(t)
		ts.Login(vtCaseWorker) // a browser session of an insider, for the routes that end one
		if err := raw.QueryRow("SELECT MIN(handle) FROM sessions WHERE professional_id = " + itoa(w.insiderID)).Scan(&w.sessionID); err != nil || w.sessionID == "" {
			t.Fatalf("an insider's session: %q %v", w.sessionID, err)
		}
		// A passkey of the insider (its key is no concern of the walk): a
		// walker may neither rename nor remove it.
		w.passkeyID = queryInt(t, raw, "INSERT INTO passkeys (professional_id, credential_id, name, credential, created_at) VALUES ("+
			itoa(w.insiderID)+", 'walk-passkey', 'werklaptop', '{}', CURRENT_TIMESTAMP) RETURNING id")
		cases := []int64{w.caseID, w.matchCaseID}
		extra := map[string][]int64{"intake_drafts": {w.draftID}, "family_matches": {w.matchID}, "cohorts": {w.cohortID}, "teams": {w.teamID}}
		rows := caseRows(t, raw, e.Name, cases, extra)

		routes := walkRoutes(t, ts.Srv)
		for _, o := range walkers {
			t.Run(o.name, func(t *testing.T) {
				// Stepped up, so that every risky route answers with its
				// access rule, not with the step-up it needs first.
				o.api.StepUp()
				o.web.StepUp()
				for _, rt := range routes {
					t.Run(strings.ReplaceAll(rt, " ", "_"), func(t *testing.T) {
						walkRoute(t, ts, raw, w, o, rt)
						if after := caseRows(t, raw, e.Name, cases, extra); !sameRows(t, rows, after) {
							rows = after // report each change once
						}
					})
				}
			})
		}
		if name := queryString(t, raw, "SELECT name FROM passkeys WHERE id = "+itoa(w.passkeyID)); name != "werklaptop" {
			t.Errorf("the insider's passkey after the walk: %q, want it unchanged", name)
		}
		t.Logf("outsider walk: %d routes of both surfaces, %d walkers, %d attempts (left out: %d)",
			len(routes), len(walkers), len(routes)*len(walkers), len(notWalked))
	})
}

// walkRoutes returns "METHOD /path" of every route the server serves,
// except the catch-alls and notWalked.
func walkRoutes(t *testing.T, srv *web.Server) []string {
	t.Helper()
	var out []string
	for _, p := range web.RoutePatternsForTest(srv) {
		method, _, ok := strings.Cut(p, " ")
		if !ok || method == "" {
			continue // "/" and "/api/": the not-found answers
		}
		if _, skip := notWalked[p]; !skip {
			out = append(out, p)
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d routes found: %v", len(out), out)
	}
	return out
}

var pathParam = regexp.MustCompile(`\{(\w+)\}`)

// notCaseParams name objects that are not the case's: a colleague's
// account and the region's norms. Their routes may answer; a refusal on
// them must still be audited.
var notCaseParams = map[string]bool{"professionals/{id}": true, "medewerkers/{id}": true, "norms/{id}": true, "normen/{id}": true, "norms/{kind}": true,
	"organisations/{id}": true, "sessions/{id}": true, "sessies/{id}": true, "passkeys/{id}": true,
	"cohorts/{id}": true, "cohorten/{id}": true} // a region's cohort, not the case's

// walkRoute tries one route as one outsider and checks the answer and the
// audit trail.
func walkRoute(t *testing.T, ts *testServer, raw *sql.DB, w *walkCase, o walkOutsider, route string) {
	method, pattern, _ := strings.Cut(route, " ")
	path := strings.TrimSuffix(pattern, "{$}")
	aboutCase := false
	for _, m := range pathParam.FindAllStringSubmatchIndex(pattern, -1) {
		segs := strings.Split(pattern[:m[0]], "/")
		key := segs[len(segs)-2] + "/" + pattern[m[0]:m[1]]
		v, ok := w.param(key)
		if !ok {
			t.Fatalf("the walk cannot fill %s in %s: add the object to walkCase.param", key, route)
		}
		path = strings.Replace(path, pattern[m[0]:m[1]], v, 1)
		aboutCase = aboutCase || !notCaseParams[key]
	}
	if q := walkQuery[route]; q != "" {
		path += "?" + strings.ReplaceAll(q, "CASE", itoa(w.caseID))
	}
	before := queryInt(t, raw, "SELECT MAX(seq) FROM audit_log")
	var r response
	if strings.HasPrefix(pattern, "/api/") {
		body := w.apiBody(ts, o, method+" "+pattern)
		if body == nil && method != "GET" && method != "DELETE" {
			body = map[string]any{}
		}
		if body == nil {
			r = o.api.Do(method, path, nil, "")
		} else {
			r = o.api.SendJSON(method, path, body)
		}
	} else if method == "GET" {
		r = o.web.Get(path)
	} else {
		r = o.web.PostForm(path, w.form(ts, o, pattern))
	}
	for _, s := range w.secrets {
		if strings.Contains(r.Body, s) || strings.Contains(r.Header.Get("Location"), s) {
			t.Errorf("%s %s (%d) shows the case's %q to an outsider", method, path, r.StatusCode, s)
		}
	}
	trail := trailOf(t, raw, o.id, before)
	audited := len(trail) == 1 && trail[0].Outcome == "refused"
	refused := r.StatusCode == http.StatusForbidden || r.StatusCode == http.StatusNotFound
	// A refused form may come back as 422 (the emergency-access form with
	// too short a reason): still a refusal, if the trail says so.
	refusedForm := r.StatusCode == http.StatusUnprocessableEntity && audited
	if aboutCase && !refused && !refusedForm {
		t.Errorf("%s %s on the case's objects answered %d, want a refusal (403) or not found (404)\n%s", method, path, r.StatusCode, truncateBody(r.Body))
	}
	if refused && (aboutCase || r.StatusCode == http.StatusForbidden) && !audited {
		t.Errorf("%s %s answered %d and left %d audit entries for the outsider %v, want exactly one refusal", method, path, r.StatusCode, len(trail), trail)
	}
}

// walkQuery adds a query to routes that read one.
var walkQuery = map[string]string{
	"GET /meldingen/{id}/resultaat": "casus=CASE",
	"GET /api/v1/worklist":          "scope=organisation",
	"GET /api/v1/audit":             "user_id=0",
}

// param returns the id of the case's object a path parameter names.
func (w *walkCase) param(key string) (string, bool) {
	ids := map[string]int64{
		"cases/{id}": w.caseID, "casussen/{id}": w.caseID,
		"ratings/{rating_id}": w.ratingID, "kleur/{rid}": w.ratingID,
		"consultations/{id}": w.consultID, "overleggen/{id}": w.consultID,
		"matches/{id}": w.matchID, "matches/{mid}": w.matchID,
		"drafts/{id}": w.draftID, "concepten/{id}": w.draftID,
		"reports/{id}": w.reportID, "meldingen/{id}": w.reportID,
		"colleague-requests/{id}": w.requestID, "verzoeken/{id}": w.requestID,
		"notificaties/{id}":  w.noticeID,
		"professionals/{id}": w.insiderID, "medewerkers/{id}": w.insiderID,
		"persons/{id}": w.childID, "personen/{id}": w.childID,
		"cohorts/{cohort_id}": w.cohortID, "cohorts/{id}": w.cohortID, "cohorten/{id}": w.cohortID,
		"actions/{action_id}": w.actionID, "acties/{aid}": w.actionID,
		"marks/{mark_id}": w.markID, "markeringen/{mid}": w.markID,
		"participations/{organisation_id}": w.jbOrgID, "organisaties/{oid}": w.jbOrgID,
		"organisations/{id}":     w.jbOrgID, // its login (identity provider)
		"teams/{id}":             w.teamID,
		"placement-reviews/{id}": w.reviewID, "plaatsingstafels/{id}": w.reviewID,
		"members/{id}": w.insiderID, "netwerk/{id}": w.insiderID,
		"care-requests/{id}": w.careID, "zorgvragen/{id}": w.careID,
		"support-tasks/{id}": w.taskID, "ondersteuning/{id}": w.taskID,
		"colleague-asks/{id}": w.askID, "vragen/{id}": w.askID,
		// The family's own screens and the professional's page on them.
		"logboek/{id}": w.childID, "gezinsleden/{pid}": w.childID, "gezinsverzoeken/{rid}": w.requestID,
		"achterhouden/{wid}": w.requestID, "gesprekken/{id}": w.meetingID, "sleutels/{id}": w.tokenID,
		"family-meetings/{meeting_id}": w.meetingID, "gezinsgesprekken/{gid}": w.meetingID, "meetings/{id}": w.meetingID,
		// One's own passkeys: the walkers try the insider's.
		"passkeys/{id}": w.passkeyID,
	}
	if key == "holders/{position}" || key == "casushouders/{position}" {
		return "first", true
	}
	if key == "norms/{kind}" {
		return "jeugdbescherming", true
	}
	if key == "norms/{id}" || key == "normen/{id}" {
		return "vt_investigation", true
	}
	if key == "sessions/{id}" || key == "sessies/{id}" {
		return w.sessionID, true
	}
	id, ok := ids[key]
	return itoa(id), ok
}

// sameRows reports whether the case's rows are as before, naming each
// table that changed.
func sameRows(t *testing.T, before, after map[string]string) bool {
	t.Helper()
	same := true
	for tb, b := range before {
		if a := after[tb]; a != b {
			same = false
			t.Errorf("the case's rows in %s changed:\nbefore:\n%s\nafter:\n%s", tb, b, a)
		}
	}
	return same
}

// inviteAndCancel invites o to an MDO on the case and cancels it: the
// invitation must no longer open the case.
func (w *walkCase) inviteAndCancel(t *testing.T, ts *testServer, o walkOutsider) {
	t.Helper()
	at := ts.Clock.Now().Add(72 * time.Hour).Truncate(time.Hour).Format(time.RFC3339)
	r := w.sanne.SendJSON("POST", "/api/v1/cases/"+itoa(w.caseID)+"/consultations", map[string]any{"kind": "mdo", "scheduled_at": at,
		"title": "MDO met zorgaanbieder", "agenda": []string{"Opvang"}, "invite": map[string]any{"professional_ids": []int64{o.id}}})
	wantStatus(t, r, http.StatusCreated)
	var c schakel.Consultation
	r.JSON(t, &c)
	r = w.sanne.SendJSON("POST", "/api/v1/consultations/"+itoa(c.ID)+"/cancel", map[string]any{"reason": "Zorgaanbieder is niet nodig."})
	wantStatus(t, r, http.StatusOK)
}

// form is a plausible form for every screen's post: forms ignore fields
// they do not know, so one form with every field fits them all.
func (w *walkCase) form(ts *testServer, o walkOutsider, pattern string) url.Values {
	f := url.Values{
		"reason": {"Buitenstaander probeert de casus te bereiken."}, "text": {"Bevinding van buiten"}, "answer": {"Ja"},
		"decision": {"confirm"}, "color": {"green"}, "kind": {"mdo"}, "column": {"worries"}, "value": {"5"},
		"title": {"Actie van buiten"}, "due_date": {today(ts, 5)}, "for": {"child"}, "owner": {itoa(o.id)},
		"status": {"done"}, "review_date": {today(ts, 42)}, "next_review_date": {today(ts, 60)},
		"checked": {"x"}, "changed": {"y"}, "why": {"z"}, "held_at": {ts.Clock.Now().Add(-time.Hour).Format("2006-01-02T15:04")},
		"summary": {"Gesprek van buiten"}, "role": {"advies"}, "organisation_id": {itoa(o.orgID)}, "professional_id": {itoa(o.id)},
		"cohort_id": {itoa(w.cohortID)}, "case_id": {itoa(w.caseID)}, "handover": {"Overdracht"}, "next_steps": {"Niets"},
		"scheduled_at": {ts.Clock.Now().Add(96 * time.Hour).Format("2006-01-02T15:04")}, "at": {ts.Clock.Now().Add(96 * time.Hour).Format("2006-01-02T15:04")},
		"message": {"Ga mee?"}, "to_professional_id": {itoa(w.insiderID)}, "present": {itoa(o.id)},
		"name": {"Buiten " + o.name}, "email": {o.name + ".nieuw@buiten.example"}, "password": {"een-lang-wachtwoord-123"},
		"amount": {"10"}, "unit": {"workdays"}, "source": {"Afspraak"}, "type": {"help_started"},
	}
	if strings.Contains(pattern, "/tijdlijn") {
		f.Set("kind", "help_started")
	}
	if strings.HasSuffix(pattern, "/noodtoegang") {
		// Too short to break the glass: emergency access is a way in by
		// design, for any case role, and audited as such.
		f.Set("reason", "even kijken")
	}
	if strings.HasPrefix(pattern, "/werk/verzoeken/") {
		f.Set("decision", "accept")
	}
	if strings.HasSuffix(pattern, "/collega") {
		f.Set("kind", schakel.RequestThinkAlong)
	}
	return f
}
