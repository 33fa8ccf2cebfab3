package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/prevention"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// reviewFixture files a red report on a family at a known address, writes
// a worry that names the family and the street, and puts four demo
// professionals of four organisations in the network.
func reviewFixture(t *testing.T, db *storage.DB, uc *app.App) (caseID int64) {
	t.Helper()
	ctx := context.Background()
	loadDemo(t, db)
	sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
	r := redReport("Mila", "")
	r.Address, r.Postcode = "Dorpsstraat 12", "3012 AB"
	res, err := uc.CreateReport(ctx, sanne, r, "")
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	if _, err := uc.AddFinding(ctx, sanne, res.CaseID, app.FindingInput{Column: schakel.ColumnWorries,
		Text: "Moeder Gelijktijdig is bang; de vader komt nog langs op de Dorpsstraat."}); err != nil {
		t.Fatalf("finding: %v", err)
	}
	for _, m := range []struct {
		email string
		exp   []schakel.NetworkExpertise
	}{
		{demo.Email("Kees", "samendoen"), []schakel.NetworkExpertise{schakel.NetFamilyNetwork, schakel.NetDebt}},
		{demo.Email("Yasmina", "blijf"), []schakel.NetworkExpertise{schakel.NetTrauma}},
		{demo.Email("Meryem", "kompas"), []schakel.NetworkExpertise{schakel.NetAddiction, schakel.NetPsychiatry}},
		{demo.Email("Rob", "schuldhulp"), []schakel.NetworkExpertise{schakel.NetDebt}},
	} {
		a := demoActor(t, db, m.email)
		if _, err := uc.JoinNetwork(ctx, a, a.Professional.ID, m.exp); err != nil {
			t.Fatalf("join %s: %v", m.email, err)
		}
	}
	return res.CaseID
}

func TestConsideringAPlacementOpensAReview(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := reviewFixture(t, db, uc)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		before := time.Now()
		r, err := uc.ConsiderPlacement(ctx, sanne, caseID, app.ConsiderInput{Reason: "Moeder kan de veiligheid thuis niet bieden."})
		if err != nil {
			t.Fatal(err)
		}
		if want := prevention.DueAt(before); r.DueAt.Sub(want).Abs() > 24*time.Hour {
			t.Errorf("due %s, want about %s", r.DueAt, want)
		}
		var names []string
		for _, m := range r.Panel {
			names = append(names, m.Professional.Name)
		}
		// domestic violence: the family network and trauma are wanted.
		if len(r.Panel) != 2 || !slices.ContainsFunc(r.Panel, func(m schakel.PanelMember) bool { return m.Organisation.Kind == schakel.BlijfGroep }) {
			t.Errorf("panel = %v, want two with the shelter's trauma expertise", names)
		}
		again, err := uc.ConsiderPlacement(ctx, sanne, caseID, app.ConsiderInput{Reason: "Nog een keer."})
		if err != nil || again.ID != r.ID {
			t.Errorf("a second consideration opened review %d (err %v), want the open %d", again.ID, err, r.ID)
		}
	})
}

