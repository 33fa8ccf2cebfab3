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
)

func (s *Server) apiConsultation(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	c, err := s.app.Consultation(r.Context(), withEmergency(r), id)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (s *Server) apiInviteICS(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	ics, err := s.app.InvitationICS(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	method := "REQUEST"
	if strings.Contains(ics, "METHOD:CANCEL") {
		method = "CANCEL"
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8; method="+method)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="crisisoverleg-%d.ics"`, id))
	if _, err := w.Write([]byte(ics)); err != nil {
		s.log.Warn("write calendar invitation", "err", err)
	}
	return answered, nil
}

func (s *Server) apiCreateConsultation(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.ConsultationInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	c, err := s.app.CreateConsultation(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	w.Header().Set("Location", "/api/v1/consultations/"+strconv.FormatInt(c.ID, 10))
	return created(c), nil
}

func (s *Server) apiAttendance(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.AttendanceInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	c, err := s.app.RecordAttendance(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (s *Server) apiAgendaItem(w http.ResponseWriter, r *http.Request) (any, error) {
	var in struct {
		Text string `json:"text"`
	}
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	c, err := s.app.AddAgendaItem(r.Context(), actor(r), id, in.Text)
	if err != nil {
		return nil, err
	}
	return created(c), nil
}

func (s *Server) apiConsultationParticipant(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.Invite
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	c, err := s.app.AddConsultationParticipant(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(c), nil
}

func (s *Server) apiMoveConsultation(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.apiChangeConsultation(w, r, s.app.MoveConsultation)
}

func (s *Server) apiCancelConsultation(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.apiChangeConsultation(w, r, s.app.CancelConsultation)
}

// apiChangeConsultation moves or cancels a consultation: 200 with the
// consultation and its changes.
func (s *Server) apiChangeConsultation(w http.ResponseWriter, r *http.Request,
	change func(context.Context, *schakel.Actor, int64, plan.ConsultationChange) (schakel.Consultation, error)) (any, error) {
	var in plan.ConsultationChange
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	c, err := change(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return c, nil
}
