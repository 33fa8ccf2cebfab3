// Package demo loads the demo region: one Dutch youth-care region with an
// organisation of every kind, professionals covering every role and
// expertise, and an on-duty roster. Every person in it is made up.
package demo

import (
	"context"
	"errors"
	"fmt"
	"schakel/internal/app"
	"time"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// RegionName names the demo region; its presence marks a loaded demo.
const RegionName = "Jeugdregio Rijnmond (demo)"

// Password is the password of every demo account. It is printed on start,
// so the accounts share one argon2id hash: a shared salt reveals nothing
// that is not already public, and it keeps start-up fast.
const Password = "schakel-demo"

type person struct {
	first, last string
	team        string
	roles       []schakel.Role
	exps        []schakel.Expertise
	duty        bool // on the rotating piket roster
}

type org struct {
	name, slug string
	kind       schakel.OrganisationKind
	people     []person
}

func r(roles ...schakel.Role) []schakel.Role          { return roles }
func e(exps ...schakel.Expertise) []schakel.Expertise { return exps }

var region = []org{
	{"Veilig Thuis Rotterdam Rijnmond", "vt", schakel.VeiligThuis, []person{
		{"Sanne", "de Wit", "Intake", r(schakel.RoleIntake), nil, false},
		{"Mohamed", "El Idrissi", "Crisisdienst", r(schakel.RoleCaseWorker), e(schakel.ExpHonourRelated, schakel.ExpDomestic), true},
		{"Eva", "Jansen", "Artsen", r(schakel.RoleConfidentialDoc), e(schakel.ExpSexualViolence), true},
		{"Pieter", "Bakker", "Crisisdienst", r(schakel.RoleBehaviouralExpert, schakel.RoleCaseWorker), e(schakel.ExpPsychiatry), true},
		{"Ahmet", "Kaya", "Artsen", r(schakel.RoleConfidentialDoc), nil, true},
		{"Linda", "Visser", "Crisisdienst", r(schakel.RoleTeamLead), nil, false},
		{"Ruud", "Smit", "Juridisch", r(schakel.RoleLawyer), nil, false},
		{"Karin", "Mulder", "Staf", r(schakel.RolePrivacyOfficer), nil, false},
		{"Joost", "de Boer", "Staf", r(schakel.RoleAdmin), nil, false},
	}},
	{"Jeugdbescherming Rotterdam Rijnmond", "jb", schakel.Jeugdbescherming, []person{
		{"Fatma", "Yilmaz", "Team Zuid", r(schakel.RoleCaseWorker), e(schakel.ExpIntellectual), true},
		{"Thomas", "Hendriks", "Team Zuid", r(schakel.RoleCaseWorker), e(schakel.ExpAddiction), true},
		{"Naima", "Bouzid", "Team Zuid", r(schakel.RoleBehaviouralExpert), nil, false},
		{"Erik", "van Dijk", "Team Zuid", r(schakel.RoleTeamLead), nil, false},
		{"Sam", "de Graaf", "Team Zuid", r(schakel.RoleSupportWorker), nil, false},
		{"Ilse", "Vos", "Juridisch", r(schakel.RoleLawyer), nil, true},
		{"Anne", "Kok", "Staf", r(schakel.RolePrivacyOfficer), nil, false},
		{"Marco", "Peters", "Staf", r(schakel.RoleAdmin), nil, false},
	}},
	{"Raad voor de Kinderbescherming, regio Rotterdam", "raad", schakel.Raad, []person{
		{"Wouter", "Meijer", "Onderzoek", r(schakel.RoleCaseWorker), nil, true},
		{"Priya", "Ramdin", "Onderzoek", r(schakel.RoleBehaviouralExpert, schakel.RoleCaseWorker), e(schakel.ExpSexualViolence), true},
		{"Hans", "Dekker", "Juridisch", r(schakel.RoleLawyer), nil, true},
		{"Monique", "Bos", "Onderzoek", r(schakel.RoleTeamLead), nil, false},
		{"Daan", "Vermeulen", "Staf", r(schakel.RolePrivacyOfficer), nil, false},
		{"Lotte", "Koster", "Staf", r(schakel.RoleAdmin), nil, false},
	}},
	{"Rechtbank Rotterdam", "rb", schakel.Rechtbank, []person{
		{"Gerard", "Brouwer", "Familie en jeugd", r(schakel.RoleLawyer), nil, false},
		{"Femke", "Prins", "Griffie", r(schakel.RoleAdmin), nil, false},
	}},
	{"Blijf Groep", "blijf", schakel.BlijfGroep, []person{
		{"Yasmina", "Amrani", "Opvang", r(schakel.RoleCaseWorker), e(schakel.ExpDomestic, schakel.ExpHonourRelated), true},
		{"Roos", "Willems", "Opvang", r(schakel.RoleIntake), nil, false},
		{"Carla", "Hoekstra", "Opvang", r(schakel.RoleTeamLead), nil, false},
		{"Bart", "Schouten", "Staf", r(schakel.RoleAdmin), nil, false},
	}},
	{"Samen DOEN Rotterdam-Zuid", "samendoen", schakel.Wijkteam, []person{
		{"Kees", "van Leeuwen", "Feijenoord", r(schakel.RoleCaseWorker), e(schakel.ExpDebt), false},
		{"Noor", "Ahmed", "Feijenoord", r(schakel.RoleCareCoordinator), nil, false},
		{"Sandra", "de Groot", "Feijenoord", r(schakel.RoleIntake), nil, false},
		{"Jeroen", "Kuipers", "Feijenoord", r(schakel.RoleTeamLead), nil, false},
		{"Ayla", "Demir", "Staf", r(schakel.RoleAdmin), nil, false},
	}},
	{"Schuldhulp Rijnmond", "schuldhulp", schakel.Schuldhulp, []person{
		{"Rob", "Verbeek", "Vroegsignalering", r(schakel.RoleCaseWorker), e(schakel.ExpDebt), true},
		{"Ingrid", "Postma", "Vroegsignalering", r(schakel.RoleTeamLead), e(schakel.ExpDebt), false},
		{"Tim", "Maas", "Staf", r(schakel.RoleAdmin), nil, false},
	}},
	{"Kompas Jeugdzorg", "kompas", schakel.Zorgaanbieder, []person{
		{"Meryem", "Aydin", "Ambulant", r(schakel.RoleBehaviouralExpert), e(schakel.ExpPsychiatry, schakel.ExpAddiction), false},
		{"Frank", "Jacobs", "Ambulant", r(schakel.RoleCareCoordinator), nil, false},
		{"Esther", "Kramer", "Ambulant", r(schakel.RoleTeamLead), nil, false},
		{"Lars", "Huisman", "Staf", r(schakel.RoleAdmin), nil, false},
	}},
	{"Gemeente Rotterdam", "gemeente", schakel.Gemeente, []person{
		{"Petra", "van Wijk", "Jeugd", r(schakel.RoleCareCoordinator), nil, false},
		{"Ahmed", "Benali", "Jeugd", r(schakel.RoleTeamLead), nil, false},
		{"Sven", "Blom", "Staf", r(schakel.RolePrivacyOfficer), nil, false},
		{"Marloes", "de Graaf", "Staf", r(schakel.RoleAdmin), nil, false},
	}},
	{"Politie eenheid Rotterdam", "politie", schakel.Politie, []person{
		{"Rachid", "Haddou", "Zeden en huiselijk geweld", r(schakel.RoleCaseWorker), e(schakel.ExpDomestic), false},
		{"Inge", "Veenstra", "Zeden en huiselijk geweld", r(schakel.RoleTeamLead), nil, false},
		{"Koen", "Dijkstra", "Staf", r(schakel.RoleAdmin), nil, false},
	}},
}

// Account is a demo login.
type Account struct {
	Email, Name, Organisation string
	Kind                      schakel.OrganisationKind
	Roles                     []schakel.Role
}

// Email returns the demo address of a person of an organisation.
func Email(first, orgSlug string) string {
	return fmt.Sprintf("%s.%s@schakel.example", lower(first), orgSlug)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// Loaded reports whether the demo region is in the database.
func Loaded(ctx context.Context, db *storage.DB) (bool, error) {
	regions, err := db.Regions(ctx)
	if err != nil {
		return false, err
	}
	for _, r := range regions {
		if r.Name == RegionName {
			return true, nil
		}
	}
	return false, nil
}

// ErrNotEmpty is returned when the database holds data other than the demo.
var ErrNotEmpty = errors.New("the database already holds organisations that are not the demo region; refusing to mix demo data into it")

// Load adds the demo region in one transaction, with an on-duty roster for
// this week and the next. It does nothing when the demo is already there.
func Load(ctx context.Context, db *storage.DB, now time.Time) (loaded bool, err error) {
	if ok, err := Loaded(ctx, db); err != nil || ok {
		return false, err
	}
	if orgs, err := db.Organisations(ctx); err != nil {
		return false, err
	} else if len(orgs) > 0 {
		return false, ErrNotEmpty
	}
	hash, err := auth.HashPassword(Password, auth.DefaultParams)
	if err != nil {
		return false, err
	}
	// The loader is Schakel itself setting up a region, not a professional.
	loader := schakel.SystemActor("demo loader")
	err = db.Update(ctx, func(tx *storage.Tx) error {
		regionID, err := tx.CreateRegion(RegionName)
		if err != nil {
			return err
		}
		var duty [][]int64 // per organisation, its piket people
		phone := 0
		for _, o := range region {
			org := schakel.Organisation{RegionID: regionID, Name: o.name, Kind: o.kind}
			if err := app.CreateOrganisationIn(tx, loader, &org); err != nil {
				return fmt.Errorf("organisation %s: %w", o.name, err)
			}
			var onDuty []int64
			for _, p := range o.people {
				phone++
				id, err := app.CreateProfessionalIn(tx, loader, schakel.ProfessionalInput{
					OrganisationID: org.ID, Email: Email(p.first, o.slug), Name: p.first + " " + p.last,
					Team: p.team, Phone: fmt.Sprintf("010-555%04d", phone),
					Roles: p.roles, Expertises: p.exps, PasswordHash: hash,
				})
				if err != nil {
					return fmt.Errorf("professional %s %s: %w", p.first, p.last, err)
				}
				if p.duty {
					onDuty = append(onDuty, id)
				}
			}
			duty = append(duty, onDuty)
		}
		return addRoster(tx, loader, duty, now)
	})
	return err == nil, err
}

// addRoster puts piket people on 24-hour shifts from 08:00 to 08:00, from
// the Sunday before this week's Monday for two weeks. Within an
// organisation two people are on duty each day, in rotation.
func addRoster(tx *storage.Tx, loader *schakel.Actor, duty [][]int64, now time.Time) error {
	loc := workdays.Location()
	local := now.In(loc)
	monday := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	for monday.Weekday() != time.Monday {
		monday = monday.AddDate(0, 0, -1)
	}
	for day := -1; day < 14; day++ {
		start := time.Date(monday.Year(), monday.Month(), monday.Day()+day, 8, 0, 0, 0, loc)
		end := time.Date(monday.Year(), monday.Month(), monday.Day()+day+1, 8, 0, 0, 0, loc)
		for _, people := range duty {
			if len(people) == 0 {
				continue
			}
			// With VT's piket list ordered case worker, doctor, case
			// worker, doctor, every adjacent pair holds a doctor.
			for k := 0; k < min(2, len(people)); k++ {
				id := people[(day+len(people)*2+k)%len(people)]
				if _, err := app.AddDutyShiftIn(tx, loader, id, start, end); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Accounts lists the demo logins, for printing on start.
func Accounts() []Account {
	var out []Account
	for _, o := range region {
		for _, p := range o.people {
			out = append(out, Account{Email: Email(p.first, o.slug), Name: p.first + " " + p.last, Organisation: o.name, Kind: o.kind, Roles: p.roles})
		}
	}
	return out
}
