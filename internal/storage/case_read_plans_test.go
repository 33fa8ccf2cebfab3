package storage_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/care"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestCaseReadPlans reads a case (GET a case and the case page) whose
// family another report was matched with, explains every statement the
// reads issued (the guard of every command among them) and fails on a
// full scan of a table that grows with the region, as TestIntakePlans
// does for the intake: every guarded command runs the guard's statement.
func TestCaseReadPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newIntakeWorld(t, db)
		sanne := w.actor(t, "sanne.vt@schakel.example")
		first, err := app.New(db).CreateReport(ctx, sanne, baseReport(), "")
		if err != nil {
			t.Fatal(err)
		}
		again, err := app.New(db).CreateReport(ctx, sanne, baseReport(), "")
		if err != nil || len(again.Matches) == 0 {
			t.Fatalf("no proposed match: %v %+v", err, again)
		}
		checkPlans(t, db, nil, func() {
			for _, id := range []int64{first.CaseID, again.CaseID} {
				if _, err := app.New(db).Case(ctx, sanne, id); err != nil {
					t.Fatal(err)
				}
				if _, _, err := app.New(db).CaseWorkspace(ctx, sanne, id); err != nil {
					t.Fatal(err)
				}
			}
		})
	})
}

// TestWorklistPlans does the same for the work lists, which every
// professional opens all day. The ratings waiting for a second rater are
// found by their status (waitsForSecondRater).
func TestWorklistPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newIntakeWorld(t, db)
		sanne := w.actor(t, "sanne.vt@schakel.example")
		if _, err := app.New(db).CreateReport(ctx, sanne, benchReport(3, true), ""); err != nil {
			t.Fatal(err)
		}
		checkPlans(t, db, waitsForSecondRater, func() {
			for _, scope := range []string{"mine", "team", "organisation"} {
				if _, err := app.New(db).Worklist(ctx, sanne, app.WorkFilter{Scope: scope}); err != nil {
					t.Fatal(err)
				}
			}
		})
	})
}

// waitsForSecondRater lets a statement find the ratings that wait for a
// second rater by their status: a rating waits so only until a colleague
// looks, so that index picks few rows.
func waitsForSecondRater(q string) bool { return strings.Contains(q, "status = 'pending_second'") }

// planCase is a demo world with one case, filed by Sanne of Veilig Thuis
// and read back: where the plan tests of the working day start.
type planCase struct {
	w     *intakeWorld
	sanne *schakel.Actor
	uc    *app.App
	filed app.ReportResult
	c     schakel.Case
}

func newPlanCase(t *testing.T, db *storage.DB, in intake.Report) planCase {
	t.Helper()
	ctx := context.Background()
	w := newIntakeWorld(t, db)
	pc := planCase{w: w, sanne: w.actor(t, "sanne.vt@schakel.example"), uc: app.New(db)}
	var err error
	if pc.filed, err = pc.uc.CreateReport(ctx, pc.sanne, in, ""); err != nil {
		t.Fatal(err)
	}
	if pc.c, err = pc.uc.Case(ctx, pc.sanne, pc.filed.CaseID); err != nil {
		t.Fatal(err)
	}
	return pc
}

