package web

// Confirming or rejecting a proposed match of a report with a known family.

import (
	"fmt"
	"net/http"

	"schakel"
)

func (s *Server) postDecideMatch(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var mid int64
	if err == nil {
		mid, err = pathID(r, "mid")
	}
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	decision := r.PostForm.Get("decision")
	if decision != "confirm" && decision != "reject" {
		s.caseFormError(w, r, id, caseForm{}, schakel.Errorf(schakel.EINVALID, "Kies Bevestigen of Afwijzen."))
		return
	}
	_, target, err := s.app.DecideMatch(r.Context(), actor(r), mid, decision == "confirm")
	if err != nil {
		s.caseFormError(w, r, id, caseForm{}, err)
		return
	}
	ok := "match-bevestigd"
	if decision == "reject" {
		ok = "match-afgewezen"
		target = id
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d?ok=%s#matches", target, ok), http.StatusSeeOther)
}
