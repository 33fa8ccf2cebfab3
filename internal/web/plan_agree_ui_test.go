package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/storage/storagetest"
)

// TestAgreeAtAHeldTableAfterConfirmation walks agreeing a plan on the
// screen: refused at a table that was not held (with the next step), then
// a confirmation page that shows what will be agreed, and only "Ja"
// agrees it. Someone without regie must name who of the regie agreed.
func TestAgreeAtAHeldTableAfterConfirmation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		f.join(t, jbCaseWorker, schakel.RoleUitvoering)
		f.action(t, f.sanne, vtMohamed, schakel.ForParents, schakel.ActionTask, today(f.ts, 2))
		f.action(t, f.fatma, jbCaseWorker, schakel.ForChild, schakel.ActionTask, today(f.ts, 3))
		web := f.ts.Login(vtIntake)
		agree := "/casussen/" + itoa(f.caseID) + "/plan/vaststellen"
		form := func(extra url.Values) url.Values {
			v := url.Values{"consultation_id": {itoa(f.consultID)}, "review_date": {today(f.ts, 30)}, "version": {itoa(mustPlan(t, f).Version)}}
			for k, vs := range extra {
				v[k] = vs
			}
			return v
		}
		r := web.PostForm(agree, form(nil))
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "nog niet gehouden", "Leg eerst in het overleg vast wie er waren")

		beginConsultation(t, f.ts, f.consultID)
		wantStatus(t, f.sanne.SendJSON("POST", "/api/v1/consultations/"+itoa(f.consultID)+"/attendance",
			map[string]any{"present": []int64{f.pros[vtIntake], f.pros[jbCaseWorker]}}), http.StatusOK)
		web = f.ts.Login(vtIntake) // the clock moved past the session's idle time

		// Jeugdbescherming does not hold regie: it must say who of the regie agreed.
		jb := f.ts.Login(jbCaseWorker)
		wantStatus(t, jb.PostForm(agree, form(nil)), http.StatusUnprocessableEntity)

		r = web.PostForm(agree, form(nil))
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Controleer wat u vaststelt", "Gesprek met parents", "Gesprek met child", "Ja, stel het plan vast", `name="bevestigd" value="1"`)
		if p := mustPlan(t, f); p.Status != schakel.PlanDraft {
			t.Fatalf("the confirmation page agreed the plan already: %s", p.Status)
		}
		r = web.PostForm(agree, form(url.Values{"bevestigd": {"1"}}))
		wantStatus(t, r, http.StatusSeeOther)
		if p := mustPlan(t, f); p.Status != schakel.PlanAgreed {
			t.Fatalf("after 'Ja': plan %s", p.Status)
		}
		if !strings.Contains(web.Get(r.Header.Get("Location")).Body, "Het plan is vastgesteld") {
			t.Error("no notice after agreeing")
		}
	})
}
