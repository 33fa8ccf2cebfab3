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
		app.HolderInput{ProfessionalID: in.ProfessionalID, Position: schakel.HolderPosition(in.Position), Reason: in.Reason})
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
