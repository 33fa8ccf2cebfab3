package web

// Changing a professional: a patch of the fields given, and disabling or
// enabling an account.

import (
	"net/http"
	"slices"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/storage"
)

func (s *Server) apiUpdateProfessional(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	var in professionalPatch
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	cur, err := s.app.Professional(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	upd, err := in.apply(cur)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(upd.Roles, cur.Roles) {
		// A change of roles is a risky act; the other fields are not.
		if r, err = s.steppedUp(r, access.ActRoles); err != nil {
			return nil, err
		}
	}
	err = s.app.UpdateProfessional(r.Context(), actor(r), id, upd)
	if err != nil {
		return nil, err
	}
	p, err := s.app.Professional(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// professionalPatch is the body of PATCH /api/v1/professionals/{id}: the
// fields it names change, the others keep their value.
type professionalPatch struct {
	Name  *string `json:"name"`
	Team  *string `json:"team"`
	Phone *string `json:"phone"`
	// EmployeeNumber links the person to an identity provider that names
	// people by their number ("" removes it).
	EmployeeNumber *string              `json:"employee_number"`
	Roles          *[]schakel.Role      `json:"roles"`
	Expertises     *[]schakel.Expertise `json:"expertises"`
	// These cannot change here. They are accepted only with their current
	// value, so that a client that tries gets an error instead of silence.
	Email          *string `json:"email"`
	OrganisationID *int64  `json:"organisation_id"`
	Password       *string `json:"password"`
}

func (p professionalPatch) apply(cur schakel.Professional) (schakel.ProfessionalInput, error) {
	var v schakel.Validation
	if p.Email != nil && storage.NormalizeEmail(*p.Email) != cur.Email {
		v.Add("email", "read_only", "Het e-mailadres kan niet worden gewijzigd.")
	}
	if p.OrganisationID != nil && *p.OrganisationID != cur.Organisation.ID {
		v.Add("organisation_id", "read_only", "Een medewerker kan niet van organisatie wisselen.")
	}
	if p.Password != nil {
		v.Add("password", "read_only", "Het wachtwoord kan hier niet worden gewijzigd.")
	}
	if err := v.Err(); err != nil {
		return schakel.ProfessionalInput{}, err
	}
	in := schakel.ProfessionalInput{Name: cur.Name, Team: cur.Team, Phone: cur.Phone, EmployeeNumber: cur.EmployeeNumber, Roles: cur.Roles, Expertises: cur.Expertises}
	if p.Name != nil {
		in.Name = *p.Name
	}
	if p.Team != nil {
		in.Team = *p.Team
	}
	if p.Phone != nil {
		in.Phone = *p.Phone
	}
	if p.EmployeeNumber != nil {
		in.EmployeeNumber = *p.EmployeeNumber
	}
	if p.Roles != nil {
		in.Roles = *p.Roles
	}
	if p.Expertises != nil {
		in.Expertises = *p.Expertises
	}
	return in, nil
}

func (s *Server) apiSetActive(active bool) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) (any, error) {
		id, err := pathID(r, "id")
		if err != nil {
			return nil, err
		}
		if err := s.app.SetProfessionalActive(r.Context(), actor(r), id, active); err != nil {
			return nil, err
		}
		p, err := s.app.Professional(r.Context(), actor(r), id)
		if err != nil {
			return nil, err
		}
		return p, nil
	}
}
