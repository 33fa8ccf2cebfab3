package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// beginConsultation moves the server's clock to a minute after the
// consultation's start, when attendance can be recorded.
func beginConsultation(t *testing.T, ts *testServer, id int64) {
	t.Helper()
	var ref storage.ConsultationRef
	err := ts.DB.View(context.Background(), func(tx *storage.Tx) error {
		var err error
		ref, err = tx.ConsultationRefOf(id)
		return err
	})
	if err != nil {
		t.Fatalf("consultation %d: %v", id, err)
	}
	if d := ref.ScheduledAt.Sub(ts.Clock.Now()); d > -time.Minute {
		ts.Clock.Advance(d + time.Minute)
	}
}

// TestConsultationLocation plans consultations with a place, a phone
// number and a video link: bad ones are refused next to the field (API and
// screen, nothing lost); a good one is on the page, in the API, in the
// e-mail and in the calendar (LOCATION, URL, the planner as ORGANIZER).
// The crisis table of a report meets online until its link is known.
func TestConsultationLocation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		ts := f.ts
		at := ts.Clock.Now().Add(48 * time.Hour).Truncate(time.Hour).Format(time.RFC3339)
		plan := func(loc map[string]any) response {
			return f.sanne.SendJSON("POST", f.path("/consultations"), map[string]any{"kind": "mdo", "scheduled_at": at,
				"invite": map[string]any{"professional_ids": []int64{f.pros[vtMohamed]}}, "location": loc})
		}
		bad := []struct {
			name, field string
			loc         map[string]any
		}{
			{"in person without a place", "location.place", map[string]any{"mode": "in_person"}},
			{"by phone without a number", "location.phone", map[string]any{"mode": "phone"}},
			{"a phone number with letters", "location.phone", map[string]any{"mode": "phone", "phone": "bel Sanne"}},
			{"online without a link", "location.video_url", map[string]any{"mode": "online"}},
			{"a video link without https", "location.video_url", map[string]any{"mode": "online", "video_url": "http://meet.example.nl/x"}},
			{"an unknown way to meet", "location.mode", map[string]any{"mode": "postduif", "place": "Dak"}},
		}
		for _, b := range bad {
			t.Run(b.name, func(t *testing.T) { wantProblemField(t, plan(b.loc), http.StatusUnprocessableEntity, b.field) })
		}

		r := plan(map[string]any{"mode": "in_person", "place": "Stadhuis, kamer 3", "phone": "+31 10 123  4567", "video_url": "https://meet.example.nl/mdo-7"})
		wantStatus(t, r, http.StatusCreated)
		var c schakel.Consultation
		r.JSON(t, &c)
		want := schakel.ConsultationLocation{Mode: "in_person", Place: "Stadhuis, kamer 3", Phone: "+31 10 123 4567", VideoURL: "https://meet.example.nl/mdo-7"}
		if c.Location != want {
			t.Fatalf("location %+v, want %+v", c.Location, want)
		}
		mails, err := ts.DB.OutboxFor(context.Background(), f.pros[vtMohamed], 5)
		if err != nil || len(mails) == 0 {
			t.Fatalf("no invitation: %v", err)
		}
		m := mails[0]
		sanne := mustProfessional(t, ts, vtIntake)
		for _, s := range []string{`LOCATION:Stadhuis\, kamer 3`, "URL;VALUE=URI:https://meet.example.nl/mdo-7", `ORGANIZER;CN="` + sanne.Name + `":mailto:` + sanne.Email} {
			if !strings.Contains(m.ICS, s) {
				t.Errorf("calendar lacks %q:\n%s", s, m.ICS)
			}
		}
		if strings.Contains(m.ICS, storage.FromAddress) {
			t.Errorf("the organiser is a system address:\n%s", m.ICS)
		}
		for _, s := range []string{"Plaats: Stadhuis, kamer 3", "Telefoon: +31 10 123 4567", "Videoverbinding: https://meet.example.nl/mdo-7"} {
			if !strings.Contains(m.Body, s) {
				t.Errorf("e-mail lacks %q:\n%s", s, m.Body)
			}
		}
		web := ts.Login(vtIntake)
		page := web.Get("/overleggen/" + itoa(c.ID))
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "Op locatie", "Plaats: Stadhuis, kamer 3", `href="tel:&#43;31%2010%20123%204567"`, `href="https://meet.example.nl/mdo-7"`,
			"Vanaf dan legt u hier vast wie er waren")

		// The crisis table: online, the link still to come.
		crisis := web.Get("/overleggen/" + itoa(f.consultID))
		wantContains(t, crisis, "Online (video)", "de link volgt")
		// Its link is added on its page (a wrong one comes back next to its
		// field), and over the API.
		plaats := "/overleggen/" + itoa(f.consultID) + "/plaats"
		r = web.PostForm(plaats, url.Values{"mode": {"online"}, "video_url": {"http://meet.example.nl/c"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, `id="location-video_url-error"`, "begint met https://", `value="http://meet.example.nl/c"`)
		r = web.PostForm(plaats, url.Values{"mode": {"online"}, "video_url": {"https://meet.example.nl/c"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = web.Get("/overleggen/" + itoa(f.consultID) + "?ok=plaats")
		wantContains(t, r, "De plaats van het overleg is vastgelegd", `href="https://meet.example.nl/c"`)
		r = f.sanne.SendJSON("POST", "/api/v1/consultations/"+itoa(f.consultID)+"/location", map[string]any{"mode": "phone", "phone": "010 123 45 67"})
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"phone":"010 123 45 67"`, `"sequence":2`)
		r = f.sanne.SendJSON("POST", "/api/v1/consultations/"+itoa(f.consultID)+"/location", map[string]any{"mode": "phone", "phone": "010 123 45 67"})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "location.mode")

		// On the screen: the error next to the field, what was typed kept.
		form := url.Values{"kind": {"mdo"}, "scheduled_at": {ts.Clock.Now().Add(48 * time.Hour).In(workdays.Location()).Format("2006-01-02T15:04")},
			"professional_ids": {itoa(f.pros[vtMohamed])}, "mode": {"phone"}, "phone": {"nul tien"}, "place": {"Stadhuis"}}
		r = web.PostForm("/casussen/"+itoa(f.caseID)+"/overleggen", form)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, `id="consultation-phone-error"`, "minstens 8 cijfers", `value="nul tien"`, `value="Stadhuis"`)
	})
}
