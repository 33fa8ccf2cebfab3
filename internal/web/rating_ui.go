package web

// The colour of a case from its page: rating it, the second professional's
// opinion on lowering red, and completing a report's safety assessment.

import (
	"fmt"
	"net/http"

	"schakel"
)

func (s *Server) postRateCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var textErr error
	if err == nil {
		textErr, err = textOrFatal(parseForm(w, r))
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := caseForm{Color: r.PostForm.Get("color"), Reason: r.PostForm.Get("reason")}
	if textErr == nil {
		textErr = checkRatingReason(f.Reason)
	}
	if textErr != nil {
		s.caseFormError(w, r, id, f, textErr)
		return
	}
	version := formInt(r.PostForm, "version")
	if version <= 0 {
		s.caseFormError(w, r, id, f, schakel.Errorf(schakel.ECONFLICT, "Laad de casus opnieuw en probeer het nog eens."))
		return
	}
	g, _, err := s.app.RateCase(r.Context(), actor(r), id, f.Color, f.Reason, version)
	if err != nil {
		s.caseFormError(w, r, id, f, err)
		return
	}
	ok := "kleur"
	if g.Status == schakel.RatingPendingSecond {
		ok = "kleur-wacht"
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d?ok=%s#kleur", id, ok), http.StatusSeeOther)
}

func (s *Server) postSecondOpinion(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var rid int64
	if err == nil {
		rid, err = pathID(r, "rid")
	}
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	decision := r.PostForm.Get("decision")
	if decision != "approve" && decision != "reject" {
		s.caseFormError(w, r, id, caseForm{}, schakel.Errorf(schakel.EINVALID, "Kies Bevestigen of Afwijzen."))
		return
	}
	if _, err := s.app.ConfirmLowering(r.Context(), actor(r), id, rid, decision == "approve"); err != nil {
		s.caseFormError(w, r, id, caseForm{}, err)
		return
	}
	ok := "tweede-bevestigd"
	if decision == "reject" {
		ok = "tweede-afgewezen"
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d?ok=%s#kleur", id, ok), http.StatusSeeOther)
}

func (s *Server) postAssessmentDone(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	caseID := formInt(r.PostForm, "case_id")
	if err := s.app.CompleteAssessment(r.Context(), actor(r), id); err != nil {
		if caseID > 0 {
			s.caseFormError(w, r, caseID, caseForm{}, err)
		} else {
			s.pageError(w, r, err)
		}
		return
	}
	if caseID <= 0 {
		http.Redirect(w, r, "/?ok=beoordeeld", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d?ok=beoordeeld#melding-%d", caseID, id), http.StatusSeeOther)
}
