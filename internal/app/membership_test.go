package app_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/demo"
	"schakel/internal/membership"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// membershipWorld is the demo region on one database opened twice (two
// serve processes), with a clock the test moves.
type membershipWorld struct {
	one, two   *storage.DB
	uc         *app.App
	now        *time.Time
	joost      *schakel.Actor // the only administrator of Veilig Thuis
	karin      *schakel.Actor // Veilig Thuis's privacy officer
	loaded     time.Time
	vt, sanne  int64
	mohamed    int64
	ruud       int64
	vtAccounts int
}

func newMembershipWorld(t *testing.T, e storagetest.Engine) *membershipWorld {
	t.Helper()
	one, two := openTwice(t, e.DSN(t))
	now := time.Date(2026, 1, 12, 9, 0, 0, 0, workdays.Location())
	w := &membershipWorld{one: one, two: two, now: &now, loaded: now}
	one.Now = func() time.Time { return *w.now }
	two.Now = one.Now
	if _, err := demo.Load(context.Background(), one, now); err != nil {
		t.Fatalf("demo: %v", err)
	}
	w.uc = app.New(one)
	w.joost = demoActor(t, one, demo.Email("Joost", "vt"))
	w.karin = demoActor(t, one, demo.Email("Karin", "vt"))
	w.vt = w.joost.Professional.Organisation.ID
	w.sanne = demoActor(t, one, demo.Email("Sanne", "vt")).Professional.ID
	w.mohamed = demoActor(t, one, demo.Email("Mohamed", "vt")).Professional.ID
	w.ruud = demoActor(t, one, demo.Email("Ruud", "vt")).Professional.ID
	ps, err := one.ListProfessionals(context.Background(), storage.ProfessionalFilter{OrganisationID: w.vt})
	if err != nil {
		t.Fatal(err)
	}
	w.vtAccounts = len(ps)
	return w
}

// runBoth runs the review job four times at once over both servers and
// adds up what they did.
func (w *membershipWorld) runBoth(t *testing.T) app.MembershipRun {
	t.Helper()
	servers := []*app.App{w.uc, app.New(w.two)}
	runs := make([]app.MembershipRun, 4)
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() {
			r, err := servers[i%2].ReviewMembership(context.Background())
			if err != nil {
				t.Errorf("review: %v", err)
			}
			runs[i] = r
		})
	}
	wg.Wait()
	var sum app.MembershipRun
	for _, r := range runs {
		sum.Opened, sum.Closed, sum.Suspended = sum.Opened+r.Opened, sum.Closed+r.Closed, sum.Suspended+r.Suspended
	}
	return sum
}

