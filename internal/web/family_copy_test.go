package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/familycopy"
	"schakel/internal/intake"
	"schakel/internal/storage/storagetest"
)

const shelter = "Moeder en kind slapen vannacht bij de zus in Schiedam."

// violentCase files a report of domestic violence with two parents and
// adds a safety agreement whose professional title names the shelter.
// It returns the case, the mother, the father and the action.
func violentCase(t *testing.T, ts *testServer) (caseID, mother, father int64, action schakel.Action) {
	t.Helper()
	p := mustProfessional(t, ts, vtIntake)
	rep := benchReport()
	rep.Adults = append(rep.Adults, intake.Person{GivenNames: "Vader", FamilyName: "Bench", BirthDate: "1979-01-01", Relation: "parent", ParentalAuthority: true})
	res, err := app.New(ts.DB).CreateReport(t.Context(), &schakel.Actor{Professional: p, ClientAddr: "127.0.0.1"}, rep, "")
	if err != nil {
		t.Fatalf("file report: %v", err)
	}
	sanne := ts.Bearer(vtIntake)
	var c schakel.Case
	r := sanne.Get("/api/v1/cases/" + itoa(res.CaseID))
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &c)
	for _, x := range c.Persons {
		switch x.GivenNames {
		case "Ouder":
			mother = x.ID
		case "Vader":
			father = x.ID
		}
	}
	r = sanne.SendJSON("POST", "/api/v1/cases/"+itoa(res.CaseID)+"/actions", map[string]any{"title": "Opvang M+K bij zus te Schiedam",
		"owner_organisation_id": p.Organisation.ID, "owner_professional_id": p.ID, "due_date": today(ts, 2), "kind": schakel.ActionSafetyAgreement, "for": nil})
	wantStatus(t, r, http.StatusCreated)
	r.JSON(t, &action)
	return res.CaseID, mother, father, action
}

// TestFamilyCopyAPI walks the copy through the JSON API: per parent in a
// violent case, only family texts, marks honoured, a confirmation bound to
// the copy read. The father's copy never holds where the others stay.
func TestFamilyCopyAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		caseID, mother, father, act := violentCase(t, ts)
		sanne := ts.Bearer(vtIntake).StepUp()
		base := "/api/v1/cases/" + itoa(caseID)

		wantProblemField(t, sanne.Get(base+"/family-summary"), http.StatusConflict, "person")
		wantProblemField(t, sanne.Get(base+"/family-summary?person=x"), http.StatusUnprocessableEntity, "person")
		r := sanne.SendJSON("PUT", base+"/actions/"+itoa(act.ID)+"/family-text", map[string]any{"family_text": ""})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "family_text")
		r = sanne.SendJSON("PUT", base+"/actions/"+itoa(act.ID)+"/family-text", map[string]any{"family_text": shelter + " Multidisciplinaire risicotaxatieprocedures intensiveren."})
		wantStatus(t, r, http.StatusOK)
		var ft app.FamilyText
		r.JSON(t, &ft)
		if len(ft.Warnings) != 1 || ft.Action.FamilyText == "" {
			t.Errorf("family text answer %+v: want the text and one warning", ft)
		}
		r = sanne.SendJSON("POST", base+"/actions/"+itoa(act.ID)+"/marks", map[string]any{"person_id": mother, "kind": "secret"})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "kind")
		r = sanne.SendJSON("POST", base+"/actions/"+itoa(act.ID)+"/marks", map[string]any{"person_id": mother, "kind": familycopy.MarkWhereabouts})
		wantStatus(t, r, http.StatusCreated)
		r = sanne.SendJSON("POST", base+"/actions/"+itoa(act.ID)+"/marks", map[string]any{"person_id": mother, "kind": familycopy.MarkWhereabouts})
		wantStatus(t, r, http.StatusConflict)

		var cp familycopy.Copy
		r = sanne.Get(base + "/family-summary?person=" + itoa(father))
		wantStatus(t, r, http.StatusOK)
		for _, leak := range []string{"Schiedam", "zus", act.Title} {
			if strings.Contains(r.Body, leak) {
				t.Errorf("the father's copy contains %q: %s", leak, r.Body)
			}
		}
		r.JSON(t, &cp)
		if cp.Confirmed || !cp.PerParent || cp.LeftOut != 1 {
			t.Errorf("father's copy %+v", cp)
		}
		r = sanne.SendJSON("POST", base+"/family-summary/confirm", map[string]any{"person_id": father, "digest": "0000"})
		wantProblemField(t, r, http.StatusConflict, "digest")
		r = sanne.SendJSON("POST", base+"/family-summary/confirm", map[string]any{"person_id": father, "digest": cp.Digest})
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"confirmed":true`)
		r = sanne.Get(base + "/family-summary?person=" + itoa(mother))
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Schiedam", `"confirmed":false`)
		if strings.Contains(r.Body, act.Title) {
			t.Error("the professional title reached the mother's copy")
		}
		r = ts.Bearer(schuldhulpRob).SendJSON("PUT", base+"/actions/"+itoa(act.ID)+"/family-text", map[string]any{"family_text": "Wij bellen u."})
		wantStatus(t, r, http.StatusForbidden)
	})
}

// TestFamilyCopyPage walks the same through the screens: the page shows
// "Nog niet bevestigd" until a professional confirms the copy shown.
func TestFamilyCopyPage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		caseID, mother, father, act := violentCase(t, ts)
		web := ts.Login(vtIntake).StepUp()
		page := "/casussen/" + itoa(caseID) + "/voor-ouders"

		r := web.Get(page)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Maak de kopie per ouder", "Kopie voor Vader Bench", "Kopie voorbereiden")
		r = web.PostForm("/casussen/"+itoa(caseID)+"/acties/"+itoa(act.ID)+"/gezinstekst?voor="+itoa(father), url.Values{"family_text": {"   "}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "Schrijf in gewone woorden")
		r = web.PostForm("/casussen/"+itoa(caseID)+"/acties/"+itoa(act.ID)+"/gezinstekst?voor="+itoa(father), url.Values{"family_text": {shelter}})
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "De tekst voor het gezin is opgeslagen")
		r = web.PostForm("/casussen/"+itoa(caseID)+"/acties/"+itoa(act.ID)+"/niet-delen?voor="+itoa(father), url.Values{"kind": {"withhold"}, "person": {itoa(father)}})
		wantStatus(t, r, http.StatusSeeOther)

		r = web.Get(page + "?voor=" + itoa(father))
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Nog niet bevestigd", "Niet delen met Vader Bench")
		copyPart := r.Body[:strings.Index(r.Body, "Kopie voorbereiden")]
		if strings.Contains(copyPart, "Schiedam") {
			t.Errorf("the father's copy on screen holds the whereabouts")
		}
		digest := between(r.Body, `name="digest" value="`, `"`)
		r = web.PostForm("/casussen/"+itoa(caseID)+"/voor-ouders/bevestigen?voor="+itoa(father), url.Values{"digest": {digest}})
		wantStatus(t, r, http.StatusSeeOther)
		r = web.Get(page + "?voor=" + itoa(father) + "&ok=bevestigd")
		wantContains(t, r, "Bevestigd door", "U heeft deze kopie bevestigd")
		if strings.Contains(r.Body, "Nog niet bevestigd") {
			t.Error("still 'nog niet bevestigd' after confirming")
		}
		r = web.Get(page + "?voor=" + itoa(mother))
		wantContains(t, r, "Nog niet bevestigd", shelter)
	})
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}
