package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/askalong"
	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// screenSize is a browser window the screens must work in.
type screenSize struct {
	name          string
	width, height int64
	axe           bool // run axe-core at this size (once per page)
}

// screenSizes: a desktop, a common phone (390 × 844) and the narrowest
// phone we promise (360 px), where only the width is checked.
var screenSizes = []screenSize{
	{"desktop", 1280, 900, true},
	{"phone", 390, 844, true},
	{"small-phone", 360, 740, false},
}

// phoneAccounts is one demo account for every role, and a case worker of a
// second organisation on the De Vries case.
var phoneAccounts = []struct {
	role  schakel.Role
	email string
}{
	{schakel.RoleIntake, demo.Email("Sanne", "vt")},
	{schakel.RoleCaseWorker, demo.Email("Mohamed", "vt")},
	{schakel.RoleBehaviouralExpert, demo.Email("Naima", "jb")},
	{schakel.RoleConfidentialDoc, demo.Email("Eva", "vt")},
	{schakel.RoleLawyer, demo.Email("Ruud", "vt")},
	{schakel.RoleCareCoordinator, demo.Email("Noor", "samendoen")},
	{schakel.RoleTeamLead, demo.Email("Linda", "vt")},
	{schakel.RolePrivacyOfficer, demo.Email("Karin", "vt")},
	{schakel.RoleAdmin, demo.Email("Joost", "vt")},
	{schakel.RoleSupportWorker, demo.Email("Sam", "jb")},
	{schakel.RoleCaseWorker, demo.Email("Fatma", "jb")},
}

// phoneFixture holds the ids the screens' addresses are filled with: the
// three demo families and what hangs off them, and a crisis table whose
// invitations are still held.
type phoneFixture struct {
	cases, reports, consultations, persons, professionals []int64
	reviews, careRequests, teams, tasks, asks             []int64
}

