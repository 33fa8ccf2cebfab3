package web

// Managing professionals (admin): the list, new, edit, disable and enable.

import (
	"net/http"
	"strconv"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
)

// requireAdmin refuses a screen to non-administrators before any data is
// read; storage checks again on every write.
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
	ps, err := s.app.Professionals(r.Context(), actor(r), storage.ProfessionalFilter{OrganisationID: actor(r).Professional.Organisation.ID})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "professionals.html", map[string]any{"Professionals": ps, "Notice": notice(r)})
}

// notices are the lines shown at the top of a page after a form worked,
// by the ok= value of the redirect: the accounts' (second factor included),
// care by need's and the
// placement-prevention network's.
var notices = map[string]string{
	"opgeslagen":        "De wijzigingen zijn opgeslagen.",
	"toegevoegd":        "Toegevoegd.",
	"status":            "De status van het account is gewijzigd.",
	"verwijderd":        "Verwijderd.",
	"gevraagd":          "De zorgvraag is verstuurd naar de aanbieders die bij deze behoeften helpen. Zij zien geen namen.",
	"gekozen":           "De aanbieder is gekozen en neemt nu deel aan de casus. De andere aanbieders zijn bedankt.",
	"beantwoord":        "Uw antwoord is verstuurd.",
	"aanbod":            "Uw aanbod is opgeslagen.",
	"zorg-start":        "De start van de zorg is vastgelegd.",
	"zorg-end":          "Het einde van de zorg is vastgelegd.",
	"tweede-factor":     "De tweede stap bij inloggen is aangepast.",
	"factor-verwijderd": "De tweede factor is verwijderd en alle sessies van deze medewerker zijn beëindigd. Bij de volgende keer inloggen kan de medewerker een nieuwe app instellen.",
	"ontkoppeld":        "De koppeling met de inlogdienst is verwijderd. Alle sessies en API-tokens van deze medewerker zijn beëindigd.",
	"netwerk":           "U staat in het netwerk. U kunt worden gevraagd voor een plaatsingstafel.",
	"afgemeld":          "U staat niet meer in het netwerk. De plaatsingstafels waar u aan zat, blijven bewaard.",
	"overwogen":         "De plaatsingstafel is gepland. De leden van het netwerk zijn gevraagd.",
	"uitkomst":          "De uitkomst van de plaatsingstafel is vastgelegd.",
	"controle":          "De controle is vastgelegd.",
	"gedeeld":           "De plaatsingstafel staat in de bibliotheek, zonder namen of plaatsen.",
}

// notice is the line at the top after a form worked ("" for none).
func notice(r *http.Request) string { return notices[r.URL.Query().Get("ok")] }

type professionalForm struct {
	Name, Email, Team, Phone string
	EmployeeNumber           string
	Roles, Expertises        []string
}

// newAccount is the form's account before it exists: active, nothing set up.
var newAccount = app.Account{Professional: schakel.Professional{Active: true}}

// professionalFormPage is the account form (acc.ID 0: a new account); a
// linked account offers to undo the link with the organisation's identity
// provider, one with a second factor to remove it.
func (s *Server) professionalFormPage(w http.ResponseWriter, r *http.Request, status int, acc app.Account, f professionalForm, errs []schakel.FieldError) {
	s.render(w, r, status, "professional_form.html", map[string]any{
		"ID": acc.ID, "Active": acc.Active, "Linked": acc.Linked, "HasFactor": acc.HasFactor, "Form": f, "Errors": errs, "Notice": notice(r),
		"AllRoles": schakel.Roles, "AllExpertises": schakel.Expertises,
	})
}

func (s *Server) pageNewProfessional(w http.ResponseWriter, r *http.Request) {
	if err := s.requireRole(r, schakel.RoleAdmin, adminOnly); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.professionalFormPage(w, r, http.StatusOK, newAccount, professionalForm{}, nil)
}

func formOf(r *http.Request) professionalForm {
	return professionalForm{Name: r.PostForm.Get("name"), Email: r.PostForm.Get("email"), Team: r.PostForm.Get("team"),
		Phone: r.PostForm.Get("phone"), EmployeeNumber: r.PostForm.Get("employee_number"), Roles: r.PostForm["roles"], Expertises: r.PostForm["expertises"]}
}

func (f professionalForm) body() professionalBody {
	b := professionalBody{Name: f.Name, Email: f.Email, Team: f.Team, Phone: f.Phone, EmployeeNumber: f.EmployeeNumber}
	for _, v := range f.Roles {
		b.Roles = append(b.Roles, schakel.Role(v))
	}
	for _, v := range f.Expertises {
		b.Expertises = append(b.Expertises, schakel.Expertise(v))
	}
	return b
}

func (s *Server) postNewProfessional(w http.ResponseWriter, r *http.Request) {
	err, fatal := textOrFatal(parseForm(w, r))
	if fatal != nil {
		s.pageError(w, r, fatal)
		return
	}
	f := formOf(r)
	b := f.body()
	b.OrganisationID = actor(r).Professional.Organisation.ID
	b.Password = r.PostForm.Get("password")
	var id int64
	if err == nil {
		id, err = s.createProfessional(r, b)
	}
	if code := schakel.ErrorCode(err); code == schakel.EINVALID || code == schakel.ECONFLICT {
		// Show the form again with everything typed (except the password).
		s.professionalFormPage(w, r, StatusOf(err), newAccount, f, fieldsOrMessage(err))
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/medewerkers/"+strconv.FormatInt(id, 10)+"?ok=toegevoegd", http.StatusSeeOther)
}

func (s *Server) pageEditProfessional(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	acc, err := s.professionalToEdit(r, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := acc.Professional
	f := professionalForm{Name: p.Name, Email: p.Email, Team: p.Team, Phone: p.Phone, EmployeeNumber: p.EmployeeNumber}
	for _, x := range p.Roles {
		f.Roles = append(f.Roles, string(x))
	}
	for _, x := range p.Expertises {
		f.Expertises = append(f.Expertises, string(x))
	}
	s.professionalFormPage(w, r, http.StatusOK, acc, f, nil)
}

// professionalToEdit is an account of the admin's own organisation
// (app.ProfessionalAccount decides and audits).
func (s *Server) professionalToEdit(r *http.Request, id int64) (app.Account, error) {
	if err := s.requireRole(r, schakel.RoleAdmin, adminOnly); err != nil {
		return app.Account{}, err
	}
	return s.app.ProfessionalAccount(r.Context(), actor(r), id)
}

func (s *Server) postEditProfessional(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var textErr error
	if err == nil {
		textErr, err = textOrFatal(parseForm(w, r))
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formOf(r)
	b := f.body()
	err = textErr
	if err == nil {
		err = s.app.UpdateProfessional(r.Context(), actor(r), id, schakel.ProfessionalInput{Name: b.Name, Team: b.Team, Phone: b.Phone,
			EmployeeNumber: b.EmployeeNumber, Roles: b.Roles, Expertises: b.Expertises})
	}
	if code := schakel.ErrorCode(err); code == schakel.EINVALID || code == schakel.ECONFLICT {
		// Only an admin of the professional's organisation sees the form.
		acc, perr := s.professionalToEdit(r, id)
		if perr != nil {
			s.pageError(w, r, perr)
			return
		}
		f.Email = acc.Email
		s.professionalFormPage(w, r, StatusOf(err), acc, f, schakel.FieldErrors(err))
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
		err = s.app.SetProfessionalActive(r.Context(), actor(r), id, active)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/medewerkers/"+strconv.FormatInt(id, 10)+"?ok=status", http.StatusSeeOther)
}
