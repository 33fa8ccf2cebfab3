package app_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/askalong"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// askWorld is a case Jeugdbescherming takes part in, and Team Zuid with
// Fatma (the asker), Thomas and Naima (who may be asked along) and Sam (a
// support worker, who may not).
type askWorld struct {
	uc                              *app.App
	caseID, teamID                  int64
	fatma, thomas, naima, sam, erik *schakel.Actor
}

func newAskWorld(t *testing.T, db *storage.DB) askWorld {
	t.Helper()
	ctx := context.Background()
	uc := app.New(db)
	w := askWorld{uc: uc, caseID: holderCase(t, db, uc)}
	w.fatma, w.thomas, w.naima = demoActor(t, db, demo.Email("Fatma", "jb")), demoActor(t, db, demo.Email("Thomas", "jb")), demoActor(t, db, demo.Email("Naima", "jb"))
	w.sam, w.erik = demoActor(t, db, demo.Email("Sam", "jb")), demoActor(t, db, demo.Email("Erik", "jb"))
	team, err := uc.CreateTeam(ctx, w.erik, app.TeamInput{Name: "Team Mee", LeadID: w.erik.Professional.ID})
	if err != nil {
		t.Fatal(err)
	}
	w.teamID = team.ID
	for _, p := range []*schakel.Actor{w.fatma, w.thomas, w.naima, w.sam} {
		if _, err := uc.PutTeamMember(ctx, w.erik, w.teamID, app.MemberInput{ProfessionalID: p.Professional.ID, HoursPerWeek: 24}); err != nil {
			t.Fatalf("member: %v", err)
		}
	}
	return w
}

func (w askWorld) join(t *testing.T, db *storage.DB) schakel.ColleagueAsk {
	t.Helper()
	ask, err := w.uc.AskColleagues(context.Background(), w.fatma, w.caseID, askalong.Input{Kind: schakel.AskJoin, TeamID: w.teamID,
		At: db.Now().Add(48 * time.Hour).Format(time.RFC3339), PlaceKind: schakel.PlaceHome, Message: "Huisbezoek, vader kan boos worden."})
	if err != nil {
		t.Fatalf("ask the team: %v %v", err, schakel.FieldErrors(err))
	}
	return ask
}

// TestColleagueAskPool: a team's ask reaches every member who may be
// asked along (not the asker, not a support worker); two members who
// accept at once leave exactly one taker, the other a conflict and one
// refused audit entry; the asker sees who took it.
func TestColleagueAskPool(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newAskWorld(t, db)
		ask := w.join(t, db)
		for _, c := range []struct {
			who  *schakel.Actor
			want int
		}{{w.fatma, 0}, {w.thomas, 1}, {w.naima, 1}, {w.sam, 0}, {w.erik, 0}} {
			mine, err := w.uc.MyColleagueAsks(ctx, c.who)
			if err != nil || len(mine.ForMe) != c.want {
				t.Errorf("%s sees %d asks to take (%v), want %d", c.who.Professional.Name, len(mine.ForMe), err, c.want)
			}
		}
		items, err := w.uc.Worklist(ctx, w.thomas, app.WorkFilter{Scope: "mine"})
		found := false
		for _, it := range items {
			found = found || (it.Kind == "colleague_ask" && it.AskID == ask.ID && it.CaseID == w.caseID)
		}
		if err != nil || !found {
			t.Errorf("Thomas's work list lacks the ask: %v", err)
		}
		for round := range 4 {
			if round > 0 {
				ask = w.join(t, db)
			}
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for i, who := range []*schakel.Actor{w.thomas, w.naima} {
				wg.Go(func() { _, errs[i] = w.uc.TakeColleagueAsk(ctx, who, ask.ID, schakel.AskJoin, "Ik ga mee.") })
			}
			wg.Wait()
			won := 0
			for _, err := range errs {
				switch {
				case err == nil:
					won++
				case schakel.ErrorCode(err) != schakel.ECONFLICT || fieldCodes(err) != "status:already_taken":
					t.Errorf("round %d: the second taker got %v %s, want conflict already_taken", round, err, fieldCodes(err))
				}
			}
			if won != 1 {
				t.Fatalf("round %d: %d takers, want exactly 1 (%v)", round, won, errs)
			}
		}
		if refusedBy(t, db, w.thomas)+refusedBy(t, db, w.naima) != 4 {
			t.Errorf("refused entries of the losers: %d, want 4", refusedBy(t, db, w.thomas)+refusedBy(t, db, w.naima))
		}
		mine, err := w.uc.MyColleagueAsks(ctx, w.fatma)
		if err != nil || len(mine.Asked) != 4 || mine.Asked[0].TakenBy == nil || mine.Asked[0].Status != schakel.AskAccepted {
			t.Errorf("the asker's view: %v %+v", err, mine.Asked)
		}
	})
}