func loadPhoneFixture(t *testing.T, ts *testServer, raw *sql.DB) phoneFixture {
	t.Helper()
	ctx := context.Background()
	if err := demo.LoadCases(ctx, ts.DB, ts.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	// A draft in Sanne's list, so that the drafts page has a row.
	draft := `{"children":[{"given_names":"Mila","family_name":"Jansen-van den Berg"}],"adults":[],"narrative":"Nog niet af."}`
	if _, err := app.New(ts.DB).SaveDraft(ctx, actorOf(t, ts, demo.Email("Sanne", "vt")), 0, draft); err != nil {
		t.Fatal(err)
	}
	var fx phoneFixture
	for _, family := range []string{"Bakker", "de Vries", "Smit"} {
		q := func(sel string) int64 {
			return queryInt(t, raw, sel+` FROM reports r JOIN report_persons rp ON rp.report_id = r.id
				JOIN persons p ON p.id = rp.person_id WHERE p.family_name = '`+family+`'`)
		}
		fx.cases = append(fx.cases, q("SELECT MIN(r.case_id)"))
		fx.reports = append(fx.reports, q("SELECT MIN(r.id)"))
		if family == "Bakker" {
			fx.persons = append(fx.persons, q("SELECT MIN(p.id)"))
		}
	}
	fx.consultations = append(fx.consultations,
		queryInt(t, raw, "SELECT MIN(id) FROM consultations WHERE case_id = "+itoa(fx.cases[0])),
		queryInt(t, raw, "SELECT MIN(id) FROM consultations WHERE case_id = "+itoa(fx.cases[1])))
	fx.consultations = append(fx.consultations, heldTable(t, ts))
	fx.professionals = append(fx.professionals, ts.ProfessionalID(demo.Email("Mohamed", "vt")))
	fx.reviews = append(fx.reviews, queryInt(t, raw, "SELECT MIN(id) FROM placement_reviews"))
	fx.careRequests = append(fx.careRequests, queryInt(t, raw, "SELECT MIN(id) FROM care_requests"))
	// A team of Linda's, for the team screens.
	team, err := app.New(ts.DB).CreateTeam(ctx, actorOf(t, ts, demo.Email("Linda", "vt")), app.TeamInput{Name: "Team Telefoon"})
	if err != nil {
		t.Fatal(err)
	}
	fx.teams = append(fx.teams, team.ID)
	fx.tasks = append(fx.tasks, phoneTask(t, ts, fx.cases[0], team.ID))
	fx.asks = append(fx.asks, phoneAsk(t, ts, fx.cases[0], team.ID))
	for _, ids := range [][]int64{fx.cases, fx.reports, fx.consultations, fx.persons, fx.reviews, fx.careRequests, fx.teams, fx.tasks, fx.asks} {
		if slices.Contains(ids, 0) {
			t.Fatalf("demo fixture incomplete: %+v", fx)
		}
	}
	return fx
}

// heldTable files a red report as Sanne with a hold on its table's
// invitations and returns the table, so that the walk sees the proposal
// with its forms (Sanne, her team lead) and without them (a colleague).
// The clock stands still for the walk, so the hold does not end during it.
func heldTable(t *testing.T, ts *testServer) int64 {
	t.Helper()
	ts.Clock.Freeze()
	res, err := app.New(ts.DB, app.WithTableHold(time.Hour)).CreateReport(context.Background(), actorOf(t, ts, demo.Email("Sanne", "vt")), intake.Report{
		Reporter:     intake.Reporter{Kind: "police", Name: "Agent De Wit", Organisation: "Politie", Phone: "010-5550001"},
		Children:     []intake.Person{{GivenNames: "Julia", FamilyName: "Verhoeven", BirthDate: "2018-06-12", Relation: "child"}},
		Adults:       []intake.Person{{GivenNames: "Petra", FamilyName: "Verhoeven", BirthDate: "1990-02-03", Relation: "parent", ParentalAuthority: true}},
		Municipality: "Rotterdam", Concerns: []string{"domestic_violence"}, Indicators: []string{"threat_to_life"},
		Narrative: "De politie werd vannacht gebeld door de buren. Moeder had plekken in haar hals.",
	}, "")
	if err != nil || res.Consultation == nil || !res.Consultation.OnHold() {
		t.Fatalf("held table: %v %+v", err, res.Consultation)
	}
	return res.Consultation.ID
}

// screenURLs fills every screen address of the server's own mux with the
// fixture's ids (calendar files are not screens). A new screen with a path parameter this walk does not know
// fails the test, so that no page escapes the phone check.
func screenURLs(t *testing.T, srv *web.Server, fx phoneFixture) []string {
	t.Helper()
	fill := []struct {
		prefix string
		ids    []int64
	}{
		{"/casussen/{id}", fx.cases},
		{"/overleggen/{id}", fx.consultations},
		{"/meldingen/{id}", fx.reports},
		{"/privacy/personen/{id}", fx.persons},
		{"/beheer/medewerkers/{id}", fx.professionals},
		{"/medewerkers/{id}", fx.professionals},
		{"/beheer/teams/{id}", fx.teams},
		{"/plaatsingstafels/{id}", fx.reviews},
		{"/zorgvragen/{id}", fx.careRequests},
		{"/ondersteuning/{id}", fx.tasks},
		{"/werk/vragen/{id}", fx.asks},
		{"/gezin/logboek/{id}", fx.persons}, // a family screen: a professional is sent to the family login
	}
	var out []string
	for _, p := range web.RoutePatternsForTest(srv) {
		path, ok := strings.CutPrefix(p, "GET ")
		if !ok || strings.HasPrefix(path, "/api/") || strings.HasSuffix(path, ".ics") || strings.HasSuffix(path, ".png") || slices.Contains([]string{"/healthz", "/metrics", "/static/", "/login"}, path) {
			continue
		}
		if path == "/{$}" {
			out = append(out, "/", "/?scope=organisation")
			continue
		}
		if !strings.Contains(path, "{") {
			out = append(out, path)
			continue
		}
		filled := false
		for _, f := range fill {
			if rest, ok := strings.CutPrefix(path, f.prefix); ok && !strings.Contains(rest, "{") {
				for i, id := range f.ids {
					u := strings.Replace(f.prefix, "{id}", itoa(id), 1) + rest
					if f.prefix == "/meldingen/{id}" {
						u += "?casus=" + itoa(fx.cases[i]) // the result page names the report's case
					}
					out = append(out, u)
				}
				filled = true
				break
			}
		}
		if !filled {
			t.Fatalf("screen %s has a path parameter the phone walk does not fill: add it to screenURLs", p)
		}
	}
	return out
}

// TestBrowserEveryScreenOnAPhone logs in as every demo role and opens every
// screen the server has, at desktop size, on a 390 px phone and on a 360 px
// phone. No page may be wider than the window (no sideways scrolling), and
// every page passes axe-core at desktop and phone size. The widths at 390 px
// are logged, widest first.
func TestBrowserEveryScreenOnAPhone(t *testing.T) {
	if os.Getenv("SCHAKEL_PHONE_WALK") == "" {
		// Several minutes: too long for the everyday `go test ./...`.
		t.Skip("the walk of every screen runs on its own (SCHAKEL_PHONE_WALK=1)")
	}
	ts, raw := startWalkServer(t, storagetest.Engines()[0])
	fx := loadPhoneFixture(t, ts, raw)
	urls := screenURLs(t, ts.Srv, fx)
	ctx := browsertest.NewWithTimeout(t, 50*time.Minute)
	w := &phoneWalk{t: t, ctx: ctx, base: ts.URL, checked: map[string]bool{}, widths: map[string]int64{},
		spent: map[string]time.Duration{}, counts: map[string]int{}}
	t.Cleanup(w.reportTime)

	// The login page, and what it says after logging out.
	for _, size := range screenSizes {
		w.visit(size, "anonymous", "/login")
	}
	for _, acc := range phoneAccounts {
		name := string(acc.role) + " " + acc.email
		browsertest.Viewport(t, ctx, 1280, 900)
		browserLogin(t, ctx, ts.URL, acc.email)
		browserStepUp(t, ctx, ts, acc.email)
		// A refusal (403, 404, a redirect to another page) is the same
		// page whatever was refused: a role opens one of each status, and
		// the rest are only fetched, so that their status still counts.
		reached, refusals := 0, map[int]bool{}
		for _, u := range urls {
			var fetched int
			w.timed("fetch", func() { fetched = browsertest.FetchStatus(t, ctx, ts.URL+u) })
			if fetched != 200 && fetched < 500 && refusals[fetched] {
				continue
			}
			// A page is opened once and checked at each size by resizing
			// the window, which lays it out again as a load at that size
			// would. A desktop page is there for axe-core; once a role has
			// reached it, others need not check it at that size again.
			st := 0
			for _, size := range screenSizes {
				if size.name == "desktop" && w.checked[fmt.Sprintf("desktop %s 200", u)] {
					continue
				}
				w.timed("resize", func() { w.size(size) })
				if st == 0 {
					if st = w.open(name, u); st >= 500 || st == 0 {
						break
					}
				}
				w.check(size, name, u, st)
			}
			if st == 200 {
				reached++
			} else {
				refusals[st] = true
			}
		}
		t.Logf("%s reached %d of %d screens", name, reached, len(urls))
		browsertest.Viewport(t, ctx, 1280, 900)
		// The last screen opened may be one without the logout button (a
		// family screen sends a professional to the family login): log out
		// from the home page.
		browsertest.Navigate(t, ctx, ts.URL+"/")
		browserLogout(t, ctx)
	}
	for _, size := range screenSizes {
		w.visit(size, "logged out", "/login?uitgelogd=1")
	}
	w.report()
}

// phoneWalk visits screens and remembers what it checked and measured.
type phoneWalk struct {
	t       *testing.T
	ctx     context.Context
	base    string
	checked map[string]bool  // size + url + status: axe-core ran
	widths  map[string]int64 // url: the widest it was at 390 px, over every role
	spent   map[string]time.Duration
	counts  map[string]int
}

// timed runs one step of the walk and adds its time to the step's kind, so
// that the walk can say where its minutes went.
func (w *phoneWalk) timed(kind string, step func()) {
	start := time.Now()
	step()
	w.spent[kind] += time.Since(start)
	w.counts[kind]++
}

func (w *phoneWalk) size(s screenSize) { browsertest.Viewport(w.t, w.ctx, s.width, s.height) }

// visit opens one screen at one size and checks it.
func (w *phoneWalk) visit(size screenSize, who, url string) {
	w.t.Helper()
	w.size(size)
	if st := w.open(who, url); st < 500 && st != 0 {
		w.check(size, who, url, st)
	}
}

// open loads a screen and returns its status; a server error fails the test.
func (w *phoneWalk) open(who, url string) int {
	w.t.Helper()
	var st int
	w.timed("open", func() { st = browsertest.Navigate(w.t, w.ctx, w.base+url) })
	if st >= 500 || st == 0 {
		w.t.Errorf("%s as %s: status %d", url, who, st)
	}
	return st
}

// check measures the open page at the window's size and (once per page
// and status) runs axe-core and takes a screenshot.
func (w *phoneWalk) check(size screenSize, who, url string, st int) {
	t := w.t
	t.Helper()
	var width int64
	w.timed("measure", func() { width = browsertest.ScrollWidth(t, w.ctx) })
	if size.name == "phone" && width > w.widths[url] {
		w.widths[url] = width
	}
	if width > size.width {
		t.Errorf("%s as %s at %d px: the page is %d px wide (scrolls sideways); too wide: %s",
			url, who, size.width, width, strings.Join(browsertest.WidestElements(t, w.ctx, size.width, 4), ", "))
	}
	key := fmt.Sprintf("%s %s %d", size.name, url, st)
	if w.checked[key] {
		return
	}
	w.checked[key] = true
	if size.axe {
		w.timed("axe", func() { browsertest.Axe(t, w.ctx, fmt.Sprintf("%s as %s (%s, status %d)", url, who, size.name, st)) })
	}
	if size.name == "phone" {
		w.timed("screenshot", func() {
			browsertest.Screenshot(t, w.ctx, "phone"+strings.NewReplacer("/", "_", "?", "_", "=", "-").Replace(url)+fmt.Sprintf("_%d.png", st))
		})
	}
}

// report logs the widest each screen was at 390 px, widest first.
func (w *phoneWalk) report() {
	type row struct {
		url   string
		width int64
	}
	var rows []row
	for u, wd := range w.widths {
		rows = append(rows, row{u, wd})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].width != rows[j].width {
			return rows[i].width > rows[j].width
		}
		return rows[i].url < rows[j].url
	})
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "\n%5d px  %s", r.width, r.url)
	}
	w.t.Logf("widest at 390 px, over every role:%s", b.String())
}

