package web

import (
	"net/http"

	"schakel"
	"schakel/internal/app"
)

// holderInput is the body of POST /api/v1/cases/{id}/holders.
type holderInput struct {
	ProfessionalID int64  `json:"professional_id"`
	Position       string `json:"position"`
	Reason         string `json:"reason"`
	Override       bool   `json:"override"`        // a team lead assigns above the norm
	OverrideReason string `json:"override_reason"` // why, required with override
}

// apiAssignCaseHolder fills or hands over a case holder position: 200
// with the case's current case holders.
func (s *Server) apiAssignCaseHolder(w http.ResponseWriter, r *http.Request) (any, error) {
	var in holderInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.AssignCaseHolder(r.Context(), actor(r), id,
		app.HolderInput{ProfessionalID: in.ProfessionalID, Position: schakel.HolderPosition(in.Position), Reason: in.Reason,
			Override: app.Override{Confirmed: in.Override, Reason: in.OverrideReason}})
}

// handOverInput is the body of POST /api/v1/professionals/{id}/handover.
type handOverInput struct {
	To      int64 `json:"to"`
	PerCase []struct {
		CaseID int64 `json:"case_id"`
		To     int64 `json:"to"`
	} `json:"per_case"`
	Reason         string `json:"reason"`
	Override       bool   `json:"override"`
	OverrideReason string `json:"override_reason"`
}

// apiHandOverAll moves everything a worker holds to colleagues in one
// act (leave, leaving): 200 with what moved.
func (s *Server) apiHandOverAll(w http.ResponseWriter, r *http.Request) (any, error) {
	var in handOverInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	per := map[int64]int64{}
	for _, p := range in.PerCase {
		per[p.CaseID] = p.To
	}
	return s.app.HandOverAll(r.Context(), actor(r), id, app.HandOverInput{To: in.To, PerCase: per, Reason: in.Reason,
		Override: app.Override{Confirmed: in.Override, Reason: in.OverrideReason}})
}

// endHolderInput is the body of POST /api/v1/cases/{id}/holders/{position}/end.
type endHolderInput struct {
	Reason string `json:"reason"`
}

// apiEndCaseHolder leaves a position empty: 200 with the case's current
// case holders.
func (s *Server) apiEndCaseHolder(w http.ResponseWriter, r *http.Request) (any, error) {
	var in endHolderInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.EndCaseHolder(r.Context(), actor(r), id, schakel.HolderPosition(r.PathValue("position")), in.Reason)
}
