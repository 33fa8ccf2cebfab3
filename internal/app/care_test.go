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
	"schakel/internal/care"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestCareByNeed walks a care request: two providers keep a profile, a
// request reaches only the one that helps with the need where the family
// lives, its extract holds no name, another provider is refused, the
// answer comes in and the chosen provider joins the case.
func TestCareByNeed(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		res, err := uc.CreateReport(ctx, sanne, redReport("Ravi", ""), "")
		if err != nil {
			t.Fatal(err)
		}
		frank := demoActor(t, db, demo.Email("Frank", "kompas"))       // care coordinator of a provider
		ingrid := demoActor(t, db, demo.Email("Ingrid", "schuldhulp")) // team lead of debt counselling
		if _, err := uc.PutCareProfile(ctx, frank, frank.Professional.Organisation.ID, schakel.ProviderProfile{
			Categories: []schakel.NeedCategory{schakel.NeedTrauma, schakel.NeedParenting}, Municipalities: []string{"Rotterdam"}, Languages: []string{"Nederlands", "Turks"},
			EarliestStart: map[schakel.NeedCategory]string{schakel.NeedTrauma: "2027-01-04"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.PutCareProfile(ctx, ingrid, ingrid.Professional.Organisation.ID, schakel.ProviderProfile{
			Categories: []schakel.NeedCategory{schakel.NeedDebts}}); err != nil {
			t.Fatal(err)
		}
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error {
			_, err := uc.PutCareProfile(ctx, frank, ingrid.Professional.Organisation.ID, schakel.ProviderProfile{Categories: []schakel.NeedCategory{schakel.NeedDebts}})
			return err
		})
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 2, func() error {
			_, err := uc.CreateCareRequest(ctx, sanne, res.CaseID, care.Request{Urgency: schakel.UrgencyWeeks})
			return err
		})
		req, err := uc.CreateCareRequest(ctx, sanne, res.CaseID, care.Request{Urgency: schakel.UrgencyWeeks,
			Needs: []schakel.CareNeed{{Category: schakel.NeedTrauma, Text: "Ravi schrikt van harde geluiden."}}, Wants: "Hulp thuis, na school."})
		if err != nil {
			t.Fatal(err)
		}
		if len(req.Asked) != 1 || req.Asked[0].ID != frank.Professional.Organisation.ID {
			t.Fatalf("asked = %+v, want only Kompas", req.Asked)
		}
		inbox, err := uc.CareInbox(ctx, frank)
		if err != nil || len(inbox) != 1 || len(inbox[0].AgeBands) != 1 || inbox[0].AgeBands[0] != "4-11" {
			t.Fatalf("Kompas's inbox = %+v, %v", inbox, err)
		}
		if b, _ := json.Marshal(inbox); strings.Contains(string(b), "Ravi") || strings.Contains(string(b), `"case_id"`) {
			t.Errorf("the extract names the family or the case: %s", b)
		}
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error {
			_, err := uc.CareExtract(ctx, ingrid, req.ID)
			return err
		})
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 2, func() error {
			_, err := uc.ChooseCare(ctx, sanne, req.ID, frank.Professional.Organisation.ID)
			return err
		})
		start := time.Now().AddDate(0, 0, 14).Format(time.DateOnly)
		if _, err := uc.AnswerCare(ctx, frank, req.ID, care.Answer{Approach: "Traumatherapie voor Ravi, thuis, elke dinsdag.", EarliestStart: start}); err != nil {
			t.Fatal(err)
		}
		chosen, err := uc.ChooseCare(ctx, sanne, req.ID, frank.Professional.Organisation.ID)
		if err != nil || chosen.Status != "chosen" {
			t.Fatalf("choose: %+v, %v", chosen, err)
		}
		if _, err := app.New(db).Case(ctx, frank, res.CaseID); err != nil {
			t.Errorf("the chosen provider cannot read the case: %v", err)
		}
		if _, err := app.New(db).Case(ctx, ingrid, res.CaseID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("a provider not chosen reads the case: %v", err)
		}
		careStartsAndEnds(t, db, uc, req.ID, res.CaseID, frank, sanne, ingrid)
		careInTheEventLog(t, uc, demoActor(t, db, demo.Email("Linda", "vt")), frank.Professional.Organisation.ID)
	})
}

// careInTheEventLog exports the event log and finds the request's steps
// with the fields of the iJw messages they mirror: one assignment
// pseudonym throughout, the need as product category, the urgency on the
// request, the provider from the allocation on, the start date on the
// start and the stop, the reason on the stop.
func careInTheEventLog(t *testing.T, uc *app.App, lead *schakel.Actor, provider int64) {
	t.Helper()
	var rows []chain.LogRow
	if _, err := uc.ExportEventLog(context.Background(), lead, storage.ExportFilter{}, "csv", func(r chain.LogRow) error {
		if r.JW != nil {
			rows = append(rows, r)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(rows, func(r chain.LogRow) bool { return r.JW.Message == "JW307" })
	if i < 0 {
		t.Fatalf("no JW307 in the event log: %+v", rows)
	}
	assignment := rows[i].JW.Assignment
	var got []string
	for _, r := range rows {
		j := r.JW
		if j.Assignment != assignment {
			continue
		}
		started := ""
		if j.StartDate != nil {
			started = "started"
		}
		got = append(got, fmt.Sprintf("%s %s %v %s %v %s %s", r.Activity, j.Message, j.Products, j.Urgency, j.Provider == provider, started, j.EndReason))
	}
	want := []string{
		"care_requested JW315 [trauma] weeks false  ",
		"care_answered  [trauma] weeks false  ",
		"care_allocated JW301 [trauma]  true  ",
		"care_started JW305 [trauma]  true started ",
		"care_ended JW307 [trauma]  true started as_planned",
	}
	// Start and end are days (midnight), so they may sort before the
	// request made the same day: compare the steps, not their order.
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("care in the event log:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// careStartsAndEnds has the chosen provider record the start and end of
// the care; the coordinator and another provider are refused, and every
// step is a chain event on the case.
func careStartsAndEnds(t *testing.T, db *storage.DB, uc *app.App, id, caseID int64, chosen, coordinator, other *schakel.Actor) {
	t.Helper()
	ctx := context.Background()
	today := time.Now().In(workdays.Location()).Format(time.DateOnly)
	refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 2, func() error {
		_, err := uc.StartCare(ctx, coordinator, id, care.Progress{Date: today})
		return err
	})
	refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error {
		_, err := uc.StartCare(ctx, other, id, care.Progress{Date: today})
		return err
	})
	refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 2, func() error {
		_, err := uc.EndCare(ctx, chosen, id, care.Progress{Date: today, Reason: "as_planned"})
		return err
	})
	if _, err := uc.StartCare(ctx, chosen, id, care.Progress{Date: today}); err != nil {
		t.Fatal(err)
	}
	r, err := uc.EndCare(ctx, chosen, id, care.Progress{Date: today, Reason: "as_planned"})
	if err != nil || r.StartedAt == nil || r.EndedAt == nil || r.EndReason != "as_planned" {
		t.Fatalf("end: %+v, %v", r, err)
	}
	tl, err := uc.Timeline(ctx, coordinator, caseID)
	if err != nil {
		t.Fatal(err)
	}
	var got []chain.Type
	for _, e := range tl.Events {
		if e.Details.CareRequestID == id {
			got = append(got, e.Type)
		}
	}
	want := []chain.Type{chain.CareRequested, chain.CareAnswered, chain.CareAllocated, chain.CareStarted, chain.CareEnded}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("care events on the timeline = %v, want %v", got, want)
	}
}