// reportTime logs where the walk's time went, also when it fails.
func (w *phoneWalk) reportTime() {
	kinds := make([]string, 0, len(w.spent))
	for k := range w.spent {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		w.t.Logf("time spent: %-10s %4d × %v", k, w.counts[k], w.spent[k].Round(time.Second))
	}
}

// phoneTask puts a support task of Linda's team on a demo case, for the
// task screen: Linda reads it as its poster, the others are refused.
func phoneTask(t *testing.T, ts *testServer, caseID, teamID int64) int64 {
	t.Helper()
	linda := mustProfessional(t, ts, demo.Email("Linda", "vt"))
	var id int64
	err := ts.DB.Update(context.Background(), func(tx *storage.Tx) error {
		var err error
		id, err = tx.InsertSupportTask(storage.SupportTaskRecord{CaseID: caseID, TeamID: teamID, OrganisationID: linda.Organisation.ID,
			PostedBy: linda.ID, Kind: schakel.TaskSchoolMeeting, DueOn: ts.Clock.Now().Add(72 * time.Hour), Brief: "Gesprek met de mentor, dinsdag 10:00."})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// phoneAsk has Mohamed ask his team (Sanne and him) who can join a home
// visit, through the use case, so that the walk sees the ask's page as the
// asker and as a member who may take it.
func phoneAsk(t *testing.T, ts *testServer, caseID, teamID int64) int64 {
	t.Helper()
	ctx := context.Background()
	uc := app.New(ts.DB)
	linda := actorOf(t, ts, demo.Email("Linda", "vt"))
	for _, email := range []string{demo.Email("Mohamed", "vt"), demo.Email("Sanne", "vt")} {
		if _, err := uc.PutTeamMember(ctx, linda, teamID, app.MemberInput{ProfessionalID: ts.ProfessionalID(email), HoursPerWeek: 32}); err != nil {
			t.Fatalf("team member %s: %v", email, err)
		}
	}
	ask, err := uc.AskColleagues(ctx, actorOf(t, ts, demo.Email("Mohamed", "vt")), caseID, askalong.Input{Kind: schakel.AskJoin, TeamID: teamID,
		At: ts.Clock.Now().Add(48 * time.Hour).Format(time.RFC3339), PlaceKind: schakel.PlaceHome, Message: "Huisbezoek, wie gaat mee?"})
	if err != nil {
		t.Fatalf("ask the team: %v %v", err, schakel.FieldErrors(err))
	}
	return ask.ID
}