// TestColleagueAskRefusals: bad input and acts by the wrong people are
// refused with stable codes, audited, and write nothing else.
func TestColleagueAskRefusals(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newAskWorld(t, db)
		sanne, ilse := demoActor(t, db, demo.Email("Sanne", "vt")), demoActor(t, db, demo.Email("Ilse", "jb"))
		ask := w.join(t, db)
		withdrawn := w.join(t, db)
		if _, err := w.uc.WithdrawColleagueAsk(ctx, w.fatma, withdrawn.ID); err != nil {
			t.Fatalf("withdraw: %v", err)
		}
		future := db.Now().Add(24 * time.Hour).Format(time.RFC3339)
		askWith := func(in askalong.Input) func() error {
			return func() error { _, err := w.uc.AskColleagues(ctx, w.fatma, w.caseID, in); return err }
		}
		take := func(who *schakel.Actor, id int64) func() error {
			return func() error { _, err := w.uc.TakeColleagueAsk(ctx, who, id, schakel.AskJoin, ""); return err }
		}
		for _, c := range []struct {
			name, want, field string
			command           func() error
		}{
			{"a moment in the past", schakel.EINVALID, "at:past", askWith(askalong.Input{Kind: schakel.AskJoin, TeamID: w.teamID,
				At: db.Now().Add(-time.Hour).Format(time.RFC3339), PlaceKind: schakel.PlaceOffice, Message: "Gesprek"})},
			{"a team the asker is not in", schakel.EINVALID, "team_id:not_member", askWith(askalong.Input{Kind: schakel.AskJoin, TeamID: w.teamID + 1000,
				At: future, PlaceKind: schakel.PlaceOffice, Message: "Gesprek"})},
			{"an empty question", schakel.EINVALID, "message:required", askWith(askalong.Input{Kind: schakel.AskQuestion, TeamID: w.teamID, Message: "  "})},
			{"a support worker asked by name", schakel.EINVALID, "to_professional_id:not_eligible", askWith(askalong.Input{Kind: schakel.AskQuestion,
				ToProfessionalID: w.sam.Professional.ID, Message: "Denk je mee?"})},
			{"accepting one's own ask", schakel.EFORBIDDEN, "", take(w.fatma, ask.ID)},
			{"accepting a withdrawn ask", schakel.ECONFLICT, "status:withdrawn", take(w.thomas, withdrawn.ID)},
			{"a support worker of the team", schakel.EFORBIDDEN, "", take(w.sam, ask.ID)},
			{"a colleague of another team", schakel.EFORBIDDEN, "", take(ilse, ask.ID)},
			{"another organisation guessing the id", schakel.ENOTFOUND, "", take(sanne, ask.ID)},
			{"another organisation reading it", schakel.ENOTFOUND, "", func() error { _, err := w.uc.ColleagueAsk(ctx, sanne, ask.ID); return err }},
			{"withdrawing someone else's ask", schakel.EFORBIDDEN, "", func() error { _, err := w.uc.WithdrawColleagueAsk(ctx, w.thomas, ask.ID); return err }},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := auditRows(t, db)
				refusedLeavesOnlyAudit(t, db, c.want, 2, func() error {
					err := c.command()
					if got := fieldCodes(err); c.field != "" && got != c.field {
						t.Errorf("fields %q, want %q", got, c.field)
					}
					return err
				})
				if n := auditRows(t, db); n != before+1 {
					t.Errorf("audit entries %d, want %d (the refusal)", n, before+1)
				}
			})
		}
		if got, err := w.uc.ColleagueAsk(ctx, w.fatma, withdrawn.ID); err != nil || got.Status != schakel.AskWithdrawn || got.TakenBy != nil {
			t.Errorf("the withdrawn ask after the attempt: %v %+v", err, got)
		}
	})
}
