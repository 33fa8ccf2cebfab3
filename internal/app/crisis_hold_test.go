package app_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// heldWorld is the demo region with a red report filed by Sanne (intake,
// Veilig Thuis) whose crisis table's invitations are held ten minutes.
type heldWorld struct {
	db     *storage.DB
	uc     *app.App
	now    time.Time
	sanne  *schakel.Actor
	table  schakel.Consultation
	caseID int64
}

func newHeldWorld(t *testing.T, db *storage.DB) *heldWorld {
	t.Helper()
	w := &heldWorld{db: db, now: time.Date(2026, 11, 23, 10, 0, 0, 0, workdays.Location())}
	db.Now = func() time.Time { return w.now }
	w.uc = app.New(db, app.WithTableHold(10*time.Minute))
	if _, err := demo.Load(context.Background(), db, w.now); err != nil {
		t.Fatalf("demo: %v", err)
	}
	w.sanne = demoActor(t, db, demo.Email("Sanne", "vt"))
	res, err := w.uc.CreateReport(context.Background(), w.sanne, redReport("Noah", ""), "")
	if err != nil || res.Consultation == nil {
		t.Fatalf("red report: %v %+v", err, res)
	}
	w.caseID, w.table = res.CaseID, *res.Consultation
	return w
}

func (w *heldWorld) count(t *testing.T, table string) int64 {
	t.Helper()
	n, err := w.db.RowCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n[table]
}

// TestHeldTableTellsNobodyUntilTheHoldEnds: a red report's table is
// proposed at once, within the crisis time, but nobody proposed is told,
// sees it in their work list or reads the case until the hold ends; then
// every one of them is invited exactly once.
func TestHeldTableTellsNobodyUntilTheHoldEnds(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newHeldWorld(t, db)
		c := w.table
		if !c.OnHold() || c.InvitationsHeldUntil.After(w.now.Add(10*time.Minute)) || c.ScheduledAt.After(c.DueAt) {
			t.Fatalf("table: held until %v, at %v, due %v", c.InvitationsHeldUntil, c.ScheduledAt, c.DueAt)
		}
		if len(c.Participants) < 2 {
			t.Fatalf("proposed: %d people", len(c.Participants))
		}
		if n := w.count(t, "outbox"); n != 0 {
			t.Fatalf("%d e-mails while the invitations are held", n)
		}
		other := otherInvitee(t, db, c, w.sanne)
		if items := workItemsOf(t, db, other, c.ID); items != 0 {
			t.Fatalf("a proposed invitee sees the table in their work list (%d items)", items)
		}
		if _, err := app.New(db).Case(ctx, other, w.caseID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("a proposed invitee reads the case: %v", err)
		}
		if n, err := w.uc.ReleaseDueTables(ctx); err != nil || n != 0 {
			t.Fatalf("released before the hold ended: %d, %v", n, err)
		}
		w.now = w.now.Add(10 * time.Minute)
		if n, err := w.uc.ReleaseDueTables(ctx); err != nil || n != 1 {
			t.Fatalf("released at the hold's end: %d, %v", n, err)
		}
		if n, err := w.uc.ReleaseDueTables(ctx); err != nil || n != 0 {
			t.Fatalf("released twice: %d, %v", n, err)
		}
		if n := w.count(t, "outbox"); n != int64(len(c.Participants)) {
			t.Fatalf("%d e-mails for %d invitees", n, len(c.Participants))
		}
		if items := workItemsOf(t, db, other, c.ID); items != 1 {
			t.Fatalf("the invitee's work list holds the table %d times", items)
		}
		if _, err := app.New(db).Case(ctx, other, w.caseID); err != nil {
			t.Fatalf("an invitee reads the case: %v", err)
		}
		after, err := app.New(db).Consultation(ctx, w.sanne, c.ID)
		if err != nil || after.OnHold() || after.InvitationsSentAt == nil || len(after.TableChanges) != 1 || after.TableChanges[0].Kind != schakel.TableSent {
			t.Fatalf("after release: %+v, %v", after.TableChanges, err)
		}
	})
}

