package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/storage/storagetest"
	"schakel/internal/textlimit"
)

// oddTyped is text with a NUL or invalid bytes as a form posts it, and
// what the form shows again: cleaned, so that sending it once more works.
var oddTyped = []struct {
	name, typed, shown, code string
}{
	{"NUL", "Zoë\x00 zegt 👋 eind", "Zoë zegt 👋 eind", textlimit.CodeControl},
	{"escape and bell", "Zoë\x1b zegt\x07 👋 eind", "Zoë zegt 👋 eind", textlimit.CodeControl},
	{"invalid bytes", "Zoë\xff zegt 👋 eind", "Zoë\uFFFD zegt 👋 eind", textlimit.CodeBadEncoding},
}

// TestFormsRefuseOddTextAndKeepWhatWasTyped posts every form with a free
// text or a name, with a NUL, control characters or invalid UTF-8 in it:
// the form comes back (422) with the error at the field and the text as
// typed, cleaned; nothing is written, on both engines (PostgreSQL answered
// 500 and lost the text).
func TestFormsRefuseOddTextAndKeepWhatWasTyped(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		ts := f.ts
		f.join(t, schuldhulpRob, schakel.RoleAdvies) // so that regie can be handed over
		f.join(t, raadCaseWorker, schakel.RoleBesluit)
		// An MDO (the red case's crisis consultation cannot be cancelled),
		// with an invitee who may decline.
		r := f.sanne.SendJSON("POST", f.path("/consultations"), map[string]any{"kind": "mdo",
			"scheduled_at": ts.Clock.Now().Add(48 * time.Hour).Format(time.RFC3339), "invite": map[string]any{"professional_ids": []int64{f.pros[jbCaseWorker]}}})
		wantStatus(t, r, http.StatusCreated)
		var mdo schakel.Consultation
		r.JSON(t, &mdo)
		c, cons, mdoPath := "/casussen/"+itoa(f.caseID), "/overleggen/"+itoa(f.consultID), "/overleggen/"+itoa(mdo.ID)
		vt := itoa(f.orgs["veilig_thuis"])
		forms := []struct {
			who, path string
			values    url.Values
			field     string
		}{
			{vtIntake, "/meldingen", intakeUIForm(ts, "Bakker", "k-odd"), "narrative"},
			{vtIntake, "/meldingen", intakeUIForm(ts, "Bakker", "k-odd-name"), "children[1].given_names"},
			{vtIntake, "/meldingen", intakeUIForm(ts, "Bakker", "k-odd-draft"), "reporter.name"},
			{vtIntake, "/meldingen/concept", intakeUIForm(ts, "Bakker", "k-odd-auto"), "narrative"},
			{vtIntake, c + "/acties", url.Values{"kind": {"action"}, "due_date": {today(ts, 3)}}, "title"},
			{vtIntake, c + "/bevindingen", url.Values{"column": {"worries"}}, "text"},
			{vtIntake, c + "/veiligheidsschaal", url.Values{"value": {"5"}}, "reason"},
			{vtIntake, c + "/gesprekken", url.Values{"held_at": {today(ts, 0) + "T10:00"}}, "summary"},
			{vtIntake, c + "/gesprekken", url.Values{"held_at": {today(ts, 0) + "T10:00"}}, "others"},
			{vtIntake, c + "/organisaties", url.Values{"role": {"advies"}}, "reason"},
			{vtIntake, c + "/organisaties/rol", url.Values{"organisation_id": {vt}, "role": {"advies"}}, "reason"},
			{vtIntake, c + "/regie", url.Values{}, "reason"},
			{vtIntake, c + "/deskundigen", url.Values{"expertise": {"debt_counselling"}}, "reason"},
			{vtIntake, c + "/organisaties/" + vt + "/uitstappen", url.Values{"next_steps": {"Verder"}}, "handover"},
			{vtIntake, c + "/overleggen", url.Values{"kind": {"mdo"}}, "title"},
			{vtIntake, c + "/collega", url.Values{"kind": {"think_along"}}, "message"},
			{vtIntake, c + "/tijdlijn", url.Values{"type": {"court_order"}, "date": {today(ts, 0)}}, "reason"},
			{vtIntake, c + "/kleur", url.Values{"color": {"orange"}, "version": {"1"}}, "reason"},
			{vtIntake, cons + "/agenda", url.Values{}, "text"},
			{vtIntake, cons + "/deelnemers", url.Values{"expertise": {"debt_counselling"}}, "reason"},
			{vtIntake, cons + "/verplaatsen", url.Values{"scheduled_at": {today(ts, 2) + "T10:00"}}, "reason"},
			{vtAdmin, "/beheer/organisaties", url.Values{"kind": {"wijkteam"}}, "name"},
			{vtAdmin, "/beheer/medewerkers", url.Values{"email": {"nieuw@example.org"}, "roles": {"intake"}, "password": {"lang-genoeg-wachtwoord"}}, "name"},
			{vtAdmin, "/beheer/medewerkers/" + itoa(f.pros[vtMohamed]), url.Values{"roles": {"case_worker"}, "name": {"Mohamed"}}, "team"},
			// (The plan review's form shows only once the plan is agreed.)
			{raadCaseWorker, c + "/besluiten", url.Values{"kind": {"investigate_measure"}}, "reason"},
			{jbCaseWorker, mdoPath + "/afmelden", url.Values{}, "reason"},
			{vtIntake, mdoPath + "/afzeggen", url.Values{}, "reason"},
			{rbLawyer, c + "/noodtoegang", url.Values{}, "reason"},
			{vtAdmin, "/beheer/normen/vt_investigation", url.Values{"amount": {"5"}, "unit": {"weeks"}}, "source"},
			{vtTeamLead, "/beheer/cohorten", url.Values{"kind": {"cohort"}}, "name"},
			{vtTeamLead, "/beheer/cohorten", url.Values{"kind": {"cohort"}, "name": {"Cohort"}}, "description"},
		}
		clients := map[string]*client{}
		for _, form := range forms {
			for _, odd := range oddTyped {
				t.Run(form.path+" "+form.field+" "+odd.name, func(t *testing.T) {
					if clients[form.who] == nil {
						clients[form.who] = ts.Login(form.who).StepUp()
					}
					v := url.Values{}
					for k, vs := range form.values {
						v[k] = append([]string(nil), vs...)
					}
					v.Set(form.field, odd.typed)
					r := clients[form.who].PostForm(form.path, v)
					wantStatus(t, r, http.StatusUnprocessableEntity)
					wantContains(t, r, textlimit.CleanedMessage(odd.code), odd.shown, `aria-invalid="true"`)
				})
			}
		}
	})
}

