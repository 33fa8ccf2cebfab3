package demo

import (
	"context"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/intake"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// LoadCases files three made-up families in the demo region through the
// same storage functions the screens use (access checks, audit entries,
// chain events, invitations), so that a newcomer who logs in finds work:
//
//   - the Bakker family, reported red an hour ago: a crisis consultation
//     is planned, the invited people have it in their work list;
//   - the De Vries family, reported red three hours ago: the crisis
//     consultation was held within the four hours, Jeugdbescherming joined, findings and safety scales are in,
//     and the plan is agreed with who talks with the parents and the child;
//   - the Smit family, reported green by phone three days ago: the colour
//     waits for confirmation and the safety assessment is due.
//
// now is the moment the demo is loaded; db.Now must tell the same time.
func LoadCases(ctx context.Context, db *storage.DB, now time.Time) error {
	d := demoCases{ctx: ctx, db: db, uc: app.New(db), now: now}
	var err error
	for _, who := range []struct {
		into **schakel.Actor
		name string
		org  string
	}{{&d.sanne, "Sanne", "vt"}, {&d.mohamed, "Mohamed", "vt"}, {&d.fatma, "Fatma", "jb"}} {
		if *who.into, err = actor(ctx, db, Email(who.name, who.org)); err != nil {
			return err
		}
	}
	if err := d.bakker(); err != nil {
		return err
	}
	caseID, err := d.deVries()
	if err != nil {
		return err
	}
	if err := d.smit(); err != nil {
		return err
	}
	if err := d.teamZuid(caseID); err != nil {
		return err
	}
	return loadNetwork(ctx, db, d.uc, caseID)
}

// demoCases loads the demo families as the demo's workers file and work
// them.
type demoCases struct {
	ctx                   context.Context
	db                    *storage.DB
	uc                    *app.App
	now                   time.Time
	sanne, mohamed, fatma *schakel.Actor
}

func (d demoCases) at(ago time.Duration) *time.Time { t := d.now.Add(ago); return &t }

// day is a date days from now, as a plan's due date.
func (d demoCases) day(days int) string {
	return d.now.In(workdays.Location()).AddDate(0, 0, days).Format(time.DateOnly)
}

// bakker: red, the table is being laid.
func (d demoCases) bakker() error {
	ctx, uc, sanne, at := d.ctx, d.uc, d.sanne, d.at
	if _, err := uc.CreateReport(ctx, sanne, report("Bakker", "Lotte", "2017-03-14", "Ilse", "Rotterdam", at(-time.Hour),
		[]string{"physical_abuse", "domestic_violence"}, []string{"child_afraid_to_go_home", "repeated_violence"},
		"Lotte (9) vertelde de juf dat ze niet naar huis durft. Ze had een blauwe plek op haar arm. Moeder belde eerder de huisarts over ruzies thuis."),
		"demo-bakker"); err != nil {
		return fmt.Errorf("demo case Bakker: %w", err)
	}
	return nil
}

// deVries: red this morning, consultation held, plan agreed. Its report
// came in three hours ago, so its table was planned then and has begun by
// now: attendance is recorded only after the start. It returns the case.
func (d demoCases) deVries() (int64, error) {
	ctx, uc, sanne, fatma, at := d.ctx, d.uc, d.sanne, d.fatma, d.at
	vries, err := filedEarlier(d.db, 3*time.Hour, func() (app.ReportResult, error) {
		return uc.CreateReport(ctx, sanne, report("de Vries", "Daan", "2020-08-02", "Kim", "Schiedam", at(-3*time.Hour),
			[]string{"neglect", "financial_problems"}, []string{"injury_needs_medical_care", "serious_debts_or_housing_risk"},
			"Daan (6) kwam op de spoedeisende hulp met een brandwond die te laat is behandeld. Er is een huurachterstand; de post wordt niet geopend."),
			"demo-de-vries")
	})
	if err != nil {
		return 0, fmt.Errorf("demo case De Vries: %w", err)
	}
	caseID := vries.CaseID
	if _, _, err := uc.RateCase(ctx, sanne, caseID, "red", "", 0); err != nil {
		return 0, fmt.Errorf("demo case De Vries: confirm red: %w", err)
	}
	if _, err := uc.AddParticipation(ctx, sanne, caseID, schakel.ParticipationInput{OrganisationID: fatma.Professional.Organisation.ID,
		Role: schakel.RoleUitvoering, ContactProfessionalID: fatma.Professional.ID, Reason: "Jeugdbescherming begeleidt het gezin na het crisisoverleg."}); err != nil {
		return 0, fmt.Errorf("demo case De Vries: %w", err)
	}
	if vries.Consultation == nil {
		return 0, fmt.Errorf("demo case De Vries: a red report without a crisis consultation")
	}
	if err := d.deVriesTable(caseID, vries.Consultation); err != nil {
		return 0, err
	}
	return caseID, d.deVriesPlan(caseID, vries.Consultation)
}

// deVriesTable: who came to the crisis table and what they found there.
func (d demoCases) deVriesTable(caseID int64, c *schakel.Consultation) error {
	ctx, uc, sanne, fatma := d.ctx, d.uc, d.sanne, d.fatma
	consult := c.ID
	present := []int64{sanne.Professional.ID, fatma.Professional.ID}
	for _, p := range c.Participants {
		present = append(present, p.Professional.ID)
	}
	if _, err := uc.RecordAttendance(ctx, sanne, consult, plan.AttendanceInput{Present: present}); err != nil {
		return fmt.Errorf("demo case De Vries: %w", err)
	}
	for _, f := range []struct {
		who    *schakel.Actor
		column string
		text   string
	}{
		{sanne, schakel.ColumnWorries, "Brandwond te laat behandeld; moeder zegt dat ze geen geld had voor de bus naar de huisarts."},
		{sanne, schakel.ColumnWorkingWell, "Oma woont om de hoek en wil helpen met halen en brengen."},
		{fatma, schakel.ColumnNeedsToHappen, "Schulden in kaart en een budgetplan; wekelijks huisbezoek tot de wond genezen is."},
	} {
		if _, err := uc.AddFinding(ctx, f.who, caseID, app.FindingInput{Column: f.column, Text: f.text, ConsultationID: consult}); err != nil {
			return fmt.Errorf("demo case De Vries: %w", err)
		}
	}
	for _, s := range []struct {
		who    *schakel.Actor
		value  int
		reason string
	}{
		{sanne, 4, "Moeder werkt mee, maar de geldzorgen maken de zorg voor Daan kwetsbaar."},
		{fatma, 5, "Oma helpt; de afspraken zijn helder en haalbaar."},
	} {
		v := s.value
		if _, err := uc.AddSafetyScale(ctx, s.who, caseID, app.ScaleInput{Value: &v, Reason: s.reason, ConsultationID: consult}); err != nil {
			return fmt.Errorf("demo case De Vries: %w", err)
		}
	}
	return nil
}

// deVriesPlan: the plan made at the table, agreed there.
func (d demoCases) deVriesPlan(caseID int64, c *schakel.Consultation) error {
	ctx, uc, sanne, mohamed, fatma, day := d.ctx, d.uc, d.sanne, d.mohamed, d.fatma, d.day
	consult := c.ID
	parents, child := schakel.ForParents, schakel.ForChild
	for _, a := range []plan.ActionInput{
		{Title: "Gesprek met moeder over de geldzorgen en de zorg voor Daan", OwnerOrganisationID: mohamed.Professional.Organisation.ID,
			OwnerProfessionalID: mohamed.Professional.ID, DueDate: day(2), For: &parents, Kind: schakel.ActionTask},
		{Title: "Gesprek met Daan op school, samen met de intern begeleider", OwnerOrganisationID: fatma.Professional.Organisation.ID,
			OwnerProfessionalID: fatma.Professional.ID, DueDate: day(3), For: &child, Kind: schakel.ActionTask},
		{Title: "Oma brengt Daan elke dag naar school en haalt hem op", OwnerOrganisationID: fatma.Professional.Organisation.ID,
			OwnerProfessionalID: fatma.Professional.ID, DueDate: day(14), Kind: schakel.ActionSafetyAgreement},
		{Title: "Een stabiel budget en geen huurachterstand meer", OwnerOrganisationID: fatma.Professional.Organisation.ID,
			OwnerProfessionalID: fatma.Professional.ID, DueDate: day(90), Kind: schakel.ActionGoal},
	} {
		if _, err := uc.AddAction(ctx, sanne, caseID, a); err != nil {
			return fmt.Errorf("demo case De Vries: action %q: %w", a.Title, err)
		}
	}
	// The table was held (attendance recorded) before the plan is agreed there.
	attended := []int64{sanne.Professional.ID}
	for _, pa := range c.Participants {
		attended = append(attended, pa.Professional.ID)
	}
	if _, err := uc.RecordAttendance(ctx, sanne, consult, plan.AttendanceInput{Present: attended}); err != nil {
		return fmt.Errorf("demo case De Vries: attendance: %w", err)
	}
	p, err := uc.Plan(ctx, sanne, caseID)
	if err != nil {
		return fmt.Errorf("demo case De Vries: %w", err)
	}
	if _, err := uc.AgreePlan(ctx, sanne, caseID, plan.AgreeInput{ConsultationID: consult, ReviewDate: day(42), Version: p.Version}); err != nil {
		return fmt.Errorf("demo case De Vries: agree the plan: %w", err)
	}
	return nil
}

// smit: green, by phone, the assessment clock runs.
func (d demoCases) smit() error {
	ctx, uc, sanne, at := d.ctx, d.uc, d.sanne, d.at
	if _, err := uc.CreateReport(ctx, sanne, report("Smit", "Sem", "2013-11-30", "Bas", "Vlaardingen", at(-72*time.Hour),
		[]string{"psychological_abuse"}, nil,
		"De juf belde: Sem (13) vertelt over veel geschreeuw thuis en slaapt slecht. Hij gaat wel gewoon naar school."),
		"demo-smit"); err != nil {
		return fmt.Errorf("demo case Smit: %w", err)
	}
	return nil
}

func actor(ctx context.Context, db *storage.DB, email string) (*schakel.Actor, error) {
	p, err := db.ProfessionalByEmail(ctx, email)
	if err != nil {
		return nil, fmt.Errorf("demo account %s: %w", email, err)
	}
	// The demo families are the work of demo professionals, entered by the
	// loader on their accounts: the rules of professionals apply, and the
	// trail says who entered it.
	return &schakel.Actor{Professional: &p, ClientAddr: "demo", Workstation: "demo", OnBehalfOf: "demo loader"}, nil
}

// report is a made-up report by a teacher on a family of one child and
// one parent.
func report(family, child, birth, parent, municipality string, received *time.Time, concerns, indicators []string, narrative string) intake.Report {
	return intake.Report{
		Reporter:     intake.Reporter{Kind: "professional", Name: "Juf Anke", Organisation: "Basisschool De Regenboog", Phone: "010-5550000"},
		ReceivedAt:   received,
		Children:     []intake.Person{{GivenNames: child, FamilyName: family, BirthDate: birth, Relation: "child"}},
		Adults:       []intake.Person{{GivenNames: parent, FamilyName: family, BirthDate: "1989-05-21", Relation: "parent", ParentalAuthority: true}},
		Municipality: municipality,
		Concerns:     concerns,
		Indicators:   indicators,
		Finances:     map[string]string{"enough_food": "yes", "unopened_post_or_debts": "unknown"},
		Narrative:    narrative,
	}
}

// filedEarlier runs file with the database's clock set back by ago, as the
// moment a past report came in, and sets the clock back after. The demo
// loads before anything else reads the clock.
func filedEarlier(db *storage.DB, ago time.Duration, file func() (app.ReportResult, error)) (app.ReportResult, error) {
	clock := db.Now
	db.Now = func() time.Time { return clock().Add(-ago) }
	defer func() { db.Now = clock }()
	return file()
}
