package web

// Cohorts: the page to define them, and tagging a case with one.

import (
	"fmt"
	"net/http"
	"strconv"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/app"
)

func (s *Server) cohortsPage(w http.ResponseWriter, r *http.Request, status int, form app.CohortInput, errs []schakel.FieldError) {
	cs, err := s.app.Cohorts(r.Context(), actor(r), 0)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	regions, err := s.db.Regions(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, rg := range regions {
		names[rg.ID] = rg.Name
	}
	me := actor(r).Professional
	canEdit := access.Decide(access.SubjectOf(me), access.Cohorts, access.Write, access.Context{}).Allowed
	errMap := map[string]string{}
	for _, e := range errs {
		errMap[e.Field] = e.Message
	}
	if form.Kind == "" {
		form.Kind = "cohort"
	}
	notice := ""
	if r.URL.Query().Get("ok") == "toegevoegd" {
		notice = "Toegevoegd. Voeg casussen toe via hun tijdlijn."
	}
	s.render(w, r, status, "cohorts.html", map[string]any{"Cohorts": cs, "Regions": names, "CanEdit": canEdit, "Form": form, "Errors": errMap, "Notice": notice})
}

func (s *Server) pageCohorts(w http.ResponseWriter, r *http.Request) {
	s.cohortsPage(w, r, http.StatusOK, app.CohortInput{}, nil)
}

func (s *Server) postCohort(w http.ResponseWriter, r *http.Request) {
	err, fatal := textOrFatal(parseForm(w, r))
	if fatal != nil {
		s.pageError(w, r, fatal)
		return
	}
	in := app.CohortInput{Name: r.PostForm.Get("name"), Kind: r.PostForm.Get("kind"), Description: r.PostForm.Get("description")}
	if err == nil {
		_, err = s.app.CreateCohort(r.Context(), actor(r), in)
	}
	if c := schakel.ErrorCode(err); c == schakel.EINVALID || c == schakel.ECONFLICT {
		s.cohortsPage(w, r, StatusOf(err), in, schakel.FieldErrors(err))
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/cohorten?ok=toegevoegd", http.StatusSeeOther)
}

func (s *Server) postCaseCohort(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	var cohort int64
	if err == nil {
		cohort, _ = strconv.ParseInt(r.PostForm.Get("cohort_id"), 10, 64)
		if cohort <= 0 {
			err = schakel.Errorf(schakel.EINVALID, "Kies een cohort.")
		}
	}
	if err == nil {
		err = s.app.TagCase(r.Context(), actor(r), id, cohort, r.PostForm.Get("action") != "remove")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d/tijdlijn?ok=cohort#cohorten", id), http.StatusSeeOther)
}
