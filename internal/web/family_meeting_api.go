package web

// Planned conversations with the family through the API: a professional
// plans, lists, moves and cancels them (the same use cases as the
// findings page); an invited family member downloads the calendar file
// with their own bearer token (the same use case as /gezin).

import (
	"fmt"
	"net/http"
	"time"

	"schakel"
	"schakel/internal/ics"
	"schakel/internal/plan"
)

// familyMeetingInput is the body of POST /api/v1/cases/{id}/family-meetings.
type familyMeetingInput struct {
	Date            string                       `json:"date"`
	Time            string                       `json:"time"`
	Minutes         int                          `json:"minutes"`
	Location        schakel.ConsultationLocation `json:"location"`
	About           string                       `json:"about"`
	PersonIDs       []int64                      `json:"person_ids"`
	ProfessionalIDs []int64                      `json:"professional_ids"`
}

// meetingMoveInput is the body of .../move: the version the caller saw and
// the new moment.
type meetingMoveInput struct {
	Sequence int                          `json:"sequence"`
	Date     string                       `json:"date"`
	Time     string                       `json:"time"`
	Minutes  int                          `json:"minutes"`
	Location schakel.ConsultationLocation `json:"location"`
}

// meetingCancelInput is the body of .../cancel.
type meetingCancelInput struct {
	Sequence int    `json:"sequence"`
	Reason   string `json:"reason"`
}

// familyMeetingJSON is a planned conversation as the professional sees it.
type familyMeetingJSON struct {
	ID              int64                        `json:"id"`
	CaseID          int64                        `json:"case_id"`
	Sequence        int                          `json:"sequence"`
	StartsAt        string                       `json:"starts_at"`
	Minutes         int                          `json:"minutes"`
	Location        schakel.ConsultationLocation `json:"location"`
	About           string                       `json:"about"`
	PersonIDs       []int64                      `json:"person_ids"`
	ProfessionalIDs []int64                      `json:"professional_ids"`
	PlannedBy       string                       `json:"planned_by"`
	MovedFrom       *string                      `json:"moved_from"`
	Cancelled       bool                         `json:"cancelled"`
	CancelReason    string                       `json:"cancel_reason"`
}

func meetingJSON(m schakel.FamilyMeeting) familyMeetingJSON {
	j := familyMeetingJSON{ID: m.ID, CaseID: m.CaseID, Sequence: m.Sequence, StartsAt: m.StartsAt.UTC().Format(time.RFC3339), Minutes: m.Minutes,
		Location: m.Location, About: m.About, PersonIDs: nonNil(m.PersonIDs), ProfessionalIDs: []int64{}, PlannedBy: m.CreatedBy.Name,
		Cancelled: m.Cancelled(), CancelReason: m.CancelReason}
	for _, p := range m.Professionals {
		j.ProfessionalIDs = append(j.ProfessionalIDs, p.ID)
	}
	if m.MovedFrom != nil {
		at := m.MovedFrom.UTC().Format(time.RFC3339)
		j.MovedFrom = &at
	}
	return j
}

func (s *Server) apiFamilyMeetings(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	ms, err := s.app.CaseFamilyMeetings(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	out := []familyMeetingJSON{}
	for _, m := range ms {
		out = append(out, meetingJSON(m))
	}
	return out, nil
}

func (s *Server) apiPlanFamilyMeeting(w http.ResponseWriter, r *http.Request) (any, error) {
	var in familyMeetingInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	mid, err := s.app.PlanFamilyMeeting(r.Context(), actor(r), id, plan.FamilyMeetingInput{Date: in.Date, Time: in.Time, Minutes: in.Minutes,
		Location: in.Location, About: in.About, PersonIDs: in.PersonIDs, ProfessionalIDs: in.ProfessionalIDs})
	if err != nil {
		return nil, err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/cases/%d/family-meetings", id))
	return created(map[string]int64{"id": mid}), nil
}

func (s *Server) apiMoveFamilyMeeting(w http.ResponseWriter, r *http.Request) (any, error) {
	caseID, mid, err := casePathIDs(r, "meeting_id")
	if err != nil {
		return nil, err
	}
	var in meetingMoveInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	m, err := s.app.MoveFamilyMeeting(r.Context(), actor(r), caseID, mid, in.Sequence,
		plan.MeetingMoveInput{Date: in.Date, Time: in.Time, Minutes: in.Minutes, Location: in.Location})
	if err != nil {
		return nil, err
	}
	return meetingJSON(m), nil
}

func (s *Server) apiCancelFamilyMeeting(w http.ResponseWriter, r *http.Request) (any, error) {
	caseID, mid, err := casePathIDs(r, "meeting_id")
	if err != nil {
		return nil, err
	}
	var in meetingCancelInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	m, err := s.app.CancelFamilyMeeting(r.Context(), actor(r), caseID, mid, in.Sequence, in.Reason)
	if err != nil {
		return nil, err
	}
	return meetingJSON(m), nil
}

// apiFamilyMeetingICS gives an invited family member the calendar file of
// a planned conversation, as /gezin/gesprekken/{id}/agenda.ics does.
func (s *Server) apiFamilyMeetingICS(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	ev, err := s.app.FamilyMeetingCalendar(r.Context(), actor(r), id, apiFamilyLang(w, r))
	if err != nil {
		return nil, err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="gesprek-%d.ics"`, id))
	if _, err := w.Write([]byte(ics.Download(ev))); err != nil {
		s.logFailure(r, "write the calendar file", err)
	}
	return answered, nil
}
