package web

// The action plan's forms: an action added or changed, the plan agreed and
// reviewed.

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"schakel/internal/app"
	"schakel/internal/plan"
)

// ownerOf finds the organisation of the chosen owner (the form names the
// person; the organisation follows).
func (s *Server) ownerOf(r *http.Request, proID int64) int64 {
	if proID <= 0 {
		return 0
	}
	p, err := s.app.Professional(r.Context(), actor(r), proID)
	if err != nil {
		return 0
	}
	return p.Organisation.ID
}

func (s *Server) postAction(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "action")
	if err != nil {
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	v := f.Values
	owner := formInt(v, "owner")
	in := plan.ActionInput{Title: v.Get("title"), Kind: v.Get("kind"), DueDate: strings.TrimSpace(v.Get("due_date")),
		OwnerProfessionalID: owner, OwnerOrganisationID: s.ownerOf(r, owner), ExpectedVersion: formInt(v, "version")}
	if fw := v.Get("for"); fw != "" {
		in.For = &fw
	}
	if _, err := s.app.AddAction(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	done(w, r, casePath(id, "/plan"), "actie")
}

func (s *Server) postActionChange(w http.ResponseWriter, r *http.Request) {
	aid, err := pathID(r, "aid")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	id, f, err := readForm(w, r, fmt.Sprintf("change-%d", aid))
	if err != nil {
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	v := f.Values
	ch := plan.ActionChange{Version: formInt(v, "version")}
	if st := v.Get("status"); st != "" {
		ch.Status = &st
	}
	if owner := formInt(v, "owner"); owner > 0 {
		org := s.ownerOf(r, owner)
		ch.OwnerProfessionalID, ch.OwnerOrganisationID = &owner, &org
	}
	if d := strings.TrimSpace(v.Get("due_date")); d != "" {
		ch.DueDate = &d
	}
	if _, err := s.app.UpdateAction(r.Context(), actor(r), id, aid, ch); err != nil {
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	done(w, r, casePath(id, "/plan"), "actie-wijzig")
}

func (s *Server) postAgreePlan(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "agree")
	if err != nil {
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	v := f.Values
	in := plan.AgreeInput{ConsultationID: formInt(v, "consultation_id"), ReviewDate: strings.TrimSpace(v.Get("review_date")),
		Version: formInt(v, "version"), RegieConsent: v.Get("regie_consent"), DryRun: v.Get("bevestigd") != "1"}
	_, err = s.app.AgreePlan(r.Context(), actor(r), id, in)
	if in.DryRun && errors.Is(err, app.ErrAgreeChecked) {
		// Everything is in order: show what will be agreed, and ask.
		f.Confirming = true
		s.workspacePage(w, r, http.StatusOK, id, "plan.html", f)
		return
	}
	if err != nil {
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	done(w, r, casePath(id, "/plan"), "vastgesteld")
}

func (s *Server) postReviewPlan(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "review")
	if err != nil {
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	v := f.Values
	in := plan.ReviewInput{ConsultationID: formInt(v, "consultation_id"), Checked: v.Get("checked"), Changed: v.Get("changed"), Why: v.Get("why"),
		NextReviewDate: strings.TrimSpace(v.Get("next_review_date")), Version: formInt(v, "version")}
	if _, err := s.app.ReviewPlan(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	done(w, r, casePath(id, "/plan"), "evaluatie")
}
