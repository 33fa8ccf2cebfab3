package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestCareScreens does care by need without JavaScript: a request without
// needs comes back with the error at the field and the text kept; the
// provider's answer without an approach likewise; then the answer goes
// in and the coordinator chooses it.
func TestCareScreens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		f := ts.fileReport(t, vtIntake, true)
		frank := ts.Login(demo.Email("Frank", "kompas"))
		wantStatus(t, frank.PostForm("/beheer/aanbod", url.Values{"categories": {"parenting_support"}, "municipalities": {"Rotterdam, Schiedam"}}), http.StatusSeeOther)
		sanne := ts.Login(vtIntake)
		path := "/casussen/" + itoa(f.CaseID) + "/zorgvragen"
		r := sanne.PostForm(path, url.Values{"urgency": {"weeks"}, "wants": {"Hulp na schooltijd."}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "Kies minstens één behoefte van het gezin.") || !strings.Contains(r.Body, "Hulp na schooltijd.") {
			t.Errorf("the refused request:\n%s", r.Body)
		}
		r = sanne.PostForm(path, url.Values{"urgency": {"weeks"}, "needs": {"parenting_support"}, "need_text_parenting_support": {"Vader wil leren rustig te blijven."}})
		wantStatus(t, r, http.StatusSeeOther)
		compare := strings.SplitN(r.Header.Get("Location"), "?", 2)[0]
		r = frank.PostForm(compare+"/antwoorden", url.Values{"earliest_start": {ts.Clock.Now().AddDate(0, 0, 7).Format(time.DateOnly)}, "conditions": {"Vader doet mee."}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "Beschrijf in gewone woorden hoe u het gezin zou helpen.") || !strings.Contains(r.Body, "Vader doet mee.") {
			t.Errorf("the refused answer:\n%s", r.Body)
		}
		r = frank.PostForm(compare+"/antwoorden", url.Values{"approach": {"Video-hometraining, thuis."}, "earliest_start": {ts.Clock.Now().AddDate(0, 0, 7).Format(time.DateOnly)}})
		wantStatus(t, r, http.StatusSeeOther)
		kompas := itoa(mustProfessional(t, ts, demo.Email("Frank", "kompas")).Organisation.ID)
		wantStatus(t, sanne.PostForm(compare+"/kiezen", url.Values{"organisation_id": {kompas}}), http.StatusSeeOther)
		if r := sanne.Get(compare); !strings.Contains(r.Body, "Gekozen") {
			t.Errorf("the comparison after choosing:\n%s", r.Body)
		}
		// The chosen provider records the start and the end on the same page.
		if r := frank.Get(compare); !strings.Contains(r.Body, "Start van de zorg vastleggen") {
			t.Errorf("the chosen provider sees no start form:\n%s", r.Body)
		}
		if r := sanne.Get(compare); strings.Contains(r.Body, "Start van de zorg vastleggen") {
			t.Error("the coordinator sees the provider's start form")
		}
		today := ts.Clock.Now().In(workdays.Location()).Format(time.DateOnly)
		wantStatus(t, frank.PostForm(compare+"/start", url.Values{"date": {today}}), http.StatusSeeOther)
		r = frank.PostForm(compare+"/einde", url.Values{"date": {today}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "Kies waarom de zorg stopte.") {
			t.Errorf("the refused end:\n%s", r.Body)
		}
		wantStatus(t, frank.PostForm(compare+"/einde", url.Values{"date": {today}, "reason": {"as_planned"}}), http.StatusSeeOther)
		if r := sanne.Get(compare); !strings.Contains(r.Body, "Afgerond volgens plan") {
			t.Errorf("the comparison after the end:\n%s", r.Body)
		}
	})
}
