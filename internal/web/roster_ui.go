package web

// The crisis duty roster page.

import (
	"net/http"
	"strconv"
	"time"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

func (s *Server) rosterPage(w http.ResponseWriter, r *http.Request, status int, form map[string]string, errs []schakel.FieldError) {
	loc := workdays.Location()
	now := s.app.Now().In(loc)
	// Shifts that are over are not listed: who is on duty now and later
	// this week is what a reader needs.
	from := now
	to := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 7)
	shifts, err := s.app.DutyRoster(r.Context(), actor(r), from, to)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	colleagues, err := s.app.Professionals(r.Context(), actor(r), storage.ProfessionalFilter{OrganisationID: actor(r).Professional.Organisation.ID, ActiveOnly: true})
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
	textErr, fatal := textOrFatal(parseForm(w, r))
	if fatal != nil {
		s.pageError(w, r, fatal)
		return
	}
	form := map[string]string{"Start": r.PostForm.Get("start"), "End": r.PostForm.Get("end"), "Professional": r.PostForm.Get("professional_id")}
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
	// Text Schakel cannot keep is said first: it may be why a value did
	// not parse; a field this form checks itself keeps its own message.
	err := mergeInvalid(textErr, v.Err())
	if err == nil {
		_, err = s.app.AddDutyShift(r.Context(), actor(r), pid, start, end)
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
