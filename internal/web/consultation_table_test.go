package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// TestHeldCrisisTable files a red report with a ten-minute hold and
// shapes the proposed table on both surfaces: a need removed without a
// reason comes back at the field with the choice kept, with a reason it is
// gone and kept as history; a colleague who reads the case is not offered
// the forms and may not add anyone; the intake worker adds an eligible
// person and sends the invitations now; after that the table cannot be
// changed any more.
func TestHeldCrisisTable(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServerWith(t, e, func(c *web.Config) { c.TableHold = 10 * time.Minute })
		api := ts.Bearer(vtIntake)
		var res app.ReportResult
		r := api.SendJSON("POST", "/api/v1/reports", walkReport(""))
		wantStatus(t, r, http.StatusCreated)
		r.JSON(t, &res)
		if res.Consultation == nil || !res.Consultation.OnHold() {
			t.Fatalf("a red report's table is not held: %+v", res.Consultation)
		}
		id := itoa(res.Consultation.ID)
		need := ""
		for _, n := range res.Consultation.Needs {
			if n.Urgency == "urgent" && !strings.HasPrefix(n.Need, "person:") {
				need = n.Need
			}
		}
		sanne := ts.Login(vtIntake)
		page := sanne.Get("/overleggen/" + id)
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "Voorstel: nog niemand is uitgenodigd", "Nu iedereen uitnodigen", "Wie stelt Schakel voor?")

		// A colleague who reads the case sees the proposal, not the forms
		// that the server would refuse them (access.ShapeTable).
		colleague := ts.Login(demo.Email("Mohamed", "vt")).Get("/overleggen/" + id)
		wantStatus(t, colleague, http.StatusOK)
		wantContains(t, colleague, "Voorstel: nog niemand is uitgenodigd", "Wie stelt Schakel voor?")
		for _, form := range []string{"Nu iedereen uitnodigen", "/tafel/versturen", "/tafel/weghalen", "/tafel/erbij"} {
			if strings.Contains(colleague.Body, form) {
				t.Errorf("a colleague without the right to shape the table is offered %q", form)
			}
		}

		r = sanne.PostForm("/overleggen/"+id+"/tafel/weghalen", url.Values{"need": {need}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "Waarom is het niet nodig?", `value="`+need+`" checked`)
		r = sanne.PostForm("/overleggen/"+id+"/tafel/weghalen", url.Values{"need": {need}, "reason": {"Dat regelen we morgen bij het MDO."}})
		wantStatus(t, r, http.StatusSeeOther)
		page = sanne.Get("/overleggen/" + id)
		wantContains(t, page, "Tafel aangepast", "weggehaald door", "Reden: Dat regelen we morgen bij het MDO.")

		rob := ts.ProfessionalID(demo.Email("Rob", "schuldhulp"))
		add := map[string]any{"professional_id": rob, "reason": "Kent het gezin van de schuldsanering."}
		wantStatus(t, ts.Bearer(demo.Email("Mohamed", "vt")).SendJSON("POST", "/api/v1/consultations/"+id+"/table/add-person", add), http.StatusForbidden)
		r = api.SendJSON("POST", "/api/v1/consultations/"+id+"/table/add-person", add)
		wantStatus(t, r, http.StatusOK)
		var c schakel.Consultation
		r.JSON(t, &c)
		if len(c.TableChanges) != 2 || c.TableChanges[1].Kind != schakel.TablePersonAdded {
			t.Fatalf("history %+v", c.TableChanges)
		}

		r = sanne.PostForm("/overleggen/"+id+"/tafel/versturen", url.Values{})
		wantStatus(t, r, http.StatusSeeOther)
		page = sanne.Get("/overleggen/" + id)
		wantContains(t, page, "uitnodigingen verstuurd door", "Wie zijn er uitgenodigd?")
		if strings.Contains(page.Body, "Nu iedereen uitnodigen") {
			t.Error("the table still offers to send its invitations")
		}
		r = api.SendJSON("POST", "/api/v1/consultations/"+id+"/table/send", nil)
		wantStatus(t, r, http.StatusConflict)
		if p := r.Problem(t); p.Code != schakel.ECONFLICT {
			t.Fatalf("sent twice: %+v", p)
		}
	})
}
