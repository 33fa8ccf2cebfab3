package app_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// consultWorld is the demo region on a Monday morning with a red report
// whose crisis table is planned, and a clock the test moves.
type consultWorld struct {
	db                    *storage.DB
	uc                    *app.App
	now                   time.Time
	sanne, mohamed, fatma *schakel.Actor
	caseID                int64
	crisis                schakel.Consultation
}

func newConsultWorld(t *testing.T, db *storage.DB) *consultWorld {
	t.Helper()
	w := &consultWorld{db: db, uc: app.New(db), now: time.Date(2026, 11, 23, 10, 0, 0, 0, workdays.Location())}
	db.Now = func() time.Time { return w.now }
	if _, err := demo.Load(context.Background(), db, w.now); err != nil {
		t.Fatalf("demo: %v", err)
	}
	w.sanne = demoActor(t, db, demo.Email("Sanne", "vt"))
	w.mohamed = demoActor(t, db, demo.Email("Mohamed", "vt"))
	w.fatma = demoActor(t, db, demo.Email("Fatma", "jb"))
	res, err := w.uc.CreateReport(context.Background(), w.sanne, redReport("Noah", ""), "")
	if err != nil || res.Consultation == nil {
		t.Fatalf("red report: %v %+v", err, res)
	}
	w.caseID, w.crisis = res.CaseID, *res.Consultation
	return w
}

// join makes a's organisation take part in the case with role.
func (w *consultWorld) join(t *testing.T, a *schakel.Actor, role schakel.ParticipationRole) {
	t.Helper()
	_, err := app.New(w.db).AddParticipation(context.Background(), w.sanne, w.caseID, schakel.ParticipationInput{
		OrganisationID: a.Professional.Organisation.ID, Role: role, ContactProfessionalID: a.Professional.ID, Reason: "Doet mee aan het plan"})
	if err != nil {
		t.Fatalf("join %s: %v", a.Professional.Organisation.Name, err)
	}
}

// org returns the organisation of a demo professional.
func (w *consultWorld) org(t *testing.T, name, org string) int64 {
	t.Helper()
	return demoActor(t, w.db, demo.Email(name, org)).Professional.Organisation.ID
}

// at sets the clock to t and returns what sets it back.
func (w *consultWorld) at(t time.Time) func() {
	was := w.now
	w.now = t
	return func() { w.now = was }
}
