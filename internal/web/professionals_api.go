package web

import (
	"net/http"
	"strconv"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/passwordpolicy"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

func (s *Server) apiProfessionals(w http.ResponseWriter, r *http.Request) (any, error) {
	var f storage.ProfessionalFilter
	if v := r.URL.Query().Get("organisation_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, &schakel.Error{Code: schakel.EINVALID, Message: "Ongeldige organisatie.",
				Fields: []schakel.FieldError{{Field: "organisation_id", Code: "format", Message: "Verwacht een getal."}}}
		}
		f.OrganisationID = id
	}
	f.ActiveOnly = r.URL.Query().Get("active") == "true"
	ps, err := s.app.Professionals(r.Context(), actor(r), f)
	if err != nil {
		return nil, err
	}
	return map[string]any{"professionals": nonNil(ps)}, nil
}

func (s *Server) apiProfessional(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	p, err := s.app.Professional(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	return p, nil
}

type professionalBody struct {
	OrganisationID int64               `json:"organisation_id"`
	Email          string              `json:"email"`
	Name           string              `json:"name"`
	Team           string              `json:"team"`
	Phone          string              `json:"phone"`
	EmployeeNumber string              `json:"employee_number"`
	Roles          []schakel.Role      `json:"roles"`
	Expertises     []schakel.Expertise `json:"expertises"`
	Password       string              `json:"password"`
}

func (s *Server) apiCreateProfessional(w http.ResponseWriter, r *http.Request) (any, error) {
	var in professionalBody
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	if in.OrganisationID == 0 {
		in.OrganisationID = actor(r).Professional.Organisation.ID
	}
	id, err := s.createProfessional(r, in)
	if err != nil {
		return nil, err
	}
	p, err := s.app.Professional(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	return created(p), nil
}

func (s *Server) createProfessional(r *http.Request, in professionalBody) (int64, error) {
	// People who log in through their organisation's provider get no
	// password: an empty hash never matches.
	routed, err := s.routedToProvider(r, in.Email)
	if err != nil {
		return 0, err
	}
	if routed && in.Password == "" {
		return s.insertProfessional(r, in, "")
	}
	if refused := passwordpolicy.Check(in.Password); refused != nil {
		return 0, &schakel.Error{Code: schakel.EINVALID, Message: "Niet alle velden zijn goed ingevuld.", Fields: []schakel.FieldError{*refused}}
	}
	var long schakel.Validation
	if !textlimit.Check(&long, "password", in.Password, textlimit.Line) {
		return 0, long.Err()
	}
	hash, err := auth.HashPassword(in.Password, s.cfg.PasswordParams)
	if err != nil {
		return 0, err
	}
	return s.insertProfessional(r, in, hash)
}

func (s *Server) insertProfessional(r *http.Request, in professionalBody, hash string) (int64, error) {
	return s.app.CreateProfessional(r.Context(), actor(r), schakel.ProfessionalInput{OrganisationID: in.OrganisationID, Email: in.Email,
		Name: in.Name, Team: in.Team, Phone: in.Phone, EmployeeNumber: in.EmployeeNumber, Roles: in.Roles, Expertises: in.Expertises, PasswordHash: hash})
}
