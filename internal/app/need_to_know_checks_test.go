package app_test

import (
	"context"
	"slices"
	"testing"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/app"
	"schakel/internal/storage"
)

// decide is access's answer on the stored facts: may a read the case?
func (w *knowWorld) decide(t *testing.T, a *schakel.Actor, caseID int64) bool {
	t.Helper()
	var d access.Decision
	err := w.db.View(context.Background(), func(tx *storage.Tx) error {
		f, err := tx.CaseAccessFacts(a.Professional, caseID)
		if err != nil {
			return err
		}
		d = access.Decide(access.SubjectOf(a.Professional), access.Case, access.Read, access.CaseContext(f, "", tx.Now(), tx.InvitationGrace()))
		return nil
	})
	if err != nil {
		t.Fatalf("facts of case %d: %v", caseID, err)
	}
	return d.Allowed
}

// checkCaseRead: the case read and MayReadCase answer as access does; a
// refused read leaves exactly one audit entry (and the persons it names)
// and nothing else; nobody of another region reads.
func (w *knowWorld) checkCaseRead(t *testing.T, a *schakel.Actor, caseID int64) {
	t.Helper()
	ctx := context.Background()
	p := a.Professional
	want := w.decide(t, a, caseID)
	if w.want[p.ID] == nil {
		w.want[p.ID] = map[int64]bool{}
	}
	w.want[p.ID][caseID] = want
	if want && p.Organisation.RegionID != w.home {
		t.Fatalf("%s (%s) of another region may read case %d", p.Name, p.Organisation.Name, caseID)
	}
	if may, err := w.uc.MayReadCase(ctx, a, caseID); err != nil || may != want {
		t.Fatalf("MayReadCase(%s, %d) = %v, %v; access says %v", p.Name, caseID, may, err, want)
	}
	before, err := w.db.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.uc.Case(ctx, a, caseID)
	if want != (err == nil) {
		t.Fatalf("Case(%s %v of %s, %d): %v; access says %v", p.Name, p.Roles, p.Organisation.Name, caseID, err, want)
	}
	after, err := w.db.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range after {
		grew := n - before[table]
		switch {
		case table == "audit_log" && grew != 1:
			t.Fatalf("reading case %d as %s wrote %d audit entries, want 1", caseID, p.Name, grew)
		case table == "audit_log", table == "audit_persons":
		case !want && grew != 0:
			t.Fatalf("a refused read of case %d as %s changed %s by %d rows", caseID, p.Name, table, grew)
		}
	}
}

// checkWorklist: no scope of a professional's work list shows a case of
// the world they may not read.
func (w *knowWorld) checkWorklist(t *testing.T, a *schakel.Actor) {
	t.Helper()
	p := a.Professional
	for _, scope := range []string{"mine", "team", "organisation"} {
		items, err := w.uc.Worklist(context.Background(), a, app.WorkFilter{Scope: scope})
		if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
			w.seen["work lists refused"]++
			continue
		} else if err != nil {
			t.Fatalf("work list %s of %s: %v", scope, p.Name, err)
		}
		for _, it := range items {
			if slices.Contains(w.cases, it.CaseID) {
				w.seen["work items on the cases"]++
			}
			if slices.Contains(w.cases, it.CaseID) && !w.want[p.ID][it.CaseID] {
				t.Fatalf("work list %s of %s (%v, %s) shows case %d (%s), which they may not read", scope, p.Name, p.Roles,
					p.Organisation.Name, it.CaseID, it.Kind)
			}
		}
	}
}

// checkAlerts: everyone told about a case (the notices in their own list,
// as stored, before the work list narrows it) is, as they are now,
// access.Eligible for it.
func (w *knowWorld) checkAlerts(t *testing.T, caseID int64) {
	t.Helper()
	for _, p := range w.pros {
		p = w.professional(t, p.ID)
		var items []storage.WorkItem
		err := w.db.View(context.Background(), func(tx *storage.Tx) error {
			var err error
			items, err = tx.WorkItems(&p, "mine", p.Team)
			return err
		})
		if err != nil {
			t.Fatalf("stored work items of %s: %v", p.Name, err)
		}
		for _, it := range items {
			if it.Kind != "notice" || it.CaseID != caseID || w.alerted[[2]int64{p.ID, it.NotificationID}] {
				continue
			}
			w.alerted[[2]int64{p.ID, it.NotificationID}] = true
			w.seen["alerts"]++
			if d := access.Eligible(access.Candidate{Subject: access.SubjectOf(&p), Active: p.Active}, w.home); !d.Allowed {
				t.Fatalf("%s (%v, %s) was told about case %d: %q; access: %s", p.Name, p.Roles, p.Organisation.Name, caseID, it.Title, d.Reason)
			}
		}
	}
}

// checkCrisisTable: everyone the crisis pool put at a red case's table
// is eligible and, unless they declined, may read the case.
func (w *knowWorld) checkCrisisTable(t *testing.T, caseID int64) {
	t.Helper()
	c, err := w.uc.Case(context.Background(), w.sanne, caseID)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range c.Consultations {
		if k.Kind != schakel.ConsultCrisis {
			continue
		}
		w.seen["crisis tables"]++
		for _, part := range k.Participants {
			w.seen["at crisis tables"]++
			p := w.professional(t, part.Professional.ID)
			if d := access.Eligible(access.Candidate{Subject: access.SubjectOf(&p), Active: p.Active}, w.home); !d.Allowed {
				t.Fatalf("crisis table of case %d holds %s (%v, %s): %s", caseID, p.Name, p.Roles, p.Organisation.Name, d.Reason)
			}
			a := &schakel.Actor{Professional: &p, ClientAddr: "192.0.2.44"}
			if part.DeclinedAt == nil && !w.decide(t, a, caseID) {
				t.Fatalf("%s is at the crisis table of case %d but may not read it", p.Name, caseID)
			}
		}
	}
}
