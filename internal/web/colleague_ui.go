package web

// Asking a colleague along, and answering such a request.

import (
	"net/http"

	"schakel"
	"schakel/internal/plan"
)

func (s *Server) postColleague(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "colleague")
	if err != nil {
		s.formFailed(w, r, id, "colleague.html", f, err)
		return
	}
	v := f.Values
	in := plan.RequestInput{ToProfessionalID: formInt(v, "to_professional_id"), Kind: v.Get("kind"), At: localToRFC3339(v.Get("at")), Message: v.Get("message")}
	if _, err := s.app.AskColleague(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "colleague.html", f, err)
		return
	}
	done(w, r, casePath(id, "/collega"), "collega")
}

func (s *Server) postAnswerColleague(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	decision := r.PostForm.Get("decision")
	if decision != "accept" && decision != "decline" {
		s.pageError(w, r, schakel.Errorf(schakel.EINVALID, "Kies Ja, ik ga mee of Nee."))
		return
	}
	if _, err := s.app.AnswerColleague(r.Context(), actor(r), id, decision == "accept", r.PostForm.Get("answer")); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/?ok=verzoek", http.StatusSeeOther)
}
