package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	me := actor(r).Professional
	until, onDuty := s.dutyUntil(r, me.ID)
	data := map[string]any{"OnDuty": onDuty, "OnDutyUntil": until}
	s.worklistData(r, data) // intake_ui.go: the work list with its filters
	s.render(w, r, http.StatusOK, "home.html", data)
}

// requireRole refuses a screen to someone without role before any data is
// read, and audits the refusal; storage checks again on every write.
func (s *Server) requireRole(r *http.Request, role schakel.Role, message string) error {
	if !actor(r).Professional.HasRole(role) {
		return s.refuse(r, "screen", r.URL.Path, message)
	}
	return nil
}

const adminOnly = "Alleen een beheerder kan medewerkers en organisaties beheren."

func (s *Server) pageProfessionals(w http.ResponseWriter, r *http.Request) {
	if err := s.requireRole(r, schakel.RoleAdmin, adminOnly); err != nil {
		s.pageError(w, r, err)
		return
	}
	ps, err := s.db.ListProfessionals(r.Context(), storage.ProfessionalFilter{OrganisationID: actor(r).Professional.Organisation.ID})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "professionals.html", map[string]any{"Professionals": ps, "Notice": notice(r)})
}

func notice(r *http.Request) string {
	switch r.URL.Query().Get("ok") {
	case "opgeslagen":
		return "De wijzigingen zijn opgeslagen."
	case "toegevoegd":
		return "Toegevoegd."
	case "status":
		return "De status van het account is gewijzigd."
	}
	return ""
}

type professionalForm struct {
	Name, Email, Team, Phone string
	Roles, Expertises        []string
}

func (s *Server) professionalFormPage(w http.ResponseWriter, r *http.Request, status int, id int64, active bool, f professionalForm, errs []schakel.FieldError) {
	s.render(w, r, status, "professional_form.html", map[string]any{
		"ID": id, "Active": active, "Form": f, "Errors": errs, "Notice": notice(r),
		"AllRoles": schakel.Roles, "AllExpertises": schakel.Expertises,
	})
}

func (s *Server) pageNewProfessional(w http.ResponseWriter, r *http.Request) {
	if err := s.requireRole(r, schakel.RoleAdmin, adminOnly); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.professionalFormPage(w, r, http.StatusOK, 0, true, professionalForm{}, nil)
}

func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return formError(err, 1<<20)
	}
	return nil
}

// formError turns a form parsing error into a 413 for an oversized body and
// a 400 otherwise.
func formError(err error, limit int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return schakel.Errorf(schakel.ETOOLARGE, "Het formulier is groter dan %d kB.", limit>>10)
	}
	return schakel.Errorf(schakel.EMALFORMED, "Het formulier kon niet worden gelezen.")
}

func formOf(r *http.Request) professionalForm {
	return professionalForm{Name: r.PostForm.Get("name"), Email: r.PostForm.Get("email"), Team: r.PostForm.Get("team"),
		Phone: r.PostForm.Get("phone"), Roles: r.PostForm["roles"], Expertises: r.PostForm["expertises"]}
}

func (f professionalForm) body() professionalBody {
	b := professionalBody{Name: f.Name, Email: f.Email, Team: f.Team, Phone: f.Phone}
	for _, v := range f.Roles {
		b.Roles = append(b.Roles, schakel.Role(v))
	}
	for _, v := range f.Expertises {
		b.Expertises = append(b.Expertises, schakel.Expertise(v))
	}
	return b
}

