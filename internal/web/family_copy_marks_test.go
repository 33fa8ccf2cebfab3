package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"schakel/internal/familycopy"
	"schakel/internal/storage/storagetest"
)

// TestFamilyCopyMarkChangedAndRemoved changes a mark on the screen and
// removes it through the API: the mark follows, and the copy's page says
// to confirm again.
func TestFamilyCopyMarkChangedAndRemoved(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		caseID, mother, father, act := violentCase(t, ts)
		api := ts.Bearer(vtIntake)
		base := "/api/v1/cases/" + itoa(caseID)
		var m familycopy.Mark
		r := api.SendJSON("POST", base+"/actions/"+itoa(act.ID)+"/marks", map[string]any{"person_id": father, "kind": "withhold"})
		wantStatus(t, r, http.StatusCreated)
		r.JSON(t, &m)

		page := ts.Login(vtIntake).StepUp()
		copyPage := "/casussen/" + itoa(caseID) + "/voor-ouders?voor=" + itoa(mother)
		wantContains(t, page.Get(copyPage), "Markering wijzigen of weghalen")
		r = page.PostForm("/casussen/"+itoa(caseID)+"/markeringen/"+itoa(m.ID)+"/wijzigen?voor="+itoa(mother),
			url.Values{"kind": {"whereabouts"}, "person": {itoa(mother)}})
		wantStatus(t, r, http.StatusSeeOther)
		wantContains(t, page.Get(r.Header.Get("Location")), "De markering is gewijzigd", "Vertelt waar verblijft:")

		wantProblemField(t, api.SendJSON("PUT", base+"/marks/"+itoa(m.ID), map[string]any{"person_id": mother, "kind": "vergeten"}),
			http.StatusUnprocessableEntity, "kind")
		wantStatus(t, api.Do("DELETE", base+"/marks/"+itoa(m.ID), nil, ""), http.StatusNoContent)
		wantStatus(t, api.Do("DELETE", base+"/marks/"+itoa(m.ID), nil, ""), http.StatusNotFound)
	})
}