// TestLoginFormsRefuseOddText: a login with odd text looks up no account
// and says so, keeping the address as typed (cleaned).
func TestLoginFormsRefuseOddText(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		for _, path := range []string{"/login", "/meldingen/herstel"} {
			for _, odd := range oddTyped {
				t.Run(path+" "+odd.name, func(t *testing.T) {
					r := ts.Anonymous().PostForm(path, url.Values{"email": {odd.typed}, "password": {"wachtwoord"}})
					wantStatus(t, r, http.StatusUnprocessableEntity)
					wantContains(t, r, "tekens die Schakel niet kan lezen", odd.shown)
				})
			}
		}
	})
}

// TestFormsKeepValidUnicode files a report through the form with emoji,
// right-to-left text and combining characters, and finds it unchanged on
// the case page, on both engines.
func TestFormsKeepValidUnicode(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		web := ts.Login(vtIntake)
		form := intakeUIForm(ts, unicodeName, "k-unicode")
		form.Set("narrative", unicodeText)
		_, caseID := intakeUIFile(t, web, form)
		r := web.Get("/casussen/" + itoa(caseID))
		wantStatus(t, r, http.StatusOK)
		// html/template escapes the quotes of the text; nothing else.
		wantContains(t, r, unicodeName, strings.ReplaceAll(unicodeText, `"`, "&#34;")[:40])
	})
}

// TestFormsStateAndHoldTextLimits: the intake form shows each limit
// (maxlength and "max. N tekens", without JavaScript), and a name over it
// sent anyway comes back with the error at the field and the name as typed.
func TestFormsStateAndHoldTextLimits(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		web := ts.Login(vtIntake)
		r := web.Get("/meldingen/nieuw")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `name="children[0].given_names" value="" maxlength="200"`, `id="children-0-given_names-count"`, "max. 200 tekens",
			`maxlength="20000"`, "max. 20000 tekens", `<script src="/static/counter.js" defer></script>`)

		long := strings.Repeat("ë", textlimit.Name+1)
		form := intakeUIForm(ts, long, "k-long")
		r = web.PostForm("/meldingen", form)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, textlimit.TooLongMessage(textlimit.Name, textlimit.Name+1), `value="`+long+`"`, `href="#children-1-family_name"`)
		wantContains(t, ts.Anonymous().Get("/static/counter.js"), "data-count-for")
	})
}
