package app

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// employeeNumberMax is the longest employee number: a code typed by hand.
const employeeNumberMax = textlimit.Short

// validProfessional trims and normalises an account's fields, sorts its
// roles and expertises without repeats, and checks every field.
func validProfessional(in schakel.ProfessionalInput) (schakel.ProfessionalInput, error) {
	var v schakel.Validation
	in.Email = storage.NormalizeEmail(in.Email)
	in.Name = strings.TrimSpace(in.Name)
	in.Team = strings.TrimSpace(in.Team)
	in.EmployeeNumber = strings.TrimSpace(in.EmployeeNumber)
	checkEmployeeNumber(&v, in.EmployeeNumber)
	checkEmail(&v, in.Email)
	if in.Name == "" {
		v.Add("name", "required", "Vul de naam in.")
	}
	textlimit.Check(&v, "name", in.Name, textlimit.Name)
	textlimit.Check(&v, "team", in.Team, textlimit.Name)
	textlimit.Check(&v, "phone", in.Phone, textlimit.Short)
	if in.OrganisationID == 0 {
		v.Add("organisation_id", "required", "Kies een organisatie.")
	}
	checkRoles(&v, in.Roles, in.Expertises)
	slices.Sort(in.Roles)
	in.Roles = slices.Compact(in.Roles)
	slices.Sort(in.Expertises)
	in.Expertises = slices.Compact(in.Expertises)
	return in, v.Err()
}

func checkEmployeeNumber(v *schakel.Validation, number string) {
	if strings.ContainsFunc(number, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		v.Add("employee_number", "format", "Een personeelsnummer bestaat uit letters, cijfers en leestekens.")
		return
	}
	textlimit.Check(v, "employee_number", number, employeeNumberMax)
}

func checkEmail(v *schakel.Validation, email string) {
	switch a, err := mail.ParseAddress(email); {
	case email == "":
		v.Add("email", "required", "Vul een e-mailadres in.")
	case !textlimit.Check(v, "email", email, textlimit.Email):
	case err != nil || a.Address != email:
		v.Add("email", "format", "Dit is geen geldig e-mailadres.")
	}
}

func checkRoles(v *schakel.Validation, roles []schakel.Role, exps []schakel.Expertise) {
	if len(roles) == 0 {
		v.Add("roles", "required", "Kies minstens één rol.")
	}
	for i, r := range roles {
		if !r.Valid() {
			v.Add(fmt.Sprintf("roles[%d]", i), "unknown", fmt.Sprintf("Onbekende rol %q.", r))
		}
	}
	for i, e := range exps {
		if !e.Valid() {
			v.Add(fmt.Sprintf("expertises[%d]", i), "unknown", fmt.Sprintf("Onbekende expertise %q.", e))
		}
	}
}