// baseFamily finds, in a case filed from baseReport, the mother and the
// child, and gives the mother an account of Schakel for families: the
// parent the family plan tests act as.
func (pc planCase) baseFamily(t *testing.T, db *storage.DB) (mother, child int64, parent *schakel.Actor) {
	t.Helper()
	for _, p := range pc.c.Persons {
		switch p.GivenNames {
		case "Mirjam":
			mother = p.ID
		case "Noah":
			child = p.ID
		}
	}
	var account int64
	if err := db.Update(context.Background(), func(tx *storage.Tx) error {
		var err error
		account, err = tx.InsertFamilyAccount(mother, pc.filed.CaseID, pc.sanne.Professional.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	parent = &schakel.Actor{FamilyMember: &schakel.FamilyMember{ID: account, PersonID: mother, FamilyID: pc.c.FamilyID, Name: "Mirjam de Jong"},
		ClientAddr: "198.51.100.7"}
	return mother, child, parent
}

// team makes a team led by lead with the given members (the lead among
// them when listed), each 36 hours a week.
func (pc planCase) team(t *testing.T, name string, lead *schakel.Actor, members ...*schakel.Actor) schakel.Team {
	t.Helper()
	ctx := context.Background()
	team, err := pc.uc.CreateTeam(ctx, lead, app.TeamInput{Name: name, LeadID: lead.Professional.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range members {
		if _, err := pc.uc.PutTeamMember(ctx, lead, team.ID, app.MemberInput{ProfessionalID: a.Professional.ID, HoursPerWeek: 36, StartedOn: "2024-01-01"}); err != nil {
			t.Fatal(err)
		}
	}
	return team
}

// join lets Sanne add the organisation of who to the case, with who as
// its contact.
func (pc planCase) join(t *testing.T, who *schakel.Actor, role schakel.ParticipationRole) {
	t.Helper()
	if _, err := pc.uc.AddParticipation(context.Background(), pc.sanne, pc.filed.CaseID, schakel.ParticipationInput{OrganisationID: who.Professional.Organisation.ID,
		Role: role, ContactProfessionalID: who.Professional.ID, Reason: "Doet mee aan het plan"}); err != nil {
		t.Fatal(err)
	}
}

// hold makes who the case's first holder, assigned by lead, with the
// team lead's override should that take who above the caseload norm.
func (pc planCase) hold(t *testing.T, lead, who *schakel.Actor) {
	t.Helper()
	if _, err := pc.uc.AssignCaseHolder(context.Background(), lead, pc.filed.CaseID, app.HolderInput{ProfessionalID: who.Professional.ID,
		Position: schakel.FirstHolder, Reason: "Nieuwe casus.", Override: app.Override{Confirmed: true, Reason: "Tijdelijk."}}); err != nil {
		t.Fatal(err)
	}
}

// traumaCare lets Frank's care provider offer trauma care, and returns him.
func (pc planCase) traumaCare(t *testing.T) *schakel.Actor {
	t.Helper()
	frank := pc.w.actor(t, demo.Email("Frank", "kompas"))
	if _, err := pc.uc.PutCareProfile(context.Background(), frank, frank.Professional.Organisation.ID,
		schakel.ProviderProfile{Categories: []schakel.NeedCategory{schakel.NeedTrauma}}); err != nil {
		t.Fatal(err)
	}
	return frank
}

// askTraumaCare is Sanne's request for trauma care on the case, within weeks.
func (pc planCase) askTraumaCare(t *testing.T) schakel.CareRequest {
	t.Helper()
	req, err := pc.uc.CreateCareRequest(context.Background(), pc.sanne, pc.filed.CaseID,
		care.Request{Urgency: schakel.UrgencyWeeks, Needs: []schakel.CareNeed{{Category: schakel.NeedTrauma}}})
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// planStep is one screen, command or job whose statements a plan test
// explains.
type planStep struct {
	name string
	run  func() error
}

// historyStep is a step that reads one region's history by design (a
// figure over all its cases, or a norm applied to them), and why.
type historyStep struct {
	planStep
	why string
}

// checkStepPlans runs each step in a subtest of its own under checkPlans:
// a step that fails, or that issues no statement to explain, fails it.
func checkStepPlans(t *testing.T, db *storage.DB, allowed func(q string) bool, steps []planStep) {
	t.Helper()
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) { explainStep(t, db, planRule{allowed: allowed}, s) })
	}
}

// checkHistoryPlans does the same for steps that read a region's history
// (historyRead): their statements may read a region's rows.
func checkHistoryPlans(t *testing.T, db *storage.DB, allowed func(q string) bool, steps []historyStep) {
	t.Helper()
	for _, s := range steps {
		if s.why == "" {
			t.Fatalf("%s: a step that reads a region's history says why", s.name)
		}
		t.Run(s.name, func(t *testing.T) { explainStep(t, db, planRule{allowed: allowed, regionHistory: true}, s.planStep) })
	}
}

func explainStep(t *testing.T, db *storage.DB, rule planRule, s planStep) {
	t.Helper()
	n := explainPlans(t, db, rule, func() {
		if err := s.run(); err != nil {
			t.Fatal(err)
		}
	})
	if n == 0 {
		t.Error("no statement was explained")
	}
}

// planRule is what a plan test lets pass: statements allowed unexplained,
// and whether a region's history may be read (historyStep).
type planRule struct {
	allowed       func(q string) bool
	regionHistory bool
}

// checkPlans runs read, explains every statement it issued but the
// settings, inserts of given values and those allowed, and fails on a
// full scan of a table that grows with the region (fullScan). It sees
// every statement, also those sent straight to a pool. It returns how
// many it explained.
func checkPlans(t *testing.T, db *storage.DB, allowed func(q string) bool, read func()) int {
	t.Helper()
	return explainPlans(t, db, planRule{allowed: allowed}, read)
}

// explainPlans is checkPlans under a rule.
func explainPlans(t *testing.T, db *storage.DB, rule planRule, read func()) int {
	t.Helper()
	type stmt struct {
		q    string
		args []any
	}
	var mu sync.Mutex
	var seen []stmt
	record := func(q string, args []any) {
		// The trace sees PostgreSQL's statements with numbered
		// parameters; Explain takes question marks.
		q = numbered.ReplaceAllString(q, "?")
		mu.Lock()
		defer mu.Unlock()
		if !slices.ContainsFunc(seen, func(s stmt) bool { return s.q == q }) {
			seen = append(seen, stmt{q, append([]any(nil), args...)})
		}
	}
	db.TraceStatements(record)
	read()
	db.TraceStatements(nil)
	explained := 0
	for _, s := range seen {
		q := strings.TrimSpace(s.q)
		if !explainable(q) || (rule.allowed != nil && rule.allowed(q)) {
			continue
		}
		plan, err := db.Explain(context.Background(), s.q, s.args)
		if err != nil {
			t.Fatal(err)
		}
		explained++
		table := fullScan(db.Engine(), q, plan)
		if expiredDelete.MatchString(q) && strings.Contains(table, " (by ") {
			// A delete of what expired reads by index only the rows it
			// deletes, each once: a range below a moment is enough.
			table = ""
		}
		if rule.regionHistory && historyRead(q, table, plan) {
			table = ""
		}
		if table != "" {
			t.Errorf("full scan of %s in\n%.300s\nplan:\n%s", table, strings.Join(strings.Fields(q), " "), plan)
		}
	}
	t.Logf("%d distinct statements explained", explained)
	return explained
}

// numbered are PostgreSQL's parameters.
var numbered = regexp.MustCompile(`\$[0-9]+`)

// historyRead says whether a statement of a step that reads a region's
// history may read a table as its plan does: the region's rows by an
// index on the region (SQLite's plans show which; PostgreSQL's are only
// checked for sequential scans, as everywhere in these tests); a roll-up
// whole, which counts per month and region, so grows with time, not with
// families, and the country's figures add all of it up; and what holds
// the current work only, however long the region's history (current).
// For the country's figures and the jobs that cover every organisation,
// current also takes the country's.
func historyRead(q, table, plan string) bool {
	alias, _, _ := strings.Cut(table, " ")
	name := tableOf(q, alias)
	return strings.HasSuffix(name, "_rollup") || byRegion.MatchString(table) || slices.ContainsFunc(current, func(c string) bool {
		return name == c || strings.Contains(plan, "SCAN "+alias+" USING COVERING INDEX "+c)
	})
}

// byRegion is a table read by an index on its region: one region's rows.
var byRegion = regexp.MustCompile(`^\w+ \(by region_id=\?`)

// current are the tables, and partial indexes, that hold the current work
// only: the cases waiting for a case holder now, the open phase runs, and
// the teams.
var current = []string{"holder_waiting", "case_phases_open", "teams"}

// expiredDelete is a delete of the rows whose moment has passed.
var expiredDelete = regexp.MustCompile(`^DELETE FROM \w+ WHERE \w+ < \?$`)

// explainable says whether a statement reads rows it could find by an
// index: a query, an update or a delete, or an insert of what a query
// selects. Settings, savepoints and inserts of given values are not.
func explainable(q string) bool {
	head, _, _ := strings.Cut(q, " ")
	switch strings.ToUpper(head) {
	case "SELECT", "WITH", "UPDATE", "DELETE":
		return true
	case "INSERT":
		return strings.Contains(q, "SELECT")
	}
	return false
}
