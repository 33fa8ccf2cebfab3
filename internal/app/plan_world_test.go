package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// planWorld is a red case filed by Sanne (Veilig Thuis, regie) with its
// crisis consultation, on the demo region at Monday 23 November 2026 10:00:
// the joint workspace's use cases act on it.
type planWorld struct {
	t            *testing.T
	db           *storage.DB
	uc           *app.App
	now          time.Time
	caseID       int64
	consultation schakel.Consultation
	sanne        *schakel.Actor // VT intake, regie
	mohamed      *schakel.Actor // VT case worker
	fatma        *schakel.Actor // JB case worker
	wouter       *schakel.Actor // Raad case worker
	rob          *schakel.Actor // Schuldhulp case worker
	orgs         map[string]int64
}

func newPlanWorld(t *testing.T, db *storage.DB) *planWorld {
	t.Helper()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, workdays.Location())
	db.Now = func() time.Time { return now }
	if _, err := demo.Load(context.Background(), db, now); err != nil {
		t.Fatalf("demo: %v", err)
	}
	w := &planWorld{t: t, db: db, uc: app.New(db), now: now, orgs: map[string]int64{}}
	w.sanne = demoActor(t, db, demo.Email("Sanne", "vt"))
	w.mohamed = demoActor(t, db, demo.Email("Mohamed", "vt"))
	w.fatma = demoActor(t, db, demo.Email("Fatma", "jb"))
	w.wouter = demoActor(t, db, demo.Email("Wouter", "raad"))
	w.rob = demoActor(t, db, demo.Email("Rob", "schuldhulp"))
	for _, a := range []*schakel.Actor{w.sanne, w.fatma, w.wouter, w.rob} {
		w.orgs[string(a.Professional.Organisation.Kind)] = a.Professional.Organisation.ID
	}
	res, err := w.uc.CreateReport(context.Background(), w.sanne, deJong(), "")
	if err != nil || res.Consultation == nil {
		t.Fatalf("red report: %v %+v", err, res)
	}
	w.caseID, w.consultation = res.CaseID, *res.Consultation
	return w
}

// deJong is a red report on Noah and his mother.
func deJong() intake.Report {
	return intake.Report{
		Reporter:     intake.Reporter{Kind: "professional", Name: "Juf Anke", Organisation: "Basisschool De Regenboog", Phone: "010-1234567"},
		Children:     []intake.Person{{GivenNames: "Noah", FamilyName: "de Jong", BirthDate: "2016-04-12", Relation: "child"}},
		Adults:       []intake.Person{{GivenNames: "Mirjam", FamilyName: "de Jong", BirthDate: "1988-09-30", Relation: "parent", ParentalAuthority: true}},
		Municipality: "Rotterdam",
		Concerns:     []string{"physical_abuse"},
		Indicators:   []string{"child_afraid_to_go_home"},
		Narrative:    "Noah had een blauwe plek in zijn nek en zegt dat hij bang is om naar huis te gaan.",
	}
}

func (w *planWorld) join(a *schakel.Actor, role schakel.ParticipationRole) {
	w.t.Helper()
	_, err := w.uc.AddParticipation(context.Background(), w.sanne, w.caseID, schakel.ParticipationInput{
		OrganisationID: a.Professional.Organisation.ID, Role: role, ContactProfessionalID: a.Professional.ID, Reason: "Doet mee aan het plan"})
	if err != nil {
		w.t.Fatalf("join %s: %v", a.Professional.Organisation.Name, err)
	}
}

func (w *planWorld) version() int64 {
	w.t.Helper()
	p, err := w.uc.Plan(context.Background(), w.sanne, w.caseID)
	if err != nil {
		w.t.Fatal(err)
	}
	return p.Version
}

// held records the crisis table's attendance once it began (the clock
// moves to its start): it was held.
func (w *planWorld) held() {
	w.t.Helper()
	w.begin()
	present := []int64{w.sanne.Professional.ID}
	if _, err := w.uc.RecordAttendance(context.Background(), w.sanne, w.consultation.ID, plan.AttendanceInput{Present: present}); err != nil {
		w.t.Fatalf("attendance: %v", err)
	}
}

// begin moves the clock to the crisis table's start, when attendance can
// be recorded.
func (w *planWorld) begin() {
	start := w.consultation.ScheduledAt
	w.now = start
	w.db.Now = func() time.Time { return start }
}

// persons returns the case's child and parent.
func (w *planWorld) persons() (child, parent int64) {
	w.t.Helper()
	c, _, err := w.uc.CaseWorkspace(context.Background(), w.sanne, w.caseID)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, p := range c.Persons {
		if p.Kind == "child" {
			child = p.ID
		} else {
			parent = p.ID
		}
	}
	return child, parent
}

func ptrTo[T any](v T) *T { return &v }

func (w *planWorld) action(by *schakel.Actor, owner *schakel.Actor, forWhom string, kind string, due string) schakel.Action {
	w.t.Helper()
	in := plan.ActionInput{Title: "Gesprek " + forWhom, OwnerOrganisationID: owner.Professional.Organisation.ID,
		OwnerProfessionalID: owner.Professional.ID, DueDate: due, Kind: kind}
	if forWhom != "" {
		in.For = &forWhom
	}
	a, err := w.uc.AddAction(context.Background(), by, w.caseID, in)
	if err != nil {
		w.t.Fatalf("add action: %v", err)
	}
	return a
}

// rows counts the rows of one table.
func (w *planWorld) rows(table string) int64 {
	w.t.Helper()
	n, err := w.db.RowCounts(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	return n[table]
}

// outsiderElsewhere is a case worker of Jeugdbescherming in another
// region: the same kind of organisation as one on the case, never on it.
func outsiderElsewhere(t *testing.T, db *storage.DB) *schakel.Actor {
	t.Helper()
	email := "elders.jb@schakel.example"
	err := db.Update(context.Background(), func(tx *storage.Tx) error {
		rid, err := tx.CreateRegion("Jeugdregio Elders (test)")
		if err != nil {
			return err
		}
		o := schakel.Organisation{Name: "Jeugdbescherming Elders", Kind: schakel.Jeugdbescherming, RegionID: rid}
		if err := app.CreateOrganisationIn(tx, nil, &o); err != nil {
			return err
		}
		_, err = app.CreateProfessionalIn(tx, nil, schakel.ProfessionalInput{OrganisationID: o.ID, Email: email, Name: "Eva Elders",
			Roles: []schakel.Role{schakel.RoleCaseWorker}})
		return err
	})
	if err != nil {
		t.Fatalf("another region: %v", err)
	}
	return demoActor(t, db, email)
}

// wantCode fails unless err is a *schakel.Error with code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var se *schakel.Error
	if !errors.As(err, &se) || se.Code != code {
		t.Fatalf("error %v, want code %q", err, code)
	}
}

// wantField fails unless err names field among its field errors, with a
// code and a message.
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	var names []string
	for _, f := range schakel.FieldErrors(err) {
		if f.Field == field {
			if f.Message == "" || f.Code == "" {
				t.Fatalf("field error %+v lacks a code or message", f)
			}
			return
		}
		names = append(names, f.Field)
	}
	t.Fatalf("error %v names fields %v, want %q", err, names, field)
}
