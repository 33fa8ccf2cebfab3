package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
	"schakel/internal/totp"
)

// TestStepUpConfirmPage walks the confirm page: someone without an app is
// sent to set one up and comes back; with an app a code (a wrong one
// beside the field) returns them to where they were; a posted form comes
// along; five wrong codes end the session.
func TestStepUpConfirmPage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		ts.Clock.Freeze()
		officer := ts.Login(vtPrivacy)
		const trail, confirm = "/privacy/logboek", "/bevestigen?terug=%2Fprivacy%2Flogboek"

		t.Run("without an app: set one up, then back", func(t *testing.T) {
			r := officer.Get(trail)
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); loc != confirm {
				t.Fatalf("sent to %q, want %q", loc, confirm)
			}
			wantContains(t, officer.Get(confirm), "U heeft nog geen app voor inlogcodes", `href="/tweede-factor/app?terug=%2fprivacy%2flogboek"`)
			page := officer.Get("/tweede-factor/app?terug=%2Fprivacy%2Flogboek")
			wantContains(t, page, `name="next" value="/privacy/logboek"`)
			m := appKey.FindStringSubmatch(page.Body)
			if m == nil {
				t.Fatalf("no key on the setup page")
			}
			key, _ := totp.Decode(strings.ReplaceAll(m[1], " ", ""))
			wantContains(t, page, `id="password"`, "Uw wachtwoord voor Schakel")
			code := totp.Code(key, totp.Step(ts.Clock.Now()))
			noPassword := officer.PostForm("/tweede-factor/app", url.Values{"code": {code}, "next": {trail}})
			wantStatus(t, noPassword, http.StatusUnprocessableEntity)
			wantContains(t, noPassword, `id="password-error"`, "Typ uw wachtwoord voor Schakel")
			done := officer.PostForm("/tweede-factor/app", url.Values{"code": {code}, "password": {demoPassword}, "next": {trail}})
			wantContains(t, done, "<h1>Uw herstelcodes</h1>", `href="/privacy/logboek"`)
			// The code that set up the app showed it: the trail opens.
			wantStatus(t, officer.Get(trail), http.StatusOK)
		})

		t.Run("with an app: a code, and back", func(t *testing.T) {
			ts.Clock.Advance(stepUpWindowPassed)
			ts.EnrolApp(vtPrivacy)
			wantStatus(t, officer.Get(trail), http.StatusSeeOther)
			wantContains(t, officer.Get(confirm), `name="stap_code"`, "Code uit uw app, of een herstelcode")
			bad := officer.PostForm(confirm, url.Values{"stap_code": {"12345"}})
			wantStatus(t, bad, http.StatusUnprocessableEntity)
			wantContains(t, bad, `aria-invalid="true"`, `id="stap_code-error"`, "Deze code klopt niet of is al gebruikt.")
			ok := officer.PostForm(confirm, url.Values{"stap_code": {ts.AppCode()}})
			wantStatus(t, ok, http.StatusSeeOther)
			if loc := ok.Header.Get("Location"); loc != trail {
				t.Fatalf("after the code: sent to %q, want %q", loc, trail)
			}
			wantStatus(t, officer.Get(trail), http.StatusOK)
			// The same code again is refused: a code counts once.
			wantStatus(t, officer.PostForm(confirm, url.Values{"stap_code": {ts.AppCode()}}), http.StatusUnprocessableEntity)
		})

		t.Run("a posted form comes along", func(t *testing.T) {
			caseID := itoa(ts.fileReport(t, vtIntake, true).CaseID)
			rachid := ts.Login(politieCaseWorker)
			ts.EnrolApp(politieCaseWorker)
			reason := "Politie staat bij de woning, het kind is alleen thuis."
			rachid.Header.Set("Referer", ts.URL+"/casussen/"+caseID)
			r := rachid.PostForm("/casussen/"+caseID+"/noodtoegang", url.Values{"reason": {reason}})
			rachid.Header = http.Header{}
			wantStatus(t, r, http.StatusForbidden)
			wantContains(t, r, "<h1>Bevestig dat u het bent</h1>", `name="reason" value="`+reason+`"`, `name="stap_post" value="1"`,
				`name="stap_annuleren" value="/casussen/`+caseID+`"`, "Wat u in het formulier had ingevuld, bewaart Schakel.")
			form := url.Values{"reason": {reason}, "stap_post": {"1"}, "stap_annuleren": {"/casussen/" + caseID}, "stap_code": {ts.AppCode()}}
			back := rachid.PostForm("/bevestigen?terug="+url.QueryEscape("/casussen/"+caseID+"/noodtoegang"), form)
			wantStatus(t, back, http.StatusTemporaryRedirect)
			if loc := back.Header.Get("Location"); loc != "/casussen/"+caseID+"/noodtoegang" {
				t.Fatalf("after the code: sent to %q", loc)
			}
			// A browser sends the same form again (307).
			again := rachid.PostForm(back.Header.Get("Location"), form)
			wantStatus(t, again, http.StatusOK)
			wantLoginRecorded(t, ts, politieCaseWorker, "login password+totp")
		})

		t.Run("five wrong codes end the session", func(t *testing.T) {
			lead := ts.Login(vtTeamLead)
			ts.EnrolApp(vtTeamLead)
			for range 4 {
				wantStatus(t, lead.PostForm(confirm, url.Values{"stap_code": {"12345"}}), http.StatusUnprocessableEntity)
			}
			wantStatus(t, lead.PostForm(confirm, url.Values{"stap_code": {"12345"}}), http.StatusUnauthorized)
			if r := lead.Get("/"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
				t.Errorf("the session lived on after five wrong codes: %d", r.StatusCode)
			}
		})
	})
}

// TestStepUpAPI: POST /api/v1/session/step-up takes a code once, a recovery
// code too, and answers a wrong one beside the field.
func TestStepUpAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		ts.Clock.Freeze()
		api := ts.Bearer(vtPrivacy)
		wantStepUp(t, api.Get("/api/v1/audit"))
		ts.EnrolApp(vtPrivacy)
		code := ts.AppCode()
		r := api.SendJSON("POST", "/api/v1/session/step-up", map[string]string{"code": code})
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"factor":"totp"`, `"valid_until":`)
		wantStatus(t, api.Get("/api/v1/audit"), http.StatusOK)
		wantProblemField(t, api.SendJSON("POST", "/api/v1/session/step-up", map[string]string{"code": code}), http.StatusUnprocessableEntity, "code")
		wantProblemField(t, api.SendJSON("POST", "/api/v1/session/step-up", map[string]string{"code": "ABCD-EFGH-JKLM-NPQR"}), http.StatusUnprocessableEntity, "code")
		wantStatus(t, api.SendJSON("POST", "/api/v1/session/step-up", map[string]any{"code": 12}), http.StatusUnprocessableEntity)
	})
}
