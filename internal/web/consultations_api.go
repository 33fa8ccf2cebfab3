package web

// Consultations in the JSON API: planning, the agenda, attendance,
// participants, moving, cancelling and the calendar invitation.

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

func (s *Server) apiConsultation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	c, err := s.db.Consultation(r.Context(), withEmergency(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) apiInviteICS(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	// Reading the consultation checks access and audits it.
	if _, err := s.db.Consultation(r.Context(), actor(r), id); err != nil {
		s.apiError(w, r, err)
		return
	}
	msgs, err := s.db.OutboxFor(r.Context(), actor(r).Professional.ID, 200)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	uid := fmt.Sprintf("UID:consultation-%d@schakel", id)
	for _, m := range msgs {
		if strings.Contains(m.ICS, uid) {
			method := "REQUEST"
			if strings.Contains(m.ICS, "METHOD:CANCEL") {
				method = "CANCEL"
			}
			w.Header().Set("Content-Type", "text/calendar; charset=utf-8; method="+method)
			w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="crisisoverleg-%d.ics"`, id))
			_, _ = w.Write([]byte(m.ICS))
			return
		}
	}
	s.apiError(w, r, schakel.Errorf(schakel.ENOTFOUND, "U bent niet uitgenodigd voor dit overleg."))
}

func (s *Server) apiCreateConsultation(w http.ResponseWriter, r *http.Request) {
	var in plan.ConsultationInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	c, err := s.db.CreateConsultation(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/consultations/"+strconv.FormatInt(c.ID, 10))
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) apiAttendance(w http.ResponseWriter, r *http.Request) {
	var in storage.AttendanceInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	c, err := s.db.RecordAttendance(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) apiAgendaItem(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Text string `json:"text"`
	}
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	c, err := s.db.AddAgendaItem(r.Context(), actor(r), id, in.Text)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) apiConsultationParticipant(w http.ResponseWriter, r *http.Request) {
	var in plan.Invite
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	c, err := s.db.AddConsultationParticipant(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) apiMoveConsultation(w http.ResponseWriter, r *http.Request) {
	s.apiChangeConsultation(w, r, s.db.MoveConsultation)
}

func (s *Server) apiCancelConsultation(w http.ResponseWriter, r *http.Request) {
	s.apiChangeConsultation(w, r, s.db.CancelConsultation)
}

// apiChangeConsultation moves or cancels a consultation: 200 with the
// consultation and its changes.
func (s *Server) apiChangeConsultation(w http.ResponseWriter, r *http.Request,
	change func(context.Context, *schakel.Actor, int64, plan.ConsultationChange) (schakel.Consultation, error)) {
	var in plan.ConsultationChange
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	c, err := change(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}
