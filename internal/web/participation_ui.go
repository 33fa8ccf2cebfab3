package web

// The organisations page's forms: an organisation joins, changes role,
// takes over regie or exits; an expert added; the Raad's decision.

import (
	"net/http"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/plan"
)

func (s *Server) postParticipation(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "join")
	if err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	v := f.Values
	in := schakel.ParticipationInput{OrganisationID: formInt(v, "organisation_id"), Role: schakel.ParticipationRole(v.Get("role")),
		ContactProfessionalID: formInt(v, "contact_professional_id"), Reason: v.Get("reason")}
	if _, err := s.app.AddParticipation(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	done(w, r, casePath(id, "/organisaties"), "organisatie")
}

func (s *Server) postRole(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "role")
	if err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	v := f.Values
	in := plan.RoleChange{Role: schakel.ParticipationRole(v.Get("role")), Reason: v.Get("reason")}
	org := formInt(v, "organisation_id")
	if org <= 0 {
		f.apply(&schakel.Error{Code: schakel.EINVALID, Message: "Kies een organisatie.",
			Fields: []schakel.FieldError{{Field: "organisation_id", Code: "required", Message: "Kies de organisatie."}}})
		s.workspacePage(w, r, http.StatusUnprocessableEntity, id, "participations.html", f)
		return
	}
	if _, err := s.app.ChangeRole(r.Context(), actor(r), id, org, in); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	done(w, r, casePath(id, "/organisaties"), "rol")
}

func (s *Server) postRegie(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "regie")
	if err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	v := f.Values
	in := plan.Handover{ToOrganisationID: formInt(v, "organisation_id"), Reason: v.Get("reason"), FormerRole: schakel.ParticipationRole(v.Get("former_role"))}
	if _, err := s.app.HandoverRegie(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	done(w, r, casePath(id, "/organisaties"), "regie")
}

func (s *Server) postExpert(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "expert")
	if err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	v := f.Values
	in := schakel.ExpertInput{ProfessionalID: formInt(v, "professional_id"), Expertise: v.Get("expertise"), Reason: v.Get("reason")}
	if _, err := s.app.AddExpert(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	done(w, r, casePath(id, "/organisaties"), "deskundige")
}

func (s *Server) postDecision(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "decision")
	if err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	v := f.Values
	if _, err := s.app.RecordDecision(r.Context(), actor(r), id, app.DecisionInput{Kind: v.Get("kind"), Reason: v.Get("reason")}); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	done(w, r, casePath(id, "/organisaties"), "besluit")
}

func (s *Server) postExit(w http.ResponseWriter, r *http.Request) {
	org, err := pathID(r, "oid")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	id, f, err := readForm(w, r, "exit")
	if err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	v := f.Values
	if _, err := s.app.ExitCase(r.Context(), actor(r), id, org, plan.ExitInput{Handover: v.Get("handover"), NextSteps: v.Get("next_steps")}); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	// The organisation is off the case: what remains is its own record.
	http.Redirect(w, r, casePath(id, "/eigen-inbreng?ok=uitgestapt"), http.StatusSeeOther)
}
