package app_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestCohortMembers: a team lead makes an intervention cohort with a
// start date and puts their team in it; a case the team's member holds
// is then in the cohort, and the comparison counts it on the cohort's
// side, withheld below five cases. Other people, other organisations'
// team leads and bad input are refused with only their audit entry.
func TestCohortMembers(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := holderCase(t, db, uc)
		erik, fatma := demoActor(t, db, demo.Email("Erik", "jb")), demoActor(t, db, demo.Email("Fatma", "jb"))
		jeroen := demoActor(t, db, demo.Email("Jeroen", "samendoen"))
		yesterday := db.Now().In(workdays.Location()).AddDate(0, 0, -1).Format(time.DateOnly)
		for _, bad := range []struct {
			in    app.CohortInput
			field string
		}{
			{app.CohortInput{Name: "X", Intervention: "meer_geld"}, "intervention"},
			{app.CohortInput{Name: "X", StartsOn: "morgen"}, "starts_on"},
		} {
			refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error {
				_, err := uc.CreateCohort(ctx, erik, bad.in)
				if fe := schakel.FieldErrors(err); len(fe) != 1 || fe[0].Field != bad.field {
					t.Errorf("%+v: %v %+v", bad.in, err, fe)
				}
				return err
			})
		}
		k, err := uc.CreateCohort(ctx, erik, app.CohortInput{Name: "Ondersteuning Team Zuid", Intervention: "support_work", StartsOn: yesterday})
		if err != nil || k.Kind != "intervention" || k.StartsAt == nil || k.StartsAt.In(workdays.Location()).Format(time.DateOnly) != yesterday {
			t.Fatalf("cohort: %v %+v", err, k)
		}
		team, err := uc.CreateTeam(ctx, erik, app.TeamInput{Name: "Team Cohort", LeadID: erik.Professional.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.PutTeamMember(ctx, erik, team.ID, app.MemberInput{ProfessionalID: fatma.Professional.ID, HoursPerWeek: 32, StartedOn: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
		set := func(a *schakel.Actor, cohort int64, in app.CohortMemberInput, add bool) (bool, error) {
			return uc.SetCohortMember(ctx, a, cohort, in, add)
		}
		for _, c := range []struct {
			name   string
			a      *schakel.Actor
			cohort int64
			in     app.CohortMemberInput
			code   string
		}{
			{"a case worker", fatma, k.ID, app.CohortMemberInput{TeamID: team.ID}, schakel.EFORBIDDEN},
			{"another organisation's team lead", jeroen, k.ID, app.CohortMemberInput{TeamID: team.ID}, schakel.EFORBIDDEN},
			{"no such cohort", erik, k.ID + 1000, app.CohortMemberInput{TeamID: team.ID}, schakel.ENOTFOUND},
			{"nobody named", erik, k.ID, app.CohortMemberInput{}, schakel.EINVALID},
			{"both named", erik, k.ID, app.CohortMemberInput{TeamID: team.ID, ProfessionalID: fatma.Professional.ID}, schakel.EINVALID},
			{"no such team", erik, k.ID, app.CohortMemberInput{TeamID: team.ID + 1000}, schakel.EINVALID},
		} {
			t.Run(c.name, func(t *testing.T) {
				refusedLeavesOnlyAudit(t, db, c.code, 1, func() error { _, err := set(c.a, c.cohort, c.in, true); return err })
			})
		}
		compare := func() app.CohortComparison {
			t.Helper()
			f := storage.LeadtimeFilter{RegionID: erik.Professional.Organisation.RegionID}
			c, err := uc.CompareCohort(ctx, erik, k.ID, f)
			if err != nil {
				t.Fatal(err)
			}
			if c.From == nil || !c.From.Equal(*k.StartsAt) {
				t.Errorf("the comparison starts at %v, want the intervention's first day %v", c.From, k.StartsAt)
			}
			return c
		}
		if c := compare(); c.InCohort.Cases != 0 || c.Rest.Cases != 1 {
			t.Fatalf("before the team holds the case: %+v / %+v", c.InCohort, c.Rest)
		}
		if ch, err := set(erik, k.ID, app.CohortMemberInput{TeamID: team.ID}, true); err != nil || !ch {
			t.Fatalf("team in: %v %v", ch, err)
		}
		if ch, err := set(erik, k.ID, app.CohortMemberInput{TeamID: team.ID}, true); err != nil || ch {
			t.Errorf("team in twice: %v %v", ch, err)
		}
		if _, err := uc.AssignCaseHolder(ctx, erik, caseID, app.HolderInput{ProfessionalID: fatma.Professional.ID, Position: schakel.FirstHolder, Reason: "Start."}); err != nil {
			t.Fatal(err)
		}
		c := compare()
		if c.InCohort.Cases != 1 || c.Rest.Cases != 0 || !c.InCohort.Suppressed || c.InCohort.Placements != nil || c.InCohort.ContactsPerFamilyMonth != nil {
			t.Errorf("one held case is the cohort's and withheld: %+v / %+v", c.InCohort, c.Rest)
		}
		// Membership holds for the time in the team: a period after Fatma
		// left the team does not count her case for the team's cohort.
		later := func() app.CohortComparison {
			t.Helper()
			now := db.Now()
			f := storage.LeadtimeFilter{RegionID: erik.Professional.Organisation.RegionID, From: now.Add(24 * time.Hour), To: now.Add(48 * time.Hour)}
			c, err := uc.CompareCohort(ctx, erik, k.ID, f)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		if c := later(); c.InCohort.Cases != 1 || c.Rest.Cases != 0 {
			t.Errorf("a later period while Fatma is in the team: %+v / %+v", c.InCohort, c.Rest)
		}
		if _, err := uc.RemoveTeamMember(ctx, erik, team.ID, fatma.Professional.ID); err != nil {
			t.Fatal(err)
		}
		if c := later(); c.InCohort.Cases != 0 || c.Rest.Cases != 1 {
			t.Errorf("a period after Fatma left the team: %+v / %+v", c.InCohort, c.Rest)
		}
		if c := compare(); c.InCohort.Cases != 1 {
			t.Errorf("the period in which Fatma was in the team still counts her case: %+v", c.InCohort)
		}
		list, err := uc.Cohorts(ctx, erik, 0)
		if err != nil || len(list) != 1 || len(list[0].Teams) != 1 || list[0].Teams[0].ID != team.ID || list[0].Intervention != "support_work" {
			t.Errorf("cohort list: %v %+v", err, list)
		}
		if ch, err := set(erik, k.ID, app.CohortMemberInput{TeamID: team.ID}, false); err != nil || !ch {
			t.Fatalf("team out: %v %v", ch, err)
		}
		if c := compare(); c.InCohort.Cases != 0 || c.Rest.Cases != 1 {
			t.Errorf("after the team left the cohort: %+v / %+v", c.InCohort, c.Rest)
		}
		// A single worker in the cohort brings in the cases they hold.
		if ch, err := set(erik, k.ID, app.CohortMemberInput{ProfessionalID: fatma.Professional.ID}, true); err != nil || !ch {
			t.Fatalf("worker in: %v %v", ch, err)
		}
		if c := compare(); c.InCohort.Cases != 1 {
			t.Errorf("a worker's case: %+v", c.InCohort)
		}
		// The dashboard's municipality filter holds for both sides: the
		// family lives in Rotterdam.
		for _, m := range []struct {
			muni         string
			cohort, rest int
		}{{"Rotterdam", 1, 0}, {"Schiedam", 0, 0}} {
			f := storage.LeadtimeFilter{RegionID: erik.Professional.Organisation.RegionID, Municipality: m.muni}
			c, err := uc.CompareCohort(ctx, erik, k.ID, f)
			if err != nil || c.InCohort.Cases != m.cohort || c.Rest.Cases != m.rest {
				t.Errorf("%s: %v %+v / %+v", m.muni, err, c.InCohort, c.Rest)
			}
		}
	})
}