// TestHeldTableReleasedOnceByTwoServers ends the hold from two servers on
// one database at once, several times: the invitations go out once.
func TestHeldTableReleasedOnceByTwoServers(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			one, two := openTwice(t, e.DSN(t))
			w := newHeldWorld(t, one)
			two.Now = one.Now
			w.now = w.now.Add(time.Hour)
			servers := []*app.App{w.uc, app.New(two, app.WithTableHold(10*time.Minute))}
			var wg sync.WaitGroup
			released := make([]int, 4)
			for i := range released {
				wg.Add(1)
				go func() {
					defer wg.Done()
					n, err := servers[i%2].ReleaseDueTables(context.Background())
					if err != nil {
						t.Errorf("release: %v", err)
					}
					released[i] = n
				}()
			}
			wg.Wait()
			total := 0
			for _, n := range released {
				total += n
			}
			if total != 1 {
				t.Fatalf("released %d times (%v)", total, released)
			}
			if n := w.count(t, "outbox"); n != int64(len(w.table.Participants)) {
				t.Fatalf("%d e-mails for %d invitees", n, len(w.table.Participants))
			}
		})
	}
}

// TestShapingAHeldTable: the intake worker removes a need with a reason
// and adds an eligible person; both are kept as history, the person proposed
// only for the removed need leaves, and on release the added person is
// invited and the one who left is not.
func TestShapingAHeldTable(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newHeldWorld(t, db)
		need, leaving := storagetest.RemovableNeed(t, w.table)
		c, err := w.uc.RemoveTableNeed(ctx, w.sanne, w.table.ID, plan.TableNeedRemoval{Need: need, Reason: "Dat volgt bij het MDO, niet vannacht."})
		if err != nil {
			t.Fatalf("remove need: %v", err)
		}
		if slices.ContainsFunc(c.Needs, func(n schakel.ConsultationNeed) bool { return n.Need == need }) {
			t.Fatal("the need is still on the table")
		}
		for _, p := range c.Participants {
			if slices.Contains(leaving, p.Professional.ID) {
				t.Fatalf("%s was proposed only for %s and is still at the table", p.Professional.Name, need)
			}
		}
		rob := demoActor(t, db, demo.Email("Rob", "schuldhulp"))
		if slices.Contains(leaving, rob.Professional.ID) {
			rob = demoActor(t, db, demo.Email("Naima", "jb"))
		}
		c, err = w.uc.AddTablePerson(ctx, w.sanne, w.table.ID, plan.TablePersonAdded{ProfessionalID: rob.Professional.ID, Reason: "Kent het gezin al van eerder."})
		if err != nil {
			t.Fatalf("add person: %v", err)
		}
		if len(c.TableChanges) != 2 || c.TableChanges[0].Kind != schakel.TableNeedRemoved || c.TableChanges[1].Person == nil ||
			c.TableChanges[1].Person.ID != rob.Professional.ID || c.TableChanges[0].ChangedBy == nil || c.TableChanges[0].Reason == "" {
			t.Fatalf("history: %+v", c.TableChanges)
		}
		if n := w.count(t, "outbox"); n != 0 {
			t.Fatalf("%d e-mails while the invitations are held", n)
		}
		c, err = w.uc.SendTableNow(ctx, w.sanne, w.table.ID)
		if err != nil || c.OnHold() {
			t.Fatalf("send now: %v", err)
		}
		if items := workItemsOf(t, db, rob, c.ID); items != 1 {
			t.Fatalf("the added person's work list holds the table %d times", items)
		}
		for _, id := range leaving {
			if items := workItemsOf(t, db, demoActorByID(t, db, id), c.ID); items != 0 {
				t.Fatalf("someone who left the proposed table was invited")
			}
		}
		if n, err := w.uc.ReleaseDueTables(ctx); err != nil || n != 0 {
			t.Fatalf("released again after sending now: %d, %v", n, err)
		}
	})
}