func TestThePanelSeesOnlyTheExtract(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := reviewFixture(t, db, uc)
		// Who could read the case before the review (an invitation to the
		// crisis table gives that); the panel must add no one.
		readers := map[int64]bool{}
		for _, e := range []string{demo.Email("Kees", "samendoen"), demo.Email("Yasmina", "blijf"), demo.Email("Meryem", "kompas"), demo.Email("Rob", "schuldhulp")} {
			a := demoActor(t, db, e)
			_, err := app.New(db).Case(ctx, a, caseID)
			readers[a.Professional.ID] = err == nil
		}
		r, err := uc.ConsiderPlacement(ctx, demoActor(t, db, demo.Email("Sanne", "vt")), caseID, app.ConsiderInput{Reason: "Overwogen."})
		if err != nil {
			t.Fatal(err)
		}
		member := demoActorByID(t, db, r.Panel[0].Professional.ID)
		x, err := uc.Extract(ctx, member, r.ID)
		if err != nil {
			t.Fatalf("panel member's extract: %v", err)
		}
		body, _ := json.Marshal(x)
		for _, secret := range []string{"Gelijktijdig", "Dorpsstraat", "3012", "0900-8844"} {
			if strings.Contains(string(body), secret) {
				t.Errorf("the extract shows %q: %s", secret, body)
			}
		}
		if len(x.Children) != 1 || x.Children[0].FirstName != "Mila" || len(x.Worries) != 1 {
			t.Errorf("extract = %s, want Mila and the worry", body)
		}
		for _, m := range r.Panel {
			_, err := app.New(db).Case(ctx, demoActorByID(t, db, m.Professional.ID), caseID)
			if (err == nil) != readers[m.Professional.ID] {
				t.Errorf("%s reads the case: %v; before the panel: %v", m.Professional.Name, err == nil, readers[m.Professional.ID])
			}
		}
		rob := demoActor(t, db, demo.Email("Rob", "schuldhulp"))
		if slices.ContainsFunc(r.Panel, func(m schakel.PanelMember) bool { return m.Professional.ID == rob.Professional.ID }) {
			t.Skip("Rob is on the panel; the outsider case needs someone off it")
		}
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 2, func() error {
			_, err := uc.Extract(ctx, rob, r.ID)
			return err
		})
	})
}

func TestReviewOutcome(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := reviewFixture(t, db, uc)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		r, err := uc.ConsiderPlacement(ctx, sanne, caseID, app.ConsiderInput{Reason: "Overwogen."})
		if err != nil {
			t.Fatal(err)
		}
		member := demoActorByID(t, db, r.Panel[0].Professional.ID)
		o := prevention.Outcome{HeldAt: time.Now().Add(-time.Second), Outcome: schakel.OutcomeNoPlacement,
			ChosenAlternative: schakel.AltFamilyNetwork, NextReview: time.Now().AddDate(0, 3, 0).Format(time.DateOnly),
			Causes: []string{schakel.CauseDomestic, schakel.CauseNoNetwork}}
		for _, k := range schakel.AlternativeKinds {
			a := schakel.ReviewAlternative{Kind: k, Considered: true}
			if k != schakel.AltFamilyNetwork {
				a.WhyNot = "Besproken; past nu niet."
			}
			o.Alternatives = append(o.Alternatives, a)
		}
		incomplete := o
		incomplete.Alternatives = o.Alternatives[:3]
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 2, func() error {
			_, err := uc.RecordReviewOutcome(ctx, member, r.ID, incomplete)
			return err
		})
		held, err := uc.RecordReviewOutcome(ctx, member, r.ID, o)
		if err != nil {
			t.Fatalf("outcome: %v", err)
		}
		if !held.Held() || len(held.Alternatives) != len(schakel.AlternativeKinds) || !slices.Equal(held.Causes, []string{schakel.CauseDomestic, schakel.CauseNoNetwork}) {
			t.Errorf("held review = %+v", held)
		}
		refusedLeavesOnlyAudit(t, db, schakel.ECONFLICT, 2, func() error {
			_, err := uc.RecordReviewOutcome(ctx, sanne, r.ID, o)
			return err
		})
	})
}

