package web

import "net/http"

// declineInput is the body of POST /api/v1/consultations/{id}/decline.
type declineInput struct {
	Reason string `json:"reason"`
}

// apiDeclineInvitation lets an invitee say they will not take part: 200
// with the consultation. The invitation then no longer gives access.
func (s *Server) apiDeclineInvitation(w http.ResponseWriter, r *http.Request) (any, error) {
	var in declineInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.DeclineInvitation(r.Context(), actor(r), id, in.Reason)
}
