package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestMembershipRecords: a round opens once per due time and never beside
// an open one; it closes once and only after its deadline; marks replace
// each other; a suspension ends the account's sessions and tokens, shows
// at login and in the list, and is lifted once.
func TestMembershipRecords(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := fxSetClock(db)
		org, other := fxOrg(t, db, schakel.Wijkteam), fxOrg(t, db, schakel.Schuldhulp)
		admin, worker := fxPro(t, db, org, schakel.RoleAdmin), fxPro(t, db, org, schakel.RoleCaseWorker)
		fxPro(t, db, other, schakel.RoleCaseWorker)
		due := clock.now.Add(-time.Hour)
		deadline := clock.now.Add(14 * 24 * time.Hour)
		var round int64
		must := func(fn func(tx *storage.Tx) error) {
			t.Helper()
			if err := db.Update(ctx, fn); err != nil {
				t.Fatal(err)
			}
		}
		must(func(tx *storage.Tx) error {
			id, opened, err := tx.OpenMembershipRound(org.ID, due, deadline)
			if err != nil || !opened || id == 0 {
				t.Fatalf("open: %d %v %v", id, opened, err)
			}
			round = id
			for _, d := range []time.Time{due, due.Add(time.Hour)} {
				if _, again, err := tx.OpenMembershipRound(org.ID, d, deadline); err != nil || again {
					t.Fatalf("opened beside an open round (due %v): %v %v", d, again, err)
				}
			}
			if _, opened, err := tx.OpenMembershipRound(other.ID, due, deadline); err != nil || !opened {
				t.Fatalf("another organisation's round: %v %v", opened, err)
			}
			if err := tx.MarkMembership(round, worker.ID, "left", admin.ID); err != nil {
				return err
			}
			return tx.MarkMembership(round, worker.ID, "confirmed", admin.ID)
		})
		orgs, err := db.MembershipOrgs(ctx)
		if err != nil || len(orgs) != 2 || orgs[0].Months != 3 || orgs[0].Admins != 1 || orgs[1].Admins != 0 ||
			orgs[0].Last == nil || orgs[0].Last.ID != round || orgs[0].Last.ClosedAt != nil || !orgs[0].Last.Deadline.Equal(deadline) {
			t.Fatalf("organisations: %+v, %v", orgs, err)
		}
		must(func(tx *storage.Tx) error {
			ms, err := tx.Members(org.ID, round)
			if err != nil || len(ms) != 2 {
				t.Fatalf("members: %+v, %v", ms, err)
			}
			for _, m := range ms {
				want := map[int64]string{admin.ID: "", worker.ID: "confirmed"}[m.ID]
				if m.Mark != want || (want != "") != (m.MarkedAt != nil) || m.Admin != (m.ID == admin.ID) || !m.Active || m.Suspended {
					t.Fatalf("member %+v, want mark %q", m, want)
				}
				if want != "" && m.MarkedBy != admin.Name {
					t.Fatalf("marked by %q", m.MarkedBy)
				}
			}
			if closed, err := tx.ClaimMembershipClose(round); err != nil || closed {
				t.Fatalf("closed before the deadline: %v %v", closed, err)
			}
			_, err = tx.CreateToken(worker.ID, "script", "token-hash")
			return err
		})
		if err := db.CreateSession(ctx, fxActor(worker), "worker-session", time.Hour); err != nil {
			t.Fatal(err)
		}
		clock.now = deadline
		must(func(tx *storage.Tx) error {
			if closed, err := tx.ClaimMembershipClose(round); err != nil || !closed {
				t.Fatalf("close at the deadline: %v %v", closed, err)
			}
			if closed, err := tx.ClaimMembershipClose(round); err != nil || closed {
				t.Fatalf("closed twice: %v %v", closed, err)
			}
			if err := tx.SuspendProfessional(worker.ID, round); err != nil {
				return err
			}
			return tx.SetMembershipSuspended(round, 1)
		})
		if _, err := db.SessionProfessional(ctx, "worker-session", time.Hour); err == nil {
			t.Fatal("the suspended account's session still works")
		}
		if _, _, err := db.TokenProfessional(ctx, "token-hash"); err == nil {
			t.Fatal("the suspended account's token still works")
		}
		if c, err := db.Credentials(ctx, worker.Email); err != nil || c.Active || !c.Suspended {
			t.Fatalf("credentials: %+v, %v", c, err)
		}
		must(func(tx *storage.Tx) error {
			if last, err := tx.LastMembershipRound(org.ID); err != nil || last.ClosedAt == nil || last.Suspended != 1 {
				t.Fatalf("closed round: %+v, %v", last, err)
			}
			if _, opened, err := tx.OpenMembershipRound(org.ID, due.AddDate(0, 3, 0), deadline.AddDate(0, 3, 0)); err != nil || !opened {
				t.Fatalf("the next round: %v %v", opened, err)
			}
			if ok, err := tx.Suspended(worker.ID); err != nil || !ok {
				t.Fatalf("suspended: %v %v", ok, err)
			}
			if lifted, err := tx.LiftSuspension(worker.ID, admin.ID); err != nil || !lifted {
				t.Fatalf("lift: %v %v", lifted, err)
			}
			if lifted, err := tx.LiftSuspension(worker.ID, admin.ID); err != nil || lifted {
				t.Fatalf("lifted twice: %v %v", lifted, err)
			}
			if err := tx.SetMembershipMonths(org.ID, 6); err != nil {
				return err
			}
			months, created, last, err := tx.MembershipSchedule(org.ID)
			if err != nil || months != 6 || created.IsZero() || last == nil || last.ClosedAt != nil {
				t.Fatalf("schedule: %d %v %+v %v", months, created, last, err)
			}
			_, _, _, err = tx.MembershipSchedule(-1)
			fxWantCode(t, err, schakel.ENOTFOUND)
			return nil
		})
		if c, err := db.Credentials(ctx, worker.Email); err != nil || c.Suspended {
			t.Fatalf("credentials after lifting: %+v, %v", c, err)
		}
	})
}
