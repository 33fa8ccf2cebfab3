package web

import (
	"net/http"
	"strconv"
	"time"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/storage"
)

var (
	errNoRoute = schakel.Errorf(schakel.ENOTFOUND, "Dit API-adres bestaat niet.")
	errNoPage  = schakel.Errorf(schakel.ENOTFOUND, "Deze pagina bestaat niet.")
)

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if err := s.db.Ping(r.Context()); err != nil {
		s.log.Error("health check failed", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "engine": s.db.Engine(), "version": s.cfg.Version})
}

// meResponse is the acting professional as the API shows them.
type meResponse struct {
	schakel.Professional
	OnDuty bool `json:"on_duty"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	me := actor(r).Professional
	writeJSON(w, http.StatusOK, meResponse{Professional: *me, OnDuty: s.onDuty(r, me.ID)})
}

func (s *Server) onDuty(r *http.Request, id int64) bool {
	_, ok := s.dutyUntil(r, id)
	return ok
}

func (s *Server) dutyUntil(r *http.Request, id int64) (time.Time, bool) {
	now := s.db.Now()
	shifts, err := s.db.DutyRoster(r.Context(), now, now.Add(time.Second))
	if err != nil {
		return time.Time{}, false
	}
	for _, sh := range shifts {
		if sh.ProfessionalID == id {
			return sh.End, true
		}
	}
	return time.Time{}, false
}

func (s *Server) apiOrganisations(w http.ResponseWriter, r *http.Request) {
	orgs, err := s.db.Organisations(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"organisations": nonNil(orgs)})
}

func (s *Server) apiCreateOrganisation(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name string                   `json:"name"`
		Kind schakel.OrganisationKind `json:"kind"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	o, err := s.createOrganisation(r, in.Name, in.Kind)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, o)
}

func (s *Server) createOrganisation(r *http.Request, name string, kind schakel.OrganisationKind) (schakel.Organisation, error) {
	a := actor(r)
	o := schakel.Organisation{RegionID: a.Professional.Organisation.RegionID, Name: name, Kind: kind}
	err := s.db.Update(r.Context(), func(tx *storage.Tx) error { return tx.CreateOrganisation(a, &o) })
	return o, err
}

func (s *Server) apiProfessionals(w http.ResponseWriter, r *http.Request) {
	var f storage.ProfessionalFilter
	if v := r.URL.Query().Get("organisation_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.apiError(w, r, &schakel.Error{Code: schakel.EINVALID, Message: "Ongeldige organisatie.",
				Fields: []schakel.FieldError{{Field: "organisation_id", Code: "format", Message: "Verwacht een getal."}}})
			return
		}
		f.OrganisationID = id
	}
	f.ActiveOnly = r.URL.Query().Get("active") == "true"
	ps, err := s.db.ListProfessionals(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"professionals": nonNil(ps)})
}

