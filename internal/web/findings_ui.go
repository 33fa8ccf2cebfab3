package web

// The findings page's forms: a finding, a safety scale, a conversation.

import (
	"net/http"
	"strconv"
	"strings"

	"schakel/internal/app"
	"schakel/internal/plan"
)

func (s *Server) postFinding(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "finding")
	if err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	v := f.Values
	in := app.FindingInput{Column: v.Get("column"), Text: v.Get("text"), ConsultationID: formInt(v, "consultation_id")}
	if _, err := s.app.AddFinding(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	done(w, r, casePath(id, "/bevindingen"), "bevinding")
}

func (s *Server) postScale(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "scale")
	if err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	v := f.Values
	in := app.ScaleInput{Reason: v.Get("reason"), ConsultationID: formInt(v, "consultation_id")}
	if n, err := strconv.Atoi(strings.TrimSpace(v.Get("value"))); err == nil {
		in.Value = &n
	}
	if _, err := s.app.AddSafetyScale(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	done(w, r, casePath(id, "/bevindingen"), "schaal")
}

func (s *Server) postConversation(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "conversation")
	if err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	v := f.Values
	in := plan.ConversationInput{HeldAt: localToRFC3339(v.Get("held_at")), Joint: v.Get("joint") != "", ProfessionalIDs: formInts(v, "professional_ids"),
		PersonIDs: formInts(v, "person_ids"), Others: v.Get("others"), Summary: v.Get("summary")}
	if _, err := s.app.AddConversation(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	done(w, r, casePath(id, "/bevindingen"), "gesprek")
}