func (s *Server) postNewProfessional(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formOf(r)
	b := f.body()
	b.OrganisationID = actor(r).Professional.Organisation.ID
	b.Password = r.PostForm.Get("password")
	id, err := s.createProfessional(r, b)
	if code := schakel.ErrorCode(err); code == schakel.EINVALID || code == schakel.ECONFLICT {
		// Show the form again with everything typed (except the password).
		s.professionalFormPage(w, r, StatusOf(err), 0, true, f, fieldsOrMessage(err))
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/medewerkers/"+strconv.FormatInt(id, 10)+"?ok=toegevoegd", http.StatusSeeOther)
}

func fieldsOrMessage(err error) []schakel.FieldError {
	if f := schakel.FieldErrors(err); len(f) > 0 {
		return f
	}
	return []schakel.FieldError{{Field: "name", Message: schakel.ErrorMessage(err)}}
}

func (s *Server) pageEditProfessional(w http.ResponseWriter, r *http.Request) {
	if err := s.requireRole(r, schakel.RoleAdmin, adminOnly); err != nil {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := s.db.Professional(r.Context(), id)
	if err == nil && p.Organisation.ID != actor(r).Professional.Organisation.ID {
		err = s.refuse(r, "professional", strconv.FormatInt(id, 10), "Deze medewerker hoort bij een andere organisatie.")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := professionalForm{Name: p.Name, Email: p.Email, Team: p.Team, Phone: p.Phone}
	for _, x := range p.Roles {
		f.Roles = append(f.Roles, string(x))
	}
	for _, x := range p.Expertises {
		f.Expertises = append(f.Expertises, string(x))
	}
	s.professionalFormPage(w, r, http.StatusOK, p.ID, p.Active, f, nil)
}

func (s *Server) postEditProfessional(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formOf(r)
	b := f.body()
	err = s.db.Update(r.Context(), func(tx *storage.Tx) error {
		return tx.UpdateProfessional(actor(r), id, storage.ProfessionalInput{Name: b.Name, Team: b.Team, Phone: b.Phone, Roles: b.Roles, Expertises: b.Expertises})
	})
	if schakel.ErrorCode(err) == schakel.EINVALID {
		p, perr := s.db.Professional(r.Context(), id)
		if perr != nil {
			s.pageError(w, r, perr)
			return
		}
		f.Email = p.Email
		s.professionalFormPage(w, r, StatusOf(err), id, p.Active, f, schakel.FieldErrors(err))
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/medewerkers/"+strconv.FormatInt(id, 10)+"?ok=opgeslagen", http.StatusSeeOther)
}

func (s *Server) postProfessionalStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err == nil {
		active := r.PostForm.Get("active") == "1"
		err = s.db.Update(r.Context(), func(tx *storage.Tx) error { return tx.SetProfessionalActive(actor(r), id, active) })
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/medewerkers/"+strconv.FormatInt(id, 10)+"?ok=status", http.StatusSeeOther)
}

func (s *Server) organisationsPage(w http.ResponseWriter, r *http.Request, status int, form map[string]string, errs []schakel.FieldError) {
	orgs, err := s.db.Organisations(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "organisations.html", map[string]any{"Organisations": orgs, "Kinds": schakel.OrganisationKinds,
		"Form": form, "Errors": errs, "Notice": notice(r)})
}

func (s *Server) pageOrganisations(w http.ResponseWriter, r *http.Request) {
	if err := s.requireRole(r, schakel.RoleAdmin, adminOnly); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.organisationsPage(w, r, http.StatusOK, map[string]string{"Name": "", "Kind": ""}, nil)
}

func (s *Server) postOrganisation(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	form := map[string]string{"Name": r.PostForm.Get("name"), "Kind": r.PostForm.Get("kind")}
	_, err := s.createOrganisation(r, form["Name"], schakel.OrganisationKind(form["Kind"]))
	if code := schakel.ErrorCode(err); code == schakel.EINVALID || code == schakel.ECONFLICT {
		s.organisationsPage(w, r, StatusOf(err), form, fieldsOrMessage(err))
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/organisaties?ok=toegevoegd", http.StatusSeeOther)
}

func (s *Server) rosterPage(w http.ResponseWriter, r *http.Request, status int, form map[string]string, errs []schakel.FieldError) {
	loc := workdays.Location()
	now := s.db.Now().In(loc)
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	to := from.AddDate(0, 0, 7)
	shifts, err := s.db.DutyRoster(r.Context(), from, to)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	colleagues, err := s.db.ListProfessionals(r.Context(), storage.ProfessionalFilter{OrganisationID: actor(r).Professional.Organisation.ID, ActiveOnly: true})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "roster.html", map[string]any{"From": from, "To": to, "Shifts": shifts, "Colleagues": colleagues,
		"Form": form, "Errors": errs, "Notice": notice(r)})
}

func (s *Server) pageRoster(w http.ResponseWriter, r *http.Request) {
	s.rosterPage(w, r, http.StatusOK, map[string]string{}, nil)
}

func (s *Server) postRoster(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	form := map[string]string{"Start": r.PostForm.Get("start"), "End": r.PostForm.Get("end")}
	var v schakel.Validation
	loc := workdays.Location()
	start, err1 := time.ParseInLocation("2006-01-02T15:04", form["Start"], loc)
	if err1 != nil {
		v.Add("start", "format", "Vul een geldige begintijd in.")
	}
	end, err2 := time.ParseInLocation("2006-01-02T15:04", form["End"], loc)
	if err2 != nil {
		v.Add("end", "format", "Vul een geldige eindtijd in.")
	}
	pid, err3 := strconv.ParseInt(r.PostForm.Get("professional_id"), 10, 64)
	if err3 != nil {
		v.Add("professional_id", "required", "Kies een medewerker.")
	}
	err := v.Err()
	if err == nil {
		err = s.db.Update(r.Context(), func(tx *storage.Tx) error {
			_, err := tx.AddDutyShift(actor(r), pid, start, end)
			return err
		})
	}
	if schakel.ErrorCode(err) == schakel.EINVALID {
		s.rosterPage(w, r, StatusOf(err), form, schakel.FieldErrors(err))
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/piket?ok=toegevoegd", http.StatusSeeOther)
}

func (s *Server) pageAudit(w http.ResponseWriter, r *http.Request) {
	f, err := s.auditFilter(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	entries, err := s.db.ListAudit(r.Context(), actor(r), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	colleagues, err := s.db.ListProfessionals(r.Context(), storage.ProfessionalFilter{OrganisationID: f.OrganisationID})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "audit.html", map[string]any{"Entries": entries, "Filter": f, "Colleagues": colleagues,
		"Events": []string{audit.EventRead, audit.EventSearch, audit.EventCreate, audit.EventUpdate, audit.EventExport, audit.EventDelete, audit.EventLogin}})
}

func (s *Server) pagePersonAccesses(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	entries, err := s.db.PersonAccessLog(r.Context(), actor(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	orgs, err := s.db.Organisations(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	s.render(w, r, http.StatusOK, "person_accesses.html", map[string]any{"PersonID": id, "Entries": entries, "OrgNames": names})
}

var _ = access.Read
