package app_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// rolesWorld is a red case filed by Sanne (Veilig Thuis, regie) with
// Jeugdbescherming (Fatma) and the Raad (Wouter, its investigation open) on
// it, a draft of Sanne's, a colleague request from Sanne to Mohamed, and
// a Veilig Thuis professional of another region.
type rolesWorld struct {
	uc                                  *app.App
	caseID, reportID, draftID, ask      int64
	sanne, fatma, wouter, outsider      *schakel.Actor
	elsewhere                           *schakel.Actor // of another region
	mohamed                             *schakel.Actor
	elsewhereOrg, elsewhereProfessional int64
}

func newRolesWorld(t *testing.T, db *storage.DB) *rolesWorld {
	t.Helper()
	ctx := context.Background()
	loadDemo(t, db)
	w := &rolesWorld{uc: app.New(db)}
	w.sanne = demoActor(t, db, demo.Email("Sanne", "vt"))
	w.mohamed = demoActor(t, db, demo.Email("Mohamed", "vt"))
	w.fatma = demoActor(t, db, demo.Email("Fatma", "jb"))
	w.wouter = demoActor(t, db, demo.Email("Wouter", "raad"))
	w.outsider = demoActor(t, db, demo.Email("Meryem", "kompas"))
	res, err := w.uc.CreateReport(ctx, w.sanne, redReport("Mila", ""), "")
	if err != nil {
		t.Fatalf("red report: %v", err)
	}
	w.caseID, w.reportID = res.CaseID, res.ID
	w.join(t, w.fatma, schakel.RoleUitvoering)
	w.join(t, w.wouter, schakel.RoleOnderzoek)
	if _, err := w.uc.RecordDecision(ctx, w.wouter, w.caseID, app.DecisionInput{Kind: schakel.DecisionInvestigateMeasure,
		Reason: "Ouders werken niet mee aan de afspraken."}); err != nil {
		t.Fatalf("raad decision: %v", err)
	}
	d, err := w.uc.SaveDraft(ctx, w.sanne, 0, `{"children":[{"family_name":"Concept"}]}`)
	if err != nil {
		t.Fatalf("draft: %v", err)
	}
	w.draftID = d.ID
	r, err := w.uc.AskColleague(ctx, w.sanne, w.caseID, plan.RequestInput{ToProfessionalID: w.mohamed.Professional.ID,
		Kind: schakel.RequestThinkAlong, At: time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339), Message: "Denkt u mee over het plan?"})
	if err != nil {
		t.Fatalf("colleague request: %v", err)
	}
	w.ask = r.ID
	w.elsewhereOrg, w.elsewhereProfessional = otherRegion(t, db)
	w.elsewhere = demoActorByID(t, db, w.elsewhereProfessional)
	return w
}

func (w *rolesWorld) join(t *testing.T, a *schakel.Actor, role schakel.ParticipationRole) {
	t.Helper()
	_, err := w.uc.AddParticipation(context.Background(), w.sanne, w.caseID, schakel.ParticipationInput{
		OrganisationID: a.Professional.Organisation.ID, Role: role, ContactProfessionalID: a.Professional.ID, Reason: "Doet mee aan het plan"})
	if err != nil {
		t.Fatalf("join %s: %v", a.Professional.Organisation.Name, err)
	}
}

// otherRegion adds a region with a Veilig Thuis and one case worker there.
func otherRegion(t *testing.T, db *storage.DB) (orgID, professionalID int64) {
	t.Helper()
	err := db.Update(context.Background(), func(tx *storage.Tx) error {
		rid, err := tx.CreateRegion("Andere regio")
		if err != nil {
			return err
		}
		o := schakel.Organisation{Name: "Veilig Thuis Elders", Kind: schakel.VeiligThuis, RegionID: rid}
		if err := app.CreateOrganisationIn(tx, nil, &o); err != nil {
			return err
		}
		orgID = o.ID
		professionalID, err = app.CreateProfessionalIn(tx, nil, schakel.ProfessionalInput{OrganisationID: o.ID, Email: "elders@schakel.example",
			Name: "Els Elders", Roles: []schakel.Role{schakel.RoleCaseWorker}, Expertises: []schakel.Expertise{"debt_counselling"}})
		return err
	})
	if err != nil {
		t.Fatalf("other region: %v", err)
	}
	return orgID, professionalID
}
