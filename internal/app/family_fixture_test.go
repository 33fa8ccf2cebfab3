package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	ptotp "github.com/pquerna/otp/totp"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/intake"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// shelterFamily is a family with a violent father: the mother (in a
// shelter) and the father both have authority, a stepfather has none, and
// the children are 8, 12 and 16 years old.
type shelterFamily struct {
	caseID                   int64
	mother, father, stepdad  int64
	child8, child12, child16 int64
	birth                    map[int64]string
	contact                  *schakel.Actor
}

// birthYearsAgo is a birth date that makes someone years old today (and
// for the next ten days: tests never run that long).
func birthYearsAgo(years int) string {
	return time.Now().AddDate(-years, 0, -10).Format("2006-01-02")
}

func newShelterFamily(t *testing.T, ctx context.Context, db *storage.DB, uc *app.App, contact *schakel.Actor, name string) shelterFamily {
	t.Helper()
	in := redReport("Noor", "")
	in.Children = []intake.Person{
		{GivenNames: "Noor", FamilyName: name, BirthDate: birthYearsAgo(8), Relation: "child"},
		{GivenNames: "Sem", FamilyName: name, BirthDate: birthYearsAgo(12), Relation: "child"},
		{GivenNames: "Lotte", FamilyName: name, BirthDate: birthYearsAgo(16), Relation: "child"},
	}
	in.Adults = []intake.Person{
		{GivenNames: "Kim", FamilyName: name, BirthDate: "1988-02-01", Relation: "parent", ParentalAuthority: true},
		{GivenNames: "Rob", FamilyName: name, BirthDate: "1986-06-09", Relation: "parent", ParentalAuthority: true},
		{GivenNames: "Piet", FamilyName: name, BirthDate: "1980-01-01", Relation: "partner_of_parent"},
	}
	res, err := uc.CreateReport(ctx, contact, in, "")
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	c, _, err := uc.CaseWorkspace(ctx, contact, res.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	f := shelterFamily{caseID: res.CaseID, contact: contact, birth: map[int64]string{}}
	ids := map[string]*int64{"Kim": &f.mother, "Rob": &f.father, "Piet": &f.stepdad, "Noor": &f.child8, "Sem": &f.child12, "Lotte": &f.child16}
	for _, p := range c.Persons {
		*ids[p.GivenNames] = p.ID
		f.birth[p.ID] = p.BirthDate.Format("2006-01-02")
	}
	return f
}

// activate invites a person, activates their account and returns the
// family member's actor from the session the activation opened.
func (f shelterFamily) activate(t *testing.T, ctx context.Context, db *storage.DB, uc *app.App, person int64) *schakel.Actor {
	t.Helper()
	inv, err := uc.InviteFamilyMember(ctx, f.contact, f.caseID, person)
	if err != nil {
		t.Fatalf("invite %d: %v", person, err)
	}
	step, err := uc.ActivateFamily(ctx, app.Activation{Code: inv.Code, BirthDate: f.birth[person], Username: fmt.Sprintf("gezin-%d@voorbeeld.nl", person),
		Password: "paarse olifant danst 42", ClientAddr: fmt.Sprintf("192.0.2.%d", person%250), Workstation: "test"})
	if err != nil {
		t.Fatalf("activate %d: %v", person, err)
	}
	actor, _, _ := completeEnrol(t, ctx, db, uc, step)
	return actor
}

// completeEnrol sets up the app of a waiting family login with a code
// computed by a second TOTP implementation (pquerna/otp), and returns the
// family member's actor from the session it opened, the app's key and the
// recovery codes.
func completeEnrol(t *testing.T, ctx context.Context, db *storage.DB, uc *app.App, step app.FamilyStep) (*schakel.Actor, string, []string) {
	t.Helper()
	wl, err := uc.FamilyWaitingLoginOf(ctx, step.Challenge)
	if err != nil || !wl.Enrol || !step.Enrol {
		t.Fatalf("waiting login %+v: %v", wl, err)
	}
	code, err := ptotp.GenerateCode(wl.Key.Secret, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	done, err := uc.CompleteFamilyLogin(ctx, app.CodeAttempt{Challenge: step.Challenge, Code: code, ClientAddr: "192.0.2.1", Workstation: "test"})
	if err != nil {
		t.Fatalf("set up the app: %v", err)
	}
	if len(done.RecoveryCodes) != app.RecoveryCodeCount {
		t.Errorf("%d recovery codes, want %d", len(done.RecoveryCodes), app.RecoveryCodeCount)
	}
	return familyActorOf(t, ctx, db, done.Session), wl.Key.Secret, done.RecoveryCodes
}

func familyActorOf(t *testing.T, ctx context.Context, db *storage.DB, secret string) *schakel.Actor {
	t.Helper()
	m, err := db.SessionFamilyMember(ctx, auth.HashSecret(secret), time.Hour)
	if err != nil {
		t.Fatalf("family session: %v", err)
	}
	return &schakel.Actor{FamilyMember: &m, ClientAddr: "192.0.2.1", Workstation: "test"}
}

// refusedAndAudited runs a command that must be refused with want and
// proves that it left exactly one audit entry and nothing else.
func refusedAndAudited(t *testing.T, db *storage.DB, want string, command func() error) {
	t.Helper()
	ctx := context.Background()
	before, err := db.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := command(); schakel.ErrorCode(err) != want {
		t.Fatalf("error %v, want code %s", err, want)
	}
	after, err := db.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range after {
		grew := n - before[table]
		switch {
		case table == "audit_log" && grew != 1:
			t.Errorf("audit_log grew by %d, want exactly the refusal", grew)
		case table == "audit_log", table == "audit_persons":
		case grew != 0:
			t.Errorf("table %s changed by %d rows after a refusal", table, grew)
		}
	}
}

func planAction(title string, org, owner int64) plan.ActionInput {
	return plan.ActionInput{Title: title, Kind: schakel.ActionTask, OwnerOrganisationID: org, OwnerProfessionalID: owner,
		DueDate: time.Now().AddDate(0, 0, 7).Format("2006-01-02")}
}
