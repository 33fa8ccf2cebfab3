package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/audit"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// holderCase files a red report and lets jeugdbescherming join the case
// through the crisis table; it returns the case.
func holderCase(t *testing.T, db *storage.DB, uc *app.App) int64 {
	t.Helper()
	ctx := context.Background()
	loadDemo(t, db)
	res, err := uc.CreateReport(ctx, demoActor(t, db, demo.Email("Sanne", "vt")), redReport("Sara", "123456782"), "")
	if err != nil || res.Consultation == nil {
		t.Fatalf("red report: %v", err)
	}
	for _, p := range res.Consultation.Participants {
		if p.Professional.Organisation.Kind == schakel.Jeugdbescherming {
			if _, err := uc.AcceptInvitation(ctx, demoActorByID(t, db, p.Professional.ID), res.Consultation.ID); err != nil {
				t.Fatalf("accept: %v", err)
			}
			return res.CaseID
		}
	}
	t.Fatal("the crisis table invites no one of jeugdbescherming")
	return 0
}

// TestTeamsAndCaseHolders walks a team lead through a team and the case
// holders of a case, with each refusal the issue names.
func TestTeamsAndCaseHolders(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := holderCase(t, db, uc)
		who := func(first, org string) *schakel.Actor { return demoActor(t, db, demo.Email(first, org)) }
		erik, fatma, thomas, naima := who("Erik", "jb"), who("Fatma", "jb"), who("Thomas", "jb"), who("Naima", "jb")
		rob := who("Rob", "schuldhulp")

		if _, err := uc.CreateTeam(ctx, fatma, app.TeamInput{Name: "Team Zuid"}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("a case worker creates a team: %v, want forbidden", err)
		}
		team, err := uc.CreateTeam(ctx, erik, app.TeamInput{Name: "Team Zuid", LeadID: erik.Professional.ID})
		if err != nil {
			t.Fatalf("create team: %v", err)
		}
		if _, err := uc.CreateTeam(ctx, erik, app.TeamInput{Name: "Team Zuid"}); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Errorf("a second team of that name: %v, want conflict", err)
		}
		for _, bad := range []struct {
			name string
			in   app.MemberInput
			want string
		}{
			{"zero hours", app.MemberInput{ProfessionalID: fatma.Professional.ID, HoursPerWeek: 0}, "hours_per_week:out_of_range"},
			{"61 hours", app.MemberInput{ProfessionalID: fatma.Professional.ID, HoursPerWeek: 61}, "hours_per_week:out_of_range"},
			{"another organisation", app.MemberInput{ProfessionalID: rob.Professional.ID, HoursPerWeek: 36}, "professional_id:other_organisation"},
			{"bad date", app.MemberInput{ProfessionalID: fatma.Professional.ID, HoursPerWeek: 36, StartedOn: "1-3-2020"}, "started_on:format"},
		} {
			_, err := uc.PutTeamMember(ctx, erik, team.ID, bad.in)
			if got := fieldCodes(err); got != bad.want {
				t.Errorf("%s: %v (%s), want %s", bad.name, err, got, bad.want)
			}
		}
		for _, m := range []app.MemberInput{
			{ProfessionalID: fatma.Professional.ID, HoursPerWeek: 36, StartedOn: "2019-02-01"},
			{ProfessionalID: thomas.Professional.ID, HoursPerWeek: 32, StartedOn: "2020-09-01"},
		} {
			if team, err = uc.PutTeamMember(ctx, erik, team.ID, m); err != nil {
				t.Fatalf("member %d: %v", m.ProfessionalID, err)
			}
		}
		if len(team.Members) != 2 {
			t.Errorf("team members %+v, want Fatma and Thomas", team.Members)
		}

		assign := func(by *schakel.Actor, to *schakel.Actor, pos schakel.HolderPosition, reason string) ([]schakel.CaseHolder, error) {
			return uc.AssignCaseHolder(ctx, by, caseID, app.HolderInput{ProfessionalID: to.Professional.ID, Position: pos, Reason: reason})
		}
		if _, err := assign(fatma, fatma, schakel.FirstHolder, "Ik pak hem op."); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("a worker assigns themself: %v, want forbidden", err)
		}
		if _, err := assign(erik, fatma, schakel.FirstHolder, " "); fieldCodes(err) != "reason:required" {
			t.Errorf("no reason: %v", err)
		}
		if _, err := assign(erik, fatma, schakel.FirstHolder, "Nieuwe casus, Fatma heeft ruimte."); err != nil {
			t.Fatalf("assign first: %v", err)
		}
		holders, err := assign(erik, thomas, schakel.SecondHolder, "Tweede casushouder voor de crisisweken.")
		if err != nil || len(holders) != 2 {
			t.Fatalf("assign second: %v, %+v", err, holders)
		}
		before := refusedBy(t, db, erik)
		for _, bad := range []struct {
			name string
			to   *schakel.Actor
			pos  schakel.HolderPosition
			want string
		}{
			{"first holder also second", fatma, schakel.SecondHolder, "professional_id:overlap"},
			{"same holder again", fatma, schakel.FirstHolder, "professional_id:already_holder"},
			{"organisation not on the case", rob, schakel.FirstHolder, "professional_id:not_on_case"},
			{"unknown position", naima, "third", "position:invalid"},
		} {
			if _, err := assign(erik, bad.to, bad.pos, "Verdeling van het werk."); fieldCodes(err) != bad.want {
				t.Errorf("%s: %v (%s), want %s", bad.name, err, fieldCodes(err), bad.want)
			}
		}
		if got := refusedBy(t, db, erik) - before; got != 4 {
			t.Errorf("%d refused entries for four bad assignments, want 4", got)
		}

		if _, err := assign(thomas, naima, schakel.FirstHolder, "Ik neem het over."); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("the second holder hands over the first position: %v, want forbidden", err)
		}
		holders, err = assign(fatma, naima, schakel.FirstHolder, "Ik ga met verlof; Naima neemt het over.")
		if err != nil {
			t.Fatalf("the holder hands over: %v", err)
		}
		if h := holderAt(holders, schakel.FirstHolder); h != naima.Professional.ID {
			t.Errorf("first holder after hand-over: %d, want Naima", h)
		}
		if _, err := uc.EndCaseHolder(ctx, naima, caseID, schakel.FirstHolder, "Vertrek."); fieldCodes(err) != "position:second_remains" {
			t.Errorf("first leaves while the second stays: %v", err)
		}
		if holders, err = uc.EndCaseHolder(ctx, thomas, caseID, schakel.SecondHolder, "Crisisweken voorbij."); err != nil || holderAt(holders, schakel.SecondHolder) != 0 {
			t.Errorf("the second leaves: %v, %+v", err, holders)
		}
		if _, err := uc.EndCaseHolder(ctx, thomas, caseID, schakel.SecondHolder, "Nog eens."); fieldCodes(err) != "position:empty" {
			t.Errorf("leaving an empty position: %v", err)
		}
	})
}

