package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/browsertest"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// walkMeter counts what a person does in the browser: clicks (a link
// followed, a button pressed, a choice made in a list, a box or option
// ticked) and typed fields; and the width of every page at 390 px.
// Logging in is not counted (the clock of the test jumps hours, which a
// real session would not).
type walkMeter struct {
	t             *testing.T
	ctx           context.Context
	clicks, typed int
	widths        []string
}

func (m *walkMeter) follow(url string) {
	m.t.Helper()
	m.clicks++
	if st := browsertest.Navigate(m.t, m.ctx, url); st != http.StatusOK {
		m.t.Fatalf("%s: status %d", url, st)
	}
}

func (m *walkMeter) press(sel string, want int) {
	m.t.Helper()
	m.clicks++
	if st := browsertest.Submit(m.t, m.ctx, sel); st != want {
		m.t.Fatalf("%s: status %d, want %d", sel, st, want)
	}
}

func (m *walkMeter) open(sel string) { m.t.Helper(); m.clicks++; browsertest.Click(m.t, m.ctx, sel) }
func (m *walkMeter) tick(sel string) {
	m.t.Helper()
	m.clicks++
	browsertest.Check(m.t, m.ctx, sel, true)
}
func (m *walkMeter) choose(sel, value string) {
	m.t.Helper()
	m.clicks++
	browsertest.Fill(m.t, m.ctx, sel, value)
}
func (m *walkMeter) typeIn(sel, value string) {
	m.t.Helper()
	m.typed++
	browsertest.Fill(m.t, m.ctx, sel, value)
}

// page measures the page's width at 390 px and remembers it by name.
func (m *walkMeter) page(name string) {
	m.t.Helper()
	w := browsertest.ScrollWidth(m.t, m.ctx)
	if w > 390 {
		m.t.Errorf("%s is %d px wide at 390 px: %v", name, w, browsertest.WidestElements(m.t, m.ctx, 390, 3))
	}
	m.widths = append(m.widths, fmt.Sprintf("%s %d px", name, w))
	browsertest.Screenshot(m.t, m.ctx, "crisis-walk-"+strings.ReplaceAll(name, " ", "-")+".png")
}

// stage logs the counts of one stage and starts the next from zero.
func (m *walkMeter) stage(name string) (clicks, typed int) {
	m.t.Logf("WALK %s: %d clicks, %d typed fields", name, m.clicks, m.typed)
	clicks, typed = m.clicks, m.typed
	m.clicks, m.typed = 0, 0
	return clicks, typed
}

