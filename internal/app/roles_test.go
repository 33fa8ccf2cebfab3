package app_test

import (
	"context"
	"errors"
	"schakel/internal/app"
	"slices"
	"testing"
	"time"

	"schakel"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestRegieHandover: only the organisation holding regie hands it over, to
// an organisation on the case, with a reason; afterwards exactly one holds
// it, the former holder keeps the role it chose, and regie never moves by a
// role change.
func TestRegieHandover(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newRolesWorld(t, db)
		jb, raad, vt := w.fatma.Professional.Organisation.ID, w.wouter.Professional.Organisation.ID, w.sanne.Professional.Organisation.ID
		reason := plan.Handover{ToOrganisationID: jb, Reason: "Jeugdbescherming begeleidt het gezin verder"}
		before := auditRows(t, db)
		_, err := w.uc.HandoverRegie(ctx, w.fatma, w.caseID, reason)
		rolesWantCode(t, err, schakel.EFORBIDDEN)
		if auditRows(t, db) != before+1 {
			t.Fatal("refusal not audited")
		}
		_, err = w.uc.HandoverRegie(ctx, w.sanne, w.caseID, plan.Handover{ToOrganisationID: vt, Reason: "kort"})
		rolesWantField(t, err, "organisation_id")
		rolesWantField(t, err, "reason")
		ps, err := w.uc.HandoverRegie(ctx, w.sanne, w.caseID, reason)
		if err != nil {
			t.Fatal(err)
		}
		regie := 0
		for _, p := range ps {
			if p.Role == schakel.RoleRegie {
				regie++
				if p.Organisation.ID != jb {
					t.Errorf("regie at %s", p.Organisation.Name)
				}
			}
			if p.Organisation.ID == vt && p.Role != schakel.RoleUitvoering {
				t.Errorf("former regie has role %s", p.Role)
			}
		}
		if regie != 1 {
			t.Fatalf("%d organisations hold regie", regie)
		}
		_, err = w.uc.ChangeRole(ctx, w.sanne, w.caseID, vt, plan.RoleChange{Role: schakel.RoleRegie, Reason: "Wij willen de regie terug"})
		rolesWantField(t, err, "role")
		// The Raad's role changes on the word of the new regie holder.
		if _, err := w.uc.ChangeRole(ctx, w.fatma, w.caseID, raad, plan.RoleChange{Role: schakel.RoleAdvies, Reason: "Het onderzoek is klaar"}); err != nil {
			t.Errorf("role change by the regie holder: %v", err)
		}
	})
}

// TestColleagueAlong: a request reaches the colleague's work list, only the
// colleague answers (someone else finds no request), once, and the asker is
// told.
func TestColleagueAlong(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newRolesWorld(t, db)
		at := time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)
		r, err := w.uc.AskColleague(ctx, w.sanne, w.caseID, plan.RequestInput{ToProfessionalID: w.outsider.Professional.ID,
			Kind: schakel.RequestJoinConversation, At: at, Message: "Gaat u mee naar het gesprek met vader?"})
		if err != nil {
			t.Fatal(err)
		}
		if r.ColleagueHasCase {
			t.Errorf("the colleague's organisation is not on the case")
		}
		items, _ := app.New(db).Worklist(ctx, w.outsider, app.WorkFilter{})
		if !slices.ContainsFunc(items, func(it storage.WorkItem) bool { return it.Kind == "colleague_request" && it.RequestID == r.ID }) {
			t.Fatalf("request not in the colleague's work list: %+v", items)
		}
		_, err = w.uc.AnswerColleague(ctx, w.mohamed, r.ID, true, "")
		rolesWantCode(t, err, schakel.ENOTFOUND)
		got, err := w.uc.AnswerColleague(ctx, w.outsider, r.ID, true, "Ik kom")
		if err != nil || got.Status != schakel.RequestAccepted {
			t.Fatalf("accept: %+v %v", got, err)
		}
		_, err = w.uc.AnswerColleague(ctx, w.outsider, r.ID, false, "")
		rolesWantCode(t, err, schakel.ECONFLICT)
		items, _ = app.New(db).Worklist(ctx, w.sanne, app.WorkFilter{Scope: "mine"})
		if !slices.ContainsFunc(items, func(it storage.WorkItem) bool { return it.Kind == "notice" && it.CaseID == w.caseID }) {
			t.Errorf("the asker was not told: %+v", items)
		}
		_, err = w.uc.AskColleague(ctx, w.sanne, w.caseID, plan.RequestInput{ToProfessionalID: w.sanne.Professional.ID, Kind: "koffie", At: "gisteren"})
		rolesWantField(t, err, "to_professional_id")
		rolesWantField(t, err, "kind")
		rolesWantField(t, err, "at")
	})
}

func rolesWantCode(t *testing.T, err error, code string) {
	t.Helper()
	var se *schakel.Error
	if !errors.As(err, &se) || se.Code != code {
		t.Fatalf("error %v, want %s", err, code)
	}
}

func rolesWantField(t *testing.T, err error, field string) {
	t.Helper()
	if !slices.ContainsFunc(schakel.FieldErrors(err), func(f schakel.FieldError) bool { return f.Field == field }) {
		t.Fatalf("error %v has no field %s", err, field)
	}
}