// TestMovingAHeldTableTellsNobody: moving a table on hold notifies
// nobody who was only proposed; the invitation then names the new moment.
func TestMovingAHeldTableTellsNobody(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newHeldWorld(t, db)
		to := w.table.ScheduledAt.Add(30 * time.Minute).Format(time.RFC3339)
		if _, err := w.uc.MoveConsultation(ctx, w.sanne, w.table.ID, plan.ConsultationChange{ScheduledAt: to, Reason: "De vertrouwensarts kan pas later."}); err != nil {
			t.Fatalf("move: %v", err)
		}
		if n, m := w.count(t, "outbox"), w.count(t, "notifications"); n != 0 || m != 0 {
			t.Fatalf("moving a held table sent %d e-mails and %d notices", n, m)
		}
	})
}

// TestMovingAHeldTableEarlierMovesItsHold: the hold never runs past
// halfway to the table. Moved closer, the hold ends sooner; moved to
// (almost) now, the invitations go out at once and name the new moment;
// moved later, the hold keeps its end.
func TestMovingAHeldTableEarlierMovesItsHold(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newHeldWorld(t, db)
		move := func(to time.Time) schakel.Consultation {
			t.Helper()
			c, err := w.uc.MoveConsultation(ctx, w.sanne, w.table.ID, plan.ConsultationChange{ScheduledAt: to.Format(time.RFC3339), Reason: "De vertrouwensarts kan alleen op een ander moment."})
			if err != nil {
				t.Fatalf("move to %v: %v", to, err)
			}
			return c
		}
		held := *w.table.InvitationsHeldUntil
		if c := move(w.table.ScheduledAt.Add(time.Hour)); !c.OnHold() || !c.InvitationsHeldUntil.Equal(held) {
			t.Fatalf("moved later: held until %v, want %v", c.InvitationsHeldUntil, held)
		}
		c := move(w.now.Add(12 * time.Minute))
		if want := w.now.Add(6 * time.Minute); !c.OnHold() || !c.InvitationsHeldUntil.Equal(want) {
			t.Fatalf("moved 12 minutes ahead: held until %v, want %v", c.InvitationsHeldUntil, want)
		}
		if n := w.count(t, "outbox"); n != 0 {
			t.Fatalf("%d e-mails while the invitations are still held", n)
		}
		c, err := w.uc.MoveConsultation(ctx, w.sanne, w.table.ID, plan.ConsultationChange{ScheduledAt: w.now.Format(time.RFC3339), Reason: "Iedereen is er nu al."})
		if err != nil || c.OnHold() || c.InvitationsSentAt == nil || !c.ScheduledAt.Equal(w.now.UTC()) {
			t.Fatalf("moved to now: %v, held %v, sent %v", err, c.InvitationsHeldUntil, c.InvitationsSentAt)
		}
		other := otherInvitee(t, db, c, w.sanne)
		if items := workItemsOf(t, db, other, c.ID); items != 1 {
			t.Fatalf("an invitee's work list holds the table %d times", items)
		}
		if n := w.count(t, "outbox"); n != int64(len(c.Participants)) {
			t.Fatalf("%d e-mails for %d invitees", n, len(c.Participants))
		}
		w.now = w.now.Add(6 * time.Minute)
		if n, err := w.uc.ReleaseDueTables(ctx); err != nil || n != 0 {
			t.Fatalf("released again at the old hold's end: %d, %v", n, err)
		}
	})
}