func TestNetworkMembershipIsOwnOrTheTeamLeads(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		kees := demoActor(t, db, demo.Email("Kees", "samendoen"))
		colleague := demoActor(t, db, demo.Email("Noor", "samendoen"))
		lead := demoActor(t, db, demo.Email("Jeroen", "samendoen"))
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error {
			_, err := uc.JoinNetwork(ctx, colleague, kees.Professional.ID, []schakel.NetworkExpertise{schakel.NetDebt})
			return err
		})
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 2, func() error {
			_, err := uc.JoinNetwork(ctx, kees, kees.Professional.ID, []schakel.NetworkExpertise{"astrology"})
			return err
		})
		list, err := uc.JoinNetwork(ctx, lead, kees.Professional.ID, []schakel.NetworkExpertise{schakel.NetDebt, schakel.NetDebt})
		if err != nil || len(list) != 1 || !slices.Equal(list[0].Expertises, []schakel.NetworkExpertise{schakel.NetDebt}) {
			t.Fatalf("team lead adds Kees: %v %+v", err, list)
		}
		if err := uc.LeaveNetwork(ctx, kees, kees.Professional.ID); err != nil {
			t.Fatal(err)
		}
		if list, err := uc.Network(ctx, colleague); err != nil || len(list) != 0 {
			t.Errorf("network after leaving: %v %+v", err, list)
		}
	})
}

// TestReviewPatterns: six reviews in a region give its quarter's figures,
// and the chain dashboard the same check cohorts for the period; someone
// without a role sees nothing.
func TestReviewPatterns(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		for i := range 6 {
			res, err := uc.CreateReport(ctx, sanne, redReport(fmt.Sprintf("Kind%c", 'A'+i), ""), "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := uc.ConsiderPlacement(ctx, sanne, res.CaseID, app.ConsiderInput{Reason: "Overwogen."}); err != nil {
				t.Fatal(err)
			}
		}
		ps, err := uc.ReviewPatterns(ctx, sanne)
		if err != nil || len(ps) != 1 || ps[0].Considered == nil || *ps[0].Considered < 6 || ps[0].Held == nil || *ps[0].Held != 0 {
			t.Fatalf("patterns = %+v, %v", ps, err)
		}
		// The chain dashboard shows the same check cohorts for a period
		// that holds the quarter, none for a period before it, and none
		// for the whole country.
		region := sanne.Professional.Organisation.RegionID
		now := db.Now()
		for _, tc := range []struct {
			name string
			f    storage.LeadtimeFilter
			want []prevention.CheckCohort
		}{
			{"the period of the reviews", storage.LeadtimeFilter{RegionID: region, From: now.AddDate(0, -1, 0), To: now.AddDate(0, 0, 1)}, ps[0].Checks},
			{"a period before them", storage.LeadtimeFilter{RegionID: region, To: now.AddDate(0, -1, 0)}, prevention.Cohorts(nil, prevention.Selection{}, now)},
			{"the organisation that considered them", storage.LeadtimeFilter{RegionID: region, OrganisationID: sanne.Professional.Organisation.ID}, ps[0].Checks},
			{"another organisation", storage.LeadtimeFilter{RegionID: region, OrganisationID: sanne.Professional.Organisation.ID + 1000}, prevention.Cohorts(nil, prevention.Selection{}, now)},
			{"the whole country", storage.LeadtimeFilter{}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := uc.ReviewCohorts(ctx, sanne, tc.f)
				if err != nil || jsonOf(t, got) != jsonOf(t, tc.want) {
					t.Fatalf("cohorts = %s, %v; want %s", jsonOf(t, got), err, jsonOf(t, tc.want))
				}
			})
		}
		noRole := &schakel.Actor{Professional: &schakel.Professional{ID: sanne.Professional.ID, Organisation: sanne.Professional.Organisation}}
		if _, err := uc.ReviewCohorts(ctx, noRole, storage.LeadtimeFilter{RegionID: region}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("someone without a role: %v", err)
		}
	})
}

