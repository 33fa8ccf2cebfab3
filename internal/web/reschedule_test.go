package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestMoveAndCancelConsultation drives moving and cancelling through the
// API and the consultation page: named fields, 409 for the crisis
// consultation of a red case, the calendar file follows the change.
func TestMoveAndCancelConsultation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		ts := f.ts
		crisis := "/api/v1/consultations/" + itoa(f.consultID)
		var c schakel.Consultation
		r := f.sanne.Get(crisis)
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &c)

		// API: bad input named, red keeps its crisis consultation.
		r = f.sanne.SendJSON("POST", crisis+"/move", map[string]any{"scheduled_at": "morgen", "reason": "kort"})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "scheduled_at")
		wantProblemField(t, r, http.StatusUnprocessableEntity, "reason")
		r = f.sanne.SendJSON("POST", crisis+"/cancel", map[string]any{"reason": "Volgens mij niet meer nodig."})
		wantStatus(t, r, http.StatusConflict)
		r = f.sanne.SendJSON("POST", crisis+"/move", map[string]any{"scheduled_at": c.ScheduledAt.Add(30 * time.Minute).Format(time.RFC3339),
			"reason": "De vertrouwensarts kan pas een half uur later."})
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"sequence":1`, `"kind":"moved"`, "De vertrouwensarts kan pas een half uur later.")
		// An invited person's calendar file is now the update.
		for _, p := range c.Participants {
			if p.Professional.ID != f.pros[vtMohamed] {
				continue
			}
			r = f.mohamed.Get(crisis + "/invite.ics")
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, "SEQUENCE:1", "METHOD:REQUEST")
		}

		// The page: the change is listed; a red case offers no cancel form.
		web := ts.Login(vtIntake)
		page := "/overleggen/" + itoa(f.consultID)
		r = web.Get(page)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Gewijzigd", "verplaatst van", "De vertrouwensarts kan pas een half uur later.", "Een rode casus houdt zijn crisisoverleg.")
		if strings.Contains(r.Body, `action="`+page+`/afzeggen"`) {
			t.Error("a cancel form for the crisis consultation of a red case")
		}
		// A wrong moment: the form again, with what was typed.
		r = web.PostForm(page+"/verplaatsen", url.Values{"scheduled_at": {"2020-01-01T10:00"}, "reason": {"Zaal is bezet, andere dag."}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "Dit moment is voorbij.", "Zaal is bezet, andere dag.", `value="2020-01-01T10:00"`, `href="#move-scheduled_at"`)

		// An MDO: moved and cancelled from its page.
		at := ts.Clock.Now().Add(48 * time.Hour).In(workdays.Location()).Truncate(time.Hour)
		r = f.sanne.SendJSON("POST", f.path("/consultations"), map[string]any{"kind": "mdo", "scheduled_at": at.Format(time.RFC3339),
			"invite": map[string]any{"professional_ids": []int64{f.pros[vtMohamed]}}})
		wantStatus(t, r, http.StatusCreated)
		var mdo schakel.Consultation
		r.JSON(t, &mdo)
		page = "/overleggen/" + itoa(mdo.ID)
		r = web.PostForm(page+"/verplaatsen", url.Values{"scheduled_at": {at.Add(24 * time.Hour).Format("2006-01-02T15:04")}, "reason": {"Moeder kan alleen op donderdag."}})
		wantStatus(t, r, http.StatusSeeOther)
		r = web.Get(page + "?ok=verplaatst")
		wantContains(t, r, "Het overleg is verplaatst.", "Moeder kan alleen op donderdag.", at.Add(24*time.Hour).Format("02-01-2006"))
		r = web.PostForm(page+"/afzeggen", url.Values{"reason": {""}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, `id="cancel-reason"`, "Schrijf op waarom het overleg niet doorgaat")
		r = web.PostForm(page+"/afzeggen", url.Values{"reason": {"Het gezin is verhuisd naar een andere regio."}})
		wantStatus(t, r, http.StatusSeeOther)
		r = web.Get(page + "?ok=afgezegd")
		wantContains(t, r, "Het overleg is afgezegd.", "Afgezegd")
		if strings.Contains(r.Body, `id="kop-wijzigen"`) {
			t.Error("a cancelled consultation can still be moved")
		}
		r = f.mohamed.Get("/api/v1/consultations/" + itoa(mdo.ID) + "/invite.ics")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "METHOD:CANCEL", "SEQUENCE:2")
		if ct := r.Header.Get("Content-Type"); !strings.Contains(ct, "method=CANCEL") {
			t.Errorf("content type %q", ct)
		}
		r = f.sanne.SendJSON("POST", "/api/v1/consultations/"+itoa(mdo.ID)+"/move", map[string]any{"scheduled_at": at.Add(72 * time.Hour).Format(time.RFC3339),
			"reason": "Toch nog een keer proberen."})
		wantStatus(t, r, http.StatusConflict)
	})
}