// TestRefusedTableShapingLeavesOnlyAudit: someone the rule does not allow,
// bad input and a table already sent: refused, nothing but audit kept.
func TestRefusedTableShapingLeavesOnlyAudit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newHeldWorld(t, db)
		need, _ := storagetest.RemovableNeed(t, w.table)
		good := plan.TableNeedRemoval{Need: need, Reason: "Dat volgt bij het MDO, niet vannacht."}
		mohamed := demoActor(t, db, demo.Email("Mohamed", "vt"))
		outsider := demoActor(t, db, demo.Email("Meryem", "kompas"))
		admin := demoActor(t, db, demo.Email("Joost", "vt"))
		rob := demoActor(t, db, demo.Email("Rob", "schuldhulp")).Professional.ID
		cases := []struct {
			name     string
			want     string
			maxAudit int64
			command  func() error
		}{
			{"a colleague of the intake worker", schakel.EFORBIDDEN, 2, func() error {
				_, err := w.uc.RemoveTableNeed(ctx, mohamed, w.table.ID, good)
				return err
			}},
			{"an organisation not on the case", schakel.EFORBIDDEN, 2, func() error {
				_, err := w.uc.AddTablePerson(ctx, outsider, w.table.ID, plan.TablePersonAdded{ProfessionalID: rob, Reason: "Kent het gezin al van eerder."})
				return err
			}},
			{"sending by a colleague", schakel.EFORBIDDEN, 2, func() error {
				_, err := w.uc.SendTableNow(ctx, mohamed, w.table.ID)
				return err
			}},
			{"a need removed without a reason", schakel.EINVALID, 0, func() error {
				_, err := w.uc.RemoveTableNeed(ctx, w.sanne, w.table.ID, plan.TableNeedRemoval{Need: need})
				return err
			}},
			{"a need the table does not have", schakel.EINVALID, 0, func() error {
				_, err := w.uc.RemoveTableNeed(ctx, w.sanne, w.table.ID, plan.TableNeedRemoval{Need: "expertise:nothing", Reason: good.Reason})
				return err
			}},
			{"an administrator is not eligible", schakel.EINVALID, 0, func() error {
				_, err := w.uc.AddTablePerson(ctx, w.sanne, w.table.ID, plan.TablePersonAdded{ProfessionalID: admin.Professional.ID, Reason: "Kent het gezin al van eerder."})
				return err
			}},
			{"someone already at the table", schakel.EINVALID, 0, func() error {
				_, err := w.uc.AddTablePerson(ctx, w.sanne, w.table.ID, plan.TablePersonAdded{ProfessionalID: w.table.Participants[0].Professional.ID, Reason: "Kent het gezin al van eerder."})
				return err
			}},
			{"a table already sent", schakel.ECONFLICT, 0, func() error {
				_, err := w.uc.RemoveTableNeed(ctx, w.sanne, w.table.ID, good)
				return err
			}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				if tc.name == "a table already sent" {
					// The release itself writes; only the refused change is measured.
					w.now = w.now.Add(time.Hour)
					if _, err := w.uc.ReleaseDueTables(ctx); err != nil {
						t.Fatal(err)
					}
				}
				refusedLeavesOnlyAudit(t, db, tc.want, tc.maxAudit, tc.command)
			})
		}
	})
}

// otherInvitee returns a proposed invitee of another organisation than a.
func otherInvitee(t *testing.T, db *storage.DB, c schakel.Consultation, a *schakel.Actor) *schakel.Actor {
	t.Helper()
	for _, p := range c.Participants {
		if p.Professional.Organisation.ID != a.Professional.Organisation.ID {
			return demoActorByID(t, db, p.Professional.ID)
		}
	}
	t.Fatal("nobody of another organisation proposed")
	return nil
}

// workItemsOf counts the invitations to a consultation in a's work list.
func workItemsOf(t *testing.T, db *storage.DB, a *schakel.Actor, consultationID int64) int {
	t.Helper()
	items, err := app.New(db).Worklist(context.Background(), a, app.WorkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, it := range items {
		if it.Kind == "consultation" && it.ConsultationID == consultationID {
			n++
		}
	}
	return n
}