// TestMembershipRoundOnceAcrossTwoServers: a quarter after the region was
// made every organisation's round opens once, however many servers run the
// job, and its administrator gets one e-mail and one work item; after the
// deadline the accounts nobody re-confirmed are suspended once, in one
// transaction, their sessions end, the list is audited, and their owners
// are told so at login. The administrator re-activates one.
func TestMembershipRoundOnceAcrossTwoServers(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newMembershipWorld(t, e)
			orgs, err := w.one.MembershipOrgs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			due := membership.Due(w.loaded, membership.DefaultMonths)
			*w.now = due.Add(-time.Minute)
			if run := w.runBoth(t); run != (app.MembershipRun{}) {
				t.Fatalf("before the quarter: %+v", run)
			}
			mohamedSession := login(t, w.uc, demo.Email("Mohamed", "vt"), demo.Password)
			*w.now = due
			if run := w.runBoth(t); run.Opened != len(orgs) || run.Closed != 0 {
				t.Fatalf("at the quarter: %+v, want %d rounds opened once", run, len(orgs))
			}
			if got := outboxTo(t, w.one, "Schakel: bevestig wie er nog werkt"); got[demo.Email("Joost", "vt")] != 1 || len(got) != len(orgs) {
				t.Fatalf("reminders %v, want one to each organisation's administrator", got)
			}
			if n, err := w.uc.MarkMembership(ctx, w.joost, w.vt, app.MembershipMarks{StillHere: []int64{w.sanne, w.joost.Professional.ID}, Left: []int64{w.ruud}}); err != nil || n != 3 {
				t.Fatalf("marks: %d, %v", n, err)
			}
			v, err := w.uc.MembershipReview(ctx, w.joost, w.vt)
			if err != nil || v.Round == nil || v.NextDue != nil {
				t.Fatalf("review: %+v, %v", v, err)
			}
			*w.now = v.Round.Deadline.Add(-time.Second)
			if run := w.runBoth(t); run != (app.MembershipRun{}) {
				t.Fatalf("before the deadline: %+v", run)
			}
			*w.now = v.Round.Deadline
			run := w.runBoth(t)
			// Veilig Thuis: everyone but Sanne and Joost (confirmed) and Ruud (left).
			if run.Closed != len(orgs) || run.Suspended < w.vtAccounts-3 {
				t.Fatalf("at the deadline: %+v", run)
			}
			if run := w.runBoth(t); run != (app.MembershipRun{}) {
				t.Fatalf("closed twice: %+v", run)
			}
			w.checkSuspended(t, mohamedSession)
			w.checkAudited(t)
			if err := w.uc.SetProfessionalActive(ctx, w.joost, w.mohamed, true); err != nil {
				t.Fatal(err)
			}
			if _, err := w.uc.Login(ctx, app.Attempt{Email: demo.Email("Mohamed", "vt"), Password: demo.Password, ClientAddr: "192.0.2.7"}); err != nil {
				t.Fatalf("login after re-activation: %v", err)
			}
			v, err = w.uc.MembershipReview(ctx, w.joost, w.vt)
			if err != nil || v.Round != nil || v.NextDue == nil || !v.NextDue.Equal(membership.Due(due, 3)) {
				t.Fatalf("after the round: %+v, %v", v, err)
			}
		})
	}
}

func login(t *testing.T, uc *app.App, email, password string) string {
	t.Helper()
	res, err := uc.Login(context.Background(), app.Attempt{Email: email, Password: password, ClientAddr: "192.0.2.7"})
	if err != nil || res.Session == "" {
		t.Fatalf("login %s: %+v, %v", email, res, err)
	}
	return res.Session
}

// checkSuspended: Mohamed's session ended, the right password is told the
// account is paused, a wrong one learns nothing.
func (w *membershipWorld) checkSuspended(t *testing.T, session string) {
	t.Helper()
	ctx := context.Background()
	if _, err := w.two.SessionProfessional(ctx, auth.HashSecret(session), time.Hour); err == nil {
		t.Fatal("the suspended account's session still works on the other server")
	}
	_, err := w.uc.Login(ctx, app.Attempt{Email: demo.Email("Mohamed", "vt"), Password: demo.Password, ClientAddr: "192.0.2.8"})
	if !errors.Is(err, app.ErrSuspended) || !strings.Contains(err.Error(), "gepauzeerd") {
		t.Fatalf("login of the suspended account: %v", err)
	}
	_, err = w.uc.Login(ctx, app.Attempt{Email: demo.Email("Mohamed", "vt"), Password: "wrong-password", ClientAddr: "192.0.2.9"})
	if !errors.Is(err, app.ErrBadLogin) {
		t.Fatalf("a wrong password on the suspended account: %v", err)
	}
	for _, who := range []string{"Sanne", "Joost"} {
		login(t, w.uc, demo.Email(who, "vt"), demo.Password)
	}
}

// checkAudited: the privacy officer finds the round's list of suspended
// accounts, naming Mohamed and not Sanne.
func (w *membershipWorld) checkAudited(t *testing.T) {
	t.Helper()
	es, err := w.uc.ListAudit(context.Background(), w.karin, storage.AuditFilter{OrganisationID: w.vt, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.ResourceType == "membership_round" && strings.HasPrefix(e.Detail, "round closed") {
			ids := e.Detail[strings.Index(e.Detail, "[")+1 : strings.Index(e.Detail, "]")]
			list := ", " + ids + ", "
			if !strings.Contains(list, ", "+strconv.FormatInt(w.mohamed, 10)+", ") || strings.Contains(list, ", "+strconv.FormatInt(w.sanne, 10)+", ") {
				t.Fatalf("suspended list %q, want Mohamed (%d) without Sanne (%d)", ids, w.mohamed, w.sanne)
			}
			return
		}
	}
	t.Fatal("no audit entry lists the suspended accounts")
}