// TestBrowserCrisisWalk walks issue 10 in Chromium on a phone (390 × 844):
// from "a red report arrives" (the intake worker types it) to "table
// planned, everyone invited" (the proposed table, its video link added
// during the hold, the invitations sent), and from "invitation" (an
// invitee's work list) to "agreed plan" (accept, the plan's actions,
// attendance once the table began, agreeing after the confirmation page).
// It logs the clicks and typed fields of each stage and the width of every
// page.
func TestBrowserCrisisWalk(t *testing.T) {
	ts := startServerWith(t, storagetest.Engines()[0], func(c *web.Config) { c.TableHold = 10 * time.Minute })
	ctx := browsertest.New(t)
	browsertest.Viewport(t, ctx, 390, 844)
	m := &walkMeter{t: t, ctx: ctx}
	browserLogin(t, ctx, ts.URL, vtIntake)

	// 1. A red report arrives: the intake worker types it.
	m.follow(ts.URL + "/meldingen/nieuw")
	m.page("intake form")
	m.tick("#reporter-kind-police")
	m.typeIn("#reporter-name", "Agent Bos")
	m.typeIn("#children-0-given_names", "Sem")
	m.typeIn("#children-0-family_name", "Looptest")
	m.typeIn("#children-0-birth_date", "2019-05-04")
	m.typeIn("#municipality", "Rotterdam")
	m.tick("#concerns-domestic_violence")
	m.tick("#indicators-threat_to_life")
	m.typeIn("#narrative", "Politie ter plaatse na melding van buren: vader bedreigde moeder met een mes, Sem was erbij.")
	m.press(`button[value="submit"]`, http.StatusOK)
	m.page("report result")
	reportClicks, reportTyped := m.stage("report typed and filed")

	// 2. The table is proposed at once; during the hold the intake worker
	// adds the video link (so the invitations carry it) and sends them.
	m.open(`a[href^="/overleggen/"]`)
	browsertest.WaitLocation(t, ctx, ts.URL+"/overleggen/")
	if got := browsertest.Text(t, ctx, "#kop-tafel"); !strings.Contains(got, "nog niemand is uitgenodigd") {
		t.Fatalf("the proposed table says %q", got)
	}
	browsertest.Axe(t, ctx, "proposed crisis table at 390 px")
	m.page("proposed table")
	m.open("#plaats summary")
	m.typeIn("#location-video_url", "https://meet.example.nl/crisis-sem")
	m.press("form[action$='/plaats'] button[type=submit]", http.StatusOK)
	m.press("form[action$='/tafel/versturen'] button[type=submit]", http.StatusOK)
	m.page("table sent")
	sendClicks, sendTyped := m.stage("table planned, everyone invited")
	id := strings.TrimPrefix(strings.SplitN(browsertest.Location(t, ctx), "?", 2)[0], ts.URL+"/overleggen/")
	var c schakel.Consultation
	r := ts.Bearer(vtIntake).Get("/api/v1/consultations/" + id)
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &c)
	if c.OnHold() || c.Location.VideoURL == "" {
		t.Fatalf("after sending: on hold %v, link %q", c.OnHold(), c.Location.VideoURL)
	}
	mails, err := ts.DB.PendingMail(t.Context(), 500)
	if err != nil {
		t.Fatal(err)
	}
	invited := 0
	for _, mail := range mails {
		if strings.Contains(mail.ICS, "consultation-"+id+"@schakel") && strings.Contains(mail.ICS, "crisis-sem") {
			invited++
		}
	}
	if invited != len(c.Participants) {
		t.Fatalf("%d invitations with the link for %d people at the table", invited, len(c.Participants))
	}

	// 3. An invitee of another organisation accepts from the work list.
	var invitee *schakel.Professional
	for _, p := range c.Participants {
		if p.Professional.Organisation.Kind != schakel.VeiligThuis && invitee == nil {
			invitee = mustProfessionalByID(t, ts, p.Professional.ID)
		}
	}
	if invitee == nil {
		t.Fatal("nobody of another organisation at the table")
	}
	browserLogout(t, ctx)
	browserLogin(t, ctx, ts.URL, invitee.Email)
	m.page("invitee's work list")
	m.press("form[action='/overleggen/"+id+"/meedoen'] button", http.StatusOK)
	m.page("consultation accepted")
	acceptClicks, acceptTyped := m.stage("invitation accepted")

	// 4. The plan at the table: who talks with the parents and with the
	// child, attendance once it began, agreed after the confirmation page.
	beginConsultation(t, ts, c.ID)
	browserLogin(t, ctx, ts.URL, vtIntake)
	caseURL := ts.URL + "/casussen/" + itoa(c.CaseID)
	sanne := mustProfessional(t, ts, vtIntake)
	m.follow(caseURL + "/plan")
	m.page("plan")
	for _, a := range []struct{ title, forWhom string }{
		{"Gesprek met moeder over de veiligheidsafspraken", "parents"},
		{"Gesprek met Sem op school", "child"},
	} {
		m.typeIn("#action-title", a.title)
		m.tick("#nieuwe-actie input[name=kind][value='action']")
		m.tick("#nieuwe-actie input[name=for][value='" + a.forWhom + "']")
		m.choose("#action-owner", itoa(sanne.ID))
		m.typeIn("#action-due_date", today(ts, 3))
		m.press("form[action='/casussen/"+itoa(c.CaseID)+"/acties'] button[type=submit]", http.StatusOK)
	}
	m.follow(ts.URL + "/overleggen/" + id)
	for i := range c.Participants {
		m.tick(fmt.Sprintf("#present-%d", i))
	}
	m.press("form[action$='/aanwezigheid'] button[type=submit]", http.StatusOK)
	m.page("attendance recorded")
	m.follow(caseURL + "/plan")
	m.choose("#agree-consultation_id", id)
	m.typeIn("#agree-review_date", today(ts, 42))
	m.press("form[action='/casussen/"+itoa(c.CaseID)+"/plan/vaststellen'] button[type=submit]", http.StatusOK)
	if got := browsertest.Text(t, ctx, "#bevestigen"); !strings.Contains(got, "Controleer wat u vaststelt") {
		t.Fatalf("confirmation page says %q", got)
	}
	m.page("agree confirmation")
	m.press("form[action='/casussen/"+itoa(c.CaseID)+"/plan/vaststellen'] button[type=submit]", http.StatusOK)
	m.page("plan agreed")
	agreeClicks, agreeTyped := m.stage("plan made, attendance, agreed")

	t.Logf("WALK red report → table planned, everyone invited: %d clicks, %d typed fields (report %d/%d, table %d/%d)",
		reportClicks+sendClicks, reportTyped+sendTyped, reportClicks, reportTyped, sendClicks, sendTyped)
	t.Logf("WALK invitation → agreed plan: %d clicks, %d typed fields (accept %d/%d, plan and agreement %d/%d, %d people at the table)",
		acceptClicks+agreeClicks, acceptTyped+agreeTyped, acceptClicks, acceptTyped, agreeClicks, agreeTyped, len(c.Participants))
	t.Logf("WALK widths at 390 px: %s", strings.Join(m.widths, "; "))
}

func mustProfessionalByID(t *testing.T, ts *testServer, id int64) *schakel.Professional {
	t.Helper()
	p, err := ts.DB.Professional(t.Context(), id)
	if err != nil {
		t.Fatalf("professional %d: %v", id, err)
	}
	return &p
}