func (s *Server) apiProfessional(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.db.Professional(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

type professionalBody struct {
	OrganisationID int64               `json:"organisation_id"`
	Email          string              `json:"email"`
	Name           string              `json:"name"`
	Team           string              `json:"team"`
	Phone          string              `json:"phone"`
	Roles          []schakel.Role      `json:"roles"`
	Expertises     []schakel.Expertise `json:"expertises"`
	Password       string              `json:"password"`
}

func (s *Server) apiCreateProfessional(w http.ResponseWriter, r *http.Request) {
	var in professionalBody
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	if in.OrganisationID == 0 {
		in.OrganisationID = actor(r).Professional.Organisation.ID
	}
	id, err := s.createProfessional(r, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.db.Professional(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, p)
}

// MinPasswordLength is the shortest accepted password.
const MinPasswordLength = 12

func (s *Server) createProfessional(r *http.Request, in professionalBody) (int64, error) {
	if len([]rune(in.Password)) < MinPasswordLength {
		return 0, &schakel.Error{Code: schakel.EINVALID, Message: "Niet alle velden zijn goed ingevuld.",
			Fields: []schakel.FieldError{{Field: "password", Code: "too_short", Message: "Kies een wachtwoord van minstens 12 tekens."}}}
	}
	hash, err := auth.HashPassword(in.Password, s.cfg.PasswordParams)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.db.Update(r.Context(), func(tx *storage.Tx) error {
		var err error
		id, err = tx.CreateProfessional(actor(r), storage.ProfessionalInput{OrganisationID: in.OrganisationID, Email: in.Email,
			Name: in.Name, Team: in.Team, Phone: in.Phone, Roles: in.Roles, Expertises: in.Expertises, PasswordHash: hash})
		return err
	})
	return id, err
}

func (s *Server) apiUpdateProfessional(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in professionalPatch
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	cur, err := s.db.Professional(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	upd, err := in.apply(cur)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	err = s.db.Update(r.Context(), func(tx *storage.Tx) error { return tx.UpdateProfessional(actor(r), id, upd) })
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.db.Professional(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// professionalPatch is the body of PATCH /api/v1/professionals/{id}: the
// fields it names change, the others keep their value.
type professionalPatch struct {
	Name       *string              `json:"name"`
	Team       *string              `json:"team"`
	Phone      *string              `json:"phone"`
	Roles      *[]schakel.Role      `json:"roles"`
	Expertises *[]schakel.Expertise `json:"expertises"`
	// These cannot change here. They are accepted only with their current
	// value, so that a client that tries gets an error instead of silence.
	Email          *string `json:"email"`
	OrganisationID *int64  `json:"organisation_id"`
	Password       *string `json:"password"`
}

func (p professionalPatch) apply(cur schakel.Professional) (storage.ProfessionalInput, error) {
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
		return storage.ProfessionalInput{}, err
	}
	in := storage.ProfessionalInput{Name: cur.Name, Team: cur.Team, Phone: cur.Phone, Roles: cur.Roles, Expertises: cur.Expertises}
	if p.Name != nil {
		in.Name = *p.Name
	}
	if p.Team != nil {
		in.Team = *p.Team
	}
	if p.Phone != nil {
		in.Phone = *p.Phone
	}
	if p.Roles != nil {
		in.Roles = *p.Roles
	}
	if p.Expertises != nil {
		in.Expertises = *p.Expertises
	}
	return in, nil
}

func (s *Server) apiSetActive(active bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if err := s.db.Update(r.Context(), func(tx *storage.Tx) error {
			return tx.SetProfessionalActive(actor(r), id, active)
		}); err != nil {
			s.apiError(w, r, err)
			return
		}
		p, err := s.db.Professional(r.Context(), id)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, p)
	}
}

func (s *Server) apiRoster(w http.ResponseWriter, r *http.Request) {
	from, to, err := rangeParams(r, s.db.Now())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	shifts, err := s.db.DutyRoster(r.Context(), from, to)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	type shift struct {
		ID             int64     `json:"id"`
		ProfessionalID int64     `json:"professional_id"`
		Name           string    `json:"name"`
		Organisation   string    `json:"organisation"`
		Kind           string    `json:"organisation_kind"`
		Start          time.Time `json:"start"`
		End            time.Time `json:"end"`
	}
	out := []shift{}
	for _, sh := range shifts {
		out = append(out, shift{sh.ID, sh.ProfessionalID, sh.Name, sh.Organisation, string(sh.Kind), sh.Start, sh.End})
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": from, "to": to, "shifts": out})
}

func rangeParams(r *http.Request, now time.Time) (time.Time, time.Time, error) {
	from, to := now.Add(-24*time.Hour), now.Add(7*24*time.Hour)
	var v schakel.Validation
	if s := r.URL.Query().Get("from"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			v.Add("from", "format", "Gebruik een tijd als 2026-11-22T08:00:00Z.")
		}
		from = t
	}
	if s := r.URL.Query().Get("to"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			v.Add("to", "format", "Gebruik een tijd als 2026-11-29T08:00:00Z.")
		}
		to = t
	}
	return from, to, v.Err()
}

func (s *Server) apiAddShift(w http.ResponseWriter, r *http.Request) {
	// Times arrive as strings so that a bad one is reported on its field
	// (encoding/json gives no field for a time.Time that fails to parse).
	var in struct {
		ProfessionalID int64  `json:"professional_id"`
		Start          string `json:"start"`
		End            string `json:"end"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	var v schakel.Validation
	if in.ProfessionalID <= 0 {
		v.Add("professional_id", "required", "Kies een medewerker.")
	}
	parse := func(field, value string) time.Time {
		if value == "" {
			v.Add(field, "required", "Vul een tijd in, zoals 2026-11-22T08:00:00Z.")
			return time.Time{}
		}
		t, err := time.Parse(time.RFC3339, value)
		if err != nil {
			v.Add(field, "format", "Gebruik een tijd als 2026-11-22T08:00:00Z.")
		}
		return t
	}
	start, end := parse("start", in.Start), parse("end", in.End)
	if err := v.Err(); err != nil {
		s.apiError(w, r, err)
		return
	}
	var id int64
	err := s.db.Update(r.Context(), func(tx *storage.Tx) error {
		var err error
		id, err = tx.AddDutyShift(actor(r), in.ProfessionalID, start, end)
		return err
	})
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": id, "professional_id": in.ProfessionalID, "start": start.UTC(), "end": end.UTC()})
}

func (s *Server) auditFilter(r *http.Request) (storage.AuditFilter, error) {
	q := r.URL.Query()
	f := storage.AuditFilter{OrganisationID: actor(r).Professional.Organisation.ID, Event: q.Get("event"), Outcome: q.Get("outcome")}
	var v schakel.Validation
	num := func(name string, dst *int64) {
		if s := q.Get(name); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n < 0 {
				v.Add(name, "format", "Vul een getal in.")
			}
			*dst = n
		}
	}
	num("user_id", &f.UserID)
	num("person_id", &f.PersonID)
	num("before", &f.BeforeSeq)
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 500 {
			v.Add("limit", "range", "Kies een aantal tussen 1 en 500.")
		}
		f.Limit = n
	}
	return f, v.Err()
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	f, err := s.auditFilter(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	entries, err := s.db.ListAudit(r.Context(), actor(r), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": nonNil(entries)})
}

func (s *Server) apiPersonAccesses(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	before, limit, err := personAccessesPaging(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	page, err := s.db.PersonAccesses(r.Context(), actor(r), id, before, limit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var next *int64 // null on the last page: never a silent cut
	if page.Next != 0 {
		next = &page.Next
	}
	writeJSON(w, http.StatusOK, map[string]any{"person_id": id, "entries": nonNil(page.Entries), "next_before": next})
}

// personAccessesPaging reads the before cursor and the page size of "who
// looked at my file".
func personAccessesPaging(r *http.Request) (before int64, limit int, err error) {
	q := r.URL.Query()
	var v schakel.Validation
	if s := q.Get("before"); s != "" {
		if before, err = strconv.ParseInt(s, 10, 64); err != nil || before < 1 {
			v.Add("before", "format", "Vul een positief geheel getal in.")
		}
	}
	if s := q.Get("limit"); s != "" {
		if limit, err = strconv.Atoi(s); err != nil || limit < 1 || limit > storage.PersonAccessesMaxPageSize {
			v.Add("limit", "range", "Kies een aantal tussen 1 en "+strconv.Itoa(storage.PersonAccessesMaxPageSize)+".")
		}
	}
	if err := v.Err(); err != nil {
		return 0, 0, err
	}
	return before, limit, nil
}

// nonNil makes empty lists encode as [] instead of null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