// TestMyCaseload: the worker sees their cases, children and measures and
// the load against the norm for their hours; without a team the load has
// no capacity.
func TestMyCaseload(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := holderCase(t, db, uc)
		erik := demoActor(t, db, demo.Email("Erik", "jb"))
		thomas := demoActor(t, db, demo.Email("Thomas", "jb"))
		empty, err := uc.MyCaseload(ctx, thomas)
		if err != nil || empty.Cases != 0 || empty.Band != "unknown" || empty.Percent != nil {
			t.Fatalf("caseload outside a team: %v, %+v", err, empty)
		}
		team, err := uc.CreateTeam(ctx, erik, app.TeamInput{Name: "Team Zuid"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.PutTeamMember(ctx, erik, team.ID, app.MemberInput{ProfessionalID: thomas.Professional.ID, HoursPerWeek: 18, StartedOn: "2020-09-01"}); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.AssignCaseHolder(ctx, erik, caseID, app.HolderInput{ProfessionalID: thomas.Professional.ID, Position: schakel.FirstHolder, Reason: "Nieuwe casus."}); err != nil {
			t.Fatal(err)
		}
		got, err := uc.MyCaseload(ctx, thomas)
		if err != nil {
			t.Fatal(err)
		}
		// One red case without a court measure weighs 1.5; 18 hours give
		// half the norm of 12: 1.5 / 6 = 25 %.
		if got.Cases != 1 || got.Children != 1 || got.Measures != 0 || got.Weighted != 1.5 || got.Capacity != 6 || got.Percent == nil || *got.Percent != 25 || got.Band != "room" {
			t.Errorf("caseload %+v, want 1 case, 1 child, weighted 1.5 of 6 (25 %%, room)", got)
		}
		if len(got.Held) != 1 || got.Held[0].CaseID != caseID || got.Held[0].Color != "red" {
			t.Errorf("held %+v, want the red case %d", got.Held, caseID)
		}
		// Two running measures (supervision, once extended, and a placement
		// authorisation, which weighs half) in the start phase of the
		// measure (first contact due): 1.5 × 1.5 (red) × 1.25 = 2.81 of 6, 47 %.
		now := time.Now().UTC()
		for _, o := range []struct {
			kind, measure string
			end           time.Time
		}{
			{"court_order", "supervision", now.AddDate(0, 11, 0)},
			{"court_order", "placement_authorisation", now.AddDate(0, 6, 0)},
			{"court_order_extended", "supervision", now.AddDate(1, 0, 0)},
		} {
			var in schakel.ChainEventInput
			in.Type, in.At = o.kind, time.Now().UTC().Add(time.Minute).Format(time.RFC3339)
			in.Details.Measure, in.Details.EndsAt = o.measure, o.end.Format(time.RFC3339)
			if _, err := app.New(db).RecordEvent(ctx, thomas, caseID, in, "hand"); err != nil {
				t.Fatalf("court order %s: %v %+v", o.measure, err, schakel.FieldErrors(err))
			}
		}
		if got, err = uc.MyCaseload(ctx, thomas); err != nil || got.Measures != 2 || got.Weighted != 2.81 || got.Percent == nil || *got.Percent != 47 || got.Band != "room" ||
			strings.Join(got.Held[0].Kinds, ",") != "placement_authorisation,supervision" || got.Held[0].Phase != "start" {
			t.Errorf("caseload with two running measures: %v, %+v", err, got)
		}
		// The organisation weighs red twice: 1.5 × 2 × 1.25 = 3.75 of 6, 63 %.
		bad := app.Weights{Red: -1, Orange: 1, Green: 1, Unrated: 1, SecondHolder: 0.25, Source: "MT-besluit"}
		if _, err := uc.SetCaseloadWeights(ctx, erik, bad); fieldCodes(err) != "red:negative" {
			t.Errorf("a negative weight: %v", err)
		}
		heavier := app.Weights{Red: 2, Orange: 1.2, Green: 1, Unrated: 1, SecondHolder: 0.25, Source: "MT-besluit november"}
		if _, err := uc.SetCaseloadWeights(ctx, thomas, heavier); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("a worker sets the weights: %v, want forbidden", err)
		}
		if _, err := uc.SetCaseloadWeights(ctx, erik, heavier); err != nil {
			t.Fatal(err)
		}
		if got, err = uc.MyCaseload(ctx, thomas); err != nil || got.Weighted != 3.75 || got.Percent == nil || *got.Percent != 63 || got.Band != "room" || got.WeightsSource != heavier.Source {
			t.Errorf("caseload with the organisation's weights: %v, %+v", err, got)
		}
		board, err := uc.TeamCaseload(ctx, erik, team.ID)
		if err != nil || len(board.Members) != 1 || board.Members[0].Cases != 1 || board.Members[0].Measures != 2 || board.Bands["room"] != 1 {
			t.Errorf("team board: %v, %+v", err, board)
		}
		if boards, err := uc.MyTeamBoards(ctx, erik); err != nil || len(boards) != 0 {
			t.Errorf("boards of a team lead who leads no team by name: %v, %+v", err, boards)
		}
		if _, err := uc.TeamCaseload(ctx, thomas, team.ID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("a worker opens the team board: %v, want forbidden", err)
		}
	})
}

func fieldCodes(err error) string {
	fs := schakel.FieldErrors(err)
	if len(fs) != 1 {
		return schakel.ErrorCode(err)
	}
	return fs[0].Field + ":" + fs[0].Code
}

func holderAt(hs []schakel.CaseHolder, pos schakel.HolderPosition) int64 {
	for _, h := range hs {
		if h.Position == pos {
			return h.ProfessionalID
		}
	}
	return 0
}

// refusedBy counts the refused audit entries of a professional.
func refusedBy(t *testing.T, db *storage.DB, actor *schakel.Actor) int {
	t.Helper()
	officer := demoActor(t, db, demo.Email("Anne", "jb"))
	es, err := app.New(db).ListAudit(context.Background(), officer, storage.AuditFilter{OrganisationID: actor.Professional.Organisation.ID, UserID: actor.Professional.ID, Outcome: audit.Refused, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}
