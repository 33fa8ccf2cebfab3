package web

// The JSON API of the joint workspace on a case (issue 4): consultations,
// shared findings, safety scales, conversations, the action plan, the
// Raad's decision, roles, regie, exit, experts, colleague requests,
// minutes and the parents' copy. Routes are in routes.go (apiRoutes).

import (
	"context"
	"net/http"
	"strconv"

	"schakel"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// decodeOptionalJSON decodes a JSON body when there is one.
func (s *Server) decodeOptionalJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if r.ContentLength == 0 {
		return nil
	}
	return s.decodeJSON(w, r, v)
}

// caseAndBody reads the case id and the JSON body.
func (s *Server) caseAndBody(w http.ResponseWriter, r *http.Request, v any) (int64, bool) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.decodeJSON(w, r, v)
	}
	if err != nil {
		s.apiError(w, r, err)
		return 0, false
	}
	return id, true
}

func etag(w http.ResponseWriter, version int64) {
	w.Header().Set("ETag", strconv.Quote(strconv.FormatInt(version, 10)))
}

func (s *Server) apiAddAction(w http.ResponseWriter, r *http.Request) {
	var in plan.ActionInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	v, err := expectedVersion(r, in.ExpectedVersion)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	in.ExpectedVersion = v
	a, err := s.db.AddAction(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, a)
}

func (s *Server) apiUpdateAction(w http.ResponseWriter, r *http.Request) {
	var in plan.ActionChange
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	aid, err := pathID(r, "action_id")
	if err == nil {
		in.Version, err = expectedVersion(r, in.Version)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	a, err := s.db.UpdateAction(r.Context(), actor(r), id, aid, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.db.Plan(r.Context(), withEmergency(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	etag(w, p.Version)
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiAgreePlan(w http.ResponseWriter, r *http.Request) {
	var in plan.AgreeInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	v, err := expectedVersion(r, in.Version)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	in.Version = v
	p, err := s.db.AgreePlan(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	etag(w, p.Version)
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiReviewPlan(w http.ResponseWriter, r *http.Request) {
	var in plan.ReviewInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	v, err := expectedVersion(r, in.Version)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	in.Version = v
	p, err := s.db.ReviewPlan(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	etag(w, p.Version)
	writeJSON(w, http.StatusCreated, p)
}

func (s *Server) apiWorkspace(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ws, err := s.db.Workspace(r.Context(), withEmergency(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	etag(w, ws.Plan.Version)
	writeJSON(w, http.StatusOK, ws)
}

func (s *Server) apiAddFinding(w http.ResponseWriter, r *http.Request) {
	var in storage.FindingInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	f, err := s.db.AddFinding(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, f)
}

func (s *Server) apiSafetyScale(w http.ResponseWriter, r *http.Request) {
	var in storage.ScaleInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	sc, err := s.db.AddSafetyScale(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, sc)
}

func (s *Server) apiConversation(w http.ResponseWriter, r *http.Request) {
	var in plan.ConversationInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	c, err := s.db.AddConversation(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) apiDecision(w http.ResponseWriter, r *http.Request) {
	var in storage.DecisionInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	d, err := s.db.RecordDecision(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, d)
}

func (s *Server) apiAddParticipation(w http.ResponseWriter, r *http.Request) {
	var in storage.ParticipationInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	ps, err := s.db.AddParticipation(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"participations": ps})
}

func (s *Server) apiChangeRole(w http.ResponseWriter, r *http.Request) {
	var in plan.RoleChange
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	org, err := pathID(r, "organisation_id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ps, err := s.db.ChangeRole(r.Context(), actor(r), id, org, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"participations": ps})
}

func (s *Server) apiExit(w http.ResponseWriter, r *http.Request) {
	var in plan.ExitInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	org, err := pathID(r, "organisation_id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ev, err := s.db.ExitCase(r.Context(), actor(r), id, org, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ev)
}

func (s *Server) apiRegie(w http.ResponseWriter, r *http.Request) {
	var in plan.Handover
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	ps, err := s.db.HandoverRegie(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"participations": ps})
}

func (s *Server) apiAddExpert(w http.ResponseWriter, r *http.Request) {
	var in storage.ExpertInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	ex, err := s.db.AddExpert(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, ex)
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

func (s *Server) apiMinutes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	c, ws, err := s.db.ConsultationWorkspace(r.Context(), withEmergency(r), id, "minutes")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	m, _ := plan.MinutesOf(c, ws, id)
	writeJSON(w, http.StatusOK, m)
}

func (s *Server) apiFamilySummary(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	c, ws, err := s.db.CaseWorkspace(r.Context(), actor(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, plan.FamilySummaryOf(c, ws, s.db.Now(), workdays.Location()))
}

func (s *Server) apiOwnRecord(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rec, err := s.db.OwnRecordOf(r.Context(), actor(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rec)
}

func (s *Server) apiAskColleague(w http.ResponseWriter, r *http.Request) {
	var in plan.RequestInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	req, err := s.db.AskColleague(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, req)
}

func (s *Server) apiAnswerColleague(accept bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		var in struct {
			Answer string `json:"answer"`
		}
		if err == nil {
			err = s.decodeOptionalJSON(w, r, &in)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		req, err := s.db.AnswerColleague(r.Context(), actor(r), id, accept, in.Answer)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, req)
	}
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