// heldReview considers a placement on the fixture's case and records its
// outcome as the first panel member.
func heldReview(t *testing.T, db *storage.DB, uc *app.App, caseID int64) (schakel.PlacementReview, *schakel.Actor) {
	t.Helper()
	ctx := context.Background()
	r, err := uc.ConsiderPlacement(ctx, demoActor(t, db, demo.Email("Sanne", "vt")), caseID, app.ConsiderInput{Reason: "Overwogen."})
	if err != nil {
		t.Fatal(err)
	}
	member := demoActorByID(t, db, r.Panel[0].Professional.ID)
	o := prevention.Outcome{HeldAt: time.Now().Add(-time.Second), Outcome: schakel.OutcomeNetworkPlacement, ChosenAlternative: schakel.AltFamilyNetwork,
		Causes: []string{schakel.CauseNoNetwork}}
	for _, k := range schakel.AlternativeKinds {
		o.Alternatives = append(o.Alternatives, schakel.ReviewAlternative{Kind: k, Considered: true, WhyNot: "Past niet."})
	}
	held, err := uc.RecordReviewOutcome(ctx, member, r.ID, o)
	if err != nil {
		t.Fatal(err)
	}
	return held, member
}

// TestTheLibraryHoldsNoNameOrPlace: a member shares a held review; the
// family's name, the child's first name and the town are refused with
// nothing written but the refusal; a clean entry is in the library for
// members, and someone outside the network may not read it.
func TestTheLibraryHoldsNoNameOrPlace(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := reviewFixture(t, db, uc)
		r, member := heldReview(t, db, uc, caseID)
		for _, bad := range []string{"Mila woont nu bij oma.", "Familie Gelijktijdig kreeg hulp.", "Oma woont ook in Rotterdam.", "Op 3 december besproken."} {
			refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 2, func() error {
				_, err := uc.ShareReview(ctx, member, r.ID, app.ShareInput{Summary: bad})
				return err
			})
		}
		e, err := uc.ShareReview(ctx, member, r.ID, app.ShareInput{Summary: "Meisje van 8 gaat naar oma; moeder houdt contact.", Lessons: "Vraag de familie eerst."})
		if err != nil {
			t.Fatalf("share: %v", err)
		}
		if _, err := uc.ShareReview(ctx, member, r.ID, app.ShareInput{Summary: "Nog een keer."}); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Errorf("sharing twice: %v", err)
		}
		lib, err := uc.Library(ctx, member)
		if err != nil || len(lib) != 1 || lib[0].ID != e.ID || lib[0].Outcome != schakel.OutcomeNetworkPlacement {
			t.Fatalf("library = %+v, %v", lib, err)
		}
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error {
			_, err := uc.Library(ctx, demoActor(t, db, demo.Email("Sanne", "vt")))
			return err
		})
	})
}

// TestReviewCheckIsNotBeforeItsDate: the 3-month check a day after the
// review is refused, and nothing but the refusal stays.
func TestReviewCheckIsNotBeforeItsDate(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := reviewFixture(t, db, uc)
		r, _ := heldReview(t, db, uc, caseID)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 2, func() error {
			_, err := uc.RecordReviewCheck(ctx, sanne, r.ID, prevention.Check{Months: 3, StayedHome: true})
			return err
		})
	})
}

// TestUrgentPlacementOpensTheReviewAfterwards: the Raad's urgent request
// for a spoedmachtiging goes through without a review, opens one (due in
// five working days) and reminds the Raad's team leads.
func TestUrgentPlacementOpensTheReviewAfterwards(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := reviewFixture(t, db, uc)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		raad := demoActor(t, db, demo.Email("Wouter", "raad"))
		if _, err := uc.AddParticipation(ctx, sanne, caseID, schakel.ParticipationInput{OrganisationID: raad.Professional.Organisation.ID,
			Role: schakel.RoleAdvies, ContactProfessionalID: raad.Professional.ID, Reason: "De Raad onderzoekt."}); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.RecordDecision(ctx, raad, caseID, app.DecisionInput{Kind: schakel.DecisionUrgentPlacement, Reason: "Acuut onveilig thuis."}); err != nil {
			t.Fatalf("urgent request: %v", err)
		}
		rs, err := uc.CaseReviews(ctx, sanne, caseID)
		if err != nil || len(rs) != 1 || !rs[0].Emergency || rs[0].Held() {
			t.Fatalf("reviews after the urgent request = %+v, %v", rs, err)
		}
	})
}
